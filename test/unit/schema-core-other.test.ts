// Checks of the meta.k8s.io/v1 and non-Pod core/v1 schema modules: references resolve, protobuf
// numbers are unique, and a sample of numbers and options matches upstream's generated.proto.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expand, type TypeDecls, type TypeDef } from '../../server/cluster/schema/types.ts';
import { decls as meta } from '../../server/cluster/schema/meta.ts';
import { decls as coreOther } from '../../server/cluster/schema/core-other.ts';

const V1 = 'io.k8s.api.core.v1';
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

const SCALARS = new Set(['string', 'int32', 'int64', 'bool', 'double', 'bytes', 'Time', 'MicroTime', 'Duration',
  'Quantity', 'IntOrString', 'RawExtension', 'FieldsV1', 'JSON']);

/** Pod-tree types (owned by core-pod.ts) that these modules may reference. */
const FOREIGN = new Set([
  'PodTemplateSpec', 'ObjectReference', 'LocalObjectReference', 'NodeSelector', 'PersistentVolumeClaimSpec',
  'GCEPersistentDiskVolumeSource', 'AWSElasticBlockStoreVolumeSource', 'HostPathVolumeSource',
  'GlusterfsPersistentVolumeSource', 'NFSVolumeSource', 'RBDPersistentVolumeSource', 'ISCSIPersistentVolumeSource',
  'CinderPersistentVolumeSource', 'CephFSPersistentVolumeSource', 'FCVolumeSource', 'FlockerVolumeSource',
  'FlexPersistentVolumeSource', 'AzureFilePersistentVolumeSource', 'VsphereVirtualDiskVolumeSource',
  'QuobyteVolumeSource', 'AzureDiskVolumeSource', 'PhotonPersistentDiskVolumeSource', 'PortworxVolumeSource',
  'ScaleIOPersistentVolumeSource', 'LocalVolumeSource', 'StorageOSPersistentVolumeSource', 'CSIPersistentVolumeSource', 'PersistentVolumeSource',
].map((n) => `${V1}.${n}`));

/** PersistentVolumeSpec's inlined volume sources live in a nested proto message, so they carry 0. */
const PV_INLINE = new Set(['gcePersistentDisk', 'awsElasticBlockStore', 'hostPath', 'glusterfs', 'nfs', 'rbd', 'iscsi',
  'cinder', 'cephfs', 'fc', 'flocker', 'flexVolume', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk',
  'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'local', 'storageos', 'csi']);

function all(): Map<string, TypeDef> {
  const m = new Map<string, TypeDef>();
  for (const mod of [meta, coreOther] as TypeDecls[]) {
    for (const [name, d] of Object.entries(mod)) {
      assert.ok(!m.has(name), `${name} declared twice`);
      m.set(name, expand(name, d));
    }
  }
  return m;
}
const TYPES = all();

function elementType(t: string): string {
  for (;;) {
    if (t.startsWith('[]')) t = t.slice(2);
    else if (t.startsWith('map[') && t.endsWith(']')) t = t.slice(4, -1);
    else return t;
  }
}

function field(type: string, name: string) {
  const f = TYPES.get(type)?.fields.find((x) => x.name === name);
  assert.ok(f, `${type}.${name} is declared`);
  return f;
}

test('every referenced type is a scalar, declared here, or a known Pod-tree type', () => {
  for (const def of TYPES.values()) {
    for (const f of def.fields) {
      const t = elementType(f.type);
      assert.ok(SCALARS.has(t) || TYPES.has(t) || FOREIGN.has(t), `${def.name}.${f.name}: unknown type ${f.type}`);
    }
  }
});

test('protobuf numbers are unique and positive, with only documented zeros', () => {
  for (const def of TYPES.values()) {
    const seen = new Set<number>();
    for (const f of def.fields) {
      if (f.proto === 0) {
        const ok = f.name === 'apiVersion' || f.name === 'kind'
          || def.name === 'io.k8s.apimachinery.pkg.version.Info'
          || (def.name === `${V1}.PersistentVolumeSpec` && PV_INLINE.has(f.name));
        assert.ok(ok, `${def.name}.${f.name} has proto 0`);
        continue;
      }
      assert.ok(Number.isInteger(f.proto) && f.proto > 0, `${def.name}.${f.name}: bad proto ${f.proto}`);
      assert.ok(!seen.has(f.proto), `${def.name}.${f.name}: proto ${f.proto} used twice`);
      seen.add(f.proto);
    }
  }
});

test('field names are unique and every type and field has a description', () => {
  for (const def of TYPES.values()) {
    assert.ok(def.description.length > 0, def.name);
    const names = new Set<string>();
    for (const f of def.fields) {
      assert.ok(!names.has(f.name), `${def.name}.${f.name} twice`);
      names.add(f.name);
      assert.ok(f.description.length > 0 && !f.description.includes('\n'), `${def.name}.${f.name} description`);
    }
  }
});

test('ObjectMeta protobuf numbers match upstream', () => {
  const want: Record<string, number> = {
    name: 1, generateName: 2, namespace: 3, selfLink: 4, uid: 5, resourceVersion: 6, generation: 7,
    creationTimestamp: 8, deletionTimestamp: 9, deletionGracePeriodSeconds: 10, labels: 11, annotations: 12,
    ownerReferences: 13, finalizers: 14, managedFields: 17,
  };
  const om = TYPES.get(`${META}.ObjectMeta`)!;
  assert.deepEqual(Object.fromEntries(om.fields.map((f) => [f.name, f.proto])), want);
});

test('spot checks of protobuf numbers', () => {
  const cases: [string, string, number][] = [
    [`${META}.OwnerReference`, 'apiVersion', 5],
    [`${META}.OwnerReference`, 'kind', 1],
    [`${META}.OwnerReference`, 'uid', 4],
    [`${META}.ManagedFieldsEntry`, 'fieldsV1', 7],
    [`${META}.StatusDetails`, 'uid', 6],
    [`${META}.Status`, 'code', 6],
    [`${META}.ListMeta`, 'continue', 3],
    [`${META}.APIResource`, 'singularName', 6],
    [`${V1}.ServiceSpec`, 'clusterIPs', 18],
    [`${V1}.ServiceSpec`, 'ipFamilies', 19],
    [`${V1}.ServiceSpec`, 'ipFamilyPolicy', 17],
    [`${V1}.ServiceSpec`, 'trafficDistribution', 23],
    [`${V1}.ServicePort`, 'appProtocol', 6],
    [`${V1}.ServicePort`, 'nodePort', 5],
    [`${V1}.NodeSpec`, 'podCIDRs', 7],
    [`${V1}.NodeStatus`, 'declaredFeatures', 14],
    [`${V1}.Secret`, 'immutable', 5],
    [`${V1}.Secret`, 'type', 3],
    [`${V1}.ConfigMap`, 'immutable', 4],
    [`${V1}.Event`, 'reportingInstance', 15],
    [`${V1}.EndpointAddress`, 'targetRef', 2],
    [`${V1}.PersistentVolumeClaimStatus`, 'allocatedResourceStatuses', 7],
    [`${V1}.ReplicationControllerSpec`, 'minReadySeconds', 4],
    [`${V1}.Namespace`, 'status', 3],
  ];
  for (const [type, name, proto] of cases) assert.equal(field(type, name).proto, proto, `${type}.${name}`);
});

test('wire types and patch metadata', () => {
  assert.equal(field(`${V1}.Secret`, 'data').type, 'map[bytes]');
  assert.equal(field(`${V1}.ConfigMap`, 'binaryData').type, 'map[bytes]');
  assert.equal(field(`${V1}.NodeStatus`, 'capacity').type, 'map[Quantity]');
  assert.equal(field(`${V1}.ServicePort`, 'targetPort').type, 'IntOrString');
  assert.equal(field(`${V1}.Event`, 'eventTime').type, 'MicroTime');
  const ports = field(`${V1}.ServiceSpec`, 'ports');
  assert.equal(ports.patchStrategy, 'merge');
  assert.equal(ports.patchMergeKey, 'port');
  assert.deepEqual(ports.listMapKeys, ['port', 'protocol']);
  const owners = field(`${META}.ObjectMeta`, 'ownerReferences');
  assert.equal(owners.patchMergeKey, 'uid');
  assert.equal(field(`${META}.ObjectMeta`, 'finalizers').listType, 'set');
  assert.equal(field(`${V1}.ReplicationControllerSpec`, 'replicas').ptr, true);
  assert.deepEqual(field(`${V1}.Taint`, 'effect').enum, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
});

test('kinds and lists carry their group/version/kind', () => {
  const kinds = ['Namespace', 'Node', 'Service', 'Endpoints', 'ConfigMap', 'Secret', 'ServiceAccount', 'Event',
    'PersistentVolume', 'PersistentVolumeClaim', 'ResourceQuota', 'LimitRange', 'ReplicationController', 'ComponentStatus'];
  for (const kind of kinds) {
    for (const k of [kind, `${kind}List`]) {
      const def = TYPES.get(`${V1}.${k}`);
      assert.ok(def, k);
      assert.deepEqual(def.gvk, [{ group: '', version: 'v1', kind: k }]);
      assert.deepEqual(def.fields.slice(0, 2).map((f) => f.name), ['apiVersion', 'kind']);
    }
    const items = field(`${V1}.${kind}List`, 'items');
    assert.equal(items.type, `[]${V1}.${kind}`);
    assert.equal(items.proto, 2);
  }
  assert.deepEqual(TYPES.get(`${META}.Status`)!.gvk, [{ group: '', version: 'v1', kind: 'Status' }]);
  assert.ok(TYPES.get(`${META}.DeleteOptions`)!.gvk!.some((g) => g.group === 'apps' && g.kind === 'DeleteOptions'));
});
