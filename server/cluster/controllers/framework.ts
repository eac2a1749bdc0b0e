// What every in-cluster component (controllers, scheduler, kubelets) builds on:
// - `Client`: API calls made in-process but through the same REST strategy as HTTP requests
//   (defaulting, validation, admission, generation, finalizers), as a given user;
// - the shared watch cache (the API server's Store): reads are local, changes arrive as events;
// - `Reconciler`: a level-triggered work queue (controller-runtime's model): events map to keys,
//   each key is reconciled alone, failures retry with back-off, results may ask to requeue later;
// - `Ctx`: what a component gets: client, cache, clock, event recorder, log.
import type { ApiServer } from '../api/server.ts';
import type { Store, StoreEvent, StoredObject } from '../api/store.ts';
import type { KindDef, KObject, UserInfo } from '../kinds/types.ts';
import type { RestContext } from '../api/rest.ts';
import { ResourceRegistry } from '../api/registry.ts';
import { ApiError } from '../api/errors.ts';
import { EventRecorder } from '../events.ts';
import type { Clock } from '../clock.ts';

/** `group/version/plural` or `version/plural` for the core group, e.g. `apps/v1/deployments`, `v1/pods`. */
export type KindRef = string;

export function isNotFound(e: unknown): boolean {
  return e instanceof ApiError && e.code === 404;
}
export function isConflict(e: unknown): boolean {
  return e instanceof ApiError && e.code === 409;
}
export function isAlreadyExists(e: unknown): boolean {
  return e instanceof ApiError && e.code === 409 && e.reason === 'AlreadyExists';
}

export class Client {
  constructor(readonly api: ApiServer, readonly user: UserInfo) {}

  kind(ref: KindRef): KindDef {
    const parts = ref.split('/');
    const [group, version, plural] = parts.length === 2 ? ['', parts[0], parts[1]] : parts;
    const k = this.api.registry.find(group, version, plural);
    if (!k) throw new Error(`no such resource: ${ref}`);
    return k;
  }

  private ctx(ref: KindRef, ns: string | undefined, name?: string, query: Record<string, string> = {}): RestContext {
    const k = this.kind(ref);
    return {
      kind: k,
      rp: { group: k.group, version: k.version, plural: k.plural, namespace: k.namespaced ? ns : undefined, name },
      query: new URLSearchParams(query),
      strategy: this.api.strategy(this.user),
      warnings: [],
      accept: 'application/json',
    };
  }

  /** Reads from the watch cache. */
  get(ref: KindRef, ns: string | undefined, name: string): KObject | undefined {
    const k = this.kind(ref);
    return this.api.o.store.get(ResourceRegistry.key(k, ns, name))?.obj;
  }

  /** Lists from the watch cache (one namespace, or all with `ns` undefined). */
  list(ref: KindRef, ns?: string, filter?: (o: KObject) => boolean): KObject[] {
    const k = this.kind(ref);
    const out = this.api.o.store.list(ResourceRegistry.keyPrefix(k, ns)).map((s) => s.obj);
    return filter ? out.filter(filter) : out;
  }

  async create(ref: KindRef, obj: KObject): Promise<KObject> {
    const ns = obj.metadata?.namespace;
    return (await this.api.rest.create(this.ctx(ref, ns), obj)).body as KObject;
  }

  /** Replaces the object; `metadata.resourceVersion` (if set) is the precondition. */
  async update(ref: KindRef, obj: KObject): Promise<KObject> {
    const m = obj.metadata!;
    return (await this.api.rest.update(this.ctx(ref, m.namespace, m.name), obj)).body as KObject;
  }

  async updateStatus(ref: KindRef, obj: KObject): Promise<KObject> {
    const m = obj.metadata!;
    return (await this.api.rest.update(this.ctx(ref, m.namespace, m.name), obj, 'status')).body as KObject;
  }

  /** A JSON merge patch (or strategic merge / JSON patch with `type`). */
  async patch(ref: KindRef, ns: string | undefined, name: string, patch: unknown, o: { type?: 'merge' | 'strategic' | 'json'; subresource?: 'status' } = {}): Promise<KObject> {
    const type = { merge: 'application/merge-patch+json', strategic: 'application/strategic-merge-patch+json', json: 'application/json-patch+json' }[o.type ?? 'merge'];
    return (await this.api.rest.patch(this.ctx(ref, ns, name), Buffer.from(JSON.stringify(patch)), type, o.subresource)).body as KObject;
  }

  async delete(ref: KindRef, ns: string | undefined, name: string, options: { propagationPolicy?: 'Background' | 'Foreground' | 'Orphan'; gracePeriodSeconds?: number; preconditions?: { uid?: string; resourceVersion?: string } } = {}): Promise<void> {
    await this.api.rest.delete(this.ctx(ref, ns, name), { ...options });
  }
}

export interface Ctx {
  api: ApiServer;
  store: Store;
  client: Client;
  clock: Clock;
  log: (line: string) => void;
  /** An event recorder reporting as `component` (and `host` for kubelets). */
  recorder(component: string, host?: string): EventRecorder;
}

export function makeCtx(api: ApiServer, clock: Clock, log: (line: string) => void, user: UserInfo): Ctx {
  return {
    api, store: api.o.store, clock, log,
    client: new Client(api, user),
    recorder: (component, host) => new EventRecorder(api.o.store, component, host, () => clock.now()),
  };
}

/** A reconcile may ask to be called again after some cluster time. */
export type Result = void | { requeueAfter: number };

export interface ReconcilerOptions {
  name: string;
  /** Store key prefixes to watch, e.g. `/registry/deployments/`. */
  watch: string[];
  /** Which reconcile keys an event concerns (default: the event's own `namespace/name`). */
  keysFor?: (ev: StoreEvent) => string[];
  reconcile: (key: string) => Promise<Result>;
  /** Keys to reconcile at start (default: every object under the first watched prefix). */
  initial?: () => string[];
  /** Reconcile everything again this often (cluster ms); level-triggered safety net. */
  resyncMs?: number;
  /** How many keys may be reconciled at once (a key is never reconciled twice at the same time). */
  concurrency?: number;
}

/** `namespace/name` (or `name` for cluster-scoped objects) of a stored object. */
export function keyOf(obj: KObject): string {
  const m = obj.metadata ?? {};
  return m.namespace ? `${m.namespace}/${m.name}` : m.name;
}

export function splitKey(key: string): [string | undefined, string] {
  const i = key.indexOf('/');
  return i < 0 ? [undefined, key] : [key.slice(0, i), key.slice(i + 1)];
}

/** Keys of the controllers (ownerReferences with controller: true) of an object of the given kind. */
export function controllerKeys(obj: KObject | undefined, kind: string): string[] {
  const ref = (obj?.metadata?.ownerReferences ?? []).find((r: any) => r.controller && r.kind === kind);
  return ref ? [obj!.metadata!.namespace ? `${obj!.metadata!.namespace}/${ref.name}` : ref.name] : [];
}

export class Reconciler {
  private queue = new Set<string>();
  private failures = new Map<string, number>();
  private delayed = new Map<string, { at: number; cancel: () => void }>();
  private inflight = new Set<string>();
  private scheduled = false;
  private stopped = false;
  private unsubscribe?: () => void;
  private resync?: { cancel(): void };

  constructor(private ctx: Ctx, private o: ReconcilerOptions) {}

  start(): this {
    const initial = this.o.initial?.() ?? this.ctx.store.list(this.o.watch[0]).map((s) => keyOf(s.obj));
    for (const k of initial) this.add(k);
    this.unsubscribe = this.ctx.store.subscribe((ev) => {
      if (!this.o.watch.some((p) => ev.key.startsWith(p))) return;
      const keys = this.o.keysFor ? this.o.keysFor(ev) : [keyOf(ev.obj)];
      for (const k of keys) this.add(k);
    });
    if (this.o.resyncMs) {
      this.resync = this.ctx.clock.every(this.o.resyncMs, () => {
        for (const k of this.o.initial?.() ?? this.ctx.store.list(this.o.watch[0]).map((s) => keyOf(s.obj))) this.add(k);
      });
    }
    return this;
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.resync?.cancel();
    for (const d of this.delayed.values()) d.cancel();
    this.delayed.clear();
    this.queue.clear();
  }

  /** Queues a key now. */
  add(key: string): void {
    if (this.stopped) return;
    this.queue.add(key);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  /** Queues a key after `ms` of cluster time (the earliest request wins). */
  addAfter(key: string, ms: number): void {
    if (this.stopped) return;
    const at = this.ctx.clock.ms() + ms;
    const cur = this.delayed.get(key);
    if (cur && cur.at <= at) return;
    cur?.cancel();
    const t = this.ctx.clock.after(ms, () => {
      this.delayed.delete(key);
      this.add(key);
    });
    this.delayed.set(key, { at, cancel: t.cancel });
  }

  private drain(): void {
    this.scheduled = false;
    if (this.stopped) return;
    const max = this.o.concurrency ?? 1;
    for (const key of [...this.queue]) {
      if (this.inflight.size >= max) break;
      if (this.inflight.has(key)) continue; // queued again while running: after this pass
      this.queue.delete(key);
      this.inflight.add(key);
      void this.run(key).finally(() => {
        this.inflight.delete(key);
        if (this.queue.size && !this.scheduled) {
          this.scheduled = true;
          setImmediate(() => this.drain());
        }
      });
    }
  }

  private async run(key: string): Promise<void> {
    try {
      const r = await this.o.reconcile(key);
      this.failures.delete(key);
      if (r && r.requeueAfter >= 0) this.addAfter(key, r.requeueAfter);
    } catch (e) {
      const n = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, n);
      if (!isConflict(e) && !isNotFound(e)) this.ctx.log(`${this.o.name}: ${key}: ${(e as Error).stack ?? e}`);
      // conflicts are routine (a newer version is on its way): retry soon; others back off
      const wait = isConflict(e) ? 20 : Math.min(5 + 2 ** n * 5, 30_000);
      const t = setTimeout(() => this.add(key), wait);
      t.unref();
    }
  }
}

export type { StoredObject, StoreEvent };
