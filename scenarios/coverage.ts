// The coverage report: every seed concept and CKA competency line of scenarios/catalog.yaml with
// the number of tasks that practise it; those with fewer than two are flagged.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Scenario } from './types.ts';

export interface Catalog {
  concepts: { id: string; title: string }[];
  competencies: { id: string; domain: string; text: string }[];
}

export function readCatalog(file = 'scenarios/catalog.yaml'): Catalog {
  const c = parse(readFileSync(file, 'utf8')) ?? {};
  return { concepts: Array.isArray(c.concepts) ? c.concepts : [], competencies: Array.isArray(c.competencies) ? c.competencies : [] };
}

export interface CoverageRow {
  id: string;
  label: string;
  tasks: number;
  /** "scenario.task" ids of the tasks. */
  where: string[];
}

export interface Coverage {
  concepts: CoverageRow[];
  competencies: CoverageRow[];
  /** Ids used by tasks that the catalogue does not list. */
  unknownConcepts: string[];
  unknownCompetencies: string[];
  taskCount: number;
}

/** Counts tasks per concept and competency; exams' own fixed tasks count too (pool draws do not add tasks). */
export function coverage(scenarios: Scenario[], catalog: Catalog, minimum = 2): Coverage & { minimum: number } {
  const byConcept = new Map<string, string[]>();
  const byCompetency = new Map<string, string[]>();
  let taskCount = 0;
  for (const s of scenarios) {
    for (const t of s.tasks) {
      taskCount++;
      const where = `${s.id}.${t.id}`;
      for (const c of new Set(t.concepts ?? [])) byConcept.set(c, [...(byConcept.get(c) ?? []), where]);
      for (const c of new Set(t.competencies ?? [])) byCompetency.set(c, [...(byCompetency.get(c) ?? []), where]);
    }
  }
  const concepts = catalog.concepts.map((c) => ({ id: c.id, label: c.title, tasks: byConcept.get(c.id)?.length ?? 0, where: byConcept.get(c.id) ?? [] }));
  const competencies = catalog.competencies.map((c) => ({ id: c.id, label: `[${c.domain}] ${c.text}`, tasks: byCompetency.get(c.id)?.length ?? 0, where: byCompetency.get(c.id) ?? [] }));
  return {
    concepts,
    competencies,
    unknownConcepts: [...byConcept.keys()].filter((k) => !catalog.concepts.some((c) => c.id === k)).sort(),
    unknownCompetencies: [...byCompetency.keys()].filter((k) => !catalog.competencies.some((c) => c.id === k)).sort(),
    taskCount,
    minimum,
  };
}

export function formatCoverage(c: ReturnType<typeof coverage>): string[] {
  const lines: string[] = [];
  const section = (title: string, rows: CoverageRow[]): void => {
    const low = rows.filter((r) => r.tasks < c.minimum).length;
    lines.push(`${title} (${rows.length}, ${low} with fewer than ${c.minimum} tasks)`);
    const w = Math.max(4, ...rows.map((r) => r.id.length));
    for (const r of rows) lines.push(`  ${r.tasks < c.minimum ? '!!' : 'ok'} ${String(r.tasks).padStart(3)}  ${r.id.padEnd(w)}  ${r.label}`);
  };
  section('seed concepts', c.concepts);
  lines.push('');
  section('CKA v1.35 competencies', c.competencies);
  if (c.unknownConcepts.length) lines.push('', `concept ids used by tasks but not in the catalogue: ${c.unknownConcepts.join(', ')}`);
  if (c.unknownCompetencies.length) lines.push('', `competency ids used by tasks but not in the catalogue: ${c.unknownCompetencies.join(', ')}`);
  const lowC = c.concepts.filter((r) => r.tasks < c.minimum).length;
  const lowK = c.competencies.filter((r) => r.tasks < c.minimum).length;
  lines.push('', `scenario:coverage: ${c.taskCount} tasks; ${c.concepts.length - lowC}/${c.concepts.length} concepts and ${c.competencies.length - lowK}/${c.competencies.length} competencies have at least ${c.minimum} tasks`);
  return lines;
}
