// The default scheduler: pods without a node are filtered against every node by the default
// profile's plugins (plugins.ts), scored, and bound; when no node fits, lower-priority pods are
// preempted where that helps. Unschedulable pods get
// upstream's PodScheduled=False condition and FailedScheduling event, and are retried whenever a
// node or pod changes.
import type { KObject } from '../kinds/types.ts';
import type { Store } from '../api/store.ts';
import { clone, nowRFC3339 } from '../api/rest.ts';
import { EventRecorder } from '../events.ts';
import { FILTERS, podRequests, scoreNodes, volumePreFilter, type CycleState } from './plugins.ts';

const SCHEDULER = 'default-scheduler';
/** Changes that can make a waiting pod schedulable. */
const REQUEUE_ON = ['/registry/minions/', '/registry/pods/', '/registry/persistentvolumeclaims/', '/registry/persistentvolumes/', '/registry/namespaces/'];

export { podRequests };

interface Verdict {
  /** Upstream's reason text for one node, e.g. `Insufficient cpu`. */
  reasons: string[];
  /** Whether evicting lower-priority pods could help (resources, ports, spreading) or not (taints, affinity…). */
  preemptionHelps: boolean;
}

export class Scheduler {
  private queue = new Set<string>();
  private timer?: NodeJS.Timeout;
  private running = false;
  private events: EventRecorder;
  private unsubscribe?: () => void;
  private retry?: NodeJS.Timeout;
  /** Last FailedScheduling event per pod, so retries do not flood the event log. */
  private lastFailure = new Map<string, { message: string; at: number }>();

  constructor(private store: Store, private now: () => Date = () => new Date()) {
    this.events = new EventRecorder(store, SCHEDULER, undefined, now);
  }

  start(): void {
    for (const s of this.store.list('/registry/pods/')) this.enqueue(s.key, s.obj);
    this.unsubscribe = this.store.subscribe((ev) => {
      if (ev.key.startsWith('/registry/pods/') && ev.type !== 'DELETED') this.enqueue(ev.key, ev.obj);
      // a node change or a pod leaving can make room: look at the waiting pods again
      else if (REQUEUE_ON.some((p) => ev.key.startsWith(p))) this.requeueWaiting();
    });
    this.retry = setInterval(() => this.requeueWaiting(), 10_000);
    this.retry.unref();
  }

  stop(): void {
    this.unsubscribe?.();
    if (this.retry) clearInterval(this.retry);
  }

  private wants(pod: KObject): boolean {
    return !pod.spec?.nodeName && (pod.spec?.schedulerName ?? SCHEDULER) === SCHEDULER && !pod.metadata?.deletionTimestamp
      && !(pod.spec?.schedulingGates ?? []).length;
  }

  private enqueue(key: string, pod: KObject): void {
    if (!this.wants(pod)) return;
    this.queue.add(key);
    if (!this.timer) this.timer = setTimeout(() => void this.drain(), 0);
  }

  private requeueWaiting(): void {
    for (const s of this.store.list('/registry/pods/')) this.enqueue(s.key, s.obj);
  }

  private async drain(): Promise<void> {
    this.timer = undefined;
    if (this.running) {
      this.timer = setTimeout(() => void this.drain(), 20);
      return;
    }
    this.running = true;
    try {
      const keys = [...this.queue];
      this.queue.clear();
      for (const key of keys) await this.scheduleOne(key).catch(() => this.queue.add(key));
    } finally {
      this.running = false;
    }
  }

  private cycleState(pod: KObject): CycleState {
    const nodes = this.store.list('/registry/minions/').map((n) => n.obj);
    const podsByNode = new Map<string, KObject[]>();
    for (const s of this.store.list('/registry/pods/')) {
      const p = s.obj;
      const n = p.spec?.nodeName;
      if (!n || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
      let arr = podsByNode.get(n);
      if (!arr) podsByNode.set(n, (arr = []));
      arr.push(p);
    }
    const byKey = (prefix: string) => new Map(this.store.list(prefix).map((s) => [s.key.slice(prefix.length), s.obj]));
    return {
      pod, nodes, podsByNode,
      namespaces: byKey('/registry/namespaces/'),
      pvcs: byKey('/registry/persistentvolumeclaims/'),
      pvs: this.store.list('/registry/persistentvolumes/').map((s) => s.obj),
      storageClasses: byKey('/registry/storageclasses/'),
    };
  }

  private filter(s: CycleState, node: KObject): Verdict {
    const reasons: string[] = [];
    let preemptionHelps = true;
    for (const f of FILTERS) {
      const r = f.filter(s, node);
      if (!r.length) continue;
      reasons.push(...r);
      if (!f.preemptionHelps) {
        preemptionHelps = false;
        break; // upstream stops at the first plugin that cannot be helped
      }
    }
    return { reasons, preemptionHelps };
  }

  private async scheduleOne(key: string): Promise<void> {
    const st = this.store.get(key);
    if (!st || !this.wants(st.obj)) return;
    const pod = st.obj;
    const s = this.cycleState(pod);
    const pre = volumePreFilter(s);
    if (pre) return this.unschedulable(key, pod, s.nodes.length, new Map(), s.nodes.length, pre);
    const feasible: KObject[] = [];
    const counts = new Map<string, number>();
    const verdicts = new Map<string, Verdict>();
    let hopeless = 0;
    for (const node of s.nodes) {
      const v = this.filter(s, node);
      verdicts.set(node.metadata!.name, v);
      if (!v.reasons.length) feasible.push(node);
      else {
        if (!v.preemptionHelps) hopeless++;
        for (const r of v.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
      }
    }
    if (!feasible.length) {
      const preempted = pod.spec?.preemptionPolicy === 'Never' ? undefined : await this.preempt(key, s, verdicts);
      return this.unschedulable(key, pod, s.nodes.length, counts, hopeless, undefined, preempted);
    }
    const scores = scoreNodes(s, feasible);
    const top = Math.max(...scores.values());
    const best = feasible.filter((n) => scores.get(n.metadata!.name) === top);
    const chosen = best[Math.floor(Math.random() * best.length)];
    await this.bind(key, chosen.metadata!.name);
  }

  /**
   * Default preemption: on each node where only evictable reasons failed, remove lower-priority
   * pods until the pod fits, give back as many as possible (highest priority first), and pick the
   * node whose victims matter least. Victims are deleted gracefully; the pod is nominated there.
   * Returns whether a node was nominated.
   */
  private async preempt(key: string, s: CycleState, verdicts: Map<string, Verdict>): Promise<'nominated' | 'none'> {
    const prio = (p: KObject) => p.spec?.priority ?? 0;
    const mine = prio(s.pod);
    let best: { node: string; victims: KObject[] } | undefined;
    const better = (a: KObject[], b: KObject[]) => {
      const maxA = Math.max(...a.map(prio)), maxB = Math.max(...b.map(prio));
      if (maxA !== maxB) return maxA < maxB;
      const sumA = a.reduce((x, p) => x + prio(p), 0), sumB = b.reduce((x, p) => x + prio(p), 0);
      if (sumA !== sumB) return sumA < sumB;
      return a.length < b.length;
    };
    for (const node of s.nodes) {
      const name = node.metadata!.name;
      if (!verdicts.get(name)?.preemptionHelps) continue;
      const on = s.podsByNode.get(name) ?? [];
      const lower = on.filter((p) => prio(p) < mine && !p.metadata?.deletionTimestamp);
      if (!lower.length) continue;
      const keep = on.filter((p) => !lower.includes(p));
      const fits = (pods: KObject[]) => !this.filter({ ...s, podsByNode: new Map(s.podsByNode).set(name, pods) }, node).reasons.length;
      if (!fits(keep)) continue;
      const victims: KObject[] = [];
      for (const p of [...lower].sort((a, b) => prio(b) - prio(a))) {
        if (fits([...keep, p])) keep.push(p);
        else victims.push(p);
      }
      if (!victims.length) continue;
      if (!best || better(victims, best.victims)) best = { node: name, victims };
    }
    if (!best) return 'none';
    const cur = this.store.get(key);
    if (cur) {
      const next = clone(cur.obj);
      next.status = { ...(next.status ?? {}), nominatedNodeName: best.node };
      await this.store.update(key, next, cur.rev).catch(() => undefined);
    }
    for (const v of best.victims) {
      const vk = `/registry/pods/${v.metadata!.namespace}/${v.metadata!.name}`;
      const vs = this.store.get(vk);
      if (!vs) continue;
      await this.events.record(v, 'Normal', 'Preempted', `Preempted by pod ${s.pod.metadata!.uid} on node ${best.node}`, this.now());
      const next = clone(vs.obj);
      const t = nowRFC3339(this.now());
      next.status = { ...(next.status ?? {}), conditions: [...(next.status?.conditions ?? []).filter((c: any) => c.type !== 'DisruptionTarget'), { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: t, reason: 'PreemptionByScheduler', message: `${SCHEDULER}: preempting to accommodate a higher priority pod` }] };
      if (next.spec?.nodeName) {
        // bound pods terminate gracefully on their node; the kubelet finishes the deletion
        const grace = next.spec.terminationGracePeriodSeconds ?? 30;
        next.metadata = next.metadata ?? {};
        next.metadata.deletionTimestamp = nowRFC3339(new Date(this.now().getTime() + grace * 1000));
        next.metadata!.deletionGracePeriodSeconds = grace;
        await this.store.update(vk, next, vs.rev).catch(() => undefined);
      } else await this.store.delete(vk, vs.rev).catch(() => undefined);
    }
    return 'nominated';
  }

  private async bind(key: string, nodeName: string): Promise<void> {
    const s = this.store.get(key);
    if (!s || s.obj.spec?.nodeName) return;
    const next = clone(s.obj);
    next.spec.nodeName = nodeName;
    const t = nowRFC3339(this.now());
    const conds = (next.status?.conditions ?? []).filter((c: any) => c.type !== 'PodScheduled');
    conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: t });
    next.status = { ...(next.status ?? {}), conditions: conds };
    const saved = await this.store.update(key, next, s.rev);
    const m = saved.metadata!;
    await this.events.record(saved, 'Normal', 'Scheduled', `Successfully assigned ${m.namespace}/${m.name} to ${nodeName}`, this.now());
  }

  private async unschedulable(key: string, pod: KObject, total: number, counts: Map<string, number>, hopeless: number, preFilter?: string, preempted?: 'nominated' | 'none'): Promise<void> {
    const histogram = (m: Map<string, number>) => [...m].map(([r, n]) => `${n} ${r}`).sort().join(', ');
    const helpful = total - hopeless;
    const pre = new Map<string, number>();
    if (helpful > 0) pre.set('No preemption victims found for incoming pod', helpful);
    if (hopeless > 0) pre.set('Preemption is not helpful for scheduling', hopeless);
    const preMsg = pod.spec?.preemptionPolicy === 'Never' ? ' preemption: not eligible due to preemptionPolicy=Never.'
      : preempted === 'nominated' ? '' : ` preemption: 0/${total} nodes are available: ${histogram(pre)}.`;
    const message = total === 0
      ? 'no nodes available to schedule pods'
      : `0/${total} nodes are available: ${preFilter ?? histogram(counts)}.${preMsg}`;
    const s = this.store.get(key);
    if (!s) return;
    const cur = (s.obj.status?.conditions ?? []).find((c: any) => c.type === 'PodScheduled');
    if (!cur || cur.status !== 'False' || cur.message !== message) {
      const next = clone(s.obj);
      const conds = (next.status?.conditions ?? []).filter((c: any) => c.type !== 'PodScheduled');
      conds.push({ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: nowRFC3339(this.now()), reason: 'Unschedulable', message });
      next.status = { ...(next.status ?? {}), phase: next.status?.phase ?? 'Pending', conditions: conds };
      await this.store.update(key, next, s.rev).catch(() => undefined);
    }
    const uid = pod.metadata?.uid ?? key;
    const last = this.lastFailure.get(uid);
    const now = this.now().getTime();
    if (last && last.message === message && now - last.at < 60_000) return;
    this.lastFailure.set(uid, { message, at: now });
    await this.events.record(pod, 'Warning', 'FailedScheduling', message, this.now());
  }
}
