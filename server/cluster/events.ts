// An event recorder as client-go's: core/v1 Events named <object>.<hex>, repeated events counted.
import { randomBytes, randomUUID } from 'node:crypto';
import type { KObject } from './kinds/types.ts';
import type { Store } from './api/store.ts';
import { nowRFC3339, clone } from './api/rest.ts';

export class EventRecorder {
  constructor(private store: Store, private component: string, private host?: string, private clock: () => Date = () => new Date()) {}

  async record(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string, now = this.clock()): Promise<void> {
    const m = obj.metadata ?? {};
    const ns = m.namespace ?? 'default';
    const t = nowRFC3339(now);
    // the same event again within the series: bump count and lastTimestamp
    for (const s of this.store.list(`/registry/events/${ns}/${m.name}.`)) {
      const e = s.obj;
      if (e.involvedObject?.uid === m.uid && e.reason === reason && e.message === message && e.source?.component === this.component) {
        const next = clone(e);
        next.count = (e.count ?? 1) + 1;
        next.lastTimestamp = t;
        await this.store.update(s.key, next, s.rev).catch(() => undefined);
        return;
      }
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
    await this.store.create(`/registry/events/${ns}/${name}`, ev).catch(() => undefined);
  }
}
