// Platform figures: "Start" (POST /api/attempts) to the first prompt on the terminal socket, with
// the warm pool (goal p95 < 1.5 s); keystroke echo over socket.io on loopback (goal p95 < 20 ms);
// memory per live session incl. its PTY shell. Runs the real platform process on a scratch data
// dir with the tiny fixture scenario. `node --import tsx bench/platform.ts` runs it alone.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Clusters } from '../server/cluster/clusters.ts';
import { Client, ROOT, Term, killStray, startPlatform, stopPlatform } from '../test/helpers/platform.ts';

const PROMPT = /controlplane[^\n]*[#$] $/;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** PSS in kB of a process (0 if gone). */
function pss(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** RSS in kB of a process (0 if gone). */
function rss(pid: number): number {
  try {
    return Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Parent of every process. */
function parents(): Map<number, number> {
  const m = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      m.set(Number(d), Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${d}/status`, 'utf8'))?.[1] ?? 0));
    } catch {
      // gone
    }
  }
  return m;
}

/** Descendants of `root` (inclusive), not entering the subtrees rooted at `skip`. */
function tree(root: number, skip: Set<number>, par = parents()): number[] {
  const kids = new Map<number, number[]>();
  for (const [p, pp] of par) kids.set(pp, [...(kids.get(pp) ?? []), p]);
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    if (skip.has(p)) continue;
    out.push(p);
    stack.push(...(kids.get(p) ?? []));
  }
  return out;
}

export async function platformBench(): Promise<string[]> {
  const data = mkdtempSync(join(tmpdir(), 'kd-bench-platform-'));
  const clusters = new Clusters({ root: ROOT, data });
  const N = Number(process.env.BENCH_STARTS ?? 10);
  const LIVE = Number(process.env.BENCH_SESSIONS ?? 3);
  const lines: string[] = [];
  const p = await startPlatform(['--data', data, '--auth', 'accounts', '--admin-password', 'bench-admin-pw', '--scenarios', 'test/fixtures/platform', '--pool', '1'], {
    KUBEDOJO_ATTEMPTS_PER_HOUR: '1000',
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc`.trim(),
  });
  const terms: Term[] = [];
  try {
    const admin = new Client(p.url);
    await admin.login('admin', 'bench-admin-pw');
    const users: Client[] = [];
    for (let i = 0; i < Math.max(1, LIVE); i++) {
      await admin.post('/api/users', { username: `bench${i}`, password: 'bench-password', role: 'candidate' });
      const c = new Client(p.url);
      await c.login(`bench${i}`, 'bench-password');
      users.push(c);
    }
    const poolFull = async (): Promise<void> => {
      for (let i = 0; i < 600 && (await admin.get('/api/health')).body.pool < 1; i++) await new Promise((r) => setTimeout(r, 50));
    };

    // 1. Memory per live session (first, while the platform's heap is fresh): LIVE attempts with a shell each, PSS of the platform process and
    //    the PTY shells (cluster processes measured apart), against the platform at rest.
    await poolFull();
    const ppid = p.child.pid!;
    const clusterRoots = (): Set<number> =>
      new Set(
        clusters
          .list()
          .map((c) => {
            try {
              return JSON.parse(readFileSync(join(c.dir, 'session.json'), 'utf8')).pid as number;
            } catch {
              return 0;
            }
          })
          .filter((x) => x > 0),
      );
    /**
     * The platform process alone (RSS: its PSS falls as more node processes share its binary), and
     * its other descendants outside the clusters — the PTY shells — as PSS.
     */
    const platformSide = (): { self: number; shells: number; procs: number } => {
      const pids = tree(ppid, clusterRoots()).filter((x) => x !== ppid);
      return { self: rss(ppid), shells: pids.reduce((s, x) => s + pss(x), 0), procs: pids.length };
    };
    const clusterSide = (): number => [...clusterRoots()].reduce((s, r) => s + tree(r, new Set()).reduce((x, y) => x + pss(y), 0), 0);
    await new Promise((r) => setTimeout(r, 500));
    const heap = async (): Promise<number> => {
      const m = (await admin.post('/api/admin/gc')).body;
      return (m.heapUsed + m.external) / 1024;
    };
    const baseHeap = await heap();
    const base = platformSide();
    const baseCluster = clusterSide();
    const ids: string[] = [];
    for (let i = 0; i < LIVE; i++) {
      await poolFull();
      const u = users[i];
      const r = await u.post('/api/attempts', { scenarioId: 'platform-tiny', mode: 'exam' });
      ids.push(r.body.id);
      const term = new Term(p.url, u, { attemptId: r.body.id });
      await term.waitFor(PROMPT, 20000);
      term.type('kubectl get nodes\r');
      await term.waitFor(/node01/, 20000);
      terms.push(term);
    }
    await poolFull();
    await new Promise((r) => setTimeout(r, 1000));
    const liveHeap = await heap();
    const live = platformSide();
    const liveCluster = clusterSide();
    const shells = (live.shells - base.shells) / LIVE / 1024;
    const self = (live.self - base.self) / LIVE / 1024;
    const js = (liveHeap - baseHeap) / LIVE / 1024;
    const perCluster = (liveCluster - baseCluster) / LIVE / 1024;
    const memoryLine =
      `memory per live session (${LIVE} live): PTY shell ${shells.toFixed(1)} MB (${((live.procs - base.procs) / LIVE).toFixed(1)} processes, PSS), ` +
        `platform process ${js >= 0 ? '+' : ''}${js.toFixed(2)} MB JS heap+external after a full GC (RSS ${self >= 0 ? '+' : ''}${self.toFixed(1)} MB, noisy), ` +
        `its cluster ${perCluster.toFixed(1)} MB PSS; session total ${(Math.max(0, js) + shells + perCluster).toFixed(1)} MB`;
    for (const [i, id] of ids.entries()) await users[i].post(`/api/attempts/${id}/submit`);
    for (const t of terms.splice(0)) t.close();

    // 2. Start → first prompt; keystroke echo on the last session once it has settled
    const starts: number[] = [];
    const echoes: number[] = [];
    for (let i = 0; i < N; i++) {
      await poolFull();
      if (process.env.BENCH_VERBOSE) await admin.get('/api/health');
      const u = users[0];
      const t0 = performance.now();
      const r = await u.post('/api/attempts', { scenarioId: 'platform-tiny', mode: 'exam' });
      if (r.status !== 201) throw new Error(`start failed: ${r.text}`);
      const t1 = performance.now();
      const term = new Term(p.url, u, { attemptId: r.body.id, cols: 120, rows: 30 });
      await term.until(() => !!term.ready, 20000, 'ready');
      const t2 = performance.now();
      await term.waitFor(PROMPT, 20000);
      starts.push(performance.now() - t0);
      if (process.env.BENCH_VERBOSE) {
        const h = (await admin.get('/api/health')).body;
        console.log(`start ${i}: POST ${(t1 - t0).toFixed(0)} ms, ready ${(t2 - t0).toFixed(0)} ms, prompt ${(performance.now() - t0).toFixed(0)} ms; platform loop blocked up to ${h.loopDelayMaxMs} ms`);
      }
      if (i === N - 1) {
        // echo on a settled session: setup applied, the pool refilled
        await poolFull();
        for (let k = 0; k < 100 && (await u.get(`/api/attempts/${r.body.id}`)).body.status !== 'running'; k++) await new Promise((res) => setTimeout(res, 100));
        await new Promise((res) => setTimeout(res, 500));
        for (let k = 0; k < 100; k++) {
          const ch = String.fromCharCode(97 + (k % 26));
          const before = term.out.length;
          const e0 = performance.now();
          term.type(ch);
          await term.until(() => term.out.length > before && term.out.slice(before).includes(ch), 5000, 'echo');
          echoes.push(performance.now() - e0);
          await new Promise((res) => setTimeout(res, 10));
        }
        term.type('\x15');
      }
      term.close();
      await u.post(`/api/attempts/${r.body.id}/submit`);
    }
    lines.push(`platform Start → first prompt (n=${N}, warm pool of 1): p50 ${pct(starts, 50).toFixed(0)} ms, p95 ${pct(starts, 95).toFixed(0)} ms  (goal p95 < 1500 ms)`);
    lines.push(`terminal keystroke echo over socket.io, loopback (n=${echoes.length}): p50 ${pct(echoes, 50).toFixed(1)} ms, p95 ${pct(echoes, 95).toFixed(1)} ms  (goal p95 < 20 ms)`);
    lines.push(memoryLine);
  } finally {
    for (const t of terms) t.close();
    await stopPlatform(p);
    await Promise.all(clusters.list().map((c) => clusters.delete(c.name)));
    killStray(data);
    rmSync(data, { recursive: true, force: true, maxRetries: 5 });
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const l of await platformBench()) console.log(l);
  process.exit(0);
}
