// The store is a real etcd with kubeadm's TLS layout: etcdctl sees the cluster's objects under
// kube-apiserver's key layout, and snapshots work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TestCluster } from '../helpers/cluster.ts';

let c: TestCluster;
const TLS = '--endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key';

before(async () => {
  c = await TestCluster.create('etcd');
});
after(async () => c?.delete());

test('objects live under /registry/<resource>/<namespace>/<name>', () => {
  c.k('create deployment web --image=nginx:1.27');
  const keys = c.sh(`etcdctl ${TLS} get /registry/ --prefix --keys-only`).stdout.split('\n').filter(Boolean);
  for (const k of ['/registry/deployments/default/web', '/registry/minions/node01', '/registry/namespaces/kube-system', '/registry/services/specs/default/kubernetes', '/registry/clusterroles/cluster-admin']) {
    assert.ok(keys.includes(k), `missing ${k}`);
  }
  const obj = JSON.parse(c.sh(`etcdctl ${TLS} get /registry/deployments/default/web --print-value-only`).stdout);
  assert.equal(obj.kind, 'Deployment');
  assert.equal(obj.spec.template.spec.containers[0].image, 'nginx:1.27');
});

test('a resourceVersion is the etcd revision of the object', () => {
  // a ConfigMap: no controller writes it between the two reads (a Deployment's status moves on)
  c.k('create configmap rv-check --from-literal=a=b');
  const rv = c.k("get configmap rv-check -o jsonpath='{.metadata.resourceVersion}'");
  const mod = c.sh(`etcdctl ${TLS} get /registry/configmaps/default/rv-check -w json`).stdout;
  assert.equal(String(JSON.parse(mod).kvs[0].mod_revision), rv);
});

test('member list, endpoint health and snapshot save/status', () => {
  assert.match(c.sh(`etcdctl ${TLS} member list`).stdout, /started, controlplane, https:\/\/172\.30\.1\.2:2380/);
  assert.match(c.sh(`etcdctl ${TLS} endpoint health`).stdout + c.sh(`etcdctl ${TLS} endpoint health`).stderr, /127\.0\.0\.1:2379 is healthy/);
  const save = c.sh(`mkdir -p /opt/backup && etcdctl ${TLS} snapshot save /opt/backup/snap.db`);
  assert.equal(save.code, 0, save.stderr);
  const st = c.sh('etcdctl snapshot status /opt/backup/snap.db -w table');
  assert.match(st.stdout, /HASH.*REVISION.*TOTAL KEYS.*TOTAL SIZE/);
});

test('a key written with etcdctl shows through the API', () => {
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'from-etcd', namespace: 'default', uid: '1b4e28ba-2fa1-11d2-883f-0016d3cca427', creationTimestamp: '2026-01-01T00:00:00Z' }, data: { k: 'v' } };
  const r = c.sh(`etcdctl ${TLS} put /registry/configmaps/default/from-etcd '${JSON.stringify(cm)}'`);
  assert.equal(r.code, 0, r.stderr);
  let got = '';
  for (let i = 0; i < 50 && got !== 'v'; i++) got = c.kubectl("get configmap from-etcd -o jsonpath='{.data.k}'").stdout;
  assert.equal(got, 'v');
});
