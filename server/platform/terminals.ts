// The terminal gateway: one node-pty shell per (attempt, terminal id) on the attempt's cluster,
// living across socket disconnects until the attempt ends; an output buffer with a running
// sequence number so a reconnect replays what it missed; an asciicast v2 recording and a command
// log of every terminal.
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import * as pty from 'node-pty';
import type { Socket } from 'socket.io';
import type { Clusters } from '../cluster/clusters.ts';
import type { Db } from '../../db/index.ts';

/** Output kept per terminal for replay, in characters. */
const BUFFER_CHARS = 1_000_000;
/** Recording events are written to the file at least this often (a SIGKILL loses at most this). */
const FLUSH_MS = 200;
/** Output recorded per terminal at most (a `yes` must not fill the disk); input is always recorded. */
const MAX_RECORDED_OUTPUT = 64 * 1024 * 1024;
/** Flow control: a shell is paused while a socket has this many packets waiting, resumed below LOW. */
const HIGH_WATER = 200;
const LOW_WATER = 20;
/** Output arriving within this window after a sent chunk is merged into one message. */
const COALESCE_MS = 4;
export const TERMINAL_ID_RE = /^[A-Za-z0-9_-]{1,32}$/;
/**
 * The shell reports each command's exit status before its prompt as an OSC sequence that
 * terminals ignore (xterm.js and asciinema's player do); the gateway reads it for the command log.
 */
const EXIT_OSC = /\x1b\]777;kubedojo;exit=(\d+)\x07/g;
const PROMPT_COMMAND = `printf '\\033]777;kubedojo;exit=%s\\007' "$?"`;
const SHELL_ARGV = ['bash', '-c', `export PROMPT_COMMAND='${PROMPT_COMMAND.replace(/'/g, `'\\''`)}'; exec bash -l`];
export const MAX_TERMINALS = 8;

/** A refusal with the status the socket's `problem` event carries. */
export class RefusedError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** An asciicast v2 file, appended as events happen. Re-opened after a restart, it continues. */
class Recorder {
  private fd: number;
  private pending: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly t0: number;
  bytes: number;
  private output = 0;
  private truncated = false;

  constructor(readonly path: string, cols: number, rows: number, title: string) {
    mkdirSync(join(path, '..'), { recursive: true });
    let t0 = Date.now() / 1000;
    if (existsSync(path) && statSync(path).size > 0) {
      const buf = Buffer.alloc(4096);
      const fd = openSync(path, 'r');
      const n = readSync(fd, buf, 0, buf.length, 0);
      closeSync(fd);
      try {
        t0 = JSON.parse(buf.subarray(0, n).toString('utf8').split('\n')[0]).timestamp ?? t0;
      } catch {
        // a damaged header: keep appending with a fresh clock
      }
      this.fd = openSync(path, 'a');
      this.bytes = statSync(path).size;
    } else {
      this.fd = openSync(path, 'a');
      const header = JSON.stringify({ version: 2, width: cols, height: rows, timestamp: Math.floor(t0), title, env: { TERM: 'xterm-256color', SHELL: '/bin/bash' } }) + '\n';
      writeSync(this.fd, header);
      this.bytes = Buffer.byteLength(header);
      t0 = Math.floor(t0);
    }
    this.t0 = t0;
  }

  event(kind: 'o' | 'i' | 'r' | 'm', data: string): void {
    if (kind === 'o') {
      this.output += data.length;
      if (this.output > MAX_RECORDED_OUTPUT) {
        if (this.truncated) return;
        this.truncated = true;
        kind = 'm';
        data = `output beyond ${MAX_RECORDED_OUTPUT / 1024 / 1024} M characters is not recorded`;
      }
    }
    const t = Math.max(0, Date.now() / 1000 - this.t0);
    this.pending.push(JSON.stringify([Number(t.toFixed(6)), kind, data]) + '\n');
    if (!this.timer) this.timer = setTimeout(() => this.flush(), FLUSH_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.pending.length || this.fd < 0) return;
    const text = this.pending.join('');
    this.pending = [];
    writeSync(this.fd, text);
    this.bytes += Buffer.byteLength(text);
  }

  close(): void {
    this.flush();
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

interface Chunk {
  start: number;
  data: string;
}

export interface TerminalOwner {
  attemptId: string;
  terminalId: string;
  /** Resolves to the attempt's cluster name once it has one (throws if the attempt cannot run). */
  cluster: () => Promise<string>;
}

class Terminal {
  shell: pty.IPty | null = null;
  shellNo = 0;
  seq: number;
  chunks: Chunk[] = [];
  buffered = 0;
  sockets = new Set<Socket>();
  node = 'controlplane';
  cwdNode = 'controlplane';
  cols = 80;
  rows = 24;
  line = '';
  /**
   * Command log rows waiting for their exit status, oldest first (null: an empty line typed ahead,
   * whose prompt reports nothing new); whether the shell shows its continuation prompt (PS2, the
   * next line belongs to the same command); the output tail an OSC may span.
   */
  awaiting: (number | null)[] = [];
  continuation = false;
  oscTail = '';
  recorder: Recorder | null = null;
  spawning: Promise<void> | null = null;
  ended = false;
  /** Output not yet sent (coalescing window open) and the window's timer. */
  pending = '';
  pendingTimer: NodeJS.Timeout | null = null;
  paused = false;

  constructor(readonly owner: TerminalOwner, startSeq: number) {
    this.seq = startSeq;
  }

  bufferStart(): number {
    return this.chunks.length ? this.chunks[0].start : this.seq;
  }

  since(seq: number): string {
    if (seq >= this.seq) return '';
    const from = Math.max(seq, this.bufferStart());
    let out = '';
    for (const c of this.chunks) {
      const end = c.start + c.data.length;
      if (end <= from) continue;
      out += c.start >= from ? c.data : c.data.slice(from - c.start);
    }
    return out;
  }
}

export interface GatewayOptions {
  db: Db;
  clusters: Clusters;
  dataDir: string;
  /** Called on every keystroke batch (idle tracking). */
  onInput(attemptId: string): void;
}

export class Gateway {
  private terms = new Map<string, Map<string, Terminal>>();
  /** Attempts being graded or ended: no new terminals, no input. */
  private frozen = new Set<string>();
  private persistTimer: NodeJS.Timeout;

  constructor(readonly o: GatewayOptions) {
    this.persistTimer = setInterval(() => this.persist(), 1000);
    this.persistTimer.unref();
  }

  private key(attemptId: string): Map<string, Terminal> {
    let m = this.terms.get(attemptId);
    if (!m) this.terms.set(attemptId, (m = new Map()));
    return m;
  }

  /** Terminal ids known for an attempt (live ones and recorded ones). */
  terminalIds(attemptId: string): string[] {
    const ids = new Set<string>(this.o.db.recordings(attemptId).map((r) => r.terminal_id));
    for (const id of this.terms.get(attemptId)?.keys() ?? []) ids.add(id);
    return [...ids];
  }

  liveShells(): number {
    let n = 0;
    for (const m of this.terms.values()) for (const t of m.values()) if (t.shell) n++;
    return n;
  }

  /** Attaches a socket to a terminal: spawns the shell if none, replays output after `seq`, goes live. */
  async attach(socket: Socket, owner: TerminalOwner, o: { cols?: number; rows?: number; seq?: number }): Promise<void> {
    if (this.frozen.has(owner.attemptId)) throw new RefusedError(409, 'the attempt is being submitted');
    const m = this.key(owner.attemptId);
    let t = m.get(owner.terminalId);
    if (!t) {
      if (m.size >= MAX_TERMINALS) throw new RefusedError(400, `at most ${MAX_TERMINALS} terminals per attempt`);
      const rec = this.o.db.recording(owner.attemptId, owner.terminalId);
      t = new Terminal(owner, rec?.out_chars ?? 0);
      m.set(owner.terminalId, t);
    }
    const term = t;
    if (o.cols && o.rows) {
      term.cols = clamp(o.cols, 10, 500);
      term.rows = clamp(o.rows, 4, 200);
    }
    socket.on('disconnect', () => term.sockets.delete(socket));
    socket.on('input', (msg: { data?: unknown }) => {
      if (typeof msg?.data !== 'string' || term.ended) return;
      this.o.onInput(owner.attemptId);
      const data = msg.data;
      if (term.spawning) {
        // typed while the shell starts: delivered once it runs
        void term.spawning.then(() => this.write(term, data));
        return;
      }
      if (!term.shell) {
        // after an exit: this input starts a new shell (and is not passed on)
        void this.ensureShell(term).catch((e) => socket.emit('problem', { status: 500, message: (e as Error).message }));
        return;
      }
      this.write(term, data);
    });
    socket.on('resize', (msg: { cols?: unknown; rows?: unknown }) => {
      const cols = Number(msg?.cols);
      const rows = Number(msg?.rows);
      if (!Number.isFinite(cols) || !Number.isFinite(rows)) return;
      term.cols = clamp(cols, 10, 500);
      term.rows = clamp(rows, 4, 200);
      term.shell?.resize(term.cols, term.rows);
      term.recorder?.event('r', `${term.cols}x${term.rows}`);
    });
    socket.on('resume', (msg: { seq?: unknown }) => {
      const seq = Number(msg?.seq);
      if (!Number.isFinite(seq)) return;
      this.flushNow(term);
      const data = term.since(seq > term.seq ? term.bufferStart() : seq);
      if (data) socket.emit('output', { seq: term.seq, data });
    });
    await this.ensureShell(term);
    if (term.ended) throw new RefusedError(409, 'the attempt is being submitted');
    if (!socket.connected) return;
    // from here on all is synchronous: nothing can be emitted between the replay and going live
    this.flushNow(term);
    term.sockets.add(socket);
    socket.emit('ready', { terminalId: owner.terminalId, node: term.node, seq: term.seq, shell: term.shellNo });
    const missed = term.since(o.seq === undefined || o.seq > term.seq ? term.bufferStart() : o.seq);
    if (missed) socket.emit('output', { seq: term.seq, data: missed });
  }

  private write(t: Terminal, data: string): void {
    if (!t.shell || t.ended) return;
    t.shell.write(data);
    t.recorder?.event('i', data);
    this.logInput(t, data);
  }

  private async ensureShell(t: Terminal): Promise<void> {
    if (t.shell || t.ended) return;
    if (t.spawning) return t.spawning;
    t.spawning = (async () => {
      const cluster = await t.owner.cluster();
      if (t.ended) return;
      const info = this.o.clusters.info(cluster);
      t.node = info?.nodes[0]?.name ?? 'controlplane';
      t.cwdNode = t.node;
      const { argv, options } = this.o.clusters.commandFor(cluster, t.node, SHELL_ARGV, { term: 'xterm-256color' });
      const env = (options.env ?? process.env) as Record<string, string>;
      const shell = pty.spawn(argv[0], argv.slice(1), { name: 'xterm-256color', cols: t.cols, rows: t.rows, cwd: (options.cwd as string | undefined) ?? process.cwd(), env });
      t.shell = shell;
      t.shellNo++;
      if (!t.recorder) {
        const path = join(this.o.dataDir, 'recordings', t.owner.attemptId, `${t.owner.terminalId}.cast`);
        t.recorder = new Recorder(path, t.cols, t.rows, `${t.owner.attemptId} ${t.owner.terminalId}`);
        const prev = this.o.db.recording(t.owner.attemptId, t.owner.terminalId);
        this.o.db.upsertRecording({ attempt_id: t.owner.attemptId, terminal_id: t.owner.terminalId, path, started_at: prev?.started_at ?? new Date().toISOString(), bytes: t.recorder.bytes, out_chars: t.seq });
      }
      if (t.shellNo > 1 || t.seq > 0) t.recorder.event('m', `shell ${t.shellNo} started`);
      shell.onData((d) => this.output(t, d));
      shell.onExit(({ exitCode }) => {
        if (t.shell !== shell) return;
        t.shell = null;
        t.recorder?.flush();
        for (const s of t.sockets) s.emit('exit', { code: exitCode });
      });
    })().finally(() => {
      t.spawning = null;
    });
    return t.spawning;
  }

  private output(t: Terminal, d: string): void {
    t.chunks.push({ start: t.seq, data: d });
    t.seq += d.length;
    t.buffered += d.length;
    while (t.buffered > BUFFER_CHARS && t.chunks.length > 1) t.buffered -= t.chunks.shift()!.data.length;
    t.recorder?.event('o', d);
    this.exitStatus(t, d);
    // leading edge goes out at once (keystroke echo); a burst is merged for COALESCE_MS
    if (t.pendingTimer) {
      t.pending += d;
      return;
    }
    this.send(t, d, t.seq);
    t.pendingTimer = setTimeout(() => this.flushPending(t), COALESCE_MS);
  }

  /** Reads exit statuses from the output (see EXIT_OSC) into the command log. */
  private exitStatus(t: Terminal, d: string): void {
    const text = t.oscTail + d;
    for (const m of text.matchAll(EXIT_OSC)) {
      if (m.index! + m[0].length <= t.oscTail.length) continue; // seen with the previous chunk
      const id = t.awaiting.shift();
      if (id !== undefined && id !== null) this.o.db.setCommandExit(id, Number(m[1]));
    }
    if (/\n> $/.test(text)) t.continuation = true;
    t.oscTail = text.slice(-48);
  }

  /** Sends merged output now (before a replay computes what a socket misses). */
  private flushNow(t: Terminal): void {
    if (!t.pendingTimer) return;
    clearTimeout(t.pendingTimer);
    this.flushPending(t);
  }

  private flushPending(t: Terminal): void {
    t.pendingTimer = null;
    if (!t.pending) return;
    const data = t.pending;
    t.pending = '';
    this.send(t, data, t.seq);
    t.pendingTimer = setTimeout(() => this.flushPending(t), COALESCE_MS);
  }

  private send(t: Terminal, data: string, seq: number): void {
    let backlog = 0;
    for (const s of t.sockets) {
      s.emit('output', { seq, data });
      backlog = Math.max(backlog, writeBacklog(s));
    }
    if (backlog > HIGH_WATER && t.shell && !t.paused) {
      t.paused = true;
      t.shell.pause();
      const poll = setInterval(() => {
        const worst = Math.max(0, ...[...t.sockets].map(writeBacklog));
        if (worst < LOW_WATER || !t.shell || t.ended) {
          clearInterval(poll);
          t.paused = false;
          t.shell?.resume();
        }
      }, 20);
    }
  }

  /** The command log: input is replayed into a line editor; Enter records the line. */
  private logInput(t: Terminal, data: string): void {
    const clean = data.replace(/\x1b\[200~|\x1b\[201~/g, '').replace(/\x1b(\[[0-9;?]*[ -/]*[@-~]|O.|.)/g, '');
    for (const ch of clean) {
      if (ch === '\r' || ch === '\n') {
        const command = t.line.trim();
        t.line = '';
        const more = t.continuation;
        t.continuation = false;
        if (!command) {
          if (t.awaiting.length && !more) t.awaiting.push(null);
          continue;
        }
        const id = this.o.db.insertCommand({ attempt_id: t.owner.attemptId, terminal_id: t.owner.terminalId, node: t.cwdNode, t: new Date().toISOString(), command, exit_code: null });
        if (!more) t.awaiting.push(id);
        if (t.awaiting.length > 50) t.awaiting.shift();
        const ssh = /^ssh\s+(?:\S+@)?([a-z0-9][-a-z0-9]*)\s*$/.exec(command);
        if (ssh) t.cwdNode = ssh[1];
        else if ((command === 'exit' || command === 'logout') && t.cwdNode !== t.node) t.cwdNode = t.node;
      } else if (ch === '\x7f' || ch === '\b') t.line = t.line.slice(0, -1);
      else if (ch === '\x15' || ch === '\x03') t.line = '';
      else if (ch === '\x17') t.line = t.line.replace(/\S+\s*$/, '');
      else if (ch >= ' ') t.line += ch;
    }
  }

  private persist(): void {
    for (const m of this.terms.values()) {
      for (const t of m.values()) {
        if (!t.recorder) continue;
        t.recorder.flush();
        const rec = this.o.db.recording(t.owner.attemptId, t.owner.terminalId);
        if (rec && (rec.bytes !== t.recorder.bytes || rec.out_chars !== t.seq)) this.o.db.upsertRecording({ ...rec, bytes: t.recorder.bytes, out_chars: t.seq });
      }
    }
  }

  /** New shells for every terminal of an attempt (its cluster changed); sockets stay attached. */
  async restart(attemptId: string, note: string): Promise<void> {
    for (const t of this.terms.get(attemptId)?.values() ?? []) {
      const sh = t.shell;
      t.shell = null;
      try {
        sh?.kill('SIGHUP');
      } catch {
        // gone
      }
      this.output(t, `\r\n\x1b[2m[${note}]\x1b[0m\r\n`);
      if (t.sockets.size) {
        await this.ensureShell(t).catch((e) => {
          for (const s of t.sockets) s.emit('problem', { status: 500, message: (e as Error).message });
        });
        for (const s of t.sockets) s.emit('ready', { terminalId: t.owner.terminalId, node: t.node, seq: t.seq, shell: t.shellNo });
      }
    }
  }

  /** Stops taking input on an attempt's terminals (while it is being graded). */
  freeze(attemptId: string): void {
    this.frozen.add(attemptId);
    for (const t of this.terms.get(attemptId)?.values() ?? []) t.ended = true;
  }

  /** Undoes freeze() (the end failed; the attempt goes on). */
  thaw(attemptId: string): void {
    this.frozen.delete(attemptId);
    for (const t of this.terms.get(attemptId)?.values() ?? []) t.ended = false;
  }

  /** Ends every terminal of an attempt: tells the sockets why, kills the shells, closes the recordings. */
  end(attemptId: string, reason: string): void {
    const m = this.terms.get(attemptId);
    if (!m) {
      this.frozen.delete(attemptId);
      return;
    }
    for (const t of m.values()) {
      t.ended = true;
      this.flushNow(t);
      if (t.pendingTimer) clearTimeout(t.pendingTimer);
      for (const s of t.sockets) {
        s.emit('ended', { reason });
        s.disconnect(true);
      }
      t.sockets.clear();
      const sh = t.shell;
      t.shell = null;
      try {
        sh?.kill('SIGHUP');
      } catch {
        // already gone
      }
      t.recorder?.event('m', `session ended: ${reason}`);
    }
    this.persist();
    for (const t of m.values()) t.recorder?.close();
    this.terms.delete(attemptId);
    this.frozen.delete(attemptId);
  }

  /** On shutdown: flush recordings; shells die with the process. */
  shutdown(): void {
    clearInterval(this.persistTimer);
    this.persist();
    for (const m of this.terms.values()) {
      for (const t of m.values()) {
        try {
          t.shell?.kill('SIGHUP');
        } catch {
          // gone
        }
        t.recorder?.close();
      }
    }
  }
}

/** Packets a socket has queued but not yet written to its connection. */
function writeBacklog(s: Socket): number {
  const conn = s.conn as unknown as { writeBuffer?: unknown[] };
  return conn?.writeBuffer?.length ?? 0;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, Math.round(x)));
}
