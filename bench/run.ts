// npm run bench: the figures issue #2 names, measured in one run on this machine.
//   - cluster create → ready, p50/p95 (goal: p95 < 1 s)
//   - memory per idle cluster: runtime + etcd, PSS with several clusters live (goal: < 80 MB)
//   - wall time of `kubectl get pods -A` / `kubectl version --client` inside a session (goal ≤ 1.2)
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Clusters, defaultPaths } from '../server/cluster/clusters.ts';
import { TestCluster, ROOT } from '../test/helpers/cluster.ts';

const clusters = new Clusters(defaultPaths(ROOT));
const N = Number(process.env.BENCH_CREATES ?? 10);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/**
 * Memory (kB) of every process in the PID namespace of `pid`: RSS counts the node and etcd binaries'
 * code in full for every cluster; PSS shares those pages among the clusters that map them.
 */
function namespaceMemory(pid: number): { rss: number; pss: number; procs: string[] } {
  const ns = readlinkSync(`/proc/${pid}/ns/pid`);
  let rss = 0;
  let pss = 0;
  const procs: string[] = [];
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readlinkSync(`/proc/${p}/ns/pid`) !== ns) continue;
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      const r = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const s = Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
      rss += r;
      pss += s;
      procs.push(`${/Name:\s+(\S+)/.exec(status)?.[1]} ${Math.round(r / 1024)}/${Math.round(s / 1024)}`);
    } catch {
      // the process ended while we looked
    }
  }
  return { rss, pss, procs };
}

async function main(): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < N; i++) {
    const name = `bench-${process.pid}-${i}`;
    const t0 = performance.now();
    await clusters.create(name);
    times.push(performance.now() - t0);
    await clusters.delete(name);
  }
  console.log(`cluster create → ready (n=${N}): p50 ${pct(times, 50).toFixed(0)} ms, p95 ${pct(times, 95).toFixed(0)} ms  (goal p95 < 1000 ms)`);

  const LIVE = Number(process.env.BENCH_LIVE ?? 4);
  const live: TestCluster[] = [];
  for (let i = 0; i < LIVE; i++) live.push(await TestCluster.create('bench'));
  const c = live[0];
  try {
    for (const x of live) x.k('get pods -A'); // warm kubectl's discovery cache, as after a first command
    await new Promise((r) => setTimeout(r, 2000)); // idle
    const mems = live.map((x) => namespaceMemory(clusters.info(x.name)!.pid!));
    const avgPss = mems.reduce((a, m) => a + m.pss, 0) / mems.length / 1024;
    console.log(`memory per idle cluster with ${LIVE} live: ${avgPss.toFixed(1)} MB PSS  (goal < 80 MB); one cluster's RSS: ${(mems[0].rss / 1024).toFixed(1)} MB (MB RSS/PSS: ${mems[0].procs.join(', ')})`);

    const loops = Number(process.env.BENCH_KUBECTL_LOOPS ?? 20);
    const script = (cmd: string) => `TIMEFORMAT=%R; time (for i in $(seq ${loops}); do ${cmd} >/dev/null; done) 2>&1`;
    const timeOf = (cmd: string) => {
      const r = c.sh(`{ ${script(cmd)}; } 2>&1`);
      return Number(r.stdout.trim().split('\n').pop());
    };
    const rounds: number[] = [];
    for (let i = 0; i < 3; i++) {
      const v = timeOf('kubectl version --client');
      const g = timeOf('kubectl get pods -A');
      rounds.push(g / v);
    }
    const ratio = pct(rounds, 50);
    console.log(`kubectl get pods -A / kubectl version --client wall time: ${ratio.toFixed(2)} (median of 3 rounds of ${loops} runs each)  (goal ≤ 1.2)`);
  } finally {
    for (const x of live) await x.delete();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
