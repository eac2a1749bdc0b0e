// Grading speed: one cluster, a setup applied, a 17-task draw (mock-exam sized) graded 5 times.
// Goal: a 17-task attempt grades in < 2 s.
import { randomBytes } from 'node:crypto';
import { Clusters, defaultPaths } from '../server/cluster/clusters.ts';
import { gradeTasks } from '../graders/index.ts';
import { drawExam } from '../scenarios/draw.ts';
import { clusterSession } from '../scenarios/session.ts';
import { applySetup } from '../scenarios/setup.ts';
import type { Check, Domain, Scenario, Task } from '../scenarios/types.ts';
import { join } from 'node:path';
import { loadScenarios } from '../scenarios/loader.ts';
import { ROOT } from '../test/helpers/cluster.ts';

const SETUP = `
apiVersion: v1
kind: Namespace
metadata: {name: bench}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: bench}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: "nginx:1.27"}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: bench}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: 80}]}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: bench}
data: {mode: fast}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: robot, namespace: bench}
`;

/** Check sets, one per task, of the kinds a mock exam uses. */
const CHECKS: [Domain, Partial<Check>[]][] = [
  ['workloads', [{ type: 'rollout', namespace: 'bench', deployment: 'web', image: 'nginx:1.27', replicas: 2 }]],
  ['workloads', [{ type: 'podsReady', namespace: 'bench', selector: 'app=web', count: 2 }, { type: 'jsonpath', resource: 'deployment/web', namespace: 'bench', path: '{.spec.replicas}', equals: '2' }]],
  ['workloads', [{ type: 'exists', resource: 'configmap/settings', namespace: 'bench' }, { type: 'jsonpath', resource: 'cm/settings', namespace: 'bench', path: '{.data.mode}', equals: 'fast' }]],
  ['services-networking', [{ type: 'serviceEndpoints', namespace: 'bench', service: 'web', port: 80, minEndpoints: 2 }]],
  ['services-networking', [{ type: 'jsonpath', resource: 'svc/web', namespace: 'bench', path: '{.spec.ports[0].port}', equals: '80' }, { type: 'exists', resource: 'service/kube-dns', namespace: 'kube-system' }]],
  ['services-networking', [{ type: 'podsReady', namespace: 'kube-system', selector: 'k8s-app=kube-dns' }]],
  ['services-networking', [{ type: 'absent', resource: 'networkpolicy/deny-all', namespace: 'bench' }]],
  ['cluster-architecture', [{ type: 'node', name: 'controlplane', ready: true, taint: 'node-role.kubernetes.io/control-plane:NoSchedule' }]],
  ['cluster-architecture', [{ type: 'canI', as: 'system:serviceaccount:bench:robot', verb: 'list', resource: 'pods', namespace: 'bench', expect: false }]],
  ['cluster-architecture', [{ type: 'file', path: '/etc/kubernetes/manifests/etcd.yaml', contains: '--data-dir' }]],
  ['cluster-architecture', [{ type: 'jsonpath', resource: 'pod/kube-apiserver-controlplane', namespace: 'kube-system', path: '{.spec.containers[0].command}', contains: '--authorization-mode' }]],
  ['cluster-architecture', [{ type: 'podPhase', namespace: 'kube-system', name: 'etcd-controlplane', phase: 'Running' }]],
  ['storage', [{ type: 'exists', resource: 'storageclass' }]],
  ['storage', [{ type: 'absent', resource: 'pvc/data', namespace: 'bench' }]],
  ['troubleshooting', [{ type: 'node', name: 'node01', ready: true, schedulable: true }]],
  ['troubleshooting', [{ type: 'restartCount', namespace: 'kube-system', name: 'etcd-controlplane', max: 0 }]],
  ['troubleshooting', [{ type: 'command', run: 'systemctl is-active kubelet', stdoutContains: 'active' }]],
  ['troubleshooting', [{ type: 'events', namespace: 'bench', reason: 'ScalingReplicaSet' }]],
  ['troubleshooting', [{ type: 'podsReady', namespace: 'kube-system', selector: 'component=kube-apiserver' }, { type: 'script', script: 'kubectl get --raw /readyz >/dev/null' }]],
  ['troubleshooting', [{ type: 'jsonpath', resource: 'nodes', path: '{.items[*].metadata.name}', count: 2 }]],
];

function pool(): Scenario {
  const tasks: Task[] = CHECKS.map(([domain, checks], i) => ({
    id: `t${i + 1}`, title: `task ${i + 1}`, weight: 5, domain, concepts: [], statement: '-', node: 'controlplane',
    checks: checks.map((c, j) => ({ id: `c${j + 1}`, description: `check ${j + 1}`, points: 1, ...c }) as Check),
    solution: { commands: 'true' },
  }));
  return { id: 'bench-pool', title: 'bench', description: '-', kind: 'scenario', domains: [], concepts: [], difficulty: 'easy', duration: 120, passThreshold: 66, cluster: { workers: 1 }, setup: [], tasks, file: 'bench' };
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** Grades `tasks` 5 times; one line of figures. */
async function timeGrading(label: string, session: { run: (argv: string[], o?: any) => Promise<any>; nodes: () => string[] }, tasks: Task[], count: () => number, reset: () => void): Promise<string> {
  const checks = tasks.reduce((a, t) => a + t.checks.length, 0);
  const times: number[] = [];
  let passed = 0;
  let commands = 0;
  for (let i = 0; i < 5; i++) {
    reset();
    const t0 = performance.now();
    const results = await gradeTasks(session, tasks);
    times.push(performance.now() - t0);
    commands = count();
    passed = results.reduce((a, r) => a + r.checks.filter((c) => c.passed).length, 0);
  }
  const p50 = Math.round(pct(times, 50));
  return `grading ${label}: ${tasks.length} tasks (${checks} checks, ${passed} passing, ${commands} commands) in ${p50} ms p50, ${Math.round(Math.max(...times))} ms max of 5 (goal < 2000 ms)${p50 < 2000 ? '' : '  ** over goal **'}`;
}

/** The content's own mock exam, when there is one: its setup applied, its tasks graded on the start state. */
async function contentExamBench(clusters: Clusters): Promise<string[]> {
  const { scenarios } = loadScenarios(join(ROOT, 'scenarios'));
  const exam = scenarios.find((s) => s.kind === 'exam' && (s.tasks.length >= 17 || s.pool));
  if (!exam) return ['grading mock exam: skipped (no exam with 17 tasks in scenarios/)'];
  const tasks = drawExam(exam, scenarios, 'bench-seed');
  const workers = Math.max(exam.cluster.workers, ...(exam.pool ? scenarios.filter((s) => exam.pool!.from.includes(s.id) || exam.pool!.from.includes('*')).map((s) => s.cluster.workers) : []));
  const name = `bench-exam-${randomBytes(3).toString('hex')}`;
  await clusters.create(name, { workers });
  try {
    const raw = clusterSession(clusters, name);
    let commands = 0;
    const session = { ...raw, nodes: () => raw.nodes(), run: (argv: string[], o?: { node?: string; input?: string; timeoutMs?: number }) => { commands++; return raw.run(argv, o); } };
    try {
      await applySetup(session, exam.setup);
      for (const t of tasks) await applySetup(session, t.setup);
    } catch (e) {
      return [`grading ${exam.id}: skipped, its setup failed: ${(e as Error).message.split('\n')[0]}`];
    }
    return [await timeGrading(`${exam.id} (start state)`, session, tasks, () => commands, () => { commands = 0; })];
  } finally {
    await clusters.delete(name);
  }
}

export async function gradingBench(): Promise<string[]> {
  const clusters = new Clusters(defaultPaths(ROOT));
  const name = `bench-grade-${randomBytes(3).toString('hex')}`;
  await clusters.create(name, { workers: 1 });
  const lines: string[] = [];
  try {
    const raw = clusterSession(clusters, name);
    let commands = 0;
    const session = { ...raw, nodes: () => raw.nodes(), run: (argv: string[], o?: { node?: string; input?: string; timeoutMs?: number }) => { commands++; return raw.run(argv, o); } };
    await applySetup(session, [{ apply: SETUP }, { waitFor: 'kubectl -n bench rollout status deployment/web --timeout=5s', timeout: 60 }]);
    const all = [pool()];
    const exam = { ...all[0], id: 'bench-exam', kind: 'exam', tasks: [], pool: { from: ['bench-pool'], count: 17 } } as Scenario;
    const tasks = drawExam(exam, all, 'bench-seed');
    lines.push(await timeGrading('a 17-task draw', session, tasks, () => commands, () => { commands = 0; }));
  } finally {
    await clusters.delete(name);
  }
  lines.push(...(await contentExamBench(clusters)));
  return lines;
}

// run alone: node --import tsx bench/grading.ts
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, '/'))) {
  gradingBench().then((lines) => {
    for (const l of lines) console.log(l);
  });
}

