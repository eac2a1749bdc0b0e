// One cluster's runtime: starts etcd as its static pod manifest says, then the API server with
// the flags of the kube-apiserver manifest, bootstraps a fresh cluster's objects, and reports
// ready. Runs inside the cluster's sandbox (or unsandboxed in local mode, with a path prefix).
import { spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:https';
import { connect } from 'node:net';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
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
import { preloadedImages } from './addons.ts';
import { nodeRootFor, startKubelets, type Kubelets } from './kubelet/index.ts';
import { Network } from './network/index.ts';
import { NodeService } from './node/service.ts';
import { componentRunner, type ComponentMain } from './components.ts';
import { etcdLaunch, spawnEtcd, stopProcess, type EtcdLaunch } from './etcd-member.ts';
import type { ComponentHandle } from './kubelet/index.ts';
import { startMetricsApi, simulatedUsage } from './metrics.ts';
import { sshTool, type NodeSpawner } from './node/ssh.ts';
import { localShellEnv, nodeShellCommand } from './sandbox.ts';
import { NodeSystemd, journalctlTool, systemctlTool } from './node/systemd.ts';
import { crictlTool } from './node/crictl.ts';
import { ctrTool, nerdctlTool } from './node/ctr.ts';
import { kubeadmTool } from './node/kubeadm.ts';
import { aptTools } from './node/packages.ts';
import { manifestCommand } from './manifests.ts';
import { tagOf, versionInfo } from './versions.ts';

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

  /** The etcd command line and mounts of a static pod's container (local mode: the host's ports). */
  private etcdLaunchFor(pod: KObject, container: string): EtcdLaunch {
    const l = etcdLaunch(pod, container, (p) => this.path(p));
    if (!this.o.root) return l;
    const p = this.o.portOverride!;
    const name = flagsOf(l.argv).get('name');
    const over: Record<string, string> = {
      'listen-client-urls': `https://127.0.0.1:${p.etcd}`, 'advertise-client-urls': `https://127.0.0.1:${p.etcd}`,
      'listen-peer-urls': `https://127.0.0.1:${p.etcdPeer}`, 'initial-advertise-peer-urls': `https://127.0.0.1:${p.etcdPeer}`,
      'initial-cluster': `${name}=https://127.0.0.1:${p.etcdPeer}`, 'listen-metrics-urls': `http://127.0.0.1:${p.etcdMetrics}`,
    };
    const argv = l.argv.map((a) => {
      const m = /^--([^=]+)=/.exec(a);
      return m && over[m[1]] ? `--${m[1]}=${over[m[1]]}` : a;
    });
    return { ...l, argv, key: JSON.stringify([argv, l.binds]) };
  }

  /** The etcd process now serving, and where its output goes (the etcd container's log once adopted). */
  private etcdProc?: { child: ChildProcess; key: string; adopted: boolean; sink: (d: Buffer) => void; early: Buffer[] };

  private startEtcd(): { endpoint: string } {
    const pod = parseYaml(readFileSync(this.path('/etc/kubernetes/manifests/etcd.yaml'), 'utf8')) as KObject;
    const launch = this.etcdLaunchFor(pod, 'etcd');
    const logs = join(this.o.clusterDir, 'logs');
    mkdirSync(logs, { recursive: true });
    const out = openSync(join(logs, 'etcd.log'), 'a');
    // until the kubelet's etcd container adopts this process, its output is kept for that log
    const proc = { child: undefined as unknown as ChildProcess, key: launch.key, adopted: false, early: [] as Buffer[], sink: (d: Buffer) => {
      writeSync(out, d);
      if (proc.early.length < 200) proc.early.push(d);
    } };
    proc.child = spawnEtcd(launch, !this.o.root, (d) => proc.sink(d));
    proc.child.on('exit', (code, sig) => {
      this.o.log(`etcd exited (${code ?? sig})`);
      closeSync(out);
    });
    this.etcdProc = proc;
    const listen = flagsOf(launch.argv).get('listen-client-urls') ?? 'https://127.0.0.1:2379';
    const endpoint = listen.split(',').find((u) => u.includes('127.0.0.1')) ?? listen.split(',')[0];
    return { endpoint };
  }

  /**
   * The etcd static pod's container: the first one adopts the etcd started at boot when its
   * command line and mounts are the same; any other replaces the running etcd with a new process.
   */
  private etcdComponent(pod: KObject, container: string, log: (d: Buffer) => void): ComponentHandle {
    const exits: ((code: number) => void)[] = [];
    let child: ChildProcess | undefined;
    let ended = false;
    const end = (code: number) => {
      if (ended) return;
      ended = true;
      setImmediate(() => exits.forEach((f) => f(code)));
    };
    let stopRequested: NodeJS.Signals | undefined;
    void (async () => {
      const launch = this.etcdLaunchFor(pod, container);
      const cur = this.etcdProc;
      const alive = cur && cur.child.exitCode === null && cur.child.signalCode === null;
      if (cur && alive && !cur.adopted && cur.key === launch.key) {
        cur.adopted = true;
        cur.sink = log;
        for (const d of cur.early.splice(0)) log(d);
        child = cur.child;
      } else {
        if (cur && alive) await stopProcess(cur.child);
        if (stopRequested) return end(0);
        child = spawnEtcd(launch, !this.o.root, (d) => proc.sink(d));
        const proc = { child, key: launch.key, adopted: true, sink: log, early: [] };
        this.etcdProc = proc;
        this.o.log(`etcd started from its static pod: ${launch.argv.join(' ')}`);
      }
      const c = child;
      if (c.exitCode !== null || c.signalCode !== null) return end(c.exitCode ?? 137);
      c.once('exit', (code, sig) => end(code ?? 128 + (sig === 'SIGKILL' ? 9 : 15)));
      if (stopRequested) c.kill(stopRequested);
    })();
    return {
      stop: (sig) => {
        stopRequested = sig;
        if (child) child.kill(sig);
      },
      onExit: (fn) => exits.push(fn),
    };
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
      version: versionInfo(this.spec.kubernetesVersion),
      serverAddress: `${advertise}:${port}`,
      log: this.o.log,
    });
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
      'kube-apiserver': (flags, fail) => {
        // the first start adopts the listeners opened at boot when its flags are the same
        if (JSON.stringify([...flags]) !== this.apiFlagsKey || !this.servers.length) {
          this.closeApi();
          this.listenApi(flags).catch((e) => this.o.log(`kube-apiserver: ${(e as Error).message}`));
        }
        // losing etcd fails its health checks: the kubelet's liveness probe restarts it, and it
        // crash-loops until etcd answers again (kubectl: connection refused meanwhile)
        const etcd = this.etcdTarget(flags);
        let misses = 0;
        const health = etcd && this.clock.every(5000, () => {
          void tcpReachable(etcd.host, etcd.port).then((ok) => {
            misses = ok ? 0 : misses + 1;
            if (misses >= 3) fail('instance.go:232] "Shutting down: etcd is unreachable" err="context deadline exceeded"');
          });
        });
        return () => {
          health?.cancel();
          this.closeApi();
        };
      },
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
      spec: this.spec, root: this.o.root, containerExtras: (pod, c) => network.containerExtras(pod, c), preloadedImages: preloadedImages(this.spec.kubernetesVersion),
      componentRunner: componentRunner({
        ctx, mains, path: (p) => this.path(p),
        preflight: { 'kube-apiserver': (flags, log) => this.apiPreflight(flags, log) },
        etcd: (pod, c) => this.etcdComponent(pod, c, (d) => {
          const cont = this.kubelets?.find(pod, c)?.record.current;
          cont?.openLog();
          cont?.log('stderr', d, this.clock);
        }),
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
    await this.listenApi(api);
    await this.startNodeTools();
    this.o.log(`api serving after ${Date.now() - t0} ms`);
    apiServer.ready = true;
    // a fresh cluster is handed over once its static pods run the scheduler and controllers
    const until = Date.now() + 5000;
    while (!(this.running.scheduler && this.running.controllerManager) && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    this.o.log(`ready in ${Date.now() - t0} ms`);
  }

  /** The flags the API server now serves with (from its static pod), and its listeners. */
  private apiFlagsKey = '';

  /** Serves the API with these flags: TLS files, port, authorization modes, Service ranges. */
  private async listenApi(api: Map<string, string>): Promise<void> {
    const apiServer = this.api!;
    const f = (name: string, def: string) => this.path(api.get(name) ?? def);
    apiServer.authz.modes = (api.get('authorization-mode') ?? 'AlwaysAllow').split(',');
    apiServer.allocator.serviceCIDR = api.get('service-cluster-ip-range') ?? this.spec.serviceCIDR;
    apiServer.allocator.nodePortRange = api.get('service-node-port-range') ?? '30000-32767';
    const tls = {
      cert: readFileSync(f('tls-cert-file', '/etc/kubernetes/pki/apiserver.crt')),
      key: readFileSync(f('tls-private-key-file', '/etc/kubernetes/pki/apiserver.key')),
      ca: readFileSync(f('client-ca-file', '/etc/kubernetes/pki/ca.crt')),
    };
    const port = this.o.portOverride?.api ?? Number(api.get('secure-port') ?? 6443);
    const advertise = api.get('advertise-address') ?? this.spec.nodes[0].ip;
    // 127.0.0.1:<port> and, in a sandbox, the node's own address (controlplane:6443)
    const addresses = this.o.root ? ['127.0.0.1'] : [...new Set(['127.0.0.1', advertise, this.spec.nodes[0].ip])];
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
    this.apiFlagsKey = JSON.stringify([...api]);
    // the version it reports is its image's (kubeadm upgrade apply changes the manifest's image)
    try {
      const pod = parseYaml(readFileSync(this.path('/etc/kubernetes/manifests/kube-apiserver.yaml'), 'utf8'));
      const image = pod?.spec?.containers?.[0]?.image;
      if (typeof image === 'string' && /^v\d+\.\d+\.\d+$/.test(tagOf(image))) apiServer.o.version = versionInfo(tagOf(image));
    } catch {
      // the version stays as it was
    }
  }

  /** Stops serving the API (kubectl: connection refused), closing open connections and watches. */
  private closeApi(): void {
    for (const s of this.servers.splice(0)) {
      s.close();
      s.closeAllConnections();
    }
    this.apiFlagsKey = '';
  }

  /** Host and port of the first --etcd-servers URL (local mode: the etcd port of this cluster). */
  private etcdTarget(flags: Map<string, string>): { host: string; port: number } | undefined {
    const u = (flags.get('etcd-servers') ?? '').split(',')[0];
    try {
      const url = new URL(u);
      if (this.o.root && this.o.portOverride) return { host: '127.0.0.1', port: url.port === '2379' ? this.o.portOverride.etcd : Number(url.port || 2379) };
      return { host: url.hostname, port: Number(url.port || 2379) };
    } catch {
      return undefined;
    }
  }

  /** The API server's static pod: reach etcd first, as the real one does before serving. */
  private async apiPreflight(flags: Map<string, string>, log: (text: string, level?: string) => void): Promise<boolean> {
    const urls = (flags.get('etcd-servers') ?? '').split(',').filter(Boolean);
    if (!urls.length) {
      log('run.go:72] "command failed" err="[--etcd-servers must be specified]"', 'E');
      return true;
    }
    const deadline = this.clock.ms() + 20_000;
    for (let attempt = 1; ; attempt++) {
      for (const u of urls) {
        let url: URL;
        try {
          url = new URL(u);
        } catch {
          log(`run.go:72] "command failed" err="parse \\"${u}\\": invalid URI for request"`, 'E');
          return true;
        }
        const host = this.o.root && this.o.portOverride ? '127.0.0.1' : url.hostname;
        const port = this.o.root && this.o.portOverride && url.port === '2379' ? this.o.portOverride.etcd : Number(url.port || 2379);
        if (await tcpReachable(host, port)) return false;
        if (attempt === 1 || attempt % 5 === 0) {
          log(`logging.go:55] [core] [Channel #1 SubChannel #2]grpc: addrConn.createTransport failed to connect to {Addr: "${url.host}", ServerName: "${url.hostname}", }. Err: connection error: desc = "transport: Error while dialing: dial tcp ${url.host}: connect: connection refused"`, 'W');
        }
      }
      if (this.clock.ms() > deadline) {
        log('instance.go:232] Error creating leases: error creating storage factory: context deadline exceeded', 'F');
        return true;
      }
      await this.clock.sleep(1000);
    }
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
      probe('etcd-0', this.etcdProc?.child.exitCode === null, 'https://127.0.0.1:2379/health'),
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
      if (k) systemd.set(n.name, new NodeSystemd(n.name, rootOf(n.name), this.clock, { start: () => k.start(), stop: () => k.stop(), runtime: (up) => k.setRuntimeUp(up) }));
    }
    this.systemd = systemd;
    this.stops.push(() => systemd.forEach((s) => s.shutdown()));
    svc.register('systemctl', systemctlTool((n) => systemd.get(n)));
    svc.register('journalctl', journalctlTool((n) => systemd.get(n)));
    svc.register('crictl', crictlTool((n) => this.kubelets?.node(n), this.clock));
    svc.register('ctr', ctrTool((n) => this.kubelets?.node(n)));
    svc.register('nerdctl', nerdctlTool((n) => this.kubelets?.node(n), this.clock));
    svc.register('kubeadm', kubeadmTool({ ctx: this.ctx!, spec: this.spec, nodeRoot: rootOf }));
    for (const [name, tool] of Object.entries(aptTools(rootOf))) svc.register(name, tool);
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
    if (this.etcdProc && this.etcdProc.child.exitCode === null) {
      this.etcdProc.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Whether something accepts TCP connections at host:port (within a second). */
function tcpReachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host, port });
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(1000, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}


export { writeState, readState } from './state.ts';
