// The control-plane components that the controlplane kubelet's static pods run: when the kubelet
// starts the kube-scheduler or kube-controller-manager container, the runtime checks its command
// line as the real binary would (unknown flags, missing kubeconfig) and then runs the simulated
// component in-process until the container is stopped. Moving a manifest away stops scheduling or
// reconciling; a broken flag makes the container exit with the binary's error, and crash-loop.
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { KObject } from './kinds/types.ts';
import type { ComponentHandle } from './kubelet/index.ts';
import type { ResolvedImage } from './kubelet/images.ts';
import type { Ctx } from './controllers/framework.ts';
import { isNotFound } from './controllers/framework.ts';

/** What a component does while it runs; returns how to stop it. */
export type ComponentMain = (flags: Map<string, string>) => () => void;

export interface ComponentDef {
  /** The binary's name (argv[0] of the static pod's command). */
  binary: string;
  /** The flags the binary knows (any other is `unknown flag`). */
  flags: Set<string>;
  /** Flags naming files that must exist on the node. */
  fileFlags: string[];
  /** The leader-election Lease it holds in kube-system. */
  lease: string;
  /** First log lines, as the binary prints them at start. */
  startLines: string[];
}

const COMMON = ['v', 'vmodule', 'logging-format', 'log-flush-frequency', 'help', 'version', 'feature-gates', 'kubeconfig', 'master',
  'bind-address', 'secure-port', 'cert-dir', 'tls-cert-file', 'tls-private-key-file', 'tls-cipher-suites', 'tls-min-version',
  'authentication-kubeconfig', 'authorization-kubeconfig', 'authentication-skip-lookup', 'authorization-always-allow-paths',
  'client-ca-file', 'requestheader-client-ca-file', 'requestheader-allowed-names', 'requestheader-extra-headers-prefix',
  'requestheader-group-headers', 'requestheader-username-headers', 'leader-elect', 'leader-elect-lease-duration',
  'leader-elect-renew-deadline', 'leader-elect-retry-period', 'leader-elect-resource-lock', 'leader-elect-resource-name',
  'leader-elect-resource-namespace', 'kube-api-qps', 'kube-api-burst', 'kube-api-content-type', 'profiling', 'contention-profiling',
  'permit-port-sharing', 'permit-address-reuse', 'http2-max-streams-per-connection', 'emulated-version'];

export const COMPONENTS: ComponentDef[] = [
  {
    binary: 'kube-scheduler',
    flags: new Set([...COMMON, 'config', 'write-config-to', 'pod-max-in-unschedulable-pods-duration', 'show-hidden-metrics-for-version']),
    fileFlags: ['kubeconfig', 'authentication-kubeconfig', 'authorization-kubeconfig', 'config'],
    lease: 'kube-scheduler',
    startLines: ['serving.go:386] Generated self-signed cert in-memory', 'server.go:167] "Starting Kubernetes Scheduler" version="v1.35.2"', 'secure_serving.go:211] Serving securely on 127.0.0.1:10259', 'leaderelection.go:257] attempting to acquire leader lease kube-system/kube-scheduler...', 'leaderelection.go:271] successfully acquired lease kube-system/kube-scheduler'],
  },
  {
    binary: 'kube-controller-manager',
    flags: new Set([...COMMON, 'allocate-node-cidrs', 'cluster-cidr', 'cluster-name', 'cluster-signing-cert-file', 'cluster-signing-key-file',
      'cluster-signing-duration', 'controllers', 'root-ca-file', 'service-account-private-key-file', 'service-cluster-ip-range',
      'use-service-account-credentials', 'node-cidr-mask-size', 'node-monitor-grace-period', 'node-monitor-period', 'terminated-pod-gc-threshold',
      'concurrent-deployment-syncs', 'concurrent-replicaset-syncs', 'horizontal-pod-autoscaler-sync-period', 'configure-cloud-routes',
      'cloud-provider', 'pv-recycler-pod-template-filepath-hostpath', 'flex-volume-plugin-dir', 'enable-hostpath-provisioner']),
    fileFlags: ['kubeconfig', 'authentication-kubeconfig', 'authorization-kubeconfig', 'cluster-signing-cert-file', 'cluster-signing-key-file', 'root-ca-file', 'service-account-private-key-file'],
    lease: 'kube-controller-manager',
    startLines: ['serving.go:386] Generated self-signed cert in-memory', 'controllermanager.go:191] "Starting" version="v1.35.2"', 'secure_serving.go:211] Serving securely on 127.0.0.1:10257', 'leaderelection.go:257] attempting to acquire leader lease kube-system/kube-controller-manager...', 'leaderelection.go:271] successfully acquired lease kube-system/kube-controller-manager'],
  },
];

function klogLine(now: Date, text: string, level = 'I'): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const ts = `${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())} ${p(now.getUTCHours())}:${p(now.getUTCMinutes())}:${p(now.getUTCSeconds())}.${p(now.getUTCMilliseconds() * 1000, 6)}`;
  return `${level}${ts}       1 ${text}`;
}

/** Parses a Go (pflag) command line; the first problem is returned as the binary prints it. */
export function parseComponentFlags(def: ComponentDef, argv: string[]): { flags: Map<string, string>; error?: string } {
  const flags = new Map<string, string>();
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--?([^=]+)(?:=(.*))?$/.exec(a);
    if (!m) continue; // positional arguments are ignored by these binaries
    const name = m[1];
    if (!def.flags.has(name)) return { flags, error: `Error: unknown flag: --${name}` };
    flags.set(name, m[2] ?? 'true');
  }
  return { flags };
}

export interface ComponentHost {
  ctx: Ctx;
  /** Path of a node file as the runtime sees it (controlplane's tree). */
  path(p: string): string;
  /** Starts the component's work; returns how to stop it. */
  mains: Record<string, ComponentMain>;
  /** Writes a line to the container's log (stderr, as klog does). */
  log(pod: KObject, container: string, line: string): void;
  onChange(binary: string, running: boolean): void;
}

/** The kubelet's hook: what running a control-plane image's container means. */
export function componentRunner(host: ComponentHost) {
  return (pod: KObject, container: string, image: ResolvedImage): ComponentHandle | undefined => {
    const spec = (pod.spec?.containers ?? []).find((c: any) => c.name === container);
    const argv: string[] = [...(spec?.command ?? []), ...(spec?.args ?? [])];
    const def = COMPONENTS.find((d) => image.def.repo.endsWith(`/${d.binary}`));
    const main = def && host.mains[def.binary];
    if (!def || !main) return undefined;
    // another program named in the command: let the container run it (or fail to find it)
    if (argv.length && argv[0].split('/').pop() !== def.binary) return undefined;
    const exits: ((code: number) => void)[] = [];
    let stopped = false;
    let stopWork: (() => void) | undefined;
    let renew: { cancel(): void } | undefined;
    const end = (code: number) => {
      if (stopped) return;
      stopped = true;
      renew?.cancel();
      stopWork?.();
      if (stopWork) host.onChange(def.binary, false);
      setImmediate(() => exits.forEach((f) => f(code)));
    };
    const log = (text: string, level = 'I') => host.log(pod, container, klogLine(host.ctx.clock.now(), text, level));
    setImmediate(() => {
      if (stopped) return;
      const { flags, error } = parseComponentFlags(def, argv.length ? argv : [def.binary]);
      if (error) {
        host.log(pod, container, error);
        return end(1);
      }
      for (const f of def.fileFlags) {
        const file = flags.get(f);
        if (file && !existsSync(host.path(file))) {
          log(`run.go:72] "command failed" err="stat ${file}: no such file or directory"`, 'E');
          return end(1);
        }
      }
      for (const l of def.startLines) log(l);
      stopWork = main(flags);
      host.onChange(def.binary, true);
      if (flags.get('leader-elect') !== 'false') {
        const identity = `controlplane_${randomUUID()}`;
        void holdLease(host.ctx, def.lease, identity);
        renew = host.ctx.clock.every(10_000, () => void holdLease(host.ctx, def.lease, identity));
      }
    });
    return {
      stop: () => end(0),
      onExit: (fn) => exits.push(fn),
    };
  };
}

/** Takes or renews a leader-election Lease in kube-system. */
async function holdLease(ctx: Ctx, name: string, identity: string): Promise<void> {
  const now = ctx.clock.now().toISOString().replace('Z', '000Z');
  const cur = ctx.client.get('coordination.k8s.io/v1/leases', 'kube-system', name);
  try {
    if (!cur) {
      await ctx.client.create('coordination.k8s.io/v1/leases', {
        apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace: 'kube-system' },
        spec: { holderIdentity: identity, leaseDurationSeconds: 15, acquireTime: now, renewTime: now, leaseTransitions: 0 },
      });
      return;
    }
    const changed = cur.spec?.holderIdentity !== identity;
    await ctx.client.patch('coordination.k8s.io/v1/leases', 'kube-system', name, {
      spec: { holderIdentity: identity, renewTime: now, ...(changed ? { acquireTime: now, leaseTransitions: (cur.spec?.leaseTransitions ?? 0) + 1 } : {}) },
    });
  } catch (e) {
    if (!isNotFound(e)) ctx.log(`lease ${name}: ${(e as Error).message}`);
  }
}
