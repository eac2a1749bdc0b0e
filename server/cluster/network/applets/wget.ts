// busybox wget: -q, -O FILE|-, -T SEC/--timeout, --spider, -S, -U, --header, --post-data, -P DIR,
// --no-check-certificate; its messages and exit codes.
import { closeSync, openSync, writeSync, constants } from 'node:fs';
import { die, parseUrl, resolveHost, splitShort, tcp, warn } from './lib.ts';
import { HttpClosed, HttpTimeout, header, maybeTls, readResponse } from './http.ts';

const A = 'wget';

export async function wget(argv: string[]): Promise<number> {
  const args = splitShort(argv, 'OoPTUYtY');
  let quiet = false;
  let out: string | undefined;
  let spider = false;
  let timeout = 900;
  let showHeaders = false;
  let agent = 'Wget';
  let prefix: string | undefined;
  let post: string | undefined;
  let verify = true;
  const extra: string[] = [];
  const urls: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const val = () => {
      const eq = a.indexOf('=');
      return a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : args[++i];
    };
    if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '-O' || a.startsWith('--output-document')) out = val();
    else if (a === '--spider') spider = true;
    else if (a === '-T' || a.startsWith('--timeout')) timeout = Number(val());
    else if (a === '-S' || a === '--server-response') showHeaders = true;
    else if (a === '-U' || a.startsWith('--user-agent')) agent = val();
    else if (a === '-P' || a.startsWith('--directory-prefix')) prefix = val();
    else if (a.startsWith('--header')) extra.push(val());
    else if (a.startsWith('--post-data')) post = val();
    else if (a === '--no-check-certificate') verify = false;
    else if (a === '-o' || a.startsWith('--output-file') || a === '-Y' || a === '-t' || a.startsWith('--tries')) val();
    else if (a === '-c' || a === '--continue' || a === '-nv' || a === '-n') continue;
    else if (a.startsWith('-') && a !== '-') {
      process.stderr.write(`wget: unrecognized option '${a}'\nBusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n`);
      return 1;
    } else urls.push(a);
  }
  if (!urls.length) {
    process.stderr.write('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n');
    return 1;
  }
  for (const url of urls) {
    const code = await one(url);
    if (code) return code;
  }
  return 0;

  async function one(url: string): Promise<number> {
    let u = parseUrl(url);
    if (!u || !['http', 'https'].includes(u.scheme)) die(A, `not an http or ftp url: ${url}`);
    for (let redirects = 0; ; redirects++) {
      if (redirects > 16) die(A, 'too many redirections');
      const r = await resolveHost(u!.host);
      if ('error' in r) die(A, `bad address '${u!.host}'`);
      if (!quiet) process.stderr.write(`Connecting to ${u!.host} (${r.ip}:${u!.port})\n`);
      const c = await tcp(r.ip, u!.port, Math.min(timeout, 127) * 1000);
      if (!c.ok) {
        if (c.why === 'refused') die(A, `can't connect to remote host (${r.ip}): Connection refused`);
        if (timeout <= 127) die(A, 'download timed out');
        die(A, `can't connect to remote host (${r.ip}): Connection timed out`);
      }
      let sock = c.sock;
      try {
        sock = await maybeTls(c.sock, u!.scheme, u!.host, verify);
      } catch (e) {
        die(A, `TLS error from peer (alert code 40): ${(e as Error).message}`);
      }
      const hdrs = [`${post !== undefined ? 'POST' : 'GET'} ${u!.path} HTTP/1.1`, `Host: ${u!.hostHeader}`, `User-Agent: ${agent}`, 'Connection: close', ...extra];
      if (post !== undefined) hdrs.push('Content-Type: application/x-www-form-urlencoded', `Content-Length: ${Buffer.byteLength(post)}`);
      sock.write(hdrs.join('\r\n') + '\r\n\r\n' + (post ?? ''));
      let res;
      try {
        res = await readResponse(sock, { idleMs: timeout * 1000, head: false });
      } catch (e) {
        if (e instanceof HttpTimeout) die(A, 'download timed out');
        if (e instanceof HttpClosed) die(A, 'error getting response: Connection reset by peer');
        throw e;
      } finally {
        sock.destroy();
      }
      if (showHeaders) {
        process.stderr.write(`  ${res.statusLine}\n`);
        for (const [k, v] of res.headers) process.stderr.write(`  ${k}: ${v}\n`);
      }
      const loc = header(res, 'location');
      if ([301, 302, 303, 307, 308].includes(res.status) && loc) {
        u = loc.startsWith('/') ? { ...u!, path: loc } : parseUrl(loc);
        if (!u) die(A, `not an http or ftp url: ${loc}`);
        continue;
      }
      if (![200, 201, 202, 203, 204].includes(res.status) && !(res.status >= 300 && res.status < 400)) die(A, `server returned error: ${res.statusLine}`);
      if (spider) {
        if (!quiet) process.stderr.write('remote file exists\n');
        return 0;
      }
      let name = out;
      if (name === undefined) {
        const last = u!.path.split('?')[0].split('/').pop() || 'index.html';
        name = prefix ? `${prefix.replace(/\/$/, '')}/${last}` : last;
      }
      const toStdout = name === '-';
      if (!quiet) process.stderr.write(toStdout ? 'writing to stdout\n' : `saving to '${name}'\n`);
      if (toStdout) process.stdout.write(res.body);
      else {
        let fd: number;
        try {
          fd = openSync(name, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (out === undefined ? constants.O_EXCL : 0), 0o666);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          die(A, `can't open '${name}': ${code === 'EEXIST' ? 'File exists' : code === 'ENOENT' ? 'No such file or directory' : code === 'EACCES' ? 'Permission denied' : String(code)}`);
        }
        writeSync(fd, res.body);
        closeSync(fd);
      }
      if (!quiet) {
        const label = (toStdout ? '-' : name.split('/').pop()!).slice(0, 20).padEnd(20);
        process.stderr.write(`${label}100% |********************************| ${String(res.body.length).padStart(5)}  0:00:00 ETA\n`);
        process.stderr.write(toStdout ? 'written to stdout\n' : `'${name}' saved\n`);
      }
      return 0;
    }
  }
}

export { warn };
