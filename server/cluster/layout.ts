// A cluster on disk: one kubeadm-shaped root tree per node, a fresh PKI, kubeconfigs and the
// control-plane static pod manifests. Everything the candidate can look at lives in these trees.
import { cpSync, existsSync, mkdirSync, writeFileSync, chmodSync, readdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createClusterPki, kubeconfig } from './pki.ts';
import { controlPlaneManifests, kubeletConfig, KUBERNETES_VERSION } from './manifests.ts';
import { writeNodePackages } from './node/packages.ts';
import { SHARED_ETC } from './sandbox.ts';

export interface NodeInfo {
  name: string;
  ip: string;
  role: 'control-plane' | 'worker';
  podCIDR: string;
}

export interface ClusterSpec {
  name: string;
  workers: number;
  /** Where the runtime listens, as the session sees it. */
  apiPort: number;
  etcdPort: number;
  serviceCIDR: string;
  podCIDR: string;
  nodes: NodeInfo[];
  created: string;
  kubernetesVersion: string;
  /** Cluster seconds per real second (1: real time; tests run faster). */
  clockSpeed?: number;
}

/** Host /etc files a node needs (users, shells, libraries, terminal and editor settings). */
const ETC_ENTRIES = [
  'adduser.conf', 'alternatives', 'bash.bashrc', 'bash_completion', 'bash_completion.d', 'ca-certificates', 'ca-certificates.conf',
  'debian_version', 'default', 'environment', 'group', 'gshadow', 'host.conf', 'inputrc', 'iproute2', 'issue', 'ld.so.cache',
  'ld.so.conf', 'ld.so.conf.d', 'locale.alias', 'localtime', 'login.defs', 'mime.types', 'nsswitch.conf', 'os-release', 'passwd',
  'profile', 'profile.d', 'protocols', 'services', 'shadow', 'shells', 'skel', 'ssl', 'terminfo', 'timezone', 'vim', 'magic', 'networks',
];

export function defaultSpec(name: string, workers: number, clockSpeed = 1, kubernetesVersion = KUBERNETES_VERSION): ClusterSpec {
  const nodes: NodeInfo[] = [{ name: 'controlplane', ip: '172.30.1.2', role: 'control-plane', podCIDR: '192.168.0.0/24' }];
  for (let i = 1; i <= workers; i++) {
    nodes.push({ name: `node${String(i).padStart(2, '0')}`, ip: `172.30.${i + 1}.2`, role: 'worker', podCIDR: `192.168.${i}.0/24` });
  }
  return {
    name, workers, apiPort: 6443, etcdPort: 2379, serviceCIDR: '10.96.0.0/12', podCIDR: '192.168.0.0/16', nodes,
    created: new Date().toISOString(), kubernetesVersion, clockSpeed,
  };
}

function write(root: string, path: string, content: string, mode = 0o644): void {
  const p = join(root, path);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content, { mode });
}

function hostsFile(spec: ClusterSpec, self: string): string {
  const lines = ['127.0.0.1 localhost', '::1 localhost ip6-localhost ip6-loopback'];
  for (const n of spec.nodes) lines.push(`${n.ip} ${n.name}${n.name === self ? '' : ''}`);
  return lines.join('\n') + '\n';
}

/** The kubelet's kubeconfig after TLS bootstrap: it reads the rotated client pair from a file. */
function kubeletKubeconfig(server: string, caPem: string): string {
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${Buffer.from(caPem).toString('base64')}
    server: ${server}
  name: default-cluster
contexts:
- context:
    cluster: default-cluster
    namespace: default
    user: default-auth
  name: default-context
current-context: default-context
kind: Config
preferences: {}
users:
- name: default-auth
  user:
    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem
    client-key: /var/lib/kubelet/pki/kubelet-client-current.pem
`;
}

const BASHRC = `# ~/.bashrc: kubedojo exam shell
[ -z "$PS1" ] && return
HISTCONTROL=ignoredups:ignorespace
HISTSIZE=5000
shopt -s histappend checkwinsize
PS1='\\u@\\h:\\w\\$ '
[ -f /etc/bash_completion ] && ! shopt -oq posix && . /etc/bash_completion
alias k=kubectl
complete -o default -F __start_kubectl k
export KUBECONFIG=\${KUBECONFIG:-/root/.kube/config}
export ETCDCTL_API=3
alias ls='ls --color=auto'
`;

/** Creates the node trees, PKI, kubeconfigs and manifests of a new cluster under `dir`. */
export async function writeClusterTree(dir: string, spec: ClusterSpec): Promise<void> {
  const now = new Date();
  const cp = spec.nodes[0];
  const pki = await createClusterPki({
    controlPlaneName: cp.name,
    controlPlaneIP: cp.ip,
    serviceIP: '10.96.0.1',
    workers: spec.nodes.slice(1).map((n) => ({ name: n.name, ip: n.ip })),
    now,
  });
  const server = `https://${cp.name}:${spec.apiPort}`;
  for (const node of spec.nodes) {
    const root = join(dir, 'nodes', node.name);
    mkdirSync(root, { recursive: true });
    writeNodePackages(root, spec.kubernetesVersion);
    const etc = join(root, 'etc');
    mkdirSync(etc, { recursive: true });
    for (const d of SHARED_ETC) mkdirSync(join(etc, d), { recursive: true });
    for (const e of ETC_ENTRIES) {
      if (SHARED_ETC.includes(e)) continue;
      const src = join('/etc', e);
      if (existsSync(src)) cpSync(src, join(etc, e), { recursive: true, verbatimSymlinks: true, errorOnExist: false });
    }
    for (const d of ['bin', 'lib', 'lib64', 'sbin']) {
      if (existsSync(`/${d}`)) symlinkSync(`usr/${d}`, join(root, d));
    }
    for (const d of ['usr', 'proc', 'dev']) mkdirSync(join(root, d), { recursive: true });
    write(root, 'etc/hostname', node.name + '\n');
    write(root, 'etc/hosts', hostsFile(spec, node.name));
    write(root, 'etc/resolv.conf', 'nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n');
    write(root, 'etc/machine-id', Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('hex') + '\n');
    for (const d of ['root', 'tmp', 'var/tmp', 'var/log', 'var/lib', 'opt', 'home', 'srv', 'mnt', 'run', 'media']) mkdirSync(join(root, d), { recursive: true });
    chmodSync(join(root, 'tmp'), 0o1777);
    chmodSync(join(root, 'var/tmp'), 0o1777);
    chmodSync(join(root, 'root'), 0o700);
    write(root, 'root/.bashrc', BASHRC);
    write(root, 'root/.profile', '[ -n "$BASH_VERSION" ] && [ -f ~/.bashrc ] && . ~/.bashrc\nmesg n 2> /dev/null || true\n');

    // kubelet on every node
    const kubeletKey = pki.clients[`kubelet-${node.name}`];
    write(root, 'etc/kubernetes/pki/ca.crt', pki.files['ca.crt']);
    write(root, 'etc/kubernetes/kubelet.conf', kubeletKubeconfig(server, pki.ca.cert), 0o600);
    write(root, 'var/lib/kubelet/config.yaml', kubeletConfig());
    write(root, 'var/lib/kubelet/kubeadm-flags.env', 'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10.1"\n');
    write(root, 'var/lib/kubelet/pki/kubelet-client-current.pem', kubeletKey.cert + kubeletKey.key, 0o600);
    // the kubelet's systemd unit and kubeadm's drop-in (under /etc: the nodes share the host's /usr)
    write(root, 'etc/systemd/system/kubelet.service', KUBELET_UNIT);
    write(root, 'etc/systemd/system/kubelet.service.d/10-kubeadm.conf', KUBEADM_DROPIN);
    mkdirSync(join(root, 'etc/systemd/system/multi-user.target.wants'), { recursive: true });
    symlinkSync('/etc/systemd/system/kubelet.service', join(root, 'etc/systemd/system/multi-user.target.wants/kubelet.service'));
    write(root, 'etc/default/kubelet', 'KUBELET_EXTRA_ARGS=\n');
    mkdirSync(join(root, 'etc/kubernetes/manifests'), { recursive: true });

    if (node.role === 'control-plane') {
      for (const [path, pem] of Object.entries(pki.files)) write(root, `etc/kubernetes/pki/${path}`, pem, path.endsWith('.key') ? 0o600 : 0o644);
      const conf = (user: string, key: string) => kubeconfig({ server, caPem: pki.ca.cert, user, client: pki.clients[key] });
      write(root, 'etc/kubernetes/admin.conf', conf('kubernetes-admin', 'admin'), 0o600);
      write(root, 'etc/kubernetes/super-admin.conf', conf('kubernetes-super-admin', 'super-admin'), 0o600);
      write(root, 'etc/kubernetes/controller-manager.conf', conf('system:kube-controller-manager', 'controller-manager'), 0o600);
      write(root, 'etc/kubernetes/scheduler.conf', conf('system:kube-scheduler', 'scheduler'), 0o600);
      write(root, 'root/.kube/config', conf('kubernetes-admin', 'admin'), 0o600);
      for (const [file, text] of Object.entries(controlPlaneManifests(spec))) write(root, `etc/kubernetes/manifests/${file}`, text, 0o600);
      mkdirSync(join(root, 'var/lib/etcd'), { recursive: true, mode: 0o700 });
    }
  }
  writeFileSync(join(dir, 'cluster.json'), JSON.stringify(spec, null, 2));
}

/** The kubelet unit as the Kubernetes packages install it. */
export const KUBELET_UNIT = `[Unit]
Description=kubelet: The Kubernetes Node Agent
Documentation=https://kubernetes.io/docs/
Wants=network-online.target
After=network-online.target

[Service]
ExecStart=/usr/bin/kubelet
Restart=always
StartLimitInterval=0
RestartSec=10

[Install]
WantedBy=multi-user.target
`;

/** kubeadm's drop-in: the kubelet's kubeconfigs, config file and flag files. */
export const KUBEADM_DROPIN = `# Note: This dropin only works with kubeadm and kubelet v1.11+
[Service]
Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
# This is a file that "kubeadm init" and "kubeadm join" generates at runtime, populating the KUBELET_KUBEADM_ARGS variable dynamically
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
# This is a file that the user can use for overrides of the kubelet args as a last resort. Preferably, the user should use
# the .NodeRegistration.KubeletExtraArgs object in the configuration files instead. KUBELET_EXTRA_ARGS should be sourced from this file.
EnvironmentFile=-/etc/default/kubelet
ExecStart=
ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
`;

export function nodeNames(dir: string): string[] {
  return existsSync(join(dir, 'nodes')) ? readdirSync(join(dir, 'nodes')) : [];
}
