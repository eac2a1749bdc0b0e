// Instructor pages: scenarios with publish state; an editor for a scenario file (upload or edit,
// validation problems shown as file:line:col and highlighted in the text), self-test, publish and
// assignment to a group with a due date.
import { ApiError, api, errorMessage } from '../api.ts';
import { fmtDate, fmtScenarioMinutes, h, mount, spinner, toast } from '../dom.ts';
import { navigate } from '../router.ts';
import type { Assignment, ScenarioProblem, ScenarioSummary, SelfTest } from '../types.ts';
import { domainLabel, errorFrom, pageHead } from './common.ts';

export async function instructorListView(_p: Record<string, string>, outlet: HTMLElement): Promise<void> {
  mount(outlet, spinner('Loading scenarios…'));
  let list: ScenarioSummary[];
  let assignments: Assignment[] = [];
  try {
    [list, assignments] = await Promise.all([api.get<ScenarioSummary[]>('/api/scenarios'), api.get<Assignment[]>('/api/assignments').catch(() => [])]);
  } catch (e) {
    mount(outlet, errorFrom(e));
    return;
  }
  const title = (id: string) => list.find((s) => s.id === id)?.title ?? id;
  mount(outlet,
    pageHead('Scenarios', h('a', { class: 'btn btn-primary', href: '#/instructor/new' }, 'New scenario')),
    list.length ? h('table', { class: 'table' },
      h('thead', null, h('tr', null, ['Title', 'Id', 'Kind', 'Domains', 'Tasks', 'Duration', 'Published', ''].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, list.map((s) => h('tr', { 'data-scenario': s.id },
        h('td', null, h('a', { href: `#/instructor/scenarios/${encodeURIComponent(s.id)}` }, s.title)),
        h('td', null, h('code', null, s.id)),
        h('td', null, s.kind === 'exam' ? 'Mock exam' : 'Scenario'),
        h('td', null, (s.domains ?? []).map(domainLabel).join(', ')),
        h('td', { class: 'num' }, String(s.taskCount)),
        h('td', { class: 'num' }, fmtScenarioMinutes(s.duration)),
        h('td', null, publishToggle(s)),
        h('td', null, h('a', { class: 'btn btn-small', href: `#/instructor/scenarios/${encodeURIComponent(s.id)}` }, 'Edit')))))) : h('p', { class: 'empty' }, 'No scenarios yet.'),
    assignments.length ? h('section', { class: 'panel' }, h('h2', null, 'Assignments'),
      h('table', { class: 'table' }, h('thead', null, h('tr', null, ['Scenario', 'Group', 'Due'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, assignments.map((a) => h('tr', null, h('td', null, a.scenarioTitle ?? title(a.scenarioId)), h('td', null, a.group), h('td', null, fmtDate(a.due))))))) : null);
}

function publishToggle(s: { id: string; published: boolean }): HTMLElement {
  const box = h('input', { type: 'checkbox', checked: s.published, id: `pub-${s.id}` });
  const label = h('label', { class: 'switch', for: `pub-${s.id}` }, box, h('span', { class: 'switch-text' }, s.published ? 'Published' : 'Draft'));
  box.addEventListener('change', async () => {
    box.disabled = true;
    try {
      await api.post(`/api/scenarios/${encodeURIComponent(s.id)}/publish`, { published: box.checked });
      s.published = box.checked;
      (label.querySelector('.switch-text') as HTMLElement).textContent = s.published ? 'Published' : 'Draft';
      toast(s.published ? 'Published: candidates see it in the catalogue.' : 'Unpublished.', 'ok');
    } catch (e) {
      box.checked = s.published;
      toast(errorMessage(e), 'error');
    } finally {
      box.disabled = false;
    }
  });
  return label;
}

const TEMPLATE = `id: my-scenario
title: My scenario
description: |
  What this scenario practises.
kind: scenario
domains: [workloads]
concepts: [deployments]
difficulty: easy
duration: 15
passThreshold: 66
cluster:
  workers: 1
setup: []
tasks:
  - id: t1
    title: Create a deployment
    weight: 100
    domain: workloads
    concepts: [deployments]
    statement: |
      Create a deployment \`web\` in namespace \`default\` with image \`nginx:1.27\`.
    checks:
      - id: c1
        description: Deployment web runs nginx:1.27
        points: 1
        type: rollout
        deployment: web
        image: nginx:1.27
    solution:
      commands: kubectl create deployment web --image=nginx:1.27
`;

export async function instructorEditView(params: Record<string, string>, outlet: HTMLElement): Promise<() => void> {
  const id = params.id;
  let alive = true;
  const cleanup = () => {
    alive = false;
  };
  let source = TEMPLATE;
  let summary: ScenarioSummary | undefined;
  if (id) {
    mount(outlet, spinner('Loading the scenario…'));
    try {
      source = await api.getText(`/api/scenarios/${encodeURIComponent(id)}/source`);
      summary = (await api.get<ScenarioSummary[]>('/api/scenarios')).find((s) => s.id === id);
    } catch (e) {
      mount(outlet, errorFrom(e));
      return cleanup;
    }
  }

  const editor = new CodeEditor(source);
  const problemsBox = h('div', { class: 'problems', 'aria-live': 'polite' });
  const fileInput = h('input', { type: 'file', id: 'scenario-file', accept: '.yaml,.yml,text/yaml', class: 'sr-only' });
  fileInput.addEventListener('change', async () => {
    const f = fileInput.files?.[0];
    if (!f) return;
    editor.value = await f.text();
    editor.clearMarks();
    mount(problemsBox);
    toast(`Loaded ${f.name}`, 'info', 2000);
  });
  const saveBtn = h('button', { type: 'button', class: 'btn btn-primary', onclick: () => void save() }, 'Validate and save');
  const selftestBox = h('section', { class: 'panel', 'aria-labelledby': 'st-h' }, h('h2', { id: 'st-h' }, 'Self-test'),
    h('p', { class: 'muted' }, 'Starts a fresh cluster, checks that every check fails on the setup state and passes after the reference solution.'),
    h('button', { type: 'button', class: 'btn', id: 'run-selftest', disabled: !id, onclick: () => void runSelftest() }, 'Run self-test'),
    h('div', { class: 'selftest-result', 'aria-live': 'polite' }));

  mount(outlet,
    pageHead(id ? h('span', null, 'Edit ', h('code', null, id)) : 'New scenario',
      h('label', { class: 'btn', for: 'scenario-file', tabindex: '0', onkeydown: (e: KeyboardEvent) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); fileInput.click(); } } }, 'Load file…'), fileInput,
      saveBtn),
    h('div', { class: 'editor-layout' },
      h('div', { class: 'editor-col' }, problemsBox, h('label', { for: 'scenario-source', class: 'sr-only' }, 'Scenario YAML'), editor.el),
      h('div', { class: 'side-col' },
        id ? publishPanel(summary ?? { id, published: false }) : h('section', { class: 'panel' }, h('h2', null, 'Publish'), h('p', { class: 'muted' }, 'Save the scenario first; uploaded scenarios start unpublished.')),
        selftestBox,
        id ? assignPanel(id) : null)));

  async function save(): Promise<void> {
    saveBtn.disabled = true;
    saveBtn.textContent = 'Validating…';
    editor.clearMarks();
    mount(problemsBox);
    try {
      const r = await api.postText<{ id: string }>('/api/scenarios', editor.value);
      toast(`Saved scenario ${r.id}`, 'ok');
      mount(problemsBox, h('p', { class: 'ok-note', role: 'status' }, `✓ Valid. Saved as `, h('code', null, r.id), '.'));
      if (r.id !== id) navigate(`/instructor/scenarios/${encodeURIComponent(r.id)}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) {
        const problems = (e.body.problems as ScenarioProblem[] | undefined) ?? [];
        showProblems(e.message, problems);
      } else mount(problemsBox, h('p', { class: 'form-error', role: 'alert' }, errorMessage(e)));
    } finally {
      saveBtn.disabled = false;
      saveBtn.textContent = 'Validate and save';
    }
  }

  function showProblems(message: string, problems: ScenarioProblem[]): void {
    problems.forEach((p) => editor.mark(p.line, p.message));
    mount(problemsBox, h('div', { class: 'problem-box', role: 'alert' },
      h('h2', null, problems.length === 1 ? '1 problem' : `${problems.length} problems`, h('span', { class: 'muted' }, ` — ${message}`)),
      h('ul', { class: 'problem-list' }, problems.map((p) => h('li', null, h('button', { type: 'button', class: 'problem', onclick: () => editor.goTo(p.line, p.column) },
        h('code', { class: 'problem-loc' }, `${p.file}:${p.line}:${p.column}`), ' ', h('span', null, p.message)))))));
    if (problems[0]) editor.goTo(problems[0].line, problems[0].column, false);
  }

  async function runSelftest(): Promise<void> {
    if (!id) return;
    const btn = selftestBox.querySelector('#run-selftest') as HTMLButtonElement;
    const out = selftestBox.querySelector('.selftest-result') as HTMLElement;
    btn.disabled = true;
    mount(out, spinner('Running the self-test…'));
    try {
      const { jobId } = await api.post<{ jobId: string }>(`/api/scenarios/${encodeURIComponent(id)}/selftest`);
      for (;;) {
        if (!alive) return;
        const st = await api.get<SelfTest>(`/api/selftests/${encodeURIComponent(jobId)}`);
        renderSelftest(out, st);
        if (st.status !== 'running') break;
        await new Promise((r) => setTimeout(r, 800));
      }
    } catch (e) {
      mount(out, h('p', { class: 'form-error', role: 'alert' }, errorMessage(e)));
    } finally {
      btn.disabled = false;
    }
  }

  return cleanup;
}

function renderSelftest(out: HTMLElement, st: SelfTest): void {
  const head = st.status === 'running' ? spinner(`Running… ${Math.round(st.seconds ?? 0)} s`)
    : h('p', { class: `selftest-status selftest-${st.status}`, 'data-status': st.status }, st.status === 'passed' ? '✓ Self-test passed' : '✗ Self-test failed', h('span', { class: 'muted' }, ` in ${Math.round((st.seconds ?? 0) * 10) / 10} s`));
  mount(out, head,
    st.tasks?.length ? h('table', { class: 'table compact' },
      h('thead', null, h('tr', null, ['Task / check', 'Fails on setup', 'Passes after solution'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, st.tasks.flatMap((t) => [
        h('tr', { class: 'row-group' }, h('th', { scope: 'row' }, `Task ${t.taskId}`), h('td', null, yesNo(t.setupFails, 'fails', 'passes')), h('td', null, yesNo(t.solutionPasses, 'passes', 'fails'))),
        ...t.checks.map((c) => h('tr', null,
          h('td', { class: 'indent' }, c.id, h('div', { class: 'muted small clamp' }, c.onSolution?.description ?? '')),
          h('td', { title: c.onSetup?.actual ?? '' }, yesNo(!c.onSetup?.passed, 'fails', 'passes'), h('div', { class: 'muted small clamp' }, c.onSetup?.actual ?? '')),
          h('td', { title: c.onSolution?.actual ?? '' }, yesNo(!!c.onSolution?.passed, 'passes', 'fails'), h('div', { class: 'muted small clamp' }, c.onSolution?.actual ?? '')))),
      ]))) : null,
    st.log?.length ? h('details', { class: 'selftest-log', open: st.status === 'failed' || undefined }, h('summary', null, 'Log'), h('pre', null, st.log.join('\n'))) : null);
}

/** A verdict on the proof: good when the check behaved as it must (fails on setup, passes after the solution). */
function yesNo(good: boolean, goodWord: string, badWord: string): HTMLElement {
  return h('span', { class: good ? 'verdict verdict-pass' : 'verdict verdict-fail' }, h('span', { 'aria-hidden': 'true' }, good ? '✓ ' : '✗ '), good ? goodWord : badWord);
}

function publishPanel(s: { id: string; published: boolean }): HTMLElement {
  return h('section', { class: 'panel' }, h('h2', null, 'Publish'), h('p', { class: 'muted' }, 'Published scenarios appear in the candidates’ catalogue.'), publishToggle(s));
}

function assignPanel(scenarioId: string): HTMLElement {
  const group = h('input', { id: 'asg-group', required: true, placeholder: 'e.g. cohort-2026a' });
  const due = h('input', { id: 'asg-due', type: 'datetime-local', required: true });
  const form = h('form', { class: 'stack' },
    h('div', { class: 'field' }, h('label', { for: 'asg-group' }, 'Group'), group),
    h('div', { class: 'field' }, h('label', { for: 'asg-due' }, 'Due'), due),
    h('button', { type: 'submit', class: 'btn' }, 'Assign'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api.post('/api/assignments', { scenarioId, group: group.value.trim(), due: new Date(due.value).toISOString() });
      toast(`Assigned to ${group.value.trim()}`, 'ok');
      form.reset();
    } catch (ex) {
      toast(errorMessage(ex), 'error');
    }
  });
  return h('section', { class: 'panel' }, h('h2', null, 'Assign to a group'), form);
}

/** A textarea with a line-number gutter and line highlights for problems. */
class CodeEditor {
  readonly el: HTMLElement;
  private ta: HTMLTextAreaElement;
  private gutter: HTMLElement;
  private marks = new Map<number, string>();
  private bands: HTMLElement;

  constructor(text: string) {
    this.ta = h('textarea', { id: 'scenario-source', class: 'code-input', spellcheck: false, wrap: 'off', autocapitalize: 'off', autocomplete: 'off', value: text });
    this.gutter = h('div', { class: 'code-gutter', 'aria-hidden': 'true' });
    this.bands = h('div', { class: 'code-bands', 'aria-hidden': 'true' });
    this.el = h('div', { class: 'code-editor' }, this.gutter, h('div', { class: 'code-wrap' }, this.bands, this.ta));
    this.ta.addEventListener('input', () => this.renderGutter());
    this.ta.addEventListener('scroll', () => this.sync());
    this.ta.addEventListener('keydown', (e) => {
      if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.altKey) {
        // Two spaces, as YAML wants. (Esc then Tab leaves the editor.)
        if (this.escaped) return;
        e.preventDefault();
        this.ta.setRangeText('  ', this.ta.selectionStart, this.ta.selectionEnd, 'end');
        this.renderGutter();
      }
      this.escaped = e.key === 'Escape';
    });
    this.renderGutter();
  }

  private escaped = false;

  get value(): string {
    return this.ta.value;
  }

  set value(v: string) {
    this.ta.value = v;
    this.renderGutter();
  }

  private lineHeight(): number {
    return parseFloat(getComputedStyle(this.ta).lineHeight) || 20;
  }

  private renderGutter(): void {
    const n = this.ta.value.split('\n').length;
    mount(this.gutter, Array.from({ length: n }, (_v, i) => {
      const msg = this.marks.get(i + 1);
      return h('div', { class: msg ? 'ln ln-error' : 'ln', title: msg }, String(i + 1));
    }));
    this.renderBands();
    this.sync();
  }

  private renderBands(): void {
    const lh = this.lineHeight();
    const pad = parseFloat(getComputedStyle(this.ta).paddingTop) || 0;
    mount(this.bands, [...this.marks.keys()].map((line) => h('div', { class: 'band band-error', 'data-line': String(line), style: { top: `${pad + (line - 1) * lh}px`, height: `${lh}px` } })));
  }

  private sync(): void {
    this.gutter.scrollTop = this.ta.scrollTop;
    this.bands.style.transform = `translateY(${-this.ta.scrollTop}px)`;
  }

  mark(line: number, message: string): void {
    this.marks.set(line, message);
    this.renderGutter();
  }

  clearMarks(): void {
    this.marks.clear();
    this.renderGutter();
  }

  goTo(line: number, column = 1, focus = true): void {
    const lines = this.ta.value.split('\n');
    let pos = 0;
    for (let i = 0; i < Math.min(line - 1, lines.length); i++) pos += (lines[i] as string).length + 1;
    pos += Math.max(0, column - 1);
    const lh = this.lineHeight();
    this.ta.scrollTop = Math.max(0, (line - 1) * lh - this.ta.clientHeight / 3);
    this.sync();
    if (focus) {
      this.ta.focus();
      this.ta.setSelectionRange(pos, pos);
    }
  }
}
