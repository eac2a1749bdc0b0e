// The pod lifecycle's timing as data (model: KWOK stages). Each step a kubelet takes for a pod or a
// container has a delay in cluster time; restarts and image pulls back off as upstream's kubelet
// does. Tests and demos run these faster with the cluster clock, never by changing this table.

export interface Stage {
  /** What happens at the end of the stage. */
  name: string;
  /** Cluster milliseconds the stage takes (may depend on the image size in bytes). */
  delayMs: (imageBytes: number) => number;
  /** The waiting reason a container shows meanwhile (pod STATUS column). */
  waitingReason?: string;
}

/** Pod sandbox creation (RunPodSandbox: network namespace, pod IP, pause container); a third of it for hostNetwork pods (no CNI). */
export const SANDBOX_STAGE: Stage = { name: 'sandbox', delayMs: () => 300, waitingReason: 'ContainerCreating' };

/** One container's way from nothing to running, in order. */
export const CONTAINER_STAGES: Stage[] = [
  // a registry pull: a fixed round trip plus ~40 MB/s
  { name: 'pull', delayMs: (bytes) => 600 + Math.round(bytes / 40_000), waitingReason: 'ContainerCreating' },
  { name: 'create', delayMs: () => 60, waitingReason: 'ContainerCreating' },
  { name: 'start', delayMs: () => 30, waitingReason: 'ContainerCreating' },
];

/** Restart back-off of a failed container (kubelet: 10 s doubling up to 5 min). */
export const CRASH_BACKOFF = { initialMs: 10_000, maxMs: 300_000, resetAfterRunningMs: 600_000 };

/** Image pull back-off (kubelet: 10 s doubling up to 5 min). */
export const PULL_BACKOFF = { initialMs: 10_000, maxMs: 300_000, showErrorMs: 5_000 };

/** How often a kubelet renews its Lease and reports node status. */
export const HEARTBEAT = { leaseRenewMs: 10_000, leaseDurationSeconds: 40, nodeStatusMs: 60_000 };

/** Retries of a pod whose volumes or config cannot be prepared yet. */
export const RETRY = { mountMs: 2_000, configMs: 2_000 };

/** Default pod termination grace period (seconds) and the time SIGKILL takes to land. */
export const TERMINATION = { defaultGraceSeconds: 30, killSettleMs: 50 };
