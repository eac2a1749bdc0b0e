// The endpointslice controller: for every Service with a selector, EndpointSlices named
// `<service>-<random>` (one per distinct port list the pods serve; one empty placeholder when no pod
// is selected) with each pod's address and its ready/serving/terminating conditions.
import type { KObject } from '../kinds/types.ts';
import { ResourceRegistry } from '../api/registry.ts';
import { clone } from '../api/rest.ts';
import { deepEqual } from '../kinds/validation.ts';
import { Reconciler, isNotFound, splitKey, type Ctx } from './framework.ts';
import {
  TRIGGER_TIME_ANNOTATION, endpointHostname, endpointLabels, findPort, hasSelector, ipNumber, podEligible, podIP, podIsReady,
  selectsPod, serviceKeysForPod, triggerTime,
} from './endpoints.ts';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';

interface Desired {
  ports: any[] | undefined;
  endpoints: any[];
}

function desiredSlices(svc: KObject, pods: KObject[]): Desired[] {
  const publish = svc.spec?.publishNotReadyAddresses === true;
  const groups = new Map<string, Desired>();
  for (const pod of pods) {
    if (!podEligible(pod, true)) continue;
    const ports: any[] = [];
    for (const sp of svc.spec?.ports ?? []) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      ports.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
    }
    ports.sort((a, b) => a.name.localeCompare(b.name) || a.port - b.port);
    const serving = podIsReady(pod);
    const terminating = !!pod.metadata?.deletionTimestamp;
    const ep: any = {
      addresses: [podIP(pod)],
      conditions: { ready: publish || (serving && !terminating), serving, terminating },
    };
    const hostname = endpointHostname(pod, svc);
    if (hostname) ep.hostname = hostname;
    ep.targetRef = { kind: 'Pod', namespace: pod.metadata!.namespace, name: pod.metadata!.name, uid: pod.metadata!.uid };
    if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
    const key = JSON.stringify(ports);
    const g = groups.get(key) ?? groups.set(key, { ports, endpoints: [] }).get(key)!;
    g.endpoints.push(ep);
  }
  const out = [...groups.values()];
  for (const g of out) g.endpoints.sort((a, b) => ipNumber(a.addresses[0]) - ipNumber(b.addresses[0]) || a.targetRef.name.localeCompare(b.targetRef.name));
  // no endpoints at all: a placeholder slice without ports keeps the Service visible
  if (!out.length) out.push({ ports: undefined, endpoints: [] });
  return out;
}

const portsKey = (ports: any[] | undefined | null) => JSON.stringify((ports ?? []).map((p) => [p.name ?? '', p.port, p.protocol ?? 'TCP']));

export function startEndpointSliceController(ctx: Ctx): { stop(): void } {
  const svcKind = ctx.client.kind('v1/services');
  const sliceKind = ctx.client.kind('discovery.k8s.io/v1/endpointslices');
  const podPrefix = ResourceRegistry.keyPrefix(ctx.client.kind('v1/pods'));
  const svcPrefix = ResourceRegistry.keyPrefix(svcKind);
  const slicePrefix = ResourceRegistry.keyPrefix(sliceKind);
  const REF = 'discovery.k8s.io/v1/endpointslices';
  const r = new Reconciler(ctx, {
    name: 'endpointslice',
    watch: [svcPrefix, podPrefix, slicePrefix],
    initial: () => ctx.store.list(svcPrefix).map((s) => `${s.obj.metadata!.namespace}/${s.obj.metadata!.name}`),
    keysFor: (ev) => {
      if (ev.key.startsWith(podPrefix)) return serviceKeysForPod(ctx, ev);
      if (ev.key.startsWith(slicePrefix)) {
        const l = ev.obj.metadata?.labels ?? {};
        return l[MANAGED_BY_LABEL] === MANAGED_BY && l[SERVICE_NAME_LABEL] ? [`${ev.obj.metadata!.namespace}/${l[SERVICE_NAME_LABEL]}`] : [];
      }
      return [`${ev.obj.metadata!.namespace}/${ev.obj.metadata!.name}`];
    },
    resyncMs: 5 * 60_000,
    reconcile: async (key) => {
      const [ns, name] = splitKey(key);
      if (ns === 'default' && name === 'kubernetes') return;
      const svc = ctx.client.get('v1/services', ns, name);
      const existing = ctx.client.list(REF, ns, (s) => s.metadata?.labels?.[SERVICE_NAME_LABEL] === name && s.metadata?.labels?.[MANAGED_BY_LABEL] === MANAGED_BY);
      const del = async (s: KObject) => ctx.client.delete(REF, ns, s.metadata!.name).catch((e) => { if (!isNotFound(e)) throw e; });
      if (!svc || !hasSelector(svc) || svc.metadata?.deletionTimestamp) {
        // slices of a deleted Service go with it (garbage collection through their owner reference)
        if (!svc) for (const s of existing) await del(s);
        return;
      }
      const pods = ctx.client.list('v1/pods', ns, (p) => selectsPod(svc, p));
      const want = desiredSlices(svc, pods);
      const labels = { ...endpointLabels(svc), [SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: MANAGED_BY };
      const t = triggerTime(svc, pods);
      const unused = [...existing];
      for (const d of want) {
        const i = unused.findIndex((s) => portsKey(s.ports) === portsKey(d.ports));
        const cur = i >= 0 ? unused.splice(i, 1)[0] : undefined;
        if (cur) {
          if (deepEqual(cur.endpoints ?? [], d.endpoints) && deepEqual(cur.ports ?? null, d.ports ?? null) && deepEqual(cur.metadata?.labels ?? {}, labels)) continue;
          const next = clone(cur);
          next.metadata!.labels = labels;
          const ann = { ...(next.metadata!.annotations ?? {}) };
          if (t) ann[TRIGGER_TIME_ANNOTATION] = t;
          next.metadata!.annotations = ann;
          if (d.endpoints.length) next.endpoints = d.endpoints;
          else delete next.endpoints;
          if (d.ports) next.ports = d.ports;
          else delete next.ports;
          await ctx.client.update(REF, next);
          continue;
        }
        await ctx.client.create(REF, {
          apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
          metadata: {
            generateName: `${name}-`, namespace: ns, labels,
            ...(t ? { annotations: { [TRIGGER_TIME_ANNOTATION]: t } } : {}),
            ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: svc.metadata!.uid, controller: true, blockOwnerDeletion: true }],
          },
          addressType: 'IPv4',
          ...(d.endpoints.length ? { endpoints: d.endpoints } : {}),
          ...(d.ports ? { ports: d.ports } : {}),
        });
      }
      for (const s of unused) await del(s);
    },
  }).start();
  return { stop: () => r.stop() };
}
