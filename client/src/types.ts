// The JSON shapes of server/platform/API.md, as the client reads them.
import type { CheckResult, TaskResult } from '../../graders/types.ts';
import type { Domain, Difficulty } from '../../scenarios/types.ts';

export type { CheckResult, TaskResult, Domain, Difficulty };
export type Role = 'candidate' | 'instructor' | 'reviewer' | 'admin';

export interface User {
  id: number | string;
  username: string;
  role: Role;
  group?: string | null;
  createdAt?: string;
}

export interface Me {
  user: User | null;
  csrf: string;
  authMode: 'accounts' | 'local';
}

export interface ScenarioSummary {
  id: string;
  title: string;
  description: string;
  kind: 'scenario' | 'exam';
  domains: Domain[];
  concepts: string[];
  difficulty: Difficulty;
  duration: number;
  passThreshold: number;
  taskCount: number;
  published: boolean;
}

export interface AttemptTask {
  id: string;
  title: string;
  weight: number;
  domain: Domain;
  node?: string | null;
  context?: string | null;
  statement: string;
  flagged: boolean;
  done: boolean;
  hints?: string[];
}

export type AttemptStatus = 'starting' | 'running' | 'submitted' | 'expired' | 'failed';
export type EndReason = 'submitted' | 'deadline' | 'idle' | 'failed';

export interface Attempt {
  id: string | number;
  user: { id: number | string; username: string };
  scenario: { id: string; title: string; passThreshold: number; kind: 'scenario' | 'exam' };
  mode: 'exam' | 'practice';
  status: AttemptStatus;
  endReason?: EndReason | null;
  error?: string;
  score?: number | null;
  passed?: boolean | null;
  startedAt: string;
  deadline: string | null;
  now: string;
  submittedAt: string | null;
  notepad: string;
  tasks: AttemptTask[];
  terminals: string[];
}

export interface AttemptRow {
  id: string | number;
  scenarioId: string;
  scenarioTitle: string;
  mode: 'exam' | 'practice';
  status: AttemptStatus;
  startedAt: string;
  submittedAt: string | null;
  score: number | null;
  passed: boolean | null;
  username?: string;
  endReason?: EndReason | null;
}

export interface Override {
  earned: number;
  reason: string;
  by: string;
  at: string;
}

export interface TaskResultView {
  taskId: string;
  title: string;
  weight: number;
  domain: Domain;
  statement: string;
  solution: { commands: string; explanation?: string };
  points: number;
  earned: number;
  fraction: number;
  checks: CheckResult[];
  source: 'submit' | 'done';
  done?: TaskResult | null;
  submit?: TaskResult | null;
  secondsSpent: number | null;
  override?: Override | null;
}

export interface Results {
  attemptId?: string | number;
  score: number;
  passed: boolean;
  /** With reviewer overrides applied (score and passed never change). */
  adjustedScore?: number;
  adjustedPassed?: boolean;
  endReason?: EndReason | null;
  passThreshold: number;
  tasks: TaskResultView[];
  submittedAt: string;
  durationSeconds: number;
}

export interface RecordingInfo {
  terminalId: string;
  startedAt: string;
  bytes: number;
}

export interface CommandEntry {
  t: string;
  terminalId: string;
  node: string;
  command: string;
  exitCode: number | null;
}

export interface ItemStat {
  scenarioId: string;
  taskId: string;
  title: string;
  attempts: number;
  passRate: number;
  medianSeconds: number | null;
}

export interface ScenarioProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface SelfTestCheck {
  id: string;
  onSetup: CheckResult;
  onSolution: CheckResult;
}

export interface SelfTest {
  status: 'running' | 'passed' | 'failed';
  log: string[];
  tasks: { taskId: string; setupFails: boolean; solutionPasses: boolean; checks: SelfTestCheck[] }[];
  seconds: number;
}

export interface Assignment {
  id?: number | string;
  scenarioId: string;
  scenarioTitle?: string;
  group: string;
  due: string;
  createdAt?: string;
}
