// The scenario loader as an author meets it: YAML and schema mistakes come back as
// file:line:column and a sentence; defaults are filled; a bad file never stops the others;
// exam draws are deterministic and spread by domain weight.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { GRADERS, templateForItem } from '../../graders/index.ts';
import { drawExam, CKA_WEIGHTS } from '../../scenarios/draw.ts';
import { formatProblem, loadScenarios, parseScenario } from '../../scenarios/loader.ts';
import { fullSchema } from '../../scenarios/schema.ts';
import type { Domain, Scenario } from '../../scenarios/types.ts';

const GOOD = `id: tiny
title: Tiny
description: One task.
difficulty: easy
duration: 10
tasks:
  - id: scale
    title: Scale web
    weight: 100
    domain: workloads
    statement: Scale the Deployment web to 3 replicas.
    checks:
      - type: jsonpath
        description: web asks for 3 replicas
        resource: deployment/web
        path: "{.spec.replicas}"
        equals: "3"
      - type: rollout
        description: web rolled out
        deployment: web
        points: 2
    solution:
      commands: kubectl scale deployment web --replicas=3
`;

function messages(text: string, file = 'scenarios/x.yaml'): string[] {
  return parseScenario(text, file).problems.map(formatProblem);
}

test('a valid scenario loads with its defaults filled', () => {
  const { scenario, problems } = parseScenario(GOOD, 'scenarios/tiny.yaml');
  assert.deepEqual(problems, []);
  assert.ok(scenario);
  assert.equal(scenario.kind, 'scenario');
  assert.equal(scenario.passThreshold, 66);
  assert.deepEqual(scenario.cluster, { workers: 1, version: '1.35' });
  assert.deepEqual(scenario.setup, []);
  assert.deepEqual(scenario.domains, ['workloads']);
  assert.equal(scenario.file, 'scenarios/tiny.yaml');
  const t = scenario.tasks[0];
  assert.equal(t.node, 'controlplane');
  assert.equal(t.solution.node, 'controlplane');
  assert.deepEqual(t.checks.map((c) => [c.id, c.points]), [['c1', 1], ['c2', 2]]);
});

test('bad YAML: the problem names the line of the syntax error', () => {
  const text = GOOD.replace('    weight: 100\n', '    weight: [100\n');
  const [p, ...rest] = parseScenario(text, 'scenarios/bad.yaml').problems;
  assert.equal(rest.length, 0);
  assert.equal(p.file, 'scenarios/bad.yaml');
  assert.ok(p.line >= 9 && p.line <= 11, `line ${p.line}`);
  assert.match(p.message, /^YAML syntax error: /);
  // duplicate keys are YAML errors too
  assert.deepEqual(messages('id: a\nid: b\n'), ['scenarios/x.yaml:2:1: YAML syntax error: Map keys must be unique']);
});

test('schema violations: file:line:column and a sentence', () => {
  const text = GOOD.replace('weight: 100', 'weight: "a lot"').replace('domain: workloads', 'domain: workload').replace('difficulty: easy', 'difficulty: trivial');
  assert.deepEqual(messages(text), [
    'scenarios/x.yaml:4:13: difficulty must be one of easy, medium, hard (got "trivial")',
    'scenarios/x.yaml:9:13: tasks[0].weight must be a number (got "a lot")',
    'scenarios/x.yaml:10:13: tasks[0].domain must be one of cluster-architecture, workloads, services-networking, storage, troubleshooting (got "workload"); did you mean "workloads"?',
  ]);
});

test('missing and misspelt keys say which and where', () => {
  const text = GOOD.replace('    statement: Scale', '    statment: Scale');
  assert.deepEqual(messages(text), [
    'scenarios/x.yaml:7:5: tasks[0] ("scale") is missing the required key "statement"',
    'scenarios/x.yaml:11:5: tasks[0] ("scale") has an unknown key "statment"; did you mean "statement"?',
  ]);
});

test('an unknown check type names the known ones', () => {
  const [m, ...rest] = messages(GOOD.replace('type: jsonpath', 'type: jsonpth'));
  assert.equal(rest.length, 0);
  assert.equal(m, `scenarios/x.yaml:13:15: tasks[0].checks[0]: unknown check type "jsonpth" (known: ${[...GRADERS.keys()].join(', ')}); did you mean "jsonpath"?`);
});

test("a check's parameters are validated against its grader", () => {
  const noCompare = GOOD.replace('        equals: "3"\n', '');
  assert.deepEqual(messages(noCompare), ['scenarios/x.yaml:13:9: tasks[0].checks[0] (jsonpath) needs exactly one of equals, matches, contains, count, oneOf']);
  const two = GOOD.replace('        equals: "3"\n', '        equals: "3"\n        matches: "^3$"\n');
  assert.deepEqual(messages(two), ['scenarios/x.yaml:13:9: tasks[0].checks[0] (jsonpath) has "equals" and "matches"; give exactly one of equals, matches, contains, count, oneOf']);
  const unknownParam = GOOD.replace('        deployment: web\n', '        deployment: web\n        imag: nginx\n');
  assert.deepEqual(messages(unknownParam), ['scenarios/x.yaml:21:9: tasks[0].checks[1] (rollout) has an unknown key "imag"; did you mean "image"?']);
  const badRegex = GOOD.replace('equals: "3"', 'matches: "(["');
  assert.match(messages(badRegex)[0], /^scenarios\/x\.yaml:17:18: tasks\[0\]\.checks\[0\]\.matches is not a valid regular expression: /);
});

test('setup steps: one kind per step, each with its own keys', () => {
  const text = GOOD.replace('tasks:\n', 'setup:\n  - apply: "kind: Namespace"\n    run: echo hi\n  - rn: echo\n  - file: {path: etc/x, content: ""}\ntasks:\n');
  assert.deepEqual(messages(text), [
    'scenarios/x.yaml:7:5: setup[0] has both "apply" and "run"; write one step per action',
    'scenarios/x.yaml:9:5: setup[1] must be one of the step kinds apply, file, run, waitFor (it has "rn"); did you mean "run"?',
    'scenarios/x.yaml:10:18: setup[2].file.path must be an absolute path (starting with /) (got "etc/x")',
  ]);
});

test('cross-checks: task ids, node names, empty scenarios', () => {
  const dupTasks = GOOD.replace(/^tasks:\n([\s\S]*)$/m, (_m, body) => `tasks:\n${body}${body}`);
  assert.match(messages(dupTasks).join('\n'), /:24:9: task id "scale" is used twice \(also tasks\[0\]\)/);
  const badNode = GOOD.replace('    domain: workloads\n', '    domain: workloads\n    node: node02\n');
  assert.deepEqual(messages(badNode), ['scenarios/x.yaml:11:11: tasks[0].node names node "node02", but the cluster has controlplane, node01 (set cluster.workers to add nodes)']);
  assert.deepEqual(messages('id: a\ntitle: t\ndescription: d\ndifficulty: easy\nduration: 5\n'), ['scenarios/x.yaml:1:1: the scenario has no tasks']);
  assert.deepEqual(messages('- a\n- b\n'), ['scenarios/x.yaml:1:1: a scenario file must be a mapping (id: …, title: …, tasks: …); this one is a list']);
});

test('loadScenarios: a bad file never stops the others; duplicate ids and unknown pool sources are reported', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kd-scen-'));
  mkdirSync(join(dir, 'library'));
  mkdirSync(join(dir, 'exams'));
  writeFileSync(join(dir, 'library', 'a.yaml'), GOOD);
  writeFileSync(join(dir, 'library', 'b.yaml'), GOOD.replace('id: tiny', 'id: other'));
  writeFileSync(join(dir, 'library', 'c.yaml'), GOOD); // same id as a.yaml
  writeFileSync(join(dir, 'library', 'broken.yaml'), 'id: [oops\n');
  writeFileSync(join(dir, 'catalog.yaml'), 'concepts: []\ncompetencies: []\n');
  writeFileSync(join(dir, 'exams', 'mock.yaml'), 'id: mock\ntitle: Mock\ndescription: d\nkind: exam\ndifficulty: hard\nduration: 120\npool:\n  from: [tiny, nope]\n  count: 2\n');
  const { scenarios, problems } = loadScenarios(dir);
  assert.deepEqual(scenarios.map((s) => s.id).sort(), ['other', 'tiny']);
  const text = problems.map(formatProblem).map((l) => l.slice(l.indexOf('/', dir.length - 1) + 1));
  assert.equal(problems.length, 3, text.join('\n'));
  assert.ok(problems.some((p) => p.file.endsWith('broken.yaml') && p.line <= 2 && /^YAML syntax error/.test(p.message)));
  assert.ok(problems.some((p) => p.file.endsWith('c.yaml') && p.line === 1 && p.column === 5 && /scenario id "tiny" is already used by .*a\.yaml/.test(p.message)));
  assert.ok(problems.some((p) => p.file.endsWith('mock.yaml') && p.line === 8 && p.column === 9 && p.message === 'pool.from names unknown scenario "nope"'));
});

test('the fixture scenario validates', () => {
  const fx = loadScenarios('test/fixtures/scenarios');
  assert.deepEqual(fx.problems, []);
  assert.equal(fx.scenarios[0].id, 'fixture-mini');
});

test('scenarios/schema.json is the schema the code builds, and it accepts the fixture', () => {
  const onDisk = JSON.parse(readFileSync('scenarios/schema.json', 'utf8'));
  assert.deepEqual(onDisk, JSON.parse(JSON.stringify(fullSchema(GRADERS.values()))), 'regenerate: node --import tsx scenarios/cli.ts schema');
  const validate = new Ajv({ strict: false, allowUnionTypes: true }).compile(onDisk);
  const s: any = JSON.parse(JSON.stringify(parseScenario(readFileSync('test/fixtures/scenarios/mini.yaml', 'utf8'), 'x').scenario));
  delete s.file;
  const bad = { ...s, tasks: [{ ...s.tasks[0], checks: [{ type: 'jsonpath', description: 'd', resource: 'pod/x', path: '{.a}' }] }] };
  assert.ok(validate(s), JSON.stringify(validate.errors));
  assert.equal(validate(bad), false);
});

function poolOf(id: string, perDomain: Partial<Record<Domain, number>>): Scenario {
  const tasks = Object.entries(perDomain).flatMap(([d, n]) => Array.from({ length: n! }, (_, i) => ({
    id: `${d}-${i}`, title: `${d} ${i}`, weight: 5, domain: d as Domain, concepts: [], statement: '-', node: 'controlplane',
    checks: [{ id: 'c1', description: 'd', points: 1, type: 'script', script: 'true' }], solution: { commands: 'true' },
  })));
  return { id, title: id, description: '-', kind: 'scenario', domains: [], concepts: [], difficulty: 'easy', duration: 30, passThreshold: 66, cluster: { workers: 1 }, setup: [{ run: `echo ${id}` }], tasks, file: `${id}.yaml` };
}

test('drawExam: the same seed draws the same tasks; another seed another draw; spread by CKA weights', () => {
  const a = poolOf('a', { 'cluster-architecture': 6, workloads: 6, 'services-networking': 6 });
  const b = poolOf('b', { storage: 6, troubleshooting: 10 });
  const exam: Scenario = { ...poolOf('mock', {}), kind: 'exam', setup: [], pool: { from: ['a', 'b'], count: 17 } };
  const one = drawExam(exam, [a, b], 'attempt-42');
  const again = drawExam(exam, [a, b], 'attempt-42');
  assert.deepEqual(one.map((t) => t.id), again.map((t) => t.id));
  assert.equal(one.length, 17);
  assert.equal(new Set(one.map((t) => t.id)).size, 17);
  const others = [1, 2, 3, 4, 5].map((s) => drawExam(exam, [a, b], s).map((t) => t.id).join());
  assert.ok(others.some((o) => o !== one.map((t) => t.id).join()), 'different seeds should give different draws');
  const count = (d: Domain): number => one.filter((t) => t.domain === d).length;
  // 17 × 25/15/20/10/30 = 4.25/2.55/3.4/1.7/5.1 → largest remainders
  assert.deepEqual(Object.keys(CKA_WEIGHTS).map((d) => count(d as Domain)), [4, 3, 3, 2, 5]);
  // ids say where a task comes from; a scenario's own setup travels with its first drawn task only
  assert.ok(one.every((t) => /^(a|b)\./.test(t.id)));
  assert.equal(one.filter((t) => t.setup?.some((s) => 'run' in s && s.run === 'echo a')).length, 1);
  assert.equal(one.filter((t) => t.setup?.some((s) => 'run' in s && s.run === 'echo b')).length, 1);
});

test('drawExam: short domains give their share to the others; a fixed exam returns its tasks', () => {
  const a = poolOf('a', { 'cluster-architecture': 10, workloads: 10, storage: 1 });
  const exam: Scenario = { ...poolOf('mock', {}), kind: 'exam', setup: [], pool: { from: ['*'], count: 10 } };
  const drawn = drawExam(exam, [a, exam], 7);
  assert.equal(drawn.length, 10);
  assert.equal(drawn.filter((t) => t.domain === 'storage').length, 1);
  const fixed = poolOf('fixed', { workloads: 3 });
  assert.deepEqual(drawExam({ ...fixed, kind: 'exam' }, [], 1), fixed.tasks);
});

test('a selector with a single object is refused, as kubectl would', () => {
  const text = GOOD.replace('        resource: deployment/web\n', '        resource: deployment/web\n        selector: app=web\n');
  assert.deepEqual(messages(text), ['scenarios/x.yaml:16:19: tasks[0].checks[0] (jsonpath): a selector goes with a resource type ("pods"), not with one object ("deployment/web"); kubectl refuses both together']);
});

test('jsonpath templates are rewritten to read one item of a merged List, or left alone', () => {
  assert.equal(templateForItem('{.spec.replicas}', 2), '{.items[2].spec.replicas}');
  assert.equal(templateForItem("{.spec.hard['requests\\.cpu']}|{.status.phase}", 0), "{.items[0].spec.hard['requests\\.cpu']}|{.items[0].status.phase}");
  assert.equal(templateForItem('{.spec.rules[0].http.paths[?(@.path=="/")].pathType}:{"\\n"}', 1), '{.items[1].spec.rules[0].http.paths[?(@.path=="/")].pathType}:{"\\n"}');
  assert.equal(templateForItem('{range .items[*]}{.metadata.name}{end}', 0), undefined);
  assert.equal(templateForItem('{.a', 0), undefined);
});
