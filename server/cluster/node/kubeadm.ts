// kubeadm on a node, for what the CKA practises after `kubeadm init`: bootstrap tokens (create with
// the join command, list, delete), certificate expiry from the real PKI files and their renewal with
// the cluster's CA, and `version`. Tokens are bootstrap-token Secrets in kube-system, as kubeadm
// keeps them; certificates are read from and written to the node's /etc/kubernetes.
import { createHash, createPublicKey, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import type { ToolHandler, ToolIO } from './service.ts';
import type { Ctx } from '../controllers/framework.ts';
import type { ClusterSpec } from '../layout.ts';
import { etcdImage } from '../manifests.ts';
import { installedVersion } from './packages.ts';
import { latest, minorOf, release, tagOf } from '../versions.ts';
import { corednsImage } from '../addons.ts';
import { loadCA, sign, type LeafSpec } from '../pki.ts';
import { shortHumanDuration } from '../kinds/format.ts';
import { tabwrite } from './tabwriter.ts';

export interface KubeadmEnv {
  ctx: Ctx;
  spec: ClusterSpec;
  /** A node's tree in the runtime's view. */
  nodeRoot(node: string): string;
}

/** Go's tabwriter as kubeadm uses it (padding 3). */
const table = (rows: string[][]) => tabwrite(rows, { padding: 3 });

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "Jan 02, 2006 15:04 UTC" */
function kubeadmDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())}, ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} UTC`;
}

/** The certificates kubeadm manages: file (or kubeconfig), its CA, and how `renew` names it. */
const CERTS: { name: string; file: string; ca: string; kubeconfig?: boolean; what: string }[] = [
  { name: 'admin.conf', file: 'admin.conf', ca: 'ca', kubeconfig: true, what: 'certificate embedded in the kubeconfig file for the admin to use and for kubeadm itself' },
  { name: 'apiserver', file: 'pki/apiserver.crt', ca: 'ca', what: 'certificate for serving the Kubernetes API' },
  { name: 'apiserver-etcd-client', file: 'pki/apiserver-etcd-client.crt', ca: 'etcd-ca', what: 'certificate the apiserver uses to access etcd' },
  { name: 'apiserver-kubelet-client', file: 'pki/apiserver-kubelet-client.crt', ca: 'ca', what: 'certificate for the API server to connect to kubelet' },
  { name: 'controller-manager.conf', file: 'controller-manager.conf', ca: 'ca', kubeconfig: true, what: 'certificate embedded in the kubeconfig file for the controller manager to use' },
  { name: 'etcd-healthcheck-client', file: 'pki/etcd/healthcheck-client.crt', ca: 'etcd-ca', what: 'certificate for liveness probes to healthcheck etcd' },
  { name: 'etcd-peer', file: 'pki/etcd/peer.crt', ca: 'etcd-ca', what: 'certificate for etcd nodes to communicate with each other' },
  { name: 'etcd-server', file: 'pki/etcd/server.crt', ca: 'etcd-ca', what: 'certificate for serving etcd' },
  { name: 'front-proxy-client', file: 'pki/front-proxy-client.crt', ca: 'front-proxy-ca', what: 'certificate for the front proxy client' },
  { name: 'scheduler.conf', file: 'scheduler.conf', ca: 'ca', kubeconfig: true, what: 'certificate embedded in the kubeconfig file for the scheduler manager to use' },
  { name: 'super-admin.conf', file: 'super-admin.conf', ca: 'ca', kubeconfig: true, what: 'certificate embedded in the kubeconfig file for the super-admin' },
];
const CAS: Record<string, string> = { ca: 'pki/ca', 'etcd-ca': 'pki/etcd/ca', 'front-proxy-ca': 'pki/front-proxy-ca' };

const CONFIG_LINES = (phase: string) =>
  `[${phase}] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n[${phase}] Use 'kubeadm init phase upload-config kubeadm --config your-config-file' to re-upload it.\n`;

export function kubeadmTool(env: KubeadmEnv): ToolHandler {
  return async (req, io) => {
    const args = req.args.filter((a) => !/^--v=|^-v=/.test(a));
    const etc = join(env.nodeRoot(req.node), 'etc/kubernetes');
    const cmd = args[0];
    try {
      const kubeadmVersion = installedVersion(env.nodeRoot(req.node), 'kubeadm') ?? env.spec.kubernetesVersion;
      if (cmd === 'version') return version(args.slice(1), io, kubeadmVersion);
      if (cmd === 'upgrade') return await upgrade(env, req.node, args.slice(1), io, etc, kubeadmVersion);
      if (cmd === 'token') return await token(env, args.slice(1), io, etc);
      if (cmd === 'certs') return await certs(env, args.slice(1), io, etc);
      if (!cmd || cmd === '-h' || cmd === '--help' || cmd === 'help') {
        io.out(USAGE);
        return 0;
      }
      if (['init', 'join', 'reset', 'config', 'kubeconfig'].includes(cmd)) {
        io.err(`kubedojo does not simulate "kubeadm ${cmd}" yet: this cluster was set up by kubeadm init and join already\n`);
        return 1;
      }
      io.err(`unknown command "${cmd}" for "kubeadm"\nTo see the stack trace of this error execute with --v=5 or higher\n`);
      return 1;
    } catch (e) {
      io.err(`${(e as Error).message}\nTo see the stack trace of this error execute with --v=5 or higher\n`);
      return 1;
    }
  };
}

const USAGE = `Usage:
  kubeadm [command]

Available Commands:
  certs       Commands related to handling Kubernetes certificates
  completion  Output shell completion code for the specified shell (bash or zsh)
  config      Manage configuration for a kubeadm cluster persisted in a ConfigMap in the cluster
  help        Help about any command
  init        Run this command in order to set up the Kubernetes control plane
  join        Run this on any machine you wish to join an existing cluster
  kubeconfig  Kubeconfig file utilities
  reset       Performs a best effort revert of changes made to this host by 'kubeadm init' or 'kubeadm join'
  token       Manage bootstrap tokens
  upgrade     Upgrade your cluster smoothly to a newer version with this command
  version     Print the version of kubeadm

Flags:
  -h, --help                     help for kubeadm
      --rootfs string            The path to the 'real' host root filesystem. This will cause kubeadm to chroot into the provided path.

Use "kubeadm [command] --help" for more information about a command.
`;

function version(args: string[], io: ToolIO, v: string): number {
  const o = args.find((a) => a.startsWith('-o=') || a.startsWith('--output='))?.split('=')[1] ?? (args.includes('-o') ? args[args.indexOf('-o') + 1] : undefined);
  const [major, minor] = v.slice(1).split('.');
  const info = { major, minor, gitVersion: v, gitCommit: 'fdc9d74cbf0da4d5e2b0ba4c2ae9f6c9e3e6e3e3', gitTreeState: 'clean', buildDate: '2026-02-10T12:00:00Z', goVersion: 'go1.25.6', compiler: 'gc', platform: 'linux/amd64' };
  if (o === 'short') io.out(`${v}\n`);
  else if (o === 'json') io.out(`${JSON.stringify({ clientVersion: info }, null, 2)}\n`);
  else if (o === 'yaml') io.out(`clientVersion:\n${Object.entries(info).map(([k, v]) => `  ${k}: ${/^\d+$/.test(v) ? `"${v}"` : v}`).join('\n')}\n`);
  else io.out(`kubeadm version: &version.Info{Major:"${major}", Minor:"${minor}", EmulationMajor:"", EmulationMinor:"", MinCompatibilityMajor:"", MinCompatibilityMinor:"", GitVersion:"${info.gitVersion}", GitCommit:"${info.gitCommit}", GitTreeState:"clean", BuildDate:"${info.buildDate}", GoVersion:"${info.goVersion}", Compiler:"gc", Platform:"linux/amd64"}\n`);
  return 0;
}

/** Parses "24h0m0s", "2h", "30m", "0" as Go durations (ms). */
function goDurationMs(s: string): number {
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(h|m|s|ms)/g;
  let total = 0;
  let seen = '';
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += Number(m[1]) * { h: 3_600_000, m: 60_000, s: 1000, ms: 1 }[m[2] as 'h']!;
    seen += m[0];
  }
  if (seen !== s) throw new Error(`invalid argument "${s}" for "--ttl" flag: time: invalid duration "${s}"`);
  return total;
}

function flagValue(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) return args.splice(i, 2)[1];
    if (args[i].startsWith(`${name}=`)) return args.splice(i, 1)[0].slice(name.length + 1);
  }
  return undefined;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');
const unb64 = (s: string | undefined) => (s ? Buffer.from(s, 'base64').toString() : '');

async function token(env: KubeadmEnv, args: string[], io: ToolIO, etc: string): Promise<number> {
  const sub = args.shift();
  const c = env.ctx.client;
  const now = env.ctx.clock.now();
  if (sub === 'create' || sub === 'generate') {
    const ttl = goDurationMs(flagValue(args, '--ttl') ?? '24h0m0s');
    const description = flagValue(args, '--description');
    const usages = flagValue(args, '--usages') ?? 'signing,authentication';
    const groups = flagValue(args, '--groups') ?? 'system:bootstrappers:kubeadm:default-node-token';
    const printJoin = args.includes('--print-join-command');
    const given = args.find((a) => !a.startsWith('-'));
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const rand = (n: number) => [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
    const tok = given ?? `${rand(6)}.${rand(16)}`;
    if (!/^[a-z0-9]{6}\.[a-z0-9]{16}$/.test(tok)) throw new Error(`the bootstrap token "${tok}" was not of the form "^([a-z0-9]{6})\\.([a-z0-9]{16})$"`);
    if (sub === 'generate') {
      io.out(`${tok}\n`);
      return 0;
    }
    const [id, secret] = tok.split('.');
    const data: Record<string, string> = { 'token-id': b64(id), 'token-secret': b64(secret), 'auth-extra-groups': b64(groups) };
    if (ttl > 0) data.expiration = b64(new Date(now.getTime() + ttl).toISOString().replace(/\.\d+Z$/, 'Z'));
    if (description) data.description = b64(description);
    for (const u of usages.split(',')) data[`usage-bootstrap-${u}`] = b64('true');
    await c.create('v1/secrets', { apiVersion: 'v1', kind: 'Secret', type: 'bootstrap.kubernetes.io/token', metadata: { name: `bootstrap-token-${id}`, namespace: 'kube-system' }, data });
    if (!printJoin) {
      io.out(`${tok}\n`);
      return 0;
    }
    const caPem = readFileSync(join(etc, 'pki/ca.crt'), 'utf8');
    const spki = createPublicKey(caPem).export({ type: 'spki', format: 'der' });
    const hash = createHash('sha256').update(spki).digest('hex');
    io.out(`kubeadm join ${env.spec.nodes[0].ip}:6443 --token ${tok} --discovery-token-ca-cert-hash sha256:${hash} \n`);
    return 0;
  }
  if (sub === 'list') {
    const rows = [['TOKEN', 'TTL', 'EXPIRES', 'USAGES', 'DESCRIPTION', 'EXTRA GROUPS']];
    for (const s of c.list('v1/secrets', 'kube-system', (o) => o.type === 'bootstrap.kubernetes.io/token')) {
      const d = s.data ?? {};
      const exp = unb64(d.expiration);
      const usages = Object.keys(d).filter((k) => k.startsWith('usage-bootstrap-') && unb64(d[k]) === 'true').map((k) => k.slice('usage-bootstrap-'.length)).sort();
      rows.push([`${unb64(d['token-id'])}.${unb64(d['token-secret'])}`, exp ? shortHumanDuration(Date.parse(exp) - now.getTime()) : '<forever>', exp || '<never>',
        usages.join(','), unb64(d.description) || '<none>', unb64(d['auth-extra-groups'])]);
    }
    io.out(table(rows));
    return 0;
  }
  if (sub === 'delete') {
    const ids = args.filter((a) => !a.startsWith('-'));
    if (!ids.length) throw new Error('missing subcommand; \'token delete\' is missing token of form "[a-z0-9]{6}" or "[a-z0-9]{6}\\.[a-z0-9]{16}"');
    for (const t of ids) {
      const id = t.split('.')[0];
      try {
        await c.delete('v1/secrets', 'kube-system', `bootstrap-token-${id}`);
      } catch {
        throw new Error(`failed to delete bootstrap token with name "bootstrap-token-${id}": secrets "bootstrap-token-${id}" not found`);
      }
      io.out(`bootstrap token "${id}" deleted\n`);
    }
    return 0;
  }
  throw new Error(`unknown command "${sub ?? ''}" for "kubeadm token"`);
}

/** The PEM certificate of an entry: a file, or the client-certificate-data of a kubeconfig. */
function readCert(etc: string, e: (typeof CERTS)[number]): string | undefined {
  const p = join(etc, e.file);
  if (!existsSync(p)) return undefined;
  const text = readFileSync(p, 'utf8');
  if (!e.kubeconfig) return text;
  const m = /client-certificate-data:\s*(\S+)/.exec(text);
  return m ? Buffer.from(m[1], 'base64').toString() : undefined;
}

async function certs(env: KubeadmEnv, args: string[], io: ToolIO, etc: string): Promise<number> {
  const sub = args.shift();
  const now = env.ctx.clock.now();
  if (sub === 'check-expiration') {
    io.out(CONFIG_LINES('check-expiration') + '\n');
    const rows = [['CERTIFICATE', 'EXPIRES', 'RESIDUAL TIME', 'CERTIFICATE AUTHORITY', 'EXTERNALLY MANAGED']];
    for (const e of CERTS) {
      const pem = readCert(etc, e);
      if (!pem) continue;
      const na = new x509.X509Certificate(pem).notAfter;
      rows.push([e.name, kubeadmDate(na), shortHumanDuration(na.getTime() - now.getTime()), e.ca, 'no']);
    }
    io.out(table(rows) + '\n');
    const ca = [['CERTIFICATE AUTHORITY', 'EXPIRES', 'RESIDUAL TIME', 'EXTERNALLY MANAGED']];
    for (const [name, base] of Object.entries(CAS)) {
      const p = join(etc, `${base}.crt`);
      if (!existsSync(p)) continue;
      const na = new x509.X509Certificate(readFileSync(p, 'utf8')).notAfter;
      ca.push([name, kubeadmDate(na), shortHumanDuration(na.getTime() - now.getTime()), 'no']);
    }
    io.out(table(ca));
    return 0;
  }
  if (sub === 'renew') {
    const which = args.find((a) => !a.startsWith('-'));
    const names = CERTS.map((e) => e.name);
    if (!which) throw new Error('missing subcommand; "renew" is not meant to be run on its own');
    if (which !== 'all' && !names.includes(which)) throw new Error(`unknown command "${which}" for "kubeadm certs renew"`);
    io.out(CONFIG_LINES('renew') + '\n');
    for (const e of CERTS) {
      if (which !== 'all' && e.name !== which) continue;
      const pem = readCert(etc, e);
      if (!pem) continue;
      await renewOne(etc, e, pem, now);
      io.out(`${e.what} renewed\n`);
    }
    io.out(`\nDone renewing certificates. You must restart the kube-apiserver, kube-controller-manager, kube-scheduler and etcd, so that they can use the new certificates.\n`);
    return 0;
  }
  if (sub === 'certificate-key') {
    io.out(`${randomBytes(32).toString('hex')}\n`);
    return 0;
  }
  throw new Error(`unknown command "${sub ?? ''}" for "kubeadm certs"`);
}

/** Signs the same subject, names and usages for the same key again, valid one year from now. */
async function renewOne(etc: string, e: (typeof CERTS)[number], pem: string, now: Date): Promise<void> {
  const old = new x509.X509Certificate(pem);
  const base = CAS[e.ca];
  const ca = await loadCA(readFileSync(join(etc, `${base}.crt`), 'utf8'), readFileSync(join(etc, `${base}.key`), 'utf8'));
  const spec: LeafSpec = { cn: '', orgs: [], dns: [], ips: [] };
  for (const rdn of old.subjectName.toJSON()) {
    for (const [k, vals] of Object.entries(rdn)) {
      if (k === 'CN') spec.cn = vals[0];
      if (k === 'O') spec.orgs!.push(...vals);
    }
  }
  const san = old.getExtension(x509.SubjectAlternativeNameExtension);
  for (const n of san?.names.items ?? []) (n.type === 'ip' ? spec.ips! : spec.dns!).push(n.value);
  const eku = old.getExtension(x509.ExtendedKeyUsageExtension);
  const usages = (eku?.usages ?? []).map(String);
  spec.server = usages.includes(x509.ExtendedKeyUsage.serverAuth);
  spec.client = usages.includes(x509.ExtendedKeyUsage.clientAuth);
  const publicKey = await old.publicKey.export({ name: 'ECDSA', namedCurve: 'P-256' }, ['verify']);
  const cert = (await sign(ca, spec, publicKey, now)).toString('pem') + '\n';
  const p = join(etc, e.file);
  if (e.kubeconfig) {
    const text = readFileSync(p, 'utf8').replace(/client-certificate-data:\s*\S+/, `client-certificate-data: ${Buffer.from(cert).toString('base64')}`);
    writeFileSync(p, text);
  } else {
    writeFileSync(p, cert);
  }
}

// ----- upgrade ---------------------------------------------------------------------------------

const CP_COMPONENTS = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'];

/** The cluster's version as kubeadm-config records it. */
function clusterVersion(env: KubeadmEnv): string {
  const cm = env.ctx.client.get('v1/configmaps', 'kube-system', 'kubeadm-config');
  const v = /kubernetesVersion:\s*(\S+)/.exec(cm?.data?.ClusterConfiguration ?? '')?.[1];
  if (!v) throw new Error('unable to fetch the kubeadm-config ConfigMap: configmaps "kubeadm-config" not found');
  return v;
}

const cmp = (a: string, b: string) => {
  const pa = a.replace(/^v/, '').split('.').map(Number);
  const pb = b.replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
};

function imageOfManifest(etc: string, name: string): string | undefined {
  try {
    return /^\s*image:\s*(\S+)/m.exec(readFileSync(join(etc, 'manifests', `${name}.yaml`), 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

async function ask(io: ToolIO, question: string): Promise<boolean> {
  io.out(question);
  const answer = await new Promise<string>((resolve) => {
    let buf = '';
    const onData = (d: Buffer) => {
      buf += d.toString();
      if (buf.includes('\n')) {
        io.stdin.off('data', onData);
        resolve(buf);
      }
    };
    io.stdin.on('data', onData);
    io.stdin.once('end', () => resolve(buf));
  });
  return /^\s*y(es)?\s*$/i.test(answer);
}

async function upgrade(env: KubeadmEnv, node: string, args: string[], io: ToolIO, etc: string, kubeadmV: string): Promise<number> {
  const sub = args.shift();
  const isCP = env.spec.nodes.find((n) => n.name === node)?.role === 'control-plane';
  const c = env.ctx.client;
  if (sub === 'plan') {
    const cur = clusterVersion(env);
    io.out(CONFIG_LINES('upgrade/config'));
    io.out('[upgrade/preflight] Running preflight checks.\n[upgrade] Running cluster health checks\n[upgrade] Fetching available versions to upgrade to\n');
    const target = cmp(kubeadmV, cur) > 0 ? kubeadmV : latest(minorOf(cur));
    io.out(`[upgrade/versions] Cluster version: ${cur}\n[upgrade/versions] kubeadm version: ${kubeadmV}\n[upgrade/versions] Target version: ${target}\n[upgrade/versions] Latest version in the v${minorOf(cur)} series: ${latest(minorOf(cur))}\n\n`);
    if (cmp(target, cur) <= 0) {
      io.out('Awesome, you\'re up-to-date! Enjoy!\n');
      return 0;
    }
    const nodes = c.list('v1/nodes', undefined);
    io.out('Components that must be upgraded manually after you have upgraded the control plane with \'kubeadm upgrade apply\':\n');
    io.out(table([['COMPONENT', 'NODE', 'CURRENT', 'TARGET'], ...nodes.map((n) => ['kubelet', n.metadata!.name!, n.status?.nodeInfo?.kubeletVersion ?? '', target])]));
    io.out('\nUpgrade to the latest stable version:\n\n');
    const rel = release(minorOf(target))!;
    const cp = env.spec.nodes[0].name;
    const rows = [['COMPONENT', 'NODE', 'CURRENT', 'TARGET']];
    for (const comp of CP_COMPONENTS) rows.push([comp, cp, tagOf(imageOfManifest(etc, comp) ?? cur), target]);
    const proxy = c.get('apps/v1/daemonsets', 'kube-system', 'kube-proxy');
    rows.push(['kube-proxy', '', tagOf(proxy?.spec?.template?.spec?.containers?.[0]?.image ?? cur).replace(/^v/, ''), target]);
    const dns = c.get('apps/v1/deployments', 'kube-system', 'coredns');
    rows.push(['CoreDNS', '', tagOf(dns?.spec?.template?.spec?.containers?.[0]?.image ?? ''), rel.coredns]);
    rows.push(['etcd', cp, tagOf(imageOfManifest(etc, 'etcd') ?? ''), rel.etcd]);
    io.out(table(rows));
    io.out(`\nYou can now apply the upgrade by executing the following command:\n\n\tkubeadm upgrade apply ${target}\n\n_____________________________________________________________________\n\n`);
    io.out('The table below shows the current state of component configs as understood by this version of kubeadm.\nConfigs that have a "yes" mark in the "MANUAL UPGRADE REQUIRED" column require manual config upgrade or\nresetting to kubeadm defaults before a successful upgrade can be performed. The version to manually\nupgrade to is denoted in the "PREFERRED VERSION" column.\n\n');
    io.out(table([['API GROUP', 'CURRENT VERSION', 'PREFERRED VERSION', 'MANUAL UPGRADE REQUIRED'], ['kubeproxy.config.k8s.io', 'v1alpha1', 'v1alpha1', 'no'], ['kubelet.config.k8s.io', 'v1beta1', 'v1beta1', 'no']]));
    io.out('_____________________________________________________________________\n\n');
    return 0;
  }
  if (sub === 'apply') {
    const yes = args.some((a) => ['-y', '--yes', '-f', '--force'].includes(a));
    let target = args.find((a) => !a.startsWith('-'));
    if (!target) throw new Error('missing one or more required arguments. Required arguments: [version]');
    if (!target.startsWith('v')) target = `v${target}`;
    if (!isCP) throw new Error('[upgrade/apply] FATAL: this command must be run on a control plane node (no /etc/kubernetes/manifests found)');
    const cur = clusterVersion(env);
    io.out(CONFIG_LINES('upgrade'));
    io.out('[upgrade/preflight] Running preflight checks\n[upgrade] Running cluster health checks\n');
    io.out(`[upgrade/preflight] You have chosen to upgrade the cluster version to "${target}"\n[upgrade/versions] Cluster version: ${cur}\n[upgrade/versions] kubeadm version: ${kubeadmV}\n`);
    const problems: string[] = [];
    if (!release(minorOf(target)) || !release(minorOf(target))!.patches.includes(target.slice(1))) problems.push(`Specified version to upgrade to "${target}" is not a known Kubernetes release`);
    else if (cmp(target, kubeadmV) > 0) problems.push(`Specified version to upgrade to "${target}" is higher than the kubeadm version "${kubeadmV}". Upgrade kubeadm first using the tool you used to install kubeadm`);
    else if (Number(minorOf(target).split('.')[1]) - Number(minorOf(cur).split('.')[1]) > 1) problems.push(`Specified version to upgrade to "${target}" is too high; kubeadm can upgrade only 1 minor version at a time`);
    else if (cmp(target, cur) < 0) problems.push(`Specified version to upgrade to "${target}" is equal to or lower than the cluster version "${cur}". Downgrades are not supported yet`);
    if (problems.length) {
      io.err(`[upgrade/version] FATAL: the version argument is invalid due to these errors:\n\n${problems.map((p) => `\t- ${p}\n`).join('')}\nCan be bypassed if you pass the --force flag\n`);
      return 1;
    }
    if (!yes && !(await ask(io, '[upgrade] Are you sure you want to proceed? [y/N]: '))) {
      io.err('won\'t proceed; the user didn\'t answer (Y|y) in order to continue\n');
      return 1;
    }
    io.out('[upgrade/preflight] Pulling images required for setting up a Kubernetes cluster\n[upgrade/preflight] This might take a minute or two, depending on the speed of your internet connection\n[upgrade/preflight] You can also perform this action beforehand using \'kubeadm config images pull\'\n');
    io.out(`[upgrade/control-plane] Upgrading your static Pod-hosted control plane to version "${target}" (timeout: 5m0s)...\n`);
    const stamp = env.ctx.clock.now().toISOString().replace(/T/, '-').replace(/:/g, '-').slice(0, 19);
    const backup = join(etc, 'tmp', `kubeadm-backup-manifests-${stamp}`);
    mkdirSync(backup, { recursive: true });
    const wanted: [string, string][] = [['etcd', etcdImage(target)], ...CP_COMPONENTS.map((comp): [string, string] => [comp, `registry.k8s.io/${comp}:${target}`])];
    for (const [comp, image] of wanted) {
      const file = join(etc, 'manifests', `${comp}.yaml`);
      if (!existsSync(file)) continue;
      const text = readFileSync(file, 'utf8');
      const old = /^\s*image:\s*(\S+)/m.exec(text)?.[1];
      if (old === image) {
        io.out(`[upgrade/staticpods] Current and new manifests of ${comp} are equal, skipping upgrade\n`);
        continue;
      }
      io.out(`[upgrade/staticpods] Preparing for "${comp}" upgrade\n`);
      writeFileSync(join(backup, `${comp}.yaml`), text);
      writeFileSync(file, text.replace(/^(\s*image:\s*)\S+/m, `$1${image}`));
      io.out(`[upgrade/staticpods] Moved new manifest to "/etc/kubernetes/manifests/${comp}.yaml" and backed up old manifest to "/etc/kubernetes/tmp/kubeadm-backup-manifests-${stamp}/${comp}.yaml"\n[upgrade/staticpods] Waiting for the kubelet to restart the component\n[upgrade/staticpods] This can take up to 5m0s\n`);
      const ok = await waitFor(env, () => {
        const p = c.get('v1/pods', 'kube-system', `${comp}-${env.spec.nodes[0].name}`);
        return p?.spec?.containers?.[0]?.image === image && p?.status?.phase === 'Running';
      }, 120_000);
      if (!ok) throw new Error(`[upgrade/apply] FATAL: couldn't upgrade control plane. kubeadm has tried to recover everything into the earlier state. Errors faced: timed out waiting for the condition`);
      io.out(`[apiclient] Found 1 Pods for label selector component=${comp}\n[upgrade/staticpods] Component "${comp}" upgraded successfully!\n`);
    }
    io.out('[upgrade/control-plane] The control plane instance for this node was successfully upgraded!\n');
    const cm = c.get('v1/configmaps', 'kube-system', 'kubeadm-config');
    if (cm) await c.patch('v1/configmaps', 'kube-system', 'kubeadm-config', { data: { ClusterConfiguration: String(cm.data.ClusterConfiguration).replace(/kubernetesVersion:\s*\S+/, `kubernetesVersion: ${target}`) } });
    io.out('[upload-config] Storing the configuration used in ConfigMap "kubeadm-config" in the "kube-system" Namespace\n[kubelet] Creating a ConfigMap "kubelet-config" in namespace kube-system with the configuration for the kubelets in the cluster\n[upgrade/kubelet-config] The kubelet configuration for this node was successfully upgraded!\n[upgrade/bootstrap-token] Configuring bootstrap token and cluster-info RBAC rules\n[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to get nodes\n[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to post CSRs in order for nodes to get long term certificate credentials\n[bootstrap-token] Configured RBAC rules to allow the csrapprover controller automatically approve CSRs from a Node Bootstrap Token\n[bootstrap-token] Configured RBAC rules to allow certificate rotation for all node client certificates in the cluster\n');
    const setImage = async (res: string, name: string, container: string, image: string) => {
      const o = c.get(res, 'kube-system', name);
      if (!o) return;
      const containers = (o.spec.template.spec.containers as any[]).map((x) => (x.name === container ? { ...x, image } : x));
      await c.patch(res, 'kube-system', name, { spec: { template: { spec: { containers } } } });
    };
    await setImage('apps/v1/deployments', 'coredns', 'coredns', corednsImage(target));
    io.out('[addons] Applied essential addon: CoreDNS\n');
    await setImage('apps/v1/daemonsets', 'kube-proxy', 'kube-proxy', `registry.k8s.io/kube-proxy:${target}`);
    io.out('[addons] Applied essential addon: kube-proxy\n');
    io.out(`\n[upgrade] SUCCESS! A control plane node of your cluster was upgraded to "${target}".\n\n[upgrade] Now please proceed with upgrading the rest of the nodes by following the right order.\n`);
    return 0;
  }
  if (sub === 'node') {
    io.out(CONFIG_LINES('upgrade'));
    io.out('[upgrade/preflight] Running pre-flight checks\n');
    if (isCP) {
      io.out('[upgrade/preflight] Pulling images required for setting up a Kubernetes cluster\n[upgrade/control-plane] Upgrading your Static Pod-hosted control plane instance to version "' + clusterVersion(env) + '"...\n[upgrade/control-plane] The control plane instance for this node was successfully upgraded!\n');
    } else {
      io.out('[upgrade/preflight] Skipping prepull. Not a control plane node.\n[upgrade/control-plane] Skipping phase. Not a control plane node.\n[upgrade/kubeconfig] Skipping phase. Not a control plane node.\n');
    }
    const stamp = env.ctx.clock.now().toISOString().replace(/T/, '-').replace(/:/g, '-').slice(0, 19);
    io.out(`[upgrade] Backing up kubelet config file to /etc/kubernetes/tmp/kubeadm-kubelet-config-${stamp}/config.yaml\n[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"\n[upgrade/kubelet-config] The kubelet configuration for this node was successfully upgraded!\n`);
    if (!isCP) io.out('[upgrade/addon] Skipping the addon/coredns phase. Not a control plane node.\n[upgrade/addon] Skipping the addon/kube-proxy phase. Not a control plane node.\n');
    return 0;
  }
  throw new Error(`unknown command "${sub ?? ''}" for "kubeadm upgrade"`);
}

async function waitFor(env: KubeadmEnv, cond: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return cond();
}
