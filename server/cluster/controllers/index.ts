// The controller manager: every controller of kube-controller-manager that kubedojo simulates,
// by upstream's controller name (as `--controllers` names them), each started on the shared Ctx.
import type { Ctx } from './framework.ts';
import { startNamespaceController } from './namespace.ts';
import { startNamespaceDefaultsController } from './namespace-defaults.ts';
import { startReplicaSetController } from './replicaset.ts';
import { startDeploymentController } from './deployment.ts';
import { startDaemonSetController } from './daemonset.ts';
import { startStatefulSetController } from './statefulset.ts';
import { startJobController } from './job.ts';
import { startCronJobController } from './cronjob.ts';
import { startGarbageCollector } from './garbage-collector.ts';
import { startTTLAfterFinished } from './ttl-after-finished.ts';
import { startPodGC } from './podgc.ts';
import { startEndpointsController } from './endpoints.ts';
import { startEndpointSliceController } from './endpointslice.ts';
import { startResourceQuotaController } from './resourcequota.ts';
import { startPersistentVolumeBinder } from './pv-binder.ts';
import { startStorageProtection } from './storage-protection.ts';
import { startLocalPathProvisioner } from './local-path.ts';
import { startDisruptionController } from './disruption.ts';
import { startCsrSigningController } from './csr-signing.ts';
import { startNodeLifecycleController } from './node-lifecycle.ts';

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
  /** The cluster's directory as the runtime sees it: node trees are at `<clusterDir>/nodes/<node>`. */
  clusterDir?: string;
}

export const CONTROLLERS: [name: string, start: Starter][] = [
  ['namespace', (ctx) => ({ stop: startNamespaceController(ctx.api, ctx.log) })],
  ['serviceaccount', (ctx, env) => ({ stop: startNamespaceDefaultsController(ctx.api, env.caPem, ctx.log) })],
  ['endpoint', (ctx) => startEndpointsController(ctx)],
  ['endpointslice', (ctx) => startEndpointSliceController(ctx)],
  ['resourcequota', (ctx) => startResourceQuotaController(ctx)],
  ['persistentvolume-binder', (ctx) => startPersistentVolumeBinder(ctx)],
  ['pvc-protection', (ctx) => startStorageProtection(ctx)],
  ['disruption', (ctx) => startDisruptionController(ctx)],
  ['csrsigning', (ctx, env) => startCsrSigningController(ctx, env.caPem, env.caKeyPem, env.flags)],
  ['nodelifecycle', (ctx, env) => startNodeLifecycleController(ctx, env.flags)],
  // not part of kube-controller-manager upstream: rancher's provisioner Deployment behind `local-path`
  ['local-path-provisioner', (ctx, env) => startLocalPathProvisioner(ctx, env.clusterDir)],
  ['replicaset', (ctx) => startReplicaSetController(ctx, 'rs')],
  ['replicationcontroller', (ctx) => startReplicaSetController(ctx, 'rc')],
  ['deployment', (ctx) => startDeploymentController(ctx)],
  ['daemonset', (ctx) => startDaemonSetController(ctx)],
  ['statefulset', (ctx) => startStatefulSetController(ctx)],
  ['job', (ctx) => startJobController(ctx)],
  ['cronjob', (ctx) => startCronJobController(ctx)],
  ['garbage-collector', (ctx) => startGarbageCollector(ctx)],
  ['ttl-after-finished', (ctx) => startTTLAfterFinished(ctx)],
  ['podgc', (ctx) => startPodGC(ctx)],
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
