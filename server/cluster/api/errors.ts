// Errors a client can cause, as values that know their Status reply. The texts are
// kube-apiserver's (k8s.io/apimachinery/pkg/api/errors), so kubectl prints what it prints upstream.
import type { FieldError } from '../kinds/types.ts';

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): Record<string, unknown> {
    const s: Record<string, unknown> = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message };
    if (this.reason) s.reason = this.reason;
    if (this.details && Object.keys(this.details).length) s.details = this.details;
    s.code = this.code;
    return s;
  }
}

/** `deployments.apps` for grouped resources, `pods` for the core group (upstream's qualified resource). */
export function qualified(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}

export const notFound = (resource: string, group: string, name: string) =>
  new ApiError(404, 'NotFound', `${qualified(resource, group)} "${name}" not found`, { name, group: group || undefined, kind: resource });

export const alreadyExists = (resource: string, group: string, name: string) =>
  new ApiError(409, 'AlreadyExists', `${qualified(resource, group)} "${name}" already exists`, { name, group: group || undefined, kind: resource });

export const OPTIMISTIC_LOCK_MESSAGE = 'the object has been modified; please apply your changes to the latest version and try again';

export const conflict = (resource: string, group: string, name: string, why = OPTIMISTIC_LOCK_MESSAGE) =>
  new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(resource, group)} "${name}": ${why}`, { name, group: group || undefined, kind: resource });

export const badRequest = (message: string) => new ApiError(400, 'BadRequest', message);

export const methodNotSupported = () => new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');

export const pathNotFound = () => new ApiError(404, 'NotFound', 'the server could not find the requested resource');

export const unsupportedMediaType = (type: string) =>
  new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`, { causes: [{ reason: 'UnexpectedServerResponse', message: type }] });

export const tooLarge = () => new ApiError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');

export const gone = (message: string) => new ApiError(410, 'Expired', message);

export const internal = (message: string) =>
  new ApiError(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });

export const forbidden = (resource: string, group: string, name: string, why: string) => {
  const what = name ? `${qualified(resource, group)} "${name}"` : qualified(resource, group);
  return new ApiError(403, 'Forbidden', `${what} is forbidden: ${why}`, { name: name || undefined, group: group || undefined, kind: resource });
};

export const unauthorized = () => new ApiError(401, 'Unauthorized', 'Unauthorized');

/** Formats a value the way Go's field errors print it: strings quoted, others as JSON-ish. */
function formatValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

const CAUSE_REASON: Record<FieldError['type'], string> = {
  Required: 'FieldValueRequired',
  Invalid: 'FieldValueInvalid',
  NotSupported: 'FieldValueNotSupported',
  Duplicate: 'FieldValueDuplicate',
  Forbidden: 'FieldValueForbidden',
  TooLong: 'FieldValueTooLong',
  TooMany: 'FieldValueTooMany',
  NotFound: 'FieldValueNotFound',
};

/** The message of one field error without its path, as field.Error.ErrorBody() prints it. */
export function fieldErrorBody(e: FieldError): string {
  switch (e.type) {
    case 'Required':
      return e.detail ? `Required value: ${e.detail}` : 'Required value';
    case 'Forbidden':
      return e.detail ? `Forbidden: ${e.detail}` : 'Forbidden';
    case 'Invalid': {
      const shown = (e as { valueRepr?: string }).valueRepr ?? (e.value === undefined ? undefined : formatValue(e.value));
      const base = shown === undefined ? 'Invalid value' : `Invalid value: ${shown}`;
      return e.detail ? `${base}: ${e.detail}` : base;
    }
    case 'NotSupported': {
      let s = `Unsupported value: ${formatValue(e.value)}`;
      if (e.supported?.length) s += `: supported values: ${e.supported.map((x) => JSON.stringify(x)).join(', ')}`;
      return s;
    }
    case 'Duplicate':
      return `Duplicate value: ${formatValue(e.value)}`;
    case 'NotFound':
      return `Not found: ${formatValue(e.value)}`;
    case 'TooLong':
      return e.detail ? `Too long: ${e.detail}` : 'Too long';
    case 'TooMany':
      return e.detail ? `Too many: ${e.detail}` : 'Too many';
  }
}

export function fieldErrorText(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/** 422 Invalid, as errors.NewInvalid builds it: `Pod "x" is invalid: [a: ..., b: ...]`. */
export function invalid(kind: string, group: string, name: string, errs: FieldError[]): ApiError {
  const texts = errs.map(fieldErrorText);
  const list = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  return new ApiError(422, 'Invalid', `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${list}`, {
    name,
    group: group || undefined,
    kind,
    causes: errs.map((e) => ({ reason: CAUSE_REASON[e.type], message: fieldErrorBody(e), field: e.field })),
  });
}
