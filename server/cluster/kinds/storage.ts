// storage.k8s.io/v1: StorageClass, CSIDriver, CSINode, VolumeAttachment, CSIStorageCapacity, VolumeAttributesClass.
import type { FieldError, KindDef, KObject } from './types.ts';
import { ageCol, col, nameCol } from './format.ts';
import { immutable, notSupported, required } from './validation.ts';
import { metaThen, metaUpdateThen } from './core.ts';

const G = 'storage.k8s.io';
const isDefault = (o: KObject, key: string): boolean =>
  o.metadata?.annotations?.[key] === 'true';

function setDefault(obj: any, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

export const StorageClass: KindDef = {
  group: G, version: 'v1', kind: 'StorageClass', plural: 'storageclasses', singular: 'storageclass', namespaced: false,
  shortNames: ['sc'],
  schemaType: 'io.k8s.api.storage.v1.StorageClass',
  columns: [
    { ...nameCol(), cell: (o) => `${o.metadata?.name ?? ''}${isDefault(o, 'storageclass.kubernetes.io/is-default-class') || isDefault(o, 'storageclass.beta.kubernetes.io/is-default-class') ? ' (default)' : ''}` },
    col('Provisioner', 'string', 'Volume plugin that provisions volumes.', (o) => o.provisioner ?? ''),
    col('ReclaimPolicy', 'string', 'Reclaim policy of provisioned volumes.', (o) => o.reclaimPolicy ?? 'Delete'),
    col('VolumeBindingMode', 'string', 'When volumes are bound.', (o) => o.volumeBindingMode ?? 'Immediate'),
    col('AllowVolumeExpansion', 'string', 'Whether claims may grow.', (o) => o.allowVolumeExpansion === true),
    ageCol(),
  ],
  prepareForCreate: (o) => {
    setDefault(o, 'reclaimPolicy', 'Delete');
    setDefault(o, 'volumeBindingMode', 'Immediate');
  },
  validate: metaThen(false, 'subdomain', (o) => {
    const errs: FieldError[] = [];
    if (!o.provisioner) errs.push(required('provisioner'));
    if (o.reclaimPolicy && !['Delete', 'Retain'].includes(o.reclaimPolicy)) errs.push(notSupported('reclaimPolicy', o.reclaimPolicy, ['Delete', 'Retain']));
    if (o.volumeBindingMode && !['Immediate', 'WaitForFirstConsumer'].includes(o.volumeBindingMode)) {
      errs.push(notSupported('volumeBindingMode', o.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']));
    }
    return errs;
  }),
  validateUpdate: metaUpdateThen((o, old) => [
    ...immutable(o.parameters ?? {}, old.parameters ?? {}, 'parameters').map((e) => ({ ...e, type: 'Forbidden' as const, detail: 'updates to parameters are forbidden.' })),
    ...immutable(o.provisioner, old.provisioner, 'provisioner').map((e) => ({ ...e, type: 'Forbidden' as const, detail: 'updates to provisioner are forbidden.' })),
    ...immutable(o.reclaimPolicy, old.reclaimPolicy, 'reclaimPolicy').map((e) => ({ ...e, type: 'Forbidden' as const, detail: 'updates to reclaimPolicy are forbidden.' })),
    ...immutable(o.volumeBindingMode, old.volumeBindingMode, 'volumeBindingMode'),
  ]),
};

export const CSIDriver: KindDef = {
  group: G, version: 'v1', kind: 'CSIDriver', plural: 'csidrivers', singular: 'csidriver', namespaced: false,
  schemaType: 'io.k8s.api.storage.v1.CSIDriver',
  columns: [
    nameCol(),
    col('AttachRequired', 'boolean', 'Whether attach is needed.', (o) => o.spec?.attachRequired ?? true),
    col('PodInfoOnMount', 'boolean', 'Whether pod info is passed on mount.', (o) => o.spec?.podInfoOnMount ?? false),
    col('StorageCapacity', 'boolean', 'Whether capacity is tracked.', (o) => o.spec?.storageCapacity ?? false),
    col('TokenRequests', 'string', 'Audiences of requested tokens.', (o) => (o.spec?.tokenRequests ? o.spec.tokenRequests.map((t: any) => t.audience).join(',') : '<unset>')),
    col('RequiresRepublish', 'boolean', 'Whether volumes are republished.', (o) => o.spec?.requiresRepublish ?? false),
    col('Modes', 'string', 'Volume lifecycle modes.', (o) => (o.spec?.volumeLifecycleModes ?? []).join(',') || '<none>'),
    ageCol(),
  ],
  prepareForCreate: (o) => {
    const s = (o.spec ??= {});
    setDefault(s, 'attachRequired', true);
    setDefault(s, 'podInfoOnMount', false);
    setDefault(s, 'storageCapacity', false);
    setDefault(s, 'fsGroupPolicy', 'ReadWriteOnceWithFSType');
    setDefault(s, 'volumeLifecycleModes', ['Persistent']);
    setDefault(s, 'requiresRepublish', false);
    setDefault(s, 'seLinuxMount', false);
  },
  validate: metaThen(false, 'subdomain'),
  validateUpdate: metaUpdateThen((o, old) => immutable(o.spec?.attachRequired, old.spec?.attachRequired, 'spec.attachRequired')),
};

export const CSINode: KindDef = {
  group: G, version: 'v1', kind: 'CSINode', plural: 'csinodes', singular: 'csinode', namespaced: false,
  schemaType: 'io.k8s.api.storage.v1.CSINode',
  columns: [
    nameCol(),
    col('Drivers', 'integer', 'Number of CSI drivers on the node.', (o) => (o.spec?.drivers ?? []).length),
    ageCol(),
  ],
  validate: metaThen(false, 'subdomain'),
  validateUpdate: metaUpdateThen(),
};

export const VolumeAttachment: KindDef = {
  group: G, version: 'v1', kind: 'VolumeAttachment', plural: 'volumeattachments', singular: 'volumeattachment', namespaced: false,
  schemaType: 'io.k8s.api.storage.v1.VolumeAttachment',
  subresources: [{ name: 'status', verbs: ['get', 'patch', 'update'] }],
  columns: [
    nameCol(),
    { ...col('Attacher', 'string', 'Attaching driver.', (o) => o.spec?.attacher ?? ''), format: 'name' },
    col('PV', 'string', 'Attached persistent volume.', (o) => o.spec?.source?.persistentVolumeName ?? ''),
    col('Node', 'string', 'Node the volume is attached to.', (o) => o.spec?.nodeName ?? ''),
    col('Attached', 'boolean', 'Whether the attach succeeded.', (o) => o.status?.attached === true),
    ageCol(),
  ],
  hasStatus: true,
  prepareForCreate: (o) => { o.status = {}; },
  prepareForUpdate: (o, old) => { o.status = old.status; },
  validate: metaThen(false, 'subdomain', (o) => [
    ...(o.spec?.attacher ? [] : [required('spec.attacher')]),
    ...(o.spec?.nodeName ? [] : [required('spec.nodeName')]),
  ]),
  validateUpdate: metaUpdateThen((o, old) => immutable(o.spec, old.spec, 'spec')),
};

export const CSIStorageCapacity: KindDef = {
  group: G, version: 'v1', kind: 'CSIStorageCapacity', plural: 'csistoragecapacities', singular: 'csistoragecapacity', namespaced: true,
  schemaType: 'io.k8s.api.storage.v1.CSIStorageCapacity',
  columns: [
    nameCol(),
    col('StorageClassName', 'string', 'Storage class.', (o) => o.storageClassName ?? ''),
    col('Capacity', 'string', 'Available capacity.', (o) => (o.capacity != null ? String(o.capacity) : '<unset>')),
  ],
  validate: metaThen(true, 'subdomain', (o) => (o.storageClassName ? [] : [required('storageClassName')])),
  validateUpdate: metaUpdateThen(),
};

export const VolumeAttributesClass: KindDef = {
  group: G, version: 'v1', kind: 'VolumeAttributesClass', plural: 'volumeattributesclasses', singular: 'volumeattributesclass', namespaced: false,
  shortNames: ['vac'],
  schemaType: 'io.k8s.api.storage.v1.VolumeAttributesClass',
  columns: [
    { ...nameCol(), cell: (o) => `${o.metadata?.name ?? ''}${isDefault(o, 'storage.kubernetes.io/is-default-class') ? ' (default)' : ''}` },
    col('DriverName', 'string', 'CSI driver.', (o) => o.driverName ?? ''),
    ageCol(),
  ],
  validate: metaThen(false, 'subdomain', (o) => (o.driverName ? [] : [required('driverName')])),
  validateUpdate: metaUpdateThen((o, old) => [
    ...immutable(o.driverName, old.driverName, 'driverName'),
    ...immutable(o.parameters, old.parameters, 'parameters'),
  ]),
};

export const STORAGE_KINDS: KindDef[] = [StorageClass, CSIDriver, CSINode, VolumeAttachment, CSIStorageCapacity, VolumeAttributesClass];
