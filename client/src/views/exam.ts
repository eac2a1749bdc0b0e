// The exam view, laid out like the real exam: the task panel on the left (task list with weights,
// flags and done markers; the statement; the node/context it concerns; notepad), the countdown and
// Submit on top, terminal tabs filling the rest.
import { ApiError, api, errorMessage } from '../api.ts';
import { confirmDialog, fmtDuration, h, mount, spinner, toast } from '../dom.ts';
import { makeCopyable, renderMarkdown } from '../markdown.ts';
import { navigate } from '../router.ts';
import { FONT_MAX, FONT_MIN, TerminalTab, saveFontSize, savedFontSize, type LinkState } from '../terminal.ts';
import type { Attempt, AttemptTask, CheckResult, TaskResult } from '../types.ts';
import { domainLabel, errorFrom, verdict } from './common.ts';

const WARN_AT = [30, 10, 5];

export async function examView(params: Record<string, string>, outlet: HTMLElement): Promise<() => void> {
  const id = params.id as string;
  const disposers: (() => void)[] = [];
  const cleanup = () => disposers.splice(0).forEach((d) => d());
  mount(outlet, h('div', { class: 'exam-loading' }, spinner('Opening your attempt…')));

  let attempt: Attempt;
  try {
    attempt = await api.get<Attempt>(`/api/attempts/${encodeURIComponent(id)}`);
  } catch (e) {
    mount(outlet, errorFrom(e));
    return cleanup;
  }
  if (attempt.status === 'submitted' || attempt.status === 'expired') {
    navigate(`/attempts/${id}/results`, { replace: true });
    return cleanup;
  }
  // The exam takes the whole window: no app header, no page margins.
  document.body.classList.add('exam-mode');
  disposers.push(() => document.body.classList.remove('exam-mode'));

  // ---- clock: the server's `now` corrects the client's clock ----
  let clockOffset = Date.parse(attempt.now) - Date.now();
  const serverNow = () => Date.now() + clockOffset;
  const deadline = attempt.deadline ? Date.parse(attempt.deadline) : null;
  const warnKey = `kd.warned.${id}`;
  const warned = new Set<number>(JSON.parse(localStorage.getItem(warnKey) ?? '[]') as number[]);
  let submitting = false;
  let ended = false;

  // ---- task state ----
  const taskKey = `kd.task.${id}`;
  let current = Math.max(0, attempt.tasks.findIndex((t) => t.id === sessionStorage.getItem(taskKey)));
  const practice = attempt.mode === 'practice';
  const practiceResults = new Map<string, TaskResult>();

  // ---- layout ----
  const timer = h('div', { class: 'timer', role: 'timer', 'aria-live': 'off', 'aria-label': 'Time left' });
  const banner = h('div', { class: 'exam-banner', role: 'alert', hidden: true });
  const fontLabel = h('span', { class: 'font-size', 'aria-live': 'polite' }, `${savedFontSize()}px`);
  const submitBtn = h('button', { type: 'button', class: 'btn btn-submit', onclick: () => void askSubmit() }, practice ? 'Finish' : 'Submit exam');
  const top = h('header', { class: 'exam-top' },
    h('a', { class: 'brand brand-small', href: '#/', title: 'Catalogue (the exam keeps running)' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '⎈'), 'kubedojo'),
    h('div', { class: 'exam-title' }, h('span', { class: 'exam-name' }, attempt.scenario.title), h('span', { class: `mode mode-${attempt.mode}` }, practice ? 'Practice' : 'Exam')),
    h('div', { class: 'exam-top-right' },
      h('div', { class: 'font-ctl', role: 'group', 'aria-label': 'Terminal font size' },
        h('button', { type: 'button', class: 'btn btn-small', onclick: () => bumpFont(-1), 'aria-label': 'Smaller terminal font', title: 'Smaller terminal font' }, 'A−'),
        fontLabel,
        h('button', { type: 'button', class: 'btn btn-small', onclick: () => bumpFont(1), 'aria-label': 'Larger terminal font', title: 'Larger terminal font' }, 'A+')),
      practice ? h('button', { type: 'button', class: 'btn btn-small btn-reset', title: 'Put the cluster back to the start state', onclick: (e: Event) => void resetCluster(e.currentTarget as HTMLButtonElement) }, 'Reset cluster') : null,
      timer,
      submitBtn));

  const rail = h('nav', { class: 'task-rail', 'aria-label': 'Tasks' });
  const taskBody = h('article', { class: 'task-body', tabindex: '-1', 'aria-label': 'Task statement' });
  const notepad = h('textarea', { id: 'notepad', class: 'notepad', spellcheck: false, placeholder: 'Notes for yourself (saved with the attempt)', value: attempt.notepad ?? '' });
  const noteState = h('small', { class: 'note-state', 'aria-live': 'polite' });
  const noteOpen = localStorage.getItem('kd.notepadOpen') === '1';
  const notes = h('details', { class: 'notepad-box', open: noteOpen },
    h('summary', null, 'Notepad ', noteState),
    h('label', { for: 'notepad', class: 'sr-only' }, 'Notepad'),
    notepad);
  notes.addEventListener('toggle', () => localStorage.setItem('kd.notepadOpen', notes.open ? '1' : '0'));
  const panel = h('aside', { class: 'task-panel', 'aria-label': 'Task' }, rail, h('div', { class: 'task-main' }, taskBody, notes));

  const tabBar = h('div', { class: 'term-tabs', role: 'tablist', 'aria-label': 'Terminals' });
  const linkBadge = h('span', { class: 'link-state', 'aria-live': 'polite' });
  const termArea = h('div', { class: 'term-area' });
  const termCol = h('section', { class: 'term-col', 'aria-label': 'Terminal' },
    h('div', { class: 'term-toolbar' }, tabBar,
      h('button', { type: 'button', class: 'btn btn-small term-add', onclick: () => addTab(), 'aria-label': 'Open another terminal', title: 'Open another terminal' }, '+'),
      h('span', { class: 'spacer' }),
      h('span', { class: 'term-help muted' }, 'Ctrl+Shift+C / V copy · paste · Ctrl+Shift+F find'),
      linkBadge),
    termArea);

  mount(outlet, h('div', { class: 'exam' }, top, banner, h('div', { class: 'exam-body' }, panel, h('div', { class: 'splitter', role: 'separator', 'aria-orientation': 'vertical', 'aria-label': 'Resize the task panel', tabindex: '0' }), termCol)));
  document.title = `${attempt.scenario.title} · kubedojo`;
  disposers.push(() => (document.title = 'kubedojo'));
  setupSplitter(outlet.querySelector('.splitter') as HTMLElement, panel);

  // ---- tasks ----
  function renderRail(): void {
    mount(rail, h('ol', null, attempt.tasks.map((t, i) => {
      const pr = practiceResults.get(t.id);
      const label = `Task ${i + 1}: ${t.title}, weight ${t.weight} %${t.flagged ? ', flagged' : ''}${t.done ? ', marked done' : ''}`;
      return h('li', null, h('button', {
        type: 'button',
        class: `rail-item${i === current ? ' current' : ''}${t.done ? ' done' : ''}${t.flagged ? ' flagged' : ''}${pr ? (pr.fraction >= 1 ? ' graded-pass' : ' graded-fail') : ''}`,
        'aria-current': i === current ? 'step' : undefined,
        'aria-label': label,
        title: `${t.title} (${t.weight} %)`,
        'data-task': t.id,
        onclick: () => select(i),
      },
      h('span', { class: 'rail-num' }, String(i + 1)),
      h('span', { class: 'rail-weight' }, `${t.weight}%`),
      t.flagged ? h('span', { class: 'rail-flag', 'aria-hidden': 'true' }, '⚑') : null,
      t.done ? h('span', { class: 'rail-done', 'aria-hidden': 'true' }, '✓') : null));
    })));
  }

  function renderTask(): void {
    const t = attempt.tasks[current] as AttemptTask;
    const node = t.node || 'controlplane';
    const where = h('div', { class: 'task-where' },
      h('div', null, h('span', { class: 'where-label' }, 'Node'), h('code', { class: 'where-value' }, node),
        node !== 'controlplane' ? copyChip(`ssh ${node}`) : null),
      t.context ? h('div', null, h('span', { class: 'where-label' }, 'Context'), h('code', { class: 'where-value' }, t.context), copyChip(`kubectl config use-context ${t.context}`)) : null);
    const flagBtn = h('button', { type: 'button', class: `btn btn-small btn-flag${t.flagged ? ' on' : ''}`, 'aria-pressed': t.flagged ? 'true' : 'false', onclick: () => void toggleFlag(t) }, t.flagged ? '⚑ Flagged' : '⚐ Flag');
    const doneBtn = h('button', { type: 'button', class: `btn ${t.done ? 'btn-done on' : 'btn-primary'}`, 'aria-pressed': t.done ? 'true' : 'false', onclick: (e: Event) => void toggleDone(t, e.currentTarget as HTMLButtonElement) }, t.done ? '✓ Marked done' : practice ? 'Mark done & check' : 'Mark done');
    const pr = practiceResults.get(t.id);
    mount(taskBody,
      h('div', { class: 'task-meta' }, h('span', null, `Task ${current + 1} of ${attempt.tasks.length}`), h('span', { class: 'dot' }, '·'), h('span', null, `Weight ${t.weight} %`), h('span', { class: 'dot' }, '·'), h('span', null, domainLabel(t.domain))),
      h('div', { class: 'task-head' }, h('h2', { class: 'task-title' }, t.title), flagBtn),
      where,
      renderMarkdown(t.statement),
      practice && t.hints?.length ? h('div', { class: 'hints' }, t.hints.map((hint, i) => h('details', { class: 'hint' }, h('summary', null, `Hint ${i + 1}`), renderMarkdown(hint)))) : null,
      pr ? practiceVerdicts(pr) : null,
      h('div', { class: 'task-actions' },
        doneBtn,
        h('div', { class: 'task-nav' },
          h('button', { type: 'button', class: 'btn', disabled: current === 0, onclick: () => select(current - 1) }, '← Previous'),
          h('button', { type: 'button', class: 'btn', disabled: current === attempt.tasks.length - 1, onclick: () => select(current + 1) }, 'Next →'))));
  }

  function copyChip(text: string): HTMLElement {
    const c = h('code', { class: 'copy-chip' }, text);
    makeCopyable(c, text);
    return c;
  }

  function practiceVerdicts(r: TaskResult): HTMLElement {
    return h('section', { class: 'practice-result', 'aria-label': 'Check results' },
      h('h3', null, `Checks: ${r.earned} / ${r.points} points`),
      h('ul', { class: 'plain-list' }, r.checks.map((c: CheckResult) => h('li', { class: 'check-line' }, verdict(c.passed), ' ', h('span', null, c.description), c.passed ? null : h('div', { class: 'muted small' }, c.message)))));
  }

  function select(i: number): void {
    current = Math.max(0, Math.min(attempt.tasks.length - 1, i));
    sessionStorage.setItem(taskKey, attempt.tasks[current]?.id ?? '');
    noteView();
    renderRail();
    renderTask();
    taskBody.scrollTop = 0;
  }

  async function toggleFlag(t: AttemptTask): Promise<void> {
    const flagged = !t.flagged;
    try {
      await api.post(`/api/attempts/${id}/tasks/${encodeURIComponent(t.id)}/flag`, { flagged });
      t.flagged = flagged;
      renderRail();
      renderTask();
    } catch (e) {
      toast(errorMessage(e), 'error');
    }
  }

  async function toggleDone(t: AttemptTask, btn: HTMLButtonElement): Promise<void> {
    const done = !t.done;
    btn.disabled = true;
    btn.textContent = done ? 'Saving…' : '…';
    try {
      const r = await api.post<TaskResult | Record<string, never>>(`/api/attempts/${id}/tasks/${encodeURIComponent(t.id)}/done`, { done });
      t.done = done;
      if (practice && r && 'checks' in r) practiceResults.set(t.id, r as TaskResult);
      renderRail();
      renderTask();
      if (done && !practice) toast(`Task ${current + 1} marked done`, 'ok', 1800);
    } catch (e) {
      toast(errorMessage(e), 'error');
      renderTask();
    }
  }

  /** Tells the server which task is on screen (time per task). */
  function noteView(): void {
    const t = attempt.tasks[current];
    if (t && !ended) void api.post(`/api/attempts/${id}/tasks/${encodeURIComponent(t.id)}/view`).catch(() => undefined);
  }

  renderRail();
  renderTask();
  noteView();

  // ---- notepad: saved a moment after typing stops ----
  let noteTimer = 0;
  let noteSaved = attempt.notepad ?? '';
  const saveNote = async () => {
    const text = notepad.value;
    if (text === noteSaved) return;
    noteState.textContent = 'saving…';
    try {
      await api.put(`/api/attempts/${id}/notepad`, { text });
      noteSaved = text;
      noteState.textContent = 'saved';
    } catch (e) {
      noteState.textContent = `not saved: ${errorMessage(e)}`;
    }
  };
  notepad.addEventListener('input', () => {
    noteState.textContent = '';
    clearTimeout(noteTimer);
    noteTimer = window.setTimeout(() => void saveNote(), 700);
  });
  notepad.addEventListener('blur', () => void saveNote());
  disposers.push(() => {
    clearTimeout(noteTimer);
    void saveNote();
  });

  // ---- countdown ----
  function tick(): void {
    if (deadline === null) {
      const el = (serverNow() - Date.parse(attempt.startedAt)) / 1000;
      timer.className = 'timer timer-practice';
      mount(timer, h('span', { class: 'timer-label' }, 'Untimed'), h('span', { class: 'timer-value' }, fmtDuration(el)));
      return;
    }
    const left = Math.max(0, (deadline - serverNow()) / 1000);
    timer.className = `timer${left <= 300 ? ' timer-critical' : left <= 600 ? ' timer-danger' : left <= 1800 ? ' timer-warn' : ''}`;
    mount(timer, h('span', { class: 'timer-label' }, 'Time left'), h('span', { class: 'timer-value', 'data-seconds': String(Math.round(left)) }, fmtDuration(left)));
    const total = (deadline - Date.parse(attempt.startedAt)) / 1000;
    for (const m of WARN_AT) {
      // A threshold counts only when the exam is longer than it (a 20-minute scenario gets 10 and 5).
      if (total > m * 60 + 30 && left <= m * 60 && left > 0 && !warned.has(m)) {
        // Only the smallest threshold crossed is announced (a reload at 8 min left says 10, not 30).
        WARN_AT.filter((x) => x >= m).forEach((x) => warned.add(x));
        localStorage.setItem(warnKey, JSON.stringify([...warned]));
        const msg = `${m} minutes left.${m === 5 ? ' The exam is submitted automatically when time runs out.' : ''}`;
        banner.textContent = `Time check: ${msg}`;
        banner.hidden = false;
        banner.className = `exam-banner exam-banner-${m}`;
        setTimeout(() => (banner.hidden = true), 15000);
        toast(msg, 'warn', 8000);
        break;
      }
    }
    if (left <= 0 && !submitting && !ended) void submit(true);
  }
  tick();
  const tickTimer = window.setInterval(tick, 250);
  disposers.push(() => clearInterval(tickTimer));

  // ---- terminals ----
  const tabs: TerminalTab[] = [];
  let activeTab = -1;
  let fontSize = savedFontSize();

  function bumpFont(d: number): void {
    fontSize = Math.max(FONT_MIN, Math.min(FONT_MAX, fontSize + d));
    saveFontSize(fontSize);
    fontLabel.textContent = `${fontSize}px`;
    tabs.forEach((t) => t.setFontSize(fontSize));
  }

  function showLink(s: LinkState, detail?: string): void {
    const text: Record<LinkState, string> = { connecting: 'Connecting…', live: 'Connected', reconnecting: 'Reconnecting…', exited: 'Shell exited', ended: 'Session ended', refused: detail ?? 'Refused' };
    linkBadge.textContent = text[s];
    linkBadge.className = `link-state link-${s}`;
  }

  function renderTabs(): void {
    mount(tabBar, tabs.map((t, i) => h('button', {
      type: 'button', role: 'tab', class: 'term-tab', id: `tab-${t.terminalId}`,
      'aria-selected': i === activeTab ? 'true' : 'false', tabindex: i === activeTab ? '0' : '-1',
      onclick: () => activate(i),
      onkeydown: (e: KeyboardEvent) => {
        if (e.key === 'ArrowRight') activate((i + 1) % tabs.length, true);
        if (e.key === 'ArrowLeft') activate((i - 1 + tabs.length) % tabs.length, true);
      },
    }, `${t.node || 'controlplane'}`, h('span', { class: 'tab-num' }, ` ${i + 1}`))));
  }

  function activate(i: number, focusTab = false): void {
    activeTab = i;
    tabs.forEach((t, j) => (t.el.hidden = j !== i));
    renderTabs();
    const t = tabs[i];
    if (!t) return;
    t.open();
    t.fitNow();
    showLink(t.state);
    if (focusTab) (document.getElementById(`tab-${t.terminalId}`) as HTMLElement | null)?.focus();
    else t.focus();
  }

  function addTab(terminalId?: string, focus = true): void {
    if ((attempt.status !== 'running' && attempt.status !== 'starting') || ended) return;
    let tid = terminalId;
    if (!tid) {
      let n = tabs.length + 1;
      while (tabs.some((t) => t.terminalId === `t${n}`)) n++;
      tid = tabs.length === 0 ? 'main' : `t${n}`;
    }
    const tab: TerminalTab = new TerminalTab({
      attemptId: String(attempt.id),
      terminalId: tid,
      fontSize,
      onState: (s, d) => {
        if (tabs[activeTab] === tab) showLink(s, d);
      },
      onReady: () => renderTabs(),
      onEnded: (reason) => onEnded(reason),
    });
    tab.el.setAttribute('role', 'tabpanel');
    tab.el.setAttribute('aria-labelledby', `tab-${tid}`);
    termArea.appendChild(tab.el);
    tabs.push(tab);
    if (focus || activeTab < 0) activate(tabs.length - 1);
    else {
      tab.el.hidden = true;
      renderTabs();
    }
  }
  disposers.push(() => tabs.splice(0).forEach((t) => t.dispose()));

  function startTerminals(): void {
    const ids = attempt.terminals?.length ? attempt.terminals : ['main'];
    ids.forEach((tid, i) => addTab(tid, i === 0));
    activate(0);
  }

  function onEnded(reason: string): void {
    if (ended || submitting) return; // our own submit navigates by itself
    ended = true;
    const text: Record<string, string> = {
      expired: 'Time is up: your exam was submitted and graded.',
      idle: 'The session was closed after a long time without input; your work was graded.',
      failed: 'The session failed.',
      submitted: 'The attempt was submitted.',
    };
    toast(text[reason] ?? 'The attempt ended.', 'info', 6000);
    setTimeout(() => navigate(`/attempts/${id}/results`), 1200);
  }

  // The terminal is usable at once; while the status is `starting` the scenario's setup is still
  // being applied, which the banner says until it is done.
  startTerminals();
  if (attempt.status === 'starting') {
    let alive = true;
    disposers.push(() => (alive = false));
    const note = h('div', { class: 'setup-note', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Preparing the tasks’ start state…');
    termArea.appendChild(note);
    void (async () => {
      while (alive) {
        await new Promise((r) => setTimeout(r, 400));
        if (!alive) return;
        try {
          const a = await api.get<Attempt>(`/api/attempts/${id}`);
          if (a.status === 'running') {
            attempt.status = 'running';
            clockOffset = Date.parse(a.now) - Date.now();
            note.remove();
            return;
          }
          if (a.status === 'failed') {
            attempt.status = 'failed';
            tabs.splice(0).forEach((t) => t.dispose());
            note.remove();
            termArea.appendChild(h('div', { class: 'term-overlay' }, h('div', { class: 'error-panel', role: 'alert' }, h('h2', null, 'The scenario could not be prepared'), h('p', null, a.error ?? 'Unknown error.'), h('a', { class: 'btn', href: '#/' }, 'Back to the catalogue'))));
            return;
          }
          if (a.status !== 'starting') {
            navigate(`/attempts/${id}/results`, { replace: true });
            return;
          }
        } catch (e) {
          if (e instanceof ApiError && e.status >= 400 && e.status < 500) return;
        }
      }
    })();
  }

  // ---- practice: reset the cluster to the start state ----
  async function resetCluster(btn: HTMLButtonElement): Promise<void> {
    const ok = await confirmDialog({
      title: 'Reset the cluster?',
      body: h('p', null, 'The cluster goes back to the scenario’s start state, your terminals get a new shell and no task is marked done any more.'),
      confirm: 'Reset the cluster',
      danger: true,
    });
    if (!ok) return;
    btn.disabled = true;
    btn.textContent = 'Resetting…';
    try {
      const a = await api.post<Attempt>(`/api/attempts/${id}/reset`);
      for (const t of attempt.tasks) {
        const fresh = a?.tasks?.find((x) => x.id === t.id);
        t.done = fresh ? fresh.done : false;
      }
      practiceResults.clear();
      renderRail();
      renderTask();
      toast('The cluster was reset to the start state.', 'ok');
      tabs[activeTab]?.focus();
    } catch (e) {
      toast(errorMessage(e), 'error');
    } finally {
      btn.disabled = false;
      btn.textContent = 'Reset cluster';
    }
  }

  // ---- submit ----
  async function askSubmit(): Promise<void> {
    const done = attempt.tasks.filter((t) => t.done).length;
    const flagged = attempt.tasks.filter((t) => t.flagged).length;
    const ok = await confirmDialog({
      title: practice ? 'Finish this practice attempt?' : 'Submit your exam?',
      body: h('div', null,
        h('p', null, `You marked ${done} of ${attempt.tasks.length} tasks done${flagged ? `; ${flagged} ${flagged === 1 ? 'is' : 'are'} flagged` : ''}.`),
        h('p', null, 'Every task is graded on the cluster as it is now. Your terminal session ends and you cannot change anything afterwards.')),
      confirm: practice ? 'Finish and grade' : 'Submit exam',
      danger: true,
    });
    if (ok) await submit(false);
  }

  async function submit(auto: boolean): Promise<void> {
    if (submitting) return;
    submitting = true;
    submitBtn.disabled = true;
    submitBtn.textContent = 'Grading…';
    if (auto) toast('Time is up: submitting your exam.', 'warn', 6000);
    await saveNote();
    try {
      await api.post(`/api/attempts/${id}/submit`);
      ended = true;
      navigate(`/attempts/${id}/results`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        // Already submitted (the server's own timer got there first).
        ended = true;
        navigate(`/attempts/${id}/results`);
        return;
      }
      toast(`Submitting failed: ${errorMessage(e)}`, 'error', 8000);
      submitting = false;
      submitBtn.disabled = false;
      submitBtn.textContent = practice ? 'Finish' : 'Submit exam';
    }
  }

  return cleanup;
}

function setupSplitter(handle: HTMLElement, panel: HTMLElement): void {
  const saved = Number(localStorage.getItem('kd.panelWidth'));
  if (saved >= 300) panel.style.width = `${saved}px`;
  const clamp = (w: number) => Math.max(320, Math.min(window.innerWidth - 420, w));
  const set = (w: number) => {
    panel.style.width = `${clamp(w)}px`;
    localStorage.setItem('kd.panelWidth', String(clamp(w)));
  };
  handle.addEventListener('pointerdown', (e) => {
    e.preventDefault();
    handle.setPointerCapture(e.pointerId);
    const startX = e.clientX;
    const startW = panel.getBoundingClientRect().width;
    const move = (ev: PointerEvent) => set(startW + ev.clientX - startX);
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  });
  handle.addEventListener('keydown', (e) => {
    const w = panel.getBoundingClientRect().width;
    if (e.key === 'ArrowLeft') set(w - 24);
    if (e.key === 'ArrowRight') set(w + 24);
  });
}
