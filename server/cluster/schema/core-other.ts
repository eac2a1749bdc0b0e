// Schema of the core/v1 kinds outside the Pod tree: Namespace, Node, Service, Endpoints, ConfigMap,
// Secret, ServiceAccount, Event, PersistentVolume(Claim), ResourceQuota, LimitRange,
// ReplicationController and ComponentStatus. Field names and protobuf numbers are wire facts of
// k8s.io/api 1.35 (core/v1/generated.proto); descriptions are our own.
import type { FieldTuple, TypeDecls } from './types.ts';

const V1 = 'io.k8s.api.core.v1';
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const QUOTA_SCOPES = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity', 'VolumeAttributesClass'];

function core(kind: string): { gvk: { group: string; version: string; kind: string }[] } {
  return { gvk: [{ group: '', version: 'v1', kind }] };
}

/** apiVersion and kind travel in the protobuf envelope, not in the message: proto number 0. */
const TYPE_META: FieldTuple[] = [
  ['apiVersion', 0, 'string', 'The versioned schema of this object; "v1" for core kinds.'],
  ['kind', 0, 'string', 'The type of this object, in CamelCase.'],
];

const OBJECT_META: FieldTuple = ['metadata', 1, `${META}.ObjectMeta`, 'Standard object metadata: name, namespace, labels, annotations, ….'];
const LIST_META: FieldTuple = ['metadata', 1, `${META}.ListMeta`, 'Standard list metadata: resourceVersion and paging token.'];

/** A List kind: apiVersion, kind, metadata and items of the given element type. */
function list(itemType: string, what: string) {
  const kind = itemType.slice(itemType.lastIndexOf('.') + 1);
  return {
    description: `A list of ${what}.`,
    ...core(`${kind}List`),
    fields: [
      ...TYPE_META,
      LIST_META,
      ['items', 2, `[]${itemType}`, `The ${what}.`, { required: true }],
    ] as FieldTuple[],
  };
}

export const decls: TypeDecls = {
  // ── Namespace ────────────────────────────────────────────────────────────────────────────
  [`${V1}.Namespace`]: {
    description: 'A namespace: a named scope that groups namespaced objects and their names, quotas and policies.',
    ...core('Namespace'),
    fields: [
      ...TYPE_META,
      OBJECT_META,
      ['spec', 2, `${V1}.NamespaceSpec`, 'Desired state of the namespace.'],
      ['status', 3, `${V1}.NamespaceStatus`, 'Observed state of the namespace (phase and conditions).'],
    ],
  },
  [`${V1}.NamespaceSpec`]: {
    description: 'Desired state of a namespace.',
    fields: [
      ['finalizers', 1, '[]string', 'Finalizers ("kubernetes") that must finish cleanup before the namespace is removed.', { listType: 'atomic' }],
    ],
  },
  [`${V1}.NamespaceStatus`]: {
    description: 'Observed state of a namespace.',
    fields: [
      ['phase', 1, 'string', 'Active, or Terminating while its contents are being deleted.', { enum: ['Active', 'Terminating'] }],
      ['conditions', 2, `[]${V1}.NamespaceCondition`, 'Latest observations about the namespace, mostly about deletion progress.', { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'] }],
    ],
  },
  [`${V1}.NamespaceCondition`]: {
    description: 'One condition of a namespace, e.g. NamespaceContentRemaining while it terminates.',
    fields: [
      ['type', 1, 'string', 'Condition type, e.g. NamespaceDeletionContentFailure or NamespaceFinalizersRemaining.', { required: true }],
      ['status', 2, 'string', 'True, False or Unknown.', { required: true }],
      ['lastTransitionTime', 4, 'Time', 'When status last changed value.'],
      ['reason', 5, 'string', 'CamelCase reason for the last transition.'],
      ['message', 6, 'string', 'Human-readable details.'],
    ],
  },
  [`${V1}.NamespaceList`]: list(`${V1}.Namespace`, 'namespaces'),

  // ── Node ─────────────────────────────────────────────────────────────────────────────────
  [`${V1}.Node`]: {
    description: 'A worker or control-plane machine that runs pods; reported and kept alive by its kubelet.',
    ...core('Node'),
    fields: [
      ...TYPE_META,
      OBJECT_META,
      ['spec', 2, `${V1}.NodeSpec`, 'How the node is configured: pod CIDRs, taints, whether it is schedulable.'],
      ['status', 3, `${V1}.NodeStatus`, 'What the kubelet reports: capacity, conditions, addresses, versions.'],
    ],
  },
  [`${V1}.NodeSpec`]: {
    description: 'Configuration of a node.',
    fields: [
      ['podCIDR', 1, 'string', 'IP range assigned to pods on this node (first entry of podCIDRs).'],
      ['podCIDRs', 7, '[]string', 'IP ranges assigned to pods on this node, at most one per IP family.', { patchStrategy: 'merge', listType: 'set' }],
      ['providerID', 3, 'string', 'ID of the machine in the cloud provider, e.g. "aws:///zone/i-123".'],
      ['unschedulable', 4, 'bool', 'When true, no new pods are scheduled here (set by kubectl cordon/drain).'],
      ['taints', 5, `[]${V1}.Taint`, 'Taints that repel pods which do not tolerate them.', { listType: 'atomic' }],
      ['configSource', 6, `${V1}.NodeConfigSource`, 'Deprecated dynamic kubelet configuration source; ignored.', { ptr: true }],
      ['externalID', 2, 'string', 'Deprecated; no longer used.'],
    ],
  },
  [`${V1}.NodeStatus`]: {
    description: 'Observed state of a node, reported by its kubelet.',
    fields: [
      ['capacity', 1, 'map[Quantity]', 'Total resources of the node (cpu, memory, pods, ephemeral-storage, …).'],
      ['allocatable', 2, 'map[Quantity]', 'Resources available to pods after system reservations; what the scheduler uses.'],
      ['phase', 3, 'string', 'Deprecated lifecycle phase of the node; usually unset.', { enum: ['Pending', 'Running', 'Terminated'] }],
      ['conditions', 4, `[]${V1}.NodeCondition`, 'Health signals such as Ready, MemoryPressure, DiskPressure, PIDPressure.', { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'] }],
      ['addresses', 5, `[]${V1}.NodeAddress`, 'Addresses of the node: InternalIP, ExternalIP, Hostname, ….', { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'] }],
      ['daemonEndpoints', 6, `${V1}.NodeDaemonEndpoints`, 'Ports of the daemons on the node (the kubelet).'],
      ['nodeInfo', 7, `${V1}.NodeSystemInfo`, 'OS, kernel, container runtime and kubelet versions of the node.'],
      ['images', 8, `[]${V1}.ContainerImage`, 'Container images present on the node.', { listType: 'atomic' }],
      ['volumesInUse', 9, '[]string', 'Unique names of volumes attached and mounted on the node.', { listType: 'atomic' }],
      ['volumesAttached', 10, `[]${V1}.AttachedVolume`, 'Volumes attached to the node.', { listType: 'atomic' }],
      ['config', 11, `${V1}.NodeConfigStatus`, 'Status of the deprecated dynamic kubelet configuration.', { ptr: true }],
      ['runtimeHandlers', 12, `[]${V1}.NodeRuntimeHandler`, 'Runtime handlers (RuntimeClasses) the container runtime offers.', { listType: 'atomic' }],
      ['features', 13, `${V1}.NodeFeatures`, 'Optional features the node supports.', { ptr: true }],
      ['declaredFeatures', 14, '[]string', 'Names of features the node declares it supports (alpha).', { listType: 'atomic' }],
    ],
  },
  [`${V1}.NodeAddress`]: {
    description: 'One address of a node.',
    fields: [
      ['type', 1, 'string', 'Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS.', { required: true }],
      ['address', 2, 'string', 'The address itself.', { required: true }],
    ],
  },
  [`${V1}.NodeCondition`]: {
    description: 'One health condition of a node, e.g. Ready.',
    fields: [
      ['type', 1, 'string', 'Ready, MemoryPressure, DiskPressure, PIDPressure or NetworkUnavailable.', { required: true }],
      ['status', 2, 'string', 'True, False or Unknown (Unknown when the kubelet stopped reporting).', { required: true }],
      ['lastHeartbeatTime', 3, 'Time', 'When the kubelet last confirmed this condition.'],
      ['lastTransitionTime', 4, 'Time', 'When status last changed value.'],
      ['reason', 5, 'string', 'CamelCase reason, e.g. KubeletReady.'],
      ['message', 6, 'string', 'Human-readable details.'],
    ],
  },
  [`${V1}.NodeSystemInfo`]: {
    description: 'Identity and software versions of a node.',
    fields: [
      ['machineID', 1, 'string', 'Machine ID from /etc/machine-id.', { required: true }],
      ['systemUUID', 2, 'string', 'Hardware UUID of the machine.', { required: true }],
      ['bootID', 3, 'string', 'ID of the current boot; changes on every reboot.', { required: true }],
      ['kernelVersion', 4, 'string', 'Kernel release, as from uname -r.', { required: true }],
      ['osImage', 5, 'string', 'OS name and version, e.g. "Ubuntu 24.04 LTS".', { required: true }],
      ['containerRuntimeVersion', 6, 'string', 'Container runtime and version, e.g. "containerd://2.0.0".', { required: true }],
      ['kubeletVersion', 7, 'string', 'Version of the kubelet, e.g. "v1.35.0".', { required: true }],
      ['kubeProxyVersion', 8, 'string', 'Deprecated: version of kube-proxy; not reliably set.', { required: true }],
      ['operatingSystem', 9, 'string', 'Operating system, e.g. "linux".', { required: true }],
      ['architecture', 10, 'string', 'CPU architecture, e.g. "amd64".', { required: true }],
      ['swap', 11, `${V1}.NodeSwapStatus`, 'Swap memory of the node.', { ptr: true }],
    ],
  },
  [`${V1}.NodeDaemonEndpoints`]: {
    description: 'Ports of the daemons running on a node.',
    fields: [
      ['kubeletEndpoint', 1, `${V1}.DaemonEndpoint`, 'Where the kubelet listens (usually port 10250).'],
    ],
  },
  [`${V1}.DaemonEndpoint`]: {
    description: 'A port a node daemon listens on.',
    fields: [
      ['Port', 1, 'int32', 'Port number.', { required: true }],
    ],
  },
  [`${V1}.ContainerImage`]: {
    description: 'A container image present on a node.',
    fields: [
      ['names', 1, '[]string', 'Names (tags and digests) the image is known by.', { listType: 'atomic' }],
      ['sizeBytes', 2, 'int64', 'Size of the image in bytes.'],
    ],
  },
  [`${V1}.AttachedVolume`]: {
    description: 'A volume attached to a node.',
    fields: [
      ['name', 1, 'string', 'Unique name of the attached volume.', { required: true }],
      ['devicePath', 2, 'string', 'Device path where the volume should be available.', { required: true }],
    ],
  },
  [`${V1}.NodeConfigSource`]: {
    description: 'Deprecated: source of a dynamic kubelet configuration.',
    fields: [
      ['configMap', 2, `${V1}.ConfigMapNodeConfigSource`, 'ConfigMap holding the kubelet configuration.', { ptr: true }],
    ],
  },
  [`${V1}.ConfigMapNodeConfigSource`]: {
    description: 'Deprecated: a ConfigMap used as a kubelet configuration source.',
    fields: [
      ['namespace', 1, 'string', 'Namespace of the ConfigMap.', { required: true }],
      ['name', 2, 'string', 'Name of the ConfigMap.', { required: true }],
      ['uid', 3, 'string', 'UID of the ConfigMap.'],
      ['resourceVersion', 4, 'string', 'resourceVersion of the ConfigMap.'],
      ['kubeletConfigKey', 5, 'string', 'Key in the ConfigMap holding the KubeletConfiguration.', { required: true }],
    ],
  },
  [`${V1}.NodeConfigStatus`]: {
    description: 'Deprecated: status of the dynamic kubelet configuration.',
    fields: [
      ['assigned', 1, `${V1}.NodeConfigSource`, 'Configuration the node was told to use.', { ptr: true }],
      ['active', 2, `${V1}.NodeConfigSource`, 'Configuration the node is using.', { ptr: true }],
      ['lastKnownGood', 3, `${V1}.NodeConfigSource`, 'Configuration the node falls back to.', { ptr: true }],
      ['error', 4, 'string', 'Problem applying the configuration, if any.'],
    ],
  },
  [`${V1}.Taint`]: {
    description: 'A taint on a node: pods that do not tolerate it are kept off (or evicted).',
    fields: [
      ['key', 1, 'string', 'Taint key, e.g. "node-role.kubernetes.io/control-plane".', { required: true }],
      ['value', 2, 'string', 'Taint value (may be empty).'],
      ['effect', 3, 'string', 'NoSchedule, PreferNoSchedule or NoExecute (also evicts running pods).', { required: true, enum: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] }],
      ['timeAdded', 4, 'Time', 'When a NoExecute taint was added.', { ptr: true }],
    ],
  },
  [`${V1}.NodeRuntimeHandler`]: {
    description: 'A runtime handler offered by the node\'s container runtime.',
    fields: [
      ['name', 1, 'string', 'Handler name; empty for the default handler.'],
      ['features', 2, `${V1}.NodeRuntimeHandlerFeatures`, 'Features this handler supports.', { ptr: true }],
    ],
  },
  [`${V1}.NodeRuntimeHandlerFeatures`]: {
    description: 'Features supported by a runtime handler.',
    fields: [
      ['recursiveReadOnlyMounts', 1, 'bool', 'Whether recursive read-only mounts are supported.', { ptr: true }],
      ['userNamespaces', 2, 'bool', 'Whether user namespaces (hostUsers: false) are supported.', { ptr: true }],
    ],
  },
  [`${V1}.NodeFeatures`]: {
    description: 'Optional features a node supports.',
    fields: [
      ['supplementalGroupsPolicy', 1, 'bool', 'Whether the node honours pod supplementalGroupsPolicy.', { ptr: true }],
    ],
  },
  [`${V1}.NodeSwapStatus`]: {
    description: 'Swap memory of a node.',
    fields: [
      ['capacity', 1, 'int64', 'Total swap in bytes.', { ptr: true }],
    ],
  },
  [`${V1}.NodeList`]: list(`${V1}.Node`, 'nodes'),

  // ── Service ──────────────────────────────────────────────────────────────────────────────
  [`${V1}.Service`]: {
    description: 'A stable virtual IP and DNS name that load-balances to the pods its selector matches.',
    ...core('Service'),
    fields: [
      ...TYPE_META,
      OBJECT_META,
      ['spec', 2, `${V1}.ServiceSpec`, 'Desired behaviour: type, ports, selector, cluster IP.'],
      ['status', 3, `${V1}.ServiceStatus`, 'Observed state, e.g. the load balancer address.'],
    ],
  },
  [`${V1}.ServiceSpec`]: {
    description: 'Desired behaviour of a Service.',
    fields: [
      ['ports', 1, `[]${V1}.ServicePort`, 'Ports the Service exposes and where each forwards to.', { patchStrategy: 'merge', patchMergeKey: 'port', listType: 'map', listMapKeys: ['port', 'protocol'] }],
      ['selector', 2, 'map[string]', 'Pod labels that choose the backends; without it, Endpoints are managed by hand.'],
      ['clusterIP', 3, 'string', 'Virtual IP of the Service; allocated when empty, "None" makes a headless Service. Immutable.'],
      ['clusterIPs', 18, '[]string', 'Virtual IPs, one per IP family; the first equals clusterIP.', { listType: 'atomic' }],
      ['type', 4, 'string', 'ClusterIP (default), NodePort, LoadBalancer or ExternalName.', { enum: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] }],
      ['externalIPs', 5, '[]string', 'Extra IPs on which nodes also accept traffic for this Service.', { listType: 'atomic' }],
      ['sessionAffinity', 7, 'string', 'ClientIP keeps a client on the same pod; None (default) does not.', { enum: ['ClientIP', 'None'] }],
      ['loadBalancerIP', 8, 'string', 'Deprecated: requested load balancer IP.'],
      ['loadBalancerSourceRanges', 9, '[]string', 'Client CIDRs allowed through the cloud load balancer.', { listType: 'atomic' }],
      ['externalName', 10, 'string', 'DNS name returned as a CNAME, for type ExternalName.'],
      ['externalTrafficPolicy', 11, 'string', 'Cluster (default) or Local: whether external traffic may hop to other nodes.', { enum: ['Cluster', 'Local'] }],
      ['healthCheckNodePort', 12, 'int32', 'Node port for load balancer health checks with externalTrafficPolicy Local.'],
      ['publishNotReadyAddresses', 13, 'bool', 'Publish endpoints of pods even before they are ready.'],
      ['sessionAffinityConfig', 14, `${V1}.SessionAffinityConfig`, 'Settings of session affinity.', { ptr: true }],
      ['ipFamilies', 19, '[]string', 'IP families (IPv4, IPv6) of the Service, in order.', { listType: 'atomic' }],
      ['ipFamilyPolicy', 17, 'string', 'SingleStack, PreferDualStack or RequireDualStack.', { ptr: true, enum: ['SingleStack', 'PreferDualStack', 'RequireDualStack'] }],
      ['allocateLoadBalancerNodePorts', 20, 'bool', 'Whether a LoadBalancer Service also gets node ports (default true).', { ptr: true }],
      ['loadBalancerClass', 21, 'string', 'Which load balancer implementation handles this Service.', { ptr: true }],
      ['internalTrafficPolicy', 22, 'string', 'Cluster (default) or Local: whether in-cluster traffic may go to other nodes.', { ptr: true, enum: ['Cluster', 'Local'] }],
      ['trafficDistribution', 23, 'string', 'Preference for routing, e.g. PreferClose, PreferSameZone or PreferSameNode.', { ptr: true }],
    ],
  },
  [`${V1}.ServicePort`]: {
    description: 'One port of a Service.',
    fields: [
      ['name', 1, 'string', 'Port name; required and unique when the Service has several ports.'],
      ['protocol', 2, 'string', 'TCP (default), UDP or SCTP.', { enum: PROTOCOLS }],
      ['appProtocol', 6, 'string', 'Application protocol hint, e.g. "http" or "kubernetes.io/h2c".', { ptr: true }],
      ['port', 3, 'int32', 'Port the Service listens on.', { required: true }],
      ['targetPort', 4, 'IntOrString', 'Container port number or name traffic is sent to; defaults to port.'],
      ['nodePort', 5, 'int32', 'Port opened on every node for NodePort/LoadBalancer (default range 30000-32767).'],
    ],
  },
  [`${V1}.ServiceStatus`]: {
    description: 'Observed state of a Service.',
    fields: [
      ['loadBalancer', 1, `${V1}.LoadBalancerStatus`, 'Addresses of the provisioned load balancer, if any.'],
      ['conditions', 2, `[]${META}.Condition`, 'Current conditions of the Service.', { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'] }],
    ],
  },
  [`${V1}.LoadBalancerStatus`]: {
    description: 'Status of a load balancer.',
    fields: [
      ['ingress', 1, `[]${V1}.LoadBalancerIngress`, 'Entry points of the load balancer.', { listType: 'atomic' }],
    ],
  },
  [`${V1}.LoadBalancerIngress`]: {
    description: 'One entry point of a load balancer: an IP or a hostname.',
    fields: [
      ['ip', 1, 'string', 'IP address of the entry point.'],
      ['hostname', 2, 'string', 'DNS name of the entry point.'],
      ['ipMode', 3, 'string', 'VIP (traffic arrives with the load balancer IP as destination) or Proxy.', { ptr: true }],
      ['ports', 4, `[]${V1}.PortStatus`, 'Status of each service port on this entry point.', { listType: 'atomic' }],
    ],
  },
  [`${V1}.PortStatus`]: {
    description: 'Status of one port of a load balancer entry point.',
    fields: [
      ['port', 1, 'int32', 'Port number.', { required: true }],
      ['protocol', 2, 'string', 'TCP, UDP or SCTP.', { required: true, enum: PROTOCOLS }],
      ['error', 3, 'string', 'Problem with this port, as a CamelCase reason, if any.', { ptr: true }],
    ],
  },
  [`${V1}.SessionAffinityConfig`]: {
    description: 'Settings of Service session affinity.',
    fields: [
      ['clientIP', 1, `${V1}.ClientIPConfig`, 'Settings for ClientIP affinity.', { ptr: true }],
    ],
  },
  [`${V1}.ClientIPConfig`]: {
    description: 'Settings for ClientIP session affinity.',
    fields: [
      ['timeoutSeconds', 1, 'int32', 'How long a client sticks to a pod, 1 to 86400 seconds (default 10800).', { ptr: true }],
    ],
  },
  [`${V1}.ServiceList`]: list(`${V1}.Service`, 'services'),

  // ── Endpoints ────────────────────────────────────────────────────────────────────────────
  [`${V1}.Endpoints`]: {
    description: 'The backend addresses of a Service (legacy API; EndpointSlice replaces it).',
    ...core('Endpoints'),
    fields: [
      ...TYPE_META,
      OBJECT_META,
      ['subsets', 2, `[]${V1}.EndpointSubset`, 'Groups of addresses that share the same ports.', { listType: 'atomic' }],
    ],
  },
  [`${V1}.EndpointSubset`]: {
    description: 'A set of addresses together with the ports they all serve.',
    fields: [
      ['addresses', 1, `[]${V1}.EndpointAddress`, 'Ready addresses that receive traffic.', { listType: 'atomic' }],
      ['notReadyAddresses', 2, `[]${V1}.EndpointAddress`, 'Addresses of pods that are not ready yet.', { listType: 'atomic' }],
      ['ports', 3, `[]${V1}.EndpointPort`, 'Ports served by every address in this subset.', { listType: 'atomic' }],
    ],
  },
  [`${V1}.EndpointAddress`]: {
    description: 'One backend address, usually a pod IP.',
    fields: [
      ['ip', 1, 'string', 'IP address of the backend.', { required: true }],
      ['hostname', 3, 'string', 'Hostname of the backend.'],
      ['nodeName', 4, 'string', 'Node hosting the backend.', { ptr: true }],
      ['targetRef', 2, `${V1}.ObjectReference`, 'The object (usually a Pod) behind this address.', { ptr: true }],
    ],
  },
  [`${V1}.EndpointPort`]: {
    description: 'One port of an endpoint.',
    fields: [
      ['name', 1, 'string', 'Name matching the Service port name.'],
      ['port', 2, 'int32', 'Port number.', { required: true }],
      ['protocol', 3, 'string', 'TCP (default), UDP or SCTP.', { enum: PROTOCOLS }],
      ['appProtocol', 4, 'string', 'Application protocol hint.', { ptr: true }],
    ],
  },
  [`${V1}.EndpointsList`]: list(`${V1}.Endpoints`, 'endpoints'),

  // ── ConfigMap, Secret, ServiceAccount ────────────────────────────────────────────────────
  [`${V1}.ConfigMap`]: {
    description: 'Non-secret configuration data as key/value pairs, for env vars, command args or volume files.',
    ...core('ConfigMap'),
    fields: [
      ...TYPE_META,
      OBJECT_META,
      ['immutable', 4, 'bool', 'When true, data cannot be changed; the ConfigMap must be recreated instead.', { ptr: true }],
      ['data', 2, 'map[string]', 'UTF-8 text values by key.'],
      ['binaryData', 3, 'map[bytes]', 'Binary values by key, base64-encoded in JSON; keys must not repeat those in data.'],
    ],
  },
  [`${V1}.ConfigMapList`]: list(`${V1}.ConfigMap`, 'config maps'),
  [`${V1}.Secret`]: {
    description: 'Sensitive data (passwords, tokens, keys) as key/value pairs; values are base64 in JSON.',
    ...core('Secret'),
    fields: [
      ...TYPE_META,
      OBJECT_META,
      ['immutable', 5, 'bool', 'When true, data cannot be changed; the Secret must be recreated instead.', { ptr: true }],
      ['data', 2, 'map[bytes]', 'Values by key, base64-encoded in JSON.'],
      ['stringData', 4, 'map[string]', 'Write-only plain-text values, merged into data on write; never returned.'],
      ['type', 3, 'string', 'Kind of secret, e.g. Opaque, kubernetes.io/tls, kubernetes.io/dockerconfigjson.'],
    ],
  },
  [`${V1}.SecretList`]: list(`${V1}.Secret`, 'secrets'),
  [`${V1}.ServiceAccount`]: {
    description: 'An identity for processes in pods, used to authenticate to the API server.',
    ...core('ServiceAccount'),
    fields: [
      ...TYPE_META,
      OBJECT_META,
      ['secrets', 2, `[]${V1}.ObjectReference`, 'Secrets pods of this account may use (legacy token secrets).', { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }],
      ['imagePullSecrets', 3, `[]${V1}.LocalObjectReference`, 'Registry credentials added to every pod that uses this account.', { listType: 'atomic' }],
      ['automountServiceAccountToken', 4, 'bool', 'Whether pods of this account get an API token mounted by default.', { ptr: true }],
    ],
  },
  [`${V1}.ServiceAccountList`]: list(`${V1}.ServiceAccount`, 'service accounts'),

  // ── Event ────────────────────────────────────────────────────────────────────────────────
  [`${V1}.Event`]: {
    description: 'A report of something that happened to an object, e.g. a pod being scheduled or an image pull failing.',
    ...core('Event'),
    fields: [
      ...TYPE_META,
      ['metadata', 1, `${META}.ObjectMeta`, 'Standard object metadata.', { required: true }],
      ['involvedObject', 2, `${V1}.ObjectReference`, 'The object the event is about.', { required: true }],
      ['reason', 3, 'string', 'Short CamelCase reason, e.g. Scheduled, Pulled, BackOff, FailedScheduling.'],
      ['message', 4, 'string', 'Human-readable description of what happened.'],
      ['source', 5, `${V1}.EventSource`, 'Component and host that reported the event.'],
      ['firstTimestamp', 6, 'Time', 'When the event was first seen.'],
      ['lastTimestamp', 7, 'Time', 'When the event was most recently seen.'],
      ['count', 8, 'int32', 'How many times the event has occurred.'],
      ['type', 9, 'string', 'Normal or Warning.'],
      ['eventTime', 10, 'MicroTime', 'When the event first happened, with microsecond precision.'],
      ['series', 11, `${V1}.EventSeries`, 'Data about a repeating series of this event.', { ptr: true }],
      ['action', 12, 'string', 'What action was taken or failed, e.g. Binding.'],
      ['related', 13, `${V1}.ObjectReference`, 'A second object involved, if any.', { ptr: true }],
      ['reportingComponent', 14, 'string', 'Controller that emitted the event, e.g. "kubelet".'],
      ['reportingInstance', 15, 'string', 'Instance of that controller, e.g. the node name.'],
    ],
  },
  [`${V1}.EventSource`]: {
    description: 'Where an event came from.',
    fields: [
      ['component', 1, 'string', 'Component that reported the event, e.g. "kubelet" or "default-scheduler".'],
      ['host', 2, 'string', 'Node name where the event was generated.'],
    ],
  },
  [`${V1}.EventSeries`]: {
    description: 'Data about a series of repeated events.',
    fields: [
      ['count', 1, 'int32', 'Number of occurrences in the series so far.'],
      ['lastObservedTime', 2, 'MicroTime', 'When the last occurrence was seen.'],
    ],
  },
  [`${V1}.EventList`]: list(`${V1}.Event`, 'events'),

  // ── PersistentVolume ─────────────────────────────────────────────────────────────────────
  [`${V1}.PersistentVolume`]: {
    description: 'A piece of cluster storage, provisioned by an admin or dynamically by a StorageClass.',
    ...core('PersistentVolume'),
    fields: [
      ...TYPE_META,
      OBJECT_META,
      ['spec', 2, `${V1}.PersistentVolumeSpec`, 'Capacity, access modes, backing storage and reclaim policy.'],
      ['status', 3, `${V1}.PersistentVolumeStatus`, 'Current phase of the volume (Available, Bound, Released, …).'],
    ],
  },
  [`${V1}.PersistentVolumeSpec`]: {
    description: 'Desired state of a PersistentVolume; exactly one volume source field must be set.',
    // In protobuf the volume-source fields below (from gcePersistentDisk to csi) are not direct fields:
    // they sit in a nested PersistentVolumeSource message at field 2. JSON inlines them, so they carry 0.
    fields: [
      ['capacity', 1, 'map[Quantity]', 'Size of the volume, e.g. {storage: 10Gi}.'],
      ['', 2, `${V1}.PersistentVolumeSource`, 'Inline: where the volume lives (hostPath, nfs, csi, local, …); in protobuf a nested message at field 2.'],
      ['accessModes', 3, '[]string', 'How the volume can be mounted: ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod.', { listType: 'atomic' }],
      ['claimRef', 4, `${V1}.ObjectReference`, 'The claim bound to this volume, or reserved for it.', { ptr: true }],
      ['persistentVolumeReclaimPolicy', 5, 'string', 'What happens after release: Retain, Delete, or (deprecated) Recycle.', { enum: ['Recycle', 'Delete', 'Retain'] }],
      ['storageClassName', 6, 'string', 'StorageClass of the volume; claims must ask for the same class to bind.'],
      ['mountOptions', 7, '[]string', 'Mount options used when mounting the volume, e.g. ["hard", "nfsvers=4.1"].', { listType: 'atomic' }],
      ['volumeMode', 8, 'string', 'Filesystem (default) or Block.', { ptr: true, enum: ['Block', 'Filesystem'] }],
      ['nodeAffinity', 9, `${V1}.VolumeNodeAffinity`, 'Nodes from which the volume can be reached; pods using it are scheduled there.', { ptr: true }],
      ['volumeAttributesClassName', 10, 'string', 'VolumeAttributesClass the volume belongs to.', { ptr: true }],
    ],
  },
  [`${V1}.PersistentVolumeStatus`]: {
    description: 'Observed state of a PersistentVolume.',
    fields: [
      ['phase', 1, 'string', 'Pending, Available, Bound, Released or Failed.', { enum: ['Pending', 'Available', 'Bound', 'Released', 'Failed'] }],
      ['message', 2, 'string', 'Human-readable reason for the phase.'],
      ['reason', 3, 'string', 'Short CamelCase reason for a failure.'],
      ['lastPhaseTransitionTime', 4, 'Time', 'When the volume last changed phase.', { ptr: true }],
    ],
  },
  [`${V1}.VolumeNodeAffinity`]: {
    description: 'Limits the nodes a volume can be used from.',
    fields: [
      ['required', 1, `${V1}.NodeSelector`, 'Node selector a node must match to use the volume.', { ptr: true }],
    ],
  },
  [`${V1}.PersistentVolumeList`]: list(`${V1}.PersistentVolume`, 'persistent volumes'),

  // ── PersistentVolumeClaim ────────────────────────────────────────────────────────────────
  [`${V1}.PersistentVolumeClaim`]: {
    description: 'A request for storage by a user; bound to a matching PersistentVolume and mounted by pods.',
    ...core('PersistentVolumeClaim'),
    fields: [
      ...TYPE_META,
      OBJECT_META,
      ['spec', 2, `${V1}.PersistentVolumeClaimSpec`, 'Requested size, access modes and storage class.'],
      ['status', 3, `${V1}.PersistentVolumeClaimStatus`, 'Current phase and actual capacity of the claim.'],
    ],
  },
  [`${V1}.PersistentVolumeClaimStatus`]: {
    description: 'Observed state of a PersistentVolumeClaim.',
    fields: [
      ['phase', 1, 'string', 'Pending, Bound or Lost.', { enum: ['Pending', 'Bound', 'Lost'] }],
      ['accessModes', 2, '[]string', 'Access modes of the bound volume.', { listType: 'atomic' }],
      ['capacity', 3, 'map[Quantity]', 'Actual size of the bound volume.'],
      ['conditions', 4, `[]${V1}.PersistentVolumeClaimCondition`, 'Conditions of the claim, e.g. Resizing or FileSystemResizePending.', { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'] }],
      ['allocatedResources', 5, 'map[Quantity]', 'Sizes allocated to the claim while a resize is in progress.'],
      ['allocatedResourceStatuses', 7, 'map[string]', 'Progress of resizing, per resource, e.g. {storage: ControllerResizeInProgress}.'],
      ['currentVolumeAttributesClassName', 8, 'string', 'VolumeAttributesClass currently applied to the volume.', { ptr: true }],
      ['modifyVolumeStatus', 9, `${V1}.ModifyVolumeStatus`, 'Progress of a change of VolumeAttributesClass.', { ptr: true }],
    ],
  },
  [`${V1}.PersistentVolumeClaimCondition`]: {
    description: 'One condition of a PersistentVolumeClaim.',
    fields: [
      ['type', 1, 'string', 'Condition type, e.g. Resizing or FileSystemResizePending.', { required: true }],
      ['status', 2, 'string', 'True, False or Unknown.', { required: true }],
      ['lastProbeTime', 3, 'Time', 'When the condition was last checked.'],
      ['lastTransitionTime', 4, 'Time', 'When status last changed value.'],
      ['reason', 5, 'string', 'CamelCase reason for the last transition.'],
      ['message', 6, 'string', 'Human-readable details.'],
    ],
  },
  [`${V1}.ModifyVolumeStatus`]: {
    description: 'Progress of a change to a claim\'s VolumeAttributesClass.',
    fields: [
      ['targetVolumeAttributesClassName', 1, 'string', 'VolumeAttributesClass being applied.'],
      ['status', 2, 'string', 'Pending, InProgress or Infeasible.', { required: true, enum: ['Pending', 'InProgress', 'Infeasible'] }],
    ],
  },
  [`${V1}.PersistentVolumeClaimList`]: list(`${V1}.PersistentVolumeClaim`, 'persistent volume claims'),

  // ── ResourceQuota, LimitRange ────────────────────────────────────────────────────────────
  [`${V1}.ResourceQuota`]: {
    description: 'Caps the total resources and object counts a namespace may use.',
    ...core('ResourceQuota'),
    fields: [
      ...TYPE_META,
      OBJECT_META,
      ['spec', 2, `${V1}.ResourceQuotaSpec`, 'The limits to enforce.'],
      ['status', 3, `${V1}.ResourceQuotaStatus`, 'Enforced limits and current usage.'],
    ],
  },
  [`${V1}.ResourceQuotaSpec`]: {
    description: 'Desired limits of a ResourceQuota.',
    fields: [
      ['hard', 1, 'map[Quantity]', 'Limit per resource name, e.g. {pods: "10", requests.cpu: "4", limits.memory: 8Gi}.'],
      ['scopes', 2, '[]string', 'Restricts the quota to matching objects, e.g. BestEffort or NotTerminating.', { listType: 'atomic' }],
      ['scopeSelector', 3, `${V1}.ScopeSelector`, 'Expression form of scopes, e.g. by PriorityClass.', { ptr: true }],
    ],
  },
  [`${V1}.ResourceQuotaStatus`]: {
    description: 'Enforced limits and current usage of a ResourceQuota.',
    fields: [
      ['hard', 1, 'map[Quantity]', 'Limits currently enforced.'],
      ['used', 2, 'map[Quantity]', 'Current usage in the namespace per resource.'],
    ],
  },
  [`${V1}.ScopeSelector`]: {
    description: 'Selects the objects a quota applies to by scope expressions (ANDed).',
    fields: [
      ['matchExpressions', 1, `[]${V1}.ScopedResourceSelectorRequirement`, 'Scope requirements, all of which must hold.', { listType: 'atomic' }],
    ],
  },
  [`${V1}.ScopedResourceSelectorRequirement`]: {
    description: 'One scope requirement: a scope name, an operator and values.',
    fields: [
      ['scopeName', 1, 'string', 'The scope, e.g. PriorityClass, BestEffort or Terminating.', { required: true, enum: QUOTA_SCOPES }],
      ['operator', 2, 'string', 'In, NotIn, Exists or DoesNotExist.', { required: true, enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] }],
      ['values', 3, '[]string', 'Values for In/NotIn; empty for Exists/DoesNotExist.', { listType: 'atomic' }],
    ],
  },
  [`${V1}.ResourceQuotaList`]: list(`${V1}.ResourceQuota`, 'resource quotas'),
  [`${V1}.LimitRange`]: {
    description: 'Per-object resource limits and defaults for pods, containers and claims in a namespace.',
    ...core('LimitRange'),
    fields: [
      ...TYPE_META,
      OBJECT_META,
      ['spec', 2, `${V1}.LimitRangeSpec`, 'The limits to enforce.'],
    ],
  },
  [`${V1}.LimitRangeSpec`]: {
    description: 'Limits of a LimitRange.',
    fields: [
      ['limits', 1, `[]${V1}.LimitRangeItem`, 'One entry per object type limited.', { required: true, listType: 'atomic' }],
    ],
  },
  [`${V1}.LimitRangeItem`]: {
    description: 'Limits and defaults for one object type.',
    fields: [
      ['type', 1, 'string', 'What is limited: Container, Pod or PersistentVolumeClaim.', { required: true }],
      ['max', 2, 'map[Quantity]', 'Largest allowed value per resource.'],
      ['min', 3, 'map[Quantity]', 'Smallest allowed value per resource.'],
      ['default', 4, 'map[Quantity]', 'Limit applied to containers that set none.'],
      ['defaultRequest', 5, 'map[Quantity]', 'Request applied to containers that set none.'],
      ['maxLimitRequestRatio', 6, 'map[Quantity]', 'Largest allowed limit/request ratio per resource.'],
    ],
  },
  [`${V1}.LimitRangeList`]: list(`${V1}.LimitRange`, 'limit ranges'),

  // ── ReplicationController ────────────────────────────────────────────────────────────────
  [`${V1}.ReplicationController`]: {
    description: 'Legacy controller that keeps a number of pod replicas running; superseded by Deployment/ReplicaSet.',
    ...core('ReplicationController'),
    fields: [
      ...TYPE_META,
      OBJECT_META,
      ['spec', 2, `${V1}.ReplicationControllerSpec`, 'Desired replicas, selector and pod template.'],
      ['status', 3, `${V1}.ReplicationControllerStatus`, 'Observed replica counts.'],
    ],
  },
  [`${V1}.ReplicationControllerSpec`]: {
    description: 'Desired state of a ReplicationController.',
    fields: [
      ['replicas', 1, 'int32', 'Desired number of pods (default 1).', { ptr: true }],
      ['minReadySeconds', 4, 'int32', 'Seconds a new pod must be ready before it counts as available.'],
      ['selector', 2, 'map[string]', 'Labels of the pods this controller manages; defaults to the template labels.'],
      ['template', 3, `${V1}.PodTemplateSpec`, 'Template for the pods created.', { ptr: true }],
    ],
  },
  [`${V1}.ReplicationControllerStatus`]: {
    description: 'Observed state of a ReplicationController.',
    fields: [
      ['replicas', 1, 'int32', 'Number of pods currently managed.', { required: true }],
      ['fullyLabeledReplicas', 2, 'int32', 'Pods whose labels match the template labels.'],
      ['readyReplicas', 4, 'int32', 'Pods that are ready.'],
      ['availableReplicas', 5, 'int32', 'Pods ready for at least minReadySeconds.'],
      ['observedGeneration', 3, 'int64', 'The metadata.generation this status reflects.'],
      ['conditions', 6, `[]${V1}.ReplicationControllerCondition`, 'Latest observations, e.g. ReplicaFailure.', { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'] }],
    ],
  },
  [`${V1}.ReplicationControllerCondition`]: {
    description: 'One condition of a ReplicationController.',
    fields: [
      ['type', 1, 'string', 'Condition type, e.g. ReplicaFailure.', { required: true }],
      ['status', 2, 'string', 'True, False or Unknown.', { required: true }],
      ['lastTransitionTime', 3, 'Time', 'When status last changed value.'],
      ['reason', 4, 'string', 'CamelCase reason for the last transition.'],
      ['message', 5, 'string', 'Human-readable details.'],
    ],
  },
  [`${V1}.ReplicationControllerList`]: list(`${V1}.ReplicationController`, 'replication controllers'),

  // ── ComponentStatus ──────────────────────────────────────────────────────────────────────
  [`${V1}.ComponentStatus`]: {
    description: 'Deprecated health report of a control-plane component (scheduler, controller-manager, etcd).',
    ...core('ComponentStatus'),
    fields: [
      ...TYPE_META,
      OBJECT_META,
      ['conditions', 2, `[]${V1}.ComponentCondition`, 'Health conditions of the component.', { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'] }],
    ],
  },
  [`${V1}.ComponentCondition`]: {
    description: 'One health condition of a component.',
    fields: [
      ['type', 1, 'string', 'Condition type; only "Healthy" is used.', { required: true }],
      ['status', 2, 'string', 'True, False or Unknown.', { required: true }],
      ['message', 3, 'string', 'Output of the health check when healthy.'],
      ['error', 4, 'string', 'Error from the health check when unhealthy.'],
    ],
  },
  [`${V1}.ComponentStatusList`]: list(`${V1}.ComponentStatus`, 'component statuses'),
};
