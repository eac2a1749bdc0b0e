// Node tools as a candidate uses them: `ssh node01` (commands, stdin, exit codes, a login shell on
// a terminal) reaches the other node's files and hostname.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TestCluster } from '../helpers/cluster.ts';

let c: TestCluster;
before(async () => {
  c = await TestCluster.create('nt');
});
after(async () => c?.delete());

test('ssh runs commands on the other node with stdin, output and exit codes', () => {
  assert.equal(c.sh('ssh node01 hostname').stdout, 'node01\n');
  assert.equal(c.sh('ssh node01 "cat > /tmp/from-cp" && ssh node01 cat /tmp/from-cp', { input: 'hello node01\n' }).stdout, 'hello node01\n');
  assert.notEqual(c.sh('cat /tmp/from-cp').code, 0, 'the file is on node01, not on controlplane');
  assert.equal(c.sh('ssh node01 "exit 3"').code, 3);
  assert.equal(c.sh('ssh root@node01 -o StrictHostKeyChecking=no -- test -f /var/lib/kubelet/config.yaml').code, 0);
  assert.equal(c.sh('ssh node01 ssh controlplane hostname').stdout, 'controlplane\n');
});

test('ssh to an unknown host fails as OpenSSH does', () => {
  const r = c.sh('ssh node09 true');
  assert.equal(r.code, 255);
  assert.equal(r.stderr, 'ssh: Could not resolve hostname node09: Name or service not known\n');
});

test('ssh on a terminal gives a login shell on the node', () => {
  const r = c.sh("printf 'hostname\\nexit 4\\n' | script -qec 'ssh node01' /dev/null");
  assert.equal(r.code, 4);
  assert.match(r.stdout, /root@node01:~# hostname[\r\n]+(\S*[\r\n]+)?.*node01/);
});
