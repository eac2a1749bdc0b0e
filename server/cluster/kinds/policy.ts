// policy/v1: PodDisruptionBudget.
import type { FieldError, KindDef } from './types.ts';
import { ageCol, col, nameCol } from './format.ts';
import { invalid, validateLabelSelector } from './validation.ts';
import { metaThen, metaUpdateThen } from './core.ts';

function validatePDB(o: any): FieldError[] {
  const errs: FieldError[] = [];
  const spec = o.spec ?? {};
  if (spec.minAvailable != null && spec.maxUnavailable != null) {
    errs.push(invalid('spec', spec, 'minAvailable and maxUnavailable cannot be both set', 'policy.PodDisruptionBudgetSpec{…}'));
  }
  for (const f of ['minAvailable', 'maxUnavailable']) {
    const v = spec[f];
    if (typeof v === 'number' && v < 0) errs.push(invalid(`spec.${f}`, v, 'must be greater than or equal to 0'));
    if (typeof v === 'string' && /^\d+%$/.test(v) && Number(v.slice(0, -1)) > 100) errs.push(invalid(`spec.${f}`, v, 'must not be greater than 100%'));
  }
  errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  return errs;
}

export const PodDisruptionBudget: KindDef = {
  group: 'policy', version: 'v1', kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets', singular: 'poddisruptionbudget', namespaced: true,
  shortNames: ['pdb'],
  schemaType: 'io.k8s.api.policy.v1.PodDisruptionBudget',
  subresources: [{ name: 'status', verbs: ['get', 'patch', 'update'] }],
  columns: [
    nameCol(),
    col('Min Available', 'string', 'Pods that must stay available.', (o) => (o.spec?.minAvailable != null ? String(o.spec.minAvailable) : 'N/A')),
    col('Max Unavailable', 'string', 'Pods that may be unavailable.', (o) => (o.spec?.maxUnavailable != null ? String(o.spec.maxUnavailable) : 'N/A')),
    col('Allowed Disruptions', 'integer', 'Pods that may be disrupted now.', (o) => o.status?.disruptionsAllowed ?? 0),
    ageCol(),
  ],
  generation: true,
  hasStatus: true,
  prepareForCreate: (o) => { o.status = { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 }; },
  prepareForUpdate: (o, old) => { o.status = old.status; },
  validate: metaThen(true, 'subdomain', validatePDB),
  validateUpdate: metaUpdateThen(validatePDB),
};

export const POLICY_KINDS: KindDef[] = [PodDisruptionBudget];
