// Runs one scenario self-test (scenarios' proveScenario) in its own process, so that creating its
// cluster and grading never block the platform's event loop. Reads {scenario, root, data} as JSON
// on stdin; writes JSON lines: {log: string} while it runs, then {result} or {error}.
import { Clusters } from '../cluster/clusters.ts';
import { loadContent } from './content.ts';

const chunks: Buffer[] = [];
for await (const c of process.stdin) chunks.push(c as Buffer);
const job = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const say = (x: unknown): void => void process.stdout.write(JSON.stringify(x) + '\n');
try {
  const content = await loadContent();
  const clusters = new Clusters({ root: job.root, data: job.data });
  const result = await content.proveScenario(clusters, job.scenario, (line) => say({ log: line }));
  say({ result });
} catch (e) {
  say({ error: (e as Error).message });
}
