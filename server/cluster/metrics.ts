// The resource metrics API (metrics.k8s.io/v1beta1) that metrics-server serves through the API
// server's aggregation layer, so `kubectl top nodes|pods` works. As on a real cluster the group
// exists only while metrics-server has a ready endpoint; the figures come from a usage source
// (simulated idle usage per running container, see simulatedUsage), computed when asked, never stored.
import type { KindDef, KObject } from './kinds/types.ts';
import type { ApiServer } from './api/server.ts';
import type { Store } from './api/store.ts';
import { nowRFC3339 } from './api/rest.ts';

export interface ContainerUsage {
  /** CPU in cores. */
  cpu: number;
  /** Memory working set in bytes. */
  memory: number;
}

/** Where usage figures come from: per running container of a pod (undefined: not running). */
export interface UsageSource {
  containers(pod: KObject): Record<string, ContainerUsage> | undefined;
  /** What a node's own daemons use beside its pods (kubelet, containerd, control plane). */
  nodeOverhead(node: KObject): ContainerUsage;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

/** Typical idle working sets of common images (MiB); anything else uses a small default. */
const IMAGE_MEMORY: [RegExp, number][] = [
  [/(^|\/)nginx/, 3], [/(^|\/)httpd/, 6], [/(^|\/)redis/, 4], [/(^|\/)mysql/, 380], [/(^|\/)postgres/, 30], [/(^|\/)mongo/, 150],
  [/(^|\/)busybox|(^|\/)alpine/, 0.4], [/coredns/, 14], [/kube-proxy/, 18], [/flannel/, 12], [/metrics-server/, 20],
  [/local-path-provisioner/, 10], [/kube-apiserver/, 260], [/etcd/, 45], [/kube-controller-manager/, 55], [/kube-scheduler/, 22],
];

/**
 * Usage that looks like an idle cluster's: stable per container, a little jitter over time, and
 * the requests of a container that asks for resources partly used.
 */
export function simulatedUsage(now: () => number): UsageSource {
  return {
    containers(pod) {
      if (pod.status?.phase !== 'Running') return undefined;
      const out: Record<string, ContainerUsage> = {};
      const tick = Math.floor(now() / 15000);
      for (const c of pod.spec?.containers ?? []) {
        const running = (pod.status?.containerStatuses ?? []).find((s: any) => s.name === c.name)?.state?.running;
        if (!running) continue;
        const seed = hash(`${pod.metadata?.uid}/${c.name}`);
        const jitter = 0.9 + 0.2 * hash(`${seed}/${tick}`);
        const mib = IMAGE_MEMORY.find(([re]) => re.test(c.image ?? ''))?.[1] ?? 2;
        out[c.name] = { cpu: (0.0005 + seed * 0.002) * jitter, memory: mib * 1048576 * jitter };
      }
      return out;
    },
    nodeOverhead(node) {
      const cp = 'node-role.kubernetes.io/control-plane' in (node.metadata?.labels ?? {});
      const seed = hash(`${node.metadata?.uid}/${Math.floor(now() / 15000)}`);
      return { cpu: (cp ? 0.06 : 0.02) * (0.9 + 0.2 * seed), memory: (cp ? 520 : 260) * 1048576 * (0.95 + 0.1 * seed) };
    },
  };
}

const cpuQ = (cores: number) => `${Math.round(cores * 1e9)}n`;
const memQ = (bytes: number) => `${Math.round(bytes / 1024)}Ki`;

function metricsKinds(store: Store, usage: UsageSource, now: () => Date): KindDef[] {
  const base = { group: 'metrics.k8s.io', version: 'v1beta1', verbs: ['get', 'list'] };
  const pods = (ns?: string) => store.list(ns ? `/registry/pods/${ns}/` : '/registry/pods/').map((s) => s.obj);
  return [
    {
      ...base, kind: 'PodMetrics', plural: 'pods', singular: '', namespaced: true, schemaType: 'io.k8s.metrics.pkg.apis.metrics.v1beta1.PodMetrics',
      source: (ns) => {
        const t = nowRFC3339(now());
        const out: KObject[] = [];
        for (const p of pods(ns)) {
          const u = usage.containers(p);
          if (!u) continue;
          out.push({
            kind: 'PodMetrics', apiVersion: 'metrics.k8s.io/v1beta1',
            metadata: { name: p.metadata!.name, namespace: p.metadata!.namespace, creationTimestamp: t, labels: p.metadata?.labels },
            timestamp: t, window: '15.014s',
            containers: Object.entries(u).map(([name, x]) => ({ name, usage: { cpu: cpuQ(x.cpu), memory: memQ(x.memory) } })),
          });
        }
        return out;
      },
    },
    {
      ...base, kind: 'NodeMetrics', plural: 'nodes', singular: '', namespaced: false, schemaType: 'io.k8s.metrics.pkg.apis.metrics.v1beta1.NodeMetrics',
      source: () => {
        const t = nowRFC3339(now());
        const all = pods();
        return store.list('/registry/minions/').map((s) => s.obj)
          .filter((n) => (n.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True'))
          .map((n) => {
            const sum = { ...usage.nodeOverhead(n) };
            for (const p of all) {
              if (p.spec?.nodeName !== n.metadata!.name) continue;
              for (const x of Object.values(usage.containers(p) ?? {})) {
                sum.cpu += x.cpu;
                sum.memory += x.memory;
              }
            }
            return {
              kind: 'NodeMetrics', apiVersion: 'metrics.k8s.io/v1beta1',
              metadata: { name: n.metadata!.name, creationTimestamp: t, labels: n.metadata?.labels },
              timestamp: t, window: '20.042s', usage: { cpu: cpuQ(sum.cpu), memory: memQ(sum.memory) },
            };
          });
      },
    },
  ];
}

/**
 * Serves metrics.k8s.io while the metrics-server Service in kube-system has a ready endpoint
 * (the aggregation layer's availability check), and withdraws it otherwise.
 */
export function startMetricsApi(api: ApiServer, usage: UsageSource, now: () => Date): () => void {
  const store = api.o.store;
  const kinds = metricsKinds(store, usage, now);
  let served = false;
  const check = () => {
    const slices = store.list('/registry/endpointslices/kube-system/').map((s) => s.obj)
      .filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === 'metrics-server');
    const ready = slices.some((s) => (s.endpoints ?? []).some((e: any) => e.conditions?.ready !== false));
    if (ready && !served) for (const k of kinds) api.registry.add(k);
    if (!ready && served) for (const k of kinds) api.registry.remove(k.group, k.version, k.plural);
    served = ready;
  };
  check();
  return store.subscribe((ev) => {
    if (ev.key.startsWith('/registry/endpointslices/kube-system/')) check();
  });
}
