// npm run bench: the figures the issues name, measured in one run on this machine.
//   - cluster create → ready, p50/p95 (goal: p95 < 1 s)
//   - memory per idle cluster: runtime, etcd and the add-ons' containers, PSS with several clusters live (goal: < 80 MB)
//   - wall time of `kubectl get pods -A` / `kubectl version --client` inside a session (goal ≤ 1.2)
//   - idle cluster CPU: share of one core an idle cluster's processes use (goal < 0.5 %)
//   - reconciliation: 500 pods of 5 Deployments from apply to all Running, fast clock (goal < 5 s)
//   - grading: a 17-task attempt graded through the graders (goal < 2 s)
//   - platform: Start click to a usable prompt (goal p95 < 1.5 s), keystroke echo (goal p95 < 20 ms),
//     memory per live session incl. its PTY
// `npm run bench -- reconcile idle` runs only the parts named; BENCH_PROFILE=DIR saves the
// reconciliation runtime's CPU profile.
import { gradingBench } from './grading.ts';
import { platformBench } from './platform.ts';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { IN_SANDBOX, RUNTIME_NODE_FLAGS } from '../server/cluster/sandbox.ts';
import { performance } from 'node:perf_hooks';
import { Clusters, defaultPaths } from '../server/cluster/clusters.ts';
import { TestCluster, ROOT } from '../test/helpers/cluster.ts';

const clusters = new Clusters(defaultPaths(ROOT));
const N = Number(process.env.BENCH_CREATES ?? 10);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** Pids of every process of a cluster: its sandbox's PID namespace and the containers' nested ones. */
function namespacePids(pid: number): string[] {
  const ns = readlinkSync(`/proc/${pid}/ns/pid`);
  const parent = new Map<string, string>();
  const all = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  for (const d of all) {
    try {
      parent.set(d, /PPid:\s+(\d+)/.exec(readFileSync(`/proc/${d}/status`, 'utf8'))?.[1] ?? '0');
    } catch {
      // gone
    }
  }
  const inside = (d: string): boolean => {
    for (let x: string | undefined = d, n = 0; x && x !== '0' && n < 64; x = parent.get(x), n++) {
      try {
        if (readlinkSync(`/proc/${x}/ns/pid`) === ns) return true;
      } catch {
        return false;
      }
    }
    return false;
  };
  return all.filter(inside);
}

/** CPU time (user + system, seconds) used so far by the processes of a PID namespace. */
function namespaceCpu(pid: number): number {
  const hz = 100; // USER_HZ on Linux
  let ticks = 0;
  for (const p of namespacePids(pid)) {
    try {
      const f = readFileSync(`/proc/${p}/stat`, 'utf8');
      const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
      ticks += Number(rest[11]) + Number(rest[12]);
    } catch {
      // ended meanwhile
    }
  }
  return ticks / hz;
}

/**
 * Memory (kB) of every process in the PID namespace of `pid`: RSS counts the node and etcd binaries'
 * code in full for every cluster; PSS shares those pages among the clusters that map them.
 */
function namespaceMemory(pid: number): { rss: number; pss: number; procs: string[]; summary: string[] } {
  let rss = 0;
  let pss = 0;
  const procs: string[] = [];
  const groups = new Map<string, { n: number; rss: number; pss: number }>();
  for (const p of namespacePids(pid)) {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      const r = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const s = Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
      rss += r;
      pss += s;
      const name = /Name:\s+(\S+)/.exec(status)?.[1] ?? '?';
      const g = groups.get(name) ?? { n: 0, rss: 0, pss: 0 };
      g.n++;
      g.rss += r;
      g.pss += s;
      groups.set(name, g);
      procs.push(name);
    } catch {
      // the process ended while we looked
    }
  }
  const summary = [...groups].sort((a, b) => b[1].pss - a[1].pss).map(([n, g]) => `${n}${g.n > 1 ? `×${g.n}` : ''} ${Math.round(g.rss / 1024)}/${Math.round(g.pss / 1024)}`);
  return { rss, pss, procs, summary };
}

/** `npm run bench -- reconcile idle` runs only the named parts (create, idle, reconcile, grading, platform). */
const only = new Set(process.argv.slice(2));
const wants = (part: string): boolean => only.size === 0 || only.has(part);

async function main(): Promise<void> {
  if (wants('create')) await createBench();
  if (wants('idle')) await idleBench();
  if (wants('reconcile')) await reconcileBench();
  if (wants('grading')) for (const l of await gradingBench()) console.log(l);
  if (wants('platform')) for (const l of await platformBench()) console.log(l);
}

async function createBench(): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < N; i++) {
    const name = `bench-${process.pid}-${i}`;
    const t0 = performance.now();
    await clusters.create(name);
    times.push(performance.now() - t0);
    await clusters.delete(name);
  }
  console.log(`cluster create → ready (n=${N}): p50 ${pct(times, 50).toFixed(0)} ms, p95 ${pct(times, 95).toFixed(0)} ms  (goal p95 < 1000 ms)`);
}

/** Memory and CPU of idle clusters, and kubectl's overhead inside a session. */
async function idleBench(): Promise<void> {

  const LIVE = Number(process.env.BENCH_LIVE ?? 4);
  const live: TestCluster[] = [];
  for (let i = 0; i < LIVE; i++) live.push(await TestCluster.create('bench'));
  const c = live[0];
  try {
    for (const x of live) x.k('get pods -A'); // warm kubectl's discovery cache, as after a first command
    await new Promise((r) => setTimeout(r, 2000)); // idle
    const mems = live.map((x) => namespaceMemory(clusters.info(x.name)!.pid!));
    const avgPss = mems.reduce((a, m) => a + m.pss, 0) / mems.length / 1024;
    console.log(`memory per idle cluster with ${LIVE} live: ${avgPss.toFixed(1)} MB PSS  (goal < 80 MB); one cluster's RSS: ${(mems[0].rss / 1024).toFixed(1)} MB (${mems[0].procs.length} processes incl. containers; MB RSS/PSS: ${mems[0].summary.join(', ')})`);

    // idle CPU: settle, then count the CPU time of one cluster's processes over a quiet window
    await new Promise((r) => setTimeout(r, 5000));
    const idleWindow = Number(process.env.BENCH_IDLE_SECONDS ?? 20);
    const pid = clusters.info(c.name)!.pid!;
    const cpu0 = namespaceCpu(pid);
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, idleWindow * 1000));
    const idlePct = ((namespaceCpu(pid) - cpu0) / ((performance.now() - t0) / 1000)) * 100;
    console.log(`idle cluster CPU (${namespacePids(pid).length} processes, ${idleWindow} s): ${idlePct.toFixed(2)} % of one core  (goal < 0.5 %)`);

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

/**
 * BENCH_PROFILE=DIR: the reconciliation cluster's runtime runs with V8's CPU profiler; its profile
 * (from start to the end of the measurement) is saved in DIR, for Chrome's DevTools.
 */
const PROFILE = process.env.BENCH_PROFILE ? resolve(process.env.BENCH_PROFILE) : undefined;

/** Stops a cluster's runtime gracefully (it writes its CPU profile on exit) and copies the profile out. */
async function saveRuntimeProfile(name: string, dir: string): Promise<void> {
  const info = clusters.info(name)!;
  const runtime = namespacePids(info.pid!).find((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('runtime.mjs') && readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'node';
    } catch {
      return false;
    }
  });
  if (!runtime) return console.log('profile: the runtime process was not found');
  process.kill(Number(runtime), 'SIGTERM');
  for (let i = 0; i < 300 && existsSync(`/proc/${runtime}`); i++) await new Promise((r) => setTimeout(r, 100));
  mkdirSync(dir, { recursive: true });
  const from = join(info.dir, 'prof');
  for (const f of existsSync(from) ? readdirSync(from) : []) copyFileSync(join(from, f), join(dir, f));
  console.log(`profile: the runtime's CPU profile is in ${dir}`);
}

/** 500 pods across 5 Deployments, from `kubectl apply` to every pod Running, with the fast clock. */
async function reconcileBench(): Promise<void> {
  const speed = Number(process.env.BENCH_CLOCK_SPEED ?? 20);
  const replicas = Number(process.env.BENCH_REPLICAS ?? 100);
  if (PROFILE) process.env.KUBEDOJO_RUNTIME_NODE_FLAGS = `${RUNTIME_NODE_FLAGS} --cpu-prof --cpu-prof-dir=${IN_SANDBOX.cluster}/prof`;
  const c = await TestCluster.create('bench-rec', 5, { clockSpeed: speed });
  delete process.env.KUBEDOJO_RUNTIME_NODE_FLAGS;
  try {
    const docs = [1, 2, 3, 4, 5].map((i) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: load-${i}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: load-${i}}}
  template:
    metadata: {labels: {app: load-${i}}}
    spec:
      terminationGracePeriodSeconds: 0
      containers: [{name: c, image: busybox:1.36, command: [sleep, '3600']}]
`).join('---\n');
    const want = 5 * replicas;
    const t0 = performance.now();
    c.k('apply -f -', docs);
    // one watching kubectl until every replica is ready (polling 500 pods would load the machine
    // it measures), then the pods themselves are counted
    const deploys = [1, 2, 3, 4, 5].map((i) => `deploy/load-${i}`).join(' ');
    c.sh(`kubectl wait ${deploys} --for=jsonpath='{.status.readyReplicas}'=${replicas} --timeout=120s >/dev/null`, { timeoutMs: 130_000 });
    const running = Number(c.sh("kubectl get pods -l 'app in (load-1,load-2,load-3,load-4,load-5)' --field-selector=status.phase=Running --no-headers | wc -l").stdout.trim());
    const secs = (performance.now() - t0) / 1000;
    const mem = namespaceMemory(clusters.info(c.name)!.pid!);
    console.log(`reconciliation: ${running}/${want} pods of 5 Deployments Running in ${secs.toFixed(2)} s (clock ×${speed})  (goal < 5 s); cluster then holds ${mem.procs.length} processes, ${(mem.pss / 1024).toFixed(0)} MB PSS`);
    if (PROFILE) await saveRuntimeProfile(c.name, PROFILE);
  } finally {
    await c.delete();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
