import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expand, type TypeDecls, type TypeDef } from '../../server/cluster/schema/types.ts';
import {
  decodeK8sProtobuf, encodeK8sProtobuf, formatGoDuration, formatRFC3339, parseGoDuration, ProtobufDecodeError,
} from '../../server/cluster/api/protobuf.ts';

const M = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const C = 'test.core.v1';
const A = 'test.apps.v1';

// Small fixture schema (not the real declarations): field numbers follow Kubernetes' generated.proto.
const decls: TypeDecls = {
  [`${M}.ObjectMeta`]: {
    description: 'meta',
    fields: [
      ['name', 1, 'string', ''], ['generateName', 2, 'string', ''], ['namespace', 3, 'string', ''],
      ['selfLink', 4, 'string', ''], ['uid', 5, 'string', ''], ['resourceVersion', 6, 'string', ''],
      ['generation', 7, 'int64', ''], ['creationTimestamp', 8, 'Time', ''],
      ['deletionTimestamp', 9, 'Time', '', { ptr: true }],
      ['labels', 11, 'map[string]', ''], ['annotations', 12, 'map[string]', ''],
    ],
  },
  [`${M}.LabelSelector`]: { description: '', fields: [['matchLabels', 1, 'map[string]', '']] },
  [`${C}.Namespace`]: {
    description: '', gvk: [{ group: '', version: 'v1', kind: 'Namespace' }],
    fields: [
      ['apiVersion', 0, 'string', ''], ['kind', 0, 'string', ''],
      ['metadata', 1, `${M}.ObjectMeta`, ''], ['spec', 2, `${C}.NamespaceSpec`, ''], ['status', 3, `${C}.NamespaceStatus`, ''],
    ],
  },
  [`${C}.NamespaceSpec`]: { description: '', fields: [['finalizers', 1, '[]string', '']] },
  [`${C}.NamespaceStatus`]: { description: '', fields: [['phase', 1, 'string', '']] },
  [`${A}.Deployment`]: {
    description: '', gvk: [{ group: 'apps', version: 'v1', kind: 'Deployment' }],
    fields: [
      ['apiVersion', 0, 'string', ''], ['kind', 0, 'string', ''],
      ['metadata', 1, `${M}.ObjectMeta`, ''], ['spec', 2, `${A}.DeploymentSpec`, ''], ['status', 3, `${A}.DeploymentStatus`, ''],
    ],
  },
  [`${A}.DeploymentSpec`]: {
    description: '',
    fields: [
      ['replicas', 1, 'int32', '', { ptr: true }], ['selector', 2, `${M}.LabelSelector`, ''],
      ['template', 3, `${C}.PodTemplateSpec`, ''], ['strategy', 4, `${A}.DeploymentStrategy`, ''],
      ['minReadySeconds', 5, 'int32', ''], ['paused', 7, 'bool', ''],
      ['progressDeadlineSeconds', 9, 'int32', '', { ptr: true }],
    ],
  },
  [`${A}.DeploymentStrategy`]: { description: '', fields: [['type', 1, 'string', ''], ['rollingUpdate', 2, `${A}.RollingUpdateDeployment`, '']] },
  [`${A}.RollingUpdateDeployment`]: { description: '', fields: [['maxUnavailable', 1, 'IntOrString', '', { ptr: true }], ['maxSurge', 2, 'IntOrString', '', { ptr: true }]] },
  [`${A}.DeploymentStatus`]: { description: '', fields: [['observedGeneration', 1, 'int64', ''], ['replicas', 2, 'int32', '']] },
  [`${C}.PodTemplateSpec`]: { description: '', fields: [['metadata', 1, `${M}.ObjectMeta`, ''], ['spec', 2, `${C}.PodSpec`, '']] },
  [`${C}.PodSpec`]: {
    description: '',
    fields: [
      ['containers', 2, `[]${C}.Container`, '', { required: true }],
      ['terminationGracePeriodSeconds', 4, 'int64', '', { ptr: true }],
      ['nodeSelector', 7, 'map[string]', ''],
      ['hostNetwork', 11, 'bool', ''],
    ],
  },
  [`${C}.Container`]: {
    description: '',
    fields: [
      ['name', 1, 'string', '', { required: true }], ['image', 2, 'string', ''], ['command', 3, '[]string', ''],
      ['ports', 6, `[]${C}.ContainerPort`, ''], ['resources', 8, `${C}.ResourceRequirements`, ''],
      ['stdin', 16, 'bool', ''],
    ],
  },
  [`${C}.ContainerPort`]: { description: '', fields: [['name', 1, 'string', ''], ['containerPort', 3, 'int32', '', { required: true }]] },
  [`${C}.ResourceRequirements`]: { description: '', fields: [['limits', 1, 'map[Quantity]', ''], ['requests', 2, 'map[Quantity]', '']] },
  [`${C}.Everything`]: {
    description: '', gvk: [{ group: 'test', version: 'v1', kind: 'Everything' }],
    fields: [
      ['apiVersion', 0, 'string', ''], ['kind', 0, 'string', ''],
      ['when', 1, 'Time', ''], ['micro', 2, 'MicroTime', ''], ['wait', 3, 'Duration', ''],
      ['data', 4, 'bytes', ''], ['extra', 5, 'map[[]string]', ''], ['raw', 6, 'RawExtension', ''],
      ['ratio', 7, 'double', ''], ['port', 8, 'IntOrString', ''], ['big', 9, 'int64', ''],
      ['neg', 10, 'int32', ''], ['flags', 11, '[]int32', ''], ['fields', 12, 'FieldsV1', ''],
      ['zero', 13, 'int32', '', { ptr: true }], ['off', 14, 'bool', '', { ptr: true }],
    ],
  },
};

const TYPES = new Map<string, TypeDef>(Object.entries(decls).map(([n, d]) => [n, expand(n, d)]));
const lookup = (n: string) => TYPES.get(n);
const lookupByGvk = (apiVersion: string, kind: string) => {
  for (const t of TYPES.values()) {
    for (const g of t.gvk ?? []) if ((g.group ? `${g.group}/${g.version}` : g.version) === apiVersion && g.kind === kind) return t;
  }
  return undefined;
};

function hex(s: string): Uint8Array {
  // Hex with quoted ASCII runs, as the wire note writes bodies.
  const bytes: number[] = [];
  for (const part of s.split(/("[^"]*")/)) {
    if (part.startsWith('"')) for (const ch of part.slice(1, -1)) bytes.push(ch.charCodeAt(0));
    else {
      const h = part.replace(/\s+/g, '');
      for (let i = 0; i < h.length; i += 2) bytes.push(parseInt(h.slice(i, i + 2), 16));
    }
  }
  return Uint8Array.from(bytes);
}

const CREATE_NAMESPACE_X = hex('6b387300 0a0f 0a02"v1" 1209"Namespace" 1219 0a11 0a01"x" 1200 1a00 2200 2a00 3200 3800 4200 1200 1a020a00 1a00 2200');

test('decodes the captured `kubectl create namespace x` body', () => {
  const d = decodeK8sProtobuf(CREATE_NAMESPACE_X, lookupByGvk, lookup);
  assert.equal(d.apiVersion, 'v1');
  assert.equal(d.kind, 'Namespace');
  assert.deepEqual(d.object, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' }, spec: {}, status: {} });
  assert.deepEqual(Object.keys(d.object), ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
  assert.deepEqual(d.unknownFields, []);
});

test('round-trips a deployment as `kubectl create deployment x --image=nginx` sends it', () => {
  const obj = {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'x', labels: { app: 'x' } },
    spec: {
      replicas: 1, selector: { matchLabels: { app: 'x' } },
      template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] } },
      strategy: {},
    },
    status: {},
  };
  const body = encodeK8sProtobuf('apps/v1', 'Deployment', obj, `${A}.Deployment`, lookup);
  const d = decodeK8sProtobuf(body, lookupByGvk, lookup);
  assert.deepEqual(d.object, obj);
});

test('zero values: omitted unless ptr or required; empty nested messages kept', () => {
  const obj = {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'x' },
    spec: {
      replicas: 0, minReadySeconds: 0, paused: false, progressDeadlineSeconds: 600,
      template: { spec: { containers: [{ name: '', ports: [{ containerPort: 0 }], stdin: false }] } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: 0 } },
    },
  };
  const d = decodeK8sProtobuf(encodeK8sProtobuf('apps/v1', 'Deployment', obj, `${A}.Deployment`, lookup), lookupByGvk, lookup);
  const spec = d.object.spec as any;
  assert.equal(spec.replicas, 0); // ptr: kept
  assert.ok(!('minReadySeconds' in spec));
  assert.ok(!('paused' in spec));
  assert.equal(spec.progressDeadlineSeconds, 600);
  assert.deepEqual(spec.template.spec.containers, [{ name: '', ports: [{ containerPort: 0 }] }]);
  assert.deepEqual(spec.template.metadata, undefined); // not sent → absent
  assert.deepEqual(spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: 0 } });
});

test('well-known wrapper types decode to their Go JSON forms', () => {
  const obj = {
    apiVersion: 'test/v1', kind: 'Everything',
    when: '2024-01-02T03:04:05Z', micro: '2024-01-02T03:04:05.123456Z', wait: '1h0m0s',
    data: Buffer.from('hello').toString('base64'), extra: { groups: ['a', 'b'], empty: [] },
    raw: { kind: 'X', spec: { a: [1, 2] } }, ratio: 0.25, port: 'http', big: 1234567890123, neg: -5, flags: [1, 2, 3],
    fields: { 'f:metadata': {} }, zero: 0, off: false,
  };
  const d = decodeK8sProtobuf(encodeK8sProtobuf('test/v1', 'Everything', obj, `${C}.Everything`, lookup), lookupByGvk, lookup);
  assert.deepEqual(d.object, obj);
});

test('a zero Time is omitted; IntOrString int form; nanos truncated for Time', () => {
  const obj = { apiVersion: 'test/v1', kind: 'Everything', when: '1970-01-01T00:00:00Z', port: 8080, micro: '2024-01-02T03:04:05.5Z' };
  const d = decodeK8sProtobuf(encodeK8sProtobuf('test/v1', 'Everything', obj, `${C}.Everything`, lookup), lookupByGvk, lookup);
  assert.deepEqual(d.object, { apiVersion: 'test/v1', kind: 'Everything', port: 8080, micro: '2024-01-02T03:04:05.500000Z' });
  assert.equal(formatRFC3339(1704164645n, 999_999_999), '2024-01-02T03:04:05Z');
});

test('packed repeated scalars are accepted', () => {
  // Everything.flags (11) packed: tag 0x5a, len 3, values 1 2 3
  const raw = hex('5a03 010203');
  const typeMeta = hex('0a07"test/v1" 120a"Everything"');
  const body = Uint8Array.from([...hex('6b387300'), 0x0a, typeMeta.length, ...typeMeta, 0x12, raw.length, ...raw]);
  const d = decodeK8sProtobuf(body, lookupByGvk, lookup);
  assert.deepEqual(d.object.flags, [1, 2, 3]);
});

test('unknown field numbers are skipped and reported', () => {
  // Namespace with metadata{name x, field 99 varint 7} and a top-level field 42 (string).
  const meta = hex('0a01"x" 98 06 07');
  const raw = Uint8Array.from([0x0a, meta.length, ...meta, ...hex('d202 03"abc"')]);
  const typeMeta = hex('0a02"v1" 1209"Namespace"');
  const body = Uint8Array.from([...hex('6b387300'), 0x0a, typeMeta.length, ...typeMeta, 0x12, raw.length, ...raw]);
  const d = decodeK8sProtobuf(body, lookupByGvk, lookup);
  assert.deepEqual(d.object, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } });
  assert.deepEqual(d.unknownFields, [{ path: 'metadata', field: 99 }, { path: '', field: 42 }]);
});

test('malformed bodies throw ProtobufDecodeError', () => {
  const bad: [string, Uint8Array][] = [
    ['empty', new Uint8Array(0)],
    ['wrong magic', hex('6b387301 0a00')],
    ['JSON body', new TextEncoder().encode('{"kind":"Namespace"}')],
    ['truncated varint', hex('6b387300 0a')],
    ['length beyond end', hex('6b387300 0a7f 0a02"v1"')],
    ['unknown kind', hex('6b387300 0a0b 0a02"v1" 1205"Nopes" 1200')],
    ['wrong wire type', hex('6b387300 0a0f 0a02"v1" 1209"Namespace" 1204 0a02 0801')],
    ['no kind', hex('6b387300 0a04 0a02"v1"')],
    ['gzip encoding', hex('6b387300 0a0f 0a02"v1" 1209"Namespace" 1200 1a04"gzip"')],
  ];
  for (const [name, body] of bad) {
    assert.throws(() => decodeK8sProtobuf(body, lookupByGvk, lookup), ProtobufDecodeError, name);
  }
  // wrong magic has a clear message
  assert.throws(() => decodeK8sProtobuf(hex('00000000'), lookupByGvk, lookup), /k8s\\x00/);
});

test('every truncation or corruption of a valid body fails cleanly', () => {
  const body = encodeK8sProtobuf('test/v1', 'Everything', {
    when: '2024-01-02T03:04:05Z', wait: '90s', extra: { g: ['a'] }, raw: { a: 1 }, port: 'x', flags: [1],
  }, `${C}.Everything`, lookup);
  for (let n = 0; n < body.length; n++) {
    try {
      decodeK8sProtobuf(body.subarray(0, n), lookupByGvk, lookup);
    } catch (e) {
      assert.ok(e instanceof ProtobufDecodeError, `truncated at ${n}: ${String(e)}`);
    }
  }
  for (let i = 4; i < body.length; i++) {
    for (const b of [0x00, 0xff, 0x80, 0x07]) {
      const c = Uint8Array.from(body);
      c[i] = b;
      try {
        decodeK8sProtobuf(c, lookupByGvk, lookup);
      } catch (e) {
        assert.ok(e instanceof ProtobufDecodeError, `byte ${i}=${b}: ${String(e)}`);
      }
    }
  }
});

test('Go duration strings', () => {
  const cases: [number | bigint, string][] = [
    [0, '0s'], [30e9, '30s'], [90e9, '1m30s'], [3600e9, '1h0m0s'], [1.5e9, '1.5s'], [300e6, '300ms'],
    [2000, '2µs'], [10, '10ns'], [-90e9, '-1m30s'], [26 * 3600e9 + 1e6, '26h0m0.001s'],
  ];
  for (const [ns, s] of cases) {
    assert.equal(formatGoDuration(BigInt(ns)), s);
    assert.equal(parseGoDuration(s), BigInt(ns));
  }
  assert.equal(parseGoDuration('abc'), undefined);
});

test('the real schema registry decodes the captured namespace body (when it loads)', async (t) => {
  let mod: { TYPES: ReadonlyMap<string, TypeDef>; typeDef: (n: string) => TypeDef | undefined };
  try {
    mod = await import('../../server/cluster/schema/index.ts');
  } catch (e) {
    t.skip(`schema registry does not load yet: ${String(e).split('\n')[0]}`);
    return;
  }
  const byGvk = (apiVersion: string, kind: string) => {
    for (const d of mod.TYPES.values()) {
      for (const g of d.gvk ?? []) if ((g.group ? `${g.group}/${g.version}` : g.version) === apiVersion && g.kind === kind) return d;
    }
    return undefined;
  };
  if (!byGvk('v1', 'Namespace')) { t.skip('Namespace is not declared yet'); return; }
  const d = decodeK8sProtobuf(CREATE_NAMESPACE_X, byGvk, mod.typeDef);
  assert.deepEqual(d.object, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' }, spec: {}, status: {} });
});
