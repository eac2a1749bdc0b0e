// `ssh NODE [command]` between the cluster's nodes, as root with keys already in place (as on the
// exam's and Killercoda's machines): a login shell, or the command, in the other node's view.
import { spawn } from 'node:child_process';
import type { ToolHandler, ToolIO } from './service.ts';
import type { ToolRequest } from './protocol.ts';
import type { ClusterSpec } from '../layout.ts';

/** How to start a process in a node's view (sandboxed or local mode): argv, env and cwd. */
export type NodeSpawner = (node: string, cmd: string[], term?: string) => { argv: string[]; env?: NodeJS.ProcessEnv; cwd?: string };

const WITH_ARG = new Set(['-b', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-p', '-Q', '-R', '-S', '-W', '-w']);

export function parseSsh(args: string[]): { host?: string; user?: string; command: string[]; forceTty: boolean; noTty: boolean; error?: string } {
  let forceTty = false;
  let noTty = false;
  let i = 0;
  let host: string | undefined;
  let user: string | undefined;
  // options come before the destination and again right after it (OpenSSH restarts getopt there)
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      if (!host && i < args.length) host = args[i++];
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      if (host) break;
      host = a;
      continue;
    }
    const flag = a.slice(0, 2);
    if (WITH_ARG.has(flag)) {
      const value = a.length > 2 ? a.slice(2) : args[++i];
      if (value === undefined) return { command: [], forceTty, noTty, error: `option requires an argument -- ${flag.slice(1)}` };
      if (flag === '-l') user = value;
      continue;
    }
    for (const ch of a.slice(1)) {
      if (ch === 't') forceTty = true;
      else if (ch === 'T') noTty = true;
    }
  }
  if (host) {
    const at = host.lastIndexOf('@');
    if (at >= 0) {
      user = host.slice(0, at);
      host = host.slice(at + 1);
    }
  }
  return { host, user, command: args.slice(i), forceTty, noTty };
}

function resolveHost(spec: ClusterSpec, host: string, from: string): string | undefined {
  if (host === 'localhost' || host === '127.0.0.1') return from;
  return spec.nodes.find((n) => n.name === host || n.ip === host || `${n.name}.cluster.local` === host)?.name;
}

/** Runs a process for a tool invocation and relays its stdio; resolves to its exit code. */
export function relay(argv: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string }, io: ToolIO): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => io.out(d));
    child.stderr.on('data', (d: Buffer) => io.err(d));
    child.stdin.on('error', () => undefined);
    io.stdin.pipe(child.stdin);
    io.onClose(() => child.kill('SIGHUP'));
    child.on('error', (e) => {
      io.err(`${e.message}\n`);
      resolve(127);
    });
    child.on('close', (code, sig) => resolve(code ?? (sig ? 128 + (sig === 'SIGKILL' ? 9 : sig === 'SIGHUP' ? 1 : 15) : 1)));
  });
}

const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function sshTool(spec: ClusterSpec, spawnOn: NodeSpawner): ToolHandler {
  return async (req: ToolRequest, io: ToolIO) => {
    const p = parseSsh(req.args);
    if (p.error) {
      io.err(`${p.error}\n`);
      return 255;
    }
    if (!p.host) {
      io.err('usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]\n           [-J destination] [-L address] [-l login_name] [-m mac_spec]\n           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]\n           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n           destination [command [argument ...]]\n');
      return 255;
    }
    const node = resolveHost(spec, p.host, req.node);
    if (!node) {
      io.err(`ssh: Could not resolve hostname ${p.host}: Name or service not known\n`);
      return 255;
    }
    if (p.user && p.user !== 'root') {
      io.err(`${p.user}@${p.host}: Permission denied (publickey).\n`);
      return 255;
    }
    const interactive = p.command.length === 0;
    const tty = !p.noTty && (p.forceTty || interactive) && req.tty;
    if (interactive && !req.tty && !p.forceTty) io.err('Pseudo-terminal will not be allocated because stdin is not a terminal.\n');
    const script = interactive ? 'exec bash -l' : p.command.join(' ');
    let cmd: string[];
    if (tty) {
      const size = req.cols && req.rows ? `stty cols ${req.cols} rows ${req.rows} 2>/dev/null; ` : '';
      cmd = ['script', '-qfec', `${size}${interactive ? 'exec bash -l' : `exec bash -c ${shq(script)}`}`, '/dev/null'];
    } else cmd = interactive ? ['bash', '-l'] : ['bash', '-c', script];
    const s = spawnOn(node, cmd, req.term);
    return relay(s.argv, s, io);
  };
}
