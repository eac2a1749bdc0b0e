// Schema of the workload and traffic kinds: apps/v1, batch/v1, autoscaling/v1 and v2, policy/v1 and
// networking.k8s.io/v1. Field names, protobuf numbers, patch strategies, list types and enums are wire
// facts of k8s.io/api 1.35 (each group's types.go and generated.proto); descriptions are our own.
import type { FieldTuple, TypeDecls } from './types.ts';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const CORE = 'io.k8s.api.core.v1';
const APPS = 'io.k8s.api.apps.v1';
const BATCH = 'io.k8s.api.batch.v1';
const AS1 = 'io.k8s.api.autoscaling.v1';
const AS2 = 'io.k8s.api.autoscaling.v2';
const POLICY = 'io.k8s.api.policy.v1';
const NET = 'io.k8s.api.networking.v1';

/** apiVersion and kind travel in the protobuf envelope, not in the message: proto number 0. */
const TYPE_META: FieldTuple[] = [
  ['apiVersion', 0, 'string', 'The versioned schema of this object, e.g. "apps/v1".'],
  ['kind', 0, 'string', 'The type of this object, in CamelCase, e.g. "Deployment".'],
];

/**
 * Messages whose protobuf form nests some of their JSON fields one level deeper: Go embeds the
 * member with `json:",inline"` (so JSON flattens its fields into the parent) but gives it its own
 * protobuf field. Those flattened fields are declared on the parent with proto number 0; a decoder
 * reads parent field `proto` as a message of `type` and merges its fields into the parent object,
 * and an encoder does the reverse.
 */

export const decls: TypeDecls = {
  // ---------- apps/v1 ----------

  [`${APPS}.StatefulSet`]: {
    description: 'Runs a set of pods with stable names (app-0, app-1, …), ordered rollout and, optionally, one PersistentVolumeClaim per pod.',
    gvk: [{ group: 'apps', version: 'v1', kind: 'StatefulSet' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ObjectMeta`, 'Standard object metadata: name, namespace, labels, annotations, owner references and more.'],
      ['spec', 2, `${APPS}.StatefulSetSpec`, 'The desired pods, their identities and their storage.'],
      ['status', 3, `${APPS}.StatefulSetStatus`, 'The observed state of the StatefulSet\'s pods, filled in by the controller.'],
    ],
  },

  [`${APPS}.StatefulSetUpdateStrategy`]: {
    description: 'How the StatefulSet controller rolls out a changed pod template.',
    fields: [
      ['type', 1, 'string', 'RollingUpdate (the default) replaces pods one by one, highest ordinal first; OnDelete updates a pod only when you delete it.', { enum: ['RollingUpdate', 'OnDelete'] }],
      ['rollingUpdate', 2, `${APPS}.RollingUpdateStatefulSetStrategy`, 'Tuning for the RollingUpdate strategy (partition, maxUnavailable).', { ptr: true }],
    ],
  },

  [`${APPS}.RollingUpdateStatefulSetStrategy`]: {
    description: 'Parameters of a StatefulSet rolling update.',
    fields: [
      ['partition', 1, 'int32', 'Only pods with an ordinal at or above this number are updated; lower ordinals keep the old template. Defaults to 0.', { ptr: true }],
      ['maxUnavailable', 2, 'IntOrString', 'How many pods (number or percentage) may be unavailable at once during the update. Defaults to 1.', { ptr: true }],
    ],
  },

  [`${APPS}.StatefulSetPersistentVolumeClaimRetentionPolicy`]: {
    description: 'Whether PVCs created from volumeClaimTemplates are kept or deleted.',
    fields: [
      ['whenDeleted', 1, 'string', 'Retain (default) keeps the PVCs when the StatefulSet is deleted; Delete removes them.'],
      ['whenScaled', 2, 'string', 'Retain (default) keeps the PVCs of pods removed by a scale-down; Delete removes them.'],
    ],
  },

  [`${APPS}.StatefulSetOrdinals`]: {
    description: 'Where the numbering of the StatefulSet\'s pods starts.',
    fields: [
      ['start', 1, 'int32', 'The ordinal given to the first pod. Defaults to 0, so pods are named <name>-0, <name>-1, …'],
    ],
  },

  [`${APPS}.StatefulSetSpec`]: {
    description: 'Desired state of a StatefulSet.',
    fields: [
      ['replicas', 1, 'int32', 'Number of pods wanted. Defaults to 1.', { ptr: true }],
      ['selector', 2, `${META}.LabelSelector`, 'Label query that finds the pods this StatefulSet owns; it must match the template\'s labels.', { required: true, ptr: true }],
      ['template', 3, `${CORE}.PodTemplateSpec`, 'The pod template every replica is created from.', { required: true }],
      ['volumeClaimTemplates', 4, `[]${CORE}.PersistentVolumeClaim`, 'PVC templates; each pod gets its own claim named <template>-<statefulset>-<ordinal>, mounted by the matching volume name.', { listType: 'atomic' }],
      ['serviceName', 5, 'string', 'Name of the (usually headless) Service that gives each pod its stable DNS name.'],
      ['podManagementPolicy', 6, 'string', 'OrderedReady (default) creates and removes pods one at a time in order; Parallel acts on all pods at once.', { enum: ['OrderedReady', 'Parallel'] }],
      ['updateStrategy', 7, `${APPS}.StatefulSetUpdateStrategy`, 'How pods are replaced when the template changes.'],
      ['revisionHistoryLimit', 8, 'int32', 'How many old ControllerRevisions to keep for rollback. Defaults to 10.', { ptr: true }],
      ['minReadySeconds', 9, 'int32', 'Seconds a new pod must be ready, with no container crashing, before it counts as available. Defaults to 0.'],
      ['persistentVolumeClaimRetentionPolicy', 10, `${APPS}.StatefulSetPersistentVolumeClaimRetentionPolicy`, 'What happens to the claims from volumeClaimTemplates when the StatefulSet is deleted or scaled down.', { ptr: true }],
      ['ordinals', 11, `${APPS}.StatefulSetOrdinals`, 'Controls the number given to the first replica.', { ptr: true }],
    ],
  },

  [`${APPS}.StatefulSetStatus`]: {
    description: 'Observed state of a StatefulSet.',
    fields: [
      ['observedGeneration', 1, 'int64', 'The metadata.generation the controller last acted on.'],
      ['replicas', 2, 'int32', 'Number of pods the controller has created.', { required: true }],
      ['readyReplicas', 3, 'int32', 'Number of pods with a Ready condition.'],
      ['currentReplicas', 4, 'int32', 'Number of pods running the currentRevision template.'],
      ['updatedReplicas', 5, 'int32', 'Number of pods running the updateRevision template.'],
      ['currentRevision', 6, 'string', 'ControllerRevision name of the template that pods below the update were made from.'],
      ['updateRevision', 7, 'string', 'ControllerRevision name of the newest template.'],
      ['collisionCount', 9, 'int32', 'Counter used to avoid name collisions when creating ControllerRevisions.', { ptr: true }],
      ['conditions', 10, `[]${APPS}.StatefulSetCondition`, 'Latest observations of the StatefulSet\'s state.', { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'] }],
      ['availableReplicas', 11, 'int32', 'Number of pods ready for at least minReadySeconds.'],
    ],
  },

  [`${APPS}.StatefulSetCondition`]: {
    description: 'One observation about a StatefulSet.',
    fields: [
      ['type', 1, 'string', 'Kind of condition this entry reports.', { required: true }],
      ['status', 2, 'string', 'Whether the condition holds: True, False or Unknown.', { required: true }],
      ['lastTransitionTime', 3, 'Time', 'When the status of this condition last changed.'],
      ['reason', 4, 'string', 'A short CamelCase word explaining the last status change.'],
      ['message', 5, 'string', 'A human-readable explanation of the last status change.'],
    ],
  },

  [`${APPS}.StatefulSetList`]: {
    description: 'A list of StatefulSets.',
    gvk: [{ group: 'apps', version: 'v1', kind: 'StatefulSetList' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ListMeta`, 'List metadata: the resourceVersion of the list and the continue token for paging.'],
      ['items', 2, `[]${APPS}.StatefulSet`, 'The StatefulSets.', { required: true }],
    ],
  },

  [`${APPS}.Deployment`]: {
    description: 'Keeps a number of identical pods running through ReplicaSets and rolls out template changes.',
    gvk: [{ group: 'apps', version: 'v1', kind: 'Deployment' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ObjectMeta`, 'Standard object metadata: name, namespace, labels, annotations, owner references and more.'],
      ['spec', 2, `${APPS}.DeploymentSpec`, 'The desired pods and how to roll out changes.'],
      ['status', 3, `${APPS}.DeploymentStatus`, 'The observed state of the rollout, filled in by the controller.'],
    ],
  },

  [`${APPS}.DeploymentSpec`]: {
    description: 'Desired state of a Deployment.',
    fields: [
      ['replicas', 1, 'int32', 'Number of pods wanted. Defaults to 1.', { ptr: true }],
      ['selector', 2, `${META}.LabelSelector`, 'Label query that finds the pods this Deployment manages; it must match the template\'s labels and cannot be changed after creation.', { required: true, ptr: true }],
      ['template', 3, `${CORE}.PodTemplateSpec`, 'The pod template; changing it starts a new rollout.', { required: true }],
      ['strategy', 4, `${APPS}.DeploymentStrategy`, 'How old pods are replaced by new ones.', { patchStrategy: 'retainKeys' }],
      ['minReadySeconds', 5, 'int32', 'Seconds a new pod must be ready, with no container crashing, before it counts as available. Defaults to 0.'],
      ['revisionHistoryLimit', 6, 'int32', 'How many old ReplicaSets to keep for rollback. Defaults to 10.', { ptr: true }],
      ['paused', 7, 'bool', 'When true, template changes do not start a rollout until resumed.'],
      ['progressDeadlineSeconds', 9, 'int32', 'Seconds a rollout may make no progress before it is reported as failed (ProgressDeadlineExceeded). Defaults to 600.', { ptr: true }],
    ],
  },

  [`${APPS}.DeploymentStrategy`]: {
    description: 'How a Deployment replaces its pods.',
    fields: [
      ['type', 1, 'string', 'RollingUpdate (the default) replaces pods gradually; Recreate deletes all old pods before creating new ones.', { enum: ['Recreate', 'RollingUpdate'] }],
      ['rollingUpdate', 2, `${APPS}.RollingUpdateDeployment`, 'Tuning for the RollingUpdate strategy; only allowed when type is RollingUpdate.', { ptr: true }],
    ],
  },

  [`${APPS}.RollingUpdateDeployment`]: {
    description: 'Limits on how fast a rolling update replaces pods.',
    fields: [
      ['maxUnavailable', 1, 'IntOrString', 'How many pods (number or percentage, rounded down) may be unavailable during the update. Defaults to 25%.', { ptr: true }],
      ['maxSurge', 2, 'IntOrString', 'How many pods (number or percentage, rounded up) may exist above the desired count during the update. Defaults to 25%.', { ptr: true }],
    ],
  },

  [`${APPS}.DeploymentStatus`]: {
    description: 'Observed state of a Deployment.',
    fields: [
      ['observedGeneration', 1, 'int64', 'The metadata.generation the controller last acted on.'],
      ['replicas', 2, 'int32', 'Number of non-terminating pods targeted by this Deployment.'],
      ['updatedReplicas', 3, 'int32', 'Number of non-terminating pods that run the current template.'],
      ['readyReplicas', 7, 'int32', 'Number of pods with a Ready condition.'],
      ['availableReplicas', 4, 'int32', 'Number of pods ready for at least minReadySeconds.'],
      ['unavailableReplicas', 5, 'int32', 'Number of pods still needed before the Deployment is fully available.'],
      ['terminatingReplicas', 9, 'int32', 'Number of pods of this Deployment that are being deleted.', { ptr: true }],
      ['conditions', 6, `[]${APPS}.DeploymentCondition`, 'Latest observations of the rollout, such as Available and Progressing.', { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'] }],
      ['collisionCount', 8, 'int32', 'Counter used to avoid name collisions when creating ReplicaSets.', { ptr: true }],
    ],
  },

  [`${APPS}.DeploymentCondition`]: {
    description: 'One observation about a Deployment.',
    fields: [
      ['type', 1, 'string', 'Kind of condition: Available, Progressing or ReplicaFailure.', { required: true }],
      ['status', 2, 'string', 'Whether the condition holds: True, False or Unknown.', { required: true }],
      ['lastUpdateTime', 6, 'Time', 'When this condition was last updated.'],
      ['lastTransitionTime', 7, 'Time', 'When the status of this condition last changed.'],
      ['reason', 4, 'string', 'A short CamelCase word explaining the last status change.'],
      ['message', 5, 'string', 'A human-readable explanation of the last status change.'],
    ],
  },

  [`${APPS}.DeploymentList`]: {
    description: 'A list of Deployments.',
    gvk: [{ group: 'apps', version: 'v1', kind: 'DeploymentList' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ListMeta`, 'List metadata: the resourceVersion of the list and the continue token for paging.'],
      ['items', 2, `[]${APPS}.Deployment`, 'The Deployments.', { required: true }],
    ],
  },

  [`${APPS}.DaemonSetUpdateStrategy`]: {
    description: 'How the DaemonSet controller replaces pods after a template change.',
    fields: [
      ['type', 1, 'string', 'RollingUpdate (the default) replaces pods node by node; OnDelete updates a pod only when you delete it.', { enum: ['RollingUpdate', 'OnDelete'] }],
      ['rollingUpdate', 2, `${APPS}.RollingUpdateDaemonSet`, 'Tuning for the RollingUpdate strategy.', { ptr: true }],
    ],
  },

  [`${APPS}.RollingUpdateDaemonSet`]: {
    description: 'Limits on how fast a DaemonSet rolling update proceeds.',
    fields: [
      ['maxUnavailable', 1, 'IntOrString', 'How many nodes (number or percentage) may have no available daemon pod during the update. Defaults to 1.', { ptr: true }],
      ['maxSurge', 2, 'IntOrString', 'How many nodes (number or percentage) may run an old and a new pod at the same time during the update. Defaults to 0.', { ptr: true }],
    ],
  },

  [`${APPS}.DaemonSetSpec`]: {
    description: 'Desired state of a DaemonSet.',
    fields: [
      ['selector', 1, `${META}.LabelSelector`, 'Label query that finds the pods this DaemonSet owns; it must match the template\'s labels.', { required: true, ptr: true }],
      ['template', 2, `${CORE}.PodTemplateSpec`, 'The pod template run on every eligible node.', { required: true }],
      ['updateStrategy', 3, `${APPS}.DaemonSetUpdateStrategy`, 'How pods are replaced when the template changes.'],
      ['minReadySeconds', 4, 'int32', 'Seconds a new pod must be ready, with no container crashing, before it counts as available. Defaults to 0.'],
      ['revisionHistoryLimit', 6, 'int32', 'How many old ControllerRevisions to keep for rollback. Defaults to 10.', { ptr: true }],
    ],
  },

  [`${APPS}.DaemonSetStatus`]: {
    description: 'Observed state of a DaemonSet.',
    fields: [
      ['currentNumberScheduled', 1, 'int32', 'Number of nodes running at least one daemon pod that should run there.', { required: true }],
      ['numberMisscheduled', 2, 'int32', 'Number of nodes running a daemon pod that should not run there.', { required: true }],
      ['desiredNumberScheduled', 3, 'int32', 'Number of nodes that should run the daemon pod.', { required: true }],
      ['numberReady', 4, 'int32', 'Number of nodes whose daemon pod is Ready.', { required: true }],
      ['observedGeneration', 5, 'int64', 'The metadata.generation the controller last acted on.'],
      ['updatedNumberScheduled', 6, 'int32', 'Number of nodes running a daemon pod with the current template.'],
      ['numberAvailable', 7, 'int32', 'Number of nodes whose daemon pod has been ready for at least minReadySeconds.'],
      ['numberUnavailable', 8, 'int32', 'Number of nodes that should run the daemon pod but have none available.'],
      ['collisionCount', 9, 'int32', 'Counter used to avoid name collisions when creating ControllerRevisions.', { ptr: true }],
      ['conditions', 10, `[]${APPS}.DaemonSetCondition`, 'Latest observations of the DaemonSet\'s state.', { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'] }],
    ],
  },

  [`${APPS}.DaemonSetCondition`]: {
    description: 'One observation about a DaemonSet.',
    fields: [
      ['type', 1, 'string', 'Kind of condition this entry reports.', { required: true }],
      ['status', 2, 'string', 'Whether the condition holds: True, False or Unknown.', { required: true }],
      ['lastTransitionTime', 3, 'Time', 'When the status of this condition last changed.'],
      ['reason', 4, 'string', 'A short CamelCase word explaining the last status change.'],
      ['message', 5, 'string', 'A human-readable explanation of the last status change.'],
    ],
  },

  [`${APPS}.DaemonSet`]: {
    description: 'Runs one copy of a pod on every eligible node (or on the nodes picked by a node selector).',
    gvk: [{ group: 'apps', version: 'v1', kind: 'DaemonSet' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ObjectMeta`, 'Standard object metadata: name, namespace, labels, annotations, owner references and more.'],
      ['spec', 2, `${APPS}.DaemonSetSpec`, 'The desired daemon pod and how to update it.'],
      ['status', 3, `${APPS}.DaemonSetStatus`, 'The observed state of the daemon pods, filled in by the controller.'],
    ],
  },

  [`${APPS}.DaemonSetList`]: {
    description: 'A list of DaemonSets.',
    gvk: [{ group: 'apps', version: 'v1', kind: 'DaemonSetList' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ListMeta`, 'List metadata: the resourceVersion of the list and the continue token for paging.'],
      ['items', 2, `[]${APPS}.DaemonSet`, 'The DaemonSets.', { required: true }],
    ],
  },

  [`${APPS}.ReplicaSet`]: {
    description: 'Keeps a given number of identical pods running; usually created and managed by a Deployment.',
    gvk: [{ group: 'apps', version: 'v1', kind: 'ReplicaSet' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ObjectMeta`, 'Standard object metadata: name, namespace, labels, annotations, owner references and more.'],
      ['spec', 2, `${APPS}.ReplicaSetSpec`, 'The desired pods.'],
      ['status', 3, `${APPS}.ReplicaSetStatus`, 'The observed state of the pods, filled in by the controller.'],
    ],
  },

  [`${APPS}.ReplicaSetList`]: {
    description: 'A list of ReplicaSets.',
    gvk: [{ group: 'apps', version: 'v1', kind: 'ReplicaSetList' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ListMeta`, 'List metadata: the resourceVersion of the list and the continue token for paging.'],
      ['items', 2, `[]${APPS}.ReplicaSet`, 'The ReplicaSets.', { required: true }],
    ],
  },

  [`${APPS}.ReplicaSetSpec`]: {
    description: 'Desired state of a ReplicaSet.',
    fields: [
      ['replicas', 1, 'int32', 'Number of pods wanted. Defaults to 1.', { ptr: true }],
      ['minReadySeconds', 4, 'int32', 'Seconds a new pod must be ready, with no container crashing, before it counts as available. Defaults to 0.'],
      ['selector', 2, `${META}.LabelSelector`, 'Label query that finds the pods this ReplicaSet counts; it must match the template\'s labels.', { required: true, ptr: true }],
      ['template', 3, `${CORE}.PodTemplateSpec`, 'The pod template used when pods are missing.'],
    ],
  },

  [`${APPS}.ReplicaSetStatus`]: {
    description: 'Observed state of a ReplicaSet.',
    fields: [
      ['replicas', 1, 'int32', 'Number of non-terminating pods currently owned.', { required: true }],
      ['fullyLabeledReplicas', 2, 'int32', 'Number of non-terminating pods whose labels match the template\'s labels.'],
      ['readyReplicas', 4, 'int32', 'Number of pods with a Ready condition.'],
      ['availableReplicas', 5, 'int32', 'Number of pods ready for at least minReadySeconds.'],
      ['terminatingReplicas', 7, 'int32', 'Number of owned pods that are being deleted.', { ptr: true }],
      ['observedGeneration', 3, 'int64', 'The metadata.generation the controller last acted on.'],
      ['conditions', 6, `[]${APPS}.ReplicaSetCondition`, 'Latest observations of the ReplicaSet\'s state, such as ReplicaFailure.', { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'] }],
    ],
  },

  [`${APPS}.ReplicaSetCondition`]: {
    description: 'One observation about a ReplicaSet.',
    fields: [
      ['type', 1, 'string', 'Kind of condition, such as ReplicaFailure.', { required: true }],
      ['status', 2, 'string', 'Whether the condition holds: True, False or Unknown.', { required: true }],
      ['lastTransitionTime', 3, 'Time', 'When the status of this condition last changed.'],
      ['reason', 4, 'string', 'A short CamelCase word explaining the last status change.'],
      ['message', 5, 'string', 'A human-readable explanation of the last status change.'],
    ],
  },

  [`${APPS}.ControllerRevision`]: {
    description: 'An immutable snapshot of a StatefulSet\'s or DaemonSet\'s template, kept for rollouts and rollback.',
    gvk: [{ group: 'apps', version: 'v1', kind: 'ControllerRevision' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ObjectMeta`, 'Standard object metadata: name, namespace, labels, annotations, owner references and more.'],
      ['data', 2, 'RawExtension', 'The saved state (a patch of the owner\'s template).'],
      ['revision', 3, 'int64', 'The revision number of this snapshot.', { required: true }],
    ],
  },

  [`${APPS}.ControllerRevisionList`]: {
    description: 'A list of ControllerRevisions.',
    gvk: [{ group: 'apps', version: 'v1', kind: 'ControllerRevisionList' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ListMeta`, 'List metadata: the resourceVersion of the list and the continue token for paging.'],
      ['items', 2, `[]${APPS}.ControllerRevision`, 'The ControllerRevisions.', { required: true }],
    ],
  },

  // ---------- batch/v1 ----------

  [`${BATCH}.Job`]: {
    description: 'Runs pods until a given number of them finish successfully.',
    gvk: [{ group: 'batch', version: 'v1', kind: 'Job' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ObjectMeta`, 'Standard object metadata: name, namespace, labels, annotations, owner references and more.'],
      ['spec', 2, `${BATCH}.JobSpec`, 'What to run and the rules for completion, retries and deadlines.'],
      ['status', 3, `${BATCH}.JobStatus`, 'The observed progress of the Job, filled in by the controller.'],
    ],
  },

  [`${BATCH}.JobList`]: {
    description: 'A list of Jobs.',
    gvk: [{ group: 'batch', version: 'v1', kind: 'JobList' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ListMeta`, 'List metadata: the resourceVersion of the list and the continue token for paging.'],
      ['items', 2, `[]${BATCH}.Job`, 'The Jobs.', { required: true }],
    ],
  },

  [`${BATCH}.PodFailurePolicyOnExitCodesRequirement`]: {
    description: 'Matches a failed pod by the exit codes of its containers.',
    fields: [
      ['containerName', 1, 'string', 'Only look at this container; when empty, every container is checked.', { ptr: true }],
      ['operator', 2, 'string', 'In matches when an exit code is in values; NotIn when it is not.', { required: true, enum: ['In', 'NotIn'] }],
      ['values', 3, '[]int32', 'The exit codes to compare with (a set, at most 255, 0 only with NotIn).', { required: true, listType: 'set' }],
    ],
  },

  [`${BATCH}.PodFailurePolicyOnPodConditionsPattern`]: {
    description: 'Matches a failed pod by one of its conditions.',
    fields: [
      ['type', 1, 'string', 'The pod condition type to look for, such as DisruptionTarget.', { required: true }],
      ['status', 2, 'string', 'The status the condition must have. Defaults to True.'],
    ],
  },

  [`${BATCH}.PodFailurePolicyRule`]: {
    description: 'One rule of a pod failure policy: when it matches, take the action.',
    fields: [
      ['action', 1, 'string', 'What to do on a match: FailJob, FailIndex, Ignore (do not count the failure) or Count (count it as usual).', { required: true, enum: ['FailJob', 'FailIndex', 'Ignore', 'Count'] }],
      ['onExitCodes', 2, `${BATCH}.PodFailurePolicyOnExitCodesRequirement`, 'Match on container exit codes.', { ptr: true }],
      ['onPodConditions', 3, `[]${BATCH}.PodFailurePolicyOnPodConditionsPattern`, 'Match on pod conditions; any one matching pattern is enough.', { listType: 'atomic' }],
    ],
  },

  [`${BATCH}.PodFailurePolicy`]: {
    description: 'Rules that decide how a failed pod affects the Job; the first matching rule wins.',
    fields: [
      ['rules', 1, `[]${BATCH}.PodFailurePolicyRule`, 'The rules, checked in order.', { required: true, listType: 'atomic' }],
    ],
  },

  [`${BATCH}.SuccessPolicy`]: {
    description: 'Lets an Indexed Job be declared successful before all indexes finish.',
    fields: [
      ['rules', 1, `[]${BATCH}.SuccessPolicyRule`, 'Rules checked in order; the Job succeeds as soon as one is met.', { required: true, listType: 'atomic' }],
    ],
  },

  [`${BATCH}.SuccessPolicyRule`]: {
    description: 'One success condition of an Indexed Job.',
    fields: [
      ['succeededIndexes', 1, 'string', 'Indexes that must succeed, as a list of numbers and ranges such as "1,3-5".', { ptr: true }],
      ['succeededCount', 2, 'int32', 'How many of the indexes must succeed.', { ptr: true }],
    ],
  },

  [`${BATCH}.JobSpec`]: {
    description: 'Desired behaviour of a Job.',
    fields: [
      ['parallelism', 1, 'int32', 'Maximum number of pods running at the same time. Defaults to 1.', { ptr: true }],
      ['completions', 2, 'int32', 'Number of successful pods needed for the Job to complete. Unset means any one success completes it.', { ptr: true }],
      ['activeDeadlineSeconds', 3, 'int64', 'Seconds the Job may run in total before it is failed and its pods are stopped.', { ptr: true }],
      ['podFailurePolicy', 11, `${BATCH}.PodFailurePolicy`, 'Rules that decide what a pod failure means for the Job.', { ptr: true }],
      ['successPolicy', 16, `${BATCH}.SuccessPolicy`, 'Rules that let an Indexed Job succeed early.', { ptr: true }],
      ['backoffLimit', 7, 'int32', 'Number of retries before the Job is marked failed. Defaults to 6.', { ptr: true }],
      ['backoffLimitPerIndex', 12, 'int32', 'Number of retries allowed for each index of an Indexed Job.', { ptr: true }],
      ['maxFailedIndexes', 13, 'int32', 'Number of failed indexes after which an Indexed Job fails (needs backoffLimitPerIndex).', { ptr: true }],
      ['selector', 4, `${META}.LabelSelector`, 'Label query over the Job\'s pods; normally generated for you.', { ptr: true }],
      ['manualSelector', 5, 'bool', 'When true, you provide the selector yourself instead of the generated one.', { ptr: true }],
      ['template', 6, `${CORE}.PodTemplateSpec`, 'The pod template; its restartPolicy must be Never or OnFailure.', { required: true }],
      ['ttlSecondsAfterFinished', 8, 'int32', 'Seconds after the Job finishes before it is deleted automatically.', { ptr: true }],
      ['completionMode', 9, 'string', 'NonIndexed (default): any completions count; Indexed: each pod gets an index from 0 to completions-1.', { ptr: true, enum: ['NonIndexed', 'Indexed'] }],
      ['suspend', 10, 'bool', 'When true, no pods are created and running ones are stopped until unsuspended.', { ptr: true }],
      ['podReplacementPolicy', 14, 'string', 'When a replacement pod is created: TerminatingOrFailed (as soon as the old one starts terminating) or Failed (only once it has fully failed).', { ptr: true, enum: ['TerminatingOrFailed', 'Failed'] }],
      ['managedBy', 15, 'string', 'Name of the controller that manages this Job; empty means the built-in job controller.', { ptr: true }],
    ],
  },

  [`${BATCH}.JobStatus`]: {
    description: 'Observed state of a Job.',
    fields: [
      ['conditions', 1, `[]${BATCH}.JobCondition`, 'Latest observations of the Job, such as Complete or Failed.', { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'atomic' }],
      ['startTime', 2, 'Time', 'When the job controller started working on the Job.', { ptr: true }],
      ['completionTime', 3, 'Time', 'When the Job completed successfully.', { ptr: true }],
      ['active', 4, 'int32', 'Number of pods that are pending or running.'],
      ['succeeded', 5, 'int32', 'Number of pods that finished successfully.'],
      ['failed', 6, 'int32', 'Number of pods that failed.'],
      ['terminating', 11, 'int32', 'Number of pods that are terminating.', { ptr: true }],
      ['completedIndexes', 7, 'string', 'Indexes that completed, as a compact range text such as "1,3-5" (Indexed Jobs).'],
      ['failedIndexes', 10, 'string', 'Indexes that failed, as a compact range text (with backoffLimitPerIndex).', { ptr: true }],
      ['uncountedTerminatedPods', 8, `${BATCH}.UncountedTerminatedPods`, 'UIDs of finished pods not yet added to the succeeded and failed counters.', { ptr: true }],
      ['ready', 9, 'int32', 'Number of active pods with a Ready condition.', { ptr: true }],
    ],
  },

  [`${BATCH}.UncountedTerminatedPods`]: {
    description: 'Finished pods the job controller has not yet counted.',
    fields: [
      ['succeeded', 1, '[]string', 'UIDs of succeeded pods still to be counted.', { listType: 'set' }],
      ['failed', 2, '[]string', 'UIDs of failed pods still to be counted.', { listType: 'set' }],
    ],
  },

  [`${BATCH}.JobCondition`]: {
    description: 'One observation about a Job.',
    fields: [
      ['type', 1, 'string', 'Kind of condition, for example Complete, Failed or Suspended.', { required: true }],
      ['status', 2, 'string', 'Whether the condition holds: True, False or Unknown.', { required: true }],
      ['lastProbeTime', 3, 'Time', 'When this condition was last checked.'],
      ['lastTransitionTime', 4, 'Time', 'When the status of this condition last changed.'],
      ['reason', 5, 'string', 'A short CamelCase word explaining the last status change.'],
      ['message', 6, 'string', 'A human-readable explanation of the last status change.'],
    ],
  },

  [`${BATCH}.JobTemplateSpec`]: {
    description: 'The Job a CronJob creates on each run.',
    fields: [
      ['metadata', 1, `${META}.ObjectMeta`, 'Metadata (labels, annotations) given to each created Job.'],
      ['spec', 2, `${BATCH}.JobSpec`, 'The spec of each created Job.'],
    ],
  },

  [`${BATCH}.CronJob`]: {
    description: 'Creates a Job on a repeating cron schedule.',
    gvk: [{ group: 'batch', version: 'v1', kind: 'CronJob' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ObjectMeta`, 'Standard object metadata: name, namespace, labels, annotations, owner references and more.'],
      ['spec', 2, `${BATCH}.CronJobSpec`, 'The schedule and the Job to create.'],
      ['status', 3, `${BATCH}.CronJobStatus`, 'The observed state of the CronJob, filled in by the controller.'],
    ],
  },

  [`${BATCH}.CronJobList`]: {
    description: 'A list of CronJobs.',
    gvk: [{ group: 'batch', version: 'v1', kind: 'CronJobList' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ListMeta`, 'List metadata: the resourceVersion of the list and the continue token for paging.'],
      ['items', 2, `[]${BATCH}.CronJob`, 'The CronJobs.', { required: true }],
    ],
  },

  [`${BATCH}.CronJobSpec`]: {
    description: 'Desired behaviour of a CronJob.',
    fields: [
      ['schedule', 1, 'string', 'When to run, in cron format, for example "*/5 * * * *" or "@hourly".', { required: true }],
      ['timeZone', 8, 'string', 'Time zone name for the schedule, such as Etc/UTC; defaults to the controller\'s local time zone.', { ptr: true }],
      ['startingDeadlineSeconds', 2, 'int64', 'How late, in seconds, a missed run may still be started.', { ptr: true }],
      ['concurrencyPolicy', 3, 'string', 'What to do when a run is due while the previous Job still runs: Allow (default), Forbid (skip) or Replace.', { enum: ['Allow', 'Forbid', 'Replace'] }],
      ['suspend', 4, 'bool', 'When true, no new Jobs are started. Defaults to false.', { ptr: true }],
      ['jobTemplate', 5, `${BATCH}.JobTemplateSpec`, 'The Job created on each run.', { required: true }],
      ['successfulJobsHistoryLimit', 6, 'int32', 'How many successful finished Jobs to keep. Defaults to 3.', { ptr: true }],
      ['failedJobsHistoryLimit', 7, 'int32', 'How many failed finished Jobs to keep. Defaults to 1.', { ptr: true }],
    ],
  },

  [`${BATCH}.CronJobStatus`]: {
    description: 'Observed state of a CronJob.',
    fields: [
      ['active', 1, `[]${CORE}.ObjectReference`, 'References to the Jobs currently running.', { listType: 'atomic' }],
      ['lastScheduleTime', 4, 'Time', 'When a Job was last scheduled.', { ptr: true }],
      ['lastSuccessfulTime', 5, 'Time', 'When a Job last completed successfully.', { ptr: true }],
    ],
  },

  // ---------- autoscaling/v1 ----------

  [`${AS1}.CrossVersionObjectReference`]: {
    description: 'Points at an object by kind, name and API version.',
    fields: [
      ['kind', 1, 'string', 'Kind of the object, for example Deployment.', { required: true }],
      ['name', 2, 'string', 'Name of the object.', { required: true }],
      ['apiVersion', 3, 'string', 'API version of the object, for example apps/v1.'],
    ],
  },

  [`${AS1}.HorizontalPodAutoscalerSpec`]: {
    description: 'Desired behaviour of a HorizontalPodAutoscaler.',
    fields: [
      ['scaleTargetRef', 1, `${AS1}.CrossVersionObjectReference`, 'The object to scale (it must have a scale subresource, such as a Deployment).', { required: true }],
      ['minReplicas', 2, 'int32', 'Lowest replica count the autoscaler may set. Defaults to 1.', { ptr: true }],
      ['maxReplicas', 3, 'int32', 'Highest replica count the autoscaler may set.', { required: true }],
      ['targetCPUUtilizationPercentage', 4, 'int32', 'Target average CPU use across pods, as a percentage of their CPU requests.', { ptr: true }],
    ],
  },

  [`${AS1}.HorizontalPodAutoscalerStatus`]: {
    description: 'Observed state of a HorizontalPodAutoscaler.',
    fields: [
      ['observedGeneration', 1, 'int64', 'The metadata.generation the autoscaler last acted on.', { ptr: true }],
      ['lastScaleTime', 2, 'Time', 'When the replica count was last changed.', { ptr: true }],
      ['currentReplicas', 3, 'int32', 'Replica count last seen on the target.', { required: true }],
      ['desiredReplicas', 4, 'int32', 'Replica count the autoscaler last computed.', { required: true }],
      ['currentCPUUtilizationPercentage', 5, 'int32', 'Current average CPU use across pods, as a percentage of their CPU requests.', { ptr: true }],
    ],
  },

  [`${AS1}.HorizontalPodAutoscaler`]: {
    description: 'Scales a workload\'s replicas up and down to meet a metric target.',
    gvk: [{ group: 'autoscaling', version: 'v1', kind: 'HorizontalPodAutoscaler' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ObjectMeta`, 'Standard object metadata: name, namespace, labels, annotations, owner references and more.'],
      ['spec', 2, `${AS1}.HorizontalPodAutoscalerSpec`, 'The workload to scale, the replica bounds and the target.'],
      ['status', 3, `${AS1}.HorizontalPodAutoscalerStatus`, 'What the autoscaler last observed and decided.'],
    ],
  },

  [`${AS1}.HorizontalPodAutoscalerList`]: {
    description: 'A list of HorizontalPodAutoscalers.',
    gvk: [{ group: 'autoscaling', version: 'v1', kind: 'HorizontalPodAutoscalerList' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ListMeta`, 'List metadata: the resourceVersion of the list and the continue token for paging.'],
      ['items', 2, `[]${AS1}.HorizontalPodAutoscaler`, 'The HorizontalPodAutoscalers.', { required: true }],
    ],
  },

  [`${AS1}.Scale`]: {
    description: 'The scale subresource of a workload: its desired and current replica counts.',
    gvk: [{ group: 'autoscaling', version: 'v1', kind: 'Scale' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ObjectMeta`, 'Standard object metadata: name, namespace, labels, annotations, owner references and more.'],
      ['spec', 2, `${AS1}.ScaleSpec`, 'The desired replica count.'],
      ['status', 3, `${AS1}.ScaleStatus`, 'The current replica count and pod selector.'],
    ],
  },

  [`${AS1}.ScaleSpec`]: {
    description: 'Desired scale of a workload.',
    fields: [
      ['replicas', 1, 'int32', 'Number of replicas wanted.'],
    ],
  },

  [`${AS1}.ScaleStatus`]: {
    description: 'Observed scale of a workload.',
    fields: [
      ['replicas', 1, 'int32', 'Number of replicas observed.', { required: true }],
      ['selector', 2, 'string', 'Label selector of the workload\'s pods, in string form (app=web).'],
    ],
  },

  // ---------- autoscaling/v2 ----------

  [`${AS2}.HorizontalPodAutoscaler`]: {
    description: 'Scales a workload\'s replicas up and down to meet a metric target.',
    gvk: [{ group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ObjectMeta`, 'Standard object metadata: name, namespace, labels, annotations, owner references and more.'],
      ['spec', 2, `${AS2}.HorizontalPodAutoscalerSpec`, 'The workload to scale, the replica bounds and the target.'],
      ['status', 3, `${AS2}.HorizontalPodAutoscalerStatus`, 'What the autoscaler last observed and decided.'],
    ],
  },

  [`${AS2}.HorizontalPodAutoscalerSpec`]: {
    description: 'Desired behaviour of a HorizontalPodAutoscaler.',
    fields: [
      ['scaleTargetRef', 1, `${AS2}.CrossVersionObjectReference`, 'The object to scale (it must have a scale subresource, such as a Deployment).', { required: true }],
      ['minReplicas', 2, 'int32', 'Lowest replica count the autoscaler may set. Defaults to 1.', { ptr: true }],
      ['maxReplicas', 3, 'int32', 'Highest replica count the autoscaler may set.', { required: true }],
      ['metrics', 4, `[]${AS2}.MetricSpec`, 'The metrics to track; the autoscaler uses the one that asks for the most replicas. Defaults to 80% average CPU utilization.', { listType: 'atomic' }],
      ['behavior', 5, `${AS2}.HorizontalPodAutoscalerBehavior`, 'Scale-up and scale-down rate limits; upstream defaults apply when unset.', { ptr: true }],
    ],
  },

  [`${AS2}.CrossVersionObjectReference`]: {
    description: 'Points at an object by kind, name and API version.',
    fields: [
      ['kind', 1, 'string', 'Kind of the object, for example Deployment.', { required: true }],
      ['name', 2, 'string', 'Name of the object.', { required: true }],
      ['apiVersion', 3, 'string', 'API version of the object, for example apps/v1.'],
    ],
  },

  [`${AS2}.MetricSpec`]: {
    description: 'One metric target for the autoscaler; set exactly the member that matches type.',
    fields: [
      ['type', 1, 'string', 'Which source is used: Resource, ContainerResource, Pods, Object or External.', { required: true }],
      ['object', 2, `${AS2}.ObjectMetricSource`, 'A metric describing a single other object, such as an Ingress\'s requests per second.', { ptr: true }],
      ['pods', 3, `${AS2}.PodsMetricSource`, 'A metric averaged over the target\'s pods, such as transactions per second.', { ptr: true }],
      ['resource', 4, `${AS2}.ResourceMetricSource`, 'A resource (cpu or memory) of the target\'s pods, as known to the metrics server.', { ptr: true }],
      ['containerResource', 7, `${AS2}.ContainerResourceMetricSource`, 'A resource (cpu or memory) of one named container in each of the target\'s pods.', { ptr: true }],
      ['external', 5, `${AS2}.ExternalMetricSource`, 'A metric that comes from outside the cluster.', { ptr: true }],
    ],
  },

  [`${AS2}.HorizontalPodAutoscalerBehavior`]: {
    description: 'Separate rate limits for scaling up and scaling down.',
    fields: [
      ['scaleUp', 1, `${AS2}.HPAScalingRules`, 'Rules for scaling up. Default: no stabilization, at most double or +4 pods every 15 s, whichever is more.', { ptr: true }],
      ['scaleDown', 2, `${AS2}.HPAScalingRules`, 'Rules for scaling down. Default: 300 s stabilization window, may drop to minReplicas.', { ptr: true }],
    ],
  },

  [`${AS2}.HPAScalingRules`]: {
    description: 'Rate limits for one scaling direction.',
    fields: [
      ['stabilizationWindowSeconds', 3, 'int32', 'Seconds of past recommendations to consider, to avoid flapping (0 to 3600).', { ptr: true }],
      ['selectPolicy', 1, 'string', 'Which policy wins when several apply: Max (default), Min, or Disabled to forbid scaling in this direction.', { ptr: true }],
      ['policies', 2, `[]${AS2}.HPAScalingPolicy`, 'Allowed change per period; see selectPolicy for how several are combined.', { listType: 'atomic' }],
      ['tolerance', 4, 'Quantity', 'Relative gap between current and desired metric that is ignored, for example 0.1 for 10%.', { ptr: true }],
    ],
  },

  [`${AS2}.HPAScalingPolicy`]: {
    description: 'One limit on how much replicas may change in a period.',
    fields: [
      ['type', 1, 'string', 'Pods (an absolute number) or Percent (a share of the current replicas).', { required: true }],
      ['value', 2, 'int32', 'Amount of change allowed; must be greater than 0.', { required: true }],
      ['periodSeconds', 3, 'int32', 'Length of the window, in seconds (1 to 1800), the policy applies to.', { required: true }],
    ],
  },

  [`${AS2}.ObjectMetricSource`]: {
    description: 'Target for a metric that describes one Kubernetes object.',
    fields: [
      ['describedObject', 1, `${AS2}.CrossVersionObjectReference`, 'The object the metric describes.', { required: true }],
      ['target', 2, `${AS2}.MetricTarget`, 'The value to aim for.', { required: true }],
      ['metric', 3, `${AS2}.MetricIdentifier`, 'Which metric to read.', { required: true }],
    ],
  },

  [`${AS2}.PodsMetricSource`]: {
    description: 'Target for a metric averaged across the target\'s pods.',
    fields: [
      ['metric', 1, `${AS2}.MetricIdentifier`, 'Which metric to read.', { required: true }],
      ['target', 2, `${AS2}.MetricTarget`, 'The value to aim for; only AverageValue is supported.', { required: true }],
    ],
  },

  [`${AS2}.ResourceMetricSource`]: {
    description: 'Target for a resource metric of the target\'s pods.',
    fields: [
      ['name', 1, 'string', 'The resource to use, cpu or memory.', { required: true }],
      ['target', 2, `${AS2}.MetricTarget`, 'The value to aim for, as utilization or as an average value.', { required: true }],
    ],
  },

  [`${AS2}.ContainerResourceMetricSource`]: {
    description: 'Target for a resource metric of one container in each of the target\'s pods.',
    fields: [
      ['name', 1, 'string', 'The resource to use, cpu or memory.', { required: true }],
      ['target', 2, `${AS2}.MetricTarget`, 'The value to aim for, as utilization or as an average value.', { required: true }],
      ['container', 3, 'string', 'Name of the container whose usage counts.', { required: true }],
    ],
  },

  [`${AS2}.ExternalMetricSource`]: {
    description: 'Target for a metric from outside the cluster.',
    fields: [
      ['metric', 1, `${AS2}.MetricIdentifier`, 'Which metric to read.', { required: true }],
      ['target', 2, `${AS2}.MetricTarget`, 'The value to aim for.', { required: true }],
    ],
  },

  [`${AS2}.MetricIdentifier`]: {
    description: 'Names a metric, optionally narrowed by labels.',
    fields: [
      ['name', 1, 'string', 'Name of the metric.', { required: true }],
      ['selector', 2, `${META}.LabelSelector`, 'Label selector passed to the metrics server to narrow the metric; unset uses only the name.', { ptr: true }],
    ],
  },

  [`${AS2}.MetricTarget`]: {
    description: 'The value an autoscaler aims for.',
    fields: [
      ['type', 1, 'string', 'Utilization, Value or AverageValue.', { required: true }],
      ['value', 2, 'Quantity', 'Target value of the metric as a quantity.', { ptr: true }],
      ['averageValue', 3, 'Quantity', 'Target value of the metric averaged across pods, as a quantity.', { ptr: true }],
      ['averageUtilization', 4, 'int32', 'Target average use as a percentage of the pods\' requests (Resource and ContainerResource only).', { ptr: true }],
    ],
  },

  [`${AS2}.HorizontalPodAutoscalerStatus`]: {
    description: 'Observed state of a HorizontalPodAutoscaler.',
    fields: [
      ['observedGeneration', 1, 'int64', 'The metadata.generation the autoscaler last acted on.', { ptr: true }],
      ['lastScaleTime', 2, 'Time', 'When the replica count was last changed.', { ptr: true }],
      ['currentReplicas', 3, 'int32', 'Replica count last seen on the target.'],
      ['desiredReplicas', 4, 'int32', 'Replica count the autoscaler last computed.', { required: true }],
      ['currentMetrics', 5, `[]${AS2}.MetricStatus`, 'The last values read for each metric.', { listType: 'atomic' }],
      ['conditions', 6, `[]${AS2}.HorizontalPodAutoscalerCondition`, 'Latest observations, such as AbleToScale, ScalingActive and ScalingLimited.', { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'] }],
    ],
  },

  [`${AS2}.HorizontalPodAutoscalerCondition`]: {
    description: 'One observation about an autoscaler.',
    fields: [
      ['type', 1, 'string', 'Kind of condition: ScalingActive, AbleToScale or ScalingLimited.', { required: true }],
      ['status', 2, 'string', 'Whether the condition holds: True, False or Unknown.', { required: true }],
      ['lastTransitionTime', 3, 'Time', 'When the status of this condition last changed.'],
      ['reason', 4, 'string', 'A short CamelCase word explaining the last status change.'],
      ['message', 5, 'string', 'A human-readable explanation of the last status change.'],
    ],
  },

  [`${AS2}.MetricStatus`]: {
    description: 'The last reading of one metric; the member matching type is set.',
    fields: [
      ['type', 1, 'string', 'Which source the reading came from: Resource, ContainerResource, Pods, Object or External.', { required: true }],
      ['object', 2, `${AS2}.ObjectMetricStatus`, 'Reading of a metric describing a single object.', { ptr: true }],
      ['pods', 3, `${AS2}.PodsMetricStatus`, 'Reading of a metric averaged over the target\'s pods.', { ptr: true }],
      ['resource', 4, `${AS2}.ResourceMetricStatus`, 'Reading of a resource metric of the target\'s pods.', { ptr: true }],
      ['containerResource', 7, `${AS2}.ContainerResourceMetricStatus`, 'Reading of a resource metric of one container in the target\'s pods.', { ptr: true }],
      ['external', 5, `${AS2}.ExternalMetricStatus`, 'Reading of a metric from outside the cluster.', { ptr: true }],
    ],
  },

  [`${AS2}.ObjectMetricStatus`]: {
    description: 'Last reading of a metric describing one object.',
    fields: [
      ['metric', 1, `${AS2}.MetricIdentifier`, 'The metric that was read.', { required: true }],
      ['current', 2, `${AS2}.MetricValueStatus`, 'The value that was read.', { required: true }],
      ['describedObject', 3, `${AS2}.CrossVersionObjectReference`, 'The object the metric describes.', { required: true }],
    ],
  },

  [`${AS2}.PodsMetricStatus`]: {
    description: 'Last reading of a metric averaged over pods.',
    fields: [
      ['metric', 1, `${AS2}.MetricIdentifier`, 'The metric that was read.', { required: true }],
      ['current', 2, `${AS2}.MetricValueStatus`, 'The value that was read.', { required: true }],
    ],
  },

  [`${AS2}.ResourceMetricStatus`]: {
    description: 'Last reading of a resource metric of the target\'s pods.',
    fields: [
      ['name', 1, 'string', 'The resource that was read, cpu or memory.', { required: true }],
      ['current', 2, `${AS2}.MetricValueStatus`, 'The value that was read.', { required: true }],
    ],
  },

  [`${AS2}.ContainerResourceMetricStatus`]: {
    description: 'Last reading of a resource metric of one container.',
    fields: [
      ['name', 1, 'string', 'The resource that was read, cpu or memory.', { required: true }],
      ['current', 2, `${AS2}.MetricValueStatus`, 'The value that was read.', { required: true }],
      ['container', 3, 'string', 'The container that was measured.', { required: true }],
    ],
  },

  [`${AS2}.ExternalMetricStatus`]: {
    description: 'Last reading of a metric from outside the cluster.',
    fields: [
      ['metric', 1, `${AS2}.MetricIdentifier`, 'The metric that was read.', { required: true }],
      ['current', 2, `${AS2}.MetricValueStatus`, 'The value that was read.', { required: true }],
    ],
  },

  [`${AS2}.MetricValueStatus`]: {
    description: 'A metric reading in one of its forms.',
    fields: [
      ['value', 1, 'Quantity', 'The metric value as a quantity.', { ptr: true }],
      ['averageValue', 2, 'Quantity', 'The metric value averaged across pods, as a quantity.', { ptr: true }],
      ['averageUtilization', 3, 'int32', 'Average use as a percentage of the pods\' requests.', { ptr: true }],
    ],
  },

  [`${AS2}.HorizontalPodAutoscalerList`]: {
    description: 'A list of HorizontalPodAutoscalers.',
    gvk: [{ group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscalerList' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ListMeta`, 'List metadata: the resourceVersion of the list and the continue token for paging.'],
      ['items', 2, `[]${AS2}.HorizontalPodAutoscaler`, 'The HorizontalPodAutoscalers.', { required: true }],
    ],
  },

  // ---------- policy/v1 ----------

  [`${POLICY}.PodDisruptionBudgetSpec`]: {
    description: 'How many of the selected pods must stay up during voluntary disruptions such as a drain.',
    fields: [
      ['minAvailable', 1, 'IntOrString', 'Pods (number or percentage) that must remain available after an eviction; use this or maxUnavailable.', { ptr: true }],
      ['selector', 2, `${META}.LabelSelector`, 'Label query for the pods the budget protects; an empty selector matches every pod in the namespace.', { ptr: true, patchStrategy: 'replace' }],
      ['maxUnavailable', 3, 'IntOrString', 'Pods (number or percentage) that may be unavailable after an eviction; use this or minAvailable.', { ptr: true }],
      ['unhealthyPodEvictionPolicy', 4, 'string', 'When running but not-ready pods may be evicted: IfHealthyBudget (only while the budget is met) or AlwaysAllow.', { ptr: true, enum: ['IfHealthyBudget', 'AlwaysAllow'] }],
    ],
  },

  [`${POLICY}.PodDisruptionBudgetStatus`]: {
    description: 'Observed state of a PodDisruptionBudget.',
    fields: [
      ['observedGeneration', 1, 'int64', 'The metadata.generation the controller last acted on.'],
      ['disruptedPods', 2, 'map[Time]', 'Pods evicted recently but not yet seen deleted, with the time of each eviction.'],
      ['disruptionsAllowed', 3, 'int32', 'Number of pod evictions allowed right now.', { required: true }],
      ['currentHealthy', 4, 'int32', 'Number of selected pods that are healthy now.', { required: true }],
      ['desiredHealthy', 5, 'int32', 'Lowest number of healthy pods the budget requires.', { required: true }],
      ['expectedPods', 6, 'int32', 'Total number of pods counted by the budget.', { required: true }],
      ['conditions', 7, `[]${META}.Condition`, 'Latest observations, such as DisruptionAllowed.', { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'] }],
    ],
  },

  [`${POLICY}.PodDisruptionBudget`]: {
    description: 'Limits how many pods of an application voluntary disruptions (evictions, drains) may take down at once.',
    gvk: [{ group: 'policy', version: 'v1', kind: 'PodDisruptionBudget' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ObjectMeta`, 'Standard object metadata: name, namespace, labels, annotations, owner references and more.'],
      ['spec', 2, `${POLICY}.PodDisruptionBudgetSpec`, 'Which pods are protected and how many must stay up.'],
      ['status', 3, `${POLICY}.PodDisruptionBudgetStatus`, 'Current counts and whether evictions are allowed, filled in by the controller.'],
    ],
  },

  [`${POLICY}.PodDisruptionBudgetList`]: {
    description: 'A list of PodDisruptionBudgets.',
    gvk: [{ group: 'policy', version: 'v1', kind: 'PodDisruptionBudgetList' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ListMeta`, 'List metadata: the resourceVersion of the list and the continue token for paging.'],
      ['items', 2, `[]${POLICY}.PodDisruptionBudget`, 'The PodDisruptionBudgets.', { required: true }],
    ],
  },

  [`${POLICY}.Eviction`]: {
    description: 'A request, posted to a pod\'s eviction subresource, to delete the pod while honouring disruption budgets.',
    gvk: [{ group: 'policy', version: 'v1', kind: 'Eviction' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ObjectMeta`, 'Names the pod to evict (name and namespace).'],
      ['deleteOptions', 2, `${META}.DeleteOptions`, 'Options for the pod\'s deletion, such as gracePeriodSeconds.', { ptr: true }],
    ],
  },

  // ---------- networking.k8s.io/v1 ----------

  [`${NET}.NetworkPolicy`]: {
    description: 'Controls which traffic may reach or leave the selected pods.',
    gvk: [{ group: 'networking.k8s.io', version: 'v1', kind: 'NetworkPolicy' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ObjectMeta`, 'Standard object metadata: name, namespace, labels, annotations, owner references and more.'],
      ['spec', 2, `${NET}.NetworkPolicySpec`, 'The selected pods and their allowed traffic.'],
    ],
  },

  [`${NET}.NetworkPolicySpec`]: {
    description: 'Which pods a NetworkPolicy applies to and what traffic it allows.',
    fields: [
      ['podSelector', 1, `${META}.LabelSelector`, 'Pods in this namespace the policy applies to; an empty selector picks every pod in the namespace.'],
      ['ingress', 2, `[]${NET}.NetworkPolicyIngressRule`, 'Allowed incoming traffic; with Ingress in policyTypes and no rules, all incoming traffic is denied.', { listType: 'atomic' }],
      ['egress', 3, `[]${NET}.NetworkPolicyEgressRule`, 'Allowed outgoing traffic; with Egress in policyTypes and no rules, all outgoing traffic is denied.', { listType: 'atomic' }],
      ['policyTypes', 4, '[]string', 'Directions this policy restricts: Ingress, Egress or both. Defaults to Ingress, plus Egress when egress rules are given.', { listType: 'atomic', enum: ['Ingress', 'Egress'] }],
    ],
  },

  [`${NET}.NetworkPolicyIngressRule`]: {
    description: 'One kind of allowed incoming traffic: from these peers to these ports.',
    fields: [
      ['ports', 1, `[]${NET}.NetworkPolicyPort`, 'Destination ports allowed; empty or missing means every port.', { listType: 'atomic' }],
      ['from', 2, `[]${NET}.NetworkPolicyPeer`, 'Sources allowed; empty or missing means every source.', { listType: 'atomic' }],
    ],
  },

  [`${NET}.NetworkPolicyEgressRule`]: {
    description: 'One kind of allowed outgoing traffic: to these peers on these ports.',
    fields: [
      ['ports', 1, `[]${NET}.NetworkPolicyPort`, 'Destination ports allowed; empty or missing means every port.', { listType: 'atomic' }],
      ['to', 2, `[]${NET}.NetworkPolicyPeer`, 'Destinations allowed; empty or missing means every destination.', { listType: 'atomic' }],
    ],
  },

  [`${NET}.NetworkPolicyPort`]: {
    description: 'A port (or port range) and protocol that a rule allows.',
    fields: [
      ['protocol', 1, 'string', 'TCP, UDP or SCTP. Defaults to TCP.', { ptr: true, enum: ['TCP', 'UDP', 'SCTP'] }],
      ['port', 2, 'IntOrString', 'Port number or named container port; missing means every port.', { ptr: true }],
      ['endPort', 3, 'int32', 'Last port of a range starting at port (port must then be a number).', { ptr: true }],
    ],
  },

  [`${NET}.IPBlock`]: {
    description: 'A range of IP addresses, in CIDR form, with optional holes.',
    fields: [
      ['cidr', 1, 'string', 'The address range, for example 192.168.1.0/24 or 2001:db8::/64.', { required: true }],
      ['except', 2, '[]string', 'Sub-ranges of cidr that do not match.', { listType: 'atomic' }],
    ],
  },

  [`${NET}.NetworkPolicyPeer`]: {
    description: 'A traffic source or destination: pods, namespaces or an IP range.',
    fields: [
      ['podSelector', 1, `${META}.LabelSelector`, 'Pods matched by labels; in the policy\'s namespace unless namespaceSelector is also set.', { ptr: true }],
      ['namespaceSelector', 2, `${META}.LabelSelector`, 'Namespaces matched by labels; all their pods match, or only those picked by podSelector when both are set.', { ptr: true }],
      ['ipBlock', 3, `${NET}.IPBlock`, 'An IP range; may not be combined with the selectors.', { ptr: true }],
    ],
  },

  [`${NET}.NetworkPolicyList`]: {
    description: 'A list of NetworkPolicies.',
    gvk: [{ group: 'networking.k8s.io', version: 'v1', kind: 'NetworkPolicyList' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ListMeta`, 'List metadata: the resourceVersion of the list and the continue token for paging.'],
      ['items', 2, `[]${NET}.NetworkPolicy`, 'The NetworkPolicies.', { required: true }],
    ],
  },

  [`${NET}.Ingress`]: {
    description: 'Routes external HTTP(S) traffic to Services by host name and path; needs an ingress controller.',
    gvk: [{ group: 'networking.k8s.io', version: 'v1', kind: 'Ingress' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ObjectMeta`, 'Standard object metadata: name, namespace, labels, annotations, owner references and more.'],
      ['spec', 2, `${NET}.IngressSpec`, 'Routing rules, TLS settings and the default backend.'],
      ['status', 3, `${NET}.IngressStatus`, 'Addresses the ingress controller exposes this Ingress on.'],
    ],
  },

  [`${NET}.IngressList`]: {
    description: 'A list of Ingresses.',
    gvk: [{ group: 'networking.k8s.io', version: 'v1', kind: 'IngressList' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ListMeta`, 'List metadata: the resourceVersion of the list and the continue token for paging.'],
      ['items', 2, `[]${NET}.Ingress`, 'The Ingresses.', { required: true }],
    ],
  },

  [`${NET}.IngressSpec`]: {
    description: 'What an Ingress should route.',
    fields: [
      ['ingressClassName', 4, 'string', 'Name of the IngressClass (and so the controller) that should serve this Ingress; unset uses the default class.', { ptr: true }],
      ['defaultBackend', 1, `${NET}.IngressBackend`, 'Where requests go that match no rule.', { ptr: true }],
      ['tls', 2, `[]${NET}.IngressTLS`, 'TLS settings: which hosts are served over HTTPS with which certificate Secret.', { listType: 'atomic' }],
      ['rules', 3, `[]${NET}.IngressRule`, 'Host and path rules; requests matching none go to the default backend.', { listType: 'atomic' }],
    ],
  },

  [`${NET}.IngressTLS`]: {
    description: 'A set of hosts and the Secret holding their certificate.',
    fields: [
      ['hosts', 1, '[]string', 'Host names covered by the certificate; defaults to the controller\'s wildcard host.', { listType: 'atomic' }],
      ['secretName', 2, 'string', 'Name of the TLS Secret (tls.crt and tls.key) in the same namespace.'],
    ],
  },

  [`${NET}.IngressStatus`]: {
    description: 'Observed state of an Ingress.',
    fields: [
      ['loadBalancer', 1, `${NET}.IngressLoadBalancerStatus`, 'The load balancer\'s addresses.'],
    ],
  },

  [`${NET}.IngressLoadBalancerStatus`]: {
    description: 'Addresses of the load balancer serving an Ingress.',
    fields: [
      ['ingress', 1, `[]${NET}.IngressLoadBalancerIngress`, 'The load balancer\'s ingress points.', { listType: 'atomic' }],
    ],
  },

  [`${NET}.IngressLoadBalancerIngress`]: {
    description: 'One address of an Ingress\'s load balancer.',
    fields: [
      ['ip', 1, 'string', 'IP address of the ingress point.'],
      ['hostname', 2, 'string', 'DNS name of the ingress point.'],
      ['ports', 4, `[]${NET}.IngressPortStatus`, 'Status of the ports of this ingress point.', { listType: 'atomic' }],
    ],
  },

  [`${NET}.IngressPortStatus`]: {
    description: 'Status of one load balancer port.',
    fields: [
      ['port', 1, 'int32', 'The port number.', { required: true }],
      ['protocol', 2, 'string', 'The port\'s protocol: TCP, UDP or SCTP.', { required: true, enum: ['TCP', 'UDP', 'SCTP'] }],
      ['error', 3, 'string', 'Problem with this port, as a CamelCase reason or a domain-prefixed one; empty when fine.', { ptr: true }],
    ],
  },

  [`${NET}.IngressRule`]: {
    description: 'Routing for one host: requests for this host are matched against the paths.',
    fields: [
      ['host', 1, 'string', 'Fully qualified host name to match, optionally starting with a "*." wildcard; empty matches every host.'],
      ['', 2, `${NET}.IngressRuleValue`, 'Inline: the rule\'s protocol-specific part (http); in protobuf a nested message at field 2.'],
    ],
  },

  [`${NET}.IngressRuleValue`]: {
    description: 'Protocol-specific rules of an IngressRule; in JSON its fields sit directly in the rule.',
    fields: [
      ['http', 1, `${NET}.HTTPIngressRuleValue`, 'HTTP path rules for the host.', { ptr: true }],
    ],
  },

  [`${NET}.HTTPIngressRuleValue`]: {
    description: 'A list of paths and the backends they route to.',
    fields: [
      ['paths', 1, `[]${NET}.HTTPIngressPath`, 'Paths matched against the request\'s URL path.', { required: true, listType: 'atomic' }],
    ],
  },

  [`${NET}.HTTPIngressPath`]: {
    description: 'One path and the backend it routes to.',
    fields: [
      ['path', 1, 'string', 'URL path to match, starting with "/".'],
      ['pathType', 3, 'string', 'How path is matched: Exact, Prefix (per path element) or ImplementationSpecific.', { required: true, ptr: true, enum: ['Exact', 'Prefix', 'ImplementationSpecific'] }],
      ['backend', 2, `${NET}.IngressBackend`, 'Where matching requests are sent.', { required: true }],
    ],
  },

  [`${NET}.IngressBackend`]: {
    description: 'A destination for requests: a Service port or another resource.',
    fields: [
      ['service', 4, `${NET}.IngressServiceBackend`, 'A Service and port; use this or resource.', { ptr: true }],
      ['resource', 3, `${CORE}.TypedLocalObjectReference`, 'Another object in the same namespace, such as a storage bucket; use this or service.', { ptr: true }],
    ],
  },

  [`${NET}.IngressServiceBackend`]: {
    description: 'A Service and one of its ports.',
    fields: [
      ['name', 1, 'string', 'Name of the Service, in the Ingress\'s namespace.', { required: true }],
      ['port', 2, `${NET}.ServiceBackendPort`, 'Port of the Service, by number or by name.'],
    ],
  },

  [`${NET}.ServiceBackendPort`]: {
    description: 'A Service port, given by name or number.',
    fields: [
      ['name', 1, 'string', 'Name of the Service port; use this or number.'],
      ['number', 2, 'int32', 'Number of the Service port; use this or name.'],
    ],
  },

  [`${NET}.IngressClass`]: {
    description: 'Names an ingress controller that Ingresses can pick with ingressClassName; annotate one as the default.',
    gvk: [{ group: 'networking.k8s.io', version: 'v1', kind: 'IngressClass' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ObjectMeta`, 'Standard object metadata: name, namespace, labels, annotations, owner references and more.'],
      ['spec', 2, `${NET}.IngressClassSpec`, 'The controller and its parameters.'],
    ],
  },

  [`${NET}.IngressClassSpec`]: {
    description: 'Which controller implements an IngressClass.',
    fields: [
      ['controller', 1, 'string', 'Name of the controller, for example k8s.io/ingress-nginx; cannot be changed.'],
      ['parameters', 2, `${NET}.IngressClassParametersReference`, 'Optional object holding extra configuration for the controller.', { ptr: true }],
    ],
  },

  [`${NET}.IngressClassParametersReference`]: {
    description: 'Points at the object that configures an ingress controller.',
    fields: [
      ['apiGroup', 1, 'string', 'API group of the object; empty for the core group.', { ptr: true }],
      ['kind', 2, 'string', 'Kind of the object.', { required: true }],
      ['name', 3, 'string', 'Name of the object.', { required: true }],
      ['scope', 4, 'string', 'Cluster (default) or Namespace, for where the object lives.', { ptr: true }],
      ['namespace', 5, 'string', 'Namespace of the object; required when scope is Namespace.', { ptr: true }],
    ],
  },

  [`${NET}.IngressClassList`]: {
    description: 'A list of IngressClasses.',
    gvk: [{ group: 'networking.k8s.io', version: 'v1', kind: 'IngressClassList' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ListMeta`, 'List metadata: the resourceVersion of the list and the continue token for paging.'],
      ['items', 2, `[]${NET}.IngressClass`, 'The IngressClasses.', { required: true }],
    ],
  },

  [`${NET}.IPAddress`]: {
    description: 'Records that one IP address (the object\'s name) is allocated, for example to a Service\'s ClusterIP.',
    gvk: [{ group: 'networking.k8s.io', version: 'v1', kind: 'IPAddress' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ObjectMeta`, 'Standard object metadata: name, namespace, labels, annotations, owner references and more.'],
      ['spec', 2, `${NET}.IPAddressSpec`, 'What the address is allocated to.'],
    ],
  },

  [`${NET}.IPAddressSpec`]: {
    description: 'What an IPAddress is bound to.',
    fields: [
      ['parentRef', 1, `${NET}.ParentReference`, 'The object that holds this address.', { required: true, ptr: true }],
    ],
  },

  [`${NET}.ParentReference`]: {
    description: 'Points at the object that owns an allocated address.',
    fields: [
      ['group', 1, 'string', 'API group of the owner; empty for the core group.'],
      ['resource', 2, 'string', 'Resource type of the owner, for example services.', { required: true }],
      ['namespace', 3, 'string', 'Namespace of the owner.'],
      ['name', 4, 'string', 'Name of the owner.', { required: true }],
    ],
  },

  [`${NET}.IPAddressList`]: {
    description: 'A list of IPAddresses.',
    gvk: [{ group: 'networking.k8s.io', version: 'v1', kind: 'IPAddressList' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ListMeta`, 'List metadata: the resourceVersion of the list and the continue token for paging.'],
      ['items', 2, `[]${NET}.IPAddress`, 'The IPAddresses.', { required: true }],
    ],
  },

  [`${NET}.ServiceCIDR`]: {
    description: 'An IP range from which Service ClusterIPs are allocated.',
    gvk: [{ group: 'networking.k8s.io', version: 'v1', kind: 'ServiceCIDR' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ObjectMeta`, 'Standard object metadata: name, namespace, labels, annotations, owner references and more.'],
      ['spec', 2, `${NET}.ServiceCIDRSpec`, 'The ranges.'],
      ['status', 3, `${NET}.ServiceCIDRStatus`, 'Whether the ranges are ready for use.'],
    ],
  },

  [`${NET}.ServiceCIDRSpec`]: {
    description: 'The IP ranges of a ServiceCIDR.',
    fields: [
      ['cidrs', 1, '[]string', 'At most two ranges in CIDR form, one per IP family; cannot be changed.', { listType: 'atomic' }],
    ],
  },

  [`${NET}.ServiceCIDRStatus`]: {
    description: 'Observed state of a ServiceCIDR.',
    fields: [
      ['conditions', 1, `[]${META}.Condition`, 'Latest observations, such as Ready.', { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'] }],
    ],
  },

  [`${NET}.ServiceCIDRList`]: {
    description: 'A list of ServiceCIDRs.',
    gvk: [{ group: 'networking.k8s.io', version: 'v1', kind: 'ServiceCIDRList' }],
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ListMeta`, 'List metadata: the resourceVersion of the list and the continue token for paging.'],
      ['items', 2, `[]${NET}.ServiceCIDR`, 'The ServiceCIDRs.', { required: true }],
    ],
  },
};
