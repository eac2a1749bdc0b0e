// Schema of the shared meta.k8s.io/v1 types (object and list metadata, selectors, Status, discovery
// documents) plus the /version reply. Field names and protobuf numbers are wire facts of
// k8s.io/apimachinery 1.35 (pkg/apis/meta/v1/generated.proto); descriptions are our own.
import type { FieldTuple, TypeDecls } from './types.ts';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** Every group/version we may serve; DeleteOptions and WatchEvent are registered in each of them. */
const SERVED_GROUP_VERSIONS: [string, string][] = [
  ['', 'v1'],
  ['admissionregistration.k8s.io', 'v1'],
  ['apiextensions.k8s.io', 'v1'],
  ['apps', 'v1'],
  ['authentication.k8s.io', 'v1'],
  ['authorization.k8s.io', 'v1'],
  ['autoscaling', 'v1'],
  ['autoscaling', 'v2'],
  ['batch', 'v1'],
  ['certificates.k8s.io', 'v1'],
  ['coordination.k8s.io', 'v1'],
  ['discovery.k8s.io', 'v1'],
  ['events.k8s.io', 'v1'],
  ['flowcontrol.apiserver.k8s.io', 'v1'],
  ['networking.k8s.io', 'v1'],
  ['node.k8s.io', 'v1'],
  ['policy', 'v1'],
  ['rbac.authorization.k8s.io', 'v1'],
  ['resource.k8s.io', 'v1'],
  ['scheduling.k8s.io', 'v1'],
  ['storage.k8s.io', 'v1'],
];

function inEveryGroup(kind: string): { group: string; version: string; kind: string }[] {
  return SERVED_GROUP_VERSIONS.map(([group, version]) => ({ group, version, kind }));
}

/** apiVersion and kind travel in the protobuf envelope, not in the message: proto number 0. */
const TYPE_META: FieldTuple[] = [
  ['apiVersion', 0, 'string', 'The versioned schema of this object, e.g. "v1" or "apps/v1".'],
  ['kind', 0, 'string', 'The type of this object, in CamelCase, e.g. "Pod".'],
];

export const decls: TypeDecls = {
  [`${META}.ObjectMeta`]: {
    description: 'Metadata every persisted object carries: identity, labels, annotations, ownership and lifecycle markers.',
    fields: [
      ['name', 1, 'string', 'Unique name of the object within its namespace (or the cluster, for cluster-scoped kinds).'],
      ['generateName', 2, 'string', 'Prefix the server completes with a random suffix when name is left empty.'],
      ['namespace', 3, 'string', 'Namespace the object lives in; empty for cluster-scoped kinds (defaults to "default").'],
      ['selfLink', 4, 'string', 'Deprecated legacy URL of the object; no longer filled in by the server.'],
      ['uid', 5, 'string', 'Server-assigned identifier, unique across the whole cluster history. Read-only.'],
      ['resourceVersion', 6, 'string', 'Opaque version of this object, used for optimistic concurrency and watches. Read-only.'],
      ['generation', 7, 'int64', 'Counter the server bumps whenever the desired state (spec) changes. Read-only.'],
      ['creationTimestamp', 8, 'Time', 'When the server created the object (UTC, RFC 3339). Read-only.'],
      ['deletionTimestamp', 9, 'Time', 'When graceful deletion was requested; set by the server, never by clients.', { ptr: true }],
      ['deletionGracePeriodSeconds', 10, 'int64', 'Seconds the object is given to terminate once deletion was requested. Read-only.', { ptr: true }],
      ['labels', 11, 'map[string]', 'Key/value pairs used to select and group objects (selectors, Services, ReplicaSets).'],
      ['annotations', 12, 'map[string]', 'Free-form key/value data for tools and people; not used for selection.'],
      ['ownerReferences', 13, `[]${META}.OwnerReference`, 'Objects this one depends on; the garbage collector deletes it when they are gone.', { patchStrategy: 'merge', patchMergeKey: 'uid', listType: 'map', listMapKeys: ['uid'] }],
      ['finalizers', 14, '[]string', 'Tokens that must all be removed before a deleted object is really removed from storage.', { patchStrategy: 'merge', listType: 'set' }],
      ['managedFields', 17, `[]${META}.ManagedFieldsEntry`, 'Server-side apply bookkeeping: which manager owns which fields. Internal.', { listType: 'atomic' }],
    ],
  },

  [`${META}.ListMeta`]: {
    description: 'Metadata of a list response: its resourceVersion and paging token.',
    fields: [
      ['selfLink', 1, 'string', 'Deprecated legacy URL of the list; no longer filled in.'],
      ['resourceVersion', 2, 'string', 'Version of the collection at the time of the list; start a watch from here.'],
      ['continue', 3, 'string', 'Token to pass as ?continue= to fetch the next page; empty on the last page.'],
      ['remainingItemCount', 4, 'int64', 'Estimated number of items not yet returned when the list was paged.', { ptr: true }],
    ],
  },

  [`${META}.TypeMeta`]: {
    description: 'The apiVersion/kind pair that names an object\'s type on the wire.',
    fields: [
      ['kind', 1, 'string', 'The type of the object, in CamelCase, e.g. "Deployment".'],
      ['apiVersion', 2, 'string', 'The group/version of the object, e.g. "apps/v1".'],
    ],
  },

  [`${META}.LabelSelector`]: {
    description: 'Selects objects by label; matchLabels and matchExpressions are ANDed, and an empty selector matches everything.',
    fields: [
      ['matchLabels', 1, 'map[string]', 'Exact key=value pairs every selected object must carry.'],
      ['matchExpressions', 2, `[]${META}.LabelSelectorRequirement`, 'Set-based requirements (In, NotIn, Exists, DoesNotExist), all of which must hold.', { listType: 'atomic' }],
    ],
  },

  [`${META}.LabelSelectorRequirement`]: {
    description: 'One set-based label test: a key, an operator and, for In/NotIn, a list of values.',
    fields: [
      ['key', 1, 'string', 'Label key the requirement looks at.', { required: true }],
      ['operator', 2, 'string', 'How key and values are compared: In, NotIn, Exists or DoesNotExist.', { required: true }],
      ['values', 3, '[]string', 'Values for In/NotIn (must be non-empty); must be empty for Exists/DoesNotExist.', { listType: 'atomic' }],
    ],
  },

  [`${META}.FieldSelectorRequirement`]: {
    description: 'One set-based field test: a field path, an operator and, for In/NotIn, a list of values.',
    fields: [
      ['key', 1, 'string', 'Field path the requirement looks at, e.g. "spec.nodeName".', { required: true }],
      ['operator', 2, 'string', 'How key and values are compared: In, NotIn, Exists or DoesNotExist.', { required: true }],
      ['values', 3, '[]string', 'Values for In/NotIn (must be non-empty); must be empty for Exists/DoesNotExist.', { listType: 'atomic' }],
    ],
  },

  [`${META}.OwnerReference`]: {
    description: 'Points at the object that owns this one, e.g. the ReplicaSet that owns a Pod.',
    fields: [
      ['apiVersion', 5, 'string', 'apiVersion of the owner.', { required: true }],
      ['kind', 1, 'string', 'Kind of the owner.', { required: true }],
      ['name', 3, 'string', 'Name of the owner.', { required: true }],
      ['uid', 4, 'string', 'UID of the owner; the reference only counts while it matches.', { required: true }],
      ['controller', 6, 'bool', 'True on the one owner that manages this object.', { ptr: true }],
      ['blockOwnerDeletion', 7, 'bool', 'When true, foreground deletion of the owner waits until this object is gone.', { ptr: true }],
    ],
  },

  [`${META}.ManagedFieldsEntry`]: {
    description: 'Records the set of fields one field manager owns, for server-side apply.',
    fields: [
      ['manager', 1, 'string', 'Name of the field manager, e.g. "kubectl-client-side-apply".'],
      ['operation', 2, 'string', 'Kind of request that set these fields: Apply or Update.'],
      ['apiVersion', 3, 'string', 'Version of the object schema the field set refers to.'],
      ['time', 4, 'Time', 'When this manager last changed its fields.', { ptr: true }],
      ['fieldsType', 6, 'string', 'Format of fieldsV1; always "FieldsV1".'],
      ['fieldsV1', 7, 'FieldsV1', 'The owned fields, as a nested set of field keys.', { ptr: true }],
      ['subresource', 8, 'string', 'Subresource the update was made through (e.g. "status"), empty for the main resource.'],
    ],
  },

  [`${META}.Status`]: {
    description: 'Result of an API call that does not return an object, most often an error.',
    gvk: [{ group: '', version: 'v1', kind: 'Status' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ListMeta`, 'List-style metadata; usually empty.'],
      ['status', 2, 'string', 'Either "Success" or "Failure".'],
      ['message', 3, 'string', 'Human-readable explanation of the result.'],
      ['reason', 4, 'string', 'Machine-readable reason such as NotFound, AlreadyExists, Conflict or Invalid.'],
      ['details', 5, `${META}.StatusDetails`, 'Extra data tied to the reason: the object named and field causes.', { ptr: true }],
      ['code', 6, 'int32', 'HTTP status code of the result.'],
    ],
  },

  [`${META}.StatusDetails`]: {
    description: 'The object a Status is about and the individual causes behind it.',
    fields: [
      ['name', 1, 'string', 'Name of the object the status is about.'],
      ['group', 2, 'string', 'API group of that object.'],
      ['kind', 3, 'string', 'Kind (or resource) of that object.'],
      ['uid', 6, 'string', 'UID of that object, when known.'],
      ['causes', 4, `[]${META}.StatusCause`, 'Individual problems, e.g. one per invalid field.', { listType: 'atomic' }],
      ['retryAfterSeconds', 5, 'int32', 'Seconds the client should wait before retrying, when set.'],
    ],
  },

  [`${META}.StatusCause`]: {
    description: 'One reason an operation failed, often tied to a single field.',
    fields: [
      ['reason', 1, 'string', 'Machine-readable cause, e.g. FieldValueRequired or FieldValueInvalid.'],
      ['message', 2, 'string', 'Human-readable description of this cause.'],
      ['field', 3, 'string', 'Path of the offending field, e.g. "spec.containers[0].image".'],
    ],
  },

  [`${META}.DeleteOptions`]: {
    description: 'Options sent with a DELETE request: grace period, preconditions and how dependents are treated.',
    gvk: inEveryGroup('DeleteOptions'),
    fields: [
      ...TYPE_META,
      ['gracePeriodSeconds', 1, 'int64', 'Seconds to wait before the object is removed; 0 means delete immediately.', { ptr: true }],
      ['preconditions', 2, `${META}.Preconditions`, 'Conditions (UID, resourceVersion) that must hold for the delete to proceed.', { ptr: true }],
      ['orphanDependents', 3, 'bool', 'Deprecated: whether to orphan dependents; use propagationPolicy instead.', { ptr: true }],
      ['propagationPolicy', 4, 'string', 'What happens to dependents: Orphan, Background or Foreground.', { ptr: true }],
      ['dryRun', 5, '[]string', 'When ["All"], the request is checked but nothing is persisted.', { listType: 'atomic' }],
      ['ignoreStoreReadErrorWithClusterBreakingPotential', 6, 'bool', 'Force-deletes an object whose stored data cannot be read. Dangerous.', { ptr: true }],
    ],
  },

  [`${META}.Preconditions`]: {
    description: 'Conditions that must match the stored object before an operation runs.',
    fields: [
      ['uid', 1, 'string', 'The object must have this UID.', { ptr: true }],
      ['resourceVersion', 2, 'string', 'The object must be at this resourceVersion.', { ptr: true }],
    ],
  },

  [`${META}.Condition`]: {
    description: 'A standard status condition: one aspect of an object\'s state and when it last changed.',
    fields: [
      ['type', 1, 'string', 'Which aspect this condition describes, in CamelCase, e.g. "Available".', { required: true }],
      ['status', 2, 'string', 'True, False or Unknown.', { required: true }],
      ['observedGeneration', 3, 'int64', 'The metadata.generation the condition was computed from.'],
      ['lastTransitionTime', 4, 'Time', 'When status last changed value.', { required: true }],
      ['reason', 5, 'string', 'CamelCase machine-readable reason for the last transition.', { required: true }],
      ['message', 6, 'string', 'Human-readable details about the transition; may be empty.', { required: true }],
    ],
  },

  [`${META}.APIResource`]: {
    description: 'One resource a group/version serves, as listed by legacy discovery.',
    fields: [
      ['name', 1, 'string', 'Plural resource name, possibly with a subresource, e.g. "pods" or "pods/log".', { required: true }],
      ['singularName', 6, 'string', 'Singular name, e.g. "pod".', { required: true }],
      ['namespaced', 2, 'bool', 'Whether objects of this resource live in a namespace.', { required: true }],
      ['group', 8, 'string', 'Group of the returned kind, when it differs from the containing group (subresources).'],
      ['version', 9, 'string', 'Version of the returned kind, when it differs from the containing version (subresources).'],
      ['kind', 3, 'string', 'Kind of the objects this resource returns, e.g. "Pod".', { required: true }],
      // On the protobuf wire this is a nested Verbs message {1: repeated string}; in JSON a plain array.
      ['verbs', 4, '[]string', 'Verbs the resource supports: get, list, watch, create, update, patch, delete, deletecollection.', { required: true }],
      ['shortNames', 5, '[]string', 'Abbreviations kubectl accepts, e.g. "po" for pods.', { listType: 'atomic' }],
      ['categories', 7, '[]string', 'Groupings the resource belongs to, e.g. "all" for kubectl get all.', { listType: 'atomic' }],
      ['storageVersionHash', 10, 'string', 'Opaque hash of the version objects are stored in.'],
    ],
  },

  [`${META}.APIResourceList`]: {
    description: 'Legacy discovery document: every resource served in one group/version.',
    fields: [
      ...TYPE_META,
      ['groupVersion', 1, 'string', 'The group/version these resources belong to, e.g. "apps/v1".', { required: true }],
      ['resources', 2, `[]${META}.APIResource`, 'The resources served in this group/version.', { required: true, listType: 'atomic' }],
    ],
  },

  [`${META}.APIGroup`]: {
    description: 'Legacy discovery entry for one API group and its versions.',
    fields: [
      ...TYPE_META,
      ['name', 1, 'string', 'Name of the group, e.g. "apps".', { required: true }],
      ['versions', 2, `[]${META}.GroupVersionForDiscovery`, 'Versions the group serves.', { required: true, listType: 'atomic' }],
      ['preferredVersion', 3, `${META}.GroupVersionForDiscovery`, 'The version clients should use by default.'],
      ['serverAddressByClientCIDRs', 4, `[]${META}.ServerAddressByClientCIDR`, 'Addresses clients in given networks should use to reach the server.', { listType: 'atomic' }],
    ],
  },

  [`${META}.APIGroupList`]: {
    description: 'Legacy discovery document listing every API group (the reply to GET /apis).',
    fields: [
      ...TYPE_META,
      ['groups', 1, `[]${META}.APIGroup`, 'The served groups.', { required: true, listType: 'atomic' }],
    ],
  },

  [`${META}.APIVersions`]: {
    description: 'Legacy discovery document for the core group (the reply to GET /api).',
    fields: [
      ...TYPE_META,
      ['versions', 1, '[]string', 'Versions of the core API, e.g. ["v1"].', { required: true, listType: 'atomic' }],
      ['serverAddressByClientCIDRs', 2, `[]${META}.ServerAddressByClientCIDR`, 'Addresses clients in given networks should use to reach the server.', { required: true, listType: 'atomic' }],
    ],
  },

  [`${META}.GroupVersionForDiscovery`]: {
    description: 'One version of a group, as shown in discovery.',
    fields: [
      ['groupVersion', 1, 'string', 'Group and version joined with "/", e.g. "apps/v1".', { required: true }],
      ['version', 2, 'string', 'The version alone, e.g. "v1".', { required: true }],
    ],
  },

  [`${META}.ServerAddressByClientCIDR`]: {
    description: 'Maps a client network to the server address clients there should use.',
    fields: [
      ['clientCIDR', 1, 'string', 'Client network in CIDR form.', { required: true }],
      ['serverAddress', 2, 'string', 'host:port of the API server for clients in that network.', { required: true }],
    ],
  },

  [`${META}.WatchEvent`]: {
    description: 'One event on a watch stream: what happened and the object it happened to.',
    gvk: inEveryGroup('WatchEvent'),
    fields: [
      ['type', 1, 'string', 'ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.', { required: true }],
      ['object', 2, 'RawExtension', 'The object after the change; for ERROR a Status.', { required: true }],
    ],
  },

  [`${META}.Patch`]: {
    description: 'Body of a PATCH request; its format is given by the Content-Type header.',
    fields: [],
  },

  // The /version reply has no protobuf form: every field has proto number 0.
  'io.k8s.apimachinery.pkg.version.Info': {
    description: 'Build and version information of the API server, as returned by GET /version.',
    fields: [
      ['major', 0, 'string', 'Major version number, e.g. "1".', { required: true }],
      ['minor', 0, 'string', 'Minor version number, e.g. "35".', { required: true }],
      ['emulationMajor', 0, 'string', 'Major version the server emulates, when emulating an older release.'],
      ['emulationMinor', 0, 'string', 'Minor version the server emulates, when emulating an older release.'],
      ['minCompatibilityMajor', 0, 'string', 'Oldest major version the server stays compatible with.'],
      ['minCompatibilityMinor', 0, 'string', 'Oldest minor version the server stays compatible with.'],
      ['gitVersion', 0, 'string', 'Full release string, e.g. "v1.35.2".', { required: true }],
      ['gitCommit', 0, 'string', 'Source commit the server was built from.', { required: true }],
      ['gitTreeState', 0, 'string', 'Whether the source tree was "clean" or "dirty" at build time.', { required: true }],
      ['buildDate', 0, 'string', 'Build time in RFC 3339.', { required: true }],
      ['goVersion', 0, 'string', 'Go toolchain the server was built with.', { required: true }],
      ['compiler', 0, 'string', 'Go compiler used, e.g. "gc".', { required: true }],
      ['platform', 0, 'string', 'OS/architecture of the build, e.g. "linux/amd64".', { required: true }],
    ],
  },
};
