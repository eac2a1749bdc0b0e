// Reusable validators. Each returns FieldError values carrying upstream's exact detail texts (the
// texts are API facts users see in `The Pod "x" is invalid: …`); the store renders them.
import type { FieldError, KObject } from './types.ts';
import { goStringMap } from './format.ts';

// ---- Error builders (field.Required, field.Invalid, …) ----

export function required(field: string, detail?: string): FieldError {
  return detail ? { type: 'Required', field, detail } : { type: 'Required', field };
}
export function invalid(field: string, value: unknown, detail: string, valueRepr?: string): FieldError {
  const e: FieldError = { type: 'Invalid', field, value, detail };
  if (valueRepr !== undefined) e.valueRepr = valueRepr;
  return e;
}
export function notSupported(field: string, value: unknown, supported: string[]): FieldError {
  return { type: 'NotSupported', field, value, supported };
}
export function duplicate(field: string, value: unknown): FieldError {
  return { type: 'Duplicate', field, value };
}
export function forbidden(field: string, detail: string): FieldError {
  return { type: 'Forbidden', field, detail };
}
export function tooLong(field: string, value: unknown, max: number): FieldError {
  return { type: 'TooLong', field, value, detail: `may not be more than ${max} bytes` };
}

export const FIELD_IMMUTABLE = 'field is immutable';

/** ValidateImmutableField: `field is immutable` when the value changed (deep comparison). */
export function immutable(newV: unknown, oldV: unknown, field: string, valueRepr?: string): FieldError[] {
  return deepEqual(newV, oldV) ? [] : [invalid(field, newV, FIELD_IMMUTABLE, valueRepr)];
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a == null || b == null) return a == b;
  if (typeof a !== typeof b) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (typeof a === 'object') {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
    const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
    if (ak.length !== bk.length) return false;
    return ak.every((k) => deepEqual(ao[k], bo[k]));
  }
  return false;
}

// ---- String-format checks (k8s.io/apimachinery/pkg/util/validation) ----

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  let out = `${msg} (e.g. `;
  examples.forEach((ex, i) => {
    if (i > 0) out += ' or ';
    out += `'${ex}', `;
  });
  return `${out}regex used for validation is '${fmt}')`;
}
export function maxLenError(n: number): string {
  return `must be no more than ${n} characters`;
}

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;

export const DNS1123_LABEL_ERROR =
  'a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character';
export const DNS1123_SUBDOMAIN_ERROR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
export const DNS1035_LABEL_ERROR =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const QUALIFIED_NAME_ERROR = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_ERROR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

const reDNS1123Label = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const reDNS1123Subdomain = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const reDNS1035Label = new RegExp(`^${DNS1035_LABEL_FMT}$`);
const reQualifiedName = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const reLabelValue = new RegExp(`^${LABEL_VALUE_FMT}$`);

export function isDNS1123Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!reDNS1123Label.test(v)) errs.push(regexError(DNS1123_LABEL_ERROR, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  return errs;
}
export function isDNS1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLenError(253));
  if (!reDNS1123Subdomain.test(v)) errs.push(regexError(DNS1123_SUBDOMAIN_ERROR, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}
export function isDNS1035Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!reDNS1035Label.test(v)) errs.push(regexError(DNS1035_LABEL_ERROR, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  return errs;
}

/** IsQualifiedName: an optional DNS-subdomain prefix and '/', then a name part of at most 63 characters. */
export function isQualifiedName(v: string): string[] {
  const errs: string[] = [];
  const parts = v.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else for (const m of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${m}`);
  } else {
    return [
      `a qualified name ${regexError(QUALIFIED_NAME_ERROR, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!reQualifiedName.test(name)) errs.push(`name part ${regexError(QUALIFIED_NAME_ERROR, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

export function isValidLabelValue(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!reLabelValue.test(v)) errs.push(regexError(LABEL_VALUE_ERROR, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

/** IsValidPathSegmentName, used for RBAC object names. */
export function isValidPathSegmentName(v: string): string[] {
  if (v === '.' || v === '..') return [`may not be '${v}'`];
  const errs: string[] = [];
  for (const bad of ['/', '%']) if (v.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
}

export function isValidPortNum(p: number): string[] {
  return Number.isInteger(p) && p >= 1 && p <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

/** IsValidPortName (IANA_SVC_NAME). */
export function isValidPortName(v: string): string[] {
  const errs: string[] = [];
  if (v.length < 1 || v.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(v)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (v.includes('--')) errs.push("must not contain consecutive hyphens");
  if (v.length > 0 && !/[a-z]/.test(v)) errs.push('must contain at least one letter (a-z)');
  if (v.startsWith('-') || v.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

export function isValidIP(v: string): boolean {
  const v4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
  if (v4.test(v)) return true;
  return v.includes(':') && /^[0-9a-fA-F:.]+$/.test(v);
}

// ---- Composite validators ----

export type NameRule = 'subdomain' | 'label' | 'dns1035' | 'path' | 'none';

export function nameErrors(name: string, rule: NameRule): string[] {
  switch (rule) {
    case 'subdomain': return isDNS1123Subdomain(name);
    case 'label': return isDNS1123Label(name);
    case 'dns1035': return isDNS1035Label(name);
    case 'path': return isValidPathSegmentName(name);
    default: return [];
  }
}

/** ValidateLabels: keys are qualified names, values valid label values. */
export function validateLabels(labels: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (labels == null || typeof labels !== 'object') return errs;
  for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
    for (const m of isQualifiedName(k)) errs.push(invalid(field, k, m));
    const val = v == null ? '' : String(v);
    for (const m of isValidLabelValue(val)) errs.push(invalid(field, val, m));
  }
  return errs;
}

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** ValidateAnnotations: keys are qualified names (case-insensitively), total size at most 256 KiB. */
export function validateAnnotations(annotations: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (annotations == null || typeof annotations !== 'object') return errs;
  let total = 0;
  for (const [k, v] of Object.entries(annotations as Record<string, unknown>)) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(field, k, m));
    total += k.length + String(v ?? '').length;
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(field, '', TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

/** ValidateObjectMeta for create: name format, namespace presence, labels and annotations. */
export function validateObjectMeta(obj: KObject, namespaced: boolean, nameRule: NameRule): FieldError[] {
  const errs: FieldError[] = [];
  const md = obj.metadata ?? {};
  const name: string = md.name ?? '';
  if (name === '') {
    if (!md.generateName) errs.push(required('metadata.name', 'name or generateName is required'));
  } else {
    for (const m of nameErrors(name, nameRule)) errs.push(invalid('metadata.name', name, m));
  }
  const ns: string = md.namespace ?? '';
  if (namespaced) {
    if (ns === '') errs.push(required('metadata.namespace'));
    else for (const m of isDNS1123Label(ns)) errs.push(invalid('metadata.namespace', ns, m));
  } else if (ns !== '') {
    errs.push(forbidden('metadata.namespace', 'not allowed on this type'));
  }
  errs.push(...validateLabels(md.labels, 'metadata.labels'));
  errs.push(...validateAnnotations(md.annotations, 'metadata.annotations'));
  return errs;
}

/** ValidateObjectMetaUpdate: name, namespace, uid and creation time may not change. */
export function validateObjectMetaUpdate(obj: KObject, old: KObject): FieldError[] {
  const n = obj.metadata ?? {};
  const o = old.metadata ?? {};
  const errs: FieldError[] = [];
  errs.push(...immutable(n.name ?? '', o.name ?? '', 'metadata.name'));
  errs.push(...immutable(n.namespace ?? '', o.namespace ?? '', 'metadata.namespace'));
  if (n.uid !== undefined && o.uid !== undefined) errs.push(...immutable(n.uid, o.uid, 'metadata.uid'));
  errs.push(...validateLabels(n.labels, 'metadata.labels'));
  errs.push(...validateAnnotations(n.annotations, 'metadata.annotations'));
  return errs;
}

/** ValidateNonnegativeField. */
export function nonNegative(v: unknown, field: string): FieldError[] {
  return typeof v === 'number' && v < 0 ? [invalid(field, v, 'must be greater than or equal to 0')] : [];
}

/** ValidateLabelSelector: operators and their value counts, keys and values. */
export function validateLabelSelector(sel: any, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (sel == null) return errs;
  (sel.matchExpressions ?? []).forEach((e: any, i: number) => {
    const p = `${field}.matchExpressions[${i}]`;
    const vals: unknown[] = e?.values ?? [];
    switch (e?.operator) {
      case 'In':
      case 'NotIn':
        if (vals.length === 0) errs.push(required(`${p}.values`, 'must be specified when `operator` is \'In\' or \'NotIn\''));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (vals.length > 0) errs.push(forbidden(`${p}.values`, 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''));
        break;
      default:
        errs.push(invalid(`${p}.operator`, e?.operator ?? '', 'not a valid selector operator'));
    }
    for (const m of isQualifiedName(String(e?.key ?? ''))) errs.push(invalid(`${p}.key`, e?.key ?? '', m));
  });
  errs.push(...validateLabels(sel.matchLabels, `${field}.matchLabels`));
  return errs;
}

/** Whether a label selector (metav1.LabelSelector) matches a label set. */
export function selectorMatches(sel: any, labels: Record<string, string> | undefined): boolean {
  if (sel == null) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries<any>(sel.matchLabels ?? {})) if (l[k] !== String(v)) return false;
  for (const e of (sel.matchExpressions ?? []) as any[]) {
    const has = Object.prototype.hasOwnProperty.call(l, e.key);
    const vals: string[] = e.values ?? [];
    switch (e.operator) {
      case 'In': if (!has || !vals.includes(l[e.key])) return false; break;
      case 'NotIn': if (has && vals.includes(l[e.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

export function isEmptySelector(sel: any): boolean {
  return sel == null || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0);
}

/** The `selector` does not match template `labels` error of workload validation. */
export function selectorMismatch(field: string, labels: Record<string, string> | undefined): FieldError {
  return invalid(field, labels ?? null, '`selector` does not match template `labels`', goStringMap(labels ?? null));
}
