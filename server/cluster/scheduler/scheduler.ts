// The default scheduler: pods without a node are filtered against every node (unschedulable,
// taints and tolerations, node selector and required node affinity, resources, host ports),
// scored to spread them (least allocated), and bound through the API. Unschedulable pods get
// upstream's PodScheduled=False condition and FailedScheduling event, and are retried whenever a
// node or pod changes.
import type { KObject } from '../kinds/types.ts';
import type { Store } from '../api/store.ts';
import { clone, nowRFC3339 } from '../api/rest.ts';
import { parseQuantity } from '../kinds/core.ts';
import { EventRecorder } from '../events.ts';

const SCHEDULER = 'default-scheduler';

interface Verdict {
  /** Upstream's reason text for one node, e.g. `Insufficient cpu`. */
  reasons: string[];
  /** Whether evicting lower-priority pods could help (resources) or not (taints, affinity…). */
  preemptionHelps: boolean;
}

function tolerates(pod: KObject, taint: any): boolean {
  return (pod.spec?.tolerations ?? []).some((t: any) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

function matchesNodeSelectorTerm(term: any, node: KObject): boolean {
  const labels = node.metadata?.labels ?? {};
  const exprOk = (term.matchExpressions ?? []).every((e: any) => {
    const v = labels[e.key];
    switch (e.operator) {
      case 'In': return v !== undefined && (e.values ?? []).includes(v);
      case 'NotIn': return v === undefined || !(e.values ?? []).includes(v);
      case 'Exists': return v !== undefined;
      case 'DoesNotExist': return v === undefined;
      case 'Gt': return v !== undefined && Number(v) > Number(e.values?.[0]);
      case 'Lt': return v !== undefined && Number(v) < Number(e.values?.[0]);
      default: return false;
    }
  });
  const fieldsOk = (term.matchFields ?? []).every((f: any) => {
    const v = f.key === 'metadata.name' ? node.metadata?.name : undefined;
    return f.operator === 'In' ? (f.values ?? []).includes(v) : f.operator === 'NotIn' ? !(f.values ?? []).includes(v) : false;
  });
  return exprOk && fieldsOk;
}

/** Requests of a pod as the scheduler counts them: max(init containers, sum of containers) + overhead. */
const requestsCache = new WeakMap<KObject, Record<string, number>>();

export function podRequests(pod: KObject): Record<string, number> {
  const hit = requestsCache.get(pod);
  if (hit) return hit;
  const sum: Record<string, number> = {};
  for (const c of pod.spec?.containers ?? []) {
    for (const [k, v] of Object.entries(c.resources?.requests ?? {})) sum[k] = (sum[k] ?? 0) + parseQuantity(v);
  }
  for (const c of pod.spec?.initContainers ?? []) {
    for (const [k, v] of Object.entries(c.resources?.requests ?? {})) sum[k] = Math.max(sum[k] ?? 0, parseQuantity(v));
  }
  // stored objects are replaced, never changed in place, so a pod's requests can be kept with it
  requestsCache.set(pod, sum);
  return sum;
}

function taintText(t: any): string {
  return `{${t.key}: ${t.value ?? ''}}`;
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
    this.events = new EventRecorder(store, SCHEDULER);
  }

  start(): void {
    for (const s of this.store.list('/registry/pods/')) this.enqueue(s.key, s.obj);
    this.unsubscribe = this.store.subscribe((ev) => {
      if (ev.key.startsWith('/registry/pods/') && ev.type !== 'DELETED') this.enqueue(ev.key, ev.obj);
      // a node change or a pod leaving can make room: look at the waiting pods again
      else if (ev.key.startsWith('/registry/minions/') || ev.key.startsWith('/registry/pods/')) this.requeueWaiting();
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

  private filter(pod: KObject, node: KObject, podsOnNode: KObject[]): Verdict {
    const reasons: string[] = [];
    let preemptionHelps = true;
    const hard = (r: string) => {
      reasons.push(r);
      preemptionHelps = false;
    };
    if (node.spec?.unschedulable && !tolerates(pod, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) {
      hard('node(s) were unschedulable');
      return { reasons, preemptionHelps };
    }
    const sel = pod.spec?.nodeSelector ?? {};
    const labels = node.metadata?.labels ?? {};
    const selOk = Object.entries(sel).every(([k, v]) => labels[k] === v);
    const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    const affOk = !required?.nodeSelectorTerms?.length || required.nodeSelectorTerms.some((t: any) => matchesNodeSelectorTerm(t, node));
    if (!selOk || !affOk) {
      hard("node(s) didn't match Pod's node affinity/selector");
      return { reasons, preemptionHelps };
    }
    const taint = (node.spec?.taints ?? []).find((t: any) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(pod, t));
    if (taint) {
      hard(`node(s) had untolerated taint ${taintText(taint)}`);
      return { reasons, preemptionHelps };
    }
    const ports = new Set<string>();
    for (const p of podsOnNode) for (const c of p.spec?.containers ?? []) for (const cp of c.ports ?? []) if (cp.hostPort) ports.add(`${cp.protocol ?? 'TCP'}/${cp.hostPort}`);
    const wantPorts = (pod.spec?.containers ?? []).flatMap((c: any) => (c.ports ?? []).filter((cp: any) => cp.hostPort).map((cp: any) => `${cp.protocol ?? 'TCP'}/${cp.hostPort}`));
    if (wantPorts.some((p: string) => ports.has(p))) reasons.push("node(s) didn't have free ports for the requested pod ports");
    const alloc = node.status?.allocatable ?? {};
    const want = podRequests(pod);
    const used: Record<string, number> = {};
    for (const p of podsOnNode) for (const [k, v] of Object.entries(podRequests(p))) used[k] = (used[k] ?? 0) + v;
    if (podsOnNode.length + 1 > parseQuantity(alloc.pods ?? '110')) reasons.push('Too many pods');
    for (const [res, amount] of Object.entries(want)) {
      if (!amount) continue;
      const cap = alloc[res] === undefined ? 0 : parseQuantity(alloc[res]);
      if ((used[res] ?? 0) + amount > cap) reasons.push(`Insufficient ${res}`);
    }
    return { reasons, preemptionHelps };
  }

  private score(pod: KObject, node: KObject, podsOnNode: KObject[]): number {
    const alloc = node.status?.allocatable ?? {};
    const frac = (res: string) => {
      const cap = parseQuantity(alloc[res] ?? '0');
      if (!cap) return 0;
      const used = podsOnNode.reduce((a, p) => a + (podRequests(p)[res] ?? (res === 'cpu' ? 0.1 : 200 * 2 ** 20)), 0) + (podRequests(pod)[res] ?? 0);
      return used / cap;
    };
    // least allocated, counting each pod as upstream's non-zero defaults (100m CPU, 200Mi memory)
    return 100 - ((frac('cpu') + frac('memory')) / 2) * 100;
  }

  private async scheduleOne(key: string): Promise<void> {
    const s = this.store.get(key);
    if (!s || !this.wants(s.obj)) return;
    const pod = s.obj;
    const nodes = this.store.list('/registry/minions/').map((n) => n.obj);
    const pods = this.store.list('/registry/pods/').map((p) => p.obj).filter((p) => p.spec?.nodeName && !['Succeeded', 'Failed'].includes(p.status?.phase));
    const feasible: { node: KObject; score: number }[] = [];
    const counts = new Map<string, number>();
    let hopeless = 0;
    for (const node of nodes) {
      const on = pods.filter((p) => p.spec.nodeName === node.metadata!.name);
      const v = this.filter(pod, node, on);
      if (!v.reasons.length) feasible.push({ node, score: this.score(pod, node, on) });
      else {
        if (!v.preemptionHelps) hopeless++;
        for (const r of v.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
      }
    }
    if (!feasible.length) return this.unschedulable(key, pod, nodes.length, counts, hopeless);
    feasible.sort((a, b) => b.score - a.score);
    const best = feasible.filter((f) => f.score === feasible[0].score);
    const chosen = best[Math.floor(Math.random() * best.length)].node;
    await this.bind(key, chosen.metadata!.name);
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

  private async unschedulable(key: string, pod: KObject, total: number, counts: Map<string, number>, hopeless: number): Promise<void> {
    const parts = [...counts].map(([r, n]) => `${n} ${r}`).sort();
    const helpful = total - hopeless;
    const pre = [
      ...(helpful > 0 ? [`${helpful} No preemption victims found for incoming pod`] : []),
      ...(hopeless > 0 ? [`${hopeless} Preemption is not helpful for scheduling`] : []),
    ];
    const message = total === 0
      ? 'no nodes available to schedule pods'
      : `0/${total} nodes are available: ${parts.join(', ')}. preemption: 0/${total} nodes are available: ${pre.join(', ')}.`;
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
