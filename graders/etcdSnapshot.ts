// etcdSnapshot: a file on a node is a valid etcd snapshot (etcdutl/etcdctl snapshot status), with
// a revision at least minRevision and holding a given key.
import type { Grader } from './types.ts';
import { bash, cap, fail, nodeOf, pass } from './util.ts';

// Prints the status JSON on line 1, then "key yes|no" when a key is asked for. A key is looked for
// in the bolt file itself: every stored revision of a key carries the key's bytes.
const STATUS = `p="$1"; key="$2"
if [ ! -e "$p" ]; then echo "$p: No such file or directory" >&2; exit 3; fi
if command -v etcdutl >/dev/null 2>&1; then out=$(etcdutl snapshot status "$p" -w json 2>&1); rc=$?
else out=$(ETCDCTL_API=3 etcdctl snapshot status "$p" -w json 2>&1); rc=$?; fi
if [ $rc -ne 0 ]; then echo "$out" >&2; exit 4; fi
printf '%s\\n' "$out" | grep '^{' | head -n 1
if [ -n "$key" ]; then if grep -qaF -- "$key" "$p"; then echo "key yes"; else echo "key no"; fi; fi`;

export const etcdSnapshot: Grader = {
  type: 'etcdSnapshot',
  summary: 'A file on a node is a valid etcd snapshot (snapshot status), optionally with revision ≥ minRevision and containing an etcd key.',
  params: {
    type: 'object',
    required: ['path'],
    properties: {
      node: { type: 'string', minLength: 1 },
      path: { type: 'string', pattern: '^/' },
      minRevision: { type: 'integer', minimum: 0 },
      key: { type: 'string', minLength: 1, description: 'an etcd key, e.g. /registry/deployments/default/web' },
    },
  },
  async run(session, check) {
    const path = String(check.path);
    const node = nodeOf(check) ?? 'controlplane';
    const wants = ['a valid etcd snapshot'];
    if (check.minRevision !== undefined) wants.push(`revision ≥ ${check.minRevision}`);
    if (check.key !== undefined) wants.push(`holding key ${check.key}`);
    const expected = `${path} on ${node}: ${wants.join(', ')}`;
    const r = await bash(session, STATUS, { node: nodeOf(check), args: [path, typeof check.key === 'string' ? check.key : ''], timeoutMs: 60000 });
    if (r.code === 3) return fail(expected, `${path}: No such file or directory`, `There is no snapshot at ${path} on ${node}.`);
    if (r.code !== 0) {
      const err = cap(r.stderr || r.stdout, 300);
      return fail(expected, err, `${path} on ${node} is not a valid etcd snapshot: ${err}`);
    }
    const lines = r.stdout.trim().split('\n');
    let st: { hash?: number; revision?: number; totalKey?: number; totalSize?: number };
    try {
      st = JSON.parse(lines[0]);
    } catch {
      return fail(expected, cap(r.stdout, 300), `snapshot status printed something unexpected: ${cap(r.stdout, 200)}`);
    }
    const problems: string[] = [];
    if (check.minRevision !== undefined && (st.revision ?? 0) < Number(check.minRevision)) problems.push(`its revision is ${st.revision}, below ${check.minRevision}`);
    if (check.key !== undefined && !lines.includes('key yes')) problems.push(`it does not hold the key ${check.key}`);
    const actual = `revision ${st.revision}, ${st.totalKey} keys, ${st.totalSize} bytes`;
    if (!problems.length) return pass(expected, actual, `${path} on ${node} is a valid etcd snapshot (${actual}).`);
    return fail(expected, actual, `${path} on ${node} is a snapshot, but ${problems.join(' and ')}.`);
  },
};
