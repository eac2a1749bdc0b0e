// The workload controllers and the garbage collector, driven by the real kubectl: Deployments
// (rollouts, rollout status/history/undo/pause/resume, scale, progress deadline), ReplicaSets,
// garbage collection (background, foreground, orphan, dangling owners), Jobs, CronJobs on a fast
// clock, StatefulSets, DaemonSets and podgc. Pods are made Running/Ready by patching their status
// (as a kubelet would), so the tests do not depend on kubelets; the few that need real containers
// are skipped when there is no kubelet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TestCluster, ROOT } from '../helpers/cluster.ts';

const SPEED = 20;
const HAS_KUBELET = existsSync(join(ROOT, 'server/cluster/kubelet/index.ts'));

let c: TestCluster;
before(async () => {
  c = await TestCluster.create('wl', 1, { clockSpeed: SPEED });
});
after(async () => c?.delete());

function waitFor(check: () => boolean, what: string, tries = 80): void {
  for (let i = 0; i < tries; i++) {
    if (check()) return;
    c.sh('sleep 0.1');
  }
  assert.fail(`timed out waiting for ${what}`);
}

const jp = (what: string, path: string) => c.k(`get ${what} -o jsonpath='${path}'`);
const names = (what: string) => c.k(`get ${what} -o jsonpath='{.items[*].metadata.name}'`).split(' ').filter(Boolean).sort();

/**
 * Workloads whose pods no scheduler binds (schedulerName: manual), so no kubelet runs them and the
 * tests set their status themselves: the controllers are tested alone, kubelets or not.
 */
function deploy(name: string, replicas: number, spec = ''): void {
  c.k(`apply -f - <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, labels: {app: ${name}}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {schedulerName: manual, containers: [{name: nginx, image: nginx}]}
${spec}
EOF`);
}

function job(name: string, spec = '', container = 'c'): void {
  c.k(`apply -f - <<'EOF'
apiVersion: batch/v1
kind: Job
metadata: {name: ${name}}
spec:
${spec}
  template:
    spec:
      schedulerName: manual
      restartPolicy: Never
      containers: [{name: ${container}, image: busybox, command: [sleep, '1000']}]
EOF`);
}

/** Marks the live pods matching the selector Running and Ready, as a kubelet would. */
function ready(selector: string): void {
  c.sh(`now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
for p in $(kubectl get pods -l '${selector}' -o jsonpath='{range .items[*]}{.metadata.name}{"|"}{.metadata.deletionTimestamp}{"|"}{.status.phase}{" "}{end}'); do
  name=\${p%%|*}; rest=\${p#*|}; del=\${rest%%|*}; phase=\${rest#*|}
  [ -n "$del" ] && continue; [ "$phase" = Running ] && continue
  kubectl patch pod $name --subresource=status --type=merge -p '{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True","lastTransitionTime":"'$now'"}]}}' >/dev/null 2>&1
done`);
}

/** Keeps making pods ready until the check holds. */
function readyUntil(selector: string, check: () => boolean, what: string): void {
  for (let i = 0; i < 40; i++) {
    ready(selector);
    if (check()) return;
    c.sh('sleep 0.15');
  }
  assert.fail(`timed out waiting for ${what}`);
}

// ---- ReplicaSet / Deployment ------------------------------------------------------------------

test('a deployment makes a <name>-<hash> replica set with pods, revision annotations and upstream events', () => {
  deploy('web', 3);
  waitFor(() => names('pods -l app=web').length === 3, '3 pods');
  const [rs] = names('rs -l app=web');
  assert.match(rs, /^web-[bcdfghjklmnpqrstvwxz2456789]{8,10}$/);
  const hash = rs.slice(4);
  assert.equal(jp(`rs ${rs}`, '{.metadata.labels.pod-template-hash}'), hash);
  assert.equal(jp(`rs ${rs}`, '{.metadata.annotations.deployment\\.kubernetes\\.io/revision}'), '1');
  assert.equal(jp(`rs ${rs}`, '{.metadata.annotations.deployment\\.kubernetes\\.io/desired-replicas}'), '3');
  assert.equal(jp(`rs ${rs}`, '{.metadata.annotations.deployment\\.kubernetes\\.io/max-replicas}'), '4');
  for (const p of names('pods -l app=web')) assert.match(p, new RegExp(`^${rs}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
  const owner = JSON.parse(jp(`pod ${names('pods -l app=web')[0]}`, '{.metadata.ownerReferences[0]}'));
  assert.deepEqual({ kind: owner.kind, name: owner.name, controller: owner.controller, blockOwnerDeletion: owner.blockOwnerDeletion }, { kind: 'ReplicaSet', name: rs, controller: true, blockOwnerDeletion: true });
  assert.match(c.k('get events --field-selector involvedObject.kind=Deployment'), new RegExp(`Normal\\s+ScalingReplicaSet\\s+deployment/web\\s+Scaled up replica set ${rs} from 0 to 3`));
  assert.match(c.k(`get events --field-selector involvedObject.name=${rs}`), new RegExp(`Normal\\s+SuccessfulCreate\\s+replicaset/${rs}\\s+Created pod: ${rs}-`));
  waitFor(() => /ReplicaSetUpdated|NewReplicaSetCreated/.test(jp('deploy web', '{.status.conditions[?(@.type=="Progressing")].reason}')), 'a Progressing condition');
  assert.equal(jp('deploy web', '{.status.conditions[?(@.type=="Available")].reason}'), 'MinimumReplicasUnavailable');
  const st = c.kubectl('rollout status deploy/web --timeout=1s');
  assert.notEqual(st.code, 0);
  assert.match(st.stdout, /Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available\.\.\./);
  readyUntil('app=web', () => jp('deploy web', '{.status.availableReplicas}') === '3', '3 available');
  assert.equal(c.k('rollout status deploy/web --timeout=5s').trim(), 'deployment "web" successfully rolled out');
  assert.equal(jp('deploy web', '{.status.conditions[?(@.type=="Progressing")].reason}'), 'NewReplicaSetAvailable');
  assert.equal(jp('deploy web', '{.status.conditions[?(@.type=="Progressing")].message}'), `ReplicaSet "${rs}" has successfully progressed.`);
  assert.equal(jp('deploy web', '{.status.conditions[?(@.type=="Available")].message}'), 'Deployment has minimum availability.');
  assert.match(c.k('get deploy web'), /web\s+3\/3\s+3\s+3\s+/);
});

test('a rolling update surges by maxSurge, keeps history, and rollout undo brings the old template back', () => {
  // as users do it: change, then annotate (the annotation lands on the then-new replica set)
  c.k('set image deploy/web nginx=nginx:1.25');
  c.k('annotate deploy web kubernetes.io/change-cause="image 1.25"');
  // 3 replicas, 25% → maxSurge 1, maxUnavailable 0: one new pod, no old pod removed yet
  waitFor(() => names('rs -l app=web').length === 2, 'the new replica set');
  c.sh('sleep 0.3');
  const rsList = () => c.k("get rs -l app=web -o jsonpath='{range .items[*]}{.metadata.name}={.spec.replicas}/{.metadata.annotations.deployment\\.kubernetes\\.io/revision} {end}'").trim().split(' ');
  const sizes = rsList().map((x) => x.split('=')[1]).sort();
  assert.deepEqual(sizes, ['1/2', '3/1']);
  readyUntil('app=web', () => c.kubectl('rollout status deploy/web --timeout=1s').code === 0, 'the rollout to finish');
  assert.deepEqual(rsList().map((x) => x.split('=')[1]).sort(), ['0/1', '3/2']);
  const newRs = rsList().find((x) => x.endsWith('=3/2'))!.split('=')[0];
  assert.equal(jp(`rs ${newRs}`, '{.metadata.annotations.kubernetes\\.io/change-cause}'), 'image 1.25');
  assert.match(c.k('rollout history deploy/web'), /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+image 1\.25/);
  const ev = c.k('get events --field-selector involvedObject.kind=Deployment,involvedObject.name=web');
  assert.match(ev, new RegExp(`Scaled up replica set ${newRs} from 0 to 1`));
  assert.match(ev, /Scaled down replica set web-\S+ from 3 to 2/);
  c.k('rollout undo deploy/web');
  waitFor(() => jp('deploy web', '{.spec.template.spec.containers[0].image}') === 'nginx', 'the template to be rolled back');
  readyUntil('app=web', () => c.kubectl('rollout status deploy/web --timeout=1s').code === 0, 'the undo rollout');
  const after = rsList();
  assert.equal(after.length, 2, 'the old replica set is reused, not duplicated');
  assert.ok(after.some((x) => x.endsWith('=3/3')), `the reused set gets revision 3: ${after}`);
  assert.match(c.k('rollout history deploy/web'), /\n2\s+image 1\.25\n3\s+/);
});

test('scale, pause and resume: no rollout while paused, proportional sizes, paused conditions', () => {
  c.k('scale deploy web --replicas=5');
  readyUntil('app=web', () => jp('deploy web', '{.status.availableReplicas}') === '5', '5 available');
  assert.match(c.k('get events --field-selector involvedObject.kind=Deployment,involvedObject.name=web'), /Scaled up replica set web-\S+ from 3 to 5/);
  c.k('rollout pause deploy/web');
  waitFor(() => jp('deploy web', '{.status.conditions[?(@.type=="Progressing")].reason}') === 'DeploymentPaused', 'the DeploymentPaused condition');
  assert.equal(jp('deploy web', '{.status.conditions[?(@.type=="Progressing")].status}'), 'Unknown');
  c.k('set image deploy/web nginx=nginx:1.26');
  c.sh('sleep 0.5');
  assert.equal(names('rs -l app=web').length, 2, 'no new replica set while paused');
  c.k('rollout resume deploy/web');
  waitFor(() => names('rs -l app=web').length === 3, 'the new replica set after resume');
  readyUntil('app=web', () => c.kubectl('rollout status deploy/web --timeout=1s').code === 0, 'the resumed rollout');
  assert.equal(jp('deploy web', '{.status.updatedReplicas}'), '5');
});

test('the progress deadline turns Progressing False with ProgressDeadlineExceeded', () => {
  // pods that can never be scheduled never become ready, kubelet or not
  deploy('stuck', 2, '  progressDeadlineSeconds: 30');
  waitFor(() => jp('deploy stuck', '{.status.conditions[?(@.type=="Progressing")].reason}') === 'ProgressDeadlineExceeded', 'the deadline', 120);
  assert.equal(jp('deploy stuck', '{.status.conditions[?(@.type=="Progressing")].status}'), 'False');
  assert.match(jp('deploy stuck', '{.status.conditions[?(@.type=="Progressing")].message}'), /^ReplicaSet "stuck-\S+" has timed out progressing\.$/);
  const st = c.kubectl('rollout status deploy/stuck --timeout=5s');
  assert.notEqual(st.code, 0);
  assert.match(st.stderr, /error: deployment "stuck" exceeded its progress deadline/);
});

test('Recreate scales the old replica set to zero before the new one comes up', () => {
  deploy('rec', 2, '  strategy: {type: Recreate}');
  readyUntil('app=rec', () => c.kubectl('rollout status deploy/rec --timeout=1s').code === 0, 'the first rollout');
  c.k('set image deploy/rec nginx=nginx:2');
  waitFor(() => names('rs -l app=rec').length === 2, 'the second replica set');
  readyUntil('app=rec', () => c.kubectl('rollout status deploy/rec --timeout=1s').code === 0, 'the recreate rollout');
  const ev = c.k('get events --field-selector involvedObject.kind=Deployment,involvedObject.name=rec -o jsonpath=\'{range .items[*]}{.message}{"\\n"}{end}\'');
  // events of one second are listed in no particular order: check each scaling happened
  const old = names('rs -l app=rec').find((n) => jp(`rs ${n}`, '{.spec.replicas}') === '0')!;
  const fresh = names('rs -l app=rec').find((n) => n !== old)!;
  assert.ok(ev.includes(`Scaled down replica set ${old} from 2 to 0`), ev);
  assert.ok(ev.includes(`Scaled up replica set ${fresh} from 0 to 2`), ev);
});

test('a replica set replaces deleted pods and deletes not-ready pods first when scaled down', () => {
  c.k(`apply -f - <<'EOF'
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: rs1}
spec:
  replicas: 3
  selector: {matchLabels: {app: rs1}}
  template:
    metadata: {labels: {app: rs1}}
    spec: {schedulerName: manual, containers: [{name: c, image: nginx}]}
EOF`);
  waitFor(() => names('pods -l app=rs1').length === 3, '3 pods');
  const first = names('pods -l app=rs1');
  c.k(`delete pod ${first[0]} --wait=false`);
  waitFor(() => names('pods -l app=rs1').length === 3 && !names('pods -l app=rs1').includes(first[0]), 'a replacement pod');
  // two ready, then a fresh not-ready pod: scaling to 2 removes the not-ready one
  ready('app=rs1');
  waitFor(() => jp('rs rs1', '{.status.readyReplicas}') === '3', '3 ready');
  c.k('scale rs rs1 --replicas=4');
  waitFor(() => names('pods -l app=rs1').length === 4, '4 pods');
  const notReady = c.k(`get pods -l app=rs1 -o jsonpath='{range .items[?(@.status.phase=="Pending")]}{.metadata.name}{end}'`);
  assert.ok(notReady, 'one pending pod');
  c.k('scale rs rs1 --replicas=3');
  waitFor(() => names('pods -l app=rs1').length === 3, '3 pods again');
  assert.ok(!names('pods -l app=rs1').includes(notReady), 'the pending pod went first');
  assert.match(c.k('get events --field-selector involvedObject.name=rs1'), new RegExp(`SuccessfulDelete\\s+replicaset/rs1\\s+Deleted pod: ${notReady}`));
  // an orphan pod with matching labels is adopted (and, being one too many, deleted)
  c.k(`run stray --image=nginx --labels=app=rs1 --overrides='{"spec":{"schedulerName":"manual"}}'`);
  waitFor(() => names('pods -l app=rs1').length === 3, 'the stray pod to be adopted and trimmed');
  assert.match(c.k('get rs rs1'), /rs1\s+3\s+3\s+3/);
});

// ---- garbage collector ------------------------------------------------------------------------

test('garbage collection: background, foreground, orphan and dangling owners', () => {
  c.k('create deployment gc1 --image=nginx --replicas=2');
  waitFor(() => names('pods -l app=gc1').length === 2, 'gc1 pods');
  c.k('delete deploy gc1');
  waitFor(() => names('rs -l app=gc1').length === 0 && names('pods -l app=gc1').length === 0, 'background deletion of the set and pods');

  c.k('create deployment gc2 --image=nginx --replicas=2');
  waitFor(() => names('pods -l app=gc2').length === 2, 'gc2 pods');
  const r = c.kubectl('delete deploy gc2 --cascade=foreground --timeout=20s');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(names('pods -l app=gc2').length, 0, 'foreground deletion removes dependents before the owner');
  assert.equal(names('rs -l app=gc2').length, 0);

  c.k('create deployment gc3 --image=nginx --replicas=2');
  waitFor(() => names('pods -l app=gc3').length === 2, 'gc3 pods');
  c.k('delete deploy gc3 --cascade=orphan');
  waitFor(() => names('deploy').every((n) => n !== 'gc3'), 'the orphaning delete');
  c.sh('sleep 0.3');
  const [rs] = names('rs -l app=gc3');
  assert.ok(rs, 'the replica set stays');
  assert.equal(jp(`rs ${rs}`, '{.metadata.ownerReferences}'), '', 'its owner reference is removed');
  assert.equal(names('pods -l app=gc3').length, 2);

  c.k(`apply -f - <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: dangling
  ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: nobody, uid: 00000000-0000-0000-0000-000000000000}]
EOF`);
  waitFor(() => c.kubectl('get cm dangling').code !== 0, 'the dependent of a missing owner to be deleted');
});

// ---- Job ----------------------------------------------------------------------------------------

const podsOf = (job: string) => names(`pods -l batch.kubernetes.io/job-name=${job}`);
const setPhase = (pod: string, phase: string, exitCode = 0, container = 'c') => c.k(`patch pod ${pod} --subresource=status --type=merge -p '{"status":{"phase":"${phase}","containerStatuses":[{"name":"${container}","image":"busybox","imageID":"","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":${exitCode},"reason":"${phase === 'Failed' ? 'Error' : 'Completed'}"}}}]}}'`);

test('a job runs its completions with tracking finalizers and completes with upstream conditions', () => {
  job('j1');
  waitFor(() => podsOf('j1').length === 1, 'the job pod');
  const [p] = podsOf('j1');
  assert.equal(jp(`pod ${p}`, '{.metadata.finalizers}'), '["batch.kubernetes.io/job-tracking"]');
  const labels = JSON.parse(jp(`pod ${p}`, '{.metadata.labels}'));
  assert.equal(labels['job-name'], 'j1');
  assert.equal(labels['batch.kubernetes.io/job-name'], 'j1');
  assert.equal(labels['controller-uid'], jp('job j1', '{.metadata.uid}'));
  assert.equal(jp('job j1', '{.status.active}'), '1');
  setPhase(p, 'Succeeded');
  waitFor(() => jp('job j1', '{.status.conditions[?(@.type=="Complete")].status}') === 'True', 'Complete');
  assert.equal(jp('job j1', '{.status.conditions[0].type}'), 'SuccessCriteriaMet');
  assert.equal(jp('job j1', '{.status.conditions[?(@.type=="Complete")].reason}'), 'CompletionsReached');
  assert.equal(jp('job j1', '{.status.succeeded}'), '1');
  assert.ok(jp('job j1', '{.status.completionTime}'));
  assert.equal(jp(`pod ${p}`, '{.metadata.finalizers}'), '', 'the finalizer is removed once counted');
  assert.match(c.k('get job j1'), /j1\s+Complete\s+1\/1/);
  assert.match(c.k('get events --field-selector involvedObject.name=j1'), /Normal\s+Completed\s+job\/j1\s+Job completed/);
  assert.equal(c.k('wait --for=condition=complete job/j1 --timeout=2s').trim(), 'job.batch/j1 condition met');
});

test('failed pods are retried with back-off until backoffLimit, then the job fails', () => {
  job('jf', '  backoffLimit: 1');
  waitFor(() => podsOf('jf').length === 1, 'the first pod');
  setPhase(podsOf('jf')[0], 'Failed', 1);
  waitFor(() => podsOf('jf').length === 2, 'a retry after the 10s back-off');
  const second = c.k(`get pods -l job-name=jf -o jsonpath='{range .items[?(@.status.phase=="Pending")]}{.metadata.name}{end}'`);
  setPhase(second, 'Failed', 1);
  waitFor(() => jp('job jf', '{.status.conditions[?(@.type=="Failed")].status}') === 'True', 'Failed', 120);
  assert.equal(jp('job jf', '{.status.conditions[?(@.type=="Failed")].reason}'), 'BackoffLimitExceeded');
  assert.equal(jp('job jf', '{.status.conditions[?(@.type=="Failed")].message}'), 'Job has reached the specified backoff limit');
  assert.equal(jp('job jf', '{.status.conditions[?(@.type=="FailureTarget")].status}'), 'True');
  assert.equal(jp('job jf', '{.status.failed}'), '2');
  assert.match(c.k('get job jf'), /jf\s+Failed\s+0\/1/);
  assert.match(c.k('get events --field-selector involvedObject.name=jf'), /Warning\s+BackoffLimitExceeded\s+job\/jf\s+Job has reached the specified backoff limit/);
});

test('indexed jobs, podFailurePolicy FailJob, suspend, activeDeadlineSeconds and ttlSecondsAfterFinished', () => {
  c.k(`apply -f - <<'EOF'
apiVersion: batch/v1
kind: Job
metadata: {name: idx}
spec:
  completions: 3
  parallelism: 3
  completionMode: Indexed
  ttlSecondsAfterFinished: 20
  template:
    spec:
      restartPolicy: Never
      schedulerName: manual
      containers: [{name: idx, image: busybox, command: [sh, -c, 'echo $JOB_COMPLETION_INDEX']}]
EOF`);
  waitFor(() => podsOf('idx').length === 3, '3 indexed pods');
  for (const p of podsOf('idx')) {
    const ix = jp(`pod ${p}`, '{.metadata.annotations.batch\\.kubernetes\\.io/job-completion-index}');
    assert.match(p, new RegExp(`^idx-${ix}-[a-z0-9]{5}$`));
    assert.equal(jp(`pod ${p}`, '{.metadata.labels.batch\\.kubernetes\\.io/job-completion-index}'), ix);
    assert.equal(jp(`pod ${p}`, '{.spec.hostname}'), `idx-${ix}`);
    setPhase(p, 'Succeeded', 0, 'idx');
  }
  waitFor(() => jp('job idx', '{.status.completedIndexes}') === '0-2', 'completedIndexes 0-2');
  waitFor(() => c.kubectl('get job idx').code !== 0, 'the finished job to be deleted after its TTL', 120);

  job('pfp', '  podFailurePolicy:\n    rules: [{action: FailJob, onExitCodes: {operator: In, values: [42]}}]', 'pfp');
  waitFor(() => podsOf('pfp').length === 1, 'the pfp pod');
  setPhase(podsOf('pfp')[0], 'Failed', 42, 'pfp');
  waitFor(() => jp('job pfp', '{.status.conditions[?(@.type=="Failed")].reason}') === 'PodFailurePolicy', 'the PodFailurePolicy failure');
  assert.match(jp('job pfp', '{.status.conditions[?(@.type=="Failed")].message}'), /^Container pfp for pod default\/pfp-\S+ failed with exit code 42 matching FailJob rule at index 0$/);

  job('sus');
  waitFor(() => podsOf('sus').length === 1, 'the sus pod');
  c.k(`patch job sus --type=merge -p '{"spec":{"suspend":true}}'`);
  waitFor(() => podsOf('sus').length === 0 && jp('job sus', '{.status.conditions[?(@.type=="Suspended")].status}') === 'True', 'the suspension');
  assert.match(c.k('get job sus'), /sus\s+Suspended/);
  c.k(`patch job sus --type=merge -p '{"spec":{"suspend":false}}'`);
  waitFor(() => podsOf('sus').length === 1, 'a pod after resuming');
  assert.equal(jp('job sus', '{.status.conditions[?(@.type=="Suspended")].reason}'), 'JobResumed');

  job('dl', '  activeDeadlineSeconds: 15');
  waitFor(() => jp('job dl', '{.status.conditions[?(@.type=="Failed")].reason}') === 'DeadlineExceeded', 'the deadline', 120);
  assert.equal(jp('job dl', '{.status.conditions[?(@.type=="Failed")].message}'), 'Job was active longer than specified deadline');
  assert.equal(podsOf('dl').length, 0, 'its pods are deleted');
});

// ---- CronJob ------------------------------------------------------------------------------------

test('a cronjob creates jobs on the (fast) clock, keeps history limits, and create job --from works', () => {
  c.k(`create cronjob tick --image=busybox --schedule='*/1 * * * *' -- true`);
  c.k(`patch cronjob tick --type=merge -p '{"spec":{"successfulJobsHistoryLimit":1}}'`);
  waitFor(() => names('jobs').some((n) => n.startsWith('tick-')), 'the first scheduled job', 120);
  const job = names('jobs').find((n) => n.startsWith('tick-'))!;
  const minutes = Number(job.slice(5));
  assert.ok(Number.isInteger(minutes) && minutes > 28_000_000, `job name is <cronjob>-<minutes since epoch>: ${job}`);
  assert.equal(new Date(minutes * 60_000).toISOString().replace('.000', ''), jp('cronjob tick', '{.status.lastScheduleTime}'));
  assert.equal(jp(`job ${job}`, '{.metadata.ownerReferences[0].kind}'), 'CronJob');
  assert.match(c.k('get events --field-selector involvedObject.kind=CronJob'), new RegExp(`Normal\\s+SuccessfulCreate\\s+cronjob/tick\\s+Created job ${job}`));
  // complete jobs as they come; only one successful job is kept
  for (let i = 0; i < 60 && !/SuccessfulDelete/.test(c.k('get events --field-selector involvedObject.kind=CronJob')); i++) {
    for (const p of c.k(`get pods -o jsonpath='{range .items[?(@.status.phase=="Pending")]}{.metadata.name}{" "}{end}'`).split(' ').filter((x) => x.startsWith('tick-'))) setPhase(p, 'Succeeded');
    c.sh('sleep 0.2');
  }
  const ev = c.k('get events --field-selector involvedObject.kind=CronJob');
  assert.match(ev, /SawCompletedJob\s+cronjob\/tick\s+Saw completed job: tick-\d+, condition: Complete/);
  assert.match(ev, /SuccessfulDelete\s+cronjob\/tick\s+Deleted job tick-\d+/);
  assert.ok(jp('cronjob tick', '{.status.lastSuccessfulTime}'));
  c.k('patch cronjob tick --type=merge -p \'{"spec":{"suspend":true}}\'');
  c.k('create job manual --from=cronjob/tick');
  assert.equal(jp('job manual', '{.metadata.annotations.cronjob\\.kubernetes\\.io/instantiate}'), 'manual');
  waitFor(() => podsOf('manual').length === 1, 'the manual job pod');
});

// ---- StatefulSet --------------------------------------------------------------------------------

test('a statefulset creates ordinal pods in order with PVCs, scales down from the top, and rolls back', () => {
  c.k(`apply -f - <<'EOF'
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 3
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {schedulerName: manual, containers: [{name: db, image: nginx}]}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
EOF`);
  waitFor(() => names('pods -l app=db').length === 1, 'db-0');
  c.sh('sleep 0.3');
  assert.deepEqual(names('pods -l app=db'), ['db-0'], 'OrderedReady: db-1 waits for db-0 to be ready');
  assert.equal(jp('pod db-0', '{.spec.hostname}/{.spec.subdomain}'), 'db-0/db');
  assert.equal(jp('pod db-0', '{.metadata.labels.statefulset\\.kubernetes\\.io/pod-name}'), 'db-0');
  assert.equal(jp('pod db-0', '{.metadata.labels.apps\\.kubernetes\\.io/pod-index}'), '0');
  assert.equal(jp('pod db-0', '{.spec.volumes[?(@.name=="data")].persistentVolumeClaim.claimName}'), 'data-db-0');
  assert.ok(names('pvc').includes('data-db-0'));
  readyUntil('app=db', () => jp('sts db', '{.status.readyReplicas}') === '3', '3 ready');
  assert.deepEqual(names('pods -l app=db'), ['db-0', 'db-1', 'db-2']);
  const rev1 = jp('sts db', '{.status.currentRevision}');
  assert.match(rev1, /^db-[bcdfghjklmnpqrstvwxz2456789]+$/);
  assert.equal(jp('pod db-2', '{.metadata.labels.controller-revision-hash}'), rev1);
  assert.match(c.k('rollout status sts/db --timeout=2s'), /roll out complete: 3 new pods have been updated/);
  assert.match(c.k('get events --field-selector involvedObject.kind=StatefulSet'), /SuccessfulCreate\s+statefulset\/db\s+create Pod db-0 in StatefulSet db successful/);

  c.k('set image sts/db db=nginx:2');
  readyUntil('app=db', () => jp('sts db', '{.status.updatedReplicas}') === '3' && jp('sts db', '{.status.readyReplicas}') === '3', 'the rolling update');
  const rev2 = jp('sts db', '{.status.updateRevision}');
  assert.notEqual(rev2, rev1);
  waitFor(() => jp('sts db', '{.status.currentRevision}') === rev2, 'the update revision to become current');
  assert.match(c.k('rollout history sts/db'), /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
  c.k('rollout undo sts/db');
  waitFor(() => jp('sts db', '{.spec.template.spec.containers[0].image}') === 'nginx', 'the undo');
  readyUntil('app=db', () => jp('sts db', '{.status.updateRevision}') === rev1 && jp('sts db', '{.status.currentRevision}') === rev1, 'the old revision back');

  c.k('scale sts db --replicas=1');
  waitFor(() => names('pods -l app=db').join() === 'db-0', 'scale down to db-0');
  assert.ok(names('pvc').includes('data-db-2'), 'claims are retained on scale-down');
  assert.match(c.k('get events --field-selector involvedObject.kind=StatefulSet'), /delete Pod db-2 in StatefulSet db successful/);
});

// ---- DaemonSet ----------------------------------------------------------------------------------

test('a daemonset runs one pod per eligible node with daemon tolerations and rolls out updates', () => {
  c.k(`apply -f - <<'EOF'
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      schedulerName: manual
      tolerations: [{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}]
      containers: [{name: a, image: busybox}]
EOF`);
  waitFor(() => names('pods -l app=agent').length === 2, 'a pod on each of the 2 nodes');
  const nodes = c.k("get pods -l app=agent -o jsonpath='{range .items[*]}{.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0]}{\" \"}{end}'").trim().split(' ').sort();
  assert.deepEqual(nodes, ['controlplane', 'node01']);
  const tols = jp(`pod ${names('pods -l app=agent')[0]}`, '{.spec.tolerations[*].key}');
  for (const t of ['not-ready', 'unreachable', 'disk-pressure', 'memory-pressure', 'pid-pressure', 'unschedulable']) assert.ok(tols.includes(`node.kubernetes.io/${t}`), t);
  assert.ok(jp(`pod ${names('pods -l app=agent')[0]}`, '{.metadata.labels.controller-revision-hash}'));
  readyUntil('app=agent', () => c.kubectl('rollout status ds/agent --timeout=1s').code === 0, 'the daemon set to be available');
  assert.match(c.k('get ds agent'), /agent\s+2\s+2\s+2\s+2\s+2/);
  c.k('set image ds/agent a=busybox:2');
  readyUntil('app=agent', () => c.kubectl('rollout status ds/agent --timeout=1s').code === 0, 'the daemon set rolling update');
  assert.equal(jp('ds agent', '{.status.updatedNumberScheduled}'), '2');
  assert.match(c.k('rollout history ds/agent'), /\n1\s+<none>\n2\s+<none>/);
  c.k('label node node01 skip=yes');
  c.k(`patch ds agent -p '{"spec":{"template":{"spec":{"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"skip","operator":"DoesNotExist"}]}]}}}}}}}'`);
  waitFor(() => names('pods -l app=agent').length === 1 && jp('ds agent', '{.status.desiredNumberScheduled}') === '1', 'the node excluded by affinity to lose its pod');
});

test('with kubelets, a deployment becomes available on its own', { skip: HAS_KUBELET ? false : 'no kubelet yet (server/cluster/kubelet/index.ts is missing)' }, () => {
  c.k('create deployment live --image=nginx --replicas=2');
  assert.equal(c.k('rollout status deploy/live --timeout=30s').trim().split('\n').pop(), 'deployment "live" successfully rolled out');
  c.k('create job livejob --image=busybox -- true');
  assert.equal(c.k('wait --for=condition=complete job/livejob --timeout=30s').trim(), 'job.batch/livejob condition met');
});

// ---- scale and podgc ----------------------------------------------------------------------------

test('500 pods across 5 deployments converge in a few seconds', () => {
  const t0 = Date.now();
  for (let i = 1; i <= 5; i++) deploy(`big${i}`, 100);
  waitFor(() => Number(c.sh("kubectl get pods -l 'app in (big1,big2,big3,big4,big5)' --no-headers | wc -l").stdout.trim()) === 500, '500 pods', 300);
  const ms = Date.now() - t0;
  console.log(`# 500 pods created in ${ms} ms`);
  assert.ok(ms < 20_000, `500 pods took ${ms} ms`);
  c.sh('for i in 1 2 3 4 5; do kubectl delete deployment big$i --wait=false >/dev/null; done');
  waitFor(() => Number(c.sh("kubectl get pods -l 'app in (big1,big2,big3,big4,big5)' --no-headers 2>/dev/null | wc -l").stdout.trim()) === 0, 'the garbage collector to remove them', 300);
});

test('podgc deletes pods bound to a node that no longer exists', () => {
  c.k(`run lost --image=nginx --overrides='{"spec":{"nodeName":"node01"}}'`);
  c.k('delete node node01');
  waitFor(() => c.kubectl('get pod lost').code !== 0, 'the orphaned pod to be collected', 150);
});
