// The default scheduler: pods are bound to a feasible node with a Scheduled event, or stay Pending
// with upstream's FailedScheduling message; node changes make waiting pods schedulable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TestCluster } from '../helpers/cluster.ts';

let c: TestCluster;
before(async () => {
  c = await TestCluster.create('sch');
});
after(async () => c?.delete());

function waitFor(check: () => boolean, what: string): void {
  for (let i = 0; i < 60; i++) {
    if (check()) return;
    c.sh('sleep 0.1');
  }
  assert.fail(`timed out waiting for ${what}`);
}

const nodeOf = (pod: string) => c.k(`get pod ${pod} -o jsonpath='{.spec.nodeName}'`);

test('a plain pod lands on the worker (the control plane is tainted) with a Scheduled event', () => {
  c.k('run plain --image=nginx');
  waitFor(() => nodeOf('plain') === 'node01', 'plain to be bound');
  assert.equal(c.k("get pod plain -o jsonpath='{.status.conditions[?(@.type==\"PodScheduled\")].status}'"), 'True');
  assert.match(c.k('get events --field-selector involvedObject.name=plain'), /Normal\s+Scheduled\s+pod\/plain\s+Successfully assigned default\/plain to node01/);
});

test('an impossible pod stays Pending with the upstream message, and schedules once a node fits', () => {
  c.k(`run picky --image=nginx --overrides='{"spec":{"nodeSelector":{"disk":"ssd"}}}'`);
  const msg = '0/2 nodes are available: 2 node(s) didn\'t match Pod\'s node affinity/selector. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.';
  waitFor(() => c.k("get pod picky -o jsonpath='{.status.conditions[0].message}'") === msg, 'the FailedScheduling condition');
  assert.match(c.k('describe pod picky'), /Warning\s+FailedScheduling\s+\S+\s+default-scheduler\s+0\/2 nodes are available/);
  c.k('label node node01 disk=ssd');
  waitFor(() => nodeOf('picky') === 'node01', 'picky to be bound after labelling');
});

test('resources, taints, tolerations and cordon are respected', () => {
  c.k(`run big --image=nginx --overrides='{"spec":{"containers":[{"name":"big","image":"nginx","resources":{"requests":{"memory":"10Gi"}}}]}}'`);
  waitFor(() => /Insufficient memory/.test(c.k("get pod big -o jsonpath='{.status.conditions[0].message}'")), 'Insufficient memory');
  assert.match(c.k("get pod big -o jsonpath='{.status.conditions[0].message}'"), /^0\/2 nodes are available: 1 Insufficient memory, 1 node\(s\) had untolerated taint \{node-role\.kubernetes\.io\/control-plane: \}\. preemption: 0\/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling\.$/);
  c.k('cordon node01');
  c.k(`run tolerant --image=nginx --overrides='{"spec":{"tolerations":[{"key":"node-role.kubernetes.io/control-plane","operator":"Exists","effect":"NoSchedule"}]}}'`);
  waitFor(() => nodeOf('tolerant') === 'controlplane', 'the tolerating pod on the control plane while node01 is cordoned');
  c.k('uncordon node01');
  c.k(`run other --image=nginx --overrides='{"spec":{"schedulerName":"my-scheduler"}}'`);
  c.sh('sleep 0.5');
  assert.equal(nodeOf('other'), '', 'pods for another scheduler are left alone');
});

const message = (pod: string) => c.k(`get pod ${pod} -o jsonpath='{.status.conditions[?(@.type=="PodScheduled")].message}'`);
const tol = '"tolerations":[{"key":"node-role.kubernetes.io/control-plane","operator":"Exists","effect":"NoSchedule"}]';

test('pod affinity and anti-affinity follow the hostname topology', () => {
  c.k(`run anchor --image=nginx --labels=app=anchor --overrides='{"spec":{"nodeName":"controlplane"}}'`);
  const aff = (kind: string) => `{"spec":{${tol},"affinity":{"${kind}":{"requiredDuringSchedulingIgnoredDuringExecution":[{"labelSelector":{"matchLabels":{"app":"anchor"}},"topologyKey":"kubernetes.io/hostname"}]}}}}`;
  c.k(`run near --image=nginx --overrides='${aff('podAffinity')}'`);
  c.k(`run far --image=nginx --overrides='${aff('podAntiAffinity')}'`);
  waitFor(() => nodeOf('near') === 'controlplane' && nodeOf('far') === 'node01', 'near with the anchor, far away from it');
  c.k(`run lonely --image=nginx --overrides='{"spec":{"affinity":{"podAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[{"labelSelector":{"matchLabels":{"app":"nobody"}},"topologyKey":"kubernetes.io/hostname"}]}}}}'`);
  waitFor(() => /didn't match pod affinity rules/.test(message('lonely')), 'the affinity failure message');
  assert.equal(message('lonely'), "0/2 nodes are available: 1 node(s) didn't match pod affinity rules, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.");
});

test('an unbound immediate claim keeps a pod Pending with upstream message', () => {
  c.k('create -f -', `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: nowhere}
spec:
  storageClassName: manual
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: Pod
metadata: {name: claimer}
spec:
  containers: [{name: c, image: nginx}]
  volumes: [{name: d, persistentVolumeClaim: {claimName: nowhere}}]
`);
  waitFor(() => message('claimer') !== '', 'the claim message');
  assert.equal(message('claimer'), '0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.');
});

test('a higher-priority pod preempts a lower-priority one', () => {
  const alloc = c.k("get node node01 -o jsonpath='{.status.allocatable.cpu}'");
  const cpu = Number(alloc) * 1000 - 300;
  c.k('create priorityclass high --value=1000');
  c.k(`run filler --image=nginx --overrides='{"spec":{"nodeName":"node01","containers":[{"name":"filler","image":"nginx","resources":{"requests":{"cpu":"${cpu}m"}}}]}}'`);
  c.k(`run vip --image=nginx --overrides='{"spec":{"priorityClassName":"high","containers":[{"name":"vip","image":"nginx","resources":{"requests":{"cpu":"${cpu}m"}}}]}}'`);
  waitFor(() => {
    const r = c.kubectl('get pod filler -o jsonpath={.metadata.deletionTimestamp}');
    return r.code !== 0 || r.stdout !== '';
  }, 'the filler to be preempted');
  assert.match(c.k('get events --field-selector involvedObject.name=filler'), /Preempted\s+pod\/filler\s+Preempted by pod \S+ on node node01/);
});
