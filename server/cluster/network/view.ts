// The cluster state the network reads, as plain objects: pods, services, EndpointSlices, network
// policies, namespaces, nodes. In the runtime it reads the shared watch cache; unit tests build it
// from a list of objects. Lookups by IP are what a packet needs, so they are the primitives here.
import type { KObject } from '../kinds/types.ts';

/** `v1/pods`, `discovery.k8s.io/v1/endpointslices`, … (as the framework's Client names kinds). */
export type Lister = (ref: string) => KObject[];

export const REFS = {
  pods: 'v1/pods',
  services: 'v1/services',
  endpointSlices: 'discovery.k8s.io/v1/endpointslices',
  endpoints: 'v1/endpoints',
  policies: 'networking.k8s.io/v1/networkpolicies',
  namespaces: 'v1/namespaces',
  nodes: 'v1/nodes',
} as const;

const REF_OF_KIND: Record<string, string> = {
  Pod: REFS.pods, Service: REFS.services, EndpointSlice: REFS.endpointSlices, Endpoints: REFS.endpoints,
  NetworkPolicy: REFS.policies, Namespace: REFS.namespaces, Node: REFS.nodes,
};

/** A lister over a fixed list of objects (tests, fixtures). */
export function listerOf(objs: KObject[]): Lister {
  return (ref) => objs.filter((o) => REF_OF_KIND[o.kind as string] === ref);
}

export class NetView {
  /**
   * `endpointSlicesManaged`: an EndpointSlice controller runs, so Services route by slices only;
   * without one, endpoints are computed from the Service's selector and the ready pods.
   */
  constructor(private readonly list: Lister, readonly endpointSlicesManaged = true) {}

  pods(ns?: string): KObject[] {
    const all = this.list(REFS.pods);
    return ns === undefined ? all : all.filter((p) => p.metadata?.namespace === ns);
  }

  podByUid(uid: string): KObject | undefined {
    return this.list(REFS.pods).find((p) => p.metadata?.uid === uid);
  }

  /** The pod (not on the host network) that owns `ip`, if it is still alive. */
  podByIp(ip: string): KObject | undefined {
    return this.list(REFS.pods).find((p) => !p.spec?.hostNetwork && podIps(p).includes(ip) && !isFinished(p));
  }

  services(ns?: string): KObject[] {
    const all = this.list(REFS.services);
    return ns === undefined ? all : all.filter((s) => s.metadata?.namespace === ns);
  }

  service(ns: string, name: string): KObject | undefined {
    return this.list(REFS.services).find((s) => s.metadata?.namespace === ns && s.metadata?.name === name);
  }

  serviceByClusterIp(ip: string): KObject | undefined {
    return this.list(REFS.services).find((s) => s.spec?.clusterIP !== 'None' && (s.spec?.clusterIPs ?? [s.spec?.clusterIP]).includes(ip));
  }

  endpointSlices(ns: string, service: string): KObject[] {
    return this.list(REFS.endpointSlices).filter((e) => e.metadata?.namespace === ns && e.metadata?.labels?.['kubernetes.io/service-name'] === service);
  }

  /** The legacy Endpoints object of a Service (selector-less Services with manual endpoints). */
  endpoints(ns: string, name: string): KObject | undefined {
    return this.list(REFS.endpoints).find((e) => e.metadata?.namespace === ns && e.metadata?.name === name);
  }

  policies(ns: string): KObject[] {
    return this.list(REFS.policies).filter((p) => p.metadata?.namespace === ns);
  }

  namespace(name: string): KObject | undefined {
    return this.list(REFS.namespaces).find((n) => n.metadata?.name === name);
  }

  nodes(): KObject[] {
    return this.list(REFS.nodes);
  }

  nodeByIp(ip: string): KObject | undefined {
    return this.nodes().find((n) => (n.status?.addresses ?? []).some((a: any) => a.type === 'InternalIP' && a.address === ip));
  }

  nodeIp(name: string | undefined): string | undefined {
    const n = this.nodes().find((x) => x.metadata?.name === name);
    return (n?.status?.addresses ?? []).find((a: any) => a.type === 'InternalIP')?.address;
  }
}

export function podIps(p: KObject): string[] {
  const ips = (p.status?.podIPs ?? []).map((x: any) => x.ip).filter(Boolean);
  return ips.length ? ips : p.status?.podIP ? [p.status.podIP] : [];
}

export function isFinished(p: KObject): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}

export function isReady(p: KObject): boolean {
  return (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
}

/** The container port of `pod` named `name` (and protocol), as a Service's or policy's named port resolves. */
export function namedPort(pod: KObject | undefined, name: string, protocol = 'TCP'): number | undefined {
  for (const c of pod?.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === name && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}
