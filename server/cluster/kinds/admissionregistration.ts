// admissionregistration.k8s.io/v1: ValidatingWebhookConfiguration, MutatingWebhookConfiguration.
import type { FieldError, KindDef, KObject } from './types.ts';
import { ageCol, col, nameCol } from './format.ts';
import { notSupported, required } from './validation.ts';
import { metaThen, metaUpdateThen } from './core.ts';

function defaultWebhooks(o: KObject, mutating: boolean): void {
  for (const w of o.webhooks ?? []) {
    w.failurePolicy ??= 'Fail';
    w.matchPolicy ??= 'Equivalent';
    w.namespaceSelector ??= {};
    w.objectSelector ??= {};
    w.timeoutSeconds ??= 10;
    if (mutating) w.reinvocationPolicy ??= 'Never';
    for (const r of w.rules ?? []) r.scope ??= '*';
    if (w.clientConfig?.service) w.clientConfig.service.port ??= 443;
  }
}

function validateWebhooks(o: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (o.webhooks ?? []).forEach((w: any, i: number) => {
    const p = `webhooks[${i}]`;
    if (!w.name) errs.push(required(`${p}.name`));
    else if (names.has(w.name)) errs.push({ type: 'Duplicate', field: `${p}.name`, value: w.name });
    names.add(w.name);
    const se = ['None', 'NoneOnDryRun'];
    if (!w.sideEffects) errs.push(required(`${p}.sideEffects`));
    else if (!se.includes(w.sideEffects)) errs.push(notSupported(`${p}.sideEffects`, w.sideEffects, se));
    if (!w.admissionReviewVersions || w.admissionReviewVersions.length === 0) errs.push(required(`${p}.admissionReviewVersions`));
    const cc = w.clientConfig ?? {};
    if (!cc.url && !cc.service) errs.push(required(`${p}.clientConfig`, 'exactly one of url or service is required'));
  });
  return errs;
}

function webhookKind(kind: string, plural: string, singular: string, mutating: boolean): KindDef {
  return {
    group: 'admissionregistration.k8s.io', version: 'v1', kind, plural, singular, namespaced: false,
    categories: ['api-extensions'],
    schemaType: `io.k8s.api.admissionregistration.v1.${kind}`,
    columns: [
      nameCol(),
      col('Webhooks', 'integer', 'Number of webhooks in the configuration.', (o) => (o.webhooks ?? []).length),
      ageCol(),
    ],
    prepareForCreate: (o) => defaultWebhooks(o, mutating),
    prepareForUpdate: (o) => defaultWebhooks(o, mutating),
    validate: metaThen(false, 'subdomain', validateWebhooks),
    validateUpdate: metaUpdateThen(validateWebhooks),
  };
}

export const ValidatingWebhookConfiguration = webhookKind('ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', 'validatingwebhookconfiguration', false);
export const MutatingWebhookConfiguration = webhookKind('MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', 'mutatingwebhookconfiguration', true);

export const ADMISSIONREGISTRATION_KINDS: KindDef[] = [ValidatingWebhookConfiguration, MutatingWebhookConfiguration];
