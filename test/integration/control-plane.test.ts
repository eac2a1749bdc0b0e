// The control plane driven by its static pod manifests, as a candidate repairs it: etcd restored
// from a snapshot into a new data directory by pointing etcd.yaml at it, a typo in
// kube-apiserver.yaml that makes kubectl's connection refused until it is fixed, and a cert path
// the API server's container cannot see.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TestCluster } from '../helpers/cluster.ts';

let c: TestCluster;
before(async () => {
  c = await TestCluster.create('cp');
});
after(async () => c?.delete());

const ETCDCTL = 'ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key';
const APISERVER = '/etc/kubernetes/manifests/kube-apiserver.yaml';

/** Polls a shell condition until it exits 0; returns the seconds it took. */
async function until(script: string, seconds = 30): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < seconds * 1000) {
    if (c.sh(script).code === 0) return (Date.now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out after ${seconds} s waiting for: ${script}`);
}

test('etcd restored into a new data dir through the manifest brings back the snapshot state', async () => {
  c.k('create configmap before-backup --from-literal=a=1');
  const save = c.sh(`${ETCDCTL} snapshot save /opt/etcd-backup.db`);
  assert.equal(save.code, 0, save.stderr);
  assert.match(save.stdout, /Snapshot saved at \/opt\/etcd-backup\.db/);
  c.k('create configmap after-backup --from-literal=a=2');
  const restore = c.sh('ETCDCTL_API=3 etcdctl snapshot restore /opt/etcd-backup.db --data-dir /var/lib/etcd-from-backup');
  assert.equal(restore.code, 0, restore.stderr);
  assert.equal(c.sh("sed -i 's|path: /var/lib/etcd$|path: /var/lib/etcd-from-backup|' /etc/kubernetes/manifests/etcd.yaml").code, 0);
  const took = await until('! kubectl get configmap after-backup >/dev/null 2>&1 && kubectl get configmap before-backup >/dev/null 2>&1');
  assert.ok(took < 15, `restore took effect after ${took} s`);
  // the restored etcd takes writes, and the cluster goes on reconciling
  c.k('create deployment restored --image=nginx:1.27');
  await until('[ "$(kubectl get deploy restored -o jsonpath={.status.readyReplicas})" = 1 ]', 60);
  // the running etcd is the one the manifest mounts, and its container says so
  assert.match(c.sh('ls /var/lib/etcd-from-backup/member').stdout, /snap/);
  const ps = c.sh('crictl ps --name etcd -o json');
  assert.equal(JSON.parse(ps.stdout).containers.length, 1);
  assert.match(c.sh('crictl logs $(crictl ps -q --name etcd)').stderr + c.sh('crictl logs $(crictl ps -q --name etcd)').stdout, /etcd/);
});

test('a typo in kube-apiserver.yaml refuses kubectl until it is repaired', async () => {
  assert.equal(c.sh(`cp ${APISERVER} /root/kube-apiserver.yaml.bak && sed -i 's/--etcd-servers=/--etcd-serverss=/' ${APISERVER}`).code, 0);
  await until('! kubectl get nodes >/dev/null 2>&1');
  const r = c.kubectl('get nodes');
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /The connection to the server controlplane:6443 was refused - did you specify the right host or port\?/);
  await until("crictl ps -a --name kube-apiserver | grep -q Exited");
  const logs = c.sh('crictl logs $(crictl ps -a -q --name kube-apiserver | head -1)');
  assert.match(logs.stdout + logs.stderr, /Error: unknown flag: --etcd-serverss/);
  assert.equal(c.sh(`sed -i 's/--etcd-serverss=/--etcd-servers=/' ${APISERVER}`).code, 0);
  const back = await until('kubectl get nodes >/dev/null 2>&1');
  assert.ok(back < 15, `API back after ${back} s`);
  assert.match(c.k('get configmap before-backup'), /before-backup/, 'no data lost across the restart');
});

test('a cert path outside the API server container\'s mounts crash-loops it with the real error', async () => {
  assert.equal(c.sh(`sed -i 's|--client-ca-file=/etc/kubernetes/pki/ca.crt|--client-ca-file=/etc/kubernetes/ca.crt|' ${APISERVER} && cp /etc/kubernetes/pki/ca.crt /etc/kubernetes/ca.crt`).code, 0);
  await until('! kubectl get nodes >/dev/null 2>&1');
  await until("crictl ps -a --name kube-apiserver | grep -q Exited");
  const logs = c.sh('crictl logs $(crictl ps -a -q --name kube-apiserver | head -1)');
  assert.match(logs.stdout + logs.stderr, /"command failed" err="unable to load client CA provider: open \/etc\/kubernetes\/ca.crt: no such file or directory"/);
  assert.equal(c.sh(`cp /root/kube-apiserver.yaml.bak ${APISERVER}`).code, 0);
  await until('kubectl get nodes >/dev/null 2>&1');
});
