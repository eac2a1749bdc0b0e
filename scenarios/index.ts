// The scenario tooling's public API, for the platform server and the CLIs.
export { parseScenario, loadScenarios, formatProblem, scenarioFiles } from './loader.ts';
export { applySetup, SetupError } from './setup.ts';
export { drawExam, CKA_WEIGHTS, mulberry32, seedOf } from './draw.ts';
export { clusterSession } from './session.ts';
export { proveScenario, proveTask, runSolution, type SelftestResult, type TaskProof } from './prove.ts';
export { importKillercoda, ImportError } from './killercoda.ts';
export { coverage, formatCoverage, readCatalog, type Catalog, type Coverage } from './coverage.ts';
export { fullSchema } from './schema.ts';
export { GRADERS, gradeTask, gradeTasks, gradingSession, runCheck } from '../graders/index.ts';
export type * from './types.ts';
export type { CheckResult, Grader, RunResult, SessionHandle, TaskResult } from '../graders/types.ts';
