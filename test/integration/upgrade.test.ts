// A kubeadm upgrade from 1.34 to 1.35 in the exam's order of steps: the package source switched to
// the next minor, kubeadm upgraded first (unhold, install, hold), `kubeadm upgrade apply` on
// controlplane (static pods restart on the new images; the API reports the new version), drain,
// kubelet and kubectl upgraded and restarted, uncordon; then the same on node01 with
// `kubeadm upgrade node`. Each step's refusal when taken out of order is checked too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { clusters, TestCluster } from '../helpers/cluster.ts';
import { randomBytes } from 'node:crypto';

let c: TestCluster;
before(async () => {
  const name = `up-${randomBytes(3).toString('hex')}`;
  await clusters.create(name, { version: '1.34' });
  c = new TestCluster(name);
});
after(async () => c?.delete());

function ok(script: string, node?: string): string {
  const r = c.sh(`set -e\n${script}`, { node, timeoutMs: 180_000 });
  assert.equal(r.code, 0, `${script}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

test('a 1.34 cluster looks like one', () => {
  assert.match(c.k('get nodes'), /controlplane\s+Ready\s+control-plane\s+\S+\s+v1\.34\.2/);
  assert.match(c.k('version'), /Server Version: v1\.34\.2/);
  assert.equal(ok('kubeadm version -o short'), 'v1.34.2\n');
  assert.match(ok('dpkg -l | grep kubeadm'), /^hi\s+kubeadm\s+1\.34\.2-1\.1/m);
  assert.match(ok('grep -o "image: .*" /etc/kubernetes/manifests/kube-apiserver.yaml'), /kube-apiserver:v1\.34\.2/);
});

test('the packages refuse to move while held, and kubeadm refuses a version above its own', () => {
  ok('sed -i "s|/v1.34/|/v1.35/|" /etc/apt/sources.list.d/kubernetes.list && apt-get update');
  assert.match(ok('apt-cache madison kubeadm'), /kubeadm \| 1\.35\.2-1\.1 \| https:\/\/pkgs\.k8s\.io\/core:\/stable:\/v1\.35\/deb/);
  const held = c.sh('apt-get install -y kubeadm=1.35.2-1.1');
  assert.equal(held.code, 100);
  assert.match(held.stderr, /E: Held packages were changed and -y was used without --allow-change-held-packages\./);
  const apply = c.sh('kubeadm upgrade apply v1.35.2 -y');
  assert.equal(apply.code, 1);
  assert.match(apply.stderr, /Specified version to upgrade to "v1\.35\.2" is higher than the kubeadm version "v1\.34\.2"/);
});

test('controlplane upgrades in the exam order', () => {
  ok('apt-mark unhold kubeadm && apt-get install -y kubeadm=1.35.2-1.1 && apt-mark hold kubeadm');
  assert.equal(ok('kubeadm version -o short'), 'v1.35.2\n');
  assert.match(ok('kubeadm upgrade plan'), /kubeadm upgrade apply v1\.35\.2/);
  const out = ok('kubeadm upgrade apply v1.35.2 --yes');
  assert.match(out, /\[upgrade\] SUCCESS! A control plane node of your cluster was upgraded to "v1\.35\.2"\./);
  assert.match(c.k('version'), /Server Version: v1\.35\.2/);
  assert.match(c.k('get pod -n kube-system kube-scheduler-controlplane -o jsonpath={.spec.containers[0].image}'), /kube-scheduler:v1\.35\.2/);
  ok('kubectl drain controlplane --ignore-daemonsets --delete-emptydir-data');
  ok('apt-mark unhold kubelet kubectl && apt-get install -y kubelet=1.35.2-1.1 kubectl=1.35.2-1.1 && apt-mark hold kubelet kubectl');
  ok('systemctl daemon-reload && systemctl restart kubelet');
  ok('kubectl uncordon controlplane');
  ok('for i in $(seq 1 60); do kubectl get node controlplane | grep -q "Ready .*v1.35.2" && exit 0; sleep 0.5; done; exit 1');
  assert.match(c.k('get nodes'), /node01\s+Ready\s+<none>\s+\S+\s+v1\.34\.2/, 'node01 is not upgraded yet');
});

test('node01 upgrades with kubeadm upgrade node', () => {
  ok('kubectl drain node01 --ignore-daemonsets --delete-emptydir-data');
  ok('sed -i "s|/v1.34/|/v1.35/|" /etc/apt/sources.list.d/kubernetes.list && apt-get update >/dev/null && apt-mark unhold kubeadm kubelet kubectl && apt-get install -y kubeadm=1.35.2-1.1 kubelet=1.35.2-1.1 kubectl=1.35.2-1.1 >/dev/null && apt-mark hold kubeadm kubelet kubectl', 'node01');
  assert.match(ok('kubeadm upgrade node', 'node01'), /\[upgrade\/kubelet-config\] The kubelet configuration for this node was successfully upgraded!/);
  ok('systemctl daemon-reload && systemctl restart kubelet', 'node01');
  ok('kubectl uncordon node01');
  ok('for i in $(seq 1 60); do kubectl get node node01 | grep -q "Ready .*v1.35.2" && exit 0; sleep 0.5; done; exit 1');
  c.k('create deployment after-upgrade --image=nginx:1.27 --replicas=2');
  ok('kubectl rollout status deployment after-upgrade --timeout=60s');
});
