// One cluster's runtime: starts etcd as its static pod manifest says, then the API server with
// the flags of the kube-apiserver manifest, bootstraps a fresh cluster's objects, and reports
// ready. Runs inside the cluster's sandbox (or unsandboxed in local mode, with a path prefix).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:https';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ClusterSpec } from './layout.ts';
import type { KObject } from './kinds/types.ts';
import { KINDS } from './kinds/index.ts';
import { EtcdClient } from './etcd-client.ts';
import { Store } from './api/store.ts';
import { ApiServer } from './api/server.ts';
import { MAX_BODY } from './api/request.ts';
import { TokenAuthority } from './api/authn.ts';
import { bootstrapObjects, writeBootstrap } from './bootstrap.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { startControllerManager } from './controllers/index.ts';
import { makeCtx, type Ctx } from './controllers/framework.ts';
import { Clock } from './clock.ts';
import { startEventTtl } from './events.ts';
import { PRELOADED_IMAGES } from './addons.ts';
import { nodeRootFor, startKubelets, type Kubelets } from './kubelet/index.ts';
import { Network } from './network/index.ts';
import { NodeService } from './node/service.ts';
import { componentRunner, type ComponentMain } from './components.ts';
import { startMetricsApi, simulatedUsage } from './metrics.ts';
import { sshTool, type NodeSpawner } from './node/ssh.ts';
import { localShellEnv, nodeShellCommand } from './sandbox.ts';
import { NodeSystemd, journalctlTool, systemctlTool } from './node/systemd.ts';
import { crictlTool } from './node/crictl.ts';
import { manifestCommand, KUBERNETES_VERSION } from './manifests.ts';

export interface RuntimeOptions {
  /** The runtime's own directory (cluster.json, logs, state). */
  clusterDir: string;
  /** Prefix of the control-plane node's files: '' inside the sandbox (its tree is /). */
  root: string;
  /** Local mode: ports to use instead of the manifests' (the host's loopback is shared). */
  portOverride?: { api: number; etcd: number; etcdPeer: number; etcdMetrics: number };
  log: (line: string) => void;
}

/** Flags as a map from a component's command line (`--name=value`). */
export function flagsOf(cmd: string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const a of cmd.slice(1)) {
    const x = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (x) m.set(x[1], x[2] ?? 'true');
  }
  return m;
}

export class ClusterRuntime {
  private etcd?: ChildProcess;
  private servers: Server[] = [];
  private store?: Store;
  api?: ApiServer;
  ctx?: Ctx;
  spec: ClusterSpec;
  readonly clock: Clock;
  private stops: (() => void)[] = [];
  kubelets?: Kubelets;
  nodeService?: NodeService;
  systemd?: Map<string, NodeSystemd>;

  constructor(readonly o: RuntimeOptions) {
    this.spec = JSON.parse(readFileSync(join(o.clusterDir, 'cluster.json'), 'utf8'));
    this.clock = new Clock(this.spec.clockSpeed ?? 1);
  }

  private path(p: string): string {
    return this.o.root ? join(this.o.root, p) : p;
  }

  private manifest(name: string): string[] {
    return manifestCommand(readFileSync(this.path(`/etc/kubernetes/manifests/${name}`), 'utf8'), parseYaml);
  }

  /** Puts the nodes' addresses on the sandbox's loopback, so controlplane:6443 and node IPs answer. */
  private addNodeAddresses(): void {
    if (this.o.root) return; // local mode: the host's network is not ours to change
    for (const n of this.spec.nodes) spawnSync('ip', ['addr', 'add', `${n.ip}/32`, 'dev', 'lo'], { stdio: 'ignore' });
  }

  private startEtcd(): { endpoint: string } {
    let cmd = this.manifest('etcd.yaml');
    const flags = flagsOf(cmd);
    if (this.o.root) {
      // local mode: host paths and free ports instead of the node's
      const p = this.o.portOverride!;
      cmd = cmd.map((a) => a
        .replace(/=\/etc\/kubernetes/, `=${this.path('/etc/kubernetes')}`)
        .replace(/=\/var\/lib\/etcd/, `=${this.path('/var/lib/etcd')}`))
        .map((a) => (a.startsWith('--listen-client-urls=') ? `--listen-client-urls=https://127.0.0.1:${p.etcd}` : a))
        .map((a) => (a.startsWith('--advertise-client-urls=') ? `--advertise-client-urls=https://127.0.0.1:${p.etcd}` : a))
        .map((a) => (a.startsWith('--listen-peer-urls=') ? `--listen-peer-urls=https://127.0.0.1:${p.etcdPeer}` : a))
        .map((a) => (a.startsWith('--initial-advertise-peer-urls=') ? `--initial-advertise-peer-urls=https://127.0.0.1:${p.etcdPeer}` : a))
        .map((a) => (a.startsWith('--initial-cluster=') ? `--initial-cluster=${flags.get('name')}=https://127.0.0.1:${p.etcdPeer}` : a))
        .map((a) => (a.startsWith('--listen-metrics-urls=') ? `--listen-metrics-urls=http://127.0.0.1:${p.etcdMetrics}` : a));
    }
    const logs = join(this.o.clusterDir, 'logs');
    mkdirSync(logs, { recursive: true });
    const out = openSync(join(logs, 'etcd.log'), 'a');
    // A single-member cluster elects itself at once with short raft timers (set through etcd's
    // environment, so the manifest stays exactly as kubeadm writes it).
    this.etcd = spawn(cmd[0], cmd.slice(1), {
      stdio: ['ignore', out, out],
      env: { ...process.env, ETCD_HEARTBEAT_INTERVAL: '100', ETCD_ELECTION_TIMEOUT: '500', GOGC: '50' },
    });
    this.etcd.on('exit', (code, sig) => this.o.log(`etcd exited (${code ?? sig})`));
    const listen = flagsOf(cmd).get('listen-client-urls') ?? 'https://127.0.0.1:2379';
    const endpoint = listen.split(',').find((u) => u.includes('127.0.0.1')) ?? listen.split(',')[0];
    return { endpoint };
  }

  private async connectEtcd(endpoint: string, files: { ca: string; cert: string; key: string }): Promise<Store> {
    const deadline = Date.now() + 15000;
    let last: unknown;
    while (Date.now() < deadline) {
      const client = EtcdClient.fromFiles(endpoint, files);
      try {
        await client.status();
        const store = new Store(client);
        await store.start();
        return store;
      } catch (e) {
        last = e;
        client.close();
        await new Promise((r) => setTimeout(r, 15));
      }
    }
    throw new Error(`etcd did not become ready at ${endpoint}: ${(last as Error)?.message}`);
  }

  async start(): Promise<void> {
    const t0 = Date.now();
    this.addNodeAddresses();
    const { endpoint } = this.startEtcd();
    const api = flagsOf(this.manifest('kube-apiserver.yaml'));
    const f = (name: string, def: string) => this.path(api.get(name) ?? def);
    const etcdEndpoint = this.o.root ? endpoint : (api.get('etcd-servers') ?? endpoint).split(',')[0];
    const store = await this.connectEtcd(etcdEndpoint, {
      ca: f('etcd-cafile', '/etc/kubernetes/pki/etcd/ca.crt'),
      cert: f('etcd-certfile', '/etc/kubernetes/pki/apiserver-etcd-client.crt'),
      key: f('etcd-keyfile', '/etc/kubernetes/pki/apiserver-etcd-client.key'),
    });
    this.store = store;
    const tokens = new TokenAuthority(readFileSync(f('service-account-signing-key-file', '/etc/kubernetes/pki/sa.key')), readFileSync(f('service-account-key-file', '/etc/kubernetes/pki/sa.pub')));
    const port = this.o.portOverride?.api ?? Number(api.get('secure-port') ?? 6443);
    const advertise = api.get('advertise-address') ?? this.spec.nodes[0].ip;
    const apiServer = new ApiServer({
      store, builtins: KINDS, tokens, clock: () => this.clock.now(),
      config: {
        'service-cluster-ip-range': api.get('service-cluster-ip-range') ?? this.spec.serviceCIDR,
        'service-node-port-range': api.get('service-node-port-range') ?? '30000-32767',
      },
      version: versionInfo(),
      serverAddress: `${advertise}:${port}`,
      log: this.o.log,
    });
    apiServer.authz.modes = (api.get('authorization-mode') ?? 'Node,RBAC').split(',');
    this.api = apiServer;
    if (!store.get('/registry/namespaces/default')) {
      const caPem = readFileSync(f('client-ca-file', '/etc/kubernetes/pki/ca.crt'), 'utf8');
      await writeBootstrap(store, apiServer.registry, bootstrapObjects(this.spec, caPem, `https://${advertise}:${port}`), {
        ...apiServer.strategy({ username: 'system:apiserver', groups: ['system:masters'] }),
      });
    }
    apiServer.startCrdSync();
    const caPem = readFileSync(f('client-ca-file', '/etc/kubernetes/pki/ca.crt'), 'utf8');
    // controllers and scheduler act as their components' users, through the same REST strategy
    const ctx = makeCtx(apiServer, this.clock, this.o.log, { username: 'system:kube-controller-manager', groups: ['system:authenticated'] });
    this.ctx = ctx;
    // the scheduler and the controller manager run while their static pods run (components.ts)
    const mains: Record<string, ComponentMain> = {
      'kube-scheduler': () => {
        const scheduler = new Scheduler(store, () => this.clock.now());
        scheduler.start();
        return () => scheduler.stop();
      },
      'kube-controller-manager': (flags) => {
        let caKeyPem: string | undefined;
        try {
          caKeyPem = readFileSync(this.path(flags.get('cluster-signing-key-file') ?? '/etc/kubernetes/pki/ca.key'), 'utf8');
        } catch {
          // without a signing key, CSRs are not signed
        }
        const cm = startControllerManager(ctx, { caPem, caKeyPem, flags, clusterDir: this.o.clusterDir });
        return () => cm.stop();
      },
    };
    this.stops.push(startEventTtl(store, () => this.clock.ms(), (ms, fn) => this.clock.every(ms, fn)));
    const cs = apiServer.registry.find('', 'v1', 'componentstatuses');
    if (cs) cs.source = () => this.componentStatuses();
    this.stops.push(startMetricsApi(apiServer, simulatedUsage(() => this.clock.ms()), () => this.clock.now()));
    // the network asks the kubelets about containers; the kubelets give every container its applets
    const late: { lookup?: Kubelets['containers'] } = {};
    const network = new Network(ctx, {
      runDir: join(this.o.clusterDir, 'net'),
      containers: { rootfs: (uid, c) => late.lookup?.rootfs(uid, c), running: (uid, c) => late.lookup?.running(uid, c) ?? false },
    });
    await network.start();
    this.stops.push(() => network.stop());
    const kubelets = startKubelets(ctx, {
      spec: this.spec, root: this.o.root, containerExtras: (pod, c) => network.containerExtras(pod, c), preloadedImages: PRELOADED_IMAGES,
      componentRunner: componentRunner({
        ctx, mains, path: (p) => this.path(p),
        log: (pod, c, line) => {
          const cont = this.kubelets?.find(pod, c)?.record.current;
          cont?.openLog();
          cont?.log('stderr', Buffer.from(`${line}\n`), this.clock);
        },
        onChange: (binary, up) => {
          if (binary === 'kube-scheduler') this.running.scheduler = up;
          if (binary === 'kube-controller-manager') this.running.controllerManager = up;
        },
      }),
    });
    late.lookup = kubelets.containers;
    apiServer.nodeBackend = kubelets;
    this.kubelets = kubelets;
    this.stops.push(() => kubelets.stop());
    const tls = {
      cert: readFileSync(f('tls-cert-file', '/etc/kubernetes/pki/apiserver.crt')),
      key: readFileSync(f('tls-private-key-file', '/etc/kubernetes/pki/apiserver.key')),
      ca: readFileSync(f('client-ca-file', '/etc/kubernetes/pki/ca.crt')),
    };
    // 127.0.0.1:6443 and, in a sandbox, the node's own address (controlplane:6443)
    const addresses = this.o.root ? ['127.0.0.1'] : ['127.0.0.1', advertise];
    for (const host of addresses) {
      const s = createServer({ ...tls, requestCert: true, rejectUnauthorized: false, keepAliveTimeout: 65_000 }, (req, res) => void apiServer.handle(req, res));
      s.on('clientError', (_e, sock) => sock.destroy());
      s.on('upgrade', (req, sock, head) => apiServer.handleUpgrade(req, sock, head));
      // Expect: 100-continue with a body over the limit is refused before the client sends it
      s.on('checkContinue', (req, res) => {
        if (Number(req.headers['content-length'] ?? 0) <= MAX_BODY) res.writeContinue();
        void apiServer.handle(req, res);
      });
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, host, () => resolve());
      });
      this.servers.push(s);
    }
    await this.startNodeTools();
    this.o.log(`api serving after ${Date.now() - t0} ms`);
    apiServer.ready = true;
    // a fresh cluster is handed over once its static pods run the scheduler and controllers
    const until = Date.now() + 5000;
    while (!(this.running.scheduler && this.running.controllerManager) && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    this.o.log(`ready in ${Date.now() - t0} ms`);
  }

  /** How to run a command in a node's view from here (sandboxed: nested bwrap; local: env and cwd). */
  readonly spawnOnNode: NodeSpawner = (node, cmd, term) => {
    if (!this.o.root) return { argv: nodeShellCommand({ node, cmd, term }) };
    const toolsBin = join(dirname(process.argv[1] ?? '.'), '..', '.tools', 'bin');
    const env = localShellEnv({ clusterDir: this.o.clusterDir, node, toolsBin, term });
    return { argv: cmd, env, cwd: join(this.o.clusterDir, 'nodes', node, 'root') };
  };

  /** Which control-plane components run now (their static pods drive this). */
  readonly running = { scheduler: false, controllerManager: false };

  /** What `kubectl get componentstatuses` reports: each component's health endpoint, probed. */
  private componentStatuses(): KObject[] {
    const probe = (name: string, up: boolean, url: string) => ({
      apiVersion: 'v1', kind: 'ComponentStatus', metadata: { name },
      conditions: [up
        ? { type: 'Healthy', status: 'True', message: 'ok' }
        : { type: 'Healthy', status: 'False', error: `Get "${url}": dial tcp ${new URL(url).host}: connect: connection refused` }],
    });
    return [
      probe('scheduler', this.running.scheduler, 'https://127.0.0.1:10259/healthz'),
      probe('controller-manager', this.running.controllerManager, 'https://127.0.0.1:10257/healthz'),
      probe('etcd-0', this.etcd?.exitCode === null, 'https://127.0.0.1:2379/health'),
    ];
  }

  /** The socket the node tools (ssh, crictl, systemctl, journalctl…) of every node talk to. */
  private async startNodeTools(): Promise<void> {
    const svc = new NodeService(join(this.o.clusterDir, 'run', 'node.sock'), this.o.log);
    svc.register('ssh', sshTool(this.spec, this.spawnOnNode));
    const systemd = new Map<string, NodeSystemd>();
    const rootOf = nodeRootFor({ spec: this.spec, root: this.o.root });
    for (const n of this.spec.nodes) {
      const k = this.kubelets?.node(n.name);
      if (k) systemd.set(n.name, new NodeSystemd(n.name, rootOf(n.name), this.clock, { start: () => k.start(), stop: () => k.stop() }));
    }
    this.systemd = systemd;
    svc.register('systemctl', systemctlTool((n) => systemd.get(n)));
    svc.register('journalctl', journalctlTool((n) => systemd.get(n)));
    svc.register('crictl', crictlTool((n) => this.kubelets?.node(n), this.clock));
    this.nodeService = svc;
    await svc.start();
    this.stops.push(() => svc.stop());
  }

  async stop(): Promise<void> {
    for (const s of this.stops.splice(0)) {
      try {
        s();
      } catch {
        // stopping one component must not keep the others running
      }
    }
    for (const s of this.servers) s.close();
    this.store?.stop();
    if (this.etcd && this.etcd.exitCode === null) {
      this.etcd.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export function versionInfo(): { [k: string]: string; gitVersion: string } {
  const [major, minor] = KUBERNETES_VERSION.slice(1).split('.');
  return {
    major, minor, emulationMajor: major, emulationMinor: minor, minCompatibilityMajor: major, minCompatibilityMinor: String(Number(minor) - 1),
    gitVersion: KUBERNETES_VERSION, gitCommit: 'fdc9d74cbf0da4d5e2b0ba4c2ae9f6c9e3e6e3e3'.slice(0, 40), gitTreeState: 'clean',
    buildDate: '2026-02-10T12:00:00Z', goVersion: 'go1.25.6', compiler: 'gc', platform: 'linux/amd64',
  };
}

export { writeState, readState } from './state.ts';
