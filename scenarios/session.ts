// A SessionHandle over a cluster on this machine: commands run on a node exactly as the
// candidate's shell runs them (Clusters.commandFor), asynchronously, with a timeout, and never
// throwing on a non-zero exit.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Clusters } from '../server/cluster/clusters.ts';
import type { RunResult, SessionHandle } from '../graders/types.ts';

/** Output kept per stream; anything beyond is dropped (a runaway command cannot exhaust memory). */
const MAX_OUTPUT = 32 * 1024 * 1024;

export function clusterSession(clusters: Clusters, name: string, o: { defaultTimeoutMs?: number } = {}): SessionHandle {
  const info = clusters.info(name);
  const adminKubeconfig = info?.mode === 'local' ? join(info.dir, 'nodes', info.nodes[0].name, 'etc', 'kubernetes', 'admin.conf') : undefined;
  return {
    adminKubeconfig,
    nodes: () => clusters.info(name)?.nodes.map((n) => n.name) ?? [],
    run(argv, ro = {}) {
      return new Promise<RunResult>((resolve) => {
        let spec: ReturnType<Clusters['commandFor']>;
        try {
          spec = clusters.commandFor(name, ro.node, argv);
        } catch (e) {
          resolve({ code: 255, stdout: '', stderr: e instanceof Error ? e.message : String(e) });
          return;
        }
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        let outLen = 0;
        let errLen = 0;
        let timedOut = false;
        let done = false;
        const child = spawn(spec.argv[0], spec.argv.slice(1), { ...spec.options, stdio: ['pipe', 'pipe', 'pipe'] });
        const timeoutMs = ro.timeoutMs ?? o.defaultTimeoutMs ?? 60000;
        const timer = setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, timeoutMs);
        child.stdout!.on('data', (b: Buffer) => {
          if (outLen < MAX_OUTPUT) out.push(b);
          outLen += b.length;
        });
        child.stderr!.on('data', (b: Buffer) => {
          if (errLen < MAX_OUTPUT) err.push(b);
          errLen += b.length;
        });
        const finish = (code: number, extra = ''): void => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          const stderr = Buffer.concat(err).toString('utf8') + extra;
          resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr });
        };
        child.on('error', (e) => finish(127, `${e.message}\n`));
        child.on('close', (code, sig) => {
          if (timedOut) finish(124, `timed out after ${Math.round(timeoutMs / 100) / 10} s\n`);
          else finish(code ?? (sig ? 128 + (sig === 'SIGKILL' ? 9 : sig === 'SIGTERM' ? 15 : 1) : 1));
        });
        child.stdin!.on('error', () => {
          // the command exited without reading its input
        });
        child.stdin!.end(ro.input ?? '');
      });
    },
  };
}
