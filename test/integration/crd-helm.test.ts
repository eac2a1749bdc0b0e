// CustomResourceDefinitions serve their resources dynamically; helm installs and upgrades charts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TestCluster, cells } from '../helpers/cluster.ts';

let c: TestCluster;
before(async () => {
  c = await TestCluster.create('crd');
});
after(async () => c?.delete());

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: backups.ops.example.com
spec:
  group: ops.example.com
  scope: Namespaced
  names: {plural: backups, singular: backup, kind: Backup, shortNames: [bk]}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              schedule: {type: string, description: When the backup runs.}
              retain: {type: integer}
    additionalPrinterColumns:
    - {name: Schedule, type: string, jsonPath: .spec.schedule}
    - {name: Retain, type: integer, jsonPath: .spec.retain}
`;

test('a CRD from YAML serves its resources with printer columns, short names and explain', () => {
  assert.equal(c.k('apply -f -', CRD), 'customresourcedefinition.apiextensions.k8s.io/backups.ops.example.com created\n');
  assert.match(c.k('wait --for condition=established crd/backups.ops.example.com --timeout=10s'), /condition met/);
  assert.equal(c.k('apply -f -', 'apiVersion: ops.example.com/v1\nkind: Backup\nmetadata: {name: nightly}\nspec: {schedule: "0 1 * * *", retain: 7}\n'), 'backup.ops.example.com/nightly created\n');
  const rows = cells(c.k('get bk'));
  assert.deepEqual(rows, [['NAME', 'SCHEDULE', 'RETAIN'], ['nightly', '0 1 * * *', '7']]);
  assert.match(c.k('explain backup.spec.schedule'), /FIELD: schedule <string>\n\n\nDESCRIPTION:\n\s+When the backup runs\./);
  const keys = c.sh('etcdctl --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key get /registry/ops.example.com/backups/default/nightly --keys-only').stdout;
  assert.equal(keys.trim(), '/registry/ops.example.com/backups/default/nightly');
});

test('custom resources are validated against their schema and pruned', () => {
  const bad = c.kubectl('apply -f -', 'apiVersion: ops.example.com/v1\nkind: Backup\nmetadata: {name: bad}\nspec: {retain: "many"}\n');
  assert.equal(bad.code, 1);
  assert.equal(bad.stderr.trim(), 'The Backup "bad" is invalid: spec.retain: Invalid value: "string": spec.retain in body must be of type integer: "string"');
  const unknown = c.kubectl('create -f -', 'apiVersion: ops.example.com/v1\nkind: Backup\nmetadata: {name: extra}\nspec: {retain: 1, colour: red}\n');
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /strict decoding error: unknown field "spec\.colour"/);
});

test('helm installs, lists, upgrades and uninstalls a local chart', () => {
  const r = c.sh(`set -e
mkdir -p /root/chart/templates
printf 'apiVersion: v2\\nname: demo\\nversion: 0.1.0\\n' > /root/chart/Chart.yaml
printf 'greeting: hello\\n' > /root/chart/values.yaml
printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: {{ .Release.Name }}-cfg\\ndata:\\n  greeting: {{ .Values.greeting | quote }}\\n' > /root/chart/templates/cm.yaml
helm install rel1 /root/chart >/dev/null
helm list -o json
kubectl get cm rel1-cfg -o jsonpath='{.data.greeting}'; echo
helm upgrade rel1 /root/chart --set greeting=bye >/dev/null
kubectl get cm rel1-cfg -o jsonpath='{.data.greeting}'; echo
helm history rel1 -o json
helm uninstall rel1`);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  const list = JSON.parse(lines[0]);
  assert.equal(list[0].name, 'rel1');
  assert.equal(list[0].status, 'deployed');
  assert.equal(lines[1], 'hello');
  assert.equal(lines[2], 'bye');
  assert.equal(JSON.parse(lines[3]).length, 2);
  assert.equal(lines[4], 'release "rel1" uninstalled');
  assert.equal(c.kubectl('get cm rel1-cfg').code, 1);
});
