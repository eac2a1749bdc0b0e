// The node lifecycle controller and the taint-eviction controller of kube-controller-manager:
// - node health: a node whose kubelet stops renewing its Lease (kube-node-lease) and posting status
//   for longer than --node-monitor-grace-period (50s) gets its conditions set to Unknown
//   ("Kubelet stopped posting node status."), a NodeNotReady event, and its pods marked not Ready;
// - condition taints: node.kubernetes.io/unreachable (Ready Unknown) or not-ready (Ready False) as
//   NoSchedule and NoExecute, node.kubernetes.io/unschedulable for cordoned nodes; removed again when
//   the kubelet reports Ready;
// - taint eviction: pods on a node with NoExecute taints they do not tolerate are deleted, those
//   tolerating them for tolerationSeconds (300s by default admission) after that long.
// A node is judged only once its kubelet has been seen renewing, or once the grace period has
// passed since start while other nodes' kubelets do renew (so a runtime without kubelets never
// marks its nodes down).
import type { KObject } from '../kinds/types.ts';
import { ResourceRegistry } from '../api/registry.ts';
import { clone, nowRFC3339 } from '../api/rest.ts';
import { deepEqual } from '../kinds/validation.ts';
import { isNotFound, type Ctx } from './framework.ts';
import type { Timer } from '../clock.ts';
import { tolerationMatches } from '../node-selection.ts';

const UNREACHABLE = 'node.kubernetes.io/unreachable';
const NOT_READY = 'node.kubernetes.io/not-ready';
const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
const CONDITION_TAINTS = [UNREACHABLE, NOT_READY, UNSCHEDULABLE];
const HEALTH_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

/** Parses a Go duration such as `50s`, `1m30s`, `40s0ms`. */
function durationMs(s: string | undefined, fallback: number): number {
  if (!s) return fallback;
  let ms = 0;
  let ok = false;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    ok = true;
    ms += Number(m[1]) * { h: 3600e3, m: 60e3, s: 1e3, ms: 1 }[m[2] as 'h' | 'm' | 's' | 'ms'];
  }
  return ok ? ms : fallback;
}

function readyCondition(node: KObject): any {
  return (node.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
}

export function startNodeLifecycleController(ctx: Ctx, flags: Map<string, string>): { stop(): void } {
  const grace = durationMs(flags.get('node-monitor-grace-period'), 50_000);
  const nodeEvents = ctx.recorder('node-controller');
  const podEvents = ctx.recorder('node-controller');
  const evictionEvents = ctx.recorder('taint-eviction-controller');
  const leaseKind = ctx.client.kind('coordination.k8s.io/v1/leases');
  const leasePrefix = ResourceRegistry.keyPrefix(leaseKind, 'kube-node-lease');
  const nodePrefix = ResourceRegistry.keyPrefix(ctx.client.kind('v1/nodes'));
  const started = ctx.clock.ms();
  const probe = new Map<string, number>();
  const renewing = new Set<string>();
  const evictedPods = new Set<string>();
  let busy = false;

  const unsubscribe = ctx.store.subscribe((ev) => {
    if (ev.type === 'DELETED') return;
    if (ev.key.startsWith(leasePrefix)) {
      if (ev.prev && ev.prev.spec?.renewTime === ev.obj.spec?.renewTime) return;
      if (!ev.prev && ev.type !== 'ADDED') return;
      probe.set(ev.obj.metadata!.name, ctx.clock.ms());
      renewing.add(ev.obj.metadata!.name);
    } else if (ev.key.startsWith(nodePrefix)) {
      const hb = readyCondition(ev.obj)?.lastHeartbeatTime;
      if (ev.prev && hb && hb !== readyCondition(ev.prev)?.lastHeartbeatTime) {
        probe.set(ev.obj.metadata!.name, ctx.clock.ms());
        renewing.add(ev.obj.metadata!.name);
      }
      // condition and cordon changes show as taints at once
      if (!busy) void tick();
    }
  });

  /** Conditions to Unknown, an event, and the node's pods marked not ready. */
  const markUnknown = async (node: KObject): Promise<void> => {
    const now = nowRFC3339(ctx.clock.now());
    const next = clone(node);
    const conds: any[] = next.status?.conditions ?? [];
    for (const type of HEALTH_CONDITIONS) {
      const c = conds.find((x) => x.type === type);
      const fresh = { type, status: 'Unknown', lastHeartbeatTime: c?.lastHeartbeatTime ?? now, lastTransitionTime: now, reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' };
      if (c) Object.assign(c, fresh);
      else conds.push(fresh);
    }
    next.status = { ...(next.status ?? {}), conditions: conds };
    const saved = await ctx.client.updateStatus('v1/nodes', next);
    void nodeEvents.record(saved, 'Normal', 'NodeNotReady', `Node ${node.metadata!.name} status is now: NodeNotReady`);
    await markPodsNotReady(node.metadata!.name);
  };

  const markPodsNotReady = async (nodeName: string): Promise<void> => {
    const now = nowRFC3339(ctx.clock.now());
    for (const pod of ctx.client.list('v1/pods', undefined, (p) => p.spec?.nodeName === nodeName)) {
      const ready = (pod.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const next = clone(pod);
      const c = next.status.conditions.find((x: any) => x.type === 'Ready');
      c.status = 'False';
      c.lastTransitionTime = now;
      try {
        await ctx.client.updateStatus('v1/pods', next);
        void podEvents.record(pod, 'Warning', 'NodeNotReady', 'Node is not ready');
      } catch (e) {
        if (!isNotFound(e)) ctx.log(`node-lifecycle: ${pod.metadata!.name}: ${(e as Error).message}`);
      }
    }
  };

  /** The condition taints a node should carry now. */
  const wantedTaints = (node: KObject): any[] => {
    const ready = readyCondition(node)?.status;
    const out: any[] = [];
    if (node.spec?.unschedulable) out.push({ key: UNSCHEDULABLE, effect: 'NoSchedule' });
    if (ready === 'Unknown') out.push({ key: UNREACHABLE, effect: 'NoSchedule' }, { key: UNREACHABLE, effect: 'NoExecute' });
    else if (ready === 'False') out.push({ key: NOT_READY, effect: 'NoSchedule' }, { key: NOT_READY, effect: 'NoExecute' });
    return out;
  };

  const syncTaints = async (node: KObject): Promise<void> => {
    const cur: any[] = node.spec?.taints ?? [];
    const want = wantedTaints(node);
    const keep = cur.filter((t) => !CONDITION_TAINTS.includes(t.key) || want.some((w) => w.key === t.key && w.effect === t.effect));
    const add = want.filter((w) => !cur.some((t) => t.key === w.key && t.effect === w.effect))
      .map((w) => (w.effect === 'NoExecute' ? { ...w, timeAdded: nowRFC3339(ctx.clock.now()) } : w));
    const taints = [...keep, ...add];
    if (deepEqual(taints, cur)) return;
    const next = clone(node);
    if (taints.length) next.spec.taints = taints;
    else delete next.spec.taints;
    await ctx.client.update('v1/nodes', next);
  };

  /** Deletes pods that do not tolerate a node's NoExecute taints (or have tolerated them long enough). */
  const evictPods = async (node: KObject, nowMs: number): Promise<void> => {
    const taints = (node.spec?.taints ?? []).filter((t: any) => t.effect === 'NoExecute');
    if (!taints.length) return;
    for (const pod of ctx.client.list('v1/pods', undefined, (p) => p.spec?.nodeName === node.metadata!.name && !p.metadata?.deletionTimestamp)) {
      let due = -Infinity;
      for (const taint of taints) {
        const tols = (pod.spec?.tolerations ?? []).filter((t: any) => tolerationMatches(t, taint));
        if (!tols.length) { due = nowMs; break; }
        const secs = tols.map((t: any) => t.tolerationSeconds).filter((s: unknown) => typeof s === 'number');
        if (secs.length < tols.length) continue; // tolerated forever
        const added = taint.timeAdded ? Date.parse(taint.timeAdded) : nowMs;
        due = Math.max(due, added + Math.max(0, Math.min(...secs)) * 1000);
      }
      if (due === -Infinity || due > nowMs) continue;
      const uid = pod.metadata!.uid;
      if (evictedPods.has(uid)) continue;
      evictedPods.add(uid);
      if (evictedPods.size > 10_000) evictedPods.clear();
      void evictionEvents.record(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${pod.metadata!.namespace}/${pod.metadata!.name}`);
      await ctx.client.delete('v1/pods', pod.metadata!.namespace, pod.metadata!.name).catch((e) => { if (!isNotFound(e)) ctx.log(`taint-eviction: ${(e as Error).message}`); });
    }
  };

  const tick = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      const nowMs = ctx.clock.ms();
      for (const s of ctx.store.list(nodePrefix)) {
        const name = s.obj.metadata!.name;
        // a node is given the grace period from when it is first seen
        if (!probe.has(name)) probe.set(name, nowMs);
        const judged = renewing.has(name) || (renewing.size > 0 && nowMs - Math.max(started, probe.get(name)!) > grace);
        let node = s.obj;
        try {
          if (judged && nowMs - probe.get(name)! > grace && readyCondition(node)?.status !== 'Unknown') {
            await markUnknown(node);
            node = ctx.client.get('v1/nodes', undefined, name) ?? node;
          }
          await syncTaints(node);
          node = ctx.client.get('v1/nodes', undefined, name) ?? node;
          await evictPods(node, nowMs);
        } catch (e) {
          if (!isNotFound(e) && !(e as { code?: number }).code) ctx.log(`node-lifecycle: ${name}: ${(e as Error).message}`);
        }
      }
    } finally {
      busy = false;
    }
  };

  // --node-monitor-period: 5s
  const timer: Timer = ctx.clock.every(5000, () => void tick());
  void tick();
  return {
    stop: () => {
      timer.cancel();
      unsubscribe();
    },
  };
}
