// The files kubeadm 1.35 writes on a control-plane node: static pod manifests for etcd and the
// control-plane components, and the kubelet's configuration. The runtime reads these manifests back
// (the etcd command line, the API server's flags), so editing them changes what runs.
import type { ClusterSpec } from './layout.ts';

import { DEFAULT_MINOR, latest, minorOf, release } from './versions.ts';

/** The release a new cluster runs unless asked otherwise (`cluster create --version`). */
export const KUBERNETES_VERSION = latest(DEFAULT_MINOR);
/** The etcd image kubeadm of a release deploys. */
export const etcdImage = (v: string) => `registry.k8s.io/etcd:${release(minorOf(v))!.etcd}`;
export const ETCD_IMAGE = etcdImage(KUBERNETES_VERSION);

function hostPathVolumes(vols: [string, string, string][]): { mounts: string; volumes: string } {
  const mounts = vols.map(([name, path, ro]) => `    - mountPath: ${path}\n      name: ${name}${ro ? '\n      readOnly: true' : ''}`).join('\n');
  const volumes = vols
    .map(([name, path]) => `  - hostPath:\n      path: ${path}\n      type: ${path.endsWith('.conf') ? 'FileOrCreate' : 'DirectoryOrCreate'}\n    name: ${name}`)
    .join('\n');
  return { mounts, volumes };
}

function staticPod(o: {
  name: string; component: string; image: string; command: string[]; probePort: number; probeHost: string; probePath: string;
  scheme: string; cpu: string; memory?: string; vols: [string, string, string][]; annotations?: Record<string, string>; readinessPath?: string;
}): string {
  const { mounts, volumes } = hostPathVolumes(o.vols);
  const ann = o.annotations
    ? `  annotations:\n${Object.entries(o.annotations).map(([k, v]) => `    ${k}: ${v}`).join('\n')}\n`
    : '';
  const probe = (path: string, failure: number) =>
    `      failureThreshold: ${failure}\n      httpGet:\n        host: ${o.probeHost}\n        path: ${path}\n        port: ${o.probePort}\n        scheme: ${o.scheme}\n      initialDelaySeconds: 10\n      periodSeconds: 10\n      timeoutSeconds: 15`;
  return `apiVersion: v1
kind: Pod
metadata:
${ann}  labels:
    component: ${o.component}
    tier: control-plane
  name: ${o.name}
  namespace: kube-system
spec:
  containers:
  - command:
${o.command.map((c) => `    - ${c}`).join('\n')}
    image: ${o.image}
    imagePullPolicy: IfNotPresent
    livenessProbe:
${probe(o.probePath, 8)}
    name: ${o.name}
${o.readinessPath ? `    readinessProbe:\n${probe(o.readinessPath, 3).replace('initialDelaySeconds: 10\n      ', '')}\n` : ''}    resources:
      requests:
        cpu: ${o.cpu}${o.memory ? `\n        memory: ${o.memory}` : ''}
    startupProbe:
${probe(o.probePath, 24)}
    volumeMounts:
${mounts}
  hostNetwork: true
  priority: 2000001000
  priorityClassName: system-node-critical
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  volumes:
${volumes}
status: {}
`;
}

export function controlPlaneManifests(spec: ClusterSpec): Record<string, string> {
  const cp = spec.nodes[0];
  const ip = cp.ip;
  const v = spec.kubernetesVersion;
  const etcd = staticPod({
    name: 'etcd', component: 'etcd', image: etcdImage(v), probePort: 2381, probeHost: '127.0.0.1', probePath: '/livez', readinessPath: '/readyz', scheme: 'HTTP',
    cpu: '100m', memory: '100Mi',
    annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` },
    command: [
      'etcd',
      `--advertise-client-urls=https://${ip}:2379`,
      '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
      '--client-cert-auth=true',
      '--data-dir=/var/lib/etcd',
      `--initial-advertise-peer-urls=https://${ip}:2380`,
      `--initial-cluster=${cp.name}=https://${ip}:2380`,
      '--key-file=/etc/kubernetes/pki/etcd/server.key',
      `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
      '--listen-metrics-urls=http://127.0.0.1:2381',
      `--listen-peer-urls=https://${ip}:2380`,
      `--name=${cp.name}`,
      '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt',
      '--peer-client-cert-auth=true',
      '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
      '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
      '--snapshot-count=10000',
      '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
    ],
    vols: [['etcd-certs', '/etc/kubernetes/pki/etcd', ''], ['etcd-data', '/var/lib/etcd', '']],
  });
  const apiserver = staticPod({
    name: 'kube-apiserver', component: 'kube-apiserver', image: `registry.k8s.io/kube-apiserver:${v}`, probePort: 6443, probeHost: ip,
    probePath: '/livez', readinessPath: '/readyz', scheme: 'HTTPS', cpu: '250m',
    annotations: { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` },
    command: [
      'kube-apiserver',
      `--advertise-address=${ip}`,
      '--allow-privileged=true',
      '--authorization-mode=Node,RBAC',
      '--client-ca-file=/etc/kubernetes/pki/ca.crt',
      '--enable-admission-plugins=NodeRestriction',
      '--enable-bootstrap-token-auth=true',
      '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
      '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
      '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
      '--etcd-servers=https://127.0.0.1:2379',
      '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
      '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
      '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
      '--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt',
      '--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key',
      '--requestheader-allowed-names=front-proxy-client',
      '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
      '--requestheader-extra-headers-prefix=X-Remote-Extra-',
      '--requestheader-group-headers=X-Remote-Group',
      '--requestheader-username-headers=X-Remote-User',
      `--secure-port=${spec.apiPort}`,
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
      '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key',
      `--service-cluster-ip-range=${spec.serviceCIDR}`,
      '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
      '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
    ],
    vols: [
      ['ca-certs', '/etc/ssl/certs', 'ro'], ['etc-ca-certificates', '/etc/ca-certificates', 'ro'],
      ['k8s-certs', '/etc/kubernetes/pki', 'ro'], ['usr-local-share-ca-certificates', '/usr/local/share/ca-certificates', 'ro'],
      ['usr-share-ca-certificates', '/usr/share/ca-certificates', 'ro'],
    ],
  });
  const controllerManager = staticPod({
    name: 'kube-controller-manager', component: 'kube-controller-manager', image: `registry.k8s.io/kube-controller-manager:${v}`,
    probePort: 10257, probeHost: '127.0.0.1', probePath: '/healthz', scheme: 'HTTPS', cpu: '200m',
    command: [
      'kube-controller-manager',
      '--allocate-node-cidrs=true',
      '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
      '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf',
      '--bind-address=127.0.0.1',
      '--client-ca-file=/etc/kubernetes/pki/ca.crt',
      `--cluster-cidr=${spec.podCIDR}`,
      '--cluster-name=kubernetes',
      '--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt',
      '--cluster-signing-key-file=/etc/kubernetes/pki/ca.key',
      '--controllers=*,bootstrapsigner,tokencleaner',
      '--kubeconfig=/etc/kubernetes/controller-manager.conf',
      '--leader-elect=true',
      '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
      '--root-ca-file=/etc/kubernetes/pki/ca.crt',
      '--service-account-private-key-file=/etc/kubernetes/pki/sa.key',
      `--service-cluster-ip-range=${spec.serviceCIDR}`,
      '--use-service-account-credentials=true',
    ],
    vols: [
      ['ca-certs', '/etc/ssl/certs', 'ro'], ['etc-ca-certificates', '/etc/ca-certificates', 'ro'],
      ['flexvolume-dir', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', ''], ['k8s-certs', '/etc/kubernetes/pki', 'ro'],
      ['kubeconfig', '/etc/kubernetes/controller-manager.conf', 'ro'],
      ['usr-local-share-ca-certificates', '/usr/local/share/ca-certificates', 'ro'], ['usr-share-ca-certificates', '/usr/share/ca-certificates', 'ro'],
    ],
  });
  const scheduler = staticPod({
    name: 'kube-scheduler', component: 'kube-scheduler', image: `registry.k8s.io/kube-scheduler:${v}`,
    probePort: 10259, probeHost: '127.0.0.1', probePath: '/livez', readinessPath: '/readyz', scheme: 'HTTPS', cpu: '100m',
    command: [
      'kube-scheduler',
      '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
      '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
      '--bind-address=127.0.0.1',
      '--kubeconfig=/etc/kubernetes/scheduler.conf',
      '--leader-elect=true',
    ],
    vols: [['kubeconfig', '/etc/kubernetes/scheduler.conf', 'ro']],
  });
  return { 'etcd.yaml': etcd, 'kube-apiserver.yaml': apiserver, 'kube-controller-manager.yaml': controllerManager, 'kube-scheduler.yaml': scheduler };
}

export function kubeletConfig(): string {
  return `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
  webhook:
    cacheAuthorizedTTL: 0s
    cacheUnauthorizedTTL: 0s
cgroupDriver: systemd
clusterDNS:
- 10.96.0.10
clusterDomain: cluster.local
containerRuntimeEndpoint: ""
cpuManagerReconcilePeriod: 0s
crashLoopBackOff: {}
evictionPressureTransitionPeriod: 0s
fileCheckFrequency: 0s
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageMaximumGCAge: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
memorySwap: {}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
rotateCertificates: true
runtimeRequestTimeout: 0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: /etc/kubernetes/manifests
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggPeriod: 0s
`;
}

/** The command line of a static pod's first container, read back from its manifest text. */
export function manifestCommand(text: string, parse: (t: string) => any): string[] {
  const doc = parse(text);
  const c = doc?.spec?.containers?.[0];
  if (!c) throw new Error('manifest has no containers');
  return [...(c.command ?? []), ...(c.args ?? [])].map(String);
}
