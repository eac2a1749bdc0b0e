// What the workload controllers share: an index of objects by their controller's uid (so a
// reconcile reads its own pods without scanning every pod), pod-from-template construction with
// ownerReferences, pod state predicates as upstream's controller utilities define them, the
// template hash (fnv32a, encoded with the "safe" alphabet upstream uses for names), selector
// caching and slow-start batching.
import type { KObject } from '../kinds/types.ts';
import type { Store, StoreEvent } from '../api/store.ts';
import type { Ctx } from './framework.ts';
import { labelSelectorFromObject, labelSelectorFromSet, matchesLabels, type LabelSelector } from '../api/selectors.ts';
import { clone } from '../api/rest.ts';

// ---- owner index ---------------------------------------------------------------------------------

/** Objects of one resource grouped by the uid of their controller, and the orphans per namespace. */
export class OwnerIndex {
  private byOwner = new Map<string, Map<string, KObject>>();
  private orphans = new Map<string, Map<string, KObject>>();
  private ownerOf = new Map<string, string>();
  private listeners = new Set<(ev: StoreEvent) => void>();

  constructor(store: Store, readonly prefix: string) {
    for (const s of store.list(prefix)) this.put(s.key, s.obj);
    store.subscribe((ev) => {
      if (!ev.key.startsWith(prefix)) return;
      this.drop(ev.key);
      if (ev.type !== 'DELETED') this.put(ev.key, ev.obj);
      for (const l of this.listeners) l(ev);
    });
  }

  private put(key: string, obj: KObject): void {
    const ref = controllerRef(obj);
    if (ref) {
      let m = this.byOwner.get(ref.uid);
      if (!m) this.byOwner.set(ref.uid, (m = new Map()));
      m.set(key, obj);
      this.ownerOf.set(key, ref.uid);
    } else {
      const ns = obj.metadata?.namespace ?? '';
      let m = this.orphans.get(ns);
      if (!m) this.orphans.set(ns, (m = new Map()));
      m.set(key, obj);
      this.ownerOf.set(key, `\0${ns}`);
    }
  }

  private drop(key: string): void {
    const owner = this.ownerOf.get(key);
    if (owner === undefined) return;
    this.ownerOf.delete(key);
    if (owner.startsWith('\0')) {
      this.orphans.get(owner.slice(1))?.delete(key);
    } else {
      const m = this.byOwner.get(owner);
      m?.delete(key);
      if (m && !m.size) this.byOwner.delete(owner);
    }
  }

  /** Objects whose controller has this uid. */
  owned(uid: string): KObject[] {
    return [...(this.byOwner.get(uid)?.values() ?? [])];
  }

  /** Objects in the namespace without a controller. */
  orphansIn(ns: string): KObject[] {
    return [...(this.orphans.get(ns)?.values() ?? [])];
  }

  onChange(l: (ev: StoreEvent) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

const indexes = new WeakMap<Store, Map<string, OwnerIndex>>();

/** The shared index of a resource (e.g. `/registry/pods/`), built once per store. */
export function ownerIndex(store: Store, prefix: string): OwnerIndex {
  let m = indexes.get(store);
  if (!m) indexes.set(store, (m = new Map()));
  let ix = m.get(prefix);
  if (!ix) m.set(prefix, (ix = new OwnerIndex(store, prefix)));
  return ix;
}

// ---- owner references ----------------------------------------------------------------------------

export interface OwnerRef {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export function controllerRef(obj: KObject | undefined): OwnerRef | undefined {
  return (obj?.metadata?.ownerReferences ?? []).find((r: OwnerRef) => r.controller === true);
}

/** The controller reference a controller puts on what it creates. */
export function ownerRefTo(owner: KObject): OwnerRef {
  return { apiVersion: owner.apiVersion!, kind: owner.kind!, name: owner.metadata!.name, uid: owner.metadata!.uid, controller: true, blockOwnerDeletion: true };
}

/** Claims (adopts) orphans that match, and releases owned objects that no longer match: upstream's ClaimObjects. */
export async function claim(ctx: Ctx, ref: string, owner: KObject, ix: OwnerIndex, matches: (o: KObject) => boolean, canAdopt = true): Promise<KObject[]> {
  const uid = owner.metadata!.uid;
  const ns = owner.metadata!.namespace;
  const out: KObject[] = [];
  for (const o of ix.owned(uid)) {
    if (matches(o) || o.metadata?.deletionTimestamp) {
      out.push(o);
      continue;
    }
    if (owner.metadata?.deletionTimestamp) {
      out.push(o);
      continue;
    }
    // release: drop our controller reference
    const refs = (o.metadata!.ownerReferences ?? []).filter((r: OwnerRef) => r.uid !== uid);
    await ctx.client.patch(ref, ns, o.metadata!.name, { metadata: { ownerReferences: refs.length ? refs : null, resourceVersion: o.metadata!.resourceVersion } }).catch(() => undefined);
  }
  if (canAdopt && !owner.metadata?.deletionTimestamp) {
    for (const o of ix.orphansIn(ns)) {
      if (o.metadata?.deletionTimestamp || !matches(o)) continue;
      const refs = [...(o.metadata!.ownerReferences ?? []), ownerRefTo(owner)];
      try {
        out.push(await ctx.client.patch(ref, ns, o.metadata!.name, { metadata: { ownerReferences: refs, resourceVersion: o.metadata!.resourceVersion } }));
      } catch {
        // it changed meanwhile: the next pass looks again
      }
    }
  }
  return out;
}

// ---- selectors -----------------------------------------------------------------------------------

const selectorCache = new WeakMap<object, LabelSelector>();

/** The parsed selector of a workload (`spec.selector` as a LabelSelector, or a map for RCs). */
export function selectorOf(obj: KObject, map = false): LabelSelector {
  const raw = obj.spec?.selector;
  if (!raw) return labelSelectorFromObject({ matchExpressions: [{ key: '', operator: 'DoesNotExist' }] } as any);
  const hit = selectorCache.get(raw);
  if (hit) return hit;
  const s = map ? labelSelectorFromSet(raw) : labelSelectorFromObject(raw);
  selectorCache.set(raw, s);
  return s;
}

export function selects(sel: LabelSelector, obj: KObject): boolean {
  return matchesLabels(sel, obj.metadata?.labels ?? {});
}

// ---- pods ----------------------------------------------------------------------------------------

export function podCondition(pod: KObject, type: string): any {
  return (pod.status?.conditions ?? []).find((c: any) => c.type === type);
}

export function isTerminal(pod: KObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** Counts toward replicas: not finished and not being deleted (upstream's IsPodActive). */
export function isActive(pod: KObject): boolean {
  return !isTerminal(pod) && !pod.metadata?.deletionTimestamp;
}

export function isReady(pod: KObject): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

/** Ready for at least minReadySeconds (upstream's IsPodAvailable). */
export function isAvailable(pod: KObject, minReadySeconds: number, now: number): boolean {
  const c = podCondition(pod, 'Ready');
  if (c?.status !== 'True') return false;
  if (!minReadySeconds) return true;
  const t = Date.parse(c.lastTransitionTime ?? '');
  return Number.isNaN(t) || t + minReadySeconds * 1000 <= now;
}

/** Milliseconds until a ready pod becomes available, or undefined when it is not waiting. */
export function untilAvailable(pod: KObject, minReadySeconds: number, now: number): number | undefined {
  const c = podCondition(pod, 'Ready');
  if (c?.status !== 'True' || !minReadySeconds) return undefined;
  const t = Date.parse(c.lastTransitionTime ?? '');
  if (Number.isNaN(t)) return undefined;
  const left = t + minReadySeconds * 1000 - now;
  return left > 0 ? left : undefined;
}

export function restarts(pod: KObject): number {
  let n = 0;
  for (const s of pod.status?.containerStatuses ?? []) n = Math.max(n, s.restartCount ?? 0);
  return n;
}

/** A pod for an owner from its template (labels, annotations, finalizers, spec), with a controller reference. */
export function podFromTemplate(template: any, owner: KObject, o: { name?: string; generateName?: string; labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[] } = {}): KObject {
  const t = clone(template ?? {});
  const md = t.metadata ?? {};
  const pod: KObject = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      ...(o.name ? { name: o.name } : { generateName: o.generateName ?? `${owner.metadata!.name}-` }),
      namespace: owner.metadata!.namespace,
      labels: { ...(md.labels ?? {}), ...(o.labels ?? {}) },
      ownerReferences: [ownerRefTo(owner)],
    },
    spec: t.spec ?? {},
  };
  const ann = { ...(md.annotations ?? {}), ...(o.annotations ?? {}) };
  if (Object.keys(ann).length) pod.metadata!.annotations = ann;
  const fin = [...(md.finalizers ?? []), ...(o.finalizers ?? [])];
  if (fin.length) pod.metadata!.finalizers = fin;
  return pod;
}

// ---- hashing -------------------------------------------------------------------------------------

/** JSON with sorted keys, so equal objects give equal text. */
export function stableJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(',')}}`;
}

export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  const bytes = Buffer.from(s, 'utf8');
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';
/** Upstream's SafeEncodeString: each character mapped into an alphabet without vowels or look-alikes. */
export function safeEncode(s: string): string {
  let out = '';
  for (const ch of Buffer.from(s, 'utf8')) out += SAFE[ch % SAFE.length];
  return out;
}

/** A short stable hash of an object (and a collision count): the pod-template-hash / revision hash. */
export function computeHash(obj: unknown, collisionCount?: number): string {
  let text = stableJson(obj);
  if (collisionCount) text += `#${collisionCount}`;
  return safeEncode(String(fnv32a(text)));
}

// ---- int-or-percent ------------------------------------------------------------------------------

/** upstream's GetScaledValueFromIntOrPercent. */
export function scaledValue(v: unknown, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(String(v));
  if (!m) return Number(v) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

// ---- batching & events ---------------------------------------------------------------------------

/**
 * Runs `count` calls in slow-start batches (1, 2, 4, …) as upstream's slowStartBatch does; stops
 * after a batch with a failure. Returns how many succeeded and the first error.
 */
export async function slowStart(count: number, fn: (i: number) => Promise<void>): Promise<{ done: number; error?: unknown }> {
  let done = 0;
  let size = 1;
  while (done < count) {
    const n = Math.min(size, count - done);
    const results = await Promise.allSettled(Array.from({ length: n }, (_, j) => fn(done + j)));
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
    done += results.filter((r) => r.status === 'fulfilled').length;
    if (failed) return { done, error: failed.reason };
    size *= 2;
  }
  return { done };
}

/** Records an event without waiting for it (events never hold up a reconcile). */
export function emit(ctx: Ctx, component: string, obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
  ctx.recorder(component).record(obj, type, reason, message).catch(() => undefined);
}

/** The text of an API error as upstream prints it in events. */
export function errorText(e: unknown): string {
  return (e as Error)?.message ?? String(e);
}

export const nowIso = (ctx: Ctx): string => ctx.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Sets a condition of `type` (keeps lastTransitionTime when the status does not change). Returns the new list. */
export function setCondition(conds: any[] | undefined, c: Record<string, any>, now: string, o: { probe?: boolean; update?: boolean } = {}): any[] {
  const list = [...(conds ?? [])];
  const i = list.findIndex((x) => x.type === c.type);
  const cur = i >= 0 ? list[i] : undefined;
  const next: Record<string, any> = { type: c.type, status: c.status };
  if (o.probe) next.lastProbeTime = now;
  if (o.update) next.lastUpdateTime = now;
  next.lastTransitionTime = cur && cur.status === c.status ? cur.lastTransitionTime : now;
  if (c.reason !== undefined) next.reason = c.reason;
  if (c.message !== undefined) next.message = c.message;
  if (i >= 0) list[i] = next;
  else list.push(next);
  return list;
}
