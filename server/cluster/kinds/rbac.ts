// rbac.authorization.k8s.io/v1: Role, ClusterRole, RoleBinding, ClusterRoleBinding.
import type { FieldError, KindDef, KObject } from './types.ts';
import { ageCol, col, nameCol } from './format.ts';
import { immutable, invalid, notSupported, required } from './validation.ts';
import { metaThen, metaUpdateThen } from './core.ts';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function validateRules(o: KObject): FieldError[] {
  const errs: FieldError[] = [];
  (o.rules ?? []).forEach((r: any, i: number) => {
    const p = `rules[${i}]`;
    if (!r.verbs || r.verbs.length === 0) errs.push(required(`${p}.verbs`, 'verbs must contain at least one value'));
    const urls = r.nonResourceURLs ?? [];
    if (urls.length > 0) {
      if (o.metadata?.namespace) errs.push(invalid(`${p}.nonResourceURLs`, urls, 'namespaced rules cannot apply to non-resource URLs'));
      if ((r.apiGroups ?? []).length > 0 || (r.resources ?? []).length > 0) {
        errs.push(invalid(`${p}.nonResourceURLs`, urls, 'rules cannot apply to both regular resources and non-resource URLs'));
      }
      return;
    }
    if (!r.apiGroups || r.apiGroups.length === 0) errs.push(required(`${p}.apiGroups`, 'resource rules must supply at least one api group'));
    if (!r.resources || r.resources.length === 0) errs.push(required(`${p}.resources`, 'resource rules must supply at least one resource'));
  });
  return errs;
}

function defaultSubjects(o: KObject): void {
  for (const s of o.subjects ?? []) {
    if (s.apiGroup == null) s.apiGroup = s.kind === 'ServiceAccount' ? '' : s.kind === 'User' || s.kind === 'Group' ? RBAC_GROUP : s.apiGroup;
  }
}

function validateBinding(o: KObject, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const ref = o.roleRef ?? {};
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (ref.apiGroup !== RBAC_GROUP) errs.push(notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [RBAC_GROUP]));
  if (!kinds.includes(ref.kind)) errs.push(notSupported('roleRef.kind', ref.kind ?? '', kinds));
  if (!ref.name) errs.push(required('roleRef.name'));
  (o.subjects ?? []).forEach((s: any, i: number) => {
    const p = `subjects[${i}]`;
    if (!s.name) errs.push(required(`${p}.name`));
    switch (s.kind) {
      case 'ServiceAccount':
        if (s.apiGroup) errs.push(notSupported(`${p}.apiGroup`, s.apiGroup, ['']));
        if (!namespaced && !s.namespace) errs.push(required(`${p}.namespace`));
        break;
      case 'User':
      case 'Group':
        if (s.apiGroup !== RBAC_GROUP) errs.push(notSupported(`${p}.apiGroup`, s.apiGroup ?? '', [RBAC_GROUP]));
        break;
      default:
        errs.push(notSupported(`${p}.kind`, s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
    }
  });
  return errs;
}

/** Subject names of one kind; service accounts print as `namespace:name` when a namespace is set. */
function subjectsOf(o: KObject, kind: string): string {
  return (o.subjects ?? [])
    .filter((s: any) => s.kind === kind)
    .map((s: any) => (kind === 'ServiceAccount' && s.namespace ? `${s.namespace}:${s.name}` : s.name))
    .join(', ');
}

function bindingColumns(scope: string) {
  return [
    nameCol(),
    col('Role', 'string', 'Referenced role.', (o) => `${o.roleRef?.kind ?? ''}/${o.roleRef?.name ?? ''}`),
    ageCol(),
    col('Users', 'string', `Users in the ${scope}.`, (o) => subjectsOf(o, 'User'), true),
    col('Groups', 'string', `Groups in the ${scope}.`, (o) => subjectsOf(o, 'Group'), true),
    col('ServiceAccounts', 'string', `Service accounts in the ${scope}.`, (o) => subjectsOf(o, 'ServiceAccount'), true),
  ];
}

const roleRefImmutable = (o: KObject, old: KObject): FieldError[] =>
  immutable(o.roleRef, old.roleRef, 'roleRef',
    `rbac.RoleRef{APIGroup:${JSON.stringify(o.roleRef?.apiGroup ?? '')}, Kind:${JSON.stringify(o.roleRef?.kind ?? '')}, Name:${JSON.stringify(o.roleRef?.name ?? '')}}`)
    .map((e) => ({ ...e, detail: 'cannot change roleRef' }));

export const Role: KindDef = {
  group: RBAC_GROUP, version: 'v1', kind: 'Role', plural: 'roles', singular: 'role', namespaced: true,
  schemaType: 'io.k8s.api.rbac.v1.Role',
  validate: metaThen(true, 'path', validateRules),
  validateUpdate: metaUpdateThen(validateRules),
};

export const ClusterRole: KindDef = {
  group: RBAC_GROUP, version: 'v1', kind: 'ClusterRole', plural: 'clusterroles', singular: 'clusterrole', namespaced: false,
  schemaType: 'io.k8s.api.rbac.v1.ClusterRole',
  validate: metaThen(false, 'path', validateRules),
  validateUpdate: metaUpdateThen(validateRules),
  notes: 'aggregationRule: the aggregation controller fills rules.',
};

export const RoleBinding: KindDef = {
  group: RBAC_GROUP, version: 'v1', kind: 'RoleBinding', plural: 'rolebindings', singular: 'rolebinding', namespaced: true,
  schemaType: 'io.k8s.api.rbac.v1.RoleBinding',
  columns: bindingColumns('roleBinding'),
  prepareForCreate: defaultSubjects,
  prepareForUpdate: defaultSubjects,
  validate: metaThen(true, 'path', (o) => validateBinding(o, true)),
  validateUpdate: metaUpdateThen((o, old) => [...validateBinding(o, true), ...roleRefImmutable(o, old)]),
};

export const ClusterRoleBinding: KindDef = {
  group: RBAC_GROUP, version: 'v1', kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', singular: 'clusterrolebinding', namespaced: false,
  schemaType: 'io.k8s.api.rbac.v1.ClusterRoleBinding',
  columns: bindingColumns('clusterRoleBinding'),
  prepareForCreate: defaultSubjects,
  prepareForUpdate: defaultSubjects,
  validate: metaThen(false, 'path', (o) => validateBinding(o, false)),
  validateUpdate: metaUpdateThen((o, old) => [...validateBinding(o, false), ...roleRefImmutable(o, old)]),
};

export const RBAC_KINDS: KindDef[] = [Role, ClusterRole, RoleBinding, ClusterRoleBinding];
