import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decls } from '../../server/cluster/schema/workloads.ts';
import { decls as metaDecls } from '../../server/cluster/schema/meta.ts';
import { expand, type TypeDef } from '../../server/cluster/schema/types.ts';

const SCALARS = new Set([
  'string', 'int32', 'int64', 'bool', 'double', 'bytes', 'Time', 'MicroTime', 'Duration',
  'Quantity', 'IntOrString', 'RawExtension', 'FieldsV1', 'JSON',
]);
const OWN_PREFIXES = [
  'io.k8s.api.apps.v1.', 'io.k8s.api.batch.v1.', 'io.k8s.api.autoscaling.v1.',
  'io.k8s.api.autoscaling.v2.', 'io.k8s.api.policy.v1.', 'io.k8s.api.networking.v1.',
];
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';
const CORE = 'io.k8s.api.core.v1.';

const defs: Map<string, TypeDef> = new Map(Object.entries(decls).map(([n, d]) => [n, expand(n, d)]));

function elementType(t: string): string {
  if (t.startsWith('[]')) return elementType(t.slice(2));
  if (t.startsWith('map[') && t.endsWith(']')) return elementType(t.slice(4, -1));
  return t;
}

function field(type: string, name: string) {
  const f = defs.get(type)?.fields.find((x) => x.name === name);
  assert.ok(f, `${type}.${name} is declared`);
  return f;
}

test('declares only types of the groups this module owns', () => {
  for (const name of defs.keys()) {
    assert.ok(OWN_PREFIXES.some((p) => name.startsWith(p)), `${name} belongs to this module`);
  }
});

test('every referenced type is a scalar, declared here, or a meta/core type owned elsewhere', () => {
  for (const def of defs.values()) {
    for (const f of def.fields) {
      const t = elementType(f.type);
      if (SCALARS.has(t) || defs.has(t)) continue;
      if (t.startsWith(META)) {
        assert.ok(t in metaDecls, `${def.name}.${f.name}: ${t} is declared by meta.ts`);
        continue;
      }
      assert.ok(t.startsWith(CORE), `${def.name}.${f.name}: unknown type ${t}`);
    }
  }
});

test('proto numbers are unique and positive, except the documented no-proto fields', () => {
  for (const def of defs.values()) {
    const seen = new Set<number>();
    const names = new Set<string>();
    for (const { name, proto } of def.fields) {
      assert.ok(!names.has(name), `${def.name}.${name} declared once`);
      names.add(name);
      if (proto === 0) {
        const typeMeta = def.gvk !== undefined && (name === 'apiVersion' || name === 'kind');
        assert.ok(typeMeta, `${def.name}.${name} has proto 0 without reason`);
        continue;
      }
      assert.ok(proto > 0, `${def.name}.${name} proto > 0`);
      assert.ok(!seen.has(proto), `${def.name}: proto ${proto} used twice`);
      seen.add(proto);
    }
  }
});

test('IngressRule embeds IngressRuleValue inline at protobuf field 2', () => {
  const f = defs.get('io.k8s.api.networking.v1.IngressRule')!.fields.find((x) => x.name === '');
  assert.ok(f);
  assert.equal(f.proto, 2);
  assert.equal(f.inline, true);
  assert.equal(f.type, 'io.k8s.api.networking.v1.IngressRuleValue');
});

test('every type and field has a one-line description', () => {
  for (const def of defs.values()) {
    assert.ok(def.description.length > 10 && !def.description.includes('\n'), def.name);
    for (const f of def.fields) {
      assert.ok(f.description.length > 5 && !f.description.includes('\n'), `${def.name}.${f.name}`);
    }
  }
});

test('top-level kinds and lists carry gvk and apiVersion/kind', () => {
  const kinds: [string, string, string][] = [
    ['io.k8s.api.apps.v1.Deployment', 'apps', 'v1'],
    ['io.k8s.api.apps.v1.StatefulSetList', 'apps', 'v1'],
    ['io.k8s.api.apps.v1.ControllerRevision', 'apps', 'v1'],
    ['io.k8s.api.batch.v1.CronJob', 'batch', 'v1'],
    ['io.k8s.api.autoscaling.v1.Scale', 'autoscaling', 'v1'],
    ['io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler', 'autoscaling', 'v2'],
    ['io.k8s.api.policy.v1.Eviction', 'policy', 'v1'],
    ['io.k8s.api.networking.v1.ServiceCIDRList', 'networking.k8s.io', 'v1'],
  ];
  for (const [name, group, version] of kinds) {
    const kind = name.slice(name.lastIndexOf('.') + 1);
    assert.deepEqual(defs.get(name)?.gvk, [{ group, version, kind }], name);
    assert.equal(field(name, 'kind').proto, 0);
    assert.equal(field(name, 'apiVersion').proto, 0);
  }
  assert.equal(defs.get('io.k8s.api.batch.v1.JobTemplateSpec')?.gvk, undefined);
  const withGvk = [...defs.values()].filter((d) => d.gvk).length;
  assert.equal(withGvk, 32);
});

test('spot-checked protobuf numbers from generated.proto', () => {
  const checks: [string, string, number][] = [
    ['io.k8s.api.apps.v1.DeploymentSpec', 'template', 3],
    ['io.k8s.api.apps.v1.DeploymentSpec', 'progressDeadlineSeconds', 9],
    ['io.k8s.api.apps.v1.DeploymentStatus', 'readyReplicas', 7],
    ['io.k8s.api.apps.v1.DeploymentStatus', 'terminatingReplicas', 9],
    ['io.k8s.api.apps.v1.DeploymentCondition', 'lastUpdateTime', 6],
    ['io.k8s.api.apps.v1.StatefulSetStatus', 'collisionCount', 9],
    ['io.k8s.api.apps.v1.StatefulSetSpec', 'ordinals', 11],
    ['io.k8s.api.apps.v1.ReplicaSetSpec', 'minReadySeconds', 4],
    ['io.k8s.api.apps.v1.DaemonSetSpec', 'revisionHistoryLimit', 6],
    ['io.k8s.api.batch.v1.JobSpec', 'backoffLimit', 7],
    ['io.k8s.api.batch.v1.JobSpec', 'podFailurePolicy', 11],
    ['io.k8s.api.batch.v1.JobSpec', 'managedBy', 15],
    ['io.k8s.api.batch.v1.JobSpec', 'successPolicy', 16],
    ['io.k8s.api.batch.v1.JobStatus', 'terminating', 11],
    ['io.k8s.api.batch.v1.CronJobSpec', 'timeZone', 8],
    ['io.k8s.api.batch.v1.CronJobStatus', 'lastSuccessfulTime', 5],
    ['io.k8s.api.autoscaling.v2.MetricSpec', 'containerResource', 7],
    ['io.k8s.api.autoscaling.v2.HPAScalingRules', 'stabilizationWindowSeconds', 3],
    ['io.k8s.api.autoscaling.v2.HPAScalingRules', 'tolerance', 4],
    ['io.k8s.api.policy.v1.PodDisruptionBudgetSpec', 'unhealthyPodEvictionPolicy', 4],
    ['io.k8s.api.networking.v1.IngressSpec', 'ingressClassName', 4],
    ['io.k8s.api.networking.v1.HTTPIngressPath', 'pathType', 3],
    ['io.k8s.api.networking.v1.IngressBackend', 'service', 4],
    ['io.k8s.api.networking.v1.IngressBackend', 'resource', 3],
    ['io.k8s.api.networking.v1.IngressLoadBalancerIngress', 'ports', 4],
    ['io.k8s.api.networking.v1.IngressRuleValue', 'http', 1],
    ['io.k8s.api.networking.v1.NetworkPolicySpec', 'policyTypes', 4],
  ];
  for (const [type, name, proto] of checks) assert.equal(field(type, name).proto, proto, `${type}.${name}`);
});

test('patch metadata, list types, pointers and enums follow the Go struct tags', () => {
  const strategy = field('io.k8s.api.apps.v1.DeploymentSpec', 'strategy');
  assert.equal(strategy.patchStrategy, 'retainKeys');
  const conds = field('io.k8s.api.apps.v1.DeploymentStatus', 'conditions');
  assert.equal(conds.patchStrategy, 'merge');
  assert.equal(conds.patchMergeKey, 'type');
  assert.equal(conds.listType, 'map');
  assert.deepEqual(conds.listMapKeys, ['type']);
  assert.equal(field('io.k8s.api.policy.v1.PodDisruptionBudgetSpec', 'selector').patchStrategy, 'replace');
  assert.equal(field('io.k8s.api.batch.v1.JobStatus', 'conditions').listType, 'atomic');
  assert.equal(field('io.k8s.api.apps.v1.DeploymentSpec', 'replicas').ptr, true);
  assert.equal(field('io.k8s.api.apps.v1.DeploymentSpec', 'minReadySeconds').ptr, undefined);
  assert.equal(field('io.k8s.api.apps.v1.DeploymentSpec', 'selector').required, true);
  assert.equal(field('io.k8s.api.apps.v1.DeploymentSpec', 'template').required, true);
  assert.equal(field('io.k8s.api.apps.v1.ReplicaSetSpec', 'template').required, undefined);
  assert.equal(field('io.k8s.api.networking.v1.HTTPIngressPath', 'pathType').required, true);
  assert.deepEqual(field('io.k8s.api.apps.v1.DeploymentStrategy', 'type').enum, ['Recreate', 'RollingUpdate']);
  assert.deepEqual(field('io.k8s.api.batch.v1.CronJobSpec', 'concurrencyPolicy').enum, ['Allow', 'Forbid', 'Replace']);
  assert.deepEqual(field('io.k8s.api.networking.v1.HTTPIngressPath', 'pathType').enum, ['Exact', 'Prefix', 'ImplementationSpecific']);
  assert.deepEqual(field('io.k8s.api.networking.v1.NetworkPolicyPort', 'protocol').enum, ['TCP', 'UDP', 'SCTP']);
  assert.equal(field('io.k8s.api.policy.v1.PodDisruptionBudgetStatus', 'disruptedPods').type, 'map[Time]');
  assert.equal(field('io.k8s.api.apps.v1.StatefulSetSpec', 'volumeClaimTemplates').type, '[]io.k8s.api.core.v1.PersistentVolumeClaim');
});
