// Replays an asciicast v2 recording in an xterm.js terminal: play/pause, 1×/2×/4×/8×, seek.
// Idle gaps longer than the recording's idle_time_limit (default 2 s) are shortened.
import { Terminal } from '@xterm/xterm';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { fmtDuration, h } from './dom.ts';
import { MONO, THEME, savedFontSize } from './terminal.ts';

interface CastEvent {
  /** Seconds on the shortened timeline. */
  t: number;
  /** Seconds as recorded. */
  raw: number;
  code: string;
  data: string;
}

export interface Cast {
  width: number;
  height: number;
  timestamp?: number;
  events: CastEvent[];
  duration: number;
}

export function parseCast(text: string, idleLimit?: number): Cast {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (!lines.length) throw new Error('The recording is empty.');
  const header = JSON.parse(lines[0] as string) as { version?: number; width?: number; height?: number; timestamp?: number; idle_time_limit?: number };
  if (header.version !== 2) throw new Error(`Unsupported recording format (version ${header.version ?? '?'}; expected asciicast v2).`);
  const limit = idleLimit ?? header.idle_time_limit ?? 2;
  const events: CastEvent[] = [];
  let last = 0;
  let shift = 0;
  for (const line of lines.slice(1)) {
    let ev: unknown;
    try {
      ev = JSON.parse(line);
    } catch {
      continue; // a torn last line after a crash
    }
    if (!Array.isArray(ev) || typeof ev[0] !== 'number') continue;
    const raw = ev[0];
    const gap = raw - last;
    if (gap > limit) shift += gap - limit;
    last = raw;
    events.push({ t: raw - shift, raw, code: String(ev[1]), data: String(ev[2] ?? '') });
  }
  return { width: header.width ?? 80, height: header.height ?? 24, timestamp: header.timestamp, events, duration: events.length ? (events[events.length - 1] as CastEvent).t : 0 };
}

export class CastPlayer {
  readonly el: HTMLElement;
  private term: Terminal;
  private pos = 0;
  private next = 0;
  private speed = 1;
  private playing = false;
  private raf = 0;
  private lastFrame = 0;
  private playBtn: HTMLButtonElement;
  private range: HTMLInputElement;
  private timeLabel: HTMLElement;
  private speedBtns: HTMLButtonElement[] = [];

  constructor(private cast: Cast, label = 'Terminal replay') {
    this.term = new Terminal({ cols: cast.width, rows: cast.height, fontFamily: MONO, fontSize: Math.min(savedFontSize(), 14), lineHeight: 1.15, theme: THEME, allowProposedApi: true, disableStdin: true, cursorBlink: false, scrollback: 2000 });
    this.term.loadAddon(new Unicode11Addon());
    this.term.unicode.activeVersion = '11';
    this.playBtn = h('button', { type: 'button', class: 'btn btn-primary player-play', onclick: () => this.toggle() }, 'Play');
    this.range = h('input', { type: 'range', min: '0', max: String(Math.max(cast.duration, 0.1)), step: 'any', value: '0', 'aria-label': 'Position in the recording', class: 'player-range' });
    this.range.addEventListener('input', () => this.seek(Number(this.range.value)));
    this.timeLabel = h('span', { class: 'player-time', 'aria-live': 'off' });
    const speeds = h('div', { class: 'segmented', role: 'group', 'aria-label': 'Playback speed' },
      [1, 2, 4, 8].map((s) => {
        const b = h('button', { type: 'button', class: 'btn btn-small', 'aria-pressed': s === 1 ? 'true' : 'false', onclick: () => this.setSpeed(s) }, `${s}×`);
        this.speedBtns.push(b);
        return b;
      }));
    const screen = h('div', { class: 'player-screen', tabindex: '0', 'aria-label': `${label}. Space plays or pauses, arrows seek.` });
    screen.addEventListener('keydown', (e) => {
      if (e.key === ' ' || e.key === 'k') {
        e.preventDefault();
        this.toggle();
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        this.seek(this.pos + 5);
      } else if (e.key === 'ArrowLeft') {
        e.preventDefault();
        this.seek(this.pos - 5);
      }
    });
    this.el = h('div', { class: 'player' },
      screen,
      h('div', { class: 'player-controls' }, this.playBtn, this.range, this.timeLabel, speeds));
    this.term.open(screen);
    // Show the final screen until Play (which starts from the beginning).
    this.seek(cast.duration);
    this.playBtn.textContent = 'Replay';
  }

  play(): void {
    if (this.playing) return;
    if (this.pos >= this.cast.duration) this.seek(0);
    this.playing = true;
    this.playBtn.textContent = 'Pause';
    this.lastFrame = performance.now();
    const frame = (now: number) => {
      if (!this.playing) return;
      this.pos = Math.min(this.cast.duration, this.pos + ((now - this.lastFrame) / 1000) * this.speed);
      this.lastFrame = now;
      this.flush();
      if (this.pos >= this.cast.duration) {
        this.pause();
        this.playBtn.textContent = 'Replay';
        return;
      }
      this.raf = requestAnimationFrame(frame);
    };
    this.raf = requestAnimationFrame(frame);
  }

  pause(): void {
    this.playing = false;
    cancelAnimationFrame(this.raf);
    this.playBtn.textContent = 'Play';
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  setSpeed(s: number): void {
    this.speed = s;
    this.speedBtns.forEach((b) => b.setAttribute('aria-pressed', b.textContent === `${s}×` ? 'true' : 'false'));
  }

  /** Jumps to a position (seconds on the shortened timeline). */
  seek(t: number): void {
    const target = Math.max(0, Math.min(this.cast.duration, t));
    if (target < this.pos || this.next === 0) {
      this.term.reset();
      this.next = 0;
    }
    this.pos = target;
    this.flush();
  }

  /** Jumps to a moment given in recorded seconds since the start. */
  seekRaw(raw: number): void {
    const ev = this.cast.events.find((e) => e.raw >= raw);
    this.seek(ev ? ev.t : this.cast.duration);
  }

  private flush(): void {
    let out = '';
    const evs = this.cast.events;
    while (this.next < evs.length && (evs[this.next] as CastEvent).t <= this.pos) {
      const ev = evs[this.next] as CastEvent;
      if (ev.code === 'o') out += ev.data;
      else if (ev.code === 'r') {
        if (out) this.term.write(out);
        out = '';
        const m = /^(\d+)x(\d+)$/.exec(ev.data);
        if (m) this.term.resize(Number(m[1]), Number(m[2]));
      }
      this.next++;
    }
    if (out) this.term.write(out);
    this.updateTime();
  }

  private updateTime(): void {
    this.range.value = String(this.pos);
    this.timeLabel.textContent = `${fmtDuration(this.pos)} / ${fmtDuration(this.cast.duration)}`;
  }

  /** Picks the font size that shows the recorded width in the space there is (call once shown). */
  fitWidth(): void {
    const screen = this.el.querySelector('.player-screen') as HTMLElement | null;
    const xs = this.el.querySelector('.xterm-screen') as HTMLElement | null;
    if (!screen || !xs) return;
    const width = xs.getBoundingClientRect().width;
    const avail = screen.clientWidth - 24;
    const cur = this.term.options.fontSize ?? 14;
    if (!width || avail <= 0) return;
    const next = Math.max(9, Math.min(16, Math.floor((cur * avail) / width)));
    if (next !== cur) this.term.options.fontSize = next;
  }

  private onResize = (): void => this.fitWidth();

  /** Call after the player is in the document. */
  attached(): void {
    requestAnimationFrame(() => this.fitWidth());
    window.addEventListener('resize', this.onResize);
  }

  dispose(): void {
    this.pause();
    window.removeEventListener('resize', this.onResize);
    this.term.dispose();
  }
}
