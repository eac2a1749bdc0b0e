// One node's kubelet: watches the pods bound to its node (and its static pod manifests), runs their
// containers through the node's runtime, and reports what happens as upstream's kubelet does: pod
// status (phase, conditions, container states, IPs), events with upstream's reasons and messages,
// the node's Lease and status. Stopping it stops heartbeats and status updates; containers keep
// running, as when `systemctl stop kubelet` on a real node.
import { createHash } from 'node:crypto';
import { promises as fsp, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, watch } from 'node:fs';
import { release } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Ctx } from '../controllers/framework.ts';
import { Reconciler, isNotFound, keyOf, splitKey } from '../controllers/framework.ts';
import type { StoreEvent } from '../api/store.ts';
import type { KObject } from '../kinds/types.ts';
import type { NodeInfo, ClusterSpec } from '../layout.ts';
import type { EventRecorder } from '../events.ts';
import { nowRFC3339, clone } from '../api/rest.ts';
import { installedVersion } from '../node/packages.ts';
import { resolveImage, type ResolvedImage } from './images.ts';
import { Container, canSandbox, findCommand, sharedBin, execArgv, newContainerId, makeRootfs, removeRootfs, rfc3339Nano, startProcess, type ExitInfo } from './containerd.ts';
import { ConfigError, MountError, forgetVolumes, containerEnv, containerMounts, expandVars, quantity, setupVolumes, type Lookup } from './podconfig.ts';
import { CONTAINER_STAGES, CRASH_BACKOFF, HEARTBEAT, PULL_BACKOFF, RETRY, SANDBOX_STAGE, TERMINATION } from './stages.ts';
import { Prober, type ProbeKind } from './probes.ts';
import { ORPHANS, housekeeping, isRemoved, nextAttempt, shutdownHandmade } from './handmade.ts';
import { spawn } from 'node:child_process';

export interface ContainerExtras {
  binds: [hostPath: string, containerPath: string][];
  env: Record<string, string>;
}

/** What "running a container" means for images the runtime provides itself (see KubeletOptions). */
export interface ComponentHandle {
  stop(signal: 'SIGTERM' | 'SIGKILL'): void;
  /** Called by the component when it ends, with its exit code. */
  onExit(fn: (exitCode: number) => void): void;
}

export interface KubeletEnv {
  ctx: Ctx;
  spec: ClusterSpec;
  /** The node's tree in the runtime's view. */
  nodeRoot: (node: string) => string;
  containerExtras?: (pod: KObject, container: string) => ContainerExtras;
  componentRunner?: (pod: KObject, container: string, image: ResolvedImage) => ComponentHandle | undefined;
  /** Images every node has from the start (control plane, pause, add-ons). */
  preloadedImages?: string[];
}

type Kind = 'init' | 'sidecar' | 'regular';

interface Terminated {
  exitCode: number;
  reason: string;
  message?: string;
  signal?: number;
  startedAt: string;
  finishedAt: string;
  containerID: string;
}

/** The kubelet's record of one container of a pod. */
export interface ContainerRecord {
  name: string;
  kind: Kind;
  spec: any;
  image?: ResolvedImage;
  current?: Container;
  /** The instance before the current one, kept (exited) as the kubelet keeps it. */
  previous?: Container;
  component?: ComponentHandle;
  id?: string;
  restartCount: number;
  state: { waiting?: { reason: string; message?: string }; running?: { startedAt: string }; terminated?: Terminated };
  lastState?: Terminated;
  /** A start (pull/create/start) is under way. */
  busy: boolean;
  ready: boolean;
  started: boolean;
  crashBackoffMs: number;
  backoffUntil: number;
  pullBackoffMs: number;
  pullBackoffUntil: number;
  pullFailedAt: number;
  lastPullError?: string;
  /** Why the container is being killed (liveness failure, pod deletion), to restart or not. */
  killing?: 'restart' | 'terminate';
  prober?: Prober;
}

export interface PodRuntime {
  key: string;
  /** The pod's runtime uid: the static pod's config hash, or the API pod's uid. */
  uid: string;
  pod: KObject;
  static: boolean;
  podDir: string;
  logDir: string;
  ip?: string;
  startTime?: string;
  sandboxReady: boolean;
  sandboxStarting: boolean;
  volumes?: Map<string, string>;
  mountError?: string;
  records: Map<string, ContainerRecord>;
  terminating: boolean;
  terminated: boolean;
  /** Conditions' last transition times. */
  transitions: Map<string, { status: string; at: string }>;
  lastStatus?: string;
}

/** A duration as Go prints a time.Duration truncated to milliseconds (`723ms`, `1.2s`, `1m5s`). */
export function goDuration(ms: number): string {
  ms = Math.floor(ms);
  if (ms < 1000) return `${ms}ms`;
  const trim = (n: number) => n.toFixed(3).replace(/\.?0+$/, '');
  if (ms < 60_000) return `${trim(ms / 1000)}s`;
  const m = Math.floor(ms / 60_000);
  return `${m}m${trim((ms % 60_000) / 1000)}s`;
}

export const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

/** The pod uid the kubelet runs under (static pods keep theirs across mirror recreation). */
export function runUid(pod: KObject): string {
  return pod.metadata?.annotations?.[MIRROR_ANNOTATION] ?? pod.metadata?.uid;
}

function since(clockNow: number, iso: string | undefined): number {
  return iso ? clockNow - new Date(iso).getTime() : 0;
}

export class Kubelet {
  running = false;
  readonly pods = new Map<string, PodRuntime>();
  /** Images present on the node (full reference → resolved). */
  readonly images = new Map<string, ResolvedImage>();
  /** Projected service account tokens by pod, account, audience and lifetime. */
  private tokens = new Map<string, { token: string; refreshAt: number }>();
  private reconciler?: Reconciler;
  private timers: { cancel(): void }[] = [];
  private staticTimer?: NodeJS.Timeout;
  private staticPending?: NodeJS.Timeout;
  private staticSeen = new Map<string, { mtime: number; pod?: KObject; hash?: string; error?: string }>();
  private ipNext = 2;
  private usedIPs = new Set<string>();
  readonly recorder: EventRecorder;
  private readonly root: string;
  private readonly log: (l: string) => void;
  private lookup: Lookup;

  constructor(readonly env: KubeletEnv, readonly node: NodeInfo) {
    this.recorder = env.ctx.recorder('kubelet', node.name);
    this.root = env.nodeRoot(node.name);
    // what `kubeadm init|join` pulled and the add-ons brought: present on the node from the start
    for (const ref of env.preloadedImages ?? []) {
      const r = resolveImage(ref);
      if (r.ok) this.images.set(r.image.full, r.image);
    }
    this.log = (l) => env.ctx.log(`kubelet ${node.name}: ${l}`);
    const c = env.ctx.client;
    this.lookup = {
      get: (ref, ns, name) => c.get(ref, ns, name),
      list: (ref, ns) => c.list(ref, ns),
      token: (pod, audience, seconds) => {
        // the kubelet's token manager keeps a projected token until 80 % of its lifetime has passed
        const sa = c.get('v1/serviceaccounts', pod.metadata!.namespace, pod.spec?.serviceAccountName ?? 'default');
        const key = `${pod.metadata?.uid}|${sa?.metadata?.uid}|${audience ?? ''}|${seconds ?? ''}`;
        const now = env.ctx.clock.ms();
        const hit = this.tokens.get(key);
        if (hit && now < hit.refreshAt) return hit.token;
        try {
          const token = env.ctx.api.o.tokens.issue({
            namespace: pod.metadata!.namespace, name: pod.spec?.serviceAccountName ?? 'default', uid: sa?.metadata?.uid ?? '',
            audiences: audience ? [audience] : undefined, expirationSeconds: seconds, now: env.ctx.clock.now(),
          } as any).token;
          this.tokens.set(key, { token, refreshAt: now + 0.8 * (seconds ?? 3607) * 1000 });
          return token;
        } catch {
          return '';
        }
      },
    };
  }

  get ctx(): Ctx {
    return this.env.ctx;
  }

  private now(): string {
    return nowRFC3339(this.ctx.clock.now());
  }

  // ----- lifecycle ---------------------------------------------------------------------------

  /** Whether the node's container runtime (containerd) runs: without it no container starts. */
  runtimeUp = true;

  setRuntimeUp(up: boolean): void {
    this.runtimeUp = up;
    void this.postNodeStatus().catch(() => undefined);
    if (up) for (const key of this.pods.keys()) this.queue(key);
  }

  /** The kubelet's release: the node's installed kubelet package, read when it starts. */
  version = '';

  start(): void {
    if (this.running) return;
    this.running = true;
    this.version = installedVersion(this.root, 'kubelet') ?? this.env.spec.kubernetesVersion;
    this.staticPath = this.readStaticPath();
    const mine = (o: KObject | undefined) => o?.spec?.nodeName === this.node.name;
    this.reconciler = new Reconciler(this.ctx, {
      name: `kubelet-${this.node.name}`,
      watch: ['/registry/pods/'],
      keysFor: (ev: StoreEvent) => (mine(ev.obj) || mine(ev.prev) ? [keyOf(ev.obj)] : []),
      initial: () => [
        ...this.ctx.client.list('v1/pods', undefined, (p) => mine(p)).map(keyOf),
        ...[...this.pods.keys()],
      ],
      reconcile: (key) => this.sync(key),
      resyncMs: 60_000, // syncFrequency: 1m
      // one worker per pod, as the real kubelet has: a pod waiting on its stages holds up no other
      concurrency: 64,
    }).start();
    // watch Secrets/ConfigMaps so mounted volumes and waiting containers follow them
    const unsub = this.ctx.store.subscribe((ev) => {
      if (!ev.key.startsWith('/registry/configmaps/') && !ev.key.startsWith('/registry/secrets/')) return;
      const ns = ev.obj.metadata?.namespace;
      for (const pr of this.pods.values()) if (pr.pod.metadata?.namespace === ns) this.reconciler?.add(pr.key);
    });
    this.timers.push({ cancel: unsub });
    void this.heartbeat(true);
    this.timers.push(this.ctx.clock.every(HEARTBEAT.leaseRenewMs, () => void this.heartbeat(false)));
    // what the kubelet did not make (crictl runp/create) is stopped and garbage-collected
    this.timers.push(this.ctx.clock.every(ORPHANS.housekeepingMs, () => housekeeping(this)));
    this.scanStatic();
    // the static pod source follows its directory through inotify and re-lists it every 20 s, as
    // upstream's does; without a directory to watch it looks every second
    const abs = this.staticPath ? join(this.root, this.staticPath) : undefined;
    let watching = false;
    if (abs) {
      try {
        const w = watch(abs, { persistent: false }, () => {
          if (this.staticPending) return;
          this.staticPending = setTimeout(() => {
            this.staticPending = undefined;
            this.scanStatic();
          }, 20);
        });
        w.on('error', () => undefined);
        this.timers.push({ cancel: () => w.close() });
        watching = true;
      } catch {
        watching = false;
      }
    }
    this.staticTimer = setInterval(() => this.scanStatic(), watching ? 20_000 : 1000);
    this.staticTimer.unref();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.reconciler?.stop();
    this.reconciler = undefined;
    for (const t of this.timers.splice(0)) t.cancel();
    if (this.staticTimer) clearInterval(this.staticTimer);
    if (this.staticPending) clearTimeout(this.staticPending);
    this.staticPending = undefined;
    for (const pr of this.pods.values()) for (const r of pr.records.values()) r.prober?.stop();
  }

  /** Stops every container at once (the runtime is going away). */
  shutdown(): void {
    this.stop();
    for (const pr of this.pods.values()) for (const r of pr.records.values()) r.current?.signal('SIGKILL');
    shutdownHandmade(this);
  }

  private queue(key: string, afterMs?: number): void {
    if (!this.reconciler) return;
    if (afterMs && afterMs > 0) this.reconciler.addAfter(key, afterMs);
    else this.reconciler.add(key);
  }

  // ----- node heartbeat ----------------------------------------------------------------------

  private lastNodeStatus = 0;

  private async heartbeat(first: boolean): Promise<void> {
    if (!this.running) return;
    const c = this.ctx.client;
    try {
      const lease = c.get('coordination.k8s.io/v1/leases', 'kube-node-lease', this.node.name);
      const renew = this.ctx.clock.now().toISOString().replace(/Z$/, '000Z');
      if (lease) {
        const next = clone(lease);
        next.spec = { ...next.spec, holderIdentity: this.node.name, leaseDurationSeconds: HEARTBEAT.leaseDurationSeconds, renewTime: renew };
        await c.update('coordination.k8s.io/v1/leases', next);
      } else {
        const node = c.get('v1/nodes', undefined, this.node.name);
        await c.create('coordination.k8s.io/v1/leases', {
          apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
          metadata: { name: this.node.name, namespace: 'kube-node-lease', ...(node ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.node.name, uid: node.metadata!.uid }] } : {}) },
          spec: { holderIdentity: this.node.name, leaseDurationSeconds: HEARTBEAT.leaseDurationSeconds, renewTime: renew },
        });
      }
    } catch (e) {
      if (!isNotFound(e)) this.log(`lease: ${(e as Error).message}`);
    }
    const nowMs = this.ctx.clock.ms();
    if (first || nowMs - this.lastNodeStatus >= HEARTBEAT.nodeStatusMs) {
      this.lastNodeStatus = nowMs;
      await this.postNodeStatus().catch((e) => this.log(`node status: ${(e as Error).message}`));
    }
  }

  async postNodeStatus(): Promise<void> {
    const c = this.ctx.client;
    const node = c.get('v1/nodes', undefined, this.node.name);
    if (!node) return;
    const next = clone(node);
    const st = next.status ?? (next.status = {});
    const now = this.now();
    const want: [string, string, string, string][] = [
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      this.runtimeUp
        ? ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status']
        : ['Ready', 'False', 'KubeletNotReady', 'container runtime is down, PLEG is not healthy: pleg was last seen active 3m0s ago; threshold is 3m0s'],
    ];
    const old: any[] = st.conditions ?? [];
    st.conditions = want.map(([type, status, reason, message]) => {
      const o = old.find((x) => x.type === type);
      return { type, status, lastHeartbeatTime: now, lastTransitionTime: o && o.status === status ? o.lastTransitionTime : now, reason, message };
    });
    st.addresses = [{ type: 'InternalIP', address: this.node.ip }, { type: 'Hostname', address: this.node.name }];
    st.daemonEndpoints = { kubeletEndpoint: { Port: 10250 } };
    st.nodeInfo = {
      ...(st.nodeInfo ?? {}),
      kernelVersion: release(), osImage: 'Ubuntu 24.04.3 LTS', containerRuntimeVersion: 'containerd://2.1.4',
      kubeletVersion: this.version, kubeProxyVersion: '', operatingSystem: 'linux', architecture: 'amd64',
    };
    st.images = [...this.images.values()]
      .filter((v, i, a) => a.findIndex((x) => x.imageID === v.imageID) === i)
      .map((i) => ({ names: [i.imageID, i.full], sizeBytes: i.def.size }));
    if (!st.images.length) delete st.images;
    await c.updateStatus('v1/nodes', next);
  }

  // ----- static pods -------------------------------------------------------------------------

  /** staticPodPath of the kubelet's config file, read when the kubelet starts (as the real one does). */
  private staticPath?: string;

  private staticDir(): string | undefined {
    return this.staticPath;
  }

  private readStaticPath(): string | undefined {
    try {
      const cfg = parseYaml(readFileSync(join(this.root, 'var/lib/kubelet/config.yaml'), 'utf8'));
      return cfg?.staticPodPath || undefined;
    } catch {
      return undefined;
    }
  }

  /** Reads the static pod directory; creates, replaces or deletes mirror pods to match it. */
  scanStatic(): void {
    if (!this.running) return;
    const dir = this.staticDir();
    const abs = dir ? join(this.root, dir) : undefined;
    const files = new Set<string>();
    if (abs && existsSync(abs)) {
      for (const f of readdirSync(abs)) {
        if (f.startsWith('.') || !/\.(ya?ml|json)$/.test(f)) continue;
        const p = join(abs, f);
        let mtime = 0;
        try {
          const s = statSync(p);
          if (!s.isFile()) continue;
          mtime = s.mtimeMs + s.size;
        } catch {
          continue;
        }
        files.add(p);
        const seen = this.staticSeen.get(p);
        if (seen && seen.mtime === mtime) continue;
        const entry: { mtime: number; pod?: KObject; hash?: string; error?: string } = { mtime };
        try {
          const text = readFileSync(p, 'utf8');
          const pod = parseYaml(text);
          if (!pod || pod.kind !== 'Pod' || !pod.metadata?.name) throw new Error('not a pod manifest');
          entry.hash = createHash('md5').update(`${text}\n${p}\n${this.node.name}`).digest('hex');
          entry.pod = pod;
        } catch (e) {
          entry.error = (e as Error).message;
          this.log(`static pod ${p}: ${entry.error}`);
        }
        this.staticSeen.set(p, entry);
        if (entry.pod) this.queue(`${entry.pod.metadata!.namespace ?? 'default'}/${entry.pod.metadata!.name}-${this.node.name}`);
      }
    }
    for (const p of [...this.staticSeen.keys()]) if (!files.has(p)) this.staticSeen.delete(p);
    void this.syncMirrors();
  }

  private mirrorBusy = false;

  /** The mirror pod a static pod manifest should have in the API. */
  private mirrorFor(pod: KObject, hash: string): KObject {
    const m = clone(pod);
    const name = `${pod.metadata!.name}-${this.node.name}`;
    const node = this.ctx.client.get('v1/nodes', undefined, this.node.name);
    m.apiVersion = 'v1';
    m.kind = 'Pod';
    m.metadata = {
      ...m.metadata, name, namespace: pod.metadata!.namespace ?? 'default',
      annotations: {
        ...(pod.metadata!.annotations ?? {}),
        'kubernetes.io/config.hash': hash, [MIRROR_ANNOTATION]: hash,
        'kubernetes.io/config.seen': rfc3339Nano(this.ctx.clock), 'kubernetes.io/config.source': 'file',
      },
      ...(node ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.node.name, uid: node.metadata!.uid, controller: true }] } : {}),
    };
    delete m.metadata.uid;
    delete m.metadata.resourceVersion;
    delete m.metadata.creationTimestamp;
    m.spec = { ...m.spec, nodeName: this.node.name };
    delete m.status;
    return m;
  }

  private async syncMirrors(): Promise<void> {
    if (this.mirrorBusy || !this.running) return;
    this.mirrorBusy = true;
    const c = this.ctx.client;
    try {
      const wanted = new Map<string, { pod: KObject; hash: string }>();
      for (const s of this.staticSeen.values()) {
        if (!s.pod || !s.hash) continue;
        const ns = s.pod.metadata!.namespace ?? 'default';
        wanted.set(`${ns}/${s.pod.metadata!.name}-${this.node.name}`, { pod: s.pod, hash: s.hash });
      }
      // mirror pods that no manifest wants any more, or that are outdated
      for (const p of c.list('v1/pods', undefined, (o) => o.spec?.nodeName === this.node.name && !!o.metadata?.annotations?.[MIRROR_ANNOTATION])) {
        const w = wanted.get(keyOf(p));
        if (w && w.hash === p.metadata!.annotations[MIRROR_ANNOTATION] && !p.metadata!.deletionTimestamp) continue;
        await c.delete('v1/pods', p.metadata!.namespace, p.metadata!.name, { gracePeriodSeconds: 0, preconditions: { uid: p.metadata!.uid } }).catch(() => undefined);
        if (!w) {
          const pr = this.pods.get(keyOf(p));
          if (pr) this.queue(pr.key);
        }
      }
      for (const [key, w] of wanted) {
        const [ns, name] = splitKey(key);
        const cur = c.get('v1/pods', ns, name);
        if (cur && cur.metadata?.annotations?.[MIRROR_ANNOTATION] === w.hash && !cur.metadata?.deletionTimestamp) continue;
        if (cur) continue; // being deleted; created on the next scan
        try {
          await c.create('v1/pods', this.mirrorFor(w.pod, w.hash));
        } catch (e) {
          this.log(`mirror pod ${key}: ${(e as Error).message}`);
        }
      }
      // static runtimes whose manifest is gone
      for (const pr of this.pods.values()) {
        if (pr.static && !wanted.has(pr.key)) this.queue(pr.key);
      }
    } finally {
      this.mirrorBusy = false;
    }
  }

  /** The manifest-side static pod for a pod key on this node. */
  private staticFor(key: string): { pod: KObject; hash: string } | undefined {
    for (const s of this.staticSeen.values()) {
      if (s.pod && s.hash && `${s.pod.metadata!.namespace ?? 'default'}/${s.pod.metadata!.name}-${this.node.name}` === key) return { pod: s.pod, hash: s.hash };
    }
    return undefined;
  }

  private staticWanted(key: string, hash: string): boolean {
    for (const s of this.staticSeen.values()) {
      if (s.hash === hash && s.pod && `${s.pod.metadata!.namespace ?? 'default'}/${s.pod.metadata!.name}-${this.node.name}` === key) return true;
    }
    return false;
  }

  // ----- pod sync ----------------------------------------------------------------------------

  private allocateIP(): string {
    const [base, bits] = this.node.podCIDR.split('/');
    const parts = base.split('.').map(Number);
    const baseN = ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
    const size = 2 ** (32 - Number(bits));
    for (let i = 0; i < size - 3; i++) {
      const n = this.ipNext;
      this.ipNext = this.ipNext + 1 >= size - 1 ? 2 : this.ipNext + 1;
      const v = baseN + n;
      const ip = [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
      if (!this.usedIPs.has(ip)) {
        this.usedIPs.add(ip);
        return ip;
      }
    }
    return base;
  }

  private newRuntime(key: string, pod: KObject): PodRuntime {
    const uid = runUid(pod);
    const m = pod.metadata!;
    const pr: PodRuntime = {
      key, uid, pod, static: !!m.annotations?.[MIRROR_ANNOTATION],
      podDir: join(this.root, 'var/lib/kubelet/pods', uid),
      logDir: join(this.root, 'var/log/pods', `${m.namespace}_${m.name}_${uid}`),
      sandboxReady: false, sandboxStarting: false, records: new Map(), terminating: false, terminated: false, transitions: new Map(),
    };
    // a kubelet restart finds the pod already reported: keep what it said
    const st = pod.status ?? {};
    if (st.podIP && st.hostIP === this.node.ip) {
      pr.ip = st.podIP;
      this.usedIPs.add(st.podIP);
    }
    pr.startTime = st.startTime;
    const add = (c: any, kind: Kind) => {
      const prev = [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? [])].find((x: any) => x.name === c.name);
      pr.records.set(c.name, {
        name: c.name, kind, spec: c, restartCount: prev?.restartCount ?? 0,
        state: { waiting: { reason: kind === 'regular' && (pod.spec.initContainers ?? []).length ? 'PodInitializing' : 'ContainerCreating' } },
        busy: false, ready: false, started: false, crashBackoffMs: 0, backoffUntil: 0, pullBackoffMs: 0, pullBackoffUntil: 0, pullFailedAt: 0,
      });
    };
    for (const c of pod.spec.initContainers ?? []) add(c, c.restartPolicy === 'Always' ? 'sidecar' : 'init');
    for (const c of pod.spec.containers ?? []) add(c, 'regular');
    return pr;
  }

  /** The pod object events and status are written for. */
  private apiPod(pr: PodRuntime): KObject {
    return this.ctx.client.get('v1/pods', pr.pod.metadata!.namespace, pr.pod.metadata!.name) ?? pr.pod;
  }

  private event(pr: PodRuntime, type: 'Normal' | 'Warning', reason: string, message: string): void {
    void this.recorder.record(this.apiPod(pr), type, reason, message, this.ctx.clock.now());
  }

  async sync(key: string): Promise<{ requeueAfter: number } | void> {
    const [ns, name] = splitKey(key);
    let pod = this.ctx.client.get('v1/pods', ns, name);
    // a static pod runs from its manifest whether or not its mirror pod is in the API yet (the
    // API may be down: the manifest may be etcd's own)
    const st = this.staticFor(key);
    if (st && !(pod && runUid(pod) === st.hash && pod.spec?.nodeName === this.node.name)) {
      const cur = this.pods.get(key);
      pod = { ...this.mirrorFor(st.pod, st.hash), status: cur?.uid === st.hash ? cur.pod.status : undefined };
    }
    let pr = this.pods.get(key);
    const mine = pod && pod.spec?.nodeName === this.node.name ? pod : undefined;
    if (pr && mine && runUid(mine) !== pr.uid) {
      // a new pod under the old name: the old one goes first
      this.killAll(pr, 0);
      this.cleanup(pr);
      pr = undefined;
    }
    if (!mine) {
      if (!pr) return;
      if (pr.static && this.staticWanted(key, pr.uid)) return; // the mirror pod is recreated by the static source
      // gone from the API (force deleted): stop everything now
      this.killAll(pr, 2);
      if ([...pr.records.values()].every((r) => !r.current?.running)) this.cleanup(pr);
      else return { requeueAfter: 500 };
      return;
    }
    if (!pr) {
      pr = this.newRuntime(key, mine);
      this.pods.set(key, pr);
    }
    pr.pod = mine;
    // static pods: a deleted mirror pod is removed at once and recreated; the containers stay
    if (pr.static && mine.metadata!.deletionTimestamp && this.staticWanted(key, pr.uid)) {
      await this.ctx.client.delete('v1/pods', ns, name, { gracePeriodSeconds: 0, preconditions: { uid: mine.metadata!.uid } }).catch(() => undefined);
      return;
    }
    if (pr.static && !this.staticWanted(key, pr.uid) && !mine.metadata!.deletionTimestamp) {
      return; // the static source deletes it
    }
    if (mine.metadata!.deletionTimestamp) return this.terminate(pr);
    const phase = mine.status?.phase;
    if ((phase === 'Succeeded' || phase === 'Failed') && pr.records.size && [...pr.records.values()].every((r) => !r.current?.running && !r.busy)) {
      return;
    }
    if (!pr.startTime) pr.startTime = this.now();
    // without containerd nothing new starts (running containers go on, in their shims)
    if (!this.runtimeUp) return { requeueAfter: 2000 };
    // the sandbox: pod IP, /etc/hosts, resolv.conf
    if (!pr.sandboxReady) {
      if (!pr.sandboxStarting) {
        pr.sandboxStarting = true;
        await this.writeStatus(pr);
        this.ctx.clock.after(SANDBOX_STAGE.delayMs(0) / (mine.spec?.hostNetwork ? 3 : 1), () => {
          void this.makeSandbox(pr!).then(
            () => void (pr!.sandboxReady = true),
            (e) => this.log(`sandbox ${key}: ${(e as Error).message}`),
          ).finally(() => this.queue(key));
        });
      }
      return;
    }
    // volumes (and refreshes of configMap/secret contents)
    try {
      pr.volumes = await setupVolumes({ pod: mine, nodeRoot: this.root, podDir: pr.podDir, lookup: this.lookup, nodeAlloc: this.allocatable() }, this.ctx.clock.now());
      pr.mountError = undefined;
    } catch (e) {
      if (!(e instanceof MountError)) throw e;
      if (pr.mountError !== e.message || true) this.event(pr, 'Warning', 'FailedMount', e.message);
      pr.mountError = e.message;
      await this.writeStatus(pr);
      return { requeueAfter: RETRY.mountMs };
    }
    let next = this.advance(pr);
    await this.writeStatus(pr);
    for (const r of pr.records.values()) {
      for (const at of [r.backoffUntil, r.pullBackoffUntil, r.pullFailedAt + PULL_BACKOFF.showErrorMs]) {
        const wait = at - this.ctx.clock.ms();
        if (wait > 0) next = Math.min(next ?? Infinity, wait + 5);
      }
    }
    return next !== undefined && Number.isFinite(next) ? { requeueAfter: next } : undefined;
  }

  private allocatable(): Record<string, string> {
    return this.ctx.client.get('v1/nodes', undefined, this.node.name)?.status?.allocatable ?? { cpu: '2', memory: '1928540Ki' };
  }

  private async makeSandbox(pr: PodRuntime): Promise<void> {
    const pod = pr.pod;
    const hostNet = !!pod.spec.hostNetwork;
    if (!pr.ip) pr.ip = hostNet ? this.node.ip : this.allocateIP();
    await Promise.all([fsp.mkdir(join(pr.podDir, 'containers'), { recursive: true }), fsp.mkdir(pr.logDir, { recursive: true })]);
    const hostname = this.hostnameOf(pod);
    let hosts: string;
    if (hostNet) {
      try {
        hosts = readFileSync(join(this.root, 'etc/hosts'), 'utf8');
      } catch {
        hosts = `127.0.0.1\tlocalhost\n${this.node.ip}\t${this.node.name}\n`;
      }
    } else {
      const fqdn = pod.spec.subdomain ? `${hostname}.${pod.spec.subdomain}.${pod.metadata!.namespace}.svc.cluster.local\t${hostname}` : hostname;
      hosts = `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${pr.ip}\t${fqdn}\n`;
      const aliases: any[] = pod.spec.hostAliases ?? [];
      if (aliases.length) {
        hosts += '\n# Entries added by HostAliases.\n';
        for (const a of aliases) hosts += `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`;
      }
    }
    await Promise.all([
      fsp.writeFile(join(pr.podDir, 'etc-hosts'), hosts, { mode: 0o644 }),
      fsp.writeFile(join(pr.podDir, 'resolv.conf'), this.resolvConf(pod), { mode: 0o644 }),
      fsp.writeFile(join(pr.podDir, 'hostname'), `${hostname}\n`, { mode: 0o644 }),
    ]);
  }

  private hostnameOf(pod: KObject): string {
    if (pod.spec.hostNetwork) return this.node.name;
    return String(pod.spec.hostname || pod.metadata!.name).slice(0, 63);
  }

  private resolvConf(pod: KObject): string {
    const policy = pod.spec.dnsPolicy ?? 'ClusterFirst';
    const cfg = pod.spec.dnsConfig ?? {};
    let ns: string[] = [];
    let search: string[] = [];
    let opts: string[] = [];
    const nodeResolv = () => {
      try {
        const t = readFileSync(join(this.root, 'etc/resolv.conf'), 'utf8');
        for (const l of t.split('\n')) {
          const [k, ...v] = l.trim().split(/\s+/);
          if (k === 'nameserver') ns.push(v[0]);
          if (k === 'search') search = v.filter((s) => s !== '.');
          if (k === 'options') opts = v;
        }
      } catch {
        ns = ['127.0.0.53'];
      }
    };
    if (policy === 'None') {
      // only dnsConfig
    } else if (policy === 'Default' || (policy === 'ClusterFirst' && pod.spec.hostNetwork)) {
      nodeResolv();
    } else {
      const n = pod.metadata!.namespace;
      ns = ['10.96.0.10'];
      search = [`${n}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local'];
      opts = ['ndots:5'];
    }
    ns = [...ns, ...(cfg.nameservers ?? [])];
    search = [...search, ...(cfg.searches ?? [])];
    for (const o of cfg.options ?? []) {
      opts = opts.filter((x) => x.split(':')[0] !== o.name);
      opts.push(o.value !== undefined ? `${o.name}:${o.value}` : o.name);
    }
    let out = '';
    if (search.length) out += `search ${search.join(' ')}\n`;
    for (const s of ns) out += `nameserver ${s}\n`;
    if (opts.length) out += `options ${opts.join(' ')}\n`;
    return out;
  }

  /**
   * Decides what each container needs now (start, restart, back off) and starts it; returns a
   * requeue delay when something is due later.
   */
  private advance(pr: PodRuntime): number | undefined {
    const pod = pr.pod;
    const policy = pod.spec.restartPolicy ?? 'Always';
    const recs = [...pr.records.values()];
    const inits = recs.filter((r) => r.kind !== 'regular');
    // init containers in order; a sidecar counts once started
    for (const r of inits) {
      if (r.kind === 'sidecar') {
        this.ensureRunning(pr, r, 'Always');
        if (!r.started) return undefined;
        continue;
      }
      const t = r.state.terminated;
      if (t && t.exitCode === 0 && !r.current?.running) continue;
      if (r.current?.running || r.busy) return undefined;
      if (t && t.exitCode !== 0 && policy === 'Never') return undefined; // the pod has failed
      this.ensureRunning(pr, r, policy === 'Never' ? 'Never' : 'OnFailure');
      return undefined;
    }
    for (const r of recs.filter((x) => x.kind === 'regular')) this.ensureRunning(pr, r, policy);
    return undefined;
  }

  /** Starts or restarts a container if its restart policy and back-off say so. */
  private ensureRunning(pr: PodRuntime, r: ContainerRecord, policy: string): void {
    if (r.busy || r.current?.running || r.component) return;
    // a dead container: just ended, or already waiting out its back-off
    const t = r.state.terminated ?? (r.state.waiting?.reason === 'CrashLoopBackOff' ? r.lastState : undefined);
    if (t) {
      const restart = policy === 'Always' || (policy === 'OnFailure' && t.exitCode !== 0);
      if (!restart) return;
      const nowMs = this.ctx.clock.ms();
      // removed by hand (crictl rm): no exited container left to back off from or to count from
      const gone = isRemoved(r.current);
      if (nowMs < r.backoffUntil && !gone) {
        this.crashLoop(pr, r);
        return;
      }
      // back-off: none for the first restart, then 10 s doubling to 5 min; reset after a long run
      const ran = new Date(t.finishedAt).getTime() - new Date(t.startedAt).getTime();
      if (ran >= CRASH_BACKOFF.resetAfterRunningMs) r.crashBackoffMs = 0;
      if (!gone) r.crashBackoffMs = r.crashBackoffMs ? Math.min(r.crashBackoffMs * 2, CRASH_BACKOFF.maxMs) : CRASH_BACKOFF.initialMs;
      r.backoffUntil = 0;
      r.restartCount = gone ? nextAttempt([r.previous], () => Math.max(0, r.restartCount - 1), join(pr.logDir, r.name)) : r.restartCount + 1;
    }
    if (r.state.waiting?.reason === 'ErrImagePull' || r.state.waiting?.reason === 'ImagePullBackOff') {
      // ErrImagePull shows until the next sync (a few seconds), then the back-off does
      if (r.state.waiting.reason === 'ErrImagePull' && this.ctx.clock.ms() < r.pullFailedAt + PULL_BACKOFF.showErrorMs) return;
      if (this.ctx.clock.ms() < r.pullBackoffUntil) {
        const m = `Back-off pulling image "${r.spec.image}"`;
        this.event(pr, 'Normal', 'BackOff', m);
        r.state = { waiting: { reason: 'ImagePullBackOff', message: r.lastPullError ? `${m}: ${r.lastPullError}` : m } };
        this.event(pr, 'Warning', 'Failed', 'Error: ImagePullBackOff');
        return;
      }
    }
    r.busy = true;
    void this.startContainer(pr, r).catch((e) => this.log(`start ${pr.key}/${r.name}: ${(e as Error).stack ?? e}`)).finally(() => {
      r.busy = false;
      this.queue(pr.key);
    });
  }

  private crashLoop(pr: PodRuntime, r: ContainerRecord): void {
    const m = pr.pod.metadata!;
    const secs = Math.round(r.crashBackoffMs / 1000);
    const dur = secs >= 60 ? `${Math.floor(secs / 60)}m${secs % 60 ? `${secs % 60}s` : '0s'}` : `${secs}s`;
    const msg = `back-off ${dur} restarting failed container=${r.name} pod=${m.name}_${m.namespace}(${m.uid})`;
    if (r.state.waiting?.reason !== 'CrashLoopBackOff' || r.state.waiting.message !== msg) {
      r.state = { waiting: { reason: 'CrashLoopBackOff', message: msg } };
      this.event(pr, 'Warning', 'BackOff', `Back-off restarting failed container ${r.name} in pod ${m.name}_${m.namespace}(${m.uid})`);
    }
  }

  private async startContainer(pr: PodRuntime, r: ContainerRecord): Promise<void> {
    const clock = this.ctx.clock;
    const spec = r.spec;
    const pod = pr.pod;
    // 1. the image
    const res = resolveImage(String(spec.image ?? ''));
    const pullPolicy = spec.imagePullPolicy ?? 'IfNotPresent';
    if (!res.ok) {
      if (res.reason === 'InvalidImageName') {
        r.state = { waiting: { reason: 'InvalidImageName', message: res.message } };
        this.event(pr, 'Warning', 'InspectFailed', res.message);
        this.event(pr, 'Warning', 'Failed', 'Error: InvalidImageName');
        return;
      }
      if (pullPolicy === 'Never') return this.neverPull(pr, r);
      this.event(pr, 'Normal', 'Pulling', `Pulling image "${spec.image}"`);
      await clock.sleep(CONTAINER_STAGES[0].delayMs(0) / 2);
      this.event(pr, 'Warning', 'Failed', `Failed to pull image "${spec.image}": ${res.message}`);
      this.event(pr, 'Warning', 'Failed', 'Error: ErrImagePull');
      r.pullBackoffMs = r.pullBackoffMs ? Math.min(r.pullBackoffMs * 2, PULL_BACKOFF.maxMs) : PULL_BACKOFF.initialMs;
      r.pullBackoffUntil = clock.ms() + r.pullBackoffMs;
      r.lastPullError = `ErrImagePull: ${res.message}`;
      r.pullFailedAt = clock.ms();
      r.state = { waiting: { reason: 'ErrImagePull', message: res.message } };
      return;
    }
    const img = res.image;
    const cached = this.images.has(img.full);
    if (cached && pullPolicy !== 'Always') {
      this.event(pr, 'Normal', 'Pulled', `Container image "${spec.image}" already present on machine`);
    } else if (pullPolicy === 'Never') {
      return this.neverPull(pr, r);
    } else {
      this.event(pr, 'Normal', 'Pulling', `Pulling image "${spec.image}"`);
      const ms = cached ? 300 : CONTAINER_STAGES[0].delayMs(img.def.size);
      await clock.sleep(ms);
      const d = goDuration(ms);
      this.event(pr, 'Normal', 'Pulled', `Successfully pulled image "${spec.image}" in ${d} (${d} including waiting). Image size: ${img.def.size} bytes.`);
      this.images.set(img.full, img);
    }
    r.pullBackoffMs = 0;
    r.pullBackoffUntil = 0;
    r.image = img;
    if (!this.stillWanted(pr)) return;
    // 2. the container's configuration
    let env: Record<string, string>;
    try {
      env = containerEnv(pod, spec, this.lookup, this.allocatable());
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      r.state = { waiting: { reason: 'CreateContainerConfigError', message: e.message } };
      this.event(pr, 'Warning', 'Failed', `Error: ${e.message}`);
      this.queue(pr.key, RETRY.configMs);
      return;
    }
    await clock.sleep(CONTAINER_STAGES[1].delayMs(0));
    if (!this.stillWanted(pr)) return;
    const hostname = this.hostnameOf(pod);
    const fullEnv: Record<string, string> = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };
    for (const [k, v] of Object.entries(img.def.env ?? {})) fullEnv[k] = v.replace(/\{\{version\}\}/g, img.version);
    fullEnv.HOSTNAME = hostname;
    Object.assign(fullEnv, env);
    if (spec.tty) fullEnv.TERM = 'xterm';
    fullEnv.HOME = fullEnv.HOME ?? '/root';
    const extras = this.env.containerExtras?.(pod, r.name);
    if (extras) Object.assign(fullEnv, extras.env);
    const argv = this.commandOf(spec, img, env);
    const id = newContainerId();
    const mounts = containerMounts(spec, pr.volumes ?? new Map(), env);
    const termLog = join(pr.podDir, 'containers', r.name, id.slice(0, 8));
    await fsp.mkdir(join(pr.podDir, 'containers', r.name), { recursive: true });
    await fsp.writeFile(termLog, '');
    const have = new Set(mounts.map((m) => m.dst));
    const sys = [
      { src: join(pr.podDir, 'etc-hosts'), dst: '/etc/hosts' },
      { src: join(pr.podDir, 'resolv.conf'), dst: '/etc/resolv.conf' },
      { src: join(pr.podDir, 'hostname'), dst: '/etc/hostname' },
      { src: termLog, dst: spec.terminationMessagePath ?? '/dev/termination-log' },
    ].filter((m) => !have.has(m.dst));
    const extraMounts = (extras?.binds ?? []).map(([src, dst]) => ({ src, dst, readOnly: true }));
    const skip = new Set(extraMounts.filter((m) => m.dst.startsWith('/bin/')).map((m) => m.dst.slice(5)));
    const logPath = join(pr.logDir, r.name, `${r.restartCount}.log`);
    const rootfs = join(this.root, 'run/containerd/io.containerd.runtime.v2.task/k8s.io', id, 'rootfs');
    const bin = canSandbox() ? await sharedBin(img, skip) : undefined;
    const cont = new Container({
      id, name: r.name, image: img, argv, env: fullEnv, workingDir: spec.workingDir ?? img.def.workingDir, hostname,
      mounts: [...sys, ...mounts, ...extraMounts], logPath, stdin: !!spec.stdin, stdinOnce: !!spec.stdinOnce, tty: !!spec.tty, skipApplets: skip, sharedBin: bin,
    }, rootfs);
    try {
      await makeRootfs(rootfs, cont.cfg);
    } catch (e) {
      r.state = { waiting: { reason: 'CreateContainerError', message: (e as Error).message } };
      this.event(pr, 'Warning', 'Failed', `Error: ${(e as Error).message}`);
      return;
    }
    // the instance before the previous one goes (its log file stays); the previous is kept exited
    if (r.previous && !isRemoved(r.current)) removeRootfs(r.previous.rootfs);
    const m = pod.metadata!;
    const link = join(this.root, 'var/log/containers', `${m.name}_${m.namespace}_${r.name}-${id}.log`);
    await fsp.symlink(logPath.slice(this.root.length) || logPath, link).catch(async () => {
      await fsp.mkdir(join(this.root, 'var/log/containers'), { recursive: true });
      await fsp.symlink(logPath.slice(this.root.length) || logPath, link);
    }).catch(() => undefined); // best effort
    this.event(pr, 'Normal', 'Created', `Created container: ${r.name}`);
    await clock.sleep(CONTAINER_STAGES[2].delayMs(0));
    if (!this.stillWanted(pr)) {
      removeRootfs(rootfs);
      return;
    }
    r.id = id;
    if (r.current?.exit && !isRemoved(r.current)) r.previous = r.current;
    r.current = cont;
    r.ready = false;
    r.started = false;
    const notFound = missingExecutable(cont);
    if (notFound) {
      this.startFailed(pr, r, cont, `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${notFound}: unknown`);
      return;
    }
    const component = this.env.componentRunner?.(pod, r.name, img);
    if (component) {
      // the component runs in the runtime, its container's process (with the manifest's command
      // line, as `ps` shows it on a real node) runs beside it: either ending ends both
      r.component = component;
      let code: number | undefined;
      component.onExit((c) => {
        code = c;
        cont.signal('SIGKILL');
      });
      await startProcess(cont, clock, (e) => {
        component.stop('SIGTERM');
        this.onExit(pr, r, cont, code === undefined ? e : { ...e, exitCode: code });
      });
    } else {
      await startProcess(cont, clock, (e) => this.onExit(pr, r, cont, e));
    }
    if (cont.exit) return; // failed at once (onExit has recorded it)
    r.state = { running: { startedAt: nowRFC3339(cont.startedAt) } };
    this.event(pr, 'Normal', 'Started', `Started container ${r.name}`);
    this.startProbes(pr, r);
    this.watchMemory(pr, r, cont);
    if (spec.lifecycle?.postStart?.exec?.command) {
      const out = await this.execIn(cont, spec.lifecycle.postStart.exec.command, 30_000);
      if (out.code !== 0) {
        this.event(pr, 'Warning', 'FailedPostStartHook', `PostStartHook failed`);
        this.kill(pr, r, 'restart', 2, `FailedPostStartHook`);
      }
    }
  }

  private neverPull(pr: PodRuntime, r: ContainerRecord): void {
    const msg = `Container image "${r.spec.image}" is not present with pull policy of Never`;
    r.state = { waiting: { reason: 'ErrImageNeverPull', message: msg } };
    this.event(pr, 'Warning', 'ErrImageNeverPull', msg);
    this.event(pr, 'Warning', 'Failed', 'Error: ErrImageNeverPull');
  }

  private stillWanted(pr: PodRuntime): boolean {
    return this.pods.get(pr.key) === pr && !pr.terminating;
  }

  /** The container's argv from command/args and the image's entrypoint/cmd. */
  private commandOf(spec: any, img: ResolvedImage, env: Record<string, string>): string[] {
    const exp = (a: string[]) => a.map((x) => expandVars(String(x), env));
    const entry = img.def.entrypoint ?? [];
    if (spec.command?.length) return [...exp(spec.command), ...exp(spec.args ?? [])];
    if (spec.args?.length) return [...entry, ...exp(spec.args)];
    const argv = [...entry, ...(img.def.cmd ?? [])];
    return argv.length ? argv : ['sh'];
  }

  /** The runtime could not start the container's process (containerd's StartError, exit code 128). */
  private startFailed(pr: PodRuntime, r: ContainerRecord, cont: Container, message: string): void {
    this.event(pr, 'Warning', 'Failed', `Error: ${message}`);
    const t: Terminated = {
      exitCode: 128, reason: 'StartError', message,
      startedAt: '1970-01-01T00:00:00Z', finishedAt: nowRFC3339(this.ctx.clock.now()), containerID: `containerd://${cont.cfg.id}`,
    };
    r.lastState = t;
    r.state = { terminated: t };
    r.ready = false;
    r.backoffUntil = this.ctx.clock.ms() + (r.crashBackoffMs || 0);
    this.queue(pr.key);
  }

  private onExit(pr: PodRuntime, r: ContainerRecord, cont: Container, e: ExitInfo): void {
    r.prober?.stop();
    r.prober = undefined;
    r.component = undefined;
    if (r.current !== cont) return;
    let reason = e.exitCode === 0 ? 'Completed' : 'Error';
    if (cont.oomKilled) reason = 'OOMKilled';
    let message: string | undefined;
    try {
      const msg = readFileSync(join(pr.podDir, 'containers', r.name, cont.cfg.id.slice(0, 8)), 'utf8');
      if (msg) message = msg.slice(0, 4096);
    } catch {
      // none
    }
    if (!message && r.spec.terminationMessagePolicy === 'FallbackToLogsOnError' && e.exitCode !== 0) {
      try {
        const lines = readFileSync(cont.cfg.logPath, 'utf8').trimEnd().split('\n').slice(-80).map((l) => l.replace(/^\S+ \S+ [PF] /, ''));
        message = lines.join('\n').slice(-2048);
      } catch {
        // none
      }
    }
    const t: Terminated = {
      exitCode: e.exitCode, reason, ...(message ? { message } : {}),
      startedAt: nowRFC3339(cont.startedAt), finishedAt: nowRFC3339(e.finishedAt), containerID: `containerd://${cont.cfg.id}`,
    };
    r.lastState = t;
    r.state = { terminated: t };
    r.ready = false;
    if (r.killing === 'restart') {
      // killed by the kubelet (liveness): restarts at once, counted as a restart
      r.killing = undefined;
      r.backoffUntil = 0;
    } else {
      r.killing = undefined;
      r.backoffUntil = this.ctx.clock.ms() + (r.crashBackoffMs || 0);
    }
    this.queue(pr.key);
  }

  /** Watches a stress container's declared memory use against its limit (OOM killer). */
  private watchMemory(pr: PodRuntime, r: ContainerRecord, cont: Container): void {
    if (!r.image?.def.stress) return;
    const limit = quantity(r.spec.resources?.limits?.memory);
    const argv = cont.cfg.argv;
    const i = argv.findIndex((a) => a === '--vm-bytes');
    const want = i >= 0 ? quantity(String(argv[i + 1]).replace(/([kmgt])$/i, (x) => ({ k: 'Ki', m: 'Mi', g: 'Gi', t: 'Ti' })[x.toLowerCase()] as string).replace(/([KMGT])$/, '$1i')) : undefined;
    const workers = Number(argv[argv.findIndex((a) => a === '--vm') + 1] ?? 1) || 1;
    if (!limit || !want || want * workers <= limit) return;
    this.ctx.clock.after(1200, () => {
      if (r.current !== cont || !cont.running) return;
      cont.oomKilled = true;
      cont.signal('SIGKILL');
    });
  }

  // ----- probes ------------------------------------------------------------------------------

  private startProbes(pr: PodRuntime, r: ContainerRecord): void {
    const spec = r.spec;
    if (!spec.livenessProbe && !spec.readinessProbe && !spec.startupProbe) {
      r.started = true;
      r.ready = r.kind !== 'init';
      return;
    }
    if (!spec.startupProbe) r.started = true;
    if (!spec.readinessProbe) r.ready = r.started;
    r.prober = new Prober(this.ctx.clock, {
      spec, podIP: pr.ip ?? '', image: r.image!, container: r.current!,
      exec: (cmd, timeoutMs) => this.execIn(r.current!, cmd, timeoutMs),
      onResult: (kind: ProbeKind, ok: boolean, output: string, transition: boolean) => this.probeResult(pr, r, kind, ok, output, transition),
    });
    r.prober.start();
  }

  private probeResult(pr: PodRuntime, r: ContainerRecord, kind: ProbeKind, ok: boolean, output: string, transition: boolean): void {
    const name = kind === 'liveness' ? 'Liveness' : kind === 'readiness' ? 'Readiness' : 'Startup';
    if (!ok) this.event(pr, 'Warning', 'Unhealthy', `${name} probe failed: ${output}`);
    if (!transition) return;
    if (kind === 'startup') {
      if (ok) {
        r.started = true;
        if (!r.spec.readinessProbe) r.ready = true;
        r.prober?.startedUp();
      } else {
        this.kill(pr, r, 'restart', r.spec.terminationGracePeriodSeconds ?? pr.pod.spec.terminationGracePeriodSeconds ?? 30, `Container ${r.name} failed startup probe, will be restarted`);
      }
    } else if (kind === 'liveness' && !ok) {
      this.kill(pr, r, 'restart', r.spec.livenessProbe?.terminationGracePeriodSeconds ?? pr.pod.spec.terminationGracePeriodSeconds ?? 30, `Container ${r.name} failed liveness probe, will be restarted`);
    } else if (kind === 'readiness') {
      r.ready = ok && r.started;
    }
    this.queue(pr.key);
  }

  /** Runs a command inside a running container; output is stdout+stderr. */
  execIn(cont: Container, cmd: string[], timeoutMs: number): Promise<{ code: number; output: string }> {
    return new Promise((resolve) => {
      if (!cont.running) return resolve({ code: 1, output: 'container not running' });
      const argv = execArgv(cont, cmd);
      const p = spawn(argv[0], argv.slice(1), { env: cont.cfg.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      p.stdout.on('data', (d) => (out += d));
      p.stderr.on('data', (d) => (out += d));
      const t = this.ctx.clock.after(timeoutMs, () => {
        p.kill('SIGKILL');
        resolve({ code: -1, output: `command timed out after ${timeoutMs / 1000}s` });
      });
      p.on('error', (e) => {
        t.cancel();
        resolve({ code: 126, output: e.message });
      });
      p.on('exit', (code) => {
        t.cancel();
        resolve({ code: code ?? 1, output: out });
      });
    });
  }

  // ----- termination -------------------------------------------------------------------------

  /** Stops one container: preStop hook, SIGTERM, SIGKILL after the grace period. */
  private kill(pr: PodRuntime, r: ContainerRecord, why: 'restart' | 'terminate', graceSeconds: number, message?: string): void {
    const cont = r.current;
    if (!cont || !cont.running || r.killing === 'terminate') return;
    if (r.killing === 'restart' && why === 'restart') return;
    r.killing = why;
    r.prober?.stop();
    this.event(pr, 'Normal', 'Killing', message ?? `Stopping container ${r.name}`);
    const graceMs = Math.max(0, graceSeconds) * 1000;
    const t0 = this.ctx.clock.ms();
    const term = () => {
      r.component?.stop('SIGTERM');
      cont.signal('SIGTERM');
      const left = graceMs - (this.ctx.clock.ms() - t0);
      this.ctx.clock.after(Math.max(left, TERMINATION.killSettleMs), () => {
        if (!cont.running) return;
        r.component?.stop('SIGKILL');
        cont.signal('SIGKILL');
      });
    };
    const pre = r.spec.lifecycle?.preStop;
    if (pre?.exec?.command && graceMs > 0) {
      void this.execIn(cont, pre.exec.command, graceMs).then((res) => {
        if (res.code !== 0) this.event(pr, 'Warning', 'FailedPreStopHook', `PreStopHook failed`);
        term();
      });
    } else if (pre?.sleep?.seconds && graceMs > 0) {
      this.ctx.clock.after(Math.min(pre.sleep.seconds * 1000, graceMs), term);
    } else {
      term();
    }
  }

  private killAll(pr: PodRuntime, graceSeconds: number): void {
    for (const r of pr.records.values()) this.kill(pr, r, 'terminate', graceSeconds);
  }

  private async terminate(pr: PodRuntime): Promise<{ requeueAfter: number } | void> {
    const pod = pr.pod;
    const grace = pod.metadata!.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? TERMINATION.defaultGraceSeconds;
    if (!pr.terminating) {
      pr.terminating = true;
      // regular containers first, sidecars after them (in reverse order)
      const regular = [...pr.records.values()].filter((r) => r.kind === 'regular');
      for (const r of regular) this.kill(pr, r, 'terminate', grace);
    }
    const live = [...pr.records.values()].filter((r) => r.current?.running || r.busy);
    const regularLive = live.filter((r) => r.kind === 'regular');
    if (!regularLive.length) for (const r of [...pr.records.values()].filter((x) => x.kind === 'sidecar').reverse()) this.kill(pr, r, 'terminate', Math.min(grace, 2));
    if (live.length) return { requeueAfter: 1000 };
    if (!pr.terminated) {
      pr.terminated = true;
      await this.writeStatus(pr).catch(() => undefined);
      const m = pod.metadata!;
      try {
        await this.ctx.client.delete('v1/pods', m.namespace, m.name, { gracePeriodSeconds: 0, preconditions: { uid: m.uid } });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      this.cleanup(pr);
    }
  }

  private cleanup(pr: PodRuntime): void {
    for (const r of pr.records.values()) {
      r.prober?.stop();
      if (r.current) removeRootfs(r.current.rootfs);
      if (r.previous) removeRootfs(r.previous.rootfs);
    }
    if (pr.ip) this.usedIPs.delete(pr.ip);
    if (this.pods.get(pr.key) === pr) this.pods.delete(pr.key);
    try {
      forgetVolumes(pr.podDir);
      rmSync(pr.podDir, { recursive: true, force: true });
    } catch {
      // busy
    }
  }

  // ----- status ------------------------------------------------------------------------------

  private containerStatus(pr: PodRuntime, r: ContainerRecord): any {
    const img = r.image ?? (resolveImage(String(r.spec.image ?? '')) as any).image;
    const st: any = {
      name: r.name,
      state: r.state.running ? { running: r.state.running } : r.state.terminated ? { terminated: r.state.terminated } : { waiting: r.state.waiting ?? { reason: 'ContainerCreating' } },
      lastState: r.lastState && !r.state.terminated ? { terminated: r.lastState } : {},
      ready: !!(r.ready && r.current?.running && r.state.running),
      restartCount: r.restartCount,
      image: img?.full ?? r.spec.image,
      imageID: r.image ? r.image.imageID : '',
      ...(r.id ? { containerID: `containerd://${r.id}` } : {}),
      started: !!(r.started && r.state.running),
    };
    if (r.state.terminated && r.restartCount > 0 && r.lastState !== r.state.terminated) st.lastState = { terminated: r.lastState };
    if (r.state.waiting && r.lastState) st.lastState = { terminated: r.lastState };
    const res = r.spec.resources;
    if (res && (res.requests || res.limits)) {
      st.allocatedResources = res.requests ?? res.limits;
      st.resources = { ...(res.requests ? { requests: res.requests } : {}), ...(res.limits ? { limits: res.limits } : {}) };
    }
    st.user = { linux: { uid: 0, gid: 0, supplementalGroups: [0, 1, 2, 3, 4, 6, 10, 11, 20, 26, 27] } };
    const vms: any[] = r.spec.volumeMounts ?? [];
    if (vms.length) st.volumeMounts = vms.map((v) => ({ name: v.name, mountPath: v.mountPath, ...(v.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}) }));
    return st;
  }

  private phaseOf(pr: PodRuntime): string {
    const pod = pr.pod;
    const policy = pod.spec.restartPolicy ?? 'Always';
    const recs = [...pr.records.values()];
    const inits = recs.filter((r) => r.kind === 'init');
    for (const r of inits) {
      const t = r.state.terminated;
      if (t && t.exitCode !== 0 && policy === 'Never') return 'Failed';
      if (!t || t.exitCode !== 0) return 'Pending';
    }
    const regular = recs.filter((r) => r.kind === 'regular');
    let running = 0;
    let waiting = 0;
    let stopped = 0;
    let succeeded = 0;
    for (const r of regular) {
      if (r.state.running) running++;
      else if (r.state.terminated) {
        stopped++;
        if (r.state.terminated.exitCode === 0) succeeded++;
      } else if (r.lastState) {
        // waiting to restart: running from the phase's point of view
        running++;
      } else waiting++;
    }
    if (waiting > 0) return 'Pending';
    if (running > 0) return 'Running';
    if (stopped === regular.length && regular.length) {
      if (policy === 'Always') return 'Running';
      if (succeeded === stopped) return 'Succeeded';
      if (policy === 'OnFailure') return 'Running';
      return 'Failed';
    }
    return 'Pending';
  }

  private cond(pr: PodRuntime, type: string, status: string, reason?: string, message?: string): any {
    const prev = pr.transitions.get(type);
    const at = prev && prev.status === status ? prev.at : this.now();
    pr.transitions.set(type, { status, at });
    return { type, status, lastProbeTime: null, lastTransitionTime: at, ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
  }

  private buildStatus(pr: PodRuntime, current: KObject): any {
    const pod = pr.pod;
    const recs = [...pr.records.values()];
    const phase = pr.sandboxReady || pr.records.size === 0 ? this.phaseOf(pr) : 'Pending';
    const initRecs = recs.filter((r) => r.kind !== 'regular');
    const regular = recs.filter((r) => r.kind === 'regular');
    const initDone = initRecs.every((r) => (r.kind === 'sidecar' ? r.started : r.state.terminated?.exitCode === 0));
    const notInit = initRecs.filter((r) => (r.kind === 'sidecar' ? !r.started : r.state.terminated?.exitCode !== 0)).map((r) => r.name);
    const ready = (r: ContainerRecord) => !!(r.ready && r.current?.running && r.state.running);
    const unready = [...initRecs.filter((r) => r.kind === 'sidecar'), ...regular].filter((r) => !ready(r)).map((r) => r.name);
    const done = phase === 'Succeeded' || phase === 'Failed';
    const conds: any[] = [];
    const old: any[] = current.status?.conditions ?? [];
    for (const c of old) if (!['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].includes(c.type)) conds.push(c);
    conds.push(this.cond(pr, 'PodReadyToStartContainers', pr.sandboxReady && !done ? 'True' : pr.sandboxReady ? 'False' : 'False'));
    conds.push(initDone ? this.cond(pr, 'Initialized', 'True') : this.cond(pr, 'Initialized', 'False', 'ContainersNotInitialized', `containers with incomplete status: [${notInit.join(' ')}]`));
    const gates: any[] = pod.spec.readinessGates ?? [];
    const gateFalse = gates.filter((g) => old.find((c) => c.type === g.conditionType)?.status !== 'True').map((g) => g.conditionType);
    if (done) {
      conds.push(this.cond(pr, 'Ready', 'False', 'PodCompleted'));
      conds.push(this.cond(pr, 'ContainersReady', 'False', 'PodCompleted'));
    } else if (unready.length) {
      const msg = `containers with unready status: [${unready.join(' ')}]`;
      conds.push(this.cond(pr, 'Ready', 'False', 'ContainersNotReady', msg));
      conds.push(this.cond(pr, 'ContainersReady', 'False', 'ContainersNotReady', msg));
    } else if (gateFalse.length) {
      conds.push(this.cond(pr, 'Ready', 'False', 'ReadinessGatesNotReady', `corresponding condition of pod readiness gate "${gateFalse[0]}" does not exist.`));
      conds.push(this.cond(pr, 'ContainersReady', 'True'));
    } else {
      conds.push(this.cond(pr, 'Ready', 'True'));
      conds.push(this.cond(pr, 'ContainersReady', 'True'));
    }
    const sched = old.find((c) => c.type === 'PodScheduled') ?? { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: pr.startTime };
    conds.push(sched);
    const order = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];
    conds.sort((a, b) => (order.indexOf(a.type) + 1 || 99) - (order.indexOf(b.type) + 1 || 99));
    const st: any = {
      ...(current.status ?? {}),
      phase,
      conditions: conds,
      hostIP: this.node.ip, hostIPs: [{ ip: this.node.ip }],
      ...(pr.ip && pr.sandboxReady ? { podIP: pr.ip, podIPs: [{ ip: pr.ip }] } : {}),
      startTime: pr.startTime,
      qosClass: current.status?.qosClass ?? 'BestEffort',
    };
    if (initRecs.length) st.initContainerStatuses = initRecs.map((r) => this.containerStatus(pr, r));
    st.containerStatuses = regular.map((r) => this.containerStatus(pr, r));
    if (!pr.sandboxReady) {
      for (const s of [...(st.initContainerStatuses ?? []), ...st.containerStatuses]) {
        s.state = { waiting: { reason: (st.initContainerStatuses?.length && st.containerStatuses.includes(s)) ? 'PodInitializing' : 'ContainerCreating' } };
      }
    }
    if (done && phase === 'Failed' && !st.reason) delete st.reason;
    return st;
  }

  async writeStatus(pr: PodRuntime): Promise<void> {
    if (!this.running) return;
    const cur = this.ctx.client.get('v1/pods', pr.pod.metadata!.namespace, pr.pod.metadata!.name);
    if (!cur || runUid(cur) !== pr.uid) return;
    const st = this.buildStatus(pr, cur);
    const a = JSON.stringify(st);
    if (a === JSON.stringify(cur.status)) return;
    const next = clone(cur);
    next.status = st;
    await this.ctx.client.updateStatus('v1/pods', next);
  }

  // ----- lookups for streaming and the network module ---------------------------------------

  runtimeFor(podUid: string): PodRuntime | undefined {
    for (const pr of this.pods.values()) if (pr.uid === podUid || pr.pod.metadata?.uid === podUid) return pr;
    return undefined;
  }

  /** Makes a container's log path for a given restart count. */
  logPath(pr: PodRuntime, container: string, restart: number): string {
    return join(pr.logDir, container, `${restart}.log`);
  }

  /** Ends `stdinOnce` containers' stdin after the first attach session. */
  ensureDirs(): void {
    for (const d of ['var/log/pods', 'var/log/containers', 'var/lib/kubelet/pods', 'run/containerd']) mkdirSync(join(this.root, d), { recursive: true });
  }

  /** Hours of cluster time since `iso` (for tests and tools). */
  age(iso: string): number {
    return since(this.ctx.clock.ms(), iso);
  }
}

/** runc's complaint when the container's command cannot be found, or undefined. */
function missingExecutable(cont: Container): string | undefined {
  const cmd = cont.cfg.argv[0];
  if (!cmd || findCommand(cont, cmd)) return undefined;
  return cmd.includes('/') ? `exec: "${cmd}": stat ${cmd}: no such file or directory` : `exec: "${cmd}": executable file not found in $PATH`;
}
