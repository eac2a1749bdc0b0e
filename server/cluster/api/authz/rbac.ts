// RBAC authorization with the semantics of kube-apiserver's RBAC authorizer, plus the
// privileged-group shortcut, SelfSubjectRulesReview rule listing, ClusterRole aggregation and
// the escalation check applied when writing Roles, ClusterRoles and their bindings.
import {
  AGGREGATION_RULE_FORBIDDEN,
  aggregateErrors,
  forbiddenStatus,
  forbiddenStatusMessage,
  goQuote,
  goQuoteList,
  roleNotFound,
  type Attributes,
  type ForbiddenStatus,
  type RequestUser,
} from './messages.ts';

export type { Attributes, RequestUser } from './messages.ts';
export { forbiddenMessage, forbiddenReason, forbiddenStatusFor } from './messages.ts';

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Subject {
  kind: string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}

export interface RoleRef {
  apiGroup?: string;
  kind: string;
  name: string;
}

/** Where the authorizer reads RBAC objects (plain JSON as stored). */
export interface RbacSource {
  clusterRoleBindings(): any[];
  roleBindings(namespace: string): any[];
  clusterRole(name: string): any | undefined;
  role(namespace: string, name: string): any | undefined;
  /** Optional: all ClusterRoles; when given, aggregationRules are resolved at evaluation time. */
  clusterRoles?(): any[];
}

export type Decision = 'allow' | 'deny' | 'no-opinion';

export interface AuthorizationResult {
  decision: Decision;
  reason: string;
}

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
/** The group whose members bypass authorization (kube-apiserver's privileged group). */
export const SYSTEM_MASTERS = 'system:masters';
const SA_PREFIX = 'system:serviceaccount:';

// ---------------------------------------------------------------- rule matching

function verbMatches(rule: PolicyRule, verb: string): boolean {
  return (rule.verbs ?? []).some((v) => v === '*' || v === verb);
}

function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === '*' || g === group);
}

function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources ?? []) {
    if (r === '*' || r === combined) return true;
    if (!subresource) continue;
    // "*/scale" matches the scale subresource of any resource.
    if (r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource)) return true;
  }
  return false;
}

function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

function trimTrailingStars(s: string): string {
  return s.replace(/\*+$/, '');
}

function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === '*' || u === path) return true;
    if (u.endsWith('*') && path.startsWith(trimTrailingStars(u))) return true;
  }
  return false;
}

/** Whether one rule grants the request described by attrs. */
export function ruleAllows(attrs: Attributes, rule: PolicyRule): boolean {
  if (attrs.resourceRequest) {
    const combined = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
    return (
      verbMatches(rule, attrs.verb) &&
      apiGroupMatches(rule, attrs.apiGroup) &&
      resourceMatches(rule, combined, attrs.subresource) &&
      resourceNameMatches(rule, attrs.name)
    );
  }
  return verbMatches(rule, attrs.verb) && nonResourceURLMatches(rule, attrs.path);
}

// ---------------------------------------------------------------- subjects

/** Splits `system:serviceaccount:<ns>:<name>`; undefined for other users. */
export function parseServiceAccountUsername(username: string): { namespace: string; name: string } | undefined {
  if (!username.startsWith(SA_PREFIX)) return undefined;
  const parts = username.slice(SA_PREFIX.length).split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return { namespace: parts[0], name: parts[1] };
}

/** The user kube-apiserver authenticates for a ServiceAccount token. */
export function serviceAccountUser(namespace: string, name: string): RequestUser {
  return {
    username: `${SA_PREFIX}${namespace}:${name}`,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
  };
}

function subjectApplies(user: RequestUser, subject: Subject, namespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.username === subject.name;
    case 'Group':
      return (user.groups ?? []).includes(subject.name);
    case 'ServiceAccount': {
      // A subject without namespace means the binding's own namespace.
      const saNamespace = subject.namespace || namespace;
      if (!saNamespace) return false;
      return user.username === `${SA_PREFIX}${saNamespace}:${subject.name}`;
    }
    default:
      return false;
  }
}

function firstApplyingSubject(user: RequestUser, subjects: Subject[] | undefined, namespace: string): Subject | undefined {
  return (subjects ?? []).find((s) => subjectApplies(user, s, namespace));
}

function describeSubject(s: Subject, bindingNamespace: string): string {
  if (s.kind === 'ServiceAccount') return `${s.kind} ${goQuote(`${s.name}/${s.namespace || bindingNamespace}`)}`;
  return `${s.kind} ${goQuote(s.name)}`;
}

function describeBinding(binding: any, subject: Subject): string {
  const ns: string = binding?.metadata?.namespace ?? '';
  const ref: RoleRef = binding.roleRef ?? { kind: '', name: '' };
  if (ns) {
    return `RoleBinding ${goQuote(`${binding.metadata.name}/${ns}`)} of ${ref.kind} ${goQuote(ref.name)} to ${describeSubject(subject, ns)}`;
  }
  return `ClusterRoleBinding ${goQuote(binding?.metadata?.name ?? '')} of ${ref.kind} ${goQuote(ref.name)} to ${describeSubject(subject, '')}`;
}

// ---------------------------------------------------------------- aggregation

function labelsMatch(labels: Record<string, string> | undefined, selector: any): boolean {
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector?.matchLabels ?? {})) {
    if (l[k] !== v) return false;
  }
  for (const expr of selector?.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, expr.key);
    const values: string[] = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
        if (!has || !values.includes(l[expr.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(l[expr.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

function sameRule(a: PolicyRule, b: PolicyRule): boolean {
  const eq = (x?: string[], y?: string[]) => {
    const xs = x ?? [];
    const ys = y ?? [];
    return xs.length === ys.length && xs.every((v, i) => v === ys[i]);
  };
  return (
    eq(a.verbs, b.verbs) &&
    eq(a.apiGroups, b.apiGroups) &&
    eq(a.resources, b.resources) &&
    eq(a.resourceNames, b.resourceNames) &&
    eq(a.nonResourceURLs, b.nonResourceURLs)
  );
}

/**
 * The rules the ClusterRole aggregation controller writes into `role`: rules of every other
 * ClusterRole whose labels match any of its clusterRoleSelectors, taken in name order,
 * without exact duplicates. Roles that are themselves aggregated contribute their aggregated rules.
 * Returns the role's own rules when it has no aggregationRule.
 */
export function aggregateRules(role: any, allClusterRoles: any[]): PolicyRule[] {
  return aggregateWith(role, allClusterRoles, new Set());
}

function aggregateWith(role: any, all: any[], visiting: Set<string>): PolicyRule[] {
  const selectors: any[] | undefined = role?.aggregationRule?.clusterRoleSelectors;
  if (!selectors) return (role?.rules ?? []) as PolicyRule[];
  const name: string = role?.metadata?.name ?? '';
  visiting.add(name);
  const matched = all
    .filter((cr) => cr?.metadata?.name !== name && selectors.some((sel) => labelsMatch(cr?.metadata?.labels, sel)))
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  const out: PolicyRule[] = [];
  for (const cr of matched) {
    const rules = visiting.has(cr.metadata.name) ? (cr.rules ?? []) : aggregateWith(cr, all, visiting);
    for (const rule of rules as PolicyRule[]) {
      if (!out.some((r) => sameRule(r, rule))) out.push(rule);
    }
  }
  visiting.delete(name);
  return out;
}

// ---------------------------------------------------------------- rule resolution

type Visitor = (source: string | undefined, rule: PolicyRule | undefined, error: string | undefined) => boolean;

function clusterRoleRules(name: string, src: RbacSource): PolicyRule[] | undefined {
  const cr = src.clusterRole(name);
  if (!cr) return undefined;
  const stored: PolicyRule[] = cr.rules ?? [];
  if (!cr.aggregationRule || !src.clusterRoles) return stored;
  const aggregated = aggregateRules(cr, src.clusterRoles());
  const merged = [...stored];
  for (const r of aggregated) if (!merged.some((m) => sameRule(m, r))) merged.push(r);
  return merged;
}

/** Rules a binding's roleRef grants, or an error text (upstream wording) when the role is missing. */
export function roleRefRules(roleRef: RoleRef, bindingNamespace: string, src: RbacSource): { rules: PolicyRule[] } | { error: string } {
  switch (roleRef?.kind) {
    case 'Role': {
      const role = src.role(bindingNamespace, roleRef.name);
      if (!role) return { error: roleNotFound('Role', roleRef.name) };
      return { rules: role.rules ?? [] };
    }
    case 'ClusterRole': {
      const rules = clusterRoleRules(roleRef.name, src);
      if (!rules) return { error: roleNotFound('ClusterRole', roleRef.name) };
      return { rules };
    }
    default:
      return { error: `unsupported role reference kind: ${goQuote(roleRef?.kind ?? '')}` };
  }
}

function visitRulesFor(user: RequestUser, namespace: string, src: RbacSource, visit: Visitor): void {
  for (const binding of src.clusterRoleBindings()) {
    const subject = firstApplyingSubject(user, binding.subjects, '');
    if (!subject) continue;
    const res = roleRefRules(binding.roleRef, '', src);
    if ('error' in res) {
      if (!visit(undefined, undefined, res.error)) return;
      continue;
    }
    const source = describeBinding(binding, subject);
    for (const rule of res.rules) if (!visit(source, rule, undefined)) return;
  }
  if (!namespace) return;
  for (const binding of src.roleBindings(namespace)) {
    const subject = firstApplyingSubject(user, binding.subjects, namespace);
    if (!subject) continue;
    const res = roleRefRules(binding.roleRef, namespace, src);
    if ('error' in res) {
      if (!visit(undefined, undefined, res.error)) return;
      continue;
    }
    const source = describeBinding({ ...binding, metadata: { ...binding.metadata, namespace } }, subject);
    for (const rule of res.rules) if (!visit(source, rule, undefined)) return;
  }
}

/** All rules granted to a user in a namespace ("" = cluster bindings only), with resolution errors. */
export function policyRulesFor(user: RequestUser, namespace: string, src: RbacSource): { rules: PolicyRule[]; errors: string[] } {
  const rules: PolicyRule[] = [];
  const errors: string[] = [];
  visitRulesFor(user, namespace, src, (_s, rule, err) => {
    if (rule) rules.push(rule);
    if (err) errors.push(err);
    return true;
  });
  return { rules, errors };
}

function isPrivileged(user: RequestUser): boolean {
  return (user.groups ?? []).includes(SYSTEM_MASTERS);
}

/**
 * Authorize a request. system:masters members are always allowed; otherwise RBAC allows or has no
 * opinion (RBAC never denies). The reason for no-opinion carries role resolution errors, as
 * `RBAC: clusterrole.rbac.authorization.k8s.io "x" not found`, and is empty otherwise.
 */
export function authorize(attrs: Attributes, src: RbacSource): AuthorizationResult {
  if (isPrivileged(attrs.user)) return { decision: 'allow', reason: '' };
  let allowedBy: string | undefined;
  const errors: string[] = [];
  visitRulesFor(attrs.user, attrs.namespace, src, (source, rule, err) => {
    if (rule && ruleAllows(attrs, rule)) {
      allowedBy = source;
      return false;
    }
    if (err) errors.push(err);
    return true;
  });
  if (allowedBy !== undefined) return { decision: 'allow', reason: `RBAC: allowed by ${allowedBy}` };
  return { decision: 'no-opinion', reason: errors.length ? `RBAC: ${aggregateErrors(errors)}` : '' };
}

// ---------------------------------------------------------------- SelfSubjectRulesReview

export interface ResourceRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

export interface NonResourceRule {
  verbs: string[];
  nonResourceURLs?: string[];
}

export interface RulesReview {
  resourceRules: ResourceRule[];
  nonResourceRules: NonResourceRule[];
  incomplete: boolean;
  evaluationError?: string;
}

function copyList(list: string[] | undefined): string[] | undefined {
  return list && list.length ? [...list] : undefined;
}

/** SelfSubjectRulesReview status for a user in a namespace (`kubectl auth can-i --list`). */
export function rulesFor(user: RequestUser, namespace: string, src: RbacSource): RulesReview {
  const resourceRules: ResourceRule[] = [];
  const nonResourceRules: NonResourceRule[] = [];
  if (isPrivileged(user)) {
    resourceRules.push({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
    nonResourceRules.push({ verbs: ['*'], nonResourceURLs: ['*'] });
  }
  const { rules, errors } = policyRulesFor(user, namespace, src);
  for (const rule of rules) {
    if ((rule.resources ?? []).length > 0) {
      const rr: ResourceRule = { verbs: [...(rule.verbs ?? [])] };
      const groups = copyList(rule.apiGroups);
      const resources = copyList(rule.resources);
      const names = copyList(rule.resourceNames);
      if (groups) rr.apiGroups = groups;
      if (resources) rr.resources = resources;
      if (names) rr.resourceNames = names;
      resourceRules.push(rr);
    }
    if ((rule.nonResourceURLs ?? []).length > 0) {
      nonResourceRules.push({ verbs: [...(rule.verbs ?? [])], nonResourceURLs: [...(rule.nonResourceURLs ?? [])] });
    }
  }
  const review: RulesReview = { resourceRules, nonResourceRules, incomplete: errors.length > 0 };
  if (errors.length) review.evaluationError = aggregateErrors(errors);
  return review;
}

// ---------------------------------------------------------------- escalation

function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs ?? []) {
        if ((rule.resourceNames ?? []).length > 0) {
          for (const n of rule.resourceNames!) out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [n] });
        } else {
          out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
        }
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of rule.verbs ?? []) out.push({ nonResourceURLs: [url], verbs: [verb] });
  }
  return out;
}

const hasAll = (set: string[] | undefined, wanted: string[] | undefined) => (wanted ?? []).every((w) => (set ?? []).includes(w));

function resourcesCover(owner: string[] | undefined, wanted: string[] | undefined): boolean {
  const set = owner ?? [];
  if (set.includes('*') || hasAll(set, wanted)) return true;
  for (const path of wanted ?? []) {
    if (set.includes(path)) continue;
    const slash = path.indexOf('/');
    if (slash < 0) return false;
    if (!set.includes('*/' + path.slice(slash + 1))) return false;
  }
  return true;
}

function nonResourceURLsCover(owner: string[] | undefined, wanted: string[] | undefined): boolean {
  return (wanted ?? []).every((path) =>
    (owner ?? []).some((o) => o === path || (o.endsWith('*') && path.startsWith(trimTrailingStars(o)))),
  );
}

function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbs = (owner.verbs ?? []).includes('*') || hasAll(owner.verbs, sub.verbs);
  const groups = (owner.apiGroups ?? []).includes('*') || hasAll(owner.apiGroups, sub.apiGroups);
  const resources = resourcesCover(owner.resources, sub.resources);
  const urls = nonResourceURLsCover(owner.nonResourceURLs, sub.nonResourceURLs);
  const ownerNames = owner.resourceNames ?? [];
  const names = (sub.resourceNames ?? []).length === 0 ? ownerNames.length === 0 : ownerNames.length === 0 || hasAll(ownerNames, sub.resourceNames);
  return verbs && groups && resources && names && urls;
}

/** Whether ownerRules cover every servant rule; the uncovered atomic rules otherwise. */
export function covers(ownerRules: PolicyRule[], servantRules: PolicyRule[]): { covered: boolean; missing: PolicyRule[] } {
  const missing: PolicyRule[] = [];
  for (const sub of servantRules.flatMap(breakdownRule)) {
    if (!ownerRules.some((o) => ruleCovers(o, sub))) missing.push(sub);
  }
  return { covered: missing.length === 0, missing };
}

/** Merges atomic rules that differ only in verb (one group, one resource, at most one name). */
function compactRules(rules: PolicyRule[]): PolicyRule[] {
  const out: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    const isSimple =
      (r.resourceNames ?? []).length <= 1 &&
      (r.nonResourceURLs ?? []).length === 0 &&
      (r.apiGroups ?? []).length === 1 &&
      (r.resources ?? []).length === 1;
    if (!isSimple) {
      out.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups![0], r.resources![0], r.resourceNames?.[0] ?? null]);
    const existing = simple.get(key);
    if (existing) existing.verbs = [...existing.verbs, ...(r.verbs ?? [])];
    else simple.set(key, { ...r, verbs: [...(r.verbs ?? [])] });
  }
  return [...out, ...simple.values()];
}

/** Go's rbacv1helpers.CompactString: `{APIGroups:[""], Resources:["pods"], Verbs:["get"]}`. */
export function compactString(r: PolicyRule): string {
  const parts: string[] = [];
  if ((r.apiGroups ?? []).length) parts.push(`APIGroups:${goQuoteList(r.apiGroups!)}`);
  if ((r.resources ?? []).length) parts.push(`Resources:${goQuoteList(r.resources!)}`);
  if ((r.nonResourceURLs ?? []).length) parts.push(`NonResourceURLs:${goQuoteList(r.nonResourceURLs!)}`);
  if ((r.resourceNames ?? []).length) parts.push(`ResourceNames:${goQuoteList(r.resourceNames!)}`);
  if ((r.verbs ?? []).length) parts.push(`Verbs:${goQuoteList(r.verbs)}`);
  return '{' + parts.join(', ') + '}';
}

/**
 * The escalation check for writing `rules` (a Role's rules, or the rules of the role a binding
 * references): null when the user already holds them all, else upstream's error text
 * `user "x" (groups=[...]) is attempting to grant RBAC permissions not currently held:\n{...}`.
 * `namespace` is the namespace of the object being written ("" for cluster-scoped objects).
 * Callers skip this check for system:masters (see escalationAllowed).
 */
export function checkEscalation(user: RequestUser, rules: PolicyRule[], src: RbacSource, namespace = ''): string | null {
  const owned = policyRulesFor(user, namespace, src);
  const ownerRules = isPrivileged(user) ? [...FULL_AUTHORITY, ...owned.rules] : owned.rules;
  const { covered, missing } = covers(ownerRules, rules);
  if (covered) return null;
  const descriptions = [...new Set(compactRules(missing).map(compactString))].sort();
  let msg = `user ${goQuote(user.username)} (groups=${goQuoteList(user.groups ?? [])}) is attempting to grant RBAC permissions not currently held:\n${descriptions.join('\n')}`;
  if (owned.errors.length) msg += `; resolution errors: [${aggregateErrors(owned.errors)}]`;
  return msg;
}

/** Rules equivalent to cluster-admin. */
export const FULL_AUTHORITY: PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

/** system:masters members skip escalation checks entirely. */
export function escalationAllowed(user: RequestUser): boolean {
  return isPrivileged(user);
}

export type RbacWriteKind = 'Role' | 'ClusterRole' | 'RoleBinding' | 'ClusterRoleBinding';

const PLURAL: Record<RbacWriteKind, string> = {
  Role: 'roles',
  ClusterRole: 'clusterroles',
  RoleBinding: 'rolebindings',
  ClusterRoleBinding: 'clusterrolebindings',
};

export type RbacWriteCheck =
  | { allowed: true }
  | { allowed: false; code: 403 | 404; status: ForbiddenStatus | NotFoundStatus };

export interface NotFoundStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: 'NotFound';
  details: { name: string; group: string; kind: string };
  code: 404;
}

/**
 * The whole policy kube-apiserver's RBAC storage applies on create/update of an RBAC object:
 * system:masters pass; Roles/ClusterRoles pass with the `escalate` verb, bindings with `bind` on the
 * referenced role; otherwise the written (or referenced) rules must already be held. Returns the
 * Status to send when refused.
 */
export function checkRbacWrite(user: RequestUser, kind: RbacWriteKind, obj: any, src: RbacSource): RbacWriteCheck {
  if (escalationAllowed(user)) return { allowed: true };
  const name: string = obj?.metadata?.name ?? '';
  const namespace: string = kind === 'Role' || kind === 'RoleBinding' ? (obj?.metadata?.namespace ?? '') : '';
  const resource = PLURAL[kind];
  const refuse = (text: string): RbacWriteCheck => ({
    allowed: false,
    code: 403,
    status: forbiddenStatus(RBAC_GROUP, resource, name, forbiddenStatusMessage(RBAC_GROUP, resource, name, text)),
  });
  const base = { user, apiGroup: RBAC_GROUP, subresource: '', path: '', resourceRequest: true, namespace };

  if (kind === 'Role' || kind === 'ClusterRole') {
    const escalate = authorize({ ...base, verb: 'escalate', resource, name }, src);
    if (escalate.decision === 'allow') return { allowed: true };
    const err = checkEscalation(user, obj?.rules ?? [], src, namespace);
    if (err) return refuse(err);
    if (kind === 'ClusterRole' && obj?.aggregationRule && checkEscalation(user, FULL_AUTHORITY, src, namespace)) {
      return refuse(AGGREGATION_RULE_FORBIDDEN);
    }
    return { allowed: true };
  }

  const ref: RoleRef = obj?.roleRef ?? { kind: '', name: '' };
  const refResource = ref.kind === 'Role' ? 'roles' : ref.kind === 'ClusterRole' ? 'clusterroles' : '';
  if (refResource) {
    const bind = authorize({ ...base, verb: 'bind', apiGroup: ref.apiGroup ?? RBAC_GROUP, resource: refResource, name: ref.name }, src);
    if (bind.decision === 'allow') return { allowed: true };
  }
  const res = roleRefRules(ref, namespace, src);
  if ('error' in res) {
    if (!refResource) return refuse(res.error);
    // The storage layer looks the role up through the registry, so the plural resource is named.
    const message = `${refResource}.${RBAC_GROUP} ${goQuote(ref.name)} not found`;
    return {
      allowed: false,
      code: 404,
      status: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message,
        reason: 'NotFound',
        details: { name: ref.name, group: RBAC_GROUP, kind: refResource },
        code: 404,
      },
    };
  }
  const err = checkEscalation(user, res.rules, src, namespace);
  return err ? refuse(err) : { allowed: true };
}
