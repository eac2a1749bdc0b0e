// Isolation with bubblewrap. A cluster's runtime runs inside one sandbox that owns the cluster's
// namespaces (network, PID, UTS, IPC, mount); every shell or command of a session enters those
// namespaces and then gets the view of one node: that node's tree as /, the host's /usr read-only,
// kubectl/helm in /usr/local/bin, its own hostname. Nothing of the host or of other sessions is
// visible, and each cluster has its own loopback, so 127.0.0.1:2379 and :6443 are its own.
import { spawnSync } from 'node:child_process';

/** Where things appear inside the runtime's sandbox. */
export const IN_SANDBOX = {
  cluster: '/.kubedojo/cluster',
  dist: '/.kubedojo/dist',
  tools: '/.kubedojo/tools',
};

export function hasBubblewrap(): boolean {
  return spawnSync('bwrap', ['--version'], { stdio: 'ignore' }).status === 0;
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Sandboxed mode needs bubblewrap and root (to enter the sandbox's namespaces with nsenter). */
export function sandboxAvailable(): { ok: boolean; why?: string } {
  if (process.env.KUBEDOJO_MODE === 'local') return { ok: false, why: 'KUBEDOJO_MODE=local' };
  if (process.platform !== 'linux') return { ok: false, why: 'not Linux' };
  if (!hasBubblewrap()) return { ok: false, why: 'bubblewrap (bwrap) is not installed: apt-get install bubblewrap' };
  if (!isRoot()) return { ok: false, why: 'not running as root (entering a session sandbox needs CAP_SYS_ADMIN)' };
  return { ok: true };
}

/** Parts of the host's /etc every node shares read-only (certificates, the alternatives links). */
export const SHARED_ETC = ['ssl', 'alternatives'];

/** The read-only system view shared by every node: /usr from the host, merged-/usr symlinks. */
function systemBinds(toolsBin: string): string[] {
  // (the merged-/usr links /bin, /lib, /lib64, /sbin are part of each node's tree: see layout.ts)
  const a = ['--ro-bind', '/usr', '/usr'];
  // large, static parts of /etc are shared read-only instead of copied into every node
  for (const d of SHARED_ETC) a.push('--ro-bind', `/etc/${d}`, `/etc/${d}`);
  // kubectl, helm and our node tools; hides whatever the host keeps in /usr/local/bin
  a.push('--ro-bind', toolsBin, '/usr/local/bin');
  a.push('--proc', '/proc', '--dev', '/dev');
  return a;
}

/** bwrap arguments giving a node's view: `nodeRoot` as /, system dirs read-only. */
export function nodeViewArgs(nodeRoot: string, toolsBin: string): string[] {
  return ['--bind', nodeRoot, '/', ...systemBinds(toolsBin)];
}

/**
 * The command that starts a cluster's runtime in a new sandbox: new network, PID, UTS and IPC
 * namespaces, hostname controlplane, the control-plane node's view plus the runtime's own files.
 * Each node's /run is a tmpfs, as on a real node: the containers' task directories (rootfs, FIFOs)
 * live there, and making hundreds of them costs no journal writes.
 */
export function runtimeSandboxCommand(o: { clusterDir: string; distDir: string; toolsBin: string; controlPlane: string; nodes: string[]; infoFd: number; node: string }): string[] {
  return [
    'bwrap',
    '--unshare-net', '--unshare-pid', '--unshare-uts', '--unshare-ipc',
    '--hostname', o.controlPlane,
    '--new-session',
    ...nodeViewArgs(`${o.clusterDir}/nodes/${o.controlPlane}`, o.toolsBin),
    '--bind', o.clusterDir, IN_SANDBOX.cluster,
    ...o.nodes.flatMap((n) => ['--tmpfs', `${IN_SANDBOX.cluster}/nodes/${n}/run`]),
    '--ro-bind', o.distDir, IN_SANDBOX.dist,
    '--ro-bind', o.toolsBin, `${IN_SANDBOX.tools}/bin`,
    '--info-fd', String(o.infoFd),
    '--chdir', '/',
    '--', o.node, ...(process.env.KUBEDOJO_RUNTIME_NODE_FLAGS ?? RUNTIME_NODE_FLAGS).split(' ').filter(Boolean), `${IN_SANDBOX.dist}/runtime.mjs`, IN_SANDBOX.cluster,
  ];
}

/** V8 flags of a runtime: a small young generation keeps an idle runtime's memory low. */
export const RUNTIME_NODE_FLAGS = '--max-semi-space-size=1';

/** The login environment of a candidate's shell, as on the exam's nodes. */
export function shellEnv(term?: string): string[] {
  return [
    'HOME=/root', 'USER=root', 'LOGNAME=root', 'SHELL=/bin/bash',
    'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    'KUBECONFIG=/root/.kube/config', 'ETCDCTL_API=3', 'LANG=C.UTF-8',
    `TERM=${term || 'xterm-256color'}`,
  ];
}

/**
 * Local mode (no sandbox): the environment of a shell on `node` of the cluster kept in
 * `clusterDir` — the login environment, the tools first on PATH, that node's kubeconfig and the
 * node tools' socket.
 */
export function localShellEnv(o: { clusterDir: string; node: string; toolsBin: string; term?: string }): Record<string, string> {
  const env: Record<string, string> = {};
  for (const kv of shellEnv(o.term)) env[kv.slice(0, kv.indexOf('='))] = kv.slice(kv.indexOf('=') + 1);
  return Object.assign(env, {
    PATH: `${o.toolsBin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    KUBECONFIG: `${o.clusterDir}/nodes/${o.node}/root/.kube/config`,
    HOME: process.env.HOME ?? '/root',
    KUBEDOJO_LOCAL_MODE: '1',
    KUBEDOJO_NODE: o.node,
    KUBEDOJO_NODE_SOCK: `${o.clusterDir}/run/node.sock`,
  });
}

/**
 * The command that runs `cmd` as root on `node` of the cluster whose runtime has host PID `pid`:
 * enter its namespaces, then take that node's view (hostname included) with a nested bwrap.
 */
export function execCommand(o: { pid: number; node: string; cmd: string[]; term?: string; dieWithParent?: boolean }): string[] {
  return ['nsenter', '-t', String(o.pid), '-m', '-u', '-i', '-n', '-p', '-r', '-w', ...nodeShellCommand(o)];
}

/** Where the node tools' socket directory appears on every node (see node/service.ts). */
export const NODE_RUN_DIR = '/run/kubedojo';

/**
 * From inside the cluster's sandbox: the command that runs `cmd` as root in `node`'s view, with
 * its hostname and the node tools' socket.
 */
export function nodeShellCommand(o: { node: string; cmd: string[]; term?: string; dieWithParent?: boolean }): string[] {
  const nodeRoot = `${IN_SANDBOX.cluster}/nodes/${o.node}`;
  return [
    'bwrap', '--unshare-uts', '--hostname', o.node,
    ...(o.dieWithParent === false ? [] : ['--die-with-parent']),
    ...nodeViewArgs(nodeRoot, `${IN_SANDBOX.tools}/bin`),
    '--bind', `${IN_SANDBOX.cluster}/run`, NODE_RUN_DIR,
    '--chdir', '/root',
    '--', '/usr/bin/env', '-i', ...shellEnv(o.term), ...o.cmd,
  ];
}
