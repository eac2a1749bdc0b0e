// The cluster network as containers see it. The runtime listens on a unix socket that every
// container gets (with our applets — wget, curl, nc, nslookup, ping, telnet — bound over
// busybox's); an applet says which pod it runs in and asks for a TCP connection, a DNS answer or
// an echo reply, and the engine decides as kube-proxy, CoreDNS and a policy-enforcing CNI would.
// After a granted connect the socket carries the connection's bytes both ways.
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ctx } from '../controllers/framework.ts';
import type { KObject } from '../kinds/types.ts';
import { NetView } from './view.ts';
import { Engine, type ContainerLookup, type Listener, type Serves } from './engine.ts';
import { startApp } from './apps.ts';
import { CONTROLLERS } from '../controllers/index.ts';
import { resolveImage } from '../kubelet/images.ts';
import type { QType } from './dns.ts';

export type { ContainerLookup, Serves } from './engine.ts';
export { checkCorefile } from './corefile.ts';

/** Where things appear inside a container. */
export const IN_CONTAINER = {
  dir: '/.kubedojo/net',
  socket: '/.kubedojo/net/net.sock',
  node: '/.kubedojo/node',
  lib: '/.kubedojo/lib',
};

/** Our applets, and where each goes in a container. */
export const APPLETS: Record<string, string> = {
  wget: '/bin/wget', nc: '/bin/nc', nslookup: '/bin/nslookup', ping: '/bin/ping', telnet: '/bin/telnet', curl: '/usr/bin/curl',
};

/** Images without curl (busybox and alpine have wget only). */
const NO_CURL = /(^|\/)(busybox|alpine)(:|@|$)/;

export interface NetworkOptions {
  runDir: string;
  containers: ContainerLookup;
  clusterDomain?: string;
  /** What an image serves (default: the kubelet's image catalogue). */
  serves?: (image: string) => Serves[];
  /** The bundled applets (default: applets.mjs beside the runtime bundle). */
  appletBundle?: string;
}

function catalogueServes(image: string): Serves[] {
  const r = resolveImage(image);
  return r.ok ? r.image.def.serves ?? [] : [];
}

export class Network {
  readonly engine: Engine;
  readonly view: NetView;
  private server?: Server;
  private acceptors = new Map<Listener, Socket>();
  private readonly socketPath: string;

  constructor(private readonly ctx: Ctx, private readonly o: NetworkOptions) {
    const slicesManaged = CONTROLLERS.some(([n]) => n === 'endpointslice');
    this.view = new NetView((ref) => ctx.client.list(ref), slicesManaged);
    this.socketPath = join(o.runDir, 'net.sock');
    this.engine = new Engine(this.view, {
      containers: o.containers,
      serves: o.serves ?? catalogueServes,
      configMap: (ns, name) => ctx.client.get('v1/configmaps', ns, name),
      now: () => ctx.clock.ms(),
      hostPorts: (ip, port) => this.hostPorts.has(`${ip}:${port}`) || this.hostPorts.has(`*:${port}`),
      log: ctx.log,
    });
  }

  /** Real listeners of the runtime's network namespace that pods may reach (`ip:port` or `*:port`). */
  readonly hostPorts = new Set<string>();

  async start(): Promise<void> {
    mkdirSync(this.o.runDir, { recursive: true });
    const bundle = this.o.appletBundle ?? join(dirname(fileURLToPath(import.meta.url)), 'applets.mjs');
    if (existsSync(bundle)) copyFileSync(bundle, join(this.o.runDir, 'applets.mjs'));
    else this.ctx.log(`network: applet bundle ${bundle} missing; containers keep busybox's applets`);
    mkdirSync(join(this.o.runDir, 'bin'), { recursive: true });
    for (const name of Object.keys(APPLETS)) {
      writeFileSync(join(this.o.runDir, 'bin', name), stub(name), { mode: 0o755 });
    }
    rmSync(this.socketPath, { force: true });
    this.server = createServer({ allowHalfOpen: true }, (s) => this.accept(s));
    this.server.on('error', (e) => this.ctx.log(`network: ${e.message}`));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.socketPath, () => resolve());
    });
    // the API server (and etcd) listen for real on the control-plane node's address
    for (const n of this.view.nodes()) {
      const ip = (n.status?.addresses ?? []).find((a: any) => a.type === 'InternalIP')?.address;
      if (ip && n.metadata?.labels?.['node-role.kubernetes.io/control-plane'] !== undefined) {
        for (const p of [6443, 2379]) this.hostPorts.add(`${ip}:${p}`);
      }
    }
  }

  stop(): void {
    this.server?.close();
    for (const s of this.acceptors.values()) s.destroy();
    this.acceptors.clear();
    rmSync(this.socketPath, { force: true });
  }

  /** Binds and environment that give a container our applets and the network socket. */
  containerExtras(pod: KObject, container: string): { binds: [hostPath: string, containerPath: string][]; env: Record<string, string> } {
    const c = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((x: any) => x.name === container);
    const image = String(c?.image ?? '');
    const binds: [string, string][] = [
      [this.o.runDir, IN_CONTAINER.dir],
      [process.execPath, IN_CONTAINER.node],
      [libDir(), IN_CONTAINER.lib],
    ];
    for (const [name, path] of Object.entries(APPLETS)) {
      if (name === 'curl' && NO_CURL.test(image)) continue;
      binds.push([join(this.o.runDir, 'bin', name), path]);
    }
    return { binds, env: { KUBEDOJO_POD: String(pod.metadata?.uid ?? '') } };
  }

  /** Whether something in the pod answers on `port` (tcpSocket probes). */
  serving(pod: KObject, port: number, proto: 'TCP' | 'UDP' = 'TCP'): boolean {
    return !!this.engine.served(pod, port, proto);
  }

  private accept(s: Socket): void {
    s.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    const onData = (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      const i = buf.indexOf(10);
      if (i < 0) {
        if (buf.length > 65536) s.destroy();
        return;
      }
      s.off('data', onData);
      s.pause();
      const rest = buf.subarray(i + 1);
      if (rest.length) s.unshift(rest);
      let req: any;
      try {
        req = JSON.parse(buf.subarray(0, i).toString('utf8'));
      } catch {
        s.end('{"error":"bad request"}\n');
        return;
      }
      try {
        this.handle(s, req);
      } catch (e) {
        this.ctx.log(`network: ${(e as Error).stack ?? e}`);
        s.end(JSON.stringify({ error: 'internal' }) + '\n');
      }
    };
    s.on('data', onData);
  }

  private handle(s: Socket, req: any): void {
    const reply = (o: unknown) => s.write(JSON.stringify(o) + '\n');
    const src = this.engine.source({ pod: req.pod, node: req.node });
    if (!src) {
      s.end(JSON.stringify({ error: 'unknown source' }) + '\n');
      return;
    }
    switch (req.op) {
      case 'dns': {
        const out = this.engine.dns(src, String(req.server), Number(req.port ?? 53), { name: String(req.name), type: (req.type ?? 'A') as QType });
        s.end(JSON.stringify(out) + '\n');
        return;
      }
      case 'ping': {
        s.end(JSON.stringify(this.engine.ping(src, String(req.host))) + '\n');
        return;
      }
      case 'listen': {
        const l: Listener = { podUid: src.pod?.metadata?.uid ?? `node:${src.node}`, port: Number(req.port), proto: req.proto === 'UDP' ? 'UDP' : 'TCP' };
        if (!this.engine.listen(l)) {
          s.end(JSON.stringify({ error: 'inuse' }) + '\n');
          return;
        }
        this.acceptors.set(l, s);
        s.on('close', () => {
          this.engine.unlisten(l);
          this.acceptors.delete(l);
        });
        reply({ ok: true, ip: src.ip });
        return;
      }
      case 'connect': {
        const r = this.engine.connect(src, String(req.host), Number(req.port), req.proto === 'UDP' ? 'UDP' : 'TCP');
        if (r.kind !== 'ok') {
          s.end(JSON.stringify({ result: r.kind }) + '\n');
          return;
        }
        const t = r.target;
        if (t.kind === 'app') {
          reply({ result: 'ok' });
          s.resume();
          const uid = t.pod.metadata!.uid as string;
          const image = String((t.pod.spec?.containers ?? []).find((c: any) => c.name === t.container)?.image ?? '');
          startApp(s, {
            app: t.serve.app, image, docroot: t.serve.docroot, now: () => this.ctx.clock.now(),
            files: {
              read: (p) => readContainerPath(this.o.containers.rootfs(uid, t.container), p),
              mtime: (p) => mtimeOf(this.o.containers.rootfs(uid, t.container), p),
            },
          });
          return;
        }
        if (t.kind === 'listener') {
          const peer = this.acceptors.get(t.listener);
          if (!peer) {
            s.end(JSON.stringify({ result: 'refused' }) + '\n');
            return;
          }
          this.engine.unlisten(t.listener);
          this.acceptors.delete(t.listener);
          peer.write(JSON.stringify({ accepted: { ip: src.ip, port: 30000 + Math.floor(Math.random() * 30000) } }) + '\n');
          reply({ result: 'ok' });
          splice(s, peer);
          return;
        }
        const up = tcpConnect({ host: t.ip, port: t.port, allowHalfOpen: true });
        up.once('connect', () => {
          reply({ result: 'ok' });
          splice(s, up);
        });
        up.once('error', () => s.end(JSON.stringify({ result: 'refused' }) + '\n'));
        return;
      }
      default:
        s.end(JSON.stringify({ error: `unknown op ${req.op}` }) + '\n');
    }
  }
}

function splice(a: Socket, b: Socket): void {
  a.pipe(b);
  b.pipe(a);
  a.resume();
  b.resume();
  a.on('error', () => b.destroy());
  b.on('error', () => a.destroy());
  a.on('close', () => b.destroy());
  b.on('close', () => a.destroy());
}

function readContainerPath(root: string | undefined, p: string): Buffer | 'dir' | undefined {
  if (!root) return undefined;
  try {
    const full = join(root, p);
    if (statSync(full).isDirectory()) return 'dir';
    return readFileSync(full);
  } catch {
    return undefined;
  }
}

function mtimeOf(root: string | undefined, p: string): Date | undefined {
  if (!root) return undefined;
  try {
    return statSync(join(root, p)).mtime;
  } catch {
    return undefined;
  }
}

/** The host's library directory (node's shared libraries and the dynamic loader). */
function libDir(): string {
  return existsSync('/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2') ? '/usr/lib/x86_64-linux-gnu' : '/usr/lib';
}

/** The applet stub: busybox sh starts node through the bound loader, so no /lib is needed. */
function stub(name: string): string {
  return `#!/bin/sh
exec ${IN_CONTAINER.lib}/ld-linux-x86-64.so.2 --library-path ${IN_CONTAINER.lib} ${IN_CONTAINER.node} ${IN_CONTAINER.dir}/applets.mjs ${name} "$@"
`;
}
