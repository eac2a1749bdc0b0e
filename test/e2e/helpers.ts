// E2E helpers: start the platform server on a free loopback port with a fresh data dir, talk to
// its API as a given user (cookie + CSRF), and drive Debian's Chromium with playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const SHOTS = join(ROOT, '.artifacts', 'screenshots');
export const ADMIN_PASSWORD = 'e2e-admin-pass-1';

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

export interface Platform {
  url: string;
  proc: ChildProcess;
  dataDir: string;
  log: () => string;
  /** SIGKILL: no shutdown code runs. */
  kill9: () => Promise<void>;
  /** Starts the platform again on the same port and data dir. */
  restart: () => Promise<void>;
  stop: () => Promise<void>;
}

/** Builds the client if needed and starts `server/platform/main.ts` in accounts mode. */
export async function startPlatform(o: { scenarios: string; extra?: string[] }): Promise<Platform> {
  await run(process.execPath, [join(ROOT, 'scripts', 'build.mjs')]);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'kd-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  let out = '';
  const spawnIt = async (): Promise<ChildProcess> => {
    const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/platform/main.ts'), '--port', String(port), '--host', '127.0.0.1', '--data', join(dataDir, 'data'), '--auth', 'accounts', '--admin-password', ADMIN_PASSWORD, '--scenarios', o.scenarios, ...(o.extra ?? [])], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, KUBEDOJO_DATA: join(dataDir, 'data') },
    });
    const mark = out.length;
    proc.stdout!.on('data', (d) => (out += d));
    proc.stderr!.on('data', (d) => (out += d));
    const t0 = Date.now();
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`the platform exited (${proc.exitCode}):\n${out}`);
      if (/kubedojo is running/.test(out.slice(mark))) return proc;
      if (Date.now() - t0 > 60_000) throw new Error(`the platform did not start in 60 s:\n${out}`);
      await sleep(100);
    }
  };
  const waitExit = async (proc: ChildProcess, ms: number) => {
    const t = Date.now();
    while (proc.exitCode === null && proc.signalCode === null && Date.now() - t < ms) await sleep(50);
  };
  const p: Platform = {
    url,
    proc: await spawnIt(),
    dataDir,
    log: () => out,
    kill9: async () => {
      p.proc.kill('SIGKILL');
      await waitExit(p.proc, 5000);
    },
    restart: async () => {
      p.proc = await spawnIt();
    },
    stop: async () => {
      if (p.proc.exitCode === null && p.proc.signalCode === null) {
        p.proc.kill('SIGTERM');
        await waitExit(p.proc, 8000);
        if (p.proc.exitCode === null && p.proc.signalCode === null) p.proc.kill('SIGKILL');
      }
      reap(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return p;
}

/**
 * Kills (by pid) what is still running from this run's data dir: a platform killed with SIGKILL
 * leaves its warm cluster behind, and the restarted one adopts only clusters of live attempts.
 */
function reap(dataDir: string): void {
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmd = '';
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!cmd.includes(dataDir)) continue;
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((res, rej) => {
    const p = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    p.on('exit', (code) => (code === 0 ? res() : rej(new Error(`${cmd} ${args.join(' ')} exited ${code}`))));
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A logged-in API client (cookie jar of one, CSRF header on writes). */
export class ApiClient {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly base: string) {}

  static async login(base: string, username: string, password: string): Promise<ApiClient> {
    const c = new ApiClient(base);
    await c.req('GET', '/api/me');
    const r = await c.req('POST', '/api/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    await c.req('GET', '/api/me');
    return c;
  }

  async req(method: string, path: string, body?: unknown, type = 'application/json'): Promise<{ status: number; body: any; text: string }> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = type;
    const res = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const set = res.headers.getSetCookie?.() ?? [];
    for (const s of set) {
      const m = /^([^=]+)=([^;]*)/.exec(s);
      if (!m) continue;
      if (m[2] && !/expires=Thu, 01 Jan 1970/i.test(s)) this.cookies.set(m[1]!, m[2]);
      else this.cookies.delete(m[1]!);
    }
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    if (path === '/api/me' && parsed?.csrf) this.csrf = parsed.csrf;
    if (path === '/api/login' && parsed?.csrf) this.csrf = parsed.csrf;
    return { status: res.status, body: parsed, text };
  }

  async createUser(username: string, password: string, role: string, group?: string): Promise<void> {
    const r = await this.req('POST', '/api/users', { username, password, role, group });
    if (r.status !== 201) throw new Error(`create user ${username}: ${r.status} ${r.text}`);
  }
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A browser context that records every request leaving 127.0.0.1 (there must be none). */
export async function newContext(browser: Browser, base: string, external: string[]): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: base });
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  ctx.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(base) && !u.startsWith('data:') && !u.startsWith('blob:')) external.push(u);
  });
  return ctx;
}

/** A logged-in page in a fresh context (recorded in `contexts` for closing; requests leaving the machine go to `external`). */
export async function pageAs(browser: Browser, base: string, o: { external: string[]; contexts: BrowserContext[] }, username: string, password: string): Promise<Page> {
  const ctx = await newContext(browser, base, o.external);
  o.contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`[${username}] page error: ${e.message}`));
  await uiLogin(page, username, password);
  return page;
}

export async function uiLogin(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/#/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('header.topbar').waitFor();
}

export async function shot(page: Page, name: string, sizes: [number, number][] = [[1280, 800], [1920, 1080]]): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const orig = page.viewportSize();
  await page.evaluate(() => document.getElementById('toasts')?.replaceChildren());
  for (const [w, hgt] of sizes) {
    await page.setViewportSize({ width: w, height: hgt });
    await sleep(350); // the terminal refits on resize
    await page.screenshot({ path: join(SHOTS, `${name}-${w}x${hgt}.png`) });
  }
  if (orig) await page.setViewportSize(orig);
}

/** Text of the visible terminal (xterm's DOM renderer rows). */
export async function termText(page: Page): Promise<string> {
  return page.locator('.term-pane:not([hidden]) .xterm-rows').innerText();
}

export async function waitForTerm(page: Page, re: RegExp, timeout = 20_000): Promise<string> {
  const t0 = Date.now();
  let last = '';
  while (Date.now() - t0 < timeout) {
    last = await termText(page).catch(() => '');
    if (re.test(last)) return last;
    await sleep(150);
  }
  throw new Error(`terminal did not show ${re} in ${timeout} ms; it shows:\n${last}`);
}

/** Types a command line into the visible terminal. */
export async function typeCommand(page: Page, cmd: string): Promise<void> {
  await page.locator('.term-pane:not([hidden]) .xterm-helper-textarea').focus();
  await page.keyboard.type(cmd, { delay: 5 });
  await page.keyboard.press('Enter');
}
