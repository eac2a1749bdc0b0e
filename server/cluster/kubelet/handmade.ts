// What a node's containerd runs besides the kubelet's pods: containers started by hand with
// `ctr run` and `nerdctl run` in containerd namespaces of their own (`default` unless told), the
// images pulled into those namespaces (each namespace has its own; `k8s.io` is the kubelet's), and
// pod sandboxes and containers made with `crictl runp|create|start` in `k8s.io`. Their processes run
// as the kubelet's containers do (containerd.ts). As on a real node, the kubelet treats CRI sandboxes
// and containers it did not make as orphans: its housekeeping stops them and its container garbage
// collection removes them afterwards (ORPHANS says when).
import { promises as fsp, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Kubelet } from './kubelet.ts';
import type { ResolvedImage } from './images.ts';
import { nodePath } from './podconfig.ts';
import { Container, canSandbox, findCommand, makeRootfs, removeRootfs, sharedBin, startProcess, type ExitInfo, type Mount } from './containerd.ts';

/** How the kubelet deals with CRI sandboxes and containers it does not know (cluster time). */
export const ORPHANS = {
  /** The kubelet's housekeeping period (upstream: 2 s). */
  housekeepingMs: 2_000,
  /**
   * Age at which housekeeping stops an orphaned sandbox or container. Upstream stops it at the next
   * housekeeping; here it is left running a little longer so that it can be looked at.
   */
  stopAfterMs: 30_000,
  /** The container garbage collection period (ContainerGCPeriod: 1 min): stopped orphans go then. */
  gcPeriodMs: 60_000,
};

/** Which client made a container (what it looks like depends on it). */
export type Owner = 'ctr' | 'nerdctl' | 'cri';

/** A pod sandbox made with `crictl runp`. */
export interface PodSandbox {
  id: string;
  name: string;
  namespace: string;
  uid: string;
  attempt: number;
  hostname: string;
  /** The sandbox's log_directory as written (a node path), if any. */
  logDirectory?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  createdAt: number;
  ready: boolean;
  /** Where its hosts, resolv.conf and hostname files are (runtime's view). */
  dir: string;
}

/** A container the kubelet did not make. */
export interface HandContainer {
  /** containerd namespace. */
  ns: string;
  id: string;
  owner: Owner;
  /** The image name as containerd records it for the container. */
  imageName: string;
  image: ResolvedImage;
  /** The process: created (not started), running, or exited. */
  cont: Container;
  createdAt: number;
  /** Whether containerd has a task for it (started, and not deleted since). */
  hasTask: boolean;
  // nerdctl
  name?: string;
  ports?: string;
  autoRemove?: boolean;
  /** nerdctl's per-container state directory (runtime's view). */
  dataDir?: string;
  // CRI
  sandboxId?: string;
  criName?: string;
  attempt?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface CreateOptions {
  ns: string;
  id: string;
  owner: Owner;
  image: ResolvedImage;
  imageName: string;
  argv: string[];
  env: Record<string, string>;
  hostname: string;
  workingDir?: string;
  mounts?: Mount[];
  stdin?: boolean;
  tty?: boolean;
  /** Where its output is kept (runtime's view); a file beside its root filesystem if not given. */
  logPath?: string;
  extra?: Partial<Pick<HandContainer, 'name' | 'ports' | 'autoRemove' | 'dataDir' | 'sandboxId' | 'criName' | 'attempt' | 'labels' | 'annotations'>>;
}

/** Containers that were removed from the runtime (`crictl rm`): the kubelet must not count on them. */
const removed = new WeakSet<Container>();

export function markRemoved(c: Container): void {
  removed.add(c);
}

export function isRemoved(c: Container | undefined): boolean {
  return !!c && removed.has(c);
}

/**
 * The attempt number the kubelet gives a container it starts again (upstream's startContainer):
 * one more than the newest instance the runtime still has, or, when the runtime has none left
 * (removed by hand), one more than the highest `N.log` left in the container's log directory.
 */
export function nextAttempt(instances: (Container | undefined)[], attemptOf: (c: Container) => number, logDir: string): number {
  const kept = instances.filter((c): c is Container => !!c && !removed.has(c));
  if (kept.length) return Math.max(...kept.map(attemptOf)) + 1;
  let n = 0;
  try {
    for (const f of readdirSync(logDir)) {
      const m = /^(\d+)\.log(\..*)?$/.exec(f);
      if (m) n = Math.max(n, Number(m[1]) + 1);
    }
  } catch {
    // no directory: 0
  }
  return n;
}

/** runc's complaint when a container's command cannot be found, or undefined. */
export function missingExecutable(c: Container): string | undefined {
  const cmd = c.cfg.argv[0];
  if (!cmd || findCommand(c, cmd)) return undefined;
  const why = cmd.includes('/') ? `exec: "${cmd}": stat ${cmd}: no such file or directory` : `exec: "${cmd}": executable file not found in $PATH`;
  return `failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${why}: unknown`;
}

/** Resolves when a started container's output streams have been read to their end. */
export function outputDone(c: Container): Promise<void> {
  const ch = c.child;
  if (!ch) return Promise.resolve();
  const ends = [ch.stdout, ch.stderr].map((s) => (!s || s.readableEnded || s.destroyed ? Promise.resolve() : new Promise<void>((r) => {
    s.once('end', r);
    s.once('close', r);
  })));
  return Promise.all(ends).then(() => undefined);
}

/** Resolves with a container's exit once it has exited and its output has been read. */
export function exited(c: Container): Promise<ExitInfo> {
  return new Promise<ExitInfo>((r) => c.onExit(r)).then(async (e) => {
    await outputDone(c);
    return e;
  });
}

/** The containerd of one node as the hand-made objects see it. */
export class NodeRuntime {
  /** Images of the namespaces other than `k8s.io` (whose images are the kubelet's). */
  private nsImages = new Map<string, Map<string, ResolvedImage>>();
  /** By `namespace/id`. */
  readonly containers = new Map<string, HandContainer>();
  readonly sandboxes = new Map<string, PodSandbox>();
  private lastGc: number;

  constructor(readonly kubelet: Kubelet) {
    this.lastGc = kubelet.ctx.clock.ms();
  }

  get root(): string {
    return this.kubelet.env.nodeRoot(this.kubelet.node.name);
  }

  private get clock() {
    return this.kubelet.ctx.clock;
  }

  /** A node path (absolute, or relative to `cwd`) in the runtime's view. */
  path(p: string, cwd?: string): string {
    const abs = resolve(cwd || '/root', p);
    return abs.startsWith(`${this.root}/`) ? abs : nodePath(this.root, abs);
  }

  images(ns: string): Map<string, ResolvedImage> {
    if (ns === 'k8s.io') return this.kubelet.images;
    let m = this.nsImages.get(ns);
    if (!m) this.nsImages.set(ns, (m = new Map()));
    return m;
  }

  /** The namespaces that hold something (`k8s.io` always does on a kubeadm node). */
  namespaces(): string[] {
    const names = new Set(['k8s.io']);
    for (const [ns, m] of this.nsImages) if (m.size) names.add(ns);
    for (const h of this.containers.values()) names.add(h.ns);
    return [...names].sort();
  }

  list(ns: string): HandContainer[] {
    return [...this.containers.values()].filter((h) => h.ns === ns).sort((a, b) => a.id.localeCompare(b.id));
  }

  get(ns: string, id: string): HandContainer | undefined {
    return this.containers.get(`${ns}/${id}`);
  }

  /** Creates a container (its root filesystem; no process yet). */
  async create(o: CreateOptions): Promise<HandContainer> {
    const rootfs = join(this.root, 'run/containerd/io.containerd.runtime.v2.task', o.ns, o.id, 'rootfs');
    const bin = canSandbox() ? await sharedBin(o.image, undefined) : undefined;
    const cont = new Container({
      id: o.id, name: o.extra?.criName ?? o.extra?.name ?? o.id, image: o.image, argv: o.argv, env: o.env, workingDir: o.workingDir, hostname: o.hostname,
      mounts: [...(o.mounts ?? [])], logPath: o.logPath ?? join(dirname(rootfs), 'output.log'), stdin: !!o.stdin, stdinOnce: false, tty: !!o.tty, sharedBin: bin,
    }, rootfs);
    const h: HandContainer = { ns: o.ns, id: o.id, owner: o.owner, imageName: o.imageName, image: o.image, cont, createdAt: this.clock.ms(), hasTask: false, ...o.extra };
    this.containers.set(`${o.ns}/${o.id}`, h);
    try {
      await makeRootfs(rootfs, cont.cfg);
    } catch (e) {
      this.containers.delete(`${o.ns}/${o.id}`);
      removeRootfs(rootfs);
      throw e;
    }
    return h;
  }

  /** Starts a created container's task; returns the runtime's error when its command cannot run. */
  async start(h: HandContainer): Promise<string | undefined> {
    const missing = missingExecutable(h.cont);
    if (missing) return missing;
    h.hasTask = true;
    await startProcess(h.cont, this.clock, () => {
      if (h.autoRemove) this.remove(h);
    });
    return undefined;
  }

  /** Starts a stopped (or created) container again: a new task on the same root filesystem. */
  async restart(h: HandContainer): Promise<string | undefined> {
    if (h.cont.running) return undefined;
    if (h.cont.exit) h.cont = new Container(h.cont.cfg, h.cont.rootfs);
    return this.start(h);
  }

  /** Stops a running container: `signal`, then SIGKILL once `graceMs` of cluster time have passed. */
  stop(h: HandContainer, graceMs: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const c = h.cont;
    if (!c.running) return Promise.resolve();
    if (graceMs <= 0) c.signal('SIGKILL');
    else {
      c.signal(signal);
      const t = this.clock.after(graceMs, () => c.signal('SIGKILL'));
      c.onExit(() => t.cancel());
    }
    return exited(c).then(() => undefined);
  }

  /** Removes a container (and its task), killing it if it still runs. */
  remove(h: HandContainer): void {
    if (this.containers.get(`${h.ns}/${h.id}`) !== h) return;
    this.containers.delete(`${h.ns}/${h.id}`);
    h.cont.signal('SIGKILL');
    markRemoved(h.cont);
    removeRootfs(h.cont.rootfs);
    if (h.dataDir) rmSync(h.dataDir, { recursive: true, force: true });
  }

  /** Runs a pod sandbox (its hosts, resolv.conf and hostname files; no network of its own). */
  async runSandbox(o: Omit<PodSandbox, 'createdAt' | 'ready' | 'dir'>): Promise<PodSandbox> {
    const dir = join(this.root, 'var/lib/containerd/io.containerd.grpc.v1.cri/sandboxes', o.id);
    await fsp.mkdir(dir, { recursive: true });
    let resolv = '';
    try {
      resolv = readFileSync(join(this.root, 'etc/resolv.conf'), 'utf8');
    } catch {
      resolv = 'nameserver 127.0.0.53\n';
    }
    await Promise.all([
      fsp.writeFile(join(dir, 'hostname'), `${o.hostname}\n`),
      fsp.writeFile(join(dir, 'hosts'), `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.1.1\t${o.hostname}\n`),
      fsp.writeFile(join(dir, 'resolv.conf'), resolv),
    ]);
    const sb: PodSandbox = { ...o, createdAt: this.clock.ms(), ready: true, dir };
    this.sandboxes.set(sb.id, sb);
    return sb;
  }

  /** The containers of a sandbox. */
  inSandbox(id: string): HandContainer[] {
    return [...this.containers.values()].filter((h) => h.owner === 'cri' && h.sandboxId === id);
  }

  /** StopPodSandbox: its containers are killed at once, the sandbox is no longer ready. */
  async stopSandbox(sb: PodSandbox): Promise<void> {
    await Promise.all(this.inSandbox(sb.id).map((h) => this.stop(h, 0)));
    sb.ready = false;
  }

  /** RemovePodSandbox: stops it, removes its containers and files. */
  async removeSandbox(sb: PodSandbox): Promise<void> {
    await this.stopSandbox(sb);
    for (const h of this.inSandbox(sb.id)) this.remove(h);
    this.sandboxes.delete(sb.id);
    rmSync(sb.dir, { recursive: true, force: true });
  }

  /**
   * The kubelet's housekeeping of what it did not make: orphaned sandboxes (and CRI containers put
   * into its own pods' sandboxes) are stopped; every container GC period the stopped ones go.
   */
  housekeeping(): void {
    const now = this.clock.ms();
    for (const sb of this.sandboxes.values()) {
      if (sb.ready && now - sb.createdAt >= ORPHANS.stopAfterMs) void this.stopSandbox(sb);
    }
    for (const h of this.containers.values()) {
      if (h.owner === 'cri' && !this.sandboxes.has(h.sandboxId ?? '') && h.cont.running && now - h.createdAt >= ORPHANS.stopAfterMs) void this.stop(h, 0);
    }
    if (now - this.lastGc < ORPHANS.gcPeriodMs) return;
    this.lastGc = now;
    for (const sb of [...this.sandboxes.values()]) if (!sb.ready) void this.removeSandbox(sb);
    for (const h of [...this.containers.values()]) {
      if (h.owner === 'cri' && !this.sandboxes.has(h.sandboxId ?? '') && !h.cont.running && now - h.createdAt >= ORPHANS.stopAfterMs) this.remove(h);
    }
  }

  /** The runtime is going away: every hand-made container ends. */
  shutdown(): void {
    for (const h of this.containers.values()) h.cont.signal('SIGKILL');
  }
}

const runtimes = new WeakMap<Kubelet, NodeRuntime>();

/** The hand-made side of a node's containerd (made on first use). */
export function nodeRuntime(k: Kubelet): NodeRuntime {
  let r = runtimes.get(k);
  if (!r) runtimes.set(k, (r = new NodeRuntime(k)));
  return r;
}

/** The kubelet's periodic hook (see Kubelet.start). */
export function housekeeping(k: Kubelet): void {
  runtimes.get(k)?.housekeeping();
}

/** The kubelet's shutdown hook. */
export function shutdownHandmade(k: Kubelet): void {
  runtimes.get(k)?.shutdown();
}
