// curl (7.88, as in Debian bookworm based images): -s -S -f -i -I -L -k -v -o FILE -O -m SEC
// --connect-timeout SEC -X METHOD -H HEADER -d DATA -w FORMAT -A AGENT; its error texts and
// exit codes (6 resolve, 7 connect, 22 -f HTTP error, 28 timeout).
import { writeFileSync } from 'node:fs';
import { parseUrl, resolveHost, splitShort, tcp } from './lib.ts';
import { HttpClosed, HttpTimeout, header, maybeTls, readResponse, type HttpResponse } from './http.ts';

export async function curl(argv: string[]): Promise<number> {
  const args = splitShort(argv, 'omXHdwAeurTEbcCDFKQtxyYzZ');
  let silent = false;
  let showErr = false;
  let fail = false;
  let include = false;
  let head = false;
  let follow = false;
  let verify = true;
  let verbose = false;
  let outFile: string | undefined;
  let remoteName = false;
  let maxTime = 0;
  let connTimeout = 0;
  let method: string | undefined;
  let data: string | undefined;
  let writeOut: string | undefined;
  let agent = 'curl/7.88.1';
  const extra: string[] = [];
  const urls: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const val = () => args[++i] ?? '';
    switch (a) {
      case '-s': case '--silent': silent = true; break;
      case '-S': case '--show-error': showErr = true; break;
      case '-f': case '--fail': fail = true; break;
      case '-i': case '--include': include = true; break;
      case '-I': case '--head': head = true; break;
      case '-L': case '--location': follow = true; break;
      case '-k': case '--insecure': verify = false; break;
      case '-v': case '--verbose': verbose = true; break;
      case '-o': case '--output': outFile = val(); break;
      case '-O': case '--remote-name': remoteName = true; break;
      case '-m': case '--max-time': maxTime = Number(val()); break;
      case '--connect-timeout': connTimeout = Number(val()); break;
      case '-X': case '--request': method = val(); break;
      case '-H': case '--header': extra.push(val()); break;
      case '-d': case '--data': case '--data-raw': case '--data-binary': data = val(); break;
      case '-w': case '--write-out': writeOut = val(); break;
      case '-A': case '--user-agent': agent = val(); break;
      default:
        if (a.startsWith('-') && a.length > 1) {
          process.stderr.write(`curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
          return 2;
        }
        urls.push(a);
    }
  }
  const err = (code: number, msg: string): number => {
    if (!silent || showErr) process.stderr.write(`curl: (${code}) ${msg}\n`);
    return code;
  };
  if (!urls.length) {
    process.stderr.write("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const started = Date.now();
  const vlog = (s: string) => verbose && process.stderr.write(s + '\n');
  let url = urls[0];
  for (let hops = 0; ; hops++) {
    const u = parseUrl(url);
    if (!u || !['http', 'https'].includes(u.scheme)) return err(1, `Protocol "${u?.scheme ?? url}" not supported or disabled in libcurl`);
    const r = await resolveHost(u.host);
    if ('error' in r) return err(6, `Could not resolve host: ${u.host}`);
    vlog(`*   Trying ${r.ip}:${u.port}...`);
    const limit = [connTimeout, maxTime].filter((x) => x > 0);
    const connectMs = limit.length ? Math.min(...limit) * 1000 : 127_000;
    const c = await tcp(r.ip, u.port, connectMs);
    const elapsed = () => Date.now() - started;
    if (!c.ok) {
      if (c.why === 'refused') {
        vlog(`* connect to ${r.ip} port ${u.port} failed: Connection refused`);
        return err(7, `Failed to connect to ${u.host} port ${u.port} after ${elapsed()} ms: Couldn't connect to server`);
      }
      if (limit.length) return err(28, `Connection timed out after ${elapsed()} milliseconds`);
      return err(28, `Failed to connect to ${u.host} port ${u.port} after ${elapsed()} ms: Couldn't connect to server`);
    }
    vlog(`* Connected to ${u.host} (${r.ip}) port ${u.port} (#0)`);
    let sock = c.sock;
    try {
      sock = await maybeTls(c.sock, u.scheme, u.host, verify);
    } catch (e) {
      return err(60, `SSL certificate problem: ${(e as Error).message}`);
    }
    const m = method ?? (head ? 'HEAD' : data !== undefined ? 'POST' : 'GET');
    const lines = [`${m} ${u.path} HTTP/1.1`, `Host: ${u.hostHeader}`, `User-Agent: ${agent}`, 'Accept: */*', ...extra];
    if (data !== undefined) lines.push(`Content-Length: ${Buffer.byteLength(data)}`, 'Content-Type: application/x-www-form-urlencoded');
    for (const l of lines) vlog(`> ${l}`);
    vlog('> ');
    sock.write(lines.join('\r\n') + '\r\n\r\n' + (data ?? ''));
    let res: HttpResponse;
    try {
      res = await readResponse(sock, { head: m === 'HEAD', idleMs: maxTime ? Math.max(1, maxTime * 1000 - elapsed()) : 0 });
    } catch (e) {
      sock.destroy();
      if (e instanceof HttpTimeout) return err(28, `Operation timed out after ${elapsed()} milliseconds with 0 bytes received`);
      if (e instanceof HttpClosed) return err(52, 'Empty reply from server');
      throw e;
    }
    sock.destroy();
    if (verbose) {
      process.stderr.write(`< ${res.statusLine}\n`);
      for (const [k, v] of res.headers) process.stderr.write(`< ${k}: ${v}\n`);
      process.stderr.write('< \n');
    }
    const loc = header(res, 'location');
    if (follow && loc && res.status >= 300 && res.status < 400 && hops < 50) {
      url = loc.startsWith('/') ? `${u.scheme}://${u.hostHeader}${loc}` : loc;
      continue;
    }
    if (fail && res.status >= 400) return err(22, `The requested URL returned error: ${res.status}`);
    const headText = Buffer.from(`${res.statusLine}\r\n${res.headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`);
    const out = Buffer.concat([include || head ? headText : Buffer.alloc(0), res.body]);
    const file = outFile ?? (remoteName ? u.path.split('?')[0].split('/').pop() || 'curl_response' : undefined);
    if (!silent && (file || !process.stdout.isTTY)) {
      const n = out.length;
      process.stderr.write('  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n');
      process.stderr.write(`100 ${String(n).padStart(5)}  100 ${String(n).padStart(5)}    0     0   ${String(n).padStart(4)}      0 --:--:-- --:--:-- --:--:-- ${String(n).padStart(5)}\n`);
    }
    if (file && file !== '-') writeFileSync(file, out);
    else process.stdout.write(out);
    vlog(`* Connection #0 to host ${u.host} left intact`);
    if (writeOut) {
      process.stdout.write(writeOut.replace(/%\{http_code\}|%\{response_code\}/g, String(res.status)).replace(/%\{size_download\}/g, String(res.body.length))
        .replace(/%\{remote_ip\}/g, r.ip).replace(/%\{time_total\}/g, ((Date.now() - started) / 1000).toFixed(6)).replace(/\\n/g, '\n'));
    }
    return 0;
  }
}
