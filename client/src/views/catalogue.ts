// Scenarios and mock exams to start, open attempts to resume, assignments with due dates.
import { ApiError, api, errorMessage } from '../api.ts';
import { confirmDialog, fmtDate, fmtScenarioMinutes, h, mount, spinner, toast } from '../dom.ts';
import { renderMarkdown } from '../markdown.ts';
import { navigate } from '../router.ts';
import type { Assignment, Attempt, AttemptRow, ScenarioSummary } from '../types.ts';
import { domainLabel, errorFrom, pageHead, statusBadge } from './common.ts';

export async function catalogueView(_p: Record<string, string>, outlet: HTMLElement): Promise<void> {
  mount(outlet, spinner('Loading the catalogue…'));
  let scenarios: ScenarioSummary[];
  let attempts: AttemptRow[] = [];
  let assignments: Assignment[] = [];
  try {
    [scenarios, attempts, assignments] = await Promise.all([
      api.get<ScenarioSummary[]>('/api/scenarios'),
      api.get<AttemptRow[]>('/api/attempts').catch(() => []),
      api.get<Assignment[]>('/api/assignments').catch(() => []),
    ]);
  } catch (e) {
    mount(outlet, errorFrom(e));
    return;
  }
  const open = attempts.filter((a) => a.status === 'running' || a.status === 'starting');
  const exams = scenarios.filter((s) => s.kind === 'exam');
  const practice = scenarios.filter((s) => s.kind !== 'exam');
  const title = (id: string) => scenarios.find((s) => s.id === id)?.title ?? id;

  mount(outlet,
    pageHead('Catalogue'),
    open.length ? h('section', { class: 'panel panel-notice', 'aria-labelledby': 'open-h' },
      h('h2', { id: 'open-h' }, 'Open attempt'),
      h('ul', { class: 'plain-list' }, open.map((a) => h('li', { class: 'open-attempt' },
        h('span', null, h('strong', null, a.scenarioTitle), ' · ', a.mode === 'exam' ? 'exam' : 'practice', ' · started ', fmtDate(a.startedAt), ' '),
        statusBadge(a.status),
        h('a', { class: 'btn btn-primary', href: `#/attempts/${a.id}` }, 'Resume'))))) : null,
    assignments.length ? h('section', { class: 'panel', 'aria-labelledby': 'asg-h' },
      h('h2', { id: 'asg-h' }, 'Assigned to you'),
      h('ul', { class: 'plain-list' }, assignments.map((a) => h('li', null,
        h('strong', null, a.scenarioTitle ?? title(a.scenarioId)), ' — due ', h('time', { datetime: a.due }, fmtDate(a.due)),
        a.group ? h('span', { class: 'muted' }, ` (group ${a.group})`) : null)))) : null,
    exams.length ? section('Mock exams', 'Timed like the real exam: the countdown runs, hints are hidden, you see your score after submitting.', exams) : null,
    section('Scenarios', 'Focused practice on one area. Take them as a timed exam, or in practice mode: untimed, with hints, and grading as you go.', practice),
    scenarios.length === 0 ? h('p', { class: 'empty' }, 'No scenarios are published yet.') : null);
}

function section(title: string, blurb: string, list: ScenarioSummary[]): HTMLElement {
  const id = `sec-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return h('section', { 'aria-labelledby': id, class: 'cat-section' },
    h('h2', { id }, title),
    h('p', { class: 'muted' }, blurb),
    list.length ? h('ul', { class: 'cards' }, list.map(card)) : h('p', { class: 'empty' }, 'None yet.'));
}

function card(s: ScenarioSummary): HTMLElement {
  const desc = renderMarkdown(s.description ?? '');
  desc.classList.add('card-desc');
  return h('li', { class: 'card', 'data-scenario': s.id },
    h('div', { class: 'card-top' },
      h('span', { class: `kind kind-${s.kind}` }, s.kind === 'exam' ? 'Mock exam' : 'Scenario'),
      h('span', { class: `difficulty difficulty-${s.difficulty}` }, s.difficulty),
      !s.published ? h('span', { class: 'badge badge-draft' }, 'unpublished') : null),
    h('h3', null, s.title),
    desc,
    h('dl', { class: 'facts' },
      h('div', null, h('dt', null, 'Duration'), h('dd', null, fmtScenarioMinutes(s.duration))),
      h('div', null, h('dt', null, 'Tasks'), h('dd', null, String(s.taskCount))),
      h('div', null, h('dt', null, 'Pass at'), h('dd', null, `${s.passThreshold} %`))),
    h('div', { class: 'chips', 'aria-label': 'Domains' }, (s.domains ?? []).map((d) => h('span', { class: 'chip chip-domain' }, domainLabel(d)))),
    s.concepts?.length ? h('div', { class: 'chips chips-concepts', 'aria-label': 'Concepts' }, s.concepts.slice(0, 8).map((c) => h('span', { class: 'chip' }, c)), s.concepts.length > 8 ? h('span', { class: 'chip' }, `+${s.concepts.length - 8}`) : null) : null,
    h('div', { class: 'card-actions' },
      h('button', { class: 'btn btn-primary', type: 'button', onclick: (e: Event) => startAttempt(s, 'exam', e.currentTarget as HTMLButtonElement), 'aria-label': `Start exam: ${s.title}` }, 'Start exam'),
      h('button', { class: 'btn', type: 'button', onclick: (e: Event) => startAttempt(s, 'practice', e.currentTarget as HTMLButtonElement), 'aria-label': `Practice: ${s.title}` }, 'Practice')));
}

async function startAttempt(s: ScenarioSummary, mode: 'exam' | 'practice', btn: HTMLButtonElement): Promise<void> {
  if (mode === 'exam') {
    const ok = await confirmDialog({
      title: `Start “${s.title}”?`,
      body: h('div', null,
        h('p', null, `You will have ${fmtScenarioMinutes(s.duration)} for ${s.taskCount} task${s.taskCount === 1 ? '' : 's'}. The countdown starts now and keeps running if you close the page.`),
        h('p', null, `You pass with ${s.passThreshold} % of the weighted score.`)),
      confirm: 'Start exam',
    });
    if (!ok) return;
  }
  btn.disabled = true;
  const label = btn.textContent;
  btn.textContent = 'Starting…';
  try {
    const a = await api.post<Attempt>('/api/attempts', { scenarioId: s.id, mode });
    navigate(`/attempts/${a.id}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 409 && e.body.attemptId !== undefined) {
      const resume = await confirmDialog({ title: 'You have an open attempt', body: h('p', null, e.message, ' Resume it, or submit it before starting another.'), confirm: 'Resume it' });
      if (resume) navigate(`/attempts/${e.body.attemptId}`);
    } else toast(errorMessage(e), 'error', 7000);
  } finally {
    btn.disabled = false;
    btn.textContent = label;
  }
}
