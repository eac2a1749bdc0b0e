// script: a shell script on a node; exit 0 passes (the Killercoda verify.sh convention).
import type { Grader } from './types.ts';
import { bash, cap, fail, nodeOf, pass } from './util.ts';

export const script: Grader = {
  type: 'script',
  summary: 'A shell script run with bash on a node: exit 0 passes, anything else fails; its output is the evidence.',
  params: {
    type: 'object',
    required: ['script'],
    properties: {
      node: { type: 'string', minLength: 1 },
      script: { type: 'string', minLength: 1 },
      timeout: { type: 'number', exclusiveMinimum: 0, description: 'seconds (default 30)' },
    },
  },
  async run(session, check) {
    const node = nodeOf(check) ?? 'controlplane';
    const r = await bash(session, String(check.script), { node: nodeOf(check), timeoutMs: typeof check.timeout === 'number' ? check.timeout * 1000 : 30000 });
    const out = cap(`${r.stdout}\n${r.stderr}`.trim(), 500);
    const actual = `exit code ${r.code}${out ? `: ${out}` : ''}`;
    if (r.code === 0) return pass('the verification script exits 0', actual, `The verification script on ${node} passed${out ? `: ${cap(out, 160)}` : ''}.`);
    return fail('the verification script exits 0', actual, `The verification script on ${node} failed (exit code ${r.code})${out ? `: ${cap(out, 160)}` : ''}.`);
  },
};
