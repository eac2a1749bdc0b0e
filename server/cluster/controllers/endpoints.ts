// The endpoints controller: for every Service with a selector, an Endpoints object of the same name
// listing the selected pods' IPs (ready ones under addresses, others under notReadyAddresses) and
// the ports each pod serves for the Service's ports. Services without a selector keep whatever
// Endpoints users write. Shared helpers here are also used by the EndpointSlice controller.
import type { KObject } from '../kinds/types.ts';
import type { StoreEvent } from '../api/store.ts';
import { ResourceRegistry } from '../api/registry.ts';
import { clone } from '../api/rest.ts';
import { labelSelectorFromSet, matchesLabels } from '../api/selectors.ts';
import { deepEqual } from '../kinds/validation.ts';
import { Reconciler, isAlreadyExists, isNotFound, splitKey, type Ctx } from './framework.ts';

export const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

export function hasSelector(svc: KObject | undefined): boolean {
  return !!svc && svc.spec?.type !== 'ExternalName' && Object.keys(svc.spec?.selector ?? {}).length > 0;
}

export function selectsPod(svc: KObject, pod: KObject | undefined): boolean {
  if (!pod || pod.metadata?.namespace !== svc.metadata?.namespace) return false;
  return matchesLabels(labelSelectorFromSet(svc.spec.selector), pod.metadata?.labels ?? {});
}

export function podIsReady(pod: KObject): boolean {
  return (pod.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
}

export function podIP(pod: KObject): string | undefined {
  return pod.status?.podIPs?.[0]?.ip ?? pod.status?.podIP ?? undefined;
}

/** Whether a pod belongs in a Service's endpoints at all (upstream's ShouldPodBeInEndpoints). */
export function podEligible(pod: KObject, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!podIP(pod)) return false;
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false;
  return true;
}

/** The pod's port for a Service port: a number as is, a name through the containers' named ports. */
export function findPort(pod: KObject, sp: any): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(String(target))) return Number(target);
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (p.name === target && (p.protocol ?? 'TCP') === (sp.protocol ?? 'TCP')) return p.containerPort;
    }
  }
  return undefined;
}

/** hostname for pods that ask for DNS names under a Service (hostname + subdomain = the Service). */
export function endpointHostname(pod: KObject, svc: KObject): string | undefined {
  const h = pod.spec?.hostname;
  return h && pod.spec?.subdomain === svc.metadata!.name && pod.metadata?.namespace === svc.metadata!.namespace ? h : undefined;
}

/** The latest time something changed for the Service's endpoints: pods' readiness or the Service's creation. */
export function triggerTime(svc: KObject, pods: KObject[]): string | undefined {
  let best: string | undefined = svc.metadata?.creationTimestamp;
  for (const p of pods) {
    const t = (p.status?.conditions ?? []).find((c: any) => c.type === 'Ready')?.lastTransitionTime ?? p.metadata?.creationTimestamp;
    if (t && (!best || Date.parse(t) > Date.parse(best))) best = t;
  }
  return best;
}

/** Service keys (`ns/name`) a pod event concerns: Services whose selector matches the pod before or after. */
export function serviceKeysForPod(ctx: Ctx, ev: StoreEvent): string[] {
  const ns = ev.obj.metadata?.namespace;
  if (!ns) return [];
  const svcKind = ctx.client.kind('v1/services');
  const out: string[] = [];
  for (const s of ctx.store.list(ResourceRegistry.keyPrefix(svcKind, ns))) {
    if (!hasSelector(s.obj)) continue;
    if (selectsPod(s.obj, ev.obj) || selectsPod(s.obj, ev.prev)) out.push(`${ns}/${s.obj.metadata!.name}`);
  }
  return out;
}

interface Address {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
}

/** The subsets of a Service's Endpoints: addresses grouped by the identical port lists they serve. */
export function endpointSubsets(svc: KObject, pods: KObject[]): any[] {
  const tolerateUnready = svc.spec?.publishNotReadyAddresses === true;
  const groups = new Map<string, { ports: any[]; addresses: Address[]; notReadyAddresses: Address[] }>();
  for (const pod of pods) {
    if (!podEligible(pod, tolerateUnready)) continue;
    const ports: any[] = [];
    for (const sp of svc.spec?.ports ?? []) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const p: any = { port, protocol: sp.protocol ?? 'TCP' };
      if (sp.name) p.name = sp.name;
      if (sp.appProtocol) p.appProtocol = sp.appProtocol;
      ports.push(p);
    }
    if (!ports.length && (svc.spec?.ports ?? []).length) continue;
    const addr: Address = { ip: podIP(pod)!, targetRef: { kind: 'Pod', namespace: pod.metadata!.namespace, name: pod.metadata!.name, uid: pod.metadata!.uid } };
    const hostname = endpointHostname(pod, svc);
    if (hostname) addr.hostname = hostname;
    if (pod.spec?.nodeName) addr.nodeName = pod.spec.nodeName;
    // key order as the API serves it: ip, hostname, nodeName, targetRef
    const ordered: Address = { ip: addr.ip, ...(addr.hostname ? { hostname: addr.hostname } : {}), ...(addr.nodeName ? { nodeName: addr.nodeName } : {}), targetRef: addr.targetRef };
    ports.sort((a, b) => String(a.name ?? '').localeCompare(String(b.name ?? '')) || a.port - b.port);
    const key = JSON.stringify(ports);
    const g = groups.get(key) ?? groups.set(key, { ports, addresses: [], notReadyAddresses: [] }).get(key)!;
    if (tolerateUnready || podIsReady(pod)) g.addresses.push(ordered);
    else g.notReadyAddresses.push(ordered);
  }
  const byIP = (a: Address, b: Address) => ipNumber(a.ip) - ipNumber(b.ip) || a.targetRef.name.localeCompare(b.targetRef.name);
  return [...groups.values()].map((g) => ({
    ...(g.addresses.length ? { addresses: g.addresses.sort(byIP) } : {}),
    ...(g.notReadyAddresses.length ? { notReadyAddresses: g.notReadyAddresses.sort(byIP) } : {}),
    ...(g.ports.length ? { ports: g.ports } : {}),
  }));
}

export function ipNumber(ip: string): number {
  const p = ip.split('.').map(Number);
  return p.length === 4 ? ((p[0] * 256 + p[1]) * 256 + p[2]) * 256 + p[3] : 0;
}

/** Labels of the Endpoints/EndpointSlices of a Service: the Service's own, plus headless marker. */
export function endpointLabels(svc: KObject): Record<string, string> {
  const labels: Record<string, string> = { ...(svc.metadata?.labels ?? {}) };
  if (svc.spec?.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
  else delete labels[HEADLESS_LABEL];
  return labels;
}

export function startEndpointsController(ctx: Ctx): { stop(): void } {
  const svcKind = ctx.client.kind('v1/services');
  const epKind = ctx.client.kind('v1/endpoints');
  const podKind = ctx.client.kind('v1/pods');
  const svcPrefix = ResourceRegistry.keyPrefix(svcKind);
  const epPrefix = ResourceRegistry.keyPrefix(epKind);
  const podPrefix = ResourceRegistry.keyPrefix(podKind);
  // Endpoints are removed with their Service only: Endpoints written before their Service stay
  const goneServices = new Set<string>();
  const r = new Reconciler(ctx, {
    name: 'endpoints',
    watch: [svcPrefix, podPrefix, epPrefix],
    keysFor: (ev) => {
      if (ev.key.startsWith(podPrefix)) return serviceKeysForPod(ctx, ev);
      const m = ev.obj.metadata!;
      if (ev.key.startsWith(svcPrefix) && ev.type === 'DELETED') goneServices.add(`${m.namespace}/${m.name}`);
      return [`${m.namespace}/${m.name}`];
    },
    initial: () => ctx.store.list(svcPrefix).map((s) => `${s.obj.metadata!.namespace}/${s.obj.metadata!.name}`),
    resyncMs: 5 * 60_000,
    reconcile: async (key) => {
      const [ns, name] = splitKey(key);
      if (ns === 'default' && name === 'kubernetes') return; // the API server keeps its own endpoints
      const svc = ctx.client.get('v1/services', ns, name);
      const ep = ctx.client.get('v1/endpoints', ns, name);
      if (!svc) {
        // a Service's Endpoints go with it (manual ones of selector-less Services too, as upstream)
        if (!goneServices.delete(key)) return;
        if (ep) await ctx.client.delete('v1/endpoints', ns, name).catch((e) => { if (!isNotFound(e)) throw e; });
        return;
      }
      if (!hasSelector(svc) || svc.metadata?.deletionTimestamp) return;
      const pods = ctx.client.list('v1/pods', ns, (p) => selectsPod(svc, p));
      const subsets = endpointSubsets(svc, pods);
      const labels = endpointLabels(svc);
      if (ep && deepEqual(ep.subsets ?? [], subsets) && deepEqual(ep.metadata?.labels ?? {}, labels)) return;
      const annotations: Record<string, string> = { ...(ep?.metadata?.annotations ?? {}) };
      const t = triggerTime(svc, pods);
      if (t) annotations[TRIGGER_TIME_ANNOTATION] = t;
      else delete annotations[TRIGGER_TIME_ANNOTATION];
      if (!ep) {
        const obj: KObject = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: ns, labels, annotations }, ...(subsets.length ? { subsets } : {}) };
        try {
          await ctx.client.create('v1/endpoints', obj);
        } catch (e) {
          if (!isAlreadyExists(e)) throw e;
          r.addAfter(key, 10);
        }
        return;
      }
      const next = clone(ep);
      next.metadata!.labels = labels;
      next.metadata!.annotations = annotations;
      if (subsets.length) next.subsets = subsets;
      else delete next.subsets;
      await ctx.client.update('v1/endpoints', next);
    },
  }).start();
  return { stop: () => r.stop() };
}
