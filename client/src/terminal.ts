// One browser terminal: xterm.js over socket.io to the attempt's live shell (API.md, namespace
// /terminal). Output carries a byte sequence number; after a reconnect or a reload the client asks
// the server to replay what it missed (`resume {seq}`), so the same shell continues.
import { Terminal, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { io, type Socket } from 'socket.io-client';
import { csrfToken } from './api.ts';
import { copyText, h, toast } from './dom.ts';

export const MONO = '"DejaVu Sans Mono", "Liberation Mono", "Noto Sans Mono", "Ubuntu Mono", Menlo, Consolas, monospace';

export const THEME: ITheme = {
  background: '#0f141a',
  foreground: '#e3e8ee',
  cursor: '#f0f3f6',
  cursorAccent: '#0f141a',
  selectionBackground: '#3a5a86',
  black: '#1c232b',
  red: '#ff6b6b',
  green: '#5fd38d',
  yellow: '#f2c94c',
  blue: '#64a8ff',
  magenta: '#d291ff',
  cyan: '#4fd1d9',
  white: '#d6dde4',
  brightBlack: '#6b7785',
  brightRed: '#ff8c8c',
  brightGreen: '#82e6a8',
  brightYellow: '#ffe082',
  brightBlue: '#8cc0ff',
  brightMagenta: '#e2b2ff',
  brightCyan: '#7fe3ea',
  brightWhite: '#ffffff',
};

const FONT_KEY = 'kd.fontSize';
export const FONT_MIN = 10;
export const FONT_MAX = 28;

export function savedFontSize(): number {
  const n = Number(localStorage.getItem(FONT_KEY));
  return Number.isFinite(n) && n >= FONT_MIN && n <= FONT_MAX ? n : 15;
}

export function saveFontSize(n: number): void {
  localStorage.setItem(FONT_KEY, String(n));
}

export type LinkState = 'connecting' | 'live' | 'reconnecting' | 'exited' | 'ended' | 'refused';

export interface TerminalTabOptions {
  attemptId: string;
  terminalId: string;
  fontSize: number;
  onState?: (s: LinkState, detail?: string) => void;
  onReady?: (node: string) => void;
  onEnded?: (reason: string) => void;
}

export class TerminalTab {
  readonly term: Terminal;
  readonly el: HTMLElement;
  readonly terminalId: string;
  node = '';
  state: LinkState = 'connecting';
  private fit = new FitAddon();
  private search = new SearchAddon();
  private socket: Socket | null = null;
  /** Characters of output received so far (the server's seq after the last chunk). */
  private seq = 0;
  private opened = false;
  private exited = false;
  private resizeObs: ResizeObserver | null = null;
  private fitQueued = false;
  private searchBar: HTMLElement;
  private searchInput: HTMLInputElement;

  constructor(private o: TerminalTabOptions) {
    this.terminalId = o.terminalId;
    this.term = new Terminal({
      fontFamily: MONO,
      fontSize: o.fontSize,
      lineHeight: 1.15,
      cursorBlink: true,
      scrollback: 5000,
      allowProposedApi: true,
      theme: THEME,
      rightClickSelectsWord: true,
      macOptionIsMeta: true,
    });
    this.term.loadAddon(this.fit);
    this.term.loadAddon(this.search);
    this.term.loadAddon(new WebLinksAddon());
    this.term.loadAddon(new Unicode11Addon());
    this.term.unicode.activeVersion = '11';

    this.searchInput = h('input', { type: 'search', placeholder: 'Find in terminal', 'aria-label': 'Find in terminal' });
    this.searchBar = h('div', { class: 'term-search', hidden: true },
      this.searchInput,
      h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.find(false), title: 'Previous (Shift+Enter)' }, '↑'),
      h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.find(true), title: 'Next (Enter)' }, '↓'),
      h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.closeSearch(), 'aria-label': 'Close search' }, '✕'));
    this.searchInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        this.find(!e.shiftKey);
      } else if (e.key === 'Escape') this.closeSearch();
    });
    this.el = h('div', { class: 'term-pane', 'data-terminal': o.terminalId, role: 'region', 'aria-label': `Terminal ${o.terminalId}` }, this.searchBar);

    this.term.attachCustomKeyEventHandler((ev) => {
      if (ev.type !== 'keydown') return true;
      const mod = ev.ctrlKey && ev.shiftKey && !ev.altKey;
      if (mod && ev.code === 'KeyC') {
        const sel = this.term.getSelection();
        if (sel) void copyText(sel);
        ev.preventDefault();
        return false;
      }
      if (mod && ev.code === 'KeyV') {
        // Read the clipboard where the browser allows it; else let the browser paste natively
        // (it fires a paste event that xterm turns into input).
        if (!navigator.clipboard?.readText || !window.isSecureContext) return false;
        ev.preventDefault();
        navigator.clipboard.readText().then(
          (text) => text && this.term.paste(text),
          () => toast('The browser did not allow reading the clipboard: paste with Shift+Insert or the context menu.', 'warn'),
        );
        return false;
      }
      if (mod && ev.code === 'KeyF') {
        ev.preventDefault();
        this.openSearch();
        return false;
      }
      if (this.exited && ev.key === 'Enter') {
        this.restart();
        return false;
      }
      return true;
    });
    // Select to copy, like a Linux terminal.
    this.term.onSelectionChange(() => {
      const sel = this.term.getSelection();
      if (sel && sel.length < 100_000) void copyText(sel).catch(() => undefined);
    });
    this.term.onData((data) => {
      if (this.exited) return;
      this.socket?.emit('input', { data });
    });
    this.term.onResize(({ cols, rows }) => this.socket?.emit('resize', { cols, rows }));
  }

  /** Opens the terminal in its element (which must be in the document) and connects. */
  open(): void {
    if (this.opened) return;
    this.opened = true;
    this.term.open(this.el);
    this.fitNow();
    this.resizeObs = new ResizeObserver(() => this.queueFit());
    this.resizeObs.observe(this.el);
    this.connect();
  }

  private connect(): void {
    this.setState('connecting');
    const socket = io('/terminal', {
      path: '/socket.io',
      // A function, so that each reconnect tells the server how much output we already have.
      auth: (cb) => cb({ attemptId: this.o.attemptId, terminalId: this.o.terminalId, csrf: csrfToken(), seq: this.seq, cols: this.term.cols, rows: this.term.rows }),
      transports: ['websocket', 'polling'],
      withCredentials: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 4000,
    });
    this.socket = socket;
    let connects = 0;
    socket.on('connect', () => {
      // The handshake carries seq; `resume` (API.md) covers servers that read only the event.
      // Output is de-duplicated by seq, so a double replay shows once.
      if (connects++ > 0) socket.emit('resume', { seq: this.seq });
      socket.emit('resize', { cols: this.term.cols, rows: this.term.rows });
      this.setState('live');
    });
    socket.on('ready', (m: { terminalId: string; node: string; seq?: number }) => {
      // A restarted server may be behind what we saw (it persists its position once a second):
      // take its position, or its new output would look like a replay and be dropped.
      if (typeof m.seq === 'number' && m.seq < this.seq) this.seq = m.seq;
      this.node = m.node;
      this.o.onReady?.(m.node);
    });
    socket.on('output', (m: { seq: number; data: string }) => {
      let data = m.data;
      if (typeof m.seq === 'number') {
        // A chunk covers [seq − length, seq): drop what we already have (replay overlap).
        if (m.seq <= this.seq) return;
        const start = m.seq - data.length;
        if (start < this.seq) data = data.slice(this.seq - start);
        this.seq = m.seq;
      } else this.seq += data.length;
      this.term.write(data);
    });
    socket.on('exit', (m: { code: number }) => {
      this.exited = true;
      this.term.write(`\r\n\x1b[2m[the shell exited with code ${m?.code ?? '?'} — press Enter for a new shell]\x1b[0m\r\n`);
      this.setState('exited');
    });
    socket.on('ended', (m: { reason: string }) => {
      this.setState('ended', m?.reason);
      this.o.onEnded?.(m?.reason ?? 'ended');
      socket.disconnect();
    });
    socket.on('problem', (m: { message: string; status?: number }) => {
      this.term.write(`\r\n\x1b[31m${m?.message ?? 'The terminal was refused.'}\x1b[0m\r\n`);
      this.setState('refused', m?.message);
      // 409: the attempt is no longer live (submitted meanwhile, e.g. in another window).
      if (m?.status === 409) this.o.onEnded?.('submitted');
      if (m?.status === 401) window.dispatchEvent(new CustomEvent('kd:unauthorized'));
    });
    socket.on('disconnect', (reason) => {
      if (this.state === 'ended' || this.state === 'refused') return;
      this.setState('reconnecting', reason);
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1000);
    });
    socket.on('connect_error', (err) => {
      if (this.state !== 'refused') this.setState('reconnecting', err.message);
    });
  }

  /** After the shell exited: any input makes the server start a new one on the same terminal. */
  private restart(): void {
    this.exited = false;
    this.socket?.emit('input', { data: '' });
    this.setState('live');
  }

  private setState(s: LinkState, detail?: string): void {
    this.state = s;
    this.o.onState?.(s, detail);
  }

  private queueFit(): void {
    if (this.fitQueued) return;
    this.fitQueued = true;
    requestAnimationFrame(() => {
      this.fitQueued = false;
      this.fitNow();
    });
  }

  fitNow(): void {
    if (!this.opened || this.el.offsetParent === null || this.el.clientWidth === 0) return;
    try {
      this.fit.fit();
    } catch {
      /* not visible yet */
    }
  }

  setFontSize(n: number): void {
    this.term.options.fontSize = n;
    this.fitNow();
  }

  focus(): void {
    this.term.focus();
  }

  openSearch(): void {
    this.searchBar.hidden = false;
    const sel = this.term.getSelection();
    if (sel && !sel.includes('\n')) this.searchInput.value = sel;
    this.searchInput.focus();
    this.searchInput.select();
  }

  private closeSearch(): void {
    this.searchBar.hidden = true;
    this.search.clearDecorations();
    this.term.focus();
  }

  private find(next: boolean): void {
    const q = this.searchInput.value;
    if (!q) return;
    const opts = { decorations: { matchOverviewRuler: '#f2c94c', activeMatchColorOverviewRuler: '#ff9f43', matchBackground: '#5c4b00', activeMatchBackground: '#9a6a00' } };
    if (next) this.search.findNext(q, opts);
    else this.search.findPrevious(q, opts);
  }

  /** Plain text of the buffer (used by tests through the DOM too). */
  text(): string {
    const b = this.term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < b.length; i++) lines.push(b.getLine(i)?.translateToString(true) ?? '');
    return lines.join('\n');
  }

  dispose(): void {
    this.resizeObs?.disconnect();
    if (this.socket) {
      this.socket.removeAllListeners();
      this.socket.disconnect();
    }
    this.term.dispose();
    this.el.remove();
  }
}
