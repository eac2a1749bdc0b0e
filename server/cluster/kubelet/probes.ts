// Container probes on the cluster clock: exec probes run in the container for real; httpGet and
// tcpSocket succeed when the image serves that port (the catalogue's `serves`), and an httpGet on
// a docroot answers 404 for a file that is not there. Results count against successThreshold/
// failureThreshold; the kubelet is told of each result and of each transition.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock, Timer } from '../clock.ts';
import type { Container } from './containerd.ts';
import type { ResolvedImage } from './images.ts';

export type ProbeKind = 'startup' | 'liveness' | 'readiness';

export interface ProberOptions {
  spec: any;
  podIP: string;
  image: ResolvedImage;
  container: Container;
  exec: (cmd: string[], timeoutMs: number) => Promise<{ code: number; output: string }>;
  /** `transition`: the probe's result changed (after the thresholds). */
  onResult: (kind: ProbeKind, ok: boolean, output: string, transition: boolean) => void;
}

/** A port given by number or by the container's port name. */
function portOf(spec: any, port: unknown): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(String(port))) return Number(port);
  return (spec.ports ?? []).find((p: any) => p.name === port)?.containerPort;
}

/** What a probe of a container answers: ok and the output upstream would report. */
export async function runProbe(o: ProberOptions, probe: any): Promise<{ ok: boolean; output: string }> {
  const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
  if (probe.exec) {
    const r = await o.exec(probe.exec.command ?? [], timeoutMs);
    if (r.code === -1) return { ok: false, output: `command ${JSON.stringify((probe.exec.command ?? []).join(' '))} timed out` };
    return { ok: r.code === 0, output: r.output.replace(/\n$/, '') };
  }
  const serves = o.image.def.serves ?? [];
  if (probe.httpGet) {
    const h = probe.httpGet;
    const port = portOf(o.spec, h.port);
    const scheme = String(h.scheme ?? 'HTTP').toLowerCase();
    const host = h.host || o.podIP;
    const path = h.path ?? '/';
    const url = `${scheme}://${host}:${port}${path.startsWith('/') ? path : `/${path}`}`;
    const s = serves.find((x) => x.port === port && (x.protocol ?? 'TCP') === 'TCP');
    if (!s) return { ok: false, output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
    if (s.docroot && s.app === 'http') {
      const file = path.split('?')[0];
      const p = join(o.container.rootfs, s.docroot, file.endsWith('/') ? `${file}index.html` : file);
      if (!existsSync(p)) return { ok: false, output: 'HTTP probe failed with statuscode: 404' };
    }
    return { ok: true, output: '' };
  }
  if (probe.tcpSocket) {
    const port = portOf(o.spec, probe.tcpSocket.port);
    const host = probe.tcpSocket.host || o.podIP;
    const s = serves.find((x) => x.port === port && (x.protocol ?? 'TCP') === 'TCP');
    return s ? { ok: true, output: '' } : { ok: false, output: `dial tcp ${host}:${port}: connect: connection refused` };
  }
  if (probe.grpc) {
    const port = probe.grpc.port;
    const s = serves.find((x) => x.port === port);
    return s ? { ok: true, output: '' } : { ok: false, output: `timeout: failed to connect service "${o.podIP}:${port}" within 1s: context deadline exceeded` };
  }
  return { ok: true, output: '' };
}

interface Worker {
  kind: ProbeKind;
  probe: any;
  timer?: Timer;
  successes: number;
  failures: number;
  /** The probe's current result (undefined: none yet). */
  result?: boolean;
}

export class Prober {
  private workers: Worker[] = [];
  private stopped = false;

  constructor(private clock: Clock, private o: ProberOptions) {}

  start(): void {
    const s = this.o.spec;
    if (s.startupProbe) this.run({ kind: 'startup', probe: s.startupProbe, successes: 0, failures: 0 });
    else this.startMain();
  }

  /** The startup probe succeeded: liveness and readiness begin. */
  startedUp(): void {
    const w = this.workers.find((x) => x.kind === 'startup');
    w?.timer?.cancel();
    this.workers = this.workers.filter((x) => x !== w);
    this.startMain();
  }

  private startMain(): void {
    const s = this.o.spec;
    if (s.livenessProbe) this.run({ kind: 'liveness', probe: s.livenessProbe, successes: 0, failures: 0, result: true });
    if (s.readinessProbe) this.run({ kind: 'readiness', probe: s.readinessProbe, successes: 0, failures: 0 });
  }

  private run(w: Worker): void {
    this.workers.push(w);
    const p = w.probe;
    const period = (p.periodSeconds ?? 10) * 1000;
    const tick = async () => {
      if (this.stopped) return;
      const r = await runProbe(this.o, p);
      if (this.stopped) return;
      const success = p.successThreshold ?? 1;
      const failure = p.failureThreshold ?? 3;
      if (r.ok) {
        w.successes++;
        w.failures = 0;
      } else {
        w.failures++;
        w.successes = 0;
      }
      let transition = false;
      if (r.ok && w.result !== true && w.successes >= success) {
        w.result = true;
        transition = true;
      } else if (!r.ok && w.result !== false && w.failures >= failure) {
        w.result = false;
        transition = true;
        w.failures = 0;
      }
      this.o.onResult(w.kind, r.ok, r.output, transition);
      if (!this.stopped && this.workers.includes(w)) w.timer = this.clock.after(period, () => void tick());
    };
    w.timer = this.clock.after((p.initialDelaySeconds ?? 0) * 1000, () => void tick());
  }

  stop(): void {
    this.stopped = true;
    for (const w of this.workers) w.timer?.cancel();
  }
}
