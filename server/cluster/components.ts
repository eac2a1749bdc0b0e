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
/** What a component does while it runs; returns how to stop it. `fail` ends it with a fatal log line. */
export type ComponentMain = (flags: Map<string, string>, fail: (line: string) => void) => () => void;

export interface ComponentDef {
  /** The binary's name (argv[0] of the static pod's command). */
  binary: string;
  /** The flags the binary knows (any other is `unknown flag`). */
  flags: Set<string>;
  /** Flags naming files that must exist on the node. */
  fileFlags: string[];
  /** The error a missing file of a flag gives (%s: the path); default `stat <path>: no such file or directory`. */
  fileErrors?: Record<string, string>;
  /** The leader-election Lease it holds in kube-system (none: no leader election). */
  lease?: string;
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

const APISERVER_FLAGS = ['advertise-address', 'allow-privileged', 'anonymous-auth', 'api-audiences', 'audit-log-maxage', 'audit-log-maxbackup',
  'audit-log-maxsize', 'audit-log-path', 'audit-log-format', 'audit-policy-file', 'audit-webhook-config-file', 'authentication-config',
  'authentication-token-webhook-config-file', 'authorization-config', 'authorization-mode', 'authorization-policy-file',
  'authorization-webhook-config-file', 'bind-address', 'cert-dir', 'client-ca-file', 'cloud-provider', 'cors-allowed-origins',
  'default-not-ready-toleration-seconds', 'default-unreachable-toleration-seconds', 'delete-collection-workers', 'disable-admission-plugins',
  'egress-selector-config-file', 'enable-admission-plugins', 'enable-aggregator-routing', 'enable-bootstrap-token-auth',
  'enable-garbage-collector', 'enable-priority-and-fairness', 'encryption-provider-config', 'encryption-provider-config-automatic-reload',
  'endpoint-reconciler-type', 'etcd-cafile', 'etcd-certfile', 'etcd-compaction-interval', 'etcd-count-metric-poll-period', 'etcd-keyfile',
  'etcd-prefix', 'etcd-servers', 'etcd-servers-overrides', 'event-ttl', 'external-hostname', 'feature-gates', 'goaway-chance', 'help',
  'kubelet-certificate-authority', 'kubelet-client-certificate', 'kubelet-client-key', 'kubelet-preferred-address-types', 'kubelet-timeout',
  'livez-grace-period', 'log-flush-frequency', 'logging-format', 'max-connection-bytes-per-sec', 'max-mutating-requests-inflight',
  'max-requests-inflight', 'min-request-timeout', 'oidc-ca-file', 'oidc-client-id', 'oidc-groups-claim', 'oidc-issuer-url',
  'oidc-username-claim', 'permit-address-reuse', 'permit-port-sharing', 'profiling', 'proxy-client-cert-file', 'proxy-client-key-file',
  'request-timeout', 'requestheader-allowed-names', 'requestheader-client-ca-file', 'requestheader-extra-headers-prefix',
  'requestheader-group-headers', 'requestheader-username-headers', 'runtime-config', 'secure-port', 'service-account-extend-token-expiration',
  'service-account-issuer', 'service-account-jwks-uri', 'service-account-key-file', 'service-account-lookup', 'service-account-max-token-expiration',
  'service-account-signing-key-file', 'service-cluster-ip-range', 'service-node-port-range', 'shutdown-delay-duration',
  'shutdown-send-retry-after', 'storage-backend', 'storage-media-type', 'strict-transport-security-directives', 'tls-cert-file',
  'tls-cipher-suites', 'tls-min-version', 'tls-private-key-file', 'tls-sni-cert-key', 'token-auth-file', 'tracing-config-file', 'v',
  'vmodule', 'version', 'watch-cache', 'watch-cache-sizes', 'emulated-version'];

export const COMPONENTS: ComponentDef[] = [
  {
    binary: 'kube-apiserver',
    flags: new Set(APISERVER_FLAGS),
    fileFlags: ['client-ca-file', 'tls-cert-file', 'tls-private-key-file', 'etcd-cafile', 'etcd-certfile', 'etcd-keyfile',
      'service-account-key-file', 'service-account-signing-key-file', 'kubelet-client-certificate', 'kubelet-client-key',
      'proxy-client-cert-file', 'proxy-client-key-file', 'requestheader-client-ca-file', 'audit-policy-file', 'encryption-provider-config',
      'authorization-config', 'authentication-config', 'token-auth-file'],
    fileErrors: {
      'client-ca-file': 'unable to load client CA provider: open %s: no such file or directory',
      'requestheader-client-ca-file': 'unable to load requestheader client CA provider: open %s: no such file or directory',
      'tls-cert-file': 'unable to load server certificate: open %s: no such file or directory',
      'tls-private-key-file': 'unable to load server certificate: open %s: no such file or directory',
      'etcd-cafile': 'error creating storage factory: open %s: no such file or directory',
      'etcd-certfile': 'error creating storage factory: open %s: no such file or directory',
      'etcd-keyfile': 'error creating storage factory: open %s: no such file or directory',
      'service-account-key-file': 'failed to parse service-account-issuer-key-file: open %s: no such file or directory',
      'service-account-signing-key-file': 'service-account-signing-key-file: open %s: no such file or directory',
    },
    startLines: ['options.go:249] external host was not specified, using 172.30.1.2', 'server.go:150] Version: v1.35.2', 'server.go:152] "Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""',
      'shared_informer.go:349] "Waiting for caches to sync" controller="node_authorizer"', 'plugins.go:157] Loaded 13 mutating admission controller(s) successfully in the following order: NamespaceLifecycle,LimitRanger,ServiceAccount,NodeRestriction,TaintNodesByCondition,Priority,DefaultTolerationSeconds,DefaultStorageClass,StorageObjectInUseProtection,RuntimeClass,DefaultIngressClass,MutatingAdmissionPolicy,MutatingAdmissionWebhook.',
      'instance.go:239] Using reconciler: lease', 'secure_serving.go:211] Serving securely on [::]:6443'],
  },
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
  /** Runs the etcd static pod's container (the real etcd). */
  etcd?: (pod: KObject, container: string) => ComponentHandle;
  onChange(binary: string, running: boolean): void;
  /** Checks a component makes before it runs (e.g. reaching etcd); true = it failed (and logged why). */
  preflight?: Record<string, (flags: Map<string, string>, log: (text: string, level?: string) => void) => Promise<boolean>>;
}

/** Where a path inside a container is on the node: through the container's hostPath mounts. */
export function inContainer(pod: KObject, container: string, p: string): string {
  const spec = (pod.spec?.containers ?? []).find((c: any) => c.name === container);
  const volumes = new Map<string, any>((pod.spec?.volumes ?? []).map((v: any) => [v.name, v]));
  let best: { host: string; dst: string } | undefined;
  for (const m of spec?.volumeMounts ?? []) {
    const host = volumes.get(m.name)?.hostPath?.path;
    const dst = String(m.mountPath ?? '').replace(/\/$/, '');
    if (!host || !dst) continue;
    if ((p === dst || p.startsWith(`${dst}/`)) && (!best || dst.length > best.dst.length)) best = { host, dst };
  }
  // a path no mount covers is the image's own (a distroless image has none of the node's files)
  return best ? best.host + p.slice(best.dst.length) : `/nonexistent-in-image${p}`;
}

/** The kubelet's hook: what running a control-plane image's container means. */
export function componentRunner(host: ComponentHost) {
  return (pod: KObject, container: string, image: ResolvedImage): ComponentHandle | undefined => {
    const spec = (pod.spec?.containers ?? []).find((c: any) => c.name === container);
    const argv: string[] = [...(spec?.command ?? []), ...(spec?.args ?? [])];
    if (image.def.repo.endsWith('/etcd') && host.etcd) return host.etcd(pod, container);
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
        if (file && !existsSync(host.path(inContainer(pod, container, file)))) {
          const err = (def.fileErrors?.[f] ?? 'stat %s: no such file or directory').replace('%s', file);
          log(`run.go:72] "command failed" err="${err}"`, 'E');
          return end(1);
        }
      }
      for (const l of def.startLines) log(l);
      const pre = host.preflight?.[def.binary];
      const go = () => {
        if (stopped) return;
        stopWork = main(flags, (line) => {
          log(line, 'F');
          end(1);
        });
        host.onChange(def.binary, true);
      };
      if (pre) {
        void pre(flags, log).then((failed) => (failed ? end(1) : go()), (e) => {
          log(`run.go:72] "command failed" err="${(e as Error).message}"`, 'E');
          end(1);
        });
      } else go();
      if (def.lease && flags.get('leader-elect') !== 'false') {
        const identity = `controlplane_${randomUUID()}`;
        const lease = def.lease;
        void holdLease(host.ctx, lease, identity);
        renew = host.ctx.clock.every(10_000, () => void holdLease(host.ctx, lease, identity));
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
