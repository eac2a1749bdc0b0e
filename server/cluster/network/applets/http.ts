// A small HTTP/1.1 client over a connection the runtime opened: one request, the response's
// status line, headers and body (Content-Length, chunked, or until the server closes).
import type { Socket } from 'node:net';

export interface HttpResponse {
  statusLine: string;
  status: number;
  headers: [string, string][];
  body: Buffer;
}

export class HttpTimeout extends Error {}
export class HttpClosed extends Error {}

/** Reads one response; `idleMs` bounds each wait for data (0: none). */
export function readResponse(sock: Socket, o: { head?: boolean; idleMs?: number; onHeaders?: (r: HttpResponse) => void }): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    let res: HttpResponse | undefined;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      if (timer) clearTimeout(timer);
      if (o.idleMs) timer = setTimeout(() => finish(new HttpTimeout()), o.idleMs);
    };
    const finish = (err?: Error) => {
      if (timer) clearTimeout(timer);
      sock.off('data', onData);
      sock.off('end', onEnd);
      if (err) reject(err);
      else resolve(res!);
    };
    const tryBody = (): boolean => {
      if (!res) return false;
      const len = header(res, 'content-length');
      const chunked = /chunked/i.test(header(res, 'transfer-encoding') ?? '');
      if (o.head || res.status === 204 || res.status === 304 || (res.status >= 100 && res.status < 200)) {
        res.body = Buffer.alloc(0);
        return true;
      }
      if (len !== undefined) {
        if (buf.length >= Number(len)) {
          res.body = buf.subarray(0, Number(len));
          return true;
        }
        return false;
      }
      if (chunked) {
        const parts: Buffer[] = [];
        let i = 0;
        for (;;) {
          const nl = buf.indexOf('\r\n', i);
          if (nl < 0) return false;
          const size = parseInt(buf.subarray(i, nl).toString('latin1'), 16);
          if (size === 0) {
            res.body = Buffer.concat(parts);
            return true;
          }
          if (buf.length < nl + 2 + size + 2) return false;
          parts.push(buf.subarray(nl + 2, nl + 2 + size));
          i = nl + 2 + size + 2;
        }
      }
      return false;
    };
    const onData = (d: Buffer) => {
      arm();
      buf = Buffer.concat([buf, d]);
      if (!res) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
        const statusLine = lines[0];
        const status = Number(statusLine.split(' ')[1]) || 0;
        const headers = lines.slice(1).map((l): [string, string] => {
          const i = l.indexOf(':');
          return [l.slice(0, i).trim(), l.slice(i + 1).trim()];
        });
        res = { statusLine, status, headers, body: Buffer.alloc(0) };
        buf = buf.subarray(end + 4);
        o.onHeaders?.(res);
      }
      if (tryBody()) finish();
    };
    const onEnd = () => {
      if (!res) return finish(new HttpClosed());
      if (!tryBody()) res.body = buf;
      finish();
    };
    sock.on('data', onData);
    sock.on('end', onEnd);
    sock.resume();
    arm();
  });
}

export function header(r: HttpResponse, name: string): string | undefined {
  return r.headers.find(([k]) => k.toLowerCase() === name)?.[1];
}

/** Wraps the connection in TLS when the URL is https (the server's certificate is not checked by -k/--no-check-certificate). */
export async function maybeTls(sock: Socket, scheme: string, host: string, verify: boolean): Promise<Socket> {
  if (scheme !== 'https') return sock;
  const tls = await import('node:tls');
  return new Promise((resolve, reject) => {
    const t = tls.connect({ socket: sock, servername: /^[\d.]+$/.test(host) ? undefined : host, rejectUnauthorized: verify });
    t.once('secureConnect', () => resolve(t as unknown as Socket));
    t.once('error', reject);
  });
}
