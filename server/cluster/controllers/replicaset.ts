// The ReplicaSet and ReplicationController controllers (one reconciler, two kinds): keep
// spec.replicas active pods from the template, adopting matching orphans and releasing pods that no
// longer match; choose pods to delete in upstream's order; report replicas, fullyLabeledReplicas,
// readyReplicas, availableReplicas (minReadySeconds) and observedGeneration.
import type { KObject } from '../kinds/types.ts';
import { Reconciler, splitKey, isNotFound, type Ctx } from './framework.ts';
import { matchesLabels, labelSelectorFromSet } from '../api/selectors.ts';
import {
  ownerIndex, claim, selectorOf, selects, isActive, isReady, isAvailable, untilAvailable, restarts, podFromTemplate,
  slowStart, emit, errorText, controllerRef, setCondition, nowIso,
} from './workload-util.ts';

/** upstream's burstReplicas: at most this many creations or deletions per sync. */
const BURST = 500;

interface Flavour {
  name: string;
  ref: string;
  prefix: string;
  kind: string;
  /** The event source component. */
  component: string;
  /** RCs select with a plain label map. */
  mapSelector: boolean;
}

const FLAVOURS: Record<'rs' | 'rc', Flavour> = {
  rs: { name: 'replicaset', ref: 'apps/v1/replicasets', prefix: '/registry/replicasets/', kind: 'ReplicaSet', component: 'replicaset-controller', mapSelector: false },
  rc: { name: 'replicationcontroller', ref: 'v1/replicationcontrollers', prefix: '/registry/controllers/', kind: 'ReplicationController', component: 'replication-controller', mapSelector: true },
};

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * Upstream's ranking of pods to delete first: unscheduled before scheduled, Pending before Unknown
 * before Running, not ready before ready, lower pod-deletion-cost first, more pods of the owner on
 * the same node first, ready for a shorter time first, more restarts first, newer first.
 */
export function deletionOrder(pods: KObject[]): KObject[] {
  const perNode = new Map<string, number>();
  for (const p of pods) if (p.spec?.nodeName) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
  const cost = (p: KObject) => Number(p.metadata?.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? 0) || 0;
  const readySince = (p: KObject) => Date.parse((p.status?.conditions ?? []).find((c: any) => c.type === 'Ready')?.lastTransitionTime ?? '') || 0;
  return [...pods].sort((a, b) => {
    const sa = a.spec?.nodeName ? 1 : 0;
    const sb = b.spec?.nodeName ? 1 : 0;
    if (sa !== sb) return sa - sb;
    const pa = PHASE_RANK[a.status?.phase] ?? 0;
    const pb = PHASE_RANK[b.status?.phase] ?? 0;
    if (pa !== pb) return pa - pb;
    const ra = isReady(a) ? 1 : 0;
    const rb = isReady(b) ? 1 : 0;
    if (ra !== rb) return ra - rb;
    if (cost(a) !== cost(b)) return cost(a) - cost(b);
    const na = perNode.get(a.spec?.nodeName) ?? 0;
    const nb = perNode.get(b.spec?.nodeName) ?? 0;
    if (na !== nb) return nb - na;
    if (ra && rb) {
      const ta = readySince(a);
      const tb = readySince(b);
      if (ta !== tb) return tb - ta;
    }
    if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
    const ca = Date.parse(a.metadata?.creationTimestamp ?? '') || 0;
    const cb = Date.parse(b.metadata?.creationTimestamp ?? '') || 0;
    return cb - ca;
  });
}

export function startReplicaSetController(ctx: Ctx, which: 'rs' | 'rc'): { stop(): void } {
  const f = FLAVOURS[which];
  const pods = ownerIndex(ctx.store, '/registry/pods/');

  const reconcile = async (key: string) => {
    const [ns, name] = splitKey(key);
    const rs = ctx.client.get(f.ref, ns, name);
    if (!rs) return;
    const sel = selectorOf(rs, f.mapSelector);
    const mine = await claim(ctx, 'v1/pods', rs, pods, (p) => selects(sel, p));
    const active = mine.filter(isActive);
    const want = rs.spec?.replicas ?? 1;
    let manageError: unknown;
    if (!rs.metadata?.deletionTimestamp) {
      const diff = active.length - want;
      if (diff < 0) {
        const n = Math.min(-diff, BURST);
        const r = await slowStart(n, async () => {
          const pod = podFromTemplate(rs.spec.template, rs, { generateName: `${name}-` });
          try {
            const made = await ctx.client.create('v1/pods', pod);
            emit(ctx, f.component, rs, 'Normal', 'SuccessfulCreate', `Created pod: ${made.metadata!.name}`);
          } catch (e) {
            emit(ctx, f.component, rs, 'Warning', 'FailedCreate', `Error creating: ${errorText(e)}`);
            throw e;
          }
        });
        manageError = r.error;
      } else if (diff > 0) {
        const victims = deletionOrder(active).slice(0, Math.min(diff, BURST));
        await Promise.all(victims.map(async (p) => {
          try {
            await ctx.client.delete('v1/pods', ns, p.metadata!.name, { preconditions: { uid: p.metadata!.uid } });
            emit(ctx, f.component, rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata!.name}`);
          } catch (e) {
            if (isNotFound(e)) return;
            emit(ctx, f.component, rs, 'Warning', 'FailedDelete', `Error deleting: ${errorText(e)}`);
            manageError = manageError ?? e;
          }
        }));
      }
    }
    return updateStatus(rs, manageError);
  };

  const updateStatus = async (rs: KObject, manageError: unknown) => {
    const cur = ctx.client.get(f.ref, rs.metadata!.namespace, rs.metadata!.name);
    if (!cur || cur.metadata!.uid !== rs.metadata!.uid) return;
    const now = ctx.clock.ms();
    const minReady = cur.spec?.minReadySeconds ?? 0;
    const tplLabels = labelSelectorFromSet(cur.spec?.template?.metadata?.labels ?? {});
    const active = pods.owned(cur.metadata!.uid).filter(isActive);
    let requeue: number | undefined;
    let ready = 0;
    let available = 0;
    let fully = 0;
    for (const p of active) {
      if (matchesLabels(tplLabels, p.metadata?.labels ?? {})) fully++;
      if (isReady(p)) ready++;
      if (isAvailable(p, minReady, now)) available++;
      else {
        const left = untilAvailable(p, minReady, now);
        if (left !== undefined) requeue = Math.min(requeue ?? left, left);
      }
    }
    const status: Record<string, any> = { ...(cur.status ?? {}) };
    status.replicas = active.length;
    status.fullyLabeledReplicas = fully;
    status.readyReplicas = ready;
    status.availableReplicas = available;
    status.observedGeneration = cur.metadata!.generation;
    for (const k of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas']) if (status[k] === 0) delete status[k];
    if (manageError && (cur.spec?.replicas ?? 1) > active.length) {
      status.conditions = setCondition(status.conditions, { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: errorText(manageError) }, nowIso(ctx));
    } else if (!manageError && status.conditions) {
      status.conditions = status.conditions.filter((c: any) => c.type !== 'ReplicaFailure');
      if (!status.conditions.length) delete status.conditions;
    }
    if (JSON.stringify(status) !== JSON.stringify(cur.status ?? {})) {
      await ctx.client.updateStatus(f.ref, { ...cur, status });
    }
    if (manageError) throw manageError;
    return requeue !== undefined ? { requeueAfter: requeue + 10 } : undefined;
  };

  const rec = new Reconciler(ctx, {
    name: f.name,
    watch: [f.prefix, '/registry/pods/'],
    keysFor: (ev) => {
      if (ev.key.startsWith(f.prefix)) return [`${ev.obj.metadata!.namespace}/${ev.obj.metadata!.name}`];
      const keys = new Set<string>();
      for (const o of [ev.obj, ev.prev]) {
        const ref = controllerRef(o);
        if (ref?.kind === f.kind) keys.add(`${o!.metadata!.namespace}/${ref.name}`);
      }
      // an orphan pod may be adopted by a matching owner
      if (!controllerRef(ev.obj) && ev.type !== 'DELETED') {
        for (const s of ctx.store.list(`${f.prefix}${ev.obj.metadata!.namespace}/`)) {
          if (selects(selectorOf(s.obj, f.mapSelector), ev.obj)) keys.add(`${s.obj.metadata!.namespace}/${s.obj.metadata!.name}`);
        }
      }
      return [...keys];
    },
    reconcile,
  }).start();
  return { stop: () => rec.stop() };
}
