// The Deployment controller, after kube-controller-manager's: ReplicaSets named
// <deployment>-<pod-template-hash>, RollingUpdate (maxSurge/maxUnavailable, rounded as upstream)
// and Recreate, proportional scaling, revisions and their annotations, revisionHistoryLimit,
// pause/resume, progressDeadlineSeconds and the Available/Progressing conditions.
import type { KObject } from '../kinds/types.ts';
import { Reconciler, splitKey, isAlreadyExists, isNotFound, type Ctx } from './framework.ts';
import { deepEqual } from '../kinds/validation.ts';
import { clone } from '../api/rest.ts';
import {
  ownerIndex, claim, selectorOf, selects, controllerRef, computeHash, scaledValue, emit, nowIso, errorText,
} from './workload-util.ts';

const COMPONENT = 'deployment-controller';
const RS = 'apps/v1/replicasets';
const DEPLOY = 'apps/v1/deployments';
const HASH_LABEL = 'pod-template-hash';
const A_REVISION = 'deployment.kubernetes.io/revision';
const A_HISTORY = 'deployment.kubernetes.io/revision-history';
const A_DESIRED = 'deployment.kubernetes.io/desired-replicas';
const A_MAX = 'deployment.kubernetes.io/max-replicas';
/** Deployment annotations that are not copied to its ReplicaSets. */
const SKIP_COPY = new Set([
  'kubectl.kubernetes.io/last-applied-configuration', A_REVISION, A_HISTORY, A_DESIRED, A_MAX, 'deprecated.deployment.rollback.to',
]);
const MAX_HISTORY_CHARS = 2000;

// condition reasons (upstream's deployment util)
const R_NEW_RS = 'NewReplicaSetCreated';
const R_FOUND_RS = 'FoundNewReplicaSet';
const R_UPDATED = 'ReplicaSetUpdated';
const R_AVAILABLE = 'NewReplicaSetAvailable';
const R_TIMED_OUT = 'ProgressDeadlineExceeded';
const R_PAUSED = 'DeploymentPaused';
const R_RESUMED = 'DeploymentResumed';
const R_MIN_AVAILABLE = 'MinimumReplicasAvailable';
const R_MIN_UNAVAILABLE = 'MinimumReplicasUnavailable';

const replicasOf = (o: KObject | undefined): number => o?.spec?.replicas ?? 0;
const created = (o: KObject) => Date.parse(o.metadata?.creationTimestamp ?? '') || 0;
const revisionOf = (o: KObject | undefined): number => Number(o?.metadata?.annotations?.[A_REVISION] ?? 0) || 0;
const byCreation = (a: KObject, b: KObject) => created(a) - created(b) || (a.metadata!.name < b.metadata!.name ? -1 : 1);

function isRolling(d: KObject): boolean {
  return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** maxSurge rounded up and maxUnavailable rounded down; both 0 → maxUnavailable 1 (upstream's ResolveFenceposts). */
export function fenceposts(d: KObject): { surge: number; unavailable: number } {
  const want = replicasOf(d);
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  const surge = scaledValue(ru.maxSurge ?? '25%', want, true);
  let unavailable = scaledValue(ru.maxUnavailable ?? '25%', want, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function maxSurge(d: KObject): number {
  return isRolling(d) ? fenceposts(d).surge : 0;
}

export function maxUnavailable(d: KObject): number {
  if (!isRolling(d) || replicasOf(d) === 0) return 0;
  return Math.min(fenceposts(d).unavailable, replicasOf(d));
}

function withoutHash(template: any): any {
  const t = clone(template ?? {});
  if (t.metadata?.labels) {
    delete t.metadata.labels[HASH_LABEL];
    if (!Object.keys(t.metadata.labels).length) delete t.metadata.labels;
  }
  return t;
}

function condition(d: KObject, type: string): any {
  return (d.status?.conditions ?? []).find((c: any) => c.type === type);
}

/** upstream's SetDeploymentCondition: same status and reason → unchanged; same status → keep lastTransitionTime. */
function setCond(status: any, c: { type: string; status: string; reason: string; message: string }, now: string, keepTransition?: string): void {
  const list: any[] = status.conditions ?? [];
  const cur = list.find((x) => x.type === c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return;
  const next = { type: c.type, status: c.status, lastUpdateTime: now, lastTransitionTime: keepTransition ?? (cur && cur.status === c.status ? cur.lastTransitionTime : now), reason: c.reason, message: c.message };
  status.conditions = [...list.filter((x) => x.type !== c.type), next];
}

function removeCond(status: any, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((c: any) => c.type !== type);
}

export function startDeploymentController(ctx: Ctx): { stop(): void } {
  const rsIndex = ownerIndex(ctx.store, '/registry/replicasets/');
  const podIndex = ownerIndex(ctx.store, '/registry/pods/');

  const sum = (list: KObject[], f: (o: KObject) => number) => list.reduce((n, o) => n + f(o), 0);
  const active = (list: KObject[]) => list.filter((r) => replicasOf(r) > 0);

  /** Scales a ReplicaSet (and its desired/max annotations); records ScalingReplicaSet. */
  const scaleRS = async (d: KObject, rs: KObject, to: number): Promise<KObject> => {
    const from = replicasOf(rs);
    const desired = String(replicasOf(d));
    const max = String(replicasOf(d) + maxSurge(d));
    const ann = rs.metadata?.annotations ?? {};
    if (from === to && ann[A_DESIRED] === desired && ann[A_MAX] === max) return rs;
    const next = clone(rs);
    next.spec.replicas = to;
    next.metadata!.annotations = { ...ann, [A_DESIRED]: desired, [A_MAX]: max };
    const saved = await ctx.client.update(RS, next);
    if (from !== to) {
      emit(ctx, COMPONENT, d, 'Normal', 'ScalingReplicaSet', `Scaled ${from < to ? 'up' : 'down'} replica set ${rs.metadata!.name} from ${from} to ${to}`);
    }
    return saved;
  };

  /** The new ReplicaSet (template equal but for the hash label), the oldest such first. */
  const findNew = (d: KObject, all: KObject[]): KObject | undefined => {
    const want = withoutHash(d.spec.template);
    return [...all].sort(byCreation).find((rs) => deepEqual(withoutHash(rs.spec?.template), want));
  };

  /**
   * upstream's getAllReplicaSetsAndSyncRevision: the new RS (created when asked), the old ones,
   * the revision annotations on both and the deployment's revision.
   */
  const newAndOld = async (d: KObject, all: KObject[], create: boolean, status: any): Promise<{ newRS?: KObject; old: KObject[] }> => {
    const existing = findNew(d, all);
    const old = all.filter((r) => r !== existing);
    const maxOld = Math.max(0, ...old.map(revisionOf));
    const newRevision = String(maxOld + 1);
    const now = nowIso(ctx);
    if (existing) {
      const next = clone(existing);
      const ann: Record<string, string> = { ...(next.metadata!.annotations ?? {}) };
      const oldRevision = ann[A_REVISION];
      if (!oldRevision || Number(oldRevision) < Number(newRevision)) {
        ann[A_REVISION] = newRevision;
        if (oldRevision) {
          const hist = ann[A_HISTORY] ? `${ann[A_HISTORY]},${oldRevision}` : oldRevision;
          if (hist.length <= MAX_HISTORY_CHARS) ann[A_HISTORY] = hist;
        }
      }
      for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) if (!SKIP_COPY.has(k)) ann[k] = v as string;
      if ((existing.spec?.minReadySeconds ?? 0) !== (d.spec?.minReadySeconds ?? 0)) next.spec.minReadySeconds = d.spec?.minReadySeconds ?? 0;
      next.metadata!.annotations = ann;
      let newRS = existing;
      if (!deepEqual(next, existing)) newRS = await ctx.client.update(RS, next);
      if (d.spec?.progressDeadlineSeconds != null && !condition({ status }, 'Progressing')) {
        setCond(status, { type: 'Progressing', status: 'True', reason: R_FOUND_RS, message: `Found new replica set "${newRS.metadata!.name}"` }, now);
      }
      return { newRS, old };
    }
    if (!create) return { old };
    const collisions = d.status?.collisionCount ?? 0;
    const template = clone(d.spec.template);
    const hash = computeHash(withoutHash(template), collisions);
    template.metadata = template.metadata ?? {};
    template.metadata.labels = { ...(template.metadata.labels ?? {}), [HASH_LABEL]: hash };
    const selector = clone(d.spec.selector);
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [HASH_LABEL]: hash };
    const newReplicas = newRSReplicas(d, all, undefined);
    const ann: Record<string, string> = {};
    for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) if (!SKIP_COPY.has(k)) ann[k] = v as string;
    ann[A_DESIRED] = String(replicasOf(d));
    ann[A_MAX] = String(replicasOf(d) + maxSurge(d));
    ann[A_REVISION] = newRevision;
    const rs: KObject = {
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata!.name}-${hash}`, namespace: d.metadata!.namespace, labels: { ...template.metadata.labels },
        annotations: ann,
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata!.name, uid: d.metadata!.uid, controller: true, blockOwnerDeletion: true }],
      },
      spec: { replicas: newReplicas, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
    };
    let made: KObject;
    try {
      made = await ctx.client.create(RS, rs);
    } catch (e) {
      if (!isAlreadyExists(e)) {
        emit(ctx, COMPONENT, d, 'Warning', 'FailedCreate', `Failed to create new replica set "${rs.metadata!.name}": ${errorText(e)}`);
        if (d.spec?.progressDeadlineSeconds != null) {
          setCond(status, { type: 'Progressing', status: 'False', reason: 'ReplicaSetCreateError', message: `Failed to create new replica set "${rs.metadata!.name}": ${errorText(e)}` }, now);
        }
        throw e;
      }
      const other = ctx.client.get(RS, d.metadata!.namespace, rs.metadata!.name);
      const ours = controllerRef(other)?.uid === d.metadata!.uid;
      if (other && ours && deepEqual(withoutHash(other.spec?.template), withoutHash(d.spec.template))) return { newRS: other, old };
      // a hash collision: count it and try again with the next name
      status.collisionCount = collisions + 1;
      throw new CollisionError();
    }
    if (newReplicas > 0) emit(ctx, COMPONENT, d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${made.metadata!.name} from 0 to ${newReplicas}`);
    if (d.spec?.progressDeadlineSeconds != null) {
      setCond(status, { type: 'Progressing', status: 'True', reason: R_NEW_RS, message: `Created new replica set "${made.metadata!.name}"` }, now);
    }
    return { newRS: made, old };
  };

  /** upstream's NewRSNewReplicas. */
  const newRSReplicas = (d: KObject, all: KObject[], newRS: KObject | undefined): number => {
    if (!isRolling(d)) return replicasOf(d);
    const current = sum(all, replicasOf);
    const maxTotal = replicasOf(d) + maxSurge(d);
    if (current >= maxTotal) return replicasOf(newRS);
    const up = Math.min(maxTotal - current, replicasOf(d) - replicasOf(newRS));
    return replicasOf(newRS) + Math.max(0, up);
  };

  // ---- scaling (proportional) -------------------------------------------------------------------

  const isScalingEvent = (d: KObject, all: KObject[]): boolean => active(all).some((rs) => {
    const desired = rs.metadata?.annotations?.[A_DESIRED];
    return desired !== undefined && Number(desired) !== replicasOf(d);
  });

  const scale = async (d: KObject, newRS: KObject | undefined, old: KObject[]): Promise<void> => {
    const sortedOld = [...old].sort((a, b) => byCreation(b, a));
    const all = active([...(newRS ? [newRS] : []), ...sortedOld]);
    let target: KObject | undefined;
    if (all.length === 0) target = newRS ?? sortedOld[0];
    else if (all.length === 1) target = all[0];
    if (target || (!newRS && !old.length)) {
      if (target && replicasOf(target) !== replicasOf(d)) await scaleRS(d, target, replicasOf(d));
      return;
    }
    const saturated = newRS && Number(newRS.metadata?.annotations?.[A_DESIRED]) === replicasOf(d) && replicasOf(newRS) === replicasOf(d) && (newRS.status?.availableReplicas ?? 0) === replicasOf(d);
    if (saturated) {
      for (const rs of active(old)) await scaleRS(d, rs, 0);
      return;
    }
    if (!isRolling(d)) return;
    const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
    const toAdd = allowed - sum(all, replicasOf);
    const sorted = [...all].sort((a, b) => {
      const size = toAdd > 0 ? replicasOf(b) - replicasOf(a) : replicasOf(b) - replicasOf(a);
      if (size) return size;
      return toAdd > 0 ? byCreation(b, a) : byCreation(a, b);
    });
    let added = 0;
    const sizes = new Map<KObject, number>();
    for (const rs of sorted) {
      let proportion = 0;
      if (toAdd !== 0 && replicasOf(rs) > 0 && toAdd !== added) {
        let fraction: number;
        if (replicasOf(d) === 0) fraction = -replicasOf(rs);
        else {
          const annotated = Number(rs.metadata?.annotations?.[A_MAX]) || (d.status?.replicas ?? 0);
          fraction = Math.round((replicasOf(rs) * (replicasOf(d) + maxSurge(d))) / (annotated || 1)) - replicasOf(rs);
        }
        const allowedLeft = toAdd - added;
        proportion = toAdd > 0 ? Math.min(fraction, allowedLeft) : Math.max(fraction, allowedLeft);
      }
      sizes.set(rs, replicasOf(rs) + proportion);
      added += proportion;
    }
    if (added !== toAdd && sorted.length) sizes.set(sorted[0], Math.max(0, (sizes.get(sorted[0]) ?? 0) + toAdd - added));
    for (const rs of sorted) await scaleRS(d, rs, Math.max(0, sizes.get(rs) ?? 0));
  };

  // ---- rolling update ---------------------------------------------------------------------------

  const reconcileNew = async (d: KObject, all: KObject[], newRS: KObject): Promise<boolean> => {
    if (replicasOf(newRS) === replicasOf(d)) return false;
    if (replicasOf(newRS) > replicasOf(d)) {
      await scaleRS(d, newRS, replicasOf(d));
      return true;
    }
    const to = newRSReplicas(d, all, newRS);
    if (to === replicasOf(newRS)) return false;
    await scaleRS(d, newRS, to);
    return true;
  };

  const reconcileOld = async (d: KObject, all: KObject[], old: KObject[], newRS: KObject): Promise<boolean> => {
    if (sum(old, replicasOf) === 0) return false;
    const minAvailable = replicasOf(d) - maxUnavailable(d);
    const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
    const maxScaledDown = sum(all, replicasOf) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    // first the old replica sets' unhealthy pods, oldest set first
    let cleaned = 0;
    const sorted = [...old].sort(byCreation);
    for (const rs of sorted) {
      if (cleaned >= maxScaledDown) break;
      const avail = rs.status?.availableReplicas ?? 0;
      if (replicasOf(rs) === 0 || replicasOf(rs) === avail) continue;
      const down = Math.min(maxScaledDown - cleaned, replicasOf(rs) - avail);
      const to = replicasOf(rs) - down;
      await scaleRS(d, rs, to);
      cleaned += down;
    }
    // then healthy old pods, while enough stay available
    const allAvailable = sum(all, (r) => r.status?.availableReplicas ?? 0);
    let total = allAvailable - minAvailable;
    let scaled = 0;
    if (total > 0) {
      for (const rs of sorted) {
        if (scaled >= total) break;
        const latest = fresh(rs);
        const cur = replicasOf(latest);
        if (cur === 0) continue;
        const down = Math.min(cur, total - scaled);
        await scaleRS(d, latest, cur - down);
        scaled += down;
      }
    }
    total = cleaned + scaled;
    return total > 0;
  };

  // ---- status -----------------------------------------------------------------------------------

  const calculateStatus = (d: KObject, all: KObject[], newRS: KObject | undefined, base: any): any => {
    const s: any = { ...base };
    s.observedGeneration = d.metadata!.generation;
    s.replicas = sum(all, (r) => r.status?.replicas ?? 0);
    s.updatedReplicas = newRS?.status?.replicas ?? 0;
    s.readyReplicas = sum(all, (r) => r.status?.readyReplicas ?? 0);
    s.availableReplicas = sum(all, (r) => r.status?.availableReplicas ?? 0);
    s.unavailableReplicas = Math.max(0, replicasOf(d) - s.availableReplicas);
    for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas']) if (!s[k]) delete s[k];
    const now = nowIso(ctx);
    if ((s.availableReplicas ?? 0) >= replicasOf(d) - maxUnavailable(d)) {
      setCond(s, { type: 'Available', status: 'True', reason: R_MIN_AVAILABLE, message: 'Deployment has minimum availability.' }, now);
    } else {
      setCond(s, { type: 'Available', status: 'False', reason: R_MIN_UNAVAILABLE, message: 'Deployment does not have minimum availability.' }, now);
    }
    return s;
  };

  const complete = (d: KObject, s: any) => (s.updatedReplicas ?? 0) === replicasOf(d) && (s.replicas ?? 0) === replicasOf(d)
    && (s.availableReplicas ?? 0) === replicasOf(d) && (s.observedGeneration ?? 0) >= (d.metadata!.generation ?? 0);

  const progressing = (d: KObject, s: any) => {
    const o = d.status ?? {};
    const oldOld = (o.replicas ?? 0) - (o.updatedReplicas ?? 0);
    const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
    return (s.updatedReplicas ?? 0) > (o.updatedReplicas ?? 0) || newOld < oldOld || (s.readyReplicas ?? 0) > (o.readyReplicas ?? 0)
      || (s.availableReplicas ?? 0) > (o.availableReplicas ?? 0);
  };

  const timedOut = (d: KObject, s: any): boolean => {
    if (d.spec?.progressDeadlineSeconds == null) return false;
    const c = condition({ status: s }, 'Progressing');
    if (!c) return false;
    if (c.reason === R_AVAILABLE) return false;
    if (c.reason === R_TIMED_OUT) return true;
    return Date.parse(c.lastUpdateTime) + d.spec.progressDeadlineSeconds * 1000 < ctx.clock.ms();
  };

  const writeStatus = async (d: KObject, s: any) => {
    if (deepEqual(s, d.status ?? {})) return d;
    return ctx.client.updateStatus(DEPLOY, { ...d, status: s });
  };

  /** upstream's syncRolloutStatus; returns when to look again for a stuck rollout. */
  const syncRolloutStatus = async (d: KObject, all: KObject[], newRS: KObject | undefined, base: any): Promise<number | undefined> => {
    const s = calculateStatus(d, all, newRS, base);
    const now = nowIso(ctx);
    if (d.spec?.progressDeadlineSeconds == null) removeCond(s, 'Progressing');
    const cur = condition({ status: s }, 'Progressing');
    const isComplete = s.replicas === s.updatedReplicas && cur?.reason === R_AVAILABLE;
    if (d.spec?.progressDeadlineSeconds != null && !isComplete) {
      const what = newRS ? `ReplicaSet "${newRS.metadata!.name}"` : `Deployment "${d.metadata!.name}"`;
      if (complete(d, s)) {
        setCond(s, { type: 'Progressing', status: 'True', reason: R_AVAILABLE, message: `${what} has successfully progressed.` }, now);
      } else if (progressing(d, s)) {
        const keep = cur?.status === 'True' ? cur.lastTransitionTime : undefined;
        removeCond(s, 'Progressing');
        setCond(s, { type: 'Progressing', status: 'True', reason: R_UPDATED, message: `${what} is progressing.` }, now, keep);
      } else if (timedOut(d, s)) {
        setCond(s, { type: 'Progressing', status: 'False', reason: R_TIMED_OUT, message: `${what} has timed out progressing.` }, now);
      }
    }
    // replica failures of the sets surface on the deployment
    const failure = all.map((r) => (r.status?.conditions ?? []).find((c: any) => c.type === 'ReplicaFailure' && c.status === 'True')).find(Boolean);
    if (failure) setCond(s, { type: 'ReplicaFailure', status: failure.status, reason: failure.reason, message: failure.message }, now);
    else removeCond(s, 'ReplicaFailure');
    await writeStatus(d, s);
    // a rollout that is neither complete nor timed out is looked at again at its deadline
    const c = condition({ status: s }, 'Progressing');
    if (d.spec?.progressDeadlineSeconds != null && c && c.reason !== R_AVAILABLE && c.reason !== R_TIMED_OUT && !complete(d, s)) {
      const left = Date.parse(c.lastUpdateTime) + d.spec.progressDeadlineSeconds * 1000 - ctx.clock.ms();
      return Math.max(left, 0) + 1000;
    }
    return undefined;
  };

  const cleanup = async (d: KObject, old: KObject[]) => {
    const limit = d.spec?.revisionHistoryLimit;
    if (limit == null) return;
    const dead = old.filter((r) => !r.metadata?.deletionTimestamp && replicasOf(r) === 0 && (r.status?.replicas ?? 0) === 0)
      .sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
    const excess = dead.length - limit;
    for (const rs of dead.slice(0, Math.max(0, excess))) {
      await ctx.client.delete(RS, rs.metadata!.namespace, rs.metadata!.name, { preconditions: { uid: rs.metadata!.uid } }).catch((e) => {
        if (!isNotFound(e)) throw e;
      });
    }
  };

  const pausedConditions = (d: KObject, s: any) => {
    if (d.spec?.progressDeadlineSeconds == null) return;
    const c = condition({ status: s }, 'Progressing');
    if (c?.reason === R_TIMED_OUT) return;
    const pausedCond = c?.reason === R_PAUSED;
    const now = nowIso(ctx);
    if (d.spec?.paused && !pausedCond) setCond(s, { type: 'Progressing', status: 'Unknown', reason: R_PAUSED, message: 'Deployment is paused' }, now);
    else if (!d.spec?.paused && pausedCond) setCond(s, { type: 'Progressing', status: 'Unknown', reason: R_RESUMED, message: 'Deployment is resumed' }, now);
  };

  const oldPodsRunning = (newRS: KObject | undefined, old: KObject[]): boolean => {
    if (old.some((r) => (r.status?.replicas ?? 0) > 0)) return true;
    for (const rs of old) {
      if (rs === newRS) continue;
      for (const p of podIndex.owned(rs.metadata!.uid)) {
        const phase = p.status?.phase;
        if (phase === 'Failed' || phase === 'Succeeded') continue;
        // a pending pod that no kubelet started can go; anything else still runs
        return true;
      }
    }
    return false;
  };

  const reconcile = async (key: string) => {
    const [ns, name] = splitKey(key);
    let d = ctx.client.get(DEPLOY, ns, name);
    if (!d) return;
    d = clone(d);
    const sel = selectorOf(d);
    const all = await claim(ctx, RS, d, rsIndex, (rs) => selects(sel, rs));
    const status: any = clone(d.status ?? {});
    if (d.metadata?.deletionTimestamp) {
      const { newRS } = await newAndOld(d, all, false, status);
      await writeStatus(d, calculateStatus(d, all, newRS, status));
      return;
    }
    if (!d.spec?.selector || (!Object.keys(d.spec.selector.matchLabels ?? {}).length && !(d.spec.selector.matchExpressions ?? []).length)) {
      emit(ctx, COMPONENT, d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      return;
    }
    pausedConditions(d, status);
    let requeue: number | undefined;
    try {
      if (d.spec?.paused || isScalingEvent(d, all)) {
        const { newRS, old } = await newAndOld(d, all, false, status);
        await scale(d, newRS, old);
        if (d.spec?.paused) await cleanup(d, old.map(fresh));
        const now = [...old, ...(newRS ? [newRS] : [])].map(fresh);
        const s = calculateStatus(d, now, newRS && fresh(newRS), status);
        await writeStatus(d, s);
        return;
      }
      if (!isRolling(d)) {
        // Recreate: old pods all gone before the new set scales up
        let { newRS, old } = await newAndOld(d, all, false, status);
        let scaledDown = false;
        for (const rs of active(old)) {
          await scaleRS(d, rs, 0);
          scaledDown = true;
        }
        if (scaledDown || oldPodsRunning(newRS, old.map(fresh))) {
          requeue = await syncRolloutStatus(d, [...old, ...(newRS ? [newRS] : [])].map(fresh), newRS && fresh(newRS), status);
          return requeue !== undefined ? { requeueAfter: requeue } : undefined;
        }
        if (!newRS) ({ newRS, old } = await newAndOld(d, all, true, status));
        if (newRS && replicasOf(newRS) !== replicasOf(d)) newRS = await scaleRS(d, newRS, replicasOf(d));
        const everything = [...old, newRS!].map(fresh);
        if (complete(d, calculateStatus(d, everything, fresh(newRS!), status))) await cleanup(d, old.map(fresh));
        requeue = await syncRolloutStatus(d, everything, fresh(newRS!), status);
        return requeue !== undefined ? { requeueAfter: requeue } : undefined;
      }
      const { newRS, old } = await newAndOld(d, all, true, status);
      const everything = () => [...old, newRS!].map(fresh);
      if (await reconcileNew(d, everything(), fresh(newRS!))) {
        requeue = await syncRolloutStatus(d, everything(), fresh(newRS!), status);
        return requeue !== undefined ? { requeueAfter: requeue } : undefined;
      }
      if (await reconcileOld(d, everything(), old.map(fresh), fresh(newRS!))) {
        requeue = await syncRolloutStatus(d, everything(), fresh(newRS!), status);
        return requeue !== undefined ? { requeueAfter: requeue } : undefined;
      }
      if (complete(d, calculateStatus(d, everything(), fresh(newRS!), status))) await cleanup(d, old.map(fresh));
      requeue = await syncRolloutStatus(d, everything(), fresh(newRS!), status);
      return requeue !== undefined ? { requeueAfter: requeue } : undefined;
    } catch (e) {
      if (e instanceof CollisionError) {
        await writeStatus(d, status);
        return { requeueAfter: 0 };
      }
      throw e;
    }
  };

  /** The cached (latest) version of a replica set. */
  const fresh = (rs: KObject): KObject => ctx.client.get(RS, rs.metadata!.namespace, rs.metadata!.name) ?? rs;

  const rec = new Reconciler(ctx, {
    name: 'deployment',
    watch: ['/registry/deployments/', '/registry/replicasets/', '/registry/pods/'],
    keysFor: (ev) => {
      const ns = ev.obj.metadata?.namespace;
      if (ev.key.startsWith('/registry/deployments/')) return [`${ns}/${ev.obj.metadata!.name}`];
      if (ev.key.startsWith('/registry/replicasets/')) {
        const keys = new Set<string>();
        for (const o of [ev.obj, ev.prev]) {
          const ref = controllerRef(o);
          if (ref?.kind === 'Deployment') keys.add(`${ns}/${ref.name}`);
        }
        if (!controllerRef(ev.obj) && ev.type !== 'DELETED') {
          for (const s of ctx.store.list(`/registry/deployments/${ns}/`)) if (selects(selectorOf(s.obj), ev.obj)) keys.add(`${ns}/${s.obj.metadata!.name}`);
        }
        return [...keys];
      }
      // pods matter only to Recreate, which waits for the old ones to go
      if (ev.type !== 'DELETED') return [];
      const ref = controllerRef(ev.obj);
      if (ref?.kind !== 'ReplicaSet') return [];
      const rs = ctx.client.get(RS, ns, ref.name);
      const dref = controllerRef(rs);
      if (dref?.kind !== 'Deployment') return [];
      const d = ctx.client.get(DEPLOY, ns, dref.name);
      return d && !isRolling(d) ? [`${ns}/${dref.name}`] : [];
    },
    reconcile,
  }).start();
  return { stop: () => rec.stop() };
}

class CollisionError extends Error {
  constructor() {
    super('pod-template-hash collision');
  }
}
