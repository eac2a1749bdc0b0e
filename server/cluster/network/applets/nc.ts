// busybox nc (the "bloaty" netcat 1.10 of the busybox image): connect `nc [-v] [-z] [-w SEC] HOST
// PORT`, listen `nc -l [-k] -p PORT [-e PROG]`; stdin to the peer, the peer to stdout.
import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import { die, request, resolveHost, sleep, splitShort, tcp, warn } from './lib.ts';

const A = 'nc';
const USAGE = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n\n\t-e PROG\tRun PROG after connect (must be last)\n\t-l\tListen mode, for inbound connects\n\t-lk\tWith -e, provides persistent server\n\t-p PORT\tLocal port\n\t-s ADDR\tLocal address\n\t-w SEC\tTimeout for connects and final net reads\n\t-i SEC\tDelay interval for lines sent\n\t-n\tDon\'t do DNS resolution\n\t-u\tUDP mode\n\t-b\tAllow broadcasts\n\t-v\tVerbose\n\t-o FILE\tHex dump traffic\n\t-z\tZero-I/O mode (scanning)\n';

export async function nc(argv: string[]): Promise<number> {
  const ei = argv.indexOf('-e');
  const prog = ei >= 0 ? argv.slice(ei + 1) : undefined;
  const args = splitShort(ei >= 0 ? argv.slice(0, ei) : argv, 'pswio');
  let listen = 0;
  let keep = false;
  let port: number | undefined;
  let wait = 0;
  let verbose = 0;
  let zero = false;
  const pos: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-l') listen++;
    else if (a === '-k') keep = true;
    else if (a === '-p') port = Number(args[++i]);
    else if (a === '-w') wait = Number(args[++i]);
    else if (a === '-v') verbose++;
    else if (a === '-z') zero = true;
    else if (a === '-n' || a === '-u' || a === '-b') continue;
    else if (a === '-s' || a === '-i' || a === '-o') i++;
    else if (a.startsWith('-') && a.length > 1) {
      process.stderr.write(`nc: invalid option -- '${a.slice(1)}'\n${USAGE}`);
      return 1;
    } else pos.push(a);
  }
  if (listen) return doListen();
  if (pos.length !== 2) {
    process.stderr.write(USAGE);
    return 1;
  }
  const [host, p] = pos;
  const r = await resolveHost(host);
  if ('error' in r) die(A, `bad address '${host}'`);
  const dport = Number(p);
  const c = await tcp(r.ip, dport, wait ? wait * 1000 : 127_000);
  const dotted = `${r.ip}:${dport}`;
  if (!c.ok) {
    if (verbose > 1 || (verbose && c.why !== 'refused')) warn(A, `${host} (${dotted}): ${c.why === 'refused' ? 'Connection refused' : 'Connection timed out'}`);
    return 1;
  }
  if (verbose) process.stderr.write(`${host} (${dotted}) open\n`);
  if (zero) {
    c.sock.destroy();
    return 0;
  }
  if (prog) return runProg(c.sock);
  return pump(c.sock);

  async function doListen(): Promise<number> {
    const lport = port ?? Number(pos[0] ?? 0);
    if (!lport) die(A, 'bind: Address already in use');
    for (;;) {
      const { head, sock } = await request({ op: 'listen', port: lport, proto: 'TCP' });
      if (head.error === 'inuse') die(A, 'bind: Address already in use');
      if (verbose) process.stderr.write(`listening on [::]:${lport} ...\n`);
      const acc = await accepted(sock, wait);
      if (!acc) die(A, 'timeout');
      if (verbose) process.stderr.write(`connect to [::ffff:${head.ip}]:${lport} from [::ffff:${acc.ip}]:${acc.port} ([::ffff:${acc.ip}]:${acc.port})\n`);
      if (prog && keep) {
        void runProg(sock);
        continue;
      }
      return prog ? runProg(sock) : pump(sock);
    }
  }

  function runProg(sock: Socket): Promise<number> {
    return new Promise((resolve) => {
      const child = spawn(prog![0], prog!.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] });
      sock.pipe(child.stdin);
      child.stdout.pipe(sock);
      sock.resume();
      child.on('error', () => {
        warn(A, `can't execute '${prog![0]}': No such file or directory`);
        sock.destroy();
        resolve(1);
      });
      child.on('exit', (code) => {
        sock.end();
        resolve(code ?? 0);
      });
      sock.on('error', () => undefined);
      child.stdin.on('error', () => undefined);
    });
  }

  function pump(sock: Socket): Promise<number> {
    return new Promise((resolve) => {
      let stdinDone = false;
      sock.on('data', (d) => process.stdout.write(d));
      sock.on('end', () => resolve(0));
      sock.on('close', () => resolve(0));
      sock.on('error', () => resolve(0));
      sock.resume();
      process.stdin.on('data', (d) => sock.write(d));
      process.stdin.on('end', () => {
        stdinDone = true;
        sock.end();
        // -w: the final net read waits that long after stdin closes
        if (wait) void sleep(wait * 1000).then(() => resolve(0));
      });
      process.stdin.on('error', () => undefined);
      void stdinDone;
    });
  }
}

/** Waits for the runtime to hand us a connection (`{"accepted":…}`); `wait` seconds at most (0: forever). */
function accepted(sock: Socket, wait: number): Promise<{ ip: string; port: number } | undefined> {
  return new Promise((resolve) => {
    let buf = Buffer.alloc(0);
    const t = wait ? setTimeout(() => {
      sock.destroy();
      resolve(undefined);
    }, wait * 1000) : undefined;
    const onData = (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      const i = buf.indexOf(10);
      if (i < 0) return;
      sock.off('data', onData);
      sock.pause();
      if (t) clearTimeout(t);
      const rest = buf.subarray(i + 1);
      if (rest.length) sock.unshift(rest);
      resolve(JSON.parse(buf.subarray(0, i).toString('utf8')).accepted);
    };
    sock.on('data', onData);
    sock.resume();
  });
}
