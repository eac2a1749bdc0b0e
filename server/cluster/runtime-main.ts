// Entry point of a cluster's runtime process: `node runtime.mjs <cluster-dir> [--local]`.
// Writes runtime.json with {status: 'ready'} (or 'failed' and the reason) for the CLI to read.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClusterRuntime, writeState } from './runtime.ts';

const [clusterDir, ...rest] = process.argv.slice(2);
if (!clusterDir) {
  console.error('usage: runtime.mjs CLUSTER_DIR [--local ROOT API_PORT ETCD_PORT]');
  process.exit(2);
}
const logFile = join(clusterDir, 'logs', 'runtime.log');
const log = (line: string) => {
  try {
    appendFileSync(logFile, `${new Date().toISOString()} ${line}\n`);
  } catch {
    // logging must never take the runtime down
  }
};

log(`runtime process up after ${Math.round(process.uptime() * 1000)} ms`);
const local = rest[0] === '--local';
const runtime = new ClusterRuntime({
  clusterDir,
  root: local ? rest[1] : '',
  portOverride: local ? { api: Number(rest[2]), etcd: Number(rest[3]), etcdPeer: Number(rest[3]) + 1, etcdMetrics: Number(rest[3]) + 2 } : undefined,
  log,
});

process.on('uncaughtException', (e) => log(`uncaught: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => log(`unhandled: ${(e as Error)?.stack ?? e}`));
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  process.on(sig, () => {
    void runtime.stop().finally(() => process.exit(0));
  });
}

runtime.start().then(
  () => writeState(clusterDir, { status: 'ready', pid: process.pid, at: new Date().toISOString() }),
  (e) => {
    log(`start failed: ${e.stack ?? e}`);
    writeState(clusterDir, { status: 'failed', error: String(e.message ?? e) });
    void runtime.stop().finally(() => process.exit(1));
  },
);
