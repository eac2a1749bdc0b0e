// containerd's own clients on a node, for the course material's commands: `ctr` (namespaces,
// images ls/pull/rm, containers ls, tasks ls, version) and `nerdctl` (ps, images, pull, version),
// over the same containers and images the kubelet and crictl see. Kubernetes' containers live in
// containerd's `k8s.io` namespace; the `default` namespace is empty, as on a kubeadm node. Running
// containers outside Kubernetes (`ctr run`, `nerdctl run`) is not simulated and says so.
import type { ToolHandler, ToolIO } from './service.ts';
import type { Kubelet } from '../kubelet/index.ts';
import { resolveImage } from '../kubelet/images.ts';
import { humanAgo, imageId, sandboxId, splitRef } from './crictl.ts';
import { tabwrite } from './tabwriter.ts';
import type { Clock } from '../clock.ts';

const CONTAINERD = { version: 'v2.1.4', revision: '75cb2b7193e4e490e9fbdc236c0e811ccaba3376', go: 'go1.24.6' };

const table = (rows: string[][], padding: number) => tabwrite(rows, { padding });

function mib(n: number): string {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}

/** Takes the namespace flag (`-n X`, `--namespace X`, `--namespace=X`) out of args. */
function namespaceOf(args: string[], env: NodeJS.ProcessEnv | undefined, fallback: string): string {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-n' || args[i] === '--namespace') return args.splice(i, 2)[1] ?? fallback;
    const m = /^(?:-n|--namespace)=(.*)$/.exec(args[i]);
    if (m) {
      args.splice(i, 1);
      return m[1];
    }
  }
  return env?.CONTAINERD_NAMESPACE ?? fallback;
}

interface Running {
  id: string;
  image: string;
  pid: number;
  running: boolean;
  name: string;
  pod: string;
  ns: string;
  argv: string[];
  started: number;
}

function containersOf(k: Kubelet): Running[] {
  const out: Running[] = [];
  for (const pr of k.pods.values()) {
    const m = pr.pod.metadata ?? {};
    out.push({ id: sandboxId(pr), image: 'registry.k8s.io/pause:3.10.1', pid: 0, running: pr.sandboxReady && !pr.terminated, name: 'POD', pod: m.name, ns: m.namespace, argv: ['/pause'], started: Date.parse(pr.startTime ?? '') || 0 });
    for (const r of pr.records.values()) {
      for (const c of [r.current, r.previous]) {
        if (!c) continue;
        out.push({ id: c.cfg.id, image: r.image?.full ?? r.spec?.image ?? '', pid: c.pid, running: c.running, name: r.name, pod: m.name, ns: m.namespace, argv: c.cfg.argv, started: c.startedAt.getTime() });
      }
    }
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

function notSimulated(io: ToolIO, what: string): number {
  io.err(`${what}: running containers outside Kubernetes is not simulated by kubedojo; create a Pod instead (kubectl run)\n`);
  return 1;
}

export function ctrTool(kubelet: (node: string) => Kubelet | undefined): ToolHandler {
  return async (req, io) => {
    const args = req.args.filter((a) => a !== '--debug');
    for (let i = 0; i < args.length; i++) if (args[i] === '-a' || args[i] === '--address') args.splice(i--, 2);
    const ns = namespaceOf(args, undefined, 'default');
    const k = kubelet(req.node);
    const [cmd, sub, ...rest] = args;
    if (!k || !k.runtimeUp) {
      io.err('ctr: failed to dial "/run/containerd/containerd.sock": connection error: desc = "transport: error while dialing: dial unix:///run/containerd/containerd.sock: connect: no such file or directory"\n');
      return 1;
    }
    const k8s = ns === 'k8s.io';
    switch (cmd) {
      case 'version':
        io.out(`Client:\n  Version:  ${CONTAINERD.version}\n  Revision: ${CONTAINERD.revision}\n  Go version: ${CONTAINERD.go}\n\nServer:\n  Version:  ${CONTAINERD.version}\n  Revision: ${CONTAINERD.revision}\n  UUID: 6c2b1c4e-5c1f-4b8e-9d0a-${imageId(req.node).slice(0, 12)}\n`);
        return 0;
      case 'namespaces':
      case 'namespace':
      case 'ns':
        if (sub === 'ls' || sub === 'list') {
          io.out(table([['NAME', 'LABELS'], ['k8s.io', '']], 4));
          return 0;
        }
        break;
      case 'images':
      case 'image':
      case 'i': {
        if (sub === 'ls' || sub === 'list') {
          const quiet = rest.includes('-q') || rest.includes('--quiet');
          const imgs = k8s ? [...k.images.values()].sort((a, b) => a.full.localeCompare(b.full)) : [];
          if (quiet) {
            if (imgs.length) io.out(imgs.map((i) => i.full).join('\n') + '\n');
            return 0;
          }
          io.out(table([['REF', 'TYPE', 'DIGEST', 'SIZE', 'PLATFORMS', 'LABELS'],
            ...imgs.map((i) => [i.full, 'application/vnd.oci.image.index.v1+json', `sha256:${imageId(`digest/${i.full}`)}`, mib(i.def.size), 'linux/amd64,linux/arm64', 'io.cri-containerd.image=managed'])], 1));
          return 0;
        }
        if (sub === 'pull') {
          const ref = rest.find((a) => !a.startsWith('-'));
          if (!ref) {
            io.err('ctr: please provide an image reference to pull\n');
            return 1;
          }
          if (!/^[^/]+\.[^/]+\//.test(ref) && !ref.startsWith('docker.io/')) {
            io.err(`ctr: failed to resolve reference "${ref}": "${ref}": not a valid reference (use docker.io/library/${ref})\n`);
            return 1;
          }
          const r = resolveImage(ref);
          if (!r.ok) {
            io.err(`ctr: failed to resolve reference "${ref}": ${ref}: not found\n`);
            return 1;
          }
          if (k8s) k.images.set(r.image.full, r.image);
          io.out(`${r.image.full}: resolved       |++++++++++++++++++++++++++++++++++++++|\nelapsed: 0.6 s                 total:  ${mib(r.image.def.size)} (${mib(r.image.def.size)}/s)\nunpacking linux/amd64 sha256:${imageId(`digest/${r.image.full}`)}...\ndone: 12.482ms\n`);
          return 0;
        }
        if (sub === 'rm' || sub === 'remove' || sub === 'delete' || sub === 'del') {
          for (const ref of rest.filter((a) => !a.startsWith('-'))) {
            const hit = k8s ? [...k.images.values()].find((i) => i.full === ref) : undefined;
            if (!hit) {
              io.err(`ctr: image "${ref}": not found\n`);
              return 1;
            }
            k.images.delete(hit.full);
            io.out(`${ref}\n`);
          }
          return 0;
        }
        break;
      }
      case 'containers':
      case 'container':
      case 'c':
        if (sub === 'ls' || sub === 'list') {
          const quiet = rest.includes('-q') || rest.includes('--quiet');
          const cs = k8s ? containersOf(k) : [];
          if (quiet) {
            if (cs.length) io.out(cs.map((c) => c.id).join('\n') + '\n');
            return 0;
          }
          io.out(table([['CONTAINER', 'IMAGE', 'RUNTIME'], ...cs.map((c) => [c.id, c.image, 'io.containerd.runc.v2'])], 4));
          return 0;
        }
        break;
      case 'tasks':
      case 'task':
      case 't':
        if (sub === 'ls' || sub === 'list') {
          const cs = k8s ? containersOf(k).filter((c) => c.name !== 'POD') : [];
          io.out(table([['TASK', 'PID', 'STATUS'], ...cs.map((c) => [c.id, String(c.pid), c.running ? 'RUNNING' : 'STOPPED'])], 4));
          return 0;
        }
        break;
      case 'run':
        return notSimulated(io, 'ctr run');
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

export function nerdctlTool(kubelet: (node: string) => Kubelet | undefined, clock: Clock): ToolHandler {
  return async (req, io) => {
    const args = [...req.args];
    const ns = namespaceOf(args, undefined, 'default');
    const k = kubelet(req.node);
    const [cmd, ...rest] = args;
    if (!k || !k.runtimeUp) {
      io.err('time="" level=fatal msg="cannot access containerd socket \\"/run/containerd/containerd.sock\\": no such file or directory"\n');
      return 1;
    }
    const k8s = ns === 'k8s.io';
    const now = clock.ms();
    switch (cmd) {
      case 'version':
        io.out(`Client:\n Version:\tv2.1.6\n OS/Arch:\tlinux/amd64\n Git commit:\t59253e9931873e79b92fc4ef5e7dd2d9c6a7a2b4\n buildctl:\n  Version:\t\n\nServer:\n containerd:\n  Version:\t${CONTAINERD.version}\n  GitCommit:\t${CONTAINERD.revision}\n runc:\n  Version:\t1.3.1\n`);
        return 0;
      case 'ps':
      case 'container': {
        if (cmd === 'container' && rest[0] !== 'ls' && rest[0] !== 'list') break;
        const all = rest.includes('-a') || rest.includes('--all');
        const quiet = rest.includes('-q') || rest.includes('--quiet');
        const cs = (k8s ? containersOf(k) : []).filter((c) => all || c.running);
        if (quiet) {
          if (cs.length) io.out(cs.map((c) => c.id.slice(0, 12)).join('\n') + '\n');
          return 0;
        }
        const cmdText = (c: Running) => {
          const t = c.argv.join(' ');
          return `"${t.length > 20 ? `${t.slice(0, 20)}…` : t}"`;
        };
        io.out(table([['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'],
          ...cs.map((c) => [c.id.slice(0, 12), c.image, cmdText(c), humanAgo(now - c.started), c.running ? 'Up' : 'Exited (0) ' + humanAgo(now - c.started), '',
            `k8s://${c.ns}/${c.pod}${c.name === 'POD' ? '' : `/${c.name}`}`])], 4));
        return 0;
      }
      case 'images':
      case 'image': {
        if (cmd === 'image' && rest[0] !== 'ls' && rest[0] !== 'list') break;
        const imgs = k8s ? [...k.images.values()].sort((a, b) => a.full.localeCompare(b.full)) : [];
        io.out(table([['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'PLATFORM', 'SIZE', 'BLOB SIZE'], ...imgs.map((i) => {
          const { repo, tag } = splitRef(i.full);
          return [repo.replace(/^docker\.io\/library\//, ''), tag, imageId(i.full).slice(0, 12), 'About a minute ago', 'linux/amd64', mib(i.def.size * 2.6), mib(i.def.size)];
        })], 4));
        return 0;
      }
      case 'pull': {
        const ref = rest.find((a) => !a.startsWith('-'));
        const r = ref ? resolveImage(ref) : undefined;
        if (!r || !r.ok) {
          io.err(`time="" level=fatal msg="failed to resolve reference \\"${ref ?? ''}\\": not found"\n`);
          return 1;
        }
        if (k8s) k.images.set(r.image.full, r.image);
        io.out(`${r.image.full}: resolved       |++++++++++++++++++++++++++++++++++++++|\nelapsed: 0.6 s                 total:  ${mib(r.image.def.size)} (${mib(r.image.def.size)}/s)\n`);
        return 0;
      }
      case 'run':
        return notSimulated(io, 'nerdctl run');
    }
    io.err(`time="" level=fatal msg="unknown subcommand ${JSON.stringify(cmd ?? '')} for \\"nerdctl\\""\n`);
    return 1;
  };
}
