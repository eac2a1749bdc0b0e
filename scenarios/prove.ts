// The proof of a scenario: on a fresh cluster, every check fails on the setup state and passes
// after the reference solution, within the scenario's time budget. Used by `npm run scenario:check`
// and by the platform's instructor self-test (the shape of GET /api/selftests/:jobId).
import { randomBytes } from 'node:crypto';
import type { Clusters } from '../server/cluster/clusters.ts';
import { gradeTask } from '../graders/index.ts';
import type { CheckResult, SessionHandle, TaskResult } from '../graders/types.ts';
import { clusterSession } from './session.ts';
import { applySetup } from './setup.ts';
import type { Scenario, Task } from './types.ts';

export interface TaskProof {
  taskId: string;
  /** Every check failed on the setup state. */
  setupFails: boolean;
  /** Every check passed after the reference solution (within `settle`). */
  solutionPasses: boolean;
  checks: { id: string; onSetup: CheckResult; onSolution: CheckResult }[];
  /** Why the task could not be proved (a setup step failed, …). */
  error?: string;
  seconds: number;
}

export interface SelftestResult {
  status: 'passed' | 'failed';
  log: string[];
  tasks: TaskProof[];
  seconds: number;
  /** The scenario finished within its duration (minutes). */
  withinBudget: boolean;
  error?: string;
}

const DEFAULT_SETTLE = 60;

/** Lines that let the solution use what the exam shell offers (`k`, ETCDCTL_API=3) without a terminal. */
const SOLUTION_PRELUDE = 'shopt -s expand_aliases\nalias k=kubectl\nexport ETCDCTL_API=3\n';

function placeholder(id: string, why: string): CheckResult {
  return { id, description: '', type: '', points: 0, earned: 0, passed: false, expected: '', actual: why, message: why, ms: 0 };
}

function tail(s: string, n = 600): string {
  const t = s.trim();
  return t.length > n ? `…${t.slice(-n)}` : t;
}

/** Runs a task's reference solution as a candidate would type it, on its node. */
export async function runSolution(session: SessionHandle, task: Task): Promise<{ code: number; output: string }> {
  const r = await session.run(['bash', '-c', SOLUTION_PRELUDE + task.solution.commands], { node: task.solution.node ?? task.node, timeoutMs: 300000 });
  return { code: r.code, output: `${r.stdout}${r.stderr}` };
}

/** Proves one task in a session whose scenario setup is already applied. */
export async function proveTask(session: SessionHandle, task: Task, log: (l: string) => void): Promise<TaskProof> {
  const t0 = Date.now();
  const proof: TaskProof = { taskId: task.id, setupFails: false, solutionPasses: false, checks: [], seconds: 0 };
  const done = (): TaskProof => ({ ...proof, seconds: Math.round((Date.now() - t0) / 100) / 10 });
  try {
    await applySetup(session, task.setup, { onLog: log, label: `task ${task.id}:` });
  } catch (e) {
    proof.error = (e as Error).message;
    proof.checks = task.checks.map((c) => ({ id: c.id, onSetup: placeholder(c.id, 'setup failed'), onSolution: placeholder(c.id, 'setup failed') }));
    log(`task ${task.id}: FAIL — ${proof.error}`);
    return done();
  }
  const onSetup = await gradeTask(session, task);
  proof.setupFails = onSetup.checks.every((c) => !c.passed);
  for (const c of onSetup.checks.filter((x) => x.passed)) log(`task ${task.id}: check ${c.id} (${c.type}) already passes on the setup state: ${c.message}`);
  const sol = await runSolution(session, task);
  if (sol.code !== 0) log(`task ${task.id}: the reference solution exited with code ${sol.code}: ${tail(sol.output)}`);
  const deadline = Date.now() + (task.settle ?? DEFAULT_SETTLE) * 1000;
  let onSolution: TaskResult;
  for (;;) {
    onSolution = await gradeTask(session, task);
    if (onSolution.checks.every((c) => c.passed) || Date.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  proof.solutionPasses = onSolution.checks.every((c) => c.passed);
  for (const c of onSolution.checks.filter((x) => !x.passed)) log(`task ${task.id}: check ${c.id} (${c.type}) fails after the solution: ${c.message} [expected: ${c.expected}; saw: ${c.actual}]`);
  proof.checks = task.checks.map((c) => ({ id: c.id, onSetup: onSetup.checks.find((x) => x.id === c.id)!, onSolution: onSolution.checks.find((x) => x.id === c.id)! }));
  const ok = proof.setupFails && proof.solutionPasses;
  log(`task ${task.id}: ${ok ? 'PASS' : 'FAIL'} (${proof.setupFails ? 'checks fail on setup' : 'some checks pass on setup'}, ${proof.solutionPasses ? 'pass after the solution' : 'not all pass after the solution'}; ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return done();
}

function clusterName(id: string): string {
  return `proof-${id.slice(0, 40).replace(/-+$/, '')}-${randomBytes(3).toString('hex')}`;
}

/**
 * Proves a scenario on a fresh cluster (deleted afterwards): scenario setup, then each task in
 * order (its setup, checks fail, reference solution, checks pass). Never throws.
 */
export async function proveScenario(clusters: Clusters, scenario: Scenario, onLog?: (line: string) => void, o: { keep?: boolean } = {}): Promise<SelftestResult> {
  const t0 = Date.now();
  const logLines: string[] = [];
  const log = (l: string): void => {
    logLines.push(l);
    onLog?.(l);
  };
  const result = (status: SelftestResult['status'], tasks: TaskProof[], error?: string): SelftestResult => {
    const seconds = Math.round((Date.now() - t0) / 100) / 10;
    return { status, log: logLines, tasks, seconds, withinBudget: seconds <= scenario.duration * 60, ...(error ? { error } : {}) };
  };
  if (scenario.pool) {
    log(`${scenario.id}: a pool exam — its tasks are proved with the scenarios they come from (${scenario.pool.from.join(', ')})`);
    if (!scenario.tasks.length) return result('passed', []);
  }
  const name = clusterName(scenario.id);
  try {
    await clusters.create(name, { workers: scenario.cluster.workers, clockSpeed: scenario.cluster.clockSpeed, version: scenario.cluster.version });
  } catch (e) {
    const msg = `could not create a cluster: ${(e as Error).message}`;
    log(msg);
    return result('failed', [], msg);
  }
  log(`cluster ${name} ready (${scenario.cluster.workers} worker${scenario.cluster.workers === 1 ? '' : 's'}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const tasks: TaskProof[] = [];
  try {
    const session = clusterSession(clusters, name);
    try {
      await applySetup(session, scenario.setup, { onLog: log, label: 'scenario' });
    } catch (e) {
      const msg = (e as Error).message;
      log(`FAIL — ${msg}`);
      return result('failed', [], msg);
    }
    for (const task of scenario.tasks) tasks.push(await proveTask(session, task, log));
  } finally {
    if (!o.keep) await clusters.delete(name).catch(() => false);
    else log(`cluster ${name} kept`);
  }
  const r = result(tasks.every((t) => !t.error && t.setupFails && t.solutionPasses) ? 'passed' : 'failed', tasks);
  if (!r.withinBudget) {
    log(`FAIL — the proof took ${r.seconds} s, more than the scenario's ${scenario.duration} minutes`);
    r.status = 'failed';
  }
  return r;
}
