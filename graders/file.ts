// file: a file on a node exists (or not), contains a string, matches a regex, has a mode.
import type { Grader } from './types.ts';
import { bash, cap, fail, nodeOf, pass, quote } from './util.ts';

const READ = `p="$1"
if [ ! -e "$p" ]; then echo "absent"; exit 0; fi
if [ -d "$p" ]; then echo "dir $(stat -c %a "$p")"; exit 0; fi
echo "file $(stat -c %a "$p") $(stat -c %s "$p")"
head -c 262144 "$p"`;

export const file: Grader = {
  type: 'file',
  summary: 'A file on a node exists (or not), contains a string, matches a regular expression, has an octal mode.',
  params: {
    type: 'object',
    required: ['path'],
    properties: {
      node: { type: 'string', minLength: 1 },
      path: { type: 'string', pattern: '^/' },
      exists: { type: 'boolean' },
      contains: { type: 'string', minLength: 1 },
      matches: { type: 'string', minLength: 1 },
      mode: { type: 'string', pattern: '^0?[0-7]{3,4}$' },
    },
  },
  async run(session, check) {
    const path = String(check.path);
    const node = nodeOf(check) ?? 'controlplane';
    const want = check.exists !== false;
    const wants: string[] = [want ? 'exists' : 'does not exist'];
    if (check.contains !== undefined) wants.push(`contains ${quote(String(check.contains))}`);
    if (check.matches !== undefined) wants.push(`matches /${check.matches}/`);
    if (check.mode !== undefined) wants.push(`mode ${check.mode}`);
    const expected = `${path} on ${node} ${wants.join(', ')}`;
    const r = await bash(session, READ, { node: nodeOf(check), args: [path] });
    if (r.code !== 0) return fail(expected, cap(r.stderr || r.stdout, 300), `Could not read ${path} on ${node}: ${cap(r.stderr || r.stdout, 200)}`);
    const nl = r.stdout.indexOf('\n');
    const head = (nl < 0 ? r.stdout : r.stdout.slice(0, nl)).trim().split(' ');
    const content = nl < 0 ? '' : r.stdout.slice(nl + 1);
    if (head[0] === 'absent') {
      return want ? fail(expected, `${path}: No such file or directory`, `${path} does not exist on ${node}.`) : pass(expected, `${path}: No such file or directory`, `${path} does not exist on ${node}, as expected.`);
    }
    if (!want) return fail(expected, `${path} exists`, `${path} still exists on ${node}.`);
    const mode = head[1].padStart(4, '0');
    const problems: string[] = [];
    if (check.mode !== undefined && mode !== String(check.mode).padStart(4, '0')) problems.push(`its mode is ${mode}`);
    if (head[0] === 'dir' && (check.contains !== undefined || check.matches !== undefined)) problems.push('it is a directory');
    else {
      if (check.contains !== undefined && !content.includes(String(check.contains))) problems.push(`it does not contain ${quote(String(check.contains))}`);
      if (check.matches !== undefined && !new RegExp(String(check.matches), 'm').test(content)) problems.push(`it does not match /${check.matches}/`);
    }
    // show the line that matched (or the start of the file) rather than the whole file
    const lines = content.split('\n');
    const hitLine = check.contains !== undefined ? lines.find((l) => l.includes(String(check.contains))) : check.matches !== undefined ? lines.find((l) => new RegExp(String(check.matches)).test(l)) : undefined;
    const shown = hitLine !== undefined && !problems.length ? `line ${quote(cap(hitLine, 200))}` : quote(cap(content, 300));
    const actual = head[0] === 'dir' ? `directory, mode ${mode}` : `mode ${mode}, ${head[2]} bytes: ${shown}`;
    if (!problems.length) return pass(expected, actual, `${path} on ${node} ${wants.join(', ')}.`);
    return fail(expected, actual, `${path} on ${node}: ${problems.join('; ')}.`);
  },
};
