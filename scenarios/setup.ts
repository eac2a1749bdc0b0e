// Builds a scenario's or task's start state in a session: manifests applied, files written,
// scripts run, conditions waited for — in order; a failure names the step and shows its output.
import type { SessionHandle } from '../graders/types.ts';
import type { SetupStep } from './types.ts';

export class SetupError extends Error {
  constructor(message: string, readonly step: number, readonly output: string) {
    super(message);
  }
}

const ADMIN = '/etc/kubernetes/admin.conf';

function describeStep(s: SetupStep): string {
  if ('apply' in s) return `apply${s.namespace ? ` (namespace ${s.namespace})` : ''}`;
  if ('file' in s) return `file ${s.file.path}${s.file.node ? ` on ${s.file.node}` : ''}`;
  if ('run' in s) return `run on ${s.node ?? 'controlplane'}: ${firstLine(s.run)}`;
  return `waitFor on ${s.node ?? 'controlplane'}: ${firstLine(s.waitFor)}`;
}

function firstLine(s: string): string {
  const l = s.trim().split('\n')[0];
  return l.length > 80 ? `${l.slice(0, 80)}…` : l;
}

function tail(s: string, n = 1500): string {
  const t = s.trim();
  return t.length > n ? `…${t.slice(-n)}` : t;
}

/** Applies steps in order. Throws SetupError on the first failing step. */
export async function applySetup(session: SessionHandle, steps: SetupStep[] | undefined, o: { onLog?: (line: string) => void; label?: string } = {}): Promise<void> {
  const log = o.onLog ?? (() => {});
  const label = o.label ? `${o.label} ` : '';
  for (const [i, step] of (steps ?? []).entries()) {
    const what = `${label}setup step ${i + 1} (${describeStep(step)})`;
    const t0 = Date.now();
    const failWith = (why: string, output: string): never => {
      throw new SetupError(`${what} failed: ${why}${output.trim() ? `\n${tail(output)}` : ''}`, i, output);
    };
    if ('apply' in step) {
      const kubeconfig = session.adminKubeconfig ?? ADMIN;
      const r = await session.run(['kubectl', `--kubeconfig=${kubeconfig}`, 'apply', ...(step.namespace ? ['-n', step.namespace] : []), '-f', '-'], { input: step.apply, timeoutMs: 60000 });
      if (r.code !== 0) failWith(`kubectl apply exited with code ${r.code}`, r.stderr + r.stdout);
    } else if ('file' in step) {
      const f = step.file;
      const script = 'set -e; mkdir -p "$(dirname "$1")"; cat > "$1"; if [ -n "$2" ]; then chmod "$2" "$1"; fi';
      const r = await session.run(['bash', '-c', script, 'kubedojo-setup', f.path, f.mode ?? ''], { node: f.node, input: f.content, timeoutMs: 30000 });
      if (r.code !== 0) failWith(`writing the file exited with code ${r.code}`, r.stderr + r.stdout);
    } else if ('run' in step) {
      const r = await session.run(['bash', '-c', step.run], { node: step.node, timeoutMs: (step.timeout ?? 120) * 1000 });
      if (r.code !== 0) failWith(`the script exited with code ${r.code}`, r.stderr + r.stdout);
    } else if ('waitFor' in step) {
      const limit = Date.now() + (step.timeout ?? 60) * 1000;
      let last: { code: number; stdout: string; stderr: string } | undefined;
      for (;;) {
        last = await session.run(['bash', '-c', step.waitFor], { node: step.node, timeoutMs: Math.max(5000, limit - Date.now()) });
        if (last.code === 0) break;
        if (Date.now() >= limit) failWith(`the condition did not hold within ${step.timeout ?? 60} s (last exit code ${last.code})`, last.stderr + last.stdout);
        await new Promise((r) => setTimeout(r, 500));
      }
    } else {
      failWith(`unknown step kind (keys: ${Object.keys(step).join(', ')})`, '');
    }
    log(`${label}setup step ${i + 1} ok: ${describeStep(step)} (${Date.now() - t0} ms)`);
  }
}
