// The default profile's plugins as data: each filter says why a node does not fit (upstream's
// reason text, and whether evicting lower-priority pods could help), each score ranks the nodes
// that do. The scheduler runs them in order, like the framework's Filter and Score extension points.
import type { KObject } from '../kinds/types.ts';
import { parseQuantity } from '../kinds/core.ts';
import { labelSelectorFromObject, matchesLabels } from '../api/selectors.ts';
import { matchesNodeSelector, matchesNodeSelectorTerm, toleratesTaint } from '../node-selection.ts';

/** What every plugin may look at for one scheduling attempt. */
export interface CycleState {
  pod: KObject;
  nodes: KObject[];
  /** Pods bound to nodes and not finished, by node name. */
  podsByNode: Map<string, KObject[]>;
  /** Namespaces by name (for namespaceSelector terms). */
  namespaces: Map<string, KObject>;
  /** PVCs, PVs and StorageClasses by key (`ns/name`, `name`, `name`). */
  pvcs: Map<string, KObject>;
  pvs: KObject[];
  storageClasses: Map<string, KObject>;
}

export interface FilterPlugin {
  name: string;
  /** Reasons the node does not fit (empty: it fits). */
  filter(s: CycleState, node: KObject): string[];
  /** Whether removing lower-priority pods from the node could make it fit. */
  preemptionHelps: boolean;
}

export interface ScorePlugin {
  name: string;
  weight: number;
  /** A raw score per node; normalized to 0..100 across the feasible nodes unless `normalized`. */
  score(s: CycleState, node: KObject): number;
  /** Raw scores are already 0..100. */
  normalized?: boolean;
  /** Lower raw scores are better (reversed during normalization). */
  reverse?: boolean;
}

/** Whether the pod tolerates the taint. */
export function tolerates(pod: KObject, taint: any): boolean {
  return toleratesTaint(pod.spec?.tolerations, taint);
}

/** Whether the pod's nodeSelector and required node affinity admit the node. */
export function nodeAffinityOk(pod: KObject, node: KObject): boolean {
  const sel = pod.spec?.nodeSelector ?? {};
  const labels = node.metadata?.labels ?? {};
  if (!Object.entries(sel).every(([k, v]) => labels[k] === v)) return false;
  return matchesNodeSelector(pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution, node);
}

const requestsCache = new WeakMap<KObject, Record<string, number>>();

/** Requests of a pod as the scheduler counts them: max(init containers, sum of containers) + overhead. */
export function podRequests(pod: KObject): Record<string, number> {
  const hit = requestsCache.get(pod);
  if (hit) return hit;
  const sum: Record<string, number> = {};
  for (const c of pod.spec?.containers ?? []) {
    for (const [k, v] of Object.entries(c.resources?.requests ?? {})) sum[k] = (sum[k] ?? 0) + parseQuantity(v);
  }
  // native sidecars (restartable init containers) run alongside the containers
  for (const c of pod.spec?.initContainers ?? []) {
    if (c.restartPolicy === 'Always') for (const [k, v] of Object.entries(c.resources?.requests ?? {})) sum[k] = (sum[k] ?? 0) + parseQuantity(v);
  }
  for (const c of pod.spec?.initContainers ?? []) {
    if (c.restartPolicy === 'Always') continue;
    for (const [k, v] of Object.entries(c.resources?.requests ?? {})) sum[k] = Math.max(sum[k] ?? 0, parseQuantity(v));
  }
  for (const [k, v] of Object.entries(pod.spec?.overhead ?? {})) sum[k] = (sum[k] ?? 0) + parseQuantity(v);
  // stored objects are replaced, never changed in place, so a pod's requests can be kept with it
  requestsCache.set(pod, sum);
  return sum;
}

function taintText(t: any): string {
  return `{${t.key}: ${t.value ?? ''}}`;
}

// ----- inter-pod affinity ---------------------------------------------------------------------

/** Whether `other` is selected by an affinity term of `owner` (namespaces default to the owner's). */
function termMatches(term: any, owner: KObject, other: KObject, namespaces: Map<string, KObject>): boolean {
  const ns = other.metadata?.namespace;
  const listed: string[] = term.namespaces ?? [];
  let nsOk: boolean;
  if (term.namespaceSelector) {
    const nsLabels = namespaces.get(ns)?.metadata?.labels ?? {};
    nsOk = listed.includes(ns) || matchesLabels(labelSelectorFromObject(term.namespaceSelector), nsLabels);
  } else nsOk = listed.length ? listed.includes(ns) : ns === owner.metadata?.namespace;
  if (!nsOk) return false;
  const labels = other.metadata?.labels ?? {};
  let sel = term.labelSelector;
  // matchLabelKeys / mismatchLabelKeys take their values from the incoming pod's labels
  if (term.matchLabelKeys?.length || term.mismatchLabelKeys?.length) {
    const own = owner.metadata?.labels ?? {};
    const extra = [
      ...(term.matchLabelKeys ?? []).filter((k: string) => k in own).map((k: string) => ({ key: k, operator: 'In', values: [own[k]] })),
      ...(term.mismatchLabelKeys ?? []).filter((k: string) => k in own).map((k: string) => ({ key: k, operator: 'NotIn', values: [own[k]] })),
    ];
    sel = { ...(sel ?? {}), matchExpressions: [...(sel?.matchExpressions ?? []), ...extra] };
  }
  if (!sel) return false;
  return matchesLabels(labelSelectorFromObject(sel), labels);
}

function sameDomain(a: KObject, b: KObject, key: string): boolean {
  const va = a.metadata?.labels?.[key];
  return va !== undefined && va === b.metadata?.labels?.[key];
}

function allPods(s: CycleState): { pod: KObject; node: KObject }[] {
  const out: { pod: KObject; node: KObject }[] = [];
  for (const n of s.nodes) for (const p of s.podsByNode.get(n.metadata!.name) ?? []) out.push({ pod: p, node: n });
  return out;
}

const requiredTerms = (pod: KObject, kind: 'podAffinity' | 'podAntiAffinity'): any[] =>
  pod.spec?.affinity?.[kind]?.requiredDuringSchedulingIgnoredDuringExecution ?? [];

// ----- volumes ----------------------------------------------------------------------------------

function claimsOf(pod: KObject): string[] {
  return (pod.spec?.volumes ?? []).filter((v: any) => v.persistentVolumeClaim?.claimName).map((v: any) => v.persistentVolumeClaim.claimName);
}

function pvNodeOk(pv: KObject, node: KObject): boolean {
  return matchesNodeSelector(pv.spec?.nodeAffinity?.required, node);
}

/**
 * Pod-level volume problems that no node can fix (upstream's VolumeBinding PreFilter): a missing
 * claim, a claim being deleted, or an unbound claim of an Immediate class.
 */
export function volumePreFilter(s: CycleState): string | undefined {
  for (const name of claimsOf(s.pod)) {
    const pvc = s.pvcs.get(`${s.pod.metadata?.namespace}/${name}`);
    if (!pvc) return `persistentvolumeclaim "${name}" not found`;
    if (pvc.metadata?.deletionTimestamp) return `persistentvolumeclaim "${name}" is being deleted`;
    if (pvc.status?.phase === 'Bound' || pvc.spec?.volumeName) continue;
    const sc = s.storageClasses.get(pvc.spec?.storageClassName ?? '');
    if (sc?.volumeBindingMode !== 'WaitForFirstConsumer') return 'pod has unbound immediate PersistentVolumeClaims';
  }
  return undefined;
}

// ----- the filters ----------------------------------------------------------------------------

export const FILTERS: FilterPlugin[] = [
  {
    name: 'NodeUnschedulable', preemptionHelps: false,
    filter: (s, node) => (node.spec?.unschedulable && !tolerates(s.pod, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }) ? ['node(s) were unschedulable'] : []),
  },
  {
    name: 'NodeName', preemptionHelps: false,
    filter: (s, node) => (s.pod.spec?.nodeName && s.pod.spec.nodeName !== node.metadata!.name ? ["node(s) didn't match the requested node name"] : []),
  },
  {
    name: 'NodeAffinity', preemptionHelps: false,
    filter: (s, node) => (nodeAffinityOk(s.pod, node) ? [] : ["node(s) didn't match Pod's node affinity/selector"]),
  },
  {
    name: 'TaintToleration', preemptionHelps: false,
    filter: (s, node) => {
      const taint = (node.spec?.taints ?? []).find((t: any) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(s.pod, t));
      return taint ? [`node(s) had untolerated taint ${taintText(taint)}`] : [];
    },
  },
  {
    name: 'NodePorts', preemptionHelps: true,
    filter: (s, node) => {
      const used = new Set<string>();
      for (const p of s.podsByNode.get(node.metadata!.name) ?? []) {
        for (const c of p.spec?.containers ?? []) for (const cp of c.ports ?? []) if (cp.hostPort) used.add(`${cp.protocol ?? 'TCP'}/${cp.hostPort}`);
      }
      const want = (s.pod.spec?.containers ?? []).flatMap((c: any) => (c.ports ?? []).filter((cp: any) => cp.hostPort).map((cp: any) => `${cp.protocol ?? 'TCP'}/${cp.hostPort}`));
      return want.some((p: string) => used.has(p)) ? ["node(s) didn't have free ports for the requested pod ports"] : [];
    },
  },
  {
    name: 'NodeResourcesFit', preemptionHelps: true,
    filter: (s, node) => {
      const reasons: string[] = [];
      const on = s.podsByNode.get(node.metadata!.name) ?? [];
      const alloc = node.status?.allocatable ?? {};
      const want = podRequests(s.pod);
      const used: Record<string, number> = {};
      for (const p of on) for (const [k, v] of Object.entries(podRequests(p))) used[k] = (used[k] ?? 0) + v;
      if (on.length + 1 > parseQuantity(alloc.pods ?? '110')) reasons.push('Too many pods');
      for (const [res, amount] of Object.entries(want)) {
        if (!amount) continue;
        const cap = alloc[res] === undefined ? 0 : parseQuantity(alloc[res]);
        if ((used[res] ?? 0) + amount > cap) reasons.push(`Insufficient ${res}`);
      }
      return reasons;
    },
  },
  {
    name: 'VolumeBinding', preemptionHelps: false,
    filter: (s, node) => {
      for (const name of claimsOf(s.pod)) {
        const pvc = s.pvcs.get(`${s.pod.metadata?.namespace}/${name}`);
        if (!pvc) continue;
        const bound = pvc.spec?.volumeName ? s.pvs.find((pv) => pv.metadata?.name === pvc.spec.volumeName) : undefined;
        if (bound) {
          if (!pvNodeOk(bound, node)) return ['node(s) had volume node affinity conflict'];
          continue;
        }
        // WaitForFirstConsumer: an available matching volume on this node, or a provisioner
        const sc = s.storageClasses.get(pvc.spec?.storageClassName ?? '');
        if (sc && sc.provisioner && sc.provisioner !== 'kubernetes.io/no-provisioner') continue;
        const want = parseQuantity(pvc.spec?.resources?.requests?.storage ?? '0');
        const modes: string[] = pvc.spec?.accessModes ?? [];
        const fits = s.pvs.some((pv) => !pv.spec?.claimRef && (pv.spec?.storageClassName ?? '') === (pvc.spec?.storageClassName ?? '')
          && parseQuantity(pv.spec?.capacity?.storage ?? '0') >= want && modes.every((m) => (pv.spec?.accessModes ?? []).includes(m)) && pvNodeOk(pv, node));
        if (!fits) return ["node(s) didn't find available persistent volumes to bind"];
      }
      return [];
    },
  },
  {
    name: 'PodTopologySpread', preemptionHelps: true,
    filter: (s, node) => {
      for (const c of s.pod.spec?.topologySpreadConstraints ?? []) {
        if (c.whenUnsatisfiable !== 'DoNotSchedule') continue;
        const key = c.topologyKey;
        if (node.metadata?.labels?.[key] === undefined) return ["node(s) didn't match pod topology spread constraints (missing required label)"];
        const counts = spreadCounts(s, c);
        const min = counts.size ? Math.min(...counts.values()) : 0;
        const domains = counts.size;
        const minDomains = c.minDomains ?? 1;
        const globalMin = domains < minDomains ? 0 : min;
        const mine = counts.get(node.metadata!.labels![key]) ?? 0;
        const self = matchesLabels(labelSelectorFromObject(c.labelSelector), s.pod.metadata?.labels ?? {}) ? 1 : 0;
        if (mine + self - globalMin > (c.maxSkew ?? 1)) return ["node(s) didn't match pod topology spread constraints"];
      }
      return [];
    },
  },
  {
    name: 'InterPodAffinity', preemptionHelps: true,
    filter: (s, node) => {
      const pods = allPods(s);
      // existing pods' required anti-affinity against the incoming pod
      for (const { pod: other, node: otherNode } of pods) {
        for (const term of requiredTerms(other, 'podAntiAffinity')) {
          if (sameDomain(node, otherNode, term.topologyKey) && termMatches(term, other, s.pod, s.namespaces)) return ["node(s) didn't satisfy existing pods anti-affinity rules"];
        }
      }
      for (const term of requiredTerms(s.pod, 'podAffinity')) {
        const matching = pods.filter((x) => termMatches(term, s.pod, x.pod, s.namespaces));
        if (matching.some((x) => sameDomain(node, x.node, term.topologyKey))) continue;
        // the first pod of a group that selects itself may go anywhere with the topology key
        if (!matching.length && termMatches(term, s.pod, s.pod, s.namespaces) && node.metadata?.labels?.[term.topologyKey] !== undefined) continue;
        return ["node(s) didn't match pod affinity rules"];
      }
      for (const term of requiredTerms(s.pod, 'podAntiAffinity')) {
        if (pods.some((x) => sameDomain(node, x.node, term.topologyKey) && termMatches(term, s.pod, x.pod, s.namespaces))) return ["node(s) didn't match pod anti-affinity rules"];
      }
      return [];
    },
  },
];

/** Pods matching a spread constraint per topology domain, over the nodes the pod could use. */
function spreadCounts(s: CycleState, c: any): Map<string, number> {
  const sel = labelSelectorFromObject(c.labelSelector);
  const counts = new Map<string, number>();
  for (const n of s.nodes) {
    const v = n.metadata?.labels?.[c.topologyKey];
    if (v === undefined) continue;
    if ((c.nodeAffinityPolicy ?? 'Honor') === 'Honor' && !nodeAffinityOk(s.pod, n)) continue;
    if (c.nodeTaintsPolicy === 'Honor' && (n.spec?.taints ?? []).some((t: any) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(s.pod, t))) continue;
    let count = counts.get(v) ?? 0;
    for (const p of s.podsByNode.get(n.metadata!.name) ?? []) {
      if (p.metadata?.namespace === s.pod.metadata?.namespace && !p.metadata?.deletionTimestamp && matchesLabels(sel, p.metadata?.labels ?? {})) count++;
    }
    counts.set(v, count);
  }
  return counts;
}

// ----- the scores -------------------------------------------------------------------------------

/** The default profile's implicit spreading for pods of the same workload (hostname, then zone). */
function defaultSpreadSelector(s: CycleState): ((p: KObject) => boolean) | undefined {
  const owner = (s.pod.metadata?.ownerReferences ?? []).find((r: any) => r.controller);
  if (owner) return (p) => (p.metadata?.ownerReferences ?? []).some((r: any) => r.controller && r.uid === owner.uid);
  return undefined;
}

export const SCORES: ScorePlugin[] = [
  {
    name: 'NodeResourcesFit', weight: 1, normalized: true,
    score: (s, node) => {
      const alloc = node.status?.allocatable ?? {};
      const on = s.podsByNode.get(node.metadata!.name) ?? [];
      const frac = (res: string, nonZero: number) => {
        const cap = parseQuantity(alloc[res] ?? '0');
        if (!cap) return 1;
        const used = on.reduce((a, p) => a + (podRequests(p)[res] || nonZero), 0) + (podRequests(s.pod)[res] || nonZero);
        return Math.min(1, used / cap);
      };
      // least allocated, counting pods without requests as upstream's non-zero defaults (100m, 200Mi)
      return 100 - ((frac('cpu', 0.1) + frac('memory', 200 * 2 ** 20)) / 2) * 100;
    },
  },
  {
    name: 'TaintToleration', weight: 3, reverse: true,
    score: (s, node) => (node.spec?.taints ?? []).filter((t: any) => t.effect === 'PreferNoSchedule' && !tolerates(s.pod, t)).length,
  },
  {
    name: 'NodeAffinity', weight: 2,
    score: (s, node) => (s.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
      .reduce((a: number, t: any) => a + (matchesNodeSelectorTerm(t.preference ?? {}, node) ? t.weight ?? 0 : 0), 0),
  },
  {
    name: 'InterPodAffinity', weight: 2,
    score: (s, node) => {
      let total = 0;
      const pods = allPods(s);
      for (const t of s.pod.spec?.affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
        total += pods.filter((x) => sameDomain(node, x.node, t.podAffinityTerm?.topologyKey) && termMatches(t.podAffinityTerm, s.pod, x.pod, s.namespaces)).length * (t.weight ?? 0);
      }
      for (const t of s.pod.spec?.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
        total -= pods.filter((x) => sameDomain(node, x.node, t.podAffinityTerm?.topologyKey) && termMatches(t.podAffinityTerm, s.pod, x.pod, s.namespaces)).length * (t.weight ?? 0);
      }
      return total;
    },
  },
  {
    name: 'PodTopologySpread', weight: 2, reverse: true,
    score: (s, node) => {
      const soft = (s.pod.spec?.topologySpreadConstraints ?? []).filter((c: any) => c.whenUnsatisfiable === 'ScheduleAnyway');
      let total = 0;
      for (const c of soft) total += spreadCounts(s, c).get(node.metadata?.labels?.[c.topologyKey]) ?? 0;
      if (!(s.pod.spec?.topologySpreadConstraints ?? []).length) {
        // system default constraints: spread a workload's pods over hostnames
        const same = defaultSpreadSelector(s);
        if (same) total += (s.podsByNode.get(node.metadata!.name) ?? []).filter(same).length;
      }
      return total;
    },
  },
];

/** Weighted sum of normalized plugin scores per feasible node. */
export function scoreNodes(s: CycleState, feasible: KObject[]): Map<string, number> {
  const total = new Map<string, number>(feasible.map((n) => [n.metadata!.name, 0]));
  for (const p of SCORES) {
    const raw = feasible.map((n) => p.score(s, n));
    let norm: number[];
    if (p.normalized) norm = raw;
    else {
      const max = Math.max(...raw);
      const min = Math.min(...raw, 0);
      const span = max - min;
      norm = raw.map((r) => (span === 0 ? (p.reverse ? 100 : 0) : ((r - min) / span) * 100));
      if (p.reverse) norm = norm.map((x, i) => (span === 0 ? 100 : 100 - ((raw[i] - min) / span) * 100));
    }
    feasible.forEach((n, i) => total.set(n.metadata!.name, total.get(n.metadata!.name)! + norm[i] * p.weight));
  }
  return total;
}
