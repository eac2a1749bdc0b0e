// The platform process: express (JSON REST API + the built client with an SPA fallback) and
// socket.io (the terminal gateway) on one HTTP server. Every route and socket event checks the
// role and ownership. See API.md for the contract.
import express, { type NextFunction, type Request, type Response } from 'express';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Server as IoServer, type Socket } from 'socket.io';
import { Clusters } from '../cluster/clusters.ts';
import { Db, LIVE, ROLES, type AttemptRow, type Role, type UserRow } from '../../db/index.ts';
import type { Scenario } from '../../scenarios/types.ts';
import { Attempts, type Limits, type Results } from './attempts.ts';
import { Auth, HttpError, hashPassword, publicUser, requireRole, safeEqual, verifyPassword } from './auth.ts';
import { Catalogue } from './catalogue.ts';
import { loadContent, type Content, type SelftestResult } from './content.ts';
import { ClusterOps, Pool } from './pool.ts';
import { Gateway, RefusedError, TERMINAL_ID_RE } from './terminals.ts';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface PlatformOptions {
  dataDir: string;
  scenariosDir: string;
  clientDir: string;
  host: string;
  port: number;
  auth: 'accounts' | 'local';
  adminPassword?: string;
  poolSize: number;
  limits: Limits;
}

export interface Platform {
  url: string;
  port: number;
  db: Db;
  pool: Pool;
  attempts: Attempts;
  catalogue: Catalogue;
  content: Content;
  /** The first-run admin password, when one was generated. */
  firstAdmin?: { username: string; password: string };
  close(o?: { drainPool?: boolean }): Promise<void>;
}

// --- views ----------------------------------------------------------------------------------------

function scenarioSummary(s: Scenario, published: boolean): Record<string, unknown> {
  return {
    id: s.id, title: s.title, description: s.description, kind: s.kind, domains: s.domains, concepts: s.concepts, difficulty: s.difficulty,
    duration: s.duration, passThreshold: s.passThreshold, taskCount: s.pool ? s.pool.count : s.tasks.length, published,
  };
}

function scenarioForCandidate(s: Scenario): Record<string, unknown> {
  return {
    ...scenarioSummary(s, true), cluster: s.cluster,
    tasks: s.tasks.map((t) => ({ id: t.id, title: t.title, weight: t.weight, domain: t.domain, concepts: t.concepts, node: t.node ?? 'controlplane', context: t.context ?? null, statement: t.statement, difficulty: t.difficulty ?? null })),
  };
}

function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`; // no formulas in spreadsheets
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function str(v: unknown, what: string, max = 200): string {
  if (typeof v !== 'string' || !v.trim() || v.length > max) throw new HttpError(400, `${what} must be a non-empty string`);
  return v;
}

// --- the platform ---------------------------------------------------------------------------------

/** One platform per data dir: a pid file, stale once its process is gone (e.g. after a SIGKILL). */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'platform.pid');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    let alive = false;
    try {
      // alive, and a node process (not an unrelated one that reused the pid)
      alive = pid > 0 && pid !== process.pid && (process.kill(pid, 0), true) && (!existsSync(`/proc/${pid}/cmdline`) || readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node'));
    } catch {
      alive = false;
    }
    if (alive) throw new Error(`another kubedojo platform (pid ${pid}) uses the data dir ${dataDir}; stop it or choose another --data`);
  }
  writeFileSync(file, `${process.pid}\n`);
  return () => {
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
    } catch {
      // gone
    }
  };
}

export async function createPlatform(o: PlatformOptions): Promise<Platform> {
  const unlock = lockDataDir(o.dataDir);
  const db = new Db(join(o.dataDir, 'kubedojo.db'));
  db.deleteExpiredSessions();
  db.failOrphanSelftests();
  const clusters = new Clusters({ root: ROOT, data: o.dataDir });
  const content = await loadContent();
  const catalogue = new Catalogue(db, content, o.scenariosDir);
  await catalogue.load();
  const auth = new Auth(db, o.auth);
  const firstAdmin = auth.ensureAdmin(o.adminPassword);
  const pool = new Pool(clusters, new ClusterOps(clusters), o.poolSize);
  const gateway = new Gateway({ db, clusters, dataDir: o.dataDir, onInput: (id) => attempts.touch(id) });
  const attempts: Attempts = new Attempts(db, clusters, content, catalogue, pool, gateway, o.limits);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: wss:; worker-src 'self' blob:; frame-ancestors 'none'",
    );
    next();
  });
  app.use('/api', express.json({ limit: '1mb' }));
  app.use('/api', express.text({ type: ['text/*', 'application/yaml', 'application/x-yaml'], limit: '2mb' }));
  app.use('/api', auth.middleware());
  app.use('/api', auth.csrf());

  const api = express.Router();
  app.use('/api', api);

  // --- ownership helpers ---
  const attemptOr404 = (id: string): AttemptRow => {
    const a = db.attempt(id);
    if (!a) throw new HttpError(404, `no attempt "${id}"`);
    return a;
  };
  /** Read access: the owner, reviewers and admins. */
  const readable = (req: Request): { a: AttemptRow; user: UserRow } => {
    const user = requireRole(req);
    const a = attemptOr404(String(req.params.id));
    if (a.user_id !== user.id && user.role !== 'reviewer' && user.role !== 'admin') throw new HttpError(403, 'this attempt is not yours');
    return { a, user };
  };
  /** Write access: the owner only (admins may also submit). */
  const writable = (req: Request, adminToo = false): { a: AttemptRow; user: UserRow } => {
    const user = requireRole(req);
    const a = attemptOr404(String(req.params.id));
    if (a.user_id !== user.id && !(adminToo && user.role === 'admin')) throw new HttpError(403, 'this attempt is not yours');
    return { a, user };
  };
  const attemptView = (a: AttemptRow): Record<string, unknown> => {
    const owner = db.user(a.user_id);
    const states = new Map(db.taskStates(a.id).map((s) => [s.task_id, s]));
    const terminals = gatewayIds(a.id);
    return {
      id: a.id, user: { id: a.user_id, username: owner?.username ?? '?' }, scenario: { id: a.scenario_id, title: a.scenario_title, passThreshold: a.pass_threshold, kind: a.scenario_kind },
      mode: a.mode, status: a.status, endReason: a.end_reason, ...(a.error ? { error: a.error } : {}), startedAt: a.started_at, deadline: a.deadline, now: new Date().toISOString(),
      submittedAt: a.submitted_at, notepad: a.notepad, score: a.score, passed: a.passed === null ? null : !!a.passed,
      tasks: attempts.tasks(a).map((t) => ({
        id: t.id, title: t.title, weight: t.weight, domain: t.domain, node: t.node ?? 'controlplane', context: t.context ?? null, statement: t.statement,
        flagged: !!states.get(t.id)?.flagged, done: !!states.get(t.id)?.done, ...(a.mode === 'practice' ? { hints: t.hints ?? [] } : {}),
      })),
      terminals,
    };
  };
  const gatewayIds = (id: string): string[] => {
    const ids = gateway.terminalIds(id).filter((x) => x !== 'main');
    return ['main', ...ids.sort()];
  };
  const listRow = (a: AttemptRow): Record<string, unknown> => ({
    id: a.id, scenarioId: a.scenario_id, scenarioTitle: a.scenario_title, mode: a.mode, status: a.status, startedAt: a.started_at, submittedAt: a.submitted_at,
    score: a.score, passed: a.passed === null ? null : !!a.passed,
  });

  // --- auth ---
  api.get('/me', (req, res) => {
    res.json({ user: req.who.user ? { ...publicUser(req.who.user), group: req.who.user.group_name } : null, csrf: req.who.csrf, authMode: o.auth });
  });
  api.post('/login', (req, res) => {
    if (o.auth === 'local') return void res.json({ user: publicUser(req.who.user!), csrf: req.who.csrf });
    const username = typeof req.body?.username === 'string' ? req.body.username : '';
    const password = typeof req.body?.password === 'string' ? req.body.password : '';
    const key = `${username.toLowerCase()}|${req.ip}`;
    if (auth.limiter.blocked(key)) throw new HttpError(429, 'too many failed logins: wait 5 minutes and try again');
    const u = db.userByName(username);
    if (!u || !verifyPassword(password, u.password_hash)) {
      auth.limiter.fail(key);
      throw new HttpError(401, 'invalid username or password');
    }
    auth.limiter.clear(key);
    if (req.who.sessionId) auth.endSession(req.who.sessionId);
    const { token, csrf } = auth.startSession(u.id);
    auth.setCookie(req, res, token);
    res.json({ user: publicUser(u), csrf });
  });
  api.post('/logout', (req, res) => {
    if (req.who.sessionId && o.auth === 'accounts') auth.endSession(req.who.sessionId);
    res.clearCookie('kd_session', { path: '/' });
    res.json({});
  });
  api.post('/me/password', (req, res) => {
    const u = requireRole(req);
    if (!verifyPassword(String(req.body?.current ?? ''), u.password_hash)) throw new HttpError(403, 'the current password is wrong');
    const pw = str(req.body?.password, 'password');
    if (pw.length < 8) throw new HttpError(400, 'the new password needs at least 8 characters');
    db.setPassword(u.id, hashPassword(pw));
    res.json({});
  });
  api.get('/users', (req, res) => {
    requireRole(req, 'admin');
    res.json(db.users().map((u) => ({ id: u.id, username: u.username, role: u.role, group: u.group_name, createdAt: u.created_at })));
  });
  api.post('/users', (req, res) => {
    requireRole(req, 'admin');
    const username = str(req.body?.username, 'username', 40);
    if (!/^[A-Za-z0-9_.-]{2,40}$/.test(username)) throw new HttpError(400, 'username: 2 to 40 letters, digits, "_", "." or "-"');
    const password = str(req.body?.password, 'password');
    if (password.length < 8) throw new HttpError(400, 'the password needs at least 8 characters');
    const role = String(req.body?.role ?? 'candidate') as Role;
    if (!ROLES.includes(role)) throw new HttpError(400, `role must be one of ${ROLES.join(', ')}`);
    const group = req.body?.group === undefined || req.body?.group === null ? null : str(req.body.group, 'group', 60);
    if (db.userByName(username)) throw new HttpError(409, `user "${username}" exists`);
    const u = db.createUser(username, hashPassword(password), role, group);
    res.status(201).json({ id: u.id, username: u.username, role: u.role, group: u.group_name });
  });

  // --- scenarios ---
  const staff = (u: UserRow): boolean => u.role !== 'candidate';
  api.get('/scenarios', (req, res) => {
    const u = requireRole(req);
    res.json(catalogue.all().filter((e) => e.published || staff(u)).map((e) => ({ ...scenarioSummary(e.scenario, e.published), origin: e.origin })));
  });
  api.get('/scenario-problems', (req, res) => {
    requireRole(req, 'instructor');
    res.json(catalogue.problems);
  });
  api.post('/scenarios/reload', async (req, res) => {
    requireRole(req, 'instructor');
    await catalogue.load();
    res.json({ scenarios: catalogue.all().length, problems: catalogue.problems });
  });
  api.get('/scenarios/:id', (req, res) => {
    const u = requireRole(req);
    const e = catalogue.get(String(req.params.id));
    if (!e || (!e.published && u.role === 'candidate')) throw new HttpError(404, `no scenario "${req.params.id}"`);
    if (u.role === 'candidate') return void res.json(scenarioForCandidate(e.scenario));
    res.json({ ...e.scenario, published: e.published, origin: e.origin });
  });
  api.post('/scenarios', (req, res) => {
    const u = requireRole(req, 'instructor');
    const text = typeof req.body === 'string' ? req.body : typeof req.body?.yaml === 'string' ? req.body.yaml : undefined;
    if (!text?.trim()) throw new HttpError(400, 'send the scenario YAML as the body (Content-Type: text/yaml)');
    const r = catalogue.upload(text, u.id);
    if (r.conflict) throw new HttpError(409, r.conflict);
    if (!r.id) {
      const first = r.problems[0];
      throw new HttpError(422, `the scenario has ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}${first ? `; first: line ${first.line}: ${first.message}` : ''}`, { problems: r.problems });
    }
    res.status(201).json({ id: r.id });
  });
  api.get('/scenarios/:id/source', (req, res) => {
    requireRole(req, 'instructor');
    const text = catalogue.source(String(req.params.id));
    if (text === undefined) throw new HttpError(404, `no source for scenario "${req.params.id}"`);
    res.type('text/yaml').send(text);
  });
  api.post('/scenarios/:id/publish', (req, res) => {
    requireRole(req, 'instructor');
    if (typeof req.body?.published !== 'boolean') throw new HttpError(400, 'published must be true or false');
    if (!catalogue.setPublished(String(req.params.id), req.body.published)) throw new HttpError(404, `no scenario "${req.params.id}"`);
    res.json({});
  });

  // --- self-tests (one at a time: the machine is small; each in its own process) ---
  const runSelftest = (scenario: Scenario, onLog: (line: string) => void): Promise<SelftestResult> =>
    new Promise((res, rej) => {
      const child = spawn(process.execPath, [...process.execArgv, join(import.meta.dirname, 'selftest-worker.ts')], { stdio: ['pipe', 'pipe', 'pipe'] });
      let buf = '';
      let err = '';
      let result: SelftestResult | undefined;
      let failure: string | undefined;
      child.stdout!.on('data', (d) => {
        buf += d;
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          try {
            const m = JSON.parse(line);
            if (typeof m.log === 'string') onLog(m.log);
            else if (m.result) result = m.result;
            else if (m.error) failure = m.error;
          } catch {
            onLog(line);
          }
        }
      });
      child.stderr!.on('data', (d) => (err += d));
      child.on('error', rej);
      child.on('close', (code) => {
        if (result) res(result);
        else rej(new Error(failure ?? `the self-test process exited ${code}: ${err.trim().slice(-500)}`));
      });
      child.stdin!.end(JSON.stringify({ scenario, root: ROOT, data: o.dataDir }));
    });
  let selftestQueue: Promise<unknown> = Promise.resolve();
  api.post('/scenarios/:id/selftest', (req, res) => {
    const u = requireRole(req, 'instructor');
    const e = catalogue.get(String(req.params.id));
    if (!e) throw new HttpError(404, `no scenario "${req.params.id}"`);
    const jobId = Math.random().toString(36).slice(2, 10) + Date.now().toString(36);
    db.insertSelftest(jobId, e.scenario.id, u.id);
    const log: string[] = [];
    const onLog = (line: string): void => {
      log.push(line);
      db.updateSelftest(jobId, { log_json: JSON.stringify(log) });
    };
    onLog(`queued ${e.scenario.id}`);
    selftestQueue = selftestQueue.then(async () => {
      try {
        onLog(`self-test of ${e.scenario.id} started`);
        const r = await runSelftest(e.scenario, onLog);
        db.updateSelftest(jobId, { status: r.ok ? 'passed' : 'failed', result_json: JSON.stringify(r), finished_at: new Date().toISOString() });
      } catch (err) {
        onLog(`error: ${(err as Error).message}`);
        db.updateSelftest(jobId, { status: 'failed', finished_at: new Date().toISOString() });
      }
    });
    res.status(202).json({ jobId });
  });
  api.get('/selftests/:jobId', (req, res) => {
    requireRole(req, 'instructor');
    const j = db.selftest(String(req.params.jobId));
    if (!j) throw new HttpError(404, 'no such self-test');
    const r = j.result_json ? JSON.parse(j.result_json) : null;
    const seconds = r?.seconds ?? ((j.finished_at ? Date.parse(j.finished_at) : Date.now()) - Date.parse(j.started_at)) / 1000;
    res.json({ jobId: j.id, scenarioId: j.scenario_id, status: j.status, log: JSON.parse(j.log_json), tasks: r?.tasks ?? [], seconds, startedAt: j.started_at, finishedAt: j.finished_at });
  });

  // --- assignments ---
  api.post('/assignments', (req, res) => {
    const u = requireRole(req, 'instructor');
    const scenarioId = str(req.body?.scenarioId, 'scenarioId');
    if (!catalogue.get(scenarioId)) throw new HttpError(404, `no scenario "${scenarioId}"`);
    const group = str(req.body?.group, 'group', 60);
    const due = req.body?.due ? String(req.body.due) : null;
    if (due && Number.isNaN(Date.parse(due))) throw new HttpError(400, 'due must be a date (ISO 8601)');
    const id = db.insertAssignment({ scenario_id: scenarioId, group_name: group, due: due ? new Date(due).toISOString() : null, created_by: u.id });
    res.status(201).json({ id, scenarioId, group, due });
  });
  api.get('/assignments', (req, res) => {
    const u = requireRole(req);
    const rows = u.role === 'candidate' ? db.assignments(u.group_name) : db.assignments();
    res.json(rows.map((r) => ({ id: r.id, scenarioId: r.scenario_id, scenarioTitle: catalogue.get(r.scenario_id)?.scenario.title ?? r.scenario_id, group: r.group_name, due: r.due, createdAt: r.created_at })));
  });

  // --- attempts ---
  api.post('/attempts', (req, res) => {
    const u = requireRole(req);
    const scenarioId = str(req.body?.scenarioId, 'scenarioId');
    const mode = req.body?.mode ?? 'exam';
    if (mode !== 'exam' && mode !== 'practice') throw new HttpError(400, 'mode must be "exam" or "practice"');
    const a = attempts.start(u, scenarioId, mode);
    res.status(201).json(attemptView(a));
  });
  api.get('/attempts', (req, res) => {
    const u = requireRole(req);
    res.json(db.attemptsOf(u.id).map(listRow));
  });
  api.get('/attempts/:id', (req, res) => {
    res.json(attemptView(readable(req).a));
  });
  api.post('/attempts/:id/tasks/:taskId/flag', (req, res) => {
    const { a } = writable(req);
    attempts.flag(a, String(req.params.taskId), !!req.body?.flagged);
    res.json({});
  });
  api.post('/attempts/:id/tasks/:taskId/view', (req, res) => {
    const { a } = writable(req);
    attempts.view(a, String(req.params.taskId));
    res.json({});
  });
  api.post('/attempts/:id/tasks/:taskId/done', async (req, res) => {
    const { a } = writable(req);
    const done = req.body?.done === undefined ? true : !!req.body.done;
    const r = await attempts.done(a, String(req.params.taskId), done);
    res.json(a.mode === 'practice' && r ? r : {});
  });
  api.put('/attempts/:id/notepad', (req, res) => {
    const { a } = writable(req);
    const text = typeof req.body?.text === 'string' ? req.body.text : undefined;
    if (text === undefined || text.length > 100_000) throw new HttpError(400, 'text must be a string of at most 100000 characters');
    if (!LIVE.includes(a.status)) throw new HttpError(409, `the attempt is ${a.status}`);
    db.updateAttempt(a.id, { notepad: text });
    res.json({});
  });
  api.post('/attempts/:id/submit', async (req, res) => {
    const { a } = writable(req, true);
    res.json(await attempts.end(a.id, 'submitted'));
  });
  api.post('/attempts/:id/reset', async (req, res) => {
    const { a } = writable(req);
    await attempts.reset(a);
    res.json(attemptView(db.attempt(a.id)!));
  });
  const finished = (a: AttemptRow): Results => {
    if (a.status === 'failed') throw new HttpError(409, `the attempt failed: ${a.error ?? 'unknown error'}`);
    if (LIVE.includes(a.status)) throw new HttpError(409, 'the attempt is still running: submit it first');
    return attempts.results(a);
  };
  api.get('/attempts/:id/results', (req, res) => {
    res.json(finished(readable(req).a));
  });
  api.get('/attempts/:id/recordings', (req, res) => {
    const { a } = readable(req);
    res.json(db.recordings(a.id).map((r) => ({ terminalId: r.terminal_id, startedAt: r.started_at, bytes: r.bytes })));
  });
  api.get('/attempts/:id/recordings/:terminalId', (req, res) => {
    const { a } = readable(req);
    const r = db.recording(a.id, String(req.params.terminalId));
    if (!r || !existsSync(r.path)) throw new HttpError(404, 'no such recording');
    res.type('application/x-asciicast').sendFile(r.path);
  });
  api.get('/attempts/:id/commands', (req, res) => {
    const { a } = readable(req);
    res.json(db.commands(a.id).map((c) => ({ t: c.t, terminalId: c.terminal_id, node: c.node, command: c.command, exitCode: c.exit_code })));
  });
  api.post('/attempts/:id/overrides', (req, res) => {
    const u = requireRole(req, 'reviewer');
    const a = attemptOr404(String(req.params.id));
    const taskId = str(req.body?.taskId, 'taskId');
    if (!attempts.tasks(a).some((t) => t.id === taskId)) throw new HttpError(404, `attempt ${a.id} has no task "${taskId}"`);
    const earned = Number(req.body?.earned);
    if (!Number.isFinite(earned) || earned < 0) throw new HttpError(400, 'earned must be a number ≥ 0');
    const reason = str(req.body?.reason, 'reason', 2000);
    db.insertOverride({ attempt_id: a.id, task_id: taskId, earned, reason, by_user: u.id, at: new Date().toISOString() });
    res.json({});
  });

  // --- review ---
  const reviewRows = (req: Request): Record<string, unknown>[] => {
    requireRole(req, 'reviewer');
    const q = req.query as Record<string, string | undefined>;
    const num = (v: string | undefined): number | undefined => (v === undefined || v === '' ? undefined : Number(v));
    return db
      .reviewAttempts({ user: q.user || undefined, scenario: q.scenario || undefined, from: q.from || undefined, to: q.to || undefined, minScore: num(q.minScore), maxScore: num(q.maxScore) })
      .map((a) => ({ ...listRow(a), username: a.username, userId: a.user_id, endReason: a.end_reason }));
  };
  api.get('/review/attempts', (req, res) => {
    res.json(reviewRows(req));
  });
  api.get('/review/attempts.csv', (req, res) => {
    const rows = reviewRows(req);
    const cols = ['id', 'username', 'scenarioId', 'scenarioTitle', 'mode', 'status', 'endReason', 'startedAt', 'submittedAt', 'score', 'passed'];
    const text = [cols.join(','), ...rows.map((r) => cols.map((c) => csvCell(r[c])).join(','))].join('\r\n') + '\r\n';
    res.type('text/csv').setHeader('Content-Disposition', 'attachment; filename="attempts.csv"');
    res.send(text);
  });
  api.get('/review/stats', (req, res) => {
    requireRole(req, 'reviewer');
    const scenario = typeof req.query.scenario === 'string' && req.query.scenario ? req.query.scenario : undefined;
    const stats = new Map<string, { scenarioId: string; taskId: string; title: string; attempts: number; passed: number; seconds: number[]; fractions: number[] }>();
    for (const a of db.finishedAttempts(scenario)) {
      for (const t of attempts.results(a).tasks) {
        const k = `${a.scenario_id}\u0000${t.taskId}`;
        let s = stats.get(k);
        if (!s) stats.set(k, (s = { scenarioId: a.scenario_id, taskId: t.taskId, title: t.title, attempts: 0, passed: 0, seconds: [], fractions: [] }));
        s.attempts++;
        if (t.fraction >= 1) s.passed++;
        s.fractions.push(t.fraction);
        if (t.secondsSpent !== null) s.seconds.push(t.secondsSpent);
      }
    }
    res.json(
      [...stats.values()].map((s) => ({
        scenarioId: s.scenarioId, taskId: s.taskId, title: s.title, attempts: s.attempts, passRate: s.attempts ? s.passed / s.attempts : 0,
        meanFraction: s.fractions.reduce((x, y) => x + y, 0) / (s.fractions.length || 1), medianSeconds: median(s.seconds),
      })),
    );
  });

  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  api.get('/health', (_req, res) => {
    // loopDelayMaxMs: the longest the event loop was blocked since the previous health call
    const loopDelayMaxMs = Math.round(loop.max / 1e6);
    loop.reset();
    res.json({ ok: true, content: content.source, pool: pool.size(), poolError: pool.lastError, live: db.liveAttempts().length, shells: gateway.liveShells(), loopDelayMaxMs });
  });
  api.post('/admin/gc', (req, res) => {
    // for memory benches: a full GC first, when node runs with --expose-gc
    requireRole(req, 'admin');
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new HttpError(404, 'start node with --expose-gc to use this');
    gc();
    res.json(process.memoryUsage());
  });
  api.use((req) => {
    throw new HttpError(404, `no route ${req.method} /api${req.path}`);
  });

  // --- the client ---
  const index = join(o.clientDir, 'index.html');
  app.use(express.static(o.clientDir, { index: false, fallthrough: true }));
  app.get(/^(?!\/api\/|\/socket\.io\/).*/, (_req, res) => {
    if (existsSync(index)) return void res.sendFile(index);
    res
      .status(503)
      .type('html')
      .send(`<!doctype html><meta charset="utf-8"><title>kubedojo</title><p>The kubedojo browser client is not built. Build it with Vite into <code>${o.clientDir}</code> (<code>npx vite build</code> in the repository, or <code>npm run build</code>), then reload. The API is up at <code>/api</code>.</p>`);
  });

  // --- errors ---
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof HttpError) return void res.status(err.status).json({ error: err.message, ...err.extra });
    const e = err as { type?: string; status?: number; message?: string };
    if (e?.type === 'entity.parse.failed') return void res.status(400).json({ error: `the body is not valid JSON: ${e.message}` });
    if (e?.type === 'entity.too.large') return void res.status(413).json({ error: 'the body is too large' });
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return void res.status(e.status).json({ error: e.message ?? 'bad request' });
    process.stderr.write(`kubedojo: ${(err as Error)?.stack ?? String(err)}\n`);
    res.status(500).json({ error: `internal error: ${(err as Error)?.message ?? String(err)}` });
  });

  // --- socket.io: the terminal gateway ---
  const server: HttpServer = createServer(app);
  const io = new IoServer(server, { path: '/socket.io', serveClient: false, maxHttpBufferSize: 1e6, cors: undefined });
  io.of('/terminal').on('connection', (socket: Socket) => {
    const refuse = (status: number, message: string): void => {
      socket.emit('problem', { status, message });
      socket.disconnect(true);
    };
    try {
      const who = auth.resolve(socket.handshake.headers.cookie);
      const hs = (socket.handshake.auth ?? {}) as { attemptId?: unknown; terminalId?: unknown; csrf?: unknown; seq?: unknown; cols?: unknown; rows?: unknown };
      if (!who.user) return refuse(401, 'log in first');
      if (typeof hs.csrf !== 'string' || !who.csrf || !safeEqual(hs.csrf, who.csrf)) return refuse(403, 'missing or invalid CSRF token');
      const a = typeof hs.attemptId === 'string' ? db.attempt(hs.attemptId) : undefined;
      if (!a) return refuse(404, 'no such attempt');
      if (a.user_id !== who.user.id) return refuse(403, 'this attempt is not yours');
      if (!LIVE.includes(a.status)) return refuse(409, `the attempt is ${a.status}`);
      const terminalId = hs.terminalId === undefined ? 'main' : String(hs.terminalId);
      if (!TERMINAL_ID_RE.test(terminalId)) return refuse(400, 'terminalId: 1 to 32 letters, digits, "_" or "-"');
      const seq = hs.seq === undefined || hs.seq === null ? undefined : Number(hs.seq);
      gateway
        .attach(socket, { attemptId: a.id, terminalId, cluster: () => attempts.cluster(a.id) }, { cols: Number(hs.cols) || undefined, rows: Number(hs.rows) || undefined, seq: Number.isFinite(seq) ? seq : undefined })
        .catch((e) => (e instanceof RefusedError ? refuse(e.status, e.message) : refuse(500, `the terminal could not start: ${(e as Error).message}`)));
    } catch (e) {
      refuse(500, (e as Error).message);
    }
  });

  try {
    await new Promise<void>((res, rej) => {
      server.once('error', rej);
      server.listen(o.port, o.host, () => res());
    });
  } catch (e) {
    gateway.shutdown();
    db.close();
    unlock();
    throw e;
  }
  // only once the port is ours: a second instance that fails to listen must not touch attempts or clusters
  await attempts.recover();
  const inUse = new Set(db.liveAttempts().map((a) => a.cluster).filter((x): x is string => !!x));
  await pool.adopt(inUse);
  pool.fill();
  attempts.startIdleReclaim();
  setInterval(() => db.deleteExpiredSessions(), 3600_000).unref();
  const port = (server.address() as { port: number }).port;
  const shownHost = o.host === '0.0.0.0' || o.host === '::' ? 'localhost' : o.host.includes(':') ? `[${o.host}]` : o.host;

  return {
    url: `http://${shownHost}:${port}/`, port, db, pool, attempts, catalogue, content, firstAdmin,
    async close(c = {}) {
      await attempts.stop();
      gateway.shutdown();
      server.closeAllConnections();
      await new Promise<void>((r) => io.close(() => r()));
      if (c.drainPool !== false) await pool.drain();
      db.close();
      unlock();
    },
  };
}
