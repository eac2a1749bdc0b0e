// crictl on a node: what that node's container runtime runs through the CRI (the kubelet's pod
// sandboxes and containers, static pods included, and those made by hand with runp/create/start) in
// crictl's own table and JSON shapes: ps, pods, images, logs, inspect, inspectp, exec, runp, create,
// start, stop, stopp, rm, rmp, pull, rmi, info, version. Containers that `ctr run` or `nerdctl run`
// made are not the CRI's: crictl never lists them.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import type { ToolHandler, ToolIO } from './service.ts';
import type { Kubelet } from '../kubelet/index.ts';
import type { ContainerRecord, PodRuntime } from '../kubelet/kubelet.ts';
import { execArgv, removeRootfs, type Container } from '../kubelet/containerd.ts';
import { resolveImage, type ResolvedImage } from '../kubelet/images.ts';
import { exited, isRemoved, markRemoved, nodeRuntime, type HandContainer, type PodSandbox } from '../kubelet/handmade.ts';
import { createContainer, runPodSandbox, CRICTL_HELP } from './cri-make.ts';
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

/** A container as the CRI lists it. */
interface Row {
  /** This instance of the container. */
  c: Container;
  id: string;
  name: string;
  attempt: number;
  image?: ResolvedImage;
  userImage: string;
  podId: string;
  podName: string;
  podNs: string;
  podUid: string;
  created: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The kubelet's record, for its containers. */
  pr?: PodRuntime;
  r?: ContainerRecord;
  /** The container made by hand. */
  h?: HandContainer;
}

/** A pod sandbox as the CRI lists it. */
interface Pod {
  id: string;
  name: string;
  namespace: string;
  uid: string;
  attempt: number;
  ready: boolean;
  created: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  ip: string;
  hostNetwork: boolean;
  pr?: PodRuntime;
  sb?: PodSandbox;
}

export function splitRef(full: string): { repo: string; tag: string } {
  const at = full.lastIndexOf(':');
  return at > full.lastIndexOf('/') ? { repo: full.slice(0, at), tag: full.slice(at + 1) } : { repo: full, tag: 'latest' };
}

const state = (c: Container | undefined) => (c?.running ? 'Running' : c?.exit ? 'Exited' : 'Created');

export function crictlTool(kubelet: (node: string) => Kubelet | undefined, clock: Clock): ToolHandler {
  return async (req, io) => {
    const k = kubelet(req.node);
    const args = [...req.args];
    // global flags
    for (let i = 0; i < args.length; i++) {
      if (['-r', '--runtime-endpoint', '-i', '--image-endpoint', '--timeout', '-t', '--config'].includes(args[i])) args.splice(i--, 2);
      else if (/^--(runtime-endpoint|image-endpoint|timeout|config)=/.test(args[i]) || args[i] === '--debug' || args[i] === '-D') args.splice(i--, 1);
      else if (!args[i].startsWith('-')) break;
    }
    const cmd = args.shift();
    if (!k || !k.runtimeUp) {
      io.err('time="" level=fatal msg="validate service connection: validate CRI v1 runtime API for endpoint \\"unix:///run/containerd/containerd.sock\\": rpc error: code = Unavailable desc = connection error"\n');
      return 1;
    }
    const rt = nodeRuntime(k);
    const now = clock.ms();
    const pods = (): Pod[] => {
      const out: Pod[] = [];
      for (const pr of k.pods.values()) {
        if (!pr.sandboxReady && !pr.sandboxStarting) continue;
        const m = pr.pod.metadata ?? {};
        out.push({
          id: sandboxId(pr), name: m.name, namespace: m.namespace, uid: pr.uid, attempt: 0, ready: !pr.terminated, created: Date.parse(pr.startTime ?? '') || now,
          labels: { ...(m.labels ?? {}), 'io.kubernetes.pod.name': m.name, 'io.kubernetes.pod.namespace': m.namespace, 'io.kubernetes.pod.uid': pr.uid },
          annotations: m.annotations ?? {}, ip: pr.ip ?? '', hostNetwork: !!pr.pod.spec?.hostNetwork, pr,
        });
      }
      for (const sb of rt.sandboxes.values()) {
        out.push({ id: sb.id, name: sb.name, namespace: sb.namespace, uid: sb.uid, attempt: sb.attempt, ready: sb.ready, created: sb.createdAt, labels: sb.labels, annotations: sb.annotations, ip: '', hostNetwork: false, sb });
      }
      return out.sort((a, b) => b.created - a.created);
    };
    const containers = (): Row[] => {
      const out: Row[] = [];
      for (const pr of k.pods.values()) {
        const m = pr.pod.metadata ?? {};
        for (const r of pr.records.values()) {
          const row = (c: Container, attempt: number): Row => ({
            c, id: c.cfg.id, name: r.name, attempt, image: r.image, userImage: r.spec?.image ?? '', podId: sandboxId(pr), podName: m.name, podNs: m.namespace, podUid: pr.uid,
            created: c.startedAt.getTime(), pr, r,
            labels: { 'io.kubernetes.container.name': r.name, 'io.kubernetes.pod.name': m.name, 'io.kubernetes.pod.namespace': m.namespace, 'io.kubernetes.pod.uid': pr.uid },
            annotations: { 'io.kubernetes.container.restartCount': String(attempt) },
          });
          // (what was removed by hand is gone, even before the kubelet notices)
          if (r.current && !isRemoved(r.current)) out.push(row(r.current, r.restartCount));
          // the kubelet keeps the previous instance of a restarted container (for logs --previous)
          if (r.previous && !isRemoved(r.previous)) out.push(row(r.previous, Math.max(0, r.restartCount - 1)));
        }
      }
      for (const h of rt.containers.values()) {
        if (h.owner !== 'cri') continue;
        const pod = pods().find((p) => p.id === h.sandboxId);
        out.push({
          c: h.cont, id: h.id, name: h.criName ?? '', attempt: h.attempt ?? 0, image: h.image, userImage: h.imageName, podId: h.sandboxId ?? '', podName: pod?.name ?? '', podNs: pod?.namespace ?? '', podUid: pod?.uid ?? '',
          created: h.createdAt, labels: h.labels ?? {}, annotations: h.annotations ?? {}, h,
        });
      }
      return out.sort((a, b) => b.created - a.created);
    };
    const fatal = (msg: string) => {
      io.err(`time="${new Date(now).toISOString()}" level=fatal msg=${JSON.stringify(msg)}\n`);
      return 1;
    };
    const logError = (msg: string) => io.err(`time="${new Date(now).toISOString()}" level=error msg=${JSON.stringify(msg)}\n`);
    const findContainer = (id?: string) => (id ? containers().filter((c) => c.id.startsWith(id)) : []);
    const findPod = (id?: string) => (id ? pods().filter((p) => p.id.startsWith(id)) : []);
    const ctrNotFound = (id: string) => `rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found`;
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
      let hit = false;
      for (let i = args.findIndex((a) => names.includes(a)); i >= 0; i = args.findIndex((a) => names.includes(a))) {
        args.splice(i, 1);
        hit = true;
      }
      return hit;
    };
    /** `rm`/`rmp` without ids: with --all there was nothing to remove; otherwise the command's help. */
    const nothingToRemove = (all: boolean, what: string, help: string): number => {
      if (all) io.err(`time="${new Date(now).toISOString()}" level=info msg="No ${what} to remove"\n`);
      else io.out(help);
      return 0;
    };
    /** StopContainer with a timeout in seconds (0: SIGKILL at once); resolves once it has exited. */
    const stopContainer = async (row: Row, timeout: number) => {
      const c = row.c;
      if (!c.running) return;
      if (row.r && row.r.current === c) row.r.killing = undefined;
      if (timeout > 0) {
        c.signal('SIGTERM');
        const t = clock.after(timeout * 1000, () => c.signal('SIGKILL'));
        c.onExit(() => t.cancel());
      } else c.signal('SIGKILL');
      await Promise.race([exited(c), new Promise((r) => setTimeout(r, 5000))]);
    };
    /** RemoveContainer: gone from the runtime (the kubelet will notice), with its root filesystem. */
    const removeContainer = (row: Row) => {
      if (row.h) return rt.remove(row.h);
      markRemoved(row.c);
      if (row.r?.previous === row.c) row.r.previous = undefined;
      removeRootfs(row.c.rootfs);
    };
    const stopPod = async (p: Pod) => {
      if (p.sb) return rt.stopSandbox(p.sb);
      // the kubelet's pod: its containers are killed (the kubelet starts them again)
      await Promise.all(containers().filter((c) => c.podId === p.id && c.c.running).map((c) => stopContainer(c, 0)));
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
        const noTrunc = bool(['--no-trunc']);
        let rows = containers().filter((c) => (all || st ? true : state(c.c) === 'Running'));
        if (st) rows = rows.filter((c) => state(c.c).toLowerCase() === st.toLowerCase().replace(/^container_/, ''));
        if (name) {
          const re = new RegExp(name);
          rows = rows.filter((c) => re.test(c.name));
        }
        if (pod) rows = rows.filter((c) => c.podId.startsWith(pod));
        if (latest) rows = rows.slice(0, 1);
        if (quiet) {
          if (rows.length) io.out(rows.map((c) => c.id).join('\n') + '\n');
          return 0;
        }
        if (output === 'json') {
          io.out(JSON.stringify({
            containers: rows.map((c) => ({
              id: c.id, podSandboxId: c.podId, metadata: { name: c.name, attempt: c.attempt },
              image: { image: c.image?.full ?? '', annotations: {}, userSpecifiedImage: c.userImage }, imageRef: `sha256:${imageId(c.image?.full ?? '')}`,
              state: `CONTAINER_${state(c.c).toUpperCase()}`, createdAt: String(c.created * 1e6), labels: c.labels, annotations: c.annotations,
            })),
          }, null, 2) + '\n');
          return 0;
        }
        if (output && output !== 'table') return fatal(`unsupported output format "${output}"`);
        const cut = (s: string) => (noTrunc ? s : s.slice(0, 13));
        io.out(table([
          ['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE'],
          ...rows.map((c) => [cut(c.id), cut(imageId(c.image?.full ?? '')), humanAgo(now - c.created), state(c.c), c.name, String(c.attempt), cut(c.podId), c.podName, c.podNs]),
        ]));
        return 0;
      }
      case 'pods': {
        const quiet = bool(['-q', '--quiet']);
        const name = flag(['--name']);
        const ns = flag(['--namespace']);
        const st = flag(['--state', '-s']);
        const id = flag(['--id']);
        const noTrunc = bool(['--no-trunc']);
        let ps = pods();
        if (name) ps = ps.filter((p) => new RegExp(name).test(p.name));
        if (ns) ps = ps.filter((p) => new RegExp(ns).test(p.namespace));
        if (id) ps = ps.filter((p) => p.id.startsWith(id));
        if (st) ps = ps.filter((p) => (p.ready ? 'ready' : 'notready') === st.toLowerCase().replace(/^sandbox_/, ''));
        if (quiet) {
          if (ps.length) io.out(ps.map((p) => p.id).join('\n') + '\n');
          return 0;
        }
        io.out(table([
          ['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME'],
          ...ps.map((p) => [noTrunc ? p.id : p.id.slice(0, 13), humanAgo(now - p.created), p.ready ? 'Ready' : 'NotReady', p.name, p.namespace, String(p.attempt), '(default)']),
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
            logError(`no such image ${ref} present`);
            code = 1;
            continue;
          }
          if (containers().some((c) => c.image?.full === hit.full && c.c.running)) {
            logError(`error of removing image "${ref}": rpc error: code = Unknown desc = image is in use`);
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
        if (hit.length !== 1) return fatal(`failed to get container status "${id}": ${ctrNotFound(id)}`);
        const { r, c: inst } = hit[0];
        const path = previous && r && r.restartCount > 0 ? inst.cfg.logPath.replace(/\d+\.log$/, `${r.restartCount - 1}.log`) : inst.cfg.logPath;
        return streamLog(io, path, { tail, follow, timestamps, running: () => inst.running });
      }
      case 'inspect': {
        const ids = args.filter((a) => !a.startsWith('-'));
        const out: unknown[] = [];
        for (const id of ids) {
          const hit = findContainer(id);
          if (hit.length !== 1) return fatal(`getting the status of the container "${id}": ${ctrNotFound(id)}`);
          const row = hit[0];
          const c = row.c;
          const st = state(c);
          out.push({
            status: {
              id: c.cfg.id, metadata: { attempt: row.attempt, name: row.name },
              state: `CONTAINER_${st.toUpperCase()}`,
              createdAt: new Date(row.created).toISOString(), startedAt: st === 'Created' ? '1970-01-01T00:00:00Z' : c.startedAt.toISOString(), finishedAt: c.exit ? c.exit.finishedAt.toISOString() : '0001-01-01T00:00:00Z',
              exitCode: c.exit?.exitCode ?? 0, image: { image: row.image?.full }, imageRef: row.image?.imageID,
              reason: c.exit ? (c.exit.exitCode === 0 ? 'Completed' : 'Error') : '',
              labels: row.labels, annotations: row.annotations,
              mounts: c.cfg.mounts.filter((m) => m.dst !== '/bin').map((m) => ({ containerPath: m.dst, hostPath: m.src, readonly: !!m.readOnly })),
              logPath: c.cfg.logPath,
            },
            info: { sandboxID: row.podId, pid: c.pid, runtimeSpec: { process: { args: c.cfg.argv, env: Object.entries(c.cfg.env).map(([a, b]) => `${a}=${b}`), cwd: c.cfg.workingDir || '/' }, hostname: c.cfg.hostname } },
          });
        }
        io.out(JSON.stringify(out.length === 1 ? out[0] : out, null, 2) + '\n');
        return 0;
      }
      case 'inspectp': {
        const id = args.find((a) => !a.startsWith('-'));
        const p = findPod(id)[0];
        if (!p) return fatal(`getting the pod sandbox status for "${id}": rpc error: code = NotFound desc = an error occurred when try to find sandbox: not found`);
        io.out(JSON.stringify({
          status: {
            id: p.id, metadata: { attempt: p.attempt, name: p.name, namespace: p.namespace, uid: p.uid }, state: p.ready ? 'SANDBOX_READY' : 'SANDBOX_NOTREADY',
            createdAt: new Date(p.created).toISOString(), network: { additionalIps: [], ip: p.ip },
            linux: { namespaces: { options: { ipc: 'POD', network: p.hostNetwork ? 'NODE' : 'POD', pid: 'CONTAINER' } } },
            labels: p.labels, annotations: p.annotations, runtimeHandler: '',
          },
        }, null, 2) + '\n');
        return 0;
      }
      case 'stop': {
        const timeout = Number(flag(['--timeout', '-t']) ?? 0);
        const all = bool(['-a', '--all']);
        const ids = all ? containers().filter((c) => c.c.running).map((c) => c.id) : args.filter((a) => !a.startsWith('-'));
        if (all && !ids.length) {
          io.out('No running containers found.\n');
          return 0;
        }
        if (!ids.length) return fatal('ID cannot be empty');
        for (const id of ids) {
          const hit = findContainer(id);
          if (hit.length !== 1) return fatal(`stopping the container "${id}": ${ctrNotFound(id)}`);
          await stopContainer(hit[0], timeout);
          io.out(`${id}\n`);
        }
        return 0;
      }
      case 'rm': {
        const force = bool(['-f', '--force']);
        const keepLogs = bool(['-k', '--keep-logs']);
        const all = bool(['-a', '--all']);
        const ids = all ? containers().map((c) => c.id) : args.filter((a) => !a.startsWith('-'));
        if (!ids.length) return nothingToRemove(all, 'containers', CRICTL_HELP.rm);
        const errs: string[] = [];
        for (const id of ids) {
          const hit = findContainer(id);
          if (hit.length !== 1) {
            errs.push(`getting container status "${id}": ${ctrNotFound(id)}`);
            continue;
          }
          const row = hit[0];
          if (row.c.running) {
            if (!force) {
              errs.push(`container "${id}" is running, please stop it first`);
              continue;
            }
            await stopContainer(row, 0);
            io.out(`${id}\n`);
          }
          removeContainer(row);
          io.out(`${id}\n`);
          if (!keepLogs) for (const f of [row.c.cfg.logPath]) rmSync(f, { force: true });
        }
        return errs.length ? fatal(errs.join('\n')) : 0;
      }
      case 'runp': {
        flag(['--runtime', '-r']);
        flag(['--cancel-timeout', '-T']);
        const file = args.filter((a) => !a.startsWith('-'));
        if (file.length !== 1) {
          io.out(CRICTL_HELP.runp);
          return 0;
        }
        const r = await runPodSandbox(rt, file[0], req.cwd, k.node.name);
        if (typeof r === 'string') return fatal(r);
        io.out(`${r.id}\n`);
        return 0;
      }
      case 'create': {
        const noPull = bool(['--no-pull']);
        const withPull = bool(['--with-pull']);
        for (const f of ['--creds', '--auth', '--username', '-u', '--cancel-timeout', '-T', '--pull-timeout']) flag([f]);
        const rest = args.filter((a) => !a.startsWith('-'));
        if (rest.length !== 3) {
          io.out(CRICTL_HELP.create);
          return 0;
        }
        if (noPull && withPull) return fatal('conflict: no-pull and with-pull are both set');
        const pod = findPod(rest[0]);
        const r = await createContainer(rt, {
          podId: rest[0], pod: pod.length === 1 ? (pod[0].sb ?? { pr: pod[0].pr!, id: pod[0].id }) : undefined,
          configPath: rest[1], podConfigPath: rest[2], cwd: req.cwd, withPull, nodeName: k.node.name, existing: containers().filter((c) => c.podId === pod[0]?.id).map((c) => ({ id: c.id, name: c.name, attempt: c.attempt })),
        });
        if (typeof r === 'string') return fatal(`creating container: ${r}`);
        io.out(`${r.id}\n`);
        return 0;
      }
      case 'start': {
        const ids = args.filter((a) => !a.startsWith('-'));
        if (!ids.length) return fatal('ID cannot be empty');
        for (const id of ids) {
          const hit = findContainer(id);
          if (hit.length !== 1) return fatal(`starting the container "${id}": ${ctrNotFound(id)}`);
          const row = hit[0];
          const st = state(row.c);
          if (st !== 'Created' || !row.h) return fatal(`starting the container "${id}": rpc error: code = Unknown desc = failed to set starting state for container "${row.id}": container is in CONTAINER_${st.toUpperCase()} state`);
          const sb = rt.sandboxes.get(row.podId);
          const kubeletPod = pods().find((p) => p.id === row.podId && p.pr);
          if (!(sb?.ready || kubeletPod?.ready)) return fatal(`starting the container "${id}": rpc error: code = Unknown desc = sandbox container "${row.podId}" is not running`);
          const err = await rt.start(row.h);
          if (err) {
            row.h.cont.finish({ exitCode: 128, finishedAt: clock.now() });
            return fatal(`starting the container "${id}": rpc error: code = Unknown desc = failed to create containerd task: ${err}`);
          }
          io.out(`${id}\n`);
        }
        return 0;
      }
      case 'stopp': {
        const ids = args.filter((a) => !a.startsWith('-'));
        if (!ids.length) {
          io.out(CRICTL_HELP.stopp);
          return 0;
        }
        for (const id of ids) {
          const p = findPod(id);
          // StopPodSandbox is idempotent: an unknown sandbox is already stopped
          if (p.length === 1) await stopPod(p[0]);
          io.out(`Stopped sandbox ${id}\n`);
        }
        return 0;
      }
      case 'rmp': {
        const force = bool(['-f', '--force']);
        const all = bool(['-a', '--all']);
        const ids = all ? pods().map((p) => p.id) : args.filter((a) => !a.startsWith('-'));
        if (!ids.length) return nothingToRemove(all, 'pods', CRICTL_HELP.rmp);
        const errs: string[] = [];
        for (const id of ids) {
          const hit = findPod(id);
          if (hit.length !== 1) {
            errs.push(`getting sandbox status of pod "${id}": rpc error: code = NotFound desc = an error occurred when try to find sandbox: not found`);
            continue;
          }
          const p = hit[0];
          if (p.ready) {
            if (!force) {
              errs.push(`pod sandbox "${id}" is running, please stop it first`);
              continue;
            }
            await stopPod(p);
            io.out(`Stopped sandbox ${id}\n`);
          }
          if (p.sb) await rt.removeSandbox(p.sb);
          else for (const c of containers().filter((x) => x.podId === p.id)) removeContainer(c);
          io.out(`Removed sandbox ${id}\n`);
        }
        return errs.length ? fatal(errs.join('\n')) : 0;
      }
      case 'exec': {
        bool(['-i', '--interactive']);
        bool(['-t', '--tty']);
        bool(['-it', '-ti']);
        const id = args.shift();
        const hit = findContainer(id);
        if (!id) return fatal('ID cannot be empty');
        if (hit.length !== 1 || !hit[0].c.running) return fatal(`execing command in container: ${ctrNotFound(id)}`);
        if (args[0] === '--') args.shift();
        if (!args.length) return fatal('command must be specified');
        return relay(execArgv(hit[0].c, args), { env: hit[0].c.cfg.env }, io);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out('NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n\nCOMMANDS:\n   create, exec, images, info, inspect, inspectp, logs, pods, ps, pull, rm, rmi, rmp, runp, start, stop, stopp, version\n');
        return 0;
      default:
        return fatal(`No help topic for '${cmd}'`);
    }
  };
}

/** Prints a CRI log file (crictl logs), following it while the container runs if asked. */
function streamLog(io: ToolIO, path: string, o: { tail?: string; follow: boolean; timestamps: boolean; running: () => boolean }): Promise<number> | number {
  const emit = (text: string) => {
    let lines = text.split('\n').filter(Boolean);
    if (o.tail !== undefined && Number(o.tail) >= 0) lines = lines.slice(lines.length - Number(o.tail));
    for (const l of lines) {
      const m = /^(\S+) (stdout|stderr) [PF] (.*)$/.exec(l);
      if (!m) continue;
      const out = `${o.timestamps ? `${m[1]} ` : ''}${m[3]}\n`;
      if (m[2] === 'stdout') io.out(out);
      else io.err(out);
    }
  };
  const read = () => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  const text = read();
  let seen = text.length;
  emit(text);
  if (!o.follow) return 0;
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
      if (!o.running()) {
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
