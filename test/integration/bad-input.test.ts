// Bad requests get kube-apiserver's errors and never take the runtime down.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TestCluster } from '../helpers/cluster.ts';

let c: TestCluster;
before(async () => {
  c = await TestCluster.create('bad');
  // a client certificate for curl, from the admin kubeconfig
  const r = c.sh(`set -e
kubectl config view --raw -o jsonpath='{.users[0].user.client-certificate-data}' | base64 -d > /root/admin.crt
kubectl config view --raw -o jsonpath='{.users[0].user.client-key-data}' | base64 -d > /root/admin.key`);
  assert.equal(r.code, 0, r.stderr);
});
after(async () => c?.delete());

function curl(args: string, input?: string): { code: number; body: any; raw: string } {
  const r = c.sh(`curl -s -w '\\n%{http_code}' --cacert /etc/kubernetes/pki/ca.crt --cert /root/admin.crt --key /root/admin.key ${args}`, { input });
  const lines = r.stdout.trimEnd().split('\n');
  const code = Number(lines.pop());
  const raw = lines.join('\n');
  let body: any;
  try {
    body = JSON.parse(raw);
  } catch {
    body = raw;
  }
  return { code, body, raw };
}

const CM = 'https://controlplane:6443/api/v1/namespaces/default/configmaps';

test('malformed JSON and YAML bodies are 400 BadRequest', () => {
  const j = curl(`-X POST -H 'Content-Type: application/json' --data-binary @- ${CM}`, '{"apiVersion": "v1", "kind": ');
  assert.equal(j.code, 400);
  assert.equal(j.body.reason, 'BadRequest');
  assert.match(j.body.message, /^ConfigMap in version "v1" cannot be handled as a ConfigMap: /);
  const y = curl(`-X POST -H 'Content-Type: application/yaml' --data-binary @- ${CM}`, 'apiVersion: v1\nkind: ConfigMap\nmetadata: [oops\n');
  assert.equal(y.code, 400);
  assert.match(y.body.message, /cannot be handled as a ConfigMap: error converting YAML to JSON: yaml: line \d+/);
});

test('malformed protobuf is 400, and the wrong kind for the path is refused', () => {
  const p = curl(`-X POST -H 'Content-Type: application/vnd.kubernetes.protobuf' --data-binary 'k8s\\x00garbage' ${CM}`);
  assert.equal(p.code, 400);
  assert.equal(p.body.kind, 'Status');
  const wrong = curl(`-X POST -H 'Content-Type: application/json' --data-binary @- ${CM}`, JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } }));
  assert.equal(wrong.code, 400);
  assert.equal(wrong.body.message, 'the API version in the data (apps/v1) does not match the expected API version (v1)');
});

test('a huge body is 413, an unknown path 404, a wrong method 405', () => {
  const big = curl(`-X POST -H 'Content-Type: application/json' --data-binary @- ${CM}`, '{"data":"' + 'x'.repeat(4 * 1024 * 1024) + '"}');
  assert.equal(big.code, 413);
  const nf = curl('https://controlplane:6443/api/v1/foos');
  assert.equal(nf.code, 404);
  assert.equal(nf.body.message, 'the server could not find the requested resource');
  const m = curl('-X PUT https://controlplane:6443/api/v1/namespaces/default/configmaps');
  assert.equal(m.code, 405);
});

test('bad selectors and unsupported field labels are 400 with upstream text', () => {
  const r = c.kubectl("get pods -l 'app in (a'");
  assert.equal(r.code, 1);
  assert.match(r.stderr, /unable to parse requirement/);
  const f = c.kubectl('get configmaps --field-selector spec.foo=bar');
  assert.equal(f.code, 1);
  assert.match(f.stderr, /"spec\.foo" is not a known field selector|field label not supported: spec\.foo/);
});

test('anonymous requests are refused by RBAC, bad tokens are 401', () => {
  const anon = c.sh(`curl -s -o /dev/null -w '%{http_code}' --cacert /etc/kubernetes/pki/ca.crt ${CM}`);
  assert.equal(anon.stdout, '403');
  const tok = c.sh(`curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer not.a.token' --cacert /etc/kubernetes/pki/ca.crt ${CM}`);
  assert.equal(tok.stdout, '401');
});

test('after all that the API server still answers', () => {
  assert.equal(c.k('get --raw /readyz'), 'ok');
  assert.match(c.k('get ns default'), /default\s+Active/);
});
