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

test('systemctl and journalctl drive the kubelet service; a stopped kubelet stops heartbeats', () => {
  const r = c.sh('ssh node01 "systemctl stop kubelet && systemctl disable kubelet"');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /Removed "\/etc\/systemd\/system\/multi-user\.target\.wants\/kubelet\.service"\./);
  const st = c.sh('ssh node01 systemctl status kubelet');
  assert.equal(st.code, 3);
  assert.match(st.stdout, /Loaded: loaded \(\/etc\/systemd\/system\/kubelet\.service; disabled; preset: enabled\)/);
  assert.match(st.stdout, /Active: inactive \(dead\)/);
  assert.equal(c.sh('ssh node01 systemctl is-active kubelet').stdout, 'inactive\n');
  assert.equal(c.sh('ssh node01 systemctl is-enabled kubelet').stdout, 'disabled\n');
  const lease = () => c.k("get lease node01 -n kube-node-lease -o jsonpath='{.spec.renewTime}'");
  const before = lease();
  c.sh('sleep 1.2');
  assert.equal(lease(), before, 'a stopped kubelet does not renew its lease');
  assert.equal(c.sh('ssh node01 systemctl enable --now kubelet').code, 0);
  assert.equal(c.sh('ssh node01 systemctl is-active kubelet').stdout, 'active\n');
  assert.equal(c.sh('ssh node01 systemctl is-enabled kubelet').stdout, 'enabled\n');
  assert.match(c.sh('ssh node01 journalctl -u kubelet --no-pager').stdout, /node01 systemd\[1\]: Stopped kubelet\.service - kubelet: The Kubernetes Node Agent\.[\s\S]*Started kubelet\.service/);
});

test('a broken kubelet config keeps the service restarting with the error in the journal', () => {
  c.sh('cp /var/lib/kubelet/config.yaml /tmp/kc && echo "oops: [" >> /var/lib/kubelet/config.yaml && systemctl restart kubelet');
  assert.match(c.sh('systemctl status kubelet').stdout, /Active: activating \(auto-restart\) \(Result: exit-code\)/);
  assert.match(c.sh('journalctl -u kubelet -n 3').stdout, /run\.go:72\] "command failed" err="failed to load kubelet config file, path: \/var\/lib\/kubelet\/config\.yaml/);
  c.sh('cp /tmp/kc /var/lib/kubelet/config.yaml && systemctl restart kubelet');
  assert.equal(c.sh('systemctl is-active kubelet').stdout, 'active\n');
});

test('crictl shows each node its own containers, pods and images, with logs, exec and stop', () => {
  c.k('run cri-probe --image=busybox:1.36 --overrides=\'{"spec":{"nodeName":"node01"}}\' --command -- sh -c "echo hello-from-cri; sleep 3600"');
  c.k('wait --for=condition=Ready pod/cri-probe --timeout=60s');
  const ps = c.sh('crictl ps').stdout;
  assert.match(ps, /^CONTAINER\s+IMAGE\s+CREATED\s+STATE\s+NAME\s+ATTEMPT\s+POD ID\s+POD\s+NAMESPACE$/m);
  assert.match(ps, /Running\s+kube-scheduler\s+0\s+\w{13}\s+kube-scheduler-controlplane\s+kube-system/);
  assert.doesNotMatch(ps, /cri-probe/, 'a pod of node01 is not on controlplane');
  const id = c.sh("ssh node01 crictl ps -q --name '^cri-probe$'").stdout.trim();
  assert.match(id, /^[0-9a-f]{64}$/);
  assert.equal(c.sh(`ssh node01 crictl logs ${id.slice(0, 12)}`).stdout, 'hello-from-cri\n');
  assert.equal(c.sh(`ssh node01 crictl exec ${id} cat /etc/hostname`).stdout.trim(), 'cri-probe');
  assert.match(c.sh('crictl images').stdout, /registry\.k8s\.io\/kube-apiserver\s+v1\.35\.2\s+\w{13}\s+27MB/);
  assert.match(c.sh('crictl pods --name etcd').stdout, /Ready\s+etcd-controlplane\s+kube-system\s+0\s+\(default\)/);
  // a container stopped by hand is restarted by the kubelet (restartPolicy Always)
  assert.equal(c.sh(`ssh node01 crictl stop ${id}`).code, 0);
  for (let i = 0; i < 100 && c.k("get pod cri-probe -o jsonpath='{.status.containerStatuses[0].restartCount}'") === '0'; i++) c.sh('sleep 0.2');
  assert.equal(c.k("get pod cri-probe -o jsonpath='{.status.containerStatuses[0].restartCount}'"), '1');
});

/** Polls a shell condition (every 200 ms) until it holds or `seconds` pass. */
async function until(cl: TestCluster, script: string, seconds = 30): Promise<void> {
  for (let i = 0; i < seconds * 5; i++) {
    if (cl.sh(script).code === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`timed out waiting for: ${script}`);
}

test('ctr run runs a container from an image pulled into its own namespace, which crictl does not see', async () => {
  const pull = c.sh('ctr -n default images pull docker.io/library/busybox:1.36');
  assert.equal(pull.code, 0, pull.stderr);
  assert.match(pull.stdout, /^Completed pull from OCI Registry \(docker\.io\/library\/busybox:1\.36\)/m);
  assert.equal(c.sh('ctr images ls -q').stdout, 'docker.io/library/busybox:1.36\n');
  assert.doesNotMatch(c.sh('crictl images').stdout, /busybox/, 'the default namespace has its own images');
  const run = c.sh('ctr run --rm docker.io/library/busybox:1.36 t1 echo hi');
  assert.deepEqual([run.code, run.stdout, run.stderr], [0, 'hi\n', '']);
  assert.equal(c.sh('ctr run --rm docker.io/library/busybox:1.36 t1 sh -c "echo oops >&2; exit 3"').code, 3);
  assert.equal(c.sh('ctr run --rm docker.io/library/busybox:1.36 t1 cat', { input: 'from stdin\n' }).stdout, 'from stdin\n');
  for (const [cmd, err] of [
    ['ctr run', 'ctr: image ref must be provided\n'],
    ['ctr run docker.io/library/busybox:1.36', 'ctr: container id must be provided\n'],
    ['ctr run busybox t2', 'ctr: image "busybox": not found\n'],
    ['ctr -n k8s.io run docker.io/library/busybox:1.36 t2', 'ctr: image "docker.io/library/busybox:1.36": not found\n'],
    ['ctr run --rm -d docker.io/library/busybox:1.36 t2', 'ctr: flags --detach and --rm cannot be specified together\n'],
  ]) {
    const r = c.sh(cmd);
    assert.deepEqual([r.code, r.stderr], [1, err], cmd);
  }
  // a detached task: RUNNING until killed (its shell traps SIGTERM: as pid 1 it would ignore it)
  assert.equal(c.sh('ctr run -d docker.io/library/busybox:1.36 t3 sh -c "trap \'exit 0\' TERM; sleep 3600 & wait"').code, 0);
  assert.match(c.sh('ctr tasks ls').stdout, /^TASK\s+PID\s+STATUS\nt3\s+\d+\s+RUNNING\n$/);
  assert.match(c.sh('ctr containers ls').stdout, /^t3\s+docker\.io\/library\/busybox:1\.36\s+io\.containerd\.runc\.v2$/m);
  assert.equal(c.sh('ctr run -d docker.io/library/busybox:1.36 t3 true').stderr, 'ctr: snapshot "t3": already exists\n');
  assert.doesNotMatch(c.sh('ctr -n k8s.io containers ls -q').stdout, /^t3$/m);
  assert.doesNotMatch(c.sh('crictl ps -a').stdout, /\bt3\b/);
  assert.match(c.sh('ctr containers rm t3').stderr, /ctr: cannot delete a non stopped container: \{running 0 0001-01-01 00:00:00 \+0000 UTC\}\n$/);
  assert.equal(c.sh('ctr tasks kill t3').code, 0);
  await until(c, 'ctr tasks ls | grep -Eq "^t3 +[0-9]+ +STOPPED$"');
  assert.equal(c.sh('ctr tasks kill t3').stderr, 'ctr: process already finished: not found\n');
  assert.equal(c.sh('ctr tasks rm t3 && ctr containers rm t3').code, 0);
  assert.equal(c.sh('ctr containers ls -q').stdout, '');
  assert.equal(c.sh('ctr tasks kill t3').stderr, 'ctr: container "t3" in namespace "default": not found\n');
});

test('nerdctl run pulls what it lacks and runs containers in its namespace, with ps, logs, stop and rm', async () => {
  const run = c.sh('nerdctl run -d --name web -p 8080:80 nginx:1.27');
  assert.equal(run.code, 0, run.stderr);
  const id = run.stdout.trim();
  assert.match(id, /^[0-9a-f]{64}$/);
  assert.match(run.stderr, /^docker\.io\/library\/nginx:1\.27:\s+resolved\s+\|\+{38}\|$/m, 'the image was pulled first');
  const ps = c.sh('nerdctl ps').stdout;
  assert.match(ps, /^CONTAINER ID\s+IMAGE\s+COMMAND\s+CREATED\s+STATUS\s+PORTS\s+NAMES$/m);
  assert.match(ps, new RegExp(`^${id.slice(0, 12)}\\s{4}docker\\.io/library/nginx:1\\.27\\s{4}"/docker-entrypoint\\.…"\\s{4}\\S.* ago\\s{4,}Up\\s{4,}0\\.0\\.0\\.0:8080->80/tcp\\s{4}web$`, 'm'));
  await until(c, 'nerdctl logs web | grep -q "Configuration complete; ready for start up"');
  const once = c.sh('nerdctl run --rm busybox:1.36 sh -c "echo once; hostname | wc -c"');
  assert.deepEqual([once.code, once.stdout], [0, 'once\n13\n'], 'a 12-character hostname (the ID)');
  assert.equal(c.sh('nerdctl run --rm busybox:1.36 sh -c "exit 4"').code, 4);
  assert.match(c.sh('nerdctl run -d --name web nginx:1.27').stderr, /level=fatal msg="name \\"web\\" is already used by ID \\"[0-9a-f]{64}\\""/);
  assert.match(c.sh('nerdctl run nosuchimage').stderr, /level=fatal msg="failed to resolve reference \\"docker\.io\/library\/nosuchimage:latest\\": pull access denied, repository does not exist or may require authorization/);
  assert.match(c.sh('nerdctl rm web').stderr, new RegExp(`msg="1 errors:\\\\ncontainer ${id} is in running status\\. unpause/stop container first or force removal"`));
  assert.doesNotMatch(c.sh('crictl ps -a -q').stdout, new RegExp(id), 'not a CRI container');
  assert.match(c.sh('ctr containers ls -q').stdout, new RegExp(`^${id}$`, 'm'), 'nerdctl and ctr share the default namespace');
  assert.equal(c.sh('nerdctl stop web').stdout, 'web\n');
  assert.match(c.sh('nerdctl ps -a').stdout, new RegExp(`^${id.slice(0, 12)}\\s.*\\s{4}Exited \\(0\\) \\S.* ago\\s{4,}0\\.0\\.0\\.0:8080->80/tcp\\s{4}web$`, 'm'));
  assert.equal(c.sh('nerdctl ps -q').stdout, '');
  assert.equal(c.sh('nerdctl rm web').stdout, 'web\n');
  assert.equal(c.sh('nerdctl ps -a -q').stdout, '', 'removed, and the --rm containers removed themselves');
});

test('crictl rm -f of a pod\'s container: the kubelet starts a new one, counting restarts as upstream does', async () => {
  c.k('run rmf --image=busybox:1.36 --overrides=\'{"spec":{"nodeName":"controlplane"}}\' --command -- sh -c "echo up; sleep 3600"');
  c.k('wait --for=condition=Ready pod/rmf --timeout=60s');
  const status = () => c.k("get pod rmf -o jsonpath='{.status.containerStatuses[0].containerID} {.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].ready}'").split(' ');
  const [first] = status();
  const id = first.replace('containerd://', '');
  const rm = c.sh(`crictl rm -f ${id}`);
  assert.equal(rm.stdout, `${id}\n${id}\n`, 'stopped, then removed');
  await until(c, `kubectl get pod rmf -o jsonpath='{.status.containerStatuses[0].containerID}' | grep -v ${id} | grep -q containerd`);
  // the removed container (and its log, 0.log) are gone: the new one is attempt 0 again
  const [second, restarts] = status();
  assert.equal(restarts, '0');
  assert.doesNotMatch(c.sh('crictl ps -a -q').stdout, new RegExp(id));
  assert.match(c.sh("crictl ps -a --name '^rmf$'").stdout, new RegExp(`^${second.slice(13, 26)}\\s.*\\sRunning\\s+rmf\\s+0\\s`, 'm'));
  // stopped: restarted with the count up, the exited one kept until removed by hand
  const id2 = second.replace('containerd://', '');
  assert.equal(c.sh(`crictl stop ${id2}`).stdout, `${id2}\n`);
  await until(c, `[ "$(kubectl get pod rmf -o jsonpath='{.status.containerStatuses[0].restartCount}')" = 1 ]`);
  assert.match(c.sh(`crictl ps -a -q --name '^rmf$'`).stdout, new RegExp(id2));
  assert.equal(c.sh(`crictl rm ${id2}`).stdout, `${id2}\n`);
  assert.doesNotMatch(c.sh('crictl ps -a -q').stdout, new RegExp(id2));
  assert.equal(status()[1], '1');
  assert.match(c.sh('crictl rm $(crictl ps -q --name "^rmf$")').stderr, /level=fatal msg="container \\"[0-9a-f]{64}\\" is running, please stop it first"/);
  c.k('delete pod rmf --grace-period=0 --force');
});

test('crictl runp, create and start: a sandbox made by hand runs until the kubelet stops and garbage-collects it', async () => {
  // a cluster whose time runs 10 times faster: the kubelet stops orphans after 30 s, collects them every minute
  const fast = await TestCluster.create('nt-gc', 0, { clockSpeed: 10 });
  try {
    const pod = '{"metadata": {"name": "hand-sandbox", "namespace": "default", "uid": "hdishd83djaidwnduwk28bcsb", "attempt": 1}, "log_directory": "/tmp", "linux": {}}\n';
    const container = 'metadata:\n  name: hand\nimage:\n  image: busybox:1.36\ncommand: [sh, -c, "echo made by hand; sleep 3600"]\nlog_path: hand.0.log\n';
    assert.equal(fast.sh('cat > /root/pod.json', { input: pod }).code, 0);
    assert.equal(fast.sh('cat > /root/container.yaml', { input: container }).code, 0);
    const setup = fast.sh('cd /root && P=$(crictl runp pod.json) && C=$(crictl create --with-pull $P container.yaml pod.json) && crictl start $C >/dev/null && echo $P $C && crictl ps --name hand && crictl pods --name hand');
    assert.equal(setup.code, 0, setup.stderr);
    const [pid, cid] = setup.stdout.split('\n')[0].split(' ');
    assert.match(pid, /^[0-9a-f]{64}$/);
    assert.match(setup.stdout, new RegExp(`^${cid.slice(0, 13)}\\s+\\w{13}\\s+.* ago\\s+Running\\s+hand\\s+0\\s+${pid.slice(0, 13)}\\s+hand-sandbox\\s+default$`, 'm'));
    assert.match(setup.stdout, new RegExp(`^${pid.slice(0, 13)}\\s+.* ago\\s+Ready\\s+hand-sandbox\\s+default\\s+1\\s+\\(default\\)$`, 'm'));
    await until(fast, `crictl logs ${cid} | grep -q "made by hand"`, 5);
    assert.equal(fast.sh('cut -d" " -f2- /tmp/hand.0.log').stdout, 'stdout F made by hand\n');
    assert.equal(fast.sh('crictl runp /root/pod.json').stderr.replace(/^time="[^"]*" /, ''),
      `level=fatal msg="run pod sandbox: rpc error: code = Unknown desc = failed to reserve sandbox name \\"hand-sandbox_default_hdishd83djaidwnduwk28bcsb_1\\": name \\"hand-sandbox_default_hdishd83djaidwnduwk28bcsb_1\\" is reserved for \\"${pid}\\""\n`);
    assert.doesNotMatch(fast.sh('ctr containers ls -q').stdout, new RegExp(cid), 'a CRI container is not in the default namespace');
    assert.match(fast.sh('ctr -n k8s.io containers ls -q').stdout, new RegExp(cid));
    // the kubelet stops what it does not know, then its garbage collection removes it
    await until(fast, 'crictl pods --name hand-sandbox | grep -q NotReady && crictl ps -a --name hand | grep -q Exited', 30);
    await until(fast, '[ -z "$(crictl pods -q --name hand-sandbox)" ] && [ -z "$(crictl ps -a -q --name hand)" ]', 30);
  } finally {
    await fast.delete();
  }
});
