// Texts kube-apiserver produces when authorization or RBAC escalation checks fail.
// Shapes follow apiserver's responsewriters (forbidden message) and apimachinery's NewForbidden.

export interface RequestUser {
  username: string;
  groups: string[];
}

export interface Attributes {
  user: RequestUser;
  verb: string;
  apiGroup: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  path: string;
  resourceRequest: boolean;
}

/** HTML-escapes the three characters kube-apiserver escapes in forbidden messages. */
export function sanitize(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Go's %q for plain strings: double quotes with backslash escapes. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** Go's %q for a []string: `["a" "b"]` (space separated). */
export function goQuoteList(list: readonly string[]): string {
  return '[' + list.map(goQuote).join(' ') + ']';
}

/** `pods`, `deployments.apps`: a GroupResource as Go prints it. */
export function qualifiedResource(group: string, resource: string): string {
  return group ? `${resource}.${group}` : resource;
}

/** The sentence after "is forbidden: ": `User "jane" cannot list resource "pods" in API group "" in the namespace "default"`. */
export function forbiddenReason(attrs: Attributes): string {
  const username = attrs.user?.username ?? '';
  if (!attrs.resourceRequest) {
    return `User ${goQuote(username)} cannot ${attrs.verb} path ${goQuote(attrs.path)}`;
  }
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const head = `User ${goQuote(username)} cannot ${attrs.verb} resource ${goQuote(resource)} in API group ${goQuote(attrs.apiGroup)}`;
  return attrs.namespace ? `${head} in the namespace ${goQuote(attrs.namespace)}` : `${head} at the cluster scope`;
}

/** Status.message for a Forbidden error about (group, resource, name), given the inner error text. */
export function forbiddenStatusMessage(group: string, resource: string, name: string, inner: string): string {
  if (!group && !resource) return `forbidden: ${inner}`;
  const gr = qualifiedResource(group, resource);
  return name ? `${gr} ${goQuote(name)} is forbidden: ${inner}` : `${gr} is forbidden: ${inner}`;
}

/** Full Status.message for an authorization denial; `reason` is the authorizer's reason (may be empty). */
export function forbiddenMessage(attrs: Attributes, reason = ''): string {
  const msg = sanitize(forbiddenReason(attrs));
  const inner = reason ? `${msg}: ${reason}` : msg;
  if (!attrs.resourceRequest) return forbiddenStatusMessage('', '', '', inner);
  return forbiddenStatusMessage(attrs.apiGroup, attrs.resource, attrs.name, inner);
}

export interface ForbiddenStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: 'Forbidden';
  details: { name?: string; group?: string; kind?: string };
  code: 403;
}

/** A complete 403 Status object, as kube-apiserver writes it. Empty detail fields are omitted. */
export function forbiddenStatus(group: string, resource: string, name: string, message: string): ForbiddenStatus {
  const details: ForbiddenStatus['details'] = {};
  if (name) details.name = name;
  if (group) details.group = group;
  if (resource) details.kind = resource;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Forbidden', details, code: 403 };
}

/** The 403 Status for an authorization denial. */
export function forbiddenStatusFor(attrs: Attributes, reason = ''): ForbiddenStatus {
  const message = forbiddenMessage(attrs, reason);
  return attrs.resourceRequest
    ? forbiddenStatus(attrs.apiGroup, attrs.resource, attrs.name, message)
    : forbiddenStatus('', '', '', message);
}

/** NotFound text from the authorizer's role lookups (singular lister resource): `clusterrole.rbac.authorization.k8s.io "x" not found`. */
export function roleNotFound(kind: 'Role' | 'ClusterRole', name: string): string {
  return `${kind === 'Role' ? 'role' : 'clusterrole'}.rbac.authorization.k8s.io ${goQuote(name)} not found`;
}

/** Go's utilerrors.NewAggregate(...).Error(): one error as is, several as `[a, b]`. */
export function aggregateErrors(errors: readonly string[]): string {
  const unique = [...new Set(errors)];
  if (unique.length === 1) return unique[0];
  return '[' + unique.join(', ') + ']';
}

export const AGGREGATION_RULE_FORBIDDEN = 'must have cluster-admin privileges to use the aggregationRule';
