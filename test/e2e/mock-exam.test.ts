// End-to-end on the real content: a candidate takes the CKA mock exam (scenarios/exams/cka-mock-1)
// in the browser, repairs its first task (node02's kubelet) by typing in the terminal, marks it
// done, submits, and the results page shows every check's evidence: the repaired task's checks
// pass, the untouched tasks' checks fail with what they saw.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN_PASSWORD, ApiClient, ROOT, launch, pageAs as openPage, shot, startPlatform, typeCommand, waitForTerm, type Platform } from './helpers.ts';

const PW = 'e2e-password-2';

describe('the mock exam in the browser', { timeout: 300_000 }, () => {
  let platform: Platform;
  let browser: Browser;
  const external: string[] = [];
  const contexts: BrowserContext[] = [];

  const pageAs = (username: string): Promise<Page> => openPage(browser, platform.url, { external, contexts }, username, PW);

  before(async () => {
    [platform, browser] = await Promise.all([startPlatform({ scenarios: join(ROOT, 'scenarios') }), launch()]);
    const admin = await ApiClient.login(platform.url, 'admin', ADMIN_PASSWORD);
    await admin.createUser('carla', PW, 'candidate');
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await platform?.stop();
  });

  test('a candidate solves the first task, submits, and reads per-check evidence', async () => {
    const page = await pageAs('carla');
    const card = page.locator('[data-scenario="cka-mock-1"]');
    await card.waitFor();
    await card.getByRole('button', { name: /^Start exam/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Start exam' }).click();
    await page.waitForURL(/#\/attempts\/[^/]+$/);
    await page.locator('.rail-item').first().waitFor({ timeout: 60_000 });
    assert.equal(await page.locator('.rail-item').count(), 17, 'the exam lists its 17 tasks');

    // the first task: node02's kubelet is stopped and disabled; repair it over ssh
    await page.locator('.link-live').waitFor({ timeout: 120_000 });
    await waitForTerm(page, /[#$]\s*$/m, 120_000);
    await page.locator('.rail-item[data-task="m1-node02-notready"]').click();
    await typeCommand(page, 'ssh node02 "systemctl enable --now kubelet" && echo repaired-$?');
    await waitForTerm(page, /repaired-0/, 30_000);
    await typeCommand(page, 'for i in $(seq 1 60); do kubectl get node node02 | grep -q " Ready" && break; sleep 1; done; kubectl get node node02');
    await waitForTerm(page, /node02\s+Ready/, 90_000);
    await page.getByRole('button', { name: 'Mark done' }).click();
    await page.locator('.rail-item.done[data-task="m1-node02-notready"]').waitFor();

    await page.getByRole('button', { name: 'Submit exam' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Submit exam' }).click();
    await page.waitForURL(/\/results$/, { timeout: 120_000 });
    await page.locator('.score-value').waitFor();
    const score = Number(await page.locator('.score-value').getAttribute('data-score'));
    assert.ok(score >= 8 && score < 66, `one task of weight 8 solved: score ${score}`);
    await page.locator('.score-verdict', { hasText: 'Not passed' }).waitFor();
    for (const check of ['c1', 'c2']) {
      const row = page.locator(`[data-task="m1-node02-notready"] tr[data-check="${check}"]`);
      assert.match((await row.textContent()) ?? '', /Pass/);
    }
    const failed = page.locator('[data-task="m1-crashloop"] tr[data-check]').first();
    assert.match((await failed.textContent()) ?? '', /Fail/);
    assert.ok(((await failed.textContent()) ?? '').length > 30, 'a failed check says what it saw');
    await shot(page, 'mock-exam-results', [[1280, 800]]);
    assert.deepEqual(external, [], 'no request left the machine');
  });
});
