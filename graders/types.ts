// The grader contract: a check runs against a session only through what a real cluster offers
// (commands on its nodes: kubectl with the admin kubeconfig, cat, etcdctl, …) and returns a verdict
// with evidence a candidate can read.
import type { Check, Task } from '../scenarios/types.ts';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** How graders, setup and the proof reach a session's cluster. */
export interface SessionHandle {
  /** Runs argv on a node (default controlplane) as the candidate's shell would. */
  run(argv: string[], o?: { node?: string; input?: string; timeoutMs?: number }): Promise<RunResult>;
  /** Node names, controlplane first. */
  nodes(): string[];
  /**
   * Path of the admin kubeconfig as seen by commands on controlplane (default kubeadm's
   * /etc/kubernetes/admin.conf); graders pass it to kubectl so the candidate's context does not matter.
   */
  adminKubeconfig?: string;
}

export interface CheckResult {
  id: string;
  description: string;
  type: string;
  points: number;
  /** points if passed, else 0. */
  earned: number;
  passed: boolean;
  /** What the check wanted, in words ("image nginx:1.27"). */
  expected: string;
  /** What it saw ("image nginx:1.25", "deployment \"web\" not found"). */
  actual: string;
  /** One sentence a candidate reads. */
  message: string;
  /** Milliseconds the check took. */
  ms: number;
}

export interface TaskResult {
  taskId: string;
  weight: number;
  /** Sum of points / earned over the checks. */
  points: number;
  earned: number;
  /** earned / points, 0..1. */
  fraction: number;
  checks: CheckResult[];
  gradedAt: string;
}

/** A grader: `check` holds its parameters (validated before by `params`). */
export interface Grader {
  /** The check's `type` in scenario files. */
  type: string;
  /** One line for authors' docs. */
  summary: string;
  /** JSON schema of the parameters (beside id, description, points, type). */
  params: Record<string, unknown>;
  run(session: SessionHandle, check: Check, task: Task): Promise<Omit<CheckResult, 'id' | 'description' | 'type' | 'points' | 'earned' | 'ms'>>;
}
