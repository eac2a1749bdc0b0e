// The pod garbage collector (kube-controller-manager's podgc), orphaned pods only: a pod bound to
// a node that no longer exists is marked with the DisruptionTarget condition (DeletionByPodGC)
// and force-deleted, after upstream's quarantine period.
import { isNotFound, type Ctx } from './framework.ts';
import { clone } from '../api/rest.ts';
import { nowIso } from './workload-util.ts';

const PERIOD = 20_000;
const QUARANTINE = 40_000;

export function startPodGC(ctx: Ctx): { stop(): void } {
  /** Nodes first seen missing at, by name. */
  const missingSince = new Map<string, number>();
  let busy = false;

  const sweep = async () => {
    if (busy) return;
    busy = true;
    try {
      const nodes = new Set(ctx.client.list('v1/nodes').map((n) => n.metadata!.name));
      const now = ctx.clock.ms();
      for (const n of [...missingSince.keys()]) if (nodes.has(n)) missingSince.delete(n);
      for (const p of ctx.client.list('v1/pods')) {
        const node = p.spec?.nodeName;
        if (!node || nodes.has(node)) continue;
        const since = missingSince.get(node) ?? now;
        missingSince.set(node, since);
        if (now - since < QUARANTINE) continue;
        const ns = p.metadata!.namespace;
        try {
          if (p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed') {
            const next = clone(p);
            next.status = { ...(next.status ?? {}) };
            next.status.conditions = [...(next.status.conditions ?? []).filter((c: any) => c.type !== 'DisruptionTarget'),
              { type: 'DisruptionTarget', status: 'True', lastTransitionTime: nowIso(ctx), reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' }];
            next.status.phase = 'Failed';
            await ctx.client.updateStatus('v1/pods', next).catch(() => undefined);
          }
          await ctx.client.delete('v1/pods', ns, p.metadata!.name, { gracePeriodSeconds: 0, preconditions: { uid: p.metadata!.uid } });
          ctx.log(`podgc: deleted orphaned pod ${ns}/${p.metadata!.name} (node ${node} is gone)`);
        } catch (e) {
          if (!isNotFound(e)) ctx.log(`podgc: ${ns}/${p.metadata!.name}: ${(e as Error).message}`);
        }
      }
    } finally {
      busy = false;
    }
  };

  const timer = ctx.clock.every(PERIOD, () => void sweep());
  return { stop: () => timer.cancel() };
}
