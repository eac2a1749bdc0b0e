// batch/v1: Job and CronJob.
import { randomUUID } from 'node:crypto';
import type { FieldError, KindDef, KObject } from './types.ts';
import { ageCol, col, formatLabelSelector, humanDuration, nameCol, parseTime, since, templateCols } from './format.ts';
import { immutable, invalid, nonNegative, notSupported, required, selectorMatches, selectorMismatch } from './validation.ts';
import { defaultPodTemplate, metaThen, metaUpdateThen, validatePodTemplate } from './core.ts';
import { goLabelSelector } from './format.ts';

function ensure(obj: any, key: string): any {
  if (obj[key] == null || typeof obj[key] !== 'object') obj[key] = {};
  return obj[key];
}
function setDefault(obj: any, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}
function hasCond(o: KObject, type: string): boolean {
  const c = (o.status?.conditions ?? []).find((x: any) => x.type === type);
  return c?.status === 'True';
}

/** The STATUS cell of a job. */
export function jobStatus(o: KObject): string {
  if (hasCond(o, 'Complete')) return 'Complete';
  if (hasCond(o, 'Failed')) return 'Failed';
  if (o.metadata?.deletionTimestamp) return 'Terminating';
  if (hasCond(o, 'Suspended')) return 'Suspended';
  if (hasCond(o, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function jobCompletions(o: KObject): string {
  const succeeded = o.status?.succeeded ?? 0;
  if (o.spec?.completions != null) return `${succeeded}/${o.spec.completions}`;
  const par = o.spec?.parallelism ?? 0;
  return par > 1 ? `${succeeded}/1 of ${par}` : `${succeeded}/1`;
}

function jobDuration(o: KObject, now: Date): string {
  const start = parseTime(o.status?.startTime);
  if (!start) return '';
  const end = parseTime(o.status?.completionTime) ?? now;
  return humanDuration(end.getTime() - start.getTime());
}

/** Job defaults (SetDefaults_Job) applied to a JobSpec. */
export function defaultJobSpec(spec: any): void {
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  setDefault(spec, 'parallelism', 1);
  setDefault(spec, 'backoffLimit', spec.backoffLimitPerIndex != null ? 2147483647 : 6);
  setDefault(spec, 'completionMode', 'NonIndexed');
  setDefault(spec, 'suspend', false);
  if (spec.podFailurePolicy == null) setDefault(spec, 'podReplacementPolicy', 'TerminatingOrFailed');
  setDefault(spec, 'manualSelector', undefined);
  if (spec.manualSelector === undefined) delete spec.manualSelector;
  if (spec.template) defaultPodTemplate(spec.template);
}

/** The generated selector and template labels of a job without manualSelector. */
function generateJobSelector(o: KObject): void {
  const spec = ensure(o, 'spec');
  if (spec.manualSelector === true) return;
  const md = ensure(o, 'metadata');
  if (!md.uid) md.uid = randomUUID();
  const uid: string = md.uid;
  const tpl = ensure(spec, 'template');
  const tmd = ensure(tpl, 'metadata');
  const labels = ensure(tmd, 'labels');
  setDefault(labels, 'batch.kubernetes.io/controller-uid', uid);
  setDefault(labels, 'batch.kubernetes.io/job-name', md.name ?? '');
  setDefault(labels, 'controller-uid', uid);
  setDefault(labels, 'job-name', md.name ?? '');
  if (spec.selector == null) spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
}

function validateJobSpec(o: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = o.spec ?? {};
  errs.push(...nonNegative(spec.parallelism, 'spec.parallelism'));
  errs.push(...nonNegative(spec.completions, 'spec.completions'));
  errs.push(...nonNegative(spec.backoffLimit, 'spec.backoffLimit'));
  if (spec.activeDeadlineSeconds !== undefined) errs.push(...nonNegative(spec.activeDeadlineSeconds, 'spec.activeDeadlineSeconds'));
  if (!spec.template) return [...errs, required('spec.template')];
  if (spec.selector == null) errs.push(required('spec.selector'));
  else if (!selectorMatches(spec.selector, spec.template.metadata?.labels)) {
    errs.push(selectorMismatch('spec.template.metadata.labels', spec.template.metadata?.labels));
  }
  errs.push(...validatePodTemplate(spec.template, 'spec.template'));
  const rp = spec.template.spec?.restartPolicy;
  if (rp === undefined || rp === 'Always') {
    errs.push(notSupported('spec.template.spec.restartPolicy', rp ?? '', ['OnFailure', 'Never']));
  }
  if (spec.completionMode && !['Indexed', 'NonIndexed'].includes(spec.completionMode)) {
    errs.push(notSupported('spec.completionMode', spec.completionMode, ['NonIndexed', 'Indexed']));
  }
  return errs;
}

function jobUpdateErrors(o: KObject, old: KObject): FieldError[] {
  const errs = validateJobSpec(o);
  errs.push(...immutable(o.spec?.selector, old.spec?.selector, 'spec.selector', goLabelSelector(o.spec?.selector)));
  errs.push(...immutable(o.spec?.completions, old.spec?.completions, 'spec.completions'));
  errs.push(...immutable(o.spec?.completionMode, old.spec?.completionMode, 'spec.completionMode'));
  // The pod template may change only while the job is suspended (scheduling directives) — keep it simple: immutable.
  if (!(old.spec?.suspend === true)) {
    errs.push(...immutable(o.spec?.template, old.spec?.template, 'spec.template', `core.PodTemplateSpec{…}`));
  }
  return errs;
}

export const Job: KindDef = {
  group: 'batch', version: 'v1', kind: 'Job', plural: 'jobs', singular: 'job', namespaced: true,
  categories: ['all'],
  schemaType: 'io.k8s.api.batch.v1.Job',
  subresources: [{ name: 'status', verbs: ['get', 'patch', 'update'] }],
  columns: [
    nameCol(),
    col('Status', 'string', 'Summary of the job conditions.', jobStatus),
    col('Completions', 'string', 'Successful pods out of the desired completions.', jobCompletions),
    col('Duration', 'string', 'How long the job ran.', jobDuration),
    ageCol(),
    ...templateCols((o) => o.spec?.template?.spec, (o) => formatLabelSelector(o.spec?.selector)),
  ],
  selectableFields: (o) => ({ 'status.successful': String(o.status?.succeeded ?? 0) }),
  generation: true,
  hasStatus: true,
  prepareForCreate: (o) => {
    defaultJobSpec(ensure(o, 'spec'));
    generateJobSelector(o);
    o.status = {};
  },
  prepareForUpdate: (o, old) => {
    defaultJobSpec(ensure(o, 'spec'));
    o.status = old.status;
  },
  validate: metaThen(true, 'subdomain', validateJobSpec),
  validateUpdate: metaUpdateThen(jobUpdateErrors),
  notes: 'prepareForCreate sets metadata.uid (randomUUID) when absent, to build the controller-uid selector; the store must keep it.',
};

// ---- CronJob ----

const CRON_MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

/** A light check of a 5-field cron schedule (numbers, ranges, steps, lists, names, `*`, `?`). */
export function cronScheduleError(s: string): string | undefined {
  const t = s.trim();
  if (t === '') return 'empty spec string';
  if (t.startsWith('@')) return CRON_MACROS.includes(t) || t.startsWith('@every ') ? undefined : `unrecognized descriptor: ${t}`;
  const body = t.replace(/^(CRON_TZ|TZ)=\S+\s+/, '');
  const fields = body.split(/\s+/);
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  const ranges: [number, number][] = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 6]];
  const names = [[], [], [], ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'], ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']];
  for (let i = 0; i < 5; i++) {
    for (const part of fields[i].split(',')) {
      const [rng, step] = part.split('/');
      if (step !== undefined && !/^\d+$/.test(step)) return `failed to parse int from ${step}: strconv.Atoi: parsing "${step}": invalid syntax`;
      if (rng === '*' || rng === '?') continue;
      for (const b of rng.split('-')) {
        const lower = b.toLowerCase();
        const idx = names[i].indexOf(lower);
        const n = idx >= 0 ? idx + (i === 3 ? 1 : 0) : /^\d+$/.test(b) ? Number(b) : NaN;
        if (Number.isNaN(n)) return `failed to parse int from ${b}: strconv.Atoi: parsing "${b}": invalid syntax`;
        const [lo, hi] = ranges[i];
        if (n < lo) return `beginning of range (${n}) below minimum (${lo}): ${part}`;
        if (n > hi) return `end of range (${n}) above maximum (${hi}): ${part}`;
      }
    }
  }
  return undefined;
}

function validateCronJob(o: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = o.spec ?? {};
  const name: string = o.metadata?.name ?? '';
  if (name.length > 52) errs.push(invalid('metadata.name', name, 'must be no more than 52 characters'));
  if (!spec.schedule) errs.push(required('spec.schedule'));
  else {
    const e = cronScheduleError(spec.schedule);
    if (e) errs.push(invalid('spec.schedule', spec.schedule, e));
    if (/\b(CRON_TZ|TZ)=/.test(spec.schedule)) {
      errs.push(invalid('spec.schedule', spec.schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    }
  }
  const cp = spec.concurrencyPolicy;
  if (cp && !['Allow', 'Forbid', 'Replace'].includes(cp)) errs.push(notSupported('spec.concurrencyPolicy', cp, ['Allow', 'Forbid', 'Replace']));
  errs.push(...nonNegative(spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
  errs.push(...nonNegative(spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'));
  errs.push(...nonNegative(spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
  const tpl = spec.jobTemplate?.spec?.template;
  if (!tpl) errs.push(required('spec.jobTemplate.spec.template'));
  else {
    errs.push(...validatePodTemplate(tpl, 'spec.jobTemplate.spec.template'));
    const rp = tpl.spec?.restartPolicy;
    if (rp === undefined || rp === 'Always') errs.push(notSupported('spec.jobTemplate.spec.template.spec.restartPolicy', rp ?? '', ['OnFailure', 'Never']));
  }
  return errs;
}

function defaultCronJob(o: KObject): void {
  const spec = ensure(o, 'spec');
  setDefault(spec, 'concurrencyPolicy', 'Allow');
  setDefault(spec, 'suspend', false);
  setDefault(spec, 'successfulJobsHistoryLimit', 3);
  setDefault(spec, 'failedJobsHistoryLimit', 1);
  const jt = ensure(spec, 'jobTemplate');
  const js = ensure(jt, 'spec');
  if (js.template) defaultPodTemplate(js.template);
}

export const CronJob: KindDef = {
  group: 'batch', version: 'v1', kind: 'CronJob', plural: 'cronjobs', singular: 'cronjob', namespaced: true,
  shortNames: ['cj'], categories: ['all'],
  schemaType: 'io.k8s.api.batch.v1.CronJob',
  subresources: [{ name: 'status', verbs: ['get', 'patch', 'update'] }],
  columns: [
    nameCol(),
    col('Schedule', 'string', 'Cron schedule.', (o) => o.spec?.schedule ?? ''),
    col('Timezone', 'string', 'Time zone of the schedule.', (o) => o.spec?.timeZone ?? '<none>'),
    col('Suspend', 'boolean', 'Whether scheduling is suspended.', (o) => (o.spec?.suspend == null ? '<unset>' : o.spec.suspend ? 'True' : 'False')),
    col('Active', 'integer', 'Running jobs.', (o) => (o.status?.active ?? []).length),
    col('Last Schedule', 'string', 'Time since the last scheduled job.', (o, now) => (o.status?.lastScheduleTime ? since(o.status.lastScheduleTime, now) : '<none>')),
    ageCol(),
    ...templateCols((o) => o.spec?.jobTemplate?.spec?.template?.spec, (o) => formatLabelSelector(o.spec?.jobTemplate?.spec?.selector)),
  ],
  generation: true,
  hasStatus: true,
  prepareForCreate: (o) => {
    defaultCronJob(o);
    o.status = {};
  },
  prepareForUpdate: (o, old) => {
    defaultCronJob(o);
    o.status = old.status;
  },
  validate: metaThen(true, 'subdomain', validateCronJob),
  validateUpdate: metaUpdateThen(validateCronJob),
};

export const BATCH_KINDS: KindDef[] = [Job, CronJob];
