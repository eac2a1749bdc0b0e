// The namespace controller (kube-controller-manager's namespace lifecycle): a namespace marked for
// deletion is emptied of every namespaced object, then its `kubernetes` finalizer is removed and
// it goes away. Level-triggered: each pass reads the current state.
import type { KObject } from '../kinds/types.ts';
import type { ApiServer } from '../api/server.ts';
import { ResourceRegistry } from '../api/registry.ts';
import { clone } from '../api/rest.ts';

export function startNamespaceController(api: ApiServer, log: (l: string) => void): () => void {
  const store = api.o.store;
  const busy = new Set<string>();

  const reconcile = async (name: string): Promise<void> => {
    if (busy.has(name)) return;
    busy.add(name);
    try {
      const s = store.get(`/registry/namespaces/${name}`);
      if (!s?.obj.metadata?.deletionTimestamp) return;
      // delete every namespaced object (each kind's etcd prefix once: versions share storage)
      const prefixes = new Set(api.registry.all().filter((k) => k.namespaced).map((k) => ResourceRegistry.keyPrefix(k, name)));
      for (const prefix of prefixes) {
        for (const item of store.list(prefix)) await store.delete(item.key, item.rev).catch(() => undefined);
      }
      const cur = store.get(`/registry/namespaces/${name}`);
      if (!cur) return;
      const next: KObject = clone(cur.obj);
      next.spec = { ...(next.spec ?? {}) };
      next.spec.finalizers = (next.spec.finalizers ?? []).filter((f: string) => f !== 'kubernetes');
      if (next.spec.finalizers.length) return;
      if (next.metadata?.finalizers?.length) {
        delete next.spec.finalizers;
        await store.update(cur.key, next, cur.rev);
        return;
      }
      await store.delete(cur.key, cur.rev);
    } catch (e) {
      log(`namespace controller: ${name}: ${(e as Error).message}`);
      setTimeout(() => void reconcile(name), 500).unref();
    } finally {
      busy.delete(name);
    }
  };

  for (const s of store.list('/registry/namespaces/')) if (s.obj.metadata?.deletionTimestamp) void reconcile(s.obj.metadata.name);
  return store.subscribe((ev) => {
    if (ev.key.startsWith('/registry/namespaces/') && ev.type !== 'DELETED' && ev.obj.metadata?.deletionTimestamp) void reconcile(ev.obj.metadata.name);
  });
}
