// apiextensions.k8s.io/v1: CustomResourceDefinition.
import type { FieldError, KindDef, KObject } from './types.ts';
import { forbidden, invalid, isDNS1035Label, notSupported, required } from './validation.ts';
import { metaThen, metaUpdateThen } from './core.ts';

function defaultCRD(o: KObject): void {
  const spec = (o.spec ??= {});
  const names = (spec.names ??= {});
  if (names.kind && !names.listKind) names.listKind = `${names.kind}List`;
  if (names.kind && !names.singular) names.singular = String(names.kind).toLowerCase();
  spec.conversion ??= { strategy: 'None' };
}

function validateCRD(o: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = o.spec ?? {};
  const names = spec.names ?? {};
  if (!spec.group) errs.push(required('spec.group'));
  else if (!String(spec.group).includes('.')) errs.push(invalid('spec.group', spec.group, 'should be a domain with at least one dot'));
  if (!names.plural) errs.push(required('spec.names.plural'));
  else for (const m of isDNS1035Label(names.plural)) errs.push(invalid('spec.names.plural', names.plural, m));
  if (!names.kind) errs.push(required('spec.names.kind'));
  const expected = `${names.plural}.${spec.group}`;
  if (o.metadata?.name && names.plural && spec.group && o.metadata.name !== expected) {
    errs.push(invalid('metadata.name', o.metadata.name, `must be spec.names.plural+"."+spec.group`));
  }
  if (!['Namespaced', 'Cluster'].includes(spec.scope)) errs.push(notSupported('spec.scope', spec.scope ?? '', ['Cluster', 'Namespaced']));
  const versions: any[] = spec.versions ?? [];
  if (versions.length === 0) errs.push(invalid('spec.versions', versions, 'must have exactly one version marked as storage version'));
  else if (versions.filter((v) => v.storage).length !== 1) errs.push(invalid('spec.versions', versions, 'must have exactly one version marked as storage version', '[]apiextensions.CustomResourceDefinitionVersion{…}'));
  versions.forEach((v, i) => {
    if (!v.schema?.openAPIV3Schema) errs.push(required(`spec.versions[${i}].schema.openAPIV3Schema`, 'schemas are required'));
  });
  return errs;
}

export const CustomResourceDefinition: KindDef = {
  group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', singular: 'customresourcedefinition', namespaced: false,
  shortNames: ['crd', 'crds'], categories: ['api-extensions'],
  schemaType: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition',
  etcdResource: 'apiextensions.k8s.io/customresourcedefinitions',
  subresources: [{ name: 'status', verbs: ['get', 'patch', 'update'] }],
  generation: true,
  hasStatus: true,
  prepareForCreate: (o) => {
    defaultCRD(o);
    o.status = { storedVersions: [], conditions: [], acceptedNames: { kind: '', plural: '' } };
  },
  prepareForUpdate: (o, old) => {
    defaultCRD(o);
    o.status = old.status;
  },
  validate: metaThen(false, 'subdomain', validateCRD),
  validateUpdate: metaUpdateThen((o, old) => {
    const errs = validateCRD(o);
    if (o.spec?.scope !== old.spec?.scope) errs.push(invalid('spec.scope', o.spec?.scope, 'field is immutable'));
    if (o.spec?.group !== old.spec?.group) errs.push(forbidden('spec.group', 'field is immutable'));
    return errs;
  }),
  notes: 'The store keeps it under /registry/apiextensions.k8s.io/customresourcedefinitions/<name>.',
};

export const APIEXTENSIONS_KINDS: KindDef[] = [CustomResourceDefinition];
