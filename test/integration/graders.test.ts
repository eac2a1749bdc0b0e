// The grader library against a real cluster driven by the real kubectl: each check type passes
// and fails on real state, and its evidence reads as the candidate would need it. Also setup steps
// and the scenario proof (the instructor self-test).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gradeTasks, runCheck, gradingSession } from '../../graders/index.ts';
import type { CheckResult, SessionHandle } from '../../graders/types.ts';
import { loadScenarios } from '../../scenarios/loader.ts';
import { proveScenario } from '../../scenarios/prove.ts';
import { clusterSession } from '../../scenarios/session.ts';
import { applySetup, SetupError } from '../../scenarios/setup.ts';
import type { Check, Scenario, Task } from '../../scenarios/types.ts';
import { clusters, TestCluster } from '../helpers/cluster.ts';

let c: TestCluster;
let session: SessionHandle;

const TASK = { id: 't', title: 't', weight: 1, domain: 'workloads', concepts: [], statement: '-', node: 'controlplane', checks: [], solution: { commands: 'true' } } as unknown as Task;

function grade(check: Record<string, unknown>): Promise<CheckResult> {
  return runCheck(gradingSession(session), { id: 'c1', description: 'check', points: 2, ...check } as Check, TASK);
}

async function passes(check: Record<string, unknown>): Promise<CheckResult> {
  const r = await grade(check);
  assert.equal(r.passed, true, `expected a pass: ${r.message} [expected ${r.expected}; saw ${r.actual}]`);
  assert.equal(r.earned, 2);
  return r;
}

async function fails(check: Record<string, unknown>): Promise<CheckResult> {
  const r = await grade(check);
  assert.equal(r.passed, false, `expected a failure: ${r.message}`);
  assert.equal(r.earned, 0);
  return r;
}

const STATE = `
apiVersion: v1
kind: Namespace
metadata: {name: gt}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: gt}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: "nginx:1.25"}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: gt}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: lonely, namespace: gt}
spec: {selector: {app: nobody}, ports: [{port: 8080, targetPort: 9090}]}
---
apiVersion: v1
kind: Pod
metadata: {name: crash, namespace: gt, labels: {app: crash}}
spec: {containers: [{name: app, image: "busybox:1.36", command: ["sh", "-c", "exit 1"]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: once, namespace: gt}
spec: {restartPolicy: Never, containers: [{name: app, image: "busybox:1.36", command: ["true"]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: stuck, namespace: gt}
spec: {nodeSelector: {disktype: none}, containers: [{name: app, image: "nginx:1.25"}]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-reader, namespace: gt}
rules: [{apiGroups: [""], resources: ["pods"], verbs: ["get", "list"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: jane-reads, namespace: gt}
subjects: [{kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}]
roleRef: {kind: Role, name: pod-reader, apiGroup: rbac.authorization.k8s.io}
`;

before(async () => {
  c = await TestCluster.create('graders');
  session = clusterSession(clusters, c.name);
  await applySetup(session, [
    { apply: STATE },
    { file: { node: 'node01', path: '/opt/notes/hello.txt', content: 'hello from node01\nsecond line\n', mode: '0640' } },
    { run: 'kubectl label node node01 disk=ssd && kubectl taint node node01 maintenance=soon:NoSchedule' },
    { waitFor: 'kubectl -n gt rollout status deployment/web --timeout=5s && [ "$(kubectl -n gt get pod crash -o jsonpath={.status.containerStatuses[0].restartCount})" -ge 1 ] && [ "$(kubectl -n gt get pod once -o jsonpath={.status.phase})" = Succeeded ]', timeout: 90 },
  ]);
});
after(async () => c?.delete());

test('exists / absent: kubectl names, short names, types; NotFound in kubectl words', async () => {
  const ok = await passes({ type: 'exists', resource: 'deploy/web', namespace: 'gt' });
  assert.equal(ok.message, 'deploy/web in namespace gt exists.');
  const miss = await fails({ type: 'exists', resource: 'deployment/api', namespace: 'gt' });
  assert.equal(miss.actual, 'Error from server (NotFound): deployments.apps "api" not found');
  assert.equal(miss.message, 'deployment/api in namespace gt does not exist (Error from server (NotFound): deployments.apps "api" not found).');
  await passes({ type: 'exists', resource: 'rolebindings', namespace: 'gt' });
  await passes({ type: 'exists', resource: 'node/node01' });
  await passes({ type: 'absent', resource: 'svc/api', namespace: 'gt' });
  const still = await fails({ type: 'absent', resource: 'pods', namespace: 'gt', selector: 'app=crash' });
  assert.equal(still.actual, 'still there: pod/crash');
  // an unknown type is not "absent": kubectl's error is the evidence
  const typo = await fails({ type: 'absent', resource: 'deploymentz/web', namespace: 'gt' });
  assert.equal(typo.actual, 'error: the server doesn\'t have a resource type "deploymentz"');
});

test('jsonpath: equals, matches, contains, count, oneOf over objects and lists', async () => {
  const eq = await passes({ type: 'jsonpath', resource: 'deployment/web', namespace: 'gt', path: '{.spec.template.spec.containers[0].image}', equals: 'nginx:1.25' });
  assert.equal(eq.message, '{.spec.template.spec.containers[0].image} of deployment/web in namespace gt is "nginx:1.25", as expected.');
  const wrong = await fails({ type: 'jsonpath', resource: 'deployment/web', namespace: 'gt', path: '.spec.template.spec.containers[0].image', equals: 'nginx:1.27' });
  assert.equal(wrong.expected, '"nginx:1.27"');
  assert.equal(wrong.actual, '"nginx:1.25"');
  assert.equal(wrong.message, '{.spec.template.spec.containers[0].image} of deployment/web in namespace gt is "nginx:1.25"; expected "nginx:1.27".');
  await passes({ type: 'jsonpath', resource: 'deployment/web', namespace: 'gt', path: '{.spec.replicas}', equals: 2 });
  await passes({ type: 'jsonpath', resource: 'svc/web', namespace: 'gt', path: '{.spec.clusterIP}', matches: '^10\\.\\d+\\.\\d+\\.\\d+$' });
  await passes({ type: 'jsonpath', resource: 'pods', namespace: 'gt', selector: 'app=web', path: '{.items[*].metadata.name}', count: 2 });
  const n = await fails({ type: 'jsonpath', resource: 'pods', namespace: 'gt', selector: 'app=web', path: '{.items[*].metadata.name}', count: 3 });
  assert.match(n.actual, /^2 value\(s\): web-\S+ web-\S+$/);
  await passes({ type: 'jsonpath', resource: 'pod/stuck', namespace: 'gt', path: '{.status.phase}', oneOf: ['Pending', 'Failed'] });
  await passes({ type: 'jsonpath', resource: 'node/node01', path: '{.spec.taints}', contains: 'maintenance' });
  const gone = await fails({ type: 'jsonpath', resource: 'cm/missing', namespace: 'gt', path: '{.data}', equals: 'x' });
  assert.equal(gone.actual, 'Error from server (NotFound): configmaps "missing" not found');
});

test('podsReady / podPhase / restartCount show STATUS words', async () => {
  const ready = await passes({ type: 'podsReady', namespace: 'gt', selector: 'app=web' });
  assert.equal(ready.actual, '2/2 Ready');
  await passes({ type: 'podsReady', namespace: 'gt', selector: 'app=web', count: 2 });
  const crash = await fails({ type: 'podsReady', namespace: 'gt', name: 'crash' });
  assert.match(crash.actual, /^0\/1 Ready; not Ready: crash (CrashLoopBackOff|Error)$/);
  assert.match(crash.message, /^0 of 1 pod crash in namespace gt are Ready \(crash (CrashLoopBackOff|Error)\)\.$/);
  const none = await fails({ type: 'podsReady', namespace: 'gt', selector: 'app=web', node: 'node02' });
  assert.equal(none.actual, 'no pods found on node node02');
  await passes({ type: 'podPhase', namespace: 'gt', name: 'once', phase: 'Succeeded' });
  const pending = await fails({ type: 'podPhase', namespace: 'gt', name: 'stuck', phase: 'Running' });
  assert.match(pending.actual, /^stuck Pending \(Pending \(Unschedulable: 0\/2 nodes are available/);
  assert.equal(pending.message, 'Pod stuck is Pending; expected Running.');
  const rc = await fails({ type: 'restartCount', namespace: 'gt', name: 'crash', max: 0 });
  assert.match(rc.message, /^The pod crash restarted \d+ times?; expected at most 0\.$/);
  await passes({ type: 'restartCount', namespace: 'gt', name: 'crash', container: 'app', min: 1 });
  await passes({ type: 'restartCount', namespace: 'gt', name: 'once', max: 0 });
  const nc = await fails({ type: 'restartCount', namespace: 'gt', name: 'crash', container: 'side', max: 0 });
  assert.equal(nc.message, 'Pod crash has no container named side (it has app).');
});

test('rollout: complete, image and replicas', async () => {
  const ok = await passes({ type: 'rollout', namespace: 'gt', deployment: 'web', image: 'docker.io/library/nginx:1.25', replicas: 2 });
  assert.equal(ok.message, 'Deployment web rolled out: 2/2 available, running nginx:1.25.');
  const img = await fails({ type: 'rollout', namespace: 'gt', deployment: 'web', image: 'nginx:1.27' });
  assert.equal(img.message, 'Deployment web is not as expected: it runs nginx:1.25, not nginx:1.27.');
  assert.equal(img.actual, '2 updated, 2 available of 2 desired; image nginx:1.25');
  const rep = await fails({ type: 'rollout', namespace: 'gt', deployment: 'web', replicas: 3 });
  assert.equal(rep.message, 'Deployment web is not as expected: it asks for 2 replicas, not 3.');
  const missing = await fails({ type: 'rollout', namespace: 'gt', deployment: 'api' });
  assert.equal(missing.actual, 'Error from server (NotFound): deployments.apps "api" not found');
});

test('serviceEndpoints: ports, selector and ready endpoints', async () => {
  const ok = await passes({ type: 'serviceEndpoints', namespace: 'gt', service: 'web', port: 80, targetPort: 80, selector: 'app=web', minEndpoints: 2 });
  assert.match(ok.actual, /^ports 80→80; selector app=web; 2 ready endpoints \(192\.168\.\d+\.\d+, 192\.168\.\d+\.\d+\)$/);
  const lonely = await fails({ type: 'serviceEndpoints', namespace: 'gt', service: 'lonely', port: 8080, selector: { app: 'web' } });
  assert.equal(lonely.message, 'Service lonely is not as expected: its selector is app=nobody; it has 0 ready endpoints.');
  const port = await fails({ type: 'serviceEndpoints', namespace: 'gt', service: 'web', port: 8080 });
  assert.equal(port.message, 'Service web is not as expected: its ports are 80→80.');
});

test('node: ready, schedulable, taints, labels, version', async () => {
  await passes({ type: 'node', name: 'node01', ready: true, schedulable: true, taint: 'maintenance=soon:NoSchedule', label: 'disk=ssd', version: 'v1.35' });
  await passes({ type: 'node', name: 'controlplane', noTaint: 'maintenance:NoSchedule', taint: 'node-role.kubernetes.io/control-plane:NoSchedule' });
  const t = await fails({ type: 'node', name: 'node01', noTaint: 'maintenance:NoSchedule', label: 'disk=hdd', schedulable: false });
  assert.equal(t.message, 'Node node01: it is schedulable; it still has the taint maintenance:NoSchedule; its label is disk=ssd.');
  assert.match(t.actual, /^Ready; taints: maintenance=soon:NoSchedule; kubelet v1\.35\.\d+$/);
  const gone = await fails({ type: 'node', name: 'node09', ready: true });
  assert.equal(gone.actual, 'Error from server (NotFound): nodes "node09" not found');
});

test('canI: users and service accounts through RBAC', async () => {
  const yes = await passes({ type: 'canI', as: 'jane', verb: 'list', resource: 'pods', namespace: 'gt', expect: true });
  assert.equal(yes.message, 'User jane can list pods in namespace gt, as expected.');
  const no = await fails({ type: 'canI', as: 'jane', verb: 'delete', resource: 'pods', namespace: 'gt', expect: true });
  assert.equal(no.message, 'User jane cannot delete pods in namespace gt; expected allowed.');
  assert.equal(no.expected, 'kubectl auth can-i delete pods --as=jane -n gt → yes');
  await passes({ type: 'canI', as: 'system:serviceaccount:gt:default', verb: 'list', resource: 'secrets', namespace: 'gt', expect: false });
  await passes({ type: 'canI', as: 'jane', verb: 'get', resource: 'pods', subresource: 'log', namespace: 'gt', expect: false });
});

test('file: exists, contains, matches, mode, on another node', async () => {
  const ok = await passes({ type: 'file', node: 'node01', path: '/opt/notes/hello.txt', contains: 'from node01', mode: '0640' });
  assert.equal(ok.actual, 'mode 0640, 30 bytes: line "hello from node01"');
  await passes({ type: 'file', node: 'node01', path: '/opt/notes/hello.txt', matches: '^second' });
  const mode = await fails({ type: 'file', node: 'node01', path: '/opt/notes/hello.txt', mode: '0600', contains: 'bye' });
  assert.equal(mode.message, '/opt/notes/hello.txt on node01: its mode is 0640; it does not contain "bye".');
  const missing = await fails({ type: 'file', path: '/opt/notes/hello.txt' });
  assert.equal(missing.message, '/opt/notes/hello.txt does not exist on controlplane.');
  await passes({ type: 'file', path: '/opt/notes/hello.txt', exists: false });
  await passes({ type: 'file', path: '/etc/kubernetes/manifests', exists: true });
});

test('etcdSnapshot: a real etcdctl snapshot, its revision and a key in it', async () => {
  const tls = '--endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key';
  const missing = await fails({ type: 'etcdSnapshot', path: '/opt/backup/etcd.db' });
  assert.equal(missing.message, 'There is no snapshot at /opt/backup/etcd.db on controlplane.');
  c.sh('mkdir -p /opt/backup && echo not a snapshot > /opt/backup/junk.db');
  const junk = await fails({ type: 'etcdSnapshot', path: '/opt/backup/junk.db' });
  assert.match(junk.message, /^\/opt\/backup\/junk\.db on controlplane is not a valid etcd snapshot: /);
  const save = c.sh(`ETCDCTL_API=3 etcdctl ${tls} snapshot save /opt/backup/etcd.db`);
  assert.equal(save.code, 0, save.stderr);
  const ok = await passes({ type: 'etcdSnapshot', path: '/opt/backup/etcd.db', minRevision: 10, key: '/registry/deployments/gt/web' });
  assert.match(ok.actual, /^revision \d+, \d+ keys, \d+ bytes$/);
  const key = await fails({ type: 'etcdSnapshot', path: '/opt/backup/etcd.db', key: '/registry/deployments/gt/api' });
  assert.equal(key.message, '/opt/backup/etcd.db on controlplane is a snapshot, but it does not hold the key /registry/deployments/gt/api.');
  const rev = await fails({ type: 'etcdSnapshot', path: '/opt/backup/etcd.db', minRevision: 100000000 });
  assert.match(rev.message, /but its revision is \d+, below 100000000\.$/);
});

test('command, script and events', async () => {
  await passes({ type: 'command', node: 'node01', run: 'hostname', stdoutContains: 'node01' });
  const cmd = await fails({ type: 'command', run: 'systemctl is-active kubelet', stdoutMatches: '^inactive' });
  assert.equal(cmd.message, 'The command on controlplane did not give what was expected: its output does not match /^inactive/.');
  assert.equal(cmd.actual, 'exit code 0; output "active"');
  await passes({ type: 'command', run: 'exit 3', exitCode: 3 });
  const ok = await passes({ type: 'script', script: 'kubectl -n gt get deploy web >/dev/null && echo "web is there"' });
  assert.equal(ok.actual, 'exit code 0: web is there');
  const bad = await fails({ type: 'script', script: 'echo "web has the wrong image" >&2; exit 1' });
  assert.equal(bad.actual, 'exit code 1: web has the wrong image');
  assert.equal(bad.message, 'The verification script on controlplane failed (exit code 1): web has the wrong image.');
  const ev = await passes({ type: 'events', namespace: 'gt', object: 'pod/stuck', reason: 'FailedScheduling', messageMatches: 'node affinity|selector' });
  assert.match(ev.actual, /^FailedScheduling: 0\/2 nodes are available/);
  const none = await fails({ type: 'events', namespace: 'gt', object: 'po/once', reason: 'BackOff' });
  assert.match(none.actual, /^events seen for pod\/once: .*Scheduled/);
});

test('gradeTasks: points, fractions, shared reads; an unknown type fails without throwing', async () => {
  const task = (id: string, checks: Record<string, unknown>[]): Task => ({ ...TASK, id, weight: 10, checks: checks.map((ch, i) => ({ id: `c${i + 1}`, description: `d${i + 1}`, points: 1, ...ch }) as Check) });
  const calls: string[] = [];
  const counting: SessionHandle = { ...session, nodes: () => session.nodes(), run: (argv, o) => { calls.push(argv.join(' ')); return session.run(argv, o); } };
  const [a, b] = await gradeTasks(counting, [
    task('a', [{ type: 'rollout', namespace: 'gt', deployment: 'web', points: 3 }, { type: 'rollout', namespace: 'gt', deployment: 'web', image: 'nginx:1.27' }]),
    task('b', [{ type: 'exists', resource: 'deployment/web', namespace: 'gt' }, { type: 'nosuch' }]),
  ]);
  assert.deepEqual([a.points, a.earned, a.fraction], [4, 3, 0.75]);
  assert.deepEqual([b.points, b.earned, b.checks[1].passed], [2, 1, false]);
  assert.match(b.checks[1].message, /^This check could not run: unknown check type "nosuch" \(known: exists, absent, /);
  // both rollout checks and the exists check read deployment/web once
  assert.equal(calls.filter((x) => x.includes('get deployment/web -n gt -o json')).length, 1);
  // named reads in one namespace (objects and jsonpath) share one kubectl call; objects kubectl
  // reports missing are answered with its words and the rest asked once more
  calls.length = 0;
  const [x] = await gradeTasks(counting, [task('x', [
    { type: 'exists', resource: 'svc/web', namespace: 'gt' },
    { type: 'absent', resource: 'deployment/api', namespace: 'gt' },
    { type: 'exists', resource: 'cm/nothere', namespace: 'gt' },
    { type: 'rollout', namespace: 'gt', deployment: 'web' },
    { type: 'podPhase', namespace: 'gt', name: 'once', phase: 'Succeeded' },
    { type: 'jsonpath', resource: 'deployment/web', namespace: 'gt', path: '{.spec.replicas}', equals: '2' },
    { type: 'jsonpath', resource: 'svc/web', namespace: 'gt', path: '{.spec.ports[0].port}/{.spec.selector.app}', equals: '80/web' },
    { type: 'jsonpath', resource: 'svc/web', namespace: 'gt', path: '{.spec.selector}', contains: '"app":"web"' },
  ])]);
  assert.deepEqual(x.checks.map((ch) => ch.passed), [true, true, false, true, true, true, true, true], JSON.stringify(x.checks.map((ch) => ch.message)));
  assert.equal(x.checks[2].actual, 'Error from server (NotFound): configmaps "nothere" not found');
  const gets = calls.filter((l) => l.includes(' get ')).map((l) => l.replace(/^.* get /, 'get '));
  assert.equal(gets.length, 2, gets.join('\n'));
  assert.ok(gets[0].startsWith('get svc/web deployment/api cm/nothere deployment/web pod/once -n gt -o jsonpath='));
  assert.ok(gets[1].startsWith('get svc/web deployment/web pod/once -n gt -o jsonpath='));
  // one object alone: the same answers as without batching
  calls.length = 0;
  const [y] = await gradeTasks(counting, [task('y', [
    { type: 'jsonpath', resource: 'deployment/web', namespace: 'gt', path: '{.metadata.name}', equals: 'web' },
    { type: 'rollout', namespace: 'gt', deployment: 'web', replicas: 2 },
  ])]);
  assert.deepEqual(y.checks.map((ch) => ch.passed), [true, true]);
  assert.equal(calls.length, 1);
});

test('setup steps fail with the step and its output', async () => {
  await assert.rejects(applySetup(session, [{ run: 'true' }, { apply: 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {containers: []}\n' }]), (e: unknown) => {
    assert.ok(e instanceof SetupError);
    assert.match(e.message, /^setup step 2 \(apply\) failed: kubectl apply exited with code 1\n.*spec\.containers: Required value/s);
    return true;
  });
  await assert.rejects(applySetup(session, [{ waitFor: 'false', timeout: 1 }]), /^Error: setup step 1 \(waitFor on controlplane: false\) failed: the condition did not hold within 1 s/);
  await assert.rejects(applySetup(session, [{ run: 'echo broken >&2; exit 4', node: 'node01' }]), /setup step 1 \(run on node01: echo broken >&2; exit 4\) failed: the script exited with code 4\nbroken/);
});

test('proveScenario: the fixture proves itself; a wrong solution fails with evidence', async () => {
  const [fixture] = loadScenarios('test/fixtures/scenarios').scenarios;
  const lines: string[] = [];
  const good = await proveScenario(clusters, fixture, (l) => lines.push(l));
  assert.equal(good.status, 'passed', good.log.join('\n'));
  assert.deepEqual(good.tasks.map((t) => [t.taskId, t.setupFails, t.solutionPasses]), [['scale', true, true], ['note', true, true]]);
  assert.equal(good.tasks[0].checks[0].onSetup.passed, false);
  assert.equal(good.tasks[0].checks[0].onSolution.passed, true);
  assert.ok(lines.some((l) => l.startsWith('task scale: PASS')));
  // a check that already holds on the setup state, and a solution that does not do the job
  const wrong: Scenario = { ...fixture, tasks: [{ ...fixture.tasks[1], setup: [{ file: { path: '/root/note.txt', content: 'ready\n' } }], solution: { commands: 'echo nope > /root/note.txt', node: 'controlplane' }, settle: 2 }] };
  const bad = await proveScenario(clusters, wrong);
  assert.equal(bad.status, 'failed');
  assert.deepEqual([bad.tasks[0].setupFails, bad.tasks[0].solutionPasses], [false, false]);
  assert.ok(bad.log.includes('task note: check c1 (file) already passes on the setup state: /root/note.txt on controlplane exists, contains "ready".'), bad.log.join('\n'));
  assert.equal(bad.tasks[0].checks[0].onSolution.message, '/root/note.txt on controlplane: it does not contain "ready".');
  assert.ok(!clusters.list().some((x) => x.name.startsWith('proof-fixture-mini')), 'proof clusters are deleted');
});
