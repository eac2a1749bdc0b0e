// What a server container answers on a port it serves (the image catalogue's `serves`): 'http' is
// a static file server over the container's root filesystem that looks like nginx (or Apache
// httpd for httpd images): status line, headers, index.html, 404/405 pages; 'redis' speaks enough
// RESP for PING/ECHO; 'mysql' and 'postgres' greet or wait as those servers do; anything else
// accepts the connection and stays silent.
import type { Duplex } from 'node:stream';

export interface AppFiles {
  /** A file of the container (path inside it), or undefined; directories give 'dir'. */
  read(path: string): Buffer | 'dir' | undefined;
  /** Modification time of a file, for Last-Modified/ETag. */
  mtime?(path: string): Date | undefined;
}

export interface AppContext {
  app: string;
  image: string;
  docroot?: string;
  files: AppFiles;
  now: () => Date;
}

export function startApp(conn: Duplex, ctx: AppContext): void {
  switch (ctx.app) {
    case 'http':
      return httpApp(conn, ctx);
    case 'redis':
      return redisApp(conn);
    case 'mysql':
      conn.write(mysqlGreeting(imageVersion(ctx.image, '8.4.3')));
      conn.on('data', () => undefined);
      return;
    default:
      conn.on('data', () => undefined);
  }
}

/** `nginx:1.27.3` → `1.27.3`; a tag without a full version gives the default. */
export function imageVersion(image: string, def: string): string {
  const tag = /:([^/@]+)$/.exec(image)?.[1] ?? '';
  const m = /^v?(\d+\.\d+\.\d+)/.exec(tag);
  return m ? m[1] : def;
}

const httpDate = (d: Date) => d.toUTCString();

interface Flavour {
  server: string;
  page(code: number, reason: string): string;
  type(path: string): string;
}

const TYPES: Record<string, string> = { html: 'text/html', htm: 'text/html', txt: 'text/plain', css: 'text/css', js: 'application/javascript', json: 'application/json', png: 'image/png', jpg: 'image/jpeg', svg: 'image/svg+xml', xml: 'text/xml', ico: 'image/x-icon' };

function flavour(image: string): Flavour {
  const repo = image.replace(/[:@].*$/, '').split('/').pop() ?? '';
  const type = (p: string) => TYPES[p.split('.').pop()?.toLowerCase() ?? ''] ?? (repo === 'httpd' ? 'text/plain' : 'application/octet-stream');
  if (repo === 'httpd') {
    return {
      server: `Apache/${imageVersion(image, '2.4.62')} (Unix)`,
      type,
      page: (code, reason) => `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${code} ${reason}</title>\n</head><body>\n<h1>${reason}</h1>\n<p>${code === 404 ? 'The requested URL was not found on this server.' : 'The requested method is not allowed for this URL.'}</p>\n</body></html>\n`,
    };
  }
  const server = `nginx/${imageVersion(image, '1.27.3')}`;
  return {
    server,
    type,
    page: (code, reason) => `<html>\r\n<head><title>${code} ${reason}</title></head>\r\n<body>\r\n<center><h1>${code} ${reason}</h1></center>\r\n<hr><center>${server}</center>\r\n</body>\r\n</html>\r\n`,
  };
}

const REASONS: Record<number, string> = { 200: 'OK', 301: 'Moved Permanently', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 405: 'Not Allowed' };

function httpApp(conn: Duplex, ctx: AppContext): void {
  const f = flavour(ctx.image);
  let buf = Buffer.alloc(0);
  let closed = false;
  conn.on('data', (chunk: Buffer) => {
    if (closed) return;
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const end = buf.indexOf('\r\n\r\n');
      const endLf = buf.indexOf('\n\n');
      const cut = end >= 0 ? end + 4 : endLf >= 0 ? endLf + 2 : -1;
      if (cut < 0) {
        if (buf.length > 16384) respond(400, 'GET', '/', false, true);
        return;
      }
      const head = buf.subarray(0, cut).toString('latin1');
      const lines = head.split(/\r?\n/);
      const headers = new Map<string, string>();
      for (const l of lines.slice(1)) {
        const i = l.indexOf(':');
        if (i > 0) headers.set(l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim());
      }
      const len = Number(headers.get('content-length') ?? 0);
      if (buf.length < cut + len) return;
      buf = buf.subarray(cut + len);
      const [method, target = '/', version = 'HTTP/1.0'] = lines[0].split(' ');
      const keep = version === 'HTTP/1.1' ? headers.get('connection')?.toLowerCase() !== 'close' : headers.get('connection')?.toLowerCase() === 'keep-alive';
      if (!method || !target.startsWith('/')) {
        respond(400, method ?? 'GET', '/', false, true);
        return;
      }
      handle(method, target, keep);
      if (closed) return;
    }
  });
  conn.on('end', () => {
    if (!closed) conn.end();
  });
  conn.on('error', () => undefined);

  function respond(code: number, method: string, path: string, keep: boolean, close = false, body?: Buffer, extra: [string, string][] = []): void {
    const reason = REASONS[code] ?? 'OK';
    const data = body ?? Buffer.from(f.page(code, reason));
    const h: [string, string][] = [['Server', f.server], ['Date', httpDate(ctx.now())], ['Content-Type', body ? f.type(path) : 'text/html'], ['Content-Length', String(data.length)], ...extra];
    if (!f.server.startsWith('Apache')) h.splice(4, 0, ['Connection', keep && !close ? 'keep-alive' : 'close']);
    const head = `HTTP/1.1 ${code} ${reason}\r\n${h.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
    conn.write(method === 'HEAD' ? Buffer.from(head) : Buffer.concat([Buffer.from(head), data]));
    if (!keep || close) {
      closed = true;
      conn.end();
    }
  }

  function handle(method: string, target: string, keep: boolean): void {
    let path: string;
    try {
      path = decodeURIComponent(target.split('?')[0]);
    } catch {
      return respond(400, method, '/', keep, true);
    }
    if (path.split('/').includes('..')) return respond(400, method, '/', keep, true);
    if (!['GET', 'HEAD'].includes(method)) return respond(405, method, path, keep);
    const root = (ctx.docroot ?? '/usr/share/nginx/html').replace(/\/$/, '');
    let file = root + path;
    let got = ctx.files.read(file);
    if (got === 'dir') {
      if (!path.endsWith('/')) return respond(301, method, path, keep, false, undefined, [['Location', `${path}/`]]);
      file = file + 'index.html';
      got = ctx.files.read(file);
      if (got === 'dir') got = undefined;
      if (!got) return respond(403, method, path, keep);
    }
    if (!got) return respond(404, method, path, keep);
    const mt = ctx.files.mtime?.(file) ?? new Date(0);
    const etag = `"${Math.floor(mt.getTime() / 1000).toString(16)}-${got.length.toString(16)}"`;
    respond(200, method, file, keep, false, got, [['Last-Modified', httpDate(mt)], ...(f.server.startsWith('Apache') ? [] : []), ['ETag', etag], ['Accept-Ranges', 'bytes']]);
  }
}

function redisApp(conn: Duplex): void {
  let buf = '';
  conn.on('data', (d: Buffer) => {
    buf += d.toString('latin1');
    for (;;) {
      const cmd = takeRedisCommand();
      if (!cmd) return;
      const [name = '', ...args] = cmd;
      switch (name.toUpperCase()) {
        case 'PING':
          conn.write(args.length ? `$${args[0].length}\r\n${args[0]}\r\n` : '+PONG\r\n');
          break;
        case 'ECHO':
          conn.write(`$${(args[0] ?? '').length}\r\n${args[0] ?? ''}\r\n`);
          break;
        case 'QUIT':
          conn.end('+OK\r\n');
          return;
        default:
          conn.write(`-ERR unknown command '${name}', with args beginning with: ${args.map((a) => `'${a}' `).join('')}\r\n`);
      }
    }
  });
  conn.on('end', () => conn.end());
  conn.on('error', () => undefined);

  function takeRedisCommand(): string[] | undefined {
    if (!buf.length) return undefined;
    if (buf[0] === '*') {
      const lines = buf.split('\r\n');
      const n = Number(lines[0].slice(1));
      if (lines.length < 1 + n * 2 + 1) return undefined;
      const out: string[] = [];
      for (let i = 0; i < n; i++) out.push(lines[2 + i * 2]);
      buf = lines.slice(1 + n * 2).join('\r\n');
      return out;
    }
    const i = buf.indexOf('\n');
    if (i < 0) return undefined;
    const line = buf.slice(0, i).replace(/\r$/, '');
    buf = buf.slice(i + 1);
    return line.trim().split(/\s+/);
  }
}

/** A MySQL protocol v10 handshake packet, as a client connecting to mysqld first receives. */
function mysqlGreeting(version: string): Buffer {
  const body = Buffer.concat([
    Buffer.from([10]), Buffer.from(version + '\0'), Buffer.from([8, 0, 0, 0]),
    Buffer.from('kd0jo!ab\0', 'latin1'), Buffer.from([0xff, 0xf7, 0xff, 0x02, 0x00, 0xff, 0xdf, 21]), Buffer.alloc(10),
    Buffer.from('kubedojo1234\0', 'latin1'), Buffer.from('caching_sha2_password\0'),
  ]);
  const hdr = Buffer.from([body.length & 0xff, (body.length >> 8) & 0xff, (body.length >> 16) & 0xff, 0]);
  return Buffer.concat([hdr, body]);
}
