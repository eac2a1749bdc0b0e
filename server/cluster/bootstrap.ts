// The objects a fresh kubeadm cluster has in its API before anyone touches it: the four system
// namespaces, the nodes, the `kubernetes` Service, kubeadm's ConfigMaps, the default RBAC policy,
// the system PriorityClasses, each namespace's `default` ServiceAccount and `kube-root-ca.crt`.
// Written in one batch so a new cluster is ready in milliseconds.
import { addonObjects, ADDON_NAMESPACES } from './addons.ts';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { release } from 'node:os';
import type { KObject, KindDef, StrategyContext } from './kinds/types.ts';
import type { ClusterSpec } from './layout.ts';
import { ResourceRegistry, gvString } from './api/registry.ts';
import type { Store } from './api/store.ts';
import { nowRFC3339 } from './api/rest.ts';
import { bootstrapPolicy } from './api/authz/bootstrap-policy.ts';
import { KUBERNETES_VERSION } from './manifests.ts';
import { namespaceDefaults } from './controllers/namespace-defaults.ts';
import { localPathStorageClass } from './controllers/local-path.ts';

export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export function nodeObject(n: ClusterSpec['nodes'][number], now: string, version = KUBERNETES_VERSION): KObject {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': n.name, 'kubernetes.io/os': 'linux',
  };
  if (n.role === 'control-plane') {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  const cond = (type: string, status: string, reason: string, message: string) => ({ type, status, lastHeartbeatTime: now, lastTransitionTime: now, reason, message });
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: {
      name: n.name, labels, uid: randomUUID(),
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: { podCIDR: n.podCIDR, podCIDRs: [n.podCIDR], ...(n.role === 'control-plane' ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}) },
    status: {
      capacity: { cpu: '2', 'ephemeral-storage': '20134592Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '2030940Ki', pods: '110' },
      allocatable: { cpu: '2', 'ephemeral-storage': '19586931083', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '1928540Ki', pods: '110' },
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [{ type: 'InternalIP', address: n.ip }, { type: 'Hostname', address: n.name }],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: randomUUID().replace(/-/g, ''), systemUUID: randomUUID(), bootID: randomUUID(),
        kernelVersion: release(), osImage: 'Debian GNU/Linux 12 (bookworm)', containerRuntimeVersion: 'containerd://2.1.4',
        kubeletVersion: version, kubeProxyVersion: '', operatingSystem: 'linux', architecture: 'amd64',
      },
    },
  };
}

function configMap(ns: string, name: string, data: Record<string, string>): KObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data };
}

function kubeadmClusterConfiguration(spec: ClusterSpec): string {
  return `apiServer: {}
apiVersion: kubeadm.k8s.io/v1beta4
caCertificateValidityPeriod: 87600h0m0s
certificateValidityPeriod: 8760h0m0s
certificatesDir: /etc/kubernetes/pki
clusterName: kubernetes
controllerManager: {}
dns: {}
encryptionAlgorithm: ECDSA-P256
etcd:
  local:
    dataDir: /var/lib/etcd
imageRepository: registry.k8s.io
kind: ClusterConfiguration
kubernetesVersion: ${spec.kubernetesVersion}
networking:
  dnsDomain: cluster.local
  podSubnet: ${spec.podCIDR}
  serviceSubnet: ${spec.serviceCIDR}
proxy: {}
scheduler: {}
`;
}

const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`;

/** The objects of a fresh cluster, in creation order (namespaces first). */
export function bootstrapObjects(spec: ClusterSpec, caPem: string, adminKubeconfigServer: string): KObject[] {
  const now = nowRFC3339(new Date());
  const objs: KObject[] = [];
  for (const ns of SYSTEM_NAMESPACES) {
    objs.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  }
  const micro = new Date().toISOString().replace(/Z$/, '000Z');
  for (const n of spec.nodes) {
    const node = nodeObject(n, now, spec.kubernetesVersion);
    objs.push(node);
    // the kubelet's heartbeat Lease in kube-node-lease, owned by its Node
    objs.push({
      apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
      metadata: { name: n.name, namespace: 'kube-node-lease', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: n.name, uid: node.metadata!.uid }] },
      spec: { holderIdentity: n.name, leaseDurationSeconds: 40, renewTime: micro },
    });
  }
  const cp = spec.nodes[0];
  objs.push({
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: spec.apiPort }], type: 'ClusterIP', sessionAffinity: 'None', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster' },
    status: { loadBalancer: {} },
  });
  objs.push({
    apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: cp.ip }], ports: [{ name: 'https', port: spec.apiPort, protocol: 'TCP' }] }],
  });
  objs.push({
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4', endpoints: [{ addresses: [cp.ip], conditions: { ready: true } }], ports: [{ name: 'https', port: spec.apiPort, protocol: 'TCP' }],
  });
  objs.push({
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' }, annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' } },
    spec: {
      clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], selector: { 'k8s-app': 'kube-dns' }, type: 'ClusterIP', sessionAffinity: 'None', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster',
      ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }, { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 }, { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 }],
    },
    status: { loadBalancer: {} },
  });
  objs.push(configMap('kube-system', 'kubeadm-config', { ClusterConfiguration: kubeadmClusterConfiguration(spec) }));
  objs.push(configMap('kube-system', 'coredns', { Corefile: COREFILE }));
  objs.push(configMap('kube-system', 'kubelet-config', { kubelet: readKubeletConfig() }));
  objs.push(configMap('kube-system', 'kube-proxy', {
    'config.conf': `apiVersion: kubeproxy.config.k8s.io/v1alpha1\nbindAddress: 0.0.0.0\nclusterCIDR: ${spec.podCIDR}\nkind: KubeProxyConfiguration\nmode: ""\n`,
    'kubeconfig.conf': `apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt\n    server: ${adminKubeconfigServer}\n  name: default\ncontexts:\n- context:\n    cluster: default\n    namespace: default\n    user: default\n  name: default\ncurrent-context: default\nusers:\n- name: default\n  user:\n    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token\n`,
  }));
  objs.push(configMap('kube-public', 'cluster-info', {
    kubeconfig: `apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: ${Buffer.from(caPem).toString('base64')}\n    server: ${adminKubeconfigServer}\n  name: ""\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n`,
  }));
  for (const ns of SYSTEM_NAMESPACES) objs.push(...namespaceDefaults(ns, caPem));
  for (const sa of ['coredns', 'kube-proxy']) objs.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: 'kube-system' } });
  objs.push({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-node-critical' }, value: 2000001000, description: 'Used for system critical pods that must not be moved from their current node.', preemptionPolicy: 'PreemptLowerPriority' });
  objs.push({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-cluster-critical' }, value: 2000000000, description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.', preemptionPolicy: 'PreemptLowerPriority' });
  const addons = addonObjects(spec);
  objs.push(...addons.filter((o) => o.kind === 'Namespace'));
  for (const ns of ADDON_NAMESPACES) objs.push(...namespaceDefaults(ns, caPem));
  objs.push(...addons.filter((o) => o.kind !== 'Namespace'));
  // the default StorageClass of a Killercoda-style cluster (rancher's local-path-provisioner)
  objs.push(localPathStorageClass());
  const policy = bootstrapPolicy();
  objs.push(...policy.clusterRoles, ...policy.clusterRoleBindings, ...policy.roles, ...policy.roleBindings);
  return objs;
}

function readKubeletConfig(): string {
  try {
    return readFileSync('/var/lib/kubelet/config.yaml', 'utf8');
  } catch {
    return '';
  }
}

/** Fills in server-set metadata and the kind's defaults, then writes every object in one batch. */
export async function writeBootstrap(store: Store, registry: ResourceRegistry, objs: KObject[], ctx: StrategyContext): Promise<void> {
  const entries: { key: string; obj: KObject }[] = [];
  const created = nowRFC3339(ctx.now);
  // services of the batch get addresses like any other; the ones it names itself are taken
  const taken = new Set(objs.filter((o) => o.kind === 'Service' && o.spec?.clusterIP).map((o) => String(o.spec.clusterIP)));
  const allocate = ctx.allocate;
  if (allocate) {
    ctx = {
      ...ctx,
      allocate: (pool, wanted) => {
        for (let i = 0; i < 100; i++) {
          const r = allocate(pool, wanted);
          if (!('value' in r) || wanted !== undefined || !taken.has(String(r.value))) {
            if ('value' in r) taken.add(String(r.value));
            return r;
          }
        }
        return { error: 'range is full' };
      },
    };
  }
  for (const o of objs) {
    const [group, version] = o.apiVersion!.includes('/') ? o.apiVersion!.split('/') : ['', o.apiVersion!];
    const k: KindDef | undefined = registry.all().find((x) => x.group === group && x.version === version && x.kind === o.kind);
    if (!k) throw new Error(`bootstrap: no kind ${gvString(group, version)} ${o.kind}`);
    const status = o.status;
    o.metadata = { ...o.metadata, uid: o.metadata?.uid ?? randomUUID(), creationTimestamp: created };
    if (k.generation) o.metadata.generation = 1;
    k.prepareForCreate?.(o, ctx);
    if (status !== undefined) o.status = status;
    entries.push({ key: ResourceRegistry.key(k, o.metadata.namespace, o.metadata.name), obj: o });
  }
  await store.createMany(entries);
}
