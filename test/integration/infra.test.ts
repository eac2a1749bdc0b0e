// Infrastructure controllers and admission as a user sees them through the real kubectl:
// Endpoints/EndpointSlices, PV/PVC binding and the local-path provisioner, LimitRange and
// ResourceQuota admission, CSR signing, PodDisruptionBudgets with eviction and drain,
// TokenRequest, and the node lifecycle (condition taints, NotReady, taint eviction).
// One cluster with time ten times faster (grace periods and tolerations pass in seconds).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TestCluster } from '../helpers/cluster.ts';

let c: TestCluster;
before(async () => {
  c = await TestCluster.create('infra', 1, { clockSpeed: 10 });
});
after(async () => c?.delete());

function waitFor(check: () => boolean, what: string, tries = 100): void {
  for (let i = 0; i < tries; i++) {
    if (check()) return;
    c.sh('sleep 0.2');
  }
  assert.fail(`timed out waiting for ${what}`);
}

const jp = (args: string, path: string) => c.k(`${args} -o jsonpath='${path}'`);
const apply = (yaml: string) => c.k('apply -f -', yaml);

test('Endpoints and EndpointSlices follow the selected pods, their readiness and named ports', () => {
  apply(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: nginx, ports: [{name: http, containerPort: 80}]}]
---
apiVersion: v1
kind: Pod
metadata: {name: lazy, labels: {app: web}}
spec:
  containers:
  - name: nginx
    image: nginx
    ports: [{name: http, containerPort: 80}]
    readinessProbe: {exec: {command: ["false"]}, periodSeconds: 1}
---
apiVersion: v1
kind: Service
metadata: {name: web, labels: {tier: front}}
spec:
  selector: {app: web}
  ports: [{name: web, port: 8080, targetPort: http}]
`);
  waitFor(() => jp('get ep web', '{.subsets[0].addresses[*].ip}').split(' ').filter(Boolean).length === 2, 'two ready addresses');
  waitFor(() => jp('get ep web', '{.subsets[0].notReadyAddresses[*].targetRef.name}') === 'lazy', 'the unready pod under notReadyAddresses');
  assert.equal(jp('get ep web', '{.subsets[0].ports[0].port} {.subsets[0].ports[0].name}'), '80 web');
  assert.match(jp('get ep web', '{.metadata.annotations}'), /endpoints\.kubernetes\.io\/last-change-trigger-time/);
  assert.equal(jp('get ep web', '{.metadata.labels.tier}'), 'front');
  // one slice named <service>-<random> with the upstream labels and conditions
  const slices = JSON.parse(c.k('get endpointslices -l kubernetes.io/service-name=web -o json')).items;
  assert.equal(slices.length, 1);
  const s = slices[0];
  assert.match(s.metadata.name, /^web-[a-z0-9]{5}$/);
  assert.equal(s.metadata.labels['endpointslice.kubernetes.io/managed-by'], 'endpointslice-controller.k8s.io');
  assert.equal(s.addressType, 'IPv4');
  assert.deepEqual(s.ports, [{ name: 'web', port: 80, protocol: 'TCP' }]);
  const lazy = s.endpoints.find((e: any) => e.targetRef.name === 'lazy');
  assert.deepEqual(lazy.conditions, { ready: false, serving: false, terminating: false });
  assert.equal(s.endpoints.filter((e: any) => e.conditions.ready).length, 2);
  // publishNotReadyAddresses lists every pod as ready
  c.k(`patch svc web -p '{"spec":{"publishNotReadyAddresses":true}}'`);
  waitFor(() => jp('get ep web', '{.subsets[0].addresses[*].ip}').split(' ').filter(Boolean).length === 3, 'all three addresses');
  // the kubernetes Service's endpoints stay the API server's
  assert.match(c.k('get ep kubernetes'), /172\.30\.1\.2:6443/);
});

test('headless Services give pods with hostname and subdomain their names; selector-less Services keep manual Endpoints', () => {
  apply(`apiVersion: v1
kind: Service
metadata: {name: db}
spec: {clusterIP: None, selector: {app: db}, ports: [{port: 5432}]}
---
apiVersion: v1
kind: Pod
metadata: {name: db-0, labels: {app: db}}
spec: {hostname: db-0, subdomain: db, containers: [{name: pg, image: busybox, command: [sleep, "3600"]}]}
---
apiVersion: v1
kind: Service
metadata: {name: ext}
spec: {ports: [{port: 80}]}
---
apiVersion: v1
kind: Endpoints
metadata: {name: ext}
subsets: [{addresses: [{ip: 10.1.2.3}], ports: [{port: 80}]}]
`);
  waitFor(() => jp('get ep db', '{.subsets[0].addresses[0].hostname}') === 'db-0', 'the hostname in the headless endpoints');
  assert.equal(jp('get ep db', '{.metadata.labels}'), '{"service.kubernetes.io/headless":""}');
  c.sh('sleep 0.5');
  assert.equal(jp('get ep ext', '{.subsets[0].addresses[0].ip}'), '10.1.2.3');
});

test('the default StorageClass local-path provisions a volume for the first consumer', () => {
  assert.match(c.k('get sc'), /local-path \(default\)\s+rancher\.io\/local-path\s+Delete\s+WaitForFirstConsumer\s+false/);
  apply(`apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`);
  assert.equal(jp('get pvc data', '{.spec.storageClassName}'), 'local-path', 'DefaultStorageClass admission');
  waitFor(() => /WaitForFirstConsumer\s+.*waiting for first consumer to be created before binding/.test(c.k('describe pvc data')), 'the WaitForFirstConsumer event');
  assert.match(c.k('get pvc data'), /data\s+Pending\s+local-path\s+<unset>/);
  apply(`apiVersion: v1
kind: Pod
metadata: {name: user}
spec:
  containers: [{name: c, image: busybox, command: [sleep, "3600"], volumeMounts: [{name: d, mountPath: /data}]}]
  volumes: [{name: d, persistentVolumeClaim: {claimName: data}}]
`);
  waitFor(() => jp('get pvc data', '{.status.phase}') === 'Bound', 'the claim to bind');
  const uid = jp('get pvc data', '{.metadata.uid}');
  const pv = `pvc-${uid}`;
  assert.match(c.k('get pvc data'), new RegExp(`data\\s+Bound\\s+${pv}\\s+1Gi\\s+RWO\\s+local-path\\s+<unset>`));
  assert.match(c.k('get pv'), new RegExp(`${pv}\\s+1Gi\\s+RWO\\s+Delete\\s+Bound\\s+default/data\\s+local-path\\s+<unset>`));
  assert.equal(jp(`get pv ${pv}`, '{.spec.hostPath.path}'), `/opt/local-path-provisioner/${pv}_default_data`);
  assert.equal(jp(`get pv ${pv}`, '{.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]}'), 'node01');
  assert.equal(jp('get pvc data', '{.metadata.annotations.volume\\.kubernetes\\.io/selected-node}'), 'node01');
  assert.equal(jp(`get pv ${pv}`, '{.metadata.annotations.pv\\.kubernetes\\.io/provisioned-by}'), 'rancher.io/local-path');
  const events = c.k('describe pvc data');
  assert.match(events, /ExternalProvisioning .*Waiting for a volume to be created either by the external provisioner 'rancher\.io\/local-path'/);
  assert.match(events, /ProvisioningSucceeded .*Successfully provisioned volume pvc-/);
  assert.equal(c.sh(`test -d /opt/local-path-provisioner/${pv}_default_data && echo yes`, { node: 'node01' }).stdout.trim(), 'yes');
  // a claim in use stays Terminating until its pod goes; then the volume and directory go too
  c.k('delete pvc data --wait=false');
  c.sh('sleep 0.5');
  assert.match(c.k('get pvc data'), /data\s+Terminating/);
  c.k('delete pod user --grace-period=0 --force');
  waitFor(() => c.kubectl(`get pv ${pv}`).code !== 0, 'the provisioned volume to be deleted');
  assert.equal(c.sh(`test -e /opt/local-path-provisioner/${pv}_default_data || echo gone`, { node: 'node01' }).stdout.trim(), 'gone');
});

test('static volumes bind by class, size (smallest fit), access modes and pre-binding; Retain leaves them Released', () => {
  const pv = (name: string, size: string, extra = '') => `apiVersion: v1
kind: PersistentVolume
metadata: {name: ${name}}
spec:
  capacity: {storage: ${size}}
  accessModes: [ReadWriteOnce]
  hostPath: {path: /mnt/${name}}
  storageClassName: manual
${extra}---
`;
  apply(pv('small', '1Gi') + pv('big', '5Gi') + pv('rwx', '1Gi', '  accessModes: [ReadWriteMany]\n').replace('  accessModes: [ReadWriteOnce]\n', '') + `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: c1}
spec: {storageClassName: manual, accessModes: [ReadWriteOnce], resources: {requests: {storage: 500Mi}}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: c2}
spec: {storageClassName: manual, volumeName: big, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: c3}
spec: {storageClassName: "", accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`);
  waitFor(() => jp('get pvc c1', '{.status.phase}') === 'Bound' && jp('get pvc c2', '{.status.phase}') === 'Bound', 'c1 and c2 to bind');
  assert.match(c.k('get pvc c1'), /c1\s+Bound\s+small\s+1Gi\s+RWO\s+manual/);
  assert.match(c.k('get pvc c2'), /c2\s+Bound\s+big\s+5Gi\s+RWO\s+manual/);
  assert.equal(jp('get pvc c1', '{.metadata.annotations.pv\\.kubernetes\\.io/bind-completed}'), 'yes');
  assert.equal(jp('get pv small', '{.metadata.annotations.pv\\.kubernetes\\.io/bound-by-controller}'), 'yes');
  assert.match(c.k('get pv rwx'), /rwx\s+1Gi\s+RWX\s+Retain\s+Available\s+manual/);
  waitFor(() => /FailedBinding\s+.*no persistent volumes available for this claim and no storage class is set/.test(c.k('describe pvc c3')), 'FailedBinding for the class-less claim');
  c.k('delete pvc c1');
  waitFor(() => jp('get pv small', '{.status.phase}') === 'Released', 'the retained volume to be Released');
  assert.match(c.k('get pv small'), /small\s+1Gi\s+RWO\s+Retain\s+Released\s+default\/c1\s+manual/);
});

test('LimitRange defaults and bounds, ResourceQuota usage and refusals use the upstream texts', () => {
  c.k('create namespace team');
  c.k('create quota q -n team --hard=pods=2,requests.cpu=1,limits.memory=1Gi');
  c.k('apply -n team -f -', `apiVersion: v1
kind: LimitRange
metadata: {name: lr}
spec:
  limits:
  - type: Container
    default: {cpu: 500m, memory: 256Mi}
    defaultRequest: {cpu: 200m, memory: 128Mi}
    min: {cpu: 100m}
    max: {cpu: "1"}
`);
  c.k('run a -n team --image=nginx');
  assert.equal(jp('get pod a -n team', '{.spec.containers[0].resources.requests.cpu} {.spec.containers[0].resources.limits.memory}'), '200m 256Mi');
  assert.equal(jp('get pod a -n team', '{.metadata.annotations.kubernetes\\.io/limit-ranger}'), 'LimitRanger plugin set: cpu, memory request for container a; cpu, memory limit for container a');
  const small = c.kubectl(`run b -n team --image=nginx --overrides='{"spec":{"containers":[{"name":"b","image":"nginx","resources":{"requests":{"cpu":"50m"}}}]}}'`);
  assert.equal(small.stderr.trim(), 'Error from server (Forbidden): pods "b" is forbidden: minimum cpu usage per Container is 100m, but request is 50m');
  const big = c.kubectl(`run b -n team --image=nginx --overrides='{"spec":{"containers":[{"name":"b","image":"nginx","resources":{"limits":{"cpu":"2"}}}]}}'`);
  assert.equal(big.stderr.trim(), 'Error from server (Forbidden): pods "b" is forbidden: maximum cpu usage per Container is 1, but limit is 2');
  c.k(`run c -n team --image=nginx --overrides='{"spec":{"containers":[{"name":"c","image":"nginx","resources":{"requests":{"cpu":"700m"},"limits":{"cpu":"900m"}}}]}}'`);
  waitFor(() => /pods\s+2\s+2/.test(c.k('describe quota q -n team')), 'quota usage of two pods');
  assert.match(c.k('get quota -n team'), /q\s+pods: 2\/2, requests\.cpu: 900m\/1\s+limits\.memory: 512Mi\/1Gi/);
  const over = c.kubectl('run d -n team --image=nginx');
  assert.equal(over.stderr.trim(), 'Error from server (Forbidden): pods "d" is forbidden: exceeded quota: q, requested: pods=1,requests.cpu=200m, used: pods=2,requests.cpu=900m, limited: pods=2,requests.cpu=1');
  c.k('delete limitrange lr -n team');
  c.k('delete pod c -n team --grace-period=0 --force');
  const bare = c.kubectl('run e -n team --image=nginx');
  assert.equal(bare.stderr.trim(), 'Error from server (Forbidden): pods "e" is forbidden: failed quota: q: must specify limits.memory for: e; requests.cpu for: e');
  // a ReplicaSet hitting the quota reports FailedCreate
  c.k(`create deployment burst -n team --image=nginx --replicas=3`);
  c.k(`set resources deployment burst -n team --requests=cpu=100m --limits=memory=100Mi`);
  waitFor(() => /FailedCreate\s+replicaset\/burst-\S+\s+Error creating: pods "burst-\S+" is forbidden: exceeded quota: q/.test(c.k('get events -n team')), 'FailedCreate events');
});

test('an approved CSR is signed by the cluster CA and works as that user', () => {
  const r = c.sh(`set -e
cd /root
openssl genrsa -out jane.key 2048 2>/dev/null
openssl req -new -key jane.key -subj "/CN=jane/O=dev" -out jane.csr
cat <<EOF | kubectl apply -f -
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata: {name: jane}
spec:
  request: $(base64 -w0 jane.csr)
  signerName: kubernetes.io/kube-apiserver-client
  expirationSeconds: 86400
  usages: [client auth]
EOF
sleep 0.3
kubectl get csr jane
kubectl certificate approve jane
for i in $(seq 20); do test -n "$(kubectl get csr jane -o jsonpath='{.status.certificate}')" && break; sleep 0.2; done
kubectl get csr jane
kubectl get csr jane -o jsonpath='{.status.certificate}' | base64 -d > jane.crt
openssl x509 -in jane.crt -noout -subject -ext extendedKeyUsage
kubectl config set-credentials jane --client-key=jane.key --client-certificate=jane.crt --embed-certs >/dev/null
kubectl config set-context jane --cluster=kubernetes --user=jane >/dev/null
kubectl --context jane auth whoami
kubectl --context jane get pods 2>&1 || true
kubectl create -f - <<EOF 2>&1
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata: {name: bad}
spec:
  request: $(base64 -w0 jane.csr)
  signerName: kubernetes.io/kube-apiserver-client
  usages: [server auth]
EOF
kubectl certificate approve bad >/dev/null
kubectl create -f - <<EOF >/dev/null
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata: {name: nope}
spec:
  request: $(base64 -w0 jane.csr)
  signerName: kubernetes.io/kube-apiserver-client
  usages: [client auth]
EOF
kubectl certificate deny nope >/dev/null
sleep 0.5
kubectl get csr bad nope
`);
  assert.equal(r.code, 0, r.stderr);
  const out = r.stdout;
  assert.match(out, /NAME\s+AGE\s+SIGNERNAME\s+REQUESTOR\s+REQUESTEDDURATION\s+CONDITION\njane\s+\S+\s+kubernetes\.io\/kube-apiserver-client\s+kubernetes-admin\s+24h\s+Pending/);
  assert.match(out, /jane\s+\S+\s+kubernetes\.io\/kube-apiserver-client\s+kubernetes-admin\s+24h\s+Approved,Issued/);
  assert.match(out, /subject=CN\s?=\s?jane, O\s?=\s?dev/);
  assert.match(out, /TLS Web Client Authentication/);
  assert.match(out, /Username\s+jane\nGroups\s+\[dev system:authenticated\]/);
  assert.match(out, /User "jane" cannot list resource "pods" in API group "" in the namespace "default"/);
  assert.match(out, /bad\s+\S+\s+kubernetes\.io\/kube-apiserver-client\s+kubernetes-admin\s+<none>\s+Approved,Failed/);
  assert.match(out, /nope\s+\S+\s+kubernetes\.io\/kube-apiserver-client\s+kubernetes-admin\s+<none>\s+Denied/);
});

test('a PodDisruptionBudget keeps its status and makes eviction and drain wait', () => {
  c.k('create deployment guarded --image=nginx --replicas=2');
  waitFor(() => jp('get deploy guarded', '{.status.readyReplicas}') === '2', 'two ready replicas');
  c.k('create pdb guarded --selector=app=guarded --min-available=2');
  waitFor(() => jp('get pdb guarded', '{.status.observedGeneration}') === '1', 'the budget status');
  assert.match(c.k('get pdb guarded'), /guarded\s+2\s+N\/A\s+0\s+/);
  assert.equal(jp('get pdb guarded', '{.status.currentHealthy}/{.status.desiredHealthy}/{.status.expectedPods}'), '2/2/2');
  assert.equal(jp('get pdb guarded', '{.status.conditions[0].type}={.status.conditions[0].status} {.status.conditions[0].reason}'), 'DisruptionAllowed=False InsufficientPods');
  const d = c.sh('timeout 8 kubectl drain node01 --ignore-daemonsets --delete-emptydir-data --force --pod-selector=app=guarded 2>&1');
  assert.match(d.stdout, /error when evicting pods\/"guarded-\S+" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\./);
  c.k('uncordon node01');
  c.k(`patch pdb guarded --type=merge -p '{"spec":{"minAvailable":1}}'`);
  waitFor(() => jp('get pdb guarded', '{.status.disruptionsAllowed}') === '1', 'one allowed disruption');
  assert.equal(jp('get pdb guarded', '{.status.conditions[0].reason}'), 'SufficientPods');
  const pod = jp('get pods -l app=guarded', '{.items[0].metadata.name}');
  const ev = c.sh(`kubectl create --raw /api/v1/namespaces/default/pods/${pod}/eviction -f - <<'EOF'
{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"${pod}","namespace":"default"}}
EOF`);
  assert.equal(ev.code, 0, ev.stderr);
  waitFor(() => {
    const r = c.kubectl(`get pod ${pod} -o jsonpath='{.metadata.deletionTimestamp}'`);
    return r.code !== 0 || r.stdout !== '';
  }, 'the evicted pod to go');
});

test('TokenRequest tokens authenticate as the service account, bound to a pod if asked', () => {
  const t = c.k('create token default --duration=15m').trim();
  // (a client certificate would win over the token: use a kubeconfig without one)
  const who = c.sh(`kubectl --kubeconfig=/dev/null --server=https://controlplane:6443 --certificate-authority=/etc/kubernetes/pki/ca.crt --token=${t} auth whoami`);
  assert.match(who.stdout, /Username\s+system:serviceaccount:default:default/, who.stderr);
  const claims = JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString());
  assert.equal(claims.exp - claims.iat, 900);
  c.k('run bound --image=busybox -- sleep 3600');
  const b = c.k('create token default --bound-object-kind=Pod --bound-object-name=bound').trim();
  const bc = JSON.parse(Buffer.from(b.split('.')[1], 'base64url').toString());
  assert.equal(bc['kubernetes.io'].pod.name, 'bound');
  const noSa = c.kubectl(`run lonely --image=busybox --overrides='{"spec":{"serviceAccountName":"nosuch"}}' -- sleep 1`);
  assert.equal(noSa.stderr.trim(), 'Error from server (Forbidden): pods "lonely" is forbidden: error looking up service account default/nosuch: serviceaccount "nosuch" not found');
  const missing = c.kubectl('create token default --bound-object-kind=Pod --bound-object-name=ghost');
  assert.equal(missing.stderr.trim(), 'error: failed to create token: pods "ghost" not found');
});

test('a cordoned node carries the unschedulable taint', () => {
  c.k('cordon node01');
  waitFor(() => jp('get node node01', '{.spec.taints[*].key}').includes('node.kubernetes.io/unschedulable'), 'the unschedulable taint');
  c.k('uncordon node01');
  waitFor(() => !jp('get node node01', '{.spec.taints[*].key}').includes('node.kubernetes.io/unschedulable'), 'the taint to go');
});

test('a node whose kubelet stops goes NotReady, is tainted unreachable, and its pods are evicted after 300s', (t) => {
  c.k(`run victim --image=busybox --overrides='{"spec":{"nodeName":"node01"}}' -- sleep 3600`);
  const stop = c.sh('systemctl stop kubelet', { node: 'node01' });
  if (stop.code !== 0 || /ignoring/.test(stop.stdout + stop.stderr)) {
    t.skip('systemctl stop kubelet is not available on the nodes yet');
    return;
  }
  waitFor(() => /node01\s+NotReady/.test(c.k('get nodes')), 'node01 to turn NotReady', 300);
  assert.equal(jp('get node node01', '{.status.conditions[?(@.type=="Ready")].reason}'), 'NodeStatusUnknown');
  assert.equal(jp('get node node01', '{.status.conditions[?(@.type=="Ready")].message}'), 'Kubelet stopped posting node status.');
  waitFor(() => /node\.kubernetes\.io\/unreachable:NoExecute/.test(c.k('describe node node01')), 'the unreachable taint');
  assert.match(c.k('describe node node01'), /node\.kubernetes\.io\/unreachable:NoSchedule/);
  assert.match(c.k('get events'), /NodeNotReady\s+node\/node01\s+Node node01 status is now: NodeNotReady/);
  assert.equal(jp('get pod victim', '{.status.conditions[?(@.type=="Ready")].status}'), 'False');
  // tolerated for 300s (30s here), then marked for deletion
  waitFor(() => jp('get pod victim', '{.metadata.deletionTimestamp}') !== '', 'the taint eviction', 300);
  assert.match(c.k('get events'), /TaintManagerEviction\s+pod\/victim\s+Marking for deletion Pod default\/victim/);
  c.sh('systemctl start kubelet', { node: 'node01' });
  waitFor(() => /node01\s+Ready/.test(c.k('get nodes')), 'node01 to come back', 300);
  waitFor(() => !/unreachable/.test(jp('get node node01', '{.spec.taints}')), 'the taints to go');
});

test('a node without a kubelet goes NotReady after the grace period, is tainted, and its pods are evicted after 300s', () => {
  // node09 has no kubelet: nothing renews its Lease or posts its status
  c.k('create -f -', `apiVersion: v1
kind: Node
metadata: {name: node09, labels: {kubernetes.io/hostname: node09}}
`);
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  c.k(`patch node node09 --subresource=status --type=merge -p '{"status":{"conditions":[{"type":"Ready","status":"True","reason":"KubeletReady","message":"kubelet is posting ready status","lastHeartbeatTime":"${now}","lastTransitionTime":"${now}"}]}}'`);
  c.k(`run ghost --image=busybox --overrides='{"spec":{"nodeName":"node09"}}' -- sleep 3600`);
  c.k(`patch pod ghost --subresource=status --type=merge -p '{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}'`);
  assert.match(c.k('get nodes node09'), /node09\s+Ready/);
  // 50s of cluster time
  waitFor(() => /node09\s+NotReady/.test(c.k('get nodes node09')), 'node09 to turn NotReady', 150);
  assert.equal(jp('get node node09', '{.status.conditions[?(@.type=="Ready")].status} {.status.conditions[?(@.type=="Ready")].reason}'), 'Unknown NodeStatusUnknown');
  assert.equal(jp('get node node09', '{.status.conditions[?(@.type=="Ready")].message}'), 'Kubelet stopped posting node status.');
  waitFor(() => /node\.kubernetes\.io\/unreachable:NoExecute/.test(c.k('describe node node09')), 'the unreachable NoExecute taint');
  assert.match(c.k('describe node node09'), /Taints:\s+node\.kubernetes\.io\/unreachable:NoExecute\n\s+node\.kubernetes\.io\/unreachable:NoSchedule/);
  waitFor(() => /NodeNotReady\s+node\/node09\s+Node node09 status is now: NodeNotReady/.test(c.k('get events')), 'the NodeNotReady event');
  waitFor(() => jp('get pod ghost', '{.status.conditions[?(@.type=="Ready")].status}') === 'False', 'the pod marked not ready');
  assert.match(c.k('get events'), /Warning\s+NodeNotReady\s+pod\/ghost\s+Node is not ready/);
  // the default toleration (300s of cluster time), then marked for deletion; no kubelet finishes it
  assert.match(jp('get pod ghost', '{.spec.tolerations}'), /"key":"node.kubernetes.io\/unreachable","operator":"Exists","tolerationSeconds":300/);
  waitFor(() => jp('get pod ghost', '{.metadata.deletionTimestamp}') !== '', 'the taint eviction', 300);
  assert.match(c.k('get events'), /TaintManagerEviction\s+pod\/ghost\s+Marking for deletion Pod default\/ghost/);
  assert.match(c.k('get pod ghost'), /ghost\s+1\/1\s+Terminating|ghost\s+0\/1\s+Terminating/);
  // the kubelet reports again: taints go
  const later = new Date(Date.now() + 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
  c.k(`patch node node09 --subresource=status --type=merge -p '{"status":{"conditions":[{"type":"Ready","status":"True","reason":"KubeletReady","message":"kubelet is posting ready status","lastHeartbeatTime":"${later}","lastTransitionTime":"${later}"}]}}'`);
  waitFor(() => !/unreachable/.test(jp('get node node09', '{.spec.taints}')), 'the taints to go');
  c.k('delete pod ghost --grace-period=0 --force');
  c.k('delete node node09');
});
