// Rancher's local-path-provisioner, as a Killercoda-style kubeadm cluster runs it for its default
// StorageClass `local-path`: a claim handed to `rancher.io/local-path` (and given a node by its
// first consumer) gets a PersistentVolume `pvc-<claim uid>` backed by the directory
// /opt/local-path-provisioner/<pv>_<namespace>_<claim> on that node; when a released volume's
// policy is Delete, the directory and the volume are removed.
import { mkdirSync, rmSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { KObject } from '../kinds/types.ts';
import { ResourceRegistry } from '../api/registry.ts';
import { Reconciler, isAlreadyExists, isNotFound, type Ctx } from './framework.ts';
import { ANN_PROVISIONED_BY, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER, claimClass } from './pv-binder.ts';

export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';
export const LOCAL_PATH_ROOT = '/opt/local-path-provisioner';
const ANN_LOCAL_NODE = 'local.path.provisioner/selected-node';

export function localPathStorageClass(): KObject {
  return {
    apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
    metadata: { name: 'local-path', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: LOCAL_PATH_PROVISIONER, reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer',
  };
}

export function startLocalPathProvisioner(ctx: Ctx, clusterDir: string | undefined): { stop(): void } {
  // the provisioner's identity in events, as a pod of its Deployment would report it
  const identity = `${LOCAL_PATH_PROVISIONER}_local-path-provisioner-7577fdbbfb-${randomUUID().slice(0, 5)}_${randomUUID()}`;
  const rec = ctx.recorder(identity);
  const nodeDir = (node: string, path: string) => (clusterDir ? join(clusterDir, 'nodes', node, path) : undefined);
  const pvcPrefix = ResourceRegistry.keyPrefix(ctx.client.kind('v1/persistentvolumeclaims'));
  const pvPrefix = ResourceRegistry.keyPrefix(ctx.client.kind('v1/persistentvolumes'));
  const provisioning = new Set<string>();

  const provision = async (pvc: KObject): Promise<void> => {
    const sc = ctx.client.get('storage.k8s.io/v1/storageclasses', undefined, claimClass(pvc));
    if (!sc || sc.provisioner !== LOCAL_PATH_PROVISIONER) return;
    const m = pvc.metadata!;
    const pvName = `pvc-${m.uid}`;
    if (ctx.client.get('v1/persistentvolumes', undefined, pvName)) return;
    const node = m.annotations?.[ANN_SELECTED_NODE];
    void rec.record(pvc, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${m.namespace}/${m.name}"`);
    if (!node) {
      void rec.record(pvc, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${sc.metadata!.name}": configuration error, no node was specified`);
      return;
    }
    const path = `${LOCAL_PATH_ROOT}/${pvName}_${m.namespace}_${m.name}`;
    const dir = nodeDir(node, path);
    if (dir) {
      try {
        mkdirSync(dir, { recursive: true, mode: 0o777 });
        chmodSync(dir, 0o777);
      } catch (e) {
        ctx.log(`local-path: ${dir}: ${(e as Error).message}`);
      }
    }
    const pv: KObject = {
      apiVersion: 'v1', kind: 'PersistentVolume',
      metadata: { name: pvName, annotations: { [ANN_PROVISIONED_BY]: LOCAL_PATH_PROVISIONER, [ANN_LOCAL_NODE]: node } },
      spec: {
        accessModes: pvc.spec?.accessModes ?? ['ReadWriteOnce'],
        capacity: { storage: pvc.spec?.resources?.requests?.storage },
        claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion },
        hostPath: { path, type: 'DirectoryOrCreate' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
        storageClassName: sc.metadata!.name,
        volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
      },
    };
    try {
      await ctx.client.create('v1/persistentvolumes', pv);
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
    void rec.record(pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`);
  };

  const reclaim = async (pv: KObject): Promise<void> => {
    const node = pv.metadata?.annotations?.[ANN_LOCAL_NODE];
    const path = pv.spec?.hostPath?.path;
    const dir = node && path ? nodeDir(node, path) : undefined;
    if (dir && path.startsWith(`${LOCAL_PATH_ROOT}/`)) rmSync(dir, { recursive: true, force: true });
    await ctx.client.delete('v1/persistentvolumes', undefined, pv.metadata!.name).catch((e) => { if (!isNotFound(e)) throw e; });
  };

  const r = new Reconciler(ctx, {
    name: 'local-path-provisioner',
    watch: [pvcPrefix, pvPrefix],
    initial: () => [
      ...ctx.store.list(pvcPrefix).map((s) => `claim:${s.obj.metadata!.namespace}/${s.obj.metadata!.name}`),
      ...ctx.store.list(pvPrefix).map((s) => `volume:${s.obj.metadata!.name}`),
    ],
    keysFor: (ev) => {
      const m = ev.obj.metadata!;
      return ev.key.startsWith(pvcPrefix) ? [`claim:${m.namespace}/${m.name}`] : [`volume:${m.name}`];
    },
    reconcile: async (key) => {
      if (key.startsWith('claim:')) {
        const k = key.slice(6);
        const i = k.indexOf('/');
        const pvc = ctx.client.get('v1/persistentvolumeclaims', k.slice(0, i), k.slice(i + 1));
        if (!pvc || pvc.metadata?.deletionTimestamp || pvc.spec?.volumeName) return;
        if (pvc.metadata?.annotations?.[ANN_STORAGE_PROVISIONER] !== LOCAL_PATH_PROVISIONER) return;
        if (provisioning.has(pvc.metadata!.uid)) return;
        provisioning.add(pvc.metadata!.uid);
        try {
          await provision(pvc);
        } finally {
          provisioning.delete(pvc.metadata!.uid);
        }
        return;
      }
      const pv = ctx.client.get('v1/persistentvolumes', undefined, key.slice(7));
      if (!pv || pv.metadata?.annotations?.[ANN_PROVISIONED_BY] !== LOCAL_PATH_PROVISIONER) return;
      if (pv.status?.phase === 'Released' && (pv.spec?.persistentVolumeReclaimPolicy ?? 'Delete') === 'Delete' && !pv.metadata?.deletionTimestamp) await reclaim(pv);
    },
  }).start();
  return { stop: () => r.stop() };
}
