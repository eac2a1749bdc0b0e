// The pods' streaming subresources: `log` (the CRI log files the kubelet's runtime writes, with
// follow/previous/tailLines/sinceSeconds/sinceTime/timestamps/limitBytes) and `exec`/`attach`
// over WebSocket with the v5.channel.k8s.io subprotocol (kubectl 1.35's default): binary frames
// whose first byte is the channel (0 stdin, 1 stdout, 2 stderr, 3 status, 4 resize, 255 close).
// Exec enters the running container's namespaces; with a TTY, a pseudo-terminal sits between.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { KObject } from '../kinds/types.ts';
import type { ContainerRef } from '../kubelet/index.ts';
import { execArgv, findCommand } from '../kubelet/containerd.ts';
import { ApiError, badRequest } from './errors.ts';

/** What streaming needs from the kubelets. */
export interface NodeBackend {
  find(pod: KObject, container: string): ContainerRef | undefined;
}

interface LogEntry {
  ts: string;
  stream: string;
  partial: boolean;
  text: string;
}

function parseLine(l: string): LogEntry | undefined {
  const a = l.indexOf(' ');
  const b = l.indexOf(' ', a + 1);
  const c = l.indexOf(' ', b + 1);
  if (a < 0 || b < 0 || c < 0) return undefined;
  return { ts: l.slice(0, a), stream: l.slice(a + 1, b), partial: l.slice(b + 1, c) === 'P', text: l.slice(c + 1) };
}

function allContainers(pod: KObject): any[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
}

/** The container a request names, or upstream's error. */
function pickContainer(pod: KObject, q: URLSearchParams): string {
  const name = pod.metadata!.name;
  let c = q.get('container') ?? '';
  if (!c) {
    const cs: any[] = pod.spec?.containers ?? [];
    if (cs.length === 1) c = cs[0].name;
    else {
      const inits: any[] = pod.spec?.initContainers ?? [];
      let msg = `a container name must be specified for pod ${name}, choose one of: [${cs.map((x) => x.name).join(' ')}]`;
      if (inits.length) msg += ` or one of the init containers: [${inits.map((x) => x.name).join(' ')}]`;
      throw badRequest(msg);
    }
  }
  if (!allContainers(pod).some((x) => x.name === c)) throw badRequest(`container ${c} is not valid for pod ${name}`);
  return c;
}

function statusOf(pod: KObject, c: string): any {
  return [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])].find((x: any) => x.name === c);
}

function waitingError(pod: KObject, c: string): ApiError {
  const st = statusOf(pod, c);
  const w = st?.state?.waiting;
  let reason = w?.reason ?? 'ContainerCreating';
  if (reason === 'ErrImagePull' || reason === 'ImagePullBackOff') reason = 'trying and failing to pull image';
  else if (reason === 'InvalidImageName' || reason === 'ErrImageNeverPull') reason = 'image cannot be pulled';
  return badRequest(`container "${c}" in pod "${pod.metadata!.name}" is waiting to start: ${reason}`);
}

/** Serves GET …/pods/x/log. */
export async function serveLog(backend: NodeBackend | undefined, pod: KObject, q: URLSearchParams, req: IncomingMessage, res: ServerResponse, now: () => Date): Promise<void> {
  const c = pickContainer(pod, q);
  const ref = backend?.find(pod, c);
  const st = statusOf(pod, c);
  const previous = q.get('previous') === 'true';
  const restart = ref ? ref.record.restartCount : st?.restartCount ?? 0;
  let file: string | undefined;
  if (ref) {
    if (previous) {
      const p = ref.kubelet.logPath(ref.pod, c, restart - 1);
      if (restart < 1 || !existsSync(p)) throw badRequest(`previous terminated container "${c}" in pod "${pod.metadata!.name}" not found`);
      file = p;
    } else {
      const p = ref.record.current?.cfg.logPath ?? ref.kubelet.logPath(ref.pod, c, restart);
      if (!existsSync(p)) throw waitingError(pod, c);
      file = p;
    }
  } else {
    if (previous) throw badRequest(`previous terminated container "${c}" in pod "${pod.metadata!.name}" not found`);
    throw waitingError(pod, c);
  }
  const follow = q.get('follow') === 'true' && !previous;
  const timestamps = q.get('timestamps') === 'true';
  const tail = q.has('tailLines') ? Number(q.get('tailLines')) : -1;
  let since = 0;
  if (q.has('sinceSeconds')) since = now().getTime() - Number(q.get('sinceSeconds')) * 1000;
  if (q.has('sinceTime')) since = Math.max(since, new Date(q.get('sinceTime')!).getTime());
  let limit = q.has('limitBytes') ? Number(q.get('limitBytes')) : Infinity;
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  const emit = (entries: LogEntry[]): boolean => {
    let out = '';
    for (const e of entries) {
      if (since && new Date(e.ts).getTime() < since) continue;
      out += (timestamps ? `${e.ts} ` : '') + e.text + (e.partial ? '' : '\n');
    }
    if (!out) return true;
    let buf = Buffer.from(out);
    if (buf.length > limit) buf = buf.subarray(0, limit);
    limit -= buf.length;
    res.write(buf);
    return limit > 0;
  };
  const text = readFileSync(file, 'utf8');
  let offset = Buffer.byteLength(text);
  let entries = text.split('\n').filter(Boolean).map(parseLine).filter((x): x is LogEntry => !!x);
  if (tail >= 0) {
    // count whole lines (a line may span several partial entries)
    let lines = 0;
    let i = entries.length;
    while (i > 0 && lines < tail) {
      i--;
      if (!entries[i].partial) lines++;
      while (i > 0 && entries[i - 1].partial) i--;
    }
    entries = tail === 0 ? [] : entries.slice(i);
  }
  if (!emit(entries) || !follow) {
    res.end();
    return;
  }
  // follow: read what is appended until the container ends or the client goes away
  const cont = ref.record.current;
  let rest = '';
  await new Promise<void>((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearInterval(t);
      res.end();
      resolve();
    };
    const poll = () => {
      try {
        const size = statSync(file!).size;
        if (size > offset) {
          const fd = openSync(file!, 'r');
          const buf = Buffer.alloc(size - offset);
          readSync(fd, buf, 0, buf.length, offset);
          closeSync(fd);
          offset = size;
          const chunk = rest + buf.toString('utf8');
          const lines = chunk.split('\n');
          rest = lines.pop() ?? '';
          if (!emit(lines.map(parseLine).filter((x): x is LogEntry => !!x))) return finish();
        }
      } catch {
        return finish();
      }
      // the container ended (and its last lines are out), or was replaced by a restart
      if (!cont || cont.exit || ref.record.current !== cont) {
        if (cont?.exit && Date.now() - exitSeen < 300) return;
        finish();
      }
    };
    let exitSeen = Infinity;
    cont?.onExit(() => (exitSeen = Date.now()));
    const t = setInterval(poll, 100);
    req.on('close', finish);
    res.on('close', finish);
  });
}

// ----- exec / attach ------------------------------------------------------------------------

const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, handleProtocols: (ps) => PROTOCOLS.find((p) => ps.has(p)) ?? false });

/** A Python helper giving the exec'd command a pseudo-terminal; fd 3 carries "cols rows" lines. */
const PTY_HELPER = `
import os, pty, sys, select, struct, fcntl, termios, signal
pid, fd = pty.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[1], sys.argv[1:])
    except OSError as e:
        sys.stderr.write(str(e) + "\\n"); os._exit(127)
def size(line):
    try:
        c, r = [int(x) for x in line.split()]
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", r, c, 0, 0))
    except Exception:
        pass
fds = [0, 3, fd]; ctl = b""
while True:
    try:
        r, _, _ = select.select(fds, [], [])
    except InterruptedError:
        continue
    if fd in r:
        try:
            d = os.read(fd, 65536)
        except OSError:
            d = b""
        if not d:
            break
        os.write(1, d)
    if 0 in r:
        d = os.read(0, 65536)
        if not d:
            fds.remove(0)
        else:
            os.write(fd, d)
    if 3 in r:
        d = os.read(3, 4096)
        if not d:
            fds.remove(3)
        ctl += d
        while b"\\n" in ctl:
            line, ctl = ctl.split(b"\\n", 1); size(line.decode())
_, st = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(st) if hasattr(os, "waitstatus_to_exitcode") else (st >> 8))
`;

function statusFrame(code: number): Buffer {
  const st = code === 0
    ? { metadata: {}, status: 'Success' }
    : { metadata: {}, status: 'Failure', message: `command terminated with non-zero exit code: error executing command [], exit code ${code}`, reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: String(code) }] } };
  return Buffer.concat([Buffer.from([3]), Buffer.from(JSON.stringify(st))]);
}

function errorFrame(message: string): Buffer {
  const st = { metadata: {}, status: 'Failure', message, reason: 'InternalError', details: { causes: [{ message }] }, code: 500 };
  return Buffer.concat([Buffer.from([3]), Buffer.from(JSON.stringify(st))]);
}

/** Replies to an upgrade request that cannot be served, as a Status over plain HTTP. */
export function rejectUpgrade(socket: Duplex, e: unknown): void {
  const err = e instanceof ApiError ? e : new ApiError(500, 'InternalError', String((e as Error)?.message ?? e));
  const body = JSON.stringify(err.toStatus());
  const text = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' }[err.code] ?? 'Error';
  socket.end(`HTTP/1.1 ${err.code} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** Serves an exec or attach WebSocket upgrade for `pod`. */
export function serveStream(backend: NodeBackend | undefined, kind: 'exec' | 'attach', pod: KObject, q: URLSearchParams, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw badRequest(`cannot ${kind} into a container in a completed pod; current phase is ${phase}`);
  const c = pickContainer(pod, q);
  const ref = backend?.find(pod, c);
  if (!ref || !ref.record.current?.running) throw badRequest(`unable to upgrade connection: container not found ("${c}")`);
  if (!String(req.headers.upgrade ?? '').toLowerCase().includes('websocket')) {
    throw badRequest('unable to upgrade connection: SPDY is not supported by this server; use WebSockets (v5.channel.k8s.io)');
  }
  const command = q.getAll('command');
  const tty = q.get('tty') === 'true';
  const stdin = q.get('stdin') === 'true';
  if (kind === 'exec' && !command.length) throw badRequest('you must specify at least 1 command');
  wss.handleUpgrade(req, socket, head, (ws) => {
    if (kind === 'exec') runExec(ws, ref, command, tty, stdin);
    else runAttach(ws, ref, stdin);
  });
}

function send(ws: WebSocket, ch: number, data: Buffer): void {
  if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([ch]), data]));
}

function runExec(ws: WebSocket, ref: ContainerRef, command: string[], tty: boolean, stdin: boolean): void {
  const cont = ref.record.current!;
  if (!findCommand(ref.record.current!, command[0])) {
    ws.send(errorFrame(`Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${cont.cfg.id.slice(0, 12)}${cont.cfg.id.slice(12, 64)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${command[0]}": executable file not found in $PATH: unknown`));
    ws.close(1000);
    return;
  }
  const inner = execArgv(cont, command);
  const env = { ...cont.cfg.env, ...(tty ? { TERM: cont.cfg.env.TERM ?? 'xterm' } : {}) };
  let child: ChildProcess;
  if (tty) {
    child = spawn('python3', ['-c', PTY_HELPER, ...inner], { env, stdio: ['pipe', 'pipe', 'pipe', 'pipe'] });
  } else {
    child = spawn(inner[0], inner.slice(1), { env, stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  }
  const resize = child.stdio[3] as NodeJS.WritableStream | null;
  child.stdout!.on('data', (d: Buffer) => send(ws, 1, d));
  child.stderr!.on('data', (d: Buffer) => send(ws, tty ? 1 : 2, d));
  child.stdin?.on('error', () => undefined);
  resize?.on('error', () => undefined);
  let finished = false;
  child.on('exit', (code, sig) => {
    finished = true;
    const exit = code ?? (sig ? 128 + (sig === 'SIGKILL' ? 9 : 15) : 1);
    // let the output drain before the status
    setImmediate(() => {
      if (ws.readyState === ws.OPEN) {
        ws.send(statusFrame(exit));
        ws.close(1000);
      }
    });
  });
  child.on('error', (e) => {
    if (ws.readyState === ws.OPEN) {
      ws.send(errorFrame(e.message));
      ws.close(1000);
    }
  });
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    const buf = isBinary ? data : Buffer.from(data);
    if (!buf.length) return;
    const ch = buf[0];
    const body = buf.subarray(1);
    if (ch === 0) child.stdin?.write(body);
    else if (ch === 4 && resize) {
      try {
        const s = JSON.parse(body.toString());
        resize.write(`${s.Width ?? s.width ?? 80} ${s.Height ?? s.height ?? 24}\n`);
      } catch {
        // ignore a bad resize
      }
    } else if (ch === 255 && body[0] === 0) child.stdin?.end();
  });
  ws.on('close', () => {
    if (!finished) child.kill('SIGKILL');
  });
  ws.on('error', () => undefined);
}

function runAttach(ws: WebSocket, ref: ContainerRef, stdin: boolean): void {
  const cont = ref.record.current!;
  const detach = cont.attach((stream, data) => send(ws, stream === 'stdout' ? 1 : 2, data));
  cont.onExit((e) => {
    if (ws.readyState === ws.OPEN) {
      ws.send(statusFrame(e.exitCode));
      ws.close(1000);
    }
  });
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    const buf = isBinary ? data : Buffer.from(data);
    if (!buf.length) return;
    if (buf[0] === 0 && stdin) cont.writeStdin(buf.subarray(1));
    else if (buf[0] === 255 && buf[1] === 0 && cont.cfg.stdinOnce) cont.closeStdin();
  });
  ws.on('close', () => {
    detach();
    if (stdin && cont.cfg.stdinOnce) cont.closeStdin();
  });
  ws.on('error', () => undefined);
}
