// scheduling.k8s.io/v1: PriorityClass.
import type { FieldError, KindDef } from './types.ts';
import { ageCol, col, nameCol } from './format.ts';
import { forbidden, immutable, invalid, notSupported } from './validation.ts';
import { metaThen, metaUpdateThen } from './core.ts';

const HIGHEST_USER_PRIORITY = 1_000_000_000;

export const PriorityClass: KindDef = {
  group: 'scheduling.k8s.io', version: 'v1', kind: 'PriorityClass', plural: 'priorityclasses', singular: 'priorityclass', namespaced: false,
  shortNames: ['pc'],
  schemaType: 'io.k8s.api.scheduling.v1.PriorityClass',
  columns: [
    nameCol(),
    col('Value', 'integer', 'Priority of pods using the class.', (o) => o.value ?? 0),
    col('Global-Default', 'boolean', 'Whether pods without a class get this one.', (o) => o.globalDefault === true),
    ageCol(),
    col('PreemptionPolicy', 'string', 'Whether pods of the class preempt others.', (o) => o.preemptionPolicy ?? '', true),
  ],
  prepareForCreate: (o) => { o.preemptionPolicy ??= 'PreemptLowerPriority'; },
  prepareForUpdate: (o) => { o.preemptionPolicy ??= 'PreemptLowerPriority'; },
  validate: metaThen(false, 'subdomain', (o) => {
    const errs: FieldError[] = [];
    const name = String(o.metadata?.name ?? '');
    if (name.startsWith('system-') && !['system-node-critical', 'system-cluster-critical'].includes(name)) {
      errs.push(forbidden('metadata.name', "priority class names with 'system-' prefix are reserved for system use only"));
    } else if (!name.startsWith('system-') && typeof o.value === 'number' && o.value > HIGHEST_USER_PRIORITY) {
      errs.push(forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`));
    }
    if (o.preemptionPolicy && !['Never', 'PreemptLowerPriority'].includes(o.preemptionPolicy)) {
      errs.push(notSupported('preemptionPolicy', o.preemptionPolicy, ['Never', 'PreemptLowerPriority']));
    }
    if (typeof o.value !== 'number') errs.push(invalid('value', o.value ?? null, 'must be an integer'));
    return errs;
  }),
  validateUpdate: metaUpdateThen((o, old) => [
    ...immutable(o.value, old.value, 'value').map((e) => ({ ...e, type: 'Forbidden' as const, detail: 'may not be changed in an update.' })),
    ...immutable(o.preemptionPolicy, old.preemptionPolicy, 'preemptionPolicy'),
  ]),
};

export const SCHEDULING_KINDS: KindDef[] = [PriorityClass];
