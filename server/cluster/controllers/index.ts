// The controller manager: every controller of kube-controller-manager that kubedojo simulates,
// by upstream's controller name (as `--controllers` names them), each started on the shared Ctx.
import type { Ctx } from './framework.ts';
import { startNamespaceController } from './namespace.ts';
import { startNamespaceDefaultsController } from './namespace-defaults.ts';

export interface Running {
  stop(): void;
}

/** A controller's starter. `caPem` is the cluster CA (root-ca-certificate-publisher, csrsigning). */
export type Starter = (ctx: Ctx, env: ControllerEnv) => Running;

export interface ControllerEnv {
  caPem: string;
  /** The cluster CA's key (PEM), for the CSR signer. */
  caKeyPem?: string;
  /** The kube-controller-manager's flags, as its manifest gives them. */
  flags: Map<string, string>;
}

export const CONTROLLERS: [name: string, start: Starter][] = [
  ['namespace', (ctx) => ({ stop: startNamespaceController(ctx.api, ctx.log) })],
  ['serviceaccount', (ctx, env) => ({ stop: startNamespaceDefaultsController(ctx.api, env.caPem, ctx.log) })],
  // (more controllers register here)
];

/** Starts the controllers `--controllers` enables (default `*`: all; `-name` disables one). */
export function startControllerManager(ctx: Ctx, env: ControllerEnv): Running {
  const spec = (env.flags.get('controllers') ?? '*').split(',');
  const enabled = (name: string) => !spec.includes(`-${name}`) && (spec.includes('*') || spec.includes(name));
  const running: Running[] = [];
  for (const [name, start] of CONTROLLERS) {
    if (!enabled(name)) continue;
    try {
      running.push(start(ctx, env));
    } catch (e) {
      ctx.log(`controller ${name} failed to start: ${(e as Error).stack ?? e}`);
    }
  }
  return { stop: () => running.forEach((r) => r.stop()) };
}
