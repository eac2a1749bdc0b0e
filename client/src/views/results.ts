// Results of a submitted attempt: score against the threshold, per-task and per-check verdicts with
// expected vs actual, reference solutions, time per task, the terminal replay and the command log.
// Reviewers see the same page with an override form per task.
import { api, errorMessage } from '../api.ts';
import { fmtDate, fmtMinutes, fmtScore, h, mount, spinner, toast, type Child } from '../dom.ts';
import { codeBlock, renderMarkdown } from '../markdown.ts';
import { CastPlayer, parseCast } from '../player.ts';
import type { Attempt, AttemptRow, CommandEntry, RecordingInfo, Results, TaskResultView } from '../types.ts';
import { END_REASON, domainLabel, errorFrom, pageHead, statusBadge, verdict } from './common.ts';

export async function resultsView(params: Record<string, string>, outlet: HTMLElement, o: { reviewer?: boolean } = {}): Promise<() => void> {
  const id = params.id as string;
  const disposers: (() => void)[] = [];
  mount(outlet, spinner('Loading results…'));
  let attempt: Attempt;
  let results: Results;
  try {
    attempt = await api.get<Attempt>(`/api/attempts/${encodeURIComponent(id)}`);
    if (attempt.status === 'running' || attempt.status === 'starting') {
      mount(outlet, pageHead(attempt.scenario.title), h('section', { class: 'panel' },
        h('p', null, 'This attempt is still in progress; results appear after it is submitted.'),
        o.reviewer ? null : h('a', { class: 'btn btn-primary', href: `#/attempts/${id}` }, 'Back to the exam')));
      return () => undefined;
    }
    if (attempt.status === 'failed') {
      mount(outlet, pageHead(attempt.scenario.title), h('section', { class: 'panel' }, h('p', null, `This attempt failed to start: ${attempt.error ?? 'unknown error'}.`)));
      return () => undefined;
    }
    results = await api.get<Results>(`/api/attempts/${encodeURIComponent(id)}/results`);
  } catch (e) {
    mount(outlet, errorFrom(e));
    return () => undefined;
  }

  const threshold = results.passThreshold ?? attempt.scenario.passThreshold;
  const adjusted = typeof results.adjustedScore === 'number' && (results.adjustedScore !== results.score || results.adjustedPassed !== results.passed);
  const score = h('section', { class: `score-card ${results.passed ? 'is-pass' : 'is-fail'}`, 'aria-label': 'Score' },
    h('div', { class: 'score-main' },
      h('div', { class: 'score-value', 'data-score': String(results.score) }, fmtScore(results.score)),
      h('div', { class: `score-verdict ${results.passed ? 'pass' : 'fail'}` }, results.passed ? 'Passed' : 'Not passed')),
    h('div', { class: 'score-bar', role: 'img', 'aria-label': `Score ${Math.round(results.score)} % of 100; pass mark ${threshold} %` },
      h('div', { class: 'score-fill', style: { width: `${Math.max(0, Math.min(100, results.score))}%` } }),
      h('div', { class: 'score-mark', style: { left: `${threshold}%` } }, h('span', null, `pass ${threshold} %`))),
    h('dl', { class: 'facts facts-row' },
      h('div', null, h('dt', null, 'Candidate'), h('dd', null, attempt.user?.username ?? '—')),
      h('div', null, h('dt', null, 'Mode'), h('dd', null, attempt.mode === 'exam' ? 'Exam' : 'Practice')),
      h('div', null, h('dt', null, 'Submitted'), h('dd', null, fmtDate(results.submittedAt ?? attempt.submittedAt))),
      h('div', null, h('dt', null, 'Time used'), h('dd', null, fmtMinutes(results.durationSeconds))),
      h('div', null, h('dt', null, 'Ended'), h('dd', null, END_REASON[results.endReason ?? attempt.endReason ?? ''] ?? statusBadge(attempt.status)))),
    adjusted ? h('p', { class: 'adjusted', role: 'note' }, `After reviewer overrides: ${fmtScore(results.adjustedScore)} — ${results.adjustedPassed ? 'passed' : 'not passed'}. The automatic score above is kept.`) : null);

  const summary = h('table', { class: 'table' },
    h('caption', { class: 'sr-only' }, 'Score per task'),
    h('thead', null, h('tr', null, ['#', 'Task', 'Domain', 'Weight', 'Checks passed', 'Score', 'Time'].map((c, i) => h('th', { scope: 'col', class: i >= 3 ? 'num' : undefined }, c)))),
    h('tbody', null, results.tasks.map((t, i) => {
      const passed = t.checks.filter((c) => c.passed).length;
      return h('tr', null,
        h('td', null, String(i + 1)),
        h('td', null, h('a', { href: `#task-${i + 1}`, onclick: (e: Event) => { e.preventDefault(); document.getElementById(`task-${i + 1}`)?.scrollIntoView({ behavior: 'smooth' }); (document.getElementById(`task-${i + 1}`) as HTMLDetailsElement | null)?.setAttribute('open', ''); } }, t.title)),
        h('td', null, domainLabel(t.domain)),
        h('td', { class: 'num' }, `${t.weight} %`),
        h('td', { class: 'num' }, `${passed} / ${t.checks.length}`),
        h('td', { class: 'num' }, fracCell(t)),
        h('td', { class: 'num' }, fmtMinutes(t.secondsSpent)));
    })));

  const replay = h('section', { class: 'panel replay', 'aria-labelledby': 'replay-h' }, h('h2', { id: 'replay-h' }, 'Terminal replay'), spinner('Loading recordings…'));

  mount(outlet,
    pageHead(h('span', null, attempt.scenario.title, h('span', { class: 'muted head-sub' }, ` · attempt ${attempt.id}`)),
      o.reviewer ? h('a', { class: 'btn', href: '#/review' }, '← All attempts') : h('a', { class: 'btn', href: '#/history' }, 'My attempts')),
    score,
    h('section', { class: 'panel', 'aria-labelledby': 'tasks-h' }, h('h2', { id: 'tasks-h' }, 'Tasks'), summary),
    h('div', { class: 'task-results' }, results.tasks.map((t, i) => taskDetail(t, i, id, !!o.reviewer))),
    replay);

  void loadReplay(id, replay, disposers);
  return () => disposers.splice(0).forEach((d) => d());
}

function fracCell(t: TaskResultView): Child {
  const pct = Math.round(t.fraction * 100);
  return h('span', { class: t.fraction >= 1 ? 'ok' : t.fraction > 0 ? 'partial' : 'bad' },
    `${t.earned} / ${t.points}`, h('span', { class: 'muted' }, ` (${pct} %)`),
    t.override ? h('span', { class: 'badge badge-override', title: `Override by ${t.override.by}: ${t.override.reason}` }, ` overridden → ${t.override.earned}`) : null);
}

function taskDetail(t: TaskResultView, i: number, attemptId: string, reviewer: boolean): HTMLElement {
  const checks = h('table', { class: 'table checks' },
    h('caption', { class: 'sr-only' }, `Checks of task ${i + 1}`),
    h('thead', null, h('tr', null, ['Check', 'Verdict', 'Expected', 'Actual', 'Points'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, t.checks.map((c) => h('tr', { class: c.passed ? 'row-pass' : 'row-fail', 'data-check': c.id },
      h('td', null, h('div', null, c.description), c.message ? h('div', { class: 'muted small', title: c.message }, c.message) : null),
      h('td', null, verdict(c.passed)),
      h('td', null, h('code', { class: 'evidence' }, c.expected)),
      h('td', null, h('code', { class: 'evidence' }, c.actual)),
      h('td', { class: 'num' }, `${c.earned} / ${c.points}`)))));
  return h('details', { class: 'panel task-result', id: `task-${i + 1}`, open: t.fraction < 1 || undefined, 'data-task': t.taskId },
    h('summary', null,
      h('span', { class: 'task-result-title' }, `${i + 1}. ${t.title}`),
      h('span', { class: 'task-result-meta' }, fracCell(t), h('span', { class: 'muted' }, ` · ${fmtMinutes(t.secondsSpent)}`), t.source === 'done' ? h('span', { class: 'muted', title: 'Graded when you marked the task done' }, ' · graded at “done”') : null)),
    h('div', { class: 'task-result-body' },
      h('details', { class: 'statement' }, h('summary', null, 'Task statement'), renderMarkdown(t.statement)),
      checks,
      t.override ? h('p', { class: 'override-note' }, `Reviewer override: ${t.override.earned} / ${t.points} points by ${t.override.by} (${fmtDate(t.override.at)}): “${t.override.reason}”. The automatic result above is kept.`) : null,
      h('h3', null, 'Reference solution'),
      codeBlock(t.solution?.commands ?? ''),
      t.solution?.explanation ? renderMarkdown(t.solution.explanation) : null,
      reviewer ? overrideForm(t, attemptId) : null));
}

function overrideForm(t: TaskResultView, attemptId: string): HTMLElement {
  const earned = h('input', { type: 'number', min: '0', max: String(t.points), step: '0.5', required: true, value: String(t.override?.earned ?? t.earned) });
  const reason = h('input', { type: 'text', required: true, minlength: '3', placeholder: 'Why the automatic result is wrong', value: '' });
  const save = h('button', { type: 'submit', class: 'btn' }, 'Save override');
  const idE = `ov-e-${t.taskId}`;
  const idR = `ov-r-${t.taskId}`;
  earned.id = idE;
  reason.id = idR;
  const form = h('form', { class: 'override-form' },
    h('h3', null, 'Override'),
    h('div', { class: 'form-row' },
      h('div', { class: 'field field-narrow' }, h('label', { for: idE }, `Points (0–${t.points})`), earned),
      h('div', { class: 'field field-grow' }, h('label', { for: idR }, 'Reason'), reason),
      save));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    save.disabled = true;
    try {
      await api.post(`/api/attempts/${attemptId}/overrides`, { taskId: t.taskId, earned: Number(earned.value), reason: reason.value.trim() });
      toast('Override saved. The automatic result is kept beside it.', 'ok');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (ex) {
      toast(errorMessage(ex), 'error');
    } finally {
      save.disabled = false;
    }
  });
  return form;
}

async function loadReplay(id: string, box: HTMLElement, disposers: (() => void)[]): Promise<void> {
  let recs: RecordingInfo[] = [];
  let cmds: CommandEntry[] = [];
  try {
    [recs, cmds] = await Promise.all([
      api.get<RecordingInfo[]>(`/api/attempts/${id}/recordings`),
      api.get<CommandEntry[]>(`/api/attempts/${id}/commands`).catch(() => [] as CommandEntry[]),
    ]);
  } catch (e) {
    mount(box, h('h2', { id: 'replay-h' }, 'Terminal replay'), h('p', { class: 'muted' }, `Recordings are not available: ${errorMessage(e)}`));
    return;
  }
  if (!recs.length) {
    mount(box, h('h2', { id: 'replay-h' }, 'Terminal replay'), h('p', { class: 'muted' }, 'No terminal was opened in this attempt.'));
    return;
  }
  const stage = h('div', { class: 'replay-stage' });
  const cmdBox = h('div', { class: 'cmdlog' });
  let player: CastPlayer | null = null;
  let current: RecordingInfo | null = null;
  const tabBar = h('div', { class: 'segmented', role: 'group', 'aria-label': 'Recording' });
  disposers.push(() => player?.dispose());

  async function show(r: RecordingInfo): Promise<void> {
    current = r;
    Array.from(tabBar.children).forEach((b) => b.setAttribute('aria-pressed', (b as HTMLElement).dataset.tid === r.terminalId ? 'true' : 'false'));
    player?.dispose();
    player = null;
    mount(stage, spinner('Loading the recording…'));
    try {
      const text = await api.getText(`/api/attempts/${id}/recordings/${encodeURIComponent(r.terminalId)}`);
      const cast = parseCast(text);
      player = new CastPlayer(cast, `Replay of terminal ${r.terminalId}`);
      mount(stage, player.el);
      player.attached();
      renderCmds(cast.timestamp);
    } catch (e) {
      mount(stage, h('p', { class: 'form-error' }, `The recording cannot be shown: ${errorMessage(e)}`));
    }
  }

  function renderCmds(castStart?: number): void {
    const mine = cmds.filter((c) => !current || c.terminalId === current.terminalId);
    const start = castStart ? castStart * 1000 : current ? Date.parse(current.startedAt) : 0;
    mount(cmdBox, h('h3', null, 'Commands'), mine.length ? h('ol', { class: 'cmd-list' }, mine.map((c) => {
      const at = (Date.parse(c.t) - start) / 1000;
      return h('li', null, h('button', { type: 'button', class: 'cmd', title: 'Jump to this moment in the replay', onclick: () => player?.seekRaw(Math.max(0, at - 0.2)) },
        h('span', { class: 'cmd-time' }, Number.isFinite(at) ? `${Math.floor(at / 60)}:${String(Math.floor(at % 60)).padStart(2, '0')}` : ''),
        h('code', { class: 'cmd-text' }, c.node && c.node !== 'controlplane' ? h('span', { class: 'cmd-node' }, `${c.node}$ `) : null, c.command),
        c.exitCode === null || c.exitCode === undefined ? null : h('span', { class: c.exitCode === 0 ? 'cmd-exit ok' : 'cmd-exit bad', title: 'exit code' }, String(c.exitCode))));
    })) : h('p', { class: 'muted' }, 'No commands logged.'));
  }

  recs.forEach((r, i) => tabBar.appendChild(h('button', { type: 'button', class: 'btn btn-small', 'data-tid': r.terminalId, 'aria-pressed': 'false', onclick: () => void show(r) }, `Terminal ${i + 1} (${r.terminalId})`)));
  mount(box, h('div', { class: 'replay-head' }, h('h2', { id: 'replay-h' }, 'Terminal replay'), recs.length > 1 ? tabBar : null), h('div', { class: 'replay-grid' }, stage, cmdBox));
  await show(recs[0] as RecordingInfo);
}

export async function historyView(_p: Record<string, string>, outlet: HTMLElement): Promise<void> {
  mount(outlet, spinner('Loading your attempts…'));
  let rows: AttemptRow[];
  try {
    rows = await api.get<AttemptRow[]>('/api/attempts');
  } catch (e) {
    mount(outlet, errorFrom(e));
    return;
  }
  mount(outlet, pageHead('My attempts'), rows.length ? attemptsTable(rows, (r) => (r.status === 'running' || r.status === 'starting' ? `#/attempts/${r.id}` : `#/attempts/${r.id}/results`), false) : h('p', { class: 'empty' }, 'You have not taken any scenario yet. ', h('a', { href: '#/' }, 'Open the catalogue'), '.'));
}

export function attemptsTable(rows: AttemptRow[], link: (r: AttemptRow) => string, withUser: boolean): HTMLElement {
  return h('table', { class: 'table attempts' },
    h('thead', null, h('tr', null, ['Attempt', withUser ? 'Candidate' : null, 'Scenario', 'Mode', 'Started', 'Submitted', 'Score', 'Result'].filter((x) => x !== null).map((c) => h('th', { scope: 'col' }, c as string)))),
    h('tbody', null, rows.map((r) => h('tr', { 'data-attempt': String(r.id) },
      h('td', null, h('a', { href: link(r) }, `#${r.id}`)),
      withUser ? h('td', null, r.username ?? '') : null,
      h('td', null, r.scenarioTitle),
      h('td', null, r.mode),
      h('td', null, fmtDate(r.startedAt)),
      h('td', null, fmtDate(r.submittedAt)),
      h('td', { class: 'num' }, fmtScore(r.score)),
      h('td', null, statusBadge(r.status, r.passed))))));
}
