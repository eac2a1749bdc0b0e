// The pvc-protection and pv-protection controllers: a claim marked for deletion keeps its
// `kubernetes.io/pvc-protection` finalizer (and shows Terminating) while a pod still uses it; a
// volume keeps `kubernetes.io/pv-protection` while it is Bound. The finalizers are added by
// admission (StorageObjectInUseProtection) when the objects are created.
import type { KObject } from '../kinds/types.ts';
import { ResourceRegistry } from '../api/registry.ts';
import { clone } from '../api/rest.ts';
import { Reconciler, isNotFound, type Ctx } from './framework.ts';

const PVC_FINALIZER = 'kubernetes.io/pvc-protection';
const PV_FINALIZER = 'kubernetes.io/pv-protection';

function usesClaim(pod: KObject, claim: string): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  return (pod.spec?.volumes ?? []).some((v: any) => v.persistentVolumeClaim?.claimName === claim);
}

export function startStorageProtection(ctx: Ctx): { stop(): void } {
  const pvcPrefix = ResourceRegistry.keyPrefix(ctx.client.kind('v1/persistentvolumeclaims'));
  const pvPrefix = ResourceRegistry.keyPrefix(ctx.client.kind('v1/persistentvolumes'));
  const podPrefix = ResourceRegistry.keyPrefix(ctx.client.kind('v1/pods'));
  const release = async (ref: string, obj: KObject, finalizer: string) => {
    const next = clone(obj);
    next.metadata!.finalizers = (next.metadata!.finalizers ?? []).filter((f: string) => f !== finalizer);
    await ctx.client.update(ref, next).catch((e) => { if (!isNotFound(e)) throw e; });
  };
  const r = new Reconciler(ctx, {
    name: 'storage-protection',
    watch: [pvcPrefix, pvPrefix, podPrefix],
    initial: () => [
      ...ctx.store.list(pvcPrefix).filter((s) => s.obj.metadata?.deletionTimestamp).map((s) => `claim:${s.obj.metadata!.namespace}/${s.obj.metadata!.name}`),
      ...ctx.store.list(pvPrefix).filter((s) => s.obj.metadata?.deletionTimestamp).map((s) => `volume:${s.obj.metadata!.name}`),
    ],
    keysFor: (ev) => {
      const m = ev.obj.metadata!;
      if (ev.key.startsWith(pvcPrefix)) return m.deletionTimestamp ? [`claim:${m.namespace}/${m.name}`] : [];
      if (ev.key.startsWith(pvPrefix)) return m.deletionTimestamp ? [`volume:${m.name}`] : [];
      // a pod that went away (or finished) may free its claims
      const pod = ev.prev ?? ev.obj;
      return (pod.spec?.volumes ?? []).filter((v: any) => v.persistentVolumeClaim).map((v: any) => `claim:${m.namespace}/${v.persistentVolumeClaim.claimName}`);
    },
    reconcile: async (key) => {
      if (key.startsWith('claim:')) {
        const k = key.slice(6);
        const i = k.indexOf('/');
        const [ns, name] = [k.slice(0, i), k.slice(i + 1)];
        const pvc = ctx.client.get('v1/persistentvolumeclaims', ns, name);
        if (!pvc?.metadata?.deletionTimestamp || !(pvc.metadata.finalizers ?? []).includes(PVC_FINALIZER)) return;
        if (ctx.client.list('v1/pods', ns, (p) => usesClaim(p, name)).length) return;
        await release('v1/persistentvolumeclaims', pvc, PVC_FINALIZER);
        return;
      }
      const pv = ctx.client.get('v1/persistentvolumes', undefined, key.slice(7));
      if (!pv?.metadata?.deletionTimestamp || !(pv.metadata.finalizers ?? []).includes(PV_FINALIZER)) return;
      if (pv.status?.phase === 'Bound') return;
      await release('v1/persistentvolumes', pv, PV_FINALIZER);
    },
  }).start();
  return { stop: () => r.stop() };
}
