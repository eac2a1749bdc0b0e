// Where bubblewrap or root is missing, clusters run unsandboxed on free loopback ports, and say so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers/cluster.ts';

const kd = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(join(ROOT, 'bin/kubedojo'), args, { encoding: 'utf8', env: { ...process.env, ...env } });

test('local mode: a labelled, working cluster that is removed completely', () => {
  const name = `local-${process.pid}`;
  const created = kd(['cluster', 'create', name], { KUBEDOJO_MODE: 'local' });
  try {
    assert.equal(created.status, 0, created.stderr);
    assert.match(created.stdout, /LOCAL MODE, not isolated/);
    const nodes = kd(['exec', name, '--', 'kubectl', 'get', 'nodes', '-o', 'name']);
    assert.equal(nodes.stdout, 'node/controlplane\nnode/node01\n');
    const list = JSON.parse(kd(['cluster', 'list', '--json']).stdout);
    assert.equal(list.find((c: any) => c.name === name).mode, 'local');
  } finally {
    assert.equal(kd(['cluster', 'delete', name]).status, 0);
  }
  assert.equal(kd(['exec', name, '--', 'true']).stderr.trim(), `error: cluster "${name}" not found`);
});
