// Loads scenario files: YAML (with line/column mapping) → ajv validation → problems rewritten for
// humans with file:line:column → defaults filled → cross-checks. A bad file never stops the others.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { GRADERS } from '../graders/index.ts';
import { baseSchema, checkSchema, SETUP_KINDS, SETUP_STEP_SCHEMAS } from './schema.ts';
import type { Check, Domain, Scenario, ScenarioProblem, SetupStep, Task } from './types.ts';

type Path = (string | number)[];

const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, allowUnionTypes: true });
let compiled: { base: ValidateFunction; steps: Record<string, ValidateFunction>; checks: Map<string, ValidateFunction> } | undefined;

function validators(): NonNullable<typeof compiled> {
  if (!compiled) {
    compiled = {
      base: ajv.compile(baseSchema()),
      steps: Object.fromEntries(SETUP_KINDS.map((k) => [k, ajv.compile(SETUP_STEP_SCHEMAS[k])])),
      checks: new Map([...GRADERS.values()].map((g) => [g.type, ajv.compile(checkSchema(g))])),
    };
  }
  return compiled;
}

/** "tasks[2].checks[0].path" */
export function pathText(path: Path): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
  return s || 'the scenario';
}

function pointerToPath(pointer: string): Path {
  if (!pointer) return [];
  return pointer.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
  }
  return d[a.length][b.length];
}

export function closest(word: string, options: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    const dd = distance(word, o);
    if (dd < bestD) {
      bestD = dd;
      best = o;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number', integer: 'a whole number', string: 'text (a string)', boolean: 'true or false', array: 'a list', object: 'a mapping (key: value)', null: 'empty',
};

const PATTERN_WORDS: Record<string, string> = {
  '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$': "lower-case letters, digits and '-', starting and ending with a letter or digit",
  '^[A-Za-z0-9][-A-Za-z0-9_.]*$': "letters, digits, '-', '_' and '.', starting with a letter or digit",
  '^/': 'an absolute path (starting with /)',
  '^0?[0-7]{3,4}$': 'an octal mode in quotes, like "0644"',
  '^1\\.\\d+$': 'a Kubernetes minor version like "1.35"',
  '^v\\d': 'a version starting with v, like "v1.35"',
};

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

/** Finds where a path is in the YAML: the node itself, else the nearest existing parent. */
function locate(doc: Document, lc: LineCounter, path: Path, key?: string): { line: number; column: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)) as YamlNode | null | undefined;
    if (!node || !('range' in node) || !node.range) continue;
    let offset = node.range[0];
    if (key !== undefined && n === path.length && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (pair && isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
    }
    const pos = lc.linePos(offset);
    return { line: pos.line, column: pos.col };
  }
  return { line: 1, column: 1 };
}

interface Ctx {
  file: string;
  doc: Document;
  lc: LineCounter;
  data: any;
  problems: ScenarioProblem[];
}

function problem(ctx: Ctx, path: Path, message: string, key?: string): void {
  const { line, column } = locate(ctx.doc, ctx.lc, path, key);
  if (ctx.problems.some((p) => p.line === line && p.column === column && p.message === message)) return;
  ctx.problems.push({ file: ctx.file, line, column, message });
}

function getAt(data: any, path: Path): any {
  let v = data;
  for (const p of path) v = v?.[p as any];
  return v;
}

/** Names what a path points to, e.g. `tasks[2] ("etcd-backup")`, `tasks[0].checks[1] (jsonpath)`. */
function subject(ctx: Ctx, path: Path): string {
  const v = getAt(ctx.data, path);
  const base = pathText(path);
  if (path.length === 2 && path[0] === 'tasks' && typeof v?.id === 'string') return `${base} ("${v.id}")`;
  if (path.length >= 2 && path[path.length - 2] === 'checks' && typeof v?.type === 'string') return `${base} (${v.type})`;
  return base;
}

/** Rewrites ajv's errors (at paths under `prefix`) into sentences with positions. */
function report(ctx: Ctx, prefix: Path, errors: ErrorObject[] | null | undefined): void {
  const errs = errors ?? [];
  // "exactly one of" / "at least one of" groups: say it once, drop the per-branch `required` noise
  const groups = errs.filter((e) => (e.keyword === 'oneOf' || e.keyword === 'anyOf') && Array.isArray(e.schema) && (e.schema as any[]).every((b) => b && Array.isArray(b.required) && Object.keys(b).length === 1));
  const grouped = new Set(groups.map((e) => e.instancePath));
  for (const e of errs) {
    const path = [...prefix, ...pointerToPath(e.instancePath)];
    const at = pathText(path);
    const p = e.params as Record<string, any>;
    if (e.keyword === 'required' && grouped.has(e.instancePath) && /\/(oneOf|anyOf)\/\d+\/required$/.test(e.schemaPath)) continue;
    if (e.keyword === 'if') continue;
    switch (e.keyword) {
      case 'oneOf':
      case 'anyOf': {
        if (!groups.includes(e)) {
          problem(ctx, path, `${at} ${e.message}`);
          break;
        }
        const keys = (e.schema as { required: string[] }[]).map((b) => b.required[0]);
        const have = keys.filter((k) => getAt(ctx.data, [...path, k]) !== undefined);
        const one = e.keyword === 'oneOf';
        problem(ctx, path, have.length > 1 && one
          ? `${subject(ctx, path)} has ${have.map((k) => `"${k}"`).join(' and ')}; give exactly one of ${keys.join(', ')}`
          : `${subject(ctx, path)} needs ${one ? 'exactly' : 'at least'} one of ${keys.join(', ')}`);
        break;
      }
      case 'type': {
        const types = String(Array.isArray(p.type) ? p.type.join(',') : p.type).split(',');
        problem(ctx, path, `${at} must be ${types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')} (got ${show(e.data)})`);
        break;
      }
      case 'required':
        problem(ctx, path, `${subject(ctx, path)} is missing the required key "${p.missingProperty}"`);
        break;
      case 'additionalProperties': {
        const allowed = Object.keys((e.parentSchema as any)?.properties ?? {});
        const guess = closest(p.additionalProperty, allowed);
        problem(ctx, path, `${subject(ctx, path)} has an unknown key "${p.additionalProperty}"${guess ? `; did you mean "${guess}"?` : ` (allowed: ${allowed.join(', ')})`}`, p.additionalProperty);
        break;
      }
      case 'enum':
        problem(ctx, path, `${at} must be one of ${(p.allowedValues as unknown[]).map((v) => String(v)).join(', ')} (got ${show(e.data)})${typeof e.data === 'string' && closest(e.data, (p.allowedValues as unknown[]).map(String)) ? `; did you mean "${closest(e.data, (p.allowedValues as unknown[]).map(String))}"?` : ''}`);
        break;
      case 'const':
        problem(ctx, path, `${at} must be ${show(p.allowedValue)} (got ${show(e.data)})`);
        break;
      case 'pattern':
        problem(ctx, path, `${at} must be ${PATTERN_WORDS[p.pattern] ?? `text matching ${p.pattern}`} (got ${show(e.data)})`);
        break;
      case 'minLength':
        problem(ctx, path, p.limit === 1 ? `${at} must not be empty` : `${at} must be at least ${p.limit} characters long`);
        break;
      case 'maxLength':
        problem(ctx, path, `${at} must be at most ${p.limit} characters long`);
        break;
      case 'minItems':
        problem(ctx, path, `${at} must have at least ${p.limit} item${p.limit === 1 ? '' : 's'}`);
        break;
      case 'minProperties':
        problem(ctx, path, `${at} must not be empty`);
        break;
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        const words = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'more than', exclusiveMaximum: 'less than' }[e.keyword];
        problem(ctx, path, `${at} must be ${words} ${p.limit} (got ${show(e.data)})`);
        break;
      }
      default:
        problem(ctx, path, `${at} ${e.message ?? 'is not valid'}`);
    }
  }
}

const REGEX_PARAMS = ['matches', 'stdoutMatches', 'messageMatches'];

function validateStep(ctx: Ctx, path: Path, step: any): void {
  if (!step || typeof step !== 'object' || Array.isArray(step)) return; // the base schema said so
  const kinds = SETUP_KINDS.filter((k) => k in step);
  if (!kinds.length) {
    const guess = Object.keys(step).map((k) => closest(k, [...SETUP_KINDS])).find(Boolean);
    problem(ctx, path, `${pathText(path)} must be one of the step kinds ${SETUP_KINDS.join(', ')} (it has ${Object.keys(step).map((k) => `"${k}"`).join(', ')})${guess ? `; did you mean "${guess}"?` : ''}`);
    return;
  }
  if (kinds.length > 1) {
    problem(ctx, path, `${pathText(path)} has both ${kinds.map((k) => `"${k}"`).join(' and ')}; write one step per action`);
    return;
  }
  const v = validators().steps[kinds[0]];
  if (!v(step)) report(ctx, path, v.errors);
}

function validateCheck(ctx: Ctx, path: Path, check: any): void {
  if (!check || typeof check !== 'object' || typeof check.type !== 'string') return;
  const v = validators().checks.get(check.type);
  if (!v) {
    const known = [...GRADERS.keys()];
    const guess = closest(check.type, known);
    problem(ctx, [...path, 'type'], `${pathText(path)}: unknown check type "${check.type}" (known: ${known.join(', ')})${guess ? `; did you mean "${guess}"?` : ''}`);
    return;
  }
  if (!v(check)) report(ctx, path, v.errors);
  for (const k of REGEX_PARAMS) {
    if (typeof check[k] !== 'string') continue;
    try {
      new RegExp(check[k]);
    } catch (e) {
      problem(ctx, [...path, k], `${pathText([...path, k])} is not a valid regular expression: ${(e as Error).message}`);
    }
  }
}

function nodeNames(workers: number): string[] {
  return ['controlplane', ...Array.from({ length: workers }, (_, i) => `node${String(i + 1).padStart(2, '0')}`)];
}

function unionOf<T>(lists: (T[] | undefined)[]): T[] {
  return [...new Set(lists.flatMap((l) => l ?? []))];
}

/** Fills defaults (check ids, points, pass threshold, cluster, node, kind, domains, concepts). */
function withDefaults(d: any, file: string): Scenario {
  const tasks: Task[] = (d.tasks ?? []).map((t: any) => {
    const node = t.node ?? 'controlplane';
    const checks: Check[] = t.checks.map((c: any, i: number) => ({ ...c, id: c.id ?? `c${i + 1}`, points: c.points ?? 1 }));
    return {
      ...t,
      node,
      concepts: t.concepts ?? [],
      setup: t.setup ?? [],
      checks,
      hints: t.hints ?? [],
      solution: { ...t.solution, node: t.solution.node ?? node },
    };
  });
  return {
    ...d,
    kind: d.kind ?? 'scenario',
    domains: d.domains ?? unionOf<Domain>(tasks.map((t) => [t.domain])),
    concepts: d.concepts ?? unionOf<string>(tasks.map((t) => t.concepts)),
    competencies: d.competencies ?? unionOf<string>(tasks.map((t) => t.competencies)),
    passThreshold: d.passThreshold ?? 66,
    cluster: { workers: 1, version: '1.35', ...(d.cluster ?? {}) },
    setup: d.setup ?? [],
    tasks,
    file,
  };
}

function crossChecks(ctx: Ctx, s: Scenario): void {
  const nodes = nodeNames(s.cluster.workers);
  const checkNode = (path: Path, n: unknown): void => {
    if (typeof n === 'string' && !nodes.includes(n)) problem(ctx, path, `${pathText(path)} names node "${n}", but the cluster has ${nodes.join(', ')} (set cluster.workers to add nodes)`);
  };
  const checkSteps = (base: Path, steps: SetupStep[] | undefined): void => {
    for (const [i, st] of (steps ?? []).entries()) {
      const n = 'file' in st ? st.file.node : 'run' in st || 'waitFor' in st ? st.node : undefined;
      checkNode('file' in st ? [...base, i, 'file', 'node'] : [...base, i, 'node'], n);
    }
  };
  checkSteps(['setup'], s.setup);
  const seen = new Map<string, number>();
  for (const [i, t] of s.tasks.entries()) {
    if (seen.has(t.id)) problem(ctx, ['tasks', i, 'id'], `task id "${t.id}" is used twice (also tasks[${seen.get(t.id)}])`);
    else seen.set(t.id, i);
    checkNode(['tasks', i, 'node'], ctx.data.tasks[i].node);
    checkNode(['tasks', i, 'solution', 'node'], ctx.data.tasks[i].solution?.node);
    checkSteps(['tasks', i, 'setup'], t.setup);
    const ids = new Map<string, number>();
    for (const [j, c] of t.checks.entries()) {
      if (ids.has(c.id)) problem(ctx, ['tasks', i, 'checks', j], `check id "${c.id}" is used twice in task "${t.id}" (also checks[${ids.get(c.id)}])`);
      else ids.set(c.id, j);
      checkNode(['tasks', i, 'checks', j, 'node'], c.node);
      if (c.selector !== undefined && typeof c.resource === 'string' && c.resource.includes('/')) {
        problem(ctx, ['tasks', i, 'checks', j, 'selector'], `tasks[${i}].checks[${j}] (${c.type}): a selector goes with a resource type ("pods"), not with one object ("${c.resource}"); kubectl refuses both together`);
      }
    }
  }
  if (s.pool && s.kind !== 'exam') problem(ctx, ['pool'], 'pool is only for exams: set kind: exam, or list the tasks');
  if (!s.tasks.length && !s.pool) problem(ctx, s.kind === 'exam' ? [] : ['tasks'], `${s.kind === 'exam' ? 'the exam' : 'the scenario'} has no tasks${s.kind === 'exam' ? ' and no pool' : ''}`);
  if (s.cluster.version && !['1.35', '1.34'].includes(s.cluster.version)) problem(ctx, ['cluster', 'version'], `cluster.version "${s.cluster.version}" is not offered (use "1.35", or "1.34" for upgrade practice)`);
}

/** Parses and validates one scenario file's text. `file` names it in problems. */
export function parseScenario(text: string, file: string): { scenario?: Scenario; problems: ScenarioProblem[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: true });
  const problems: ScenarioProblem[] = [];
  if (doc.errors.length) {
    // the first syntax error only: the ones after it are mostly its echoes
    for (const e of doc.errors.slice(0, 1)) {
      const pos = e.linePos?.[0] ?? lc.linePos(e.pos[0]);
      const first = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      const message = e.code === 'MULTIPLE_DOCS' ? 'a scenario file holds one YAML document: remove the extra "---" or split the file' : `YAML syntax error: ${first}`;
      problems.push({ file, line: pos.line, column: pos.col, message });
    }
    return { problems };
  }
  const data = doc.toJS({ maxAliasCount: 100 });
  const ctx: Ctx = { file, doc, lc, data, problems };
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    problem(ctx, [], 'a scenario file must be a mapping (id: …, title: …, tasks: …); this one is ' + (data == null ? 'empty' : Array.isArray(data) ? 'a list' : 'a single value'));
    return { problems };
  }
  const v = validators();
  if (!v.base(data)) report(ctx, [], v.base.errors);
  for (const [i, st] of (Array.isArray(data.setup) ? data.setup : []).entries()) validateStep(ctx, ['setup', i], st);
  for (const [i, t] of (Array.isArray(data.tasks) ? data.tasks : []).entries()) {
    for (const [j, st] of (Array.isArray(t?.setup) ? t.setup : []).entries()) validateStep(ctx, ['tasks', i, 'setup', j], st);
    for (const [j, c] of (Array.isArray(t?.checks) ? t.checks : []).entries()) validateCheck(ctx, ['tasks', i, 'checks', j], c);
  }
  if (problems.length) return { problems: sortProblems(problems) };
  const scenario = withDefaults(data, file);
  crossChecks(ctx, scenario);
  return problems.length ? { problems: sortProblems(problems) } : { scenario, problems };
}

function sortProblems(ps: ScenarioProblem[]): ScenarioProblem[] {
  return [...ps].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

export function formatProblem(p: ScenarioProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}

/** Scenario files under a directory (recursively), or the files given; catalog.yaml and schemas are skipped. */
export function scenarioFiles(paths: string | string[]): string[] {
  const out: string[] = [];
  const walk = (p: string, explicit: boolean): void => {
    let st;
    try {
      st = statSync(p);
    } catch {
      if (explicit) out.push(p); // reported as unreadable
      return;
    }
    if (st.isDirectory()) {
      for (const e of readdirSync(p).sort()) {
        if (e.startsWith('.') || e === 'node_modules') continue;
        walk(join(p, e), false);
      }
    } else if (/(^|\/)catalog\.ya?ml$/.test(p)) {
      // the catalogue of concepts and competencies, not a scenario
    } else if (explicit || (/\.ya?ml$/.test(p) && !/(^|\/)schema\./.test(p))) out.push(p);
  };
  for (const p of Array.isArray(paths) ? paths : [paths]) walk(p, !Array.isArray(paths) ? false : true);
  return out;
}

/**
 * Loads every scenario under `dir` (or the listed files/directories). Problems of one file never
 * stop the others. Cross-file checks: unique scenario ids, pool sources that exist.
 */
export function loadScenarios(dir: string | string[] = 'scenarios', o: { reference?: Scenario[] } = {}): { scenarios: Scenario[]; problems: ScenarioProblem[] } {
  const scenarios: Scenario[] = [];
  const problems: ScenarioProblem[] = [];
  const rel = (f: string): string => {
    const r = relative(process.cwd(), resolve(f));
    return r.startsWith('..') ? f : r;
  };
  for (const f of scenarioFiles(dir)) {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (e) {
      problems.push({ file: rel(f), line: 1, column: 1, message: `cannot read the file: ${(e as Error).message}` });
      continue;
    }
    const r = parseScenario(text, rel(f));
    problems.push(...r.problems);
    if (!r.scenario) continue;
    const dup = scenarios.find((s) => s.id === r.scenario!.id);
    if (dup) {
      const lc = new LineCounter();
      const doc = parseDocument(text, { lineCounter: lc });
      const { line, column } = locate(doc, lc, ['id']);
      problems.push({ file: rel(f), line, column, message: `scenario id "${dup.id}" is already used by ${dup.file}` });
      continue;
    }
    scenarios.push(r.scenario);
  }
  const known = new Set([...scenarios, ...(o.reference ?? [])].map((s) => s.id));
  for (const s of [...scenarios]) {
    if (!s.pool) continue;
    const missing = s.pool.from.filter((id) => id !== '*' && !known.has(id));
    if (!missing.length) continue;
    const text = readFileSync(s.file, 'utf8');
    const lc = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lc });
    const { line, column } = locate(doc, lc, ['pool', 'from']);
    problems.push({ file: s.file, line, column, message: `pool.from names unknown scenario${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}` });
    scenarios.splice(scenarios.indexOf(s), 1);
  }
  return { scenarios, problems: sortProblems(problems) };
}
