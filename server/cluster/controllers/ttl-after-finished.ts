// The TTL-after-finished controller: a finished Job (Complete or Failed) with
// spec.ttlSecondsAfterFinished is deleted (Foreground, so its pods go first) once that many seconds
// have passed since it finished.
import { Reconciler, splitKey, isNotFound, type Ctx } from './framework.ts';
import type { KObject } from '../kinds/types.ts';

const JOBS = 'batch/v1/jobs';

/** When the job finished: its Complete/Failed condition's transition time (or completionTime). */
function finishedAt(job: KObject): number | undefined {
  const c = (job.status?.conditions ?? []).find((x: any) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
  if (!c) return undefined;
  const t = Date.parse(c.lastTransitionTime ?? job.status?.completionTime ?? '');
  return Number.isNaN(t) ? undefined : t;
}

export function startTTLAfterFinished(ctx: Ctx): { stop(): void } {
  const rec = new Reconciler(ctx, {
    name: 'ttl-after-finished',
    watch: ['/registry/jobs/'],
    reconcile: async (key) => {
      const [ns, name] = splitKey(key);
      const job = ctx.client.get(JOBS, ns, name);
      const ttl = job?.spec?.ttlSecondsAfterFinished;
      if (!job || ttl == null || job.metadata?.deletionTimestamp) return;
      const at = finishedAt(job);
      if (at === undefined) return;
      const left = at + ttl * 1000 - ctx.clock.ms();
      if (left > 0) return { requeueAfter: left };
      try {
        await ctx.client.delete(JOBS, ns, name, { propagationPolicy: 'Foreground', preconditions: { uid: job.metadata!.uid, resourceVersion: job.metadata!.resourceVersion } });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    },
  }).start();
  return { stop: () => rec.stop() };
}
