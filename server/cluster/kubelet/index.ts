// The simulated nodes' kubelets and their container runtime: one Kubelet per node of the cluster,
// started on the shared component context. The API server's streaming subresources (log, exec,
// attach) and the network module reach running containers through what this returns.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Ctx } from '../controllers/framework.ts';
import type { KObject } from '../kinds/types.ts';
import type { ClusterSpec } from '../layout.ts';
import { IN_SANDBOX } from '../sandbox.ts';
import { canSandbox } from './containerd.ts';
import { Kubelet, type ComponentHandle, type ContainerExtras, type ContainerRecord, type PodRuntime } from './kubelet.ts';
import type { ResolvedImage } from './images.ts';

export interface KubeletOptions {
  spec: ClusterSpec;
  /** Prefix of the control-plane node's files ('' inside the sandbox; local mode: its tree). */
  root: string;
  /** Adds binds (applets, a socket) and environment to every container (the network module). */
  containerExtras?: (pod: KObject, container: string) => ContainerExtras;
  /**
   * Decides what running a container means for images the runtime itself provides (the
   * control-plane components): a handle, or undefined to run the image's stand-in process.
   */
  componentRunner?: (pod: KObject, container: string, image: ResolvedImage) => ComponentHandle | undefined;
  /** Images every node has from the start (control plane, pause, add-ons). */
  preloadedImages?: string[];
}

export interface ContainerLookup {
  /** The container's root filesystem (runtime's view), while it exists. */
  rootfs(podUid: string, container: string): string | undefined;
  running(podUid: string, container: string): boolean;
}

/** A pod's container as streaming needs it. */
export interface ContainerRef {
  kubelet: Kubelet;
  pod: PodRuntime;
  record: ContainerRecord;
}

export interface Kubelets {
  stop(): void;
  containers: ContainerLookup;
  /** The kubelet of a node (for `systemctl stop|start kubelet`). */
  node(name: string): Kubelet | undefined;
  /** Finds the kubelet's record of a pod's container (by the API pod). */
  find(pod: KObject, container: string): ContainerRef | undefined;
}

/** Where a node's tree is, as the runtime sees it. */
export function nodeRootFor(o: KubeletOptions): (node: string) => string {
  return (node) => (o.root ? join(o.root, '..', node) : join(IN_SANDBOX.cluster, 'nodes', node));
}

export function startKubelets(ctx: Ctx, o: KubeletOptions): Kubelets {
  const env = { ctx, spec: o.spec, nodeRoot: nodeRootFor(o), containerExtras: o.containerExtras, componentRunner: o.componentRunner, preloadedImages: o.preloadedImages };
  const kubelets = o.spec.nodes.map((n) => new Kubelet(env, n));
  for (const k of kubelets) {
    k.ensureDirs();
    k.start();
  }
  const find = (podUid: string, container: string) => {
    for (const k of kubelets) {
      const pr = k.runtimeFor(podUid);
      const r = pr?.records.get(container);
      if (pr && r) return { kubelet: k, pod: pr, record: r };
    }
    return undefined;
  };
  const lookup: ContainerLookup = {
    // a running container's own view (its volumes mounted over the image's files), else its rootfs
    rootfs: (uid, c) => {
      const cur = find(uid, c)?.record.current;
      if (cur?.running && cur.pid && canSandbox() && existsSync(`/proc/${cur.pid}/root/`)) return `/proc/${cur.pid}/root`;
      return cur?.rootfs;
    },
    running: (uid, c) => !!find(uid, c)?.record.current?.running,
  };
  const stopAll = () => {
    for (const k of kubelets) k.shutdown();
  };
  // containers die with the runtime (bwrap --die-with-parent); make sure on a clean exit too
  process.once('exit', stopAll);
  return {
    stop: stopAll,
    containers: lookup,
    node: (name) => kubelets.find((k) => k.node.name === name),
    find: (pod, container) => {
      const k = kubelets.find((x) => x.node.name === pod.spec?.nodeName);
      const pr = k?.runtimeFor(pod.metadata?.uid) ?? (pod.metadata?.annotations?.['kubernetes.io/config.mirror'] ? k?.runtimeFor(pod.metadata.annotations['kubernetes.io/config.mirror']) : undefined);
      const r = pr?.records.get(container);
      return k && pr && r ? { kubelet: k, pod: pr, record: r } : undefined;
    },
  };
}

export type { Kubelet, ComponentHandle, ContainerExtras };
