// kube-proxy's part (iptables mode): where a packet to a Service address goes. A ClusterIP:port
// (or any node's IP with a NodePort) is rewritten to one ready endpoint of the Service; a Service
// without ready endpoints rejects (the client sees "Connection refused"); a ClusterIP on a port the
// Service does not define, or a ping to it, matches no rule and is lost. Endpoints come from the
// EndpointSlices, as kube-proxy reads them; only when no EndpointSlice controller runs are they
// computed from the selector and the ready pods (kubedojo's fallback, not an upstream behaviour).
import type { KObject } from '../kinds/types.ts';
import { labelSelectorFromSet, matchesLabels } from '../api/selectors.ts';
import { isReady, namedPort, podIps, type NetView } from './view.ts';

export type Proto = 'TCP' | 'UDP' | 'SCTP';

export interface Backend {
  ip: string;
  port: number;
  /** Name of the endpoint's node, when known (externalTrafficPolicy: Local). */
  nodeName?: string;
}

export type ServiceRoute =
  /** Not a Service address: the packet goes to its destination as it is. */
  | { kind: 'direct' }
  /** A Service address without ready endpoints: REJECT (ICMP port unreachable). */
  | { kind: 'reject'; service: KObject }
  /** A Service address that matches no rule: the packet is lost. */
  | { kind: 'drop'; service?: KObject }
  | { kind: 'backend'; service: KObject; backend: Backend };

export interface Packet {
  srcIp: string;
  dstIp: string;
  port: number;
  proto: Proto;
}

/** The ready endpoints of a Service for one of its ports. */
export function serviceBackends(view: NetView, svc: KObject, svcPort: any): Backend[] {
  const ns = svc.metadata!.namespace as string;
  const name = svc.metadata!.name as string;
  const proto = svcPort.protocol ?? 'TCP';
  if (!view.endpointSlicesManaged && svc.spec?.selector) return fromSelector(view, svc, svcPort);
  const ready: Backend[] = [];
  const terminating: Backend[] = [];
  const slices = view.endpointSlices(ns, name);
  for (const slice of slices) {
    if (slice.addressType && slice.addressType !== 'IPv4') continue;
    const port = (slice.ports ?? []).find((p: any) => (p.name ?? '') === (svcPort.name ?? '') && (p.protocol ?? 'TCP') === proto);
    if (!port || port.port == null) continue;
    for (const ep of slice.endpoints ?? []) {
      const c = ep.conditions ?? {};
      const isReadyEp = c.ready !== false && c.terminating !== true;
      const serving = c.serving ?? c.ready !== false;
      for (const ip of ep.addresses ?? []) {
        const b = { ip, port: port.port, nodeName: ep.nodeName };
        if (isReadyEp) ready.push(b);
        else if (c.terminating === true && serving) terminating.push(b);
      }
    }
  }
  if (!slices.length && !svc.spec?.selector) return fromEndpoints(view, svc, svcPort);
  // kube-proxy falls back to serving-but-terminating endpoints when none is ready
  return ready.length ? ready : terminating;
}

function fromEndpoints(view: NetView, svc: KObject, svcPort: any): Backend[] {
  const ep = view.endpoints(svc.metadata!.namespace, svc.metadata!.name);
  const out: Backend[] = [];
  for (const s of ep?.subsets ?? []) {
    const port = (s.ports ?? []).find((p: any) => (p.name ?? '') === (svcPort.name ?? '') && (p.protocol ?? 'TCP') === (svcPort.protocol ?? 'TCP'));
    if (!port) continue;
    for (const a of s.addresses ?? []) out.push({ ip: a.ip, port: port.port, nodeName: a.nodeName });
  }
  return out;
}

function fromSelector(view: NetView, svc: KObject, svcPort: any): Backend[] {
  const sel = labelSelectorFromSet(svc.spec.selector);
  const out: Backend[] = [];
  for (const p of view.pods(svc.metadata!.namespace)) {
    if (p.metadata?.deletionTimestamp || !isReady(p) || !matchesLabels(sel, p.metadata?.labels)) continue;
    const ip = podIps(p)[0];
    if (!ip) continue;
    const tp = svcPort.targetPort ?? svcPort.port;
    const port = typeof tp === 'number' ? tp : /^\d+$/.test(tp) ? Number(tp) : namedPort(p, tp, svcPort.protocol ?? 'TCP');
    if (port) out.push({ ip, port, nodeName: p.spec?.nodeName });
  }
  return out;
}

/** ClientIP session affinity: which backend a client was sent to, and until when. */
export class Affinity {
  private m = new Map<string, { ip: string; until: number }>();
  get(key: string, now: number): string | undefined {
    const e = this.m.get(key);
    return e && e.until > now ? e.ip : undefined;
  }
  set(key: string, ip: string, until: number): void {
    this.m.set(key, { ip, until });
  }
}

export interface RouteOptions {
  now?: number;
  affinity?: Affinity;
  /** Picks one of n backends (default: at random, as iptables' statistic match does). */
  pick?: (n: number) => number;
}

/** Where kube-proxy's rules send a packet. */
export function routeService(view: NetView, pkt: Packet, o: RouteOptions = {}): ServiceRoute {
  let svc = view.serviceByClusterIp(pkt.dstIp);
  let svcPort: any;
  let viaNode: string | undefined;
  if (svc) {
    svcPort = (svc.spec?.ports ?? []).find((p: any) => p.port === pkt.port && (p.protocol ?? 'TCP') === pkt.proto);
    if (!svcPort) return { kind: 'drop', service: svc };
  } else {
    const node = view.nodeByIp(pkt.dstIp);
    if (!node) return { kind: 'direct' };
    for (const s of view.services()) {
      if (!['NodePort', 'LoadBalancer'].includes(s.spec?.type)) continue;
      const p = (s.spec?.ports ?? []).find((x: any) => x.nodePort === pkt.port && (x.protocol ?? 'TCP') === pkt.proto);
      if (p) {
        svc = s;
        svcPort = p;
        viaNode = node.metadata?.name;
        break;
      }
    }
    if (!svc) return { kind: 'direct' };
  }
  let backends = serviceBackends(view, svc, svcPort);
  if (viaNode && svc.spec?.externalTrafficPolicy === 'Local') {
    backends = backends.filter((b) => b.nodeName === viaNode);
    if (!backends.length) return { kind: 'drop', service: svc };
  }
  if (!backends.length) return { kind: 'reject', service: svc };
  let chosen: Backend | undefined;
  const key = `${svc.metadata!.uid ?? svc.metadata!.namespace + '/' + svc.metadata!.name}/${svcPort.name ?? svcPort.port}/${pkt.srcIp}`;
  const now = o.now ?? Date.now();
  if (svc.spec?.sessionAffinity === 'ClientIP' && o.affinity) {
    const ip = o.affinity.get(key, now);
    chosen = backends.find((b) => b.ip === ip);
  }
  chosen ??= backends[(o.pick ?? ((n) => Math.floor(Math.random() * n)))(backends.length)];
  if (svc.spec?.sessionAffinity === 'ClientIP' && o.affinity) {
    const secs = svc.spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800;
    o.affinity.set(key, chosen.ip, now + secs * 1000);
  }
  return { kind: 'backend', service: svc, backend: chosen };
}
