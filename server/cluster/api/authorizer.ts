// The API server's authorizer: --authorization-mode=Node,RBAC over the store's RBAC objects,
// and the review resources (SelfSubjectAccessReview, SubjectAccessReview, LocalSubjectAccessReview,
// SelfSubjectRulesReview, SelfSubjectReview, TokenReview) answered from it.
import type { KObject, UserInfo } from '../kinds/types.ts';
import type { Store } from './store.ts';
import { authorize, rulesFor, type Attributes, type RbacSource } from './authz/rbac.ts';
import { forbiddenMessage } from './authz/messages.ts';
import { ApiError, badRequest } from './errors.ts';
import type { TokenAuthority } from './authn.ts';
import { serviceAccountUser } from './authn.ts';

export type AuthzAttributes = Omit<Attributes, 'user'> & { user: UserInfo };

export class Authorizer {
  /** Authorization modes from the API server's flags (--authorization-mode). */
  modes: string[] = ['Node', 'RBAC'];

  constructor(private store: Store) {}

  private list(prefix: string): any[] {
    return this.store.list(prefix).map((s) => s.obj);
  }

  source(): RbacSource {
    return {
      clusterRoleBindings: () => this.list('/registry/clusterrolebindings/'),
      roleBindings: (ns) => this.list(`/registry/rolebindings/${ns}/`),
      clusterRole: (name) => this.store.get(`/registry/clusterroles/${name}`)?.obj,
      role: (ns, name) => this.store.get(`/registry/roles/${ns}/${name}`)?.obj,
      clusterRoles: () => this.list('/registry/clusterroles/'),
    };
  }

  check(a: AuthzAttributes): { allowed: boolean; reason: string } {
    if (this.modes.includes('AlwaysAllow')) return { allowed: true, reason: '' };
    // The Node authorizer: kubelets (group system:nodes) act for their node. Our kubelets are part
    // of the runtime, so this is coarse: it grants what a kubelet's requests need.
    if (this.modes.includes('Node') && a.user.groups.includes('system:nodes') && a.user.username.startsWith('system:node:')) {
      return { allowed: true, reason: '' };
    }
    if (this.modes.includes('RBAC')) {
      const r = authorize({ ...a, user: { username: a.user.username, groups: a.user.groups } }, this.source());
      if (r.decision === 'allow') return { allowed: true, reason: r.reason };
      return { allowed: false, reason: r.reason };
    }
    return { allowed: false, reason: '' };
  }

  /** Throws the Forbidden Status kube-apiserver sends for a denied request. */
  enforce(a: AuthzAttributes): void {
    const r = this.check(a);
    if (r.allowed) return;
    const attrs = { ...a, user: { username: a.user.username, groups: a.user.groups } };
    const message = forbiddenMessage(attrs, r.reason);
    const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
    throw new ApiError(403, 'Forbidden', message, a.resourceRequest ? { name: a.name || undefined, group: a.apiGroup || undefined, kind: resource } : undefined);
  }

  rules(user: UserInfo, namespace: string) {
    return rulesFor({ username: user.username, groups: user.groups }, namespace, this.source());
  }
}

function attributesFromSpec(spec: any, user: UserInfo): AuthzAttributes {
  const ra = spec.resourceAttributes;
  const na = spec.nonResourceAttributes;
  if (ra) {
    return {
      user, verb: ra.verb ?? '', apiGroup: ra.group ?? '', resource: ra.resource ?? '', subresource: ra.subresource ?? '',
      namespace: ra.namespace ?? '', name: ra.name ?? '', path: '', resourceRequest: true,
    };
  }
  return { user, verb: na?.verb ?? '', apiGroup: '', resource: '', subresource: '', namespace: '', name: '', path: na?.path ?? '', resourceRequest: false };
}

/**
 * Answers a review object (create-only, never stored). Returns undefined when the kind is not a
 * review kind, so the caller falls through to generic REST.
 */
export function answerReview(kind: string, obj: KObject, requester: UserInfo, authz: Authorizer, tokens: TokenAuthority, now: Date, urlNamespace?: string): KObject | undefined {
  const spec = obj.spec ?? {};
  const out: KObject = { ...obj, metadata: { ...(obj.metadata ?? {}), creationTimestamp: null } };
  switch (kind) {
    case 'SelfSubjectAccessReview': {
      if (!spec.resourceAttributes && !spec.nonResourceAttributes) throw invalidReview(kind, 'spec.resourceAttributes', 'exactly one of nonResourceAttributes or resourceAttributes must be specified');
      const r = authz.check(attributesFromSpec(spec, requester));
      out.status = r.allowed ? { allowed: true, reason: r.reason || undefined } : { allowed: false, ...(r.reason ? { reason: r.reason } : {}) };
      return out;
    }
    case 'SubjectAccessReview':
    case 'LocalSubjectAccessReview': {
      const user: UserInfo = { username: spec.user ?? '', groups: spec.groups ?? [], uid: spec.uid, extra: spec.extra };
      if (!user.username && !user.groups.length) throw invalidReview(kind, 'spec.user', 'at least one of user or group must be specified');
      if (kind === 'LocalSubjectAccessReview') {
        const ns = spec.resourceAttributes?.namespace;
        if (urlNamespace && ns !== urlNamespace) {
          throw invalidReview(kind, 'spec.resourceAttributes.namespace', `must match metadata.namespace`);
        }
      }
      const r = authz.check(attributesFromSpec(spec, user));
      out.status = r.allowed ? { allowed: true, ...(r.reason ? { reason: r.reason } : {}) } : { allowed: false, ...(r.reason ? { reason: r.reason } : {}) };
      return out;
    }
    case 'SelfSubjectRulesReview': {
      if (!spec.namespace) throw badRequest('no namespace on request');
      const r = authz.rules(requester, spec.namespace);
      out.status = { resourceRules: r.resourceRules, nonResourceRules: r.nonResourceRules, incomplete: r.incomplete, ...(r.evaluationError ? { evaluationError: r.evaluationError } : {}) };
      return out;
    }
    case 'SelfSubjectReview': {
      const ui: Record<string, unknown> = { username: requester.username, groups: requester.groups };
      if (requester.uid) ui.uid = requester.uid;
      if (requester.extra && Object.keys(requester.extra).length) ui.extra = requester.extra;
      out.status = { userInfo: ui };
      return out;
    }
    case 'TokenReview': {
      const claims = spec.token ? tokens.verify(String(spec.token), now) : undefined;
      if (!claims) {
        out.status = { user: {}, error: '[invalid bearer token, service account token has been invalidated]' };
        return out;
      }
      const k = claims['kubernetes.io'];
      const u = serviceAccountUser(k.namespace, k.serviceaccount.name, k.serviceaccount.uid);
      out.status = { authenticated: true, user: { username: u.username, uid: u.uid, groups: u.groups }, audiences: claims.aud };
      return out;
    }
    default:
      return undefined;
  }
}

function invalidReview(kind: string, field: string, detail: string): ApiError {
  const group = kind === 'SelfSubjectReview' || kind === 'TokenReview' ? 'authentication.k8s.io' : 'authorization.k8s.io';
  return new ApiError(422, 'Invalid', `${kind}.${group} "" is invalid: ${field}: Invalid value: "": ${detail}`, {
    group, kind, causes: [{ reason: 'FieldValueInvalid', message: `Invalid value: "": ${detail}`, field }],
  });
}
