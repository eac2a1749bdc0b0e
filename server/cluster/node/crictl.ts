// crictl on a node: what that node's container runtime runs (the kubelet's pod sandboxes and
// containers, static pods included) in crictl's own table and JSON shapes: ps, pods, images, logs,
// inspect, inspectp, exec, stop, rm, rmp, pull, rmi, info, version.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ToolHandler } from './service.ts';
import type { Kubelet } from '../kubelet/index.ts';
import type { ContainerRecord, PodRuntime } from '../kubelet/kubelet.ts';
import { execArgv, type Container } from '../kubelet/containerd.ts';
import { resolveImage } from '../kubelet/images.ts';
import { relay } from './ssh.ts';
import { tabwrite } from './tabwriter.ts';
import type { Clock } from '../clock.ts';

const hex = (s: string) => createHash('sha256').update(s).digest('hex');
export const sandboxId = (pr: PodRuntime) => hex(`sandbox/${pr.uid}`);
export const imageId = (ref: string) => hex(`image/${ref}`);

/** Go's units.HumanDuration, as crictl prints CREATED ("3 minutes ago"). */
export function humanAgo(ms: number): string {
  const s = Math.floor(ms / 1000);
  const minutes = Math.floor(ms / 60_000);
  const hours = Math.floor(ms / 3_600_000 + 0.5);
  let d: string;
  if (s < 1) d = 'Less than a second';
  else if (s === 1) d = '1 second';
  else if (s < 60) d = `${s} seconds`;
  else if (minutes === 1) d = 'About a minute';
  else if (minutes < 60) d = `${minutes} minutes`;
  else if (hours === 1) d = 'About an hour';
  else if (hours < 48) d = `${hours} hours`;
  else d = `${Math.floor(hours / 24)} days`;
  return `${d} ago`;
}

/** crictl's tabwriter (minimum width 20, padding 3). */
const table = (rows: string[][]) => tabwrite(rows, { padding: 3, minWidth: 20 });

interface Row {
  pr: PodRuntime;
  r: ContainerRecord;
  /** This instance of the container (the current one or the kept previous one). */
  c: Container;
  id: string;
  attempt: number;
}

export function splitRef(full: string): { repo: string; tag: string } {
  const at = full.lastIndexOf(':');
  return at > full.lastIndexOf('/') ? { repo: full.slice(0, at), tag: full.slice(at + 1) } : { repo: full, tag: 'latest' };
}

export function crictlTool(kubelet: (node: string) => Kubelet | undefined, clock: Clock): ToolHandler {
  return async (req, io) => {
    const k = kubelet(req.node);
    const args = [...req.args];
    // global flags
    for (let i = 0; i < args.length; i++) {
      if (['-r', '--runtime-endpoint', '-i', '--image-endpoint', '--timeout', '-t', '--config'].includes(args[i])) args.splice(i--, 2);
      else if (/^--(runtime-endpoint|image-endpoint|timeout|config)=/.test(args[i]) || args[i] === '--debug' || args[i] === '-D') args.splice(i--, 1);
    }
    const cmd = args.shift();
    if (!k || !k.runtimeUp) {
      io.err('time="" level=fatal msg="validate service connection: validate CRI v1 runtime API for endpoint \\"unix:///run/containerd/containerd.sock\\": rpc error: code = Unavailable desc = connection error"\n');
      return 1;
    }
    const now = clock.ms();
    const containers = (): Row[] => {
      const out: Row[] = [];
      for (const pr of k.pods.values()) {
        for (const r of pr.records.values()) {
          if (r.current) out.push({ pr, r, c: r.current, id: r.current.cfg.id, attempt: r.restartCount });
          // the kubelet keeps the previous instance of a restarted container (for logs --previous)
          if (r.previous) out.push({ pr, r, c: r.previous, id: r.previous.cfg.id, attempt: Math.max(0, r.restartCount - 1) });
        }
      }
      return out.sort((a, b) => b.c.startedAt.getTime() - a.c.startedAt.getTime());
    };
    const state = (c: Container | undefined) => (c?.running ? 'Running' : c?.exit ? 'Exited' : 'Created');
    const fatal = (msg: string) => {
      io.err(`time="${new Date(now).toISOString()}" level=fatal msg="${msg}"\n`);
      return 1;
    };
    const findContainer = (id?: string) => (id ? containers().filter((c) => c.id.startsWith(id)) : []);
    const flag = (names: string[]) => {
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        for (const n of names) {
          if (a === n) {
            const v = args[i + 1];
            args.splice(i, 2);
            return v;
          }
          if (a.startsWith(`${n}=`)) {
            args.splice(i, 1);
            return a.slice(n.length + 1);
          }
        }
      }
      return undefined;
    };
    const bool = (names: string[]) => {
      const i = args.findIndex((a) => names.includes(a));
      if (i < 0) return false;
      args.splice(i, 1);
      return true;
    };
    switch (cmd) {
      case 'version':
        io.out('Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  v2.1.4\nRuntimeApiVersion:  v1\n');
        return 0;
      case 'info':
        io.out(JSON.stringify({ status: { conditions: [{ type: 'RuntimeReady', status: true, reason: '', message: '' }, { type: 'NetworkReady', status: true, reason: '', message: '' }] }, config: { containerd: { defaultRuntimeName: 'runc', runtimes: { runc: { runtimeType: 'io.containerd.runc.v2', options: { SystemdCgroup: true } } } }, cni: { binDirs: ['/opt/cni/bin'], confDir: '/etc/cni/net.d' }, sandboxImage: 'registry.k8s.io/pause:3.10.1' } }, null, 2) + '\n');
        return 0;
      case 'ps': {
        const all = bool(['-a', '--all']);
        const quiet = bool(['-q', '--quiet']);
        const name = flag(['--name']);
        const st = flag(['--state', '-s']);
        const pod = flag(['--pod', '-p']);
        const latest = bool(['-l', '--latest']);
        const output = flag(['-o', '--output']);
        let rows = containers().filter((c) => (all || st ? true : state(c.c) === 'Running'));
        if (st) rows = rows.filter((c) => state(c.c).toLowerCase() === st.toLowerCase().replace(/^container_/, ''));
        if (name) {
          const re = new RegExp(name);
          rows = rows.filter((c) => re.test(c.r.name));
        }
        if (pod) rows = rows.filter((c) => sandboxId(c.pr).startsWith(pod));
        if (latest) rows = rows.slice(0, 1);
        if (quiet) {
          if (rows.length) io.out(rows.map((c) => c.id).join('\n') + '\n');
          return 0;
        }
        if (output === 'json') {
          const m = (c: Row) => c.pr.pod.metadata ?? {};
          io.out(JSON.stringify({
            containers: rows.map((c) => ({
              id: c.id, podSandboxId: sandboxId(c.pr), metadata: { name: c.r.name, attempt: c.attempt },
              image: { image: c.r.image?.full ?? '', annotations: {}, userSpecifiedImage: c.r.spec?.image ?? '' }, imageRef: `sha256:${imageId(c.r.image?.full ?? '')}`,
              state: `CONTAINER_${state(c.c).toUpperCase()}`, createdAt: String(c.c.startedAt.getTime() * 1e6),
              labels: { 'io.kubernetes.container.name': c.r.name, 'io.kubernetes.pod.name': m(c).name, 'io.kubernetes.pod.namespace': m(c).namespace, 'io.kubernetes.pod.uid': c.pr.uid },
              annotations: { 'io.kubernetes.container.restartCount': String(c.r.restartCount) },
            })),
          }, null, 2) + '\n');
          return 0;
        }
        if (output && output !== 'table') return fatal(`unsupported output format "${output}"`);
        io.out(table([
          ['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE'],
          ...rows.map((c) => [c.id.slice(0, 13), imageId(c.r.image?.full ?? '').slice(0, 13), humanAgo(now - c.c.startedAt.getTime()), state(c.c), c.r.name,
            String(c.attempt), sandboxId(c.pr).slice(0, 13), c.pr.pod.metadata?.name ?? '', c.pr.pod.metadata?.namespace ?? '']),
        ]));
        return 0;
      }
      case 'pods': {
        const quiet = bool(['-q', '--quiet']);
        const name = flag(['--name']);
        const ns = flag(['--namespace']);
        let pods = [...k.pods.values()].filter((pr) => pr.sandboxReady || pr.sandboxStarting);
        if (name) pods = pods.filter((pr) => new RegExp(name).test(pr.pod.metadata?.name ?? ''));
        if (ns) pods = pods.filter((pr) => new RegExp(ns).test(pr.pod.metadata?.namespace ?? ''));
        if (quiet) {
          if (pods.length) io.out(pods.map(sandboxId).join('\n') + '\n');
          return 0;
        }
        io.out(table([
          ['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME'],
          ...pods.map((pr) => [sandboxId(pr).slice(0, 13), humanAgo(now - Date.parse(pr.startTime ?? new Date(now).toISOString())), pr.terminated ? 'NotReady' : 'Ready',
            pr.pod.metadata?.name ?? '', pr.pod.metadata?.namespace ?? '', '0', '(default)']),
        ]));
        return 0;
      }
      case 'images':
      case 'image':
      case 'img': {
        const quiet = bool(['-q', '--quiet']);
        const imgs = [...k.images.values()].sort((a, b) => a.full.localeCompare(b.full));
        if (quiet) {
          io.out(imgs.map((i) => `sha256:${imageId(i.full)}`).join('\n') + '\n');
          return 0;
        }
        const size = (n: number) => (n >= 1e6 ? `${Math.round(n / 1e5) / 10}MB` : `${Math.round(n / 100) / 10}kB`);
        io.out(table([['IMAGE', 'TAG', 'IMAGE ID', 'SIZE'], ...imgs.map((i) => {
          const { repo, tag } = splitRef(i.full);
          return [repo, tag, imageId(i.full).slice(0, 13), size(i.def.size)];
        })]));
        return 0;
      }
      case 'pull': {
        const ref = args.find((a) => !a.startsWith('-'));
        if (!ref) return fatal('image name cannot be empty');
        const r = resolveImage(ref);
        if (!r.ok) return fatal(`pulling image: ${r.message}`);
        k.images.set(r.image.full, r.image);
        io.out(`Image is up to date for sha256:${imageId(r.image.full)}\n`);
        return 0;
      }
      case 'rmi': {
        let code = 0;
        for (const ref of args.filter((a) => !a.startsWith('-'))) {
          const hit = [...k.images.values()].find((i) => i.full === ref || i.ref === ref || imageId(i.full).startsWith(ref.replace(/^sha256:/, '')) || splitRef(i.full).repo.endsWith(`/${ref.split(':')[0]}`) && splitRef(i.full).tag === (ref.split(':')[1] ?? 'latest'));
          if (!hit) {
            io.err(`time="${new Date(now).toISOString()}" level=error msg="no such image ${ref} present"\n`);
            code = 1;
            continue;
          }
          if (containers().some((c) => c.r.image?.full === hit.full && c.r.current?.running)) {
            io.err(`time="${new Date(now).toISOString()}" level=error msg="error of removing image \\"${ref}\\": rpc error: code = Unknown desc = image is in use"\n`);
            code = 1;
            continue;
          }
          k.images.delete(hit.full);
          io.out(`Deleted: ${hit.full}\n`);
        }
        return code;
      }
      case 'logs': {
        const tail = flag(['--tail']);
        const follow = bool(['-f', '--follow']);
        const timestamps = bool(['-t', '--timestamps']);
        const previous = bool(['-p', '--previous']);
        const id = args.find((a) => !a.startsWith('-'));
        const hit = findContainer(id);
        if (!id) return fatal('ID cannot be empty');
        if (hit.length !== 1) return fatal(`failed to get container status "${id}": rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found`);
        const { r, c: inst } = hit[0];
        const path = previous && r.restartCount > 0 ? inst.cfg.logPath.replace(/\d+\.log$/, `${r.restartCount - 1}.log`) : inst.cfg.logPath;
        const emit = (text: string) => {
          let lines = text.split('\n').filter(Boolean);
          if (tail !== undefined && Number(tail) >= 0) lines = lines.slice(-Number(tail));
          for (const l of lines) {
            const m = /^(\S+) (stdout|stderr) [PF] (.*)$/.exec(l);
            if (!m) continue;
            const out = `${timestamps ? `${m[1]} ` : ''}${m[3]}\n`;
            if (m[2] === 'stdout') io.out(out);
            else io.err(out);
          }
        };
        let seen = 0;
        const read = () => {
          try {
            return readFileSync(path, 'utf8');
          } catch {
            return '';
          }
        };
        const text = read();
        seen = text.length;
        emit(text);
        if (!follow) return 0;
        return new Promise((resolve) => {
          const t = setInterval(() => {
            const all = read();
            if (all.length > seen) {
              const cut = all.lastIndexOf('\n') + 1;
              if (cut > seen) {
                emit(all.slice(seen, cut));
                seen = cut;
              }
            }
            if (!r.current?.running && hit[0].r.current === r.current) {
              clearInterval(t);
              resolve(0);
            }
          }, 250);
          io.onClose(() => {
            clearInterval(t);
            resolve(130);
          });
        });
      }
      case 'inspect': {
        const ids = args.filter((a) => !a.startsWith('-'));
        const out: unknown[] = [];
        for (const id of ids) {
          const hit = findContainer(id);
          if (hit.length !== 1) return fatal(`getting the status of the container "${id}": rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found`);
          const { pr, r } = hit[0];
          const c = r.current!;
          out.push({
            status: {
              id: c.cfg.id, metadata: { attempt: r.restartCount, name: r.name },
              state: c.running ? 'CONTAINER_RUNNING' : 'CONTAINER_EXITED',
              createdAt: c.startedAt.toISOString(), startedAt: c.startedAt.toISOString(), finishedAt: c.exit ? c.exit.finishedAt.toISOString() : '0001-01-01T00:00:00Z',
              exitCode: c.exit?.exitCode ?? 0, image: { image: r.image?.full }, imageRef: r.image?.imageID,
              reason: c.exit ? (c.exit.exitCode === 0 ? 'Completed' : 'Error') : '',
              labels: { 'io.kubernetes.container.name': r.name, 'io.kubernetes.pod.name': pr.pod.metadata?.name, 'io.kubernetes.pod.namespace': pr.pod.metadata?.namespace, 'io.kubernetes.pod.uid': pr.uid },
              mounts: c.cfg.mounts.map((m) => ({ containerPath: m.dst, hostPath: m.src, readonly: !!m.readOnly })),
              logPath: c.cfg.logPath,
            },
            info: { sandboxID: sandboxId(pr), pid: c.pid, runtimeSpec: { process: { args: c.cfg.argv, env: Object.entries(c.cfg.env).map(([a, b]) => `${a}=${b}`), cwd: c.cfg.workingDir || '/' }, hostname: c.cfg.hostname } },
          });
        }
        io.out(JSON.stringify(out.length === 1 ? out[0] : out, null, 2) + '\n');
        return 0;
      }
      case 'inspectp': {
        const id = args.find((a) => !a.startsWith('-'));
        const pr = [...k.pods.values()].find((p) => id && sandboxId(p).startsWith(id));
        if (!pr) return fatal(`getting the pod sandbox status for "${id}": rpc error: code = NotFound desc = an error occurred when try to find sandbox: not found`);
        const m = pr.pod.metadata ?? {};
        io.out(JSON.stringify({
          status: {
            id: sandboxId(pr), metadata: { attempt: 0, name: m.name, namespace: m.namespace, uid: pr.uid }, state: pr.terminated ? 'SANDBOX_NOTREADY' : 'SANDBOX_READY',
            createdAt: pr.startTime, network: { additionalIps: [], ip: pr.ip ?? '' },
            linux: { namespaces: { options: { ipc: 'POD', network: pr.pod.spec?.hostNetwork ? 'NODE' : 'POD', pid: 'CONTAINER' } } },
            labels: { ...(m.labels ?? {}), 'io.kubernetes.pod.name': m.name, 'io.kubernetes.pod.namespace': m.namespace, 'io.kubernetes.pod.uid': pr.uid },
            annotations: m.annotations ?? {}, runtimeHandler: '',
          },
        }, null, 2) + '\n');
        return 0;
      }
      case 'stop':
      case 'rm': {
        const force = bool(['-f', '--force']);
        const all = bool(['-a', '--all']);
        const ids = all ? containers().filter((c) => cmd === 'stop' || !c.r.current?.running || force).map((c) => c.id) : args.filter((a) => !a.startsWith('-'));
        let code = 0;
        for (const id of ids) {
          const hit = findContainer(id);
          if (hit.length !== 1) {
            io.err(`time="${new Date(now).toISOString()}" level=error msg="${cmd === 'stop' ? 'stopping' : 'removing'} the container \\"${id}\\": rpc error: code = NotFound desc = an error occurred when try to find container \\"${id}\\": not found"\n`);
            code = 1;
            continue;
          }
          const c = hit[0].r.current!;
          if (cmd === 'rm' && c.running && !force) {
            io.err(`time="${new Date(now).toISOString()}" level=error msg="removing the container \\"${id}\\": rpc error: code = Unknown desc = failed to set removing state for container \\"${c.cfg.id}\\": container is in running state, please stop it first"\n`);
            code = 1;
            continue;
          }
          c.signal('SIGTERM');
          setTimeout(() => c.signal('SIGKILL'), 2000).unref();
          io.out(`${id}\n`);
        }
        return code;
      }
      case 'exec': {
        const interactive = bool(['-i', '--interactive']);
        const tty = bool(['-t', '--tty']);
        bool(['-it', '-ti']);
        const id = args.shift();
        const hit = findContainer(id);
        if (!id) return fatal('ID cannot be empty');
        if (hit.length !== 1 || !hit[0].r.current?.running) return fatal(`execing command in container: rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found`);
        if (args[0] === '--') args.shift();
        if (!args.length) return fatal('command must be specified');
        void interactive;
        void tty;
        return relay(execArgv(hit[0].r.current, args), { env: hit[0].r.current.cfg.env }, io);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out('NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n\nCOMMANDS:\n   exec, images, info, inspect, inspectp, logs, pods, ps, pull, rm, rmi, rmp, stop, stopp, version\n');
        return 0;
      default:
        return fatal(`No help topic for '${cmd}'`);
    }
  };
}

