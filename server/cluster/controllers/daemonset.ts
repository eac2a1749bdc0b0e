// The DaemonSet controller, after kube-controller-manager's: one pod per eligible node (node
// selector, required node affinity, taints vs. the template's tolerations plus the daemon pods'
// automatic ones), pinned with nodeAffinity matchFields metadata.name (the scheduler binds it),
// ControllerRevisions and the controller-revision-hash label, RollingUpdate (maxUnavailable /
// maxSurge) or OnDelete, and the status `kubectl rollout status ds` reads.
import type { KObject } from '../kinds/types.ts';
import { Reconciler, splitKey, isNotFound, type Ctx } from './framework.ts';
import { matchesNodeSelector, toleratesTaint } from '../node-selection.ts';
import { clone } from '../api/rest.ts';
import {
  ownerIndex, claim, selectorOf, selects, isTerminal, isReady, isAvailable, untilAvailable, podFromTemplate, emit, errorText, controllerRef, scaledValue,
} from './workload-util.ts';
import { syncHistory, truncateHistory, templateOf, REVISION_HASH_LABEL } from './controller-revision.ts';

const COMPONENT = 'daemonset-controller';
const DS = 'apps/v1/daemonsets';
const GENERATION_LABEL = 'pod-template-generation';

/** Tolerations every daemon pod gets (upstream's AddOrUpdateDaemonPodTolerations). */
function daemonTolerations(hostNetwork: boolean): any[] {
  const t = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (hostNetwork) t.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  return t;
}

/** Whether a daemon pod should run on the node, and whether an existing one may stay. */
export function nodeShouldRun(template: any, node: KObject): { run: boolean; keep: boolean } {
  const spec = template?.spec ?? {};
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (labels[k] !== v) return { run: false, keep: false };
  if (!matchesNodeSelector(spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution, node)) return { run: false, keep: false };
  const tols = [...(spec.tolerations ?? []), ...daemonTolerations(spec.hostNetwork === true)];
  let run = true;
  for (const taint of node.spec?.taints ?? []) {
    if (toleratesTaint(tols, taint)) continue;
    if (taint.effect === 'NoExecute') return { run: false, keep: false };
    if (taint.effect === 'NoSchedule') run = false;
  }
  return { run, keep: true };
}

/** The node a daemon pod is for: its nodeName, or the matchFields metadata.name it was created with. */
function podNode(p: KObject): string | undefined {
  if (p.spec?.nodeName) return p.spec.nodeName;
  for (const t of p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of t.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  }
  return undefined;
}

export function startDaemonSetController(ctx: Ctx): { stop(): void } {
  const pods = ownerIndex(ctx.store, '/registry/pods/');

  const newPod = (ds: KObject, rev: KObject, hash: string, node: string): KObject => {
    const pod = podFromTemplate(templateOf(rev), ds, {
      generateName: `${ds.metadata!.name}-`,
      labels: { [REVISION_HASH_LABEL]: hash, [GENERATION_LABEL]: String(ds.metadata!.generation ?? 1) },
    });
    const spec = pod.spec;
    // pin to the node: every required term gets matchFields metadata.name In [node]
    const pin = { key: 'metadata.name', operator: 'In', values: [node] };
    spec.affinity = spec.affinity ?? {};
    spec.affinity.nodeAffinity = spec.affinity.nodeAffinity ?? {};
    const req = spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
    const terms: any[] = req?.nodeSelectorTerms?.length ? req.nodeSelectorTerms : [{}];
    spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = {
      nodeSelectorTerms: terms.map((t) => ({ ...t, matchFields: [pin] })),
    };
    const tols: any[] = spec.tolerations ?? [];
    for (const t of daemonTolerations(spec.hostNetwork === true)) {
      if (!tols.some((x) => x.key === t.key && x.effect === t.effect && x.operator === 'Exists')) tols.push(t);
    }
    spec.tolerations = tols;
    return pod;
  };

  const createPod = async (ds: KObject, rev: KObject, hash: string, node: string) => {
    try {
      const made = await ctx.client.create('v1/pods', newPod(ds, rev, hash, node));
      emit(ctx, COMPONENT, ds, 'Normal', 'SuccessfulCreate', `Created pod: ${made.metadata!.name}`);
    } catch (e) {
      emit(ctx, COMPONENT, ds, 'Warning', 'FailedCreate', `Error creating: ${errorText(e)}`);
      throw e;
    }
  };

  const deletePod = async (ds: KObject, p: KObject) => {
    try {
      await ctx.client.delete('v1/pods', p.metadata!.namespace, p.metadata!.name, { preconditions: { uid: p.metadata!.uid } });
      emit(ctx, COMPONENT, ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata!.name}`);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  };

  const reconcile = async (key: string) => {
    const [ns, name] = splitKey(key);
    const ds0 = ctx.client.get(DS, ns, name);
    if (!ds0) return;
    const ds = clone(ds0);
    const sel = selectorOf(ds);
    const mine = await claim(ctx, 'v1/pods', ds, pods, (p) => selects(sel, p));
    const h = await syncHistory(ctx, ds, (hash) => hash);
    const rev = h.update;
    const hash: string = rev.metadata!.labels?.[REVISION_HASH_LABEL] ?? rev.metadata!.name.slice(name.length + 1);
    const nodes = ctx.client.list('v1/nodes');
    const now = ctx.clock.ms();
    const minReady = ds.spec?.minReadySeconds ?? 0;
    const rolling = (ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
    let requeue: number | undefined;

    const byNode = new Map<string, KObject[]>();
    for (const p of mine) {
      const n = podNode(p);
      if (!n) continue;
      const l = byNode.get(n) ?? [];
      l.push(p);
      byNode.set(n, l);
    }
    const template = ds.spec?.template;
    const desiredNodes: string[] = [];
    if (!ds.metadata?.deletionTimestamp) {
      const creates: string[] = [];
      const deletes: KObject[] = [];
      for (const node of nodes) {
        const n = node.metadata!.name;
        const { run, keep } = nodeShouldRun(template, node);
        const here = (byNode.get(n) ?? []).filter((p) => !p.metadata?.deletionTimestamp);
        if (run) desiredNodes.push(n);
        if (run && !here.length) creates.push(n);
        else if (keep && here.length) {
          const failed = here.filter((p) => p.status?.phase === 'Failed');
          for (const p of failed) {
            emit(ctx, COMPONENT, ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${ns}/${p.metadata!.name} on node ${n}, will try to kill it`);
            deletes.push(p);
          }
          const ok = here.filter((p) => p.status?.phase !== 'Failed').sort((a, b) => Date.parse(a.metadata!.creationTimestamp) - Date.parse(b.metadata!.creationTimestamp));
          // more than one daemon pod on a node: keep the oldest (the surge pod is handled by the update below)
          const extra = rolling && scaledValue(ds.spec?.updateStrategy?.rollingUpdate?.maxSurge, 1, true) > 0 ? ok.slice(2) : ok.slice(1);
          deletes.push(...extra);
        } else if (!keep && here.length) deletes.push(...here);
      }
      for (const [n, list] of byNode) if (!nodes.some((x) => x.metadata!.name === n)) deletes.push(...list.filter((p) => !p.metadata?.deletionTimestamp));

      // rolling update
      if (rolling && !creates.length) {
        const ru = ds.spec?.updateStrategy?.rollingUpdate ?? {};
        const desired = desiredNodes.length;
        const maxSurge = scaledValue(ru.maxSurge ?? 0, desired, true);
        const maxUnavail = maxSurge > 0 ? scaledValue(ru.maxUnavailable ?? 0, desired, true) : Math.max(1, scaledValue(ru.maxUnavailable ?? 1, desired, true));
        const old: { node: string; pod: KObject; available: boolean }[] = [];
        let unavailable = 0;
        for (const n of desiredNodes) {
          const here = (byNode.get(n) ?? []).filter((p) => !p.metadata?.deletionTimestamp && !isTerminal(p));
          const fresh = here.find((p) => p.metadata?.labels?.[REVISION_HASH_LABEL] === hash);
          const stale = here.find((p) => p.metadata?.labels?.[REVISION_HASH_LABEL] !== hash);
          const avail = here.some((p) => isAvailable(p, minReady, now));
          if (!avail) unavailable++;
          if (stale && !fresh) old.push({ node: n, pod: stale, available: isAvailable(stale, minReady, now) });
          else if (stale && fresh && isAvailable(fresh, minReady, now)) deletes.push(stale);
        }
        if (maxSurge > 0) {
          let surging = desiredNodes.filter((n) => (byNode.get(n) ?? []).filter((p) => !p.metadata?.deletionTimestamp).length > 1).length;
          for (const o of old) {
            if (surging >= maxSurge && o.available) break;
            creates.push(o.node);
            surging++;
          }
        } else {
          let budget = maxUnavail - unavailable;
          for (const o of old) {
            if (!o.available) deletes.push(o.pod);
            else if (budget > 0) {
              deletes.push(o.pod);
              budget--;
            }
          }
        }
      }
      for (const p of new Set(deletes)) await deletePod(ds, p);
      await Promise.all(creates.map((n) => createPod(ds, rev, hash, n)));
    }

    // ---- status ----
    const live = new Map<string, KObject[]>();
    for (const p of pods.owned(ds.metadata!.uid)) {
      if (p.metadata?.deletionTimestamp) continue;
      const n = podNode(p);
      if (!n) continue;
      live.set(n, [...(live.get(n) ?? []), p]);
    }
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let available = 0;
    let updated = 0;
    for (const node of nodes) {
      const n = node.metadata!.name;
      const { run } = nodeShouldRun(template, node);
      const here = live.get(n) ?? [];
      if (run) desired++;
      if (!here.length) continue;
      if (!run) {
        misscheduled++;
        continue;
      }
      current++;
      const newest = here.find((p) => p.metadata?.labels?.[REVISION_HASH_LABEL] === hash) ?? here[0];
      if (isReady(newest)) ready++;
      if (isAvailable(newest, minReady, now)) available++;
      else {
        const left = untilAvailable(newest, minReady, now);
        if (left !== undefined) requeue = Math.min(requeue ?? left, left);
      }
      if (here.some((p) => p.metadata?.labels?.[REVISION_HASH_LABEL] === hash)) updated++;
    }
    const status: any = { ...(ds0.status ?? {}) };
    status.currentNumberScheduled = current;
    status.numberMisscheduled = misscheduled;
    status.desiredNumberScheduled = desired;
    status.numberReady = ready;
    status.observedGeneration = ds.metadata!.generation;
    status.updatedNumberScheduled = updated;
    status.numberAvailable = available;
    status.numberUnavailable = desired - available;
    if (!status.updatedNumberScheduled) delete status.updatedNumberScheduled;
    if (!status.numberAvailable) delete status.numberAvailable;
    if (!status.numberUnavailable) delete status.numberUnavailable;
    if (h.collisionCount) status.collisionCount = h.collisionCount;
    if (JSON.stringify(status) !== JSON.stringify(ds0.status ?? {})) {
      const latest = ctx.client.get(DS, ns, name);
      if (latest && latest.metadata!.uid === ds.metadata!.uid) await ctx.client.updateStatus(DS, { ...latest, status });
    }
    const inUse = new Set<string>();
    for (const list of live.values()) for (const p of list) inUse.add(`${name}-${p.metadata?.labels?.[REVISION_HASH_LABEL]}`);
    await truncateHistory(ctx, ds, h, inUse);
    return requeue !== undefined ? { requeueAfter: requeue + 10 } : undefined;
  };

  const rec = new Reconciler(ctx, {
    name: 'daemonset',
    watch: ['/registry/daemonsets/', '/registry/pods/', '/registry/minions/'],
    keysFor: (ev) => {
      if (ev.key.startsWith('/registry/minions/')) {
        // a node came, went, or changed labels or taints: every daemon set looks again
        if (ev.type === 'MODIFIED' && JSON.stringify([ev.obj.metadata?.labels, ev.obj.spec]) === JSON.stringify([ev.prev?.metadata?.labels, ev.prev?.spec])) return [];
        return ctx.store.list('/registry/daemonsets/').map((s) => `${s.obj.metadata!.namespace}/${s.obj.metadata!.name}`);
      }
      const ns = ev.obj.metadata?.namespace;
      if (ev.key.startsWith('/registry/daemonsets/')) return [`${ns}/${ev.obj.metadata!.name}`];
      const keys = new Set<string>();
      for (const o of [ev.obj, ev.prev]) {
        const ref = controllerRef(o);
        if (ref?.kind === 'DaemonSet') keys.add(`${ns}/${ref.name}`);
      }
      return [...keys];
    },
    reconcile,
  }).start();
  return { stop: () => rec.stop() };
}
