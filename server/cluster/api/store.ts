// The storage layer: objects as JSON in etcd under /registry/..., read through an in-memory cache
// that an etcd watch keeps current (as kube-apiserver's watch cache does). Writes go to etcd with
// optimistic concurrency on the key's mod revision; they return once the cache has seen them, so a
// client always reads its own writes. resourceVersion is the etcd revision.
import { EtcdClient, type KeyValue, type WatchEvent } from '../etcd-client.ts';
import type { KObject } from '../kinds/types.ts';

export interface StoredObject {
  key: string;
  obj: KObject;
  rev: number;
}

export interface StoreEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  key: string;
  obj: KObject;
  rev: number;
  /** The object before this change (for MODIFIED/DELETED), to evaluate selectors on both states. */
  prev?: KObject;
}

export type StoreListener = (ev: StoreEvent) => void;

export class StoreConflict extends Error {}
export class StoreAlreadyExists extends Error {}
export class StoreNotFound extends Error {}

/** How many events the cache keeps for watches that resume from an older resourceVersion. */
const HISTORY = 2000;

function decode(kv: KeyValue): KObject | undefined {
  try {
    const obj = JSON.parse(kv.value.toString());
    if (obj && typeof obj === 'object') {
      obj.metadata = obj.metadata ?? {};
      obj.metadata.resourceVersion = String(kv.modRevision);
      return obj;
    }
  } catch {
    // a value that is not JSON (written by hand with etcdctl) is not an object of ours
  }
  return undefined;
}

function encode(obj: KObject): string {
  const copy = { ...obj, metadata: { ...obj.metadata } };
  delete copy.metadata.resourceVersion;
  return JSON.stringify(copy);
}

export class Store {
  private items = new Map<string, StoredObject>();
  /** The same objects grouped by resource (`/registry/<resource>/`), so a list scans one resource. */
  private buckets = new Map<string, Map<string, StoredObject>>();
  /** Each bucket's keys in etcd's order, made when first listed after a key came or went. */
  private sortedKeys = new Map<string, string[]>();
  private history: StoreEvent[] = [];
  private listeners = new Set<StoreListener>();
  private waiters: { rev: number; resolve: () => void }[] = [];
  private cancelWatch?: () => void;
  private stopped = false;
  /** The newest etcd revision the cache reflects. */
  revision = 0;
  /** The oldest revision a watch can resume from. */
  oldest = 0;

  constructor(readonly etcd: EtcdClient, readonly prefix = '/registry/') {}

  async start(): Promise<void> {
    const r = await this.etcd.range(this.prefix, { prefix: true });
    this.items.clear();
    this.buckets.clear();
    this.sortedKeys.clear();
    for (const kv of r.kvs) {
      const obj = decode(kv);
      if (obj) this.put({ key: kv.key, obj, rev: kv.modRevision });
    }
    this.revision = r.revision;
    this.oldest = r.revision;
    this.history = [];
    this.watchFrom(r.revision + 1);
  }

  private watchFrom(rev: number): void {
    this.cancelWatch = this.etcd.watch(this.prefix, rev, (evs, headerRev) => this.apply(evs, headerRev), (err) => {
      if (this.stopped) return;
      // The stream broke (etcd restarted, or history was compacted): relist and resume. A relist
      // is retried until etcd answers (resuming the old watch instead could wait forever on an
      // etcd restored to an older revision).
      const relist = (delay: number) => setTimeout(() => {
        if (this.stopped) return;
        this.resync().catch(() => relist(200));
      }, delay);
      relist((err as any).code === 410 ? 0 : 200);
    });
  }

  /** Relists everything and turns the difference into events, as a reflector does after a gap. */
  private async resync(): Promise<void> {
    this.cancelWatch?.();
    const r = await this.etcd.range(this.prefix, { prefix: true });
    const seen = new Set<string>();
    for (const kv of r.kvs) {
      seen.add(kv.key);
      const cur = this.items.get(kv.key);
      if (!cur || cur.rev !== kv.modRevision) {
        const obj = decode(kv);
        if (!obj) continue;
        this.put({ key: kv.key, obj, rev: kv.modRevision });
        this.emit({ type: cur ? 'MODIFIED' : 'ADDED', key: kv.key, obj, rev: kv.modRevision, prev: cur?.obj });
      }
    }
    for (const [key, cur] of [...this.items]) {
      if (!seen.has(key)) {
        this.drop(key);
        this.emit({ type: 'DELETED', key, obj: cur.obj, rev: r.revision, prev: cur.obj });
      }
    }
    // a restored etcd may be at an older revision than the cache: follow it back
    if (r.revision < this.revision) {
      this.revision = r.revision;
      this.oldest = Math.min(this.oldest, r.revision);
    }
    this.setRevision(r.revision);
    this.watchFrom(r.revision + 1);
  }

  private apply(evs: WatchEvent[], headerRev: number): void {
    for (const e of evs) {
      const cur = this.items.get(e.kv.key);
      if (e.type === 'DELETE') {
        if (!cur) continue;
        this.drop(e.kv.key);
        const obj = { ...cur.obj, metadata: { ...cur.obj.metadata, resourceVersion: String(e.kv.modRevision) } };
        this.emit({ type: 'DELETED', key: e.kv.key, obj, rev: e.kv.modRevision, prev: cur.obj });
      } else {
        const obj = decode(e.kv);
        if (!obj) continue;
        this.put({ key: e.kv.key, obj, rev: e.kv.modRevision });
        this.emit({ type: cur ? 'MODIFIED' : 'ADDED', key: e.kv.key, obj, rev: e.kv.modRevision, prev: cur?.obj });
      }
      this.setRevision(e.kv.modRevision);
    }
    if (headerRev) this.setRevision(headerRev);
  }

  private emit(ev: StoreEvent): void {
    this.history.push(ev);
    if (this.history.length > HISTORY) {
      this.history.splice(0, this.history.length - HISTORY);
      this.oldest = this.history[0].rev - 1;
    }
    for (const l of this.listeners) {
      try {
        l(ev);
      } catch {
        // a listener's failure must not stop the others
      }
    }
  }

  private setRevision(rev: number): void {
    if (rev <= this.revision) return;
    this.revision = rev;
    const ready = this.waiters.filter((w) => w.rev <= rev);
    this.waiters = this.waiters.filter((w) => w.rev > rev);
    for (const w of ready) w.resolve();
  }

  /** Resolves once the cache reflects etcd revision `rev`. */
  waitFor(rev: number, timeoutMs = 5000): Promise<void> {
    if (this.revision >= rev) return Promise.resolve();
    return new Promise((resolve) => {
      const w = { rev, resolve };
      this.waiters.push(w);
      setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        resolve();
      }, timeoutMs).unref();
    });
  }

  stop(): void {
    this.stopped = true;
    this.cancelWatch?.();
    this.etcd.close();
  }

  private static bucketOf(key: string): string {
    const i = key.indexOf('/', 10); // after '/registry/'
    return i < 0 ? key : key.slice(0, i + 1);
  }

  private put(s: StoredObject): void {
    this.items.set(s.key, s);
    const b = Store.bucketOf(s.key);
    let m = this.buckets.get(b);
    if (!m) this.buckets.set(b, (m = new Map()));
    if (!m.has(s.key)) this.sortedKeys.delete(b);
    m.set(s.key, s);
  }

  private drop(key: string): void {
    this.items.delete(key);
    const b = Store.bucketOf(key);
    if (this.buckets.get(b)?.delete(key)) this.sortedKeys.delete(b);
  }

  get(key: string): StoredObject | undefined {
    return this.items.get(key);
  }

  /** Objects whose key starts with the prefix, sorted by key (etcd's order). */
  list(prefix: string): StoredObject[] {
    const out: StoredObject[] = [];
    const b = Store.bucketOf(prefix);
    if (prefix.length >= b.length && b.endsWith('/') && b !== this.prefix) {
      const m = this.buckets.get(b);
      if (!m) return out;
      let keys = this.sortedKeys.get(b);
      if (!keys) {
        keys = [...m.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
        this.sortedKeys.set(b, keys);
      }
      if (prefix === b) {
        for (const k of keys) out.push(m.get(k)!);
      } else {
        // the keys under a longer prefix (one namespace) are a run of the sorted keys
        let lo = 0;
        let hi = keys.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (keys[mid] < prefix) lo = mid + 1;
          else hi = mid;
        }
        for (let i = lo; i < keys.length && keys[i].startsWith(prefix); i++) out.push(m.get(keys[i])!);
      }
      return out;
    }
    for (const [k, v] of this.items) if (k.startsWith(prefix)) out.push(v);
    out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return out;
  }

  async create(key: string, obj: KObject): Promise<KObject> {
    const r = await this.etcd.putIf(key, encode(obj), 0);
    if (!r.ok) throw new StoreAlreadyExists(key);
    await this.waitFor(r.revision);
    return this.items.get(key)?.obj ?? { ...obj, metadata: { ...obj.metadata, resourceVersion: String(r.revision) } };
  }

  /** Writes many new objects at once (cluster bootstrap); existing keys are overwritten. */
  async createMany(entries: { key: string; obj: KObject }[]): Promise<void> {
    const rev = await this.etcd.putMany(entries.map((e) => [e.key, encode(e.obj)]));
    await this.waitFor(rev);
  }

  /** Replaces the object if its stored revision is still `expectRev`. */
  async update(key: string, obj: KObject, expectRev: number): Promise<KObject> {
    const r = await this.etcd.putIf(key, encode(obj), expectRev);
    if (!r.ok) {
      if (!r.current) throw new StoreNotFound(key);
      throw new StoreConflict(key);
    }
    await this.waitFor(r.revision);
    return this.items.get(key)?.obj ?? { ...obj, metadata: { ...obj.metadata, resourceVersion: String(r.revision) } };
  }

  async delete(key: string, expectRev: number): Promise<void> {
    const r = await this.etcd.deleteIf(key, expectRev);
    if (!r.ok) {
      if (!this.items.has(key)) throw new StoreNotFound(key);
      throw new StoreConflict(key);
    }
    await this.waitFor(r.revision);
  }

  subscribe(l: StoreListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Events after `rev`, or undefined when `rev` is older than the kept history (410 Expired). */
  since(rev: number): StoreEvent[] | undefined {
    if (rev < this.oldest) return undefined;
    return this.history.filter((e) => e.rev > rev);
  }
}
