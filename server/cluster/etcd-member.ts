// The real etcd of a cluster, run as its static pod says: the etcd container's command line and
// its hostPath volumes. In a sandbox the process gets a mount namespace holding exactly the pod's
// hostPath mounts (so `--data-dir=/var/lib/etcd` reads whatever directory the manifest mounts
// there, and a path the pod does not mount is missing, with etcd's own error). Without a sandbox
// (local mode) the paths on the command line are translated through the mounts instead.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { KObject } from './kinds/types.ts';

export interface EtcdLaunch {
  argv: string[];
  /** [path in the runtime's view, path in the container, read-only]. */
  binds: [string, string, boolean][];
  /** Identifies the command line and mounts (two launches with the same key are the same etcd). */
  key: string;
}

/** What running `container` of the etcd static pod means: argv and mounts. */
export function etcdLaunch(pod: KObject, container: string, hostPath: (p: string) => string): EtcdLaunch {
  const spec = (pod.spec?.containers ?? []).find((c: any) => c.name === container) ?? pod.spec?.containers?.[0];
  const argv: string[] = [...(spec?.command ?? []), ...(spec?.args ?? [])].map(String);
  if (!argv.length) argv.push('etcd');
  const volumes = new Map<string, any>((pod.spec?.volumes ?? []).map((v: any) => [v.name, v]));
  const binds: [string, string, boolean][] = [];
  for (const m of spec?.volumeMounts ?? []) {
    const v = volumes.get(m.name);
    if (!v?.hostPath?.path || !m.mountPath) continue;
    const host = hostPath(v.hostPath.path);
    // the kubelet has checked the hostPath types; DirectoryOrCreate is made here if still missing
    if (!existsSync(host) && (v.hostPath.type ?? '') !== 'FileOrCreate') mkdirSync(host, { recursive: true });
    binds.push([host, m.mountPath, !!m.readOnly]);
  }
  return { argv, binds, key: JSON.stringify([argv, binds]) };
}

/** Translates an absolute path in the container to the runtime's view through the mounts. */
function throughMounts(p: string, binds: EtcdLaunch['binds']): string {
  let best: EtcdLaunch['binds'][number] | undefined;
  for (const b of binds) if ((p === b[1] || p.startsWith(`${b[1].replace(/\/$/, '')}/`)) && (!best || b[1].length > best[1].length)) best = b;
  return best ? best[0] + p.slice(best[1].replace(/\/$/, '').length) : p;
}

// One Go scheduler thread, a moderate GC target, bbolt commits batched per second (the WAL is still
// synced on every write) and a 250 ms raft tick keep an idle member near 0.2 % of a core. The tick
// is a trade: a single member elects itself within 1-5 ticks of starting (100 ms: 0.3 % idle, 500 ms:
// 0.15 % idle but two more seconds to start).
const RAFT_ENV = { ETCD_HEARTBEAT_INTERVAL: '250', ETCD_ELECTION_TIMEOUT: '1250', ETCD_BACKEND_BATCH_INTERVAL: '1s', GOGC: '100', GOMAXPROCS: '1' };

/** Starts etcd; its output (etcd logs to stderr) goes to `sink`. */
export function spawnEtcd(l: EtcdLaunch, sandboxed: boolean, sink: (data: Buffer) => void): ChildProcess {
  let argv: string[];
  if (sandboxed) {
    const a = ['bwrap', '--die-with-parent', '--ro-bind', '/usr', '/usr', '--ro-bind', '/lib', '/lib'];
    if (existsSync('/lib64')) a.push('--ro-bind', '/lib64', '/lib64');
    a.push('--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp');
    const binds = [...l.binds].sort((x, y) => x[1].split('/').length - y[1].split('/').length);
    for (const [host, dst, ro] of binds) if (existsSync(host)) a.push(ro ? '--ro-bind' : '--bind', host, dst);
    argv = [...a, '--', ...l.argv];
  } else {
    argv = l.argv.map((x) => x.replace(/^(--[^=]+=)(\/.*)$/, (_m, f: string, p: string) => f + throughMounts(p, l.binds)));
  }
  // A single member elects itself at once with short raft timers (set through the environment,
  // so the manifest stays exactly as kubeadm writes it).
  const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...RAFT_ENV } });
  child.stdout!.on('data', sink);
  child.stderr!.on('data', sink);
  child.on('error', (e) => sink(Buffer.from(`${e.message}\n`)));
  return child;
}

/** Resolves when the process has ended (SIGTERM, then SIGKILL after `graceMs`). */
export async function stopProcess(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(t);
}
