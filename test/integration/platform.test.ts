// The platform process end to end over HTTP and socket.io: accounts, CSRF, rate limiting, roles and
// ownership; an attempt on a real cluster with a real PTY running the real kubectl; reconnect and
// replay; done/submit grading with evidence; asciicast recordings; and a SIGKILL of the platform
// mid-attempt that loses nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Clusters } from '../../server/cluster/clusters.ts';
import { Client, ROOT, Term, killStray, startPlatform, stopPlatform, type PlatformProcess } from '../helpers/platform.ts';

const DATA = mkdtempSync(join(tmpdir(), 'kd-platform-'));
const ADMIN_PW = 'admin-pass-123';
const FLAGS = ['--data', DATA, '--auth', 'accounts', '--admin-password', ADMIN_PW, '--scenarios', 'test/fixtures/platform', '--pool', '1'];
const clusters = new Clusters({ root: ROOT, data: DATA });

let p: PlatformProcess;
const logs: (() => string)[] = [];
let admin: Client;
let alice: Client;
let bob: Client;
let rita: Client;
let ian: Client;
let attemptId = '';
let attemptCluster = '';
let deadline = '';
let seqBeforeDrop = 0;

before(async () => {
  p = await startPlatform(FLAGS);
  logs.push(p.log);
  admin = new Client(p.url);
  alice = new Client(p.url);
  bob = new Client(p.url);
  rita = new Client(p.url);
  ian = new Client(p.url);
});

after(async () => {
  if (p) await stopPlatform(p);
  for (const l of logs.flatMap((f) => f().split('\n')).filter((x) => /^kubedojo: (?!stopping)/.test(x))) process.stdout.write(`# platform: ${l}\n`);
  await Promise.all(clusters.list().map((c) => clusters.delete(c.name)));
  const stray = killStray(DATA);
  for (const x of stray) process.stdout.write(`# killed a stray cluster process: ${x}\n`);
  rmSync(DATA, { recursive: true, force: true, maxRetries: 5 });
});

test('accounts: login, CSRF, rate limiting and roles', async () => {
  const anon = new Client(p.url);
  const me = await anon.me();
  assert.equal(me.user, null);
  assert.equal(me.authMode, 'accounts');
  process.stdout.write(`# content: ${(await anon.get('/api/health')).body.content}\n`);
  assert.ok(me.csrf.length > 16);
  assert.equal((await anon.get('/api/attempts')).status, 401);
  assert.equal((await anon.post('/api/login', { username: 'admin', password: ADMIN_PW }, { csrf: false })).status, 403, 'login needs the CSRF token too');

  for (let i = 0; i < 5; i++) assert.equal((await anon.post('/api/login', { username: 'ghost', password: 'wrong' })).status, 401);
  const limited = await anon.post('/api/login', { username: 'ghost', password: 'wrong' });
  assert.equal(limited.status, 429, 'the sixth try within 5 minutes is refused');
  assert.match(limited.body.error, /too many failed logins/);

  assert.equal((await admin.login('admin', ADMIN_PW)).status, 200);
  assert.equal((await admin.post('/api/users', { username: 'x1', password: 'password1', role: 'candidate' }, { csrf: false })).status, 403, 'mutations need X-CSRF-Token');
  for (const [name, role, group] of [['alice', 'candidate', 'g1'], ['bob', 'candidate', 'g1'], ['rita', 'reviewer', null], ['ian', 'instructor', null]]) {
    const r = await admin.post('/api/users', { username: name, password: `${name}-password`, role, group });
    assert.equal(r.status, 201, r.text);
  }
  for (const [c, n] of [[alice, 'alice'], [bob, 'bob'], [rita, 'rita'], [ian, 'ian']] as const) assert.equal((await c.login(n, `${n}-password`)).status, 200);
  for (let i = 0; i < 5; i++) await anon.post('/api/login', { username: 'bob', password: 'wrong' });
  assert.equal((await anon.post('/api/login', { username: 'bob', password: 'bob-password' })).status, 429, 'locked out even with the right password');
  assert.equal((await bob.get('/api/me')).body.user.username, 'bob', 'existing sessions are not affected');
  assert.equal((await alice.get('/api/users')).status, 403);
  assert.equal((await alice.post('/api/scenarios', 'id: x', { type: 'text/yaml' })).status, 403);
  assert.equal((await rita.get('/api/review/attempts')).status, 200);
  assert.equal((await alice.get('/api/review/attempts')).status, 403);
  assert.equal((await ian.get('/api/review/stats')).status, 403);
});

test('instructors upload scenarios: problems with lines, unpublished until published', async () => {
  const bad = await ian.post('/api/scenarios', 'id: up-one\ntitle: [oops\n', { type: 'text/yaml' });
  assert.equal(bad.status, 422, bad.text);
  assert.ok(bad.body.problems[0].line >= 1 && bad.body.problems[0].message, bad.text);
  const good = readFileSync(join(ROOT, 'test/fixtures/platform/tiny.yaml'), 'utf8').replace('id: platform-tiny', 'id: up-one');
  const ok = await ian.post('/api/scenarios', good, { type: 'text/yaml' });
  assert.equal(ok.status, 201, ok.text);
  assert.equal((await alice.get('/api/scenarios/up-one')).status, 404, 'candidates do not see unpublished scenarios');
  assert.ok(!(await alice.get('/api/scenarios')).body.some((s: any) => s.id === 'up-one'));
  assert.equal((await ian.post('/api/scenarios/up-one/publish', { published: true })).status, 200);
  const seen = await alice.get('/api/scenarios/up-one');
  assert.equal(seen.status, 200);
  assert.equal(seen.body.tasks[0].checks, undefined, 'candidates do not see checks');
  assert.equal((await ian.get('/api/scenarios/up-one/source')).text, good);
  const problems = await ian.get('/api/scenario-problems');
  assert.ok(problems.body.some((x: any) => /broken\.yaml/.test(x.file)), 'a broken file is listed, the platform runs');
  assert.equal((await ian.post('/api/assignments', { scenarioId: 'platform-tiny', group: 'g1', due: '2030-01-01' })).status, 201);
  assert.equal((await alice.get('/api/assignments')).body[0].scenarioId, 'platform-tiny');
});

test('an attempt: a shell on the cluster with the real kubectl; others get 403', async () => {
  for (let i = 0; i < 300 && (await alice.get('/api/health')).body.pool < 1; i++) await new Promise((res) => setTimeout(res, 100));
  const t0 = Date.now();
  const r = await alice.post('/api/attempts', { scenarioId: 'platform-tiny', mode: 'exam' });
  assert.equal(r.status, 201, r.text);
  attemptId = r.body.id;
  deadline = r.body.deadline;
  assert.ok(['starting', 'running'].includes(r.body.status));
  assert.ok(Math.abs(Date.parse(deadline) - Date.parse(r.body.startedAt) - 30 * 60_000) < 1000);
  assert.equal(r.body.tasks.length, 2);
  assert.equal(r.body.tasks[0].hints, undefined, 'no hints in exam mode');

  const again = await alice.post('/api/attempts', { scenarioId: 'platform-tiny', mode: 'exam' });
  assert.equal(again.status, 409);
  assert.equal(again.body.attemptId, attemptId);

  assert.equal((await bob.get(`/api/attempts/${attemptId}`)).status, 403);
  assert.equal((await bob.post(`/api/attempts/${attemptId}/submit`)).status, 403);
  assert.equal((await bob.get(`/api/attempts/${attemptId}/recordings/main`)).status, 403);
  assert.equal((await rita.get(`/api/attempts/${attemptId}`)).status, 200, 'reviewers read attempts');
  const intruder = new Term(p.url, bob, { attemptId });
  await intruder.until(() => intruder.problems.length > 0, 5000, 'refusal');
  assert.equal(intruder.problems[0].status, 403);
  assert.equal(intruder.ready, null);
  intruder.close();
  const noCsrf = new Term(p.url, Object.assign(new Client(p.url), { cookies: alice.cookies, csrf: 'nope' }), { attemptId });
  await noCsrf.until(() => noCsrf.problems.length > 0, 5000, 'refusal');
  assert.equal(noCsrf.problems[0].status, 403);
  noCsrf.close();

  const term = new Term(p.url, alice, { attemptId, cols: 120, rows: 30 });
  await term.waitFor(/controlplane.*[#$] $/m, 15000);
  const firstPrompt = Date.now() - t0;
  assert.equal(term.ready.node, 'controlplane');
  term.type('kubectl get nodes\r');
  await term.waitFor(/node01\s+Ready/, 15000);
  assert.match(term.out, /controlplane\s+Ready\s+control-plane/);
  term.type('kubectl get pod nope\r');
  await term.waitFor(/pods "nope" not found/, 15000);
  // the setup is applied before the attempt runs
  for (let i = 0; i < 100 && (await alice.get(`/api/attempts/${attemptId}`)).body.status !== 'running'; i++) await new Promise((res) => setTimeout(res, 100));
  const view = await alice.get(`/api/attempts/${attemptId}`);
  assert.equal(view.body.status, 'running');
  const db = new Database(join(DATA, 'kubedojo.db'), { readonly: true });
  attemptCluster = (db.prepare('SELECT cluster FROM attempts WHERE id = ?').get(attemptId) as { cluster: string }).cluster;
  db.close();
  assert.ok(clusters.info(attemptCluster)?.status === 'ready');
  seqBeforeDrop = term.seq;
  term.close();
  process.stdout.write(`# start → first prompt: ${firstPrompt} ms\n`);
});

test('reconnect: the same live shell, missed output replayed', async () => {
  const other = new Term(p.url, alice, { attemptId, seq: 1e12 });
  await other.until(() => !!other.ready, 10000, 'ready');
  const pidMark = other.out.length;
  other.type('echo "shell=$$"; echo missed-$((6*7))-marker\r');
  await other.waitFor(/missed-42-marker/, 10000, pidMark);
  const shellPid = /shell=(\d+)/.exec(other.out.slice(pidMark))![1];
  other.close();

  const back = new Term(p.url, alice, { attemptId, seq: seqBeforeDrop });
  await back.until(() => !!back.ready, 10000, 'ready');
  await back.waitFor(/missed-42-marker/, 5000);
  assert.doesNotMatch(back.out, /kubectl get nodes/, 'only output after seq is replayed');
  back.type('echo "again=$$"\r');
  await back.waitFor(/again=\d+/, 10000);
  assert.equal(/again=(\d+)/.exec(back.out)![1], shellPid, 'the same shell process');
  // resume {seq} on a live socket replays from there too (once the prompt after the echo is in)
  for (let last = -1; back.out.length !== last; ) {
    last = back.out.length;
    await new Promise((res) => setTimeout(res, 300));
  }
  const before = back.out.length;
  back.socket.emit('resume', { seq: seqBeforeDrop });
  await new Promise((res) => setTimeout(res, 300));
  assert.equal(back.out.length, before, 'a client that drops what it has sees no duplicates');

  // solve task ns, mark it done (graded now), then break it again
  back.type('kubectl create namespace practice\r');
  await back.waitFor(/namespace\/practice created/, 15000);
  back.close();
  assert.equal((await alice.post(`/api/attempts/${attemptId}/tasks/ns/flag`, { flagged: true })).status, 200);
  assert.equal((await alice.post(`/api/attempts/${attemptId}/tasks/ns/view`)).status, 200);
  const done = await alice.post(`/api/attempts/${attemptId}/tasks/ns/done`, { done: true });
  assert.equal(done.status, 200, done.text);
  assert.deepEqual(done.body, {}, 'exam mode does not reveal the verdict');
  assert.equal((await alice.req('PUT', `/api/attempts/${attemptId}/notepad`, { text: 'remember: cm in dojo' })).status, 200);
});

test('SIGKILL mid-attempt, restart: attempt, grade, recording and deadline intact; a new shell works', async () => {
  await new Promise((res) => setTimeout(res, 400)); // the recording is flushed every 200 ms
  await stopPlatform(p, 'SIGKILL');
  const castPath = join(DATA, 'recordings', attemptId, 'main.cast');
  const castBefore = readFileSync(castPath, 'utf8');
  assert.match(castBefore, /namespace\/practice created/, 'the recording reached the kill');
  assert.equal(clusters.info(attemptCluster)?.status, 'ready', 'the cluster outlives the platform');

  p = await startPlatform(FLAGS);
  logs.push(p.log);
  for (const c of [admin, alice, bob, rita, ian]) (c as { base: string }).base = p.url;
  const a = await alice.get(`/api/attempts/${attemptId}`);
  assert.equal(a.status, 200, 'the session cookie survives the restart');
  assert.equal(a.body.status, 'running');
  assert.equal(a.body.deadline, deadline, 'the countdown is unchanged');
  assert.equal(a.body.notepad, 'remember: cm in dojo');
  const ns = a.body.tasks.find((t: any) => t.id === 'ns');
  assert.equal(ns.flagged, true);
  assert.equal(ns.done, true);

  const term = new Term(p.url, alice, { attemptId });
  await term.until(() => !!term.ready, 15000, 'ready');
  await term.waitFor(/controlplane.*[#$] $/m, 15000);
  term.type('kubectl get ns practice -o name && kubectl delete ns practice\r');
  await term.waitFor(/namespace "practice" deleted/, 20000);
  term.close();
  assert.ok(readFileSync(castPath, 'utf8').startsWith(castBefore), 'the recording continues after the restart');
});

test('submit: results with evidence, the better of done and submit counts; teardown', async () => {
  const r = await alice.post(`/api/attempts/${attemptId}/submit`);
  assert.equal(r.status, 200, r.text);
  const ns = r.body.tasks.find((t: any) => t.taskId === 'ns');
  const cm = r.body.tasks.find((t: any) => t.taskId === 'cm');
  assert.equal(ns.source, 'done', 'solved when marked done, broken at submit: the done result counts');
  assert.equal(ns.fraction, 1);
  assert.equal(ns.submit.fraction, 0);
  assert.equal(cm.fraction, 0);
  assert.equal(cm.checks.length, 2);
  assert.match(cm.checks[0].actual, /not found/);
  assert.ok(cm.checks[0].expected);
  assert.equal(r.body.score, 25, 'weights 1 and 3: 1·1 / 4');
  assert.equal(r.body.passed, false);
  assert.ok(cm.solution.commands.includes('create configmap'));
  assert.equal((await alice.get(`/api/attempts/${attemptId}`)).body.status, 'submitted');
  assert.deepEqual((await alice.get(`/api/attempts/${attemptId}/results`)).body.score, 25);
  assert.equal((await bob.get(`/api/attempts/${attemptId}/results`)).status, 403);

  const recs = await alice.get(`/api/attempts/${attemptId}/recordings`);
  assert.equal(recs.body[0].terminalId, 'main');
  const cast = await rita.get(`/api/attempts/${attemptId}/recordings/main`);
  assert.equal(cast.status, 200);
  assert.match(cast.headers.get('content-type') ?? '', /application\/x-asciicast/);
  const lines = cast.text.trim().split('\n');
  const header = JSON.parse(lines[0]);
  assert.equal(header.version, 2);
  assert.ok(header.width > 0 && header.height > 0 && header.timestamp > 0);
  let last = 0;
  let input = '';
  let output = '';
  for (const l of lines.slice(1)) {
    const [t, kind, data] = JSON.parse(l);
    assert.ok(typeof t === 'number' && t >= last - 0.001, `times go forward: ${l}`);
    assert.ok(['o', 'i', 'r', 'm'].includes(kind) && typeof data === 'string', l);
    last = t;
    if (kind === 'i') input += data;
    if (kind === 'o') output += data;
  }
  assert.match(input, /kubectl get nodes\r/);
  assert.match(output, /node01\s+Ready/);
  const cmds = await alice.get(`/api/attempts/${attemptId}/commands`);
  assert.ok(cmds.body.some((c: any) => c.command === 'kubectl get nodes' && c.node === 'controlplane' && c.exitCode === 0), cmds.text);
  assert.ok(cmds.body.some((c: any) => c.command === 'kubectl get pod nope' && c.exitCode === 1), cmds.text);

  const rows = await rita.get('/api/review/attempts?user=alice');
  assert.equal(rows.body[0].id, attemptId);
  assert.equal(rows.body[0].score, 25);
  const csv = await rita.get('/api/review/attempts.csv?scenario=platform-tiny');
  assert.match(csv.text, new RegExp(`^id,username,.*\\r\\n${attemptId},alice,platform-tiny,`));
  const stats = await rita.get('/api/review/stats?scenario=platform-tiny');
  const st = stats.body.find((s: any) => s.taskId === 'ns');
  assert.equal(st.attempts, 1);
  assert.equal(st.passRate, 1);
  assert.ok(st.medianSeconds !== null);
  assert.equal((await rita.post(`/api/attempts/${attemptId}/overrides`, { taskId: 'cm', earned: 2, reason: 'typo in the value only' })).status, 200);
  const after2 = await alice.get(`/api/attempts/${attemptId}/results`);
  assert.equal(after2.body.score, 25, 'an override never replaces the automatic result');
  assert.equal(after2.body.tasks.find((t: any) => t.taskId === 'cm').override.reason, 'typo in the value only');
  assert.equal(after2.body.adjustedScore, 100);

  for (let i = 0; i < 50 && existsSync(join(DATA, 'clusters', attemptCluster)); i++) await new Promise((res) => setTimeout(res, 100));
  assert.ok(!existsSync(join(DATA, 'clusters', attemptCluster)), 'the cluster is deleted after submit');
});

test('practice: hints, the verdict on done, reset to the start state in a fresh cluster', async () => {
  const r = await alice.post('/api/attempts', { scenarioId: 'platform-tiny', mode: 'practice' });
  assert.equal(r.status, 201, r.text);
  const id = r.body.id;
  assert.equal(r.body.deadline, null);
  assert.deepEqual(r.body.tasks[0].hints, ['kubectl create namespace']);
  let st = r.body;
  for (let i = 0; i < 200 && st.status === 'starting'; i++) {
    await new Promise((res) => setTimeout(res, 100));
    st = (await alice.get(`/api/attempts/${id}`)).body;
  }
  assert.equal(st.status, 'running', st.error);
  const term = new Term(p.url, alice, { attemptId: id });
  await term.waitFor(/controlplane.*[#$] $/m, 20000);
  term.type('kubectl create namespace practice\r');
  await term.waitFor(/namespace\/practice created/, 15000);
  const done = await alice.post(`/api/attempts/${id}/tasks/ns/done`, { done: true });
  assert.equal(done.body.fraction, 1, 'practice mode returns the verdict');
  assert.equal(done.body.checks[0].passed, true);

  const t0 = Date.now();
  const mark = term.out.length;
  const reset = await alice.post(`/api/attempts/${id}/reset`);
  assert.equal(reset.status, 200, reset.text);
  process.stdout.write(`# practice reset: ${Date.now() - t0} ms\n`);
  assert.equal(reset.body.tasks[0].done, false);
  await term.waitFor(/cluster was reset[\s\S]*controlplane.*[#$] $/m, 15000, mark);
  term.type('kubectl get ns practice dojo --no-headers 2>&1 | sort\r');
  await term.waitFor(/dojo\s+Active[\s\S]*NotFound|NotFound[\s\S]*dojo\s+Active/, 15000, mark);
  term.close();
  assert.equal((await alice.post(`/api/attempts/${id}/submit`)).status, 200);
});

test('the deadline submits by itself, also when it passed while the platform was down', async () => {
  // live timer
  let r = await bob.post('/api/attempts', { scenarioId: 'platform-timed', mode: 'exam' });
  assert.equal(r.status, 201, r.text);
  const live = r.body.id;
  const term = new Term(p.url, bob, { attemptId: live });
  await term.waitFor(/controlplane.*[#$] $/m, 20000);
  await term.until(() => !!term.ended, 15000, 'ended');
  assert.equal(term.ended.reason, 'expired');
  let a = await bob.get(`/api/attempts/${live}`);
  assert.equal(a.body.status, 'submitted');
  assert.equal(a.body.endReason, 'deadline');
  assert.equal((await bob.get(`/api/attempts/${live}/results`)).body.tasks[0].source, 'submit');

  // deadline passes while the platform is down
  r = await bob.post('/api/attempts', { scenarioId: 'platform-timed', mode: 'exam' });
  assert.equal(r.status, 201, r.text);
  const down = r.body.id;
  for (let i = 0; i < 100 && (await bob.get(`/api/attempts/${down}`)).body.status !== 'running'; i++) await new Promise((res) => setTimeout(res, 100));
  await stopPlatform(p, 'SIGKILL');
  await new Promise((res) => setTimeout(res, Math.max(0, Date.parse(r.body.deadline) - Date.now() + 200)));
  p = await startPlatform(FLAGS);
  logs.push(p.log);
  for (const c of [admin, alice, bob, rita, ian]) (c as { base: string }).base = p.url;
  for (let i = 0; i < 100 && (a = await bob.get(`/api/attempts/${down}`)).body.status === 'running'; i++) await new Promise((res) => setTimeout(res, 100));
  assert.equal(a.body.status, 'submitted');
  assert.equal(a.body.endReason, 'deadline');
  assert.equal((await bob.get(`/api/attempts/${down}/results`)).body.tasks.length, 1);
});

test('an instructor self-tests an uploaded scenario in the background', async () => {
  const r = await ian.post('/api/scenarios/up-one/selftest');
  assert.equal(r.status, 202, r.text);
  assert.equal((await alice.get(`/api/selftests/${r.body.jobId}`)).status, 403);
  let j = (await ian.get(`/api/selftests/${r.body.jobId}`)).body;
  for (let i = 0; i < 600 && j.status === 'running'; i++) {
    await new Promise((res) => setTimeout(res, 200));
    j = (await ian.get(`/api/selftests/${r.body.jobId}`)).body;
  }
  assert.equal(j.status, 'passed', j.log.join('\n'));
  assert.deepEqual(j.tasks.map((t: any) => [t.taskId, t.setupFails, t.solutionPasses]), [['ns', true, true], ['cm', true, true]]);
  assert.equal(j.tasks[1].checks[1].onSolution.passed, true);
  assert.ok(j.log.length > 2);
});
