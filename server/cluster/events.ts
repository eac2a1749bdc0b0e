// An event recorder as client-go's: core/v1 Events named <object>.<hex>, repeated events counted.
import { randomBytes, randomUUID } from 'node:crypto';
import type { KObject } from './kinds/types.ts';
import type { Store } from './api/store.ts';
import { nowRFC3339, clone } from './api/rest.ts';

/** Per store: the event key of each series (object, reason, message, source), so repeats are found at once. */
const series = new WeakMap<Store, Map<string, string>>();

export class EventRecorder {
  constructor(private store: Store, private component: string, private host?: string, private clock: () => Date = () => new Date()) {}

  async record(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string, now = this.clock()): Promise<void> {
    const m = obj.metadata ?? {};
    const ns = m.namespace ?? 'default';
    const t = nowRFC3339(now);
    let index = series.get(this.store);
    if (!index) series.set(this.store, (index = new Map()));
    const id = `${m.uid}|${reason}|${this.component}|${this.host ?? ''}|${message}`;
    // the same event again within the series: bump count and lastTimestamp
    const known = index.get(id);
    const s = known ? this.store.get(known) : undefined;
    if (known && !s) index.delete(id);
    if (s) {
      const next = clone(s.obj);
      next.count = (s.obj.count ?? 1) + 1;
      next.lastTimestamp = t;
      await this.store.update(s.key, next, s.rev).catch(() => undefined);
      return;
    }
    const name = `${m.name}.${randomBytes(8).toString('hex')}`;
    const ev: KObject = {
      apiVersion: 'v1', kind: 'Event',
      metadata: { name, namespace: ns, uid: randomUUID(), creationTimestamp: t },
      involvedObject: { kind: obj.kind, namespace: m.namespace, name: m.name, uid: m.uid, apiVersion: obj.apiVersion, resourceVersion: m.resourceVersion },
      reason, message, type, count: 1, firstTimestamp: t, lastTimestamp: t,
      source: { component: this.component, ...(this.host ? { host: this.host } : {}) },
      reportingComponent: this.component, reportingInstance: this.host ?? '',
    };
    const key = `/registry/events/${ns}/${name}`;
    index.set(id, key);
    await this.store.create(key, ev).catch(() => index.delete(id));
  }
}

/**
 * Events live for an hour (kube-apiserver's --event-ttl default): older ones are removed, checked
 * every few minutes of cluster time.
 */
export function startEventTtl(store: Store, now: () => number, every: (ms: number, fn: () => void) => { cancel(): void }, ttlMs = 3_600_000): () => void {
  const t = every(300_000, () => {
    const cutoff = now() - ttlMs;
    for (const s of store.list('/registry/events/')) {
      const last = Date.parse(s.obj.lastTimestamp ?? s.obj.eventTime ?? s.obj.metadata?.creationTimestamp ?? '');
      if (last && last < cutoff) void store.delete(s.key, s.rev).catch(() => undefined);
    }
  });
  return () => t.cancel();
}
