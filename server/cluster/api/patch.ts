// The four ways a client can change an object in place: JSON merge patch (RFC 7386), JSON patch
// (RFC 6902), Kubernetes strategic merge patch, and a simplified server-side apply. Pure functions
// over plain JSON values; the schema tells them how lists and maps merge. No kind is named here.
//
// Behaviour follows kube-apiserver 1.35 (k8s.io/apimachinery/pkg/util/strategicpatch,
// gopkg.in/evanphx/json-patch.v4 as the apiserver uses it, k8s.io/apiserver patch handler);
// the code and its comments are ours.

import fjp from 'fast-json-patch';
import type { FieldDef, FieldType, TypeDef } from '../schema/types.ts';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };
export type TypeLookup = (name: string) => TypeDef | undefined;

// ---------------------------------------------------------------------------------------------
// Errors

/** Why a patch could not be applied, shaped like the Status the apiserver would send. */
export class PatchError extends Error {
  /** HTTP status: 400 bad patch document, 413 too many operations, 422 patch does not apply, 500 other. */
  readonly code: number;
  /** metav1.Status reason: BadRequest, Invalid, RequestEntityTooLarge, or '' (Unknown). */
  readonly reason: string;
  /** The underlying library text when the Status message is a generic one (for logs and tests). */
  readonly detail: string;

  constructor(code: number, message: string, detail?: string) {
    super(message);
    this.name = 'PatchError';
    this.code = code;
    this.reason = REASON_BY_CODE[code] ?? '';
    this.detail = detail ?? message;
  }

  /** A metav1.Status body for this error. */
  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.code === 422 ? { details: {} } : {}),
      code: this.code,
    };
  }
}

const REASON_BY_CODE: Record<number, string> = {
  400: 'BadRequest',
  413: 'RequestEntityTooLarge',
  422: 'Invalid',
};

/** What the apiserver says for any 422 built without a server message (e.g. a JSON patch that fails). */
export const UNPROCESSABLE_MESSAGE = 'the server rejected our request due to an error in our request';
/** The most operations one JSON patch may carry. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

// strategicpatch / mergepatch sentinel texts (the apiserver maps them to 400 or 422).
export const SMP_ERRORS = {
  badJSONDoc: 'invalid JSON document',
  noListOfLists: 'lists of lists are not supported',
  badPrimitiveList: 'invalid patch format of primitive list',
  badRetainKeys: 'invalid patch format of retainKeys',
  badSetElementOrder: 'invalid patch format of setElementOrder list',
  retainKeysMismatch: "patch content doesn't match retainKeys list",
  unsupported: 'strategic merge patch format is not supported',
} as const;

const SMP_400 = new Set<string>([SMP_ERRORS.badJSONDoc, SMP_ERRORS.badPrimitiveList, SMP_ERRORS.badRetainKeys,
  SMP_ERRORS.badSetElementOrder, SMP_ERRORS.unsupported]);
const SMP_422 = new Set<string>([SMP_ERRORS.noListOfLists, SMP_ERRORS.retainKeysMismatch]);

/** Turn a strategic-merge failure text into the status code the apiserver would give it. */
function smpError(message: string): PatchError {
  if (SMP_400.has(message)) return new PatchError(400, message);
  if (SMP_422.has(message)) return new PatchError(422, UNPROCESSABLE_MESSAGE, message);
  return new PatchError(500, message);
}

// ---------------------------------------------------------------------------------------------
// Small JSON helpers

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clone<T>(v: T): T {
  return v === undefined ? v : (structuredClone(v) as T);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Go's reflect type name for a value decoded from JSON, as it appears in upstream messages. */
function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'object') return 'map[string]interface {}';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  return 'string';
}

/** Go's %v rendering of a value decoded from JSON (maps print with sorted keys). */
function goFormat(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o).sort().map((k) => `${k}:${goFormat(o[k])}`).join(' ')}]`;
  }
  return String(v);
}

function errBadArgType(expected: 'map' | 'slice', actual: unknown): string {
  return `expected a ${expected === 'map' ? 'map[string]interface {}' : '[]interface {}'}, but received a ${goTypeName(actual)}`;
}

function errNoMergeKey(m: unknown, key: string): string {
  return `map: ${goFormat(m)} does not contain declared merge key: ${key}`;
}

// ---------------------------------------------------------------------------------------------
// JSON merge patch (RFC 7386, with the details of evanphx/json-patch v4 MergePatch)

/** Remove null members from objects at any depth (nulls inside arrays stay, as upstream). */
function pruneNulls(v: Json): Json {
  if (Array.isArray(v)) return v.map((x) => (x === null ? null : pruneNulls(x)));
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = pruneNulls(x);
    return out;
  }
  return v;
}

function mergeValue(cur: Json, patch: Json): Json {
  if (!isObject(cur)) return pruneNulls(patch);
  if (!isObject(patch)) return patch;
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete cur[k];
    else if (!(k in cur) || cur[k] === null) cur[k] = pruneNulls(v);
    else cur[k] = mergeValue(cur[k], v);
  }
  return cur;
}

/**
 * Apply an RFC 7386 merge patch. Inputs are not modified. A null or scalar patch is rejected with
 * 400 `Invalid JSON Patch`; an array patch replaces the document.
 */
export function jsonMergePatch(target: unknown, patch: unknown): Json {
  if (patch === null || patch === undefined || (!isObject(patch) && !Array.isArray(patch))) {
    throw new PatchError(400, 'Invalid JSON Patch');
  }
  if (Array.isArray(patch)) return pruneNulls(clone(patch as Json));
  if (!isObject(target)) return pruneNulls(clone(patch as Json));
  return mergeValue(clone(target as Json), clone(patch as Json));
}

// ---------------------------------------------------------------------------------------------
// JSON patch (RFC 6902). The apiserver answers 400 when the patch cannot be decoded, 413 above
// 10000 operations, and 422 with a generic message when an operation does not apply; the library
// text is kept in PatchError.detail.

export interface JsonPatchOperation {
  op: string;
  path?: string;
  from?: string;
  value?: unknown;
}

function decodePointerToken(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

function encodePointerToken(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

interface Located {
  /** Pointer of the parent container with array indices normalised (negative indices resolved). */
  parentPointer: string;
  parent: Json[] | JsonObject;
  key: string;
}

/** Find the container that holds the last token of `path`, or undefined when the path does not lead there. */
function locate(doc: Json, path: string): Located | undefined {
  const parts = path.split('/');
  if (parts.length < 2) return undefined;
  let cur: Json = doc;
  let pointer = '';
  for (const raw of parts.slice(1, -1)) {
    const tok = decodePointerToken(raw);
    let next: Json | undefined;
    if (Array.isArray(cur)) {
      const idx = goAtoi(tok);
      if (idx === undefined) return undefined;
      const real = idx < 0 ? idx + cur.length : idx;
      if (real < 0 || real >= cur.length) return undefined;
      next = cur[real];
      pointer += '/' + String(real);
    } else if (isObject(cur)) {
      next = Object.prototype.hasOwnProperty.call(cur, tok) ? cur[tok] : undefined;
      pointer += '/' + encodePointerToken(tok);
    } else {
      return undefined;
    }
    if (next === undefined || next === null || (typeof next !== 'object')) return undefined;
    cur = next;
  }
  if (!Array.isArray(cur) && !isObject(cur)) return undefined;
  return { parentPointer: pointer, parent: cur, key: decodePointerToken(parts[parts.length - 1]) };
}

/** strconv.Atoi: an optional sign and decimal digits, nothing else. */
function goAtoi(s: string): number | undefined {
  return /^[+-]?\d+$/.test(s) ? Number(s) : undefined;
}

function atoiError(s: string): string {
  return `strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`;
}

function invalidIndex(idx: number): string {
  return `Unable to access invalid index: ${idx}: invalid index referenced`;
}

class OpFailure extends Error {}

/** Resolve an array index for reading or replacing; throws the library text on failure. */
function readIndex(arr: Json[], key: string): number {
  const idx = goAtoi(key);
  if (idx === undefined) throw new OpFailure(atoiError(key));
  if (idx < 0) {
    if (idx < -arr.length) throw new OpFailure(invalidIndex(idx));
    return idx + arr.length;
  }
  if (idx >= arr.length) throw new OpFailure(invalidIndex(idx));
  return idx;
}

/** Resolve an array index for insertion ('-' appends). */
function insertIndex(arr: Json[], key: string): number {
  if (key === '-') return arr.length;
  const idx = goAtoi(key);
  if (idx === undefined) throw new OpFailure(`value was not a proper array index: '${key}': ${atoiError(key)}`);
  const size = arr.length + 1;
  if (idx >= size) throw new OpFailure(invalidIndex(idx));
  if (idx < 0) {
    if (idx < -size) throw new OpFailure(invalidIndex(idx));
    return idx + size;
  }
  return idx;
}

function childPointer(loc: Located, key: string | number): string {
  return `${loc.parentPointer}/${typeof key === 'number' ? String(key) : encodePointerToken(key)}`;
}

function getAt(loc: Located): Json | undefined {
  if (Array.isArray(loc.parent)) return loc.parent[readIndex(loc.parent, loc.key)];
  return Object.prototype.hasOwnProperty.call(loc.parent, loc.key) ? loc.parent[loc.key] : undefined;
}

function apply(doc: Json, op: fjp.Operation): Json {
  return fjp.applyOperation(doc, op, false, true).newDocument as Json;
}

function doAdd(doc: Json, path: string, value: Json): Json {
  const loc = locate(doc, path);
  if (!loc) throw new OpFailure(`add operation does not apply: doc is missing path: "${path}": missing value`);
  if (Array.isArray(loc.parent)) {
    let idx: number;
    try {
      idx = insertIndex(loc.parent, loc.key);
    } catch (e) {
      throw new OpFailure(`error in add for path: '${path}': ${(e as Error).message}`);
    }
    return apply(doc, { op: 'add', path: childPointer(loc, idx), value });
  }
  return apply(doc, { op: 'add', path: childPointer(loc, loc.key), value });
}

function doRemove(doc: Json, path: string): { doc: Json; removed: Json } {
  const what = 'remove';
  const loc = locate(doc, path);
  if (!loc) throw new OpFailure(`remove operation does not apply: doc is missing path: "${path}": missing value`);
  let ptr: string;
  if (Array.isArray(loc.parent)) {
    const idx = goAtoi(loc.key);
    if (idx === undefined) throw new OpFailure(`error in ${what} for path: '${path}': ${atoiError(loc.key)}`);
    if (idx >= loc.parent.length || idx < -loc.parent.length) {
      throw new OpFailure(`error in ${what} for path: '${path}': ${invalidIndex(idx)}`);
    }
    ptr = childPointer(loc, idx < 0 ? idx + loc.parent.length : idx);
  } else {
    if (!Object.prototype.hasOwnProperty.call(loc.parent, loc.key)) {
      throw new OpFailure(`error in ${what} for path: '${path}': Unable to remove nonexistent key: ${loc.key}: missing value`);
    }
    ptr = childPointer(loc, loc.key);
  }
  const removed = fjp.getValueByPointer(doc, ptr) as Json;
  return { doc: apply(doc, { op: 'remove', path: ptr }), removed };
}

function doReplace(doc: Json, path: string, value: Json): Json {
  if (path === '') {
    if (!isObject(value) && !Array.isArray(value)) {
      throw new OpFailure('replace operation value must be object or array: %!w(<nil>)');
    }
    return value;
  }
  const loc = locate(doc, path);
  if (!loc) throw new OpFailure(`replace operation does not apply: doc is missing path: ${path}: missing value`);
  if (Array.isArray(loc.parent)) {
    let idx: number;
    try {
      idx = readIndex(loc.parent, loc.key);
    } catch {
      throw new OpFailure(`replace operation does not apply: doc is missing key: ${path}: missing value`);
    }
    return apply(doc, { op: 'replace', path: childPointer(loc, idx), value });
  }
  // As upstream (v4), replacing a member that is absent simply sets it.
  return apply(doc, { op: 'add', path: childPointer(loc, loc.key), value });
}

function doTest(doc: Json, path: string, hasValue: boolean, value: Json): void {
  const failed = `testing value ${path} failed: test failed`;
  if (path === '') {
    if (!deepEqual(doc, value)) throw new OpFailure(failed);
    return;
  }
  const loc = locate(doc, path);
  if (!loc) throw new OpFailure(`test operation does not apply: is missing path: ${path}: missing value`);
  let cur: Json | undefined;
  try {
    cur = getAt(loc);
  } catch (e) {
    throw new OpFailure(`error in test for path: '${path}': ${(e as Error).message}`);
  }
  if (cur === undefined || cur === null) {
    // An absent or null member equals an absent or null value.
    if (!hasValue || value === null) return;
    throw new OpFailure(failed);
  }
  if (!hasValue || !deepEqual(cur, value)) throw new OpFailure(failed);
}

function readFrom(doc: Json, from: string, verb: 'move' | 'copy'): Json {
  const loc = locate(doc, from);
  if (!loc) throw new OpFailure(`${verb} operation does not apply: doc is missing from path: ${from}: missing value`);
  try {
    const v = getAt(loc);
    return v === undefined ? null : v;
  } catch (e) {
    const where = verb === 'move' ? `error in move for path: '${loc.key}'` : `error in copy for from: '${from}'`;
    throw new OpFailure(`${where}: ${(e as Error).message}`);
  }
}

/**
 * Apply an RFC 6902 JSON patch. `ops` is the decoded request body. Inputs are not modified.
 * Throws PatchError: 400 when the body is not a list of operations, 413 above 10000 operations,
 * 422 (message `the server rejected our request due to an error in our request`) when an
 * operation does not apply; `detail` then holds the json-patch library text.
 */
export function jsonPatch(target: unknown, ops: unknown): Json {
  if (ops === null || ops === undefined) return clone(target as Json);
  if (!Array.isArray(ops)) {
    throw new PatchError(400, `json: cannot unmarshal ${jsonKindForGo(ops)} into Go value of type jsonpatch.Patch`);
  }
  for (const op of ops) {
    if (op !== null && !isObject(op)) {
      throw new PatchError(400, `json: cannot unmarshal ${jsonKindForGo(op)} into Go value of type jsonpatch.Operation`);
    }
  }
  if (ops.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new PatchError(413, `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${ops.length}`);
  }
  let doc = clone(target as Json);
  if (doc === undefined) return doc;
  try {
    for (const raw of ops as (JsonObject | null)[]) {
      const op = raw ?? {};
      const kind = typeof op.op === 'string' ? op.op : 'unknown';
      const path = typeof op.path === 'string' ? op.path : undefined;
      const from = typeof op.from === 'string' ? op.from : undefined;
      const hasValue = Object.prototype.hasOwnProperty.call(op, 'value');
      const value = clone(hasValue ? op.value : null) as Json;
      const missingPath = 'operation missing path field: missing value';
      const missingFrom = 'operation, missing from field: missing value';
      switch (kind) {
        case 'add':
          if (path === undefined) throw new OpFailure('add operation failed to decode path: missing value');
          doc = doAdd(doc, path, value);
          break;
        case 'remove':
          if (path === undefined) throw new OpFailure('remove operation failed to decode path: missing value');
          doc = doRemove(doc, path).doc;
          break;
        case 'replace':
          if (path === undefined) throw new OpFailure(`replace operation failed to decode path: ${missingPath}`);
          doc = doReplace(doc, path, value);
          break;
        case 'move': {
          if (from === undefined) throw new OpFailure(`move operation failed to decode from: ${missingFrom}`);
          const src = locate(doc, from);
          if (!src) throw new OpFailure(`move operation does not apply: doc is missing from path: ${from}: missing value`);
          let moved: Json;
          try {
            moved = getAt(src) ?? null;
            doc = doRemove(doc, from).doc;
          } catch (e) {
            const msg = (e as Error).message.replace(/^error in remove for path: '[^']*': /, '');
            throw new OpFailure(`error in move for path: '${src.key}': ${msg}`);
          }
          if (path === undefined) throw new OpFailure(`move operation failed to decode path: ${missingPath}`);
          if (!locate(doc, path)) throw new OpFailure(`move operation does not apply: doc is missing destination path: ${path}: missing value`);
          try {
            doc = doAdd(doc, path, moved);
          } catch (e) {
            throw new OpFailure((e as Error).message.replace(/^error in add for/, 'error in move for'));
          }
          break;
        }
        case 'copy': {
          if (from === undefined) throw new OpFailure(`copy operation failed to decode from: ${missingFrom}`);
          const v = clone(readFrom(doc, from, 'copy'));
          if (path === undefined) throw new OpFailure('copy operation failed to decode path: missing value');
          if (!locate(doc, path)) throw new OpFailure(`copy operation does not apply: doc is missing destination path: ${path}: missing value`);
          try {
            doc = doAdd(doc, path, v);
          } catch (e) {
            throw new OpFailure(`error while adding value during copy: ${(e as Error).message.replace(/^error in add for path: '[^']*': /, '')}`);
          }
          break;
        }
        case 'test':
          if (path === undefined) throw new OpFailure(`test operation failed to decode path: ${missingPath}`);
          doTest(doc, path, hasValue, value);
          break;
        default:
          throw new OpFailure(`Unexpected kind: ${kind}`);
      }
    }
  } catch (e) {
    if (e instanceof OpFailure) throw new PatchError(422, UNPROCESSABLE_MESSAGE, e.message);
    if (e instanceof PatchError) throw e;
    throw new PatchError(422, UNPROCESSABLE_MESSAGE, (e as Error).message);
  }
  return doc;
}

function jsonKindForGo(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v; // 'object' | 'string' | 'number'
}

// ---------------------------------------------------------------------------------------------
// Schema navigation shared by strategic merge patch and server-side apply

/** Where we are in the schema: a declared struct, a map with a known value type, or unknown. */
type Ctx =
  | { kind: 'struct'; def: TypeDef }
  | { kind: 'map'; elem: FieldType }
  | { kind: 'unknown' };

const UNKNOWN: Ctx = { kind: 'unknown' };

/** The context for values of `type` (for a list type: the context of its items). */
function ctxOf(type: FieldType | undefined, lookup: TypeLookup): Ctx {
  if (!type) return UNKNOWN;
  let t = type;
  while (t.startsWith('[]')) t = t.slice(2);
  if (t.startsWith('map[') && t.endsWith(']')) return { kind: 'map', elem: t.slice(4, -1) };
  const def = lookup(t);
  return def ? { kind: 'struct', def } : UNKNOWN;
}

interface FieldInfo {
  type?: FieldType;
  def?: FieldDef;
}

function fieldOf(ctx: Ctx, key: string): FieldInfo {
  if (ctx.kind === 'struct') {
    const def = ctx.def.fields.find((f) => f.name === key);
    return def ? { type: def.type, def } : {};
  }
  if (ctx.kind === 'map') return { type: ctx.elem };
  return {};
}

/** Split 'merge,retainKeys' into (retainKeys?, other strategy). */
function strategiesOf(def: FieldDef | undefined): { retainKeys: boolean; strategy: string } {
  const list = (def?.patchStrategy ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (list.length === 0) return { retainKeys: false, strategy: '' };
  if (list.length === 1) return list[0] === 'retainKeys' ? { retainKeys: true, strategy: '' } : { retainKeys: false, strategy: list[0] };
  if (list.length === 2) {
    if (list[0] === 'retainKeys') return { retainKeys: true, strategy: list[1] };
    if (list[1] === 'retainKeys') return { retainKeys: true, strategy: list[0] };
  }
  throw new PatchError(500, `unexpected patch strategy: [${list.join(' ')}]`);
}

// ---------------------------------------------------------------------------------------------
// Strategic merge patch

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ORDER_PREFIX = '$setElementOrder';
const DELETE_FROM_PRIMITIVE_PREFIX = '$deleteFromPrimitiveList';

class SmpFailure extends Error {}

function fail(message: string): never {
  throw new SmpFailure(message);
}

/** The JSON kind used where upstream compares reflect types. */
function jsonKind(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'slice';
  return typeof v === 'object' ? 'map' : typeof v;
}

/** Drop maps carrying `$patch` (and list items that are such maps) from a value taken as-is. */
function removeDirectives(v: Json): { value: Json; keep: boolean } {
  if (isObject(v)) {
    if (Object.prototype.hasOwnProperty.call(v, DIRECTIVE)) return { value: null, keep: false };
    for (const k of Object.keys(v)) {
      const r = removeDirectives(v[k]);
      if (r.keep) v[k] = r.value;
      else delete v[k];
    }
    return { value: v, keep: true };
  }
  if (Array.isArray(v)) {
    const out: Json[] = [];
    for (const x of v) {
      const r = removeDirectives(x);
      if (r.keep) out.push(r.value);
    }
    return { value: out, keep: true };
  }
  return { value: v, keep: true };
}

function discardNulls(v: Json): void {
  if (isObject(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNulls(v[k]);
    }
  } else if (Array.isArray(v)) {
    for (const x of v) discardNulls(x);
  }
}

function extractKey(key: string, prefix: string): string {
  const i = key.indexOf('/');
  if (i < 0 || key.slice(0, i) !== prefix) {
    if (prefix === DELETE_FROM_PRIMITIVE_PREFIX) fail(SMP_ERRORS.badPrimitiveList);
    if (prefix === SET_ORDER_PREFIX) fail(SMP_ERRORS.badSetElementOrder);
    fail(`fail to find unknown prefix "${prefix}" in ${key}\n`);
  }
  return key.slice(i + 1);
}

/** The element kind shared by all given lists; errors for lists of lists and mixed kinds. */
function sliceElementKind(...lists: Json[][]): string {
  let kind: string | undefined;
  for (const list of lists) {
    for (const v of list) {
      const k = jsonKind(v);
      if (kind === undefined) {
        kind = k;
        if (k === 'slice') fail(SMP_ERRORS.noListOfLists);
      } else if (k !== kind) {
        fail(`list element types are not identical: ${goFormat(lists)}`);
      }
    }
  }
  if (kind === undefined) fail('no elements in any of the given slices');
  return kind;
}

/** The identity used to order and match list items: the merge key value for maps, the item otherwise. */
function identity(v: Json, mergeKey: string, kind: string): unknown {
  if (kind === 'map') return isObject(v) ? v[mergeKey] : undefined;
  return v;
}

function indexIn(list: Json[], v: Json, mergeKey: string, kind: string): number {
  const id = identity(v, mergeKey, kind);
  for (let i = 0; i < list.length; i++) {
    if (identity(list[i], mergeKey, kind) === id) return i;
  }
  return -1;
}

function validateMergeKeyInLists(mergeKey: string, ...lists: Json[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isObject(item)) fail(errBadArgType('map', item));
      if (!Object.prototype.hasOwnProperty.call(item, mergeKey)) fail(errNoMergeKey(item, mergeKey));
    }
  }
}

function extractToDeleteItems(list: Json[]): { keep: Json[]; remove: Json[] } {
  const keep: Json[] = [];
  const remove: Json[] = [];
  for (const v of list) {
    if (!isObject(v)) fail(errBadArgType('map', v));
    if (v[DIRECTIVE] === 'delete') remove.push(v);
    else keep.push(v);
  }
  return { keep, remove };
}

/** Stable sort of `toSort` by position in `order`; for maps, deletion markers go last. */
function normalizeSliceOrder(toSort: Json[], order: Json[], mergeKey: string, kind: string): Json[] {
  let removed: Json[] = [];
  if (kind === 'map') {
    validateMergeKeyInLists(mergeKey, toSort, order);
    const parts = extractToDeleteItems(toSort);
    toSort = parts.keep;
    removed = parts.remove;
  }
  const decorated = toSort.map((v, i) => ({ v, i, pos: indexIn(order, v, mergeKey, kind) }));
  decorated.sort((a, b) => (a.pos >= 0 && b.pos >= 0 && a.pos !== b.pos ? a.pos - b.pos : a.i - b.i));
  return [...decorated.map((d) => d.v), ...removed];
}

/** Interleave server-only items (left) into patch items (right) keeping each side's relative order. */
function mergeSortedSlice(left: Json[], right: Json[], serverOrder: Json[], mergeKey: string, kind: string): Json[] {
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

function normalizeElementOrder(patch: Json[], serverOnly: Json[], patchOrder: Json[], serverOrder: Json[], mergeKey: string, kind: string): Json[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
}

function partitionPrimitives(list: Json[], by: Json[]): { inPatch: Json[]; serverOnly: Json[] } {
  const set = new Set<unknown>(by);
  const inPatch: Json[] = [];
  const serverOnly: Json[] = [];
  for (const v of list) (set.has(v) ? inPatch : serverOnly).push(v);
  return { inPatch, serverOnly };
}

function findByKey(list: Json[], key: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!isObject(v)) fail(`value for key ${i} is not a map`);
    if (Object.prototype.hasOwnProperty.call(v, key) && v[key] === value) return i;
  }
  return -1;
}

function partitionMaps(list: Json[], by: Json[], mergeKey: string): { inPatch: Json[]; serverOnly: Json[] } {
  const inPatch: Json[] = [];
  const serverOnly: Json[] = [];
  for (const v of list) {
    if (!isObject(v)) fail(errBadArgType('map', v));
    if (!Object.prototype.hasOwnProperty.call(v, mergeKey)) fail(errNoMergeKey(v, mergeKey));
    (findByKey(by, mergeKey, v[mergeKey]) >= 0 ? inPatch : serverOnly).push(v);
  }
  return { inPatch, serverOnly };
}

function dedupe(list: Json[]): Json[] {
  const out: Json[] = [];
  for (const v of list) if (!out.some((x) => x === v)) out.push(v);
  return out;
}

/**
 * Where upstream's $setElementOrder handling reads "the live order" from: Go's view of the live
 * list after deletions shifted items left inside the same array and appends reused the freed
 * slots. Upstream's ordering results depend on it, so it is reproduced.
 */
interface LiveOrderView {
  order?: Json[];
}

function mergeSlice(original: Json[], patch: Json[], ctx: Ctx, mergeKey: string, isDeleteList: boolean, lookup: TypeLookup, view?: LiveOrderView): Json[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  let merged: Json[];
  if (kind !== 'map') {
    if (isDeleteList) {
      const del = new Set<unknown>(patch);
      return original.filter((v) => !del.has(v));
    }
    merged = dedupe([...original, ...patch]);
  } else {
    if (!mergeKey) fail(`cannot merge lists without merge key for ${ctx.kind === 'struct' ? 'struct' : ctx.kind}`);
    // Emulate the live array as Go shares it: fixed capacity, deletions shift left in place.
    const cap = original.length;
    const backing = [...original];
    let len = cap;
    let aliased = true;
    // Items carrying $patch: delete removes by key, replace takes the patch list alone.
    const plain: Json[] = [];
    let replace = false;
    for (const v of patch) {
      const item = v as JsonObject;
      if (!Object.prototype.hasOwnProperty.call(item, DIRECTIVE)) {
        plain.push(v);
        continue;
      }
      const directive = item[DIRECTIVE];
      if (directive === 'delete') {
        if (!Object.prototype.hasOwnProperty.call(item, mergeKey)) fail(errNoMergeKey(item, mergeKey));
        for (;;) {
          const at = findByKey(backing.slice(0, len), mergeKey, item[mergeKey]);
          if (at < 0) break;
          for (let i = at; i < len - 1; i++) backing[i] = backing[i + 1];
          len--;
        }
      } else if (directive === 'replace') {
        replace = true;
      } else if (directive === 'merge') {
        fail('merging lists cannot yet be specified in the patch');
      } else {
        fail(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(item)}`);
      }
    }
    if (replace) {
      original = plain;
      patch = [];
      aliased = false;
    } else {
      original = backing.slice(0, len);
      patch = plain;
    }
    merged = [...original];
    for (const v of patch) {
      const item = v as JsonObject;
      if (!Object.prototype.hasOwnProperty.call(item, mergeKey)) fail(errNoMergeKey(item, mergeKey));
      const at = findByKey(merged, mergeKey, item[mergeKey]);
      if (at >= 0) {
        merged[at] = mergeMap(merged[at] as JsonObject, item, ctx, lookup);
      } else {
        merged.push(v);
        if (aliased && len < cap) backing[len++] = v;
        else aliased = false;
      }
    }
    if (view) view.order = backing;
  }
  const parts = mergeKey && kind === 'map' ? partitionMaps(merged, patch, mergeKey) : partitionPrimitives(merged, patch);
  return normalizeElementOrder(parts.inPatch, parts.serverOnly, patch, original, mergeKey, kind);
}

function mergeSliceHandler(original: Json, patch: Json, ctx: Ctx, strategy: string, mergeKey: string, isDeleteList: boolean, lookup: TypeLookup, view?: LiveOrderView): Json[] {
  if (!Array.isArray(original)) fail(errBadArgType('slice', original));
  if (!Array.isArray(patch)) fail(errBadArgType('slice', patch));
  if (strategy === 'merge' || isDeleteList) return mergeSlice(original, patch, ctx, mergeKey, isDeleteList, lookup, view);
  return patch;
}

function validatePatchWithSetOrderList(patchList: Json[] | undefined, order: Json[], mergeKey: string): void {
  if (!patchList || order.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey ? extractToDeleteItems(patchList).keep : patchList;
  let p = 0;
  let s = 0;
  while (p < nonDelete.length && s < order.length) {
    const item = nonDelete[p];
    if (isObject(item) && Object.prototype.hasOwnProperty.call(item, DIRECTIVE)) {
      p++;
      continue;
    }
    let equal: boolean;
    if (!mergeKey) equal = item === order[s];
    else {
      const l = item;
      const r = order[s];
      if (!isObject(l)) fail(errBadArgType('map', l));
      if (!isObject(r)) fail(errBadArgType('map', r));
      if (!Object.prototype.hasOwnProperty.call(l, mergeKey)) fail(errNoMergeKey(l, mergeKey));
      if (!Object.prototype.hasOwnProperty.call(r, mergeKey)) fail(errNoMergeKey(r, mergeKey));
      equal = l[mergeKey] === r[mergeKey];
    }
    if (equal) p++;
    s++;
  }
  if (p < nonDelete.length && s >= order.length) {
    fail(`The order in patch list:\n${goFormat(patchList)}\n doesn't match ${SET_ORDER_PREFIX} list:\n${goFormat(order)}\n`);
  }
}

/** Handle every `$setElementOrder/<field>` in the patch together with the list it orders. */
function applySetElementOrder(original: JsonObject, patch: JsonObject, ctx: Ctx, lookup: TypeLookup): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ORDER_PREFIX)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) fail(errBadArgType('slice', order));
    const field = extractKey(key, SET_ORDER_PREFIX);
    const foundOriginal = Object.prototype.hasOwnProperty.call(original, field);
    const foundPatch = Object.prototype.hasOwnProperty.call(patch, field);
    let originalList: Json[] = [];
    let patchList: Json[] | undefined;
    if (foundOriginal) {
      if (!Array.isArray(original[field])) fail(errBadArgType('slice', original[field]));
      originalList = original[field] as Json[];
    }
    if (foundPatch) {
      if (!Array.isArray(patch[field])) fail(errBadArgType('slice', patch[field]));
      patchList = patch[field] as Json[];
    }
    const info = fieldOf(ctx, field);
    const { strategy } = strategiesOf(info.def);
    const mergeKey = info.def?.patchMergeKey ?? '';
    const sub = ctxOf(info.type, lookup);
    validatePatchWithSetOrderList(patchList, order, mergeKey);

    let merged: Json[];
    const view: LiveOrderView = {};
    if (foundOriginal && !foundPatch) merged = originalList;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchList!).value as Json[];
    else if (foundOriginal && foundPatch) merged = mergeSliceHandler(originalList, patchList!, sub, strategy, mergeKey, false, lookup, view);
    else continue;

    const parts = mergeKey ? partitionMaps(merged, order, mergeKey) : partitionPrimitives(merged, order);
    const liveOrder = view.order ?? originalList;
    const kind = sliceElementKind(liveOrder, patchList ?? []);
    original[field] = normalizeElementOrder(parts.inPatch, parts.serverOnly, order, liveOrder, mergeKey, kind);
    delete patch[field];
  }
}

/** `$retainKeys`: drop from original every key not listed; every patch key must be listed. */
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!Object.prototype.hasOwnProperty.call(patch, RETAIN_KEYS)) return;
  const list = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(list)) fail(SMP_ERRORS.badRetainKeys);
  const keep = new Set<unknown>(list);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_PREFIX) || k.startsWith(SET_ORDER_PREFIX)) continue;
    if (!keep.has(k)) fail(SMP_ERRORS.badRetainKeys);
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

function mergeMap(original: JsonObject | null, patch: JsonObject, ctx: Ctx, lookup: TypeLookup): JsonObject {
  if (Object.prototype.hasOwnProperty.call(patch, DIRECTIVE)) {
    const directive = patch[DIRECTIVE];
    if (directive === 'replace') {
      delete patch[DIRECTIVE];
      return patch;
    }
    if (directive === 'delete') return {};
    fail(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(patch)}`);
  }
  const out: JsonObject = original ?? {};
  applyRetainKeys(out, patch);
  applySetElementOrder(out, patch, ctx, lookup);

  for (const rawKey of Object.keys(patch)) {
    const patchV = patch[rawKey];
    let k = rawKey;
    let isDeleteList = false;
    if (rawKey.startsWith(DELETE_FROM_PRIMITIVE_PREFIX)) {
      k = extractKey(rawKey, DELETE_FROM_PRIMITIVE_PREFIX);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete out[k];
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(out, k) || jsonKind(out[k]) !== jsonKind(patchV)) {
      if (!isDeleteList) {
        discardNulls(patchV);
        const r = removeDirectives(patchV);
        if (r.keep) out[k] = r.value;
        else delete out[k];
      }
      continue;
    }
    const info = fieldOf(ctx, k);
    const sub = ctxOf(info.type, lookup);
    const { strategy } = strategiesOf(info.def);
    if (isObject(out[k])) {
      out[k] = strategy === 'replace' ? (patchV as JsonObject) : mergeMap(out[k] as JsonObject, patchV as JsonObject, sub, lookup);
    } else if (Array.isArray(out[k])) {
      out[k] = mergeSliceHandler(out[k], patchV, sub, strategy, info.def?.patchMergeKey ?? '', isDeleteList, lookup);
    } else {
      const r = removeDirectives(patchV);
      if (r.keep) out[k] = r.value;
      else delete out[k];
    }
  }
  return out;
}

/**
 * Apply a Kubernetes strategic merge patch to `original`, an object of type `typeName`.
 * Lists whose field has patchStrategy merge are merged by patchMergeKey (primitive lists as sets),
 * other lists are replaced; null deletes; `$patch`, `$setElementOrder/…`, `$retainKeys` and
 * `$deleteFromPrimitiveList/…` directives are honoured. Where the schema knows nothing (unknown
 * types, maps, JSON fields) maps merge and lists are replaced, i.e. JSON merge patch semantics.
 * Inputs are not modified. Throws PatchError with the apiserver's code for the failure.
 */
export function strategicMergePatch(original: unknown, patch: unknown, typeName: string, lookup: TypeLookup): JsonObject {
  if (patch === null || patch === undefined) return clone((isObject(original) ? original : {}) as JsonObject);
  if (!isObject(patch)) {
    throw new PatchError(400, `json: cannot unmarshal ${jsonKindForGo(patch)} into Go value of type map[string]interface {}`);
  }
  const orig = isObject(original) ? clone(original) : {};
  try {
    return mergeMap(orig, clone(patch), ctxOf(typeName, lookup), lookup);
  } catch (e) {
    if (e instanceof SmpFailure) throw smpError(e.message);
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Server-side apply, simplified.
//
// What it does: merges the applied configuration into the live object by the schema. Struct and
// map fields merge key by key; associative lists (listType map with listMapKeys, or patchStrategy
// merge with a patchMergeKey) merge item by item on their keys; set lists (listType set, or
// primitive lists with patchStrategy merge) take the union; every other list is atomic and is
// replaced; scalars are replaced. Null values in the applied configuration are ignored.
//
// What it leaves out: no managedFields are recorded and no field ownership is tracked, so there
// is no conflict detection (no 409 Conflict) and fields that a manager stops applying are never
// removed; `--force-conflicts` therefore changes nothing. Item order follows the live list with
// new items appended in applied order.

function listKeysOf(def: FieldDef | undefined): string[] | undefined {
  if (!def) return undefined;
  if (def.listType === 'map') {
    if (def.listMapKeys && def.listMapKeys.length > 0) return def.listMapKeys;
    if (def.patchMergeKey) return [def.patchMergeKey];
    return undefined;
  }
  if (def.listType === 'atomic' || def.listType === 'set') return undefined;
  const { strategy } = strategiesOf(def);
  if (strategy === 'merge' && def.patchMergeKey) return [def.patchMergeKey];
  return undefined;
}

function isSetList(def: FieldDef | undefined, items: Json[]): boolean {
  if (!def) return false;
  if (def.listType === 'set') return true;
  if (def.listType) return false;
  const { strategy } = strategiesOf(def);
  return strategy === 'merge' && !def.patchMergeKey && items.every((v) => !isObject(v) && !Array.isArray(v));
}

/**
 * Whether a live item and an applied item share their list-map keys. A key the applied item
 * leaves out matches any live value (the live one was usually defaulted, e.g. protocol TCP).
 */
function sameKeys(live: Json, applied: Json, keys: string[]): boolean {
  if (!isObject(live) || !isObject(applied)) return false;
  return keys.every((k) => applied[k] === undefined || applied[k] === null || deepEqual(live[k] ?? null, applied[k]));
}

function applyValue(live: Json | undefined, applied: Json, type: FieldType | undefined, def: FieldDef | undefined, lookup: TypeLookup): Json {
  if (isObject(applied)) {
    const ctx = ctxOf(type, lookup);
    const out: JsonObject = isObject(live) ? live : {};
    for (const [k, v] of Object.entries(applied)) {
      if (v === null) continue;
      const info = fieldOf(ctx, k);
      out[k] = applyValue(out[k], v, info.type, info.def, lookup);
    }
    return out;
  }
  if (Array.isArray(applied)) {
    const items = applied.filter((v) => v !== null);
    if (!Array.isArray(live)) return items.map((v) => applyValue(undefined, v, itemType(type), undefined, lookup));
    const keys = listKeysOf(def);
    if (keys) {
      const out = [...live];
      for (const v of items) {
        const at = out.findIndex((x) => sameKeys(x, v, keys));
        if (at >= 0) out[at] = applyValue(out[at], v, itemType(type), undefined, lookup);
        else out.push(applyValue(undefined, v, itemType(type), undefined, lookup));
      }
      return out;
    }
    if (isSetList(def, items)) {
      const out = [...live];
      for (const v of items) if (!out.some((x) => deepEqual(x, v))) out.push(v);
      return out;
    }
    return items.map((v) => applyValue(undefined, v, itemType(type), undefined, lookup));
  }
  return applied;
}

function itemType(type: FieldType | undefined): FieldType | undefined {
  return type && type.startsWith('[]') ? type.slice(2) : undefined;
}

/**
 * Merge an applied configuration (`kubectl apply --server-side`) into the live object of type
 * `typeName` (live undefined: create). Simplified: see the notes above this function. Inputs are
 * not modified.
 */
export function serverSideApply(live: unknown, applied: unknown, typeName: string, lookup: TypeLookup): JsonObject {
  if (!isObject(applied)) {
    throw new PatchError(400, `error decoding YAML: json: cannot unmarshal ${applied === null ? 'null' : jsonKindForGo(applied)} into Go value of type map[string]interface {}`);
  }
  const base = isObject(live) ? clone(live) : {};
  return applyValue(base, clone(applied), typeName, undefined, lookup) as JsonObject;
}
