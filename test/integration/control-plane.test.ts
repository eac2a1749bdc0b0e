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

test('a typo in etcd.yaml crash-loops etcd with its own error; the API server follows, and both come back', async () => {
  const ETCD = '/etc/kubernetes/manifests/etcd.yaml';
  assert.equal(c.sh(`sed -i 's/--data-dir=/--data-dirr=/' ${ETCD}`).code, 0);
  await until('crictl ps -a --name etcd | grep -q Exited');
  const logs = c.sh('crictl logs $(crictl ps -a -q --name etcd | head -1)');
  assert.match(logs.stdout + logs.stderr, /flag provided but not defined: -data-dirr/);
  await until('! kubectl get nodes >/dev/null 2>&1', 45);
  assert.equal(c.sh(`sed -i 's/--data-dirr=/--data-dir=/' ${ETCD}`).code, 0);
  await until('kubectl get nodes >/dev/null 2>&1', 60);
  assert.match(c.k('get configmap before-backup'), /before-backup/, 'the restored data is still there');
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

test('kubeadm prints a join command with a token it keeps as a bootstrap-token Secret', () => {
  const join = c.sh('kubeadm token create --print-join-command');
  assert.equal(join.code, 0, join.stderr);
  const m = /^kubeadm join 172\.30\.1\.2:6443 --token ([a-z0-9]{6})\.([a-z0-9]{16}) --discovery-token-ca-cert-hash sha256:([0-9a-f]{64}) \n$/.exec(join.stdout);
  assert.ok(m, join.stdout);
  // the hash is the CA's public key digest, as openssl computes it
  const hash = c.sh("openssl x509 -pubkey -in /etc/kubernetes/pki/ca.crt -noout | openssl pkey -pubin -outform der | sha256sum | cut -d' ' -f1").stdout.trim();
  assert.equal(m[3], hash);
  assert.equal(c.k(`get secret -n kube-system bootstrap-token-${m[1]} -o jsonpath={.type}`), 'bootstrap.kubernetes.io/token');
  const list = c.sh('kubeadm token list').stdout.split('\n');
  assert.match(list[0], /^TOKEN\s+TTL\s+EXPIRES\s+USAGES\s+DESCRIPTION\s+EXTRA GROUPS$/);
  assert.ok(list.some((l) => l.startsWith(`${m[1]}.${m[2]}   23h `)), list.join('\n'));
  assert.match(c.sh(`kubeadm token delete ${m[1]}`).stdout, new RegExp(`bootstrap token "${m[1]}" deleted`));
});

test('kubeadm certs check-expiration reads the real files and renew re-signs them', () => {
  const before = c.sh('openssl x509 -in /etc/kubernetes/pki/apiserver.crt -noout -serial').stdout;
  const r = c.sh('kubeadm certs check-expiration');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^apiserver\s+\w{3} \d\d, \d{4} \d\d:\d\d UTC\s+36[45]d\s+ca\s+no$/m);
  assert.match(r.stdout, /^etcd-server\s+.*\s+etcd-ca\s+no$/m);
  assert.match(r.stdout, /^ca\s+\w{3} \d\d, \d{4} \d\d:\d\d UTC\s+9y\s+no$/m);
  const renew = c.sh('kubeadm certs renew apiserver');
  assert.equal(renew.code, 0, renew.stderr);
  assert.match(renew.stdout, /certificate for serving the Kubernetes API renewed/);
  assert.notEqual(c.sh('openssl x509 -in /etc/kubernetes/pki/apiserver.crt -noout -serial').stdout, before);
  assert.equal(c.sh('openssl verify -CAfile /etc/kubernetes/pki/ca.crt /etc/kubernetes/pki/apiserver.crt').code, 0);
  assert.match(c.sh('openssl x509 -in /etc/kubernetes/pki/apiserver.crt -noout -ext subjectAltName').stdout, /DNS:kubernetes\.default\.svc/);
});

test('etcdutl shows a snapshot\'s status as a table', () => {
  assert.equal(c.sh(`${ETCDCTL} snapshot save /tmp/s.db`).code, 0);
  const st = c.sh('etcdutl snapshot status /tmp/s.db');
  assert.equal(st.code, 0, st.stderr);
  assert.match(st.stdout, /\|\s+HASH\s+\|\s+REVISION\s+\|\s+TOTAL KEYS\s+\|\s+TOTAL SIZE\s+\|/);
  assert.equal(c.sh('docker ps').code, 127, 'no docker on a kubeadm 1.24+ node');
});

test('ps shows the kubelet with its flags; stopping containerd takes the node NotReady until it is back', async () => {
  assert.match(c.sh('ps aux | grep "[k]ubelet --"').stdout, /\/usr\/bin\/kubelet --bootstrap-kubeconfig=\/etc\/kubernetes\/bootstrap-kubelet\.conf --kubeconfig=\/etc\/kubernetes\/kubelet\.conf --config=\/var\/lib\/kubelet\/config\.yaml/);
  assert.match(c.sh('ps aux | grep "[k]ube-apiserver"').stdout, /--service-cluster-ip-range=10\.96\.0\.0\/12/);
  assert.equal(c.sh('ssh node01 systemctl stop containerd').code, 0);
  const crictl = c.sh('ssh node01 crictl ps');
  assert.equal(crictl.code, 1);
  assert.match(crictl.stderr, /validate service connection/);
  await until('kubectl get node node01 | grep -q NotReady');
  assert.match(c.k('describe node node01'), /KubeletNotReady\s+container runtime is down/);
  assert.equal(c.sh('ssh node01 systemctl start containerd').code, 0);
  await until('kubectl get node node01 | grep -q " Ready"');
});

test('ctr and nerdctl see the kubelet\'s containers and images in the k8s.io namespace', () => {
  const images = c.sh('ctr -n k8s.io images ls');
  assert.equal(images.code, 0, images.stderr);
  assert.match(images.stdout, /^REF\s+TYPE\s+DIGEST\s+SIZE\s+PLATFORMS\s+LABELS$/m);
  assert.match(images.stdout, /^registry\.k8s\.io\/kube-apiserver:v1\.35\.2\s/m);
  assert.equal(c.sh('ctr images ls').stdout.trim().split('\n').length, 1, 'the default namespace is empty');
  const id = c.sh('crictl ps -q --name kube-scheduler').stdout.trim();
  assert.match(c.sh('ctr -n k8s.io containers ls').stdout, new RegExp(`^${id}\\s+registry\\.k8s\\.io/kube-scheduler:v1\\.35\\.2\\s+io\\.containerd\\.runc\\.v2$`, 'm'));
  assert.match(c.sh('ctr -n k8s.io tasks ls').stdout, new RegExp(`^${id}\\s+\\d+\\s+RUNNING$`, 'm'));
  assert.match(c.sh('nerdctl -n k8s.io ps').stdout, new RegExp(`^${id.slice(0, 12)}\\s+registry\\.k8s\\.io/kube-scheduler:v1\\.35\\.2\\s.*k8s://kube-system/kube-scheduler-controlplane/kube-scheduler$`, 'm'));
  assert.equal(c.sh('ctr -n k8s.io images pull docker.io/library/redis:7.4').code, 0);
  assert.match(c.sh('crictl images').stdout, /docker\.io\/library\/redis\s+7\.4/);
  // nerdctl's own containers are in its `default` namespace, not the CRI's
  const run = c.sh('nerdctl run -d nginx');
  assert.equal(run.code, 0, run.stderr);
  assert.doesNotMatch(c.sh('crictl ps -a -q').stdout, new RegExp(run.stdout.trim()));
  assert.match(c.sh('nerdctl ps').stdout, /docker\.io\/library\/nginx:latest\s+"\/docker-entrypoint\.…".*\s+Up\s+nginx-[0-9a-f]{5}$/m);
});

test('crictl ps -a keeps the previous instance of a restarted container', async () => {
  c.k('run crasher --image=busybox:1.37.0 --overrides=\'{"spec":{"nodeName":"node01"}}\' -- sh -c "echo attempt; exit 3"');
  await until('[ "$(kubectl get pod crasher -o jsonpath={.status.containerStatuses[0].restartCount})" -ge 1 ]', 60);
  const ps = c.sh('ssh node01 crictl ps -a --name crasher');
  const rows = ps.stdout.trim().split('\n').slice(1);
  assert.equal(rows.length, 2, ps.stdout);
  assert.ok(rows.every((r) => /\sExited\s+crasher\s/.test(r)), ps.stdout);
  const id = rows[1].split(/\s+/)[0];
  assert.match(c.sh(`ssh node01 crictl logs ${id}`).stdout, /attempt/);
});
