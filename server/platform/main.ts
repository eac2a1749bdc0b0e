// kubedojo platform: `npm start` / `npm run serve`. Serves the browser client, the JSON API and the
// terminal gateway on one port; keeps its data (SQLite, recordings, clusters) under the data dir.
import { join, resolve } from 'node:path';
import { createPlatform, ROOT } from './app.ts';

const USAGE = `kubedojo platform

Usage: npm start -- [flags]   (or: node --import tsx server/platform/main.ts [flags])

  --port N            port to listen on (env PORT; default 3000; 0 picks a free one)
  --host ADDR         address to bind (default 127.0.0.1)
  --data DIR          data dir: database, recordings, clusters (env KUBEDOJO_DATA; default <repo>/.data)
  --auth MODE         accounts | local (default: local on a loopback address, else accounts)
  --admin-password P  set the admin's password (env KUBEDOJO_ADMIN_PASSWORD; default: a one-time
                      password is generated and printed on first run)
  --scenarios DIR     scenario files (env KUBEDOJO_SCENARIOS; default <repo>/scenarios)
  --pool N            warm clusters kept ready (env KUBEDOJO_POOL; default 1)
  --max-sessions N    live attempts on the platform (env KUBEDOJO_MAX_SESSIONS; default 20)
  --attempts-per-hour N   per user (env KUBEDOJO_ATTEMPTS_PER_HOUR; default 10)
  --idle-minutes N    reclaim attempts without terminal input this long (env KUBEDOJO_IDLE_MINUTES; default 30)
`;

function parse(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') {
      process.stdout.write(USAGE);
      process.exit(0);
    }
    if (!a.startsWith('--')) fail(`unexpected argument "${a}"`);
    const eq = a.indexOf('=');
    if (eq > 0) out.set(a.slice(2, eq), a.slice(eq + 1));
    else {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) fail(`flag needs a value: ${a}`);
      out.set(a.slice(2), v);
      i++;
    }
  }
  const known = ['port', 'host', 'data', 'auth', 'admin-password', 'scenarios', 'pool', 'max-sessions', 'attempts-per-hour', 'idle-minutes', 'client'];
  for (const k of out.keys()) if (!known.includes(k)) fail(`unknown flag --${k}`);
  return out;
}

function fail(msg: string): never {
  process.stderr.write(`error: ${msg}\n\n${USAGE}`);
  process.exit(2);
}

function num(v: string | undefined, def: number, what: string, min = 0): number {
  if (v === undefined || v === '') return def;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) fail(`${what} must be a number ≥ ${min} (got "${v}")`);
  return n;
}

const f = parse(process.argv.slice(2));
const host = f.get('host') ?? process.env.KUBEDOJO_HOST ?? '127.0.0.1';
const loopback = host === '127.0.0.1' || host === '::1' || host === 'localhost' || host.startsWith('127.');
const authMode = (f.get('auth') ?? process.env.KUBEDOJO_AUTH ?? (loopback ? 'local' : 'accounts')) as 'accounts' | 'local';
if (authMode !== 'accounts' && authMode !== 'local') fail('--auth must be "accounts" or "local"');
if (authMode === 'local' && !loopback) fail('--auth local (no login) is only allowed on a loopback address; use --auth accounts');
const dataDir = resolve(f.get('data') ?? process.env.KUBEDOJO_DATA ?? join(ROOT, '.data'));
// the cluster layer reads KUBEDOJO_DATA too; keep them in agreement
process.env.KUBEDOJO_DATA = dataDir;

const platform = await startOrExplain({
  dataDir,
  scenariosDir: resolve(f.get('scenarios') ?? process.env.KUBEDOJO_SCENARIOS ?? join(ROOT, 'scenarios')),
  clientDir: resolve(f.get('client') ?? join(ROOT, 'dist', 'client')),
  host,
  port: num(f.get('port') ?? process.env.PORT, 3000, '--port'),
  auth: authMode,
  adminPassword: f.get('admin-password') ?? process.env.KUBEDOJO_ADMIN_PASSWORD ?? undefined,
  poolSize: num(f.get('pool') ?? process.env.KUBEDOJO_POOL, 1, '--pool'),
  limits: {
    perUser: 1,
    perHour: num(f.get('attempts-per-hour') ?? process.env.KUBEDOJO_ATTEMPTS_PER_HOUR, 10, '--attempts-per-hour', 1),
    maxLive: num(f.get('max-sessions') ?? process.env.KUBEDOJO_MAX_SESSIONS, 20, '--max-sessions', 1),
    idleMinutes: num(f.get('idle-minutes') ?? process.env.KUBEDOJO_IDLE_MINUTES, 30, '--idle-minutes', 0.05),
  },
});

async function startOrExplain(o: Parameters<typeof createPlatform>[0]): ReturnType<typeof createPlatform> {
  try {
    return await createPlatform(o);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') fail(`port ${o.port} on ${o.host} is in use: choose another with --port (or PORT)`);
    if (err.code === 'EACCES') fail(`not allowed to listen on port ${o.port}: choose one above 1023 with --port`);
    if (/another kubedojo platform/.test(err.message)) fail(err.message);
    throw e;
  }
}

const out: string[] = [];
out.push(`kubedojo is running: open ${platform.url}`);
out.push(`  auth: ${authMode === 'local' ? 'local (single user, no login)' : 'accounts'}; data: ${dataDir}; scenarios: ${platform.catalogue.all().length} (${platform.content.source})`);
if (platform.catalogue.problems.length) {
  out.push(`  ${platform.catalogue.problems.length} scenario problem(s):`);
  for (const p of platform.catalogue.problems.slice(0, 20)) out.push(`    ${p.file}:${p.line}:${p.column}: ${p.message}`);
}
if (platform.firstAdmin) out.push(`  first run: created user "${platform.firstAdmin.username}" with the one-time password ${platform.firstAdmin.password} (change it after logging in)`);
process.stdout.write(out.join('\n') + '\n');

let closing = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (closing) process.exit(1);
    closing = true;
    process.stdout.write('kubedojo: stopping (attempts and their clusters stay for the next start)\n');
    platform.close().then(
      () => process.exit(0),
      (e) => {
        process.stderr.write(`kubedojo: ${(e as Error).message}\n`);
        process.exit(1);
      },
    );
  });
}
