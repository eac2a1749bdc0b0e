// Admission plugins of kube-apiserver's default chain that kubedojo simulates, run by Rest for
// creates and updates of a main resource (never for subresources):
//   mutating:   LimitRanger (container defaults), DefaultStorageClass;
//   validating: ServiceAccount (the pod's account must exist), LimitRanger (min/max/ratio for
//               containers, pods and claims), ResourceQuota (constraints and hard limits).
// ServiceAccount's token volume and DefaultTolerationSeconds' tolerations are added by the Pod
// kind's prepareForCreate (kinds/core.ts admitPod). NamespaceLifecycle lives in Rest itself.
// Refusals are 403 Forbidden with upstream's texts: `pods "x" is forbidden: <reason>`.
import type { KindDef, KObject } from '../kinds/types.ts';
import type { Store } from './store.ts';
import { ResourceRegistry } from './registry.ts';
import { ApiError, badRequest, conflict, forbidden, notFound } from './errors.ts';
import { mediaType } from './request.ts';
import { decodeK8sProtobuf } from './protobuf.ts';
import { typeDef } from '../schema/index.ts';
import { clone, nowRFC3339, type Reply, type Rest, type RestContext } from './rest.ts';
import { StoreConflict } from './store.ts';
import { labelSelectorFromObject, matchesLabels } from './selectors.ts';
import { podQOSClass } from '../kinds/core.ts';
import { formatQuantity, prettyUsage, quantity, type Quantity, type Usage } from '../controllers/quantity.ts';
import { POD_COMPUTE, matchingResources, objectUsage, quotaMatches, quotaUsage } from '../controllers/resourcequota.ts';

const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';
const DEFAULT_CLASS_ANNOTATIONS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

const isPods = (k: KindDef) => k.group === '' && k.plural === 'pods';
const isClaims = (k: KindDef) => k.group === '' && k.plural === 'persistentvolumeclaims';
const isVolumes = (k: KindDef) => k.group === '' && k.plural === 'persistentvolumes';

export class Admission {
  constructor(private store: Store, private registry: ResourceRegistry) {}

  private list(group: string, plural: string, ns?: string): KObject[] {
    const k = this.registry.find(group, 'v1', plural);
    return k ? this.store.list(ResourceRegistry.keyPrefix(k, ns)).map((s) => s.obj) : [];
  }

  /** Mutating plugins; they run before the kind's validation. */
  mutate(ctx: RestContext, obj: KObject, old?: KObject): void {
    const k = ctx.kind;
    if (isPods(k) && !old) this.defaultContainerResources(obj);
    if (isPods(k) && !old) {
      const why = this.priority(obj);
      if (why) throw forbidden(k.plural, k.group, obj.metadata?.name ?? '', why);
    }
    if (isClaims(k) && !old) this.defaultStorageClass(obj);
    // StorageObjectInUseProtection: claims and volumes in use stay until released
    const protect = isClaims(k) ? 'kubernetes.io/pvc-protection' : isVolumes(k) ? 'kubernetes.io/pv-protection' : undefined;
    if (protect && !old) {
      const m = obj.metadata!;
      if (!(m.finalizers ?? []).includes(protect)) m.finalizers = [...(m.finalizers ?? []), protect];
    }
  }

  /** Validating plugins; they run after the kind's validation, just before the write. */
  async validate(ctx: RestContext, obj: KObject, old?: KObject): Promise<void> {
    const k = ctx.kind;
    const deny = (why: string) => forbidden(k.plural, k.group, obj.metadata?.name ?? '', why);
    if (isPods(k) && !old) {
      const why = await this.serviceAccountMissing(obj);
      if (why) throw deny(why);
    }
    if ((isPods(k) && !old) || isClaims(k)) {
      const why = this.limitRangeViolations(k, obj);
      if (why) throw deny(why);
    }
    if (k.namespaced && obj.metadata?.namespace) {
      const why = this.quotaViolation(k, obj, old);
      if (why) throw deny(why);
    }
  }

  // ----- Priority ---------------------------------------------------------------------------------

  /**
   * The Priority plugin: a pod's priority and preemption policy come from its PriorityClass (or
   * the global default class); an unknown class, or a priority that disagrees with it, is refused.
   */
  private priority(pod: KObject): string | undefined {
    const spec = pod.spec ?? (pod.spec = {});
    const classes = this.store.list('/registry/priorityclasses/').map((s) => s.obj);
    let cls: KObject | undefined;
    if (spec.priorityClassName) {
      cls = classes.find((c) => c.metadata?.name === spec.priorityClassName);
      if (!cls) return `no PriorityClass with name ${spec.priorityClassName} was found`;
    } else {
      cls = classes.filter((c) => c.globalDefault).sort((a, b) => (a.value ?? 0) - (b.value ?? 0))[0];
      if (!cls) return undefined;
      spec.priorityClassName = cls.metadata!.name;
      // the kind's defaults filled in priority 0 for a pod without a class: the default class decides
      spec.priority = cls.value ?? 0;
      spec.preemptionPolicy = cls.preemptionPolicy ?? 'PreemptLowerPriority';
    }
    const value = cls.value ?? 0;
    const policy = cls.preemptionPolicy ?? 'PreemptLowerPriority';
    if (spec.priority != null && spec.priority !== value) {
      return `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`;
    }
    if (spec.preemptionPolicy != null && spec.preemptionPolicy !== policy) {
      return `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`;
    }
    spec.priority = value;
    spec.preemptionPolicy = policy;
    return undefined;
  }

  // ----- ServiceAccount -------------------------------------------------------------------------

  private async serviceAccountMissing(pod: KObject): Promise<string | undefined> {
    if (pod.metadata?.annotations?.['kubernetes.io/config.mirror']) return undefined;
    const ns = pod.metadata!.namespace;
    const sa = pod.spec?.serviceAccountName;
    if (!sa) return undefined;
    const k = this.registry.find('', 'v1', 'serviceaccounts');
    if (!k || this.store.get(ResourceRegistry.key(k, ns, sa))) return undefined;
    // the default account of a new namespace is on its way (the controller creates it): upstream
    // looks again up to ten times, a little over 100 ms apart, before refusing
    if (sa === 'default') {
      const pause = 100 + Math.floor(Math.random() * 100);
      for (let i = 1; i < 10; i++) {
        await new Promise((r) => setTimeout(r, pause));
        if (this.store.get(ResourceRegistry.key(k, ns, sa))) return undefined;
      }
    }
    return `error looking up service account ${ns}/${sa}: serviceaccount "${sa}" not found`;
  }

  // ----- DefaultStorageClass --------------------------------------------------------------------

  private defaultStorageClass(pvc: KObject): void {
    const spec = pvc.spec ?? {};
    if (spec.storageClassName != null || pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] != null) return;
    const defaults = this.list('storage.k8s.io', 'storageclasses').filter((sc) => DEFAULT_CLASS_ANNOTATIONS.some((a) => sc.metadata?.annotations?.[a] === 'true'));
    if (!defaults.length) return;
    // the newest default wins (ties: by name)
    defaults.sort((a, b) => String(b.metadata!.creationTimestamp).localeCompare(String(a.metadata!.creationTimestamp)) || String(a.metadata!.name).localeCompare(String(b.metadata!.name)));
    spec.storageClassName = defaults[0].metadata!.name;
    pvc.spec = spec;
  }

  // ----- LimitRanger ----------------------------------------------------------------------------

  private limitRanges(ns: string): KObject[] {
    return this.list('', 'limitranges', ns);
  }

  /** Fills unset container requests/limits from the namespace's LimitRanges and notes it. */
  private defaultContainerResources(pod: KObject): void {
    const ranges = this.limitRanges(pod.metadata!.namespace);
    if (!ranges.length) return;
    const notes: string[] = [];
    for (const lr of ranges) {
      const defReq: Record<string, unknown> = {};
      const defLim: Record<string, unknown> = {};
      for (const item of lr.spec?.limits ?? []) {
        if (item.type !== 'Container') continue;
        Object.assign(defReq, item.defaultRequest ?? {});
        Object.assign(defLim, item.default ?? {});
      }
      const apply = (c: any, what: string) => {
        const res = (c.resources ??= {});
        const setReq: string[] = [];
        const setLim: string[] = [];
        for (const [r, v] of Object.entries(defLim)) {
          res.limits ??= {};
          if (res.limits[r] === undefined) { res.limits[r] = v; setLim.push(r); }
        }
        for (const [r, v] of Object.entries(defReq)) {
          res.requests ??= {};
          if (res.requests[r] === undefined) { res.requests[r] = v; setReq.push(r); }
        }
        if (res.limits && !Object.keys(res.limits).length) delete res.limits;
        if (res.requests && !Object.keys(res.requests).length) delete res.requests;
        if (setReq.length) notes.push(`${setReq.sort().join(', ')} request for ${what} ${c.name}`);
        if (setLim.length) notes.push(`${setLim.sort().join(', ')} limit for ${what} ${c.name}`);
      };
      for (const c of pod.spec?.containers ?? []) apply(c, 'container');
      for (const c of pod.spec?.initContainers ?? []) apply(c, 'init container');
    }
    if (notes.length) {
      pod.metadata!.annotations = { ...(pod.metadata!.annotations ?? {}), [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
    }
    if (pod.status) pod.status.qosClass = podQOSClass(pod.spec);
  }

  private limitRangeViolations(k: KindDef, obj: KObject): string | undefined {
    const errs: string[] = [];
    for (const lr of this.limitRanges(obj.metadata!.namespace)) {
      for (const item of lr.spec?.limits ?? []) {
        const type: string = item.type;
        if (isPods(k) && type === 'Container') {
          for (const c of [...(obj.spec?.containers ?? []), ...(obj.spec?.initContainers ?? [])]) {
            errs.push(...checkRange(type, item, toUsage(c.resources?.requests), toUsage(c.resources?.limits)));
          }
        } else if (isPods(k) && type === 'Pod') {
          const { requests, limits } = podTotals(obj);
          errs.push(...checkRange(type, item, requests, limits));
        } else if (isClaims(k) && type === 'PersistentVolumeClaim') {
          const requests = toUsage(obj.spec?.resources?.requests);
          for (const r of Object.keys(item.min ?? {}).sort()) {
            const e = minConstraint(type, r, quantity(item.min[r]), requests, new Map());
            if (e) errs.push(e);
          }
          for (const r of Object.keys(item.max ?? {}).sort()) {
            const enforced = quantity(item.max[r]);
            const req = requests.get(r);
            if (!req) errs.push(`maximum ${r} usage per ${type} is ${formatQuantity(enforced)}.  No request is specified`);
            else if (req.milli > enforced.milli) errs.push(`maximum ${r} usage per ${type} is ${formatQuantity(enforced)}, but request is ${text(req)}`);
          }
        }
      }
    }
    if (!errs.length) return undefined;
    return errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
  }

  // ----- ResourceQuota --------------------------------------------------------------------------

  private quotaViolation(k: KindDef, obj: KObject, old?: KObject): string | undefined {
    const ns = obj.metadata!.namespace;
    const quotas = this.list('', 'resourcequotas', ns);
    if (!quotas.length) return undefined;
    const newUse = objectUsage(k, obj);
    const oldUse = old ? objectUsage(k, old) : new Map<string, Quantity>();
    for (const q of quotas) {
      if (!quotaMatches(q, k, obj)) continue;
      const hard: Record<string, string> = q.status?.hard ?? q.spec?.hard ?? {};
      const restricted = matchingResources(this.registry, k, Object.keys(hard));
      if (!restricted.length) continue;
      if (isPods(k) && !old) {
        const missing = missingComputeResources(obj, restricted);
        if (missing) return `failed quota: ${q.metadata!.name}: must specify ${missing}`;
      }
      const requested: Usage = new Map();
      for (const r of restricted) {
        const delta = (newUse.get(r)?.milli ?? 0) - (oldUse.get(r)?.milli ?? 0);
        if (delta > 0) requested.set(r, { milli: delta, format: newUse.get(r)!.format });
      }
      if (!requested.size) continue;
      const uid = obj.metadata?.uid;
      const used = quotaUsage(this.store, this.registry, q, [...requested.keys()], (o) => !!uid && o.metadata?.uid === uid);
      // what the object already used before this change is part of `used` on updates
      if (old) for (const [r, v] of oldUse) if (used.has(r)) used.set(r, { ...used.get(r)!, milli: used.get(r)!.milli + v.milli });
      const exceeded: string[] = [];
      for (const [r, want] of requested) {
        const limit = quantity(hard[r]);
        if ((used.get(r)?.milli ?? 0) + want.milli > limit.milli) exceeded.push(r);
      }
      if (!exceeded.length) continue;
      const pick = (u: Usage) => new Map(exceeded.map((r) => [r, u.get(r) ?? quantity(0)] as const));
      const limited: Usage = new Map(exceeded.map((r) => [r, quantity(hard[r])] as const));
      return `exceeded quota: ${q.metadata!.name}, requested: ${prettyUsage(pick(requested))}, used: ${prettyUsage(pick(used))}, limited: ${prettyUsage(limited)}`;
    }
    return undefined;
  }
}

/** `limits.cpu for: a,b; requests.memory for: a` for the compute resources containers leave unset. */
function missingComputeResources(pod: KObject, restricted: string[]): string | undefined {
  const required = restricted.filter((r) => POD_COMPUTE.includes(r));
  if (!required.length) return undefined;
  const missing = new Map<string, Set<string>>();
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    const has = new Set<string>();
    for (const r of ['cpu', 'memory']) {
      if (req[r] !== undefined) { has.add(r); has.add(`requests.${r}`); }
      if (lim[r] !== undefined) has.add(`limits.${r}`);
    }
    for (const r of required) if (!has.has(r)) (missing.get(r) ?? missing.set(r, new Set()).get(r)!).add(c.name);
  }
  if (!missing.size) return undefined;
  return [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`).join('; ');
}

function toUsage(list: Record<string, unknown> | undefined): Usage {
  return new Map(Object.entries(list ?? {}).map(([k, v]) => [k, quantity(v)] as const));
}

/** A quantity as the client wrote it (Go prints the parsed quantity in its canonical form). */
function text(q: Quantity): string {
  return formatQuantity(q);
}

/** Pod-level totals for LimitRange type Pod: containers summed, at least the largest init container. */
function podTotals(pod: KObject): { requests: Usage; limits: Usage } {
  const sum = (field: 'requests' | 'limits'): Usage => {
    const out: Usage = new Map();
    for (const c of pod.spec?.containers ?? []) {
      for (const [r, v] of Object.entries<any>(c.resources?.[field] ?? {})) {
        const q = quantity(v);
        const cur = out.get(r);
        out.set(r, cur ? { milli: cur.milli + q.milli, format: cur.format } : q);
      }
    }
    for (const c of pod.spec?.initContainers ?? []) {
      for (const [r, v] of Object.entries<any>(c.resources?.[field] ?? {})) {
        const q = quantity(v);
        const cur = out.get(r);
        if (!cur || q.milli > cur.milli) out.set(r, q);
      }
    }
    return out;
  };
  return { requests: sum('requests'), limits: sum('limits') };
}

function minConstraint(type: string, r: string, enforced: Quantity, requests: Usage, limits: Usage): string | undefined {
  const req = requests.get(r);
  const lim = limits.get(r);
  const e = formatQuantity(enforced);
  if (!req) return `minimum ${r} usage per ${type} is ${e}.  No request is specified`;
  if (req.milli < enforced.milli) return `minimum ${r} usage per ${type} is ${e}, but request is ${text(req)}`;
  if (lim && lim.milli < enforced.milli) return `minimum ${r} usage per ${type} is ${e}, but limit is ${text(lim)}`;
  return undefined;
}

function maxConstraint(type: string, r: string, enforced: Quantity, requests: Usage, limits: Usage): string | undefined {
  const req = requests.get(r);
  const lim = limits.get(r);
  const e = formatQuantity(enforced);
  if (!lim) return `maximum ${r} usage per ${type} is ${e}.  No limit is specified`;
  if (lim.milli > enforced.milli) return `maximum ${r} usage per ${type} is ${e}, but limit is ${text(lim)}`;
  if (req && req.milli > enforced.milli) return `maximum ${r} usage per ${type} is ${e}, but request is ${text(req)}`;
  return undefined;
}

function ratioConstraint(type: string, r: string, enforced: Quantity, requests: Usage, limits: Usage): string | undefined {
  const req = requests.get(r);
  const lim = limits.get(r);
  const e = formatQuantity(enforced);
  if (!req || req.milli === 0) return `${r} max limit to request ratio per ${type} is ${e}, but no request is specified or request is 0`;
  if (!lim || lim.milli === 0) return `${r} max limit to request ratio per ${type} is ${e}, but no limit is specified or limit is 0`;
  const ratio = lim.milli / req.milli;
  if (ratio * 1000 > enforced.milli) return `${r} max limit to request ratio per ${type} is ${e}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}

function checkRange(type: string, item: any, requests: Usage, limits: Usage): string[] {
  const out: string[] = [];
  for (const r of Object.keys(item.min ?? {}).sort()) {
    const e = minConstraint(type, r, quantity(item.min[r]), requests, limits);
    if (e) out.push(e);
  }
  for (const r of Object.keys(item.max ?? {}).sort()) {
    const e = maxConstraint(type, r, quantity(item.max[r]), requests, limits);
    if (e) out.push(e);
  }
  for (const r of Object.keys(item.maxLimitRequestRatio ?? {}).sort()) {
    const e = ratioConstraint(type, r, quantity(item.maxLimitRequestRatio[r]), requests, limits);
    if (e) out.push(e);
  }
  return out;
}

// ----- pods/eviction --------------------------------------------------------------------------

const EVICTION_REFUSED = "Cannot evict pod as it would violate the pod's disruption budget.";

function podReady(pod: KObject): boolean {
  return (pod.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
}

/**
 * The eviction subresource (upstream's EvictionREST): a pod covered by a PodDisruptionBudget is
 * deleted only while the budget allows a disruption, which it then uses up; otherwise 429.
 */
export async function evictPod(rest: Rest, ctx: RestContext, eviction: any): Promise<Reply> {
  const store = rest.store;
  const { obj: pod } = rest.current(ctx);
  const ns = pod.metadata!.namespace;
  const name = pod.metadata!.name;
  const options = { ...(eviction?.deleteOptions ?? {}) };
  const success: Reply = { code: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
  const phase = pod.status?.phase;
  if (pod.metadata?.deletionTimestamp || phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending') {
    await rest.delete(ctx, options);
    return success;
  }
  const pdbKind = rest.registry.find('policy', 'v1', 'poddisruptionbudgets');
  const pdbs = pdbKind ? store.list(ResourceRegistry.keyPrefix(pdbKind, ns)).filter((s) => selects(s.obj.spec?.selector, pod.metadata?.labels ?? {})) : [];
  if (pdbs.length > 1) throw new ApiError(500, 'InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  if (!pdbs.length) {
    await rest.delete(ctx, options);
    return success;
  }
  for (let attempt = 0; ; attempt++) {
    const s = store.get(pdbs[0].key);
    if (!s) break;
    const pdb = s.obj;
    const st = pdb.status ?? {};
    const refuse = (why: string) => new ApiError(429, 'TooManyRequests', EVICTION_REFUSED, { causes: [{ reason: 'DisruptionBudget', message: why }] });
    if ((st.observedGeneration ?? 0) < (pdb.metadata?.generation ?? 1)) throw refuse(`The disruption budget ${pdb.metadata!.name} is still being processed by the server.`);
    // an unready pod does not count as healthy: it may go while the budget is otherwise met
    if (!podReady(pod)) {
      const always = pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow';
      if (always || (st.currentHealthy ?? 0) >= (st.desiredHealthy ?? 0)) break;
    }
    if ((st.disruptionsAllowed ?? 0) < 0) throw forbidden('pods', '', name, 'pdb disruptions allowed is negative');
    if ((st.disruptionsAllowed ?? 0) === 0) throw refuse(`The disruption budget ${pdb.metadata!.name} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently`);
    const next = clone(pdb);
    next.status = { ...st, disruptionsAllowed: st.disruptionsAllowed - 1, disruptedPods: { ...(st.disruptedPods ?? {}), [name]: nowRFC3339(ctx.strategy.now) } };
    try {
      await store.update(s.key, next, s.rev);
      break;
    } catch (e) {
      if (!(e instanceof StoreConflict) || attempt >= 4) throw e;
    }
  }
  await rest.delete(ctx, options);
  return success;
}

function selects(selector: any, labels: Record<string, string>): boolean {
  if (selector == null) return false;
  return matchesLabels(labelSelectorFromObject(selector), labels);
}

// ----- serviceaccounts/token ------------------------------------------------------------------

/** The TokenRequest of a serviceaccounts/token POST (JSON, or protobuf as `kubectl create token` sends it). */
export function decodeTokenRequest(body: Buffer, contentType: string | undefined): any {
  if (!body.length) return {};
  if (mediaType(contentType) === 'application/vnd.kubernetes.protobuf') {
    try {
      const d = decodeK8sProtobuf(new Uint8Array(body), () => typeDef('io.k8s.api.authentication.v1.TokenRequest'), typeDef);
      return d.object ?? {};
    } catch (e) {
      throw badRequest(`TokenRequest in version "v1" cannot be handled as a TokenRequest: ${(e as Error).message}`);
    }
  }
  try {
    return JSON.parse(body.toString());
  } catch (e) {
    throw badRequest(`TokenRequest in version "v1" cannot be handled as a TokenRequest: ${(e as Error).message}`);
  }
}

/** The object a token is bound to (spec.boundObjectRef: a Pod, Secret or Node that must exist). */
export function boundObject(rest: Rest, namespace: string, ref: any): { kind: string; name: string; uid: string } | undefined {
  if (!ref || !ref.kind) return undefined;
  const plural = ({ Pod: 'pods', Secret: 'secrets', Node: 'nodes' } as Record<string, string>)[ref.kind];
  if (!plural) throw badRequest(`cannot bind token for object of kind ${ref.kind}`);
  const k = rest.registry.find('', 'v1', plural)!;
  const obj = rest.store.get(ResourceRegistry.key(k, namespace, ref.name ?? ''))?.obj;
  if (!obj) throw notFound(plural, '', ref.name ?? '');
  if (ref.uid && ref.uid !== obj.metadata!.uid) {
    throw conflict(plural, '', ref.name, `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`);
  }
  return { kind: ref.kind, name: obj.metadata!.name, uid: obj.metadata!.uid };
}
