// kubedojo CLI: cluster create|list|delete, exec, shell, doctor, import.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Clusters, ClusterError, defaultPaths } from '../cluster/clusters.ts';
import { sandboxAvailable } from '../cluster/sandbox.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const clusters = new Clusters(defaultPaths(ROOT));

const USAGE = `kubedojo — CKA practice clusters driven by the real kubectl

Usage:
  kubedojo cluster create NAME [--workers N] [--version 1.35|1.34] [--clock-speed X] [--json]
                                      create a cluster (controlplane + N workers, default 1;
                                      --version 1.34 for upgrade practice;
                                      --clock-speed runs cluster time X times faster, for tests)
  kubedojo cluster list [--json]                        list clusters
  kubedojo cluster delete NAME                          stop and remove a cluster
  kubedojo exec NAME [--node NODE] -- CMD [ARGS...]     run a command as root on a node (default controlplane)
  kubedojo shell NAME [--node NODE]                     an interactive shell on a node
  kubedojo doctor                                       what is installed, and what is missing
  kubedojo import killercoda DIR [--out FILE]           turn a Killercoda scenario folder into a kubedojo
                                                        scenario (YAML on stdout, or written to FILE)

Environment: KUBEDOJO_DATA sets where clusters are kept (default: .data in the repository).`;

function fail(msg: string, code = 1): never {
  process.stderr.write(`error: ${msg}\n`);
  process.exit(code);
}

function takeFlag(args: string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  const a = args[i];
  if (a.includes('=')) {
    args.splice(i, 1);
    return a.slice(name.length + 1);
  }
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) fail(`flag needs an argument: ${name}`);
  args.splice(i, 2);
  return v;
}

function takeBool(args: string[], name: string): boolean {
  const i = args.indexOf(name);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
}

function rejectUnknown(args: string[]): void {
  const bad = args.find((a) => a.startsWith('-'));
  if (bad) fail(`unknown flag: ${bad}\n\n${USAGE}`);
}

function age(iso: string): string {
  const s = Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 1000));
  return s < 120 ? `${s}s` : s < 7200 ? `${Math.floor(s / 60)}m` : `${Math.floor(s / 3600)}h`;
}

function runAttached(argv: string[], options: object): Promise<number> {
  return new Promise((res) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: 'inherit', ...options });
    child.on('error', (e) => {
      process.stderr.write(`error: ${e.message}\n`);
      res(127);
    });
    child.on('exit', (code, sig) => res(code ?? (sig ? 128 + (({ SIGKILL: 9, SIGTERM: 15, SIGINT: 2 } as Record<string, number>)[sig] ?? 1) : 1)));
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, () => child.kill(s));
  });
}

function version(cmd: string, args: string[]): string | undefined {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0 || r.error) return undefined;
  return (r.stdout || r.stderr).split('\n').find((l) => l.trim())?.trim();
}

function doctor(): number {
  const tools = join(ROOT, '.tools', 'bin');
  const rows: [string, string | undefined, string][] = [
    ['node', process.version, process.execPath],
    ['kubectl', existsSync(join(tools, 'kubectl')) ? version(join(tools, 'kubectl'), ['version', '--client']) : undefined, join(tools, 'kubectl')],
    ['helm', existsSync(join(tools, 'helm')) ? version(join(tools, 'helm'), ['version', '--short']) : undefined, join(tools, 'helm')],
    ['etcd', version('etcd', ['--version']), '/usr/bin/etcd (Debian etcd-server)'],
    ['etcdctl', version('etcdctl', ['version']), '/usr/bin/etcdctl (Debian etcd-client)'],
    ['bwrap', version('bwrap', ['--version']), '/usr/bin/bwrap (Debian bubblewrap)'],
    ['nsenter', version('nsenter', ['--version']), '/usr/bin/nsenter (Debian util-linux)'],
    ['busybox', version('busybox', ['--help'])?.split(' ').slice(0, 2).join(' '), '/usr/bin/busybox (Debian busybox-static)'],
    ['runtime bundle', existsSync(join(ROOT, 'dist', 'runtime.mjs')) ? 'built' : undefined, join(ROOT, 'dist', 'runtime.mjs')],
  ];
  let missing = 0;
  for (const [name, v, where] of rows) {
    if (!v) missing++;
    process.stdout.write(`${v ? 'ok     ' : 'MISSING'} ${name.padEnd(15)} ${(v ?? '').padEnd(40)} ${where}\n`);
  }
  const sb = sandboxAvailable();
  process.stdout.write(sb.ok ? 'mode    sandboxed sessions (bubblewrap, own network/PID/UTS/mount namespaces)\n' : `mode    LOCAL MODE, no isolation: ${sb.why}\n`);
  if (missing) process.stdout.write(`\n${missing} missing: run \`npm run setup\` (as root it installs the Debian packages too)\n`);
  return missing ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  const cmd = args.shift();
  if (!cmd || cmd === '-h' || cmd === '--help' || cmd === 'help') {
    process.stdout.write(USAGE + '\n');
    return cmd ? 0 : 2;
  }
  if (cmd === 'doctor') return doctor();
  if (cmd === 'cluster') {
    const sub = args.shift();
    if (sub === 'create') {
      const workers = takeFlag(args, '--workers');
      const speed = takeFlag(args, '--clock-speed');
      const version = takeFlag(args, '--version');
      const json = takeBool(args, '--json');
      rejectUnknown(args);
      const name = args.shift() ?? fail('cluster create needs a NAME');
      if (args.length) fail(`unexpected argument: ${args[0]}`);
      const t0 = Date.now();
      const info = await clusters.create(name, { workers: workers === undefined ? 1 : Number(workers), clockSpeed: speed === undefined ? undefined : Number(speed), version });
      const ms = Date.now() - t0;
      if (json) process.stdout.write(JSON.stringify({ ...info, startupMs: ms }, null, 2) + '\n');
      else {
        process.stdout.write(`cluster "${name}" ready in ${ms} ms (${info.nodes.map((n) => n.name).join(', ')})${info.mode === 'local' ? ' — LOCAL MODE, not isolated' : ''}\n`);
        process.stdout.write(`  shell: kubedojo shell ${name}\n  exec:  kubedojo exec ${name} -- kubectl get nodes\n`);
      }
      return 0;
    }
    if (sub === 'list' || sub === 'ls') {
      const json = takeBool(args, '--json');
      rejectUnknown(args);
      const all = clusters.list();
      if (json) {
        process.stdout.write(JSON.stringify(all, null, 2) + '\n');
        return 0;
      }
      if (!all.length) {
        process.stderr.write('No clusters.\n');
        return 0;
      }
      const rows = [['NAME', 'STATUS', 'NODES', 'MODE', 'AGE'], ...all.map((c) => [c.name, c.status, String(c.nodes.length), c.mode, age(c.created)])];
      const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)) + 3);
      for (const r of rows) process.stdout.write(r.map((c, i) => (i < r.length - 1 ? c.padEnd(w[i]) : c)).join('') + '\n');
      return 0;
    }
    if (sub === 'delete' || sub === 'rm') {
      rejectUnknown(args);
      if (!args.length) fail('cluster delete needs a NAME');
      let code = 0;
      for (const name of args) {
        if (await clusters.delete(name)) process.stdout.write(`cluster "${name}" deleted\n`);
        else {
          process.stderr.write(`error: cluster "${name}" not found\n`);
          code = 1;
        }
      }
      return code;
    }
    fail(`unknown command "cluster ${sub ?? ''}"\n\n${USAGE}`, 2);
  }
  if (cmd === 'import') {
    const kind = args.shift();
    if (kind !== 'killercoda') fail(`unknown import source "${kind ?? ''}" (known: killercoda)\n\n${USAGE}`, 2);
    const outFile = takeFlag(args, '--out');
    rejectUnknown(args);
    const dir = args.shift() ?? fail('import killercoda needs a DIR (the folder holding index.json)');
    if (args.length) fail(`unexpected argument: ${args[0]}`);
    const { importKillercoda, ImportError } = await import('../../scenarios/killercoda.ts');
    const { parseScenario, formatProblem } = await import('../../scenarios/loader.ts');
    let yamlText: string;
    try {
      yamlText = importKillercoda(dir);
    } catch (e) {
      if (e instanceof ImportError) fail(e.message);
      throw e;
    }
    const file = outFile ?? `${dir.replace(/\/$/, '')}.yaml`;
    if (outFile) {
      writeFileSync(outFile, yamlText);
      process.stderr.write(`wrote ${outFile}\n`);
    } else process.stdout.write(yamlText);
    for (const p of parseScenario(yamlText, file).problems) process.stderr.write(`warning: ${formatProblem(p)}\n`);
    process.stderr.write('review the domains, concepts and reference solutions (marked TODO), then prove it: npm run scenario:check FILE\n');
    return 0;
  }
  if (cmd === 'exec' || cmd === 'shell') {
    const dash = args.indexOf('--');
    const head = dash >= 0 ? args.slice(0, dash) : args;
    const rest = dash >= 0 ? args.slice(dash + 1) : [];
    const node = takeFlag(head, '--node');
    rejectUnknown(head);
    const name = head.shift() ?? fail(`${cmd} needs a cluster NAME`);
    if (cmd === 'exec' && !rest.length) fail('exec needs a command after --');
    const command = cmd === 'shell' ? ['/bin/bash', '-l'] : rest;
    const { argv: a, options } = clusters.commandFor(name, node, command, { term: process.env.TERM });
    return runAttached(a, options);
  }
  fail(`unknown command "${cmd}"\n\n${USAGE}`, 2);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof ClusterError) fail(e.message);
    fail(e?.stack ?? String(e));
  },
);
