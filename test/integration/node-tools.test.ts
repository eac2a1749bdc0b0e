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
