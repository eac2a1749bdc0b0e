// busybox telnet HOST [PORT]: a raw connection to the terminal (no option negotiation here).
import { die, resolveHost, tcp } from './lib.ts';

export async function telnet(argv: string[]): Promise<number> {
  const pos = argv.filter((a) => !a.startsWith('-'));
  if (!pos.length) {
    process.stderr.write('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: telnet [-a] [-l USER] HOST [PORT]\n');
    return 1;
  }
  const [host, p = '23'] = pos;
  const r = await resolveHost(host);
  if ('error' in r) die('telnet', `bad address '${host}'`);
  const c = await tcp(r.ip, Number(p));
  if (!c.ok) die('telnet', `can't connect to remote host (${r.ip}): ${c.why === 'refused' ? 'Connection refused' : 'Connection timed out'}`);
  process.stdout.write(`Connected to ${host}\n`);
  return new Promise((resolve) => {
    c.sock.on('data', (d) => process.stdout.write(d));
    c.sock.on('close', () => {
      process.stdout.write('Connection closed by foreign host\n');
      resolve(1);
    });
    c.sock.resume();
    process.stdin.on('data', (d) => c.sock.write(d));
    process.stdin.on('end', () => c.sock.end());
  });
}
