// nerdctl 2.x on a node: Docker's commands over containerd, in nerdctl's own namespace `default`
// (`-n k8s.io` shows the kubelet's): run (pulling images it does not have), ps, logs, stop, kill,
// rm, exec, images, pull, version. Containers get nerdctl's names, hostnames and files, its ps
// columns and its error texts.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ToolHandler, ToolIO } from './service.ts';
import type { Kubelet } from '../kubelet/index.ts';
import { newContainerId, execArgv, type Mount } from '../kubelet/containerd.ts';
import { resolveImage, parseImageRef, type ResolvedImage } from '../kubelet/images.ts';
import type { NodeRuntime } from '../kubelet/handmade.ts';
import { humanAgo, imageId, splitRef } from './crictl.ts';
import { relay } from './ssh.ts';
import { tabwrite } from './tabwriter.ts';
import { CONTAINERD, criLogLines, entries, logrus, namespaceOf, nerdctlPullOutput, parseSignal, runTask, runtimeOf, type Entry } from './containerd-view.ts';
import type { Clock } from '../clock.ts';

const table = (rows: string[][]) => tabwrite(rows, { padding: 4 });

function mib(n: number): string {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}

/** Go's strconv.Quote of a command line cut to `max` characters (nerdctl's formatter.Ellipsis). */
function commandText(argv: string[], trunc: boolean): string {
  let t = argv.join(' ');
  const chars = [...t];
  if (trunc && chars.length > 20) t = `${chars.slice(0, 19).join('')}…`;
  return JSON.stringify(t);
}

/** pflag's parsing of a command's flags (not interspersed: flags end at the first argument). */
function parseFlags(args: string[], spec: { bool: string[]; value: string[] }, interspersed = true): { bool: Set<string>; values: Map<string, string[]>; rest: string[]; error?: string } {
  const bool = new Set<string>();
  const values = new Map<string, string[]>();
  const rest: string[] = [];
  const long = (n: string) => n.split('|');
  const boolOf = (n: string) => spec.bool.find((b) => long(b).includes(n));
  const valueOf = (n: string) => spec.value.find((b) => long(b).includes(n));
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      rest.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      if (!interspersed) {
        rest.push(...args.slice(i));
        break;
      }
      rest.push(a);
      continue;
    }
    if (a.startsWith('--')) {
      const [name, v] = a.slice(2).split(/=(.*)/s);
      const b = boolOf(name);
      if (b) {
        if (v === undefined || v === 'true') bool.add(long(b)[0]);
        continue;
      }
      const f = valueOf(name);
      if (!f) return { bool, values, rest, error: `unknown flag: --${name}` };
      const val = v ?? args[++i];
      if (val === undefined) return { bool, values, rest, error: `flag needs an argument: --${name}` };
      values.set(long(f)[0], [...(values.get(long(f)[0]) ?? []), val]);
      continue;
    }
    // shorthand: -it, -p80:80, -p 80:80, -e=A=B
    for (let j = 1; j < a.length; j++) {
      const ch = a[j];
      const b = boolOf(ch);
      if (b) {
        bool.add(long(b)[0]);
        continue;
      }
      const f = valueOf(ch);
      if (!f) return { bool, values, rest, error: `unknown shorthand flag: '${ch}' in ${a}` };
      let val = a.slice(j + 1);
      if (val.startsWith('=')) val = val.slice(1);
      if (!val) val = args[++i];
      if (val === undefined) return { bool, values, rest, error: `flag needs an argument: '${ch}' in ${a}` };
      values.set(long(f)[0], [...(values.get(long(f)[0]) ?? []), val]);
      break;
    }
  }
  return { bool, values, rest };
}

const RUN_FLAGS = {
  bool: ['detach|d', 'rm', 'interactive|i', 'tty|t', 'quiet|q', 'publish-all|P', 'privileged', 'init', 'read-only', 'help'],
  value: ['name', 'publish|p', 'env|e', 'hostname|h', 'workdir|w', 'entrypoint', 'restart', 'volume|v', 'network|net', 'label|l', 'memory|m', 'cpus', 'user|u', 'platform', 'pull', 'env-file', 'stop-signal', 'stop-timeout', 'add-host', 'dns', 'cap-add', 'cap-drop', 'mount', 'log-driver', 'log-opt', 'pid', 'ipc', 'ulimit', 'shm-size', 'cpuset-cpus', 'memory-reservation', 'runtime'],
};

/** `-p [ip:][hostPort:]containerPort[/proto]` as nerdctl ps shows it. */
function portText(specs: string[]): string {
  let random = 32768;
  return specs.map((s) => {
    const [addr, proto = 'tcp'] = s.split('/');
    const parts = addr.split(':');
    const container = parts.pop()!;
    const host = parts.pop() || String(random++);
    const ip = parts.pop() || '0.0.0.0';
    return `${ip}:${host}->${container}/${proto}`;
  }).sort().join(', ');
}

export function nerdctlTool(kubelet: (node: string) => Kubelet | undefined, clock: Clock): ToolHandler {
  return async (req, io) => {
    const args = [...req.args].filter((a) => a !== '--debug' && a !== '--debug-full');
    const ns = namespaceOf(args, 'default');
    const k = kubelet(req.node);
    const [cmd, ...rest] = args;
    const fatal = (msg: string) => {
      logrus(io, req.tty, clock.ms(), 'fatal', msg);
      return 1;
    };
    if (!k || !k.runtimeUp) return fatal('cannot access containerd socket "/run/containerd/containerd.sock": no such file or directory');
    const rt = runtimeOf(k);
    const now = clock.ms();
    /** nerdctl's container walker: a name, or an ID prefix. */
    const walk = (req: string): Entry[] => {
      const all = entries(k, ns).filter((e) => !e.sandbox);
      const byName = all.filter((e) => e.names === req);
      return byName.length ? byName : all.filter((e) => e.id.startsWith(req));
    };
    /** Runs `fn` on each container named; every error is reported at the end, as WalkAll does. */
    const walkAll = async (reqs: string[], fn: (e: Entry, req: string) => Promise<string | undefined>): Promise<number> => {
      const errs: string[] = [];
      for (const r of reqs) {
        const hit = walk(r);
        let err: string | undefined;
        if (!hit.length) err = `no such container: ${r}`;
        else if (hit.length > 1) err = `multiple IDs found with provided prefix: ${r}`;
        else err = await fn(hit[0], r);
        if (err) errs.push(err);
      }
      return errs.length ? fatal(`${errs.length} errors:\n${errs.join('\n')}`) : 0;
    };
    switch (cmd) {
      case 'version':
        io.out(`Client:\n Version:\tv2.1.6\n OS/Arch:\tlinux/amd64\n Git commit:\t59253e9931873e79b92fc4ef5e7dd2d9c6a7a2b4\n buildctl:\n  Version:\t\n\nServer:\n containerd:\n  Version:\t${CONTAINERD.version}\n  GitCommit:\t${CONTAINERD.revision}\n runc:\n  Version:\t1.3.1\n`);
        return 0;
      case 'ps':
      case 'container':
      case 'containers': {
        if (cmd !== 'ps' && rest[0] !== 'ls' && rest[0] !== 'list' && rest[0] !== 'ps') break;
        const f = parseFlags(cmd === 'ps' ? rest : rest.slice(1), { bool: ['all|a', 'quiet|q', 'no-trunc', 'latest|l', 'size|s'], value: ['format', 'filter|f', 'last|n'] });
        if (f.error) return fatal(f.error);
        const all = f.bool.has('all');
        const trunc = !f.bool.has('no-trunc');
        let cs = entries(k, ns).filter((c) => all || c.task === 'RUNNING');
        if (f.bool.has('latest')) cs = cs.sort((a, b) => b.created - a.created).slice(0, 1);
        const shortId = (id: string) => (trunc ? id.slice(0, 12) : id);
        if (f.bool.has('quiet')) {
          io.out(cs.map((c) => `${shortId(c.id)}\n`).join(''));
          return 0;
        }
        const status = (c: Entry) => {
          if (c.task === 'RUNNING') return 'Up';
          if (c.task === 'STOPPED') return `Exited (${c.exit?.exitCode ?? 0}) ${humanAgo(now - (c.exit?.finishedAt.getTime() ?? now))}`;
          return 'Created';
        };
        io.out(table([['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'],
          ...cs.map((c) => [shortId(c.id), c.image, commandText(c.argv, trunc), humanAgo(now - c.created), status(c), c.h?.ports ?? '', c.names])]));
        return 0;
      }
      case 'images':
      case 'image': {
        if (cmd === 'image' && rest[0] !== 'ls' && rest[0] !== 'list') break;
        const imgs = [...rt.images(ns).values()].sort((a, b) => a.full.localeCompare(b.full));
        if (rest.includes('-q') || rest.includes('--quiet')) {
          io.out(imgs.map((i) => `${imageId(i.full).slice(0, 12)}\n`).join(''));
          return 0;
        }
        io.out(table([['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'PLATFORM', 'SIZE', 'BLOB SIZE'], ...imgs.map((i) => {
          const { repo, tag } = splitRef(i.full);
          return [repo.replace(/^docker\.io\/library\//, ''), tag, imageId(i.full).slice(0, 12), 'About a minute ago', 'linux/amd64', mib(i.def.size * 2.6), mib(i.def.size)];
        })]));
        return 0;
      }
      case 'pull': {
        const f = parseFlags(rest, { bool: ['quiet|q', 'all-platforms', 'unpack'], value: ['platform'] });
        if (f.error) return fatal(f.error);
        if (f.rest.length !== 1) return fatal(`accepts 1 arg(s), received ${f.rest.length}`);
        const r = pull(rt, ns, f.rest[0], io, f.bool.has('quiet') ? undefined : 'stdout');
        return typeof r === 'string' ? fatal(r) : 0;
      }
      case 'run':
        return run(rt, ns, rest, io, req.tty, fatal);
      case 'logs': {
        const f = parseFlags(rest, { bool: ['follow|f', 'timestamps|t'], value: ['tail|n', 'since', 'until'] });
        if (f.error) return fatal(f.error);
        if (f.rest.length !== 1) return fatal(`accepts 1 arg(s), received ${f.rest.length}`);
        const hit = walk(f.rest[0]);
        if (!hit.length) return fatal(`no such container ${f.rest[0]}`);
        if (hit.length > 1) return fatal(`multiple IDs found with provided prefix: ${f.rest[0]}`);
        const c = hit[0].cont;
        if (!c) return fatal(`no such container ${f.rest[0]}`);
        const tail = f.values.get('tail')?.at(-1);
        const stamps = f.bool.has('timestamps');
        const read = () => {
          try {
            return readFileSync(c.cfg.logPath, 'utf8');
          } catch {
            return '';
          }
        };
        const emit = (text: string, cut: boolean) => {
          let lines = criLogLines(text);
          if (cut && tail !== undefined && tail !== 'all' && Number(tail) >= 0) lines = lines.slice(lines.length - Number(tail));
          for (const l of lines) {
            const s = `${stamps ? `${l.ts} ` : ''}${l.line}${l.partial ? '' : '\n'}`;
            if (l.stream === 'stdout') io.out(s);
            else io.err(s);
          }
        };
        let text = read();
        let seen = text.lastIndexOf('\n') + 1;
        emit(text.slice(0, seen), true);
        if (!f.bool.has('follow') || !c.running) return 0;
        return new Promise<number>((resolve) => {
          const t = setInterval(() => {
            text = read();
            const cut = text.lastIndexOf('\n') + 1;
            if (cut > seen) {
              emit(text.slice(seen, cut), false);
              seen = cut;
            }
            if (!c.running) {
              clearInterval(t);
              resolve(0);
            }
          }, 200);
          io.onClose(() => {
            clearInterval(t);
            resolve(130);
          });
        });
      }
      case 'stop':
      case 'restart': {
        const f = parseFlags(rest, { bool: [], value: ['time|t', 'timeout', 'signal|s'] });
        if (f.error) return fatal(f.error);
        const secs = Number(f.values.get('time')?.at(-1) ?? f.values.get('timeout')?.at(-1) ?? 10);
        const sig = parseSignal(f.values.get('signal')?.at(-1) ?? 'SIGTERM') ?? 'SIGTERM';
        return walkAll(f.rest, async (e, r) => {
          if (e.h) await rt.stop(e.h, secs * 1000, sig);
          else if (e.cont?.running) {
            e.cont.signal(sig);
            clock.after(secs * 1000, () => e.cont?.signal('SIGKILL'));
          }
          if (cmd === 'restart' && e.h) {
            const again = await rt.restart(e.h);
            if (again) return again;
          }
          io.out(`${r}\n`);
          return undefined;
        });
      }
      case 'start': {
        const f = parseFlags(rest, { bool: ['attach|a', 'interactive|i'], value: ['detach-keys'] });
        if (f.error) return fatal(f.error);
        return walkAll(f.rest, async (e, r) => {
          if (!e.h) return `container ${e.id} is not started by nerdctl`;
          const err = await rt.restart(e.h);
          if (err) return err;
          io.out(`${r}\n`);
          return undefined;
        });
      }
      case 'kill': {
        const f = parseFlags(rest, { bool: [], value: ['signal|s'] });
        if (f.error) return fatal(f.error);
        const raw = f.values.get('signal')?.at(-1) ?? 'SIGKILL';
        const sig = parseSignal(raw);
        if (!sig) return fatal(`invalid signal: ${raw}`);
        return walkAll(f.rest, async (e) => {
          if (!e.cont?.running) return `cannot kill container ${e.id}: container is not running`;
          e.cont.signal(sig);
          io.out(`${e.id}\n`);
          return undefined;
        });
      }
      case 'rm': {
        const f = parseFlags(rest, { bool: ['force|f', 'volumes|v'], value: [] });
        if (f.error) return fatal(f.error);
        if (!f.rest.length) return fatal('requires at least 1 arg(s), only received 0');
        const force = f.bool.has('force');
        const errs: string[] = [];
        for (const r of f.rest) {
          const hit = walk(r);
          if (!hit.length) errs.push(`no such container: ${r}`);
          else if (hit.length > 1) errs.push(`multiple IDs found with provided prefix: ${r}`);
          else if (!hit[0].h) errs.push(`container ${hit[0].id} is in ${hit[0].task === 'RUNNING' ? 'running' : 'stopped'} status. unpause/stop container first or force removal`);
          else if (hit[0].task === 'RUNNING' && !force) errs.push(`container ${hit[0].id} is in running status. unpause/stop container first or force removal`);
          else {
            rt.remove(hit[0].h);
            io.out(`${r}\n`);
          }
        }
        if (!errs.length) return 0;
        const msg = `${errs.length} errors:\n${errs.join('\n')}`;
        if (force) {
          logrus(io, req.tty, clock.ms(), 'error', msg);
          return 0;
        }
        return fatal(msg);
      }
      case 'exec': {
        const f = parseFlags(rest, { bool: ['interactive|i', 'tty|t', 'detach|d', 'privileged'], value: ['env|e', 'workdir|w', 'user|u'] }, false);
        if (f.error) return fatal(f.error);
        const [name, ...cmdline] = f.rest;
        if (!name || !cmdline.length) return fatal(`requires at least 2 arg(s), only received ${f.rest.length}`);
        const hit = walk(name);
        if (hit.length !== 1 || !hit[0].cont) return fatal(`no such container ${name}`);
        const c = hit[0].cont;
        if (!c.running) return fatal(`container ${hit[0].id} is not running`);
        const env = { ...c.cfg.env };
        for (const e of f.values.get('env') ?? []) {
          const at = e.indexOf('=');
          if (at > 0) env[e.slice(0, at)] = e.slice(at + 1);
        }
        return relay(execArgv(c, cmdline), { env }, io);
      }
    }
    return fatal(`unknown subcommand ${JSON.stringify(cmd ?? '')} for "nerdctl"`);
  };
}

/** Pulls an image into a namespace (progress to `out`); the image, or the error text. */
function pull(rt: NodeRuntime, ns: string, ref: string, io: ToolIO, out: 'stdout' | 'stderr' | undefined): ResolvedImage | string {
  const r = resolveImage(ref);
  if (!r.ok) {
    if (r.reason === 'InvalidImageName') return 'invalid reference format';
    return /(failed to resolve reference "[^"]*": .*)$/.exec(r.message)?.[1] ?? r.message;
  }
  rt.images(ns).set(r.image.full, r.image);
  const text = nerdctlPullOutput(r.image, 0.5 + r.image.def.size / 40e6);
  if (out === 'stdout') io.out(text);
  else if (out === 'stderr') io.err(text);
  return r.image;
}

/** `nerdctl run [flags] IMAGE [COMMAND] [ARG...]`. */
async function run(rt: NodeRuntime, ns: string, args: string[], io: ToolIO, terminal: boolean, fatal: (msg: string) => number): Promise<number> {
  const f = parseFlags(args, RUN_FLAGS, false);
  if (f.error) return fatal(f.error);
  const [ref, ...cmdArgs] = f.rest;
  if (!ref) return fatal('requires at least 1 arg(s), only received 0');
  const detach = f.bool.has('detach');
  const rm = f.bool.has('rm');
  if (rm && detach) return fatal('flags -d and --rm cannot be specified together');
  const parsed = parseImageRef(ref);
  if (!parsed) return fatal('invalid reference format');
  let img = rt.images(ns).get(`${parsed.repo}:${parsed.tag}`);
  if (!img) {
    const policy = f.values.get('pull')?.at(-1) ?? 'missing';
    if (policy === 'never') return fatal(`image not available: "${parsed.repo}:${parsed.tag}"`);
    const got = pull(rt, ns, ref, io, f.bool.has('quiet') ? undefined : 'stderr');
    if (typeof got === 'string') return fatal(got);
    img = got;
  }
  const id = newContainerId();
  const name = f.values.get('name')?.at(-1) ?? `${basename(splitRef(img.full).repo)}-${id.slice(0, 5)}`;
  const taken = rt.list(ns).find((h) => h.name === name);
  if (taken) return fatal(`name ${JSON.stringify(name)} is already used by ID ${JSON.stringify(taken.id)}`);
  const hostname = f.values.get('hostname')?.at(-1) ?? id.slice(0, 12);
  const env: Record<string, string> = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };
  for (const [key, v] of Object.entries(img.def.env ?? {})) env[key] = v.replace(/\{\{version\}\}/g, img.version);
  env.HOSTNAME = hostname;
  for (const e of f.values.get('env') ?? []) {
    const at = e.indexOf('=');
    if (at > 0) env[e.slice(0, at)] = e.slice(at + 1);
  }
  if (f.bool.has('tty')) env.TERM = 'xterm';
  const entry = f.values.has('entrypoint') ? [f.values.get('entrypoint')!.at(-1)!].filter(Boolean) : img.def.entrypoint ?? [];
  const argv = [...entry, ...(cmdArgs.length ? cmdArgs : f.values.has('entrypoint') ? [] : img.def.cmd ?? [])];
  // nerdctl's own files for the container: hostname, hosts, resolv.conf and the json log
  const dataDir = join(rt.root, 'var/lib/nerdctl/1935db59/containers', ns, id);
  mkdirSync(dataDir, { recursive: true });
  let resolv = 'nameserver 127.0.0.53\n';
  try {
    resolv = readFileSync(join(rt.root, 'etc/resolv.conf'), 'utf8');
  } catch {
    // the default
  }
  writeFileSync(join(dataDir, 'hostname'), `${hostname}\n`);
  writeFileSync(join(dataDir, 'hosts'), `127.0.0.1\tlocalhost localhost.localdomain\n::1\t\tlocalhost localhost.localdomain\n10.4.0.2\t${hostname} ${name}\n`);
  writeFileSync(join(dataDir, 'resolv.conf'), resolv);
  const mounts: Mount[] = [
    { src: join(dataDir, 'hostname'), dst: '/etc/hostname' },
    { src: join(dataDir, 'hosts'), dst: '/etc/hosts' },
    { src: join(dataDir, 'resolv.conf'), dst: '/etc/resolv.conf' },
  ];
  for (const v of f.values.get('volume') ?? []) {
    const [src, dst, mode] = v.split(':');
    if (!dst || !src.startsWith('/')) return fatal(`named volumes are not supported by kubedojo's nerdctl: ${v}`);
    const host = rt.path(src);
    mkdirSync(host, { recursive: true });
    mounts.push({ src: host, dst, readOnly: mode === 'ro' });
  }
  const h = await rt.create({
    ns, id, owner: 'nerdctl', image: img, imageName: img.full, argv: argv.length ? argv : ['sh'], env, hostname,
    workingDir: f.values.get('workdir')?.at(-1) ?? img.def.workingDir, mounts, stdin: f.bool.has('interactive') && !detach, tty: f.bool.has('tty'),
    logPath: join(dataDir, `${id}-json.log`),
    extra: { name, ports: portText(f.values.get('publish') ?? []), autoRemove: rm, dataDir },
  });
  return runTask(rt, h, io, { detach, rm: false, prefix: '', terminal, fatal: (m) => void fatal(m), onStarted: () => detach && io.out(`${id}\n`) });
}
