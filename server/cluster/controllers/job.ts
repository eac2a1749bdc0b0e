// The Job controller, after kube-controller-manager's: pods from the template (NonIndexed or
// Indexed), counted through the `batch.kubernetes.io/job-tracking` finalizer and
// status.uncountedTerminatedPods; parallelism and completions; backoffLimit with exponential
// back-off between retries; activeDeadlineSeconds; podFailurePolicy (FailJob/Ignore/Count);
// suspend; the interim SuccessCriteriaMet/FailureTarget conditions, then Complete/Failed.
import type { KObject } from '../kinds/types.ts';
import { Reconciler, splitKey, isNotFound, type Ctx } from './framework.ts';
import { clone } from '../api/rest.ts';
import {
  ownerIndex, claim, selectorOf, selects, isTerminal, isReady, podFromTemplate, slowStart, emit, errorText, controllerRef, nowIso, type OwnerRef,
} from './workload-util.ts';

const COMPONENT = 'job-controller';
const JOBS = 'batch/v1/jobs';
const TRACKING = 'batch.kubernetes.io/job-tracking';
const INDEX_KEY = 'batch.kubernetes.io/job-completion-index';
const BACKOFF_BASE = 10_000;
const BACKOFF_MAX = 10 * 60_000;
const BURST = 500;

const MSG_BACKOFF = 'Job has reached the specified backoff limit';
const MSG_DEADLINE = 'Job was active longer than specified deadline';
const MSG_COMPLETE = 'Reached expected number of succeeded pods';

function cond(job: KObject, type: string): any {
  return (job.status?.conditions ?? []).find((c: any) => c.type === type && c.status === 'True');
}

export function isFinished(job: KObject): boolean {
  return !!(cond(job, 'Complete') || cond(job, 'Failed'));
}

/** "1,3-5,7" ⇄ sets of indexes, as status.completedIndexes writes them. */
export function parseIndexes(s: string | undefined): Set<number> {
  const out = new Set<number>();
  for (const part of (s ?? '').split(',')) {
    if (!part) continue;
    const [a, b] = part.split('-').map(Number);
    for (let i = a; i <= (b ?? a); i++) out.add(i);
  }
  return out;
}

export function formatIndexes(set: Set<number>): string {
  const xs = [...set].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < xs.length;) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j] + 1) j++;
    parts.push(j === i ? String(xs[i]) : `${xs[i]}-${xs[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

const indexOf = (p: KObject): number | undefined => {
  const v = p.metadata?.annotations?.[INDEX_KEY] ?? p.metadata?.labels?.[INDEX_KEY];
  return v === undefined || !/^\d+$/.test(v) ? undefined : Number(v);
};

/** Which podFailurePolicy rule (if any) a failed pod matches: its action and the message to report. */
function matchFailurePolicy(job: KObject, pod: KObject): { action: string; message: string } | undefined {
  const rules: any[] = job.spec?.podFailurePolicy?.rules ?? [];
  const statuses: any[] = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i];
    if (r.onExitCodes) {
      const { containerName, operator, values = [] } = r.onExitCodes;
      for (const cs of statuses) {
        if (containerName && cs.name !== containerName) continue;
        const code = cs.state?.terminated?.exitCode;
        if (code === undefined || code === 0) continue;
        const hit = operator === 'In' ? values.includes(code) : operator === 'NotIn' ? !values.includes(code) : false;
        if (hit) return { action: r.action, message: `Container ${cs.name} for pod ${pod.metadata!.namespace}/${pod.metadata!.name} failed with exit code ${code} matching ${r.action} rule at index ${i}` };
      }
    }
    if (r.onPodConditions) {
      for (const pc of r.onPodConditions) {
        const c = (pod.status?.conditions ?? []).find((x: any) => x.type === pc.type && x.status === (pc.status ?? 'True'));
        if (c) return { action: r.action, message: `Pod ${pod.metadata!.namespace}/${pod.metadata!.name} has condition ${pc.type} matching ${r.action} rule at index ${i}` };
      }
    }
  }
  return undefined;
}

export function startJobController(ctx: Ctx): { stop(): void } {
  const pods = ownerIndex(ctx.store, '/registry/pods/');
  /** Back-off bookkeeping per job uid: failures since the last success and when the last one was seen. */
  const backoff = new Map<string, { failures: number; last: number; seen: Set<string> }>();

  const removeFinalizers = async (list: KObject[]) => {
    await Promise.all(list.map(async (p) => {
      const fins: string[] = p.metadata?.finalizers ?? [];
      if (!fins.includes(TRACKING)) return;
      const cur = ctx.client.get('v1/pods', p.metadata!.namespace, p.metadata!.name);
      if (!cur || cur.metadata!.uid !== p.metadata!.uid) return;
      const next = clone(cur);
      next.metadata!.finalizers = fins.filter((f) => f !== TRACKING);
      if (!next.metadata!.finalizers.length) delete next.metadata!.finalizers;
      await ctx.client.update('v1/pods', next).catch((e) => {
        if (!isNotFound(e)) throw e;
      });
    }));
  };

  const deletePods = async (job: KObject, list: KObject[]) => {
    await Promise.all(list.map(async (p) => {
      try {
        await ctx.client.delete('v1/pods', p.metadata!.namespace, p.metadata!.name, { preconditions: { uid: p.metadata!.uid } });
        emit(ctx, COMPONENT, job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata!.name}`);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }));
  };

  const reconcile = async (key: string) => {
    const [ns, name] = splitKey(key);
    const job0 = ctx.client.get(JOBS, ns, name);
    if (!job0) return;
    const job = clone(job0);
    const uid = job.metadata!.uid;
    const sel = selectorOf(job);
    const all = await claim(ctx, 'v1/pods', job, pods, (p) => selects(sel, p));
    const now = nowIso(ctx);
    const nowMs = ctx.clock.ms();
    const status: any = clone(job.status ?? {});
    const spec = job.spec ?? {};
    const indexed = spec.completionMode === 'Indexed';

    if (isFinished(job)) {
      await removeFinalizers(all);
      return;
    }

    // ---- account for finished pods (finalizer → uncounted → counters) ----
    const unc = status.uncountedTerminatedPods ?? {};
    const uncSucceeded = new Set<string>(unc.succeeded ?? []);
    const uncFailed = new Set<string>(unc.failed ?? []);
    const completed = parseIndexes(status.completedIndexes);
    const tracked = (p: KObject) => (p.metadata?.finalizers ?? []).includes(TRACKING);
    let newFailure = false;
    let failJob: string | undefined;
    const toFinish: KObject[] = [];
    for (const p of all) {
      const puid = p.metadata!.uid;
      if (!tracked(p) || uncSucceeded.has(puid) || uncFailed.has(puid)) continue;
      const phase = p.status?.phase;
      if (phase === 'Succeeded') {
        uncSucceeded.add(puid);
        toFinish.push(p);
      } else if (phase === 'Failed' || (p.metadata?.deletionTimestamp && !isTerminal(p))) {
        const rule = phase === 'Failed' ? matchFailurePolicy(job, p) : undefined;
        if (rule?.action === 'Ignore') {
          toFinish.push(p);
          continue;
        }
        if (rule?.action === 'FailJob' && !failJob) failJob = rule.message;
        uncFailed.add(puid);
        newFailure = true;
        toFinish.push(p);
      }
    }
    // 1. record the uids as uncounted, 2. drop the finalizers, 3. move them into the counters
    const recordUncounted = () => {
      status.uncountedTerminatedPods = {};
      if (uncSucceeded.size) status.uncountedTerminatedPods.succeeded = [...uncSucceeded];
      if (uncFailed.size) status.uncountedTerminatedPods.failed = [...uncFailed];
    };
    if (toFinish.length) {
      recordUncounted();
      if (!status.startTime && !spec.suspend) status.startTime = now;
      await ctx.client.updateStatus(JOBS, { ...job, status });
      await removeFinalizers(toFinish);
    }
    // pods whose finalizer is gone (or that are gone) are counted now
    const byUid = new Map(all.map((p) => [p.metadata!.uid, ctx.client.get('v1/pods', p.metadata!.namespace, p.metadata!.name)] as const));
    for (const u of [...uncSucceeded]) {
      const p = byUid.get(u);
      if (p && p.metadata!.uid === u && tracked(p)) continue;
      uncSucceeded.delete(u);
      status.succeeded = (status.succeeded ?? 0) + 1;
      const src = all.find((x) => x.metadata!.uid === u);
      const ix = src ? indexOf(src) : undefined;
      if (indexed && ix !== undefined) completed.add(ix);
      const b = backoff.get(uid);
      if (b) b.failures = 0;
    }
    for (const u of [...uncFailed]) {
      const p = byUid.get(u);
      if (p && p.metadata!.uid === u && tracked(p)) continue;
      uncFailed.delete(u);
      status.failed = (status.failed ?? 0) + 1;
    }
    recordUncounted();
    if (indexed) {
      const s = formatIndexes(completed);
      if (s) status.completedIndexes = s;
      else delete status.completedIndexes;
    }
    if (newFailure) {
      let b = backoff.get(uid);
      if (!b) backoff.set(uid, (b = { failures: 0, last: 0, seen: new Set() }));
      for (const p of toFinish) {
        if (b.seen.has(p.metadata!.uid)) continue;
        b.seen.add(p.metadata!.uid);
        b.failures++;
        b.last = nowMs;
      }
    }

    // ---- the pods that still run ----
    const live = all.map((p) => ctx.client.get('v1/pods', p.metadata!.namespace, p.metadata!.name)).filter((p): p is KObject => !!p);
    const activePods = live.filter((p) => !isTerminal(p) && !p.metadata?.deletionTimestamp);
    const terminating = live.filter((p) => p.metadata?.deletionTimestamp && !isTerminal(p)).length;
    const succeeded = status.succeeded ?? 0;
    const failed = (status.failed ?? 0) + uncFailed.size;
    const restartsSum = spec.template?.spec?.restartPolicy === 'OnFailure'
      ? activePods.reduce((n, p) => n + (p.status?.containerStatuses ?? []).reduce((m: number, c: any) => m + (c.restartCount ?? 0), 0), 0) : 0;

    // ---- terminal decisions ----
    let failure: { reason: string; message: string } | undefined;
    const existingTarget = cond(job, 'FailureTarget');
    if (existingTarget) failure = { reason: existingTarget.reason, message: existingTarget.message };
    else if (failJob) failure = { reason: 'PodFailurePolicy', message: failJob };
    else if ((newFailure || restartsSum > 0) && failed + restartsSum > (spec.backoffLimit ?? 6)) failure = { reason: 'BackoffLimitExceeded', message: MSG_BACKOFF };
    else if (spec.activeDeadlineSeconds != null && status.startTime && !spec.suspend
      && Date.parse(status.startTime) + spec.activeDeadlineSeconds * 1000 <= nowMs) failure = { reason: 'DeadlineExceeded', message: MSG_DEADLINE };

    const completions: number | undefined = spec.completions ?? undefined;
    let success = !!cond(job, 'SuccessCriteriaMet');
    if (!failure && !success) {
      if (indexed) success = completions !== undefined && completed.size >= completions;
      else if (completions != null) success = succeeded >= completions;
      else success = succeeded > 0 && activePods.length === 0;
    }

    const setCond = (type: string, reason: string, message: string) => {
      const list: any[] = status.conditions ?? [];
      if (list.some((c) => c.type === type && c.status === 'True')) return;
      status.conditions = [...list.filter((c) => c.type !== type), { type, status: 'True', lastProbeTime: now, lastTransitionTime: now, reason, message }];
    };

    let requeue: number | undefined;
    if (failure || success) {
      if (failure) {
        setCond('FailureTarget', failure.reason, failure.message);
      } else setCond('SuccessCriteriaMet', 'CompletionsReached', MSG_COMPLETE);
      await deletePods(job, activePods);
      // finish once no pod of the job runs any more
      const stillRunning = live.filter((p) => !isTerminal(p) && !activePods.includes(p)).length;
      if (!stillRunning && !uncSucceeded.size && !uncFailed.size) {
        if (failure) {
          setCond('Failed', failure.reason, failure.message);
          emit(ctx, COMPONENT, job, 'Warning', failure.reason, failure.message);
        } else {
          setCond('Complete', 'CompletionsReached', MSG_COMPLETE);
          status.completionTime = now;
          emit(ctx, COMPONENT, job, 'Normal', 'Completed', 'Job completed');
        }
        backoff.delete(uid);
      }
      status.active = 0;
      status.ready = 0;
      status.terminating = terminating + activePods.length;
      if (!status.active) delete status.active;
    } else if (spec.suspend) {
      await deletePods(job, activePods);
      if (!cond(job, 'Suspended')) {
        status.conditions = [...(status.conditions ?? []).filter((c: any) => c.type !== 'Suspended'),
          { type: 'Suspended', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'JobSuspended', message: 'Job suspended' }];
        emit(ctx, COMPONENT, job, 'Normal', 'Suspended', 'Job suspended');
      }
      status.active = 0;
      status.ready = 0;
      status.terminating = terminating + activePods.length;
      delete status.active;
    } else {
      if (cond(job, 'Suspended')) {
        status.conditions = (status.conditions ?? []).map((c: any) => (c.type === 'Suspended'
          ? { type: 'Suspended', status: 'False', lastProbeTime: now, lastTransitionTime: now, reason: 'JobResumed', message: 'Job resumed' } : c));
        emit(ctx, COMPONENT, job, 'Normal', 'Resumed', 'Job resumed');
        status.startTime = now;
      }
      if (!status.startTime) status.startTime = now;
      // how many should run now
      const parallelism = spec.parallelism ?? 1;
      let want: number;
      let missingIndexes: number[] = [];
      if (indexed) {
        const activeIx = new Set(activePods.map(indexOf));
        for (let i = 0; i < (completions ?? 0); i++) if (!completed.has(i) && !activeIx.has(i)) missingIndexes.push(i);
        want = Math.min(parallelism, (completions ?? 0) - completed.size);
      } else if (completions != null) want = Math.min(parallelism, completions - succeeded);
      else want = succeeded > 0 ? 0 : parallelism;
      want = Math.max(0, want);
      let running = activePods;
      if (activePods.length > want) {
        const extra = [...activePods].sort((a, b) => (isReady(a) ? 1 : 0) - (isReady(b) ? 1 : 0)
          || Date.parse(b.metadata!.creationTimestamp) - Date.parse(a.metadata!.creationTimestamp)).slice(0, activePods.length - want);
        await deletePods(job, extra);
        running = activePods.filter((p) => !extra.includes(p));
      } else if (activePods.length < want) {
        // back off after failures: 10s, 20s, 40s… up to 10m
        const b = backoff.get(uid);
        const delay = b && b.failures > 0 ? Math.min(BACKOFF_BASE * 2 ** (b.failures - 1), BACKOFF_MAX) : 0;
        const left = b ? b.last + delay - nowMs : 0;
        if (left > 0) requeue = left;
        else {
          const n = Math.min(want - activePods.length, BURST);
          missingIndexes = missingIndexes.slice(0, n);
          const r = await slowStart(n, async (i) => {
            const ix = indexed ? missingIndexes[i] : undefined;
            const pod = makePod(job, ix);
            try {
              const made = await ctx.client.create('v1/pods', pod);
              emit(ctx, COMPONENT, job, 'Normal', 'SuccessfulCreate', `Created pod: ${made.metadata!.name}`);
            } catch (e) {
              emit(ctx, COMPONENT, job, 'Warning', 'FailedCreate', `Error creating: ${errorText(e)}`);
              throw e;
            }
          });
          if (r.error) throw r.error;
        }
      }
      const nowActive = pods.owned(uid).filter((p) => !isTerminal(p) && !p.metadata?.deletionTimestamp);
      status.active = nowActive.length;
      status.ready = nowActive.filter(isReady).length;
      status.terminating = live.filter((p) => p.metadata?.deletionTimestamp && !isTerminal(p)).length + (activePods.length - running.length);
      if (!status.active) delete status.active;
      if (spec.activeDeadlineSeconds != null && status.startTime) {
        const left = Date.parse(status.startTime) + spec.activeDeadlineSeconds * 1000 - nowMs;
        requeue = Math.min(requeue ?? left, left) + 5;
      }
    }
    for (const k of ['succeeded', 'failed']) if (!status[k]) delete status[k];
    if (JSON.stringify(status) !== JSON.stringify(job0.status ?? {})) {
      const latest = ctx.client.get(JOBS, ns, name);
      if (!latest || latest.metadata!.uid !== uid) return;
      await ctx.client.updateStatus(JOBS, { ...latest, status });
    }
    return requeue !== undefined ? { requeueAfter: Math.max(requeue, 0) } : undefined;
  };

  const makePod = (job: KObject, ix: number | undefined): KObject => {
    const name = job.metadata!.name;
    const extra: Record<string, string> = ix !== undefined ? { [INDEX_KEY]: String(ix) } : {};
    const pod = podFromTemplate(job.spec.template, job, {
      generateName: ix !== undefined ? `${name}-${ix}-` : `${name}-`, labels: extra, annotations: extra, finalizers: [TRACKING],
    });
    if (ix !== undefined) {
      pod.spec.hostname = pod.spec.hostname ?? `${name}-${ix}`;
      // JOB_COMPLETION_INDEX in every container, from the annotation
      for (const c of [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])]) {
        c.env = [...(c.env ?? []).filter((e: any) => e.name !== 'JOB_COMPLETION_INDEX'),
          { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: `metadata.annotations['${INDEX_KEY}']` } } }];
      }
    }
    return pod;
  };

  /** Pods that keep the tracking finalizer though their job is gone lose it (upstream's orphan cleanup). */
  const orphanCleanup = async (key: string) => {
    const [ns, name] = splitKey(key);
    const p = ctx.client.get('v1/pods', ns, name);
    if (!p || !(p.metadata?.finalizers ?? []).includes(TRACKING)) return;
    const ref: OwnerRef | undefined = controllerRef(p);
    const job = ref ? ctx.client.get(JOBS, ns, ref.name) : undefined;
    if (job && job.metadata!.uid === ref!.uid && !isFinished(job)) return;
    if (job && job.metadata!.uid === ref!.uid) return; // the job's own reconcile removes it
    await removeFinalizers([p]);
  };

  const rec = new Reconciler(ctx, {
    name: 'job',
    watch: ['/registry/jobs/', '/registry/pods/'],
    keysFor: (ev) => {
      const ns = ev.obj.metadata?.namespace;
      if (ev.key.startsWith('/registry/jobs/')) {
        if (ev.type === 'DELETED') backoff.delete(ev.obj.metadata!.uid);
        return [`${ns}/${ev.obj.metadata!.name}`];
      }
      const keys = new Set<string>();
      for (const o of [ev.obj, ev.prev]) {
        const ref = controllerRef(o);
        if (ref?.kind === 'Job') keys.add(`${ns}/${ref.name}`);
      }
      if (ev.type !== 'DELETED' && (ev.obj.metadata?.finalizers ?? []).includes(TRACKING)) {
        const ref = controllerRef(ev.obj);
        const job = ref ? ctx.client.get(JOBS, ns, ref.name) : undefined;
        if (!job || job.metadata!.uid !== ref!.uid) keys.add(`pod:${ns}/${ev.obj.metadata!.name}`);
      }
      return [...keys];
    },
    reconcile: (key) => (key.startsWith('pod:') ? orphanCleanup(key.slice(4)) : reconcile(key)),
  }).start();
  return { stop: () => rec.stop() };
}
