// A node tool's client side (`nodetool.mjs NAME args…`, started by the shims in /usr/local/bin):
// it sends the invocation to the cluster runtime over the node socket and relays stdin, stdout,
// stderr, terminal size and the exit code, so the tool behaves like a local program.
import { connect } from 'node:net';
import { hostname } from 'node:os';
import { CH, FrameReader, frame, type ToolRequest } from './protocol.ts';

const [tool, ...args] = process.argv.slice(2);
const sock = process.env.KUBEDOJO_NODE_SOCK || '/run/kubedojo/node.sock';
const tty = !!process.stdin.isTTY && !!process.stdout.isTTY;
// a reader that went away (`kubeadm … | head`) ends the tool quietly, as SIGPIPE ends a real one
for (const s of [process.stdout, process.stderr]) {
  s.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? 141 : 1));
}
const req: ToolRequest = {
  tool, args, tty,
  node: process.env.KUBEDOJO_NODE || hostname(),
  cols: process.stdout.columns, rows: process.stdout.rows,
  term: process.env.TERM, cwd: process.cwd(),
};

const c = connect(sock);
c.on('error', (e) => {
  process.stderr.write(`${tool}: cannot reach the node's services (${(e as NodeJS.ErrnoException).code ?? e.message})\n`);
  process.exit(1);
});
c.on('connect', () => {
  c.write(JSON.stringify(req) + '\n');
  if (tty) process.stdin.setRawMode(true);
  process.stdin.on('data', (d: Buffer) => c.write(frame(CH.stdin, d)));
  process.stdin.on('end', () => c.write(frame(CH.stdinEnd, '')));
  process.stdin.on('error', () => undefined);
  if (tty) process.stdout.on('resize', () => c.write(frame(CH.resize, JSON.stringify({ cols: process.stdout.columns, rows: process.stdout.rows }))));
});
let exiting = false;
const reader = new FrameReader((ch, payload) => {
  if (ch === CH.stdout) process.stdout.write(payload);
  else if (ch === CH.stderr) process.stderr.write(payload);
  else if (ch === CH.exit && !exiting) {
    exiting = true;
    const { code } = JSON.parse(payload.toString());
    if (tty) process.stdin.setRawMode(false);
    // let stdout drain before leaving
    process.stdout.write('', () => process.exit(code));
  }
});
c.on('data', (d: Buffer) => reader.push(d));
c.on('close', () => {
  if (!exiting) process.exit(255);
});
