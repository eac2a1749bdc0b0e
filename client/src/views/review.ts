// Reviewer pages: every attempt with filters and CSV export, one attempt in detail (results plus
// overrides), and item statistics (pass rate and median time per task).
import { api, query } from '../api.ts';
import { fmtMinutes, h, mount, spinner } from '../dom.ts';
import { currentQuery, navigate } from '../router.ts';
import type { AttemptRow, ItemStat, ScenarioSummary } from '../types.ts';
import { errorFrom, pageHead } from './common.ts';
import { attemptsTable, resultsView } from './results.ts';

const FILTERS = ['user', 'scenario', 'from', 'to', 'minScore', 'maxScore'] as const;

export async function reviewAttemptsView(_p: Record<string, string>, outlet: HTMLElement): Promise<void> {
  const q = currentQuery();
  const values: Record<string, string> = {};
  for (const k of FILTERS) values[k] = q.get(k) ?? '';
  mount(outlet, spinner('Loading attempts…'));
  let rows: AttemptRow[];
  let scenarios: ScenarioSummary[] = [];
  try {
    [rows, scenarios] = await Promise.all([
      api.get<AttemptRow[]>(`/api/review/attempts${query(values)}`),
      api.get<ScenarioSummary[]>('/api/scenarios').catch(() => []),
    ]);
  } catch (e) {
    mount(outlet, errorFrom(e));
    return;
  }
  const inp = (name: string, label: string, type = 'text', extra: Record<string, unknown> = {}) => {
    const el = h('input', { id: `flt-${name}`, name, type, value: values[name], ...extra });
    return h('div', { class: 'field' }, h('label', { for: `flt-${name}` }, label), el);
  };
  const scenarioSel = h('select', { id: 'flt-scenario', name: 'scenario' },
    h('option', { value: '' }, 'All scenarios'),
    scenarios.map((s) => h('option', { value: s.id, selected: s.id === values.scenario }, s.title)));
  const form = h('form', { class: 'filters', 'aria-label': 'Filter attempts' },
    inp('user', 'Candidate', 'search', { placeholder: 'username' }),
    h('div', { class: 'field' }, h('label', { for: 'flt-scenario' }, 'Scenario'), scenarioSel),
    inp('from', 'From', 'date'),
    inp('to', 'To', 'date'),
    inp('minScore', 'Min score', 'number', { min: '0', max: '100', class: 'narrow' }),
    inp('maxScore', 'Max score', 'number', { min: '0', max: '100', class: 'narrow' }),
    h('div', { class: 'filter-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, 'Apply'),
      h('button', { type: 'button', class: 'btn btn-ghost', onclick: () => navigate('/review') }, 'Clear')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const fd = new FormData(form);
    const next: Record<string, string> = {};
    for (const k of FILTERS) next[k] = String(fd.get(k) ?? '');
    navigate(`/review${query(next)}`);
  });
  mount(outlet,
    pageHead('Attempts', h('a', { class: 'btn', href: `/api/review/attempts.csv${query(values)}`, download: 'attempts.csv' }, 'Export CSV')),
    form,
    h('p', { class: 'muted', 'aria-live': 'polite' }, `${rows.length} attempt${rows.length === 1 ? '' : 's'}`),
    rows.length ? attemptsTable(rows, (r) => `#/review/attempts/${r.id}`, true) : h('p', { class: 'empty' }, 'No attempts match these filters.'));
}

export function reviewAttemptView(params: Record<string, string>, outlet: HTMLElement): Promise<() => void> {
  return resultsView(params, outlet, { reviewer: true });
}

export async function reviewStatsView(_p: Record<string, string>, outlet: HTMLElement): Promise<void> {
  const scenario = currentQuery().get('scenario') ?? '';
  mount(outlet, spinner('Loading statistics…'));
  let stats: ItemStat[];
  let scenarios: ScenarioSummary[] = [];
  try {
    [stats, scenarios] = await Promise.all([
      api.get<ItemStat[]>(`/api/review/stats${query({ scenario })}`),
      api.get<ScenarioSummary[]>('/api/scenarios').catch(() => []),
    ]);
  } catch (e) {
    mount(outlet, errorFrom(e));
    return;
  }
  const sel = h('select', { id: 'stats-scenario', onchange: (e: Event) => navigate(`/review/stats${query({ scenario: (e.target as HTMLSelectElement).value })}`) },
    h('option', { value: '' }, 'All scenarios'),
    scenarios.map((s) => h('option', { value: s.id, selected: s.id === scenario }, s.title)));
  const title = (id: string) => scenarios.find((s) => s.id === id)?.title ?? id;
  mount(outlet,
    pageHead('Item statistics'),
    h('div', { class: 'filters' }, h('div', { class: 'field' }, h('label', { for: 'stats-scenario' }, 'Scenario'), sel)),
    stats.length ? h('table', { class: 'table' },
      h('thead', null, h('tr', null, ['Scenario', 'Task', 'Attempts', 'Pass rate', 'Median time'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, stats.map((s) => h('tr', null,
        h('td', null, title(s.scenarioId)),
        h('td', null, s.title, h('span', { class: 'muted' }, ` (${s.taskId})`)),
        h('td', { class: 'num' }, String(s.attempts)),
        h('td', { class: 'num' }, rate(s.passRate)),
        h('td', { class: 'num' }, fmtMinutes(s.medianSeconds)))))) : h('p', { class: 'empty' }, 'No graded attempts yet.'));
}

function rate(r: number): HTMLElement {
  const pct = Math.round(r > 1 ? r : r * 100);
  return h('span', { class: 'rate' }, h('span', { class: 'rate-track', 'aria-hidden': 'true' }, h('span', { class: 'rate-bar', style: { width: `${pct}%` } })), h('span', { class: 'rate-text' }, `${pct} %`));
}
