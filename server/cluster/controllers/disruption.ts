// The disruption controller: keeps each PodDisruptionBudget's status (expected and healthy pods,
// the disruptions allowed now, the DisruptionAllowed condition) from the pods it selects and the
// scale of their controllers. The eviction subresource (api/admission.ts evictPod) spends the
// allowance; this controller recomputes it as pods go and come back.
import type { KObject } from '../kinds/types.ts';
import { ResourceRegistry } from '../api/registry.ts';
import { clone, nowRFC3339 } from '../api/rest.ts';
import { labelSelectorFromObject, matchesLabels } from '../api/selectors.ts';
import { deepEqual } from '../kinds/validation.ts';
import { Reconciler, splitKey, type Ctx } from './framework.ts';
import { podIsReady } from './endpoints.ts';

/** How long an evicted pod still counts as disrupted (not healthy) while it is going away. */
const DELETION_TIMEOUT_MS = 2 * 60_000;

function selects(pdb: KObject, pod: KObject | undefined): boolean {
  if (!pod || pdb.spec?.selector == null) return false;
  try {
    return matchesLabels(labelSelectorFromObject(pdb.spec.selector), pod.metadata?.labels ?? {});
  } catch {
    return false;
  }
}

/** An int-or-percent of a total, percentages rounded up (upstream's GetScaledValueFromIntOrPercent). */
function scaled(v: unknown, total: number): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(String(v));
  if (m) return Math.ceil((Number(m[1]) * total) / 100);
  return Number(v) || 0;
}

export function startDisruptionController(ctx: Ctx): { stop(): void } {
  const rec = ctx.recorder('controllermanager');
  const pdbRef = 'policy/v1/poddisruptionbudgets';
  const pdbKind = ctx.client.kind(pdbRef);
  const pdbPrefix = ResourceRegistry.keyPrefix(pdbKind);
  const podPrefix = ResourceRegistry.keyPrefix(ctx.client.kind('v1/pods'));
  const scalePrefixes = ['apps/v1/replicasets', 'apps/v1/deployments', 'apps/v1/statefulsets', 'v1/replicationcontrollers']
    .map((r) => ResourceRegistry.keyPrefix(ctx.client.kind(r)));
  const pdbsIn = (ns: string) => ctx.store.list(ResourceRegistry.keyPrefix(pdbKind, ns)).map((s) => s.obj);

  /** The replicas the controllers of the pods ask for, or the name of a pod without one. */
  const expectedScale = (pods: KObject[]): { scale: number } | { orphan: string } => {
    const seen = new Map<string, number>();
    for (const pod of pods) {
      const ref = (pod.metadata?.ownerReferences ?? []).find((r: any) => r.controller);
      const ns = pod.metadata!.namespace;
      let owner: KObject | undefined;
      let key = '';
      if (ref?.kind === 'ReplicaSet') {
        const rs = ctx.client.get('apps/v1/replicasets', ns, ref.name);
        const dref = (rs?.metadata?.ownerReferences ?? []).find((r: any) => r.controller && r.kind === 'Deployment');
        const dep = dref ? ctx.client.get('apps/v1/deployments', ns, dref.name) : undefined;
        owner = dep ?? rs;
        key = dep ? `Deployment/${dref.name}` : `ReplicaSet/${ref.name}`;
      } else if (ref?.kind === 'StatefulSet') {
        owner = ctx.client.get('apps/v1/statefulsets', ns, ref.name);
        key = `StatefulSet/${ref.name}`;
      } else if (ref?.kind === 'ReplicationController') {
        owner = ctx.client.get('v1/replicationcontrollers', ns, ref.name);
        key = `ReplicationController/${ref.name}`;
      }
      if (!owner) return { orphan: pod.metadata!.name };
      seen.set(key, owner.spec?.replicas ?? 1);
    }
    let scale = 0;
    for (const v of seen.values()) scale += v;
    return { scale };
  };

  const r = new Reconciler(ctx, {
    name: 'disruption',
    watch: [pdbPrefix, podPrefix, ...scalePrefixes],
    keysFor: (ev) => {
      const m = ev.obj.metadata!;
      if (ev.key.startsWith(pdbPrefix)) return [`${m.namespace}/${m.name}`];
      if (ev.key.startsWith(podPrefix)) return pdbsIn(m.namespace).filter((p) => selects(p, ev.obj) || selects(p, ev.prev)).map((p) => `${m.namespace}/${p.metadata!.name}`);
      return pdbsIn(m.namespace).map((p) => `${m.namespace}/${p.metadata!.name}`);
    },
    resyncMs: 30_000,
    reconcile: async (key) => {
      const [ns, name] = splitKey(key);
      const pdb = ctx.client.get(pdbRef, ns, name);
      if (!pdb || pdb.metadata?.deletionTimestamp) return;
      const pods = ctx.client.list('v1/pods', ns, (p) => selects(pdb, p));
      const spec = pdb.spec ?? {};
      const now = ctx.clock.ms();
      // evicted pods that are still around are not healthy; forget them once gone or stale
      const disrupted: Record<string, string> = {};
      let recheck: number | undefined;
      for (const [pod, t] of Object.entries<string>(pdb.status?.disruptedPods ?? {})) {
        const p = pods.find((x) => x.metadata!.name === pod);
        const age = now - Date.parse(t);
        if (!p || p.metadata?.deletionTimestamp || age >= DELETION_TIMEOUT_MS) continue;
        disrupted[pod] = t;
        recheck = Math.min(recheck ?? Infinity, DELETION_TIMEOUT_MS - age);
      }
      const healthy = pods.filter((p) => !p.metadata?.deletionTimestamp && !disrupted[p.metadata!.name] && podIsReady(p)).length;
      let expected = 0;
      let desired = 0;
      let failed: string | undefined;
      if (spec.maxUnavailable != null || (spec.minAvailable != null && typeof spec.minAvailable === 'string' && spec.minAvailable.endsWith('%'))) {
        const s = expectedScale(pods);
        if ('orphan' in s) failed = `found no controllers for pod "${s.orphan}"`;
        else {
          expected = s.scale;
          desired = spec.maxUnavailable != null ? Math.max(0, expected - scaled(spec.maxUnavailable, expected)) : scaled(spec.minAvailable, expected);
        }
      } else if (spec.minAvailable != null) {
        expected = pods.length;
        desired = scaled(spec.minAvailable, expected);
      }
      let allowed = healthy - desired;
      if (expected <= 0 || allowed <= 0) allowed = 0;
      const prevCond = (pdb.status?.conditions ?? []).find((c: any) => c.type === 'DisruptionAllowed');
      let cond: any;
      if (failed) {
        void rec.record(pdb, 'Warning', 'NoControllers', failed);
        cond = { type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message: failed };
        allowed = 0;
      } else if (allowed > 0) cond = { type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '' };
      else cond = { type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', message: '' };
      cond.observedGeneration = pdb.metadata?.generation;
      cond.lastTransitionTime = prevCond && prevCond.status === cond.status && prevCond.reason === cond.reason ? prevCond.lastTransitionTime : nowRFC3339(ctx.clock.now());
      const status: any = {
        ...(Object.keys(disrupted).length ? { disruptedPods: disrupted } : {}),
        disruptionsAllowed: allowed,
        currentHealthy: healthy,
        desiredHealthy: desired,
        expectedPods: expected,
        observedGeneration: pdb.metadata?.generation,
        conditions: [cond],
      };
      if (!deepEqual(status, pdb.status ?? {})) {
        const next = clone(pdb);
        next.status = status;
        await ctx.client.updateStatus(pdbRef, next);
      }
      if (recheck !== undefined) return { requeueAfter: recheck };
    },
  }).start();
  return { stop: () => r.stop() };
}
