import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  aggregateRules,
  authorize,
  checkEscalation,
  checkRbacWrite,
  forbiddenMessage,
  forbiddenStatusFor,
  rulesFor,
  serviceAccountUser,
  type Attributes,
  type RbacSource,
  type RequestUser,
} from '../../server/cluster/api/authz/rbac.ts';
import { bootstrapPolicy } from '../../server/cluster/api/authz/bootstrap-policy.ts';

const RBAC_API = 'rbac.authorization.k8s.io/v1';

function source(extra: { clusterRoles?: any[]; clusterRoleBindings?: any[]; roles?: any[]; roleBindings?: any[] } = {}, withList = true): RbacSource {
  const p = bootstrapPolicy();
  const crs = [...p.clusterRoles, ...(extra.clusterRoles ?? [])];
  const crbs = [...p.clusterRoleBindings, ...(extra.clusterRoleBindings ?? [])];
  const roles = [...p.roles, ...(extra.roles ?? [])];
  const rbs = [...p.roleBindings, ...(extra.roleBindings ?? [])];
  const src: RbacSource = {
    clusterRoleBindings: () => crbs,
    roleBindings: (ns) => rbs.filter((b) => b.metadata.namespace === ns),
    clusterRole: (name) => crs.find((c) => c.metadata.name === name),
    role: (ns, name) => roles.find((r) => r.metadata.namespace === ns && r.metadata.name === name),
  };
  if (withList) src.clusterRoles = () => crs;
  return src;
}

const jane: RequestUser = { username: 'jane', groups: ['system:authenticated'] };
const bot = serviceAccountUser('dev', 'bot');

function req(user: RequestUser, verb: string, resource: string, namespace = '', opts: Partial<Attributes> = {}): Attributes {
  const [res, sub = ''] = resource.split('/');
  return { user, verb, apiGroup: '', resource: res, subresource: sub, namespace, name: '', path: '', resourceRequest: true, ...opts };
}
function url(user: RequestUser, verb: string, path: string): Attributes {
  return { user, verb, apiGroup: '', resource: '', subresource: '', namespace: '', name: '', path, resourceRequest: false };
}

const fixtures = {
  roles: [
    { apiVersion: RBAC_API, kind: 'Role', metadata: { name: 'pod-reader', namespace: 'dev' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }] },
    { apiVersion: RBAC_API, kind: 'Role', metadata: { name: 'one-config', namespace: 'dev' }, rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['app-config'], verbs: ['get', 'update'] }] },
    { apiVersion: RBAC_API, kind: 'Role', metadata: { name: 'scaler', namespace: 'dev' }, rules: [{ apiGroups: ['apps'], resources: ['*/scale'], verbs: ['update', 'patch'] }] },
  ],
  roleBindings: [
    // subject without namespace: the binding's namespace is used
    { apiVersion: RBAC_API, kind: 'RoleBinding', metadata: { name: 'bot-reads', namespace: 'dev' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' }, subjects: [{ kind: 'ServiceAccount', name: 'bot' }] },
    { apiVersion: RBAC_API, kind: 'RoleBinding', metadata: { name: 'jane-view', namespace: 'dev' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'jane' }] },
    { apiVersion: RBAC_API, kind: 'RoleBinding', metadata: { name: 'jane-config', namespace: 'dev' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'one-config' }, subjects: [{ kind: 'User', name: 'jane' }] },
    { apiVersion: RBAC_API, kind: 'RoleBinding', metadata: { name: 'bob-edit', namespace: 'dev' }, roleRef: { kind: 'ClusterRole', name: 'edit' }, subjects: [{ kind: 'User', name: 'bob' }] },
    { apiVersion: RBAC_API, kind: 'RoleBinding', metadata: { name: 'ann-admin', namespace: 'dev' }, roleRef: { kind: 'ClusterRole', name: 'admin' }, subjects: [{ kind: 'User', name: 'ann' }] },
    { apiVersion: RBAC_API, kind: 'RoleBinding', metadata: { name: 'ops-scaler', namespace: 'dev' }, roleRef: { kind: 'Role', name: 'scaler' }, subjects: [{ kind: 'Group', name: 'ops' }] },
    { apiVersion: RBAC_API, kind: 'RoleBinding', metadata: { name: 'dangling', namespace: 'broken' }, roleRef: { kind: 'Role', name: 'missing' }, subjects: [{ kind: 'User', name: 'jane' }] },
  ],
  clusterRoles: [
    { apiVersion: RBAC_API, kind: 'ClusterRole', metadata: { name: 'everything' }, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] },
    { apiVersion: RBAC_API, kind: 'ClusterRole', metadata: { name: 'crontab-viewer', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }, rules: [{ apiGroups: ['stable.example.com'], resources: ['crontabs'], verbs: ['get', 'list', 'watch'] }] },
    { apiVersion: RBAC_API, kind: 'ClusterRole', metadata: { name: 'metrics-reader' }, rules: [{ nonResourceURLs: ['/metrics', '/debug/*'], verbs: ['get'] }] },
  ],
  clusterRoleBindings: [
    { apiVersion: RBAC_API, kind: 'ClusterRoleBinding', metadata: { name: 'root-sa' }, roleRef: { kind: 'ClusterRole', name: 'everything' }, subjects: [{ kind: 'ServiceAccount', name: 'root', namespace: 'tools' }] },
    { apiVersion: RBAC_API, kind: 'ClusterRoleBinding', metadata: { name: 'prom' }, roleRef: { kind: 'ClusterRole', name: 'metrics-reader' }, subjects: [{ kind: 'Group', name: 'monitoring' }] },
  ],
};

const bob: RequestUser = { username: 'bob', groups: ['system:authenticated'] };
const ann: RequestUser = { username: 'ann', groups: ['system:authenticated'] };
const ops: RequestUser = { username: 'olga', groups: ['ops', 'system:authenticated'] };
const prom: RequestUser = { username: 'prom', groups: ['monitoring', 'system:authenticated'] };
const root = serviceAccountUser('tools', 'root');
const admin: RequestUser = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };
const master: RequestUser = { username: 'someone', groups: ['system:masters'] };

const cases: Array<[string, Attributes, boolean]> = [
  // ServiceAccount with a Role through a RoleBinding
  ['sa lists pods in its namespace', req(bot, 'list', 'pods', 'dev'), true],
  ['sa gets a pod by name', req(bot, 'get', 'pods', 'dev', { name: 'web' }), true],
  ['sa cannot delete pods', req(bot, 'delete', 'pods', 'dev', { name: 'web' }), false],
  ['sa cannot list pods in another namespace', req(bot, 'list', 'pods', 'default'), false],
  ['sa cannot list pods cluster-wide', req(bot, 'list', 'pods', ''), false],
  ['other sa of same name elsewhere gets nothing', req(serviceAccountUser('prod', 'bot'), 'list', 'pods', 'dev'), false],
  // RoleBinding to a ClusterRole grants within the namespace only
  ['view via rolebinding: list deployments in dev', req(jane, 'list', 'deployments', 'dev', { apiGroup: 'apps' }), true],
  ['view via rolebinding: not in default', req(jane, 'list', 'deployments', 'default', { apiGroup: 'apps' }), false],
  ['view via rolebinding: no cluster-scoped nodes', req(jane, 'list', 'nodes', ''), false],
  ['view cannot read secrets', req(jane, 'get', 'secrets', 'dev', { name: 's' }), false],
  ['view cannot create pods', req(jane, 'create', 'pods', 'dev'), false],
  // resourceNames
  ['resourceNames: named configmap', req(jane, 'update', 'configmaps', 'dev', { name: 'app-config' }), true],
  ['resourceNames: other configmap', req(jane, 'update', 'configmaps', 'dev', { name: 'other' }), false],
  ['resourceNames: list has no name', req(jane, 'update', 'configmaps', 'dev'), false],
  // wildcards
  ['* rule: anything anywhere', req(root, 'deletecollection', 'widgets', 'x', { apiGroup: 'example.com' }), true],
  ['* rule: subresources too', req(root, 'create', 'pods/exec', 'kube-system', { name: 'p' }), true],
  ['* rule does not cover non-resource urls', url(root, 'get', '/metrics'), false],
  // subresources
  ['view grants pods/log', req(jane, 'get', 'pods/log', 'dev', { name: 'web' }), true],
  ['view does not grant pods/exec', req(jane, 'create', 'pods/exec', 'dev', { name: 'web' }), false],
  ['edit grants pods/exec create', req(bob, 'create', 'pods/exec', 'dev', { name: 'web' }), true],
  ['*/scale covers deployments/scale', req(ops, 'patch', 'deployments/scale', 'dev', { apiGroup: 'apps', name: 'web' }), true],
  ['*/scale does not cover the deployment itself', req(ops, 'patch', 'deployments', 'dev', { apiGroup: 'apps', name: 'web' }), false],
  // aggregated roles
  ['edit includes view rules', req(bob, 'watch', 'events', 'dev'), true],
  ['edit can write secrets', req(bob, 'create', 'secrets', 'dev'), true],
  ['edit cannot write roles', req(bob, 'create', 'roles', 'dev', { apiGroup: 'rbac.authorization.k8s.io' }), false],
  ['admin can write roles', req(ann, 'create', 'roles', 'dev', { apiGroup: 'rbac.authorization.k8s.io' }), true],
  ['admin includes edit rules', req(ann, 'delete', 'deployments', 'dev', { apiGroup: 'apps', name: 'x' }), true],
  ['custom role aggregated into view', req(jane, 'list', 'crontabs', 'dev', { apiGroup: 'stable.example.com' }), true],
  ['custom role reaches edit and admin through view', req(ann, 'get', 'crontabs', 'dev', { apiGroup: 'stable.example.com', name: 'c' }), true],
  // non-resource URLs
  ['discovery: /api', url(jane, 'get', '/api'), true],
  ['discovery: /apis/apps/v1 via /apis/*', url(jane, 'get', '/apis/apps/v1'), true],
  ['discovery: /healthz', url(jane, 'get', '/healthz'), true],
  ['discovery: post is not get', url(jane, 'post', '/api'), false],
  ['no rule for /metrics', url(jane, 'get', '/metrics'), false],
  ['explicit url', url(prom, 'get', '/metrics'), true],
  ['trailing star url', url(prom, 'get', '/debug/pprof/heap'), true],
  ['trailing star matches after the slash only', url(prom, 'get', '/debugger'), false],
  ['anonymous public info', url({ username: 'system:anonymous', groups: ['system:unauthenticated'] }, 'get', '/version'), true],
  ['anonymous has no discovery', url({ username: 'system:anonymous', groups: ['system:unauthenticated'] }, 'get', '/api'), false],
  // privileged identities
  ['system:masters always', req(master, 'escalate', 'clusterroles', '', { apiGroup: 'rbac.authorization.k8s.io' }), true],
  ['kubeadm:cluster-admins is cluster-admin', req(admin, 'delete', 'nodes', '', { name: 'node01' }), true],
  ['kubeadm:cluster-admins non-resource', url(admin, 'get', '/metrics'), true],
  // kubeadm objects
  ['anonymous reads cluster-info', req({ username: 'system:anonymous', groups: ['system:unauthenticated'] }, 'get', 'configmaps', 'kube-public', { name: 'cluster-info' }), true],
  ['bootstrap token creates CSRs', req({ username: 'system:bootstrap:abcdef', groups: ['system:bootstrappers', 'system:bootstrappers:kubeadm:default-node-token', 'system:authenticated'] }, 'create', 'certificatesigningrequests', '', { apiGroup: 'certificates.k8s.io' }), true],
  ['coredns lists endpointslices', req(serviceAccountUser('kube-system', 'coredns'), 'list', 'endpointslices', '', { apiGroup: 'discovery.k8s.io' }), true],
  ['kube-proxy via kubeadm:node-proxier', req(serviceAccountUser('kube-system', 'kube-proxy'), 'watch', 'services', ''), true],
  ['scheduler binds pods', req({ username: 'system:kube-scheduler', groups: ['system:authenticated'] }, 'create', 'pods/binding', 'default', { name: 'p' }), true],
  ['controller SA via controller role', req(serviceAccountUser('kube-system', 'deployment-controller'), 'create', 'replicasets', 'default', { apiGroup: 'apps' }), true],
  ['default SA has nothing', req(serviceAccountUser('default', 'default'), 'list', 'pods', 'default'), false],
  ['basic-user self review', req(jane, 'create', 'selfsubjectaccessreviews', '', { apiGroup: 'authorization.k8s.io' }), true],
];

for (const [name, attrs, allowed] of cases) {
  test(`authorize: ${name}`, () => {
    const res = authorize(attrs, source(fixtures));
    assert.equal(res.decision, allowed ? 'allow' : 'no-opinion', res.reason);
  });
}

test('authorize: allow reason names the binding', () => {
  const res = authorize(req(bot, 'list', 'pods', 'dev'), source(fixtures));
  assert.equal(res.reason, 'RBAC: allowed by RoleBinding "bot-reads/dev" of Role "pod-reader" to ServiceAccount "bot/dev"');
  const res2 = authorize(req(admin, 'list', 'pods', 'dev'), source(fixtures));
  assert.equal(res2.reason, 'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"');
});

test('authorize: missing role becomes the denial reason', () => {
  const attrs = req(jane, 'list', 'pods', 'broken');
  const res = authorize(attrs, source(fixtures));
  assert.deepEqual(res, { decision: 'no-opinion', reason: 'RBAC: role.rbac.authorization.k8s.io "missing" not found' });
  assert.equal(
    forbiddenMessage(attrs, res.reason),
    'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "broken": RBAC: role.rbac.authorization.k8s.io "missing" not found',
  );
});

test('authorize: aggregated roles work without a list of cluster roles when rules are stored', () => {
  const res = authorize(req(bob, 'list', 'pods', 'dev'), source(fixtures, false));
  assert.equal(res.decision, 'allow');
});

test('forbidden messages match kube-apiserver', () => {
  const table: Array<[Attributes, string]> = [
    [req(jane, 'list', 'pods', 'default'), 'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"'],
    [req(jane, 'list', 'nodes', ''), 'nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope'],
    [req(jane, 'get', 'pods/log', 'default', { name: 'web' }), 'pods "web" is forbidden: User "jane" cannot get resource "pods/log" in API group "" in the namespace "default"'],
    [req(jane, 'get', 'deployments', 'default', { apiGroup: 'apps', name: 'web' }), 'deployments.apps "web" is forbidden: User "jane" cannot get resource "deployments" in API group "apps" in the namespace "default"'],
    [req(serviceAccountUser('ns', 'sa'), 'list', 'pods', 'ns'), 'pods is forbidden: User "system:serviceaccount:ns:sa" cannot list resource "pods" in API group "" in the namespace "ns"'],
    [req(jane, 'create', 'clusterrolebindings', '', { apiGroup: 'rbac.authorization.k8s.io' }), 'clusterrolebindings.rbac.authorization.k8s.io is forbidden: User "jane" cannot create resource "clusterrolebindings" in API group "rbac.authorization.k8s.io" at the cluster scope'],
    [url(jane, 'get', '/foo'), 'forbidden: User "jane" cannot get path "/foo"'],
  ];
  for (const [attrs, text] of table) assert.equal(forbiddenMessage(attrs), text);
});

test('forbidden status object', () => {
  const st = forbiddenStatusFor(req(jane, 'get', 'deployments', 'default', { apiGroup: 'apps', name: 'web' }));
  assert.deepEqual(st, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'deployments.apps "web" is forbidden: User "jane" cannot get resource "deployments" in API group "apps" in the namespace "default"',
    reason: 'Forbidden',
    details: { name: 'web', group: 'apps', kind: 'deployments' },
    code: 403,
  });
  assert.deepEqual(forbiddenStatusFor(req(jane, 'list', 'pods', 'x')).details, { kind: 'pods' });
  assert.deepEqual(forbiddenStatusFor(url(jane, 'get', '/x')).details, {});
});

test('rulesFor lists resource and non-resource rules', () => {
  const review = rulesFor(bot, 'dev', source(fixtures));
  assert.equal(review.incomplete, false);
  assert.deepEqual(review.resourceRules.find((r) => r.resources?.includes('pods')), { verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods'] });
  assert.ok(review.resourceRules.some((r) => r.resources?.includes('selfsubjectaccessreviews')));
  assert.ok(review.nonResourceRules.some((r) => r.nonResourceURLs?.includes('/api/*')));
  const other = rulesFor(bot, 'default', source(fixtures));
  assert.ok(!other.resourceRules.some((r) => r.resources?.includes('pods')));
});

test('rulesFor marks missing roles as incomplete', () => {
  const review = rulesFor(jane, 'broken', source(fixtures));
  assert.equal(review.incomplete, true);
  assert.equal(review.evaluationError, 'role.rbac.authorization.k8s.io "missing" not found');
});

test('rulesFor system:masters starts with wildcards', () => {
  const review = rulesFor(master, 'default', source(fixtures));
  assert.deepEqual(review.resourceRules[0], { verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
  assert.deepEqual(review.nonResourceRules[0], { verbs: ['*'], nonResourceURLs: ['*'] });
});

test('checkEscalation allows rules already held, reports missing ones', () => {
  const src = source(fixtures);
  assert.equal(checkEscalation(bob, [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'create'] }], src, 'dev'), null);
  assert.equal(
    checkEscalation(bob, [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list'] }, { apiGroups: [''], resources: ['pods'], verbs: ['get'] }], src, 'dev'),
    'user "bob" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["nodes"], Verbs:["get" "list"]}',
  );
  // outside the namespace bob holds nothing beyond the defaults
  assert.match(checkEscalation(bob, [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }], src, 'default') ?? '', /\{APIGroups:\[""\], Resources:\["pods"\], Verbs:\["get"\]\}$/);
  assert.equal(checkEscalation(master, [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }], src), null);
});

test('checkEscalation: resource names and non-resource urls', () => {
  const src = source(fixtures);
  assert.equal(checkEscalation(jane, [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['app-config'], verbs: ['get'] }], src, 'dev'), null);
  assert.equal(
    checkEscalation(jane, [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['other'], verbs: ['update'] }, { nonResourceURLs: ['/metrics'], verbs: ['get'] }], src, 'dev'),
    'user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["configmaps"], ResourceNames:["other"], Verbs:["update"]}\n{NonResourceURLs:["/metrics"], Verbs:["get"]}',
  );
});

test('checkRbacWrite: roles, bindings, bind verb and missing role refs', () => {
  const src = source(fixtures);
  const role = (rules: any[]) => ({ apiVersion: RBAC_API, kind: 'Role', metadata: { name: 'r', namespace: 'dev' }, rules });
  assert.deepEqual(checkRbacWrite(ann, 'Role', role([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]), src), { allowed: true });
  const refused = checkRbacWrite(ann, 'Role', role([{ apiGroups: [''], resources: ['nodes'], verbs: ['list'] }]), src);
  assert.equal(refused.allowed, false);
  if (!refused.allowed) {
    assert.equal(refused.code, 403);
    assert.equal(
      refused.status.message,
      'roles.rbac.authorization.k8s.io "r" is forbidden: user "ann" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["nodes"], Verbs:["list"]}',
    );
  }
  const rb = (kind: string, name: string) => ({ apiVersion: RBAC_API, kind: 'RoleBinding', metadata: { name: 'b', namespace: 'dev' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name }, subjects: [{ kind: 'User', name: 'x' }] });
  assert.deepEqual(checkRbacWrite(ann, 'RoleBinding', rb('ClusterRole', 'edit'), src), { allowed: true });
  assert.equal(checkRbacWrite(ann, 'RoleBinding', rb('ClusterRole', 'cluster-admin'), src).allowed, false);
  const missing = checkRbacWrite(ann, 'RoleBinding', rb('Role', 'nope'), src);
  assert.equal(missing.allowed, false);
  if (!missing.allowed) {
    assert.equal(missing.code, 404);
    assert.equal(missing.status.message, 'roles.rbac.authorization.k8s.io "nope" not found');
  }
  assert.deepEqual(checkRbacWrite(master, 'ClusterRoleBinding', { metadata: { name: 'x' }, roleRef: { kind: 'ClusterRole', name: 'cluster-admin' } }, src), { allowed: true });
  const binder = source({
    ...fixtures,
    clusterRoles: [...fixtures.clusterRoles, { apiVersion: RBAC_API, kind: 'ClusterRole', metadata: { name: 'binder' }, rules: [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind'], resourceNames: ['cluster-admin'] }] }],
    clusterRoleBindings: [...fixtures.clusterRoleBindings, { apiVersion: RBAC_API, kind: 'ClusterRoleBinding', metadata: { name: 'jane-binder' }, roleRef: { kind: 'ClusterRole', name: 'binder' }, subjects: [{ kind: 'User', name: 'jane' }] }],
  });
  assert.deepEqual(checkRbacWrite(jane, 'ClusterRoleBinding', { metadata: { name: 'x' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' } }, binder), { allowed: true });
  const agg = checkRbacWrite(ann, 'ClusterRole', { metadata: { name: 'agg' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'b' } }] }, rules: [] }, src);
  assert.equal(agg.allowed, false);
  if (!agg.allowed) assert.equal(agg.status.message, 'clusterroles.rbac.authorization.k8s.io "agg" is forbidden: must have cluster-admin privileges to use the aggregationRule');
});

test('aggregateRules: name order, no duplicates, selectors', () => {
  const all = [
    { metadata: { name: 'agg' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: '1' } }, { matchExpressions: [{ key: 'y', operator: 'Exists' }] }] } },
    { metadata: { name: 'b', labels: { x: '1' } }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] },
    { metadata: { name: 'a', labels: { y: 'anything' } }, rules: [{ apiGroups: [''], resources: ['services'], verbs: ['get'] }, { apiGroups: [''], resources: ['pods'], verbs: ['get'] }] },
    { metadata: { name: 'c', labels: { x: '2' } }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] },
  ];
  assert.deepEqual(aggregateRules(all[0], all), [
    { apiGroups: [''], resources: ['services'], verbs: ['get'] },
    { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
  ]);
  assert.deepEqual(aggregateRules(all[1], all), all[1].rules);
});

test('bootstrap policy: shape, labels and references', () => {
  const p = bootstrapPolicy();
  const names = (list: any[]) => list.map((o) => o.metadata.name);
  for (const n of ['cluster-admin', 'admin', 'edit', 'view', 'system:basic-user', 'system:discovery', 'system:public-info-viewer', 'system:node', 'system:kube-scheduler', 'system:kube-controller-manager', 'system:controller:deployment-controller', 'system:aggregate-to-view', 'kubeadm:get-nodes', 'system:coredns']) {
    assert.ok(names(p.clusterRoles).includes(n), n);
  }
  for (const n of ['cluster-admin', 'kubeadm:cluster-admins', 'kubeadm:get-nodes', 'kubeadm:kubelet-bootstrap', 'kubeadm:node-autoapprove-bootstrap', 'kubeadm:node-autoapprove-certificate-rotation', 'kubeadm:node-proxier', 'system:coredns']) {
    assert.ok(names(p.clusterRoleBindings).includes(n), n);
  }
  assert.ok(!names(p.clusterRoles).some((n: string) => n.includes('openshift')));
  const view = p.clusterRoles.find((c) => c.metadata.name === 'view');
  assert.deepEqual(view.metadata.labels, { 'kubernetes.io/bootstrapping': 'rbac-defaults', 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' });
  assert.deepEqual(view.metadata.annotations, { 'rbac.authorization.kubernetes.io/autoupdate': 'true' });
  assert.deepEqual(view.aggregationRule, { clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }] });
  assert.ok(view.rules.length > 0);
  const kubeadmCrb = p.clusterRoleBindings.find((c) => c.metadata.name === 'kubeadm:cluster-admins');
  assert.deepEqual(kubeadmCrb, {
    apiVersion: RBAC_API,
    kind: 'ClusterRoleBinding',
    metadata: { name: 'kubeadm:cluster-admins' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'kubeadm:cluster-admins' }],
  });
  const crNames = new Set(names(p.clusterRoles));
  for (const b of p.clusterRoleBindings) assert.ok(crNames.has(b.roleRef.name), b.metadata.name);
  for (const b of p.roleBindings) {
    const ok = b.roleRef.kind === 'ClusterRole' ? crNames.has(b.roleRef.name) : p.roles.some((r) => r.metadata.namespace === b.metadata.namespace && r.metadata.name === b.roleRef.name);
    assert.ok(ok, `${b.metadata.namespace}/${b.metadata.name}`);
  }
  // fresh copies each call
  p.clusterRoles[0].metadata.name = 'changed';
  assert.notEqual(bootstrapPolicy().clusterRoles[0].metadata.name, 'changed');
});
