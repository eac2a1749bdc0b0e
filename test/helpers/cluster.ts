// Test helpers: a real cluster (real etcd, sandboxed runtime) driven by the real kubectl, through
// the same code path as `kubedojo exec`.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Clusters, defaultPaths } from '../../server/cluster/clusters.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const clusters = new Clusters(defaultPaths(ROOT));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export class TestCluster {
  constructor(readonly name: string) {}

  static async create(prefix = 't', workers = 1, o: { clockSpeed?: number } = {}): Promise<TestCluster> {
    const name = `${prefix}-${randomBytes(3).toString('hex')}`;
    await clusters.create(name, { workers, clockSpeed: o.clockSpeed });
    return new TestCluster(name);
  }

  /** Runs a command on a node as the candidate's shell would. */
  run(cmd: string[], o: { node?: string; input?: string; timeoutMs?: number } = {}): Run {
    const { argv, options } = clusters.commandFor(this.name, o.node, cmd);
    const r = spawnSync(argv[0], argv.slice(1), { ...options, input: o.input ?? '', encoding: 'utf8', timeout: o.timeoutMs ?? 60000 });
    return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  }

  sh(script: string, o: { node?: string; input?: string; timeoutMs?: number } = {}): Run {
    return this.run(['bash', '-c', script], o);
  }

  kubectl(args: string, input?: string): Run {
    return this.sh(`kubectl ${args}`, { input });
  }

  /** kubectl that must succeed; returns stdout. */
  k(args: string, input?: string): string {
    const r = this.kubectl(args, input);
    if (r.code !== 0) throw new Error(`kubectl ${args} failed (${r.code}): ${r.stderr || r.stdout}`);
    return r.stdout;
  }

  async delete(): Promise<void> {
    await clusters.delete(this.name);
  }
}

/** Collapses runs of spaces, for comparing table output without caring about column widths. */
export function cells(table: string): string[][] {
  return table.trim().split('\n').map((l) => l.trim().split(/\s{2,}/));
}
