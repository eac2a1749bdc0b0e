// NetworkPolicy as a policy-enforcing CNI (Calico-like) applies it: a pod selected by a policy of
// type Ingress accepts only what one of those policies' ingress rules allows, and likewise for
// Egress; policies are additive; pods no policy selects are open. Peers: podSelector (policy's
// namespace), namespaceSelector, both (pods of those namespaces), ipBlock with except. Ports:
// number, named (the destination pod's container port), endPort ranges; a rule with ports allows
// only TCP/UDP/SCTP to them, so ICMP needs a rule without ports. Denied packets are dropped.
import type { KObject } from '../kinds/types.ts';
import { labelSelectorFromObject, matchesLabels } from '../api/selectors.ts';
import { inCidr } from './ip.ts';
import { namedPort, type NetView } from './view.ts';
import type { Proto } from './services.ts';

/** One end of a connection: a pod (not on the host network), or a node / outside address. */
export interface Peer {
  ip: string;
  pod?: KObject;
  /** The node a host-network peer is (node shells, hostNetwork pods). */
  node?: string;
}

export type L4 = Proto | 'ICMP';

function selects(sel: any, labels: Record<string, string> | undefined): boolean {
  try {
    return matchesLabels(labelSelectorFromObject(sel ?? {}), labels);
  } catch {
    return false;
  }
}

function policyTypes(pol: KObject): string[] {
  const t = pol.spec?.policyTypes;
  if (t && t.length) return t;
  return (pol.spec?.egress ?? []).length ? ['Ingress', 'Egress'] : ['Ingress'];
}

function isPolicyPod(p: Peer): p is Peer & { pod: KObject } {
  return !!p.pod && !p.pod.spec?.hostNetwork;
}

/** The policies of `type` that select `pod`. */
export function policiesFor(view: NetView, pod: KObject, type: 'Ingress' | 'Egress'): KObject[] {
  return view.policies(pod.metadata!.namespace).filter((pol) => policyTypes(pol).includes(type) && selects(pol.spec?.podSelector, pod.metadata?.labels));
}

function peerMatches(view: NetView, peer: any, other: Peer, policyNs: string): boolean {
  if (peer.ipBlock) {
    const b = peer.ipBlock;
    return inCidr(other.ip, b.cidr) && !(b.except ?? []).some((e: string) => inCidr(other.ip, e));
  }
  if (!isPolicyPod(other)) return false;
  const ns = other.pod.metadata!.namespace as string;
  if (peer.namespaceSelector) {
    if (!selects(peer.namespaceSelector, view.namespace(ns)?.metadata?.labels ?? { 'kubernetes.io/metadata.name': ns })) return false;
  } else if (ns !== policyNs) return false;
  return peer.podSelector ? selects(peer.podSelector, other.pod.metadata?.labels) : true;
}

function portMatches(ports: any[] | undefined, port: number | undefined, proto: L4, dstPod: KObject | undefined): boolean {
  if (!ports || !ports.length) return true;
  if (proto === 'ICMP' || port === undefined) return false;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== proto) return false;
    if (p.port === undefined || p.port === null) return true;
    if (typeof p.port === 'number') return p.endPort ? port >= p.port && port <= p.endPort : port === p.port;
    if (/^\d+$/.test(p.port)) return port === Number(p.port);
    return namedPort(dstPod, p.port, proto) === port;
  });
}

function ruleAllows(view: NetView, peers: any[] | undefined, ports: any[] | undefined, other: Peer, policyNs: string, port: number | undefined, proto: L4, dstPod: KObject | undefined): boolean {
  if (!portMatches(ports, port, proto, dstPod)) return false;
  if (!peers || !peers.length) return true;
  return peers.some((peer) => peerMatches(view, peer, other, policyNs));
}

export interface Verdict {
  allowed: boolean;
  /** Which side refused: the source's egress or the destination's ingress. */
  deniedBy?: 'egress' | 'ingress';
}

/**
 * Whether a packet from `src` to `dst` (after kube-proxy's rewrite: `dst` is the endpoint) on
 * `port`/`proto` gets through. Traffic from a node to a pod on that same node is always allowed
 * (kubelet probes), as Calico does by default.
 */
export function policyAllows(view: NetView, src: Peer, dst: Peer, port: number | undefined, proto: L4): Verdict {
  if (isPolicyPod(src)) {
    const pols = policiesFor(view, src.pod, 'Egress');
    if (pols.length && !pols.some((pol) => (pol.spec?.egress ?? []).some((r: any) => ruleAllows(view, r.to, r.ports, dst, pol.metadata!.namespace, port, proto, dst.pod)))) {
      return { allowed: false, deniedBy: 'egress' };
    }
  }
  if (isPolicyPod(dst)) {
    if (!src.pod && src.node && src.node === dst.pod.spec?.nodeName) return { allowed: true };
    const pols = policiesFor(view, dst.pod, 'Ingress');
    if (pols.length && !pols.some((pol) => (pol.spec?.ingress ?? []).some((r: any) => ruleAllows(view, r.from, r.ports, src, pol.metadata!.namespace, port, proto, dst.pod)))) {
      return { allowed: false, deniedBy: 'ingress' };
    }
  }
  return { allowed: true };
}
