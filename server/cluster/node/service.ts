// The runtime's side of the node tools: a unix socket that the tools of every node connect to
// (see protocol.ts). Each tool is a handler that gets the request and the tool's stdio; what the
// tools show comes from the cluster runtime's state, so it follows the cluster.
import { createServer, type Server, type Socket } from 'node:net';
import { mkdirSync, rmSync, chmodSync } from 'node:fs';
import { dirname } from 'node:path';
import { PassThrough } from 'node:stream';
import { CH, FrameReader, frame, type ToolRequest } from './protocol.ts';

export interface ToolIO {
  stdin: PassThrough;
  out(s: string | Buffer): void;
  err(s: string | Buffer): void;
  /** Latest terminal size changes (tty requests). */
  onResize(fn: (cols: number, rows: number) => void): void;
  /** Whether the tool's connection is gone (the user pressed Ctrl-C, or the shell ended). */
  closed(): boolean;
  onClose(fn: () => void): void;
}

/** Runs one invocation; resolves to the exit code. */
export type ToolHandler = (req: ToolRequest, io: ToolIO) => Promise<number>;

export class NodeService {
  private server?: Server;
  private tools = new Map<string, ToolHandler>();

  constructor(readonly socketPath: string, private log: (l: string) => void) {}

  register(name: string, handler: ToolHandler): void {
    this.tools.set(name, handler);
  }

  async start(): Promise<void> {
    mkdirSync(dirname(this.socketPath), { recursive: true });
    rmSync(this.socketPath, { force: true });
    this.server = createServer((sock) => this.serve(sock));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.socketPath, () => resolve());
    });
    chmodSync(this.socketPath, 0o666);
  }

  stop(): void {
    this.server?.close();
  }

  private serve(sock: Socket): void {
    let header = '';
    let req: ToolRequest | undefined;
    const stdin = new PassThrough();
    const resizers: ((c: number, r: number) => void)[] = [];
    const closers: (() => void)[] = [];
    let closed = false;
    sock.on('error', () => undefined);
    sock.on('close', () => {
      closed = true;
      stdin.end();
      for (const f of closers) f();
    });
    const reader = new FrameReader((ch, payload) => {
      if (ch === CH.stdin) stdin.write(payload);
      else if (ch === CH.stdinEnd) stdin.end();
      else if (ch === CH.resize) {
        const { cols, rows } = JSON.parse(payload.toString());
        for (const f of resizers) f(cols, rows);
      }
    });
    const io: ToolIO = {
      stdin,
      out: (s) => !closed && sock.write(frame(CH.stdout, s)),
      err: (s) => !closed && sock.write(frame(CH.stderr, s)),
      onResize: (fn) => resizers.push(fn),
      closed: () => closed,
      onClose: (fn) => closers.push(fn),
    };
    const run = async (r: ToolRequest) => {
      const handler = this.tools.get(r.tool);
      let code: number;
      if (!handler) {
        io.err(`${r.tool}: command not available on this node\n`);
        code = 127;
      } else {
        try {
          code = await handler(r, io);
        } catch (e) {
          this.log(`node tool ${r.tool} ${r.args.join(' ')}: ${(e as Error).stack ?? e}`);
          io.err(`${r.tool}: internal error: ${(e as Error).message}\n`);
          code = 1;
        }
      }
      if (!closed) sock.end(frame(CH.exit, JSON.stringify({ code })));
    };
    sock.on('data', (d: Buffer) => {
      if (req) return reader.push(d);
      header += d.toString('latin1');
      const nl = header.indexOf('\n');
      if (nl < 0) return;
      try {
        req = JSON.parse(Buffer.from(header.slice(0, nl), 'latin1').toString('utf8'));
      } catch {
        sock.destroy();
        return;
      }
      const rest = Buffer.from(header.slice(nl + 1), 'latin1');
      if (rest.length) reader.push(rest);
      void run(req!);
    });
  }
}
