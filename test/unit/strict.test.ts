import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expand, type TypeDecls, type TypeDef } from '../../server/cluster/schema/types.ts';
import {
  cannotBeHandledMessage, findTypeErrors, findUnknownFields, jsonTypeOf, parseFieldType, quantityParseError,
  strictDecodingMessage,
} from '../../server/cluster/api/strict.ts';

const M = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const C = 'io.k8s.api.core.v1';
const A = 'io.k8s.api.apps.v1';

const decls: TypeDecls = {
  [`${M}.ObjectMeta`]: {
    description: '',
    fields: [['name', 1, 'string', ''], ['creationTimestamp', 8, 'Time', ''], ['labels', 11, 'map[string]', ''], ['annotations', 12, 'map[string]', '']],
  },
  [`${M}.LabelSelector`]: { description: '', fields: [['matchLabels', 1, 'map[string]', '']] },
  [`${C}.Pod`]: {
    description: '', gvk: [{ group: '', version: 'v1', kind: 'Pod' }],
    fields: [['apiVersion', 0, 'string', ''], ['kind', 0, 'string', ''], ['metadata', 1, `${M}.ObjectMeta`, ''], ['spec', 2, `${C}.PodSpec`, '']],
  },
  [`${C}.PodSpec`]: {
    description: '',
    fields: [
      ['containers', 2, `[]${C}.Container`, ''], ['nodeSelector', 7, 'map[string]', ''],
      ['hostNetwork', 11, 'bool', ''], ['overhead', 32, 'map[Quantity]', ''],
      ['extra', 99, `map[${C}.Thing]`, ''],
    ],
  },
  [`${C}.Thing`]: { description: '', fields: [['size', 1, 'int64', '']] },
  [`${C}.Container`]: {
    description: '',
    fields: [
      ['name', 1, 'string', ''], ['image', 2, 'string', ''], ['command', 3, '[]string', ''],
      ['resources', 8, `${C}.ResourceRequirements`, ''], ['stdin', 16, 'bool', ''], ['protocol', 17, 'string', ''],
    ],
  },
  [`${C}.ResourceRequirements`]: { description: '', fields: [['limits', 1, 'map[Quantity]', '']] },
  [`${C}.Service`]: {
    description: '', gvk: [{ group: '', version: 'v1', kind: 'Service' }],
    fields: [['metadata', 1, `${M}.ObjectMeta`, ''], ['spec', 2, `${C}.ServiceSpec`, '']],
  },
  [`${C}.ServiceSpec`]: { description: '', fields: [['ports', 1, `[]${C}.ServicePort`, '']] },
  [`${C}.ServicePort`]: { description: '', fields: [['port', 3, 'int32', ''], ['targetPort', 4, 'IntOrString', '']] },
  [`${A}.Deployment`]: {
    description: '', gvk: [{ group: 'apps', version: 'v1', kind: 'Deployment' }],
    fields: [['metadata', 1, `${M}.ObjectMeta`, ''], ['spec', 2, `${A}.DeploymentSpec`, '']],
  },
  [`${A}.DeploymentSpec`]: {
    description: '',
    fields: [['replicas', 1, 'int32', '', { ptr: true }], ['selector', 2, `${M}.LabelSelector`, ''], ['template', 3, `${C}.PodTemplateSpec`, '']],
  },
  [`${C}.PodTemplateSpec`]: { description: '', fields: [['metadata', 1, `${M}.ObjectMeta`, ''], ['spec', 2, `${C}.PodSpec`, '']] },
};
const TYPES = new Map<string, TypeDef>(Object.entries(decls).map(([n, d]) => [n, expand(n, d)]));
const lookup = (n: string) => TYPES.get(n);

test('unknown fields: upstream paths, no leading dot, indices in brackets', () => {
  const pod = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'p', labelz: { a: 'b' } },
    spec: { foo: 1, containers: [{ name: 'a', image: 'x' }, { name: 'b', imagee: 'y', resources: { limitz: {} } }] },
  };
  assert.deepEqual(findUnknownFields(pod, `${C}.Pod`, lookup), [
    'metadata.labelz', 'spec.foo', 'spec.containers[1].imagee', 'spec.containers[1].resources.limitz',
  ]);
});

test('unknown fields: deep paths through templates, map values of object type walked with their key', () => {
  const dep = {
    apiVersion: 'apps/v1', kind: 'Deployment', status: {},
    spec: {
      selector: { matchLabels: { app: 'x' } },
      template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', imagePullPolicyy: 'Always' }], extra: { k1: { size: 1, bad: true } } } },
    },
  };
  assert.deepEqual(findUnknownFields(dep, `${A}.Deployment`, lookup), [
    'status', 'spec.template.spec.containers[0].imagePullPolicyy', 'spec.template.spec.extra.k1.bad',
  ]);
  // apiVersion/kind are always known on kinds; free-form maps never report
  assert.deepEqual(findUnknownFields({ apiVersion: 'v1', kind: 'Service', metadata: { annotations: { z: 'y' } } }, `${C}.Service`, lookup), []);
  assert.deepEqual(findUnknownFields({ Spec: {} }, `${C}.Pod`, lookup), ['Spec']); // case-sensitive
});

test('strict decoding message as kube-apiserver words it', () => {
  const msg = cannotBeHandledMessage('Deployment', 'v1', strictDecodingMessage(['spec.foo', 'spec.template.spec.containers[0].imagee']));
  assert.equal(msg, 'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo", unknown field "spec.template.spec.containers[0].imagee"');
});

test('type errors: Go encoding/json messages with struct name and field path', () => {
  const cases: [unknown, string, string][] = [
    [{ spec: { containers: 'x' } }, `${C}.Pod`, 'json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container'],
    [{ spec: { containers: ['x'] } }, `${C}.Pod`, 'json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type v1.Container'],
    [{ spec: { containers: [{ name: 'a' }, { image: 5 }] } }, `${C}.Pod`, 'json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string'],
    [{ metadata: { labels: { a: 1 } } }, `${C}.Pod`, 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string'],
    [{ spec: 'x' }, `${C}.Pod`, 'json: cannot unmarshal string into Go struct field Pod.spec of type v1.PodSpec'],
    [{ spec: { hostNetwork: 'true' } }, `${C}.Pod`, 'json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool'],
    [{ spec: { containers: [{ command: 'ls' }] } }, `${C}.Pod`, 'json: cannot unmarshal string into Go struct field Container.spec.containers.command of type []string'],
    [{ spec: { replicas: '3' } }, `${A}.Deployment`, 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32'],
    [{ spec: { replicas: 1.5 } }, `${A}.Deployment`, 'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    [{ spec: { template: { spec: { containers: [{ image: [] }] } } } }, `${A}.Deployment`, 'json: cannot unmarshal array into Go struct field Container.spec.template.spec.containers.image of type string'],
    [{ spec: { ports: [{ targetPort: true }] } }, `${C}.Service`, 'json: cannot unmarshal bool into Go struct field ServicePort.spec.ports.targetPort of type int32'],
    [{ spec: { ports: [{ port: 99999999999 }] } }, `${C}.Service`, 'json: cannot unmarshal number 99999999999 into Go struct field ServicePort.spec.ports.port of type int32'],
    [{ metadata: { creationTimestamp: 5 } }, `${C}.Pod`, 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string'],
    [[], `${C}.Pod`, 'json: cannot unmarshal array into Go value of type v1.Pod'],
    [{ spec: { containers: [{ resources: { limits: { cpu: 'lots' } } }] } }, `${C}.Pod`, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
  ];
  for (const [obj, type, want] of cases) {
    assert.equal(findTypeErrors(obj, type, lookup)[0], want, JSON.stringify(obj));
  }
});

test('type errors: valid objects, nulls and quantities pass', () => {
  const ok = {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', creationTimestamp: null, labels: { a: 'b' } },
    spec: { containers: [{ name: 'c', image: 'nginx', command: null, resources: { limits: { cpu: '500m', memory: '1Gi', x: 2 } } }], overhead: { cpu: 0.5 } },
  };
  assert.deepEqual(findTypeErrors(ok, `${C}.Pod`, lookup), []);
  assert.deepEqual(findTypeErrors({ metadata: { creationTimestamp: '2024-01-02T03:04:05Z' } }, `${C}.Pod`, lookup), []);
  assert.deepEqual(findTypeErrors({ spec: { ports: [{ targetPort: 'http' }, { targetPort: 8080 }] } }, `${C}.Service`, lookup), []);
});

test('type errors: the Go type of a named field can be supplied', () => {
  const errs = findTypeErrors({ spec: { containers: [{ protocol: 5 }] } }, `${C}.Pod`, lookup, {
    goType: (t, f) => (t === `${C}.Container` && f.name === 'protocol' ? 'v1.Protocol' : undefined),
  });
  assert.deepEqual(errs, ['json: cannot unmarshal number into Go struct field Container.spec.containers.protocol of type v1.Protocol']);
});

test('a custom unmarshaller error stops the walk; plain type errors do not', () => {
  const errs = findTypeErrors({ spec: { containers: [{ image: 1, name: 2 }] } }, `${C}.Pod`, lookup);
  assert.equal(errs.length, 2);
  const stopped = findTypeErrors({ metadata: { creationTimestamp: 'yesterday', name: 5 } }, `${C}.Pod`, lookup);
  assert.equal(stopped.length, 1);
  assert.match(stopped[0], /^parsing time "yesterday"/);
});

test('field type helpers', () => {
  assert.deepEqual(parseFieldType('map[[]string]'), { kind: 'map', elem: { kind: 'list', elem: { kind: 'scalar', name: 'string' } } });
  assert.deepEqual(parseFieldType(`[]${C}.Container`), { kind: 'list', elem: { kind: 'ref', name: `${C}.Container` } });
  assert.equal(jsonTypeOf('int64'), 'number');
  assert.equal(jsonTypeOf('IntOrString'), 'string|number');
  assert.equal(jsonTypeOf('map[Quantity]'), 'object');
  assert.equal(quantityParseError('100Mi'), undefined);
  assert.equal(quantityParseError('1e3'), undefined);
  assert.equal(quantityParseError('5mi'), "unable to parse quantity's suffix");
});
