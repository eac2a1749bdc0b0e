// The wire between a node tool (crictl, systemctl, journalctl, ssh… run in a candidate's shell)
// and the cluster runtime that answers it, over a unix socket: one JSON header line from the
// tool, then frames both ways: [channel: 1 byte][length: 4 bytes big-endian][payload].

export const CH = {
  stdin: 0,
  stdout: 1,
  stderr: 2,
  /** runtime → tool: JSON {code}; the tool exits with it. */
  exit: 3,
  /** tool → runtime: JSON {cols, rows}. */
  resize: 4,
  /** tool → runtime: stdin reached its end. */
  stdinEnd: 5,
} as const;

export interface ToolRequest {
  /** The tool's name as invoked (crictl, systemctl, ssh, …). */
  tool: string;
  /** The node the tool runs on (its hostname). */
  node: string;
  args: string[];
  /** Whether the tool's stdin and stdout are a terminal. */
  tty: boolean;
  cols?: number;
  rows?: number;
  term?: string;
  cwd?: string;
}

export function frame(channel: number, payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const head = Buffer.alloc(5);
  head[0] = channel;
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

/** Splits a byte stream into frames. */
export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);
  constructor(private onFrame: (channel: number, payload: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    while (this.buf.length >= 5) {
      const len = this.buf.readUInt32BE(1);
      if (this.buf.length < 5 + len) break;
      const ch = this.buf[0];
      const payload = this.buf.subarray(5, 5 + len);
      this.buf = this.buf.subarray(5 + len);
      this.onFrame(ch, payload);
    }
  }
}
