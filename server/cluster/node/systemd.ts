// systemd as a candidate meets it on a kubeadm node: the kubelet and containerd services, with
// `systemctl status|start|stop|restart|enable|disable|is-active|is-enabled|daemon-reload|cat` and
// `journalctl -u UNIT [-n N] [-f]`. Starting the kubelet checks what the real one checks first
// (its flags from the unit's drop-in and flag files, its config file, its kubeconfig); a failed
// start leaves it restarting every 10 s with the error in the journal, as `Restart=always` does.
import { spawn, type ChildProcess } from 'node:child_process';
import { installedVersion } from './packages.ts';
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ToolHandler, ToolIO } from './service.ts';
import type { Clock } from '../clock.ts';

/** What the service manager needs of a node's kubelet. */
export interface KubeletControl {
  start(): void;
  stop(): void;
  /** The container runtime went away (containerd stopped) or came back. */
  runtime?(up: boolean): void;
}

/**
 * A process that shows in `ps` with a service's command line while the unit runs (perl rewrites
 * its own argv; it only sleeps), so `ps aux | grep kubelet` finds the flags as on a real node.
 */
function showProcess(cmdline: string): ChildProcess | undefined {
  try {
    const child = spawn('perl', ['-e', '$0 = shift; $SIG{TERM} = sub { exit 0 }; sleep while 1', cmdline], { stdio: 'ignore', detached: false });
    child.on('error', () => undefined);
    return child;
  } catch {
    return undefined;
  }
}

interface JournalEntry {
  at: Date;
  ident: string;
  pid: number;
  text: string;
}

interface UnitState {
  name: string;
  description: string;
  /** Path of the unit file in the node's tree. */
  file: string;
  active: 'active' | 'inactive' | 'activating' | 'failed';
  since: Date;
  pid: number;
  /** Why the last start failed (journal line), while restarting. */
  failure?: string;
  restartTimer?: { cancel(): void };
}

const KUBELET_FLAGS = new Set(['bootstrap-kubeconfig', 'kubeconfig', 'config', 'container-runtime-endpoint', 'pod-infra-container-image',
  'node-ip', 'hostname-override', 'v', 'cgroup-driver', 'node-labels', 'register-with-taints', 'runtime-request-timeout', 'root-dir',
  'cert-dir', 'rotate-certificates', 'feature-gates', 'fail-swap-on', 'max-pods', 'cluster-dns', 'cluster-domain', 'pod-manifest-path',
  'resolv-conf', 'image-service-endpoint', 'provider-id', 'cloud-provider', 'kube-reserved', 'system-reserved', 'eviction-hard']);

/** Shell-ish word splitting of an ExecStart line with $VAR and ${VAR} substitution. */
function expandWords(line: string, env: Record<string, string>): string[] {
  const subst = line.replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a, b) => env[a ?? b] ?? '');
  return subst.split(/\s+/).filter(Boolean).map((w) => w.replace(/^"(.*)"$/, '$1'));
}

function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m) env[m[1]] = m[2].trim().replace(/^"(.*)"$/, '$1');
  }
  return env;
}

const fmtDay = (d: Date) => d.toUTCString().slice(0, 3);
const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function sinceText(d: Date): string {
  return `${fmtDay(d)} ${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}
function ago(from: Date, now: Date): string {
  const s = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 1000));
  if (s < 60) return `${s}s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}min ${s % 60}s ago`;
  const h = Math.floor(m / 60);
  return `${h}h ${m % 60}min ago`;
}
function journalTime(d: Date): string {
  return `${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
function klog(d: Date, pid: number, level: string, text: string): string {
  const us = String(d.getUTCMilliseconds() * 1000).padStart(6, '0');
  return `${level}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${us}    ${pid} ${text}`;
}

/** One node's systemd: units, their state and the journal. */
export class NodeSystemd {
  private units = new Map<string, UnitState>();
  private journal: JournalEntry[] = [];
  private followers = new Set<(e: JournalEntry) => void>();

  private procs = new Map<string, ChildProcess>();

  constructor(readonly node: string, private root: string, private clock: Clock, private kubelet: KubeletControl) {
    const now = clock.now();
    this.units.set('kubelet', { name: 'kubelet', description: 'kubelet: The Kubernetes Node Agent', file: '/etc/systemd/system/kubelet.service', active: 'active', since: now, pid: this.newPid() });
    this.units.set('containerd', { name: 'containerd', description: 'containerd container runtime', file: '/usr/lib/systemd/system/containerd.service', active: 'active', since: now, pid: this.newPid() });
    this.showRunning(this.units.get('containerd')!);
    this.showRunning(this.units.get('kubelet')!);
    this.log('systemd', 1, 'Started containerd.service - containerd container runtime.');
    this.log('systemd', 1, 'Started kubelet.service - kubelet: The Kubernetes Node Agent.');
    const k = this.units.get('kubelet')!;
    this.log('kubelet', k.pid, klog(now, k.pid, 'I', `server.go:530] "Kubelet version" kubeletVersion="${installedVersion(this.root, 'kubelet') ?? ''}"`));
    this.log('kubelet', k.pid, klog(now, k.pid, 'I', 'server.go:954] "Client rotation is on, will bootstrap in background"'));
  }

  /** The command line a unit runs with (the kubelet's from its unit file and kubeadm's drop-in). */
  commandLine(u: UnitState): string {
    return u.name === 'kubelet' ? this.kubeletArgv().join(' ') : '/usr/bin/containerd';
  }

  private showRunning(u: UnitState): void {
    this.procs.get(u.name)?.kill('SIGTERM');
    const p = showProcess(this.commandLine(u));
    if (p?.pid) {
      this.procs.set(u.name, p);
      u.pid = p.pid;
    }
  }

  private hideRunning(u: UnitState): void {
    this.procs.get(u.name)?.kill('SIGTERM');
    this.procs.delete(u.name);
  }

  /** Ends the processes that stand for the units (the runtime is going away). */
  shutdown(): void {
    for (const p of this.procs.values()) p.kill('SIGTERM');
    this.procs.clear();
  }

  private newPid(): number {
    return 600 + Math.floor(Math.random() * 30000);
  }

  private path(p: string): string {
    return join(this.root, p);
  }

  /** A file of the node, or undefined. */
  read(p: string): string | undefined {
    try {
      return readFileSync(this.path(p), 'utf8');
    } catch {
      return undefined;
    }
  }

  private log(ident: string, pid: number, text: string): void {
    const e = { at: this.clock.now(), ident, pid, text };
    this.journal.push(e);
    if (this.journal.length > 5000) this.journal.splice(0, 1000);
    for (const f of this.followers) f(e);
  }

  unit(name: string): UnitState | undefined {
    return this.units.get(name.replace(/\.service$/, ''));
  }

  private wantsLink(u: UnitState): string {
    return this.path(`/etc/systemd/system/multi-user.target.wants/${u.name}.service`);
  }

  enabled(u: UnitState): boolean {
    if (u.name === 'containerd') return !existsSync(this.path('/etc/systemd/system/containerd.service.disabled'));
    try {
      lstatSync(this.wantsLink(u));
      return true;
    } catch {
      return false;
    }
  }

  /** Checks the kubelet's command line, config and kubeconfig as it starts; the error, if any. */
  private kubeletArgv(): string[] {
    const read = (p: string) => this.read(p);
    const unit = read('/etc/systemd/system/kubelet.service') ?? '';
    const dropins = ['/etc/systemd/system/kubelet.service.d/10-kubeadm.conf'].map(read).filter((x): x is string => !!x);
    const env: Record<string, string> = {};
    let exec = '';
    for (const text of [unit, ...dropins]) {
      for (const line of text.split('\n')) {
        const e = /^\s*Environment="?([A-Za-z_]\w*)=(.*?)"?\s*$/.exec(line);
        if (e) env[e[1]] = e[2];
        const f = /^\s*EnvironmentFile=(-?)(\S+)/.exec(line);
        if (f) Object.assign(env, parseEnvFile(read(f[2]) ?? ''));
        const x = /^\s*ExecStart=(.*)$/.exec(line);
        if (x) exec = x[1].trim();
      }
    }
    return expandWords(exec, env);
  }

  private kubeletStartError(): string | undefined {
    const read = (p: string) => this.read(p);
    const argv = this.kubeletArgv();
    const flags = new Map<string, string>();
    for (const a of argv.slice(1)) {
      const m = /^--?([^=]+)(?:=(.*))?$/.exec(a);
      if (!m) continue;
      if (!KUBELET_FLAGS.has(m[1])) return `"command failed" err="unknown flag: --${m[1]}"`;
      flags.set(m[1], m[2] ?? 'true');
    }
    const config = flags.get('config');
    if (config) {
      const text = read(config);
      if (text === undefined) return `"command failed" err="failed to load kubelet config file, path: ${config}, error: failed to load Kubelet config file ${config}, error failed to read kubelet config file \\"${config}\\", error: open ${config}: no such file or directory"`;
      let cfg: any;
      try {
        cfg = parseYaml(text);
        if (!cfg || cfg.kind !== 'KubeletConfiguration') throw new Error(`no kind "${cfg?.kind ?? ''}" is registered for version "${cfg?.apiVersion ?? ''}"`);
      } catch (e) {
        return `"command failed" err="failed to load kubelet config file, path: ${config}, error: failed to load Kubelet config file ${config}, error failed to decode: ${(e as Error).message.split('\n')[0]}"`;
      }
      const ca = cfg?.authentication?.x509?.clientCAFile;
      if (typeof ca === 'string' && ca && !existsSync(this.path(ca))) {
        return `"command failed" err="failed to construct kubelet dependencies: unable to load client CA file ${ca}: open ${ca}: no such file or directory"`;
      }
    }
    const kubeconfig = flags.get('kubeconfig');
    if (kubeconfig && !existsSync(this.path(kubeconfig))) {
      const boot = flags.get('bootstrap-kubeconfig');
      if (!boot || !existsSync(this.path(boot))) return `"command failed" err="failed to run Kubelet: unable to load bootstrap kubeconfig: stat ${boot ?? kubeconfig}: no such file or directory"`;
    }
    return undefined;
  }

  start(name: string): void {
    const u = this.unit(name)!;
    if (u.active === 'active') return;
    u.restartTimer?.cancel();
    u.restartTimer = undefined;
    const now = this.clock.now();
    u.pid = this.newPid();
    u.since = now;
    if (u.name !== 'kubelet') {
      u.active = 'active';
      this.showRunning(u);
      this.log('systemd', 1, `Started ${u.name}.service - ${u.description}.`);
      if (u.name === 'containerd') this.kubelet.runtime?.(true);
      return;
    }
    this.log('systemd', 1, `Started ${u.name}.service - ${u.description}.`);
    const err = this.kubeletStartError();
    if (err) {
      this.log('kubelet', u.pid, klog(now, u.pid, 'E', `run.go:72] ${err}`));
      this.log('systemd', 1, 'kubelet.service: Main process exited, code=exited, status=1/FAILURE');
      this.log('systemd', 1, "kubelet.service: Failed with result 'exit-code'.");
      u.active = 'activating';
      u.failure = err;
      // Restart=always, RestartSec=10
      u.restartTimer = this.clock.after(10_000, () => {
        if (u.active !== 'activating') return;
        this.log('systemd', 1, `kubelet.service: Scheduled restart job, restart counter is at ${Math.floor(Math.random() * 5) + 1}.`);
        u.active = 'inactive';
        this.start('kubelet');
      });
      return;
    }
    u.active = 'active';
    u.failure = undefined;
    this.showRunning(u);
    this.log('kubelet', u.pid, klog(now, u.pid, 'I', `server.go:530] "Kubelet version" kubeletVersion="${installedVersion(this.root, 'kubelet') ?? ''}"`));
    this.log('kubelet', u.pid, klog(now, u.pid, 'I', `kubelet_node_status.go:75] "Attempting to register node" node="${this.node}"`));
    this.kubelet.start();
  }

  stop(name: string): void {
    const u = this.unit(name)!;
    u.restartTimer?.cancel();
    u.restartTimer = undefined;
    if (u.active === 'inactive') return;
    const was = u.active;
    this.log('systemd', 1, `Stopping ${u.name}.service - ${u.description}...`);
    if (u.name === 'kubelet' && was === 'active') this.kubelet.stop();
    if (u.name === 'containerd') this.kubelet.runtime?.(false);
    this.hideRunning(u);
    u.active = 'inactive';
    u.since = this.clock.now();
    this.log('systemd', 1, `${u.name}.service: Deactivated successfully.`);
    this.log('systemd', 1, `Stopped ${u.name}.service - ${u.description}.`);
  }

  enable(u: UnitState, io: ToolIO): void {
    if (this.enabled(u)) return;
    if (u.name === 'containerd') {
      rmSync(this.path('/etc/systemd/system/containerd.service.disabled'), { force: true });
      io.err(`Created symlink /etc/systemd/system/multi-user.target.wants/containerd.service → ${u.file}.\n`);
      return;
    }
    mkdirSync(dirname(this.wantsLink(u)), { recursive: true });
    symlinkSync(u.file, this.wantsLink(u));
    io.err(`Created symlink /etc/systemd/system/multi-user.target.wants/${u.name}.service → ${u.file}.\n`);
  }

  disable(u: UnitState, io: ToolIO): void {
    if (!this.enabled(u)) return;
    if (u.name === 'containerd') {
      mkdirSync(this.path('/etc/systemd/system'), { recursive: true });
      symlinkSync('/dev/null', this.path('/etc/systemd/system/containerd.service.disabled'));
    } else rmSync(this.wantsLink(u), { force: true });
    io.err(`Removed "/etc/systemd/system/multi-user.target.wants/${u.name}.service".\n`);
  }

  status(u: UnitState): { text: string; code: number } {
    const now = this.clock.now();
    const en = this.enabled(u) ? 'enabled' : 'disabled';
    const dot = u.active === 'active' ? '●' : u.active === 'activating' ? '●' : '○';
    const lines = [`${dot} ${u.name}.service - ${u.description}`];
    lines.push(`     Loaded: loaded (${u.file}; ${en}; preset: enabled)`);
    if (u.name === 'kubelet') {
      lines.push('    Drop-In: /etc/systemd/system/kubelet.service.d', '             └─10-kubeadm.conf');
    }
    if (u.active === 'active') lines.push(`     Active: active (running) since ${sinceText(u.since)}; ${ago(u.since, now)}`);
    else if (u.active === 'activating') lines.push(`     Active: activating (auto-restart) (Result: exit-code) since ${sinceText(u.since)}; ${ago(u.since, now)}`);
    else lines.push(`     Active: inactive (dead) since ${sinceText(u.since)}; ${ago(u.since, now)}`);
    lines.push(`       Docs: ${u.name === 'kubelet' ? 'https://kubernetes.io/docs/' : 'https://containerd.io'}`);
    if (u.active === 'active') {
      lines.push(`   Main PID: ${u.pid} (${u.name})`, `      Tasks: ${u.name === 'kubelet' ? 14 : 11} (limit: 2338)`, `     Memory: ${u.name === 'kubelet' ? '41.2M' : '28.7M'}`,
        `     CGroup: /system.slice/${u.name}.service`,
        `             └─${u.pid} ${this.commandLine(u)}`);
    } else {
      lines.push(`    Process: ${u.pid} ExecStart=/usr/bin/${u.name} (code=exited, status=${u.active === 'activating' ? '1/FAILURE' : '0/SUCCESS'})`, `   Main PID: ${u.pid} (code=exited, status=${u.active === 'activating' ? '1/FAILURE' : '0/SUCCESS'})`);
    }
    lines.push('');
    for (const e of this.entries(u.name).slice(-10)) lines.push(this.format(e));
    return { text: lines.join('\n') + '\n', code: u.active === 'active' ? 0 : 3 };
  }

  private entries(unit?: string): JournalEntry[] {
    if (!unit) return this.journal;
    return this.journal.filter((e) => e.ident === unit || (e.ident === 'systemd' && e.text.includes(`${unit}.service`)));
  }

  format(e: JournalEntry): string {
    return `${journalTime(e.at)} ${this.node} ${e.ident}[${e.pid}]: ${e.text}`;
  }

  follow(unit: string | undefined, fn: (line: string) => void): () => void {
    const f = (e: JournalEntry) => {
      if (!unit || this.entries(unit).includes(e)) fn(this.format(e));
    };
    this.followers.add(f);
    return () => this.followers.delete(f);
  }

  journalLines(unit: string | undefined): string[] {
    return this.entries(unit).map((e) => this.format(e));
  }
}

const unitName = (s: string) => s.replace(/\.service$/, '');

export function systemctlTool(systemd: (node: string) => NodeSystemd | undefined): ToolHandler {
  return async (req, io) => {
    const sd = systemd(req.node);
    if (!sd) {
      io.err('System has not been booted with systemd as init system (PID 1). Can\'t operate.\n');
      return 1;
    }
    const args = req.args.filter((a) => !['--no-pager', '-l', '--full', '--quiet', '-q', '--no-block', '--system'].includes(a));
    const quiet = req.args.includes('--quiet') || req.args.includes('-q');
    const now = args.includes('--now');
    const words = args.filter((a) => a !== '--now');
    const [verb, ...names] = words;
    if (!verb) {
      io.out('  UNIT                 LOAD   ACTIVE SUB     DESCRIPTION\n  containerd.service   loaded active running containerd container runtime\n  kubelet.service      loaded active running kubelet: The Kubernetes Node Agent\n');
      return 0;
    }
    if (verb === 'daemon-reload' || verb === 'daemon-reexec') return 0;
    if (!names.length && ['start', 'stop', 'restart', 'enable', 'disable', 'is-active', 'is-enabled', 'cat', 'reload'].includes(verb)) {
      io.err(`Too few arguments.\n`);
      return 1;
    }
    let code = 0;
    for (const n of names.length ? names : ['kubelet']) {
      const u = sd.unit(n);
      if (!u) {
        if (verb === 'is-active') {
          if (!quiet) io.out('inactive\n');
          code = 3;
        } else if (verb === 'is-enabled') {
          io.err(`Failed to get unit file state for ${unitName(n)}.service: No such file or directory\n`);
          code = 1;
        } else if (verb === 'status') {
          io.err(`Unit ${unitName(n)}.service could not be found.\n`);
          code = 4;
        } else {
          io.err(`Failed to ${verb} ${unitName(n)}.service: Unit ${unitName(n)}.service not found.\n`);
          code = 5;
        }
        continue;
      }
      switch (verb) {
        case 'status': {
          const s = sd.status(u);
          io.out(s.text);
          code = Math.max(code, s.code);
          break;
        }
        case 'start':
          sd.start(u.name);
          break;
        case 'stop':
          sd.stop(u.name);
          break;
        case 'restart':
        case 'reload':
        case 'reload-or-restart':
        case 'try-restart':
          sd.stop(u.name);
          sd.start(u.name);
          break;
        case 'enable':
          sd.enable(u, io);
          if (now) sd.start(u.name);
          break;
        case 'disable':
          sd.disable(u, io);
          if (now) sd.stop(u.name);
          break;
        case 'is-active':
          if (!quiet) io.out(`${u.active}\n`);
          if (u.active !== 'active') code = 3;
          break;
        case 'is-enabled': {
          const en = sd.enabled(u);
          if (!quiet) io.out(`${en ? 'enabled' : 'disabled'}\n`);
          if (!en) code = 1;
          break;
        }
        case 'is-failed':
          if (!quiet) io.out(`${u.active === 'failed' ? 'failed' : u.active}\n`);
          if (u.active !== 'failed') code = 1;
          break;
        case 'cat': {
          const read = (p: string) => sd.read(p) ?? '';
          io.out(`# ${u.file}\n${read(u.file)}`);
          if (u.name === 'kubelet') io.out(`\n# /etc/systemd/system/kubelet.service.d/10-kubeadm.conf\n${read('/etc/systemd/system/kubelet.service.d/10-kubeadm.conf')}`);
          break;
        }
        default:
          io.err(`Unknown command verb '${verb}'.\n`);
          return 1;
      }
    }
    return code;
  };
}

export function journalctlTool(systemd: (node: string) => NodeSystemd | undefined): ToolHandler {
  return async (req, io) => {
    const sd = systemd(req.node);
    if (!sd) {
      io.err('No journal files were found.\n');
      return 1;
    }
    let unit: string | undefined;
    let lines: number | undefined;
    let follow = false;
    const a = req.args;
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      if (x === '-u' || x === '--unit') unit = unitName(a[++i] ?? '');
      else if (x.startsWith('--unit=')) unit = unitName(x.slice(7));
      else if (x.startsWith('-u') && x.length > 2) unit = unitName(x.slice(2));
      else if (x === '-n' || x === '--lines') lines = Number(a[++i]);
      else if (x.startsWith('--lines=')) lines = Number(x.slice(8));
      else if (/^-n\d+$/.test(x)) lines = Number(x.slice(2));
      else if (x === '-f' || x === '--follow') follow = true;
      else if (x === '-e' || x === '--pager-end') lines = lines ?? 1000;
      else if (/^-[xeql]+$/.test(x) || x === '--no-pager' || x === '--no-hostname' || x === '-r' || x === '--reverse') {
        if (x.includes('e')) lines = lines ?? 1000;
      }
    }
    if (unit && !sd.unit(unit)) {
      io.out('-- No entries --\n');
      return 0;
    }
    let out = sd.journalLines(unit);
    if (follow && lines === undefined) lines = 10;
    if (lines !== undefined && Number.isFinite(lines)) out = out.slice(-lines);
    if (!out.length) io.out('-- No entries --\n');
    else io.out(out.join('\n') + '\n');
    if (!follow) return 0;
    return new Promise((resolve) => {
      const stop = sd.follow(unit, (l) => io.out(l + '\n'));
      io.onClose(() => {
        stop();
        resolve(130);
      });
    });
  };
}
