// The runtime's one clock. Every component that waits (kubelet stages, back-off, CronJob schedules,
// node heartbeats, grace periods) asks this object for the time and for timers, so a cluster can
// run time faster for tests and demos (`KUBEDOJO_CLOCK_SPEED=10`: ten cluster seconds per second).
// Cluster time starts at the real time and then runs `speed` times faster.

export interface Timer {
  cancel(): void;
}

export class Clock {
  private readonly realStart = Date.now();
  private readonly start: number;

  constructor(readonly speed = 1, start = Date.now()) {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`clock speed must be a positive number, not ${speed}`);
    this.start = start;
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
    const v = env.KUBEDOJO_CLOCK_SPEED;
    return new Clock(v ? Number(v) : 1);
  }

  /** Cluster time in milliseconds. */
  ms(): number {
    return this.start + (Date.now() - this.realStart) * this.speed;
  }

  now(): Date {
    return new Date(this.ms());
  }

  /** Runs `fn` after `ms` of cluster time. Timers never keep the process alive. */
  after(ms: number, fn: () => void): Timer {
    const t = setTimeout(fn, Math.max(0, ms / this.speed));
    t.unref();
    return { cancel: () => clearTimeout(t) };
  }

  /** Runs `fn` every `ms` of cluster time. */
  every(ms: number, fn: () => void): Timer {
    const t = setInterval(fn, Math.max(1, ms / this.speed));
    t.unref();
    return { cancel: () => clearInterval(t) };
  }

  /** Resolves after `ms` of cluster time. */
  sleep(ms: number): Promise<void> {
    return new Promise((r) => this.after(ms, r));
  }
}
