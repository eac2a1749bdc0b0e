// Platform limits: platform-wide live sessions, attempts per hour, idle reclaim, and local mode
// (no login, loopback only), each with the sentence a user reads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clusters } from '../../server/cluster/clusters.ts';
import { Client, ROOT, Term, killStray, startPlatform, stopPlatform, type PlatformProcess } from '../helpers/platform.ts';

const DATA = mkdtempSync(join(tmpdir(), 'kd-platform-limits-'));
const clusters = new Clusters({ root: ROOT, data: DATA });
let p: PlatformProcess;

before(async () => {
  p = await startPlatform(['--data', DATA, '--auth', 'accounts', '--admin-password', 'limits-admin', '--scenarios', 'test/fixtures/platform', '--pool', '0', '--max-sessions', '1', '--attempts-per-hour', '2', '--idle-minutes', '0.05']);
});

after(async () => {
  if (p) await stopPlatform(p);
  await Promise.all(clusters.list().map((c) => clusters.delete(c.name)));
  killStray(DATA);
  rmSync(DATA, { recursive: true, force: true, maxRetries: 5 });
});

test('limits: platform sessions, attempts per hour, idle reclaim', async () => {
  const admin = new Client(p.url);
  assert.equal((await admin.login('admin', 'limits-admin')).status, 200);
  for (const n of ['cara', 'dan']) assert.equal((await admin.post('/api/users', { username: n, password: `${n}-password`, role: 'candidate' })).status, 201);
  const cara = new Client(p.url);
  const dan = new Client(p.url);
  await cara.login('cara', 'cara-password');
  await dan.login('dan', 'dan-password');

  const first = await cara.post('/api/attempts', { scenarioId: 'platform-tiny', mode: 'practice' });
  assert.equal(first.status, 201, first.text);
  const full = await dan.post('/api/attempts', { scenarioId: 'platform-tiny', mode: 'practice' });
  assert.equal(full.status, 409);
  assert.match(full.body.error, /maximum of 1 sessions/);
  assert.equal((await cara.post('/api/attempts', { scenarioId: 'nope', mode: 'exam' })).status, 404);
  assert.equal((await cara.post('/api/attempts', { scenarioId: 'platform-tiny', mode: 'sprint' })).status, 400);

  // no input: reclaimed after 3 s (idle-minutes 0.05), graded, status expired
  const term = new Term(p.url, cara, { attemptId: first.body.id });
  await term.waitFor(/controlplane.*[#$] $/m, 30000);
  await term.until(() => !!term.ended, 20000, 'idle reclaim');
  assert.equal(term.ended.reason, 'idle');
  term.close();
  const a = await cara.get(`/api/attempts/${first.body.id}`);
  assert.equal(a.body.status, 'expired');
  assert.equal(a.body.endReason, 'idle');
  assert.equal((await cara.get(`/api/attempts/${first.body.id}/results`)).status, 200);

  const second = await cara.post('/api/attempts', { scenarioId: 'platform-tiny', mode: 'practice' });
  assert.equal(second.status, 201, second.text);
  assert.equal((await cara.post(`/api/attempts/${second.body.id}/submit`)).status, 200);
  const third = await cara.post('/api/attempts', { scenarioId: 'platform-tiny', mode: 'practice' });
  assert.equal(third.status, 409);
  assert.match(third.body.error, /2 attempts in the last hour/);
});

test('local mode: no login on loopback; refused on other addresses', async () => {
  const data = mkdtempSync(join(tmpdir(), 'kd-platform-local-'));
  try {
    const local = await startPlatform(['--data', data, '--scenarios', 'test/fixtures/platform', '--pool', '0']);
    try {
      const c = new Client(local.url);
      const me = await c.me();
      assert.equal(me.authMode, 'local');
      assert.equal(me.user.role, 'admin');
      assert.equal((await c.get('/api/scenarios')).status, 200);
      assert.equal((await c.post('/api/scenarios/platform-tiny/publish', { published: true }, { csrf: false })).status, 403, 'CSRF still applies');
      const page = await c.get('/some/spa/route');
      assert.ok([200, 503].includes(page.status), 'SPA fallback (503 with a hint when the client is not built)');
      assert.match(page.text, /<!doctype html>/i);
    } finally {
      await stopPlatform(local);
    }
    await assert.rejects(startPlatform(['--data', data, '--host', '0.0.0.0', '--auth', 'local']), /only allowed on a loopback address/);
  } finally {
    rmSync(data, { recursive: true, force: true, maxRetries: 5 });
  }
});
