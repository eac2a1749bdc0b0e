// Test and bench helpers for the platform: start the platform process on a data dir, an HTTP
// client with a cookie jar and the CSRF header, and a terminal client over socket.io.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { io, type Socket } from 'socket.io-client';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface PlatformProcess {
  child: ChildProcess;
  url: string;
  log: () => string;
}

/** Starts `server/platform/main.ts` with these flags; resolves once it prints its URL. */
export function startPlatform(args: string[], env: Record<string, string> = {}): Promise<PlatformProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/platform/main.ts', '--host', '127.0.0.1', '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`the platform did not start:\n${out}`)), 30000);
    const check = (): void => {
      const m = /open (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res({ child, url: m[1].replace(/\/$/, ''), log: () => out });
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`the platform exited (${code}):\n${out}`));
    });
  });
}

export async function stopPlatform(p: PlatformProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  await new Promise<void>((res) => {
    p.child.once('exit', () => res());
    p.child.kill(signal);
  });
}

export interface Reply<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** A browser-like API client: keeps cookies, sends the CSRF token on mutating requests. */
export class Client {
  cookies = new Map<string, string>();
  csrf = '';

  constructor(readonly base: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async req<T = any>(method: string, path: string, body?: unknown, o: { csrf?: boolean; type?: string } = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { cookie: this.cookieHeader() };
    if (o.csrf !== false && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    let payload: string | undefined;
    if (body !== undefined) {
      headers['content-type'] = o.type ?? 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const r = await fetch(this.base + path, { method, headers, body: payload });
    for (const c of r.headers.getSetCookie()) {
      const [kv] = c.split(';');
      const i = kv.indexOf('=');
      this.cookies.set(kv.slice(0, i), kv.slice(i + 1));
    }
    const text = await r.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: r.status, body: parsed, text, headers: r.headers };
  }

  get<T = any>(path: string): Promise<Reply<T>> {
    return this.req<T>('GET', path);
  }

  post<T = any>(path: string, body?: unknown, o: { csrf?: boolean; type?: string } = {}): Promise<Reply<T>> {
    return this.req<T>('POST', path, body ?? {}, o);
  }

  async me(): Promise<any> {
    const r = await this.get('/api/me');
    this.csrf = r.body.csrf;
    return r.body;
  }

  async login(username: string, password: string): Promise<Reply> {
    if (!this.csrf) await this.me();
    const r = await this.post('/api/login', { username, password });
    if (r.status === 200) this.csrf = r.body.csrf;
    return r;
  }
}

/** A terminal over socket.io, collecting output and the sequence reached. */
export class Term {
  out = '';
  seq = 0;
  ready: any = null;
  problems: any[] = [];
  ended: any = null;
  readonly socket: Socket;
  private waiters: (() => void)[] = [];

  constructor(base: string, client: Client, auth: { attemptId: string; terminalId?: string; seq?: number; cols?: number; rows?: number }) {
    this.socket = io(`${base}/terminal`, {
      path: '/socket.io',
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: { cookie: client.cookieHeader() },
      auth: { csrf: client.csrf, ...auth },
    });
    this.socket.on('ready', (r) => {
      this.ready = r;
      this.wake();
    });
    this.socket.on('output', (m: { seq: number; data: string }) => {
      const start = m.seq - m.data.length;
      // drop what we already have (a resume may overlap)
      const fresh = start < this.seq ? m.data.slice(Math.min(m.data.length, this.seq - start)) : m.data;
      this.out += fresh;
      this.seq = Math.max(this.seq, m.seq);
      this.wake();
    });
    this.socket.on('problem', (p) => {
      this.problems.push(p);
      this.wake();
    });
    this.socket.on('ended', (e) => {
      this.ended = e;
      this.wake();
    });
    this.socket.on('disconnect', () => this.wake());
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves when `pred` holds, or rejects after `ms`. */
  async until(pred: () => boolean, ms = 15000, what = 'condition'): Promise<void> {
    const until = Date.now() + ms;
    while (!pred()) {
      const left = until - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; output so far:\n${this.out.slice(-2000)}\nproblems: ${JSON.stringify(this.problems)}`);
      await new Promise<void>((res) => {
        const t = setTimeout(res, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(t);
          res();
        });
      });
    }
  }

  /** Waits until the output after `from` matches. */
  async waitFor(re: RegExp, ms = 15000, from = 0): Promise<void> {
    await this.until(() => re.test(this.out.slice(from)), ms, String(re));
  }

  type(data: string): void {
    this.socket.emit('input', { data });
  }

  close(): void {
    this.socket.disconnect();
  }
}

/**
 * Kills processes left running under a scratch data dir (a cluster whose creation was cut short
 * by a SIGKILL of the platform can outlive its directory). Matches the dir in the command line.
 */
export function killStray(dataDir: string): string[] {
  const killed: string[] = [];
  const kids = new Map<number, number[]>();
  const roots: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    try {
      const ppid = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${d}/status`, 'utf8'))?.[1] ?? 0);
      kids.set(ppid, [...(kids.get(ppid) ?? []), Number(d)]);
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      if (cmd.includes(`${dataDir}/clusters/`)) {
        roots.push(Number(d));
        killed.push(`${d} ${cmd.replace(/\0/g, ' ').slice(0, 200)}`);
      }
    } catch {
      // gone
    }
  }
  // the whole tree: the sandbox's processes do not name the host path
  const all = new Set<number>();
  const stack = [...roots];
  while (stack.length) {
    const x = stack.pop()!;
    if (all.has(x)) continue;
    all.add(x);
    stack.push(...(kids.get(x) ?? []));
  }
  for (const x of all) {
    try {
      process.kill(x, 'SIGKILL');
    } catch {
      // gone
    }
  }
  return killed;
}
