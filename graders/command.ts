// command: a shell command on a node exits with a code and prints something.
import type { Grader } from './types.ts';
import { bash, cap, fail, nodeOf, pass, quote } from './util.ts';

export const command: Grader = {
  type: 'command',
  summary: 'A shell command run with bash on a node exits with exitCode (default 0) and its output contains or matches a text.',
  params: {
    type: 'object',
    required: ['run'],
    properties: {
      node: { type: 'string', minLength: 1 },
      run: { type: 'string', minLength: 1 },
      exitCode: { type: 'integer', minimum: 0, maximum: 255 },
      stdoutContains: { type: 'string', minLength: 1 },
      stdoutMatches: { type: 'string', minLength: 1 },
      timeout: { type: 'number', exclusiveMinimum: 0, description: 'seconds (default 30)' },
    },
  },
  async run(session, check) {
    const node = nodeOf(check) ?? 'controlplane';
    const code = typeof check.exitCode === 'number' ? check.exitCode : 0;
    const wants = [`exit code ${code}`];
    if (check.stdoutContains !== undefined) wants.push(`output containing ${quote(String(check.stdoutContains))}`);
    if (check.stdoutMatches !== undefined) wants.push(`output matching /${check.stdoutMatches}/`);
    const expected = `\`${cap(String(check.run), 120)}\` on ${node}: ${wants.join(', ')}`;
    const r = await bash(session, String(check.run), { node: nodeOf(check), timeoutMs: typeof check.timeout === 'number' ? check.timeout * 1000 : 30000 });
    const problems: string[] = [];
    if (r.code !== code) problems.push(`it exited with code ${r.code}`);
    if (check.stdoutContains !== undefined && !r.stdout.includes(String(check.stdoutContains))) problems.push(`its output does not contain ${quote(String(check.stdoutContains))}`);
    if (check.stdoutMatches !== undefined && !new RegExp(String(check.stdoutMatches), 'm').test(r.stdout)) problems.push(`its output does not match /${check.stdoutMatches}/`);
    const out = cap(r.stdout, 300);
    const err = cap(r.stderr, 200);
    const actual = `exit code ${r.code}; output ${quote(out)}${r.code !== 0 && err ? `; stderr ${quote(err)}` : ''}`;
    if (!problems.length) return pass(expected, actual, `The command on ${node} ${wants.length > 1 ? 'printed what was expected' : 'succeeded'}.`);
    return fail(expected, actual, `The command on ${node} did not give what was expected: ${problems.join('; ')}.`);
  },
};
