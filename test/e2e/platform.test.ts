// End-to-end: the browser app against the real platform server, real clusters and the real
// kubectl, in Debian's Chromium. One candidate takes a scenario in the xterm (reload included),
// submits and reads the evidence; a reviewer replays the recording; an instructor uploads a broken
// and then a good scenario and self-tests it; another candidate is refused the first one's attempt.
// Screenshots of the exam, results and replay pages go to .artifacts/screenshots/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN_PASSWORD, ApiClient, ROOT, launch, newContext, pageAs as openPage, shot, sleep, startPlatform, termText, typeCommand, waitForTerm, type Platform } from './helpers.ts';

const SCENARIOS = process.env.KD_E2E_SCENARIOS ?? join(ROOT, 'test/fixtures/e2e/scenarios');
const PW = 'e2e-password-1';

describe('platform in the browser', { timeout: 240_000 }, () => {
  let platform: Platform;
  let browser: Browser;
  let admin: ApiClient;
  const external: string[] = [];
  const contexts: BrowserContext[] = [];
  let attemptId = '';

  test('the login page refuses a wrong password and the admin sees the users', async () => {
    const ctx = await newContext(browser, platform.url, external);
    contexts.push(ctx);
    const page = await ctx.newPage();
    await page.goto('/');
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').getByText('invalid username or password').waitFor();
    await shot(page, 'login', [[1280, 800]]);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await page.getByRole('cell', { name: 'alice' }).waitFor();
    await shot(page, 'admin-users', [[1280, 800]]);
    // the account page: a wrong current password is refused with the server's sentence
    await page.getByRole('link', { name: /^Your account/ }).click();
    await page.getByLabel('Current password').fill('not-the-password');
    await page.getByLabel('New password', { exact: true }).fill('another-pass-1');
    await page.getByLabel('New password again').fill('another-pass-1');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').getByText('the current password is wrong').waitFor();
  });

  const pageAs = (username: string): Promise<Page> => openPage(browser, platform.url, { external, contexts }, username, PW);

  before(async () => {
    [platform, browser] = await Promise.all([startPlatform({ scenarios: SCENARIOS }), launch()]);
    admin = await ApiClient.login(platform.url, 'admin', ADMIN_PASSWORD);
    await admin.createUser('alice', PW, 'candidate', 'cohort-a');
    await admin.createUser('bob', PW, 'candidate', 'cohort-a');
    await admin.createUser('rita', PW, 'reviewer');
    await admin.createUser('ian', PW, 'instructor');
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await platform?.stop();
  });

  test('a candidate takes the scenario in the terminal, reloads, submits and reads the evidence', async () => {
    const page = await pageAs('alice');
    // catalogue → start exam (with its confirmation)
    const card = page.locator('[data-scenario="e2e-web"]');
    await card.waitFor();
    await shot(page, 'catalogue', [[1280, 800]]);
    await card.getByRole('button', { name: /^Start exam/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Start exam' }).click();
    await page.waitForURL(/#\/attempts\/[^/]+$/);
    attemptId = /#\/attempts\/([^/?]+)/.exec(page.url())![1]!;

    // the terminal: a prompt, then kubectl get nodes shows the nodes
    await page.locator('.link-live').waitFor({ timeout: 30_000 });
    await waitForTerm(page, /[#$]\s*$/m, 30_000);
    await typeCommand(page, 'kubectl get nodes');
    const nodes = await waitForTerm(page, /node01\s+Ready/);
    assert.match(nodes, /controlplane\s+Ready\s+control-plane/);

    // solve the first task by typing, mark it done
    await typeCommand(page, 'kubectl create deployment web --image=nginx:1.27');
    await waitForTerm(page, /deployment\.apps\/web created/);
    await typeCommand(page, 'kubectl rollout status deployment/web --timeout=60s');
    await waitForTerm(page, /successfully rolled out/, 60_000);
    await page.getByRole('button', { name: 'Mark done' }).click();
    await page.locator('.rail-item.done[data-task="web"]').waitFor();

    // the second task: the statement says where, flag it, a notepad note
    await page.locator('.rail-item[data-task="team-ns"]').click();
    await page.locator('.task-where').getByText('node01').first().waitFor();
    await page.getByRole('button', { name: '⚐ Flag' }).click();
    await page.locator('.rail-item.flagged[data-task="team-ns"]').waitFor();
    await page.locator('.notepad-box summary').click();
    await page.locator('#notepad').fill('check team-a later');
    await page.locator('.note-state', { hasText: 'saved' }).waitFor();
    // click-to-copy from the statement, then Ctrl+Shift+V in the terminal
    await page.locator('.task-body code.copyable', { hasText: 'team-a' }).click();
    await page.locator('.term-pane:not([hidden]) .xterm-helper-textarea').focus();
    await page.keyboard.type('echo pasted-', { delay: 5 });
    await page.keyboard.press('Control+Shift+V');
    await waitForTerm(page, /echo pasted-team-a/);
    await page.keyboard.press('Enter');
    await waitForTerm(page, /^pasted-team-a\s*$/m);
    await typeCommand(page, 'export KD_MARK=41; echo before-reload-$((KD_MARK+1))');
    await waitForTerm(page, /before-reload-42/);
    await shot(page, 'exam');

    // reload mid-exam: the same shell (its variable, its scrollback) and the same countdown
    const secsBefore = Number(await page.locator('.timer-value').getAttribute('data-seconds'));
    const t0 = Date.now();
    await page.reload();
    await page.locator('.link-live').waitFor({ timeout: 20_000 });
    const replayed = await waitForTerm(page, /before-reload-42/);
    assert.match(replayed, /deployment\.apps\/web created|successfully rolled out/);
    const secsAfter = Number(await page.locator('.timer-value').getAttribute('data-seconds'));
    const elapsed = (Date.now() - t0) / 1000;
    assert.ok(Math.abs(secsBefore - elapsed - secsAfter) <= 3, `countdown ${secsBefore} → ${secsAfter} after ${elapsed.toFixed(1)} s`);
    assert.equal(await page.locator('.rail-item.flagged[data-task="team-ns"]').count(), 1);
    assert.equal(await page.locator('.rail-item.done[data-task="web"]').count(), 1);
    await typeCommand(page, 'echo same-shell-$KD_MARK');
    await waitForTerm(page, /same-shell-41/);

    // a second terminal tab
    await page.getByRole('button', { name: 'Open another terminal' }).click();
    await page.getByRole('tab').nth(1).waitFor();
    await waitForTerm(page, /[#$]\s*$/m, 20_000);
    await typeCommand(page, 'echo tab-$(hostname)');
    await waitForTerm(page, /^tab-controlplane\s*$/m);
    assert.doesNotMatch(await termText(page), /before-reload-42/, 'the second tab is its own shell');
    await page.getByRole('tab').first().click();

    // font size persists
    const before = await page.locator('.font-size').innerText();
    await page.getByRole('button', { name: 'Larger terminal font' }).click();
    assert.notEqual(await page.locator('.font-size').innerText(), before);

    // submit with confirmation → results with per-check evidence
    await page.getByRole('button', { name: 'Submit exam' }).click();
    const dlg = page.getByRole('dialog');
    await dlg.getByText(/You marked 1 of 2 tasks done; 1 is flagged/).waitFor();
    await dlg.getByRole('button', { name: 'Submit exam' }).click();
    await page.waitForURL(/\/results$/, { timeout: 60_000 });
    await page.locator('.score-value').waitFor();
    const score = Number(await page.locator('.score-value').getAttribute('data-score'));
    assert.equal(Math.round(score), 60, 'task web (weight 60) passes, team-ns (40) fails');
    await page.locator('.score-verdict', { hasText: 'Passed' }).waitFor();
    const pass = page.locator('[data-task="web"] tr[data-check="rolled-out"]');
    assert.match((await pass.textContent()) ?? '', /Pass/);
    assert.match((await pass.textContent()) ?? '', /nginx:1\.27/);
    const failRow = page.locator('[data-task="team-ns"] tr[data-check="ns"]');
    assert.match((await failRow.textContent()) ?? '', /Fail/);
    assert.match((await failRow.textContent()) ?? '', /team-a/);
    await page.locator('[data-task="team-ns"]').getByText('kubectl create namespace team-a').first().waitFor();
    await page.locator('.player').waitFor({ timeout: 20_000 });
    await shot(page, 'results');

    // own history lists the attempt
    await page.goto('/#/history');
    await page.locator(`tr[data-attempt="${attemptId}"]`).waitFor();
  });

  test('a reviewer sees the attempt and replays its recording', async () => {
    assert.ok(attemptId, 'needs the first test');
    const page = await pageAs('rita');
    await page.getByRole('link', { name: 'Review', exact: true }).click();
    const row = page.locator(`tr[data-attempt="${attemptId}"]`);
    await row.waitFor();
    assert.match(await row.innerText(), /alice/);
    // filters: a candidate that does not exist → no rows
    await page.getByLabel('Candidate').fill('nobody-here');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('No attempts match these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear' }).click();
    await row.waitFor();
    await shot(page, 'review-list', [[1280, 800]]);
    const csv = await page.locator('a', { hasText: 'Export CSV' }).getAttribute('href');
    assert.match(csv ?? '', /attempts\.csv/);
    await row.getByRole('link').first().click();
    await page.locator('.score-value').waitFor();
    // the player first shows the final screen; Replay at 8× starts over and plays to the end
    const screen = page.locator('.player .xterm-rows');
    await screen.filter({ hasText: 'same-shell-41' }).waitFor();
    await page.locator('.player-controls').getByRole('button', { name: '8×' }).click();
    assert.equal(await page.locator('.player-play').innerText(), 'Replay');
    await page.locator('.player-play').click();
    await sleep(150);
    assert.doesNotMatch(await screen.innerText(), /same-shell-41/, 'the replay starts from the beginning');
    await screen.filter({ hasText: /kubectl get nodes[\s\S]*node01/ }).waitFor({ timeout: 20_000 });
    await screen.filter({ hasText: 'same-shell-41' }).waitFor({ timeout: 20_000 });
    await page.locator('.player-play', { hasText: 'Replay' }).waitFor();
    // seek back to the start and to the end
    const range = page.locator('.player-range');
    await range.fill('0');
    assert.doesNotMatch(await screen.innerText(), /kubectl create deployment/);
    await range.fill((await range.getAttribute('max')) ?? '0');
    await screen.filter({ hasText: 'same-shell-41' }).waitFor();
    // the command log lists what was typed
    await page.locator('.cmd-text', { hasText: 'kubectl create deployment web --image=nginx:1.27' }).first().waitFor();
    // an override is kept beside the automatic result
    const form = page.locator('[data-task="team-ns"] .override-form');
    await form.getByLabel(/Points/).fill('1');
    await form.getByLabel('Reason').fill('created team-a on the wrong cluster by the task wording');
    await form.getByRole('button', { name: 'Save override' }).click();
    await page.locator('[data-task="team-ns"] .override-note').waitFor();
    await page.locator('.adjusted', { hasText: '100 %' }).waitFor();
    assert.match(await page.locator('[data-task="team-ns"] tr[data-check="ns"]').innerText(), /Fail/);
    await page.locator('.player .xterm-rows', { hasText: 'same-shell-41' }).waitFor();
    await page.locator('.replay').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'replay');
    // item statistics
    await page.getByRole('link', { name: 'Item statistics', exact: true }).click();
    await page.getByRole('cell', { name: /Create the web Deployment/ }).waitFor();
    await shot(page, 'item-stats', [[1280, 800]]);
  });

  test('a candidate cannot open another candidate\'s attempt (403, and the page says so)', async () => {
    assert.ok(attemptId, 'needs the first test');
    const bob = await ApiClient.login(platform.url, 'bob', PW);
    assert.equal((await bob.req('GET', `/api/attempts/${attemptId}`)).status, 403);
    assert.equal((await bob.req('GET', `/api/attempts/${attemptId}/recordings`)).status, 403);
    const page = await pageAs('bob');
    await page.goto(`/#/attempts/${attemptId}/results`);
    await page.getByRole('heading', { name: 'Access denied' }).waitFor();
    await page.goto(`/#/attempts/${attemptId}`);
    await page.getByRole('heading', { name: 'Access denied' }).waitFor();
    await shot(page, 'forbidden', [[1280, 800]]);
    assert.match(await page.locator('.error-panel').innerText(), /not yours|403|denied/i);
  });

  test('an instructor uploads a broken scenario, sees the line, then a good one passes its self-test', async () => {
    const page = await pageAs('ian');
    await page.goto('/#/instructor/new');
    const good = readFileSync(join(ROOT, 'test/fixtures/e2e/upload/good.yaml'), 'utf8');
    const broken = readFileSync(join(ROOT, 'test/fixtures/e2e/upload/broken.yaml'), 'utf8');
    const editor = page.locator('#scenario-source');
    await editor.fill(broken);
    await page.getByRole('button', { name: 'Validate and save' }).click();
    const problem = page.locator('.problem-loc').first();
    await problem.waitFor();
    const loc = await problem.innerText();
    const line = Number(/:(\d+):\d+$/.exec(loc)?.[1]);
    assert.ok(line > 1, `a line number in ${loc}`);
    assert.equal(await page.locator('.code-gutter .ln-error').first().innerText(), String(line));
    await page.locator(`.band-error[data-line="${line}"]`).waitFor();
    await shot(page, 'instructor-problem', [[1280, 800]]);

    await editor.fill(good);
    await page.getByRole('button', { name: 'Validate and save' }).click();
    await page.waitForURL(/#\/instructor\/scenarios\/e2e-upload$/);
    await page.getByRole('button', { name: 'Run self-test' }).click();
    const status = page.locator('.selftest-status');
    await status.waitFor({ timeout: 120_000 });
    assert.equal(await status.getAttribute('data-status'), 'passed', await page.locator('.selftest-result').innerText());
    // publish it: candidates see it then
    await page.getByLabel('Draft').check();
    await page.getByText('Published', { exact: true }).first().waitFor();
    await shot(page, 'instructor-selftest', [[1280, 800]]);
    // assign it to alice's group with a due date
    await page.getByLabel('Group').fill('cohort-a');
    await page.getByLabel('Due').fill('2030-01-31T17:00');
    await page.getByRole('button', { name: 'Assign' }).click();
    await page.getByText('Assigned to cohort-a').waitFor();
    const alice = await ApiClient.login(platform.url, 'alice', PW);
    const asg = await alice.req('GET', '/api/assignments');
    assert.ok(asg.body.some((a: any) => a.scenarioId === 'e2e-upload' && a.group === 'cohort-a'), asg.text);
  });

  test('SIGKILL of the platform mid-attempt loses nothing; the candidate resumes', async () => {
    const page = await pageAs('bob');
    await page.locator('[data-scenario="e2e-web"]').getByRole('button', { name: /^Practice/ }).click();
    await page.waitForURL(/#\/attempts\/[^/]+$/);
    const id = /#\/attempts\/([^/?]+)/.exec(page.url())![1]!;
    await page.locator('.link-live').waitFor({ timeout: 30_000 });
    await waitForTerm(page, /[#$]\s*$/m, 30_000);
    // practice mode: hints are visible; Reset cluster puts the start state back
    await page.locator('.hint summary').first().waitFor();
    await typeCommand(page, 'kubectl create namespace scratch && echo made-scratch');
    await waitForTerm(page, /^made-scratch\s*$/m);
    await page.getByRole('button', { name: 'Reset cluster' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reset the cluster' }).click();
    await waitForTerm(page, /the cluster was reset to the start state/, 30_000);
    await waitForTerm(page, /[#$]\s*$/m);
    await typeCommand(page, 'kubectl get namespace scratch; echo after-reset');
    await waitForTerm(page, /^after-reset\s*$/m);
    assert.match(await termText(page), /namespaces "scratch" not found/);
    await typeCommand(page, 'kubectl create deployment web --image=nginx:1.27 && echo kill-marker-1');
    await waitForTerm(page, /^kill-marker-1\s*$/m);
    await typeCommand(page, 'kubectl rollout status deployment/web --timeout=60s');
    await waitForTerm(page, /successfully rolled out/, 60_000);
    await page.getByRole('button', { name: 'Mark done & check' }).click();
    await page.locator('.practice-result').waitFor({ timeout: 30_000 });
    assert.match(await page.locator('.practice-result').innerText(), /Pass/);
    await shot(page, 'practice', [[1280, 800]]);
    await sleep(1500); // the recording is flushed every 200 ms, its index every second

    await platform.kill9();
    await page.locator('.link-reconnecting').waitFor({ timeout: 10_000 });
    await platform.restart();
    // the socket comes back by itself; the shell is new but the attempt and the cluster are the same
    await page.locator('.link-live').waitFor({ timeout: 30_000 });
    await typeCommand(page, 'kubectl get deploy web -o name; echo after-kill');
    await waitForTerm(page, /^after-kill\s*$/m, 20_000);
    assert.match(await termText(page), /deployment\.apps\/web/);
    await page.reload();
    await page.locator('.link-live').waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('.rail-item.done[data-task="web"]').count(), 1);

    const api = await ApiClient.login(platform.url, 'bob', PW);
    const a = await api.req('GET', `/api/attempts/${id}`);
    assert.equal(a.body.status, 'running');
    const rec = await api.req('GET', `/api/attempts/${id}/recordings/main`);
    assert.equal(rec.status, 200);
    assert.match(rec.text, /kill-marker-1/);
    // submit through the UI: the task graded at "done" counts
    await page.getByRole('button', { name: 'Finish' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Finish and grade' }).click();
    await page.waitForURL(/\/results$/, { timeout: 60_000 });
    const pass = page.locator('[data-task="web"] tr[data-check="rolled-out"]');
    assert.match((await pass.textContent()) ?? '', /Pass/);
  });

  test('a timed exam submits itself when the countdown reaches zero', async () => {
    await admin.createUser('carol', PW, 'candidate');
    const page = await pageAs('carol');
    await page.locator('[data-scenario="e2e-short"]').getByRole('button', { name: /^Start exam/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Start exam' }).click();
    await page.waitForURL(/#\/attempts\/[^/]+$/);
    await page.locator('.timer').waitFor();
    // the last seconds are shown in the critical style; then the results replace the exam by themselves
    await page.locator('.timer-critical').waitFor();
    await page.waitForURL(/\/results$/, { timeout: 40_000 });
    await page.locator('.score-value').waitFor();
    assert.match(await page.locator('.score-verdict').innerText(), /Not passed/);
  });

  test('no request left the machine', () => {
    assert.deepEqual(external, []);
  });
});
