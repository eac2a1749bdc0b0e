import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  jsonMergePatch, jsonPatch, strategicMergePatch, serverSideApply, PatchError, UNPROCESSABLE_MESSAGE,
} from '../../server/cluster/api/patch.ts';
import { expand, type TypeDecls, type TypeDef } from '../../server/cluster/schema/types.ts';

// A small fixture schema shaped like the real one (patch metadata as in the Kubernetes API).
const P = 'test.v1.';
const decls: TypeDecls = {
  [P + 'Deployment']: { description: 'd', fields: [
    ['apiVersion', 0, 'string', ''], ['kind', 0, 'string', ''],
    ['metadata', 1, P + 'ObjectMeta', ''], ['spec', 2, P + 'DeploymentSpec', ''],
  ] },
  [P + 'Node']: { description: 'n', fields: [
    ['metadata', 1, P + 'ObjectMeta', ''], ['spec', 2, P + 'NodeSpec', ''],
  ] },
  [P + 'NodeSpec']: { description: 'ns', fields: [
    ['unschedulable', 4, 'bool', ''], ['taints', 5, '[]' + P + 'Taint', '', { listType: 'atomic' }],
  ] },
  [P + 'Taint']: { description: 't', fields: [['key', 1, 'string', ''], ['value', 2, 'string', ''], ['effect', 3, 'string', '']] },
  [P + 'ObjectMeta']: { description: 'm', fields: [
    ['name', 1, 'string', ''], ['labels', 11, 'map[string]', ''], ['annotations', 12, 'map[string]', ''],
    ['finalizers', 14, '[]string', '', { patchStrategy: 'merge', listType: 'set' }],
    ['ownerReferences', 13, '[]' + P + 'OwnerReference', '', { patchStrategy: 'merge', patchMergeKey: 'uid', listType: 'map', listMapKeys: ['uid'] }],
  ] },
  [P + 'OwnerReference']: { description: 'o', fields: [['uid', 4, 'string', ''], ['name', 3, 'string', '']] },
  [P + 'DeploymentSpec']: { description: 's', fields: [
    ['replicas', 1, 'int32', ''], ['selector', 2, P + 'LabelSelector', ''], ['template', 3, P + 'PodTemplateSpec', ''],
    ['strategy', 4, P + 'DeploymentStrategy', '', { patchStrategy: 'retainKeys' }],
  ] },
  [P + 'DeploymentStrategy']: { description: 'ds', fields: [['type', 1, 'string', ''], ['rollingUpdate', 2, 'JSON', '']] },
  [P + 'LabelSelector']: { description: 'l', fields: [['matchLabels', 1, 'map[string]', '']] },
  [P + 'PodTemplateSpec']: { description: 't', fields: [['metadata', 1, P + 'ObjectMeta', ''], ['spec', 2, P + 'PodSpec', '']] },
  [P + 'PodSpec']: { description: 'p', fields: [
    ['containers', 2, '[]' + P + 'Container', '', { patchStrategy: 'merge', patchMergeKey: 'name' }],
    ['volumes', 1, '[]' + P + 'Volume', '', { patchStrategy: 'merge,retainKeys', patchMergeKey: 'name' }],
    ['nodeSelector', 7, 'map[string]', ''],
    ['tolerations', 22, '[]' + P + 'Taint', '', { listType: 'atomic' }],
    ['securityContext', 14, P + 'PodSecurityContext', ''],
  ] },
  [P + 'PodSecurityContext']: { description: 'sc', fields: [['runAsUser', 5, 'int64', '']] },
  [P + 'Container']: { description: 'c', fields: [
    ['name', 1, 'string', ''], ['image', 2, 'string', ''], ['args', 4, '[]string', '', { listType: 'atomic' }],
    ['ports', 6, '[]' + P + 'ContainerPort', '', { patchStrategy: 'merge', patchMergeKey: 'containerPort', listType: 'map', listMapKeys: ['containerPort', 'protocol'] }],
    ['env', 7, '[]' + P + 'EnvVar', '', { patchStrategy: 'merge', patchMergeKey: 'name' }],
    ['resources', 8, P + 'ResourceRequirements', ''],
  ] },
  [P + 'ContainerPort']: { description: 'cp', fields: [['name', 1, 'string', ''], ['containerPort', 3, 'int32', ''], ['protocol', 4, 'string', '']] },
  [P + 'EnvVar']: { description: 'e', fields: [['name', 1, 'string', ''], ['value', 2, 'string', '']] },
  [P + 'ResourceRequirements']: { description: 'r', fields: [['limits', 1, 'map[Quantity]', ''], ['requests', 2, 'map[Quantity]', '']] },
  [P + 'Volume']: { description: 'v', fields: [
    ['name', 1, 'string', ''], ['emptyDir', 2, P + 'EmptyDir', ''], ['configMap', 3, P + 'ConfigMapVolume', ''],
  ] },
  [P + 'EmptyDir']: { description: 'ed', fields: [['medium', 1, 'string', '']] },
  [P + 'ConfigMapVolume']: { description: 'cm', fields: [['name', 1, 'string', '']] },
};
const TYPES = new Map<string, TypeDef>(Object.entries(decls).map(([n, d]) => [n, expand(n, d)]));
const lookup = (name: string): TypeDef | undefined => TYPES.get(name);
const DEPLOY = P + 'Deployment';

function deployment(): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web', tier: 'front' }, finalizers: ['a', 'b'] },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            { name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'A', value: '1' }] },
            { name: 'sidecar', image: 'busybox', args: ['sleep', '3600'] },
          ],
          volumes: [{ name: 'data', emptyDir: {} }, { name: 'cache', emptyDir: { medium: 'Memory' } }],
          nodeSelector: { disk: 'hdd', zone: 'a' },
          securityContext: { runAsUser: 1000 },
        },
      },
    },
  };
}

function podSpec(o: Record<string, unknown>): Record<string, any> {
  return (o as any).spec.template.spec;
}

// ---------------------------------------------------------------------------------------------

test('merge patch: RFC 7386 appendix A cases', () => {
  const cases: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
    [{ a: 'foo' }, ['c'], ['c']],
  ];
  for (const [target, patch, want] of cases) assert.deepEqual(jsonMergePatch(target, patch), want, JSON.stringify(patch));
});

test('merge patch: does not modify inputs; null or scalar patch is a 400', () => {
  const t = { a: { b: 1 } };
  const p = { a: { c: 2 } };
  jsonMergePatch(t, p);
  assert.deepEqual(t, { a: { b: 1 } });
  assert.deepEqual(p, { a: { c: 2 } });
  for (const bad of [null, 'x', 3]) {
    assert.throws(() => jsonMergePatch(t, bad), (e: unknown) => e instanceof PatchError && e.code === 400 && e.message === 'Invalid JSON Patch');
  }
});

// ---------------------------------------------------------------------------------------------

test('json patch: operations', () => {
  const doc = deployment();
  const out = jsonPatch(doc, [
    { op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'nginx:1.27' },
    { op: 'add', path: '/metadata/labels/env', value: 'prod' },
    { op: 'remove', path: '/metadata/labels/tier' },
    { op: 'add', path: '/spec/template/spec/containers/0/env/-', value: { name: 'B', value: '2' } },
    { op: 'test', path: '/spec/replicas', value: 2 },
    { op: 'replace', path: '/spec/replicas', value: 3 },
    { op: 'copy', from: '/metadata/labels/app', path: '/metadata/labels/copied' },
    { op: 'move', from: '/metadata/finalizers/0', path: '/metadata/finalizers/-' },
    { op: 'remove', path: '/spec/template/spec/volumes/-1' },
  ]) as any;
  assert.equal(out.spec.template.spec.containers[0].image, 'nginx:1.27');
  assert.deepEqual(out.metadata.labels, { app: 'web', env: 'prod', copied: 'web' });
  assert.deepEqual(out.spec.template.spec.containers[0].env, [{ name: 'A', value: '1' }, { name: 'B', value: '2' }]);
  assert.equal(out.spec.replicas, 3);
  assert.deepEqual(out.metadata.finalizers, ['b', 'a']);
  assert.deepEqual(out.spec.template.spec.volumes, [{ name: 'data', emptyDir: {} }]);
  assert.equal((doc as any).spec.replicas, 2, 'input untouched');
});

test('json patch: replace of an absent member sets it, like the apiserver', () => {
  const out = jsonPatch({ spec: {} }, [{ op: 'replace', path: '/spec/replicas', value: 5 }]);
  assert.deepEqual(out, { spec: { replicas: 5 } });
});

test('json patch: failures are 422 with the generic message and the library text as detail', () => {
  const doc = deployment();
  const cases: [unknown[], string][] = [
    [[{ op: 'test', path: '/spec/replicas', value: 3 }], 'testing value /spec/replicas failed: test failed'],
    [[{ op: 'add', path: '/metadata/annotations/x', value: 'y' }], 'add operation does not apply: doc is missing path: "/metadata/annotations/x": missing value'],
    [[{ op: 'remove', path: '/metadata/labels/nope' }], "error in remove for path: '/metadata/labels/nope': Unable to remove nonexistent key: nope: missing value"],
    [[{ op: 'remove', path: '/spec/template/spec/containers/5' }], "error in remove for path: '/spec/template/spec/containers/5': Unable to access invalid index: 5: invalid index referenced"],
    [[{ op: 'replace', path: '/spec/template/spec/containers/9', value: {} }], 'replace operation does not apply: doc is missing key: /spec/template/spec/containers/9: missing value'],
    [[{ op: 'replace', path: '/nope/x', value: 1 }], 'replace operation does not apply: doc is missing path: /nope/x: missing value'],
    [[{ op: 'add', path: '/metadata/finalizers/7', value: 'z' }], "error in add for path: '/metadata/finalizers/7': Unable to access invalid index: 7: invalid index referenced"],
    [[{ op: 'test', path: '/nope/x', value: 1 }], 'test operation does not apply: is missing path: /nope/x: missing value'],
    [[{ op: 'frobnicate', path: '/a' }], 'Unexpected kind: frobnicate'],
    [[{ path: '/a' }], 'Unexpected kind: unknown'],
    [[{ op: 'add', value: 1 }], 'add operation failed to decode path: missing value'],
    [[{ op: 'move', path: '/a' }], 'move operation failed to decode from: operation, missing from field: missing value'],
  ];
  for (const [ops, detail] of cases) {
    assert.throws(() => jsonPatch(doc, ops), (e: unknown) => {
      assert.ok(e instanceof PatchError);
      assert.equal(e.code, 422);
      assert.equal(e.reason, 'Invalid');
      assert.equal(e.message, UNPROCESSABLE_MESSAGE);
      assert.equal(e.detail, detail);
      return true;
    }, JSON.stringify(ops));
  }
  // test against an absent member with value null passes, as upstream
  assert.deepEqual(jsonPatch({ a: 1 }, [{ op: 'test', path: '/b', value: null }]), { a: 1 });
});

test('json patch: undecodable bodies are 400, too many operations 413', () => {
  assert.throws(() => jsonPatch({}, { op: 'add' }), {
    name: 'PatchError', message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
  });
  assert.throws(() => jsonPatch({}, ['x']), {
    name: 'PatchError', message: 'json: cannot unmarshal string into Go value of type jsonpatch.Operation',
  });
  const many = Array.from({ length: 10001 }, () => ({ op: 'test', path: '/a', value: 1 }));
  assert.throws(() => jsonPatch({ a: 1 }, many), (e: unknown) => e instanceof PatchError && e.code === 413
    && e.message === 'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001');
});

// ---------------------------------------------------------------------------------------------

test('smp: kubectl apply changes one image ($setElementOrder/containers)', () => {
  const patch = {
    metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } },
    spec: { template: { spec: {
      '$setElementOrder/containers': [{ name: 'web' }, { name: 'sidecar' }],
      containers: [{ image: 'nginx:1.26', name: 'web' }],
    } } },
  };
  const out = strategicMergePatch(deployment(), patch, DEPLOY, lookup);
  const c = podSpec(out).containers;
  assert.deepEqual(c.map((x: any) => x.name), ['web', 'sidecar']);
  assert.equal(c[0].image, 'nginx:1.26');
  assert.deepEqual(c[0].ports, [{ containerPort: 80, protocol: 'TCP' }], 'untouched fields kept');
  assert.equal(c[1].image, 'busybox');
  assert.equal((out as any).metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'], '{}');
  assert.deepEqual((out as any).metadata.labels, { app: 'web', tier: 'front' });
});

test('smp: $setElementOrder reorders and inserts new items where the order says', () => {
  const out = strategicMergePatch(deployment(), { spec: { template: { spec: {
    '$setElementOrder/containers': [{ name: 'init' }, { name: 'web' }, { name: 'sidecar' }],
    containers: [{ name: 'init', image: 'alpine' }],
  } } } }, DEPLOY, lookup);
  assert.deepEqual(podSpec(out).containers.map((x: any) => x.name), ['init', 'web', 'sidecar']);
});

test('smp: kubectl set image keeps container order', () => {
  const out = strategicMergePatch(deployment(), { spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'busybox:1.36' }] } } } }, DEPLOY, lookup);
  assert.deepEqual(podSpec(out).containers.map((x: any) => [x.name, x.image]), [['web', 'nginx:1.25'], ['sidecar', 'busybox:1.36']]);
});

test('smp: remove a container with $patch: delete', () => {
  const out = strategicMergePatch(deployment(), { spec: { template: { spec: {
    '$setElementOrder/containers': [{ name: 'web' }],
    containers: [{ $patch: 'delete', name: 'sidecar' }],
  } } } }, DEPLOY, lookup);
  assert.deepEqual(podSpec(out).containers.map((x: any) => x.name), ['web']);
});

test('smp: add a port to a container (nested merge lists)', () => {
  const out = strategicMergePatch(deployment(), { spec: { template: { spec: {
    '$setElementOrder/containers': [{ name: 'web' }, { name: 'sidecar' }],
    containers: [{ name: 'web', '$setElementOrder/ports': [{ containerPort: 80 }, { containerPort: 443 }], ports: [{ containerPort: 443 }] }],
  } } } }, DEPLOY, lookup);
  assert.deepEqual(podSpec(out).containers[0].ports, [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 443 }]);
  assert.deepEqual(podSpec(out).containers[0].env, [{ name: 'A', value: '1' }]);
});

test('smp: null deletes a label; maps of unknown element type merge', () => {
  const out = strategicMergePatch(deployment(), { metadata: { labels: { tier: null, env: 'prod' } } }, DEPLOY, lookup) as any;
  assert.deepEqual(out.metadata.labels, { app: 'web', env: 'prod' });
  const out2 = strategicMergePatch(deployment(), { spec: { template: { spec: { containers: [{ name: 'web', resources: { limits: { cpu: '500m' } } }] } } } }, DEPLOY, lookup);
  assert.deepEqual(podSpec(out2).containers[0].resources, { limits: { cpu: '500m' } });
});

test('smp: $retainKeys on volumes switches the volume source', () => {
  const out = strategicMergePatch(deployment(), { spec: { template: { spec: {
    '$setElementOrder/volumes': [{ name: 'data' }, { name: 'cache' }],
    volumes: [{ $retainKeys: ['configMap', 'name'], configMap: { name: 'cfg' }, name: 'data' }],
  } } } }, DEPLOY, lookup);
  assert.deepEqual(podSpec(out).volumes, [{ name: 'data', configMap: { name: 'cfg' } }, { name: 'cache', emptyDir: { medium: 'Memory' } }]);
});

test('smp: $retainKeys on a struct (deployment strategy Recreate)', () => {
  const out = strategicMergePatch(deployment(), { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, DEPLOY, lookup) as any;
  assert.deepEqual(out.spec.strategy, { type: 'Recreate' });
});

test('smp: $retainKeys that does not list a patched key is a 400', () => {
  assert.throws(() => strategicMergePatch(deployment(), { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } }, DEPLOY, lookup),
    (e: unknown) => e instanceof PatchError && e.code === 400 && e.message === 'invalid patch format of retainKeys');
});

test('smp: primitive merge lists are sets; $deleteFromPrimitiveList removes', () => {
  const merged = strategicMergePatch(deployment(), { metadata: { finalizers: ['c', 'a'] } }, DEPLOY, lookup) as any;
  assert.deepEqual(merged.metadata.finalizers, ['c', 'a', 'b']);
  const del = strategicMergePatch(deployment(), { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }, DEPLOY, lookup) as any;
  assert.deepEqual(del.metadata.finalizers, ['b']);
  const both = strategicMergePatch(deployment(), { metadata: {
    '$setElementOrder/finalizers': ['b', 'c'], '$deleteFromPrimitiveList/finalizers': ['a'], finalizers: ['c'],
  } }, DEPLOY, lookup) as any;
  assert.deepEqual(both.metadata.finalizers, ['b', 'c']);
});

test('smp: lists without merge strategy are replaced (args, node taints); cordon; rollout restart', () => {
  const out = strategicMergePatch(deployment(), { spec: { template: { spec: { containers: [{ name: 'sidecar', args: ['sleep', '1'] }] } } } }, DEPLOY, lookup);
  assert.deepEqual(podSpec(out).containers[1].args, ['sleep', '1']);

  const node = { metadata: { name: 'node01' }, spec: { taints: [{ key: 'a', value: '1', effect: 'NoSchedule' }] } };
  const tainted = strategicMergePatch(node, { spec: { taints: [{ key: 'b', effect: 'NoExecute' }] } }, P + 'Node', lookup) as any;
  assert.deepEqual(tainted.spec.taints, [{ key: 'b', effect: 'NoExecute' }]);
  const cordoned = strategicMergePatch(node, { spec: { unschedulable: true } }, P + 'Node', lookup) as any;
  assert.equal(cordoned.spec.unschedulable, true);
  assert.equal(cordoned.spec.taints.length, 1);

  const restarted = strategicMergePatch(deployment(), { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' } } } } }, DEPLOY, lookup) as any;
  assert.deepEqual(restarted.spec.template.metadata, { labels: { app: 'web' }, annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' } });
});

test('smp: $patch replace and delete directives', () => {
  const replacedMap = strategicMergePatch(deployment(), { spec: { template: { spec: { nodeSelector: { $patch: 'replace', disk: 'ssd' } } } } }, DEPLOY, lookup);
  assert.deepEqual(podSpec(replacedMap).nodeSelector, { disk: 'ssd' });
  const replacedList = strategicMergePatch(deployment(), { spec: { template: { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } } } }, DEPLOY, lookup);
  assert.deepEqual(podSpec(replacedList).containers, [{ name: 'only', image: 'x' }]);
  const deletedMap = strategicMergePatch(deployment(), { spec: { template: { spec: { securityContext: { $patch: 'delete' } } } } }, DEPLOY, lookup);
  assert.deepEqual(podSpec(deletedMap).securityContext, {});
  const whole = strategicMergePatch(deployment(), { $patch: 'replace', kind: 'Deployment' }, DEPLOY, lookup);
  assert.deepEqual(whole, { kind: 'Deployment' });
});

test('smp: new values are taken without nulls and without directive items', () => {
  const out = strategicMergePatch({ metadata: { name: 'x' } }, { metadata: { labels: { a: '1', b: null } }, spec: { template: { spec: {
    containers: [{ name: 'a', image: 'i' }, { name: 'gone', $patch: 'delete' }],
  } } } }, DEPLOY, lookup) as any;
  assert.deepEqual(out.metadata.labels, { a: '1' });
  assert.deepEqual(out.spec.template.spec.containers, [{ name: 'a', image: 'i' }]);
});

test('smp: unknown types fall back to merge-patch semantics', () => {
  const cr = { spec: { size: 1, items: [1, 2], nested: { a: 1, b: 2 } } };
  const out = strategicMergePatch(cr, { spec: { items: [3], nested: { b: null, c: 3 } } }, 'example.com.v1.Widget', lookup);
  assert.deepEqual(out, { spec: { size: 1, items: [3], nested: { a: 1, c: 3 } } });
});

test('smp: errors', () => {
  const cases: [unknown, number, string][] = [
    [{ spec: { template: { spec: { containers: [{ image: 'x' }] } } } }, 500, 'map: map[image:x] does not contain declared merge key: name'],
    [{ metadata: { finalizers: [['x']] } }, 500, 'list element types are not identical: [[a b] [[x]]]'],
    [{ spec: { template: { spec: { containers: [{ name: 'web', $patch: 'merge' }] } } } }, 500, 'merging lists cannot yet be specified in the patch'],
    [{ spec: { template: { spec: { nodeSelector: { $patch: 'merge' } } } } }, 500, 'unknown patch type: merge in map: map[$patch:merge]'],
    [{ spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'sidecar' }], containers: [{ name: 'web', image: 'y' }] } } } }, 500,
      "The order in patch list:\n[map[image:y name:web]]\n doesn't match $setElementOrder list:\n[map[name:sidecar]]\n"],
    [{ metadata: { '$deleteFromPrimitiveListfinalizers': ['a'] } }, 400, 'invalid patch format of primitive list'],
  ];
  for (const [patch, code, msg] of cases) {
    assert.throws(() => strategicMergePatch(deployment(), patch, DEPLOY, lookup), (e: unknown) => {
      assert.ok(e instanceof PatchError, JSON.stringify(patch));
      assert.equal(e.code, code, JSON.stringify(patch));
      assert.equal(e.detail, msg);
      return true;
    });
  }
  assert.throws(() => strategicMergePatch({ metadata: { finalizers: [] } }, { metadata: { finalizers: [['x']] } }, DEPLOY, lookup),
    (e: unknown) => e instanceof PatchError && e.code === 422 && e.message === UNPROCESSABLE_MESSAGE && e.detail === 'lists of lists are not supported');
  assert.throws(() => strategicMergePatch({}, [1], DEPLOY, lookup), {
    name: 'PatchError', message: 'json: cannot unmarshal array into Go value of type map[string]interface {}',
  });
});

test('smp: inputs are not modified', () => {
  const d = deployment();
  const before = JSON.stringify(d);
  const patch = { spec: { template: { spec: { containers: [{ name: 'web', image: 'z' }] } } } };
  const pBefore = JSON.stringify(patch);
  strategicMergePatch(d, patch, DEPLOY, lookup);
  assert.equal(JSON.stringify(d), before);
  assert.equal(JSON.stringify(patch), pBefore);
});

// ---------------------------------------------------------------------------------------------

test('server-side apply: merges by list-map keys, replaces atomic lists, merges maps', () => {
  const applied = {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', labels: { env: 'prod' } },
    spec: { replicas: 3, template: { spec: {
      containers: [
        { name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }, { containerPort: 443 }] },
        { name: 'sidecar', args: ['sleep', '10'] },
      ],
    } } },
  };
  const out = serverSideApply(deployment(), applied, DEPLOY, lookup) as any;
  assert.equal(out.spec.replicas, 3);
  assert.deepEqual(out.metadata.labels, { app: 'web', tier: 'front', env: 'prod' });
  const [web, sidecar] = out.spec.template.spec.containers;
  assert.equal(web.image, 'nginx:1.27');
  assert.deepEqual(web.ports, [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 443 }]);
  assert.deepEqual(web.env, [{ name: 'A', value: '1' }]);
  assert.deepEqual(sidecar.args, ['sleep', '10']);
  assert.equal(sidecar.image, 'busybox');

  const created = serverSideApply(undefined, { metadata: { name: 'n', finalizers: ['x'] } }, DEPLOY, lookup);
  assert.deepEqual(created, { metadata: { name: 'n', finalizers: ['x'] } });
  const setUnion = serverSideApply(deployment(), { metadata: { finalizers: ['b', 'c'] } }, DEPLOY, lookup) as any;
  assert.deepEqual(setUnion.metadata.finalizers, ['a', 'b', 'c']);
});
