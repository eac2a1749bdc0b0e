// The scenario catalogue: files under the scenarios dir (published unless unpublished) plus
// scenarios uploaded by instructors (stored in the DB, unpublished until published). A broken file
// is a listed problem, never a reason to stop.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Db } from '../../db/index.ts';
import type { Scenario, ScenarioProblem } from '../../scenarios/types.ts';
import type { Content } from './content.ts';

export interface Entry {
  scenario: Scenario;
  origin: 'file' | 'upload';
  published: boolean;
}

export class Catalogue {
  private entries = new Map<string, Entry>();
  problems: ScenarioProblem[] = [];

  constructor(readonly db: Db, readonly content: Content, readonly dir: string) {}

  async load(): Promise<void> {
    const entries = new Map<string, Entry>();
    const problems: ScenarioProblem[] = [];
    try {
      const r = await this.content.loadScenarios(this.dir);
      problems.push(...r.problems);
      const flags = this.db.scenarioFlags();
      for (const s of r.scenarios) {
        if (entries.has(s.id)) {
          problems.push({ file: s.file, line: 1, column: 1, message: `scenario id "${s.id}" is used twice (also in ${entries.get(s.id)!.scenario.file}); this one is ignored` });
          continue;
        }
        entries.set(s.id, { scenario: s, origin: 'file', published: flags.get(s.id) ?? true });
      }
    } catch (e) {
      problems.push({ file: this.dir, line: 1, column: 1, message: `the scenarios could not be loaded: ${(e as Error).message}` });
    }
    for (const u of this.db.uploadedScenarios()) {
      const r = this.content.parseScenario(u.yaml, `uploaded:${u.id}`);
      problems.push(...r.problems);
      if (r.scenario && !entries.has(r.scenario.id)) entries.set(r.scenario.id, { scenario: r.scenario, origin: 'upload', published: !!u.published });
    }
    this.entries = entries;
    this.problems = problems;
  }

  get(id: string): Entry | undefined {
    return this.entries.get(id);
  }

  all(): Entry[] {
    return [...this.entries.values()].sort((a, b) => a.scenario.title.localeCompare(b.scenario.title));
  }

  published(): Scenario[] {
    return this.all().filter((e) => e.published).map((e) => e.scenario);
  }

  /** Validates and stores an upload; returns its id or the problems found. */
  upload(yaml: string, by: number): { id?: string; problems: ScenarioProblem[]; conflict?: string } {
    const r = this.content.parseScenario(yaml, 'upload.yaml');
    if (!r.scenario) return { problems: r.problems.length ? r.problems : [{ file: 'upload.yaml', line: 1, column: 1, message: 'not a scenario' }] };
    const id = r.scenario.id;
    const cur = this.entries.get(id);
    if (cur && cur.origin === 'file') return { problems: [], conflict: `scenario "${id}" comes from a file (${cur.scenario.file}); choose another id` };
    this.db.saveUploadedScenario(id, yaml, by);
    const row = this.db.uploadedScenario(id)!;
    this.entries.set(id, { scenario: { ...r.scenario, file: `uploaded:${id}` }, origin: 'upload', published: !!row.published });
    return { id, problems: [] };
  }

  setPublished(id: string, published: boolean): boolean {
    const e = this.entries.get(id);
    if (!e) return false;
    if (e.origin === 'upload') this.db.setUploadedPublished(id, published);
    else this.db.setScenarioFlag(id, published);
    e.published = published;
    return true;
  }

  source(id: string): string | undefined {
    const e = this.entries.get(id);
    if (!e) return undefined;
    if (e.origin === 'upload') return this.db.uploadedScenario(id)?.yaml;
    const f = e.scenario.file;
    for (const p of [f, join(process.cwd(), f), join(this.dir, f), join(this.dir, '..', f)]) {
      if ((isAbsolute(p) || p.startsWith('.') || p.includes('/')) && existsSync(p)) return readFileSync(p, 'utf8');
    }
    return existsSync(f) ? readFileSync(f, 'utf8') : undefined;
  }
}
