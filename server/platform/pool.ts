// A small warm pool of ready blank clusters (controlplane + one worker, normal clock), so that
// "Start" takes a running cluster instead of waiting for one. Filled one cluster at a time in the
// background; pool clusters left by a previous run are adopted.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterInfo, Clusters } from '../cluster/clusters.ts';

/**
 * Creating and deleting clusters through the bundled CLI in a child process: both do seconds of
 * file and crypto work, part of it synchronous, that would otherwise block the platform's event
 * loop (every live terminal's echo) for 100–500 ms. A creation also finishes (records its sandbox
 * PID) when the platform dies meanwhile. Falls back to in-process calls without the bundle.
 */
export class ClusterOps {
  constructor(readonly clusters: Clusters) {}

  private cliPath(): string {
    return join(this.clusters.paths.root, 'dist', 'cli.mjs');
  }

  private cli(args: string[], timeoutMs: number): Promise<void> {
    return new Promise((res, rej) => {
      const child = spawn(process.execPath, [this.cliPath(), ...args], { env: { ...process.env, KUBEDOJO_DATA: this.clusters.paths.data }, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr!.on('data', (d) => (err += d));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', (e) => {
        clearTimeout(timer);
        rej(e);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code === 0) res();
        else rej(new Error(err.trim().replace(/^error: /, '') || `kubedojo ${args.join(' ')} exited ${code}`));
      });
    });
  }

  async create(name: string, o: { workers: number; clockSpeed?: number; version?: string }): Promise<void> {
    if (!existsSync(this.cliPath())) return void (await this.clusters.create(name, o));
    await this.cli(['cluster', 'create', name, '--workers', String(o.workers), ...(o.clockSpeed && o.clockSpeed !== 1 ? ['--clock-speed', String(o.clockSpeed)] : []), ...(o.version ? ['--version', o.version] : [])], 60000);
  }

  async delete(name: string): Promise<void> {
    if (!existsSync(this.cliPath())) return void (await this.clusters.delete(name));
    await this.cli(['cluster', 'delete', name], 30000).catch(async () => void (await this.clusters.delete(name)));
  }
}

export const POOL_PREFIX = 'kdp-';
export const ATTEMPT_PREFIX = 'kda-';

export class Pool {
  private ready: string[] = [];
  private filling: Promise<void> | null = null;
  private stopped = false;
  lastError: string | null = null;

  constructor(readonly clusters: Clusters, readonly ops: ClusterOps, readonly target: number) {}

  /** Adopts ready pool clusters of a previous run (beyond the target they are deleted). */
  async adopt(inUse: Set<string>): Promise<void> {
    for (const c of this.clusters.list()) {
      if (!c.name.startsWith(POOL_PREFIX) || inUse.has(c.name)) continue;
      if (usable(c) && this.ready.length < this.target) this.ready.push(c.name);
      else await this.ops.delete(c.name);
    }
  }

  size(): number {
    return this.ready.length;
  }

  /**
   * A ready cluster of the pool's shape, or undefined when the pool is empty. The caller refills
   * (fill()) when its session is set up, so that the refill does not compete for the CPU with the
   * candidate's first prompt and the setup.
   */
  take(shape: { workers: number; clockSpeed?: number; version?: string }): string | undefined {
    if (shape.workers !== 1 || (shape.clockSpeed ?? 1) !== 1 || (shape.version && shape.version !== '1.35')) return undefined;
    while (this.ready.length) {
      const name = this.ready.shift()!;
      if (usable(this.clusters.info(name))) return name;
      void this.ops.delete(name);
    }
    return undefined;
  }

  /** Starts filling up to the target in the background (one creation at a time). */
  fill(): void {
    if (this.filling || this.stopped) return;
    this.filling = (async () => {
      try {
        while (!this.stopped && this.ready.length < this.target) {
          const name = POOL_PREFIX + randomBytes(4).toString('hex');
          try {
            await this.ops.create(name, { workers: 1 });
            if (this.stopped) await this.ops.delete(name);
            else this.ready.push(name);
            this.lastError = null;
          } catch (e) {
            this.lastError = (e as Error).message;
            await this.ops.delete(name).catch(() => undefined);
            await new Promise((r) => setTimeout(r, 5000));
          }
        }
      } finally {
        this.filling = null;
      }
    })();
  }

  /** Waits until the pool holds its target (for benches and tests). */
  async full(timeoutMs = 30000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (this.ready.length < this.target && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    return this.ready.length >= this.target;
  }

  /** Stops filling and deletes the ready clusters. */
  async drain(): Promise<void> {
    this.stopped = true;
    await this.filling; // a cluster being created is deleted when it is up
    const names = this.ready.splice(0);
    await Promise.all(names.map((n) => this.ops.delete(n).catch(() => undefined)));
  }
}

/**
 * Ready and enterable: a cluster whose creation was cut short (the platform was killed) can reach
 * `ready` without the sandbox PID recorded that shells enter it by; such a one is not usable.
 */
export function usable(c: ClusterInfo | undefined): boolean {
  return !!c && c.status === 'ready' && (c.mode === 'local' || !!c.pid);
}

export function attemptClusterName(): string {
  return ATTEMPT_PREFIX + randomBytes(4).toString('hex');
}
