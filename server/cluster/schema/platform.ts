// Schema declarations for the "platform" API groups: RBAC, storage, discovery (EndpointSlice),
// coordination (Lease), scheduling (PriorityClass), certificates (CSR), events.k8s.io, authentication,
// authorization, node (RuntimeClass), admissionregistration (webhooks and ValidatingAdmissionPolicy),
// apiextensions (CustomResourceDefinition), plus core/v1 TopologySelectorTerm and its requirement type.
//
// Field names, protobuf numbers, required/pointer flags, patch and list markers and enum values are
// wire facts of Kubernetes 1.35 (k8s.io/api and k8s.io/apiextensions-apiserver v0.35.2: the Go struct
// tags and generated.proto). Field order follows the Go structs. Descriptions are our own words.
//
// Notes on deliberate shapes:
// - apiVersion/kind come from the embedded TypeMeta: they carry proto number 0 (the protobuf envelope,
//   not the message, holds them).
// - admissionregistration RuleWithOperations embeds Rule, and NamedRuleWithOperations embeds
//   RuleWithOperations, inline in JSON but as nested messages in protobuf (fields `rule` = 2 and
//   `ruleWithOperations` = 2). Our flat format cannot say that, so the inlined fields carry proto 0.
// - JSONSchemaProps fields whose Go types are JSONSchemaPropsOrArray / OrBool / OrStringArray (items,
//   additionalProperties, additionalItems, dependencies values) are typed 'JSON' (any value).
// - ExtraValue (map values of user `extra`) is a list of strings: 'map[[]string]'.
import type { FieldTuple, TypeDecl, TypeDecls } from './types.ts';

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const LIST_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta';

/** The GVK entry of a top-level kind served at version v1. */
function gvk(group: string, kind: string): TypeDecl['gvk'] {
  return [{ group, version: 'v1', kind }];
}

/** apiVersion and kind, inlined from TypeMeta; carried by the protobuf envelope, hence proto 0. */
function typeMeta(apiVersion: string, kind: string): FieldTuple[] {
  return [
    ['apiVersion', 0, 'string', `Versioned schema of this object, here ${apiVersion}.`],
    ['kind', 0, 'string', `Kind of this object, here ${kind}.`],
  ];
}

const objectMeta: FieldTuple = ['metadata', 1, OBJECT_META, 'Standard object metadata: name, namespace, labels, annotations and so on.'];

/** The List type of a kind: ListMeta plus the items. */
function listOf(group: string, listKind: string, itemType: string): TypeDecl {
  const kind = listKind.slice(0, -'List'.length);
  return {
    description: `A list of ${kind} objects.`,
    gvk: gvk(group, listKind),
    fields: [
      ...typeMeta(`${group}/v1`, listKind),
      ['metadata', 1, LIST_META, 'List metadata: resourceVersion and the continue token for paging.'],
      ['items', 2, `[]${itemType}`, `The ${kind} objects.`, { required: true }],
    ],
  };
}

export const decls: TypeDecls = {

  // ---- core/v1 (topology selectors used by StorageClass) ----
  'io.k8s.api.core.v1.TopologySelectorTerm': {
    description: 'One topology term; all of its label requirements must hold (terms in a list are ORed).',
    fields: [
      ['matchLabelExpressions', 1, '[]io.k8s.api.core.v1.TopologySelectorLabelRequirement', 'Label requirements on topology keys, all of which must match.', { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.core.v1.TopologySelectorLabelRequirement': {
    description: 'A topology label key and the values it may take.',
    fields: [
      ['key', 1, 'string', 'Topology label key, e.g. topology.kubernetes.io/zone.', { required: true }],
      ['values', 2, '[]string', 'Accepted values for the key; matching any one is enough.', { required: true, listType: 'atomic' }],
    ],
  },

  // ---- rbac.authorization.k8s.io/v1 ----
  'io.k8s.api.rbac.v1.PolicyRule': {
    description: 'One permission: which verbs are allowed on which resources or non-resource URLs.',
    fields: [
      ['verbs', 1, '[]string', "Allowed actions such as get, list, watch, create, update, patch, delete; '*' allows all.", { required: true, listType: 'atomic' }],
      ['apiGroups', 2, '[]string', 'API groups of the resources; "" is the core group and "*" any group.', { listType: 'atomic' }],
      ['resources', 3, '[]string', "Resource names (plural, e.g. pods, deployments, pods/log); '*' means all.", { listType: 'atomic' }],
      ['resourceNames', 4, '[]string', 'Optional allow-list of object names; empty means every object.', { listType: 'atomic' }],
      ['nonResourceURLs', 5, '[]string', "URL paths such as /healthz (ClusterRole only); '*' may end a path as a wildcard.", { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.rbac.v1.Subject': {
    description: 'Who a binding grants to: a user, a group or a service account.',
    fields: [
      ['kind', 1, 'string', 'User, Group or ServiceAccount.', { required: true }],
      ['apiGroup', 2, 'string', 'rbac.authorization.k8s.io for User and Group, "" for ServiceAccount.'],
      ['name', 3, 'string', 'Name of the user, group or service account.', { required: true }],
      ['namespace', 4, 'string', 'Namespace of the service account; unused for users and groups.'],
    ],
  },
  'io.k8s.api.rbac.v1.RoleRef': {
    description: 'The Role or ClusterRole a binding points at; it cannot be changed after creation.',
    fields: [
      ['apiGroup', 1, 'string', 'Group of the referenced role, always rbac.authorization.k8s.io.', { required: true }],
      ['kind', 2, 'string', 'Role or ClusterRole.', { required: true }],
      ['name', 3, 'string', 'Name of the referenced role.', { required: true }],
    ],
  },
  'io.k8s.api.rbac.v1.Role': {
    description: 'A set of permissions that applies inside one namespace.',
    gvk: gvk('rbac.authorization.k8s.io', 'Role'),
    fields: [
      ...typeMeta('rbac.authorization.k8s.io/v1', 'Role'),
      objectMeta,
      ['rules', 2, '[]io.k8s.api.rbac.v1.PolicyRule', 'The permissions this role grants.', { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.rbac.v1.RoleBinding': {
    description: "Grants a Role's or ClusterRole's permissions to subjects within one namespace.",
    gvk: gvk('rbac.authorization.k8s.io', 'RoleBinding'),
    fields: [
      ...typeMeta('rbac.authorization.k8s.io/v1', 'RoleBinding'),
      objectMeta,
      ['subjects', 2, '[]io.k8s.api.rbac.v1.Subject', 'Users, groups and service accounts that receive the permissions.', { listType: 'atomic' }],
      ['roleRef', 3, 'io.k8s.api.rbac.v1.RoleRef', 'The Role (same namespace) or ClusterRole being granted; immutable.', { required: true }],
    ],
  },
  'io.k8s.api.rbac.v1.RoleBindingList': listOf('rbac.authorization.k8s.io', 'RoleBindingList', 'io.k8s.api.rbac.v1.RoleBinding'),
  'io.k8s.api.rbac.v1.RoleList': listOf('rbac.authorization.k8s.io', 'RoleList', 'io.k8s.api.rbac.v1.Role'),
  'io.k8s.api.rbac.v1.ClusterRole': {
    description: 'A cluster-wide set of permissions, usable in every namespace or for cluster-scoped resources.',
    gvk: gvk('rbac.authorization.k8s.io', 'ClusterRole'),
    fields: [
      ...typeMeta('rbac.authorization.k8s.io/v1', 'ClusterRole'),
      objectMeta,
      ['rules', 2, '[]io.k8s.api.rbac.v1.PolicyRule', 'The permissions this cluster role grants.', { listType: 'atomic' }],
      ['aggregationRule', 3, 'io.k8s.api.rbac.v1.AggregationRule', 'When set, rules are filled in by the controller from ClusterRoles matching these selectors.'],
    ],
  },
  'io.k8s.api.rbac.v1.AggregationRule': {
    description: 'Selects ClusterRoles whose rules are merged into an aggregated ClusterRole.',
    fields: [
      ['clusterRoleSelectors', 1, '[]io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector', 'Label selectors; rules of every ClusterRole matching any of them are combined.', { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.rbac.v1.ClusterRoleBinding': {
    description: "Grants a ClusterRole's permissions to subjects across the whole cluster.",
    gvk: gvk('rbac.authorization.k8s.io', 'ClusterRoleBinding'),
    fields: [
      ...typeMeta('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'),
      objectMeta,
      ['subjects', 2, '[]io.k8s.api.rbac.v1.Subject', 'Users, groups and service accounts that receive the permissions.', { listType: 'atomic' }],
      ['roleRef', 3, 'io.k8s.api.rbac.v1.RoleRef', 'The ClusterRole being granted; immutable.', { required: true }],
    ],
  },
  'io.k8s.api.rbac.v1.ClusterRoleBindingList': listOf('rbac.authorization.k8s.io', 'ClusterRoleBindingList', 'io.k8s.api.rbac.v1.ClusterRoleBinding'),
  'io.k8s.api.rbac.v1.ClusterRoleList': listOf('rbac.authorization.k8s.io', 'ClusterRoleList', 'io.k8s.api.rbac.v1.ClusterRole'),

  // ---- storage.k8s.io/v1 ----
  'io.k8s.api.storage.v1.StorageClass': {
    description: 'A class of storage: which provisioner creates volumes and with what parameters.',
    gvk: gvk('storage.k8s.io', 'StorageClass'),
    fields: [
      ...typeMeta('storage.k8s.io/v1', 'StorageClass'),
      objectMeta,
      ['provisioner', 2, 'string', 'Name of the volume plugin or CSI driver that provisions volumes, e.g. kubernetes.io/no-provisioner.', { required: true }],
      ['parameters', 3, 'map[string]', 'Provisioner-specific settings passed when creating a volume.'],
      ['reclaimPolicy', 4, 'string', 'What happens to a dynamically provisioned volume when its claim is deleted; default Delete.', { ptr: true, enum: ['Delete', 'Recycle', 'Retain'] }],
      ['mountOptions', 5, '[]string', 'Mount options applied to volumes of this class, e.g. ["ro", "soft"].', { listType: 'atomic' }],
      ['allowVolumeExpansion', 6, 'bool', 'Whether claims using this class may be resized larger.', { ptr: true }],
      ['volumeBindingMode', 7, 'string', 'When volumes are bound and provisioned; default Immediate.', { ptr: true, enum: ['Immediate', 'WaitForFirstConsumer'] }],
      ['allowedTopologies', 8, '[]io.k8s.api.core.v1.TopologySelectorTerm', 'Restricts the topology (e.g. zones) where volumes may be provisioned.', { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.storage.v1.StorageClassList': listOf('storage.k8s.io', 'StorageClassList', 'io.k8s.api.storage.v1.StorageClass'),
  'io.k8s.api.storage.v1.VolumeAttachment': {
    description: 'A request to attach a volume to a node, handled by the CSI attacher; cluster-scoped.',
    gvk: gvk('storage.k8s.io', 'VolumeAttachment'),
    fields: [
      ...typeMeta('storage.k8s.io/v1', 'VolumeAttachment'),
      objectMeta,
      ['spec', 2, 'io.k8s.api.storage.v1.VolumeAttachmentSpec', 'The wanted attachment.', { required: true }],
      ['status', 3, 'io.k8s.api.storage.v1.VolumeAttachmentStatus', "The attachment's current state, written by the attacher."],
    ],
  },
  'io.k8s.api.storage.v1.VolumeAttachmentList': listOf('storage.k8s.io', 'VolumeAttachmentList', 'io.k8s.api.storage.v1.VolumeAttachment'),
  'io.k8s.api.storage.v1.VolumeAttachmentSpec': {
    description: 'Which volume to attach, to which node, by which attacher.',
    fields: [
      ['attacher', 1, 'string', 'Name of the driver that must handle the attachment.', { required: true }],
      ['source', 2, 'io.k8s.api.storage.v1.VolumeAttachmentSource', 'The volume to attach.', { required: true }],
      ['nodeName', 3, 'string', 'Node the volume should be attached to.', { required: true }],
    ],
  },
  'io.k8s.api.storage.v1.VolumeAttachmentSource': {
    description: 'The volume being attached: a PersistentVolume name or an inline spec.',
    fields: [
      ['persistentVolumeName', 1, 'string', 'Name of the PersistentVolume to attach.', { ptr: true }],
      ['inlineVolumeSpec', 2, 'io.k8s.api.core.v1.PersistentVolumeSpec', 'Spec of an inline volume migrated to CSI; set by the system only.'],
    ],
  },
  'io.k8s.api.storage.v1.VolumeAttachmentStatus': {
    description: 'The result of attaching or detaching.',
    fields: [
      ['attached', 1, 'bool', 'True once the volume is attached to the node.', { required: true }],
      ['attachmentMetadata', 2, 'map[string]', 'Driver-supplied information passed on to the mount step.'],
      ['attachError', 3, 'io.k8s.api.storage.v1.VolumeError', 'Last error seen while attaching, if any.'],
      ['detachError', 4, 'io.k8s.api.storage.v1.VolumeError', 'Last error seen while detaching, if any.'],
    ],
  },
  'io.k8s.api.storage.v1.VolumeError': {
    description: 'An error met while attaching, detaching or modifying a volume.',
    fields: [
      ['time', 1, 'Time', 'When the error happened.'],
      ['message', 2, 'string', 'Human-readable error text.'],
      ['errorCode', 3, 'int32', 'Numeric error code reported by the driver, if any.', { ptr: true }],
    ],
  },
  'io.k8s.api.storage.v1.CSIDriver': {
    description: 'Describes how Kubernetes should interact with a CSI driver installed in the cluster.',
    gvk: gvk('storage.k8s.io', 'CSIDriver'),
    fields: [
      ...typeMeta('storage.k8s.io/v1', 'CSIDriver'),
      objectMeta,
      ['spec', 2, 'io.k8s.api.storage.v1.CSIDriverSpec', 'Settings of the driver.', { required: true }],
    ],
  },
  'io.k8s.api.storage.v1.CSIDriverList': listOf('storage.k8s.io', 'CSIDriverList', 'io.k8s.api.storage.v1.CSIDriver'),
  'io.k8s.api.storage.v1.CSIDriverSpec': {
    description: 'Behaviour flags of a CSI driver.',
    fields: [
      ['attachRequired', 1, 'bool', 'Whether volumes need an attach step (a VolumeAttachment) before mounting; default true.', { ptr: true }],
      ['podInfoOnMount', 2, 'bool', 'Whether pod name, namespace, UID and service account are passed to the driver on mount.', { ptr: true }],
      ['volumeLifecycleModes', 3, '[]string', 'Volume modes the driver supports: Persistent and/or Ephemeral.', { listType: 'set' }],
      ['storageCapacity', 4, 'bool', 'Whether the scheduler should consider capacity published as CSIStorageCapacity objects.', { ptr: true }],
      ['fsGroupPolicy', 5, 'string', "Whether the driver supports changing volume ownership to the pod's fsGroup (None, File, ReadWriteOnceWithFSType).", { ptr: true }],
      ['tokenRequests', 6, '[]io.k8s.api.storage.v1.TokenRequest', 'Service account tokens the kubelet should pass to the driver on mount.', { listType: 'atomic' }],
      ['requiresRepublish', 7, 'bool', 'Whether NodePublishVolume is called periodically to refresh the volume.', { ptr: true }],
      ['seLinuxMount', 8, 'bool', 'Whether the driver can mount volumes with an SELinux context option.', { ptr: true }],
      ['nodeAllocatableUpdatePeriodSeconds', 9, 'int64', "How often the kubelet refreshes the node's allocatable volume count for this driver.", { ptr: true }],
      ['serviceAccountTokenInSecrets', 10, 'bool', 'Whether service account tokens go to the driver in the secrets field instead of volume context.', { ptr: true }],
    ],
  },
  'io.k8s.api.storage.v1.TokenRequest': {
    description: 'One service account token audience requested by a CSI driver.',
    fields: [
      ['audience', 1, 'string', 'Audience the token is issued for.', { required: true }],
      ['expirationSeconds', 2, 'int64', 'Lifetime of the token in seconds.', { ptr: true }],
    ],
  },
  'io.k8s.api.storage.v1.CSINode': {
    description: 'The CSI drivers installed on one node, named after the node.',
    gvk: gvk('storage.k8s.io', 'CSINode'),
    fields: [
      ...typeMeta('storage.k8s.io/v1', 'CSINode'),
      objectMeta,
      ['spec', 2, 'io.k8s.api.storage.v1.CSINodeSpec', 'Drivers registered on the node.', { required: true }],
    ],
  },
  'io.k8s.api.storage.v1.CSINodeSpec': {
    description: 'The list of CSI drivers on a node.',
    fields: [
      ['drivers', 1, '[]io.k8s.api.storage.v1.CSINodeDriver', 'One entry per CSI driver registered with the kubelet on this node.', { required: true, patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }],
    ],
  },
  'io.k8s.api.storage.v1.CSINodeDriver': {
    description: 'One CSI driver on a node.',
    fields: [
      ['name', 1, 'string', 'Driver name, matching its CSIDriver object.', { required: true }],
      ['nodeID', 2, 'string', 'ID the driver uses for this node.', { required: true }],
      ['topologyKeys', 3, '[]string', 'Topology label keys the driver supports on this node.', { listType: 'atomic' }],
      ['allocatable', 4, 'io.k8s.api.storage.v1.VolumeNodeResources', 'Volume limits of the driver on this node.'],
    ],
  },
  'io.k8s.api.storage.v1.VolumeNodeResources': {
    description: 'Volume limits of a CSI driver on one node.',
    fields: [
      ['count', 1, 'int32', 'Maximum number of volumes of this driver that can be attached to the node.', { ptr: true }],
    ],
  },
  'io.k8s.api.storage.v1.CSINodeList': listOf('storage.k8s.io', 'CSINodeList', 'io.k8s.api.storage.v1.CSINode'),
  'io.k8s.api.storage.v1.CSIStorageCapacity': {
    description: 'Storage capacity a CSI driver reports for one storage class in one topology segment.',
    gvk: gvk('storage.k8s.io', 'CSIStorageCapacity'),
    fields: [
      ...typeMeta('storage.k8s.io/v1', 'CSIStorageCapacity'),
      objectMeta,
      ['nodeTopology', 2, 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector', 'Selects the nodes that can reach this capacity.'],
      ['storageClassName', 3, 'string', 'Storage class the capacity applies to.', { required: true }],
      ['capacity', 4, 'Quantity', 'Free capacity available for new volumes.'],
      ['maximumVolumeSize', 5, 'Quantity', 'Largest single volume that can be created.'],
    ],
  },
  'io.k8s.api.storage.v1.CSIStorageCapacityList': listOf('storage.k8s.io', 'CSIStorageCapacityList', 'io.k8s.api.storage.v1.CSIStorageCapacity'),
  'io.k8s.api.storage.v1.VolumeAttributesClass': {
    description: 'A set of mutable volume settings (e.g. IOPS) a claim can switch to.',
    gvk: gvk('storage.k8s.io', 'VolumeAttributesClass'),
    fields: [
      ...typeMeta('storage.k8s.io/v1', 'VolumeAttributesClass'),
      objectMeta,
      ['driverName', 2, 'string', 'CSI driver that applies these parameters.', { required: true }],
      ['parameters', 3, 'map[string]', 'Driver-specific attribute values; immutable.'],
    ],
  },
  'io.k8s.api.storage.v1.VolumeAttributesClassList': listOf('storage.k8s.io', 'VolumeAttributesClassList', 'io.k8s.api.storage.v1.VolumeAttributesClass'),

  // ---- discovery.k8s.io/v1 ----
  'io.k8s.api.discovery.v1.EndpointSlice': {
    description: 'A slice of the network endpoints backing a Service, maintained by the EndpointSlice controller.',
    gvk: gvk('discovery.k8s.io', 'EndpointSlice'),
    fields: [
      ...typeMeta('discovery.k8s.io/v1', 'EndpointSlice'),
      objectMeta,
      ['addressType', 4, 'string', 'Kind of addresses held: IPv4, IPv6 or FQDN.', { required: true }],
      ['endpoints', 2, '[]io.k8s.api.discovery.v1.Endpoint', 'The endpoints in this slice.', { required: true, listType: 'atomic' }],
      ['ports', 3, '[]io.k8s.api.discovery.v1.EndpointPort', 'Ports exposed by every endpoint in the slice.', { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.discovery.v1.Endpoint': {
    description: 'One backend, usually a pod, with its addresses and readiness.',
    fields: [
      ['addresses', 1, '[]string', 'Addresses of the endpoint (one IP for pods).', { required: true, listType: 'set' }],
      ['conditions', 2, 'io.k8s.api.discovery.v1.EndpointConditions', 'Readiness state of the endpoint.'],
      ['hostname', 3, 'string', 'DNS hostname of the endpoint, when set.', { ptr: true }],
      ['targetRef', 4, 'io.k8s.api.core.v1.ObjectReference', 'Object this endpoint stands for, usually a Pod.'],
      ['deprecatedTopology', 5, 'map[string]', 'Old topology labels kept for compatibility; use nodeName and zone.'],
      ['nodeName', 6, 'string', 'Node hosting the endpoint.', { ptr: true }],
      ['zone', 7, 'string', 'Zone the endpoint is in.', { ptr: true }],
      ['hints', 8, 'io.k8s.api.discovery.v1.EndpointHints', 'Routing hints for topology-aware routing.'],
    ],
  },
  'io.k8s.api.discovery.v1.EndpointConditions': {
    description: 'Readiness of one endpoint.',
    fields: [
      ['ready', 1, 'bool', 'Whether the endpoint should receive traffic (serving and not terminating).', { ptr: true }],
      ['serving', 2, 'bool', 'Whether the endpoint passes its readiness checks, even while terminating.', { ptr: true }],
      ['terminating', 3, 'bool', 'Whether the endpoint is shutting down.', { ptr: true }],
    ],
  },
  'io.k8s.api.discovery.v1.EndpointHints': {
    description: 'Hints about which zones or nodes should use an endpoint.',
    fields: [
      ['forZones', 1, '[]io.k8s.api.discovery.v1.ForZone', 'Zones that should route to this endpoint.', { listType: 'atomic' }],
      ['forNodes', 2, '[]io.k8s.api.discovery.v1.ForNode', 'Nodes that should route to this endpoint.', { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.discovery.v1.ForZone': {
    description: 'A zone named in a routing hint.',
    fields: [
      ['name', 1, 'string', 'Zone name.', { required: true }],
    ],
  },
  'io.k8s.api.discovery.v1.ForNode': {
    description: 'A node named in a routing hint.',
    fields: [
      ['name', 1, 'string', 'Node name.', { required: true }],
    ],
  },
  'io.k8s.api.discovery.v1.EndpointPort': {
    description: 'A port served by the endpoints of a slice.',
    fields: [
      ['name', 1, 'string', 'Port name, matching the Service port name.', { ptr: true }],
      ['protocol', 2, 'string', 'TCP, UDP or SCTP; default TCP.', { ptr: true, enum: ['SCTP', 'TCP', 'UDP'] }],
      ['port', 3, 'int32', 'Port number.', { ptr: true }],
      ['appProtocol', 4, 'string', 'Application protocol, e.g. http or kubernetes.io/h2c.', { ptr: true }],
    ],
  },
  'io.k8s.api.discovery.v1.EndpointSliceList': listOf('discovery.k8s.io', 'EndpointSliceList', 'io.k8s.api.discovery.v1.EndpointSlice'),

  // ---- coordination.k8s.io/v1 ----
  'io.k8s.api.coordination.v1.Lease': {
    description: 'A lease used for leader election and node heartbeats.',
    gvk: gvk('coordination.k8s.io', 'Lease'),
    fields: [
      ...typeMeta('coordination.k8s.io/v1', 'Lease'),
      objectMeta,
      ['spec', 2, 'io.k8s.api.coordination.v1.LeaseSpec', 'Holder and timing of the lease.'],
    ],
  },
  'io.k8s.api.coordination.v1.LeaseSpec': {
    description: 'Who holds a lease and when it was last renewed.',
    fields: [
      ['holderIdentity', 1, 'string', 'Identity of the current holder.', { ptr: true }],
      ['leaseDurationSeconds', 2, 'int32', 'How long others wait after the last renewal before taking over.', { ptr: true }],
      ['acquireTime', 3, 'MicroTime', 'When the current holder acquired the lease.'],
      ['renewTime', 4, 'MicroTime', 'When the holder last renewed the lease.'],
      ['leaseTransitions', 5, 'int32', 'How many times the lease has changed holders.', { ptr: true }],
      ['strategy', 6, 'string', 'Strategy for choosing a new holder in coordinated leader election.', { ptr: true }],
      ['preferredHolder', 7, 'string', 'Holder that should take over next in coordinated leader election.', { ptr: true }],
    ],
  },
  'io.k8s.api.coordination.v1.LeaseList': listOf('coordination.k8s.io', 'LeaseList', 'io.k8s.api.coordination.v1.Lease'),

  // ---- scheduling.k8s.io/v1 ----
  'io.k8s.api.scheduling.v1.PriorityClass': {
    description: 'Maps a priority class name to an integer priority for pods; cluster-scoped.',
    gvk: gvk('scheduling.k8s.io', 'PriorityClass'),
    fields: [
      ...typeMeta('scheduling.k8s.io/v1', 'PriorityClass'),
      objectMeta,
      ['value', 2, 'int32', 'Priority value; higher runs first and may preempt lower.', { required: true }],
      ['globalDefault', 3, 'bool', 'Whether pods without a priorityClassName get this class; only one class may set it.'],
      ['description', 4, 'string', 'Free text saying when to use this class.'],
      ['preemptionPolicy', 5, 'string', 'Whether pods of this class may preempt lower-priority pods; default PreemptLowerPriority.', { ptr: true, enum: ['Never', 'PreemptLowerPriority'] }],
    ],
  },
  'io.k8s.api.scheduling.v1.PriorityClassList': listOf('scheduling.k8s.io', 'PriorityClassList', 'io.k8s.api.scheduling.v1.PriorityClass'),

  // ---- certificates.k8s.io/v1 ----
  'io.k8s.api.certificates.v1.CertificateSigningRequest': {
    description: 'A request to have a certificate signed by a named signer; approved with kubectl certificate approve.',
    gvk: gvk('certificates.k8s.io', 'CertificateSigningRequest'),
    fields: [
      ...typeMeta('certificates.k8s.io/v1', 'CertificateSigningRequest'),
      objectMeta,
      ['spec', 2, 'io.k8s.api.certificates.v1.CertificateSigningRequestSpec', 'The request and requester details; immutable.', { required: true }],
      ['status', 3, 'io.k8s.api.certificates.v1.CertificateSigningRequestStatus', 'Approval conditions and the issued certificate.'],
    ],
  },
  'io.k8s.api.certificates.v1.CertificateSigningRequestSpec': {
    description: 'The certificate request, its signer and the identity of the requester.',
    fields: [
      ['request', 1, 'bytes', 'PEM-encoded PKCS#10 certificate request (base64 in JSON).', { required: true }],
      ['signerName', 7, 'string', 'Signer that should sign, e.g. kubernetes.io/kube-apiserver-client.', { required: true }],
      ['expirationSeconds', 8, 'int32', 'Requested validity of the certificate in seconds (minimum 600).', { ptr: true }],
      ['usages', 5, '[]string', 'Requested key usages, e.g. client auth, digital signature, key encipherment.', { listType: 'atomic', enum: ['any', 'cert sign', 'client auth', 'code signing', 'content commitment', 'crl sign', 'data encipherment', 'decipher only', 'digital signature', 'email protection', 'encipher only', 'ipsec end system', 'ipsec tunnel', 'ipsec user', 'key agreement', 'key encipherment', 'microsoft sgc', 'netscape sgc', 'ocsp signing', 's/mime', 'server auth', 'signing', 'timestamping'] }],
      ['username', 2, 'string', 'User who created the request; set by the API server.'],
      ['uid', 3, 'string', 'UID of the user who created the request; set by the API server.'],
      ['groups', 4, '[]string', 'Groups of the user who created the request; set by the API server.', { listType: 'atomic' }],
      ['extra', 6, 'map[[]string]', 'Extra attributes of the user who created the request; set by the API server.'],
    ],
  },
  'io.k8s.api.certificates.v1.CertificateSigningRequestStatus': {
    description: 'Approval state and the signed certificate.',
    fields: [
      ['conditions', 1, '[]io.k8s.api.certificates.v1.CertificateSigningRequestCondition', 'Approved, Denied or Failed conditions.', { listType: 'map', listMapKeys: ['type'] }],
      ['certificate', 2, 'bytes', 'PEM-encoded certificate issued by the signer (base64 in JSON).'],
    ],
  },
  'io.k8s.api.certificates.v1.CertificateSigningRequestCondition': {
    description: 'One condition of a certificate signing request.',
    fields: [
      ['type', 1, 'string', 'Approved, Denied or Failed.', { required: true }],
      ['status', 6, 'string', 'True, False or Unknown.', { required: true }],
      ['reason', 2, 'string', 'Short machine-readable reason, e.g. KubectlApprove.'],
      ['message', 3, 'string', 'Human-readable explanation.'],
      ['lastUpdateTime', 4, 'Time', 'When this condition was last updated.'],
      ['lastTransitionTime', 5, 'Time', 'When the condition last changed status.'],
    ],
  },
  'io.k8s.api.certificates.v1.CertificateSigningRequestList': listOf('certificates.k8s.io', 'CertificateSigningRequestList', 'io.k8s.api.certificates.v1.CertificateSigningRequest'),

  // ---- events.k8s.io/v1 ----
  'io.k8s.api.events.v1.Event': {
    description: 'A report of something that happened to an object (events.k8s.io form).',
    gvk: gvk('events.k8s.io', 'Event'),
    fields: [
      ...typeMeta('events.k8s.io/v1', 'Event'),
      objectMeta,
      ['eventTime', 2, 'MicroTime', 'When the event was first seen.', { required: true }],
      ['series', 3, 'io.k8s.api.events.v1.EventSeries', 'Repetition data when the event recurs.'],
      ['reportingController', 4, 'string', 'Controller that emitted the event, e.g. kubernetes.io/kubelet.'],
      ['reportingInstance', 5, 'string', 'Instance of the controller, e.g. kubelet-node01.'],
      ['action', 6, 'string', 'What was done or failed, e.g. Scheduling.'],
      ['reason', 7, 'string', 'Short CamelCase reason, e.g. FailedScheduling.'],
      ['regarding', 8, 'io.k8s.api.core.v1.ObjectReference', 'The object the event is about.'],
      ['related', 9, 'io.k8s.api.core.v1.ObjectReference', 'A second object involved, if any.'],
      ['note', 10, 'string', 'Human-readable description of what happened.'],
      ['type', 11, 'string', 'Normal or Warning.'],
      ['deprecatedSource', 12, 'io.k8s.api.core.v1.EventSource', 'Old-style event source, kept for compatibility.'],
      ['deprecatedFirstTimestamp', 13, 'Time', 'Old-style first-seen time, kept for compatibility.'],
      ['deprecatedLastTimestamp', 14, 'Time', 'Old-style last-seen time, kept for compatibility.'],
      ['deprecatedCount', 15, 'int32', 'Old-style repeat count, kept for compatibility.'],
    ],
  },
  'io.k8s.api.events.v1.EventSeries': {
    description: 'Tracks a repeating event.',
    fields: [
      ['count', 1, 'int32', 'Number of occurrences so far.', { required: true }],
      ['lastObservedTime', 2, 'MicroTime', 'When the last occurrence was seen.', { required: true }],
    ],
  },
  'io.k8s.api.events.v1.EventList': listOf('events.k8s.io', 'EventList', 'io.k8s.api.events.v1.Event'),

  // ---- authentication.k8s.io/v1 ----
  'io.k8s.api.authentication.v1.TokenReview': {
    description: 'Asks the API server to authenticate a token and say whose it is (create-only).',
    gvk: gvk('authentication.k8s.io', 'TokenReview'),
    fields: [
      ...typeMeta('authentication.k8s.io/v1', 'TokenReview'),
      objectMeta,
      ['spec', 2, 'io.k8s.api.authentication.v1.TokenReviewSpec', 'The token to check.', { required: true }],
      ['status', 3, 'io.k8s.api.authentication.v1.TokenReviewStatus', 'Whether the token is valid and the user it belongs to.'],
    ],
  },
  'io.k8s.api.authentication.v1.TokenReviewSpec': {
    description: 'The token to authenticate.',
    fields: [
      ['token', 1, 'string', 'The bearer token.'],
      ['audiences', 2, '[]string', "Audiences the token must be valid for; empty means the API server's own.", { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.authentication.v1.TokenReviewStatus': {
    description: 'The verdict of a token review.',
    fields: [
      ['authenticated', 1, 'bool', 'Whether the token is valid.'],
      ['user', 2, 'io.k8s.api.authentication.v1.UserInfo', 'The user the token belongs to.'],
      ['audiences', 4, '[]string', 'Audiences the token is valid for.', { listType: 'atomic' }],
      ['error', 3, 'string', 'Why the token could not be checked, if so.'],
    ],
  },
  'io.k8s.api.authentication.v1.UserInfo': {
    description: 'An authenticated identity: name, uid, groups and extra attributes.',
    fields: [
      ['username', 1, 'string', 'User name.'],
      ['uid', 2, 'string', 'Unique identifier of the user.'],
      ['groups', 3, '[]string', 'Groups the user belongs to.', { listType: 'atomic' }],
      ['extra', 4, 'map[[]string]', 'Additional attributes from the authenticator.'],
    ],
  },
  'io.k8s.api.authentication.v1.TokenRequest': {
    description: 'Requests a service account token (the serviceaccounts/token subresource, used by kubectl create token).',
    gvk: gvk('authentication.k8s.io', 'TokenRequest'),
    fields: [
      ...typeMeta('authentication.k8s.io/v1', 'TokenRequest'),
      objectMeta,
      ['spec', 2, 'io.k8s.api.authentication.v1.TokenRequestSpec', 'Audiences, lifetime and binding of the token.', { required: true }],
      ['status', 3, 'io.k8s.api.authentication.v1.TokenRequestStatus', 'The issued token.'],
    ],
  },
  'io.k8s.api.authentication.v1.TokenRequestSpec': {
    description: 'What token to issue.',
    fields: [
      ['audiences', 1, '[]string', 'Audiences the token is intended for.', { required: true, listType: 'atomic' }],
      ['expirationSeconds', 4, 'int64', 'Requested lifetime in seconds; the server may shorten it (default 3600).', { ptr: true }],
      ['boundObjectRef', 3, 'io.k8s.api.authentication.v1.BoundObjectReference', 'Object whose lifetime bounds the token, e.g. a Pod or Secret.'],
    ],
  },
  'io.k8s.api.authentication.v1.TokenRequestStatus': {
    description: 'The issued service account token.',
    fields: [
      ['token', 1, 'string', 'The signed token.', { required: true }],
      ['expirationTimestamp', 2, 'Time', 'When the token expires.', { required: true }],
    ],
  },
  'io.k8s.api.authentication.v1.BoundObjectReference': {
    description: 'The object a token is bound to; the token is invalid once it is gone.',
    fields: [
      ['kind', 1, 'string', 'Kind of the object, e.g. Pod or Secret.'],
      ['apiVersion', 2, 'string', 'API version of the object.'],
      ['name', 3, 'string', 'Name of the object.'],
      ['uid', 4, 'string', 'UID of the object.'],
    ],
  },
  'io.k8s.api.authentication.v1.SelfSubjectReview': {
    description: 'Asks who the caller is authenticated as (kubectl auth whoami).',
    gvk: gvk('authentication.k8s.io', 'SelfSubjectReview'),
    fields: [
      ...typeMeta('authentication.k8s.io/v1', 'SelfSubjectReview'),
      objectMeta,
      ['status', 2, 'io.k8s.api.authentication.v1.SelfSubjectReviewStatus', "The caller's identity."],
    ],
  },
  'io.k8s.api.authentication.v1.SelfSubjectReviewStatus': {
    description: 'The result of a self subject review.',
    fields: [
      ['userInfo', 1, 'io.k8s.api.authentication.v1.UserInfo', "The caller's user name, uid, groups and extra attributes."],
    ],
  },

  // ---- authorization.k8s.io/v1 ----
  'io.k8s.api.authorization.v1.SubjectAccessReview': {
    description: 'Asks whether a given user may perform an action (create-only).',
    gvk: gvk('authorization.k8s.io', 'SubjectAccessReview'),
    fields: [
      ...typeMeta('authorization.k8s.io/v1', 'SubjectAccessReview'),
      objectMeta,
      ['spec', 2, 'io.k8s.api.authorization.v1.SubjectAccessReviewSpec', 'The user and the action to check.', { required: true }],
      ['status', 3, 'io.k8s.api.authorization.v1.SubjectAccessReviewStatus', "The authorizer's verdict."],
    ],
  },
  'io.k8s.api.authorization.v1.SelfSubjectAccessReview': {
    description: 'Asks whether the caller may perform an action (kubectl auth can-i).',
    gvk: gvk('authorization.k8s.io', 'SelfSubjectAccessReview'),
    fields: [
      ...typeMeta('authorization.k8s.io/v1', 'SelfSubjectAccessReview'),
      objectMeta,
      ['spec', 2, 'io.k8s.api.authorization.v1.SelfSubjectAccessReviewSpec', 'The action to check.', { required: true }],
      ['status', 3, 'io.k8s.api.authorization.v1.SubjectAccessReviewStatus', "The authorizer's verdict."],
    ],
  },
  'io.k8s.api.authorization.v1.LocalSubjectAccessReview': {
    description: 'A subject access review limited to one namespace.',
    gvk: gvk('authorization.k8s.io', 'LocalSubjectAccessReview'),
    fields: [
      ...typeMeta('authorization.k8s.io/v1', 'LocalSubjectAccessReview'),
      objectMeta,
      ['spec', 2, 'io.k8s.api.authorization.v1.SubjectAccessReviewSpec', "The user and the action to check; the namespace must match the object's.", { required: true }],
      ['status', 3, 'io.k8s.api.authorization.v1.SubjectAccessReviewStatus', "The authorizer's verdict."],
    ],
  },
  'io.k8s.api.authorization.v1.ResourceAttributes': {
    description: 'An API request on a resource, as seen by the authorizer.',
    fields: [
      ['namespace', 1, 'string', 'Namespace of the request; empty means all namespaces for namespaced resources.'],
      ['verb', 2, 'string', "Action such as get, list, create, delete, or '*'."],
      ['group', 3, 'string', "API group of the resource; '*' means all."],
      ['version', 4, 'string', "API version of the resource; '*' means all."],
      ['resource', 5, 'string', "Resource name (plural); '*' means all."],
      ['subresource', 6, 'string', 'Subresource such as log or status.'],
      ['name', 7, 'string', 'Name of the object; empty means all.'],
      ['fieldSelector', 8, 'io.k8s.api.authorization.v1.FieldSelectorAttributes', 'Field selector of a list or watch request.'],
      ['labelSelector', 9, 'io.k8s.api.authorization.v1.LabelSelectorAttributes', 'Label selector of a list or watch request.'],
    ],
  },
  'io.k8s.api.authorization.v1.LabelSelectorAttributes': {
    description: 'The label selector of a request, as raw text or parsed requirements.',
    fields: [
      ['rawSelector', 1, 'string', 'The selector as a string, e.g. app=web.'],
      ['requirements', 2, '[]io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement', 'The selector as parsed requirements.', { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.authorization.v1.FieldSelectorAttributes': {
    description: 'The field selector of a request, as raw text or parsed requirements.',
    fields: [
      ['rawSelector', 1, 'string', 'The selector as a string, e.g. spec.nodeName=node01.'],
      ['requirements', 2, '[]io.k8s.apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement', 'The selector as parsed requirements.', { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.authorization.v1.NonResourceAttributes': {
    description: 'A request to a non-resource URL, as seen by the authorizer.',
    fields: [
      ['path', 1, 'string', 'URL path, e.g. /healthz.'],
      ['verb', 2, 'string', 'HTTP verb in lower case, e.g. get.'],
    ],
  },
  'io.k8s.api.authorization.v1.SubjectAccessReviewSpec': {
    description: 'The user and the action to check; set exactly one of resourceAttributes and nonResourceAttributes.',
    fields: [
      ['resourceAttributes', 1, 'io.k8s.api.authorization.v1.ResourceAttributes', 'The resource request to check.'],
      ['nonResourceAttributes', 2, 'io.k8s.api.authorization.v1.NonResourceAttributes', 'The non-resource URL request to check.'],
      ['user', 3, 'string', 'User name to check for.'],
      ['groups', 4, '[]string', 'Groups of the user.', { listType: 'atomic' }],
      ['extra', 5, 'map[[]string]', 'Extra attributes of the user.'],
      ['uid', 6, 'string', 'UID of the user.'],
    ],
  },
  'io.k8s.api.authorization.v1.SelfSubjectAccessReviewSpec': {
    description: 'The action to check for the caller; set exactly one attribute kind.',
    fields: [
      ['resourceAttributes', 1, 'io.k8s.api.authorization.v1.ResourceAttributes', 'The resource request to check.'],
      ['nonResourceAttributes', 2, 'io.k8s.api.authorization.v1.NonResourceAttributes', 'The non-resource URL request to check.'],
    ],
  },
  'io.k8s.api.authorization.v1.SubjectAccessReviewStatus': {
    description: 'Whether a request is allowed.',
    fields: [
      ['allowed', 1, 'bool', 'True if the action is allowed.', { required: true }],
      ['denied', 4, 'bool', 'True if the action is explicitly denied; false does not imply allowed.'],
      ['reason', 2, 'string', 'Why the decision was made.'],
      ['evaluationError', 3, 'string', 'Error met while evaluating, if any; the decision may still be valid.'],
    ],
  },
  'io.k8s.api.authorization.v1.SelfSubjectRulesReview': {
    description: 'Lists what the caller may do in a namespace (kubectl auth can-i --list).',
    gvk: gvk('authorization.k8s.io', 'SelfSubjectRulesReview'),
    fields: [
      ...typeMeta('authorization.k8s.io/v1', 'SelfSubjectRulesReview'),
      objectMeta,
      ['spec', 2, 'io.k8s.api.authorization.v1.SelfSubjectRulesReviewSpec', 'The namespace to evaluate.', { required: true }],
      ['status', 3, 'io.k8s.api.authorization.v1.SubjectRulesReviewStatus', 'The rules that apply.'],
    ],
  },
  'io.k8s.api.authorization.v1.SelfSubjectRulesReviewSpec': {
    description: 'Which namespace to list permissions for.',
    fields: [
      ['namespace', 1, 'string', 'Namespace to evaluate rules in.'],
    ],
  },
  'io.k8s.api.authorization.v1.SubjectRulesReviewStatus': {
    description: 'The permissions a subject has in a namespace.',
    fields: [
      ['resourceRules', 1, '[]io.k8s.api.authorization.v1.ResourceRule', 'Allowed actions on resources.', { required: true, listType: 'atomic' }],
      ['nonResourceRules', 2, '[]io.k8s.api.authorization.v1.NonResourceRule', 'Allowed actions on non-resource URLs.', { required: true, listType: 'atomic' }],
      ['incomplete', 3, 'bool', 'True if the authorizer cannot list every rule.', { required: true }],
      ['evaluationError', 4, 'string', 'Error met while listing rules, if any.'],
    ],
  },
  'io.k8s.api.authorization.v1.ResourceRule': {
    description: 'An allowed set of verbs on resources.',
    fields: [
      ['verbs', 1, '[]string', "Allowed verbs; '*' means all.", { required: true, listType: 'atomic' }],
      ['apiGroups', 2, '[]string', "API groups; '*' means all.", { listType: 'atomic' }],
      ['resources', 3, '[]string', "Resources; '*' means all.", { listType: 'atomic' }],
      ['resourceNames', 4, '[]string', 'Object names; empty means all.', { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.authorization.v1.NonResourceRule': {
    description: 'An allowed set of verbs on non-resource URLs.',
    fields: [
      ['verbs', 1, '[]string', "Allowed verbs; '*' means all.", { required: true, listType: 'atomic' }],
      ['nonResourceURLs', 2, '[]string', "URL paths; a trailing '*' is a prefix match.", { listType: 'atomic' }],
    ],
  },

  // ---- node.k8s.io/v1 ----
  'io.k8s.api.node.v1.RuntimeClass': {
    description: 'Selects a container runtime configuration (handler) for pods that name it in runtimeClassName.',
    gvk: gvk('node.k8s.io', 'RuntimeClass'),
    fields: [
      ...typeMeta('node.k8s.io/v1', 'RuntimeClass'),
      objectMeta,
      ['handler', 2, 'string', 'Name of the runtime handler configured in the CRI, e.g. runc or runsc; immutable.', { required: true }],
      ['overhead', 3, 'io.k8s.api.node.v1.Overhead', 'Extra resources a pod using this runtime consumes.'],
      ['scheduling', 4, 'io.k8s.api.node.v1.Scheduling', 'Node constraints for pods using this runtime.'],
    ],
  },
  'io.k8s.api.node.v1.Overhead': {
    description: "Resources added to a pod's requests because of its runtime.",
    fields: [
      ['podFixed', 1, 'map[Quantity]', 'Fixed resource overhead per pod, e.g. cpu: 250m.'],
    ],
  },
  'io.k8s.api.node.v1.Scheduling': {
    description: 'Where pods using a RuntimeClass may run.',
    fields: [
      ['nodeSelector', 1, 'map[string]', "Labels a node must have; merged into the pod's nodeSelector."],
      ['tolerations', 2, '[]io.k8s.api.core.v1.Toleration', 'Tolerations added to pods using this runtime.', { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.node.v1.RuntimeClassList': listOf('node.k8s.io', 'RuntimeClassList', 'io.k8s.api.node.v1.RuntimeClass'),

  // ---- admissionregistration.k8s.io/v1 ----
  'io.k8s.api.admissionregistration.v1.Rule': {
    description: 'Which API resources a rule matches.',
    fields: [
      ['apiGroups', 1, '[]string', "API groups to match; '*' means all.", { listType: 'atomic' }],
      ['apiVersions', 2, '[]string', "API versions to match; '*' means all.", { listType: 'atomic' }],
      ['resources', 3, '[]string', "Resources to match, e.g. pods, pods/status, '*' or '*/*'.", { listType: 'atomic' }],
      ['scope', 4, 'string', "Cluster, Namespaced or '*' (default).", { ptr: true, enum: ['*', 'Cluster', 'Namespaced'] }],
    ],
  },
  'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicy': {
    description: 'A CEL-based policy that validates API requests in the API server.',
    gvk: gvk('admissionregistration.k8s.io', 'ValidatingAdmissionPolicy'),
    fields: [
      ...typeMeta('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy'),
      objectMeta,
      ['spec', 2, 'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicySpec', 'What the policy matches and checks.'],
      ['status', 3, 'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicyStatus', 'Type-checking results.'],
    ],
  },
  'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicyStatus': {
    description: 'State of a validating admission policy.',
    fields: [
      ['observedGeneration', 1, 'int64', 'Generation last checked.'],
      ['typeChecking', 2, 'io.k8s.api.admissionregistration.v1.TypeChecking', 'Results of type-checking the expressions.'],
      ['conditions', 3, '[]io.k8s.apimachinery.pkg.apis.meta.v1.Condition', 'Conditions of the policy.', { listType: 'map', listMapKeys: ['type'] }],
    ],
  },
  'io.k8s.api.admissionregistration.v1.TypeChecking': {
    description: 'Type-checking results of a policy.',
    fields: [
      ['expressionWarnings', 1, '[]io.k8s.api.admissionregistration.v1.ExpressionWarning', 'Warnings for expressions that failed type checking.', { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.admissionregistration.v1.ExpressionWarning': {
    description: 'A type-checking warning for one expression.',
    fields: [
      ['fieldRef', 2, 'string', "Path to the expression's field.", { required: true }],
      ['warning', 3, 'string', 'The warning text.', { required: true }],
    ],
  },
  'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicyList': listOf('admissionregistration.k8s.io', 'ValidatingAdmissionPolicyList', 'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicy'),
  'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicySpec': {
    description: 'Match rules, parameters and CEL validations of a policy.',
    fields: [
      ['paramKind', 1, 'io.k8s.api.admissionregistration.v1.ParamKind', 'Kind of the parameter resource bindings may reference.'],
      ['matchConstraints', 2, 'io.k8s.api.admissionregistration.v1.MatchResources', 'Resources the policy applies to.'],
      ['validations', 3, '[]io.k8s.api.admissionregistration.v1.Validation', 'CEL expressions that must be true.', { listType: 'atomic' }],
      ['failurePolicy', 4, 'string', 'What to do if a validation errors: Fail (default) or Ignore.', { ptr: true, enum: ['Fail', 'Ignore'] }],
      ['auditAnnotations', 5, '[]io.k8s.api.admissionregistration.v1.AuditAnnotation', 'CEL-built annotations added to the audit event.', { listType: 'atomic' }],
      ['matchConditions', 6, '[]io.k8s.api.admissionregistration.v1.MatchCondition', 'Extra CEL conditions a request must meet to be validated.', { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }],
      ['variables', 7, '[]io.k8s.api.admissionregistration.v1.Variable', 'Named CEL expressions usable in the other expressions.', { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }],
    ],
  },
  'io.k8s.api.admissionregistration.v1.ParamKind': {
    description: 'Group/version and kind of a policy parameter resource.',
    fields: [
      ['apiVersion', 1, 'string', 'Group/version of the parameter resource.'],
      ['kind', 2, 'string', 'Kind of the parameter resource.'],
    ],
  },
  'io.k8s.api.admissionregistration.v1.Validation': {
    description: 'One CEL validation.',
    fields: [
      ['expression', 1, 'string', 'CEL expression that must evaluate to true.', { required: true }],
      ['message', 2, 'string', 'Message returned when the expression is false.'],
      ['reason', 3, 'string', 'Status reason returned when it fails: Unauthorized, Forbidden, Invalid (default) or RequestEntityTooLarge.', { ptr: true }],
      ['messageExpression', 4, 'string', 'CEL expression producing the failure message.'],
    ],
  },
  'io.k8s.api.admissionregistration.v1.Variable': {
    description: 'A named CEL expression available as variables.<name>.',
    fields: [
      ['name', 1, 'string', 'Variable name.', { required: true }],
      ['expression', 2, 'string', 'CEL expression computing the value.', { required: true }],
    ],
  },
  'io.k8s.api.admissionregistration.v1.AuditAnnotation': {
    description: 'An audit annotation computed by CEL.',
    fields: [
      ['key', 1, 'string', 'Annotation key (prefixed with the policy name).', { required: true }],
      ['valueExpression', 2, 'string', 'CEL expression producing the annotation value.', { required: true }],
    ],
  },
  'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicyBinding': {
    description: 'Applies a validating admission policy, with parameters and a scope.',
    gvk: gvk('admissionregistration.k8s.io', 'ValidatingAdmissionPolicyBinding'),
    fields: [
      ...typeMeta('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicyBinding'),
      objectMeta,
      ['spec', 2, 'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicyBindingSpec', 'The policy, parameters, scope and actions.'],
    ],
  },
  'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicyBindingList': listOf('admissionregistration.k8s.io', 'ValidatingAdmissionPolicyBindingList', 'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicyBinding'),
  'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicyBindingSpec': {
    description: 'Which policy a binding applies, where and how.',
    fields: [
      ['policyName', 1, 'string', 'Name of the ValidatingAdmissionPolicy.'],
      ['paramRef', 2, 'io.k8s.api.admissionregistration.v1.ParamRef', 'Parameter resource to use.'],
      ['matchResources', 3, 'io.k8s.api.admissionregistration.v1.MatchResources', 'Further limits which resources are checked.'],
      ['validationActions', 4, '[]string', 'What happens on failure: Deny, Warn and/or Audit.', { listType: 'set', enum: ['Audit', 'Deny', 'Warn'] }],
    ],
  },
  'io.k8s.api.admissionregistration.v1.ParamRef': {
    description: 'Locates the parameter resource(s) of a policy binding.',
    fields: [
      ['name', 1, 'string', 'Name of a single parameter object.'],
      ['namespace', 2, 'string', 'Namespace of the parameter objects.'],
      ['selector', 3, 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector', 'Label selector for parameter objects.'],
      ['parameterNotFoundAction', 4, 'string', 'What to do when no parameter is found: Allow or Deny.', { ptr: true }],
    ],
  },
  'io.k8s.api.admissionregistration.v1.MatchResources': {
    description: 'Selects requests by namespace, object labels and resource rules.',
    fields: [
      ['namespaceSelector', 1, 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector', 'Limits matching to namespaces with these labels.'],
      ['objectSelector', 2, 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector', 'Limits matching to objects with these labels.'],
      ['resourceRules', 3, '[]io.k8s.api.admissionregistration.v1.NamedRuleWithOperations', 'Operations and resources that match.', { listType: 'atomic' }],
      ['excludeResourceRules', 4, '[]io.k8s.api.admissionregistration.v1.NamedRuleWithOperations', 'Operations and resources excluded from matching.', { listType: 'atomic' }],
      ['matchPolicy', 7, 'string', 'Exact, or Equivalent (default) to also match the same resource in other versions.', { ptr: true, enum: ['Equivalent', 'Exact'] }],
    ],
  },
  'io.k8s.api.admissionregistration.v1.NamedRuleWithOperations': {
    description: 'A resource rule with operations, optionally limited to object names.',
    fields: [
      ['resourceNames', 1, '[]string', 'Object names to match; empty means all.', { listType: 'atomic' }],
      ['operations', 0, '[]string', "Operations to match: CREATE, UPDATE, DELETE, CONNECT or '*'.", { listType: 'atomic', enum: ['*', 'CONNECT', 'CREATE', 'DELETE', 'UPDATE'] }], // inline in JSON, nested message in protobuf
      ['apiGroups', 0, '[]string', "API groups to match; '*' means all.", { listType: 'atomic' }], // inline in JSON, nested message in protobuf
      ['apiVersions', 0, '[]string', "API versions to match; '*' means all.", { listType: 'atomic' }], // inline in JSON, nested message in protobuf
      ['resources', 0, '[]string', "Resources to match, e.g. pods or '*'.", { listType: 'atomic' }], // inline in JSON, nested message in protobuf
      ['scope', 0, 'string', "Cluster, Namespaced or '*' (default).", { ptr: true, enum: ['*', 'Cluster', 'Namespaced'] }], // inline in JSON, nested message in protobuf
    ],
  },
  'io.k8s.api.admissionregistration.v1.ValidatingWebhookConfiguration': {
    description: 'Registers webhooks that may reject API requests; cluster-scoped.',
    gvk: gvk('admissionregistration.k8s.io', 'ValidatingWebhookConfiguration'),
    fields: [
      ...typeMeta('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration'),
      objectMeta,
      ['webhooks', 2, '[]io.k8s.api.admissionregistration.v1.ValidatingWebhook', 'The webhooks and what they match.', { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }],
    ],
  },
  'io.k8s.api.admissionregistration.v1.ValidatingWebhookConfigurationList': listOf('admissionregistration.k8s.io', 'ValidatingWebhookConfigurationList', 'io.k8s.api.admissionregistration.v1.ValidatingWebhookConfiguration'),
  'io.k8s.api.admissionregistration.v1.MutatingWebhookConfiguration': {
    description: 'Registers webhooks that may modify or reject API requests; cluster-scoped.',
    gvk: gvk('admissionregistration.k8s.io', 'MutatingWebhookConfiguration'),
    fields: [
      ...typeMeta('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration'),
      objectMeta,
      ['webhooks', 2, '[]io.k8s.api.admissionregistration.v1.MutatingWebhook', 'The webhooks and what they match.', { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }],
    ],
  },
  'io.k8s.api.admissionregistration.v1.MutatingWebhookConfigurationList': listOf('admissionregistration.k8s.io', 'MutatingWebhookConfigurationList', 'io.k8s.api.admissionregistration.v1.MutatingWebhookConfiguration'),
  'io.k8s.api.admissionregistration.v1.ValidatingWebhook': {
    description: 'One validating admission webhook.',
    fields: [
      ['name', 1, 'string', 'Fully qualified webhook name, e.g. check.example.com.', { required: true }],
      ['clientConfig', 2, 'io.k8s.api.admissionregistration.v1.WebhookClientConfig', 'How to reach the webhook.', { required: true }],
      ['rules', 3, '[]io.k8s.api.admissionregistration.v1.RuleWithOperations', 'Operations and resources the webhook is called for.', { listType: 'atomic' }],
      ['failurePolicy', 4, 'string', 'What to do if the call fails: Fail (default) or Ignore.', { ptr: true, enum: ['Fail', 'Ignore'] }],
      ['matchPolicy', 9, 'string', 'Exact, or Equivalent (default) to also match the same resource in other versions.', { ptr: true, enum: ['Equivalent', 'Exact'] }],
      ['namespaceSelector', 5, 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector', 'Only call the webhook for objects in namespaces with these labels.'],
      ['objectSelector', 10, 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector', 'Only call the webhook for objects with these labels.'],
      ['sideEffects', 6, 'string', 'Whether the webhook has side effects: None or NoneOnDryRun.', { required: true, ptr: true, enum: ['None', 'NoneOnDryRun', 'Some', 'Unknown'] }],
      ['timeoutSeconds', 7, 'int32', 'Call timeout, 1 to 30 seconds; default 10.', { ptr: true }],
      ['admissionReviewVersions', 8, '[]string', 'AdmissionReview versions the webhook accepts, in order of preference.', { required: true, listType: 'atomic' }],
      ['matchConditions', 11, '[]io.k8s.api.admissionregistration.v1.MatchCondition', 'CEL conditions a request must meet for the webhook to be called.', { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }],
    ],
  },
  'io.k8s.api.admissionregistration.v1.MutatingWebhook': {
    description: 'One mutating admission webhook.',
    fields: [
      ['name', 1, 'string', 'Fully qualified webhook name, e.g. check.example.com.', { required: true }],
      ['clientConfig', 2, 'io.k8s.api.admissionregistration.v1.WebhookClientConfig', 'How to reach the webhook.', { required: true }],
      ['rules', 3, '[]io.k8s.api.admissionregistration.v1.RuleWithOperations', 'Operations and resources the webhook is called for.', { listType: 'atomic' }],
      ['failurePolicy', 4, 'string', 'What to do if the call fails: Fail (default) or Ignore.', { ptr: true, enum: ['Fail', 'Ignore'] }],
      ['matchPolicy', 9, 'string', 'Exact, or Equivalent (default) to also match the same resource in other versions.', { ptr: true, enum: ['Equivalent', 'Exact'] }],
      ['namespaceSelector', 5, 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector', 'Only call the webhook for objects in namespaces with these labels.'],
      ['objectSelector', 11, 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector', 'Only call the webhook for objects with these labels.'],
      ['sideEffects', 6, 'string', 'Whether the webhook has side effects: None or NoneOnDryRun.', { required: true, ptr: true, enum: ['None', 'NoneOnDryRun', 'Some', 'Unknown'] }],
      ['timeoutSeconds', 7, 'int32', 'Call timeout, 1 to 30 seconds; default 10.', { ptr: true }],
      ['admissionReviewVersions', 8, '[]string', 'AdmissionReview versions the webhook accepts, in order of preference.', { required: true, listType: 'atomic' }],
      ['reinvocationPolicy', 10, 'string', 'Never (default) or IfNeeded to call again after later mutations.', { ptr: true, enum: ['IfNeeded', 'Never'] }],
      ['matchConditions', 12, '[]io.k8s.api.admissionregistration.v1.MatchCondition', 'CEL conditions a request must meet for the webhook to be called.', { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }],
    ],
  },
  'io.k8s.api.admissionregistration.v1.RuleWithOperations': {
    description: 'Operations and resources an admission webhook is called for.',
    fields: [
      ['operations', 1, '[]string', "Operations to match: CREATE, UPDATE, DELETE, CONNECT or '*'.", { listType: 'atomic', enum: ['*', 'CONNECT', 'CREATE', 'DELETE', 'UPDATE'] }],
      ['apiGroups', 0, '[]string', "API groups to match; '*' means all.", { listType: 'atomic' }], // inline in JSON, nested message in protobuf
      ['apiVersions', 0, '[]string', "API versions to match; '*' means all.", { listType: 'atomic' }], // inline in JSON, nested message in protobuf
      ['resources', 0, '[]string', "Resources to match, e.g. pods, pods/status or '*'.", { listType: 'atomic' }], // inline in JSON, nested message in protobuf
      ['scope', 0, 'string', "Cluster, Namespaced or '*' (default).", { ptr: true, enum: ['*', 'Cluster', 'Namespaced'] }], // inline in JSON, nested message in protobuf
    ],
  },
  'io.k8s.api.admissionregistration.v1.WebhookClientConfig': {
    description: 'How to reach a webhook: a URL or an in-cluster Service.',
    fields: [
      ['url', 3, 'string', 'HTTPS URL of the webhook; set this or service.', { ptr: true }],
      ['service', 1, 'io.k8s.api.admissionregistration.v1.ServiceReference', 'In-cluster Service of the webhook; set this or url.'],
      ['caBundle', 2, 'bytes', "PEM CA bundle used to verify the webhook's certificate (base64 in JSON)."],
    ],
  },
  'io.k8s.api.admissionregistration.v1.ServiceReference': {
    description: 'A Service that serves a webhook.',
    fields: [
      ['namespace', 1, 'string', 'Namespace of the Service.', { required: true }],
      ['name', 2, 'string', 'Name of the Service.', { required: true }],
      ['path', 3, 'string', 'URL path sent to the Service.', { ptr: true }],
      ['port', 4, 'int32', 'Service port; default 443.', { ptr: true }],
    ],
  },
  'io.k8s.api.admissionregistration.v1.MatchCondition': {
    description: 'A named CEL condition a request must meet.',
    fields: [
      ['name', 1, 'string', 'Condition name, used in errors and metrics.', { required: true }],
      ['expression', 2, 'string', 'CEL expression that must evaluate to true.', { required: true }],
    ],
  },

  // ---- apiextensions.k8s.io/v1 ----
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionSpec': {
    description: 'How a custom resource is named, scoped and served.',
    fields: [
      ['group', 1, 'string', 'API group of the resource, e.g. stable.example.com.', { required: true }],
      ['names', 3, 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionNames', 'Kind, plural, singular and short names.', { required: true }],
      ['scope', 4, 'string', 'Namespaced or Cluster.', { required: true }],
      ['versions', 7, '[]io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionVersion', 'Versions served; exactly one has storage true.', { required: true, listType: 'atomic' }],
      ['conversion', 9, 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceConversion', 'How objects are converted between versions.'],
      ['preserveUnknownFields', 10, 'bool', 'Deprecated; must be false in v1 (use x-kubernetes-preserve-unknown-fields).'],
    ],
  },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceConversion': {
    description: 'Conversion between the versions of a custom resource.',
    fields: [
      ['strategy', 1, 'string', 'None (only apiVersion changes) or Webhook.', { required: true }],
      ['webhook', 2, 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.WebhookConversion', 'Webhook settings when strategy is Webhook.'],
    ],
  },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.WebhookConversion': {
    description: 'A conversion webhook.',
    fields: [
      ['clientConfig', 2, 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.WebhookClientConfig', 'How to reach the webhook.'],
      ['conversionReviewVersions', 3, '[]string', 'ConversionReview versions the webhook accepts, in order of preference.', { required: true, listType: 'atomic' }],
    ],
  },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.WebhookClientConfig': {
    description: 'How to reach a conversion webhook: a URL or an in-cluster Service.',
    fields: [
      ['url', 3, 'string', 'HTTPS URL of the webhook; set this or service.', { ptr: true }],
      ['service', 1, 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.ServiceReference', 'In-cluster Service of the webhook; set this or url.'],
      ['caBundle', 2, 'bytes', "PEM CA bundle used to verify the webhook's certificate (base64 in JSON)."],
    ],
  },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.ServiceReference': {
    description: 'A Service that serves a webhook.',
    fields: [
      ['namespace', 1, 'string', 'Namespace of the Service.', { required: true }],
      ['name', 2, 'string', 'Name of the Service.', { required: true }],
      ['path', 3, 'string', 'URL path sent to the Service.', { ptr: true }],
      ['port', 4, 'int32', 'Service port; default 443.', { ptr: true }],
    ],
  },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionVersion': {
    description: 'One version of a custom resource.',
    fields: [
      ['name', 1, 'string', 'Version name, e.g. v1 or v1beta1.', { required: true }],
      ['served', 2, 'bool', 'Whether this version is served over the REST API.', { required: true }],
      ['storage', 3, 'bool', 'Whether objects are stored in etcd in this version; exactly one version.', { required: true }],
      ['deprecated', 7, 'bool', 'Whether the version is deprecated; requests get a warning.'],
      ['deprecationWarning', 8, 'string', 'Custom warning text for a deprecated version.', { ptr: true }],
      ['schema', 4, 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceValidation', 'OpenAPI v3 schema used to validate and prune objects.'],
      ['subresources', 5, 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceSubresources', 'Status and scale subresources to serve.'],
      ['additionalPrinterColumns', 6, '[]io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceColumnDefinition', 'Extra columns shown by kubectl get.', { listType: 'atomic' }],
      ['selectableFields', 9, '[]io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.SelectableField', 'Fields usable in field selectors.', { listType: 'atomic' }],
    ],
  },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.SelectableField': {
    description: 'A field that can be used in a field selector.',
    fields: [
      ['jsonPath', 1, 'string', 'Simple JSON path to the field, e.g. .spec.color.', { required: true }],
    ],
  },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceColumnDefinition': {
    description: 'An extra column in kubectl get output for a custom resource.',
    fields: [
      ['name', 1, 'string', 'Column header.', { required: true }],
      ['type', 2, 'string', 'Column type: integer, number, string, boolean or date.', { required: true }],
      ['format', 3, 'string', 'Optional format hint for the type.'],
      ['description', 4, 'string', 'Column description.'],
      ['priority', 5, 'int32', '0 shows the column always; higher values only with -o wide.'],
      ['jsonPath', 6, 'string', 'JSON path into each object giving the cell value.', { required: true }],
    ],
  },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionNames': {
    description: 'Names a custom resource is served under.',
    fields: [
      ['plural', 1, 'string', 'Plural resource name used in URLs, lowercase.', { required: true }],
      ['singular', 2, 'string', 'Singular name, lowercase; defaults to the lowercased kind.'],
      ['shortNames', 3, '[]string', 'Short aliases for kubectl, e.g. crt.', { listType: 'atomic' }],
      ['kind', 4, 'string', 'CamelCase kind of the objects.', { required: true }],
      ['listKind', 5, 'string', 'Kind of list objects; defaults to <kind>List.'],
      ['categories', 6, '[]string', 'Groups of resources this one belongs to, e.g. all.', { listType: 'atomic' }],
    ],
  },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionCondition': {
    description: 'One condition of a CustomResourceDefinition.',
    fields: [
      ['type', 1, 'string', 'Established, NamesAccepted, NonStructuralSchema, Terminating or KubernetesAPIApprovalPolicyConformant.', { required: true }],
      ['status', 2, 'string', 'True, False or Unknown.', { required: true }],
      ['lastTransitionTime', 3, 'Time', 'When the condition last changed status.'],
      ['reason', 4, 'string', 'Short CamelCase reason.'],
      ['message', 5, 'string', 'Human-readable explanation.'],
      ['observedGeneration', 6, 'int64', 'Generation the condition was set for.'],
    ],
  },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionStatus': {
    description: 'Observed state of a CustomResourceDefinition.',
    fields: [
      ['conditions', 1, '[]io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionCondition', 'Conditions such as Established and NamesAccepted.', { listType: 'map', listMapKeys: ['type'] }],
      ['acceptedNames', 2, 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionNames', 'Names actually being served.'],
      ['storedVersions', 3, '[]string', 'Versions that have ever been used to store objects.', { listType: 'atomic' }],
      ['observedGeneration', 4, 'int64', 'Generation last processed.'],
    ],
  },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition': {
    description: 'Defines a custom resource type served by the API server; its name is <plural>.<group>.',
    gvk: gvk('apiextensions.k8s.io', 'CustomResourceDefinition'),
    fields: [
      ...typeMeta('apiextensions.k8s.io/v1', 'CustomResourceDefinition'),
      objectMeta,
      ['spec', 2, 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionSpec', 'Group, names, scope and versions of the custom resource.', { required: true }],
      ['status', 3, 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionStatus', 'Acceptance conditions and accepted names.'],
    ],
  },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionList': listOf('apiextensions.k8s.io', 'CustomResourceDefinitionList', 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition'),
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceValidation': {
    description: 'Validation schema of a custom resource version.',
    fields: [
      ['openAPIV3Schema', 1, 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps', 'Structural OpenAPI v3 schema of the objects.'],
    ],
  },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceSubresources': {
    description: 'Subresources served for a custom resource version.',
    fields: [
      ['status', 1, 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceSubresourceStatus', 'Enables the /status subresource; status is then ignored on the main endpoint.'],
      ['scale', 2, 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceSubresourceScale', 'Enables the /scale subresource used by kubectl scale and autoscalers.'],
    ],
  },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceSubresourceStatus': {
    description: 'Enables /status for a custom resource; has no fields.',
    fields: [],
  },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceSubresourceScale': {
    description: 'Where a custom resource keeps the values the /scale subresource reads and writes.',
    fields: [
      ['specReplicasPath', 1, 'string', 'JSON path of the desired replicas, e.g. .spec.replicas.', { required: true }],
      ['statusReplicasPath', 2, 'string', 'JSON path of the observed replicas, e.g. .status.replicas.', { required: true }],
      ['labelSelectorPath', 3, 'string', 'JSON path of the label selector string in status.', { ptr: true }],
    ],
  },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps': {
    description: 'An OpenAPI v3 (JSON Schema) node describing a value in a custom resource.',
    fields: [
      ['id', 1, 'string', 'Schema identifier.'],
      ['$schema', 2, 'string', 'URL of the JSON Schema dialect.'],
      ['$ref', 3, 'string', 'Reference to another schema (not allowed in CRD schemas).', { ptr: true }],
      ['description', 4, 'string', 'Text shown by kubectl explain.'],
      ['type', 5, 'string', 'object, array, string, integer, number or boolean.'],
      ['format', 6, 'string', 'Format hint such as int32, date-time or byte.'],
      ['title', 7, 'string', 'Short title.'],
      ['default', 8, 'JSON', 'Default value applied when the field is missing.'],
      ['maximum', 9, 'double', 'Largest allowed number.', { ptr: true }],
      ['exclusiveMaximum', 10, 'bool', 'Whether maximum itself is excluded.'],
      ['minimum', 11, 'double', 'Smallest allowed number.', { ptr: true }],
      ['exclusiveMinimum', 12, 'bool', 'Whether minimum itself is excluded.'],
      ['maxLength', 13, 'int64', 'Longest allowed string.', { ptr: true }],
      ['minLength', 14, 'int64', 'Shortest allowed string.', { ptr: true }],
      ['pattern', 15, 'string', 'Regular expression strings must match.'],
      ['maxItems', 16, 'int64', 'Most items allowed in an array.', { ptr: true }],
      ['minItems', 17, 'int64', 'Fewest items allowed in an array.', { ptr: true }],
      ['uniqueItems', 18, 'bool', 'Whether array items must be distinct.'],
      ['multipleOf', 19, 'double', 'Numbers must be a multiple of this.', { ptr: true }],
      ['enum', 20, '[]JSON', 'Allowed values.', { listType: 'atomic' }],
      ['maxProperties', 21, 'int64', 'Most keys allowed in an object.', { ptr: true }],
      ['minProperties', 22, 'int64', 'Fewest keys allowed in an object.', { ptr: true }],
      ['required', 23, '[]string', 'Property names that must be present.', { listType: 'atomic' }],
      ['items', 24, 'JSON', 'Schema of array items (a schema or a list of schemas; typed as any JSON here).'],
      ['allOf', 25, '[]io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps', 'Schemas that must all match.', { listType: 'atomic' }],
      ['oneOf', 26, '[]io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps', 'Schemas of which exactly one must match.', { listType: 'atomic' }],
      ['anyOf', 27, '[]io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps', 'Schemas of which at least one must match.', { listType: 'atomic' }],
      ['not', 28, 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps', 'Schema that must not match.'],
      ['properties', 29, 'map[io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps]', 'Schemas of named object properties.'],
      ['additionalProperties', 30, 'JSON', 'Schema (or true/false) for keys not named in properties; typed as any JSON here.'],
      ['patternProperties', 31, 'map[io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps]', 'Schemas for properties whose names match a pattern.'],
      ['dependencies', 32, 'map[JSON]', 'Schemas or property lists required when a property is present; typed as any JSON here.'],
      ['additionalItems', 33, 'JSON', 'Schema (or true/false) for extra array items; typed as any JSON here.'],
      ['definitions', 34, 'map[io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps]', 'Named reusable schemas.'],
      ['externalDocs', 35, 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.ExternalDocumentation', 'Link to external documentation.'],
      ['example', 36, 'JSON', 'Example value.'],
      ['nullable', 37, 'bool', 'Whether null is an accepted value.'],
      ['x-kubernetes-preserve-unknown-fields', 38, 'bool', 'Keep fields not described by the schema instead of pruning them.', { ptr: true }],
      ['x-kubernetes-embedded-resource', 39, 'bool', 'The value is a complete Kubernetes object with apiVersion, kind and metadata.'],
      ['x-kubernetes-int-or-string', 40, 'bool', 'The value may be an integer or a string.'],
      ['x-kubernetes-list-map-keys', 41, '[]string', 'Keys identifying items of a map-type list.', { listType: 'atomic' }],
      ['x-kubernetes-list-type', 42, 'string', 'atomic, set or map: how the list is merged by server-side apply.', { ptr: true }],
      ['x-kubernetes-map-type', 43, 'string', 'granular or atomic: how the object is merged by server-side apply.', { ptr: true }],
      ['x-kubernetes-validations', 44, '[]io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.ValidationRule', 'CEL validation rules for this value.', { patchStrategy: 'merge', patchMergeKey: 'rule', listType: 'map', listMapKeys: ['rule'] }],
    ],
  },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.ValidationRule': {
    description: 'A CEL rule that validates a value in a custom resource.',
    fields: [
      ['rule', 1, 'string', 'CEL expression; self is the value, oldSelf the previous value on updates.', { required: true }],
      ['message', 2, 'string', 'Message returned when the rule fails.'],
      ['messageExpression', 3, 'string', 'CEL expression producing the failure message.'],
      ['reason', 4, 'string', 'Error reason: FieldValueInvalid (default), FieldValueForbidden, FieldValueRequired or FieldValueDuplicate.', { ptr: true, enum: ['FieldValueDuplicate', 'FieldValueForbidden', 'FieldValueInvalid', 'FieldValueRequired'] }],
      ['fieldPath', 5, 'string', 'Path of the field the error should point at.'],
      ['optionalOldSelf', 6, 'bool', 'Also run the rule on create, with oldSelf as an optional value.', { ptr: true }],
    ],
  },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.ExternalDocumentation': {
    description: 'A link to more documentation.',
    fields: [
      ['description', 1, 'string', 'Link text.'],
      ['url', 2, 'string', 'Documentation URL.'],
    ],
  },
};
