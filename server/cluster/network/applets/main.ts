// Entry point of the applets bundle (dist/applets.mjs): `node applets.mjs <applet> ARGS…`, run by
// the stubs bound over busybox's applets in containers. Loads nothing it does not need.
import { ExitSignal } from './lib.ts';

const [name, ...args] = process.argv.slice(2);

async function run(): Promise<number> {
  switch (name) {
    case 'wget':
      return (await import('./wget.ts')).wget(args);
    case 'curl':
      return (await import('./curl.ts')).curl(args);
    case 'nc':
      return (await import('./nc.ts')).nc(args);
    case 'nslookup':
      return (await import('./nslookup.ts')).nslookup(args);
    case 'ping':
      return (await import('./ping.ts')).ping(args);
    case 'telnet':
      return (await import('./telnet.ts')).telnet(args);
    default:
      process.stderr.write(`${name}: applet not found\n`);
      return 127;
  }
}

run().then(
  (code) => {
    process.exitCode = code;
    const done = () => process.exit(code);
    process.stdout.write('', () => process.stderr.write('', done));
  },
  (e) => {
    if (e instanceof ExitSignal) return;
    const msg = (e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ECONNREFUSED' || (e as Error).message === 'network unavailable'
      ? 'Network is unreachable' : (e as Error).message;
    process.stderr.write(`${name}: ${msg}\n`);
    process.exit(1);
  },
);
