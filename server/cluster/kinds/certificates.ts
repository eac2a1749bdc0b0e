// certificates.k8s.io/v1: CertificateSigningRequest.
import type { FieldError, KindDef, KObject } from './types.ts';
import { ageCol, col, humanDuration, nameCol } from './format.ts';
import { forbidden, required } from './validation.ts';
import { metaThen, metaUpdateThen } from './core.ts';

/** The CONDITION cell: Denied / Approved / Pending, then ,Failed and ,Issued. */
export function csrCondition(o: KObject): string {
  const types = new Set((o.status?.conditions ?? []).map((c: any) => c.type));
  let s = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) s += ',Failed';
  if (o.status?.certificate) s += ',Issued';
  return s;
}

function validateCSR(o: KObject): FieldError[] {
  const errs: FieldError[] = [];
  if (!o.spec?.request) errs.push(required('spec.request'));
  if (!o.spec?.signerName) errs.push(required('spec.signerName'));
  if (!o.spec?.usages || o.spec.usages.length === 0) errs.push(required('spec.usages'));
  if (o.spec?.expirationSeconds != null && o.spec.expirationSeconds < 600) {
    errs.push({ type: 'Invalid', field: 'spec.expirationSeconds', value: o.spec.expirationSeconds, detail: 'may not specify a duration less than 600 seconds (10 minutes)' });
  }
  const conds = new Set((o.status?.conditions ?? []).map((c: any) => c.type));
  if (conds.has('Approved') && conds.has('Denied')) errs.push(forbidden('status.conditions', 'Approved and Denied conditions are mutually exclusive'));
  return errs;
}

export const CertificateSigningRequest: KindDef = {
  group: 'certificates.k8s.io', version: 'v1', kind: 'CertificateSigningRequest', plural: 'certificatesigningrequests', singular: 'certificatesigningrequest', namespaced: false,
  shortNames: ['csr'],
  schemaType: 'io.k8s.api.certificates.v1.CertificateSigningRequest',
  subresources: [
    { name: 'status', verbs: ['get', 'patch', 'update'] },
    { name: 'approval', verbs: ['get', 'patch', 'update'] },
  ],
  columns: [
    nameCol(),
    ageCol(),
    col('SignerName', 'string', 'Signer asked to sign.', (o) => o.spec?.signerName || '<none>'),
    col('Requestor', 'string', 'User who made the request.', (o) => o.spec?.username ?? ''),
    col('RequestedDuration', 'string', 'Requested validity.', (o) => (o.spec?.expirationSeconds != null ? humanDuration(o.spec.expirationSeconds * 1000) : '<none>')),
    col('Condition', 'string', 'Approval and issuance state.', csrCondition),
  ],
  selectableFields: (o) => ({ 'spec.signerName': o.spec?.signerName ?? '' }),
  hasStatus: true,
  prepareForCreate: (o, ctx) => {
    const spec = (o.spec ??= {});
    spec.username = ctx.user.username;
    if (ctx.user.uid) spec.uid = ctx.user.uid; else delete spec.uid;
    spec.groups = [...ctx.user.groups];
    if (ctx.user.extra) spec.extra = ctx.user.extra; else delete spec.extra;
    o.status = {};
  },
  prepareForUpdate: (o, old) => {
    o.spec = old.spec;
    o.status = old.status;
  },
  validate: metaThen(false, 'subdomain', validateCSR),
  validateUpdate: metaUpdateThen(validateCSR),
  notes: 'The approval subresource may only change Approved/Denied conditions; status may only change certificate and other conditions.',
};

export const CERTIFICATES_KINDS: KindDef[] = [CertificateSigningRequest];
