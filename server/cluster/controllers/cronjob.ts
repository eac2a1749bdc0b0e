// The CronJob controller (upstream's cronjob v2 controller): creates a Job for each due schedule
// time on the runtime clock (5-field schedules, @hourly and friends, spec.timeZone / CRON_TZ),
// honouring startingDeadlineSeconds, concurrencyPolicy and suspend; keeps status.active,
// lastScheduleTime and lastSuccessfulTime; trims finished jobs to the history limits.
import { CronExpressionParser } from 'cron-parser';
import type { KObject } from '../kinds/types.ts';
import { Reconciler, splitKey, isAlreadyExists, isNotFound, type Ctx } from './framework.ts';
import { clone, nowRFC3339 } from '../api/rest.ts';
import { ownerIndex, emit, controllerRef, ownerRefTo, errorText } from './workload-util.ts';

const COMPONENT = 'cronjob-controller';
const CJ = 'batch/v1/cronjobs';
const JOBS = 'batch/v1/jobs';
const SCHEDULED_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
const TOO_MANY = 100;

function finishedType(job: KObject): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? []) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  }
  return undefined;
}

/** The schedule (with its time zone) as a function from a time to the schedule times around it. */
function scheduleOf(cj: KObject): { next(after: number): number; prev(atOrBefore: number): number } | string {
  let expr: string = (cj.spec?.schedule ?? '').trim();
  let tz: string | undefined = cj.spec?.timeZone ?? undefined;
  const m = /^(?:CRON_TZ|TZ)=(\S+)\s+(.*)$/.exec(expr);
  if (m) {
    tz = tz ?? m[1];
    expr = m[2];
  }
  if (tz) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
    } catch {
      return `unknown time zone ${tz}`;
    }
  }
  try {
    CronExpressionParser.parse(expr, { tz });
  } catch (e) {
    return errorText(e);
  }
  return {
    next: (after) => CronExpressionParser.parse(expr, { currentDate: new Date(after), tz }).next().getTime(),
    prev: (at) => CronExpressionParser.parse(expr, { currentDate: new Date(at + 1), tz }).prev().getTime(),
  };
}

export function startCronJobController(ctx: Ctx): { stop(): void } {
  const jobs = ownerIndex(ctx.store, '/registry/jobs/');

  const reconcile = async (key: string) => {
    const [ns, name] = splitKey(key);
    const cj0 = ctx.client.get(CJ, ns, name);
    if (!cj0) return;
    const cj = clone(cj0);
    const status: any = clone(cj.status ?? {});
    const now = ctx.clock.ms();
    const owned = jobs.owned(cj.metadata!.uid);

    // ---- the active list follows the jobs ----
    const active: any[] = [];
    const ownedByName = new Map(owned.map((j) => [j.metadata!.name, j]));
    for (const ref of status.active ?? []) {
      const j = ownedByName.get(ref.name);
      if (!j || j.metadata!.uid !== ref.uid) continue; // gone
      const done = finishedType(j);
      if (done) {
        emit(ctx, COMPONENT, cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata!.name}, condition: ${done}`);
        if (done === 'Complete' && j.status?.completionTime && (!status.lastSuccessfulTime || Date.parse(j.status.completionTime) > Date.parse(status.lastSuccessfulTime))) {
          status.lastSuccessfulTime = j.status.completionTime;
        }
        continue;
      }
      active.push(ref);
    }
    for (const j of owned) {
      if (finishedType(j) || j.metadata?.deletionTimestamp) continue;
      if (!active.some((r) => r.uid === j.metadata!.uid)) active.push(jobRef(j));
    }
    if (active.length) status.active = active;
    else delete status.active;

    // ---- history limits ----
    await cleanup(cj, owned);

    const write = async () => {
      if (JSON.stringify(status) === JSON.stringify(cj0.status ?? {})) return;
      const latest = ctx.client.get(CJ, ns, name);
      if (!latest || latest.metadata!.uid !== cj.metadata!.uid) return;
      await ctx.client.updateStatus(CJ, { ...latest, status });
    };

    if (cj.metadata?.deletionTimestamp) return write();
    const sched = scheduleOf(cj);
    if (typeof sched === 'string') {
      emit(ctx, COMPONENT, cj, 'Warning', sched.startsWith('unknown time zone') ? 'UnknownTimeZone' : 'UnparseableSchedule', sched.startsWith('unknown time zone') ? `invalid timeZone: "${cj.spec?.timeZone}": ${sched}` : `unparseable schedule: "${cj.spec?.schedule}" : ${sched}`);
      return write();
    }
    if (cj.spec?.suspend) return write();

    // ---- the most recent schedule time not yet run ----
    let earliest = Date.parse(status.lastScheduleTime ?? cj.metadata!.creationTimestamp);
    const deadline = cj.spec?.startingDeadlineSeconds;
    if (deadline != null) earliest = Math.max(earliest, now - deadline * 1000);
    const next = sched.next(now);
    const requeue = { requeueAfter: Math.max(next - now, 0) + 100 };
    const latestDue = sched.prev(now);
    if (!(latestDue > earliest)) {
      await write();
      return requeue;
    }
    let missed = 0;
    for (let t = sched.next(earliest); t <= now && missed <= TOO_MANY; t = sched.next(t)) missed++;
    if (missed > TOO_MANY) {
      emit(ctx, COMPONENT, cj, 'Warning', 'TooManyMissedTimes', `too many missed start times: ${missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`);
    }
    if (deadline != null && latestDue + deadline * 1000 < now) {
      emit(ctx, COMPONENT, cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${nowRFC3339(new Date(latestDue))}`);
      await write();
      return requeue;
    }
    const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && active.length) {
      emit(ctx, COMPONENT, cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      await write();
      return requeue;
    }
    if (policy === 'Replace') {
      for (const ref of [...active]) {
        try {
          await ctx.client.delete(JOBS, ns, ref.name, { propagationPolicy: 'Background', preconditions: { uid: ref.uid } });
          emit(ctx, COMPONENT, cj, 'Normal', 'SuccessfulDelete', `Deleted job ${ref.name}`);
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
        active.splice(active.indexOf(ref), 1);
      }
      if (active.length) status.active = active;
      else delete status.active;
    }
    const job = jobFor(cj, latestDue);
    try {
      const made = await ctx.client.create(JOBS, job);
      emit(ctx, COMPONENT, cj, 'Normal', 'SuccessfulCreate', `Created job ${made.metadata!.name}`);
      status.active = [...(status.active ?? []), jobRef(made)];
    } catch (e) {
      if (!isAlreadyExists(e)) {
        emit(ctx, COMPONENT, cj, 'Warning', 'FailedCreate', `Error creating job: ${errorText(e)}`);
        throw e;
      }
    }
    status.lastScheduleTime = nowRFC3339(new Date(latestDue));
    await write();
    return requeue;
  };

  const jobRef = (j: KObject) => ({ kind: 'Job', namespace: j.metadata!.namespace, name: j.metadata!.name, uid: j.metadata!.uid, apiVersion: 'batch/v1', resourceVersion: j.metadata!.resourceVersion });

  const jobFor = (cj: KObject, scheduled: number): KObject => {
    const tpl = clone(cj.spec.jobTemplate ?? {});
    const md = tpl.metadata ?? {};
    return {
      apiVersion: 'batch/v1', kind: 'Job',
      metadata: {
        name: `${cj.metadata!.name}-${Math.floor(scheduled / 60_000)}`,
        namespace: cj.metadata!.namespace,
        labels: { ...(md.labels ?? {}) },
        annotations: { ...(md.annotations ?? {}), [SCHEDULED_ANNOTATION]: nowRFC3339(new Date(scheduled)) },
        ownerReferences: [ownerRefTo(cj)],
      },
      spec: tpl.spec ?? {},
    };
  };

  const cleanup = async (cj: KObject, owned: KObject[]) => {
    const limits = { Complete: cj.spec?.successfulJobsHistoryLimit, Failed: cj.spec?.failedJobsHistoryLimit };
    for (const type of ['Complete', 'Failed'] as const) {
      const limit = limits[type];
      if (limit == null) continue;
      const done = owned.filter((j) => finishedType(j) === type && !j.metadata?.deletionTimestamp)
        .sort((a, b) => (Date.parse(a.status?.startTime ?? a.metadata!.creationTimestamp) - Date.parse(b.status?.startTime ?? b.metadata!.creationTimestamp)));
      for (const j of done.slice(0, Math.max(0, done.length - limit))) {
        try {
          await ctx.client.delete(JOBS, j.metadata!.namespace, j.metadata!.name, { propagationPolicy: 'Background', preconditions: { uid: j.metadata!.uid } });
          emit(ctx, COMPONENT, cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata!.name}`);
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
    }
  };

  const rec = new Reconciler(ctx, {
    name: 'cronjob',
    watch: ['/registry/cronjobs/', '/registry/jobs/'],
    keysFor: (ev) => {
      const ns = ev.obj.metadata?.namespace;
      if (ev.key.startsWith('/registry/cronjobs/')) return [`${ns}/${ev.obj.metadata!.name}`];
      const ref = controllerRef(ev.obj) ?? controllerRef(ev.prev);
      return ref?.kind === 'CronJob' ? [`${ns}/${ref.name}`] : [];
    },
    reconcile,
  }).start();
  return { stop: () => rec.stop() };
}
