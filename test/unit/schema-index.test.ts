import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TYPES } from '../../server/cluster/schema/index.ts';

const SCALARS = new Set(['string', 'int32', 'int64', 'bool', 'double', 'bytes', 'Time', 'MicroTime', 'Duration', 'Quantity', 'IntOrString', 'RawExtension', 'FieldsV1', 'JSON']);

function base(t: string): string {
  while (t.startsWith('[]') || t.startsWith('map[')) t = t.startsWith('[]') ? t.slice(2) : t.slice(4, -1);
  return t;
}

test('every type any module references is declared by exactly one module', () => {
  assert.ok(TYPES.size > 400, `only ${TYPES.size} types`);
  for (const def of TYPES.values()) {
    for (const f of def.fields) {
      const t = base(f.type);
      assert.ok(SCALARS.has(t) || TYPES.has(t), `${def.name}.${f.name}: ${f.type} is not declared`);
    }
  }
});

test('inline fields name an embedded type and carry a protobuf number', () => {
  const pv = TYPES.get('io.k8s.api.core.v1.PersistentVolumeSpec')!;
  const inline = pv.fields.find((f) => f.inline)!;
  assert.equal(inline.type, 'io.k8s.api.core.v1.PersistentVolumeSource');
  assert.equal(inline.proto, 2);
  assert.ok(TYPES.get('io.k8s.api.core.v1.PersistentVolumeSource')!.fields.some((f) => f.name === 'hostPath'));
});
