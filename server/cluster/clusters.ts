// Cluster lifecycle on this machine: create (tree + PKI + runtime in its sandbox), list, delete,
// and running commands on a node exactly as the candidate's shell would. Used by the CLI, the
// platform server and the tests.
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { defaultSpec, writeClusterTree, type ClusterSpec } from './layout.ts';
import { execCommand, localShellEnv, runtimeSandboxCommand, sandboxAvailable } from './sandbox.ts';
import { readState } from './state.ts';
import { DEFAULT_MINOR, RELEASES, latest, minorOf, release } from './versions.ts';

export class ClusterError extends Error {}

export interface Paths {
  /** The repository (dist/ and .tools/ live here). */
  root: string;
  /** Where clusters are kept (KUBEDOJO_DATA, default <root>/.data). */
  data: string;
}

export function defaultPaths(root: string): Paths {
  return { root, data: resolve(process.env.KUBEDOJO_DATA ?? join(root, '.data')) };
}

export interface ClusterInfo {
  name: string;
  mode: 'sandbox' | 'local';
  status: 'ready' | 'starting' | 'failed' | 'stopped';
  workers: number;
  nodes: { name: string; ip: string; role: string }[];
  created: string;
  dir: string;
  /** Host PID whose namespaces are the cluster's (sandbox mode). */
  pid?: number;
  /** API server URL as seen from the host (local mode) or from inside the session. */
  server: string;
  error?: string;
}

const NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Sends a signal to a process (negative: its group), ignoring one that is already gone. */
function signal(pid: number | undefined, sig: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => res(p));
    });
  });
}

export class Clusters {
  constructor(readonly paths: Paths) {}

  private dir(name: string): string {
    return join(this.paths.data, 'clusters', name);
  }

  private toolsBin(): string {
    return join(this.paths.root, '.tools', 'bin');
  }

  private checkInstalled(): void {
    if (!existsSync(join(this.paths.root, 'dist', 'runtime.mjs'))) throw new ClusterError('kubedojo is not built: run `npm run setup` first');
    if (!existsSync(join(this.toolsBin(), 'kubectl'))) throw new ClusterError('kubectl is not installed in .tools/bin: run `npm run setup` first');
    if (spawnSync('etcd', ['--version'], { stdio: 'ignore' }).status !== 0) throw new ClusterError('etcd is not installed: apt-get install etcd-server etcd-client (or run `npm run setup` as root)');
  }

  info(name: string): ClusterInfo | undefined {
    const dir = this.dir(name);
    if (!existsSync(join(dir, 'cluster.json'))) return undefined;
    const spec: ClusterSpec = JSON.parse(readFileSync(join(dir, 'cluster.json'), 'utf8'));
    const meta = existsSync(join(dir, 'session.json')) ? JSON.parse(readFileSync(join(dir, 'session.json'), 'utf8')) : {};
    const state = readState(dir);
    const running = alive(meta.pid);
    let status: ClusterInfo['status'] = 'stopped';
    if (state?.status === 'failed') status = 'failed';
    else if (running) status = state?.status === 'ready' ? 'ready' : 'starting';
    return {
      name, mode: meta.mode ?? 'sandbox', status, workers: spec.workers, created: spec.created, dir,
      nodes: spec.nodes.map((n) => ({ name: n.name, ip: n.ip, role: n.role })), pid: meta.nsPid, server: meta.server ?? `https://controlplane:${spec.apiPort}`,
      error: state?.error,
    };
  }

  list(): ClusterInfo[] {
    const base = join(this.paths.data, 'clusters');
    if (!existsSync(base)) return [];
    return readdirSync(base).sort().map((n) => this.info(n)).filter((x): x is ClusterInfo => !!x);
  }

  async create(name: string, o: { workers?: number; timeoutMs?: number; clockSpeed?: number; version?: string } = {}): Promise<ClusterInfo> {
    if (!NAME_RE.test(name) || name.length > 63) {
      throw new ClusterError(`invalid cluster name "${name}": use lower-case letters, digits and '-', starting and ending with a letter or digit (at most 63)`);
    }
    const workers = o.workers ?? 1;
    if (!Number.isInteger(workers) || workers < 0 || workers > 9) throw new ClusterError(`--workers must be a whole number from 0 to 9 (got ${o.workers})`);
    const clockSpeed = o.clockSpeed ?? 1;
    if (!(clockSpeed >= 1 && clockSpeed <= 1000)) throw new ClusterError(`--clock-speed must be a number from 1 to 1000 (got ${o.clockSpeed})`);
    this.checkInstalled();
    const dir = this.dir(name);
    if (existsSync(dir)) {
      const cur = this.info(name);
      if (cur && cur.status !== 'stopped' && cur.status !== 'failed') throw new ClusterError(`cluster "${name}" already exists`);
      rmSync(dir, { recursive: true, force: true });
    }
    mkdirSync(join(dir, 'logs'), { recursive: true });
    mkdirSync(join(dir, 'run'), { recursive: true });
    const minor = o.version === undefined ? DEFAULT_MINOR : minorOf(o.version);
    if (!release(minor)) throw new ClusterError(`--version must be one of ${RELEASES.map((r) => r.minor).join(', ')} (got ${o.version})`);
    const spec = defaultSpec(name, workers, clockSpeed, latest(minor));
    await writeClusterTree(dir, spec);
    const completion = join(this.paths.root, '.tools', 'completion', 'kubectl.bash');
    if (existsSync(completion)) {
      for (const n of spec.nodes) cpSync(completion, join(dir, 'nodes', n.name, 'etc', 'bash_completion.d', 'kubectl'));
    }
    const sb = sandboxAvailable();
    const out = openSync(join(dir, 'logs', 'runtime.out'), 'a');
    let child: ChildProcess;
    let meta: Record<string, unknown>;
    if (sb.ok) {
      const infoPath = join(dir, 'bwrap-info.json');
      const infoFd = openSync(infoPath, 'w');
      const cmd = runtimeSandboxCommand({ clusterDir: dir, distDir: join(this.paths.root, 'dist'), toolsBin: this.toolsBin(), controlPlane: spec.nodes[0].name, nodes: spec.nodes.map((n) => n.name), infoFd: 3, node: process.execPath });
      child = spawn(cmd[0], cmd.slice(1), { detached: true, stdio: ['ignore', out, out, infoFd] });
      closeSync(infoFd);
      meta = { mode: 'sandbox', pid: child.pid, server: `https://controlplane:${spec.apiPort}` };
    } else {
      const apiPort = await freePort();
      const etcdPort = await freePort();
      const root = join(dir, 'nodes', spec.nodes[0].name);
      // local mode: the kubeconfigs point at the host's loopback port
      for (const f of ['root/.kube/config', 'etc/kubernetes/admin.conf', 'etc/kubernetes/super-admin.conf']) {
        const p = join(root, f);
        writeFileSync(p, readFileSync(p, 'utf8').replace(/server: https:\/\/controlplane:\d+/, `server: https://127.0.0.1:${apiPort}`));
      }
      child = spawn(process.execPath, [join(this.paths.root, 'dist', 'runtime.mjs'), dir, '--local', root, String(apiPort), String(etcdPort)], { detached: true, stdio: ['ignore', out, out] });
      meta = { mode: 'local', pid: child.pid, nsPid: undefined, server: `https://127.0.0.1:${apiPort}`, why: sb.why };
    }
    closeSync(out);
    child.unref();
    writeFileSync(join(dir, 'session.json'), JSON.stringify(meta));
    const deadline = Date.now() + (o.timeoutMs ?? 30000);
    for (;;) {
      const st = readState(dir);
      if (st?.status === 'ready') break;
      if (st?.status === 'failed') throw new ClusterError(`cluster "${name}" failed to start: ${st.error}`);
      if (!alive(child.pid)) throw new ClusterError(`cluster "${name}" runtime exited during start-up; see ${join(dir, 'logs')}`);
      if (Date.now() > deadline) throw new ClusterError(`cluster "${name}" did not become ready in time; see ${join(dir, 'logs')}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    if (meta.mode === 'sandbox') {
      const info = JSON.parse(readFileSync(join(dir, 'bwrap-info.json'), 'utf8'));
      meta.nsPid = info['child-pid'];
      writeFileSync(join(dir, 'session.json'), JSON.stringify(meta));
    }
    return this.info(name)!;
  }

  async delete(name: string): Promise<boolean> {
    const dir = this.dir(name);
    if (!existsSync(dir)) return false;
    const meta = existsSync(join(dir, 'session.json')) ? JSON.parse(readFileSync(join(dir, 'session.json'), 'utf8')) : {};
    // The sandbox's PID 1 takes every process of the cluster with it when it dies.
    signal(meta.nsPid, 'SIGKILL');
    if (alive(meta.pid)) {
      signal(-meta.pid, 'SIGTERM');
      const deadline = Date.now() + 3000;
      while (alive(meta.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      if (alive(meta.pid)) signal(-meta.pid, 'SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
    return true;
  }

  /** The argv and options that run `cmd` on `node` as the candidate's shell would. */
  commandFor(name: string, node: string | undefined, cmd: string[], o: { term?: string } = {}): { argv: string[]; options: SpawnOptions } {
    const info = this.info(name);
    if (!info) throw new ClusterError(`cluster "${name}" not found`);
    if (info.status !== 'ready') throw new ClusterError(`cluster "${name}" is ${info.status}`);
    const n = node ?? info.nodes[0].name;
    if (!info.nodes.some((x) => x.name === n)) throw new ClusterError(`cluster "${name}" has no node "${n}" (nodes: ${info.nodes.map((x) => x.name).join(', ')})`);
    if (info.mode === 'sandbox') {
      return { argv: execCommand({ pid: info.pid!, node: n, cmd, term: o.term }), options: {} };
    }
    const root = join(info.dir, 'nodes', n);
    const env = localShellEnv({ clusterDir: info.dir, node: n, toolsBin: this.toolsBin(), term: o.term });
    return { argv: cmd, options: { env, cwd: existsSync(join(root, 'root')) && statSync(join(root, 'root')).isDirectory() ? join(root, 'root') : process.cwd() } };
  }
}
