// `kubedojo import killercoda DIR`: a Killercoda scenario folder becomes a scenario file that
// validates, its steps tasks, verify.sh script checks, background.sh setup steps, assets files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { importKillercoda, ImportError } from '../../scenarios/killercoda.ts';
import { parseScenario } from '../../scenarios/loader.ts';
import { ROOT } from '../helpers/cluster.ts';

const FIXTURE = join(ROOT, 'test/fixtures/killercoda/pod-fix');

test('a Killercoda folder becomes a valid scenario', () => {
  const text = importKillercoda(FIXTURE);
  assert.match(text, /^# Imported from the Killercoda scenario "Fix a Broken Pod"/);
  const { scenario, problems } = parseScenario(text, 'pod-fix.yaml');
  assert.deepEqual(problems, []);
  assert.ok(scenario);
  assert.equal(scenario.id, 'pod-fix');
  assert.equal(scenario.title, 'Fix a Broken Pod');
  assert.match(scenario.description, /Find out why a pod does not start[\s\S]*In this scenario you repair a pod\./);
  assert.equal(scenario.cluster.workers, 1); // kubernetes-kubeadm-2nodes
  // assets become files, the intro's background a run step
  assert.deepEqual(scenario.setup[0], { file: { path: '/root/pod.yaml', content: readFileSync(join(FIXTURE, 'assets/pod.yaml'), 'utf8') } });
  assert.deepEqual(scenario.setup[1], { run: 'kubectl create namespace tools --dry-run=client -o yaml > /root/ns.yaml' });
  assert.deepEqual(scenario.tasks.map((t) => [t.id, t.title, t.weight]), [['step1', 'Create a namespace', 50], ['step2', 'Repair the pod', 50]]);
  const [s1, s2] = scenario.tasks;
  // {{exec}} markers are gone; the markdown stays
  assert.equal(s1.statement, 'Create the namespace `repair`.\n\n```\nkubectl create namespace repair\n```');
  assert.deepEqual(s1.checks, [{ id: 'verify', type: 'script', description: 'Killercoda verification of "Create a namespace"', script: 'kubectl get namespace repair', points: 1 }]);
  assert.deepEqual(s2.setup, [{ run: 'kubectl -n repair run web --image=nginx:1.255' }]);
  assert.equal(s2.domain, 'troubleshooting');
  assert.match(s2.solution.commands, /TODO/);
});

test('a folder without index.json, or with broken JSON, is refused with a sentence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kc-'));
  assert.throws(() => importKillercoda(dir), (e: unknown) => e instanceof ImportError && /no index\.json \(is this a Killercoda scenario folder\?\)/.test(e.message));
  writeFileSync(join(dir, 'index.json'), '{"title": ');
  assert.throws(() => importKillercoda(dir), /index\.json: not valid JSON/);
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ title: 'x', details: { steps: [{ title: 's', text: 'missing.md' }] } }));
  assert.throws(() => importKillercoda(dir), /steps\[0\]\.text names missing\.md, which does not exist/);
});

test('kubedojo import killercoda DIR --out FILE writes the scenario', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'kc-out-')), 'pod-fix.yaml');
  const r = spawnSync(join(ROOT, 'bin/kubedojo'), ['import', 'killercoda', FIXTURE, '--out', out], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /wrote .*pod-fix\.yaml/);
  assert.equal(parse(readFileSync(out, 'utf8')).id, 'pod-fix');
  const bad = spawnSync(join(ROOT, 'bin/kubedojo'), ['import', 'killercoda', tmpdir()], { encoding: 'utf8' });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /^error: .*no index\.json/);
});
