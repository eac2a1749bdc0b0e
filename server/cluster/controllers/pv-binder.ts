// The persistentvolume-binder controller (upstream's PV controller): binds claims to volumes
// (statically by class, size, access modes, volume mode, selector and pre-binding), hands claims of
// a class with a provisioner to that provisioner, waits for the first consumer with
// WaitForFirstConsumer classes, and reclaims released volumes (Retain, Delete, Recycle).
// Events and annotations are upstream's, reported as `persistentvolume-controller`.
import type { KObject } from '../kinds/types.ts';
import { ResourceRegistry } from '../api/registry.ts';
import { clone, nowRFC3339 } from '../api/rest.ts';
import { labelSelectorFromObject, matchesLabels } from '../api/selectors.ts';
import { parseQuantity } from '../kinds/core.ts';
import { Reconciler, isNotFound, type Ctx } from './framework.ts';
import { matchesNodeSelector } from '../node-selection.ts';

export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
const ANN_BETA_CLASS = 'volume.beta.kubernetes.io/storage-class';

const PVC = 'v1/persistentvolumeclaims';
const PV = 'v1/persistentvolumes';

export function claimClass(pvc: KObject): string {
  return pvc.metadata?.annotations?.[ANN_BETA_CLASS] ?? pvc.spec?.storageClassName ?? '';
}
export function volumeClass(pv: KObject): string {
  return pv.metadata?.annotations?.[ANN_BETA_CLASS] ?? pv.spec?.storageClassName ?? '';
}

/** Why a volume cannot serve a claim, or undefined when it can (upstream's checkVolumeSatisfyClaim). */
export function volumeMismatch(pv: KObject, pvc: KObject): string | undefined {
  const want = parseQuantity(pvc.spec?.resources?.requests?.storage ?? 0);
  const have = parseQuantity(pv.spec?.capacity?.storage ?? 0);
  if (have < want) return 'requested PV is too small';
  if (volumeClass(pv) !== claimClass(pvc)) return 'storageClassName does not match';
  if ((pv.spec?.volumeMode ?? 'Filesystem') !== (pvc.spec?.volumeMode ?? 'Filesystem')) return 'incompatible volumeMode';
  const modes: string[] = pv.spec?.accessModes ?? [];
  if (!(pvc.spec?.accessModes ?? []).every((m: string) => modes.includes(m))) return 'incompatible accessMode';
  return undefined;
}

/** Whether a volume's node affinity admits a node (no affinity: every node). */
export function volumeFitsNode(pv: KObject, node: KObject | undefined): boolean {
  if (!(pv.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? []).length) return true;
  return !!node && matchesNodeSelector(pv.spec.nodeAffinity.required, node);
}

export function startPersistentVolumeBinder(ctx: Ctx): { stop(): void } {
  const recorder = ctx.recorder('persistentvolume-controller');
  // a claim's sync repeats the same event at most every resync period, as upstream's 15 s resync does
  const lastEvent = new Map<string, number>();
  const rec = {
    record: async (obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string): Promise<void> => {
      const key = `${obj.metadata!.uid}/${reason}/${message}`;
      const t = ctx.clock.ms();
      if (t - (lastEvent.get(key) ?? -Infinity) < 14_000) return;
      lastEvent.set(key, t);
      if (lastEvent.size > 5000) lastEvent.clear();
      await recorder.record(obj, type, reason, message);
    },
  };
  const pvcPrefix = ResourceRegistry.keyPrefix(ctx.client.kind(PVC));
  const pvPrefix = ResourceRegistry.keyPrefix(ctx.client.kind(PV));
  const podPrefix = ResourceRegistry.keyPrefix(ctx.client.kind('v1/pods'));
  const scPrefix = ResourceRegistry.keyPrefix(ctx.client.kind('storage.k8s.io/v1/storageclasses'));
  const now = () => nowRFC3339(ctx.clock.now());
  const storageClass = (name: string) => (name ? ctx.client.get('storage.k8s.io/v1/storageclasses', undefined, name) : undefined);

  // ----- helpers that write -------------------------------------------------------------------

  const setVolumePhase = async (pv: KObject, phase: string, message?: string): Promise<KObject> => {
    if (pv.status?.phase === phase && (pv.status?.message ?? undefined) === message) return pv;
    const next = clone(pv);
    next.status = { phase, ...(message ? { message } : {}), lastPhaseTransitionTime: pv.status?.phase === phase ? pv.status?.lastPhaseTransitionTime ?? now() : now() };
    return ctx.client.updateStatus(PV, next);
  };

  const setClaimStatus = async (pvc: KObject, phase: string, pv?: KObject): Promise<void> => {
    const status: any = { ...(pvc.status ?? {}), phase };
    if (pv) {
      status.accessModes = pv.spec?.accessModes;
      status.capacity = { ...(pv.spec?.capacity ?? {}) };
    } else if (phase !== 'Lost') {
      delete status.accessModes;
      delete status.capacity;
    }
    if (JSON.stringify(status) === JSON.stringify(pvc.status ?? {})) return;
    const next = clone(pvc);
    next.status = status;
    await ctx.client.updateStatus(PVC, next);
  };

  /** Binds volume and claim: claimRef on the volume, volumeName and annotations on the claim. */
  const bind = async (pv: KObject, pvc: KObject): Promise<void> => {
    const ref = pv.spec?.claimRef;
    const refOk = ref && ref.name === pvc.metadata!.name && ref.namespace === pvc.metadata!.namespace && ref.uid === pvc.metadata!.uid;
    if (!refOk) {
      const next = clone(pv);
      next.spec.claimRef = { kind: 'PersistentVolumeClaim', namespace: pvc.metadata!.namespace, name: pvc.metadata!.name, uid: pvc.metadata!.uid, apiVersion: 'v1', resourceVersion: pvc.metadata!.resourceVersion };
      if (!ref) next.metadata!.annotations = { ...(next.metadata!.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: 'yes' };
      pv = await ctx.client.update(PV, next);
    }
    pv = await setVolumePhase(pv, 'Bound');
    const ann = pvc.metadata?.annotations ?? {};
    if (pvc.spec?.volumeName !== pv.metadata!.name || ann[ANN_BIND_COMPLETED] !== 'yes') {
      const next = clone(pvc);
      const a: Record<string, string> = { ...(next.metadata!.annotations ?? {}), [ANN_BIND_COMPLETED]: 'yes' };
      if (!pvc.spec?.volumeName) a[ANN_BOUND_BY_CONTROLLER] = 'yes';
      next.metadata!.annotations = a;
      next.spec.volumeName = pv.metadata!.name;
      pvc = await ctx.client.update(PVC, next);
    }
    await setClaimStatus(pvc, 'Bound', pv);
  };

  /** The smallest available volume that fits the claim (one pre-bound to it first). */
  const findVolume = (pvc: KObject, node?: KObject): KObject | undefined => {
    const sel = pvc.spec?.selector ? labelSelectorFromObject(pvc.spec.selector) : undefined;
    const fits = ctx.client.list(PV, undefined, (pv) => {
      if (pv.metadata?.deletionTimestamp) return false;
      const ref = pv.spec?.claimRef;
      if (ref && !(ref.namespace === pvc.metadata!.namespace && ref.name === pvc.metadata!.name && (!ref.uid || ref.uid === pvc.metadata!.uid))) return false;
      if (!ref && pv.status?.phase !== 'Available' && pv.status?.phase !== 'Pending') return false;
      if (volumeMismatch(pv, pvc)) return false;
      if (sel && !matchesLabels(sel, pv.metadata?.labels ?? {})) return false;
      if (node && !volumeFitsNode(pv, node)) return false;
      return true;
    });
    const prebound = fits.find((pv) => pv.spec?.claimRef);
    if (prebound) return prebound;
    return fits.sort((a, b) => parseQuantity(a.spec.capacity.storage) - parseQuantity(b.spec.capacity.storage))[0];
  };

  /** The node a WaitForFirstConsumer claim is for: selected-node, or the node of a scheduled pod using it. */
  const consumerNode = (pvc: KObject): string | undefined => {
    const sel = pvc.metadata?.annotations?.[ANN_SELECTED_NODE];
    if (sel) return sel;
    const pod = ctx.client.list('v1/pods', pvc.metadata!.namespace, (p) => !!p.spec?.nodeName && !p.metadata?.deletionTimestamp
      && (p.spec?.volumes ?? []).some((v: any) => v.persistentVolumeClaim?.claimName === pvc.metadata!.name))[0];
    return pod?.spec?.nodeName;
  };

  // ----- claims -------------------------------------------------------------------------------

  const syncClaim = async (ns: string, name: string): Promise<{ requeueAfter: number } | void> => {
    let pvc = ctx.client.get(PVC, ns, name);
    if (!pvc || pvc.metadata?.deletionTimestamp) return;
    const ann = pvc.metadata?.annotations ?? {};
    if (ann[ANN_BIND_COMPLETED] === 'yes' && pvc.spec?.volumeName) {
      const pv = ctx.client.get(PV, undefined, pvc.spec.volumeName);
      const ref = pv?.spec?.claimRef;
      if (!pv || (ref && ref.uid && ref.uid !== pvc.metadata!.uid)) {
        if (pvc.status?.phase !== 'Lost') {
          await setClaimStatus(pvc, 'Lost');
          void rec.record(pvc, 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
        }
        return;
      }
      if (!ref) return bind(pv, pvc);
      return setClaimStatus(pvc, 'Bound', pv);
    }
    if (pvc.spec?.volumeName) {
      // pre-bound by the user to a named volume
      const pv = ctx.client.get(PV, undefined, pvc.spec.volumeName);
      if (!pv) return setClaimStatus(pvc, 'Pending');
      const ref = pv.spec?.claimRef;
      if (ref && !(ref.namespace === ns && ref.name === name && (!ref.uid || ref.uid === pvc.metadata!.uid))) {
        await setClaimStatus(pvc, 'Pending');
        void rec.record(pvc, 'Warning', 'FailedBinding', `volume "${pv.metadata!.name}" already bound to a different claim.`);
        return;
      }
      const why = volumeMismatch(pv, pvc);
      if (why) {
        await setClaimStatus(pvc, 'Pending');
        void rec.record(pvc, 'Warning', 'FailedBinding', `Cannot bind to requested volume "${pv.metadata!.name}": ${why}`);
        return;
      }
      return bind(pv, pvc);
    }
    const className = claimClass(pvc);
    const sc = storageClass(className);
    const delayed = sc?.volumeBindingMode === 'WaitForFirstConsumer';
    let node: KObject | undefined;
    if (delayed) {
      const nodeName = consumerNode(pvc);
      if (!nodeName) {
        await setClaimStatus(pvc, 'Pending');
        void rec.record(pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
        return { requeueAfter: 15_000 };
      }
      node = ctx.client.get('v1/nodes', undefined, nodeName);
      if (!ann[ANN_SELECTED_NODE]) {
        const next = clone(pvc);
        next.metadata!.annotations = { ...(next.metadata!.annotations ?? {}), [ANN_SELECTED_NODE]: nodeName };
        pvc = await ctx.client.update(PVC, next);
      }
    }
    const pv = findVolume(pvc, node);
    if (pv) return bind(pv, pvc);
    await setClaimStatus(pvc, 'Pending');
    if (!className) {
      void rec.record(pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
      return { requeueAfter: 15_000 };
    }
    if (!sc) {
      void rec.record(pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);
      return { requeueAfter: 15_000 };
    }
    // hand the claim to its (external) provisioner; kubernetes.io/no-provisioner is treated alike
    const cur = pvc.metadata?.annotations ?? {};
    if (cur[ANN_STORAGE_PROVISIONER] !== sc.provisioner || cur[ANN_BETA_STORAGE_PROVISIONER] !== sc.provisioner) {
      const next = clone(pvc);
      next.metadata!.annotations = { ...cur, [ANN_BETA_STORAGE_PROVISIONER]: sc.provisioner, [ANN_STORAGE_PROVISIONER]: sc.provisioner };
      await ctx.client.update(PVC, next);
    }
    void rec.record(pvc, 'Normal', 'ExternalProvisioning', `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`);
    return { requeueAfter: 15_000 };
  };

  // ----- volumes ------------------------------------------------------------------------------

  const syncVolume = async (name: string): Promise<void> => {
    let pv = ctx.client.get(PV, undefined, name);
    if (!pv || pv.metadata?.deletionTimestamp) return;
    const ref = pv.spec?.claimRef;
    if (!ref) {
      await setVolumePhase(pv, 'Available');
      return;
    }
    const pvc = ctx.client.get(PVC, ref.namespace, ref.name);
    if (!ref.uid) {
      // pre-bound by the administrator through claimRef: wait for (or bind) that claim
      if (pvc && !pvc.spec?.volumeName && !volumeMismatch(pv, pvc)) return bind(pv, pvc);
      await setVolumePhase(pv, 'Available');
      return;
    }
    if (pvc && pvc.metadata!.uid === ref.uid) {
      if (!pvc.spec?.volumeName) {
        // the claim has not caught up yet (or a provisioner just created this volume for it)
        if (!volumeMismatch(pv, pvc)) return bind(pv, pvc);
        return;
      }
      if (pvc.spec.volumeName === pv.metadata!.name) {
        if (pv.status?.phase !== 'Bound') await setVolumePhase(pv, 'Bound');
        return;
      }
    }
    // the claim is gone: the volume is released and reclaimed by its policy
    if (pvc && pvc.metadata!.uid === ref.uid) return;
    if (pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed') pv = await setVolumePhase(pv, 'Released');
    if (pv.status?.phase === 'Failed') return;
    const policy = pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain';
    if (policy === 'Retain') return;
    if (policy === 'Recycle') {
      const next = clone(pv);
      delete next.spec.claimRef;
      if (next.metadata!.annotations) delete next.metadata!.annotations[ANN_BOUND_BY_CONTROLLER];
      pv = await ctx.client.update(PV, next);
      await setVolumePhase(pv, 'Available');
      void rec.record(pv, 'Normal', 'VolumeRecycled', 'Volume recycled');
      return;
    }
    // Delete: dynamically provisioned volumes are deleted by their provisioner
    const by = pv.metadata?.annotations?.[ANN_PROVISIONED_BY];
    if (by) return;
    const path: string | undefined = pv.spec?.hostPath?.path;
    if (path !== undefined && /^\/tmp\/.+/.test(path)) {
      await ctx.client.delete(PV, undefined, name).catch((e) => { if (!isNotFound(e)) throw e; });
      return;
    }
    const why = path !== undefined
      ? `host_path deleter only supports /tmp/.+ but received provided ${path}`
      : `error getting deleter volume plugin for volume "${name}": no deletable volume plugin matched`;
    await setVolumePhase(pv, 'Failed', why);
    void rec.record(pv, 'Warning', 'VolumeFailedDelete', why);
  };

  const claimKeysFor = (pod: KObject | undefined): string[] =>
    (pod?.spec?.volumes ?? []).filter((v: any) => v.persistentVolumeClaim?.claimName).map((v: any) => `claim:${pod!.metadata!.namespace}/${v.persistentVolumeClaim.claimName}`);

  const r = new Reconciler(ctx, {
    name: 'persistentvolume-binder',
    watch: [pvcPrefix, pvPrefix, podPrefix, scPrefix],
    initial: () => [
      ...ctx.store.list(pvcPrefix).map((s) => `claim:${s.obj.metadata!.namespace}/${s.obj.metadata!.name}`),
      ...ctx.store.list(pvPrefix).map((s) => `volume:${s.obj.metadata!.name}`),
    ],
    keysFor: (ev) => {
      const m = ev.obj.metadata!;
      if (ev.key.startsWith(pvcPrefix)) {
        const keys = [`claim:${m.namespace}/${m.name}`];
        const vol = ev.obj.spec?.volumeName;
        if (vol) keys.push(`volume:${vol}`);
        // a deleted claim releases the volumes that point at it
        if (ev.type === 'DELETED') {
          for (const s of ctx.store.list(pvPrefix)) {
            const ref = s.obj.spec?.claimRef;
            if (ref?.namespace === m.namespace && ref?.name === m.name) keys.push(`volume:${s.obj.metadata!.name}`);
          }
        }
        return keys;
      }
      if (ev.key.startsWith(pvPrefix)) {
        const keys = [`volume:${m.name}`];
        const ref = ev.obj.spec?.claimRef;
        if (ref) keys.push(`claim:${ref.namespace}/${ref.name}`);
        // a volume that became available may serve a waiting claim
        for (const s of ctx.store.list(pvcPrefix)) if (!s.obj.spec?.volumeName) keys.push(`claim:${s.obj.metadata!.namespace}/${s.obj.metadata!.name}`);
        return keys;
      }
      if (ev.key.startsWith(podPrefix)) {
        if (ev.type === 'DELETED' || !ev.obj.spec?.nodeName || ev.prev?.spec?.nodeName) return [];
        return claimKeysFor(ev.obj);
      }
      // storage classes: claims waiting for one
      return ctx.store.list(pvcPrefix).filter((s) => !s.obj.spec?.volumeName && claimClass(s.obj) === m.name).map((s) => `claim:${s.obj.metadata!.namespace}/${s.obj.metadata!.name}`);
    },
    resyncMs: 60_000,
    reconcile: async (key) => {
      if (key.startsWith('claim:')) {
        const rest = key.slice(6);
        const i = rest.indexOf('/');
        return syncClaim(rest.slice(0, i), rest.slice(i + 1));
      }
      if (key.startsWith('volume:')) return syncVolume(key.slice(7));
    },
  }).start();
  return { stop: () => r.stop() };
}
