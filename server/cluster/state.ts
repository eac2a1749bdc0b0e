// The runtime's state file (runtime.json): written by the runtime, read by the CLI and platform.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeState(clusterDir: string, state: Record<string, unknown>): void {
  writeFileSync(join(clusterDir, 'runtime.json'), JSON.stringify(state));
}

export function readState(clusterDir: string): Record<string, any> | undefined {
  const p = join(clusterDir, 'runtime.json');
  if (!existsSync(p)) return undefined;
  try {
    return JSON.parse(readFileSync(p, 'utf8'));
  } catch {
    return undefined;
  }
}
