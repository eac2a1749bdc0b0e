// What containerd's own clients (ctr, nerdctl) see of a node's containerd, namespace by namespace:
// in `k8s.io` the kubelet's pod sandboxes and containers (and whatever was made there by hand), in
// any other namespace only what `ctr run`/`nerdctl run` made. Also what the clients share: running
// a task in the foreground (stdio relayed, exit code), logrus lines, pull progress, signal names.
import { constants } from 'node:os';
import type { Kubelet } from '../kubelet/index.ts';
import type { Container, ExitInfo } from '../kubelet/containerd.ts';
import { exited, isRemoved, nodeRuntime, type HandContainer, type NodeRuntime } from '../kubelet/handmade.ts';
import type { ResolvedImage } from '../kubelet/images.ts';
import { imageId, sandboxId } from './crictl.ts';
import type { ToolIO } from './service.ts';

export const CONTAINERD = { version: 'v2.1.4', revision: '75cb2b7193e4e490e9fbdc236c0e811ccaba3376', go: 'go1.24.6' };

export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10.1';

/** A container as containerd lists it in one namespace. */
export interface Entry {
  id: string;
  /** containerd's image name for it. */
  image: string;
  pid: number;
  /** Its task's status; undefined when it has no task. */
  task?: 'RUNNING' | 'STOPPED' | 'CREATED';
  /** A pod sandbox's pause container. */
  sandbox: boolean;
  /** nerdctl's NAMES column. */
  names: string;
  argv: string[];
  created: number;
  exit?: ExitInfo;
  h?: HandContainer;
  cont?: Container;
}

function taskOf(c: Container): Entry['task'] {
  return c.running ? 'RUNNING' : c.exit ? 'STOPPED' : 'CREATED';
}

/** The containers of a namespace, sorted by id (containerd's order). */
export function entries(k: Kubelet, ns: string): Entry[] {
  const rt = nodeRuntime(k);
  const out: Entry[] = [];
  if (ns === 'k8s.io') {
    for (const pr of k.pods.values()) {
      const m = pr.pod.metadata ?? {};
      out.push({ id: sandboxId(pr), image: PAUSE_IMAGE, pid: 0, task: pr.sandboxReady && !pr.terminated ? 'RUNNING' : undefined, sandbox: true, names: `k8s://${m.namespace}/${m.name}`, argv: ['/pause'], created: Date.parse(pr.startTime ?? '') || 0 });
      for (const r of pr.records.values()) {
        for (const c of [r.current, r.previous]) {
          if (!c || isRemoved(c)) continue;
          // the CRI deletes a container's task when it exits
          out.push({ id: c.cfg.id, image: r.image?.full ?? r.spec?.image ?? '', pid: c.pid, task: c.running ? 'RUNNING' : undefined, sandbox: false, names: `k8s://${m.namespace}/${m.name}/${r.name}`, argv: c.cfg.argv, created: c.startedAt.getTime(), exit: c.exit, cont: c });
        }
      }
    }
    for (const sb of rt.sandboxes.values()) {
      out.push({ id: sb.id, image: PAUSE_IMAGE, pid: 0, task: sb.ready ? 'RUNNING' : undefined, sandbox: true, names: `k8s://${sb.namespace}/${sb.name}`, argv: ['/pause'], created: sb.createdAt });
    }
  }
  for (const h of rt.list(ns)) {
    const l = h.labels ?? {};
    const k8sName = l['io.kubernetes.pod.namespace'] && l['io.kubernetes.pod.name'] ? `k8s://${l['io.kubernetes.pod.namespace']}/${l['io.kubernetes.pod.name']}${l['io.kubernetes.container.name'] ? `/${l['io.kubernetes.container.name']}` : ''}` : '';
    const task = h.owner === 'cri' ? (h.cont.running ? 'RUNNING' : undefined) : h.hasTask ? taskOf(h.cont) : undefined;
    out.push({ id: h.id, image: h.imageName, pid: h.cont.pid, task, sandbox: false, names: h.name ?? k8sName, argv: h.cont.cfg.argv, created: h.createdAt, exit: h.cont.exit, h, cont: h.cont });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

export function runtimeOf(k: Kubelet): NodeRuntime {
  return nodeRuntime(k);
}

/** A logrus line as the Go clients print it: short on a terminal, key=value otherwise. */
export function logrus(io: ToolIO, tty: boolean, nowMs: number, level: 'error' | 'fatal' | 'warning' | 'info', msg: string, fields: Record<string, string> = {}): void {
  const f = Object.entries(fields).map(([key, v]) => ` ${key}=${/^[\w./:-]+$/.test(v) ? v : JSON.stringify(v)}`).join('');
  if (tty) {
    const lv = { error: 'ERRO', fatal: 'FATA', warning: 'WARN', info: 'INFO' }[level];
    io.err(`${lv}[0000] ${f ? msg.padEnd(44) : msg}${f}\n`);
  } else {
    io.err(`time="${new Date(nowMs).toISOString().replace(/\.\d+Z$/, 'Z')}" level=${level} msg=${JSON.stringify(msg)}${f}\n`);
  }
}

/** containerd's progress.Bytes as `%7.6v` prints it ("2.1 Mi"), and its per-second rate. */
export function progressBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

const BAR = `|${'+'.repeat(38)}|`;

/** The end state of `ctr images pull` (containerd 2.x, transfer service) for an image. */
export function ctrPullOutput(img: ResolvedImage, elapsedS: number): string {
  const d = (what: string) => imageId(`${what}/${img.full}`);
  const name = (s: string) => s.padEnd(40).slice(0, 40);
  const rows: [string, string, string][] = [
    [name(img.full), 'saved', ''],
    [name(`└──index (${d('index').slice(0, 12)})`), 'complete'.padEnd(11), BAR],
    [name(`   └──manifest (${d('manifest').slice(0, 12)})`), 'complete'.padEnd(11), BAR],
    [name(`      ├──layer (${d('layer').slice(0, 12)})`), 'complete'.padEnd(11), BAR],
    [name(`      └──config (${d('config').slice(0, 12)})`), 'complete'.padEnd(11), BAR],
  ];
  const size = img.def.size;
  let out = rows.map(([a, b, c]) => `${a} ${b.padEnd(12)}${c}`.trimEnd()).join('\n') + '\n';
  out += `application/vnd.oci.image.index.v1+json sha256:${d('index')}\n`;
  out += `Completed pull from OCI Registry (${img.full}) elapsed: ${elapsedS.toFixed(1)} s total:  ${progressBytes(size).slice(0, 6).padStart(6)} (${progressBytes(size / elapsedS)}/s)\n`;
  return out;
}

/** The end state of nerdctl's pull progress (its jobs display). */
export function nerdctlPullOutput(img: ResolvedImage, elapsedS: number): string {
  const d = (what: string) => imageId(`${what}/${img.full}`);
  const rows = [
    [`${img.full}:`, 'resolved'],
    [`index-sha256:${d('index')}:`, 'done'],
    [`manifest-sha256:${d('manifest')}:`, 'done'],
    [`config-sha256:${d('config')}:`, 'done'],
    [`layer-sha256:${d('layer')}:`, 'done'],
  ];
  const w = Math.max(...rows.map((r) => r[0].length)) + 1;
  const size = img.def.size;
  return rows.map(([a, b]) => `${a.padEnd(w)}${b.padEnd(15)}${BAR}`).join('\n')
    + `\n${`elapsed: ${elapsedS.toFixed(1)} s`.padEnd(w)}total:  ${progressBytes(size).slice(0, 6).padStart(6)} (${progressBytes(size / elapsedS)}/s)\n`;
}

/** A signal as the Go clients parse it (`KILL`, `SIGKILL`, `9`), or undefined. */
export function parseSignal(s: string): NodeJS.Signals | undefined {
  const sigs = constants.signals as Record<string, number>;
  if (/^\d+$/.test(s)) return Object.keys(sigs).find((n) => sigs[n] === Number(s)) as NodeJS.Signals | undefined;
  const name = s.toUpperCase().startsWith('SIG') ? s.toUpperCase() : `SIG${s.toUpperCase()}`;
  return name in sigs ? (name as NodeJS.Signals) : undefined;
}

/** The entries of a CRI-format log file, as `[stream, line]`. */
export function criLogLines(text: string): { ts: string; stream: 'stdout' | 'stderr'; line: string; partial: boolean }[] {
  const out: { ts: string; stream: 'stdout' | 'stderr'; line: string; partial: boolean }[] = [];
  for (const l of text.split('\n')) {
    const m = /^(\S+) (stdout|stderr) ([PF]) (.*)$/.exec(l);
    if (m) out.push({ ts: m[1], stream: m[2] as 'stdout' | 'stderr', line: m[4], partial: m[3] === 'P' });
  }
  return out;
}

/** Takes the namespace flag (`-n X`, `--namespace X`, `--namespace=X`) out of args. */
export function namespaceOf(args: string[], fallback: string): string {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--') break;
    if (args[i] === '-n' || args[i] === '--namespace') return args.splice(i, 2)[1] ?? fallback;
    const m = /^(?:-n|--namespace)=(.*)$/.exec(args[i]);
    if (m) {
      args.splice(i, 1);
      return m[1];
    }
    if (!args[i].startsWith('-')) break; // global flags come before the command
  }
  return fallback;
}

/** Starts a created container's task; in the foreground relays its stdio and waits for it. */
export async function runTask(rt: NodeRuntime, h: HandContainer, io: ToolIO, o: { detach: boolean; rm: boolean; prefix: string; deleteTask?: boolean; terminal?: boolean; onStarted?: () => void; fatal?: (msg: string) => void }): Promise<number> {
  const c = h.cont;
  const detachOut = o.detach ? undefined : c.attach((s, d) => (s === 'stdout' ? io.out(d) : io.err(d)));
  const err = await rt.start(h);
  if (err) {
    detachOut?.();
    if (o.rm || h.autoRemove) rt.remove(h);
    if (o.fatal) o.fatal(err);
    else io.err(`${o.prefix}${err}\n`);
    return 1;
  }
  o.onStarted?.();
  if (o.detach) return 0;
  if (o.terminal) cookedInput(io, c);
  else if (c.cfg.stdin) {
    io.stdin.on('data', (d: Buffer) => c.writeStdin(d));
    io.stdin.on('end', () => c.closeStdin());
  }
  // the client forwards the signals it gets (Ctrl-C) to the task
  io.onClose(() => c.signal('SIGINT'));
  const e = await exited(c);
  detachOut?.();
  if (o.deleteTask) h.hasTask = false;
  if (o.rm) rt.remove(h);
  return e.exitCode;
}

/**
 * The user's terminal is in raw mode while a tool runs, and the container has no terminal of its
 * own: do what the terminal driver would for a foreground client (echo, whole lines, Ctrl-C sent
 * to the task as SIGINT, Ctrl-\\ as SIGQUIT, Ctrl-D ending the input).
 */
function cookedInput(io: ToolIO, c: Container): void {
  let line = '';
  io.stdin.on('data', (d: Buffer) => {
    for (const ch of d.toString('utf8')) {
      if (ch === '\x03') {
        io.out('^C\r\n');
        line = '';
        c.signal('SIGINT');
      } else if (ch === '\x1c') {
        io.out('^\\\r\n');
        c.signal('SIGQUIT');
      } else if (!c.cfg.stdin) continue;
      else if (ch === '\x04') {
        if (line) c.writeStdin(Buffer.from(line));
        else c.closeStdin();
        line = '';
      } else if (ch === '\r' || ch === '\n') {
        io.out('\r\n');
        c.writeStdin(Buffer.from(`${line}\n`));
        line = '';
      } else if (ch === '\x7f' || ch === '\b') {
        if (line) {
          line = [...line].slice(0, -1).join('');
          io.out('\b \b');
        }
      } else if (ch >= ' ' || ch === '\t') {
        line += ch;
        io.out(ch);
      }
    }
  });
  io.stdin.on('end', () => c.cfg.stdin && c.closeStdin());
}
