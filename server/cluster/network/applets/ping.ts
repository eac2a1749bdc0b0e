// busybox ping: `PING host (ip): 56 data bytes`, one line per reply, statistics at the end
// (after -c COUNT, -w DEADLINE or Ctrl-C); exit 0 when any reply came back.
import { ask, die, resolveHost, sleep, splitShort } from './lib.ts';

export async function ping(argv: string[]): Promise<number> {
  const args = splitShort(argv, 'cWwisItQp');
  let count = Infinity;
  let waitFirst = 10;
  let deadline = 0;
  let interval = 1;
  let size = 56;
  let quiet = false;
  let host: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-c') count = Number(args[++i]);
    else if (a === '-W') waitFirst = Number(args[++i]);
    else if (a === '-w') deadline = Number(args[++i]);
    else if (a === '-i') interval = Number(args[++i]);
    else if (a === '-s') size = Number(args[++i]);
    else if (a === '-q') quiet = true;
    else if (a === '-4') continue;
    else if (['-I', '-t', '-Q', '-p'].includes(a)) i++;
    else host = a;
  }
  if (!host) {
    process.stderr.write('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n');
    return 1;
  }
  const r = await resolveHost(host);
  if ('error' in r) die('ping', `bad address '${host}'`);
  process.stdout.write(`PING ${host} (${r.ip}): ${size} data bytes\n`);
  let sent = 0;
  let got = 0;
  const rtts: number[] = [];
  const start = Date.now();
  let stop = false;
  const finish = () => {
    process.stdout.write(`\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${got} packets received, ${sent ? Math.floor(((sent - got) * 100) / sent) : 0}% packet loss\n`);
    if (got) {
      const min = Math.min(...rtts);
      const max = Math.max(...rtts);
      const avg = rtts.reduce((x, y) => x + y, 0) / rtts.length;
      process.stdout.write(`round-trip min/avg/max = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)} ms\n`);
    }
    return got ? 0 : 1;
  };
  process.on('SIGINT', () => {
    stop = true;
    process.exitCode = finish();
    process.exit();
  });
  while (!stop && sent < count) {
    if (deadline && Date.now() - start >= deadline * 1000) break;
    const t0 = process.hrtime.bigint();
    const rep = await ask({ op: 'ping', host: r.ip });
    const seq = sent++;
    if (rep.reply) {
      const rtt = Number(process.hrtime.bigint() - t0) / 1e6;
      got++;
      rtts.push(rtt);
      if (!quiet) process.stdout.write(`${size + 8} bytes from ${r.ip}: seq=${seq} ttl=${rep.ttl} time=${rtt.toFixed(3)} ms\n`);
    }
    if (sent < count) await sleep(interval * 1000);
  }
  if (!got && sent && !deadline) await sleep(Math.max(0, waitFirst * 1000 - interval * 1000 * (sent - 1)));
  return finish();
}
