// What kube-controller-manager adds to every namespace: the `default` ServiceAccount (service
// account controller) and the `kube-root-ca.crt` ConfigMap (root CA publisher), recreated if deleted.
import { randomUUID } from 'node:crypto';
import type { ApiServer } from '../api/server.ts';
import type { KObject } from '../kinds/types.ts';
import { ResourceRegistry } from '../api/registry.ts';
import { nowRFC3339 } from '../api/rest.ts';

/** The `default` ServiceAccount and `kube-root-ca.crt` ConfigMap of a namespace (without server-set metadata). */
export function namespaceDefaults(ns: string, caPem: string): KObject[] {
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } },
    {
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: { name: 'kube-root-ca.crt', namespace: ns, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } },
      data: { 'ca.crt': caPem },
    },
  ];
}

export function startNamespaceDefaultsController(api: ApiServer, caPem: string, log: (l: string) => void): () => void {
  const store = api.o.store;
  const ensure = async (ns: string): Promise<void> => {
    const nsObj = store.get(`/registry/namespaces/${ns}`)?.obj;
    if (!nsObj || nsObj.metadata?.deletionTimestamp) return;
    const creationTimestamp = nowRFC3339(new Date());
    const wanted = namespaceDefaults(ns, caPem).map((obj) => ({
      key: ResourceRegistry.key(api.registry.byKind(obj.apiVersion!, obj.kind!)!, ns, obj.metadata!.name),
      obj: { ...obj, metadata: { ...obj.metadata, uid: randomUUID(), creationTimestamp } },
    }));
    for (const w of wanted) {
      if (store.get(w.key)) continue;
      await store.create(w.key, w.obj).catch((e) => log(`namespace defaults: ${w.key}: ${(e as Error).message}`));
    }
  };
  for (const s of store.list('/registry/namespaces/')) void ensure(s.obj.metadata!.name);
  return store.subscribe((ev) => {
    if (ev.key.startsWith('/registry/namespaces/') && ev.type === 'ADDED') void ensure(ev.obj.metadata!.name);
    const m = /^\/registry\/(serviceaccounts\/[^/]+\/default|configmaps\/[^/]+\/kube-root-ca\.crt)$/.exec(ev.key);
    if (m && ev.type === 'DELETED') setTimeout(() => void ensure(ev.obj.metadata!.namespace), 50).unref();
  });
}
