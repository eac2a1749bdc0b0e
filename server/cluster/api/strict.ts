// Strict decoding as kube-apiserver does it for fieldValidation=Strict, driven by the schema:
// unknown fields (sigs.k8s.io/json strict paths) and JSON type mismatches (Go's encoding/json
// UnmarshalTypeError text). Also the small field-type helpers the other wire modules share.
// Written by us; the error texts are wire facts of kube-apiserver 1.35.
import type { FieldDef, FieldType, TypeDef } from '../schema/types.ts';

export type TypeLookup = (name: string) => TypeDef | undefined;

// ---------------------------------------------------------------------------------------------
// Field types

export type ScalarType = 'string' | 'int32' | 'int64' | 'bool' | 'double' | 'bytes';
export type WrapperType =
  | 'Time' | 'MicroTime' | 'Duration' | 'Quantity' | 'IntOrString' | 'RawExtension' | 'FieldsV1' | 'JSON';

export type ParsedType =
  | { kind: 'scalar'; name: ScalarType }
  | { kind: 'wrapper'; name: WrapperType }
  | { kind: 'ref'; name: string }
  | { kind: 'list'; elem: ParsedType }
  | { kind: 'map'; elem: ParsedType };

const SCALARS = new Set<string>(['string', 'int32', 'int64', 'bool', 'double', 'bytes']);
const WRAPPERS = new Set<string>(['Time', 'MicroTime', 'Duration', 'Quantity', 'IntOrString', 'RawExtension', 'FieldsV1', 'JSON']);

const parsedCache = new Map<string, ParsedType>();

/** Splits a schema field type ('[]X', 'map[X]', scalar, wrapper or type name) into its parts. */
export function parseFieldType(t: FieldType): ParsedType {
  const hit = parsedCache.get(t);
  if (hit) return hit;
  let p: ParsedType;
  if (t.startsWith('[]')) p = { kind: 'list', elem: parseFieldType(t.slice(2)) };
  else if (t.startsWith('map[') && t.endsWith(']')) p = { kind: 'map', elem: parseFieldType(t.slice(4, -1)) };
  else if (SCALARS.has(t)) p = { kind: 'scalar', name: t as ScalarType };
  else if (WRAPPERS.has(t)) p = { kind: 'wrapper', name: t as WrapperType };
  else p = { kind: 'ref', name: t };
  parsedCache.set(t, p);
  return p;
}

/** The JSON value kinds a field type accepts: 'string' | 'number' | 'boolean' | 'object' | 'array' | 'any'. */
export function jsonTypeOf(t: FieldType): 'string' | 'number' | 'boolean' | 'object' | 'array' | 'any' | 'string|number' {
  const p = parseFieldType(t);
  switch (p.kind) {
    case 'list': return 'array';
    case 'map': return 'object';
    case 'ref': return 'object';
    case 'scalar':
      if (p.name === 'string' || p.name === 'bytes') return 'string';
      if (p.name === 'bool') return 'boolean';
      return 'number';
    case 'wrapper':
      if (p.name === 'Time' || p.name === 'MicroTime' || p.name === 'Duration') return 'string';
      if (p.name === 'Quantity' || p.name === 'IntOrString') return 'string|number';
      return 'any';
  }
}

/** Full upstream type name of a wrapper type (as OpenAPI names it). */
export const WRAPPER_TYPE_NAMES: Record<WrapperType, string> = {
  Time: 'io.k8s.apimachinery.pkg.apis.meta.v1.Time',
  MicroTime: 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime',
  Duration: 'io.k8s.apimachinery.pkg.apis.meta.v1.Duration',
  Quantity: 'io.k8s.apimachinery.pkg.api.resource.Quantity',
  IntOrString: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
  RawExtension: 'io.k8s.apimachinery.pkg.runtime.RawExtension',
  FieldsV1: 'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1',
  JSON: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON',
};

const fieldIndex = new WeakMap<TypeDef, Map<string, FieldDef>>();

/** The fields of a type keyed by JSON name (cached). */
export function fieldsByName(def: TypeDef): Map<string, FieldDef> {
  let m = fieldIndex.get(def);
  if (!m) {
    m = new Map(def.fields.map((f) => [f.name, f]));
    fieldIndex.set(def, m);
  }
  return m;
}

/** Whether `name` is a known JSON key of the type (apiVersion/kind are always known on top-level kinds). */
export function hasField(def: TypeDef, name: string): boolean {
  if (fieldsByName(def).has(name)) return true;
  return (name === 'apiVersion' || name === 'kind') && !!def.gvk?.length;
}

// ---------------------------------------------------------------------------------------------
// Unknown fields

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Paths of the keys in `obj` that the schema of `typeName` does not know, formatted as the strict
 * JSON decoder does: `spec.foo`, `spec.containers[0].imagee`, map keys joined with dots
 * (`spec.selector.matchLabels.x`), no leading dot. Values of a wrong JSON type are not walked
 * (findTypeErrors reports those); RawExtension/JSON/FieldsV1 contents are free-form.
 */
export function findUnknownFields(obj: unknown, typeName: string, lookup: TypeLookup): string[] {
  const out: string[] = [];
  const def = lookup(typeName);
  if (def && isPlainObject(obj)) walkObject(obj, def, '', lookup, out);
  return out;
}

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}

function walkObject(obj: Record<string, unknown>, def: TypeDef, path: string, lookup: TypeLookup, out: string[]): void {
  const fields = fieldsByName(def);
  for (const [key, value] of Object.entries(obj)) {
    const f = fields.get(key);
    if (!f) {
      if (!hasField(def, key)) out.push(join(path, key));
      continue;
    }
    walkValue(value, parseFieldType(f.type), join(path, key), lookup, out);
  }
}

function walkValue(value: unknown, t: ParsedType, path: string, lookup: TypeLookup, out: string[]): void {
  if (value === null || value === undefined) return;
  switch (t.kind) {
    case 'ref': {
      const def = lookup(t.name);
      if (def && isPlainObject(value)) walkObject(value, def, path, lookup, out);
      return;
    }
    case 'list':
      if (Array.isArray(value)) value.forEach((v, i) => walkValue(v, t.elem, `${path}[${i}]`, lookup, out));
      return;
    case 'map':
      if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) walkValue(v, t.elem, join(path, k), lookup, out);
      return;
    default:
      return;
  }
}

/** The strict-decoding message kube-apiserver puts after `<Kind> in version "v1" cannot be handled as a <Kind>: `. */
export function strictDecodingMessage(unknownPaths: string[]): string {
  return 'strict decoding error: ' + unknownPaths.map((p) => `unknown field ${JSON.stringify(p)}`).join(', ');
}

/** kube-apiserver's BadRequest text for a body that failed to decode into the kind. */
export function cannotBeHandledMessage(kind: string, version: string, err: string): string {
  return `${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: ${err}`;
}

// ---------------------------------------------------------------------------------------------
// JSON type errors (Go encoding/json as used by kube-apiserver's case-sensitive decoder)

export interface TypeErrorOptions {
  /**
   * Go type name of a field where it differs from what the schema implies, e.g. a named string type
   * (`v1.Protocol`) or a named map (`v1.ResourceList`). Called with the containing type's full name.
   */
  goType?: (typeName: string, field: FieldDef) => string | undefined;
}

/** Go's spelling of a declared type: package (last path segment before the name) + '.' + name. */
export function goTypeName(fullName: string): string {
  const parts = fullName.split('.');
  if (parts.length < 2) return fullName;
  return `${parts[parts.length - 2]}.${parts[parts.length - 1]}`;
}

function goStructName(fullName: string): string {
  const parts = fullName.split('.');
  return parts[parts.length - 1];
}

/** Go type string (reflect.Type.String) a schema field type maps to. */
export function goTypeOf(t: ParsedType): string {
  switch (t.kind) {
    case 'scalar':
      if (t.name === 'bool') return 'bool';
      if (t.name === 'double') return 'float64';
      if (t.name === 'bytes') return '[]uint8';
      return t.name;
    case 'wrapper':
      return goTypeName(WRAPPER_TYPE_NAMES[t.name]);
    case 'ref':
      return goTypeName(t.name);
    case 'list':
      return `[]${goTypeOf(t.elem)}`;
    case 'map':
      return `map[string]${goTypeOf(t.elem)}`;
  }
}

interface ErrCtx {
  /** Name of the Go struct the current field belongs to (errorContext.Struct). */
  struct: string;
  /** JSON names of the struct fields walked so far (errorContext.FieldStack); no indices, no map keys. */
  stack: string[];
}

function jsonKindOf(v: unknown): 'string' | 'number' | 'bool' | 'array' | 'object' | 'null' {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number' || typeof v === 'bigint') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'object';
}

class Aborted extends Error {}

/**
 * Go encoding/json errors for values of the wrong JSON type, in document order, as kube-apiserver
 * would report them, e.g. `json: cannot unmarshal string into Go struct field PodSpec.spec.containers
 * of type []v1.Container`. Go reports only the first one (kube-apiserver wraps it with
 * cannotBeHandledMessage); later ones are returned for diagnostics. An error raised by a custom
 * unmarshaller (Quantity, Time, Duration, IntOrString) stops the walk, as it stops Go's decoder.
 */
export function findTypeErrors(obj: unknown, typeName: string, lookup: TypeLookup, opts: TypeErrorOptions = {}): string[] {
  const out: string[] = [];
  const def = lookup(typeName);
  if (!def) return out;
  const ctx: ErrCtx = { struct: goStructName(def.name), stack: [] };
  try {
    checkValue(obj, { kind: 'ref', name: typeName }, ctx, lookup, opts, out, goTypeName(typeName));
  } catch (e) {
    if (!(e instanceof Aborted)) throw e;
  }
  return out;
}

function typeError(ctx: ErrCtx, value: string, goType: string): string {
  if (ctx.stack.length === 0) return `json: cannot unmarshal ${value} into Go value of type ${goType}`;
  return `json: cannot unmarshal ${value} into Go struct field ${ctx.struct}.${ctx.stack.join('.')} of type ${goType}`;
}

function numberText(v: unknown): string {
  return typeof v === 'bigint' ? v.toString() : JSON.stringify(v);
}

const INT_RANGES: Record<string, [number, number]> = {
  int32: [-2147483648, 2147483647],
  int64: [Number.MIN_SAFE_INTEGER * 1024, Number.MAX_SAFE_INTEGER * 1024],
};

function intFits(v: number | bigint, t: 'int32' | 'int64'): boolean {
  if (typeof v === 'bigint') {
    return t === 'int32' ? v >= -2147483648n && v <= 2147483647n : v >= -(2n ** 63n) && v < 2n ** 63n;
  }
  if (!Number.isInteger(v)) return false;
  const [lo, hi] = INT_RANGES[t];
  return v >= lo && v <= hi;
}

const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";
const QUANTITY_SUFFIXES = new Set(['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E']);

/** The error resource.ParseQuantity gives for a string, or undefined when it parses (approximation). */
export function quantityParseError(s: string): string | undefined {
  const m = /^[+-]?(\d+(\.\d*)?|\.\d+)/.exec(s);
  if (!m) return QUANTITY_FORMAT_ERROR;
  const suffix = s.slice(m[0].length);
  if (QUANTITY_SUFFIXES.has(suffix) || /^[eE][-+]?\d+$/.test(suffix)) return undefined;
  return QUANTITY_SUFFIX_ERROR;
}

function checkValue(
  v: unknown, t: ParsedType, ctx: ErrCtx, lookup: TypeLookup, opts: TypeErrorOptions, out: string[], goType: string,
): void {
  if (v === null || v === undefined) return; // null leaves any Go value at its zero value
  const k = jsonKindOf(v);
  switch (t.kind) {
    case 'scalar': {
      const n = t.name;
      if (n === 'string') {
        if (k !== 'string') out.push(typeError(ctx, k === 'number' ? 'number' : k, goType));
      } else if (n === 'bytes') {
        if (k !== 'string') out.push(typeError(ctx, k, goType));
        else if (!isStdBase64(v as string)) out.push(`illegal base64 data at input byte ${base64ErrorOffset(v as string)}`);
      } else if (n === 'bool') {
        if (k !== 'bool') out.push(typeError(ctx, k, goType));
      } else if (n === 'double') {
        if (k !== 'number') out.push(typeError(ctx, k, goType));
      } else {
        if (k !== 'number') out.push(typeError(ctx, k, goType));
        else if (!intFits(v as number, n)) out.push(typeError(ctx, `number ${numberText(v)}`, goType));
      }
      return;
    }
    case 'wrapper':
      checkWrapper(v, k, t.name, ctx, out);
      return;
    case 'list':
      if (k !== 'array') { out.push(typeError(ctx, k, goType)); return; }
      for (const item of v as unknown[]) checkValue(item, t.elem, ctx, lookup, opts, out, goTypeOf(t.elem));
      return;
    case 'map':
      if (k !== 'object') { out.push(typeError(ctx, k, goType)); return; }
      for (const item of Object.values(v as Record<string, unknown>)) checkValue(item, t.elem, ctx, lookup, opts, out, goTypeOf(t.elem));
      return;
    case 'ref': {
      const def = lookup(t.name);
      if (!def) return; // unknown to us: accept anything
      if (k !== 'object') { out.push(typeError(ctx, k, goType)); return; }
      const fields = fieldsByName(def);
      for (const [key, value] of Object.entries(v as Record<string, unknown>)) {
        const f = fields.get(key);
        if (!f) continue; // unknown fields are findUnknownFields' business
        const inner: ErrCtx = { struct: goStructName(def.name), stack: [...ctx.stack, key] };
        const ft = parseFieldType(f.type);
        const gt = opts.goType?.(def.name, f) ?? goTypeOf(ft);
        checkValue(value, ft, inner, lookup, opts, out, gt);
      }
      return;
    }
  }
}

function checkWrapper(v: unknown, k: ReturnType<typeof jsonKindOf>, w: WrapperType, ctx: ErrCtx, out: string[]): void {
  switch (w) {
    case 'RawExtension': case 'FieldsV1': case 'JSON':
      return;
    case 'Quantity': {
      const s = k === 'string' ? (v as string) : k === 'number' ? numberText(v) : JSON.stringify(v);
      const err = quantityParseError(s.trim());
      if (err) abort(out, err);
      return;
    }
    case 'IntOrString':
      if (k === 'string') return;
      if (k !== 'number') abort(out, typeError(ctx, k, 'int32'));
      if (!intFits(v as number, 'int32')) abort(out, typeError(ctx, `number ${numberText(v)}`, 'int32'));
      return;
    case 'Time': case 'MicroTime':
      if (k !== 'string') abort(out, typeError(ctx, k === 'number' ? 'number' : k, 'string'));
      if (!isRFC3339(v as string)) abort(out, `parsing time ${JSON.stringify(v)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(v)} as "2006"`);
      return;
    case 'Duration':
      if (k !== 'string') abort(out, typeError(ctx, k, 'string'));
      if (!isGoDuration(v as string)) abort(out, `time: invalid duration ${JSON.stringify(v)}`);
      return;
  }
}

function abort(out: string[], msg: string): never {
  out.push(msg);
  throw new Aborted(msg);
}

const RFC3339_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
function isRFC3339(s: string): boolean {
  return RFC3339_RE.test(s);
}

const DURATION_RE = /^[-+]?(0|(([0-9]*(\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h))+)$/;
function isGoDuration(s: string): boolean {
  return s !== '' && DURATION_RE.test(s) && !/^[-+]?$/.test(s);
}

const B64_RE = /^[A-Za-z0-9+/]*={0,2}$/;
function isStdBase64(s: string): boolean {
  const t = s.replace(/[\r\n]/g, '');
  return B64_RE.test(t) && t.length % 4 === 0;
}

function base64ErrorOffset(s: string): number {
  for (let i = 0; i < s.length; i++) {
    if (!/[A-Za-z0-9+/=\r\n]/.test(s[i])) return i;
  }
  const pad = s.indexOf('=');
  if (pad >= 0) return pad;
  return s.length - (s.length % 4);
}
