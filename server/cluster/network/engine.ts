// The decisions of the simulated network, packet by packet: who is asking (a pod, or a node),
// where kube-proxy sends the packet, whether NetworkPolicy lets it through, and what is at the
// destination (a server stand-in of a running container, a listener a container opened with
// `nc -l`, a real port of the node, CoreDNS). Pure of sockets: index.ts carries the bytes.
import { readFileSync } from 'node:fs';
import type { KObject } from '../kinds/types.ts';
import { isIPv4 } from './ip.ts';
import { isFinished, podIps, type NetView } from './view.ts';
import { Affinity, routeService, type Proto } from './services.ts';
import { policyAllows, type Peer } from './policy.ts';
import { answer, type DnsOutcome, type QType } from './dns.ts';
import { parseCorefile, type Corefile } from './corefile.ts';

export interface Serves {
  port: number;
  protocol?: 'TCP' | 'UDP';
  app: string;
  docroot?: string;
}

/** What the kubelet knows of containers (it implements this). */
export interface ContainerLookup {
  rootfs(podUid: string, container: string): string | undefined;
  running(podUid: string, container: string): boolean;
  /** A file as the container sees it, through its mounts (optional; else rootfs + path). */
  readFile?(podUid: string, container: string, path: string): string | undefined;
}

export interface Listener {
  podUid: string;
  port: number;
  proto: Proto;
}

export type Target =
  | { kind: 'app'; pod: KObject; container: string; serve: Serves }
  | { kind: 'listener'; listener: Listener }
  /** A real listener of the runtime's network namespace (the API server, etcd on a node IP). */
  | { kind: 'host'; ip: string; port: number };

export type ConnectResult =
  | { kind: 'refused' }
  /** Nothing answers (policy drop, an address nobody owns, no upstream): the client times out. */
  | { kind: 'drop' }
  | { kind: 'ok'; target: Target; dstIp: string; dstPort: number };

export interface EngineOptions {
  containers: ContainerLookup;
  /** What a container image serves (the image catalogue). */
  serves: (image: string) => Serves[];
  /** Reads a ConfigMap (for a coredns pod whose Corefile cannot be read from its container). */
  configMap?: (ns: string, name: string) => KObject | undefined;
  /** Cluster time in ms (reload intervals, session affinity). */
  now: () => number;
  /** Ports of node IPs where the runtime itself listens (API server 6443, etcd 2379…). */
  hostPorts?: (ip: string, port: number) => boolean;
  log?: (line: string) => void;
}

/** The stable part of a container's identity: a restart gives a new containerID. */
function containerInstance(pod: KObject, name: string): string {
  const st = (pod.status?.containerStatuses ?? []).find((c: any) => c.name === name);
  return `${pod.metadata?.uid}/${name}/${st?.containerID ?? ''}/${st?.restartCount ?? 0}`;
}

const RELOAD_MS = 30_000;

export class Engine {
  readonly affinity = new Affinity();
  /** Listeners opened by `nc -l` in pods: `uid/proto/port` → waiting acceptors. */
  readonly listeners = new Map<string, Listener[]>();
  private corefiles = new Map<string, { cf?: Corefile; error?: string; text?: string; readAt: number }>();

  constructor(readonly view: NetView, readonly o: EngineOptions) {}

  /** The peer a request comes from: a pod by uid, or a node by name. */
  source(id: { pod?: string; node?: string }): Peer | undefined {
    if (id.pod) {
      const pod = this.view.podByUid(id.pod);
      if (!pod) return undefined;
      const ip = pod.spec?.hostNetwork ? this.view.nodeIp(pod.spec?.nodeName) : podIps(pod)[0];
      return { ip: ip ?? '0.0.0.0', pod, node: pod.spec?.hostNetwork ? pod.spec?.nodeName : undefined };
    }
    if (id.node) return { ip: this.view.nodeIp(id.node) ?? '127.0.0.1', node: id.node };
    return undefined;
  }

  private listenerKey(uid: string, proto: string, port: number): string {
    return `${uid}/${proto}/${port}`;
  }

  /** What serves `port` in `pod` right now, if anything. */
  served(pod: KObject, port: number, proto: Proto): Target | undefined {
    const uid = pod.metadata?.uid as string;
    const l = this.listeners.get(this.listenerKey(uid, proto, port));
    if (l && l.length) return { kind: 'listener', listener: l[0] };
    for (const c of pod.spec?.containers ?? []) {
      const serve = this.o.serves(c.image ?? '').find((s) => s.port === port && (s.protocol ?? 'TCP') === proto);
      if (serve && this.o.containers.running(uid, c.name)) return { kind: 'app', pod, container: c.name, serve };
    }
    return undefined;
  }

  /** Whether a pod is still there to answer (its sandbox exists): it resets unserved ports. */
  private alive(pod: KObject): boolean {
    return !isFinished(pod) && !!podIps(pod).length;
  }

  /** A TCP (or UDP) connection from `src` to `dstIp:port`, through kube-proxy and policy. */
  connect(src: Peer, dstIp: string, port: number, proto: Proto = 'TCP'): ConnectResult {
    // the pod's own loopback
    if (dstIp.startsWith('127.') && src.pod) {
      if (src.pod.spec?.hostNetwork) return this.toHost(src.node, dstIp, port, proto);
      const t = this.served(src.pod, port, proto);
      return t ? { kind: 'ok', target: t, dstIp, dstPort: port } : { kind: 'refused' };
    }
    if (dstIp.startsWith('127.')) return this.toHost(src.node, dstIp, port, proto);
    const route = routeService(this.view, { srcIp: src.ip, dstIp, port, proto }, { now: this.o.now(), affinity: this.affinity });
    if (route.kind === 'reject') return { kind: 'refused' };
    if (route.kind === 'drop') return { kind: 'drop' };
    const ip = route.kind === 'backend' ? route.backend.ip : dstIp;
    const dport = route.kind === 'backend' ? route.backend.port : port;
    return this.deliver(src, ip, dport, proto);
  }

  private deliver(src: Peer, ip: string, port: number, proto: Proto): ConnectResult {
    const pod = this.view.podByIp(ip);
    if (pod) {
      if (!policyAllows(this.view, src, { ip, pod }, port, proto).allowed) return { kind: 'drop' };
      if (!this.alive(pod)) return { kind: 'drop' };
      const t = this.served(pod, port, proto);
      return t ? { kind: 'ok', target: t, dstIp: ip, dstPort: port } : { kind: 'refused' };
    }
    const node = this.view.nodeByIp(ip);
    if (node) {
      if (!policyAllows(this.view, src, { ip, node: node.metadata?.name }, port, proto).allowed) return { kind: 'drop' };
      return this.toHost(node.metadata?.name, ip, port, proto);
    }
    // an address nobody owns (a deleted pod's, outside the cluster): nothing answers
    if (!policyAllows(this.view, src, { ip }, port, proto).allowed) return { kind: 'drop' };
    return { kind: 'drop' };
  }

  /** A node's own ports: hostNetwork pods' servers and listeners, then the runtime's real ones. */
  private toHost(nodeName: string | undefined, ip: string, port: number, proto: Proto): ConnectResult {
    for (const p of this.view.pods()) {
      if (!p.spec?.hostNetwork || p.spec?.nodeName !== nodeName || isFinished(p)) continue;
      const t = this.served(p, port, proto);
      if (t) return { kind: 'ok', target: t, dstIp: ip, dstPort: port };
    }
    const realIp = ip.startsWith('127.') ? this.view.nodeIp(nodeName) ?? ip : ip;
    if (proto === 'TCP' && this.o.hostPorts?.(realIp, port)) return { kind: 'ok', target: { kind: 'host', ip: realIp, port }, dstIp: ip, dstPort: port };
    return { kind: 'refused' };
  }

  /** ICMP echo: pods and nodes answer (subject to policy); Service IPs and unknown addresses do not. */
  ping(src: Peer, dstIp: string): { reply: boolean; ttl: number } {
    if (dstIp.startsWith('127.')) return { reply: true, ttl: 64 };
    const pod = this.view.podByIp(dstIp);
    if (pod) {
      const ok = this.alive(pod) && policyAllows(this.view, src, { ip: dstIp, pod }, undefined, 'ICMP').allowed;
      const same = pod.spec?.nodeName === (src.pod?.spec?.nodeName ?? src.node);
      return { reply: ok, ttl: same ? 64 : 62 };
    }
    const node = this.view.nodeByIp(dstIp);
    if (node) return { reply: true, ttl: node.metadata?.name === (src.pod?.spec?.nodeName ?? src.node) ? 64 : 63 };
    return { reply: false, ttl: 0 };
  }

  /** A DNS question sent to `server:port` (UDP): a reply, ICMP refused, or nothing. */
  dns(src: Peer, server: string, port: number, q: { name: string; type: QType }): DnsOutcome | { refused: true } {
    if (!isIPv4(server)) return { drop: true };
    const c = this.connect(src, server, port, 'UDP');
    if (c.kind === 'refused') return { refused: true };
    if (c.kind === 'drop') return { drop: true };
    const t = c.target;
    if (t.kind !== 'app' || t.serve.app !== 'dns') return { refused: true };
    const cf = this.corefileOf(t.pod, t.container);
    if (!cf) return { refused: true };
    return answer(cf, q, {
      view: this.view,
      port: c.dstPort,
      readFile: (path) => this.readContainerFile(t.pod, t.container, path),
    });
  }

  /** A file of a container, through the kubelet (mounts included) or its root filesystem. */
  readContainerFile(pod: KObject, container: string, path: string): string | undefined {
    const uid = pod.metadata?.uid as string;
    const viaLookup = this.o.containers.readFile?.(uid, container, path);
    if (viaLookup !== undefined) return viaLookup;
    const root = this.o.containers.rootfs(uid, container);
    if (root) {
      try {
        return readFileSync(root + path, 'utf8');
      } catch {
        // not in the image's files: perhaps a volume
      }
    }
    return this.fromConfigMapVolume(pod, container, path);
  }

  /** The file a configMap volume mounted in the container would hold (the API's current data). */
  private fromConfigMapVolume(pod: KObject, container: string, path: string): string | undefined {
    const c = (pod.spec?.containers ?? []).find((x: any) => x.name === container);
    for (const m of c?.volumeMounts ?? []) {
      const dir = String(m.mountPath).replace(/\/$/, '');
      if (!path.startsWith(dir + '/')) continue;
      const rel = path.slice(dir.length + 1);
      const vol = (pod.spec?.volumes ?? []).find((v: any) => v.name === m.name);
      const cmName = vol?.configMap?.name;
      if (!cmName) continue;
      const cm = this.o.configMap?.(pod.metadata!.namespace, cmName);
      if (!cm) continue;
      const items: any[] | undefined = vol.configMap.items;
      const key = items ? items.find((it) => it.path === rel)?.key : rel;
      if (key && cm.data?.[key] !== undefined) return cm.data[key];
    }
    return undefined;
  }

  /** The Corefile a coredns container serves from: read at start, re-read every 30 s with `reload`. */
  corefileOf(pod: KObject, container: string): Corefile | undefined {
    const key = containerInstance(pod, container);
    const now = this.o.now();
    let e = this.corefiles.get(key);
    if (!e || (e.cf && e.cf.servers.some((s) => s.directives.some((d) => d.name === 'reload')) && now - e.readAt >= RELOAD_MS)) {
      const text = this.readContainerFile(pod, container, this.corefilePath(pod, container));
      if (!e) {
        for (const k of this.corefiles.keys()) if (k.startsWith(`${pod.metadata?.uid}/${container}/`)) this.corefiles.delete(k);
        e = { readAt: now };
        this.corefiles.set(key, e);
      }
      e.readAt = now;
      if (text !== undefined && text !== e.text) {
        try {
          e.cf = parseCorefile(text);
          e.text = text;
          e.error = undefined;
        } catch (err) {
          // at start CoreDNS exits; on reload it keeps serving the previous configuration
          e.error = (err as Error).message;
          this.o.log?.(`coredns ${pod.metadata?.namespace}/${pod.metadata?.name}: ${e.error}`);
        }
      }
    }
    return e.cf;
  }

  private corefilePath(pod: KObject, container: string): string {
    const c = (pod.spec?.containers ?? []).find((x: any) => x.name === container);
    const args: string[] = [...(c?.command ?? []), ...(c?.args ?? [])];
    const i = args.indexOf('-conf');
    const p = i >= 0 ? args[i + 1] : args.find((a) => a.startsWith('-conf='))?.slice(6);
    if (!p) return '/Corefile';
    return p.startsWith('/') ? p : `${c?.workingDir ?? ''}/${p}`;
  }

  listen(l: Listener): boolean {
    const key = this.listenerKey(l.podUid, l.proto, l.port);
    const pod = this.view.podByUid(l.podUid);
    const list = this.listeners.get(key) ?? [];
    if (pod) {
      for (const c of pod.spec?.containers ?? []) {
        if (this.o.serves(c.image ?? '').some((s) => s.port === l.port && (s.protocol ?? 'TCP') === l.proto) && this.o.containers.running(l.podUid, c.name)) return false;
      }
    }
    list.push(l);
    this.listeners.set(key, list);
    return true;
  }

  unlisten(l: Listener): void {
    const key = this.listenerKey(l.podUid, l.proto, l.port);
    const list = (this.listeners.get(key) ?? []).filter((x) => x !== l);
    if (list.length) this.listeners.set(key, list);
    else this.listeners.delete(key);
  }
}
