// ResourceQuota: what each object counts against a quota (the quota evaluators of upstream's
// pkg/quota/v1/evaluator/core) and the resourcequota controller, which keeps status.hard and
// status.used of every quota in step with the namespace's objects. Admission (api/admission.ts)
// uses the same usage functions to refuse requests that would exceed a quota.
import type { KindDef, KObject } from '../kinds/types.ts';
import type { Store } from '../api/store.ts';
import { ResourceRegistry } from '../api/registry.ts';
import { clone } from '../api/rest.ts';
import { podQOSClass } from '../kinds/core.ts';
import { Reconciler, splitKey, type Ctx } from './framework.ts';
import { addUsage, quantity, usageToList, type Usage } from './quantity.ts';

/** Resource names whose quota needs every container to state the value (the pod evaluator's constraint). */
export const POD_COMPUTE = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];

/** Legacy object-count names (`pods`, `services`, …) → the resource they count. */
const LEGACY_COUNTS: Record<string, string> = {
  pods: 'pods', services: 'services', secrets: 'secrets', configmaps: 'configmaps', persistentvolumeclaims: 'persistentvolumeclaims',
  replicationcontrollers: 'replicationcontrollers', resourcequotas: 'resourcequotas',
};
const SC_SUFFIX = '.storageclass.storage.k8s.io/';

/** `count/<resource>` or `count/<resource>.<group>` of a kind. */
export function countName(k: KindDef): string {
  return k.group ? `count/${k.plural}.${k.group}` : `count/${k.plural}`;
}

function isTerminalPod(pod: KObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** Requests and limits of a pod: the sum over containers, at least the largest init container. */
export function podResources(pod: KObject): { requests: Usage; limits: Usage } {
  const requests: Usage = new Map();
  const limits: Usage = new Map();
  for (const c of pod.spec?.containers ?? []) {
    for (const [k, v] of Object.entries(c.resources?.requests ?? {})) addUsage(requests, k, quantity(v));
    for (const [k, v] of Object.entries(c.resources?.limits ?? {})) addUsage(limits, k, quantity(v));
  }
  for (const c of pod.spec?.initContainers ?? []) {
    for (const [list, src] of [[requests, c.resources?.requests], [limits, c.resources?.limits]] as const) {
      for (const [k, v] of Object.entries(src ?? {})) {
        const q = quantity(v);
        const cur = list.get(k);
        if (!cur || q.milli > cur.milli) list.set(k, q);
      }
    }
  }
  return { requests, limits };
}

/** What one object uses of quota resources (all names it can count). */
export function objectUsage(k: KindDef, obj: KObject): Usage {
  const u: Usage = new Map();
  const one = quantity(1);
  if (k.group === '' && k.plural === 'pods') {
    if (isTerminalPod(obj)) return u;
    u.set('pods', one);
    u.set(countName(k), one);
    const { requests, limits } = podResources(obj);
    for (const [r, q] of requests) {
      u.set(`requests.${r}`, q);
      if (r === 'cpu' || r === 'memory' || r === 'ephemeral-storage') u.set(r, q);
    }
    for (const [r, q] of limits) u.set(`limits.${r}`, q);
    return u;
  }
  u.set(countName(k), one);
  if (k.group === '' && LEGACY_COUNTS[k.plural]) u.set(LEGACY_COUNTS[k.plural], one);
  if (k.group === '' && k.plural === 'services') {
    const type = obj.spec?.type;
    if (type === 'LoadBalancer') u.set('services.loadbalancers', one);
    if (type === 'NodePort' || type === 'LoadBalancer') u.set('services.nodeports', quantity((obj.spec?.ports ?? []).length));
  }
  if (k.group === '' && k.plural === 'persistentvolumeclaims') {
    const storage = quantity(obj.spec?.resources?.requests?.storage ?? 0);
    u.set('requests.storage', storage);
    const sc = obj.spec?.storageClassName;
    if (sc) {
      u.set(`${sc}${SC_SUFFIX}requests.storage`, storage);
      u.set(`${sc}${SC_SUFFIX}persistentvolumeclaims`, one);
    }
  }
  return u;
}

/** Whether a quota's scopes select the object (scopes only narrow pods). */
export function quotaMatches(quota: KObject, k: KindDef, obj: KObject): boolean {
  const scopes: string[] = [...(quota.spec?.scopes ?? [])];
  const selectors: any[] = quota.spec?.scopeSelector?.matchExpressions ?? [];
  if (!scopes.length && !selectors.length) return true;
  if (!(k.group === '' && k.plural === 'pods')) return false;
  const check = (scope: string, op = 'Exists', values: string[] = []): boolean => {
    switch (scope) {
      case 'Terminating': return obj.spec?.activeDeadlineSeconds != null;
      case 'NotTerminating': return obj.spec?.activeDeadlineSeconds == null;
      case 'BestEffort': return podQOSClass(obj.spec) === 'BestEffort';
      case 'NotBestEffort': return podQOSClass(obj.spec) !== 'BestEffort';
      case 'PriorityClass': {
        const pc = obj.spec?.priorityClassName ?? '';
        if (op === 'Exists') return pc !== '';
        if (op === 'DoesNotExist') return pc === '';
        if (op === 'In') return values.includes(pc);
        if (op === 'NotIn') return !values.includes(pc);
        return false;
      }
      default: return false;
    }
  };
  return scopes.every((s) => check(s)) && selectors.every((e) => check(e.scopeName, e.operator, e.values));
}

/** Kinds whose objects can count against the given resource names. */
function kindsFor(registry: ResourceRegistry, names: string[]): KindDef[] {
  const out = new Set<KindDef>();
  const core = (plural: string) => registry.find('', 'v1', plural);
  for (const n of names) {
    let k: KindDef | undefined;
    if (n.startsWith('count/')) {
      const r = n.slice(6);
      const i = r.indexOf('.');
      const [plural, group] = i < 0 ? [r, ''] : [r.slice(0, i), r.slice(i + 1)];
      k = registry.all().find((x) => x.plural === plural && x.group === group);
    } else if (LEGACY_COUNTS[n]) k = core(LEGACY_COUNTS[n]);
    else if (n.startsWith('services.')) k = core('services');
    else if (n === 'requests.storage' || n.includes(SC_SUFFIX)) k = core('persistentvolumeclaims');
    else k = core('pods');
    if (k) out.add(k);
  }
  return [...out];
}

/** The names of a resource list a kind can count (upstream's MatchingResources). */
export function matchingResources(registry: ResourceRegistry, k: KindDef, names: string[]): string[] {
  return names.filter((n) => kindsFor(registry, [n]).includes(k));
}

/** Current use of the quota's resources in its namespace, every hard name present (0 when unused). */
export function quotaUsage(store: Store, registry: ResourceRegistry, quota: KObject, hardNames: string[], skip?: (o: KObject) => boolean): Usage {
  const ns = quota.metadata!.namespace;
  const used: Usage = new Map();
  const wanted = new Set(hardNames);
  for (const k of kindsFor(registry, hardNames)) {
    for (const s of store.list(ResourceRegistry.keyPrefix(k, ns))) {
      if (skip?.(s.obj) || !quotaMatches(quota, k, s.obj)) continue;
      for (const [r, q] of objectUsage(k, s.obj)) if (wanted.has(r)) addUsage(used, r, q);
    }
  }
  // sums keep the first term's format; unused resources show as 0
  for (const n of hardNames) if (!used.has(n)) used.set(n, quantity(0));
  return used;
}

export function startResourceQuotaController(ctx: Ctx): { stop(): void } {
  const quotaKind = ctx.client.kind('v1/resourcequotas');
  const quotaPrefix = ResourceRegistry.keyPrefix(quotaKind);
  const quotasIn = (ns: string) => ctx.store.list(ResourceRegistry.keyPrefix(quotaKind, ns)).map((s) => `${ns}/${s.obj.metadata!.name}`);
  const r = new Reconciler(ctx, {
    name: 'resourcequota',
    watch: ['/registry/'],
    initial: () => ctx.store.list(quotaPrefix).map((s) => `${s.obj.metadata!.namespace}/${s.obj.metadata!.name}`),
    keysFor: (ev) => {
      if (ev.key.startsWith('/registry/events/') || ev.key.startsWith('/registry/leases/')) return [];
      if (ev.key.startsWith(quotaPrefix)) return [`${ev.obj.metadata!.namespace}/${ev.obj.metadata!.name}`];
      const ns = ev.obj.metadata?.namespace;
      return ns ? quotasIn(ns) : [];
    },
    resyncMs: 5 * 60_000,
    reconcile: async (key) => {
      const [ns, name] = splitKey(key);
      const quota = ctx.client.get('v1/resourcequotas', ns, name);
      if (!quota || quota.metadata?.deletionTimestamp) return;
      const hard: Record<string, string> = quota.spec?.hard ?? {};
      const used = usageToList(quotaUsage(ctx.store, ctx.api.registry, quota, Object.keys(hard)));
      const status = { hard: { ...hard }, used };
      if (JSON.stringify(sorted(quota.status?.hard)) === JSON.stringify(sorted(status.hard)) && JSON.stringify(sorted(quota.status?.used)) === JSON.stringify(sorted(used))) return;
      const next = clone(quota);
      next.status = status;
      await ctx.client.updateStatus('v1/resourcequotas', next);
    },
  }).start();
  return { stop: () => r.stop() };
}

function sorted(m: Record<string, string> | undefined): [string, string][] {
  return Object.entries(m ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
