// The platform's view of scenarios/ and graders/: it loads their modules when present and falls
// back to a small built-in subset (YAML parse with light defaults, the four setup steps, `script`
// checks) so the platform runs — and its tests pass — while those modules are being written.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';
import type { Clusters } from '../cluster/clusters.ts';
import type { CheckResult, RunResult, SessionHandle, TaskResult } from '../../graders/types.ts';
import type { Scenario, ScenarioProblem, SetupStep, Task } from '../../scenarios/types.ts';

export interface SelftestTask {
  taskId: string;
  setupFails: boolean;
  solutionPasses: boolean;
  checks: { id: string; onSetup: CheckResult | null; onSolution: CheckResult | null }[];
}

export interface SelftestResult {
  ok: boolean;
  tasks: SelftestTask[];
  seconds: number;
  [k: string]: unknown;
}

export interface Content {
  /** 'modules' when scenarios/index.ts and graders/index.ts were loaded, else 'fallback'. */
  source: string;
  parseScenario(text: string, file: string): { scenario?: Scenario; problems: ScenarioProblem[] };
  loadScenarios(dir: string): Promise<{ scenarios: Scenario[]; problems: ScenarioProblem[] }>;
  applySetup(session: SessionHandle, steps: SetupStep[]): Promise<void>;
  drawExam(exam: Scenario, all: Scenario[], seed: number): Task[];
  clusterSession(clusters: Clusters, clusterName: string): SessionHandle;
  proveScenario(clusters: Clusters, scenario: Scenario, onLog: (line: string) => void): Promise<SelftestResult>;
  gradeTask(session: SessionHandle, task: Task): Promise<TaskResult>;
  /** Grades several tasks (concurrently where the graders allow); results in the tasks' order. */
  gradeTasks(session: SessionHandle, tasks: Task[]): Promise<TaskResult[]>;
}

const ROOT = join(import.meta.dirname, '..', '..');

/** Where each function is looked for, in order (scenarios/index.ts first, then the module that defines it). */
const SOURCES: Record<string, string[]> = {
  parseScenario: ['scenarios/index.ts', 'scenarios/loader.ts'],
  loadScenarios: ['scenarios/index.ts', 'scenarios/loader.ts'],
  applySetup: ['scenarios/index.ts', 'scenarios/setup.ts'],
  drawExam: ['scenarios/index.ts', 'scenarios/draw.ts'],
  clusterSession: ['scenarios/index.ts', 'scenarios/session.ts'],
  proveScenario: ['scenarios/index.ts', 'scenarios/prove.ts'],
  gradeTask: ['graders/index.ts'],
  gradeTasks: ['graders/index.ts'],
};

/** Loads the real modules where they exist and export what we need; the fallback fills the gaps. */
export async function loadContent(): Promise<Content> {
  const fb = fallback();
  if (process.env.KUBEDOJO_CONTENT === 'fallback') return fb;
  const mods = new Map<string, Record<string, any> | null>();
  const load = async (file: string): Promise<Record<string, any> | null> => {
    if (!mods.has(file)) {
      const path = join(ROOT, file);
      let m: Record<string, any> | null = null;
      if (existsSync(path)) {
        try {
          m = await import(pathToFileURL(path).href);
        } catch (e) {
          process.stderr.write(`kubedojo: could not load ${file} (${(e as Error).message}); using the built-in fallback for what it exports\n`);
        }
      }
      mods.set(file, m);
    }
    return mods.get(file)!;
  };
  const found: Record<string, any> = {};
  const missing: string[] = [];
  for (const [name, files] of Object.entries(SOURCES)) {
    for (const f of files) {
      const m = await load(f);
      if (typeof m?.[name] === 'function') {
        found[name] = m[name];
        break;
      }
    }
    if (!found[name]) missing.push(name);
  }
  const source = missing.length === 0 ? 'modules' : missing.length === Object.keys(SOURCES).length ? 'fallback' : `modules (fallback for ${missing.join(', ')})`;
  return {
    source,
    parseScenario: found.parseScenario ?? fb.parseScenario,
    loadScenarios: async (dir) => await (found.loadScenarios ?? fb.loadScenarios)(dir),
    applySetup: async (session, steps) => await (found.applySetup ?? fb.applySetup)(session, steps),
    drawExam: found.drawExam ?? fb.drawExam,
    clusterSession: found.clusterSession ?? fb.clusterSession,
    proveScenario: async (clusters, scenario, onLog) => normaliseSelftest(await (found.proveScenario ?? fb.proveScenario)(clusters, scenario, onLog)),
    gradeTask: found.gradeTask ?? fb.gradeTask,
    gradeTasks: found.gradeTasks ?? (found.gradeTask ? async (session: SessionHandle, tasks: Task[]) => Promise.all(tasks.map((t) => found.gradeTask(session, t))) : fb.gradeTasks),
  };
}

/** Accepts the proof's result in a few plausible shapes and returns the API's. */
function normaliseSelftest(r: any): SelftestResult {
  const tasks: SelftestTask[] = Array.isArray(r?.tasks)
    ? r.tasks.map((t: any) => ({
        ...t,
        taskId: t.taskId ?? t.id,
        setupFails: !!(t.setupFails ?? t.failsOnSetup),
        solutionPasses: !!(t.solutionPasses ?? t.passesOnSolution),
        checks: Array.isArray(t.checks) ? t.checks : [],
      }))
    : [];
  const ok =
    typeof r?.ok === 'boolean' ? r.ok
    : typeof r?.status === 'string' ? r.status === 'passed'
    : typeof r?.passed === 'boolean' ? r.passed
    : tasks.length > 0 && tasks.every((t) => t.setupFails && t.solutionPasses);
  return { ...r, ok, tasks, seconds: Number(r?.seconds ?? 0) };
}

// --- the fallback -------------------------------------------------------------------------------

function fallback(): Content {
  const parseScenario = (text: string, file: string): { scenario?: Scenario; problems: ScenarioProblem[] } => {
    const doc = parseDocument(text, { prettyErrors: false });
    const problems: ScenarioProblem[] = doc.errors.map((e) => ({ file, line: e.linePos?.[0]?.line ?? 1, column: e.linePos?.[0]?.col ?? 1, message: e.message.split('\n')[0] }));
    if (problems.length) return { problems };
    const raw = doc.toJS() as Record<string, any> | null;
    const need = (k: string, ok: boolean): void => {
      if (!ok) problems.push({ file, line: 1, column: 1, message: `the scenario needs "${k}"` });
    };
    need('id', typeof raw?.id === 'string' && /^[a-z0-9][-a-z0-9]*$/.test(raw.id));
    need('title', typeof raw?.title === 'string');
    need('tasks', Array.isArray(raw?.tasks) || !!raw?.pool);
    if (problems.length || !raw) return { problems };
    const tasks: Task[] = (raw.tasks ?? []).map((t: any, i: number) => ({
      id: String(t.id ?? `t${i + 1}`), title: String(t.title ?? `Task ${i + 1}`), weight: Number(t.weight ?? 1), domain: t.domain ?? 'workloads',
      concepts: t.concepts ?? [], node: t.node, context: t.context, statement: String(t.statement ?? ''), setup: t.setup ?? [],
      checks: (t.checks ?? []).map((c: any, j: number) => ({ ...c, id: String(c.id ?? `c${j + 1}`), description: String(c.description ?? ''), points: Number(c.points ?? 1), type: String(c.type) })),
      hints: t.hints ?? [], solution: t.solution ?? { commands: '' }, difficulty: t.difficulty, settle: t.settle,
    }));
    const scenario: Scenario = {
      id: raw.id, title: raw.title, description: String(raw.description ?? ''), kind: raw.kind === 'exam' ? 'exam' : 'scenario',
      domains: raw.domains ?? [...new Set(tasks.map((t) => t.domain))], concepts: raw.concepts ?? [], difficulty: raw.difficulty ?? 'medium',
      duration: Number(raw.duration ?? 30), passThreshold: Number(raw.passThreshold ?? 66), cluster: { workers: 1, ...(raw.cluster ?? {}) },
      setup: raw.setup ?? [], tasks, pool: raw.pool, file,
    };
    for (const t of tasks) {
      for (const c of t.checks) if (c.type !== 'script') problems.push({ file, line: 1, column: 1, message: `task ${t.id}: check ${c.id}: unknown check type "${c.type}" (the built-in fallback knows only "script")` });
    }
    return problems.length ? { problems } : { scenario, problems };
  };

  const loadScenarios = async (dir: string): Promise<{ scenarios: Scenario[]; problems: ScenarioProblem[] }> => {
    const scenarios: Scenario[] = [];
    const problems: ScenarioProblem[] = [];
    const walk = (d: string): void => {
      if (!existsSync(d)) return;
      for (const f of readdirSync(d).sort()) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(f) && f !== 'catalog.yaml') {
          const r = parseScenario(readFileSync(p, 'utf8'), relative(process.cwd(), p));
          if (r.scenario) scenarios.push(r.scenario);
          problems.push(...r.problems);
        }
      }
    };
    walk(dir);
    return { scenarios, problems };
  };

  const clusterSession = (clusters: Clusters, name: string): SessionHandle => ({
    nodes: () => {
      const info = clusters.info(name);
      return info ? info.nodes.map((n) => n.name) : [];
    },
    run: (argv, o = {}) => {
      const { argv: a, options } = clusters.commandFor(name, o.node, argv);
      return new Promise<RunResult>((res) => {
        const child = spawn(a[0], a.slice(1), { ...options, stdio: ['pipe', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 60000);
        child.stdout!.on('data', (d) => (stdout += d));
        child.stderr!.on('data', (d) => (stderr += d));
        child.on('error', (e) => {
          clearTimeout(timer);
          res({ code: -1, stdout, stderr: stderr + e.message });
        });
        child.on('close', (code) => {
          clearTimeout(timer);
          res({ code: code ?? -1, stdout, stderr });
        });
        child.stdin!.end(o.input ?? '');
      });
    },
  });

  const applySetup = async (session: SessionHandle, steps: SetupStep[]): Promise<void> => {
    for (const s of steps) {
      if ('apply' in s) {
        const r = await session.run(['kubectl', 'apply', ...(s.namespace ? ['-n', s.namespace] : []), '-f', '-'], { input: s.apply });
        if (r.code !== 0) throw new Error(`setup: kubectl apply failed: ${r.stderr.trim() || r.stdout.trim()}`);
      } else if ('file' in s) {
        const f = s.file;
        const script = `mkdir -p "$(dirname '${f.path}')" && cat > '${f.path}'${f.mode ? ` && chmod ${f.mode} '${f.path}'` : ''}`;
        const r = await session.run(['bash', '-c', script], { node: f.node, input: f.content });
        if (r.code !== 0) throw new Error(`setup: writing ${f.path} failed: ${r.stderr.trim()}`);
      } else if ('run' in s) {
        const r = await session.run(['bash', '-c', s.run], { node: s.node, timeoutMs: (s.timeout ?? 120) * 1000 });
        if (r.code !== 0) throw new Error(`setup: a run step exited ${r.code}: ${(r.stderr || r.stdout).trim().slice(-300)}`);
      } else if ('waitFor' in s) {
        const until = Date.now() + (s.timeout ?? 60) * 1000;
        for (;;) {
          const r = await session.run(['bash', '-c', s.waitFor], { node: s.node });
          if (r.code === 0) break;
          if (Date.now() > until) throw new Error(`setup: waited ${s.timeout ?? 60}s for: ${s.waitFor}`);
          await new Promise((r2) => setTimeout(r2, 300));
        }
      }
    }
  };

  const gradeTask = async (session: SessionHandle, task: Task): Promise<TaskResult> => {
    const checks: CheckResult[] = [];
    for (const c of task.checks) {
      const t0 = Date.now();
      const script = String(c.script ?? c.command ?? 'false');
      const r = await session.run(['bash', '-c', script], { node: (c.node as string | undefined) ?? task.node, timeoutMs: 30000 });
      const passed = r.code === 0;
      const out = (r.stdout + r.stderr).trim().slice(-500);
      checks.push({
        id: c.id, description: c.description, type: c.type, points: c.points, earned: passed ? c.points : 0, passed,
        expected: 'the check script exits 0', actual: `exit ${r.code}${out ? `: ${out}` : ''}`, message: passed ? `${c.description}: yes` : `${c.description}: not yet (${out || `exit ${r.code}`})`, ms: Date.now() - t0,
      });
    }
    const points = checks.reduce((s, c) => s + c.points, 0);
    const earned = checks.reduce((s, c) => s + c.earned, 0);
    return { taskId: task.id, weight: task.weight, points, earned, fraction: points ? earned / points : 0, checks, gradedAt: new Date().toISOString() };
  };

  const drawExam = (exam: Scenario): Task[] => exam.tasks;

  const proveScenario = async (clusters: Clusters, scenario: Scenario, onLog: (line: string) => void): Promise<SelftestResult> => {
    const t0 = Date.now();
    const name = `st-${Math.random().toString(16).slice(2, 8)}`;
    onLog(`creating cluster ${name}`);
    await clusters.create(name, { workers: scenario.cluster.workers, clockSpeed: scenario.cluster.clockSpeed, version: scenario.cluster.version });
    const tasks: SelftestTask[] = [];
    try {
      const session = clusterSession(clusters, name);
      await applySetup(session, scenario.setup);
      for (const t of scenario.tasks) {
        onLog(`task ${t.id}: setup`);
        await applySetup(session, t.setup ?? []);
        const before = await gradeTask(session, t);
        onLog(`task ${t.id}: reference solution`);
        const sol = await session.run(['bash', '-c', t.solution.commands], { node: t.solution.node ?? t.node });
        if (sol.code !== 0) onLog(`task ${t.id}: solution exited ${sol.code}: ${sol.stderr.trim().slice(-200)}`);
        let after = await gradeTask(session, t);
        const until = Date.now() + (t.settle ?? 60) * 1000;
        while (after.fraction < 1 && Date.now() < until) {
          await new Promise((r) => setTimeout(r, 500));
          after = await gradeTask(session, t);
        }
        const setupFails = before.checks.every((c) => !c.passed);
        const solutionPasses = after.fraction === 1;
        onLog(`task ${t.id}: setup ${setupFails ? 'fails the checks' : 'PASSES a check'}, solution ${solutionPasses ? 'passes' : 'FAILS'}`);
        tasks.push({ taskId: t.id, setupFails, solutionPasses, checks: t.checks.map((c, i) => ({ id: c.id, onSetup: before.checks[i] ?? null, onSolution: after.checks[i] ?? null })) });
      }
    } finally {
      await clusters.delete(name);
    }
    return { ok: tasks.every((t) => t.setupFails && t.solutionPasses), tasks, seconds: (Date.now() - t0) / 1000 };
  };

  const gradeTasks = async (session: SessionHandle, tasks: Task[]): Promise<TaskResult[]> => {
    const out: TaskResult[] = [];
    for (const t of tasks) out.push(await gradeTask(session, t));
    return out;
  };

  return { source: 'fallback', parseScenario, loadScenarios, applySetup, drawExam, clusterSession, proveScenario, gradeTask, gradeTasks };
}
