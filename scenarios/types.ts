// The scenario format as TypeScript types: what `scenarios/schema.json` validates and what the
// loader hands to the platform. A scenario file is YAML; field names here are the YAML keys.
// This file is the contract between scenarios/, graders/ and the platform server.

/** The five CKA v1.35 curriculum domains, with their exam weights in percent. */
export type Domain = 'cluster-architecture' | 'workloads' | 'services-networking' | 'storage' | 'troubleshooting';

export type Difficulty = 'easy' | 'medium' | 'hard';

/** A step that builds a task's or scenario's start state, run in order inside the session. */
export type SetupStep =
  /** Manifests applied with `kubectl apply -f -` on controlplane (multi-document YAML). */
  | { apply: string; namespace?: string }
  /** A file written on a node (parent directories created). mode is octal text, e.g. "0644". */
  | { file: { node?: string; path: string; content: string; mode?: string } }
  /** A shell script run with bash on a node (default controlplane); must exit 0. */
  | { run: string; node?: string; timeout?: number }
  /** Waits until a shell condition holds (exit 0), polling, up to timeout seconds (default 60). */
  | { waitFor: string; node?: string; timeout?: number };

/** One check of a task. `type` names a grader in graders/; the other keys are that grader's parameters. */
export interface Check {
  /** Unique within the task; defaults to `c1`, `c2`, … in order. */
  id: string;
  /** What the check asks, in the candidate's words ("Deployment web runs nginx:1.27"). */
  description: string;
  points: number;
  type: string;
  [param: string]: unknown;
}

export interface Solution {
  /** Shell commands a strong candidate would type (run with bash on `node` by the proof). */
  commands: string;
  /** Markdown: why this works. */
  explanation?: string;
  /** Node the commands run on (default: the task's node). */
  node?: string;
}

export interface Task {
  id: string;
  title: string;
  /** Relative weight in the scenario (percent of the total score for mock exams). */
  weight: number;
  domain: Domain;
  /** Seed concepts this task practises (see scenarios/catalog.yaml). */
  concepts: string[];
  /** CKA v1.35 competency lines (ids from scenarios/catalog.yaml). */
  competencies?: string[];
  /** The node the candidate should work on (default controlplane) and the kubectl context. */
  node?: string;
  context?: string;
  /** Markdown statement; names, namespaces, images and paths given in full. */
  statement: string;
  /** Steps that give this task its start state (after the scenario's setup). */
  setup?: SetupStep[];
  checks: Check[];
  hints?: string[];
  solution: Solution;
  /** Difficulty of this task alone (a mock exam mixes them). */
  difficulty?: Difficulty;
  /** Seconds the reference solution may take to converge before the proof gives up (default 60). */
  settle?: number;
}

export interface ClusterShape {
  workers: number;
  /** Kubernetes minor version, "1.35" (default) or "1.34" for upgrade practice. */
  version?: string;
  clockSpeed?: number;
}

/** A draw from a pool of tasks: `count` tasks, spread over domains by `weights`. */
export interface PoolDraw {
  /** Scenario ids whose tasks form the pool ("*" = every published scenario). */
  from: string[];
  count: number;
  /** Percent per domain; default the CKA's 25/15/20/10/30. */
  weights?: Partial<Record<Domain, number>>;
}

export interface Scenario {
  id: string;
  title: string;
  /** Markdown introduction shown in the catalogue. */
  description: string;
  /** 'scenario' (practice, fixed tasks) or 'exam' (a timed mock exam: fixed tasks or a pool draw). */
  kind: 'scenario' | 'exam';
  domains: Domain[];
  concepts: string[];
  competencies?: string[];
  difficulty: Difficulty;
  /** Minutes. */
  duration: number;
  /** Percent of the weighted score needed to pass (default 66). */
  passThreshold: number;
  cluster: ClusterShape;
  setup: SetupStep[];
  tasks: Task[];
  pool?: PoolDraw;
  /** Where it came from (filled by the loader). */
  file: string;
}

/** A problem found while loading a scenario file: file, 1-based line and column, a sentence. */
export interface ScenarioProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}
