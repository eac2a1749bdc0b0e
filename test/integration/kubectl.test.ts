// The real kubectl 1.35 against a fresh cluster: what the candidate sees must be what a kubeadm
// cluster shows (tables, messages, errors, exit codes).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TestCluster, cells } from '../helpers/cluster.ts';

let c: TestCluster;
before(async () => {
  c = await TestCluster.create('kc');
});
after(async () => c?.delete());

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: apply
  labels: {app: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports: [{containerPort: 80}]
`;

test('create generators (protobuf bodies) create what they say', () => {
  const out = c.sh(`set -e
kubectl create namespace gen
kubectl create deployment web --image=nginx:1.27 --replicas=2 -n gen
kubectl create configmap cm1 --from-literal=a=b -n gen
kubectl create secret generic s1 --from-literal=p=q -n gen
kubectl create serviceaccount builder -n gen
kubectl create role reader --verb=get,list --resource=pods -n gen
kubectl create rolebinding reader --role=reader --serviceaccount=gen:builder -n gen
kubectl create clusterrole node-reader --verb=get --resource=nodes
kubectl create clusterrolebinding node-reader --clusterrole=node-reader --user=jane
kubectl create job once --image=busybox -n gen -- echo hi
kubectl create cronjob tick --image=busybox --schedule='*/5 * * * *' -n gen -- date
kubectl create service clusterip web --tcp=80:8080 -n gen
kubectl create ingress web --class=nginx --rule='a.example.com/*=web:80' -n gen
kubectl create pdb web --selector=app=web --min-available=1 -n gen
kubectl create quota q --hard=pods=10 -n gen
kubectl create priorityclass high --value=1000
`);
  assert.equal(out.code, 0, out.stderr);
  assert.deepEqual(out.stdout.trim().split('\n'), [
    'namespace/gen created', 'deployment.apps/web created', 'configmap/cm1 created', 'secret/s1 created',
    'serviceaccount/builder created', 'role.rbac.authorization.k8s.io/reader created', 'rolebinding.rbac.authorization.k8s.io/reader created',
    'clusterrole.rbac.authorization.k8s.io/node-reader created', 'clusterrolebinding.rbac.authorization.k8s.io/node-reader created',
    'job.batch/once created', 'cronjob.batch/tick created', 'service/web created', 'ingress.networking.k8s.io/web created',
    'poddisruptionbudget.policy/web created', 'resourcequota/q created', 'priorityclass.scheduling.k8s.io/high created',
  ]);
  assert.equal(c.k("get deploy web -n gen -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].image} {.spec.strategy.type}'"), '2 nginx:1.27 RollingUpdate');
  assert.equal(c.k("get secret s1 -n gen -o jsonpath='{.data.p}'"), Buffer.from('q').toString('base64'));
  assert.equal(c.k("get ingress web -n gen -o jsonpath='{.spec.rules[0].host} {.spec.rules[0].http.paths[0].backend.service.name}'"), 'a.example.com web');
});

test('get prints upstream tables, with wide columns, labels and selectors', () => {
  const rows = cells(c.k('get deploy -n gen -o wide'));
  assert.deepEqual(rows[0], ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
  assert.deepEqual([rows[1][0], rows[1][1], rows[1][5], rows[1][6], rows[1][7]], ['web', '0/2', 'nginx', 'nginx:1.27', 'app=web']);
  const svc = cells(c.k('get svc web -n gen'));
  assert.deepEqual(svc[0], ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
  assert.match(svc[1][2], /^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/, 'a cluster IP from 10.96.0.0/12');
  assert.equal(svc[1][4], '80/TCP');
  assert.match(c.k('get deploy web -n gen --show-labels'), /LABELS\n.*app=web\n$/);
  assert.equal(c.k('get cm -n gen -l app=none 2>&1'), 'No resources found in gen namespace.\n');
  assert.deepEqual(cells(c.k('get deploy -n gen -L app'))[0], ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'APP']);
  c.k('create ns sort');
  c.k('create configmap b-cm -n sort');
  c.k('create configmap a-cm -n sort');
  const sorted = c.k('get cm -n sort --sort-by=.metadata.name -o custom-columns=N:.metadata.name --no-headers').split('\n').filter((n) => n.endsWith('-cm'));
  assert.deepEqual(sorted, ['a-cm', 'b-cm']);
});

test('apply creates, then reports unchanged and configured', () => {
  c.k('create namespace apply');
  assert.equal(c.k('apply -f -', DEPLOY), 'deployment.apps/web created\n');
  assert.equal(c.k('apply -f -', DEPLOY), 'deployment.apps/web unchanged\n');
  assert.equal(c.k('apply -f -', DEPLOY.replace('replicas: 2', 'replicas: 3')), 'deployment.apps/web configured\n');
  assert.equal(c.k("get deploy web -n apply -o jsonpath='{.spec.replicas} {.metadata.generation}'"), '3 2');
  assert.equal(c.k('apply --server-side -f -', DEPLOY.replace('replicas: 2', 'replicas: 4')), 'deployment.apps/web serverside-applied\n');
  assert.equal(c.k("get deploy web -n apply -o jsonpath='{.spec.replicas}'"), '4');
});

test('unknown fields are rejected with the strict decoding error', () => {
  const r = c.kubectl('create -f -', DEPLOY.replace('name: web\n  namespace', 'name: web2\n  namespace').replace('image:', 'imagee:'));
  assert.equal(r.code, 1);
  assert.equal(r.stderr.trim(), 'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagee"');
});

test('validation errors read as upstream', () => {
  const r = c.kubectl('create deployment Bad_Name --image=nginx');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: failed to create deployment: Deployment\.apps "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of/);
  const dup = c.kubectl('create namespace gen');
  assert.equal(dup.stderr.trim(), 'Error from server (AlreadyExists): namespaces "gen" already exists');
  const nons = c.kubectl('create configmap x -n nowhere');
  assert.equal(nons.stderr.trim(), 'error: failed to create configmap: namespaces "nowhere" not found');
});

test('label, annotate, scale, set image, patch and dry-run', () => {
  const out = c.sh(`set -e
kubectl label deploy web tier=front -n apply
kubectl annotate deploy web note=x -n apply
kubectl scale deploy web --replicas=5 -n apply
kubectl set image deploy/web nginx=nginx:1.28 -n apply
kubectl patch deploy web -n apply -p '{"spec":{"minReadySeconds":3}}'
kubectl patch deploy web -n apply --type=json -p '[{"op":"replace","path":"/spec/replicas","value":6}]'
kubectl patch deploy web -n apply --type=merge -p '{"metadata":{"labels":{"tier":null}}}'
kubectl scale deploy web --replicas=1 -n apply --dry-run=server
`);
  assert.equal(out.code, 0, out.stderr);
  assert.deepEqual(out.stdout.trim().split('\n'), [
    'deployment.apps/web labeled', 'deployment.apps/web annotated', 'deployment.apps/web scaled', 'deployment.apps/web image updated',
    'deployment.apps/web patched', 'deployment.apps/web patched', 'deployment.apps/web patched', 'deployment.apps/web scaled (server dry run)',
  ]);
  assert.equal(c.k("get deploy web -n apply -o jsonpath='{.spec.replicas} {.spec.minReadySeconds} {.spec.template.spec.containers[0].image} {.metadata.annotations.note} {.metadata.labels}'"), '6 3 nginx:1.28 x {"app":"web"}');
});

test('explain reads our OpenAPI documents', () => {
  const r = c.k('explain pod.spec.containers.image');
  assert.match(r, /^KIND:\s+Pod\nVERSION:\s+v1\n\nFIELD: image <string>/);
  assert.match(c.k('explain deployment.spec --recursive'), /replicas\s+<integer>/);
  assert.match(c.k('explain networkpolicy.spec.policyTypes'), /FIELD: policyTypes <\[\]string>/);
});

test('api-resources lists kinds with short names, and get all uses categories', () => {
  const rows = cells(c.k('api-resources'));
  assert.deepEqual(rows[0], ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
  const find = (n: string) => rows.find((r) => r[0] === n);
  assert.deepEqual(find('deployments'), ['deployments', 'deploy', 'apps/v1', 'true', 'Deployment']);
  assert.deepEqual(find('nodes'), ['nodes', 'no', 'v1', 'false', 'Node']);
  assert.match(c.k('get all -n gen'), /deployment\.apps\/web/);
});

test('auth can-i follows RBAC, impersonation included', () => {
  const can = (args: string) => c.kubectl(`auth can-i ${args}`).stdout.trim();
  assert.equal(can('list pods -n gen --as=system:serviceaccount:gen:builder'), 'yes');
  assert.equal(can('delete pods -n gen --as=system:serviceaccount:gen:builder'), 'no');
  assert.equal(can('list pods -n default --as=system:serviceaccount:gen:builder'), 'no');
  assert.equal(can('get nodes --as=jane'), 'yes');
  assert.equal(can('create deployments'), 'yes');
  const denied = c.kubectl('get pods -n default --as=jane');
  assert.equal(denied.stderr.trim(), 'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"');
  assert.match(c.k('auth can-i --list -n gen --as=system:serviceaccount:gen:builder'), /pods\s+\[\]\s+\[\]\s+\[get list\]/);
});

test('get -w streams changes until interrupted', () => {
  const r = c.sh(`kubectl create ns w >/dev/null
(timeout 8 kubectl get cm -n w -w --output-watch-events > /tmp/watch.out 2>&1 &)
for i in $(seq 50); do grep -q kube-root-ca /tmp/watch.out 2>/dev/null && break; sleep 0.1; done
kubectl create configmap one -n w >/dev/null; kubectl label cm one x=y -n w >/dev/null; kubectl delete cm one -n w >/dev/null
for i in $(seq 50); do grep -q 'DELETED.*one' /tmp/watch.out && break; sleep 0.1; done
cat /tmp/watch.out`);
  const lines = cells(r.stdout);
  assert.deepEqual(lines[0], ['EVENT', 'NAME', 'DATA', 'AGE']);
  const ev = lines.slice(1).filter((l) => l[1] === 'one').map((l) => l[0]);
  assert.deepEqual(ev, ['ADDED', 'MODIFIED', 'DELETED']);
});

test('delete waits for the object to go and prints upstream text', () => {
  c.k('create configmap gone -n gen');
  assert.equal(c.k('delete configmap gone -n gen'), 'configmap "gone" deleted from gen namespace\n');
  assert.equal(c.kubectl('delete configmap gone -n gen').stderr.trim(), 'Error from server (NotFound): configmaps "gone" not found');
  assert.equal(c.kubectl('delete configmap gone -n gen --ignore-not-found').code, 0);
});

test('deleting a namespace empties it, and system namespaces cannot be deleted', () => {
  c.k('create namespace doomed');
  c.k('create configmap inside -n doomed');
  c.k('create deployment inside --image=nginx -n doomed');
  assert.equal(c.k('delete namespace doomed'), 'namespace "doomed" deleted\n');
  assert.equal(c.kubectl('get namespace doomed').code, 1);
  c.k('create namespace doomed');
  assert.equal(c.kubectl('get configmap inside -n doomed').code, 1, 'content of the old namespace is gone');
  assert.equal(c.kubectl('delete namespace default').stderr.trim(), 'Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted');
});

test('a new namespace gets its default ServiceAccount and kube-root-ca.crt', () => {
  c.k('create namespace fresh');
  let out = '';
  for (let i = 0; i < 20 && !out.includes('kube-root-ca.crt'); i++) out = c.k('get sa,cm -n fresh -o name');
  assert.deepEqual(out.trim().split('\n').sort(), ['configmap/kube-root-ca.crt', 'serviceaccount/default']);
  assert.match(c.k('create token default -n fresh'), /^eyJ/);
});

test('edit applies the editor\'s change', () => {
  c.k('create configmap edited --from-literal=k=old -n gen');
  const r = c.sh(`KUBE_EDITOR="sed -i 's/k: old/k: new/'" kubectl edit configmap edited -n gen`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'configmap/edited edited\n');
  assert.equal(c.k("get cm edited -n gen -o jsonpath='{.data.k}'"), 'new');
});
