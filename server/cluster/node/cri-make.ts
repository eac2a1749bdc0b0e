// `crictl runp` and `crictl create`: pod sandboxes and containers made by hand from crictl's
// config files (JSON or YAML, the CRI's PodSandboxConfig and ContainerConfig, snake_case or
// camelCase keys), checked as crictl and containerd's CRI check them.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { PodRuntime } from '../kubelet/kubelet.ts';
import { newContainerId, type Mount } from '../kubelet/containerd.ts';
import { parseImageRef, resolveImage } from '../kubelet/images.ts';
import type { HandContainer, NodeRuntime, PodSandbox } from '../kubelet/handmade.ts';

const usage = (name: string, what: string, args: string, options = '') =>
  `NAME:\n   crictl ${name} - ${what}\n\nUSAGE:\n   crictl ${name} [command options] ${args}\n${options ? `\nOPTIONS:\n${options}` : ''}`;

export const CRICTL_HELP = {
  runp: usage('runp', 'Run a new pod', 'pod-config.[json|yaml]', '   --runtime value, -r value          Runtime handler to use. Available options are defined by the container runtime.\n   --cancel-timeout value, -T value   Seconds to wait for a run pod sandbox request to complete before cancelling the request (default: 0s)\n   --help, -h                         show help\n'),
  create: usage('create', 'Create a new container', 'POD container-config.[json|yaml] pod-config.[json|yaml]', '   --no-pull     Do not pull the image on container creation (overrides pull-image-on-create=true in config) (default: false)\n   --with-pull   Pull the image on container creation (overrides pull-image-on-create=false in config) (default: false)\n   --help, -h    show help\n'),
  stopp: usage('stopp', 'Stop one or more running pods', 'POD-ID [POD-ID...]'),
  rmp: usage('rmp', 'Remove one or more pods', 'POD-ID [POD-ID...]', '   --force, -f  Force removal of the pod sandbox, disregarding if running (default: false)\n   --all, -a    Remove all pods (default: false)\n   --help, -h   show help\n'),
  rm: usage('rm', 'Remove one or more containers', 'CONTAINER-ID [CONTAINER-ID...]', '   --force, -f      Force removal of the container, disregarding if running (default: false)\n   --keep-logs, -k  Preserve the container log file and its rotations (default: false)\n   --all, -a        Remove all containers (default: false)\n   --help, -h       show help\n'),
};

/** A config field under its snake_case or camelCase name. */
function field(o: any, snake: string): any {
  if (!o || typeof o !== 'object') return undefined;
  const camel = snake.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
  return o[snake] ?? o[camel];
}

/** A message as Go's %q prints a CRI protobuf message (its text form). */
function protoText(o: Record<string, unknown>): string {
  return JSON.stringify(Object.entries(o).filter(([, v]) => v !== undefined && v !== '' && v !== 0).map(([k, v]) => `${k}:${typeof v === 'string' ? JSON.stringify(v) : v}`).join(' '));
}

function loadConfig(rt: NodeRuntime, path: string, cwd: string | undefined): any | string {
  const abs = rt.path(path, cwd);
  if (!existsSync(abs)) return `config at ${path} not found`;
  try {
    const v = parseYaml(readFileSync(abs, 'utf8'));
    return v && typeof v === 'object' ? v : 'error unmarshaling JSON: json: cannot unmarshal string into Go value';
  } catch (e) {
    return `error converting YAML to JSON: ${(e as Error).message.split('\n')[0]}`;
  }
}

interface SandboxConfig {
  name: string;
  namespace: string;
  uid: string;
  attempt: number;
  hostname?: string;
  logDirectory?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** crictl's loadPodSandboxConfig: the sandbox's metadata, or the error crictl gives. */
function podSandboxConfig(rt: NodeRuntime, path: string, cwd: string | undefined): SandboxConfig | string {
  const cfg = loadConfig(rt, path, cwd);
  if (typeof cfg === 'string') return cfg;
  const md = cfg.metadata;
  if (!md || typeof md !== 'object') return 'metadata is not set';
  const uid = String(md.uid || randomUUID());
  if (!md.name || !md.namespace) return `name or namespace is not in metadata ${protoText({ name: md.name, uid, namespace: md.namespace, attempt: md.attempt })}`;
  return {
    name: String(md.name), namespace: String(md.namespace), uid, attempt: Number(md.attempt ?? 0) || 0,
    hostname: field(cfg, 'hostname') || undefined, logDirectory: field(cfg, 'log_directory') || undefined,
    labels: { ...(cfg.labels ?? {}) }, annotations: { ...(cfg.annotations ?? {}) },
  };
}

/** `crictl runp FILE`: the new sandbox, or crictl's error text. */
export async function runPodSandbox(rt: NodeRuntime, path: string, cwd: string | undefined, nodeName: string): Promise<PodSandbox | string> {
  const cfg = podSandboxConfig(rt, path, cwd);
  if (typeof cfg === 'string') return `load podSandboxConfig: ${cfg}`;
  const full = `${cfg.name}_${cfg.namespace}_${cfg.uid}_${cfg.attempt}`;
  const taken = [...rt.sandboxes.values()].find((s) => `${s.name}_${s.namespace}_${s.uid}_${s.attempt}` === full);
  if (taken) return `run pod sandbox: rpc error: code = Unknown desc = failed to reserve sandbox name "${full}": name "${full}" is reserved for "${taken.id}"`;
  return rt.runSandbox({
    id: newContainerId(), name: cfg.name, namespace: cfg.namespace, uid: cfg.uid, attempt: cfg.attempt,
    hostname: cfg.hostname ?? nodeName, logDirectory: cfg.logDirectory, labels: cfg.labels, annotations: cfg.annotations,
  });
}

export interface CreateRequest {
  /** The POD argument as given. */
  podId: string;
  /** The sandbox it names: one made by hand, or a kubelet pod's. */
  pod?: PodSandbox | { pr: PodRuntime; id: string };
  configPath: string;
  podConfigPath: string;
  cwd?: string;
  withPull: boolean;
  nodeName: string;
  /** The containers the sandbox has (for name reservation). */
  existing: { id: string; name: string; attempt: number }[];
}

/** `crictl create POD CONTAINER-CONFIG POD-CONFIG`: the new container, or the error after "creating container: ". */
export async function createContainer(rt: NodeRuntime, o: CreateRequest): Promise<HandContainer | string> {
  const cfg = loadConfig(rt, o.configPath, o.cwd);
  if (typeof cfg === 'string') return cfg;
  const md = cfg.metadata;
  if (!md || typeof md !== 'object') return 'metadata is not set';
  if (!md.name) return `name is not in metadata ${protoText({ name: md.name, attempt: md.attempt })}`;
  const image = cfg.image;
  if (!image || typeof image !== 'object') return 'image is not set';
  const ref = String(image.image ?? '');
  if (!ref) return `image field is not set in image ${protoText({ image: ref })}`;
  const podCfg = podSandboxConfig(rt, o.podConfigPath, o.cwd);
  if (typeof podCfg === 'string') return podCfg;
  if (o.withPull) {
    const r = resolveImage(ref);
    if (!r.ok) return `failed to pull image "${ref}": ${r.message}`;
    rt.images('k8s.io').set(r.image.full, r.image);
  }
  if (!o.pod) return `rpc error: code = NotFound desc = failed to find sandbox id "${o.podId}": not found`;
  const sb = 'pr' in o.pod ? undefined : o.pod;
  const pr = 'pr' in o.pod ? o.pod.pr : undefined;
  const ready = sb ? sb.ready : !!pr && pr.sandboxReady && !pr.terminated;
  if (!ready) return `rpc error: code = Unknown desc = sandbox container "${o.pod.id}" is not running`;
  // the image must be there already (containerd's local resolve)
  const parsed = parseImageRef(ref);
  const img = parsed ? rt.images('k8s.io').get(`${parsed.repo}:${parsed.tag}`) : undefined;
  if (!img) return `rpc error: code = NotFound desc = failed to resolve image "${ref}": not found`;
  const attempt = Number(md.attempt ?? 0) || 0;
  const meta = sb ?? { name: pr!.pod.metadata?.name, namespace: pr!.pod.metadata?.namespace, uid: pr!.uid };
  const fullName = `${md.name}_${meta.name}_${meta.namespace}_${meta.uid}_${attempt}`;
  const taken = o.existing.find((c) => c.name === md.name && c.attempt === attempt);
  if (taken) return `rpc error: code = Unknown desc = failed to reserve container name "${fullName}": name "${fullName}" is reserved for "${taken.id}"`;
  const hostname = sb ? sb.hostname : String(pr!.pod.spec?.hostname || pr!.pod.metadata?.name);
  const env: Record<string, string> = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };
  for (const [key, v] of Object.entries(img.def.env ?? {})) env[key] = v.replace(/\{\{version\}\}/g, img.version);
  env.HOSTNAME = hostname;
  for (const e of cfg.envs ?? []) if (e?.key) env[String(e.key)] = String(e.value ?? '');
  // Kubernetes' rules: command replaces the entrypoint, args the image's command
  const command: string[] = (cfg.command ?? []).map(String);
  const args: string[] = (cfg.args ?? []).map(String);
  const entry = img.def.entrypoint ?? [];
  const argv = command.length ? [...command, ...args] : args.length ? [...entry, ...args] : [...entry, ...(img.def.cmd ?? [])];
  const files = sb
    ? { hosts: join(sb.dir, 'hosts'), resolv: join(sb.dir, 'resolv.conf'), hostname: join(sb.dir, 'hostname') }
    : { hosts: join(pr!.podDir, 'etc-hosts'), resolv: join(pr!.podDir, 'resolv.conf'), hostname: join(pr!.podDir, 'hostname') };
  const mounts: Mount[] = [
    { src: files.hostname, dst: '/etc/hostname' },
    { src: files.hosts, dst: '/etc/hosts' },
    { src: files.resolv, dst: '/etc/resolv.conf' },
  ];
  for (const m of cfg.mounts ?? []) {
    const dst = field(m, 'container_path');
    const src = field(m, 'host_path');
    if (dst && src) mounts.push({ src: rt.path(String(src)), dst: String(dst), readOnly: !!field(m, 'readonly') });
  }
  const logDir = sb?.logDirectory;
  const logFile = field(cfg, 'log_path');
  const id = newContainerId();
  return rt.create({
    ns: 'k8s.io', id, owner: 'cri', image: img, imageName: img.full, argv: argv.length ? argv : ['sh'], env, hostname,
    workingDir: field(cfg, 'working_dir') || img.def.workingDir, mounts, stdin: !!cfg.stdin, tty: !!cfg.tty,
    logPath: logDir && logFile ? join(rt.path(logDir), String(logFile)) : undefined,
    extra: { sandboxId: o.pod.id, criName: String(md.name), attempt, labels: { ...(cfg.labels ?? {}) }, annotations: { ...(cfg.annotations ?? {}) } },
  });
}
