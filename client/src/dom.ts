// A tiny element builder: h('button', { class: 'primary', onclick: fn }, 'Start').
// Props that name an element property (value, checked, disabled…) are set as properties, `on*`
// functions become listeners, everything else is an attribute. Strings become text nodes, never HTML.

export type Child = Node | string | number | null | undefined | false | Child[];
export type Props = Record<string, unknown>;

const PROPS = new Set(['value', 'checked', 'disabled', 'selected', 'textContent', 'hidden', 'readOnly', 'open', 'indeterminate']);

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v as EventListener);
    else if (PROPS.has(k)) (el as any)[k] = v;
    else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

/** Replaces the content of `el` with `children`. */
export function mount(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

export function fmtDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return hh > 0 ? `${hh}:${pad(mm)}:${pad(ss)}` : `${pad(mm)}:${pad(ss)}`;
}

export function fmtMinutes(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  return `${Math.floor(seconds / 60)} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
}

export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function fmtScore(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : `${Math.round(score * 10) / 10} %`;
}

/** Copies text to the clipboard; falls back to a hidden textarea where the async API is missing. */
export async function copyText(text: string): Promise<void> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return;
    }
  } catch {
    /* fall through */
  }
  const ta = h('textarea', { value: text, style: { position: 'fixed', opacity: '0', pointerEvents: 'none' }, 'aria-hidden': 'true' });
  document.body.appendChild(ta);
  ta.select();
  document.execCommand('copy');
  ta.remove();
}

/** A short-lived notice in the corner (screen readers hear it through the live region). */
export function toast(message: string, kind: 'info' | 'warn' | 'error' | 'ok' = 'info', ms = 4000): void {
  let region = document.getElementById('toasts');
  if (!region) {
    region = h('div', { id: 'toasts', class: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.appendChild(region);
  }
  const t = h('div', { class: `toast toast-${kind}` }, message);
  region.appendChild(t);
  setTimeout(() => t.remove(), ms);
}

/** A modal confirmation built on <dialog>; resolves true when confirmed. */
export function confirmDialog(o: { title: string; body: Child; confirm: string; cancel?: string; danger?: boolean }): Promise<boolean> {
  return new Promise((resolve) => {
    const dlg = h('dialog', { class: 'dialog', 'aria-labelledby': 'dlg-title' },
      h('form', { method: 'dialog' },
        h('h2', { id: 'dlg-title' }, o.title),
        h('div', { class: 'dialog-body' }, o.body),
        h('div', { class: 'dialog-actions' },
          h('button', { type: 'submit', value: 'cancel', class: 'btn', autofocus: true }, o.cancel ?? 'Cancel'),
          h('button', { type: 'submit', value: 'ok', class: o.danger ? 'btn btn-danger' : 'btn btn-primary' }, o.confirm))));
    dlg.addEventListener('close', () => {
      resolve(dlg.returnValue === 'ok');
      dlg.remove();
    });
    document.body.appendChild(dlg);
    dlg.showModal();
  });
}

export function spinner(label: string): HTMLElement {
  return h('div', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), label);
}

/** A scenario's duration, given in minutes: "15 s", "20 min", "2 h", "1 h 30 min". */
export function fmtScenarioMinutes(min: number): string {
  if (min < 1) return `${Math.round(min * 60)} s`;
  if (min < 60) return `${Math.round(min * 10) / 10} min`;
  const hh = Math.floor(min / 60);
  const mm = Math.round(min % 60);
  return mm ? `${hh} h ${mm} min` : `${hh} h`;
}
