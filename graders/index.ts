// The grader library: every check type by name, and grading of tasks against a session.
// A grading pass shares identical kubectl reads between its checks, fetches the named objects of a
// namespace (whole, or through the checks' jsonpath templates) with one kubectl call, and runs at
// most a few commands at once, so a 17-task attempt grades in well under two seconds.
import type { Check, Task } from '../scenarios/types.ts';
import { canI } from './canI.ts';
import { command } from './command.ts';
import { etcdSnapshot } from './etcdSnapshot.ts';
import { events } from './events.ts';
import { absent, exists } from './exists.ts';
import { file } from './file.ts';
import { jsonpath } from './jsonpath.ts';
import { node } from './node.ts';
import { podPhase, podsReady, restartCount } from './pods.ts';
import { rollout } from './rollout.ts';
import { script } from './script.ts';
import { serviceEndpoints } from './service.ts';
import type { CheckResult, Grader, RunResult, SessionHandle, TaskResult } from './types.ts';

export type { CheckResult, Grader, RunResult, SessionHandle, TaskResult } from './types.ts';

export const GRADERS: Map<string, Grader> = new Map(
  [exists, absent, jsonpath, podsReady, podPhase, restartCount, rollout, serviceEndpoints, node, canI, file, etcdSnapshot, command, events, script].map((g) => [g.type, g]),
);

/** Commands run at once against one session during grading. */
export const GRADING_CONCURRENCY = 6;

/** kubectl verbs that only read, so identical calls within one pass can share one answer. */
function isRead(argv: string[]): boolean {
  if (argv[0] !== 'kubectl') return false;
  const verb = argv.slice(1).find((a) => !a.startsWith('-'));
  return verb === 'get' || verb === 'auth' || verb === 'api-resources';
}

const NOT_FOUND = /^Error from server \(NotFound\): \S+ "([^"]+)" not found$/;
/** Between the parts of a merged jsonpath template: a character no kubectl output part holds. */
const SEP = '\u001e';

/** A named read: `kubectl [--flags] get TYPE/NAME -n NS -o json` or `-o jsonpath=TEMPLATE`. */
interface NamedRead {
  argv: string[];
  res: string;
  /** undefined: the whole object as JSON. */
  template?: string;
}

function namedRead(argv: string[]): { key: string; read: NamedRead } | undefined {
  const i = argv.indexOf('get');
  if (argv[0] !== 'kubectl' || i < 1 || !argv.slice(1, i).every((a) => a.startsWith('--'))) return undefined;
  const rest = argv.slice(i + 1);
  if (rest.length < 5 || !/^[^/\s]+\/[^/\s]+$/.test(rest[0]) || rest[1] !== '-n' || rest[3] !== '-o') return undefined;
  let template: string | undefined;
  if (rest.length === 5 && rest[4] === 'json') template = undefined;
  else if (rest.length === 5 && rest[4].startsWith('jsonpath=')) template = rest[4].slice('jsonpath='.length);
  else return undefined;
  return { key: JSON.stringify([...argv.slice(0, i + 1), rest[2]]), read: { argv, res: rest[0], template } };
}

/**
 * A jsonpath template made to read item `k` of a List: `{.spec.x}` → `{.items[k].spec.x}`; text
 * outside braces stays. Templates with range/end, variables or an unbalanced brace are left alone.
 */
export function templateForItem(template: string, k: number): string | undefined {
  if (template.includes(SEP)) return undefined;
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    // find the matching close brace, skipping quoted text
    let j = open + 1;
    let quote: string | undefined;
    for (; j < template.length; j++) {
      const ch = template[j];
      if (quote) {
        if (ch === '\\') j++;
        else if (ch === quote) quote = undefined;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '}') break;
      else if (ch === '{') return undefined;
    }
    if (j >= template.length) return undefined;
    const expr = template.slice(open + 1, j).trim();
    if (expr.startsWith('"')) out += `{${expr}}`; // a string literal
    else if (expr.startsWith('.') || expr.startsWith('[')) out += `{.items[${k}]${expr}}`;
    else return undefined; // range, end, @, $ …
    i = j + 1;
  }
  return out;
}

/**
 * Answers several named reads in one namespace with one kubectl call: the objects listed in the
 * order asked, and one jsonpath template whose parts read each (`{.items[k]}` is the whole object,
 * printed as JSON by kubectl's own jsonpath). Missing objects are named by kubectl and the rest asked
 * again; any other doubt and each read is asked alone.
 */
async function batchedReads(run: (argv: string[]) => Promise<RunResult>, reads: NamedRead[], depth = 0): Promise<RunResult[]> {
  const alone = (): Promise<RunResult[]> => Promise.all(reads.map((r) => run(r.argv)));
  if (reads.length === 1) return alone();
  const first = reads[0].argv;
  const i = first.indexOf('get');
  const ns = first[i + 3];
  const uniq = [...new Set(reads.map((r) => r.res))];
  const parts = reads.map((r) => (r.template === undefined ? `{.items[${uniq.indexOf(r.res)}]}` : templateForItem(r.template, uniq.indexOf(r.res))));
  if (parts.some((p) => p === undefined)) {
    const ok = reads.filter((_, j) => parts[j] !== undefined);
    const [merged, rest] = await Promise.all([ok.length > 1 ? batchedReads(run, ok, depth) : Promise.all(ok.map((r) => run(r.argv))), Promise.all(reads.filter((_, j) => parts[j] === undefined).map((r) => run(r.argv)))]);
    let a = 0;
    let b = 0;
    return reads.map((_, j) => (parts[j] !== undefined ? merged[a++] : rest[b++]));
  }
  // one object alone would come back as itself, not as a List: name it twice
  const objects = uniq.length === 1 ? [uniq[0], uniq[0]] : uniq;
  const r = await run([...first.slice(0, i + 1), ...objects, '-n', ns, '-o', `jsonpath=${parts.join(SEP)}`]);
  if (r.code === 0) {
    const out = r.stdout.split(SEP);
    if (out.length !== reads.length) return alone();
    return out.map((o) => ({ code: 0, stdout: o, stderr: '' }));
  }
  const errLines = r.stderr.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('Warning:'));
  // objects kubectl names as missing (the template then also fails on the shorter List: that
  // error is an echo); with none named, something else is wrong (an unknown type, a template
  // error, the API server down): ask each alone
  const missing = new Map<string, string>();
  for (const l of errLines) {
    const m = NOT_FOUND.exec(l);
    if (m) missing.set(m[1], l);
  }
  const names = uniq.map((x) => x.split('/')[1]);
  // a missing name asked under two types (deploy/web and svc/web) cannot be told apart
  if (depth > 0 || !missing.size || [...missing.keys()].some((n) => names.filter((x) => x === n).length > 1)) return alone();
  const present = reads.filter((rd) => !missing.has(rd.res.split('/')[1]));
  const again = present.length ? await batchedReads(run, present, depth + 1) : [];
  let k = 0;
  return reads.map((rd) => {
    const nf = missing.get(rd.res.split('/')[1]);
    return nf ? { code: 1, stdout: '', stderr: `${nf}\n` } : again[k++];
  });
}

/**
 * A view of a session for one grading pass: at most `limit` commands at once, identical kubectl
 * reads answered once, and named reads (objects and jsonpath) in one namespace fetched together.
 */
export function gradingSession(session: SessionHandle, limit = GRADING_CONCURRENCY): SessionHandle {
  let active = 0;
  const waiting: (() => void)[] = [];
  const slot = async (): Promise<void> => {
    if (active < limit) {
      active++;
      return;
    }
    await new Promise<void>((res) => waiting.push(res));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  const reads = new Map<string, Promise<RunResult>>();
  const limited = async (argv: string[], o?: { node?: string; input?: string; timeoutMs?: number }): Promise<RunResult> => {
    await slot();
    try {
      return await session.run(argv, o);
    } finally {
      release();
    }
  };
  const batches = new Map<string, { read: NamedRead; resolve: (r: RunResult) => void }[]>();
  const batched = (read: NamedRead, key: string): Promise<RunResult> =>
    new Promise((resolve) => {
      let b = batches.get(key);
      if (!b) {
        const list: { read: NamedRead; resolve: (r: RunResult) => void }[] = [];
        batches.set(key, list);
        b = list;
        // the checks of a pass ask for their first reads in the same turn: gather them
        setImmediate(() => {
          batches.delete(key);
          batchedReads((a) => limited(a), list.map((x) => x.read)).then((rs) => rs.forEach((r, j) => list[j].resolve(r)));
        });
      }
      b.push({ read, resolve });
    });
  return {
    adminKubeconfig: session.adminKubeconfig,
    nodes: () => session.nodes(),
    run(argv, o) {
      if (!isRead(argv) || o?.input) return limited(argv, o);
      const key = JSON.stringify([o?.node ?? '', argv]);
      let p = reads.get(key);
      if (!p) {
        const named = o?.node ? undefined : namedRead(argv);
        p = named ? batched(named.read, named.key) : limited(argv, o);
        reads.set(key, p);
      }
      return p;
    },
  };
}

/** Runs one check; never throws: a grader's own failure becomes a failed check that says so. */
export async function runCheck(session: SessionHandle, check: Check, task: Task): Promise<CheckResult> {
  const t0 = Date.now();
  const base = { id: check.id, description: check.description, type: check.type, points: check.points };
  const grader = GRADERS.get(check.type);
  let v: Awaited<ReturnType<Grader['run']>>;
  if (!grader) {
    v = { passed: false, expected: check.description, actual: `unknown check type "${check.type}"`, message: `This check could not run: unknown check type "${check.type}" (known: ${[...GRADERS.keys()].join(', ')}).` };
  } else {
    try {
      v = await grader.run(session, check, task);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      v = { passed: false, expected: check.description, actual: `grader error: ${msg}`, message: `This check could not run: ${msg}` };
    }
  }
  return { ...base, ...v, earned: v.passed ? check.points : 0, ms: Date.now() - t0 };
}

function taskResult(task: Task, checks: CheckResult[]): TaskResult {
  const points = checks.reduce((a, c) => a + c.points, 0);
  const earned = checks.reduce((a, c) => a + c.earned, 0);
  return { taskId: task.id, weight: task.weight, points, earned, fraction: points ? earned / points : 0, checks, gradedAt: new Date().toISOString() };
}

/** Grades one task: its checks run concurrently (bounded), sharing identical reads. */
export async function gradeTask(session: SessionHandle, task: Task): Promise<TaskResult> {
  const [r] = await gradeTasks(session, [task]);
  return r;
}

/** Grades several tasks in one pass: all checks run concurrently (bounded), sharing identical reads. */
export async function gradeTasks(session: SessionHandle, tasks: Task[]): Promise<TaskResult[]> {
  const s = gradingSession(session);
  return Promise.all(tasks.map(async (task) => taskResult(task, await Promise.all(task.checks.map((c) => runCheck(s, c, task))))));
}
