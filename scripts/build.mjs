// Bundles the CLI and the cluster runtime into dist/ with esbuild, so that starting a cluster or
// running `kubedojo exec` does not pay for TypeScript compilation. Rebuilds only when a source is newer.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const entries = { cli: 'server/cli/main.ts', runtime: 'server/cluster/runtime-main.ts', nodetool: 'server/cluster/node/tool-main.ts', applets: 'server/cluster/network/applets/main.ts' };

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (e.name.endsWith('.ts') || e.name.endsWith('.json') || e.name.endsWith('.yaml')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

const outs = Object.keys(entries).map((k) => join(root, 'dist', `${k}.mjs`));
const force = process.argv.includes('--force');
const stale = force || outs.some((o) => !existsSync(o)) || Math.max(...['server', 'scenarios', 'graders'].map((d) => newest(join(root, d)))) > Math.min(...outs.map((o) => statSync(o).mtimeMs));
if (stale) {
  await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, join(root, v)])),
    outdir: join(root, 'dist'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: 'linked',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
}

// The node tools (ssh, crictl, systemctl, …) live beside kubectl in .tools/bin, which every node
// sees as /usr/local/bin: a shim per tool, and the bundle they run.
const toolsBin = join(root, '.tools', 'bin');
mkdirSync(toolsBin, { recursive: true });
copyFileSync(join(root, 'dist', 'nodetool.mjs'), join(toolsBin, '.nodetool.mjs'));
for (const name of JSON.parse(readFileSync(join(root, 'server/cluster/node/tool-names.json'), 'utf8'))) {
  const shim = join(toolsBin, name);
  const text = `#!/bin/sh\nexec ${process.execPath} "\${0%/*}/.nodetool.mjs" ${name} "$@"\n`;
  if (!existsSync(shim) || readFileSync(shim, 'utf8') !== text) writeFileSync(shim, text);
  chmodSync(shim, 0o755);
}
// containers' busybox: a copy whose shell leaves the network applets to PATH (see busybox-applets.json)
{
  const src = ['/usr/bin/busybox', '/bin/busybox'].find((p) => existsSync(p));
  const out = join(toolsBin, '.busybox-containers');
  const { rename } = JSON.parse(readFileSync(join(root, 'server/cluster/kubelet/busybox-applets.json'), 'utf8'));
  if (src && (!existsSync(out) || statSync(out).mtimeMs < statSync(src).mtimeMs)) {
    let bin = readFileSync(src);
    let ok = true;
    for (const [from, to] of Object.entries(rename)) {
      const a = Buffer.from(`\0${from}\0`);
      const i = bin.indexOf(a);
      if (i < 0 || bin.indexOf(a, i + 1) >= 0 || from.length !== to.length) ok = false;
      else Buffer.from(`\0${to}\0`).copy(bin, i);
    }
    if (ok) {
      writeFileSync(`${out}.tmp`, bin, { mode: 0o755 });
      // the other applets must still be found (the table stays sorted)
      const probe = spawnSync(`${out}.tmp`, ['-c', 'wc -l </dev/null >/dev/null && which sh >/dev/null && ! { ping6 -c1 x; nsenter --help; } 2>&1 | grep -q "applet not found"'], { argv0: 'sh' });
      if (probe.status === 0) renameSync(`${out}.tmp`, out);
      else rmSync(`${out}.tmp`, { force: true });
    }
  }
}

// node programs that need no runtime (etcdutl for the packaged etcd, which lacks it)
for (const name of readdirSync(join(root, 'server/cluster/node/bin'))) {
  copyFileSync(join(root, 'server/cluster/node/bin', name), join(toolsBin, name));
  chmodSync(join(toolsBin, name), 0o755);
}

// The browser app (client/) is built with Vite into dist/client; skipped when dist/client is newer
// than every file in client/.
{
  const clientDir = join(root, 'client');
  const outIndex = join(root, 'dist', 'client', 'index.html');
  const newestAny = (dir) => {
    let t = 0;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === 'dist') continue;
      const p = join(dir, e.name);
      t = Math.max(t, e.isDirectory() ? newestAny(p) : statSync(p).mtimeMs);
    }
    return t;
  };
  if (existsSync(clientDir) && (force || !existsSync(outIndex) || newestAny(clientDir) > statSync(outIndex).mtimeMs)) {
    const vite = await import('vite');
    await vite.build({ configFile: join(clientDir, 'vite.config.ts'), logLevel: 'warn' });
  }
}
