// The container runtime of one node (our containerd): a container is a real process in its own
// small bubblewrap sandbox (own PID, UTS and IPC namespaces; pid 1 is the container's command, as
// in a real container) whose root is a directory on the node's tree holding the image's files and
// busybox's applets; the pod's volumes, /etc/hosts, /etc/resolv.conf and /dev/termination-log are
// bind mounts. stdout/stderr go to CRI-format log files (`<RFC3339Nano> stdout F <line>`) under
// /var/log/pods, with /var/log/containers symlinks, exactly where the kubelet keeps them.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Socket } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp, closeSync, constants as fsc, open, createWriteStream, existsSync, lstatSync, mkdirSync, openSync, rmSync, writeSync, type WriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Clock } from '../clock.ts';
import { IN_SANDBOX } from '../sandbox.ts';
import { expand, osRelease, type ResolvedImage } from './images.ts';

export const BUSYBOX = '/bin/busybox';
/** The busybox containers get: the build's copy whose shell finds the network applets in PATH. */
const CONTAINER_BUSYBOX = [join(IN_SANDBOX.tools, 'bin', '.busybox-containers'), join(dirname(process.argv[1] ?? '.'), '..', '.tools', 'bin', '.busybox-containers')].find((p) => existsSync(p)) ?? BUSYBOX;

let appletCache: string[] | undefined;
/** busybox's applet names (`busybox --list`), read once. */
export function applets(): string[] {
  if (!appletCache) {
    const r = spawnSync(BUSYBOX, ['--list'], { encoding: 'utf8' });
    appletCache = (r.stdout ?? '').split('\n').filter((a) => a && a !== 'busybox');
    if (!appletCache.length) appletCache = ['sh', 'ls', 'cat', 'echo', 'sleep', 'env', 'ps', 'kill', 'date', 'hostname', 'mkdir', 'cp', 'mv', 'rm', 'touch', 'grep', 'sed', 'awk', 'wget', 'nc', 'nslookup', 'id', 'top', 'head', 'tail', 'wc', 'true', 'false', 'test', '['];
  }
  return appletCache;
}

let sandboxOk: boolean | undefined;
/** Whether nested bubblewrap works here (inside a cluster sandbox as root it does). */
export function canSandbox(): boolean {
  if (sandboxOk === undefined) {
    sandboxOk = spawnSync('bwrap', ['--ro-bind', '/', '/', '--unshare-pid', '--unshare-uts', '--unshare-ipc', '--dev', '/dev', '--proc', '/proc', 'true'], { stdio: 'ignore' }).status === 0
      && existsSync(BUSYBOX);
  }
  return sandboxOk;
}

/** A 64-hex container id, as containerd makes them. */
export function newContainerId(): string {
  return randomBytes(32).toString('hex');
}

/** RFC3339Nano from the cluster clock (nanosecond digits filled from the real clock). */
export function rfc3339Nano(clock: Clock): string {
  const ms = clock.ms();
  const iso = new Date(ms).toISOString();
  const sub = String(process.hrtime()[1] % 1_000_000).padStart(6, '0');
  return `${iso.slice(0, 23)}${sub}Z`;
}

export interface Mount {
  /** Path in the runtime's view. */
  src: string;
  /** Path in the container. */
  dst: string;
  readOnly?: boolean;
}

export interface ContainerConfig {
  id: string;
  name: string;
  image: ResolvedImage;
  argv: string[];
  env: Record<string, string>;
  workingDir?: string;
  hostname: string;
  mounts: Mount[];
  /** The CRI log file (runtime's view). */
  logPath: string;
  stdin: boolean;
  stdinOnce: boolean;
  tty: boolean;
  /** Files written into the rootfs after the image's own (path → content). */
  extraFiles?: Record<string, string>;
  /** Applet names not to link to busybox (a bind mount will provide them). */
  skipApplets?: Set<string>;
  /** A prepared read-only /bin to mount (sharedBin), instead of applet links in the rootfs. */
  sharedBin?: string;
  /** The rootfs template the spawner copies (set by makeRootfs until the copy exists). */
  template?: string;
}

export interface ExitInfo {
  exitCode: number;
  signal?: string;
  finishedAt: Date;
}

/** A running (or finished) container process. */
export class Container {
  /** Host PID (in the runtime's PID namespace) of the container's pid 1. */
  pid = 0;
  /** The process the runtime spawned itself (containers with stdin; or without bubblewrap). */
  child?: ChildProcess;
  /** Set once the process was started (by the runtime or by the spawner). */
  started = false;
  /** A signal asked for before the pid was known. */
  pendingSignal?: NodeJS.Signals;
  startedAt: Date = new Date(0);
  exit?: ExitInfo;
  private exitWaiters: ((e: ExitInfo) => void)[] = [];
  private attachers = new Set<(stream: 'stdout' | 'stderr', data: Buffer) => void>();
  private logOut?: WriteStream;
  private partial: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };
  /** Set by the kubelet when it kills the container for exceeding its memory limit. */
  oomKilled = false;

  constructor(readonly cfg: ContainerConfig, readonly rootfs: string) {}

  get running(): boolean {
    return this.started && !this.exit;
  }

  onExit(fn: (e: ExitInfo) => void): void {
    if (this.exit) fn(this.exit);
    else this.exitWaiters.push(fn);
  }

  /** Follows the container's output as it is produced (for attach). */
  attach(fn: (stream: 'stdout' | 'stderr', data: Buffer) => void): () => void {
    this.attachers.add(fn);
    return () => this.attachers.delete(fn);
  }

  writeStdin(data: Buffer): void {
    this.child?.stdin?.write(data);
  }

  closeStdin(): void {
    this.child?.stdin?.end();
  }

  signal(sig: NodeJS.Signals): void {
    if (this.exit) return;
    // asked before the process is there (being started): sent as soon as its pid is known
    if (!this.started) return void (this.pendingSignal = sig);
    try {
      const pid = this.pid || this.child?.pid;
      if (pid) process.kill(pid, sig);
      else this.pendingSignal = sig; // sent once the spawner reports its pid
    } catch {
      // already gone
    }
  }

  /** Writes output to the log file in CRI format, one entry per complete line. */
  log(stream: 'stdout' | 'stderr', data: Buffer, clock: Clock): void {
    for (const fn of this.attachers) fn(stream, data);
    const text = this.partial[stream] + data.toString('utf8');
    const lines = text.split('\n');
    this.partial[stream] = lines.pop() ?? '';
    const ts = rfc3339Nano(clock);
    let out = '';
    for (const l of lines) out += `${ts} ${stream} F ${l}\n`;
    // a very long line without a newline is written as partial entries, as the CRI does
    if (this.partial[stream].length > 16384) {
      out += `${ts} ${stream} P ${this.partial[stream]}\n`;
      this.partial[stream] = '';
    }
    if (out) this.logOut?.write(out);
  }

  flushLog(clock: Clock): void {
    const ts = rfc3339Nano(clock);
    for (const s of ['stdout', 'stderr'] as const) {
      if (this.partial[s]) this.logOut?.write(`${ts} ${s} F ${this.partial[s]}\n`);
      this.partial[s] = '';
    }
    this.logOut?.end();
  }

  openLog(dirReady = false): void {
    if (this.logOut) return;
    if (!dirReady) mkdirSync(dirname(this.cfg.logPath), { recursive: true });
    this.logOut = createWriteStream(this.cfg.logPath, { flags: 'a' });
  }

  finish(e: ExitInfo): void {
    if (this.exit) return;
    this.exit = e;
    for (const w of this.exitWaiters.splice(0)) w(e);
  }
}

const sharedBins = new Map<string, Promise<string>>();

/**
 * The read-only /bin shared by containers (busybox, its applets, an image's own /bin files),
 * prepared once per distinct content with asynchronous file operations: hundreds of symlinks per
 * container would cost more than everything else a container start does.
 */
export function sharedBin(img: ResolvedImage, skip: Set<string> | undefined): Promise<string> {
  const skipped = [...(skip ?? [])].sort();
  const own = Object.entries(img.def.files ?? {})
    .filter(([path]) => path.startsWith('/bin/') && !path.slice(5).includes('/'))
    .map(([path, f]) => {
      const def = typeof f === 'string' ? { content: f } : f;
      return { name: path.slice(5), content: expand(def.content, img), mode: def.mode ?? 0o644 };
    });
  const key = createHash('sha256').update(JSON.stringify([skipped, own])).digest('hex').slice(0, 16);
  let p = sharedBins.get(key);
  if (!p) {
    p = (async () => {
      const dir = join(IN_SANDBOX.cluster, 'run', 'container-bin', key);
      await fsp.rm(dir, { recursive: true, force: true });
      await fsp.mkdir(dir, { recursive: true });
      await fsp.writeFile(join(dir, 'busybox'), ''); // busybox itself is bound over this file
      for (const f of own) await fsp.writeFile(join(dir, f.name), f.content, { mode: f.mode });
      const names = new Set(own.map((f) => f.name));
      await Promise.all(applets().filter((a) => !names.has(a)).map((a) =>
        (skip?.has(a) ? fsp.writeFile(join(dir, a), '') : fsp.symlink('/bin/busybox', join(dir, a))).catch(() => undefined)));
      return dir;
    })();
    sharedBins.set(key, p);
    p.catch(() => sharedBins.delete(key));
  }
  return p;
}

/** The image skeleton's directories, parents before children (each level made in one parallel batch). */
const SKELETON: string[][] = [
  ['bin', 'sbin', 'etc', 'proc', 'dev', 'sys', 'tmp', 'root', 'home', 'run', 'var', 'usr', 'opt', 'mnt', 'srv'],
  ['var/run', 'var/tmp', 'usr/bin', 'usr/sbin', 'usr/local'],
  ['usr/local/bin'],
];

const PASSWD = 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nnginx:x:101:101:nginx user:/nonexistent:/bin/false\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n';
const GROUP = 'root:x:0:\ndaemon:x:1:\nnginx:x:101:\nnogroup:x:65534:\n';

const templates = new Map<string, Promise<string>>();

/** The spawner copies the rootfs of a container it starts; other containers get theirs at once. */
function usesSpawner(cfg: ContainerConfig): boolean {
  return canSandbox() && !cfg.stdin && !!spawner();
}

/**
 * Builds a container's root filesystem. Its content (directories, busybox applets, the image's
 * files) is made once per distinct content as a template, with asynchronous file operations on
 * libuv's thread pool; each container gets a copy (`cp -a`, made by the spawner just before bwrap
 * starts, or here for a container the runtime starts itself). Mount points are left to bwrap,
 * which makes each one as a directory or a file like its source.
 */
export async function makeRootfs(rootfs: string, cfg: ContainerConfig): Promise<void> {
  if (cfg.sharedBin) cfg.mounts.unshift({ src: cfg.sharedBin, dst: '/bin', readOnly: true });
  const files = rootfsFiles(cfg);
  const key = createHash('sha256').update(JSON.stringify([!!cfg.sharedBin, [...(cfg.skipApplets ?? [])].sort(), [...files]])).digest('hex').slice(0, 16);
  const dir = join(dirname(dirname(dirname(rootfs))), '.kubedojo-rootfs', key);
  let p = templates.get(dir);
  if (!p) {
    p = buildTemplate(dir, cfg, files).then(() => dir);
    templates.set(dir, p);
    p.catch(() => templates.delete(dir));
  }
  cfg.template = await p;
  if (!usesSpawner(cfg)) await copyTemplate(cfg, rootfs);
}

/** Gives a container started by the runtime itself its own copy of the rootfs template. */
async function copyTemplate(cfg: ContainerConfig, rootfs: string): Promise<void> {
  if (!cfg.template) return;
  await fsp.cp(cfg.template, rootfs, { recursive: true, verbatimSymlinks: true });
  cfg.template = undefined;
}

/** A rootfs's files in the order later ones win: the base files, the image's, the extra ones. */
function rootfsFiles(cfg: ContainerConfig): Map<string, { content: string; mode: number }> {
  const rel = (path: string) => path.replace(/^\/+/, '');
  const img = cfg.image;
  const files = new Map<string, { content: string; mode: number }>();
  const os = osRelease(img.def);
  if (os) files.set('etc/os-release', { content: os, mode: 0o644 });
  files.set('etc/passwd', { content: PASSWD, mode: 0o644 });
  files.set('etc/group', { content: GROUP, mode: 0o644 });
  for (const [path, f] of Object.entries(img.def.files ?? {})) {
    const def = typeof f === 'string' ? { content: f } : f;
    files.set(rel(path), { content: expand(def.content, img), mode: def.mode ?? 0o644 });
  }
  for (const [path, content] of Object.entries(cfg.extraFiles ?? {})) files.set(rel(path), { content, mode: 0o644 });
  return files;
}

async function buildTemplate(root: string, cfg: ContainerConfig, files: Map<string, { content: string; mode: number }>): Promise<void> {
  const skip = cfg.skipApplets;
  await fsp.rm(root, { recursive: true, force: true });
  await fsp.mkdir(root, { recursive: true });
  for (const level of SKELETON) await Promise.all(level.map((d) => fsp.mkdir(join(root, d)).catch(ignoreExists)));
  const ops: Promise<unknown>[] = [];
  if (!cfg.sharedBin) {
    // the mount point of busybox itself must be a plain file, the applets link to it
    ops.push(fsp.writeFile(join(root, 'bin/busybox'), ''));
    for (const a of applets()) {
      if (skip?.has(a) || files.has(`bin/${a}`)) continue; // an image file of that name wins
      ops.push(fsp.symlink('/bin/busybox', join(root, 'bin', a)).catch(() => undefined));
    }
  }
  ops.push(fsp.symlink('/bin/env', join(root, 'usr/bin/env')));
  await Promise.all(ops);
  const parents = [...new Set([...files.keys()].map((r) => (dirname(r) === '.' ? '' : dirname(r))))].filter(Boolean);
  await Promise.all(parents.map((d) => fsp.mkdir(join(root, d), { recursive: true })));
  await Promise.all([...files].map(([r, f]) => fsp.writeFile(join(root, r), f.content, { mode: f.mode })));
}

function ignoreExists(e: NodeJS.ErrnoException): void {
  if (e.code !== 'EEXIST') throw e;
}

/** The bwrap command line of a container. */
export function bwrapArgs(c: Container, infoFd?: number): string[] {
  const cfg = c.cfg;
  const a = [
    '--bind', c.rootfs, '/',
    '--proc', '/proc', '--dev', '/dev',
    '--unshare-pid', '--unshare-uts', '--unshare-ipc', '--hostname', cfg.hostname,
    '--as-pid-1', '--die-with-parent', ...(infoFd === undefined ? [] : ['--info-fd', String(infoFd)]),
  ];
  const mounts = [...cfg.mounts].sort((x, y) => x.dst.split('/').length - y.dst.split('/').length);
  // busybox goes over its place in /bin once /bin (shared or the rootfs's own) is in place
  const shallow = mounts.filter((m) => m.dst === '/bin' || m.dst === '/');
  for (const m of shallow) a.push(m.readOnly ? '--ro-bind' : '--bind', m.src, m.dst);
  a.push('--ro-bind', CONTAINER_BUSYBOX, '/bin/busybox');
  for (const m of mounts) if (!shallow.includes(m)) a.push(m.readOnly ? '--ro-bind' : '--bind', m.src, m.dst);
  a.push('--chdir', cfg.workingDir || '/');
  return a;
}

/** Starts a container's process; resolves once its pid 1 is known. */
export async function startProcess(c: Container, clock: Clock, onExit: (e: ExitInfo) => void): Promise<void> {
  await fsp.mkdir(dirname(c.cfg.logPath), { recursive: true });
  c.openLog(true);
  const sandboxed = canSandbox();
  // Containers without stdin start through the spawner (below): forking the runtime itself costs
  // milliseconds per container, a small shell's fork costs a fraction of that.
  if (usesSpawner(c.cfg)) return startViaSpawner(c, clock, onExit);
  await copyTemplate(c.cfg, c.rootfs); // made for the spawner, which has gone meanwhile
  const argv = sandboxed ? ['bwrap', ...bwrapArgs(c, 3), '--', ...c.cfg.argv] : [BUSYBOX, 'sh', '-c', 'cd "$0" 2>/dev/null; shift; exec "$@"', c.rootfs, ...c.cfg.argv];
  const child = spawn(argv[0], argv.slice(1), {
    env: c.cfg.env,
    stdio: [c.cfg.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe', ...(sandboxed ? ['pipe' as const] : [])],
    detached: false,
  });
  c.child = child;
  c.started = true;
  c.startedAt = clock.now();
  if (c.pendingSignal) c.signal(c.pendingSignal);
  child.stdout!.on('data', (d: Buffer) => c.log('stdout', d, clock));
  child.stderr!.on('data', (d: Buffer) => c.log('stderr', d, clock));
  child.stdin?.on('error', () => undefined);
  let exited = false;
  const done = new Promise<void>((resolve) => {
    child.on('exit', (code, sig) => {
      exited = true;
      // bwrap reports a signalled child as 128+n; the runtime reports it the same way
      let exitCode = code ?? (sig ? 128 + (SIGNALS[sig] ?? 9) : 1);
      if (c.oomKilled) exitCode = 137;
      setImmediate(() => {
        c.flushLog(clock);
        const e = { exitCode, finishedAt: clock.now() };
        c.finish(e);
        onExit(e);
      });
      resolve();
    });
    child.on('error', (err) => {
      c.log('stderr', Buffer.from(`${err.message}\n`), clock);
      if (!exited) {
        exited = true;
        setImmediate(() => {
          c.flushLog(clock);
          const e = { exitCode: 128, finishedAt: clock.now() };
          c.finish(e);
          onExit(e);
        });
      }
      resolve();
    });
  });
  if (!sandboxed) {
    c.pid = child.pid ?? 0;
    return;
  }
  const info = child.stdio[3] as NodeJS.ReadableStream | null;
  let buf = '';
  await Promise.race([
    new Promise<void>((resolve) => {
      if (!info) return resolve();
      info.on('data', (d: Buffer) => {
        buf += d.toString();
        const m = /"child-pid":\s*(\d+)/.exec(buf);
        if (m) {
          c.pid = Number(m[1]);
          resolve();
        }
      });
      info.on('end', () => resolve());
      info.on('error', () => resolve());
    }),
    done,
  ]);
}

/** Quotes a word for the shell. */
const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The runtime's container spawner: one small busybox shell that starts bwrap for each container,
 * with the container's stdout, stderr and bwrap's JSON status on FIFOs the runtime reads (the
 * status stream carries the pid of the container's pid 1 and its exit code). The shell is the
 * parent of every bwrap, so `--die-with-parent` still ties the containers to the runtime: the
 * shell ends when the runtime's end of its stdin closes.
 */
class Spawner {
  private readonly sh: ChildProcess;
  private readonly ready = new Map<string, (ok: boolean) => void>();
  private lines = '';
  private seq = 0;
  broken = false;

  constructor(private readonly bwrap: string) {
    this.sh = spawn(BUSYBOX, ['sh', '-s'], { stdio: ['pipe', 'pipe', 'ignore'], env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' } });
    this.sh.stdin!.on('error', () => undefined);
    this.sh.stdout!.setEncoding('utf8');
    this.sh.stdout!.on('data', (d: string) => {
      this.lines += d;
      let nl: number;
      while ((nl = this.lines.indexOf('\n')) >= 0) {
        const [word, key] = this.lines.slice(0, nl).split(' ');
        this.lines = this.lines.slice(nl + 1);
        const w = this.ready.get(key);
        this.ready.delete(key);
        w?.(word === 'ok');
      }
    });
    this.sh.on('exit', () => {
      this.broken = true;
      for (const w of this.ready.values()) w(false);
      this.ready.clear();
    });
    this.sh.unref();
    (this.sh.stdout as Socket).unref?.();
    (this.sh.stdin as Socket).unref?.();
  }

  /** Makes the FIFOs in `dir`, then starts bwrap writing to them once they are open. */
  start(dir: string, bwrapArgv: string[], copy?: { from: string; to: string }): Promise<boolean> {
    const key = String(++this.seq);
    const io = (n: string) => shq(join(dir, n));
    const cp = copy ? `cp -a ${shq(copy.from)} ${shq(copy.to)} && ` : '';
    const line = `(if mkdir -p ${shq(dir)} && ${cp}rm -f ${io('out')} ${io('err')} ${io('status')} && mkfifo ${io('out')} ${io('err')} ${io('status')}; then echo ok ${key}; exec ${shq(this.bwrap)} ${bwrapArgv.map(shq).join(' ')} >${io('out')} 2>${io('err')} 3>${io('status')}; else echo fail ${key}; fi) </dev/null & jobs >/dev/null\n`;
    return new Promise((resolve) => {
      if (this.broken) return resolve(false);
      this.ready.set(key, resolve);
      this.sh.stdin!.write(line);
    });
  }
}

let spawnerOnce: Spawner | null | undefined;
/** The runtime's spawner (null where busybox or bwrap is missing). */
function spawner(): Spawner | null {
  if (spawnerOnce === undefined || spawnerOnce?.broken) {
    const bwrap = ['/usr/bin/bwrap', '/bin/bwrap', '/usr/local/bin/bwrap'].find((p) => existsSync(p));
    spawnerOnce = bwrap && existsSync(BUSYBOX) ? new Spawner(bwrap) : null;
  }
  return spawnerOnce;
}

/** Opens a FIFO's read end without waiting for its writer (on the thread pool), as a stream. */
function fifoReader(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => open(path, fsc.O_RDONLY | fsc.O_NONBLOCK, (err, fd) => (err ? reject(err) : resolve(new Socket({ fd, readable: true, writable: false })))));
}

async function startViaSpawner(c: Container, clock: Clock, onExit: (e: ExitInfo) => void): Promise<void> {
  const dir = join(dirname(c.rootfs), 'io');
  const env = Object.entries(c.cfg.env).flatMap(([k, v]) => ['--setenv', k, v]);
  const argv = [...bwrapArgs(c), '--json-status-fd', '3', '--clearenv', ...env, '--', ...c.cfg.argv];
  c.started = true;
  c.startedAt = clock.now();
  const finish = (exitCode: number) => {
    if (c.oomKilled) exitCode = 137;
    c.flushLog(clock);
    const e = { exitCode, finishedAt: clock.now() };
    c.finish(e);
    onExit(e);
  };
  const template = c.cfg.template;
  const ok = await spawner()!.start(dir, argv, template ? { from: template, to: c.rootfs } : undefined);
  c.cfg.template = undefined; // the container's own copy exists now
  if (!ok) {
    c.log('stderr', Buffer.from('failed to start the container process\n'), clock);
    return void setImmediate(() => finish(128));
  }
  let out: Socket, err: Socket, status: Socket;
  try {
    [out, err, status] = await Promise.all(['out', 'err', 'status'].map((n) => fifoReader(join(dir, n))));
  } catch (e) {
    c.log('stderr', Buffer.from(`${(e as Error).message}\n`), clock);
    return void setImmediate(() => finish(128));
  }
  out.on('data', (d: Buffer) => c.log('stdout', d, clock));
  err.on('data', (d: Buffer) => c.log('stderr', d, clock));
  const ended = (s: Socket) => new Promise<void>((resolve) => {
    s.on('error', () => resolve());
    s.on('close', () => resolve());
  });
  const streams = Promise.all([ended(out), ended(err)]);
  let text = '';
  let exitCode: number | undefined;
  await new Promise<void>((resolve) => {
    status.setEncoding('utf8');
    status.on('data', (d: string) => {
      text += d;
      const pid = /"child-pid":\s*(\d+)/.exec(text);
      if (pid && !c.pid) {
        c.pid = Number(pid[1]);
        if (c.pendingSignal) c.signal(c.pendingSignal);
        resolve();
      }
      const code = /"exit-code":\s*(\d+)/.exec(text);
      if (code) exitCode = Number(code[1]);
    });
    const end = () => {
      resolve();
      // bwrap leaves no exit code when it failed before starting the command (its error is on stderr)
      const code = exitCode ?? 1;
      // the output written before the exit is read first; a stream some leftover process keeps
      // open is cut after a moment
      const cut = setTimeout(() => {
        out.destroy();
        err.destroy();
      }, 2000);
      void streams.then(() => {
        clearTimeout(cut);
        setImmediate(() => finish(code));
      });
    };
    status.on('error', end);
    status.on('close', end);
  });
}

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15, SIGUSR1: 10, SIGUSR2: 12, SIGPIPE: 13, SIGABRT: 6, SIGSEGV: 11 };

/**
 * The argv that runs `cmd` inside a running container: enter its namespaces by its pid 1
 * (mount, UTS, IPC, PID; root and working directory), with the container's environment.
 */
export function execArgv(c: Container, cmd: string[]): string[] {
  if (!canSandbox()) return [BUSYBOX, 'sh', '-c', 'cd "$0" 2>/dev/null; shift; exec "$@"', c.rootfs, ...cmd];
  return ['nsenter', '-t', String(c.pid), '-m', '-u', '-i', '-p', '-r', '-w', '--', ...cmd];
}

/** Removes a container's root filesystem. */
export function removeRootfs(rootfs: string): void {
  try {
    rmSync(dirname(rootfs), { recursive: true, force: true });
  } catch {
    // busy or gone
  }
}

/** Writes a file whole (for /etc/hosts and friends kept in the pod's directory). */
export function writeWhole(path: string, content: string, mode = 0o644): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w', mode);
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether `cmd` can be found in the container as runc looks for it: a path (relative to the
 * working directory), or a name on the container's PATH. The deepest mount holding a path decides,
 * as in the container's own view.
 */
export function findCommand(c: Container, cmd: string): boolean {
  const there = (p: string) => {
    try {
      lstatSync(p);
      return true;
    } catch {
      return false;
    }
  };
  const exists = (p: string) => {
    const m = c.cfg.mounts.filter((x) => p === x.dst || p.startsWith(`${x.dst.replace(/\/$/, '')}/`)).sort((x, y) => y.dst.length - x.dst.length)[0];
    return m ? there(join(m.src, p.slice(m.dst.length))) : there(join(c.cfg.template ?? c.rootfs, p));
  };
  if (cmd.includes('/')) return exists(cmd.startsWith('/') ? cmd : join(c.cfg.workingDir || '/', cmd));
  const path = (c.cfg.env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin').split(':');
  return path.some((d) => d && exists(join(d, cmd)));
}
