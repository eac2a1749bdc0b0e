// core/v1 types reachable from Pod and PodTemplate, plus every volume source (PersistentVolume ones
// included) and PersistentVolumeClaimSpec. Field names, protobuf numbers (k8s.io/api core/v1
// generated.proto, release 1.35), required/pointer flags, patch strategies, list types and enums are
// wire facts; the descriptions are our own words.
//
// Inline (embedded) structs: a field whose JSON name is '' stands for a Go struct embedded with
// `json:",inline"`. In JSON its type's fields appear flattened at this level (e.g. Volume has
// `name` plus every VolumeSource field); in protobuf they are one nested message at the given field
// number (Volume.volumeSource = 2). Readers of this schema must flatten such fields for JSON,
// OpenAPI, validation and patching, and nest them for protobuf.
import type { TypeDecls } from './types.ts';

export const decls: TypeDecls = {
  'io.k8s.api.core.v1.Pod': {
    description: 'A group of one or more containers scheduled together onto one node, sharing network and volumes.',
    gvk: [{ group: '', version: 'v1', kind: 'Pod' }],
    fields: [
      ['apiVersion', 0, 'string', 'The versioned schema of this object, e.g. v1.'],
      ['kind', 0, 'string', 'The kind of this object, e.g. Pod or PodList.'],
      ['metadata', 1, 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'Standard object metadata: name, namespace, labels, annotations and more.'],
      ['spec', 2, 'io.k8s.api.core.v1.PodSpec', 'The desired behaviour of the pod.'],
      ['status', 3, 'io.k8s.api.core.v1.PodStatus', 'The most recently observed state of the pod; written by the system.'],
    ],
  },
  'io.k8s.api.core.v1.PodList': {
    description: 'A list of Pods.',
    gvk: [{ group: '', version: 'v1', kind: 'PodList' }],
    fields: [
      ['apiVersion', 0, 'string', 'The versioned schema of this object, e.g. v1.'],
      ['kind', 0, 'string', 'The kind of this object, e.g. Pod or PodList.'],
      ['metadata', 1, 'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta', 'Standard list metadata: resourceVersion and continue token.'],
      ['items', 2, '[]io.k8s.api.core.v1.Pod', 'The pods in the list.', { required: true }],
    ],
  },
  'io.k8s.api.core.v1.PodTemplate': {
    description: 'A stored pod template that other objects can copy pods from.',
    gvk: [{ group: '', version: 'v1', kind: 'PodTemplate' }],
    fields: [
      ['apiVersion', 0, 'string', 'The versioned schema of this object, e.g. v1.'],
      ['kind', 0, 'string', 'The kind of this object, e.g. Pod or PodList.'],
      ['metadata', 1, 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'Standard object metadata: name, namespace, labels, annotations and more.'],
      ['template', 2, 'io.k8s.api.core.v1.PodTemplateSpec', 'The pod template held by this object.'],
    ],
  },
  'io.k8s.api.core.v1.PodTemplateList': {
    description: 'A list of PodTemplates.',
    gvk: [{ group: '', version: 'v1', kind: 'PodTemplateList' }],
    fields: [
      ['apiVersion', 0, 'string', 'The versioned schema of this object, e.g. v1.'],
      ['kind', 0, 'string', 'The kind of this object, e.g. Pod or PodList.'],
      ['metadata', 1, 'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta', 'Standard list metadata: resourceVersion and continue token.'],
      ['items', 2, '[]io.k8s.api.core.v1.PodTemplate', 'The pod templates in the list.', { required: true }],
    ],
  },
  'io.k8s.api.core.v1.Binding': {
    description: 'Assigns a pod to a node; what the scheduler posts to pods/binding.',
    gvk: [{ group: '', version: 'v1', kind: 'Binding' }],
    fields: [
      ['apiVersion', 0, 'string', 'The versioned schema of this object, e.g. v1.'],
      ['kind', 0, 'string', 'The kind of this object, e.g. Pod or PodList.'],
      ['metadata', 1, 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'Standard object metadata: name, namespace, labels, annotations and more.'],
      ['target', 2, 'io.k8s.api.core.v1.ObjectReference', 'The object (a Node) the pod is bound to.', { required: true }],
    ],
  },
  'io.k8s.api.core.v1.PersistentVolumeSource': {
    description: 'The storage backing a PersistentVolume; set exactly one field (inlined into PersistentVolumeSpec).',
    fields: [
      ['gcePersistentDisk', 1, 'io.k8s.api.core.v1.GCEPersistentDiskVolumeSource', 'Deprecated: a GCE persistent disk (in-tree driver removed).', { ptr: true }],
      ['awsElasticBlockStore', 2, 'io.k8s.api.core.v1.AWSElasticBlockStoreVolumeSource', 'Deprecated: an AWS EBS volume (in-tree driver removed).', { ptr: true }],
      ['hostPath', 3, 'io.k8s.api.core.v1.HostPathVolumeSource', 'A file or directory on the node.', { ptr: true }],
      ['glusterfs', 4, 'io.k8s.api.core.v1.GlusterfsPersistentVolumeSource', 'Deprecated: a GlusterFS volume (in-tree driver removed).', { ptr: true }],
      ['nfs', 5, 'io.k8s.api.core.v1.NFSVolumeSource', 'An NFS export.', { ptr: true }],
      ['rbd', 6, 'io.k8s.api.core.v1.RBDPersistentVolumeSource', 'Deprecated: a Ceph RBD image (in-tree driver removed).', { ptr: true }],
      ['iscsi', 7, 'io.k8s.api.core.v1.ISCSIPersistentVolumeSource', 'An iSCSI disk.', { ptr: true }],
      ['cinder', 8, 'io.k8s.api.core.v1.CinderPersistentVolumeSource', 'Deprecated: an OpenStack Cinder volume (in-tree driver removed).', { ptr: true }],
      ['cephfs', 9, 'io.k8s.api.core.v1.CephFSPersistentVolumeSource', 'Deprecated: a CephFS mount (in-tree driver removed).', { ptr: true }],
      ['fc', 10, 'io.k8s.api.core.v1.FCVolumeSource', 'A Fibre Channel disk.', { ptr: true }],
      ['flocker', 11, 'io.k8s.api.core.v1.FlockerVolumeSource', 'Deprecated: a Flocker dataset (in-tree driver removed).', { ptr: true }],
      ['flexVolume', 12, 'io.k8s.api.core.v1.FlexPersistentVolumeSource', 'Deprecated: a volume from a FlexVolume driver.', { ptr: true }],
      ['azureFile', 13, 'io.k8s.api.core.v1.AzureFilePersistentVolumeSource', 'Deprecated: an Azure File share (in-tree driver removed).', { ptr: true }],
      ['vsphereVolume', 14, 'io.k8s.api.core.v1.VsphereVirtualDiskVolumeSource', 'Deprecated: a vSphere disk (in-tree driver removed).', { ptr: true }],
      ['quobyte', 15, 'io.k8s.api.core.v1.QuobyteVolumeSource', 'Deprecated: a Quobyte volume (in-tree driver removed).', { ptr: true }],
      ['azureDisk', 16, 'io.k8s.api.core.v1.AzureDiskVolumeSource', 'Deprecated: an Azure data disk (in-tree driver removed).', { ptr: true }],
      ['photonPersistentDisk', 17, 'io.k8s.api.core.v1.PhotonPersistentDiskVolumeSource', 'Deprecated: a Photon Controller disk (in-tree driver removed).', { ptr: true }],
      ['portworxVolume', 18, 'io.k8s.api.core.v1.PortworxVolumeSource', 'Deprecated: a Portworx volume (in-tree driver migrated to CSI).', { ptr: true }],
      ['scaleIO', 19, 'io.k8s.api.core.v1.ScaleIOPersistentVolumeSource', 'Deprecated: a ScaleIO volume (in-tree driver removed).', { ptr: true }],
      ['local', 20, 'io.k8s.api.core.v1.LocalVolumeSource', 'A local disk, partition or directory on one node (needs nodeAffinity).', { ptr: true }],
      ['storageos', 21, 'io.k8s.api.core.v1.StorageOSPersistentVolumeSource', 'Deprecated: a StorageOS volume (in-tree driver removed).', { ptr: true }],
      ['csi', 22, 'io.k8s.api.core.v1.CSIPersistentVolumeSource', 'A volume managed by a CSI driver.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec': {
    description: 'What a PersistentVolumeClaim asks for: size, access modes and storage class.',
    fields: [
      ['accessModes', 1, '[]string', 'The access modes wanted: ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod.', { listType: 'atomic', enum: ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'] }],
      ['selector', 4, 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector', 'Labels of the PersistentVolumes that may bind to this claim.', { ptr: true }],
      ['resources', 2, 'io.k8s.api.core.v1.VolumeResourceRequirements', 'The storage size wanted (requests.storage).'],
      ['volumeName', 3, 'string', 'Bind to this PersistentVolume by name.'],
      ['storageClassName', 5, 'string', 'The StorageClass to use; "" means no class; unset means the default class.', { ptr: true }],
      ['volumeMode', 6, 'string', 'Filesystem (default) or Block.', { ptr: true, enum: ['Block', 'Filesystem'] }],
      ['dataSource', 7, 'io.k8s.api.core.v1.TypedLocalObjectReference', 'Populate the volume from a VolumeSnapshot or another PersistentVolumeClaim.', { ptr: true }],
      ['dataSourceRef', 8, 'io.k8s.api.core.v1.TypedObjectReference', 'Populate the volume from any populator object, possibly in another namespace.', { ptr: true }],
      ['volumeAttributesClassName', 9, 'string', 'The VolumeAttributesClass to apply to the volume.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.VolumeResourceRequirements': {
    description: 'Storage requests and limits of a volume claim.',
    fields: [
      ['limits', 1, 'map[Quantity]', 'The most storage the volume may have.'],
      ['requests', 2, 'map[Quantity]', 'The minimum storage wanted, e.g. storage: 1Gi.'],
    ],
  },
  'io.k8s.api.core.v1.LocalVolumeSource': {
    description: 'A local disk, partition or directory on a node.',
    fields: [
      ['path', 1, 'string', 'The full path on the node.', { required: true }],
      ['fsType', 2, 'string', 'For block devices: the filesystem to create and mount; ignored for directories.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.SecretReference': {
    description: 'Names a Secret, possibly in another namespace.',
    fields: [
      ['name', 1, 'string', 'The Secret\'s name.'],
      ['namespace', 2, 'string', 'The Secret\'s namespace.'],
    ],
  },
  'io.k8s.api.core.v1.TypedObjectReference': {
    description: 'Names an object of a given kind, possibly in another namespace.',
    fields: [
      ['apiGroup', 1, 'string', 'The API group of the kind; empty for the core group.', { ptr: true }],
      ['kind', 2, 'string', 'The kind of the object.', { required: true }],
      ['name', 3, 'string', 'The name of the object.', { required: true }],
      ['namespace', 4, 'string', 'The namespace of the object; cross-namespace needs a ReferenceGrant.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.TypedLocalObjectReference': {
    description: 'Names an object of a given kind in the same namespace.',
    fields: [
      ['apiGroup', 1, 'string', 'The API group of the kind; empty for the core group.', { ptr: true }],
      ['kind', 2, 'string', 'The kind of the object.', { required: true }],
      ['name', 3, 'string', 'The name of the object.', { required: true }],
    ],
  },
  'io.k8s.api.core.v1.ObjectReference': {
    description: 'A full reference to an object, by kind, namespace, name and uid.',
    fields: [
      ['kind', 1, 'string', 'The kind of the object.'],
      ['namespace', 2, 'string', 'The namespace of the object.'],
      ['name', 3, 'string', 'The name of the object.'],
      ['uid', 4, 'string', 'The UID of the object.'],
      ['apiVersion', 5, 'string', 'The API version of the object.'],
      ['resourceVersion', 6, 'string', 'The resourceVersion the reference was taken at.'],
      ['fieldPath', 7, 'string', 'A path to a part of the object, e.g. spec.containers{web}.'],
    ],
  },
  'io.k8s.api.core.v1.ResourceHealth': {
    description: 'The health of one allocated device.',
    fields: [
      ['resourceID', 1, 'string', 'The device\'s unique ID.', { required: true }],
      ['health', 2, 'string', 'Healthy, Unhealthy or Unknown.'],
    ],
  },
  'io.k8s.api.core.v1.ResourceStatus': {
    description: 'The health of the devices behind one resource allocated to a container.',
    fields: [
      ['name', 1, 'string', 'The resource name, e.g. a device plugin resource or claim:<name>/<request>.', { required: true }],
      ['resources', 2, '[]io.k8s.api.core.v1.ResourceHealth', 'The health of each allocated device.', { listType: 'map', listMapKeys: ['resourceID'] }],
    ],
  },
  'io.k8s.api.core.v1.ContainerExtendedResourceRequest': {
    description: 'Maps one container\'s extended resource to a request in a generated ResourceClaim.',
    fields: [
      ['containerName', 1, 'string', 'The container that requests the resource.', { required: true }],
      ['resourceName', 2, 'string', 'The extended resource name in that container.', { required: true }],
      ['requestName', 3, 'string', 'The matching request name in the generated ResourceClaim.', { required: true }],
    ],
  },
  'io.k8s.api.core.v1.PodExtendedResourceClaimStatus': {
    description: 'The ResourceClaim created for extended resources that are served by dynamic resource allocation.',
    fields: [
      ['requestMappings', 1, '[]io.k8s.api.core.v1.ContainerExtendedResourceRequest', 'Which container resource maps to which request in the generated claim.', { required: true, listType: 'atomic' }],
      ['resourceClaimName', 2, 'string', 'The name of the generated ResourceClaim in the pod\'s namespace.', { required: true }],
    ],
  },
  'io.k8s.api.core.v1.ContainerUser': {
    description: 'The identity a container process actually runs with.',
    fields: [
      ['linux', 1, 'io.k8s.api.core.v1.LinuxContainerUser', 'The Linux user and groups of the first process.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.LinuxContainerUser': {
    description: 'The Linux UID, GID and supplemental groups of a container\'s first process.',
    fields: [
      ['uid', 1, 'int64', 'The user ID.', { required: true }],
      ['gid', 2, 'int64', 'The primary group ID.', { required: true }],
      ['supplementalGroups', 3, '[]int64', 'The supplemental group IDs.', { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.core.v1.VolumeMountStatus': {
    description: 'The state of one volume mount of a running container.',
    fields: [
      ['name', 1, 'string', 'The name of the mounted volume.', { required: true }],
      ['mountPath', 2, 'string', 'Where the volume is mounted in the container.', { required: true }],
      ['readOnly', 3, 'bool', 'Whether the mount is read-only.'],
      ['recursiveReadOnly', 4, 'string', 'Whether read-only applies recursively: Disabled or Enabled.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.PodSpec': {
    description: 'The desired state of a pod: its containers, volumes and scheduling rules.',
    fields: [
      ['volumes', 1, '[]io.k8s.api.core.v1.Volume', 'Volumes that the pod\'s containers can mount.', { patchStrategy: 'merge,retainKeys', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }],
      ['initContainers', 20, '[]io.k8s.api.core.v1.Container', 'Containers run one after another, each to completion, before the app containers start.', { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }],
      ['containers', 2, '[]io.k8s.api.core.v1.Container', 'The application containers of the pod; at least one is required.', { required: true, patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }],
      ['ephemeralContainers', 34, '[]io.k8s.api.core.v1.EphemeralContainer', 'Temporary debugging containers added to a running pod (kubectl debug).', { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }],
      ['restartPolicy', 3, 'string', 'When containers are restarted after they exit: Always (default), OnFailure or Never.', { enum: ['Always', 'Never', 'OnFailure'] }],
      ['terminationGracePeriodSeconds', 4, 'int64', 'Seconds given to the pod to stop gracefully before it is killed; default 30.', { ptr: true }],
      ['activeDeadlineSeconds', 5, 'int64', 'Seconds the pod may stay active after starting before the system fails it.', { ptr: true }],
      ['dnsPolicy', 6, 'string', 'How DNS is configured for the pod: ClusterFirst (default), ClusterFirstWithHostNet, Default or None.', { enum: ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'] }],
      ['nodeSelector', 7, 'map[string]', 'Node labels that a node must all have for the pod to be scheduled there.'],
      ['serviceAccountName', 8, 'string', 'The ServiceAccount the pod runs as; default "default".'],
      ['serviceAccount', 9, 'string', 'Deprecated alias of serviceAccountName.'],
      ['automountServiceAccountToken', 21, 'bool', 'Whether an API token for the service account is mounted into the pod.', { ptr: true }],
      ['nodeName', 10, 'string', 'The node the pod runs on; setting it directly bypasses the scheduler.'],
      ['hostNetwork', 11, 'bool', 'Use the node\'s network namespace instead of a pod network.'],
      ['hostPID', 12, 'bool', 'Use the node\'s process ID namespace.'],
      ['hostIPC', 13, 'bool', 'Use the node\'s IPC namespace.'],
      ['shareProcessNamespace', 27, 'bool', 'Put all containers of the pod in one process namespace, so they see each other\'s processes.', { ptr: true }],
      ['securityContext', 14, 'io.k8s.api.core.v1.PodSecurityContext', 'Pod-wide security settings (user, group, fsGroup, seccomp, sysctls...).', { ptr: true }],
      ['imagePullSecrets', 15, '[]io.k8s.api.core.v1.LocalObjectReference', 'Secrets in the same namespace used to pull the pod\'s images from private registries.', { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }],
      ['hostname', 16, 'string', 'The pod\'s hostname; defaults to the pod name.'],
      ['subdomain', 17, 'string', 'Gives the pod the DNS name <hostname>.<subdomain>.<namespace>.svc.<cluster-domain> through a headless Service of that name.'],
      ['affinity', 18, 'io.k8s.api.core.v1.Affinity', 'Node affinity, pod affinity and pod anti-affinity scheduling rules.', { ptr: true }],
      ['schedulerName', 19, 'string', 'The scheduler that places this pod; default "default-scheduler".'],
      ['tolerations', 22, '[]io.k8s.api.core.v1.Toleration', 'Taints this pod tolerates, so it may be scheduled on or keep running on tainted nodes.', { listType: 'atomic' }],
      ['hostAliases', 23, '[]io.k8s.api.core.v1.HostAlias', 'Extra entries added to the pod\'s /etc/hosts file.', { patchStrategy: 'merge', patchMergeKey: 'ip', listType: 'map', listMapKeys: ['ip'] }],
      ['priorityClassName', 24, 'string', 'The PriorityClass whose value becomes the pod\'s priority.'],
      ['priority', 25, 'int32', 'The pod\'s priority, filled in from priorityClassName by admission.', { ptr: true }],
      ['dnsConfig', 26, 'io.k8s.api.core.v1.PodDNSConfig', 'Extra DNS settings merged into the pod\'s resolv.conf (required with dnsPolicy None).', { ptr: true }],
      ['readinessGates', 28, '[]io.k8s.api.core.v1.PodReadinessGate', 'Extra pod conditions that must be True for the pod to count as Ready.', { listType: 'atomic' }],
      ['runtimeClassName', 29, 'string', 'The RuntimeClass (container runtime handler) used to run the pod.', { ptr: true }],
      ['enableServiceLinks', 30, 'bool', 'Whether Service information is injected as environment variables; default true.', { ptr: true }],
      ['preemptionPolicy', 31, 'string', 'Whether this pod may preempt lower-priority pods: PreemptLowerPriority (default) or Never.', { ptr: true, enum: ['Never', 'PreemptLowerPriority'] }],
      ['overhead', 32, 'map[Quantity]', 'Resources used by the pod sandbox on top of its containers, set from the RuntimeClass.'],
      ['topologySpreadConstraints', 33, '[]io.k8s.api.core.v1.TopologySpreadConstraint', 'Rules for spreading matching pods evenly across zones, nodes or other topology domains.', { patchStrategy: 'merge', patchMergeKey: 'topologyKey', listType: 'map', listMapKeys: ['topologyKey', 'whenUnsatisfiable'] }],
      ['setHostnameAsFQDN', 35, 'bool', 'Set the pod\'s hostname to its fully qualified domain name.', { ptr: true }],
      ['os', 36, 'io.k8s.api.core.v1.PodOS', 'The operating system the pod\'s containers need (linux or windows).', { ptr: true }],
      ['hostUsers', 37, 'bool', 'Use the node\'s user namespace (true, default) or a new one for the pod (false).', { ptr: true }],
      ['schedulingGates', 38, '[]io.k8s.api.core.v1.PodSchedulingGate', 'While any gate is listed, the pod is not scheduled (status SchedulingGated).', { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }],
      ['resourceClaims', 39, '[]io.k8s.api.core.v1.PodResourceClaim', 'Dynamic resource allocation claims that the pod\'s containers can use.', { patchStrategy: 'merge,retainKeys', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }],
      ['resources', 40, 'io.k8s.api.core.v1.ResourceRequirements', 'Pod-level total resource requests and limits shared by all containers.', { ptr: true }],
      ['hostnameOverride', 41, 'string', 'Sets the pod\'s hostname to exactly this value, overriding hostname and subdomain.', { ptr: true }],
      ['workloadRef', 42, 'io.k8s.api.core.v1.WorkloadReference', 'The Workload and pod group this pod belongs to, for gang scheduling.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.PodStatus': {
    description: 'The observed state of a pod, reported by the kubelet and the control plane.',
    fields: [
      ['observedGeneration', 17, 'int64', 'The pod metadata.generation that this status reflects.'],
      ['phase', 1, 'string', 'The pod\'s lifecycle phase: Pending, Running, Succeeded, Failed or Unknown.', { enum: ['Failed', 'Pending', 'Running', 'Succeeded', 'Unknown'] }],
      ['conditions', 2, '[]io.k8s.api.core.v1.PodCondition', 'Current conditions of the pod, e.g. PodScheduled, Initialized, ContainersReady, Ready.', { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'] }],
      ['message', 3, 'string', 'A human-readable message about why the pod is in this state.'],
      ['reason', 4, 'string', 'A short CamelCase reason for the pod\'s state, e.g. Evicted.'],
      ['nominatedNodeName', 11, 'string', 'The node this pod is expected to run on after preempting other pods.'],
      ['hostIP', 5, 'string', 'The primary IP address of the node the pod runs on.'],
      ['hostIPs', 16, '[]io.k8s.api.core.v1.HostIP', 'The IP addresses of the node the pod runs on; the first equals hostIP.', { patchStrategy: 'merge', patchMergeKey: 'ip', listType: 'atomic' }],
      ['podIP', 6, 'string', 'The primary IP address allocated to the pod.'],
      ['podIPs', 12, '[]io.k8s.api.core.v1.PodIP', 'The IP addresses allocated to the pod (one per IP family); the first equals podIP.', { patchStrategy: 'merge', patchMergeKey: 'ip', listType: 'map', listMapKeys: ['ip'] }],
      ['startTime', 7, 'Time', 'When the kubelet acknowledged the pod, before its images were pulled.', { ptr: true }],
      ['initContainerStatuses', 10, '[]io.k8s.api.core.v1.ContainerStatus', 'The status of each init container.', { listType: 'atomic' }],
      ['containerStatuses', 8, '[]io.k8s.api.core.v1.ContainerStatus', 'The status of each app container.', { listType: 'atomic' }],
      ['qosClass', 9, 'string', 'The Quality of Service class from the containers\' requests and limits: Guaranteed, Burstable or BestEffort.', { enum: ['BestEffort', 'Burstable', 'Guaranteed'] }],
      ['ephemeralContainerStatuses', 13, '[]io.k8s.api.core.v1.ContainerStatus', 'The status of each ephemeral container.', { listType: 'atomic' }],
      ['resize', 14, 'string', 'Deprecated: the status of a requested in-place resize; now reported as pod conditions.'],
      ['resourceClaimStatuses', 15, '[]io.k8s.api.core.v1.PodResourceClaimStatus', 'The names of the ResourceClaims generated for the pod\'s resourceClaims.', { patchStrategy: 'merge,retainKeys', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }],
      ['extendedResourceClaimStatus', 18, 'io.k8s.api.core.v1.PodExtendedResourceClaimStatus', 'The ResourceClaim generated to serve extended resources through dynamic resource allocation.', { ptr: true }],
      ['allocatedResources', 19, 'map[Quantity]', 'The pod-level resources allocated by the kubelet.'],
      ['resources', 20, 'io.k8s.api.core.v1.ResourceRequirements', 'The pod-level resource requests and limits actually in effect.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.PodTemplateSpec': {
    description: 'The metadata and spec that pods created from this template get.',
    fields: [
      ['metadata', 1, 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'Metadata (labels, annotations) given to pods made from this template.'],
      ['spec', 2, 'io.k8s.api.core.v1.PodSpec', 'The spec given to pods made from this template.'],
    ],
  },
  'io.k8s.api.core.v1.GCEPersistentDiskVolumeSource': {
    description: 'A Google Compute Engine persistent disk.',
    fields: [
      ['pdName', 1, 'string', 'The name of the disk in GCE.', { required: true }],
      ['fsType', 2, 'string', 'The filesystem type to mount, e.g. ext4 or xfs.'],
      ['partition', 3, 'int32', 'The partition to mount; 0 or unset means the whole disk.'],
      ['readOnly', 4, 'bool', 'Mount the volume read-only.'],
    ],
  },
  'io.k8s.api.core.v1.AWSElasticBlockStoreVolumeSource': {
    description: 'An AWS Elastic Block Store volume.',
    fields: [
      ['volumeID', 1, 'string', 'The volume\'s ID in the storage system.', { required: true }],
      ['fsType', 2, 'string', 'The filesystem type to mount, e.g. ext4 or xfs.'],
      ['partition', 3, 'int32', 'The partition to mount; 0 or unset means the whole disk.'],
      ['readOnly', 4, 'bool', 'Mount the volume read-only.'],
    ],
  },
  'io.k8s.api.core.v1.HostPathVolumeSource': {
    description: 'A file or directory on the node mounted into the pod.',
    fields: [
      ['path', 1, 'string', 'The path on the node.', { required: true }],
      ['type', 2, 'string', 'What must be at the path: "" (no check), DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice or BlockDevice.', { ptr: true, enum: ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'] }],
    ],
  },
  'io.k8s.api.core.v1.GlusterfsPersistentVolumeSource': {
    description: 'A GlusterFS volume backing a PersistentVolume.',
    fields: [
      ['endpoints', 1, 'string', 'The Endpoints object listing the Glusterfs servers.', { required: true }],
      ['path', 2, 'string', 'The Glusterfs volume name.', { required: true }],
      ['readOnly', 3, 'bool', 'Mount the volume read-only.'],
      ['endpointsNamespace', 4, 'string', 'The namespace of the Endpoints object; default the claim\'s namespace.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.NFSVolumeSource': {
    description: 'An NFS export mounted into the pod.',
    fields: [
      ['server', 1, 'string', 'The NFS server\'s host name or IP address.', { required: true }],
      ['path', 2, 'string', 'The exported path.', { required: true }],
      ['readOnly', 3, 'bool', 'Mount the volume read-only.'],
    ],
  },
  'io.k8s.api.core.v1.RBDPersistentVolumeSource': {
    description: 'A Ceph RADOS block device backing a PersistentVolume.',
    fields: [
      ['monitors', 1, '[]string', 'The Ceph monitor addresses.', { required: true, listType: 'atomic' }],
      ['image', 2, 'string', 'The RBD image name.', { required: true }],
      ['fsType', 3, 'string', 'The filesystem type to mount, e.g. ext4 or xfs.'],
      ['pool', 4, 'string', 'The RADOS pool; default rbd.'],
      ['user', 5, 'string', 'The user name for authentication.'],
      ['keyring', 6, 'string', 'The keyring file path; default /etc/ceph/keyring.'],
      ['secretRef', 7, 'io.k8s.api.core.v1.SecretReference', 'The Secret holding the credentials.', { ptr: true }],
      ['readOnly', 8, 'bool', 'Mount the volume read-only.'],
    ],
  },
  'io.k8s.api.core.v1.ISCSIPersistentVolumeSource': {
    description: 'An iSCSI disk backing a PersistentVolume.',
    fields: [
      ['targetPortal', 1, 'string', 'The iSCSI target portal, IP or IP:port (default port 3260).', { required: true }],
      ['iqn', 2, 'string', 'The iSCSI qualified name of the target.', { required: true }],
      ['lun', 3, 'int32', 'The target LUN number.', { required: true }],
      ['iscsiInterface', 4, 'string', 'The iSCSI interface name; default "default" (tcp).'],
      ['fsType', 5, 'string', 'The filesystem type to mount, e.g. ext4 or xfs.'],
      ['readOnly', 6, 'bool', 'Mount the volume read-only.'],
      ['portals', 7, '[]string', 'Further target portals for multipath.', { listType: 'atomic' }],
      ['chapAuthDiscovery', 8, 'bool', 'Use CHAP authentication for discovery.'],
      ['chapAuthSession', 11, 'bool', 'Use CHAP authentication for the session.'],
      ['secretRef', 10, 'io.k8s.api.core.v1.SecretReference', 'The Secret with the CHAP credentials.', { ptr: true }],
      ['initiatorName', 12, 'string', 'A custom initiator name, replacing the one from iscsiInterface.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.CinderPersistentVolumeSource': {
    description: 'An OpenStack Cinder volume backing a PersistentVolume.',
    fields: [
      ['volumeID', 1, 'string', 'The volume\'s ID in the storage system.', { required: true }],
      ['fsType', 2, 'string', 'The filesystem type to mount, e.g. ext4 or xfs.'],
      ['readOnly', 3, 'bool', 'Mount the volume read-only.'],
      ['secretRef', 4, 'io.k8s.api.core.v1.SecretReference', 'The Secret holding the credentials.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.CephFSPersistentVolumeSource': {
    description: 'A CephFS mount backing a PersistentVolume.',
    fields: [
      ['monitors', 1, '[]string', 'The Ceph monitor addresses.', { required: true, listType: 'atomic' }],
      ['path', 2, 'string', 'The path within CephFS to mount; default /.'],
      ['user', 3, 'string', 'The user name for authentication.'],
      ['secretFile', 4, 'string', 'The path of the keyring file; default /etc/ceph/user.secret.'],
      ['secretRef', 5, 'io.k8s.api.core.v1.SecretReference', 'The Secret holding the credentials.', { ptr: true }],
      ['readOnly', 6, 'bool', 'Mount the volume read-only.'],
    ],
  },
  'io.k8s.api.core.v1.FCVolumeSource': {
    description: 'A Fibre Channel disk.',
    fields: [
      ['targetWWNs', 1, '[]string', 'Target World Wide Names.', { listType: 'atomic' }],
      ['lun', 2, 'int32', 'The target LUN number.', { ptr: true }],
      ['fsType', 3, 'string', 'The filesystem type to mount, e.g. ext4 or xfs.'],
      ['readOnly', 4, 'bool', 'Mount the volume read-only.'],
      ['wwids', 5, '[]string', 'World Wide Identifiers of the volume; use either these or targetWWNs with lun.', { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.core.v1.FlockerVolumeSource': {
    description: 'A Flocker dataset.',
    fields: [
      ['datasetName', 1, 'string', 'The dataset name.'],
      ['datasetUUID', 2, 'string', 'The dataset UUID.'],
    ],
  },
  'io.k8s.api.core.v1.FlexPersistentVolumeSource': {
    description: 'A FlexVolume plugin volume backing a PersistentVolume.',
    fields: [
      ['driver', 1, 'string', 'The name of the driver.', { required: true }],
      ['fsType', 2, 'string', 'The filesystem type to mount, e.g. ext4 or xfs.'],
      ['secretRef', 3, 'io.k8s.api.core.v1.SecretReference', 'The Secret holding the credentials.', { ptr: true }],
      ['readOnly', 4, 'bool', 'Mount the volume read-only.'],
      ['options', 5, 'map[string]', 'Extra driver options.'],
    ],
  },
  'io.k8s.api.core.v1.AzureFilePersistentVolumeSource': {
    description: 'An Azure File share backing a PersistentVolume.',
    fields: [
      ['secretName', 1, 'string', 'The Secret with the storage account name and key.', { required: true }],
      ['shareName', 2, 'string', 'The share name.', { required: true }],
      ['readOnly', 3, 'bool', 'Mount the volume read-only.'],
      ['secretNamespace', 4, 'string', 'The namespace of that Secret; default the pod\'s namespace.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.VsphereVirtualDiskVolumeSource': {
    description: 'A vSphere virtual disk.',
    fields: [
      ['volumePath', 1, 'string', 'The path that identifies the vSphere volume.', { required: true }],
      ['fsType', 2, 'string', 'The filesystem type to mount, e.g. ext4 or xfs.'],
      ['storagePolicyName', 3, 'string', 'The storage policy name.'],
      ['storagePolicyID', 4, 'string', 'The storage policy ID.'],
    ],
  },
  'io.k8s.api.core.v1.QuobyteVolumeSource': {
    description: 'A Quobyte volume.',
    fields: [
      ['registry', 1, 'string', 'The Quobyte registry address(es), host:port.', { required: true }],
      ['volume', 2, 'string', 'The Quobyte volume name.', { required: true }],
      ['readOnly', 3, 'bool', 'Mount the volume read-only.'],
      ['user', 4, 'string', 'The user the volume access maps to; default serviceaccount.'],
      ['group', 5, 'string', 'The group the volume access maps to.'],
      ['tenant', 6, 'string', 'The Quobyte tenant owning the volume.'],
    ],
  },
  'io.k8s.api.core.v1.AzureDiskVolumeSource': {
    description: 'An Azure data disk.',
    fields: [
      ['diskName', 1, 'string', 'The data disk\'s name in blob storage.', { required: true }],
      ['diskURI', 2, 'string', 'The data disk\'s URI in blob storage.', { required: true }],
      ['cachingMode', 3, 'string', 'Host caching mode: None, ReadOnly or ReadWrite.', { ptr: true, enum: ['None', 'ReadOnly', 'ReadWrite'] }],
      ['fsType', 4, 'string', 'The filesystem type to mount, e.g. ext4 or xfs.', { ptr: true }],
      ['readOnly', 5, 'bool', 'Mount the volume read-only.', { ptr: true }],
      ['kind', 6, 'string', 'Shared, Dedicated or Managed (default).', { ptr: true, enum: ['Dedicated', 'Managed', 'Shared'] }],
    ],
  },
  'io.k8s.api.core.v1.PhotonPersistentDiskVolumeSource': {
    description: 'A Photon Controller persistent disk.',
    fields: [
      ['pdID', 1, 'string', 'The disk ID.', { required: true }],
      ['fsType', 2, 'string', 'The filesystem type to mount, e.g. ext4 or xfs.'],
    ],
  },
  'io.k8s.api.core.v1.PortworxVolumeSource': {
    description: 'A Portworx volume.',
    fields: [
      ['volumeID', 1, 'string', 'The volume\'s ID in the storage system.', { required: true }],
      ['fsType', 2, 'string', 'The filesystem type to mount, e.g. ext4 or xfs.'],
      ['readOnly', 3, 'bool', 'Mount the volume read-only.'],
    ],
  },
  'io.k8s.api.core.v1.ScaleIOPersistentVolumeSource': {
    description: 'A ScaleIO volume backing a PersistentVolume.',
    fields: [
      ['gateway', 1, 'string', 'The ScaleIO API gateway address.', { required: true }],
      ['system', 2, 'string', 'The ScaleIO storage system name.', { required: true }],
      ['secretRef', 3, 'io.k8s.api.core.v1.SecretReference', 'The Secret holding the credentials.', { required: true, ptr: true }],
      ['sslEnabled', 4, 'bool', 'Use SSL to talk to the gateway.'],
      ['protectionDomain', 5, 'string', 'The protection domain of the storage.'],
      ['storagePool', 6, 'string', 'The storage pool of the protection domain.'],
      ['storageMode', 7, 'string', 'ThickProvisioned or ThinProvisioned (default).'],
      ['volumeName', 8, 'string', 'An existing ScaleIO volume name.'],
      ['fsType', 9, 'string', 'The filesystem type to mount, e.g. ext4 or xfs.'],
      ['readOnly', 10, 'bool', 'Mount the volume read-only.'],
    ],
  },
  'io.k8s.api.core.v1.StorageOSPersistentVolumeSource': {
    description: 'A StorageOS volume backing a PersistentVolume.',
    fields: [
      ['volumeName', 1, 'string', 'The volume\'s name in the storage system.'],
      ['volumeNamespace', 2, 'string', 'The StorageOS namespace of the volume.'],
      ['fsType', 3, 'string', 'The filesystem type to mount, e.g. ext4 or xfs.'],
      ['readOnly', 4, 'bool', 'Mount the volume read-only.'],
      ['secretRef', 5, 'io.k8s.api.core.v1.ObjectReference', 'The Secret holding the credentials.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.CSIPersistentVolumeSource': {
    description: 'A volume managed by an external CSI driver.',
    fields: [
      ['driver', 1, 'string', 'The CSI driver name.', { required: true }],
      ['volumeHandle', 2, 'string', 'The volume\'s ID as returned by the driver.', { required: true }],
      ['readOnly', 3, 'bool', 'Mount the volume read-only.'],
      ['fsType', 4, 'string', 'The filesystem type to mount, e.g. ext4 or xfs.'],
      ['volumeAttributes', 5, 'map[string]', 'Driver-specific attributes of the volume.'],
      ['controllerPublishSecretRef', 6, 'io.k8s.api.core.v1.SecretReference', 'A Secret passed to the driver\'s ControllerPublishVolume and ControllerUnpublishVolume calls.', { ptr: true }],
      ['nodeStageSecretRef', 7, 'io.k8s.api.core.v1.SecretReference', 'A Secret passed to the driver\'s NodeStageVolume and NodeUnstageVolume calls.', { ptr: true }],
      ['nodePublishSecretRef', 8, 'io.k8s.api.core.v1.SecretReference', 'A Secret passed to the driver\'s NodePublishVolume and NodeUnpublishVolume calls.', { ptr: true }],
      ['controllerExpandSecretRef', 9, 'io.k8s.api.core.v1.SecretReference', 'A Secret passed to the driver\'s ControllerExpandVolume call.', { ptr: true }],
      ['nodeExpandSecretRef', 10, 'io.k8s.api.core.v1.SecretReference', 'A Secret passed to the driver\'s NodeExpandVolume call.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.Volume': {
    description: 'A named volume in a pod, with exactly one source.',
    fields: [
      ['name', 1, 'string', 'The volume\'s name (a DNS label), used by volumeMounts.', { required: true }],
      ['', 2, 'io.k8s.api.core.v1.VolumeSource', 'Inline: the fields of VolumeSource sit at this level in JSON (protobuf field 2).'],
    ],
  },
  'io.k8s.api.core.v1.Container': {
    description: 'One container of a pod: its image, command, environment, ports, resources and probes.',
    fields: [
      ['name', 1, 'string', 'The container\'s name (a DNS label), unique within the pod.', { required: true }],
      ['image', 2, 'string', 'The container image to run, e.g. nginx:1.27.'],
      ['command', 3, '[]string', 'The entrypoint, replacing the image\'s ENTRYPOINT; $(VAR) is expanded from env.', { listType: 'atomic' }],
      ['args', 4, '[]string', 'Arguments to the entrypoint, replacing the image\'s CMD; $(VAR) is expanded from env.', { listType: 'atomic' }],
      ['workingDir', 5, 'string', 'The working directory; defaults to the image\'s.'],
      ['ports', 6, '[]io.k8s.api.core.v1.ContainerPort', 'Ports the container exposes; informational, except for naming ports and hostPort.', { patchStrategy: 'merge', patchMergeKey: 'containerPort', listType: 'map', listMapKeys: ['containerPort', 'protocol'] }],
      ['envFrom', 19, '[]io.k8s.api.core.v1.EnvFromSource', 'Sources (ConfigMaps, Secrets) whose keys all become environment variables.', { listType: 'atomic' }],
      ['env', 7, '[]io.k8s.api.core.v1.EnvVar', 'Environment variables set in the container.', { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }],
      ['resources', 8, 'io.k8s.api.core.v1.ResourceRequirements', 'CPU, memory and other resource requests and limits.'],
      ['resizePolicy', 23, '[]io.k8s.api.core.v1.ContainerResizePolicy', 'Whether changing a resource in place needs a container restart.', { listType: 'atomic' }],
      ['restartPolicy', 24, 'string', 'Per-container restart policy; Always on an init container makes it a sidecar.', { ptr: true }],
      ['restartPolicyRules', 25, '[]io.k8s.api.core.v1.ContainerRestartRule', 'Rules, checked in order, that decide whether the container restarts after it exits.', { listType: 'atomic' }],
      ['volumeMounts', 9, '[]io.k8s.api.core.v1.VolumeMount', 'Pod volumes mounted into the container\'s filesystem.', { patchStrategy: 'merge', patchMergeKey: 'mountPath', listType: 'map', listMapKeys: ['mountPath'] }],
      ['volumeDevices', 21, '[]io.k8s.api.core.v1.VolumeDevice', 'Raw block volumes exposed to the container as devices.', { patchStrategy: 'merge', patchMergeKey: 'devicePath', listType: 'map', listMapKeys: ['devicePath'] }],
      ['livenessProbe', 10, 'io.k8s.api.core.v1.Probe', 'Check of whether the container is alive; on failure it is restarted.', { ptr: true }],
      ['readinessProbe', 11, 'io.k8s.api.core.v1.Probe', 'Check of whether the container can take traffic; on failure it is removed from Service endpoints.', { ptr: true }],
      ['startupProbe', 22, 'io.k8s.api.core.v1.Probe', 'Check of whether the app has started; other probes wait until it succeeds.', { ptr: true }],
      ['lifecycle', 12, 'io.k8s.api.core.v1.Lifecycle', 'Actions run right after the container starts and just before it stops.', { ptr: true }],
      ['terminationMessagePath', 13, 'string', 'File whose content becomes the termination message; default /dev/termination-log.'],
      ['terminationMessagePolicy', 20, 'string', 'Where the termination message comes from: File (default) or FallbackToLogsOnError.', { enum: ['FallbackToLogsOnError', 'File'] }],
      ['imagePullPolicy', 14, 'string', 'When to pull the image: Always, IfNotPresent or Never (Always for :latest, else IfNotPresent).', { enum: ['Always', 'IfNotPresent', 'Never'] }],
      ['securityContext', 15, 'io.k8s.api.core.v1.SecurityContext', 'Security settings for this container (user, capabilities, privileged...).', { ptr: true }],
      ['stdin', 16, 'bool', 'Keep a stdin buffer open for the container.'],
      ['stdinOnce', 17, 'bool', 'Close stdin after the first attach session ends.'],
      ['tty', 18, 'bool', 'Allocate a TTY for the container (needs stdin).'],
    ],
  },
  'io.k8s.api.core.v1.EphemeralContainer': {
    description: 'A temporary container added to a running pod for debugging; it has no ports, probes or resources.',
    fields: [
      ['', 1, 'io.k8s.api.core.v1.EphemeralContainerCommon', 'Inline: the fields of EphemeralContainerCommon sit at this level in JSON (protobuf field 1).'],
      ['targetContainerName', 2, 'string', 'The container whose process namespace the debug container joins.'],
    ],
  },
  'io.k8s.api.core.v1.PodSecurityContext': {
    description: 'Security settings for the whole pod; container settings override them.',
    fields: [
      ['seLinuxOptions', 1, 'io.k8s.api.core.v1.SELinuxOptions', 'The SELinux context applied to the container(s).', { ptr: true }],
      ['windowsOptions', 8, 'io.k8s.api.core.v1.WindowsSecurityContextOptions', 'Windows-only security settings.', { ptr: true }],
      ['runAsUser', 2, 'int64', 'The UID the container process runs as.', { ptr: true }],
      ['runAsGroup', 6, 'int64', 'The primary GID the container process runs as.', { ptr: true }],
      ['runAsNonRoot', 3, 'bool', 'Refuse to start a container that would run as UID 0.', { ptr: true }],
      ['supplementalGroups', 4, '[]int64', 'Extra group IDs given to each container\'s first process.', { listType: 'atomic' }],
      ['supplementalGroupsPolicy', 12, 'string', 'How supplemental groups are computed: Merge (default) or Strict.', { ptr: true, enum: ['Merge', 'Strict'] }],
      ['fsGroup', 5, 'int64', 'A group that owns supported volumes and is added to every container\'s groups.', { ptr: true }],
      ['sysctls', 7, '[]io.k8s.api.core.v1.Sysctl', 'Namespaced kernel parameters set for the pod.', { listType: 'atomic' }],
      ['fsGroupChangePolicy', 9, 'string', 'When volume ownership is changed to fsGroup: OnRootMismatch or Always.', { ptr: true, enum: ['Always', 'OnRootMismatch'] }],
      ['seccompProfile', 10, 'io.k8s.api.core.v1.SeccompProfile', 'The seccomp profile applied to the container(s).', { ptr: true }],
      ['appArmorProfile', 11, 'io.k8s.api.core.v1.AppArmorProfile', 'The AppArmor profile applied to the container(s).', { ptr: true }],
      ['seLinuxChangePolicy', 13, 'string', 'How the SELinux label is applied to volumes: MountOption or Recursive.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.LocalObjectReference': {
    description: 'Names an object in the same namespace.',
    fields: [
      ['name', 1, 'string', 'The name of the object.'],
    ],
  },
  'io.k8s.api.core.v1.Affinity': {
    description: 'Scheduling constraints relating a pod to nodes and to other pods.',
    fields: [
      ['nodeAffinity', 1, 'io.k8s.api.core.v1.NodeAffinity', 'Rules about which nodes the pod may or should run on.', { ptr: true }],
      ['podAffinity', 2, 'io.k8s.api.core.v1.PodAffinity', 'Rules to place the pod near pods that match a selector.', { ptr: true }],
      ['podAntiAffinity', 3, 'io.k8s.api.core.v1.PodAntiAffinity', 'Rules to keep the pod away from pods that match a selector.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.Toleration': {
    description: 'Lets a pod be scheduled on (or stay on) nodes with a matching taint.',
    fields: [
      ['key', 1, 'string', 'The taint key to match; empty with Exists matches all taints.'],
      ['operator', 2, 'string', 'Equal (default, key and value must match) or Exists (any value); Lt and Gt compare numbers.', { enum: ['Equal', 'Exists', 'Gt', 'Lt'] }],
      ['value', 3, 'string', 'The taint value to match; empty with Exists.'],
      ['effect', 4, 'string', 'The taint effect to match: NoSchedule, PreferNoSchedule or NoExecute; empty matches all.', { enum: ['NoExecute', 'NoSchedule', 'PreferNoSchedule'] }],
      ['tolerationSeconds', 5, 'int64', 'With NoExecute: how long the pod stays bound after the taint appears.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.HostAlias': {
    description: 'An IP address and host names written into the pod\'s /etc/hosts.',
    fields: [
      ['ip', 1, 'string', 'The IP address.', { required: true }],
      ['hostnames', 2, '[]string', 'Host names for that address.', { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.core.v1.PodDNSConfig': {
    description: 'DNS settings for the pod beyond those from dnsPolicy.',
    fields: [
      ['nameservers', 1, '[]string', 'DNS server IP addresses (at most 3).', { listType: 'atomic' }],
      ['searches', 2, '[]string', 'DNS search domains.', { listType: 'atomic' }],
      ['options', 3, '[]io.k8s.api.core.v1.PodDNSConfigOption', 'Resolver options, e.g. ndots.', { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.core.v1.PodReadinessGate': {
    description: 'An extra pod condition that must be True for the pod to be Ready.',
    fields: [
      ['conditionType', 1, 'string', 'The type of the pod condition to wait for.', { required: true }],
    ],
  },
  'io.k8s.api.core.v1.TopologySpreadConstraint': {
    description: 'How matching pods must be spread across topology domains.',
    fields: [
      ['maxSkew', 1, 'int32', 'The largest allowed difference in matching pod count between two domains.', { required: true }],
      ['topologyKey', 2, 'string', 'The node label whose values define the domains.', { required: true }],
      ['whenUnsatisfiable', 3, 'string', 'DoNotSchedule (hard rule) or ScheduleAnyway (soft rule).', { required: true, enum: ['DoNotSchedule', 'ScheduleAnyway'] }],
      ['labelSelector', 4, 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector', 'Labels of the pods to count in each domain.', { ptr: true }],
      ['minDomains', 5, 'int32', 'The least number of eligible domains (only with DoNotSchedule).', { ptr: true }],
      ['nodeAffinityPolicy', 6, 'string', 'Whether the pod\'s node affinity limits which nodes count: Honor (default) or Ignore.', { ptr: true, enum: ['Honor', 'Ignore'] }],
      ['nodeTaintsPolicy', 7, 'string', 'Whether node taints limit which nodes count: Honor or Ignore (default).', { ptr: true, enum: ['Honor', 'Ignore'] }],
      ['matchLabelKeys', 8, '[]string', 'Label keys whose values from this pod are added to labelSelector.', { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.core.v1.PodOS': {
    description: 'The operating system a pod needs.',
    fields: [
      ['name', 1, 'string', 'The OS name: linux or windows.', { required: true }],
    ],
  },
  'io.k8s.api.core.v1.PodSchedulingGate': {
    description: 'A gate that holds a pod back from scheduling until it is removed.',
    fields: [
      ['name', 1, 'string', 'The gate\'s name; unique within the pod.', { required: true }],
    ],
  },
  'io.k8s.api.core.v1.PodResourceClaim': {
    description: 'A named reference from a pod to a ResourceClaim or ResourceClaimTemplate.',
    fields: [
      ['name', 1, 'string', 'The name containers use for this claim in resources.claims.', { required: true }],
      ['resourceClaimName', 3, 'string', 'An existing ResourceClaim in the pod\'s namespace.', { ptr: true }],
      ['resourceClaimTemplateName', 4, 'string', 'A ResourceClaimTemplate from which a claim is created for this pod.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.ResourceRequirements': {
    description: 'Compute resource requests and limits.',
    fields: [
      ['limits', 1, 'map[Quantity]', 'The most of each resource the container may use, e.g. cpu: 500m, memory: 128Mi.'],
      ['requests', 2, 'map[Quantity]', 'The amount of each resource reserved for scheduling; defaults to limits when unset.'],
      ['claims', 3, '[]io.k8s.api.core.v1.ResourceClaim', 'Which of the pod\'s resourceClaims this container uses.', { listType: 'map', listMapKeys: ['name'] }],
    ],
  },
  'io.k8s.api.core.v1.WorkloadReference': {
    description: 'Names the Workload object and pod group a pod belongs to.',
    fields: [
      ['name', 1, 'string', 'The name of the Workload in the pod\'s namespace.', { required: true }],
      ['podGroup', 2, 'string', 'The name of the pod group inside that Workload.', { required: true }],
      ['podGroupReplicaKey', 3, 'string', 'Tells apart replicas of the same pod group.'],
    ],
  },
  'io.k8s.api.core.v1.PodCondition': {
    description: 'One condition of a pod, such as Ready or PodScheduled.',
    fields: [
      ['type', 1, 'string', 'The condition type, e.g. PodScheduled, Initialized, ContainersReady, Ready.', { required: true }],
      ['observedGeneration', 7, 'int64', 'The pod metadata.generation this condition was set from.'],
      ['status', 2, 'string', 'Whether the condition holds: True, False or Unknown.', { required: true }],
      ['lastProbeTime', 3, 'Time', 'When the condition was last checked.'],
      ['lastTransitionTime', 4, 'Time', 'When the condition last changed status.'],
      ['reason', 5, 'string', 'A short CamelCase reason for the last transition.'],
      ['message', 6, 'string', 'A human-readable message about the last transition.'],
    ],
  },
  'io.k8s.api.core.v1.HostIP': {
    description: 'One IP address of the node a pod runs on.',
    fields: [
      ['ip', 1, 'string', 'The IP address.', { required: true }],
    ],
  },
  'io.k8s.api.core.v1.PodIP': {
    description: 'One IP address allocated to a pod.',
    fields: [
      ['ip', 1, 'string', 'The IP address.', { required: true }],
    ],
  },
  'io.k8s.api.core.v1.ContainerStatus': {
    description: 'The observed state of one container of a pod.',
    fields: [
      ['name', 1, 'string', 'The container\'s name from the pod spec.', { required: true }],
      ['state', 2, 'io.k8s.api.core.v1.ContainerState', 'The container\'s current state.'],
      ['lastState', 3, 'io.k8s.api.core.v1.ContainerState', 'The state the container ended in the last time it terminated.'],
      ['ready', 4, 'bool', 'Whether the container is passing its readiness probe.', { required: true }],
      ['restartCount', 5, 'int32', 'How many times the container has been restarted.', { required: true }],
      ['image', 6, 'string', 'The image the container runs.', { required: true }],
      ['imageID', 7, 'string', 'The ID (digest) of the image the container runs.', { required: true }],
      ['containerID', 8, 'string', 'The container\'s ID in the runtime, as <type>://<id>.'],
      ['started', 9, 'bool', 'Whether the container has passed its startup probe.', { ptr: true }],
      ['allocatedResources', 10, 'map[Quantity]', 'The resources the node has allocated to the container.'],
      ['resources', 11, 'io.k8s.api.core.v1.ResourceRequirements', 'The resource requests and limits actually applied to the running container.', { ptr: true }],
      ['volumeMounts', 12, '[]io.k8s.api.core.v1.VolumeMountStatus', 'The state of the container\'s volume mounts.', { patchStrategy: 'merge', patchMergeKey: 'mountPath', listType: 'map', listMapKeys: ['mountPath'] }],
      ['user', 13, 'io.k8s.api.core.v1.ContainerUser', 'The identity the container process runs with.', { ptr: true }],
      ['allocatedResourcesStatus', 14, '[]io.k8s.api.core.v1.ResourceStatus', 'The health of the devices allocated to the container.', { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }],
      ['stopSignal', 15, 'string', 'The signal that will be used to stop the container.', { ptr: true, enum: ['SIGABRT', 'SIGALRM', 'SIGBUS', 'SIGCHLD', 'SIGCLD', 'SIGCONT', 'SIGFPE', 'SIGHUP', 'SIGILL', 'SIGINT', 'SIGIO', 'SIGIOT', 'SIGKILL', 'SIGPIPE', 'SIGPOLL', 'SIGPROF', 'SIGPWR', 'SIGQUIT', 'SIGRTMAX', 'SIGRTMAX-1', 'SIGRTMAX-10', 'SIGRTMAX-11', 'SIGRTMAX-12', 'SIGRTMAX-13', 'SIGRTMAX-14', 'SIGRTMAX-2', 'SIGRTMAX-3', 'SIGRTMAX-4', 'SIGRTMAX-5', 'SIGRTMAX-6', 'SIGRTMAX-7', 'SIGRTMAX-8', 'SIGRTMAX-9', 'SIGRTMIN', 'SIGRTMIN+1', 'SIGRTMIN+10', 'SIGRTMIN+11', 'SIGRTMIN+12', 'SIGRTMIN+13', 'SIGRTMIN+14', 'SIGRTMIN+15', 'SIGRTMIN+2', 'SIGRTMIN+3', 'SIGRTMIN+4', 'SIGRTMIN+5', 'SIGRTMIN+6', 'SIGRTMIN+7', 'SIGRTMIN+8', 'SIGRTMIN+9', 'SIGSEGV', 'SIGSTKFLT', 'SIGSTOP', 'SIGSYS', 'SIGTERM', 'SIGTRAP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGUSR1', 'SIGUSR2', 'SIGVTALRM', 'SIGWINCH', 'SIGXCPU', 'SIGXFSZ'] }],
    ],
  },
  'io.k8s.api.core.v1.PodResourceClaimStatus': {
    description: 'The ResourceClaim generated for one of the pod\'s claim entries.',
    fields: [
      ['name', 1, 'string', 'The matching entry name in spec.resourceClaims.', { required: true }],
      ['resourceClaimName', 2, 'string', 'The name of the generated ResourceClaim; empty when none was needed.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.VolumeSource': {
    description: 'Where a volume\'s data comes from; set exactly one field (inlined into Volume).',
    fields: [
      ['hostPath', 1, 'io.k8s.api.core.v1.HostPathVolumeSource', 'A file or directory on the node.', { ptr: true }],
      ['emptyDir', 2, 'io.k8s.api.core.v1.EmptyDirVolumeSource', 'An empty directory that lives as long as the pod.', { ptr: true }],
      ['gcePersistentDisk', 3, 'io.k8s.api.core.v1.GCEPersistentDiskVolumeSource', 'Deprecated: a GCE persistent disk (in-tree driver removed).', { ptr: true }],
      ['awsElasticBlockStore', 4, 'io.k8s.api.core.v1.AWSElasticBlockStoreVolumeSource', 'Deprecated: an AWS EBS volume (in-tree driver removed).', { ptr: true }],
      ['gitRepo', 5, 'io.k8s.api.core.v1.GitRepoVolumeSource', 'Deprecated: a git repository cloned at pod start.', { ptr: true }],
      ['secret', 6, 'io.k8s.api.core.v1.SecretVolumeSource', 'The keys of a Secret as files.', { ptr: true }],
      ['nfs', 7, 'io.k8s.api.core.v1.NFSVolumeSource', 'An NFS export.', { ptr: true }],
      ['iscsi', 8, 'io.k8s.api.core.v1.ISCSIVolumeSource', 'An iSCSI disk.', { ptr: true }],
      ['glusterfs', 9, 'io.k8s.api.core.v1.GlusterfsVolumeSource', 'Deprecated: a GlusterFS volume (in-tree driver removed).', { ptr: true }],
      ['persistentVolumeClaim', 10, 'io.k8s.api.core.v1.PersistentVolumeClaimVolumeSource', 'The volume bound to a PersistentVolumeClaim in the pod\'s namespace.', { ptr: true }],
      ['rbd', 11, 'io.k8s.api.core.v1.RBDVolumeSource', 'Deprecated: a Ceph RBD image (in-tree driver removed).', { ptr: true }],
      ['flexVolume', 12, 'io.k8s.api.core.v1.FlexVolumeSource', 'Deprecated: a volume from a FlexVolume driver.', { ptr: true }],
      ['cinder', 13, 'io.k8s.api.core.v1.CinderVolumeSource', 'Deprecated: an OpenStack Cinder volume (in-tree driver removed).', { ptr: true }],
      ['cephfs', 14, 'io.k8s.api.core.v1.CephFSVolumeSource', 'Deprecated: a CephFS mount (in-tree driver removed).', { ptr: true }],
      ['flocker', 15, 'io.k8s.api.core.v1.FlockerVolumeSource', 'Deprecated: a Flocker dataset (in-tree driver removed).', { ptr: true }],
      ['downwardAPI', 16, 'io.k8s.api.core.v1.DownwardAPIVolumeSource', 'Pod fields and container resources as files.', { ptr: true }],
      ['fc', 17, 'io.k8s.api.core.v1.FCVolumeSource', 'A Fibre Channel disk.', { ptr: true }],
      ['azureFile', 18, 'io.k8s.api.core.v1.AzureFileVolumeSource', 'Deprecated: an Azure File share (in-tree driver removed).', { ptr: true }],
      ['configMap', 19, 'io.k8s.api.core.v1.ConfigMapVolumeSource', 'The keys of a ConfigMap as files.', { ptr: true }],
      ['vsphereVolume', 20, 'io.k8s.api.core.v1.VsphereVirtualDiskVolumeSource', 'Deprecated: a vSphere disk (in-tree driver removed).', { ptr: true }],
      ['quobyte', 21, 'io.k8s.api.core.v1.QuobyteVolumeSource', 'Deprecated: a Quobyte volume (in-tree driver removed).', { ptr: true }],
      ['azureDisk', 22, 'io.k8s.api.core.v1.AzureDiskVolumeSource', 'Deprecated: an Azure data disk (in-tree driver removed).', { ptr: true }],
      ['photonPersistentDisk', 23, 'io.k8s.api.core.v1.PhotonPersistentDiskVolumeSource', 'Deprecated: a Photon Controller disk (in-tree driver removed).', { ptr: true }],
      ['projected', 26, 'io.k8s.api.core.v1.ProjectedVolumeSource', 'Secrets, ConfigMaps, downward API and tokens combined in one directory.', { ptr: true }],
      ['portworxVolume', 24, 'io.k8s.api.core.v1.PortworxVolumeSource', 'Deprecated: a Portworx volume (in-tree driver migrated to CSI).', { ptr: true }],
      ['scaleIO', 25, 'io.k8s.api.core.v1.ScaleIOVolumeSource', 'Deprecated: a ScaleIO volume (in-tree driver removed).', { ptr: true }],
      ['storageos', 27, 'io.k8s.api.core.v1.StorageOSVolumeSource', 'Deprecated: a StorageOS volume (in-tree driver removed).', { ptr: true }],
      ['csi', 28, 'io.k8s.api.core.v1.CSIVolumeSource', 'An inline ephemeral volume from a CSI driver.', { ptr: true }],
      ['ephemeral', 29, 'io.k8s.api.core.v1.EphemeralVolumeSource', 'A PersistentVolumeClaim created for the pod from a template and deleted with it.', { ptr: true }],
      ['image', 30, 'io.k8s.api.core.v1.ImageVolumeSource', 'The content of an OCI image or artifact, mounted read-only.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.ContainerPort': {
    description: 'A network port exposed by a container.',
    fields: [
      ['name', 1, 'string', 'A name for the port (IANA_SVC_NAME) that Services and probes can refer to.'],
      ['hostPort', 2, 'int32', 'Port opened on the node that forwards to this container port.'],
      ['containerPort', 3, 'int32', 'The port number on the pod\'s IP address.', { required: true }],
      ['protocol', 4, 'string', 'The protocol: TCP (default), UDP or SCTP.', { enum: ['SCTP', 'TCP', 'UDP'] }],
      ['hostIP', 5, 'string', 'The node IP the host port binds to.'],
    ],
  },
  'io.k8s.api.core.v1.EnvFromSource': {
    description: 'A ConfigMap or Secret whose keys all become environment variables.',
    fields: [
      ['prefix', 1, 'string', 'Text put in front of every variable name from this source.'],
      ['configMapRef', 2, 'io.k8s.api.core.v1.ConfigMapEnvSource', 'The ConfigMap to read.', { ptr: true }],
      ['secretRef', 3, 'io.k8s.api.core.v1.SecretEnvSource', 'The Secret to read.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.EnvVar': {
    description: 'An environment variable for a container.',
    fields: [
      ['name', 1, 'string', 'The variable\'s name.', { required: true }],
      ['value', 2, 'string', 'The variable\'s literal value; $(VAR) references to earlier variables are expanded.'],
      ['valueFrom', 3, 'io.k8s.api.core.v1.EnvVarSource', 'Takes the value from a ConfigMap, Secret, pod field, resource or file instead.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.ContainerResizePolicy': {
    description: 'How an in-place change of one resource is applied to a container.',
    fields: [
      ['resourceName', 1, 'string', 'The resource: cpu or memory.', { required: true }],
      ['restartPolicy', 2, 'string', 'NotRequired (default) or RestartContainer.', { required: true }],
    ],
  },
  'io.k8s.api.core.v1.ContainerRestartRule': {
    description: 'A rule that decides a container\'s restart from how it exited.',
    fields: [
      ['action', 1, 'string', 'What to do when the rule matches; only Restart is allowed.', { required: true }],
      ['exitCodes', 2, 'io.k8s.api.core.v1.ContainerRestartRuleOnExitCodes', 'The exit codes the rule matches.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.VolumeMount': {
    description: 'Mounts a pod volume at a path in a container.',
    fields: [
      ['name', 1, 'string', 'The name of the pod volume to mount.', { required: true }],
      ['readOnly', 2, 'bool', 'Mount read-only; default false.'],
      ['recursiveReadOnly', 7, 'string', 'Whether read-only mounts are read-only for submounts too: Disabled, IfPossible or Enabled.', { ptr: true }],
      ['mountPath', 3, 'string', 'Where in the container the volume appears; must not contain ":".', { required: true }],
      ['subPath', 4, 'string', 'Mount this path inside the volume instead of its root.'],
      ['mountPropagation', 5, 'string', 'How mounts propagate between host and container: None, HostToContainer or Bidirectional.', { ptr: true, enum: ['Bidirectional', 'HostToContainer', 'None'] }],
      ['subPathExpr', 6, 'string', 'Like subPath, but $(VAR) references to env variables are expanded.'],
    ],
  },
  'io.k8s.api.core.v1.VolumeDevice': {
    description: 'Exposes a raw block volume as a device in a container.',
    fields: [
      ['name', 1, 'string', 'The name of the pod volume (a persistentVolumeClaim in block mode).', { required: true }],
      ['devicePath', 2, 'string', 'The device path inside the container.', { required: true }],
    ],
  },
  'io.k8s.api.core.v1.Probe': {
    description: 'A health check the kubelet runs against a container.',
    fields: [
      ['', 1, 'io.k8s.api.core.v1.ProbeHandler', 'Inline: the fields of ProbeHandler sit at this level in JSON (protobuf field 1).'],
      ['initialDelaySeconds', 2, 'int32', 'Seconds after container start before the first probe.'],
      ['timeoutSeconds', 3, 'int32', 'Seconds before a probe attempt times out; default 1.'],
      ['periodSeconds', 4, 'int32', 'Seconds between probes; default 10.'],
      ['successThreshold', 5, 'int32', 'Consecutive successes needed after a failure to count as passing; default 1 (must be 1 for liveness and startup).'],
      ['failureThreshold', 6, 'int32', 'Consecutive failures needed to count as failing; default 3.'],
      ['terminationGracePeriodSeconds', 7, 'int64', 'Grace period used when this probe\'s failure kills the container; overrides the pod\'s.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.Lifecycle': {
    description: 'Hooks run by the kubelet at container start and stop.',
    fields: [
      ['postStart', 1, 'io.k8s.api.core.v1.LifecycleHandler', 'Run right after the container is created; if it fails the container is restarted.', { ptr: true }],
      ['preStop', 2, 'io.k8s.api.core.v1.LifecycleHandler', 'Run before the container is stopped for any API reason; counts against the grace period.', { ptr: true }],
      ['stopSignal', 3, 'string', 'The signal sent to stop the container, e.g. SIGTERM; overrides the image\'s STOPSIGNAL.', { ptr: true, enum: ['SIGABRT', 'SIGALRM', 'SIGBUS', 'SIGCHLD', 'SIGCLD', 'SIGCONT', 'SIGFPE', 'SIGHUP', 'SIGILL', 'SIGINT', 'SIGIO', 'SIGIOT', 'SIGKILL', 'SIGPIPE', 'SIGPOLL', 'SIGPROF', 'SIGPWR', 'SIGQUIT', 'SIGRTMAX', 'SIGRTMAX-1', 'SIGRTMAX-10', 'SIGRTMAX-11', 'SIGRTMAX-12', 'SIGRTMAX-13', 'SIGRTMAX-14', 'SIGRTMAX-2', 'SIGRTMAX-3', 'SIGRTMAX-4', 'SIGRTMAX-5', 'SIGRTMAX-6', 'SIGRTMAX-7', 'SIGRTMAX-8', 'SIGRTMAX-9', 'SIGRTMIN', 'SIGRTMIN+1', 'SIGRTMIN+10', 'SIGRTMIN+11', 'SIGRTMIN+12', 'SIGRTMIN+13', 'SIGRTMIN+14', 'SIGRTMIN+15', 'SIGRTMIN+2', 'SIGRTMIN+3', 'SIGRTMIN+4', 'SIGRTMIN+5', 'SIGRTMIN+6', 'SIGRTMIN+7', 'SIGRTMIN+8', 'SIGRTMIN+9', 'SIGSEGV', 'SIGSTKFLT', 'SIGSTOP', 'SIGSYS', 'SIGTERM', 'SIGTRAP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGUSR1', 'SIGUSR2', 'SIGVTALRM', 'SIGWINCH', 'SIGXCPU', 'SIGXFSZ'] }],
    ],
  },
  'io.k8s.api.core.v1.SecurityContext': {
    description: 'Security settings for one container; they override the pod\'s where both set a field.',
    fields: [
      ['capabilities', 1, 'io.k8s.api.core.v1.Capabilities', 'Linux capabilities to add or drop.', { ptr: true }],
      ['privileged', 2, 'bool', 'Run as privileged, with nearly full access to the host.', { ptr: true }],
      ['seLinuxOptions', 3, 'io.k8s.api.core.v1.SELinuxOptions', 'The SELinux context applied to the container(s).', { ptr: true }],
      ['windowsOptions', 10, 'io.k8s.api.core.v1.WindowsSecurityContextOptions', 'Windows-only security settings.', { ptr: true }],
      ['runAsUser', 4, 'int64', 'The UID the container process runs as.', { ptr: true }],
      ['runAsGroup', 8, 'int64', 'The primary GID the container process runs as.', { ptr: true }],
      ['runAsNonRoot', 5, 'bool', 'Refuse to start a container that would run as UID 0.', { ptr: true }],
      ['readOnlyRootFilesystem', 6, 'bool', 'Make the container\'s root filesystem read-only.', { ptr: true }],
      ['allowPrivilegeEscalation', 7, 'bool', 'Whether a process may gain more privileges than its parent (no_new_privs).', { ptr: true }],
      ['procMount', 9, 'string', 'The /proc mount type: Default (masked) or Unmasked.', { ptr: true, enum: ['Default', 'Unmasked'] }],
      ['seccompProfile', 11, 'io.k8s.api.core.v1.SeccompProfile', 'The seccomp profile applied to the container(s).', { ptr: true }],
      ['appArmorProfile', 12, 'io.k8s.api.core.v1.AppArmorProfile', 'The AppArmor profile applied to the container(s).', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.EphemeralContainerCommon': {
    description: 'The container fields shared by ephemeral containers (inlined into EphemeralContainer).',
    fields: [
      ['name', 1, 'string', 'The ephemeral container\'s name, unique among all containers of the pod.', { required: true }],
      ['image', 2, 'string', 'The container image to run, e.g. nginx:1.27.'],
      ['command', 3, '[]string', 'The entrypoint, replacing the image\'s ENTRYPOINT; $(VAR) is expanded from env.', { listType: 'atomic' }],
      ['args', 4, '[]string', 'Arguments to the entrypoint, replacing the image\'s CMD; $(VAR) is expanded from env.', { listType: 'atomic' }],
      ['workingDir', 5, 'string', 'The working directory; defaults to the image\'s.'],
      ['ports', 6, '[]io.k8s.api.core.v1.ContainerPort', 'Not allowed for ephemeral containers.', { patchStrategy: 'merge', patchMergeKey: 'containerPort', listType: 'map', listMapKeys: ['containerPort', 'protocol'] }],
      ['envFrom', 19, '[]io.k8s.api.core.v1.EnvFromSource', 'Sources (ConfigMaps, Secrets) whose keys all become environment variables.', { listType: 'atomic' }],
      ['env', 7, '[]io.k8s.api.core.v1.EnvVar', 'Environment variables set in the container.', { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }],
      ['resources', 8, 'io.k8s.api.core.v1.ResourceRequirements', 'Not allowed for ephemeral containers.'],
      ['resizePolicy', 23, '[]io.k8s.api.core.v1.ContainerResizePolicy', 'Not allowed for ephemeral containers.', { listType: 'atomic' }],
      ['restartPolicy', 24, 'string', 'Not allowed for ephemeral containers.', { ptr: true }],
      ['restartPolicyRules', 25, '[]io.k8s.api.core.v1.ContainerRestartRule', 'Not allowed for ephemeral containers.', { listType: 'atomic' }],
      ['volumeMounts', 9, '[]io.k8s.api.core.v1.VolumeMount', 'Pod volumes mounted into the container\'s filesystem.', { patchStrategy: 'merge', patchMergeKey: 'mountPath', listType: 'map', listMapKeys: ['mountPath'] }],
      ['volumeDevices', 21, '[]io.k8s.api.core.v1.VolumeDevice', 'Raw block volumes exposed to the container as devices.', { patchStrategy: 'merge', patchMergeKey: 'devicePath', listType: 'map', listMapKeys: ['devicePath'] }],
      ['livenessProbe', 10, 'io.k8s.api.core.v1.Probe', 'Not allowed for ephemeral containers.', { ptr: true }],
      ['readinessProbe', 11, 'io.k8s.api.core.v1.Probe', 'Not allowed for ephemeral containers.', { ptr: true }],
      ['startupProbe', 22, 'io.k8s.api.core.v1.Probe', 'Not allowed for ephemeral containers.', { ptr: true }],
      ['lifecycle', 12, 'io.k8s.api.core.v1.Lifecycle', 'Not allowed for ephemeral containers.', { ptr: true }],
      ['terminationMessagePath', 13, 'string', 'File whose content becomes the termination message; default /dev/termination-log.'],
      ['terminationMessagePolicy', 20, 'string', 'Where the termination message comes from: File (default) or FallbackToLogsOnError.', { enum: ['FallbackToLogsOnError', 'File'] }],
      ['imagePullPolicy', 14, 'string', 'When to pull the image: Always, IfNotPresent or Never (Always for :latest, else IfNotPresent).', { enum: ['Always', 'IfNotPresent', 'Never'] }],
      ['securityContext', 15, 'io.k8s.api.core.v1.SecurityContext', 'Security settings for this container (user, capabilities, privileged...).', { ptr: true }],
      ['stdin', 16, 'bool', 'Keep a stdin buffer open for the container.'],
      ['stdinOnce', 17, 'bool', 'Close stdin after the first attach session ends.'],
      ['tty', 18, 'bool', 'Allocate a TTY for the container (needs stdin).'],
    ],
  },
  'io.k8s.api.core.v1.SELinuxOptions': {
    description: 'An SELinux label.',
    fields: [
      ['user', 1, 'string', 'The SELinux user.'],
      ['role', 2, 'string', 'The SELinux role.'],
      ['type', 3, 'string', 'The SELinux type.'],
      ['level', 4, 'string', 'The SELinux level.'],
    ],
  },
  'io.k8s.api.core.v1.WindowsSecurityContextOptions': {
    description: 'Security settings that apply to Windows containers only.',
    fields: [
      ['gmsaCredentialSpecName', 1, 'string', 'The name of the GMSA credential spec to use.', { ptr: true }],
      ['gmsaCredentialSpec', 2, 'string', 'The GMSA credential spec content, filled in by a webhook.', { ptr: true }],
      ['runAsUserName', 3, 'string', 'The Windows user name the entrypoint runs as.', { ptr: true }],
      ['hostProcess', 4, 'bool', 'Run as a Windows HostProcess container.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.Sysctl': {
    description: 'A kernel parameter to set.',
    fields: [
      ['name', 1, 'string', 'The parameter name, e.g. net.ipv4.ip_forward.', { required: true }],
      ['value', 2, 'string', 'The value to set.', { required: true }],
    ],
  },
  'io.k8s.api.core.v1.SeccompProfile': {
    description: 'A seccomp profile; exactly one source must be set.',
    fields: [
      ['type', 1, 'string', 'RuntimeDefault, Unconfined or Localhost.', { required: true, enum: ['Localhost', 'RuntimeDefault', 'Unconfined'] }],
      ['localhostProfile', 2, 'string', 'Path of a profile file on the node, relative to the kubelet\'s seccomp directory; only for Localhost.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.AppArmorProfile': {
    description: 'An AppArmor profile.',
    fields: [
      ['type', 1, 'string', 'RuntimeDefault, Unconfined or Localhost.', { required: true, enum: ['Localhost', 'RuntimeDefault', 'Unconfined'] }],
      ['localhostProfile', 2, 'string', 'Name of a profile loaded on the node; only for Localhost.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.NodeAffinity': {
    description: 'Node affinity: required and preferred rules on node labels.',
    fields: [
      ['requiredDuringSchedulingIgnoredDuringExecution', 1, 'io.k8s.api.core.v1.NodeSelector', 'Node rules that must hold for the pod to be scheduled.', { ptr: true }],
      ['preferredDuringSchedulingIgnoredDuringExecution', 2, '[]io.k8s.api.core.v1.PreferredSchedulingTerm', 'Weighted node preferences the scheduler tries to honour.', { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.core.v1.PodAffinity': {
    description: 'Rules to co-locate the pod with other pods in a topology domain.',
    fields: [
      ['requiredDuringSchedulingIgnoredDuringExecution', 1, '[]io.k8s.api.core.v1.PodAffinityTerm', 'Terms that must all be met for the pod to be scheduled.', { listType: 'atomic' }],
      ['preferredDuringSchedulingIgnoredDuringExecution', 2, '[]io.k8s.api.core.v1.WeightedPodAffinityTerm', 'Weighted terms the scheduler tries to meet.', { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.core.v1.PodAntiAffinity': {
    description: 'Rules to keep the pod out of topology domains running certain pods.',
    fields: [
      ['requiredDuringSchedulingIgnoredDuringExecution', 1, '[]io.k8s.api.core.v1.PodAffinityTerm', 'Terms that must all be avoided for the pod to be scheduled.', { listType: 'atomic' }],
      ['preferredDuringSchedulingIgnoredDuringExecution', 2, '[]io.k8s.api.core.v1.WeightedPodAffinityTerm', 'Weighted terms the scheduler tries to avoid.', { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.core.v1.PodDNSConfigOption': {
    description: 'A resolver option.',
    fields: [
      ['name', 1, 'string', 'The option name, e.g. ndots.'],
      ['value', 2, 'string', 'The option value, if it takes one.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.ResourceClaim': {
    description: 'A reference from a container to one of the pod\'s resourceClaims.',
    fields: [
      ['name', 1, 'string', 'The name of an entry in the pod\'s spec.resourceClaims.', { required: true }],
      ['request', 2, 'string', 'Limit the container to this one request of the claim; empty means the whole claim.'],
    ],
  },
  'io.k8s.api.core.v1.ContainerState': {
    description: 'A container\'s state; exactly one field is set.',
    fields: [
      ['waiting', 1, 'io.k8s.api.core.v1.ContainerStateWaiting', 'The container is not running yet.', { ptr: true }],
      ['running', 2, 'io.k8s.api.core.v1.ContainerStateRunning', 'The container is running.', { ptr: true }],
      ['terminated', 3, 'io.k8s.api.core.v1.ContainerStateTerminated', 'The container has exited.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.EmptyDirVolumeSource': {
    description: 'A scratch directory created empty for the pod and deleted with it.',
    fields: [
      ['medium', 1, 'string', 'Storage medium: "" (node disk), Memory (tmpfs) or HugePages.'],
      ['sizeLimit', 2, 'Quantity', 'The most space the directory may use.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.GitRepoVolumeSource': {
    description: 'Clones a git repository into a directory (deprecated).',
    fields: [
      ['repository', 1, 'string', 'The repository URL.', { required: true }],
      ['revision', 2, 'string', 'The commit to check out.'],
      ['directory', 3, 'string', 'The target directory name; "." clones into the volume root.'],
    ],
  },
  'io.k8s.api.core.v1.SecretVolumeSource': {
    description: 'Puts the keys of a Secret into files.',
    fields: [
      ['secretName', 1, 'string', 'The Secret in the pod\'s namespace.'],
      ['items', 2, '[]io.k8s.api.core.v1.KeyToPath', 'Which keys to project and the file path for each; unlisted keys are skipped when set.', { listType: 'atomic' }],
      ['defaultMode', 3, 'int32', 'Permission bits for the created files (0-0777, default 0644).', { ptr: true }],
      ['optional', 4, 'bool', 'Do not fail if the Secret or a listed key does not exist.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.ISCSIVolumeSource': {
    description: 'An iSCSI disk attached to the node and mounted into the pod.',
    fields: [
      ['targetPortal', 1, 'string', 'The iSCSI target portal, IP or IP:port (default port 3260).', { required: true }],
      ['iqn', 2, 'string', 'The iSCSI qualified name of the target.', { required: true }],
      ['lun', 3, 'int32', 'The target LUN number.', { required: true }],
      ['iscsiInterface', 4, 'string', 'The iSCSI interface name; default "default" (tcp).'],
      ['fsType', 5, 'string', 'The filesystem type to mount, e.g. ext4 or xfs.'],
      ['readOnly', 6, 'bool', 'Mount the volume read-only.'],
      ['portals', 7, '[]string', 'Further target portals for multipath.', { listType: 'atomic' }],
      ['chapAuthDiscovery', 8, 'bool', 'Use CHAP authentication for discovery.'],
      ['chapAuthSession', 11, 'bool', 'Use CHAP authentication for the session.'],
      ['secretRef', 10, 'io.k8s.api.core.v1.LocalObjectReference', 'The Secret with the CHAP credentials.', { ptr: true }],
      ['initiatorName', 12, 'string', 'A custom initiator name, replacing the one from iscsiInterface.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.GlusterfsVolumeSource': {
    description: 'A GlusterFS volume.',
    fields: [
      ['endpoints', 1, 'string', 'The Endpoints object listing the Glusterfs servers.', { required: true }],
      ['path', 2, 'string', 'The Glusterfs volume name.', { required: true }],
      ['readOnly', 3, 'bool', 'Mount the volume read-only.'],
    ],
  },
  'io.k8s.api.core.v1.PersistentVolumeClaimVolumeSource': {
    description: 'Uses the volume bound to a PersistentVolumeClaim.',
    fields: [
      ['claimName', 1, 'string', 'The name of the PersistentVolumeClaim in the pod\'s namespace.', { required: true }],
      ['readOnly', 2, 'bool', 'Force the mount to be read-only.'],
    ],
  },
  'io.k8s.api.core.v1.RBDVolumeSource': {
    description: 'A Ceph RADOS block device.',
    fields: [
      ['monitors', 1, '[]string', 'The Ceph monitor addresses.', { required: true, listType: 'atomic' }],
      ['image', 2, 'string', 'The RBD image name.', { required: true }],
      ['fsType', 3, 'string', 'The filesystem type to mount, e.g. ext4 or xfs.'],
      ['pool', 4, 'string', 'The RADOS pool; default rbd.'],
      ['user', 5, 'string', 'The user name for authentication.'],
      ['keyring', 6, 'string', 'The keyring file path; default /etc/ceph/keyring.'],
      ['secretRef', 7, 'io.k8s.api.core.v1.LocalObjectReference', 'The Secret holding the credentials.', { ptr: true }],
      ['readOnly', 8, 'bool', 'Mount the volume read-only.'],
    ],
  },
  'io.k8s.api.core.v1.FlexVolumeSource': {
    description: 'A volume provided by an exec-based FlexVolume plugin.',
    fields: [
      ['driver', 1, 'string', 'The name of the driver.', { required: true }],
      ['fsType', 2, 'string', 'The filesystem type to mount, e.g. ext4 or xfs.'],
      ['secretRef', 3, 'io.k8s.api.core.v1.LocalObjectReference', 'The Secret holding the credentials.', { ptr: true }],
      ['readOnly', 4, 'bool', 'Mount the volume read-only.'],
      ['options', 5, 'map[string]', 'Extra driver options.'],
    ],
  },
  'io.k8s.api.core.v1.CinderVolumeSource': {
    description: 'An OpenStack Cinder volume.',
    fields: [
      ['volumeID', 1, 'string', 'The volume\'s ID in the storage system.', { required: true }],
      ['fsType', 2, 'string', 'The filesystem type to mount, e.g. ext4 or xfs.'],
      ['readOnly', 3, 'bool', 'Mount the volume read-only.'],
      ['secretRef', 4, 'io.k8s.api.core.v1.LocalObjectReference', 'The Secret holding the credentials.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.CephFSVolumeSource': {
    description: 'A CephFS filesystem mount.',
    fields: [
      ['monitors', 1, '[]string', 'The Ceph monitor addresses.', { required: true, listType: 'atomic' }],
      ['path', 2, 'string', 'The path within CephFS to mount; default /.'],
      ['user', 3, 'string', 'The user name for authentication.'],
      ['secretFile', 4, 'string', 'The path of the keyring file; default /etc/ceph/user.secret.'],
      ['secretRef', 5, 'io.k8s.api.core.v1.LocalObjectReference', 'The Secret holding the credentials.', { ptr: true }],
      ['readOnly', 6, 'bool', 'Mount the volume read-only.'],
    ],
  },
  'io.k8s.api.core.v1.DownwardAPIVolumeSource': {
    description: 'Writes pod fields and container resources into files.',
    fields: [
      ['items', 1, '[]io.k8s.api.core.v1.DownwardAPIVolumeFile', 'The files to create.', { listType: 'atomic' }],
      ['defaultMode', 2, 'int32', 'Permission bits for the created files (0-0777, default 0644).', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.AzureFileVolumeSource': {
    description: 'An Azure File share.',
    fields: [
      ['secretName', 1, 'string', 'The Secret with the storage account name and key.', { required: true }],
      ['shareName', 2, 'string', 'The share name.', { required: true }],
      ['readOnly', 3, 'bool', 'Mount the volume read-only.'],
    ],
  },
  'io.k8s.api.core.v1.ConfigMapVolumeSource': {
    description: 'Puts the keys of a ConfigMap into files.',
    fields: [
      ['', 1, 'io.k8s.api.core.v1.LocalObjectReference', 'Inline: the fields of LocalObjectReference sit at this level in JSON (protobuf field 1).'],
      ['items', 2, '[]io.k8s.api.core.v1.KeyToPath', 'Which keys to project and the file path for each; unlisted keys are skipped when set.', { listType: 'atomic' }],
      ['defaultMode', 3, 'int32', 'Permission bits for the created files (0-0777, default 0644).', { ptr: true }],
      ['optional', 4, 'bool', 'Do not fail if the ConfigMap or a listed key does not exist.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.ProjectedVolumeSource': {
    description: 'Several volume sources projected into one directory.',
    fields: [
      ['sources', 1, '[]io.k8s.api.core.v1.VolumeProjection', 'The sources to project.', { listType: 'atomic' }],
      ['defaultMode', 2, 'int32', 'Permission bits for the created files (0-0777, default 0644).', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.ScaleIOVolumeSource': {
    description: 'A ScaleIO volume.',
    fields: [
      ['gateway', 1, 'string', 'The ScaleIO API gateway address.', { required: true }],
      ['system', 2, 'string', 'The ScaleIO storage system name.', { required: true }],
      ['secretRef', 3, 'io.k8s.api.core.v1.LocalObjectReference', 'The Secret holding the credentials.', { required: true, ptr: true }],
      ['sslEnabled', 4, 'bool', 'Use SSL to talk to the gateway.'],
      ['protectionDomain', 5, 'string', 'The protection domain of the storage.'],
      ['storagePool', 6, 'string', 'The storage pool of the protection domain.'],
      ['storageMode', 7, 'string', 'ThickProvisioned or ThinProvisioned (default).'],
      ['volumeName', 8, 'string', 'An existing ScaleIO volume name.'],
      ['fsType', 9, 'string', 'The filesystem type to mount, e.g. ext4 or xfs.'],
      ['readOnly', 10, 'bool', 'Mount the volume read-only.'],
    ],
  },
  'io.k8s.api.core.v1.StorageOSVolumeSource': {
    description: 'A StorageOS volume.',
    fields: [
      ['volumeName', 1, 'string', 'The volume\'s name in the storage system.'],
      ['volumeNamespace', 2, 'string', 'The StorageOS namespace of the volume.'],
      ['fsType', 3, 'string', 'The filesystem type to mount, e.g. ext4 or xfs.'],
      ['readOnly', 4, 'bool', 'Mount the volume read-only.'],
      ['secretRef', 5, 'io.k8s.api.core.v1.LocalObjectReference', 'The Secret holding the credentials.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.CSIVolumeSource': {
    description: 'An inline ephemeral volume provided by a CSI driver.',
    fields: [
      ['driver', 1, 'string', 'The CSI driver name, as registered on the node.', { required: true }],
      ['readOnly', 2, 'bool', 'Mount the volume read-only.', { ptr: true }],
      ['fsType', 3, 'string', 'The filesystem type to mount, e.g. ext4 or xfs.', { ptr: true }],
      ['volumeAttributes', 4, 'map[string]', 'Driver-specific attributes of the volume.'],
      ['nodePublishSecretRef', 5, 'io.k8s.api.core.v1.LocalObjectReference', 'A Secret passed to the driver\'s NodePublishVolume call.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.EphemeralVolumeSource': {
    description: 'A volume backed by a PersistentVolumeClaim that lives and dies with the pod.',
    fields: [
      ['volumeClaimTemplate', 1, 'io.k8s.api.core.v1.PersistentVolumeClaimTemplate', 'The claim to create; it is named <pod>-<volume> and owned by the pod.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.ImageVolumeSource': {
    description: 'Mounts an OCI image or artifact read-only.',
    fields: [
      ['reference', 1, 'string', 'The image or artifact reference, as for a container image.'],
      ['pullPolicy', 2, 'string', 'When to pull: Always, Never or IfNotPresent (Always for :latest, else IfNotPresent).', { enum: ['Always', 'IfNotPresent', 'Never'] }],
    ],
  },
  'io.k8s.api.core.v1.ConfigMapEnvSource': {
    description: 'Selects a ConfigMap whose keys become environment variables.',
    fields: [
      ['', 1, 'io.k8s.api.core.v1.LocalObjectReference', 'Inline: the fields of LocalObjectReference sit at this level in JSON (protobuf field 1).'],
      ['optional', 2, 'bool', 'Do not fail if the ConfigMap does not exist.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.SecretEnvSource': {
    description: 'Selects a Secret whose keys become environment variables.',
    fields: [
      ['', 1, 'io.k8s.api.core.v1.LocalObjectReference', 'Inline: the fields of LocalObjectReference sit at this level in JSON (protobuf field 1).'],
      ['optional', 2, 'bool', 'Do not fail if the Secret does not exist.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.EnvVarSource': {
    description: 'Where an environment variable\'s value comes from; set exactly one field.',
    fields: [
      ['fieldRef', 1, 'io.k8s.api.core.v1.ObjectFieldSelector', 'A pod field, e.g. metadata.name, status.podIP, spec.nodeName.', { ptr: true }],
      ['resourceFieldRef', 2, 'io.k8s.api.core.v1.ResourceFieldSelector', 'A container resource request or limit, e.g. limits.memory.', { ptr: true }],
      ['configMapKeyRef', 3, 'io.k8s.api.core.v1.ConfigMapKeySelector', 'A key of a ConfigMap in the pod\'s namespace.', { ptr: true }],
      ['secretKeyRef', 4, 'io.k8s.api.core.v1.SecretKeySelector', 'A key of a Secret in the pod\'s namespace.', { ptr: true }],
      ['fileKeyRef', 5, 'io.k8s.api.core.v1.FileKeySelector', 'A key of an env file in one of the pod\'s volumes.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.ContainerRestartRuleOnExitCodes': {
    description: 'Matches a container\'s exit code against a set of values.',
    fields: [
      ['operator', 1, 'string', 'In or NotIn.', { required: true }],
      ['values', 2, '[]int32', 'The exit codes to compare with (at most 255).', { listType: 'set' }],
    ],
  },
  'io.k8s.api.core.v1.ProbeHandler': {
    description: 'The action a probe runs; set exactly one field (inlined into Probe).',
    fields: [
      ['exec', 1, 'io.k8s.api.core.v1.ExecAction', 'Run a command inside the container.', { ptr: true }],
      ['httpGet', 2, 'io.k8s.api.core.v1.HTTPGetAction', 'Send an HTTP GET request.', { ptr: true }],
      ['tcpSocket', 3, 'io.k8s.api.core.v1.TCPSocketAction', 'Open a TCP connection.', { ptr: true }],
      ['grpc', 4, 'io.k8s.api.core.v1.GRPCAction', 'Call the gRPC health checking service.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.LifecycleHandler': {
    description: 'The action a lifecycle hook runs; set exactly one field.',
    fields: [
      ['exec', 1, 'io.k8s.api.core.v1.ExecAction', 'Run a command inside the container.', { ptr: true }],
      ['httpGet', 2, 'io.k8s.api.core.v1.HTTPGetAction', 'Send an HTTP GET request.', { ptr: true }],
      ['tcpSocket', 3, 'io.k8s.api.core.v1.TCPSocketAction', 'Deprecated: open a TCP connection (kept for compatibility, not run).', { ptr: true }],
      ['sleep', 4, 'io.k8s.api.core.v1.SleepAction', 'Wait for a number of seconds.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.Capabilities': {
    description: 'Linux capabilities to add to or drop from a container.',
    fields: [
      ['add', 1, '[]string', 'Capabilities to add, e.g. NET_ADMIN.', { listType: 'atomic' }],
      ['drop', 2, '[]string', 'Capabilities to remove, e.g. ALL.', { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.core.v1.NodeSelector': {
    description: 'A set of node selector terms; a node matches if any term matches.',
    fields: [
      ['nodeSelectorTerms', 1, '[]io.k8s.api.core.v1.NodeSelectorTerm', 'The terms, ORed together.', { required: true, listType: 'atomic' }],
    ],
  },
  'io.k8s.api.core.v1.PreferredSchedulingTerm': {
    description: 'A weighted node preference.',
    fields: [
      ['weight', 1, 'int32', 'The weight (1-100) added to a node\'s score when the term matches.', { required: true }],
      ['preference', 2, 'io.k8s.api.core.v1.NodeSelectorTerm', 'The node selector term to match.', { required: true }],
    ],
  },
  'io.k8s.api.core.v1.PodAffinityTerm': {
    description: 'Selects pods, and the topology domain in which they must (or must not) be.',
    fields: [
      ['labelSelector', 1, 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector', 'Labels of the pods this term refers to.', { ptr: true }],
      ['namespaces', 2, '[]string', 'Namespaces to look for those pods in; default the pod\'s own namespace.', { listType: 'atomic' }],
      ['topologyKey', 3, 'string', 'The node label that defines a domain, e.g. kubernetes.io/hostname or topology.kubernetes.io/zone.', { required: true }],
      ['namespaceSelector', 4, 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector', 'Labels of the namespaces to look for those pods in.', { ptr: true }],
      ['matchLabelKeys', 5, '[]string', 'Label keys whose values are copied from this pod into labelSelector (key in value).', { listType: 'atomic' }],
      ['mismatchLabelKeys', 6, '[]string', 'Label keys whose values are copied from this pod into labelSelector (key notin value).', { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.core.v1.WeightedPodAffinityTerm': {
    description: 'A weighted pod affinity or anti-affinity term.',
    fields: [
      ['weight', 1, 'int32', 'The weight (1-100) of this term in node scoring.', { required: true }],
      ['podAffinityTerm', 2, 'io.k8s.api.core.v1.PodAffinityTerm', 'The pod affinity term.', { required: true }],
    ],
  },
  'io.k8s.api.core.v1.ContainerStateWaiting': {
    description: 'Details of a waiting container.',
    fields: [
      ['reason', 1, 'string', 'Why it is waiting, e.g. ContainerCreating, CrashLoopBackOff, ImagePullBackOff.'],
      ['message', 2, 'string', 'More detail about why it is waiting.'],
    ],
  },
  'io.k8s.api.core.v1.ContainerStateRunning': {
    description: 'Details of a running container.',
    fields: [
      ['startedAt', 1, 'Time', 'When the container last started.'],
    ],
  },
  'io.k8s.api.core.v1.ContainerStateTerminated': {
    description: 'Details of an exited container.',
    fields: [
      ['exitCode', 1, 'int32', 'The exit code of the container\'s process.', { required: true }],
      ['signal', 2, 'int32', 'The signal that ended the container, if any.'],
      ['reason', 3, 'string', 'Why it ended, e.g. Completed, Error, OOMKilled.'],
      ['message', 4, 'string', 'More detail (the termination message).'],
      ['startedAt', 5, 'Time', 'When the container started.'],
      ['finishedAt', 6, 'Time', 'When the container exited.'],
      ['containerID', 7, 'string', 'The exited container\'s ID in the runtime.'],
    ],
  },
  'io.k8s.api.core.v1.KeyToPath': {
    description: 'Maps a key of a ConfigMap or Secret to a file path.',
    fields: [
      ['key', 1, 'string', 'The key to project.', { required: true }],
      ['path', 2, 'string', 'The relative file path to write it to.', { required: true }],
      ['mode', 3, 'int32', 'Permission bits for this file (0-0777); default is the volume\'s defaultMode.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.DownwardAPIVolumeFile': {
    description: 'One file of a downward API volume.',
    fields: [
      ['path', 1, 'string', 'The file\'s relative path.', { required: true }],
      ['fieldRef', 2, 'io.k8s.api.core.v1.ObjectFieldSelector', 'The pod field to write (metadata.name, metadata.namespace, metadata.labels, metadata.annotations, ...).', { ptr: true }],
      ['resourceFieldRef', 3, 'io.k8s.api.core.v1.ResourceFieldSelector', 'The container resource limit or request to write.', { ptr: true }],
      ['mode', 4, 'int32', 'Permission bits for this file (0-0777); default is the volume\'s defaultMode.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.VolumeProjection': {
    description: 'One source of a projected volume; set exactly one field.',
    fields: [
      ['secret', 1, 'io.k8s.api.core.v1.SecretProjection', 'Keys of a Secret.', { ptr: true }],
      ['downwardAPI', 2, 'io.k8s.api.core.v1.DownwardAPIProjection', 'Pod fields and container resources.', { ptr: true }],
      ['configMap', 3, 'io.k8s.api.core.v1.ConfigMapProjection', 'Keys of a ConfigMap.', { ptr: true }],
      ['serviceAccountToken', 4, 'io.k8s.api.core.v1.ServiceAccountTokenProjection', 'A bound service account token.', { ptr: true }],
      ['clusterTrustBundle', 5, 'io.k8s.api.core.v1.ClusterTrustBundleProjection', 'Certificates from ClusterTrustBundle objects.', { ptr: true }],
      ['podCertificate', 6, 'io.k8s.api.core.v1.PodCertificateProjection', 'A private key and an X.509 certificate issued for the pod.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.PersistentVolumeClaimTemplate': {
    description: 'The template of a PersistentVolumeClaim created for an ephemeral volume.',
    fields: [
      ['metadata', 1, 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'Labels and annotations copied into the created claim.'],
      ['spec', 2, 'io.k8s.api.core.v1.PersistentVolumeClaimSpec', 'The spec copied into the created claim.', { required: true }],
    ],
  },
  'io.k8s.api.core.v1.ObjectFieldSelector': {
    description: 'Selects a field of the pod by path.',
    fields: [
      ['apiVersion', 1, 'string', 'The API version the fieldPath is written against; default v1.'],
      ['fieldPath', 2, 'string', 'The field path, e.g. metadata.name or metadata.labels[\'app\'].', { required: true }],
    ],
  },
  'io.k8s.api.core.v1.ResourceFieldSelector': {
    description: 'Selects a container\'s resource request or limit.',
    fields: [
      ['containerName', 1, 'string', 'The container to read; required in volumes, optional in env.'],
      ['resource', 2, 'string', 'The resource, e.g. limits.cpu, requests.memory.', { required: true }],
      ['divisor', 3, 'Quantity', 'Unit the value is divided by before output, e.g. 1m or 1Mi; default 1.'],
    ],
  },
  'io.k8s.api.core.v1.ConfigMapKeySelector': {
    description: 'Selects one key of a ConfigMap.',
    fields: [
      ['', 1, 'io.k8s.api.core.v1.LocalObjectReference', 'Inline: the fields of LocalObjectReference sit at this level in JSON (protobuf field 1).'],
      ['key', 2, 'string', 'The key to read.', { required: true }],
      ['optional', 3, 'bool', 'Do not fail if the ConfigMap or the key does not exist.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.SecretKeySelector': {
    description: 'Selects one key of a Secret.',
    fields: [
      ['', 1, 'io.k8s.api.core.v1.LocalObjectReference', 'Inline: the fields of LocalObjectReference sit at this level in JSON (protobuf field 1).'],
      ['key', 2, 'string', 'The key to read.', { required: true }],
      ['optional', 3, 'bool', 'Do not fail if the Secret or the key does not exist.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.FileKeySelector': {
    description: 'Selects one key of an env file (KEY=value lines) in a volume.',
    fields: [
      ['volumeName', 1, 'string', 'The volume that holds the env file.', { required: true }],
      ['path', 2, 'string', 'The file\'s path relative to the volume root.', { required: true }],
      ['key', 3, 'string', 'The key to read from the file.', { required: true }],
      ['optional', 4, 'bool', 'If true, a missing file or key leaves the variable unset instead of failing the pod.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.ExecAction': {
    description: 'Runs a command inside the container.',
    fields: [
      ['command', 1, '[]string', 'The command and its arguments, run directly (not in a shell); exit code 0 is success.', { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.core.v1.HTTPGetAction': {
    description: 'Sends an HTTP GET request; a status from 200 to 399 is success.',
    fields: [
      ['path', 1, 'string', 'The request path.'],
      ['port', 2, 'IntOrString', 'The port number or named container port to connect to.', { required: true }],
      ['host', 3, 'string', 'The host to connect to; defaults to the pod IP.'],
      ['scheme', 4, 'string', 'HTTP (default) or HTTPS.', { enum: ['HTTP', 'HTTPS'] }],
      ['httpHeaders', 5, '[]io.k8s.api.core.v1.HTTPHeader', 'Extra headers to send.', { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.core.v1.TCPSocketAction': {
    description: 'Opens a TCP connection; success if it connects.',
    fields: [
      ['port', 1, 'IntOrString', 'The port number or named container port to connect to.', { required: true }],
      ['host', 2, 'string', 'The host to connect to; defaults to the pod IP.'],
    ],
  },
  'io.k8s.api.core.v1.GRPCAction': {
    description: 'Calls the standard gRPC health service.',
    fields: [
      ['port', 1, 'int32', 'The gRPC port number.', { required: true }],
      ['service', 2, 'string', 'The service name sent in the health check request; empty means the server as a whole.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.SleepAction': {
    description: 'Pauses for a time.',
    fields: [
      ['seconds', 1, 'int64', 'Seconds to sleep.', { required: true }],
    ],
  },
  'io.k8s.api.core.v1.NodeSelectorTerm': {
    description: 'Requirements on a node\'s labels and fields, ANDed together.',
    fields: [
      ['matchExpressions', 1, '[]io.k8s.api.core.v1.NodeSelectorRequirement', 'Requirements on node labels.', { listType: 'atomic' }],
      ['matchFields', 2, '[]io.k8s.api.core.v1.NodeSelectorRequirement', 'Requirements on node fields (only metadata.name).', { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.core.v1.SecretProjection': {
    description: 'Keys of a Secret inside a projected volume.',
    fields: [
      ['', 1, 'io.k8s.api.core.v1.LocalObjectReference', 'Inline: the fields of LocalObjectReference sit at this level in JSON (protobuf field 1).'],
      ['items', 2, '[]io.k8s.api.core.v1.KeyToPath', 'Which keys to project and the file path for each; unlisted keys are skipped when set.', { listType: 'atomic' }],
      ['optional', 4, 'bool', 'Do not fail if the source object or a key does not exist.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.DownwardAPIProjection': {
    description: 'Downward API files inside a projected volume.',
    fields: [
      ['items', 1, '[]io.k8s.api.core.v1.DownwardAPIVolumeFile', 'The files to create.', { listType: 'atomic' }],
    ],
  },
  'io.k8s.api.core.v1.ConfigMapProjection': {
    description: 'Keys of a ConfigMap inside a projected volume.',
    fields: [
      ['', 1, 'io.k8s.api.core.v1.LocalObjectReference', 'Inline: the fields of LocalObjectReference sit at this level in JSON (protobuf field 1).'],
      ['items', 2, '[]io.k8s.api.core.v1.KeyToPath', 'Which keys to project and the file path for each; unlisted keys are skipped when set.', { listType: 'atomic' }],
      ['optional', 4, 'bool', 'Do not fail if the source object or a key does not exist.', { ptr: true }],
    ],
  },
  'io.k8s.api.core.v1.ServiceAccountTokenProjection': {
    description: 'A service account token for the pod, refreshed by the kubelet.',
    fields: [
      ['audience', 1, 'string', 'The intended audience of the token; default the API server.'],
      ['expirationSeconds', 2, 'int64', 'Requested token lifetime; default 3600, at least 600.', { ptr: true }],
      ['path', 3, 'string', 'The file path, relative to the volume root, to write the token to.', { required: true }],
    ],
  },
  'io.k8s.api.core.v1.ClusterTrustBundleProjection': {
    description: 'Writes the certificates of selected ClusterTrustBundles into a file.',
    fields: [
      ['name', 1, 'string', 'One ClusterTrustBundle by name.', { ptr: true }],
      ['signerName', 2, 'string', 'All ClusterTrustBundles of this signer.', { ptr: true }],
      ['labelSelector', 3, 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector', 'Narrows the bundles of signerName by label.', { ptr: true }],
      ['optional', 5, 'bool', 'Do not block pod start if no matching bundle is available.', { ptr: true }],
      ['path', 4, 'string', 'The file path, relative to the volume root, to write the bundle to.', { required: true }],
    ],
  },
  'io.k8s.api.core.v1.PodCertificateProjection': {
    description: 'A private key and a certificate issued for the pod, written into a projected volume.',
    fields: [
      ['signerName', 1, 'string', 'The signer the kubelet\'s certificate requests are sent to.', { required: true }],
      ['keyType', 2, 'string', 'The key type: RSA3072, RSA4096, ECDSAP256, ECDSAP384, ECDSAP521 or ED25519.', { required: true }],
      ['maxExpirationSeconds', 3, 'int32', 'The longest certificate lifetime allowed; default 86400.', { ptr: true }],
      ['credentialBundlePath', 4, 'string', 'Path for one PEM file with the key followed by the certificate chain.'],
      ['keyPath', 5, 'string', 'Path for the private key file.'],
      ['certificateChainPath', 6, 'string', 'Path for the certificate chain file.'],
      ['userAnnotations', 7, 'map[string]', 'Extra information passed unchecked to the signer.'],
    ],
  },
  'io.k8s.api.core.v1.HTTPHeader': {
    description: 'An HTTP header.',
    fields: [
      ['name', 1, 'string', 'The header name.', { required: true }],
      ['value', 2, 'string', 'The header value.', { required: true }],
    ],
  },
  'io.k8s.api.core.v1.NodeSelectorRequirement': {
    description: 'A key, an operator and values that a node label or field must satisfy.',
    fields: [
      ['key', 1, 'string', 'The label key (or field name) the requirement applies to.', { required: true }],
      ['operator', 2, 'string', 'In, NotIn, Exists, DoesNotExist, Gt or Lt.', { required: true, enum: ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'] }],
      ['values', 3, '[]string', 'The values; empty for Exists/DoesNotExist, one integer for Gt/Lt.', { listType: 'atomic' }],
    ],
  },
};
