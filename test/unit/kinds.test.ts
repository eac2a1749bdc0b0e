import { test } from 'node:test';
import assert from 'node:assert/strict';
import { humanDuration, age, formatLabelSelector, formatLabels } from '../../server/cluster/kinds/format.ts';
import { isDNS1123Subdomain, isDNS1123Label, validateObjectMeta } from '../../server/cluster/kinds/validation.ts';
import { KINDS } from '../../server/cluster/kinds/index.ts';
import type { KindDef, KObject, StrategyContext } from '../../server/cluster/kinds/types.ts';

const NOW = new Date('2025-01-10T12:00:00Z');
const ctx: StrategyContext = { now: NOW, user: { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] }, config: {} };
const kind = (group: string, k: string, version?: string): KindDef => {
  const d = KINDS.find((x) => x.group === group && x.kind === k && (!version || x.version === version));
  assert.ok(d, `${group}/${k}`);
  return d;
};
const ago = (ms: number): string => new Date(NOW.getTime() - ms).toISOString();
/** Cells of the columns a plain `kubectl get` shows (priority 0), or all with wide. */
function row(d: KindDef, o: KObject, wide = false): unknown[] {
  return (d.columns ?? []).filter((c) => wide || c.priority === 0).map((c) => c.cell(o, NOW));
}
function headers(d: KindDef, wide = false): string[] {
  return (d.columns ?? []).filter((c) => wide || c.priority === 0).map((c) => c.name.toUpperCase());
}

test('humanDuration matches upstream buckets', () => {
  const s = 1000, m = 60 * s, h = 60 * m, d = 24 * h;
  const cases: [number, string][] = [
    [-5 * s, '<invalid>'], [-1 * s, '0s'], [0, '0s'], [119 * s, '119s'], [120 * s, '2m'], [182 * s, '3m2s'],
    [10 * m, '10m'], [179 * m, '179m'], [3 * h, '3h'], [5 * h + 30 * m, '5h30m'], [47 * h, '47h'],
    [3 * d + 4 * h, '3d4h'], [3 * d, '3d'], [40 * d, '40d'], [2 * 365 * d + 10 * d, '2y10d'], [2 * 365 * d, '2y'], [9 * 365 * d, '9y'],
  ];
  for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, `${ms}`);
  assert.equal(age({ metadata: {} }, NOW), '<unknown>');
});

test('label and selector formatting', () => {
  assert.equal(formatLabels({ b: '2', a: '1' }), 'a=1,b=2');
  assert.equal(formatLabels({}), '<none>');
  assert.equal(formatLabelSelector({}), '<none>');
  assert.equal(formatLabelSelector({ matchLabels: { app: 'x' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['b', 'a'] }, { key: 'z', operator: 'DoesNotExist' }] }), 'app=x,env in (a,b),!z');
});

test('pod STATUS / READY / RESTARTS cells', () => {
  const Pod = kind('', 'Pod');
  const base = { metadata: { name: 'p', creationTimestamp: ago(65_000) }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
  const cases: [string, any, unknown[]][] = [
    ['pending', { ...base, status: { phase: 'Pending' } }, ['p', '0/1', 'Pending', '0', '65s']],
    ['creating', { ...base, status: { phase: 'Pending', containerStatuses: [{ name: 'c', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] } }, ['p', '0/1', 'ContainerCreating', '0', '65s']],
    ['running', { ...base, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'c', ready: true, restartCount: 0, state: { running: {} } }] } }, ['p', '1/1', 'Running', '0', '65s']],
    ['crashloop', { ...base, status: { phase: 'Running', containerStatuses: [{ name: 'c', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: ago(120_000) } } }] } }, ['p', '0/1', 'CrashLoopBackOff', '3 (2m ago)', '65s']],
    ['completed', { ...base, status: { phase: 'Succeeded', containerStatuses: [{ name: 'c', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] } }, ['p', '0/1', 'Completed', '0', '65s']],
    ['init', { ...base, spec: { ...base.spec, initContainers: [{ name: 'i', image: 'busybox' }] }, status: { phase: 'Pending', initContainerStatuses: [{ name: 'i', ready: false, restartCount: 0, state: { running: {} } }] } }, ['p', '0/1', 'Init:0/1', '0', '65s']],
    ['init error', { ...base, spec: { ...base.spec, initContainers: [{ name: 'i', image: 'busybox' }] }, status: { phase: 'Pending', initContainerStatuses: [{ name: 'i', restartCount: 0, state: { terminated: { exitCode: 2 } } }] } }, ['p', '0/1', 'Init:ExitCode:2', '0', '65s']],
    ['terminating', { ...base, metadata: { ...base.metadata, deletionTimestamp: ago(0) }, status: { phase: 'Running' } }, ['p', '0/1', 'Terminating', '0', '65s']],
  ];
  for (const [name, pod, want] of cases) assert.deepEqual(row(Pod, pod), want, name);
  assert.deepEqual(headers(Pod, true), ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
  assert.deepEqual(row(Pod, { ...base, status: { phase: 'Pending' } }, true).slice(5), ['<none>', '<none>', '<none>', '<none>']);
});

test('workload, service, node and event columns', () => {
  const dep = { metadata: { name: 'web', creationTimestamp: ago(3 * 3600_000) }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } }, status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 } };
  const Deployment = kind('apps', 'Deployment');
  assert.deepEqual(headers(Deployment, true), ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
  assert.deepEqual(row(Deployment, dep, true), ['web', '2/3', 3, 2, '3h', 'nginx', 'nginx:1.27', 'app=web']);

  const Service = kind('', 'Service');
  assert.deepEqual(headers(Service, true), ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR']);
  const svc = { metadata: { name: 's', creationTimestamp: ago(10_000) }, spec: { type: 'NodePort', clusterIPs: ['10.96.0.10'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }], selector: { app: 'web' } } };
  assert.deepEqual(row(Service, svc, true), ['s', 'NodePort', '10.96.0.10', '<none>', '80:30080/TCP', '10s', 'app=web']);
  const lb = { ...svc, spec: { ...svc.spec, type: 'LoadBalancer' }, status: {} };
  assert.equal(row(Service, lb)[3], '<pending>');

  const Node = kind('', 'Node');
  const node = { metadata: { name: 'controlplane', creationTimestamp: ago(86400_000 * 3), labels: { 'node-role.kubernetes.io/control-plane': '' } }, spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.35.0' }, addresses: [{ type: 'InternalIP', address: '192.168.1.2' }] } };
  assert.deepEqual(row(Node, node, true), ['controlplane', 'Ready,SchedulingDisabled', 'control-plane', '3d', 'v1.35.0', '192.168.1.2', '<none>', '<unknown>', '<unknown>', '<unknown>']);

  const Event = kind('', 'Event');
  assert.deepEqual(headers(Event), ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
  const ev = { metadata: { name: 'p.1' }, type: 'Normal', reason: 'Scheduled', involvedObject: { kind: 'Pod', name: 'p' }, message: 'ok ', firstTimestamp: ago(30_000), lastTimestamp: ago(5_000) };
  assert.deepEqual(row(Event, ev), ['5s', 'Normal', 'Scheduled', 'pod/p', 'ok']);

  const Job = kind('batch', 'Job');
  assert.deepEqual(headers(Job), ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE']);
  const job = { metadata: { name: 'j', creationTimestamp: ago(60_000) }, spec: { completions: 1 }, status: { succeeded: 1, startTime: ago(60_000), completionTime: ago(50_000), conditions: [{ type: 'Complete', status: 'True' }] } };
  assert.deepEqual(row(Job, job), ['j', 'Complete', '1/1', '10s', '60s']);
});

test('pod defaults and admission', () => {
  const Pod = kind('', 'Pod');
  const pod: any = { metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }, { name: 'd', image: 'busybox:1.36' }] } };
  Pod.prepareForCreate!(pod, ctx);
  const s = pod.spec;
  assert.equal(s.restartPolicy, 'Always');
  assert.equal(s.dnsPolicy, 'ClusterFirst');
  assert.equal(s.terminationGracePeriodSeconds, 30);
  assert.equal(s.schedulerName, 'default-scheduler');
  assert.equal(s.enableServiceLinks, true);
  assert.equal(s.preemptionPolicy, 'PreemptLowerPriority');
  assert.equal(s.priority, 0);
  assert.equal(s.serviceAccountName, 'default');
  assert.deepEqual(s.securityContext, {});
  assert.equal(s.containers[0].imagePullPolicy, 'Always');
  assert.equal(s.containers[1].imagePullPolicy, 'IfNotPresent');
  assert.equal(s.containers[0].ports[0].protocol, 'TCP');
  assert.equal(s.containers[0].terminationMessagePath, '/dev/termination-log');
  assert.equal(s.containers[0].terminationMessagePolicy, 'File');
  assert.deepEqual(s.tolerations.map((t: any) => [t.key, t.tolerationSeconds]), [['node.kubernetes.io/not-ready', 300], ['node.kubernetes.io/unreachable', 300]]);
  assert.match(s.volumes[0].name, /^kube-api-access-[a-z0-9]{5}$/);
  assert.deepEqual(pod.status, { phase: 'Pending', qosClass: 'BestEffort' });
});

test('deployment, service, job defaults', () => {
  const dep: any = { metadata: { name: 'd', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } };
  kind('apps', 'Deployment').prepareForCreate!(dep, ctx);
  assert.equal(dep.spec.replicas, 1);
  assert.deepEqual(dep.spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
  assert.equal(dep.spec.revisionHistoryLimit, 10);
  assert.equal(dep.spec.progressDeadlineSeconds, 600);
  assert.equal(dep.spec.template.spec.restartPolicy, 'Always');

  const svc: any = { metadata: { name: 's', namespace: 'default' }, spec: { ports: [{ port: 80 }], selector: { app: 'd' } } };
  kind('', 'Service').prepareForCreate!(svc, ctx);
  assert.equal(svc.spec.type, 'ClusterIP');
  assert.equal(svc.spec.sessionAffinity, 'None');
  assert.equal(svc.spec.internalTrafficPolicy, 'Cluster');
  assert.deepEqual(svc.spec.ports[0], { port: 80, protocol: 'TCP', targetPort: 80 });

  const job: any = { metadata: { name: 'j', namespace: 'default', uid: 'u-1' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } };
  kind('batch', 'Job').prepareForCreate!(job, ctx);
  assert.equal(job.spec.backoffLimit, 6);
  assert.equal(job.spec.completions, 1);
  assert.equal(job.spec.parallelism, 1);
  assert.deepEqual(job.spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } });
  assert.equal(job.spec.template.metadata.labels['job-name'], 'j');
  assert.deepEqual(kind('batch', 'Job').validate!(job, ctx), []);
});

test('validation texts', () => {
  assert.deepEqual(isDNS1123Subdomain('Foo'), [
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  ]);
  assert.deepEqual(isDNS1123Label('a_b'), [
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  ]);
  assert.deepEqual(validateObjectMeta({ metadata: { namespace: 'default' } }, true, 'subdomain'), [
    { type: 'Required', field: 'metadata.name', detail: 'name or generateName is required' },
  ]);
  assert.deepEqual(validateObjectMeta({ metadata: { name: 'x', namespace: 'a' } }, false, 'subdomain'), [
    { type: 'Forbidden', field: 'metadata.namespace', detail: 'not allowed on this type' },
  ]);

  const Pod = kind('', 'Pod');
  const pod: any = { metadata: { name: 'p', namespace: 'default' }, spec: { restartPolicy: 'Sometimes', containers: [{ name: 'c' }] } };
  const errs = Pod.validate!(pod, ctx);
  assert.ok(errs.some((e) => e.field === 'spec.containers[0].image' && e.type === 'Required'));
  assert.ok(errs.some((e) => e.field === 'spec.restartPolicy' && e.type === 'NotSupported' && e.supported?.join() === 'Always,OnFailure,Never'));

  const Deployment = kind('apps', 'Deployment');
  const dep: any = { metadata: { name: 'd', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'y' } }, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } };
  Deployment.prepareForCreate!(dep, ctx);
  const derr = Deployment.validate!(dep, ctx);
  assert.deepEqual(derr.map((e) => [e.field, e.valueRepr, e.detail]), [
    ['spec.template.metadata.labels', 'map[string]string{"app":"x"}', '`selector` does not match template `labels`'],
  ]);
  const changed = JSON.parse(JSON.stringify(dep));
  changed.spec.selector = { matchLabels: { app: 'z' } };
  changed.spec.template.metadata.labels = { app: 'z' };
  const uerr = Deployment.validateUpdate!(changed, dep, ctx);
  assert.deepEqual(uerr.map((e) => [e.field, e.detail]), [['spec.selector', 'field is immutable']]);

  const Service = kind('', 'Service');
  const svc: any = { metadata: { name: 'S1', namespace: 'default' }, spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 80, protocol: 'TCP' }] } };
  const serr = Service.validate!(svc, ctx);
  assert.ok(serr.some((e) => e.field === 'metadata.name' && String(e.detail).startsWith('a DNS-1035 label must consist')));
  assert.ok(serr.some((e) => e.field === 'spec.ports[0].nodePort' && e.detail === 'provided port is not in the valid range. The range of valid ports is 30000-32767'));

  // Pods may only change images, tolerations (additions) and a few more fields.
  const p1: any = { metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
  Pod.prepareForCreate!(p1, ctx);
  const p2 = JSON.parse(JSON.stringify(p1));
  p2.spec.containers[0].image = 'nginx:2';
  assert.deepEqual(Pod.validateUpdate!(p2, p1, ctx), []);
  p2.spec.containers[0].env = [{ name: 'A', value: 'b' }];
  assert.equal(Pod.validateUpdate!(p2, p1, ctx)[0]?.type, 'Forbidden');
});

test('every kind is declared once with discovery facts', () => {
  const seen = new Set<string>();
  for (const k of KINDS) {
    const id = `${k.group}/${k.version}/${k.plural}`;
    assert.ok(!seen.has(id), id);
    seen.add(id);
    if (k.columns) assert.ok(k.columns.some((c) => c.format === 'name'), id); // VolumeAttachment's ATTACHER is also format name upstream
  }
  const all = KINDS.filter((k) => k.categories?.includes('all')).map((k) => k.plural).sort();
  assert.deepEqual(all, ['cronjobs', 'daemonsets', 'deployments', 'horizontalpodautoscalers', 'horizontalpodautoscalers', 'jobs', 'pods', 'replicasets', 'replicationcontrollers', 'services', 'statefulsets']);
  assert.equal(kind('', 'Node').etcdResource, 'minions');
  assert.deepEqual(kind('', 'ComponentStatus').verbs, ['get', 'list']);
});
