// Attempts: start (a cluster from the warm pool, setup in the background), the exam timer,
// limits, marking tasks done (graded now), submit (grade all, tear down), idle reclaim, recovery
// after a restart, and the scoring rule.
import { randomBytes, randomInt } from 'node:crypto';
import type { Clusters } from '../cluster/clusters.ts';
import { LIVE, now, type AttemptRow, type Db, type GradeRow, type UserRow } from '../../db/index.ts';
import type { CheckResult, TaskResult } from '../../graders/types.ts';
import type { Scenario, Task } from '../../scenarios/types.ts';
import { HttpError } from './auth.ts';
import type { Catalogue } from './catalogue.ts';
import type { Content } from './content.ts';
import { attemptClusterName, usable, type Pool } from './pool.ts';
import type { Gateway } from './terminals.ts';

export interface Limits {
  /** Live attempts per user. */
  perUser: number;
  /** Attempts started per user per hour. */
  perHour: number;
  /** Live attempts on the platform. */
  maxLive: number;
  /** Minutes without terminal input before a live attempt is reclaimed. */
  idleMinutes: number;
}

export type EndReason = 'submitted' | 'deadline' | 'idle';

export interface TaskOutcome {
  taskId: string;
  title: string;
  weight: number;
  domain: string;
  statement: string;
  solution: Task['solution'];
  points: number;
  earned: number;
  fraction: number;
  checks: CheckResult[];
  source: 'submit' | 'done' | null;
  done: TaskResult | null;
  submit: TaskResult | null;
  secondsSpent: number | null;
  override?: { earned: number; reason: string; by: string; at: string };
}

export interface Results {
  attemptId: string;
  score: number;
  passed: boolean;
  passThreshold: number;
  adjustedScore: number;
  adjustedPassed: boolean;
  tasks: TaskOutcome[];
  submittedAt: string | null;
  durationSeconds: number;
  endReason: string | null;
}

function ms(iso: string | null | undefined): number {
  return iso ? Date.parse(iso) : NaN;
}

export class Attempts {
  private clusterOf = new Map<string, Promise<string>>();
  private timers = new Map<string, NodeJS.Timeout>();
  private locks = new Map<string, Promise<unknown>>();
  private lastInput = new Map<string, number>();
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly db: Db,
    readonly clusters: Clusters,
    readonly content: Content,
    readonly catalogue: Catalogue,
    readonly pool: Pool,
    readonly gateway: Gateway,
    readonly limits: Limits,
  ) {}

  /** Serialises grading and ending per attempt. */
  private locked<T>(id: string, f: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(id) ?? Promise.resolve();
    const next = prev.then(f, f);
    const tail = next.catch(() => undefined);
    this.locks.set(id, tail);
    void tail.then(() => {
      if (this.locks.get(id) === tail) this.locks.delete(id);
    });
    return next;
  }

  tasks(a: AttemptRow): Task[] {
    return JSON.parse(a.tasks_json) as Task[];
  }

  // --- start ------------------------------------------------------------------------------------

  start(user: UserRow, scenarioId: string, mode: 'exam' | 'practice'): AttemptRow {
    const entry = this.catalogue.get(scenarioId);
    if (!entry || (!entry.published && user.role === 'candidate')) throw new HttpError(404, `no scenario "${scenarioId}"`);
    const open = this.db.liveAttemptOf(user.id);
    if (open && this.limits.perUser <= 1) throw new HttpError(409, 'you already have an attempt in progress: resume it or submit it first', { attemptId: open.id });
    const hour = new Date(Date.now() - 3600_000).toISOString();
    if (this.db.attemptsSince(user.id, hour) >= this.limits.perHour) throw new HttpError(409, `you have started ${this.limits.perHour} attempts in the last hour, the most allowed; try again later`);
    const live = this.db.liveAttempts();
    if (live.filter((a) => a.user_id === user.id).length >= this.limits.perUser) throw new HttpError(409, `you already have ${this.limits.perUser} attempts in progress`, { attemptId: open?.id });
    if (live.length >= this.limits.maxLive) throw new HttpError(409, `the platform is running its maximum of ${this.limits.maxLive} sessions; try again in a few minutes`);

    const scenario = entry.scenario;
    const seed = randomInt(1, 2 ** 31 - 1);
    let tasks: Task[];
    try {
      tasks = scenario.pool ? this.content.drawExam(scenario, this.catalogue.published(), seed) : scenario.tasks;
    } catch (e) {
      throw new HttpError(422, `the exam could not be drawn: ${(e as Error).message}`);
    }
    if (!tasks.length) throw new HttpError(422, `scenario "${scenario.id}" has no tasks`);
    const id = randomBytes(6).toString('hex');
    const startedAt = now();
    const deadline = mode === 'exam' ? new Date(Date.now() + scenario.duration * 60_000).toISOString() : null;
    const pooled = this.pool.take(scenario.cluster);
    const cluster = pooled ?? attemptClusterName();
    this.db.insertAttempt(
      {
        id, user_id: user.id, scenario_id: scenario.id, scenario_title: scenario.title, scenario_kind: scenario.kind, pass_threshold: scenario.passThreshold,
        mode, status: 'starting', seed, started_at: startedAt, deadline, cluster, workers: scenario.cluster.workers, tasks_json: JSON.stringify(tasks),
      },
      tasks.map((t) => t.id),
    );
    this.lastInput.set(id, Date.now());
    const ready = pooled ? Promise.resolve(pooled) : this.pool.ops.create(cluster, { workers: scenario.cluster.workers, clockSpeed: scenario.cluster.clockSpeed, version: scenario.cluster.version }).then(() => cluster);
    ready.catch(() => undefined);
    this.clusterOf.set(id, ready);
    void this.prepare(id, scenario, tasks, ready);
    this.arm(id, deadline);
    return this.db.attempt(id)!;
  }

  /** Applies the scenario's and tasks' setup, then marks the attempt running (or failed). */
  private async prepare(id: string, scenario: Scenario, tasks: Task[], ready: Promise<string>): Promise<void> {
    try {
      const cluster = await ready;
      const session = this.content.clusterSession(this.clusters, cluster);
      await this.content.applySetup(session, scenario.setup ?? []);
      for (const t of tasks) if (t.setup?.length) await this.content.applySetup(session, t.setup);
      const a = this.db.attempt(id);
      if (a?.status === 'starting') this.db.updateAttempt(id, { status: 'running' });
    } catch (e) {
      const a = this.db.attempt(id);
      process.stderr.write(`kubedojo: attempt ${id}: the session could not be prepared: ${(e as Error).message}\n`);
      if (a && LIVE.includes(a.status)) await this.fail(id, `the session could not be prepared: ${(e as Error).message}`);
    } finally {
      this.pool.fill();
    }
  }

  private async fail(id: string, error: string): Promise<void> {
    this.db.updateAttempt(id, { status: 'failed', error, end_reason: 'failed', submitted_at: now() });
    this.disarm(id);
    this.gateway.end(id, 'failed');
    await this.teardown(id);
  }

  /** The attempt's cluster name once it is up (for the terminal gateway). */
  cluster(id: string): Promise<string> {
    const p = this.clusterOf.get(id);
    if (p) return p;
    const a = this.db.attempt(id);
    if (!a || !LIVE.includes(a.status) || !a.cluster) return Promise.reject(new Error('this attempt has no live session'));
    return Promise.resolve(a.cluster);
  }

  touch(id: string): void {
    this.lastInput.set(id, Date.now());
  }

  // --- timers, idle reclaim, recovery --------------------------------------------------------

  private arm(id: string, deadline: string | null): void {
    if (!deadline) return;
    const wait = Math.max(0, ms(deadline) - Date.now());
    // setTimeout holds at most ~24.8 days; re-arm in steps
    const t = setTimeout(() => (wait > 2 ** 31 - 1 ? this.arm(id, deadline) : void this.end(id, 'deadline').catch(() => undefined)), Math.min(wait, 2 ** 31 - 1));
    this.timers.set(id, t);
  }

  private disarm(id: string): void {
    const t = this.timers.get(id);
    if (t) clearTimeout(t);
    this.timers.delete(id);
  }

  /** After a (re)start: live attempts keep their deadline; expired ones are submitted; lost ones fail. */
  async recover(): Promise<void> {
    for (const a of this.db.liveAttempts()) {
      const info = a.cluster ? this.clusters.info(a.cluster) : undefined;
      if (a.status === 'starting') {
        await this.fail(a.id, 'the platform restarted while the session was being prepared; start again');
        continue;
      }
      if (!usable(info)) {
        this.db.updateAttempt(a.id, { status: 'failed', error: "the session's cluster is gone (the machine restarted?)", end_reason: 'failed', submitted_at: now() });
        continue;
      }
      this.clusterOf.set(a.id, Promise.resolve(a.cluster!));
      this.lastInput.set(a.id, Math.max(ms(a.last_input_at) || 0, Date.now() - 5 * 60_000));
      if (a.deadline && ms(a.deadline) <= Date.now()) void this.end(a.id, 'deadline').catch(() => undefined);
      else this.arm(a.id, a.deadline);
    }
  }

  startIdleReclaim(everyMs = Math.min(60_000, Math.max(1000, this.limits.idleMinutes * 15_000))): void {
    this.idleTimer = setInterval(() => {
      const cut = Date.now() - this.limits.idleMinutes * 60_000;
      for (const a of this.db.liveAttempts()) {
        const last = this.lastInput.get(a.id) ?? (ms(a.last_input_at) || ms(a.started_at));
        if (a.status === 'running' && last < cut) void this.end(a.id, 'idle').catch(() => undefined);
        else if (last > (ms(a.last_input_at) || 0) + 10_000) this.db.updateAttempt(a.id, { last_input_at: new Date(last).toISOString() });
      }
    }, everyMs);
    this.idleTimer.unref();
  }

  // --- tasks ----------------------------------------------------------------------------------

  private task(a: AttemptRow, taskId: string): Task {
    const t = this.tasks(a).find((x) => x.id === taskId);
    if (!t) throw new HttpError(404, `attempt ${a.id} has no task "${taskId}"`);
    return t;
  }

  private requireLive(a: AttemptRow): void {
    if (!LIVE.includes(a.status)) throw new HttpError(409, `the attempt is ${a.status}`);
  }

  flag(a: AttemptRow, taskId: string, flagged: boolean): void {
    this.requireLive(a);
    this.task(a, taskId);
    this.db.updateTaskState(a.id, taskId, { flagged: flagged ? 1 : 0 });
  }

  /** The candidate looks at a task now: time spent is counted per task. */
  view(a: AttemptRow, taskId: string): void {
    this.requireLive(a);
    this.task(a, taskId);
    this.closeViewing(a.id);
    const t = now();
    const st = this.db.taskStates(a.id).find((s) => s.task_id === taskId);
    this.db.updateTaskState(a.id, taskId, { viewing_since: t, first_activity: st?.first_activity ?? t, last_activity: t });
  }

  private closeViewing(id: string): void {
    for (const s of this.db.taskStates(id)) {
      if (!s.viewing_since) continue;
      this.db.updateTaskState(id, s.task_id, { seconds: s.seconds + Math.max(0, (Date.now() - ms(s.viewing_since)) / 1000), viewing_since: null, last_activity: now() });
    }
  }

  /** Marks a task done (graded now, stored with source 'done') or not done. */
  async done(a: AttemptRow, taskId: string, done: boolean): Promise<TaskResult | null> {
    this.requireLive(a);
    const task = this.task(a, taskId);
    return this.locked(a.id, async () => {
      const cur = this.db.attempt(a.id)!;
      this.requireLive(cur);
      const st = this.db.taskStates(a.id).find((s) => s.task_id === taskId);
      const t = now();
      this.db.updateTaskState(a.id, taskId, { done: done ? 1 : 0, done_at: done ? t : null, first_activity: st?.first_activity ?? t, last_activity: t });
      if (!done) return null;
      const cluster = await this.cluster(a.id);
      const r = await this.grade(cluster, task);
      this.db.insertGrade({ attempt_id: a.id, task_id: taskId, source: 'done', results_json: JSON.stringify(r), earned: r.earned, points: r.points, at: r.gradedAt });
      return r;
    });
  }

  private async grade(cluster: string, task: Task): Promise<TaskResult> {
    try {
      return await this.content.gradeTask(this.content.clusterSession(this.clusters, cluster), task);
    } catch (e) {
      const points = task.checks.reduce((s, c) => s + c.points, 0);
      const msg = `grading failed: ${(e as Error).message}`;
      return {
        taskId: task.id, weight: task.weight, points, earned: 0, fraction: 0, gradedAt: now(),
        checks: task.checks.map((c) => ({ id: c.id, description: c.description, type: c.type, points: c.points, earned: 0, passed: false, expected: c.description, actual: msg, message: msg, ms: 0 })),
      };
    }
  }

  /**
   * Practice mode: a fresh cluster (from the pool) with the scenario's and tasks' setup applied
   * replaces the attempt's cluster; the terminals get new shells on it; tasks are no longer done.
   */
  reset(a: AttemptRow): Promise<void> {
    this.requireLive(a);
    if (a.mode !== 'practice') throw new HttpError(409, 'only a practice attempt can be reset');
    return this.locked(a.id, async () => {
      const cur = this.db.attempt(a.id)!;
      this.requireLive(cur);
      const entry = this.catalogue.get(cur.scenario_id);
      const shape = entry?.scenario.cluster ?? { workers: cur.workers };
      const pooled = this.pool.take(shape);
      const name = pooled ?? attemptClusterName();
      try {
        if (!pooled) await this.pool.ops.create(name, { workers: shape.workers, clockSpeed: shape.clockSpeed, version: 'version' in shape ? shape.version : undefined });
        const session = this.content.clusterSession(this.clusters, name);
        await this.content.applySetup(session, entry?.scenario.setup ?? []);
        for (const t of this.tasks(cur)) if (t.setup?.length) await this.content.applySetup(session, t.setup);
      } catch (e) {
        await this.pool.ops.delete(name).catch(() => undefined);
        this.pool.fill();
        throw new HttpError(500, `the cluster could not be reset: ${(e as Error).message}`);
      }
      const old = cur.cluster;
      this.db.updateAttempt(a.id, { cluster: name, status: 'running' });
      for (const t of this.tasks(cur)) this.db.updateTaskState(a.id, t.id, { done: 0, done_at: null });
      this.clusterOf.set(a.id, Promise.resolve(name));
      await this.gateway.restart(a.id, 'the cluster was reset to the start state');
      if (old && old !== name) void this.pool.ops.delete(old).catch(() => undefined);
      this.pool.fill();
    });
  }

  // --- ending ---------------------------------------------------------------------------------

  /** Submits (or ends on deadline/idle): grades every task, stores it, tears the session down. */
  end(id: string, reason: EndReason): Promise<Results> {
    return this.locked(id, async () => {
      const a = this.db.attempt(id);
      if (!a) throw new HttpError(404, 'no such attempt');
      if (!LIVE.includes(a.status)) {
        if (a.status === 'failed') throw new HttpError(409, `the attempt failed: ${a.error ?? 'unknown error'}`);
        return this.results(a);
      }
      this.gateway.freeze(id);
      try {
        this.closeViewing(id);
        let cluster: string | undefined;
        try {
          cluster = await this.cluster(id);
        } catch {
          cluster = undefined;
        }
        const tasks = this.tasks(a);
        let graded: TaskResult[] | null = null;
        if (cluster) {
          try {
            graded = await this.content.gradeTasks(this.content.clusterSession(this.clusters, cluster), tasks);
          } catch {
            graded = null;
          }
        }
        if (!graded || graded.length !== tasks.length) {
          graded = [];
          for (const t of tasks) graded.push(await this.grade(cluster ?? '', t));
        }
        this.db.sql.transaction(() => {
          for (const [i, t] of tasks.entries()) {
            const r = graded![i];
            this.db.insertGrade({ attempt_id: id, task_id: t.id, source: 'submit', results_json: JSON.stringify(r), earned: r.earned, points: r.points, at: r.gradedAt });
          }
        })();
      } catch (e) {
        this.gateway.thaw(id);
        throw e;
      }
      this.disarm(id);
      const status = reason === 'idle' ? 'expired' : 'submitted';
      this.db.updateAttempt(id, { status, end_reason: reason, submitted_at: now() });
      const res = this.results(this.db.attempt(id)!);
      this.db.updateAttempt(id, { score: res.score, passed: res.passed ? 1 : 0 });
      this.gateway.end(id, reason === 'submitted' ? 'submitted' : reason === 'idle' ? 'idle' : 'expired');
      void this.teardown(id);
      return res;
    });
  }

  private async teardown(id: string): Promise<void> {
    const a = this.db.attempt(id);
    this.clusterOf.delete(id);
    this.lastInput.delete(id);
    if (a?.cluster) await this.pool.ops.delete(a.cluster).catch(() => undefined);
    this.pool.fill();
  }

  // --- results --------------------------------------------------------------------------------

  /**
   * The scoring rule: for each task the counted result is the better (by fraction) of
   * - its latest 'done' grade, if the task is still marked done at the end, and
   * - its 'submit' grade;
   * a tie counts the submit grade. score = Σ weight·fraction / Σ weight × 100.
   */
  results(a: AttemptRow): Results {
    const grades = this.db.grades(a.id);
    const states = new Map(this.db.taskStates(a.id).map((s) => [s.task_id, s]));
    const overrides = this.db.overrides(a.id);
    const latest = (taskId: string, source: GradeRow['source']): TaskResult | null => {
      const g = grades.filter((x) => x.task_id === taskId && x.source === source).pop();
      return g ? (JSON.parse(g.results_json) as TaskResult) : null;
    };
    const tasks = this.tasks(a);
    const doneTimes = tasks
      .map((t) => states.get(t.id)?.done_at)
      .filter((x): x is string => !!x)
      .sort();
    const outcomes: TaskOutcome[] = tasks.map((t) => {
      const st = states.get(t.id);
      const done = st?.done ? latest(t.id, 'done') : null;
      const submit = latest(t.id, 'submit');
      let pick: TaskResult | null = submit;
      let source: TaskOutcome['source'] = submit ? 'submit' : null;
      if (done && (!submit || done.fraction > submit.fraction)) {
        pick = done;
        source = 'done';
      }
      let seconds: number | null = st && st.seconds > 0 ? Math.round(st.seconds) : null;
      if (seconds === null && st?.done_at) {
        const prev = doneTimes.filter((x) => x < st.done_at!).pop() ?? a.started_at;
        seconds = Math.round((ms(st.done_at) - ms(prev)) / 1000);
      }
      const o = overrides.filter((x) => x.task_id === t.id).pop();
      const points = pick?.points ?? t.checks.reduce((s, c) => s + c.points, 0);
      return {
        taskId: t.id, title: t.title, weight: t.weight, domain: t.domain, statement: t.statement, solution: t.solution,
        points, earned: pick?.earned ?? 0, fraction: pick?.fraction ?? 0, checks: pick?.checks ?? [], source, done, submit, secondsSpent: seconds,
        ...(o ? { override: { earned: o.earned, reason: o.reason, by: o.username, at: o.at } } : {}),
      };
    });
    const W = outcomes.reduce((s, t) => s + t.weight, 0) || 1;
    const score = round1((outcomes.reduce((s, t) => s + t.weight * t.fraction, 0) / W) * 100);
    const adjusted = round1((outcomes.reduce((s, t) => s + t.weight * (t.override ? (t.points ? Math.min(1, t.override.earned / t.points) : 0) : t.fraction), 0) / W) * 100);
    const end = a.submitted_at ?? now();
    return {
      attemptId: a.id, score, passed: score >= a.pass_threshold, passThreshold: a.pass_threshold, adjustedScore: adjusted, adjustedPassed: adjusted >= a.pass_threshold,
      tasks: outcomes, submittedAt: a.submitted_at, durationSeconds: Math.round((ms(end) - ms(a.started_at)) / 1000), endReason: a.end_reason,
    };
  }

  /** On shutdown: stop timers (attempts and their clusters live on for the next start). */
  async stop(): Promise<void> {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    if (this.idleTimer) clearInterval(this.idleTimer);
    for (const [id, last] of this.lastInput) this.db.updateAttempt(id, { last_input_at: new Date(last).toISOString() });
  }
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
