// What every applet shares: the runtime's socket (who we are comes from KUBEDOJO_POD, or
// KUBEDOJO_NODE for a node's shell), name resolution as the C library does it (/etc/hosts, then
// /etc/resolv.conf: nameservers, search list, ndots, timeout, attempts), and exiting like busybox.
import { connect, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';

export const SOCKET = process.env.KUBEDOJO_NET ?? '/.kubedojo/net/net.sock';

export function who(): { pod?: string; node?: string } {
  return process.env.KUBEDOJO_POD ? { pod: process.env.KUBEDOJO_POD } : { node: process.env.KUBEDOJO_NODE };
}

/** Sends one request; resolves with the runtime's reply line and the socket (the stream after it). */
export function request(req: Record<string, unknown>): Promise<{ head: any; sock: Socket }> {
  return new Promise((resolve, reject) => {
    const sock = connect({ path: SOCKET, allowHalfOpen: true });
    let buf = Buffer.alloc(0);
    sock.once('error', reject);
    sock.once('connect', () => sock.write(JSON.stringify({ ...who(), ...req }) + '\n'));
    const onData = (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      const i = buf.indexOf(10);
      if (i < 0) return;
      sock.off('data', onData);
      sock.pause();
      const rest = buf.subarray(i + 1);
      if (rest.length) sock.unshift(rest);
      try {
        resolve({ head: JSON.parse(buf.subarray(0, i).toString('utf8')), sock });
      } catch (e) {
        reject(e);
      }
    };
    sock.on('data', onData);
    sock.once('end', () => {
      if (!buf.includes(10)) reject(new Error('network unavailable'));
    });
  });
}

export async function ask(req: Record<string, unknown>): Promise<any> {
  const { head, sock } = await request(req);
  sock.destroy();
  return head;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Writes to stderr as busybox's bb_error_msg does (`applet: message`). */
export function warn(applet: string, msg: string): void {
  process.stderr.write(`${applet}: ${msg}\n`);
}

export function die(applet: string, msg: string, code = 1): never {
  warn(applet, msg);
  return exit(code);
}

export function exit(code: number): never {
  // let pending output drain before leaving
  process.exitCode = code;
  const done = () => process.exit(code);
  if (process.stdout.writableLength || process.stderr.writableLength) {
    process.stdout.write('', () => process.stderr.write('', done));
  } else done();
  throw new ExitSignal(code);
}

export class ExitSignal extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export function isIPv4(s: string): boolean {
  const p = s.split('.');
  return p.length === 4 && p.every((x) => /^\d{1,3}$/.test(x) && Number(x) <= 255);
}

export interface ResolvConf {
  nameservers: string[];
  search: string[];
  ndots: number;
  timeout: number;
  attempts: number;
}

export function readResolvConf(): ResolvConf {
  const rc: ResolvConf = { nameservers: [], search: [], ndots: 1, timeout: 5, attempts: 2 };
  let text = '';
  try {
    text = readFileSync('/etc/resolv.conf', 'utf8');
  } catch {
    // no resolv.conf: the C library asks the local host
  }
  for (const line of text.split('\n')) {
    const [key, ...args] = line.replace(/[#;].*/, '').trim().split(/\s+/);
    if (key === 'nameserver' && args[0]) rc.nameservers.push(args[0]);
    else if (key === 'search' || key === 'domain') rc.search = args.filter((a) => a && a !== '.');
    else if (key === 'options') {
      for (const o of args) {
        const [k, v] = o.split(':');
        if (k === 'ndots') rc.ndots = Math.min(15, Number(v) || 0);
        if (k === 'timeout') rc.timeout = Math.max(1, Number(v) || 5);
        if (k === 'attempts') rc.attempts = Math.max(1, Number(v) || 2);
      }
    }
  }
  if (!rc.nameservers.length) rc.nameservers.push('127.0.0.1');
  return rc;
}

function fromHosts(name: string): string | undefined {
  try {
    for (const line of readFileSync('/etc/hosts', 'utf8').split('\n')) {
      const [ip, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
      if (ip && isIPv4(ip) && names.some((n) => n.toLowerCase() === name.toLowerCase())) return ip;
    }
  } catch {
    // no /etc/hosts
  }
  return name === 'localhost' ? '127.0.0.1' : undefined;
}

export type Resolved = { ip: string } | { error: 'notfound' | 'again' };

/** getaddrinfo() for IPv4: hosts file, then DNS through the search list. */
export async function resolveHost(name: string): Promise<Resolved> {
  if (isIPv4(name)) return { ip: name };
  const h = fromHosts(name.replace(/\.$/, ''));
  if (h) return { ip: h };
  const rc = readResolvConf();
  const dots = name.replace(/\.$/, '').split('.').length - 1;
  const candidates = name.endsWith('.') ? [name] : dots >= rc.ndots ? [name, ...rc.search.map((s) => `${name}.${s}`)] : [...rc.search.map((s) => `${name}.${s}`), name];
  for (const cand of candidates) {
    let refused = 0;
    for (const server of rc.nameservers) {
      const r = await ask({ op: 'dns', server, port: 53, name: cand, type: 'A' });
      if (r.refused) {
        refused++;
        continue;
      }
      if (r.drop) {
        // no reply: every attempt waits its timeout, then the lookup gives up (EAI_AGAIN)
        await sleep(rc.timeout * rc.attempts * 1000);
        return { error: 'again' };
      }
      const a = (r.answers ?? []).find((x: any) => x.type === 'A');
      if (r.rcode === 'NOERROR' && a) return { ip: a.data };
      if (r.rcode === 'SERVFAIL' || r.rcode === 'REFUSED') continue;
      break;
    }
    if (refused === rc.nameservers.length) return { error: 'again' };
  }
  return { error: 'notfound' };
}

export type Connected = { ok: true; sock: Socket } | { ok: false; why: 'refused' | 'timeout' };

/** Opens a TCP connection through the cluster network; a dropped SYN waits `timeoutMs` (kernel: ~127 s). */
export async function tcp(ip: string, port: number, timeoutMs = 127_000): Promise<Connected> {
  const { head, sock } = await request({ op: 'connect', host: ip, port, proto: 'TCP' });
  if (head.result === 'ok') return { ok: true, sock };
  sock.destroy();
  if (head.result === 'refused') return { ok: false, why: 'refused' };
  await sleep(timeoutMs);
  return { ok: false, why: 'timeout' };
}

/** Splits `-abc` style short-option clusters, keeping values: `-qO-` → `-q -O -`. */
export function splitShort(args: string[], withValue: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      out.push(...args.slice(i));
      break;
    }
    if (!a.startsWith('-') || a.startsWith('--') || a.length <= 2) {
      out.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      out.push('-' + c);
      if (withValue.includes(c)) {
        if (j + 1 < a.length) out.push(a.slice(j + 1));
        break;
      }
    }
  }
  return out;
}

export function parseUrl(url: string): { scheme: string; host: string; port: number; path: string; hostHeader: string } | undefined {
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(?:[^@/]*@)?(\[[^\]]+\]|[^/:?#]*)(?::(\d*))?([/?#].*)?$/i.exec(url);
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const def = scheme === 'https' ? 443 : scheme === 'ftp' ? 21 : 80;
  const port = m[3] ? Number(m[3]) : def;
  let path = m[4] ?? '/';
  if (path.startsWith('?')) path = '/' + path;
  path = path.replace(/#.*$/, '') || '/';
  return { scheme, host: m[2], port, path, hostHeader: port === def ? m[2] : `${m[2]}:${port}` };
}
