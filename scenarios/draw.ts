// Draws a mock exam's tasks: deterministic for a seed (one per attempt), spread over the CKA
// domains by weight, from the pool of tasks of the named scenarios.
import type { Domain, Scenario, SetupStep, Task } from './types.ts';

/** The CKA v1.35 domain weights, in percent. */
export const CKA_WEIGHTS: Record<Domain, number> = {
  'cluster-architecture': 25,
  workloads: 15,
  'services-networking': 20,
  storage: 10,
  troubleshooting: 30,
};

/** A small seeded PRNG (mulberry32): numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed from any text or number (FNV-1a over its text). */
export function seedOf(seed: number | string): number {
  if (typeof seed === 'number' && Number.isInteger(seed)) return seed >>> 0;
  let h = 0x811c9dc5;
  for (const ch of String(seed)) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function shuffle<T>(xs: T[], rnd: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/**
 * How many tasks each domain gets: `count` split by weight (largest remainder), never more than a
 * domain has; what a domain cannot fill goes to the others by weight.
 */
export function quotas(count: number, weights: Partial<Record<Domain, number>>, available: Partial<Record<Domain, number>>): Record<Domain, number> {
  const domains = Object.keys(CKA_WEIGHTS) as Domain[];
  const out = Object.fromEntries(domains.map((d) => [d, 0])) as Record<Domain, number>;
  let left = Math.min(count, domains.reduce((a, d) => a + (available[d] ?? 0), 0));
  while (left > 0) {
    const open = domains.filter((d) => (weights[d] ?? 0) > 0 && out[d] < (available[d] ?? 0));
    // domains with no weight are used only when the weighted ones are exhausted
    const pool = open.length ? open : domains.filter((d) => out[d] < (available[d] ?? 0));
    const total = pool.reduce((a, d) => a + (open.length ? weights[d]! : 1), 0);
    const share = pool.map((d) => ({ d, x: (left * (open.length ? weights[d]! : 1)) / total }));
    let given = 0;
    for (const s of share) {
      const n = Math.min(Math.floor(s.x), (available[s.d] ?? 0) - out[s.d]);
      out[s.d] += n;
      given += n;
    }
    // the rest one by one, largest remainder first (ties: larger share, then CKA order)
    const order = [...share].sort((a, b) => (b.x - Math.floor(b.x)) - (a.x - Math.floor(a.x)) || b.x - a.x);
    for (const s of order) {
      if (given >= left) break;
      if (out[s.d] < (available[s.d] ?? 0)) {
        out[s.d]++;
        given++;
      }
    }
    left -= given;
  }
  return out;
}

/**
 * The tasks of an attempt at `exam`. An exam with fixed tasks and no pool returns its tasks.
 * A pool draw returns `pool.count` tasks (after any fixed ones) chosen with a PRNG seeded by
 * `seed`, spread by domain weights; each drawn task's id becomes "<scenario>.<task>", and the
 * first task drawn from a scenario carries that scenario's own setup steps before its own.
 */
export function drawExam(exam: Scenario, all: Scenario[], seed: number | string): Task[] {
  if (!exam.pool) return exam.tasks;
  const rnd = mulberry32(seedOf(seed));
  const from = exam.pool.from.includes('*') ? all.filter((s) => s.kind === 'scenario' && s.id !== exam.id) : exam.pool.from.map((id) => all.find((s) => s.id === id)).filter((s): s is Scenario => !!s);
  const candidates = from.flatMap((s) => s.tasks.map((t) => ({ s, t })));
  const byDomain = new Map<Domain, { s: Scenario; t: Task }[]>();
  for (const c of candidates) byDomain.set(c.t.domain, [...(byDomain.get(c.t.domain) ?? []), c]);
  const q = quotas(exam.pool.count, exam.pool.weights ?? CKA_WEIGHTS, Object.fromEntries([...byDomain].map(([d, xs]) => [d, xs.length])));
  const picked: { s: Scenario; t: Task }[] = [];
  for (const d of Object.keys(CKA_WEIGHTS) as Domain[]) picked.push(...shuffle(byDomain.get(d) ?? [], rnd).slice(0, q[d]));
  const withSetup = new Set<string>();
  const drawn = shuffle(picked, rnd).map(({ s, t }) => {
    const scenarioSetup: SetupStep[] = withSetup.has(s.id) ? [] : s.setup;
    withSetup.add(s.id);
    return { ...t, id: `${s.id}.${t.id}`, setup: [...scenarioSetup, ...(t.setup ?? [])] };
  });
  return [...exam.tasks, ...drawn];
}
