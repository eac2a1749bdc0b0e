// The RBAC objects a fresh kubeadm 1.35 cluster holds: kube-apiserver's bootstrap policy
// (default ClusterRoles, controller roles, their bindings, and the namespaced roles in
// kube-system/kube-public) followed by the objects kubeadm itself creates during `kubeadm init`.
// The rules are data; the generic authorizer in rbac.ts reads them like any stored object.
import { aggregateRules, type PolicyRule, type Subject } from './rbac.ts';

const RBAC_API = 'rbac.authorization.k8s.io/v1';
const RBAC_GROUP = 'rbac.authorization.k8s.io';
const BOOTSTRAP_LABELS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const AUTOUPDATE = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };

/** A resource rule. */
function r(verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): PolicyRule {
  const rule: PolicyRule = { apiGroups, resources, verbs };
  if (resourceNames) rule.resourceNames = resourceNames;
  return rule;
}

/** A non-resource URL rule. */
function u(verbs: string[], nonResourceURLs: string[]): PolicyRule {
  return { nonResourceURLs, verbs };
}

const user = (name: string): Subject => ({ apiGroup: RBAC_GROUP, kind: 'User', name });
const group = (name: string): Subject => ({ apiGroup: RBAC_GROUP, kind: 'Group', name });
const sa = (namespace: string, name: string): Subject => ({ kind: 'ServiceAccount', name, namespace });

interface RoleOptions {
  labels?: Record<string, string>;
  aggregate?: Record<string, string>[];
  /** kubeadm's own objects carry no bootstrapping label or autoupdate annotation. */
  plain?: boolean;
}

function meta(name: string, namespace: string | undefined, opts: RoleOptions): Record<string, unknown> {
  const m: Record<string, unknown> = { name };
  if (namespace) m.namespace = namespace;
  if (!opts.plain) {
    m.labels = { ...BOOTSTRAP_LABELS, ...(opts.labels ?? {}) };
    m.annotations = { ...AUTOUPDATE };
  } else if (opts.labels) {
    m.labels = { ...opts.labels };
  }
  return m;
}

function clusterRole(name: string, rules: PolicyRule[], opts: RoleOptions = {}): any {
  const o: any = { apiVersion: RBAC_API, kind: 'ClusterRole', metadata: meta(name, undefined, opts), rules };
  if (opts.aggregate) o.aggregationRule = { clusterRoleSelectors: opts.aggregate.map((matchLabels) => ({ matchLabels })) };
  return o;
}

function role(namespace: string, name: string, rules: PolicyRule[], opts: RoleOptions = {}): any {
  return { apiVersion: RBAC_API, kind: 'Role', metadata: meta(name, namespace, opts), rules };
}

function clusterRoleBinding(name: string, roleName: string, subjects: Subject[], opts: RoleOptions = {}): any {
  const o: any = {
    apiVersion: RBAC_API,
    kind: 'ClusterRoleBinding',
    metadata: meta(name, undefined, opts),
    roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: roleName },
  };
  if (subjects.length) o.subjects = subjects;
  return o;
}

function roleBinding(namespace: string, name: string, roleKind: 'Role' | 'ClusterRole', roleName: string, subjects: Subject[], opts: RoleOptions = {}): any {
  const o: any = {
    apiVersion: RBAC_API,
    kind: 'RoleBinding',
    metadata: meta(name, namespace, opts),
    roleRef: { apiGroup: RBAC_GROUP, kind: roleKind, name: roleName },
  };
  if (subjects.length) o.subjects = subjects;
  return o;
}

// ---------------------------------------------------------------- kube-apiserver bootstrap policy
// Feature-gated entries follow kube-apiserver 1.35 defaults (e.g. DynamicResourceAllocation on,
// ClusterTrustBundle, PodCertificateRequest and DRADeviceTaints off).

const clusterRoles = (): any[] => [
  clusterRole("admin", [], { aggregate: [{"rbac.authorization.k8s.io/aggregate-to-admin":"true"}] }),
  clusterRole("cluster-admin", [
    r(["*"], ["*"], ["*"]),
    u(["*"], ["*"]),
  ]),
  clusterRole("edit", [], { labels: {"rbac.authorization.k8s.io/aggregate-to-admin":"true"}, aggregate: [{"rbac.authorization.k8s.io/aggregate-to-edit":"true"}] }),
  clusterRole("system:aggregate-to-admin", [
    r(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews"]),
    r(["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"], ["rbac.authorization.k8s.io"], ["rolebindings", "roles"]),
  ], { labels: {"rbac.authorization.k8s.io/aggregate-to-admin":"true"} }),
  clusterRole("system:aggregate-to-edit", [
    r(["get", "list", "watch"], [""], ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"]),
    r(["impersonate"], [""], ["serviceaccounts"]),
    r(["create", "delete", "deletecollection", "patch", "update"], [""], ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"]),
    r(["create"], [""], ["pods/eviction"]),
    r(["create", "delete", "deletecollection", "patch", "update"], [""], ["configmaps", "persistentvolumeclaims", "replicationcontrollers", "replicationcontrollers/scale", "secrets", "serviceaccounts", "services", "services/proxy"]),
    r(["create"], [""], ["serviceaccounts/token"]),
    r(["create", "delete", "deletecollection", "patch", "update"], ["", "events.k8s.io"], ["events"]),
    r(["create", "delete", "deletecollection", "patch", "update"], ["apps"], ["daemonsets", "deployments", "deployments/rollback", "deployments/scale", "replicasets", "replicasets/scale", "statefulsets", "statefulsets/scale"]),
    r(["create", "delete", "deletecollection", "patch", "update"], ["autoscaling"], ["horizontalpodautoscalers"]),
    r(["create", "delete", "deletecollection", "patch", "update"], ["batch"], ["cronjobs", "jobs"]),
    r(["create", "delete", "deletecollection", "patch", "update"], ["extensions"], ["daemonsets", "deployments", "deployments/rollback", "deployments/scale", "ingresses", "networkpolicies", "replicasets", "replicasets/scale", "replicationcontrollers/scale"]),
    r(["create", "delete", "deletecollection", "patch", "update"], ["policy"], ["poddisruptionbudgets"]),
    r(["create", "delete", "deletecollection", "patch", "update"], ["networking.k8s.io"], ["ingresses", "networkpolicies"]),
    r(["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"], ["coordination.k8s.io"], ["leases"]),
    r(["create", "delete", "deletecollection", "patch", "update"], ["resource.k8s.io"], ["resourceclaims", "resourceclaimtemplates"]),
  ], { labels: {"rbac.authorization.k8s.io/aggregate-to-edit":"true"} }),
  clusterRole("system:aggregate-to-view", [
    r(["get", "list", "watch"], [""], ["configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status"]),
    r(["get", "list", "watch"], [""], ["bindings", "limitranges", "namespaces/status", "pods/log", "pods/status", "replicationcontrollers/status", "resourcequotas", "resourcequotas/status"]),
    r(["get", "list", "watch"], [""], ["namespaces"]),
    r(["get", "list", "watch"], ["", "events.k8s.io"], ["events"]),
    r(["get", "list", "watch"], ["discovery.k8s.io"], ["endpointslices"]),
    r(["get", "list", "watch"], ["apps"], ["controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "replicasets", "replicasets/scale", "replicasets/status", "statefulsets", "statefulsets/scale", "statefulsets/status"]),
    r(["get", "list", "watch"], ["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
    r(["get", "list", "watch"], ["batch"], ["cronjobs", "cronjobs/status", "jobs", "jobs/status"]),
    r(["get", "list", "watch"], ["extensions"], ["daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "ingresses", "ingresses/status", "networkpolicies", "replicasets", "replicasets/scale", "replicasets/status", "replicationcontrollers/scale"]),
    r(["get", "list", "watch"], ["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"]),
    r(["get", "list", "watch"], ["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"]),
    r(["get", "list", "watch"], ["resource.k8s.io"], ["resourceclaims", "resourceclaims/status", "resourceclaimtemplates"]),
  ], { labels: {"rbac.authorization.k8s.io/aggregate-to-view":"true"} }),
  clusterRole("system:auth-delegator", [
    r(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
    r(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
  ]),
  clusterRole("system:basic-user", [
    r(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
    r(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"]),
  ]),
  clusterRole("system:certificates.k8s.io:certificatesigningrequests:nodeclient", [
    r(["create"], ["certificates.k8s.io"], ["certificatesigningrequests/nodeclient"]),
  ]),
  clusterRole("system:certificates.k8s.io:certificatesigningrequests:selfnodeclient", [
    r(["create"], ["certificates.k8s.io"], ["certificatesigningrequests/selfnodeclient"]),
  ]),
  clusterRole("system:certificates.k8s.io:kube-apiserver-client-approver", [
    r(["approve"], ["certificates.k8s.io"], ["signers"], ["kubernetes.io/kube-apiserver-client"]),
  ]),
  clusterRole("system:certificates.k8s.io:kube-apiserver-client-kubelet-approver", [
    r(["approve"], ["certificates.k8s.io"], ["signers"], ["kubernetes.io/kube-apiserver-client-kubelet"]),
  ]),
  clusterRole("system:certificates.k8s.io:kubelet-serving-approver", [
    r(["approve"], ["certificates.k8s.io"], ["signers"], ["kubernetes.io/kubelet-serving"]),
  ]),
  clusterRole("system:certificates.k8s.io:legacy-unknown-approver", [
    r(["approve"], ["certificates.k8s.io"], ["signers"], ["kubernetes.io/legacy-unknown"]),
  ]),
  clusterRole("system:discovery", [
    u(["get"], ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"]),
  ]),
  clusterRole("system:heapster", [
    r(["get", "list", "watch"], [""], ["events", "namespaces", "nodes", "pods"]),
    r(["get", "list", "watch"], ["extensions"], ["deployments"]),
  ]),
  clusterRole("system:kube-aggregator", [
    r(["get", "list", "watch"], [""], ["endpoints", "services"]),
  ]),
  clusterRole("system:kube-controller-manager", [
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
    r(["create"], ["coordination.k8s.io"], ["leases"]),
    r(["get", "update"], ["coordination.k8s.io"], ["leases"], ["kube-controller-manager"]),
    r(["create"], [""], ["secrets", "serviceaccounts"]),
    r(["delete"], [""], ["secrets"]),
    r(["get"], [""], ["configmaps", "namespaces", "secrets", "serviceaccounts"]),
    r(["update"], [""], ["secrets", "serviceaccounts"]),
    r(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
    r(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
    r(["list", "watch"], ["*"], ["*"]),
    r(["create"], [""], ["serviceaccounts/token"]),
  ]),
  clusterRole("system:kube-dns", [
    r(["list", "watch"], [""], ["endpoints", "services"]),
  ]),
  clusterRole("system:kube-scheduler", [
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
    r(["create"], ["coordination.k8s.io"], ["leases"]),
    r(["get", "list", "update", "watch"], ["coordination.k8s.io"], ["leases"], ["kube-scheduler"]),
    r(["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"], ["coordination.k8s.io"], ["leasecandidates"]),
    r(["get", "list", "watch"], [""], ["nodes"]),
    r(["delete", "get", "list", "watch"], [""], ["pods"]),
    r(["create"], [""], ["bindings", "pods/binding"]),
    r(["patch", "update"], [""], ["pods/status"]),
    r(["get", "list", "watch"], [""], ["replicationcontrollers", "services"]),
    r(["get", "list", "watch"], ["apps", "extensions"], ["replicasets"]),
    r(["get", "list", "watch"], ["apps"], ["statefulsets"]),
    r(["get", "list", "watch"], ["policy"], ["poddisruptionbudgets"]),
    r(["get", "list", "watch"], [""], ["persistentvolumeclaims", "persistentvolumes"]),
    r(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
    r(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
    r(["get", "list", "watch"], ["storage.k8s.io"], ["csinodes"]),
    r(["get", "list", "watch"], ["storage.k8s.io"], ["volumeattachments"]),
    r(["get", "list", "watch"], [""], ["namespaces"]),
    r(["get", "list", "watch"], ["storage.k8s.io"], ["csidrivers"]),
    r(["get", "list", "watch"], ["storage.k8s.io"], ["csistoragecapacities"]),
    r(["get", "list", "watch"], ["resource.k8s.io"], ["deviceclasses"]),
    r(["get", "list", "patch", "update", "watch"], ["resource.k8s.io"], ["resourceclaims"]),
    r(["get", "list", "patch", "update", "watch"], ["resource.k8s.io"], ["resourceclaims/status"]),
    r(["update"], [""], ["pods/finalizers"]),
    r(["get", "list", "watch"], ["resource.k8s.io"], ["resourceslices"]),
  ]),
  clusterRole("system:kubelet-api-admin", [
    r(["get", "list", "watch"], [""], ["nodes"]),
    r(["proxy"], [""], ["nodes"]),
    r(["*"], [""], ["nodes/log", "nodes/metrics", "nodes/proxy", "nodes/stats"]),
    r(["*"], [""], ["nodes/configz", "nodes/healthz", "nodes/pods"]),
  ]),
  clusterRole("system:monitoring", [
    u(["get"], ["/flagz", "/healthz", "/healthz/*", "/livez", "/livez/*", "/metrics", "/metrics/slis", "/readyz", "/readyz/*", "/statusz"]),
    r(["get"], [""], ["nodes/metrics"]),
  ]),
  clusterRole("system:node", [
    r(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
    r(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews", "subjectaccessreviews"]),
    r(["get", "list", "watch"], [""], ["services"]),
    r(["create", "get", "list", "watch"], [""], ["nodes"]),
    r(["patch", "update"], [""], ["nodes/status"]),
    r(["patch", "update"], [""], ["nodes"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
    r(["get", "list", "watch"], [""], ["pods"]),
    r(["create", "delete"], [""], ["pods"]),
    r(["patch", "update"], [""], ["pods/status"]),
    r(["create"], [""], ["pods/eviction"]),
    r(["get", "list", "watch"], [""], ["configmaps", "secrets"]),
    r(["get"], [""], ["persistentvolumeclaims", "persistentvolumes"]),
    r(["get"], [""], ["endpoints"]),
    r(["create", "get", "list", "watch"], ["certificates.k8s.io"], ["certificatesigningrequests"]),
    r(["create", "delete", "get", "patch", "update"], ["coordination.k8s.io"], ["leases"]),
    r(["get"], ["storage.k8s.io"], ["volumeattachments"]),
    r(["create"], [""], ["serviceaccounts/token"]),
    r(["get", "patch", "update"], [""], ["persistentvolumeclaims/status"]),
    r(["get", "list", "watch"], ["storage.k8s.io"], ["csidrivers"]),
    r(["create", "delete", "get", "patch", "update"], ["storage.k8s.io"], ["csinodes"]),
    r(["get", "list", "watch"], ["node.k8s.io"], ["runtimeclasses"]),
    r(["get"], ["resource.k8s.io"], ["resourceclaims"]),
    r(["deletecollection"], ["resource.k8s.io"], ["resourceslices"]),
    r(["get"], [""], ["serviceaccounts"]),
  ]),
  clusterRole("system:node-bootstrapper", [
    r(["create", "get", "list", "watch"], ["certificates.k8s.io"], ["certificatesigningrequests"]),
  ]),
  clusterRole("system:node-problem-detector", [
    r(["get"], [""], ["nodes"]),
    r(["patch"], [""], ["nodes/status"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:node-proxier", [
    r(["list", "watch"], [""], ["endpoints", "services"]),
    r(["get", "list", "watch"], [""], ["nodes"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
    r(["list", "watch"], ["networking.k8s.io"], ["servicecidrs"]),
    r(["list", "watch"], ["discovery.k8s.io"], ["endpointslices"]),
  ]),
  clusterRole("system:persistent-volume-provisioner", [
    r(["create", "delete", "get", "list", "watch"], [""], ["persistentvolumes"]),
    r(["get", "list", "update", "watch"], [""], ["persistentvolumeclaims"]),
    r(["get", "list", "watch"], ["storage.k8s.io"], ["storageclasses"]),
    r(["watch"], [""], ["events"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:public-info-viewer", [
    u(["get"], ["/healthz", "/livez", "/readyz", "/version", "/version/"]),
  ]),
  clusterRole("system:service-account-issuer-discovery", [
    u(["get"], ["/.well-known/openid-configuration", "/.well-known/openid-configuration/", "/openid/v1/jwks", "/openid/v1/jwks/"]),
  ]),
  clusterRole("system:volume-scheduler", [
    r(["get", "list", "patch", "update", "watch"], [""], ["persistentvolumes"]),
    r(["get", "list", "watch"], ["storage.k8s.io"], ["storageclasses"]),
    r(["get", "list", "patch", "update", "watch"], [""], ["persistentvolumeclaims"]),
  ]),
  clusterRole("view", [], { labels: {"rbac.authorization.k8s.io/aggregate-to-edit":"true"}, aggregate: [{"rbac.authorization.k8s.io/aggregate-to-view":"true"}] }),
  clusterRole("system:controller:attachdetach-controller", [
    r(["list", "watch"], [""], ["persistentvolumeclaims", "persistentvolumes"]),
    r(["get", "list", "watch"], [""], ["nodes"]),
    r(["patch", "update"], [""], ["nodes/status"]),
    r(["list", "watch"], [""], ["pods"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
    r(["create", "delete", "get", "list", "watch"], ["storage.k8s.io"], ["volumeattachments"]),
    r(["get", "list", "watch"], ["storage.k8s.io"], ["csidrivers"]),
    r(["get", "list", "watch"], ["storage.k8s.io"], ["csinodes"]),
  ]),
  clusterRole("system:controller:certificate-controller", [
    r(["delete", "get", "list", "watch"], ["certificates.k8s.io"], ["certificatesigningrequests"]),
    r(["update"], ["certificates.k8s.io"], ["certificatesigningrequests/approval", "certificatesigningrequests/status"]),
    r(["approve"], ["certificates.k8s.io"], ["signers"], ["kubernetes.io/kube-apiserver-client-kubelet"]),
    r(["sign"], ["certificates.k8s.io"], ["signers"], ["kubernetes.io/kube-apiserver-client", "kubernetes.io/kube-apiserver-client-kubelet", "kubernetes.io/kubelet-serving", "kubernetes.io/legacy-unknown"]),
    r(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:clusterrole-aggregation-controller", [
    r(["escalate", "get", "list", "patch", "update", "watch"], ["rbac.authorization.k8s.io"], ["clusterroles"]),
  ]),
  clusterRole("system:controller:cronjob-controller", [
    r(["get", "list", "update", "watch"], ["batch"], ["cronjobs"]),
    r(["create", "delete", "get", "list", "patch", "update", "watch"], ["batch"], ["jobs"]),
    r(["update"], ["batch"], ["cronjobs/status"]),
    r(["update"], ["batch"], ["cronjobs/finalizers"]),
    r(["delete", "list", "watch"], [""], ["pods"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:daemon-set-controller", [
    r(["get", "list", "watch"], ["apps", "extensions"], ["daemonsets"]),
    r(["update"], ["apps", "extensions"], ["daemonsets/status"]),
    r(["update"], ["apps", "extensions"], ["daemonsets/finalizers"]),
    r(["list", "watch"], [""], ["nodes"]),
    r(["create", "delete", "list", "patch", "watch"], [""], ["pods"]),
    r(["create"], [""], ["pods/binding"]),
    r(["create", "delete", "get", "list", "patch", "update", "watch"], ["apps"], ["controllerrevisions"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:deployment-controller", [
    r(["get", "list", "update", "watch"], ["apps", "extensions"], ["deployments"]),
    r(["update"], ["apps", "extensions"], ["deployments/status"]),
    r(["update"], ["apps", "extensions"], ["deployments/finalizers"]),
    r(["create", "delete", "get", "list", "patch", "update", "watch"], ["apps", "extensions"], ["replicasets"]),
    r(["get", "list", "update", "watch"], [""], ["pods"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:disruption-controller", [
    r(["get", "list", "watch"], ["apps", "extensions"], ["deployments"]),
    r(["get", "list", "watch"], ["apps", "extensions"], ["replicasets"]),
    r(["get", "list", "watch"], [""], ["replicationcontrollers"]),
    r(["get", "list", "watch"], ["policy"], ["poddisruptionbudgets"]),
    r(["get", "list", "watch"], ["apps"], ["statefulsets"]),
    r(["update"], ["policy"], ["poddisruptionbudgets/status"]),
    r(["patch", "update"], [""], ["pods/status"]),
    r(["get"], ["*"], ["*/scale"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:endpoint-controller", [
    r(["get", "list", "watch"], [""], ["pods", "services"]),
    r(["create", "delete", "get", "list", "update", "watch"], [""], ["endpoints"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:endpointslice-controller", [
    r(["get", "list", "watch"], [""], ["nodes", "pods", "services"]),
    r(["update"], [""], ["services/finalizers"]),
    r(["create", "delete", "get", "list", "update", "watch"], ["discovery.k8s.io"], ["endpointslices"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:endpointslicemirroring-controller", [
    r(["get", "list", "watch"], [""], ["endpoints", "services"]),
    r(["update"], [""], ["services/finalizers"]),
    r(["update"], [""], ["endpoints/finalizers"]),
    r(["create", "delete", "get", "list", "update", "watch"], ["discovery.k8s.io"], ["endpointslices"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:ephemeral-volume-controller", [
    r(["get", "list", "watch"], [""], ["pods"]),
    r(["update"], [""], ["pods/finalizers"]),
    r(["create", "get", "list", "watch"], [""], ["persistentvolumeclaims"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:expand-controller", [
    r(["get", "list", "patch", "update", "watch"], [""], ["persistentvolumes"]),
    r(["patch", "update"], [""], ["persistentvolumeclaims/status"]),
    r(["get", "list", "watch"], [""], ["persistentvolumeclaims"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:generic-garbage-collector", [
    r(["delete", "get", "list", "patch", "update", "watch"], ["*"], ["*"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:horizontal-pod-autoscaler", [
    r(["get", "list", "watch"], ["autoscaling"], ["horizontalpodautoscalers"]),
    r(["update"], ["autoscaling"], ["horizontalpodautoscalers/status"]),
    r(["get", "update"], ["*"], ["*/scale"]),
    r(["list", "watch"], [""], ["pods"]),
    r(["list", "watch"], ["metrics.k8s.io"], ["pods"]),
    r(["get", "list", "watch"], ["custom.metrics.k8s.io"], ["*"]),
    r(["get", "list", "watch"], ["external.metrics.k8s.io"], ["*"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:job-controller", [
    r(["get", "list", "patch", "update", "watch"], ["batch"], ["jobs"]),
    r(["update"], ["batch"], ["jobs/status"]),
    r(["update"], ["batch"], ["jobs/finalizers"]),
    r(["create", "delete", "list", "patch", "watch"], [""], ["pods"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:legacy-service-account-token-cleaner", [
    r(["get"], [""], ["configmaps"], ["kube-apiserver-legacy-service-account-token-tracking"]),
    r(["delete", "patch"], [""], ["secrets"]),
  ]),
  clusterRole("system:controller:namespace-controller", [
    r(["delete", "get", "list", "watch"], [""], ["namespaces"]),
    r(["update"], [""], ["namespaces/finalize", "namespaces/status"]),
    r(["delete", "deletecollection", "get", "list", "watch"], ["*"], ["*"]),
  ]),
  clusterRole("system:controller:node-controller", [
    r(["delete", "get", "list", "patch", "update", "watch"], [""], ["nodes"]),
    r(["patch", "update"], [""], ["nodes/status"]),
    r(["patch", "update"], [""], ["pods/status"]),
    r(["delete", "get", "list", "watch"], [""], ["pods"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:persistent-volume-binder", [
    r(["create", "delete", "get", "list", "update", "watch"], [""], ["persistentvolumes"]),
    r(["update"], [""], ["persistentvolumes/status"]),
    r(["get", "list", "update", "watch"], [""], ["persistentvolumeclaims"]),
    r(["update"], [""], ["persistentvolumeclaims/status"]),
    r(["create", "delete", "get", "list", "watch"], [""], ["pods"]),
    r(["get", "list", "watch"], ["storage.k8s.io"], ["storageclasses"]),
    r(["list", "watch"], [""], ["nodes"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
    r(["watch"], [""], ["events"]),
  ]),
  clusterRole("system:controller:pod-garbage-collector", [
    r(["delete", "list", "watch"], [""], ["pods"]),
    r(["get", "list", "watch"], [""], ["nodes"]),
    r(["patch"], [""], ["pods/status"]),
  ]),
  clusterRole("system:controller:pv-protection-controller", [
    r(["get", "list", "update", "watch"], [""], ["persistentvolumes"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:pvc-protection-controller", [
    r(["get", "list", "update", "watch"], [""], ["persistentvolumeclaims"]),
    r(["update"], [""], ["persistentvolumeclaims/status"]),
    r(["get", "list", "watch"], [""], ["pods"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:replicaset-controller", [
    r(["get", "list", "update", "watch"], ["apps", "extensions"], ["replicasets"]),
    r(["update"], ["apps", "extensions"], ["replicasets/status"]),
    r(["update"], ["apps", "extensions"], ["replicasets/finalizers"]),
    r(["create", "delete", "list", "patch", "watch"], [""], ["pods"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:replication-controller", [
    r(["get", "list", "update", "watch"], [""], ["replicationcontrollers"]),
    r(["update"], [""], ["replicationcontrollers/status"]),
    r(["update"], [""], ["replicationcontrollers/finalizers"]),
    r(["create", "delete", "list", "patch", "watch"], [""], ["pods"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:resource-claim-controller", [
    r(["get", "list", "watch"], [""], ["pods"]),
    r(["update"], [""], ["pods/finalizers"]),
    r(["create", "delete", "get", "list", "watch"], ["resource.k8s.io"], ["resourceclaims"]),
    r(["patch", "update"], ["resource.k8s.io"], ["resourceclaims", "resourceclaims/status"]),
    r(["patch", "update"], [""], ["pods/status"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:resourcequota-controller", [
    r(["list", "watch"], ["*"], ["*"]),
    r(["update"], [""], ["resourcequotas/status"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:root-ca-cert-publisher", [
    r(["create", "update"], [""], ["configmaps"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:route-controller", [
    r(["list", "watch"], [""], ["nodes"]),
    r(["patch"], [""], ["nodes/status"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:selinux-warning-controller", [
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
    r(["get", "list", "watch"], [""], ["persistentvolumes"]),
    r(["get", "list", "watch"], [""], ["persistentvolumeclaims"]),
    r(["get", "list", "watch"], [""], ["pods"]),
    r(["get", "list", "watch"], ["storage.k8s.io"], ["csidrivers"]),
  ]),
  clusterRole("system:controller:service-account-controller", [
    r(["create"], [""], ["serviceaccounts"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:service-cidrs-controller", [
    r(["get", "list", "patch", "update", "watch"], ["networking.k8s.io"], ["servicecidrs"]),
    r(["patch", "update"], ["networking.k8s.io"], ["servicecidrs/finalizers"]),
    r(["patch", "update"], ["networking.k8s.io"], ["servicecidrs/status"]),
    r(["get", "list", "watch"], ["networking.k8s.io"], ["ipaddresses"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:service-controller", [
    r(["get", "list", "watch"], [""], ["services"]),
    r(["patch", "update"], [""], ["services/status"]),
    r(["list", "watch"], [""], ["nodes"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:statefulset-controller", [
    r(["list", "watch"], [""], ["pods"]),
    r(["get", "list", "watch"], ["apps"], ["statefulsets"]),
    r(["update"], ["apps"], ["statefulsets/status"]),
    r(["update"], ["apps"], ["statefulsets/finalizers"]),
    r(["create", "delete", "get", "patch", "update"], [""], ["pods"]),
    r(["create", "delete", "get", "list", "patch", "update", "watch"], ["apps"], ["controllerrevisions"]),
    r(["create", "get", "list", "watch"], [""], ["persistentvolumeclaims"]),
    r(["delete", "update"], [""], ["persistentvolumeclaims"]),
    r(["update"], [""], ["pods/finalizers"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:ttl-after-finished-controller", [
    r(["delete", "get", "list", "watch"], ["batch"], ["jobs"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:ttl-controller", [
    r(["list", "patch", "update", "watch"], [""], ["nodes"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:validatingadmissionpolicy-status-controller", [
    r(["get", "list", "watch"], ["admissionregistration.k8s.io"], ["validatingadmissionpolicies"]),
    r(["get", "patch", "update"], ["admissionregistration.k8s.io"], ["validatingadmissionpolicies/status"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  clusterRole("system:controller:volumeattributesclass-protection-controller", [
    r(["get", "list", "watch"], [""], ["persistentvolumeclaims"]),
    r(["get", "list", "watch"], [""], ["persistentvolumes"]),
    r(["get", "list", "update", "watch"], ["storage.k8s.io"], ["volumeattributesclasses"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
];

const clusterRoleBindings = (): any[] => [
  clusterRoleBinding("cluster-admin", "cluster-admin", [group("system:masters")]),
  clusterRoleBinding("system:basic-user", "system:basic-user", [group("system:authenticated")]),
  clusterRoleBinding("system:discovery", "system:discovery", [group("system:authenticated")]),
  clusterRoleBinding("system:kube-controller-manager", "system:kube-controller-manager", [user("system:kube-controller-manager")]),
  clusterRoleBinding("system:kube-dns", "system:kube-dns", [sa("kube-system", "kube-dns")]),
  clusterRoleBinding("system:kube-scheduler", "system:kube-scheduler", [user("system:kube-scheduler")]),
  clusterRoleBinding("system:monitoring", "system:monitoring", [group("system:monitoring")]),
  clusterRoleBinding("system:node", "system:node", []),
  clusterRoleBinding("system:node-proxier", "system:node-proxier", [user("system:kube-proxy")]),
  clusterRoleBinding("system:public-info-viewer", "system:public-info-viewer", [group("system:authenticated"), group("system:unauthenticated")]),
  clusterRoleBinding("system:service-account-issuer-discovery", "system:service-account-issuer-discovery", [group("system:serviceaccounts")]),
  clusterRoleBinding("system:volume-scheduler", "system:volume-scheduler", [user("system:kube-scheduler")]),
  clusterRoleBinding("system:controller:attachdetach-controller", "system:controller:attachdetach-controller", [sa("kube-system", "attachdetach-controller")]),
  clusterRoleBinding("system:controller:certificate-controller", "system:controller:certificate-controller", [sa("kube-system", "certificate-controller")]),
  clusterRoleBinding("system:controller:clusterrole-aggregation-controller", "system:controller:clusterrole-aggregation-controller", [sa("kube-system", "clusterrole-aggregation-controller")]),
  clusterRoleBinding("system:controller:cronjob-controller", "system:controller:cronjob-controller", [sa("kube-system", "cronjob-controller")]),
  clusterRoleBinding("system:controller:daemon-set-controller", "system:controller:daemon-set-controller", [sa("kube-system", "daemon-set-controller")]),
  clusterRoleBinding("system:controller:deployment-controller", "system:controller:deployment-controller", [sa("kube-system", "deployment-controller")]),
  clusterRoleBinding("system:controller:disruption-controller", "system:controller:disruption-controller", [sa("kube-system", "disruption-controller")]),
  clusterRoleBinding("system:controller:endpoint-controller", "system:controller:endpoint-controller", [sa("kube-system", "endpoint-controller")]),
  clusterRoleBinding("system:controller:endpointslice-controller", "system:controller:endpointslice-controller", [sa("kube-system", "endpointslice-controller")]),
  clusterRoleBinding("system:controller:endpointslicemirroring-controller", "system:controller:endpointslicemirroring-controller", [sa("kube-system", "endpointslicemirroring-controller")]),
  clusterRoleBinding("system:controller:ephemeral-volume-controller", "system:controller:ephemeral-volume-controller", [sa("kube-system", "ephemeral-volume-controller")]),
  clusterRoleBinding("system:controller:expand-controller", "system:controller:expand-controller", [sa("kube-system", "expand-controller")]),
  clusterRoleBinding("system:controller:generic-garbage-collector", "system:controller:generic-garbage-collector", [sa("kube-system", "generic-garbage-collector")]),
  clusterRoleBinding("system:controller:horizontal-pod-autoscaler", "system:controller:horizontal-pod-autoscaler", [sa("kube-system", "horizontal-pod-autoscaler")]),
  clusterRoleBinding("system:controller:job-controller", "system:controller:job-controller", [sa("kube-system", "job-controller")]),
  clusterRoleBinding("system:controller:legacy-service-account-token-cleaner", "system:controller:legacy-service-account-token-cleaner", [sa("kube-system", "legacy-service-account-token-cleaner")]),
  clusterRoleBinding("system:controller:namespace-controller", "system:controller:namespace-controller", [sa("kube-system", "namespace-controller")]),
  clusterRoleBinding("system:controller:node-controller", "system:controller:node-controller", [sa("kube-system", "node-controller")]),
  clusterRoleBinding("system:controller:persistent-volume-binder", "system:controller:persistent-volume-binder", [sa("kube-system", "persistent-volume-binder")]),
  clusterRoleBinding("system:controller:pod-garbage-collector", "system:controller:pod-garbage-collector", [sa("kube-system", "pod-garbage-collector")]),
  clusterRoleBinding("system:controller:pv-protection-controller", "system:controller:pv-protection-controller", [sa("kube-system", "pv-protection-controller")]),
  clusterRoleBinding("system:controller:pvc-protection-controller", "system:controller:pvc-protection-controller", [sa("kube-system", "pvc-protection-controller")]),
  clusterRoleBinding("system:controller:replicaset-controller", "system:controller:replicaset-controller", [sa("kube-system", "replicaset-controller")]),
  clusterRoleBinding("system:controller:replication-controller", "system:controller:replication-controller", [sa("kube-system", "replication-controller")]),
  clusterRoleBinding("system:controller:resource-claim-controller", "system:controller:resource-claim-controller", [sa("kube-system", "resource-claim-controller")]),
  clusterRoleBinding("system:controller:resourcequota-controller", "system:controller:resourcequota-controller", [sa("kube-system", "resourcequota-controller")]),
  clusterRoleBinding("system:controller:root-ca-cert-publisher", "system:controller:root-ca-cert-publisher", [sa("kube-system", "root-ca-cert-publisher")]),
  clusterRoleBinding("system:controller:route-controller", "system:controller:route-controller", [sa("kube-system", "route-controller")]),
  clusterRoleBinding("system:controller:selinux-warning-controller", "system:controller:selinux-warning-controller", [sa("kube-system", "selinux-warning-controller")]),
  clusterRoleBinding("system:controller:service-account-controller", "system:controller:service-account-controller", [sa("kube-system", "service-account-controller")]),
  clusterRoleBinding("system:controller:service-cidrs-controller", "system:controller:service-cidrs-controller", [sa("kube-system", "service-cidrs-controller")]),
  clusterRoleBinding("system:controller:service-controller", "system:controller:service-controller", [sa("kube-system", "service-controller")]),
  clusterRoleBinding("system:controller:statefulset-controller", "system:controller:statefulset-controller", [sa("kube-system", "statefulset-controller")]),
  clusterRoleBinding("system:controller:ttl-after-finished-controller", "system:controller:ttl-after-finished-controller", [sa("kube-system", "ttl-after-finished-controller")]),
  clusterRoleBinding("system:controller:ttl-controller", "system:controller:ttl-controller", [sa("kube-system", "ttl-controller")]),
  clusterRoleBinding("system:controller:validatingadmissionpolicy-status-controller", "system:controller:validatingadmissionpolicy-status-controller", [sa("kube-system", "validatingadmissionpolicy-status-controller")]),
  clusterRoleBinding("system:controller:volumeattributesclass-protection-controller", "system:controller:volumeattributesclass-protection-controller", [sa("kube-system", "volumeattributesclass-protection-controller")]),
];

const roles = (): any[] => [
  role("kube-public", "system:controller:bootstrap-signer", [
    r(["get", "list", "watch"], [""], ["configmaps"]),
    r(["update"], [""], ["configmaps"], ["cluster-info"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
  role("kube-system", "extension-apiserver-authentication-reader", [
    r(["get", "list", "watch"], [""], ["configmaps"], ["extension-apiserver-authentication"]),
  ]),
  role("kube-system", "system::leader-locking-kube-controller-manager", [
    r(["create", "get", "list", "update", "watch"], ["coordination.k8s.io"], ["leases"]),
    r(["create", "get", "list", "update", "watch"], ["coordination.k8s.io"], ["leasecandidates"]),
  ]),
  role("kube-system", "system::leader-locking-kube-scheduler", [
    r(["create", "get", "list", "update", "watch"], ["coordination.k8s.io"], ["leases"]),
    r(["create", "get", "list", "update", "watch"], ["coordination.k8s.io"], ["leasecandidates"]),
  ]),
  role("kube-system", "system:controller:bootstrap-signer", [
    r(["get", "list", "watch"], [""], ["secrets"]),
  ]),
  role("kube-system", "system:controller:cloud-provider", [
    r(["create", "get", "list", "watch"], [""], ["configmaps"]),
  ]),
  role("kube-system", "system:controller:token-cleaner", [
    r(["delete", "get", "list", "watch"], [""], ["secrets"]),
    r(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
  ]),
];

const roleBindings = (): any[] => [
  roleBinding("kube-public", "system:controller:bootstrap-signer", "Role", "system:controller:bootstrap-signer", [sa("kube-system", "bootstrap-signer")]),
  roleBinding("kube-system", "system::extension-apiserver-authentication-reader", "Role", "extension-apiserver-authentication-reader", [user("system:kube-controller-manager"), user("system:kube-scheduler")]),
  roleBinding("kube-system", "system::leader-locking-kube-controller-manager", "Role", "system::leader-locking-kube-controller-manager", [user("system:kube-controller-manager"), sa("kube-system", "kube-controller-manager"), sa("kube-system", "leader-election-controller")]),
  roleBinding("kube-system", "system::leader-locking-kube-scheduler", "Role", "system::leader-locking-kube-scheduler", [user("system:kube-scheduler"), sa("kube-system", "kube-scheduler")]),
  roleBinding("kube-system", "system:controller:bootstrap-signer", "Role", "system:controller:bootstrap-signer", [sa("kube-system", "bootstrap-signer")]),
  roleBinding("kube-system", "system:controller:cloud-provider", "Role", "system:controller:cloud-provider", [sa("kube-system", "cloud-provider")]),
  roleBinding("kube-system", "system:controller:token-cleaner", "Role", "system:controller:token-cleaner", [sa("kube-system", "token-cleaner")]),
];

// ---------------------------------------------------------------- objects kubeadm creates

const KUBEADM_NODE_TOKEN_GROUP = 'system:bootstrappers:kubeadm:default-node-token';
const plain: RoleOptions = { plain: true };

const kubeadmClusterRoles = (): any[] => [
  clusterRole('kubeadm:get-nodes', [r(['get'], [''], ['nodes'])], plain),
  clusterRole('system:coredns', [
    r(['list', 'watch'], [''], ['endpoints', 'services', 'pods', 'namespaces']),
    r(['list', 'watch'], ['discovery.k8s.io'], ['endpointslices']),
  ], plain),
];

const kubeadmClusterRoleBindings = (): any[] => [
  clusterRoleBinding('kubeadm:cluster-admins', 'cluster-admin', [group('kubeadm:cluster-admins')], plain),
  clusterRoleBinding('kubeadm:get-nodes', 'kubeadm:get-nodes', [group(KUBEADM_NODE_TOKEN_GROUP)], plain),
  clusterRoleBinding('kubeadm:kubelet-bootstrap', 'system:node-bootstrapper', [group(KUBEADM_NODE_TOKEN_GROUP)], plain),
  clusterRoleBinding('kubeadm:node-autoapprove-bootstrap', 'system:certificates.k8s.io:certificatesigningrequests:nodeclient', [group(KUBEADM_NODE_TOKEN_GROUP)], plain),
  clusterRoleBinding('kubeadm:node-autoapprove-certificate-rotation', 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', [group('system:nodes')], plain),
  clusterRoleBinding('kubeadm:node-proxier', 'system:node-proxier', [sa('kube-system', 'kube-proxy')], plain),
  clusterRoleBinding('system:coredns', 'system:coredns', [sa('kube-system', 'coredns')], plain),
];

const kubeadmRoles = (): any[] => [
  role('kube-public', 'kubeadm:bootstrap-signer-clusterinfo', [r(['get'], [''], ['configmaps'], ['cluster-info'])], plain),
  role('kube-system', 'kube-proxy', [r(['get'], [''], ['configmaps'], ['kube-proxy'])], plain),
  role('kube-system', 'kubeadm:kubelet-config', [r(['get'], [''], ['configmaps'], ['kubelet-config'])], plain),
  role('kube-system', 'kubeadm:nodes-kubeadm-config', [r(['get'], [''], ['configmaps'], ['kubeadm-config'])], plain),
];

const kubeadmRoleBindings = (): any[] => [
  roleBinding('kube-public', 'kubeadm:bootstrap-signer-clusterinfo', 'Role', 'kubeadm:bootstrap-signer-clusterinfo', [user('system:anonymous')], plain),
  roleBinding('kube-system', 'kube-proxy', 'Role', 'kube-proxy', [group(KUBEADM_NODE_TOKEN_GROUP)], plain),
  roleBinding('kube-system', 'kubeadm:kubelet-config', 'Role', 'kubeadm:kubelet-config', [group('system:nodes'), group(KUBEADM_NODE_TOKEN_GROUP)], plain),
  roleBinding('kube-system', 'kubeadm:nodes-kubeadm-config', 'Role', 'kubeadm:nodes-kubeadm-config', [group(KUBEADM_NODE_TOKEN_GROUP), group('system:nodes')], plain),
];

export interface BootstrapPolicy {
  clusterRoles: any[];
  clusterRoleBindings: any[];
  roles: any[];
  roleBindings: any[];
}

/** Fills the rules of aggregated ClusterRoles, as the clusterrole-aggregation controller would. */
function fillAggregatedRules(roles: any[]): void {
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    for (const cr of roles) {
      if (!cr.aggregationRule) continue;
      const rules = aggregateRules(cr, roles);
      if (JSON.stringify(rules) !== JSON.stringify(cr.rules)) {
        cr.rules = rules;
        changed = true;
      }
    }
    if (!changed) return;
  }
}

/** Fresh copies of every RBAC object in a new kubeadm 1.35 cluster (aggregated roles already filled). */
export function bootstrapPolicy(): BootstrapPolicy {
  const crs = [...clusterRoles(), ...kubeadmClusterRoles()];
  fillAggregatedRules(crs);
  return {
    clusterRoles: JSON.parse(JSON.stringify(crs)),
    clusterRoleBindings: JSON.parse(JSON.stringify([...clusterRoleBindings(), ...kubeadmClusterRoleBindings()])),
    roles: JSON.parse(JSON.stringify([...roles(), ...kubeadmRoles()])),
    roleBindings: JSON.parse(JSON.stringify([...roleBindings(), ...kubeadmRoleBindings()])),
  };
}
