// A fresh cluster looks like a small kubeadm cluster from the candidate's shell, and sessions are
// isolated from each other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TestCluster, cells } from '../helpers/cluster.ts';

let a: TestCluster;
let b: TestCluster;

before(async () => {
  a = await TestCluster.create('cl');
  b = await TestCluster.create('cl', 2);
});
after(async () => {
  await a?.delete();
  await b?.delete();
});

test('nodes are Ready with kubeadm roles and the exam version', () => {
  const rows = cells(a.k('get nodes'));
  assert.deepEqual(rows[0], ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
  assert.deepEqual(rows.slice(1).map((r) => [r[0], r[1], r[2], r[4]]), [
    ['controlplane', 'Ready', 'control-plane', 'v1.35.2'],
    ['node01', 'Ready', '<none>', 'v1.35.2'],
  ]);
  assert.equal(cells(b.k('get nodes --no-headers')).length, 3, 'workers is a parameter');
  assert.match(a.k('describe node node01'), /Lease:\n\s+HolderIdentity:\s+node01\n/);
  assert.match(a.k('describe node controlplane'), /Taints:\s+node-role\.kubernetes\.io\/control-plane:NoSchedule\n/);
});

test('the shell is root on controlplane with kubeadm files, kubeconfig and etcdctl defaults', () => {
  const r = a.sh('hostname; id -un; pwd; echo $KUBECONFIG $ETCDCTL_API; ls /etc/kubernetes/manifests; ls /etc/kubernetes/pki/etcd; ls /etc/kubernetes; test -d /var/lib/etcd/member && echo etcd-data');
  assert.equal(r.code, 0, r.stderr);
  const out = r.stdout.split('\n');
  assert.deepEqual(out.slice(0, 4), ['controlplane', 'root', '/root', '/root/.kube/config 3']);
  for (const f of ['etcd.yaml', 'kube-apiserver.yaml', 'kube-controller-manager.yaml', 'kube-scheduler.yaml', 'ca.crt', 'server.crt', 'healthcheck-client.key', 'admin.conf', 'super-admin.conf', 'kubelet.conf', 'scheduler.conf', 'controller-manager.conf', 'etcd-data']) {
    assert.ok(out.includes(f), `missing ${f}: ${r.stdout}`);
  }
  const node = a.sh('hostname; grep -c kubelet-client-current.pem /etc/kubernetes/kubelet.conf; openssl x509 -noout -subject -in /var/lib/kubelet/pki/kubelet-client-current.pem; ls /etc/kubernetes/manifests | wc -l', { node: 'node01' });
  const lines = node.stdout.trim().split('\n');
  assert.equal(lines[0], 'node01');
  assert.equal(lines[1], '2');
  assert.match(lines[2], /O ?= ?system:nodes, CN ?= ?system:node:node01/);
  assert.equal(lines[3], '0');
});

test('the admin certificate has the kubeadm groups and the API server answers as that user', () => {
  const subj = a.sh("kubectl config view --raw -o jsonpath='{.users[0].user.client-certificate-data}' | base64 -d | openssl x509 -noout -subject").stdout;
  assert.match(subj, /O ?= ?kubeadm:cluster-admins, CN ?= ?kubernetes-admin/);
  const who = a.k('auth whoami -o jsonpath={.status.userInfo.username},{.status.userInfo.groups}');
  assert.equal(who, 'kubernetes-admin,["kubeadm:cluster-admins","system:authenticated"]');
});

test('exit codes and stdin pass through exec', () => {
  assert.equal(a.sh('exit 7').code, 7);
  assert.equal(a.run(['cat'], { input: 'hello\n' }).stdout, 'hello\n');
  const r = a.kubectl('get pod missing');
  assert.equal(r.code, 1);
  assert.equal(r.stderr.trim(), 'Error from server (NotFound): pods "missing" not found');
});

test('sessions are isolated: files, processes and the API are their own', () => {
  a.k('create namespace only-in-a');
  assert.equal(b.kubectl('get namespace only-in-a').code, 1);
  a.sh('echo secret > /root/mine');
  assert.notEqual(b.sh('cat /root/mine').code, 0);
  // both sessions own 127.0.0.1:2379 and :6443 in their own network namespace
  // each session sees its own processes only (its etcd, its containers), never another session's
  b.sh('(setsid sleep 4242 >/dev/null 2>&1 &)');
  const ps = a.sh('ps -e -o args=').stdout.split('\n').filter(Boolean);
  assert.ok(ps.some((p) => /^etcd /.test(p)), `no etcd among: ${ps.join(' | ')}`);
  assert.ok(!ps.some((p) => p.includes('sleep 4242')), 'a process of the other session is visible');
  assert.ok(b.sh('ps -e -o args=').stdout.includes('sleep 4242'));
  assert.equal(a.sh('ls /work 2>/dev/null | wc -l').stdout.trim(), '0', 'the host filesystem is not visible');
});
