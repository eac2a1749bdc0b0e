// npm run scenario:validate | scenario:check | scenario:coverage, and `schema` (writes schema.json).
//   validate [paths]            every file parsed and validated; problems as file:line:column: sentence
//   check [paths] [--keep] [--parallel N]
//                               proves each scenario on fresh clusters (2 at a time by default)
//   coverage [--catalog FILE]   task counts per seed concept and CKA competency
//   graders                     the check types and their parameters, for authors
//   schema [FILE]               writes scenarios/schema.json from the code (keep it in step)
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Clusters, defaultPaths } from '../server/cluster/clusters.ts';
import { GRADERS } from '../graders/index.ts';
import { coverage, formatCoverage, readCatalog } from './coverage.ts';
import { formatProblem, loadScenarios } from './loader.ts';
import { proveScenario, type SelftestResult } from './prove.ts';
import { fullSchema } from './schema.ts';
import type { Scenario } from './types.ts';

const ROOT = resolve(import.meta.dirname, '..');

function out(l = ''): void {
  process.stdout.write(`${l}\n`);
}

function takeFlag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
}

function takeBool(args: string[], name: string): boolean {
  const i = args.indexOf(name);
  if (i >= 0) args.splice(i, 1);
  return i >= 0;
}

/** Loads the scenarios named (or all), with every scenario of scenarios/ as reference for pools. */
function load(paths: string[]): { selected: Scenario[]; all: Scenario[]; problems: ReturnType<typeof loadScenarios>['problems'] } {
  const base = existsSync('scenarios') ? loadScenarios('scenarios') : { scenarios: [], problems: [] };
  if (!paths.length) return { selected: base.scenarios, all: base.scenarios, problems: base.problems };
  const r = loadScenarios(paths, { reference: base.scenarios });
  return { selected: r.scenarios, all: [...base.scenarios.filter((s) => !r.scenarios.some((x) => x.id === s.id)), ...r.scenarios], problems: r.problems };
}

function validate(paths: string[]): number {
  const { selected, problems } = load(paths);
  for (const p of problems) out(formatProblem(p));
  const tasks = selected.reduce((a, s) => a + s.tasks.length, 0);
  const files = new Set(problems.map((p) => p.file)).size;
  out(`scenario:validate: ${selected.length} scenario${selected.length === 1 ? '' : 's'} valid (${tasks} tasks)${problems.length ? `; ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}` : ''}`);
  return problems.length ? 1 : 0;
}

function report(s: Scenario, r: SelftestResult): string[] {
  const lines = [`${r.status === 'passed' ? 'PASS' : 'FAIL'} ${s.id} (${s.file}) in ${r.seconds} s`];
  if (r.error) lines.push(`  error: ${r.error}`);
  for (const t of r.tasks) {
    const ok = !t.error && t.setupFails && t.solutionPasses;
    lines.push(`  ${ok ? 'PASS' : 'FAIL'} ${t.taskId} (${t.seconds} s)`);
    if (t.error) lines.push(`       ${t.error.split('\n').join('\n       ')}`);
    for (const c of t.checks) {
      if (c.onSetup.passed) lines.push(`       check ${c.id} already passes on the setup state: ${c.onSetup.message}`);
      if (!t.error && !c.onSolution.passed) lines.push(`       check ${c.id} fails after the solution: ${c.onSolution.message}\n         expected: ${c.onSolution.expected}\n         saw:      ${c.onSolution.actual}`);
    }
  }
  for (const l of r.log.filter((x) => /reference solution exited|took .* more than/.test(x))) lines.push(`  ${l}`);
  if (!r.withinBudget) lines.push(`  over budget: ${r.seconds} s > ${s.duration} min`);
  return lines;
}

async function check(args: string[]): Promise<number> {
  const keep = takeBool(args, '--keep');
  const parallel = Number(takeFlag(args, '--parallel') ?? 2);
  const verbose = takeBool(args, '--verbose') || takeBool(args, '-v');
  const { selected, problems } = load(args);
  for (const p of problems) out(formatProblem(p));
  const clusters = new Clusters(defaultPaths(ROOT));
  const queue = [...selected];
  let passed = 0;
  let failed = problems.length ? new Set(problems.map((p) => p.file)).size : 0;
  let tasksOk = 0;
  let tasksBad = 0;
  const t0 = Date.now();
  const worker = async (): Promise<void> => {
    for (let s = queue.shift(); s; s = queue.shift()) {
      const sc = s;
      out(`… proving ${sc.id} (${sc.tasks.length} task${sc.tasks.length === 1 ? '' : 's'})`);
      const r = await proveScenario(clusters, sc, verbose ? (l) => out(`  [${sc.id}] ${l}`) : undefined, { keep });
      for (const l of report(sc, r)) out(l);
      if (r.status === 'passed') passed++;
      else failed++;
      for (const t of r.tasks) {
        if (!t.error && t.setupFails && t.solutionPasses) tasksOk++;
        else tasksBad++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
  out(`scenario:check: ${passed} passed, ${failed} failed (tasks: ${tasksOk} passed, ${tasksBad} failed) in ${Math.round((Date.now() - t0) / 1000)} s`);
  return failed ? 1 : 0;
}

function cover(args: string[]): number {
  const catalogFile = takeFlag(args, '--catalog') ?? 'scenarios/catalog.yaml';
  if (!existsSync(catalogFile)) {
    out(`scenario:coverage: ${catalogFile} not found`);
    return 1;
  }
  const { selected, problems } = load(args);
  for (const p of problems) out(formatProblem(p));
  const c = coverage(selected, readCatalog(catalogFile));
  for (const l of formatCoverage(c)) out(l);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...args] = argv;
  if (cmd === 'validate') return validate(args);
  if (cmd === 'check') return check(args);
  if (cmd === 'coverage') return cover(args);
  if (cmd === 'graders') {
    // the check types for authors: type, what it checks, its parameters (* = required)
    for (const g of GRADERS.values()) {
      const p = g.params as { properties?: Record<string, { description?: string; type?: unknown; enum?: unknown[] }>; required?: string[]; oneOf?: { required: string[] }[]; anyOf?: { required: string[] }[] };
      out(`${g.type}: ${g.summary}`);
      for (const [k, v] of Object.entries(p.properties ?? {})) {
        const type = v.enum ? v.enum.join('|') : Array.isArray(v.type) ? v.type.join('|') : String(v.type ?? '');
        out(`    ${(p.required ?? []).includes(k) ? '*' : ' '} ${k.padEnd(15)} ${type.padEnd(18)} ${v.description ?? ''}`.trimEnd());
      }
      if (p.oneOf) out(`      exactly one of: ${p.oneOf.map((b) => b.required[0]).join(', ')}`);
      if (p.anyOf) out(`      at least one of: ${p.anyOf.map((b) => b.required[0]).join(', ')}`);
    }
    return 0;
  }
  if (cmd === 'schema') {
    const file = args[0] ?? resolve(ROOT, 'scenarios', 'schema.json');
    writeFileSync(file, JSON.stringify(fullSchema(GRADERS.values()), null, 2) + '\n');
    out(`wrote ${file}`);
    return 0;
  }
  out('usage: node --import tsx scenarios/cli.ts validate|check|coverage|graders|schema [paths]');
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${e?.stack ?? e}\n`);
    process.exit(1);
  },
);
