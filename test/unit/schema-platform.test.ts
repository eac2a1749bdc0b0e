// Checks the platform schema module: references resolve, protobuf numbers are sane and match the
// numbers looked up in k8s.io/api v0.35.2 generated.proto, kinds carry their GVKs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decls } from '../../server/cluster/schema/platform.ts';
import { expand, type TypeDef } from '../../server/cluster/schema/types.ts';

const BUILTIN = new Set([
  'string', 'int32', 'int64', 'bool', 'double', 'bytes', 'Time', 'MicroTime', 'Duration',
  'Quantity', 'IntOrString', 'RawExtension', 'FieldsV1', 'JSON',
]);
// Prefixes of type names declared by other schema modules.
const OWNED_ELSEWHERE = ['io.k8s.apimachinery.pkg.apis.meta.v1.', 'io.k8s.api.core.v1.'];

const RBAC = 'io.k8s.api.rbac.v1.';
const STORAGE = 'io.k8s.api.storage.v1.';
const ADMISSION = 'io.k8s.api.admissionregistration.v1.';
const APIEXT = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.';

const types: TypeDef[] = Object.entries(decls).map(([name, d]) => expand(name, d));

function type(name: string): TypeDef {
  const t = types.find((x) => x.name === name);
  assert.ok(t, `type ${name} is declared`);
  return t;
}

function field(typeName: string, fieldName: string) {
  const f = type(typeName).fields.find((x) => x.name === fieldName);
  assert.ok(f, `field ${typeName}.${fieldName} is declared`);
  return f;
}

/** The type names a field type refers to: '[]X' → X, 'map[X]' → X, recursively. */
function referenced(t: string): string {
  if (t.startsWith('[]')) return referenced(t.slice(2));
  if (t.startsWith('map[') && t.endsWith(']')) return referenced(t.slice(4, -1));
  return t;
}

test('every referenced type is a builtin, declared here, or owned by meta/core modules', () => {
  for (const t of types) {
    for (const f of t.fields) {
      const r = referenced(f.type);
      const ok = BUILTIN.has(r) || r in decls || OWNED_ELSEWHERE.some((p) => r.startsWith(p));
      assert.ok(ok, `${t.name}.${f.name} refers to unknown type ${r}`);
    }
  }
});

test('the two core/v1 types declared here are only the topology selector ones', () => {
  const core = Object.keys(decls).filter((n) => n.startsWith('io.k8s.api.core.v1.')).sort();
  assert.deepEqual(core, ['io.k8s.api.core.v1.TopologySelectorLabelRequirement', 'io.k8s.api.core.v1.TopologySelectorTerm']);
});

test('field names are unique and protobuf numbers are unique and positive within each message', () => {
  // proto 0 is allowed only for TypeMeta's apiVersion/kind and for the inline-embedded
  // admission Rule fields (nested messages in protobuf, flat in JSON).
  const inlined = new Set(['operations', 'apiGroups', 'apiVersions', 'resources', 'scope']);
  for (const t of types) {
    const names = new Set<string>();
    const numbers = new Set<number>();
    for (const f of t.fields) {
      assert.ok(!names.has(f.name), `${t.name}: duplicate field ${f.name}`);
      names.add(f.name);
      if (f.proto === 0) {
        const typeMeta = (f.name === 'apiVersion' || f.name === 'kind') && t.gvk !== undefined;
        const inline = (t.name === `${ADMISSION}RuleWithOperations` || t.name === `${ADMISSION}NamedRuleWithOperations`) && inlined.has(f.name);
        assert.ok(typeMeta || inline, `${t.name}.${f.name} has proto 0 without a documented reason`);
        continue;
      }
      assert.ok(Number.isInteger(f.proto) && f.proto > 0, `${t.name}.${f.name}: bad proto number ${f.proto}`);
      assert.ok(!numbers.has(f.proto), `${t.name}: proto number ${f.proto} used twice`);
      numbers.add(f.proto);
    }
  }
});

test('every type and field has a one-line description', () => {
  for (const t of types) {
    assert.ok(t.description.trim().length > 0 && !t.description.includes('\n'), `${t.name} description`);
    for (const f of t.fields) {
      assert.ok(f.description.trim().length > 0 && !f.description.includes('\n'), `${t.name}.${f.name} description`);
      assert.ok(!/TODO/.test(f.description), `${t.name}.${f.name} description is a placeholder`);
    }
  }
});

test('protobuf numbers match upstream generated.proto (spot checks)', () => {
  const expect: [string, string, number][] = [
    [`${RBAC}PolicyRule`, 'verbs', 1],
    [`${RBAC}PolicyRule`, 'nonResourceURLs', 5],
    [`${RBAC}Role`, 'rules', 2],
    [`${RBAC}RoleBinding`, 'roleRef', 3],
    [`${RBAC}Subject`, 'namespace', 4],
    [`${RBAC}ClusterRole`, 'aggregationRule', 3],
    [`${STORAGE}StorageClass`, 'volumeBindingMode', 7],
    [`${STORAGE}StorageClass`, 'allowedTopologies', 8],
    [`${STORAGE}CSIDriverSpec`, 'serviceAccountTokenInSecrets', 10],
    ['io.k8s.api.discovery.v1.EndpointSlice', 'addressType', 4],
    ['io.k8s.api.discovery.v1.Endpoint', 'hints', 8],
    ['io.k8s.api.coordination.v1.LeaseSpec', 'preferredHolder', 7],
    ['io.k8s.api.certificates.v1.CertificateSigningRequestSpec', 'signerName', 7],
    ['io.k8s.api.certificates.v1.CertificateSigningRequestSpec', 'expirationSeconds', 8],
    ['io.k8s.api.certificates.v1.CertificateSigningRequestSpec', 'extra', 6],
    ['io.k8s.api.certificates.v1.CertificateSigningRequestCondition', 'status', 6],
    ['io.k8s.api.events.v1.Event', 'deprecatedCount', 15],
    ['io.k8s.api.authentication.v1.TokenRequestSpec', 'expirationSeconds', 4],
    ['io.k8s.api.authentication.v1.TokenRequestSpec', 'boundObjectRef', 3],
    ['io.k8s.api.authentication.v1.TokenReviewStatus', 'audiences', 4],
    ['io.k8s.api.authorization.v1.SubjectAccessReviewStatus', 'denied', 4],
    ['io.k8s.api.authorization.v1.ResourceAttributes', 'labelSelector', 9],
    ['io.k8s.api.node.v1.RuntimeClass', 'handler', 2],
    [`${ADMISSION}ValidatingWebhook`, 'objectSelector', 10],
    [`${ADMISSION}MutatingWebhook`, 'objectSelector', 11],
    [`${ADMISSION}MutatingWebhook`, 'matchConditions', 12],
    [`${ADMISSION}WebhookClientConfig`, 'url', 3],
    [`${ADMISSION}MatchResources`, 'matchPolicy', 7],
    [`${APIEXT}CustomResourceDefinitionSpec`, 'names', 3],
    [`${APIEXT}CustomResourceDefinitionSpec`, 'versions', 7],
    [`${APIEXT}CustomResourceDefinitionSpec`, 'conversion', 9],
    [`${APIEXT}CustomResourceDefinitionVersion`, 'selectableFields', 9],
    [`${APIEXT}JSONSchemaProps`, '$ref', 3],
    [`${APIEXT}JSONSchemaProps`, 'x-kubernetes-preserve-unknown-fields', 38],
    [`${APIEXT}JSONSchemaProps`, 'x-kubernetes-validations', 44],
  ];
  for (const [t, f, n] of expect) assert.equal(field(t, f).proto, n, `${t}.${f}`);
});

test('kinds and lists carry their group/version/kind', () => {
  const kinds: [string, string][] = [
    [`${RBAC}Role`, 'rbac.authorization.k8s.io'],
    [`${RBAC}ClusterRoleBindingList`, 'rbac.authorization.k8s.io'],
    [`${STORAGE}StorageClass`, 'storage.k8s.io'],
    [`${STORAGE}VolumeAttributesClassList`, 'storage.k8s.io'],
    ['io.k8s.api.discovery.v1.EndpointSlice', 'discovery.k8s.io'],
    ['io.k8s.api.coordination.v1.Lease', 'coordination.k8s.io'],
    ['io.k8s.api.scheduling.v1.PriorityClass', 'scheduling.k8s.io'],
    ['io.k8s.api.certificates.v1.CertificateSigningRequest', 'certificates.k8s.io'],
    ['io.k8s.api.events.v1.Event', 'events.k8s.io'],
    ['io.k8s.api.authentication.v1.TokenRequest', 'authentication.k8s.io'],
    ['io.k8s.api.authentication.v1.SelfSubjectReview', 'authentication.k8s.io'],
    ['io.k8s.api.authorization.v1.SelfSubjectAccessReview', 'authorization.k8s.io'],
    ['io.k8s.api.authorization.v1.SelfSubjectRulesReview', 'authorization.k8s.io'],
    ['io.k8s.api.node.v1.RuntimeClass', 'node.k8s.io'],
    [`${ADMISSION}ValidatingWebhookConfiguration`, 'admissionregistration.k8s.io'],
    [`${ADMISSION}ValidatingAdmissionPolicyBinding`, 'admissionregistration.k8s.io'],
    [`${APIEXT}CustomResourceDefinition`, 'apiextensions.k8s.io'],
    [`${APIEXT}CustomResourceDefinitionList`, 'apiextensions.k8s.io'],
  ];
  for (const [name, group] of kinds) {
    const kind = name.slice(name.lastIndexOf('.') + 1);
    assert.deepEqual(type(name).gvk, [{ group, version: 'v1', kind }], name);
    assert.equal(field(name, 'metadata').proto, 1);
  }
  // Nested types are not kinds.
  assert.equal(type(`${RBAC}PolicyRule`).gvk, undefined);
  assert.equal(type(`${STORAGE}TokenRequest`).gvk, undefined);
  // Every gvk type has apiVersion/kind and metadata.
  for (const t of types.filter((x) => x.gvk)) {
    for (const f of ['apiVersion', 'kind', 'metadata']) assert.ok(t.fields.some((x) => x.name === f), `${t.name}.${f}`);
  }
});

test('patch and list metadata, pointers, required and enums follow upstream markers', () => {
  const drivers = field(`${STORAGE}CSINodeSpec`, 'drivers');
  assert.equal(drivers.patchStrategy, 'merge');
  assert.equal(drivers.patchMergeKey, 'name');
  assert.equal(drivers.listType, 'map');
  assert.deepEqual(drivers.listMapKeys, ['name']);
  const webhooks = field(`${ADMISSION}MutatingWebhookConfiguration`, 'webhooks');
  assert.equal(webhooks.patchMergeKey, 'name');
  assert.deepEqual(field(`${APIEXT}JSONSchemaProps`, 'x-kubernetes-validations').listMapKeys, ['rule']);
  assert.deepEqual(field('io.k8s.api.certificates.v1.CertificateSigningRequestStatus', 'conditions').listMapKeys, ['type']);
  assert.equal(field(`${RBAC}PolicyRule`, 'verbs').listType, 'atomic');
  assert.equal(field('io.k8s.api.discovery.v1.Endpoint', 'addresses').listType, 'set');

  assert.equal(field(`${RBAC}RoleBinding`, 'roleRef').required, true);
  assert.equal(field(`${RBAC}Subject`, 'kind').required, true);
  assert.equal(field(`${RBAC}Subject`, 'namespace').required, undefined);
  assert.equal(field(`${ADMISSION}ValidatingWebhook`, 'sideEffects').required, true);
  assert.equal(field(`${APIEXT}CustomResourceDefinitionVersion`, 'storage').required, true);

  assert.equal(field('io.k8s.api.discovery.v1.EndpointConditions', 'ready').ptr, true);
  assert.equal(field(`${STORAGE}StorageClass`, 'allowVolumeExpansion').ptr, true);
  assert.equal(field(`${RBAC}PolicyRule`, 'verbs').ptr, undefined);

  assert.deepEqual(field(`${STORAGE}StorageClass`, 'volumeBindingMode').enum, ['Immediate', 'WaitForFirstConsumer']);
  assert.deepEqual(field('io.k8s.api.scheduling.v1.PriorityClass', 'preemptionPolicy').enum, ['Never', 'PreemptLowerPriority']);
  assert.ok(field(`${ADMISSION}RuleWithOperations`, 'operations').enum?.includes('CREATE'));
});

test('user extra attributes are maps of string lists', () => {
  assert.equal(field('io.k8s.api.certificates.v1.CertificateSigningRequestSpec', 'extra').type, 'map[[]string]');
  assert.equal(field('io.k8s.api.authentication.v1.UserInfo', 'extra').type, 'map[[]string]');
  assert.equal(field('io.k8s.api.authorization.v1.SubjectAccessReviewSpec', 'extra').type, 'map[[]string]');
});

test('the assigned kinds are all present', () => {
  const expected = [
    `${RBAC}Role`, `${RBAC}ClusterRole`, `${RBAC}RoleBinding`, `${RBAC}ClusterRoleBinding`, `${RBAC}AggregationRule`, `${RBAC}RoleRef`,
    `${STORAGE}StorageClass`, `${STORAGE}CSIDriver`, `${STORAGE}CSINode`, `${STORAGE}VolumeAttachment`,
    `${STORAGE}CSIStorageCapacity`, `${STORAGE}VolumeAttributesClass`,
    'io.k8s.api.discovery.v1.ForZone', 'io.k8s.api.discovery.v1.ForNode', 'io.k8s.api.discovery.v1.EndpointPort',
    'io.k8s.api.coordination.v1.LeaseSpec', 'io.k8s.api.events.v1.EventSeries',
    'io.k8s.api.authentication.v1.BoundObjectReference', 'io.k8s.api.authentication.v1.SelfSubjectReviewStatus',
    'io.k8s.api.authorization.v1.LocalSubjectAccessReview', 'io.k8s.api.authorization.v1.FieldSelectorAttributes',
    'io.k8s.api.authorization.v1.LabelSelectorAttributes', 'io.k8s.api.authorization.v1.NonResourceRule',
    'io.k8s.api.node.v1.Overhead', 'io.k8s.api.node.v1.Scheduling',
    `${ADMISSION}MutatingWebhook`, `${ADMISSION}ServiceReference`, `${ADMISSION}ValidatingAdmissionPolicy`,
    `${APIEXT}CustomResourceSubresourceStatus`, `${APIEXT}CustomResourceSubresourceScale`, `${APIEXT}WebhookConversion`,
    `${APIEXT}ServiceReference`, `${APIEXT}SelectableField`, `${APIEXT}ExternalDocumentation`, `${APIEXT}ValidationRule`,
  ];
  for (const n of expected) assert.ok(n in decls, n);
});
