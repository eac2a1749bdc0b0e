// The garbage collector, after kube-controller-manager's: a graph of every object's
// ownerReferences over all resources (any kind the registry serves, CRDs included). Dependents whose
// owners are gone are deleted (Background); an owner deleted in the Foreground keeps its
// deletionTimestamp and `foregroundDeletion` finalizer until its blocking dependents are gone; an
// owner deleted with `orphan` has its dependents' references to it removed, then the finalizer.
import type { KObject, KindDef } from '../kinds/types.ts';
import { Reconciler, isNotFound, isConflict, type Ctx } from './framework.ts';
import type { StoreEvent } from '../api/store.ts';
import { ResourceRegistry } from '../api/registry.ts';
import { clone } from '../api/rest.ts';
import type { OwnerRef } from './workload-util.ts';

const FOREGROUND = 'foregroundDeletion';
const ORPHAN = 'orphan';

interface Node {
  uid: string;
  key: string;
  obj: KObject;
}

export function startGarbageCollector(ctx: Ctx): { stop(): void } {
  const registry = ctx.api.registry;
  /** uid → the object as last seen. */
  const nodes = new Map<string, Node>();
  /** owner uid → dependent uids. */
  const dependents = new Map<string, Set<string>>();

  let kindsGen = -1;
  let byPrefix = new Map<string, KindDef>();
  let byGvk = new Map<string, KindDef>();
  const refreshKinds = () => {
    if (kindsGen === registry.generation) return;
    kindsGen = registry.generation;
    byPrefix = new Map();
    byGvk = new Map();
    const preferred = registry.groups();
    for (const k of registry.all()) {
      const p = ResourceRegistry.keyPrefix(k);
      const cur = byPrefix.get(p);
      const rank = (x: KindDef) => (preferred.get(x.group) ?? []).indexOf(x.version);
      if (!cur || rank(k) < rank(cur)) byPrefix.set(p, k);
      byGvk.set(`${k.group ? `${k.group}/` : ''}${k.version}/${k.kind}`, k);
    }
  };
  /** The kind an etcd key belongs to. */
  const kindOfKey = (key: string): KindDef | undefined => {
    refreshKinds();
    const i = key.indexOf('/', 10);
    return i < 0 ? undefined : byPrefix.get(key.slice(0, i + 1));
  };
  const kindOfRef = (ref: OwnerRef): KindDef | undefined => {
    refreshKinds();
    const hit = byGvk.get(`${ref.apiVersion}/${ref.kind}`);
    if (hit) return hit;
    // another version of the same group and kind
    const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
    return registry.all().find((k) => k.group === group && k.kind === ref.kind);
  };
  const refOf = (k: KindDef) => (k.group ? `${k.group}/${k.version}/${k.plural}` : `${k.version}/${k.plural}`);

  const link = (uid: string, obj: KObject) => {
    for (const r of obj.metadata?.ownerReferences ?? []) {
      let s = dependents.get(r.uid);
      if (!s) dependents.set(r.uid, (s = new Set()));
      s.add(uid);
    }
  };
  const unlink = (uid: string, obj: KObject | undefined) => {
    for (const r of obj?.metadata?.ownerReferences ?? []) {
      const s = dependents.get(r.uid);
      s?.delete(uid);
      if (s && !s.size) dependents.delete(r.uid);
    }
  };

  const observe = (ev: StoreEvent) => {
    const uid = ev.obj.metadata?.uid;
    if (!uid) return;
    const prev = nodes.get(uid);
    unlink(uid, prev?.obj);
    if (ev.type === 'DELETED') {
      nodes.delete(uid);
      return;
    }
    nodes.set(uid, { uid, key: ev.key, obj: ev.obj });
    link(uid, ev.obj);
  };
  for (const s of ctx.store.list('/registry/')) observe({ type: 'ADDED', key: s.key, obj: s.obj, rev: s.rev });
  const unsubscribe = ctx.store.subscribe(observe);

  /** The owner an ownerReference names, if it exists with that uid. */
  const ownerOf = (dep: Node, ref: OwnerRef): { state: 'solid' | 'dangling' | 'waiting' | 'unknown'; obj?: KObject } => {
    const k = kindOfRef(ref);
    if (!k) return { state: 'unknown' };
    const depNs = dep.obj.metadata?.namespace;
    if (k.namespaced && !depNs) return { state: 'dangling' };
    const s = ctx.store.get(ResourceRegistry.key(k, k.namespaced ? depNs : undefined, ref.name));
    if (!s || s.obj.metadata?.uid !== ref.uid) return { state: 'dangling' };
    if (s.obj.metadata?.deletionTimestamp && (s.obj.metadata?.finalizers ?? []).includes(FOREGROUND)) return { state: 'waiting', obj: s.obj };
    return { state: 'solid', obj: s.obj };
  };

  const deleteNode = async (n: Node, policy: 'Background' | 'Foreground' | 'Orphan') => {
    const k = kindOfKey(n.key);
    if (!k) return;
    try {
      await ctx.client.delete(refOf(k), n.obj.metadata?.namespace, n.obj.metadata!.name, { propagationPolicy: policy, preconditions: { uid: n.uid } });
    } catch (e) {
      if (!isNotFound(e) && !isConflict(e)) throw e;
    }
  };

  /** Writes the object with a change to its metadata (fresh copy, optimistic lock). */
  const updateMeta = async (n: Node, change: (m: any) => void) => {
    const k = kindOfKey(n.key);
    if (!k) return;
    const cur = ctx.store.get(n.key);
    if (!cur || cur.obj.metadata?.uid !== n.uid) return;
    const next = clone(cur.obj);
    change(next.metadata);
    try {
      await ctx.client.update(refOf(k), next);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  };

  /** upstream's attemptToDeleteItem for an object with owners. */
  const attemptToDelete = async (n: Node) => {
    const m = n.obj.metadata!;
    if (m.deletionTimestamp && !(m.finalizers ?? []).includes(FOREGROUND)) return;
    if (m.deletionTimestamp) return processDeletingDependents(n);
    const refs: OwnerRef[] = m.ownerReferences ?? [];
    if (!refs.length) return;
    const solid: OwnerRef[] = [];
    const dangling: OwnerRef[] = [];
    const waiting: OwnerRef[] = [];
    for (const r of refs) {
      const o = ownerOf(n, r);
      if (o.state === 'unknown') return; // a kind we cannot resolve: leave it alone
      (o.state === 'solid' ? solid : o.state === 'dangling' ? dangling : waiting).push(r);
    }
    if (solid.length) {
      if (!dangling.length && !waiting.length) return;
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      await updateMeta(n, (md) => {
        md.ownerReferences = (md.ownerReferences ?? []).filter((r: OwnerRef) => !drop.has(r.uid));
        if (!md.ownerReferences.length) delete md.ownerReferences;
      });
      return;
    }
    if (waiting.length && dependents.get(n.uid)?.size) {
      // this object blocks its owner's foreground deletion: unblock it, then go in the foreground too
      const w = new Set(waiting.map((r) => r.uid));
      if (refs.some((r) => w.has(r.uid) && r.blockOwnerDeletion)) {
        await updateMeta(n, (md) => {
          md.ownerReferences = (md.ownerReferences ?? []).map((r: OwnerRef) => (w.has(r.uid) ? { ...r, blockOwnerDeletion: false } : r));
        });
      }
      return deleteNode(n, 'Foreground');
    }
    const fin: string[] = m.finalizers ?? [];
    const policy = fin.includes(ORPHAN) ? 'Orphan' : fin.includes(FOREGROUND) ? 'Foreground' : 'Background';
    return deleteNode(n, policy);
  };

  /** An owner in foreground deletion: delete its dependents, drop the finalizer once none blocks. */
  const processDeletingDependents = async (owner: Node) => {
    const deps = [...(dependents.get(owner.uid) ?? [])].map((u) => nodes.get(u)).filter((x): x is Node => !!x);
    const blocking = deps.filter((d) => (d.obj.metadata?.ownerReferences ?? []).some((r: OwnerRef) => r.uid === owner.uid && r.blockOwnerDeletion));
    if (!blocking.length) {
      await updateMeta(owner, (md) => {
        md.finalizers = (md.finalizers ?? []).filter((f: string) => f !== FOREGROUND);
        if (!md.finalizers.length) delete md.finalizers;
      });
      return;
    }
    for (const d of deps) if (!d.obj.metadata?.deletionTimestamp) rec.add(d.uid);
  };

  /** An owner deleted with `orphan`: its dependents lose their references to it, then the finalizer goes. */
  const orphanDependents = async (owner: Node) => {
    for (const u of [...(dependents.get(owner.uid) ?? [])]) {
      const d = nodes.get(u);
      if (!d) continue;
      await updateMeta(d, (md) => {
        md.ownerReferences = (md.ownerReferences ?? []).filter((r: OwnerRef) => r.uid !== owner.uid);
        if (!md.ownerReferences.length) delete md.ownerReferences;
      });
    }
    await updateMeta(owner, (md) => {
      md.finalizers = (md.finalizers ?? []).filter((f: string) => f !== ORPHAN);
      if (!md.finalizers.length) delete md.finalizers;
    });
  };

  const reconcile = async (uid: string) => {
    const n = nodes.get(uid);
    if (!n) return;
    const m = n.obj.metadata ?? {};
    const fin: string[] = m.finalizers ?? [];
    if (m.deletionTimestamp && fin.includes(ORPHAN)) return orphanDependents(n);
    if (m.deletionTimestamp && fin.includes(FOREGROUND)) {
      await processDeletingDependents(n);
      // an object being deleted in the foreground may itself be the dependent of a gone owner: fine, it goes anyway
      return;
    }
    if ((m.ownerReferences ?? []).length) return attemptToDelete(n);
  };

  const rec = new Reconciler(ctx, {
    name: 'garbage-collector',
    watch: ['/registry/'],
    initial: () => [...nodes.values()].filter((n) => (n.obj.metadata?.ownerReferences ?? []).length || n.obj.metadata?.deletionTimestamp).map((n) => n.uid),
    keysFor: (ev) => {
      const uid = ev.obj.metadata?.uid;
      if (!uid) return [];
      const keys: string[] = [];
      const m = ev.obj.metadata ?? {};
      if (ev.type === 'DELETED') {
        // its dependents may now be orphans; its owners may be waiting for it
        for (const d of dependents.get(uid) ?? []) keys.push(d);
        for (const r of m.ownerReferences ?? []) keys.push(r.uid);
        return keys;
      }
      if ((m.ownerReferences ?? []).length) {
        const prevRefs = JSON.stringify(ev.prev?.metadata?.ownerReferences ?? []);
        if (ev.type === 'ADDED' || prevRefs !== JSON.stringify(m.ownerReferences)) keys.push(uid);
        // dropping a blocking reference can unblock an owner
        for (const r of ev.prev?.metadata?.ownerReferences ?? []) keys.push(r.uid);
      }
      if (m.deletionTimestamp && ((m.finalizers ?? []).includes(FOREGROUND) || (m.finalizers ?? []).includes(ORPHAN))) {
        keys.push(uid);
        if (!ev.prev?.metadata?.deletionTimestamp) for (const d of dependents.get(uid) ?? []) keys.push(d);
      }
      return keys;
    },
    reconcile,
    resyncMs: 60_000,
  });
  rec.start();
  return { stop: () => { unsubscribe(); rec.stop(); } };
}
