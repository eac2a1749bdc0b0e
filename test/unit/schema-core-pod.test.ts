import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decls } from '../../server/cluster/schema/core-pod.ts';
import type { FieldTuple } from '../../server/cluster/schema/types.ts';

const CORE = 'io.k8s.api.core.v1.';
const SCALARS = new Set([
  'string', 'int32', 'int64', 'bool', 'double', 'bytes', 'Time', 'MicroTime', 'Duration', 'Quantity',
  'IntOrString', 'RawExtension', 'FieldsV1', 'JSON',
]);
// core/v1 types that other schema modules declare and this one may name.
const OTHERS_CORE = [
  /^Namespace/, /^Node(?!Selector|Affinity)/, /^Service(?!AccountTokenProjection)/, /^Endpoints/, /^ConfigMap$/, /^Secret$/,
  /^ServiceAccount$/, /^Event/, /^PersistentVolume$/, /^PersistentVolumeSpec$/, /^PersistentVolumeStatus$/,
  /^PersistentVolumeClaim$/, /^PersistentVolumeClaimStatus$/, /^ResourceQuota/, /^LimitRange/,
  /^ReplicationController/, /^VolumeNodeAffinity$/,
];

function elementType(t: string): string {
  for (;;) {
    if (t.startsWith('[]')) t = t.slice(2);
    else if (t.startsWith('map[') && t.endsWith(']')) t = t.slice(4, -1);
    else return t;
  }
}

function knownType(t: string): boolean {
  if (SCALARS.has(t)) return true;
  if (t in decls) return true;
  if (t.startsWith('io.k8s.apimachinery.pkg.apis.meta.v1.')) return true;
  if (t.startsWith(CORE)) return OTHERS_CORE.some((re) => re.test(t.slice(CORE.length)));
  return false;
}

function field(type: string, name: string): FieldTuple {
  const d = decls[CORE + type];
  assert.ok(d, `type ${type} declared`);
  const f = d.fields.find((x) => x[0] === name);
  assert.ok(f, `${type}.${name} declared`);
  return f;
}

/** JSON field names of a type with inline ('' named) fields flattened. */
function jsonNames(typeName: string): string[] {
  const out: string[] = [];
  for (const [name, , type] of decls[typeName]!.fields) {
    if (name === '') out.push(...jsonNames(type));
    else out.push(name);
  }
  return out;
}

test('every referenced type is declared here or owned by another module', () => {
  for (const [tname, d] of Object.entries(decls)) {
    assert.ok(tname.startsWith(CORE), `${tname} is a core/v1 type`);
    for (const [fname, , type] of d.fields) {
      assert.ok(knownType(elementType(type)), `${tname}.${fname}: unknown type ${type}`);
    }
  }
});

test('proto numbers are unique and positive; only apiVersion/kind have none', () => {
  for (const [tname, d] of Object.entries(decls)) {
    const seen = new Set<number>();
    for (const [fname, proto] of d.fields) {
      if (proto === 0) {
        assert.ok(fname === 'apiVersion' || fname === 'kind', `${tname}.${fname} has no proto number`);
        continue;
      }
      assert.ok(Number.isInteger(proto) && proto > 0, `${tname}.${fname}: bad proto ${proto}`);
      assert.ok(!seen.has(proto), `${tname}: proto ${proto} used twice`);
      seen.add(proto);
    }
  }
});

test('inline fields name a declared type and flattened JSON names are unique', () => {
  for (const [tname, d] of Object.entries(decls)) {
    for (const [fname, , type, desc] of d.fields) {
      assert.ok(desc.length > 0 && !desc.includes('TODO'), `${tname}.${fname || '(inline)'} has a description`);
      if (fname === '') assert.ok(type in decls, `${tname}: inline ${type} declared here`);
    }
    const names = jsonNames(tname);
    assert.equal(new Set(names).size, names.length, `${tname}: duplicate JSON field names`);
    assert.ok(d.description.length > 0, `${tname} has a description`);
  }
});

test('expected types are present', () => {
  for (const t of [
    'Pod', 'PodList', 'PodSpec', 'PodStatus', 'PodTemplate', 'PodTemplateList', 'PodTemplateSpec', 'Binding',
    'Container', 'EphemeralContainer', 'EphemeralContainerCommon', 'Probe', 'ProbeHandler', 'LifecycleHandler',
    'Volume', 'VolumeSource', 'PersistentVolumeSource', 'CSIPersistentVolumeSource', 'LocalVolumeSource',
    'PersistentVolumeClaimSpec', 'VolumeResourceRequirements', 'NodeSelector', 'ContainerRestartRule',
    'ContainerRestartRuleOnExitCodes', 'PodCertificateProjection', 'FileKeySelector', 'WorkloadReference',
    'PodExtendedResourceClaimStatus', 'ContainerExtendedResourceRequest', 'ResourceHealth', 'ImageVolumeSource',
  ]) {
    assert.ok(CORE + t in decls, `${t} declared`);
  }
  assert.deepEqual(decls[CORE + 'Pod']!.gvk, [{ group: '', version: 'v1', kind: 'Pod' }]);
  assert.deepEqual(decls[CORE + 'PodList']!.gvk, [{ group: '', version: 'v1', kind: 'PodList' }]);
});

test('spot-check protobuf field numbers (k8s.io/api core/v1 generated.proto, 1.35)', () => {
  const cases: [string, string, number][] = [
    ['Container', 'name', 1], ['Container', 'image', 2], ['Container', 'env', 7], ['Container', 'envFrom', 19],
    ['Container', 'restartPolicy', 24], ['Container', 'restartPolicyRules', 25],
    ['PodSpec', 'volumes', 1], ['PodSpec', 'containers', 2], ['PodSpec', 'initContainers', 20],
    ['PodSpec', 'ephemeralContainers', 34], ['PodSpec', 'resources', 40], ['PodSpec', 'workloadRef', 42],
    ['PodStatus', 'observedGeneration', 17], ['PodStatus', 'allocatedResources', 19],
    ['VolumeSource', 'projected', 26], ['VolumeSource', 'csi', 28], ['VolumeSource', 'image', 30],
    ['VolumeProjection', 'podCertificate', 6], ['EnvVarSource', 'fileKeyRef', 5], ['ProbeHandler', 'grpc', 4],
    ['Volume', '', 2], ['Probe', '', 1], ['EphemeralContainer', '', 1], ['ConfigMapKeySelector', '', 1],
    ['Toleration', 'tolerationSeconds', 5], ['ContainerStatus', 'stopSignal', 15],
  ];
  for (const [t, f, n] of cases) assert.equal(field(t, f)[1], n, `${t}.${f || '(inline)'}`);
});

test('spot-check patch strategies and list types', () => {
  const opts = (t: string, f: string) => field(t, f)[4] ?? {};
  assert.deepEqual([opts('PodSpec', 'containers').patchStrategy, opts('PodSpec', 'containers').patchMergeKey], ['merge', 'name']);
  assert.deepEqual([opts('PodSpec', 'volumes').patchStrategy, opts('PodSpec', 'volumes').patchMergeKey], ['merge,retainKeys', 'name']);
  assert.deepEqual([opts('Container', 'ports').patchMergeKey, opts('Container', 'ports').listMapKeys], ['containerPort', ['containerPort', 'protocol']]);
  assert.equal(opts('Container', 'env').patchMergeKey, 'name');
  assert.equal(opts('Container', 'volumeMounts').patchMergeKey, 'mountPath');
  assert.equal(opts('EphemeralContainerCommon', 'volumeMounts').patchMergeKey, 'mountPath');
  assert.deepEqual(opts('PodSpec', 'topologySpreadConstraints').listMapKeys, ['topologyKey', 'whenUnsatisfiable']);
  assert.equal(opts('PodSpec', 'tolerations').listType, 'atomic');
  assert.equal(opts('PodSpec', 'containers').required, true);
  assert.equal(opts('Container', 'name').required, true);
  assert.equal(opts('Container', 'image').required, undefined);
  assert.equal(opts('PodSpec', 'terminationGracePeriodSeconds').ptr, true);
  assert.deepEqual(opts('PodSpec', 'restartPolicy').enum, ['Always', 'Never', 'OnFailure']);
  assert.deepEqual(opts('Container', 'imagePullPolicy').enum, ['Always', 'IfNotPresent', 'Never']);
  assert.equal(field('PodSpec', 'overhead')[2], 'map[Quantity]');
  assert.equal(field('HTTPGetAction', 'port')[2], 'IntOrString');
});

test('flattened Volume and Container JSON field sets', () => {
  const vol = jsonNames(CORE + 'Volume');
  for (const n of ['name', 'emptyDir', 'hostPath', 'configMap', 'secret', 'persistentVolumeClaim', 'projected', 'image']) {
    assert.ok(vol.includes(n), `Volume.${n}`);
  }
  const eph = jsonNames(CORE + 'EphemeralContainer');
  assert.ok(eph.includes('targetContainerName') && eph.includes('image') && eph.includes('name'));
  assert.deepEqual(jsonNames(CORE + 'ConfigMapKeySelector'), ['name', 'key', 'optional']);
  assert.deepEqual(jsonNames(CORE + 'Probe').slice(0, 4), ['exec', 'httpGet', 'tcpSocket', 'grpc']);
});
