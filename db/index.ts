// The platform's store: SQLite (better-sqlite3, WAL) under the data dir, numbered SQL migrations
// applied in order inside a transaction, and the queries the platform needs. Nothing here knows
// HTTP or clusters.
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type Role = 'candidate' | 'instructor' | 'reviewer' | 'admin';
export const ROLES: Role[] = ['candidate', 'instructor', 'reviewer', 'admin'];

export interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  role: Role;
  group_name: string | null;
  created_at: string;
}

export type AttemptStatus = 'starting' | 'running' | 'submitted' | 'expired' | 'failed';
export const LIVE: AttemptStatus[] = ['starting', 'running'];

export interface AttemptRow {
  id: string;
  user_id: number;
  scenario_id: string;
  scenario_title: string;
  scenario_kind: string;
  pass_threshold: number;
  mode: 'exam' | 'practice';
  status: AttemptStatus;
  end_reason: string | null;
  error: string | null;
  seed: number;
  started_at: string;
  deadline: string | null;
  submitted_at: string | null;
  cluster: string | null;
  workers: number;
  notepad: string;
  tasks_json: string;
  last_input_at: string | null;
  score: number | null;
  passed: number | null;
}

export interface TaskStateRow {
  attempt_id: string;
  task_id: string;
  flagged: number;
  done: number;
  done_at: string | null;
  first_activity: string | null;
  last_activity: string | null;
  viewing_since: string | null;
  seconds: number;
}

export interface GradeRow {
  id: number;
  attempt_id: string;
  task_id: string;
  source: 'done' | 'submit';
  results_json: string;
  earned: number;
  points: number;
  at: string;
}

export interface OverrideRow {
  id: number;
  attempt_id: string;
  task_id: string;
  earned: number;
  reason: string;
  by_user: number;
  at: string;
}

export interface RecordingRow {
  attempt_id: string;
  terminal_id: string;
  path: string;
  started_at: string;
  bytes: number;
  out_chars: number;
}

export interface SelftestRow {
  id: string;
  scenario_id: string;
  status: 'running' | 'passed' | 'failed';
  log_json: string;
  result_json: string | null;
  by_user: number | null;
  started_at: string;
  finished_at: string | null;
}

export interface UploadedScenarioRow {
  id: string;
  yaml: string;
  published: number;
  uploaded_by: number | null;
  updated_at: string;
}

export const MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');

export function now(): string {
  return new Date().toISOString();
}

/** Applies every numbered migration not yet applied, each in its own transaction. Returns their names. */
export function migrate(db: Database.Database, dir = MIGRATIONS_DIR): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const files = readdirSync(dir)
    .filter((f) => /^\d+_.+\.sql$/.test(f))
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  const applied: string[] = [];
  for (const f of files) {
    const version = parseInt(f, 10);
    if (done.has(version)) continue;
    const sql = readFileSync(join(dir, f), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(version, f, now());
    })();
    applied.push(f);
  }
  return applied;
}

export class Db {
  readonly sql: Database.Database;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.sql = new Database(file);
    this.sql.pragma('journal_mode = WAL');
    this.sql.pragma('synchronous = NORMAL');
    this.sql.pragma('foreign_keys = ON');
    this.sql.pragma('busy_timeout = 5000');
    migrate(this.sql);
  }

  close(): void {
    this.sql.close();
  }

  // --- users and sessions ---------------------------------------------------------------------

  userCount(): number {
    return (this.sql.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  createUser(username: string, passwordHash: string, role: Role, group: string | null): UserRow {
    const r = this.sql.prepare('INSERT INTO users (username, password_hash, role, group_name, created_at) VALUES (?, ?, ?, ?, ?)').run(username, passwordHash, role, group, now());
    return this.user(Number(r.lastInsertRowid))!;
  }

  setPassword(id: number, passwordHash: string): void {
    this.sql.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, id);
  }

  user(id: number): UserRow | undefined {
    return this.sql.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  }

  userByName(username: string): UserRow | undefined {
    return this.sql.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  }

  users(): UserRow[] {
    return this.sql.prepare('SELECT * FROM users ORDER BY id').all() as UserRow[];
  }

  createSession(id: string, userId: number, csrf: string, expiresAt: string): void {
    this.sql.prepare('INSERT INTO sessions (id, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(id, userId, csrf, now(), expiresAt);
  }

  session(id: string): { id: string; user_id: number; csrf: string; expires_at: string } | undefined {
    return this.sql.prepare('SELECT id, user_id, csrf, expires_at FROM sessions WHERE id = ?').get(id) as never;
  }

  touchSession(id: string, expiresAt: string): void {
    this.sql.prepare('UPDATE sessions SET expires_at = ? WHERE id = ?').run(expiresAt, id);
  }

  deleteSession(id: string): void {
    this.sql.prepare('DELETE FROM sessions WHERE id = ?').run(id);
  }

  deleteExpiredSessions(): void {
    this.sql.prepare('DELETE FROM sessions WHERE expires_at < ?').run(now());
  }

  // --- scenarios --------------------------------------------------------------------------------

  uploadedScenarios(): UploadedScenarioRow[] {
    return this.sql.prepare('SELECT * FROM scenarios_uploaded ORDER BY id').all() as UploadedScenarioRow[];
  }

  uploadedScenario(id: string): UploadedScenarioRow | undefined {
    return this.sql.prepare('SELECT * FROM scenarios_uploaded WHERE id = ?').get(id) as UploadedScenarioRow | undefined;
  }

  saveUploadedScenario(id: string, yaml: string, by: number): void {
    this.sql
      .prepare('INSERT INTO scenarios_uploaded (id, yaml, published, uploaded_by, updated_at) VALUES (?, ?, 0, ?, ?) ON CONFLICT(id) DO UPDATE SET yaml = excluded.yaml, uploaded_by = excluded.uploaded_by, updated_at = excluded.updated_at')
      .run(id, yaml, by, now());
  }

  setUploadedPublished(id: string, published: boolean): void {
    this.sql.prepare('UPDATE scenarios_uploaded SET published = ? WHERE id = ?').run(published ? 1 : 0, id);
  }

  scenarioFlags(): Map<string, boolean> {
    const rows = this.sql.prepare('SELECT id, published FROM scenario_flags').all() as { id: string; published: number }[];
    return new Map(rows.map((r) => [r.id, !!r.published]));
  }

  setScenarioFlag(id: string, published: boolean): void {
    this.sql.prepare('INSERT INTO scenario_flags (id, published) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET published = excluded.published').run(id, published ? 1 : 0);
  }

  // --- attempts -------------------------------------------------------------------------------

  insertAttempt(a: Omit<AttemptRow, 'end_reason' | 'error' | 'submitted_at' | 'notepad' | 'last_input_at' | 'score' | 'passed'>, taskIds: string[]): void {
    this.sql.transaction(() => {
      this.sql
        .prepare(`INSERT INTO attempts (id, user_id, scenario_id, scenario_title, scenario_kind, pass_threshold, mode, status, seed, started_at, deadline, cluster, workers, tasks_json, last_input_at)
                  VALUES (@id, @user_id, @scenario_id, @scenario_title, @scenario_kind, @pass_threshold, @mode, @status, @seed, @started_at, @deadline, @cluster, @workers, @tasks_json, @started_at)`)
        .run(a);
      const ins = this.sql.prepare('INSERT INTO task_states (attempt_id, task_id) VALUES (?, ?)');
      for (const t of taskIds) ins.run(a.id, t);
    })();
  }

  attempt(id: string): AttemptRow | undefined {
    return this.sql.prepare('SELECT * FROM attempts WHERE id = ?').get(id) as AttemptRow | undefined;
  }

  attemptsOf(userId: number): AttemptRow[] {
    return this.sql.prepare('SELECT * FROM attempts WHERE user_id = ? ORDER BY started_at DESC, rowid DESC').all(userId) as AttemptRow[];
  }

  liveAttempts(): AttemptRow[] {
    return this.sql.prepare("SELECT * FROM attempts WHERE status IN ('starting', 'running') ORDER BY started_at").all() as AttemptRow[];
  }

  liveAttemptOf(userId: number): AttemptRow | undefined {
    return this.sql.prepare("SELECT * FROM attempts WHERE user_id = ? AND status IN ('starting', 'running') ORDER BY started_at DESC LIMIT 1").get(userId) as AttemptRow | undefined;
  }

  attemptsSince(userId: number, since: string): number {
    return (this.sql.prepare('SELECT count(*) AS n FROM attempts WHERE user_id = ? AND started_at >= ?').get(userId, since) as { n: number }).n;
  }

  updateAttempt(id: string, fields: Partial<AttemptRow>): void {
    const keys = Object.keys(fields);
    if (!keys.length) return;
    this.sql.prepare(`UPDATE attempts SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({ ...fields, id });
  }

  /** All attempts with their usernames, for review, filtered. */
  reviewAttempts(f: { user?: string; scenario?: string; from?: string; to?: string; minScore?: number; maxScore?: number }): (AttemptRow & { username: string })[] {
    const where: string[] = [];
    const args: Record<string, unknown> = {};
    if (f.user) {
      where.push('(u.username = @user OR CAST(u.id AS TEXT) = @user)');
      args.user = f.user;
    }
    if (f.scenario) {
      where.push('a.scenario_id = @scenario');
      args.scenario = f.scenario;
    }
    if (f.from) {
      where.push('a.started_at >= @from');
      args.from = f.from;
    }
    if (f.to) {
      where.push('a.started_at <= @to');
      args.to = /^\d{4}-\d{2}-\d{2}$/.test(f.to) ? `${f.to}T23:59:59.999Z` : f.to; // a date means the whole day
    }
    if (f.minScore !== undefined) {
      where.push('a.score >= @minScore');
      args.minScore = f.minScore;
    }
    if (f.maxScore !== undefined) {
      where.push('a.score <= @maxScore');
      args.maxScore = f.maxScore;
    }
    const sql = `SELECT a.*, u.username FROM attempts a JOIN users u ON u.id = a.user_id ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY a.started_at DESC, a.rowid DESC`;
    return this.sql.prepare(sql).all(args) as never;
  }

  finishedAttempts(scenario?: string): AttemptRow[] {
    const sql = `SELECT * FROM attempts WHERE status IN ('submitted', 'expired') ${scenario ? 'AND scenario_id = ?' : ''} ORDER BY started_at`;
    return (scenario ? this.sql.prepare(sql).all(scenario) : this.sql.prepare(sql).all()) as AttemptRow[];
  }

  // --- task states, grades, overrides -------------------------------------------------------

  taskStates(attemptId: string): TaskStateRow[] {
    return this.sql.prepare('SELECT * FROM task_states WHERE attempt_id = ?').all(attemptId) as TaskStateRow[];
  }

  updateTaskState(attemptId: string, taskId: string, fields: Partial<TaskStateRow>): void {
    const keys = Object.keys(fields);
    if (!keys.length) return;
    this.sql.prepare(`UPDATE task_states SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE attempt_id = @attempt_id AND task_id = @task_id`).run({ ...fields, attempt_id: attemptId, task_id: taskId });
  }

  insertGrade(g: Omit<GradeRow, 'id'>): void {
    this.sql.prepare('INSERT INTO grades (attempt_id, task_id, source, results_json, earned, points, at) VALUES (@attempt_id, @task_id, @source, @results_json, @earned, @points, @at)').run(g);
  }

  grades(attemptId: string): GradeRow[] {
    return this.sql.prepare('SELECT * FROM grades WHERE attempt_id = ? ORDER BY id').all(attemptId) as GradeRow[];
  }

  insertOverride(o: Omit<OverrideRow, 'id'>): void {
    this.sql.prepare('INSERT INTO overrides (attempt_id, task_id, earned, reason, by_user, at) VALUES (@attempt_id, @task_id, @earned, @reason, @by_user, @at)').run(o);
  }

  overrides(attemptId: string): (OverrideRow & { username: string })[] {
    return this.sql.prepare('SELECT o.*, u.username FROM overrides o JOIN users u ON u.id = o.by_user WHERE attempt_id = ? ORDER BY o.id').all(attemptId) as never;
  }

  // --- recordings and commands ---------------------------------------------------------------

  recording(attemptId: string, terminalId: string): RecordingRow | undefined {
    return this.sql.prepare('SELECT * FROM recordings WHERE attempt_id = ? AND terminal_id = ?').get(attemptId, terminalId) as RecordingRow | undefined;
  }

  recordings(attemptId: string): RecordingRow[] {
    return this.sql.prepare('SELECT * FROM recordings WHERE attempt_id = ? ORDER BY started_at').all(attemptId) as RecordingRow[];
  }

  upsertRecording(r: RecordingRow): void {
    this.sql
      .prepare('INSERT INTO recordings (attempt_id, terminal_id, path, started_at, bytes, out_chars) VALUES (@attempt_id, @terminal_id, @path, @started_at, @bytes, @out_chars) ON CONFLICT(attempt_id, terminal_id) DO UPDATE SET bytes = excluded.bytes, out_chars = excluded.out_chars')
      .run(r);
  }

  insertCommand(c: { attempt_id: string; terminal_id: string; node: string; t: string; command: string; exit_code: number | null }): number {
    return Number(this.sql.prepare('INSERT INTO command_log (attempt_id, terminal_id, node, t, command, exit_code) VALUES (@attempt_id, @terminal_id, @node, @t, @command, @exit_code)').run(c).lastInsertRowid);
  }

  setCommandExit(id: number, code: number): void {
    this.sql.prepare('UPDATE command_log SET exit_code = ? WHERE id = ?').run(code, id);
  }

  commands(attemptId: string): { t: string; terminal_id: string; node: string; command: string; exit_code: number | null }[] {
    return this.sql.prepare('SELECT t, terminal_id, node, command, exit_code FROM command_log WHERE attempt_id = ? ORDER BY id').all(attemptId) as never;
  }

  // --- assignments and self-tests ------------------------------------------------------------

  insertAssignment(a: { scenario_id: string; group_name: string; due: string | null; created_by: number }): number {
    return Number(this.sql.prepare('INSERT INTO assignments (scenario_id, group_name, due, created_by, created_at) VALUES (@scenario_id, @group_name, @due, @created_by, @created_at)').run({ ...a, created_at: now() }).lastInsertRowid);
  }

  assignments(group?: string | null): { id: number; scenario_id: string; group_name: string; due: string | null; created_by: number; created_at: string }[] {
    if (group === undefined) return this.sql.prepare('SELECT * FROM assignments ORDER BY due IS NULL, due, id').all() as never;
    return this.sql.prepare('SELECT * FROM assignments WHERE group_name = ? ORDER BY due IS NULL, due, id').all(group ?? '') as never;
  }

  insertSelftest(id: string, scenarioId: string, by: number): void {
    this.sql.prepare("INSERT INTO selftests (id, scenario_id, status, by_user, started_at) VALUES (?, ?, 'running', ?, ?)").run(id, scenarioId, by, now());
  }

  updateSelftest(id: string, fields: Partial<SelftestRow>): void {
    const keys = Object.keys(fields);
    if (!keys.length) return;
    this.sql.prepare(`UPDATE selftests SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({ ...fields, id });
  }

  selftest(id: string): SelftestRow | undefined {
    return this.sql.prepare('SELECT * FROM selftests WHERE id = ?').get(id) as SelftestRow | undefined;
  }

  /** Self-tests left running by a platform that stopped: they cannot finish any more. */
  failOrphanSelftests(): void {
    this.sql.prepare("UPDATE selftests SET status = 'failed', finished_at = ?, log_json = json_insert(log_json, '$[#]', 'the platform restarted before the self-test finished') WHERE status = 'running'").run(now());
  }
}
