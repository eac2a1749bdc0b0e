// Discovery documents: the legacy ones (APIVersions, APIGroupList, APIResourceList) and the
// aggregated apidiscovery.k8s.io/v2 lists kubectl asks for first.
import type { KindDef } from '../kinds/types.ts';
import { DEFAULT_VERBS, gvString, type ResourceRegistry } from './registry.ts';

export const AGGREGATED_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

export function wantsAggregated(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((part) => {
    const params = new Map(part.split(';').slice(1).map((kv) => kv.trim().split('=') as [string, string]));
    return params.get('g') === 'apidiscovery.k8s.io' && params.get('v') === 'v2' && params.get('as') === 'APIGroupDiscoveryList';
  });
}

const verbsOf = (k: KindDef) => k.verbs ?? DEFAULT_VERBS;

export function apiVersions(serverAddress: string): object {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groupEntry(name: string, versions: string[]) {
  const vs = versions.map((v) => ({ groupVersion: gvString(name, v), version: v }));
  return { name, versions: vs, preferredVersion: vs[0] };
}

export function apiGroupList(reg: ResourceRegistry): object {
  const groups = [...reg.groups()].filter(([g]) => g !== '').map(([g, vs]) => groupEntry(g, vs));
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

export function apiGroup(reg: ResourceRegistry, group: string): object | undefined {
  const vs = reg.groups().get(group);
  if (!vs) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(group, vs) };
}

export function apiResourceList(reg: ResourceRegistry, group: string, version: string): object | undefined {
  const kinds = reg.inGroupVersion(group, version);
  if (!kinds.length) return undefined;
  const resources: object[] = [];
  for (const k of [...kinds].sort((a, b) => a.plural.localeCompare(b.plural))) {
    const r: Record<string, unknown> = { name: k.plural, singularName: k.singular, namespaced: k.namespaced, kind: k.kind, verbs: verbsOf(k) };
    if (k.shortNames?.length) r.shortNames = k.shortNames;
    if (k.categories?.length) r.categories = k.categories;
    resources.push(r);
    for (const s of k.subresources ?? []) {
      const sr: Record<string, unknown> = { name: `${k.plural}/${s.name}`, singularName: '', namespaced: k.namespaced };
      if (s.responseKind) {
        if (s.responseKind.group !== k.group) sr.group = s.responseKind.group;
        if (s.responseKind.version !== k.version || s.responseKind.group !== k.group) sr.version = s.responseKind.version;
        sr.kind = s.responseKind.kind;
      } else sr.kind = k.kind;
      sr.verbs = s.verbs;
      resources.push(sr);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gvString(group, version), resources };
}

function aggregatedResource(k: KindDef): object {
  const r: Record<string, unknown> = {
    resource: k.plural,
    responseKind: { group: k.group, version: k.version, kind: k.kind },
    scope: k.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: k.singular,
    verbs: verbsOf(k),
  };
  if (k.shortNames?.length) r.shortNames = k.shortNames;
  if (k.categories?.length) r.categories = k.categories;
  if (k.subresources?.length) {
    r.subresources = k.subresources.map((s) => ({
      subresource: s.name,
      responseKind: s.responseKind ?? { group: k.group, version: k.version, kind: k.kind },
      verbs: s.verbs,
    }));
  }
  return r;
}

/** apidiscovery.k8s.io/v2 APIGroupDiscoveryList for /api (core) or /apis (all named groups). */
export function aggregatedDiscovery(reg: ResourceRegistry, core: boolean): object {
  const items: object[] = [];
  for (const [g, vs] of reg.groups()) {
    if ((g === '') !== core) continue;
    items.push({
      metadata: core ? { creationTimestamp: null } : { name: g, creationTimestamp: null },
      versions: vs.map((v) => ({
        version: v,
        resources: reg.inGroupVersion(g, v).sort((a, b) => a.plural.localeCompare(b.plural)).map(aggregatedResource),
        freshness: 'Current',
      })),
    });
  }
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}
