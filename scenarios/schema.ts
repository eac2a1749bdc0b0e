// The scenario file schema, built from its parts and the grader library: the base (scenario, task,
// check envelope), one schema per setup-step kind, one per check type (from each Grader's params).
// `scenarios/schema.json` is this, written out for editors (`node --import tsx scenarios/cli.ts schema`);
// a unit test keeps the file in step with the code.
import type { Grader } from '../graders/types.ts';

export const DOMAINS = ['cluster-architecture', 'workloads', 'services-networking', 'storage', 'troubleshooting'] as const;
export const SETUP_KINDS = ['apply', 'file', 'run', 'waitFor'] as const;

const nodeName = { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' };
const shell = { type: 'string', minLength: 1 };
const seconds = { type: 'number', exclusiveMinimum: 0 };

export const SETUP_STEP_SCHEMAS: Record<(typeof SETUP_KINDS)[number], Record<string, unknown>> = {
  apply: {
    type: 'object', required: ['apply'], additionalProperties: false,
    properties: { apply: { ...shell, description: 'manifests (multi-document YAML) applied with kubectl apply -f -' }, namespace: { type: 'string', minLength: 1 } },
  },
  file: {
    type: 'object', required: ['file'], additionalProperties: false,
    properties: {
      file: {
        type: 'object', required: ['path', 'content'], additionalProperties: false,
        properties: { node: nodeName, path: { type: 'string', pattern: '^/' }, content: { type: 'string' }, mode: { type: 'string', pattern: '^0?[0-7]{3,4}$' } },
      },
    },
  },
  run: { type: 'object', required: ['run'], additionalProperties: false, properties: { run: shell, node: nodeName, timeout: seconds } },
  waitFor: { type: 'object', required: ['waitFor'], additionalProperties: false, properties: { waitFor: shell, node: nodeName, timeout: seconds } },
};

/** Keys every check has, whatever its type. */
export const CHECK_COMMON = {
  id: { type: 'string', pattern: '^[A-Za-z0-9][-A-Za-z0-9_.]*$' },
  description: { type: 'string', minLength: 1 },
  points: { type: 'number', exclusiveMinimum: 0 },
  type: { type: 'string' },
};

/** The schema one check of a grader's type must match (common keys + the grader's params, nothing else). */
export function checkSchema(g: Grader): Record<string, unknown> {
  const p = g.params as { properties?: Record<string, unknown>; required?: string[] };
  return {
    ...g.params,
    type: 'object',
    required: ['type', 'description', ...(p.required ?? [])],
    properties: { ...CHECK_COMMON, ...(p.properties ?? {}), type: { const: g.type } },
    additionalProperties: false,
  };
}

/** The scenario schema with setup steps and checks left open (they are validated per kind/type). */
export function baseSchema(): Record<string, any> {
  const id = { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 };
  const domain = { enum: [...DOMAINS] };
  const difficulty = { enum: ['easy', 'medium', 'hard'] };
  const strings = { type: 'array', items: { type: 'string', minLength: 1 } };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://kubedojo.dev/schemas/scenario.json',
    title: 'kubedojo scenario',
    type: 'object',
    required: ['id', 'title', 'description', 'difficulty', 'duration'],
    additionalProperties: false,
    properties: {
      id,
      title: { type: 'string', minLength: 1 },
      description: { type: 'string', minLength: 1 },
      kind: { enum: ['scenario', 'exam'] },
      domains: { type: 'array', items: domain },
      concepts: strings,
      competencies: strings,
      difficulty,
      duration: { type: 'number', exclusiveMinimum: 0, description: 'minutes' },
      passThreshold: { type: 'number', minimum: 0, maximum: 100 },
      cluster: {
        type: 'object', additionalProperties: false,
        properties: { workers: { type: 'integer', minimum: 0, maximum: 9 }, version: { type: 'string', pattern: '^1\\.\\d+$' }, clockSpeed: { type: 'number', minimum: 1, maximum: 1000 } },
      },
      setup: { type: 'array', items: { $ref: '#/definitions/setupStep' } },
      tasks: { type: 'array', items: { $ref: '#/definitions/task' } },
      pool: {
        type: 'object', required: ['from', 'count'], additionalProperties: false,
        properties: {
          from: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
          count: { type: 'integer', minimum: 1 },
          weights: { type: 'object', additionalProperties: false, properties: Object.fromEntries(DOMAINS.map((d) => [d, { type: 'number', minimum: 0 }])) },
        },
      },
    },
    definitions: {
      setupStep: { type: 'object', minProperties: 1 },
      check: { type: 'object', required: ['type'], properties: { type: { type: 'string', minLength: 1 } } },
      solution: {
        type: 'object', required: ['commands'], additionalProperties: false,
        properties: { commands: shell, explanation: { type: 'string' }, node: nodeName },
      },
      task: {
        type: 'object',
        required: ['id', 'title', 'weight', 'domain', 'statement', 'checks', 'solution'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: '^[A-Za-z0-9][-A-Za-z0-9_.]*$', maxLength: 80 },
          title: { type: 'string', minLength: 1 },
          weight: { type: 'number', exclusiveMinimum: 0 },
          domain,
          concepts: strings,
          competencies: strings,
          node: nodeName,
          context: { type: 'string', minLength: 1 },
          statement: { type: 'string', minLength: 1 },
          setup: { type: 'array', items: { $ref: '#/definitions/setupStep' } },
          checks: { type: 'array', minItems: 1, items: { $ref: '#/definitions/check' } },
          hints: strings,
          solution: { $ref: '#/definitions/solution' },
          difficulty,
          settle: { type: 'number', exclusiveMinimum: 0, description: 'seconds' },
        },
      },
    },
  };
}

/** The whole schema, for editors and other tools: setup steps and checks spelled out per kind/type. */
export function fullSchema(graders: Iterable<Grader>): Record<string, unknown> {
  const s = baseSchema();
  const gs = [...graders];
  s.definitions.setupStep = {
    description: 'exactly one of apply, file, run, waitFor',
    oneOf: SETUP_KINDS.map((k) => SETUP_STEP_SCHEMAS[k]),
  };
  s.definitions.check = {
    type: 'object',
    required: ['type', 'description'],
    properties: { type: { enum: gs.map((g) => g.type) } },
    allOf: gs.map((g) => ({ if: { properties: { type: { const: g.type } }, required: ['type'] }, then: { description: g.summary, ...checkSchema(g) } })),
  };
  return s;
}
