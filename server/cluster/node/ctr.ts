// containerd's own CLI on a node, `ctr` (containerd 2.x): namespaces, images (ls, pull, rm) per
// namespace, containers (ls, rm), tasks (ls, kill, rm), run and version, over the same containerd the
// kubelet and crictl use. Kubernetes' containers live in the `k8s.io` namespace; `ctr run` puts
// containers in `default` unless told otherwise, where crictl never sees them.
import type { ToolHandler, ToolIO } from './service.ts';
import type { Kubelet } from '../kubelet/index.ts';
import { resolveImage } from '../kubelet/images.ts';
import { exited } from '../kubelet/handmade.ts';
import { imageId } from './crictl.ts';
import { tabwrite } from './tabwriter.ts';
import { CONTAINERD, ctrPullOutput, entries, logrus, namespaceOf, parseSignal, runTask, runtimeOf, type Entry } from './containerd-view.ts';

export { nerdctlTool } from './nerdctl.ts';

const table = (rows: string[][], padding: number) => tabwrite(rows, { padding });

function mib(n: number): string {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}

/** `ctr run`'s flags: those that take a value, and the boolean ones. */
const RUN_VALUE_FLAGS = new Set(['env', 'env-file', 'cwd', 'hostname', 'user', 'u', 'label', 'mount', 'memory-limit', 'cpus', 'cpu-shares', 'platform', 'runtime', 'snapshotter', 'log-uri', 'pid-file', 'fifo-dir', 'sandbox', 'cgroup', 'with-ns', 'config', 'c', 'gpus', 'annotation', 'seccomp-profile', 'apparmor-profile', 'cap-add', 'cap-drop', 'device', 'uidmap', 'gidmap', 'dump-config', 'runtime-config-path', 'snapshotter-label']);
const RUN_BOOL_FLAGS = new Set(['rm', 'detach', 'd', 'tty', 't', 'null-io', 'cni', 'sync-fs', 'net-host', 'privileged', 'privileged-without-host-devices', 'read-only', 'rootfs', 'seccomp', 'allow-new-privs', 'remap-labels', 'cgroupns']);

interface RunFlags {
  bool: Set<string>;
  values: Map<string, string[]>;
  rest: string[];
  error?: string;
}

/** urfave/cli's parsing: flags until the first argument, `--flag value` or `--flag=value`. */
function parseRunFlags(args: string[]): RunFlags {
  const bool = new Set<string>();
  const values = new Map<string, string[]>();
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    const m = /^--?([^=]+)(?:=(.*))?$/.exec(a)!;
    const name = m[1];
    if (RUN_BOOL_FLAGS.has(name)) {
      if (m[2] === undefined || m[2] === 'true') bool.add(name);
      continue;
    }
    if (RUN_VALUE_FLAGS.has(name)) {
      const v = m[2] ?? args[++i];
      if (v === undefined) return { bool, values, rest: [], error: `flag needs an argument: ${a}` };
      values.set(name, [...(values.get(name) ?? []), v]);
      continue;
    }
    return { bool, values, rest: [], error: `flag provided but not defined: ${a}` };
  }
  return { bool, values, rest: args.slice(i) };
}

export function ctrTool(kubelet: (node: string) => Kubelet | undefined): ToolHandler {
  return async (req, io) => {
    const args = req.args.filter((a) => a !== '--debug');
    for (let i = 0; i < args.length && args[i].startsWith('-'); i++) {
      if (['-a', '--address', '--timeout', '--connect-timeout'].includes(args[i])) args.splice(i--, 2);
      else if (/^--(address|timeout|connect-timeout)=/.test(args[i])) args.splice(i--, 1);
    }
    const ns = namespaceOf(args, 'default');
    const k = kubelet(req.node);
    const [cmd, sub, ...rest] = args;
    if (!k || !k.runtimeUp) {
      io.err('ctr: failed to dial "/run/containerd/containerd.sock": connection error: desc = "transport: error while dialing: dial unix:///run/containerd/containerd.sock: connect: no such file or directory"\n');
      return 1;
    }
    const rt = runtimeOf(k);
    const now = () => k.ctx.clock.ms();
    const fail = (msg: string) => {
      io.err(`ctr: ${msg}\n`);
      return 1;
    };
    const logErr = (msg: string, err: string) => logrus(io, req.tty, now(), 'error', msg, { error: err });
    const find = (id: string): Entry | undefined => entries(k, ns).find((e) => e.id === id);
    const notFound = (id: string) => `container "${id}" in namespace "${ns}": not found`;
    switch (cmd) {
      case 'version':
        io.out(`Client:\n  Version:  ${CONTAINERD.version}\n  Revision: ${CONTAINERD.revision}\n  Go version: ${CONTAINERD.go}\n\nServer:\n  Version:  ${CONTAINERD.version}\n  Revision: ${CONTAINERD.revision}\n  UUID: 6c2b1c4e-5c1f-4b8e-9d0a-${imageId(req.node).slice(0, 12)}\n`);
        return 0;
      case 'namespaces':
      case 'namespace':
      case 'ns':
        if (sub === 'ls' || sub === 'list') {
          if (rest.includes('-q') || rest.includes('--quiet')) io.out(rt.namespaces().map((n) => `${n}\n`).join(''));
          else io.out(table([['NAME', 'LABELS'], ...rt.namespaces().map((n) => [n, ''])], 4));
          return 0;
        }
        break;
      case 'images':
      case 'image':
      case 'i': {
        const imgs = rt.images(ns);
        if (sub === 'ls' || sub === 'list') {
          const sorted = [...imgs.values()].sort((a, b) => a.full.localeCompare(b.full));
          if (rest.includes('-q') || rest.includes('--quiet')) {
            if (sorted.length) io.out(sorted.map((i) => i.full).join('\n') + '\n');
            return 0;
          }
          io.out(table([['REF', 'TYPE', 'DIGEST', 'SIZE', 'PLATFORMS', 'LABELS'],
            ...sorted.map((i) => [i.full, 'application/vnd.oci.image.index.v1+json', `sha256:${imageId(`index/${i.full}`)}`, mib(i.def.size), 'linux/amd64,linux/arm64', ns === 'k8s.io' ? 'io.cri-containerd.image=managed' : '-'])], 1));
          return 0;
        }
        if (sub === 'pull') {
          const ref = rest.find((a) => !a.startsWith('-'));
          if (!ref) return fail('please provide an image reference to pull');
          // the transfer service parses the reference as given: a registry host is required
          const m = /^([^/@]+)(.*)$/.exec(ref)!;
          if (/:(?!\d+$)/.test(m[1]) && !m[2].startsWith('/')) return fail(`failed to resolve image: parse "dummy://${ref}": invalid port "${m[1].slice(m[1].indexOf(':'))}" after host`);
          if (!m[2].startsWith('/')) return fail('failed to resolve image: object required');
          const r = resolveImage(ref);
          if (!r.ok) {
            const why = /failed to resolve reference "[^"]*": (.*)$/.exec(r.message)?.[1] ?? r.message;
            return fail(`failed to resolve image: ${why}`);
          }
          imgs.set(r.image.full, r.image);
          io.out(ctrPullOutput(r.image, 0.4 + r.image.def.size / 40e6));
          return 0;
        }
        if (sub === 'rm' || sub === 'remove' || sub === 'delete' || sub === 'del') {
          let err: string | undefined;
          for (const ref of rest.filter((a) => !a.startsWith('-'))) {
            if (!imgs.delete(ref)) {
              const e = `image "${ref}": not found`;
              logErr(`unable to delete ${ref}`, e);
              err ??= e;
              continue;
            }
            io.out(`${ref}\n`);
          }
          return err ? fail(err) : 0;
        }
        break;
      }
      case 'containers':
      case 'container':
      case 'c':
        if (sub === 'ls' || sub === 'list') {
          const cs = entries(k, ns);
          if (rest.includes('-q') || rest.includes('--quiet')) {
            io.out(cs.map((c) => `${c.id}\n`).join(''));
            return 0;
          }
          io.out(table([['CONTAINER', 'IMAGE', 'RUNTIME'], ...cs.map((c) => [c.id, c.image || '-', 'io.containerd.runc.v2'])], 4));
          return 0;
        }
        if (sub === 'rm' || sub === 'remove' || sub === 'delete' || sub === 'del') {
          const ids = rest.filter((a) => !a.startsWith('-'));
          if (!ids.length) return fail('must specify at least one container to delete: invalid argument');
          let err: string | undefined;
          for (const id of ids) {
            const e = find(id);
            let why: string | undefined;
            if (!e) why = notFound(id);
            else if (e.task === 'RUNNING') why = 'cannot delete a non stopped container: {running 0 0001-01-01 00:00:00 +0000 UTC}';
            else if (e.h) rt.remove(e.h);
            if (why) {
              logErr(`failed to delete container "${id}"`, why);
              err ??= why;
            }
          }
          return err ? fail(err) : 0;
        }
        break;
      case 'tasks':
      case 'task':
      case 't': {
        if (sub === 'ls' || sub === 'list') {
          const ts = entries(k, ns).filter((c) => c.task && !c.sandbox);
          if (rest.includes('-q') || rest.includes('--quiet')) {
            io.out(ts.map((c) => `${c.id}\n`).join(''));
            return 0;
          }
          io.out(table([['TASK', 'PID', 'STATUS'], ...ts.map((c) => [c.id, String(c.pid), c.task!])], 4));
          return 0;
        }
        if (sub === 'kill') {
          let signal: NodeJS.Signals = 'SIGTERM';
          const ids: string[] = [];
          for (let i = 0; i < rest.length; i++) {
            const a = rest[i];
            const m = /^--?(s|signal)(?:=(.*))?$/.exec(a);
            if (m) {
              const v = m[2] ?? rest[++i] ?? '';
              const s = parseSignal(v);
              if (!s) return fail(`invalid signal: ${v}`);
              signal = s;
            } else if (a === '-a' || a === '--all') continue;
            else ids.push(a);
          }
          if (!ids[0]) return fail('container id must be provided');
          const e = find(ids[0]);
          if (!e) return fail(notFound(ids[0]));
          if (!e.task || !e.cont) return fail(`no running task found: task ${ids[0]} not found: not found`);
          if (!e.cont.running) return fail('process already finished: not found');
          e.cont.signal(signal);
          return 0;
        }
        if (sub === 'rm' || sub === 'remove' || sub === 'delete' || sub === 'del') {
          const force = rest.includes('-f') || rest.includes('--force');
          let err: string | undefined;
          for (const id of rest.filter((a) => !a.startsWith('-'))) {
            const e = find(id);
            let why: string | undefined;
            let what = 'failed to load task from';
            if (!e) why = notFound(id);
            else if (!e.task || !e.cont) why = `no running task found: task ${id} not found: not found`;
            else if (e.task === 'RUNNING' && !force) {
              why = 'task must be stopped before deletion: running: failed precondition';
              what = 'unable to delete';
            }
            if (why) {
              logErr(`${what} ${id}`, why);
              err ??= why;
              continue;
            }
            if (e!.cont!.running) {
              e!.cont!.signal('SIGKILL');
              await exited(e!.cont!);
            }
            if (e!.h) e!.h.hasTask = false;
            const code = e!.cont!.exit?.exitCode ?? 0;
            if (code !== 0) logrus(io, req.tty, now(), 'warning', `task ${id} exit with non-zero exit code ${code}`);
          }
          return err ? fail(err) : 0;
        }
        break;
      }
      case 'run':
        return ctrRun(k, ns, args.slice(1), io, req.tty);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out('NAME:\n   ctr - \n        __\n  _____/ /______\n / ___/ __/ ___/\n/ /__/ /_/ /\n\\___/\\__/_/\n\ncontainerd CLI\n\nUSAGE:\n   ctr [global options] command [command options]\n\nCOMMANDS:\n   containers, c, container    Manage containers\n   images, image, i            Manage images\n   namespaces, namespace, ns   Manage namespaces\n   run                         Run a container\n   tasks, t, task              Manage tasks\n   version                     Print the client and server versions\n');
        return 0;
    }
    io.err(`ctr: No help topic for '${[cmd, sub].filter(Boolean).join(' ')}'\n`);
    return 1;
  };
}

/** `ctr run [flags] IMAGE ID [COMMAND] [ARG...]`. */
async function ctrRun(k: Kubelet, ns: string, args: string[], io: ToolIO, terminal: boolean): Promise<number> {
  const fail = (msg: string) => {
    io.err(`ctr: ${msg}\n`);
    return 1;
  };
  const f = parseRunFlags(args);
  if (f.error) {
    io.err(`Incorrect Usage: ${f.error}\n\n`);
    return fail(f.error);
  }
  const [ref, id, ...cmdArgs] = f.rest;
  const detach = f.bool.has('detach') || f.bool.has('d');
  const rm = f.bool.has('rm');
  const withTty = f.bool.has('tty') || f.bool.has('t');
  if (!ref) return fail('image ref must be provided');
  if (!id) return fail('container id must be provided');
  if (rm && detach) return fail('flags --detach and --rm cannot be specified together');
  const rt = runtimeOf(k);
  const img = rt.images(ns).get(ref);
  if (!img) return fail(`image "${ref}": not found`);
  if (rt.get(ns, id) || entries(k, ns).some((e) => e.id === id)) return fail(`snapshot "${id}": already exists`);
  const env: Record<string, string> = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };
  for (const [key, v] of Object.entries(img.def.env ?? {})) env[key] = v.replace(/\{\{version\}\}/g, img.version);
  for (const e of f.values.get('env') ?? []) {
    const at = e.indexOf('=');
    if (at > 0) env[e.slice(0, at)] = e.slice(at + 1);
  }
  if (withTty) env.TERM = 'xterm';
  if (f.bool.has('net-host')) env.HOSTNAME = k.node.name;
  // the command replaces the image's entrypoint and command alike (oci.WithProcessArgs)
  const argv = cmdArgs.length ? cmdArgs : [...(img.def.entrypoint ?? []), ...(img.def.cmd ?? [])];
  const h = await rt.create({
    ns, id, owner: 'ctr', image: img, imageName: img.full, argv: argv.length ? argv : ['sh'], env,
    // without --hostname the container keeps the node's (its UTS namespace starts as a copy)
    hostname: f.values.get('hostname')?.at(-1) ?? k.node.name,
    workingDir: f.values.get('cwd')?.at(-1) ?? img.def.workingDir, stdin: !detach, tty: withTty,
  });
  return runTask(rt, h, io, { detach, rm, prefix: 'ctr: ', deleteTask: true, terminal });
}


