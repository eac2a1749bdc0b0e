// Kubernetes protobuf bodies (Content-Type application/vnd.kubernetes.protobuf) decoded into the
// JSON object kube-apiserver would have decoded, and encoded back. The low-level wire reading and
// writing is @bufbuild/protobuf's; field numbers and types come from our schema. Written by us.
//
// Envelope: the 4 magic bytes "k8s\0", then runtime.Unknown {1 typeMeta {1 apiVersion, 2 kind},
// 2 raw (the object's message), 3 contentEncoding, 4 contentType}.
import { BinaryReader, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import type { FieldDef, TypeDef } from '../schema/types.ts';
import { parseFieldType, type ParsedType, type TypeLookup } from './strict.ts';

export type { TypeLookup } from './strict.ts';

export const K8S_PROTOBUF_MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

/** A malformed protobuf body: the message says what and where. */
export class ProtobufDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtobufDecodeError';
  }
}

/** A field number the schema does not know, at a JSON path ('' for the top level). */
export interface UnknownProtoField {
  path: string;
  field: number;
  /** Set when the field is declared but its type is not (a schema gap rather than a client's extra). */
  reason?: string;
}

export interface DecodedK8sProtobuf {
  apiVersion: string;
  kind: string;
  /** The object as JSON, with apiVersion and kind set from the envelope. */
  object: Record<string, unknown>;
  unknownFields: UnknownProtoField[];
}

const MAX_DEPTH = 100;

interface DecodeCtx {
  lookup: TypeLookup;
  lookupByGvk: (apiVersion: string, kind: string) => TypeDef | undefined;
  unknown: UnknownProtoField[];
}

const numberIndex = new WeakMap<TypeDef, Map<number, FieldDef>>();
function fieldsByNumber(def: TypeDef): Map<number, FieldDef> {
  let m = numberIndex.get(def);
  if (!m) {
    m = new Map();
    for (const f of def.fields) if (f.proto > 0) m.set(f.proto, f);
    numberIndex.set(def, m);
  }
  return m;
}

function wrapReadError(e: unknown, where: string): never {
  if (e instanceof ProtobufDecodeError) throw e;
  const msg = e instanceof Error ? e.message : String(e);
  throw new ProtobufDecodeError(`protobuf: ${msg === 'premature EOF' ? 'unexpected end of data' : msg}${where ? ` in ${where}` : ''}`);
}

function checkBounds(r: BinaryReader, where: string): void {
  if (r.pos > r.len) throw new ProtobufDecodeError(`protobuf: unexpected end of data${where ? ` in ${where}` : ''}`);
}

/** Reads the envelope and returns typeMeta and the raw object bytes. */
export function readK8sEnvelope(body: Uint8Array): { apiVersion: string; kind: string; raw: Uint8Array; contentEncoding: string; contentType: string } {
  if (body.length < 4 || K8S_PROTOBUF_MAGIC.some((b, i) => body[i] !== b)) {
    throw new ProtobufDecodeError('protobuf: body does not start with the "k8s\\x00" prefix of a Kubernetes protobuf message');
  }
  const r = new BinaryReader(body.subarray(4));
  let apiVersion = '';
  let kind = '';
  let raw: Uint8Array = new Uint8Array(0);
  let contentEncoding = '';
  let contentType = '';
  try {
    while (r.pos < r.len) {
      const [no, wt] = r.tag();
      if (no >= 1 && no <= 4 && wt !== WireType.LengthDelimited) {
        throw new ProtobufDecodeError(`protobuf: wrong wire type ${wt} for field ${no} of runtime.Unknown`);
      }
      if (no === 1) {
        const tm = new BinaryReader(r.bytes());
        while (tm.pos < tm.len) {
          const [tno, twt] = tm.tag();
          if ((tno === 1 || tno === 2) && twt === WireType.LengthDelimited) {
            const s = tm.string();
            if (tno === 1) apiVersion = s; else kind = s;
          } else tm.skip(twt, tno);
          checkBounds(tm, 'typeMeta');
        }
      } else if (no === 2) raw = r.bytes();
      else if (no === 3) contentEncoding = r.string();
      else if (no === 4) contentType = r.string();
      else r.skip(wt, no);
      checkBounds(r, 'envelope');
    }
  } catch (e) {
    wrapReadError(e, 'envelope');
  }
  return { apiVersion, kind, raw, contentEncoding, contentType };
}

/**
 * Decodes a Kubernetes protobuf request body into the JSON object kube-apiserver would have decoded.
 * Throws ProtobufDecodeError on malformed input or a type the schema does not know.
 */
export function decodeK8sProtobuf(
  body: Uint8Array,
  lookupByGvk: (apiVersion: string, kind: string) => TypeDef | undefined,
  lookup: TypeLookup,
): DecodedK8sProtobuf {
  const env = readK8sEnvelope(body);
  if (env.contentEncoding !== '') {
    throw new ProtobufDecodeError(`protobuf: unsupported content encoding ${JSON.stringify(env.contentEncoding)}`);
  }
  if (!env.kind) throw new ProtobufDecodeError('protobuf: the envelope names no kind');
  const def = lookupByGvk(env.apiVersion, env.kind);
  if (!def) {
    throw new ProtobufDecodeError(`no kind ${JSON.stringify(env.kind)} is registered for version ${JSON.stringify(env.apiVersion)}`);
  }
  const ctx: DecodeCtx = { lookup, lookupByGvk, unknown: [] };
  const body2 = decodeMessage(env.raw, def, '', ctx, 0);
  const object: Record<string, unknown> = { apiVersion: env.apiVersion, kind: env.kind };
  for (const [k, v] of Object.entries(body2)) if (k !== 'apiVersion' && k !== 'kind') object[k] = v;
  return { apiVersion: env.apiVersion, kind: env.kind, object, unknownFields: ctx.unknown };
}

/** Decodes one message of a declared type (no envelope) into JSON. */
export function decodeProtoMessage(bytes: Uint8Array, typeName: string, lookup: TypeLookup): { object: Record<string, unknown>; unknownFields: UnknownProtoField[] } {
  const def = lookup(typeName);
  if (!def) throw new ProtobufDecodeError(`protobuf: unknown type ${typeName}`);
  const ctx: DecodeCtx = { lookup, lookupByGvk: () => undefined, unknown: [] };
  return { object: decodeMessage(bytes, def, '', ctx, 0), unknownFields: ctx.unknown };
}

function joinPath(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

function decodeMessage(bytes: Uint8Array, def: TypeDef, path: string, ctx: DecodeCtx, depth: number, into?: Record<string, unknown>): Record<string, unknown> {
  if (depth > MAX_DEPTH) throw new ProtobufDecodeError(`protobuf: message nesting deeper than ${MAX_DEPTH} at ${path || '(top)'}`);
  const out: Record<string, unknown> = into ?? {};
  const byNo = fieldsByNumber(def);
  const r = new BinaryReader(bytes);
  try {
    while (r.pos < r.len) {
      const [no, wt] = r.tag();
      const f = byNo.get(no);
      if (!f) {
        r.skip(wt, no);
        checkBounds(r, path || def.name);
        ctx.unknown.push({ path, field: no });
        continue;
      }
      const fpath = joinPath(path, f.name);
      const t = parseFieldType(f.type);
      if (t.kind === 'list') {
        const list = (Array.isArray(out[f.name]) ? out[f.name] : (out[f.name] = [])) as unknown[];
        if (wt === WireType.LengthDelimited && isPackable(t.elem)) {
          const pr = new BinaryReader(r.bytes());
          while (pr.pos < pr.len) {
            list.push(readScalar(pr, t.elem, WireType.Varint, fpath, f));
            checkBounds(pr, fpath);
          }
        } else {
          const v = readValue(r, wt, t.elem, `${fpath}[${list.length}]`, ctx, depth, f, no);
          if (v !== SKIPPED) list.push(v === OMIT ? null : v);
        }
      } else if (t.kind === 'map') {
        expectWire(wt, WireType.LengthDelimited, fpath, no);
        const map = (isObj(out[f.name]) ? out[f.name] : (out[f.name] = {})) as Record<string, unknown>;
        readMapEntry(r.bytes(), t.elem, fpath, ctx, depth, map, f);
      } else if (f.inline && t.kind === 'ref') {
        // an embedded struct: its fields land directly in this object
        readValue(r, wt, t, path, ctx, depth, f, no, out);
      } else {
        const prev = out[f.name];
        const v = readValue(r, wt, t, fpath, ctx, depth, f, no, isObj(prev) && t.kind === 'ref' ? prev : undefined);
        if (v !== SKIPPED) out[f.name] = v;
      }
      checkBounds(r, path || def.name);
    }
  } catch (e) {
    wrapReadError(e, path || def.name);
  }
  // Go's JSON encoding of what was decoded: omitempty drops zero scalars, empty lists and maps.
  for (const f of def.fields) {
    if (!(f.name in out)) continue;
    const v = out[f.name];
    if (v === OMIT) { delete out[f.name]; continue; }
    if (Array.isArray(v)) { if (v.length === 0) delete out[f.name]; continue; }
    const t = parseFieldType(f.type);
    if (t.kind === 'map') { if (Object.keys(v as object).length === 0) delete out[f.name]; continue; }
    if (t.kind === 'scalar' && !f.ptr && !f.required && isZeroScalar(v)) delete out[f.name];
    // An IntOrString left at int 0 means "unset" to every Kubernetes consumer; drop it (Go would print 0).
    if (t.kind === 'wrapper' && t.name === 'IntOrString' && !f.ptr && v === 0) delete out[f.name];
  }
  return out;
}

const SKIPPED = Symbol('skipped');
const OMIT = Symbol('omit');

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isZeroScalar(v: unknown): boolean {
  return v === '' || v === 0 || v === false;
}

function isPackable(t: ParsedType): boolean {
  return t.kind === 'scalar' && (t.name === 'int32' || t.name === 'int64' || t.name === 'bool' || t.name === 'double');
}

function expectWire(got: WireType, want: WireType, path: string, no: number): void {
  if (got !== want) throw new ProtobufDecodeError(`protobuf: wrong wire type ${got} for field ${path} (number ${no}), expected ${want}`);
}

function toNumber(v: bigint | string): number {
  return Number(v);
}

function readScalar(r: BinaryReader, t: ParsedType, wt: WireType, path: string, f: FieldDef): unknown {
  if (t.kind !== 'scalar') throw new ProtobufDecodeError(`protobuf: ${path} is not a scalar`);
  switch (t.name) {
    case 'string':
      expectWire(wt, WireType.LengthDelimited, path, f.proto);
      return r.string();
    case 'bytes':
      expectWire(wt, WireType.LengthDelimited, path, f.proto);
      return Buffer.from(r.bytes()).toString('base64');
    case 'int32':
      expectWire(wt, WireType.Varint, path, f.proto);
      return r.int32();
    case 'int64':
      expectWire(wt, WireType.Varint, path, f.proto);
      return toNumber(r.int64());
    case 'bool':
      expectWire(wt, WireType.Varint, path, f.proto);
      return r.bool();
    case 'double':
      if (wt === WireType.Bit32) return r.float();
      expectWire(wt, WireType.Bit64, path, f.proto);
      return r.double();
  }
}

function readValue(
  r: BinaryReader, wt: WireType, t: ParsedType, path: string, ctx: DecodeCtx, depth: number, f: FieldDef, no: number,
  into?: Record<string, unknown>,
): unknown {
  if (t.kind === 'scalar') {
    const v = readScalar(r, t, wt, path, f);
    checkBounds(r, path);
    return v;
  }
  expectWire(wt, WireType.LengthDelimited, path, no);
  const bytes = r.bytes();
  if (t.kind === 'wrapper') return decodeWrapper(bytes, t.name, path, ctx, depth);
  if (t.kind === 'ref') {
    const def = ctx.lookup(t.name);
    if (!def) {
      ctx.unknown.push({ path, field: no, reason: `type ${t.name} is not declared` });
      return SKIPPED;
    }
    return decodeMessage(bytes, def, path, ctx, depth + 1, into);
  }
  // A list or map nested directly in a list element has no protobuf form in Kubernetes' API.
  ctx.unknown.push({ path, field: no, reason: `type ${f.type} has no protobuf form` });
  return SKIPPED;
}

function readMapEntry(bytes: Uint8Array, elem: ParsedType, path: string, ctx: DecodeCtx, depth: number, map: Record<string, unknown>, f: FieldDef): void {
  const r = new BinaryReader(bytes);
  let key = '';
  let value: unknown = undefined;
  let valueBytes: Uint8Array | undefined;
  while (r.pos < r.len) {
    const [no, wt] = r.tag();
    if (no === 1) {
      expectWire(wt, WireType.LengthDelimited, `${path} (map key)`, 1);
      key = r.string();
    } else if (no === 2) {
      if (elem.kind === 'scalar') value = readScalar(r, elem, wt, `${path} (map value)`, f);
      else {
        expectWire(wt, WireType.LengthDelimited, `${path} (map value)`, 2);
        valueBytes = r.bytes();
      }
    } else r.skip(wt, no);
    checkBounds(r, path);
  }
  const vpath = joinPath(path, key);
  if (elem.kind === 'scalar') {
    map[key] = value ?? zeroOf(elem);
    return;
  }
  const vb = valueBytes ?? new Uint8Array(0);
  if (elem.kind === 'wrapper') {
    const v = decodeWrapper(vb, elem.name, vpath, ctx, depth);
    map[key] = v === OMIT ? (elem.name === 'Quantity' ? '0' : null) : v;
  } else if (elem.kind === 'ref') {
    const def = ctx.lookup(elem.name);
    if (!def) { ctx.unknown.push({ path: vpath, field: 2, reason: `type ${elem.name} is not declared` }); return; }
    map[key] = decodeMessage(vb, def, vpath, ctx, depth + 1);
  } else if (elem.kind === 'list' && elem.elem.kind === 'scalar') {
    // map[string][]string values travel as a message {1 repeated items}.
    const items: unknown[] = [];
    const ir = new BinaryReader(vb);
    while (ir.pos < ir.len) {
      const [no, wt] = ir.tag();
      if (no === 1) items.push(readScalar(ir, elem.elem, wt, vpath, f));
      else ir.skip(wt, no);
      checkBounds(ir, vpath);
    }
    map[key] = items;
  } else {
    ctx.unknown.push({ path: vpath, field: 2, reason: `map value type has no protobuf form` });
  }
}

function zeroOf(t: ParsedType): unknown {
  if (t.kind !== 'scalar') return null;
  if (t.name === 'string' || t.name === 'bytes') return '';
  if (t.name === 'bool') return false;
  return 0;
}

/** Reads the fields of a small fixed message: returns number → raw reader values via callback. */
function readFields(bytes: Uint8Array, path: string, on: (no: number, wt: WireType, r: BinaryReader) => boolean): void {
  const r = new BinaryReader(bytes);
  while (r.pos < r.len) {
    const [no, wt] = r.tag();
    if (!on(no, wt, r)) r.skip(wt, no);
    checkBounds(r, path);
  }
}

function decodeWrapper(bytes: Uint8Array, w: string, path: string, ctx: DecodeCtx, depth: number): unknown {
  switch (w) {
    case 'Time':
    case 'MicroTime': {
      let seconds = 0n;
      let nanos = 0;
      readFields(bytes, path, (no, wt, r) => {
        if (no === 1) { expectWire(wt, WireType.Varint, path, 1); seconds = BigInt(r.int64()); return true; }
        if (no === 2) { expectWire(wt, WireType.Varint, path, 2); nanos = r.int32(); return true; }
        return false;
      });
      if (seconds === 0n && nanos === 0) return OMIT;
      return w === 'Time' ? formatRFC3339(seconds, 0) : formatRFC3339(seconds, nanos, 6);
    }
    case 'Duration': {
      let ns = 0n;
      readFields(bytes, path, (no, wt, r) => {
        if (no === 1) { expectWire(wt, WireType.Varint, path, 1); ns = BigInt(r.int64()); return true; }
        return false;
      });
      return formatGoDuration(ns);
    }
    case 'Quantity': {
      let s = '';
      readFields(bytes, path, (no, wt, r) => {
        if (no === 1) { expectWire(wt, WireType.LengthDelimited, path, 1); s = r.string(); return true; }
        return false;
      });
      return s === '' ? OMIT : s;
    }
    case 'IntOrString': {
      let type = 0;
      let intVal = 0;
      let strVal = '';
      readFields(bytes, path, (no, wt, r) => {
        if (no === 1) { expectWire(wt, WireType.Varint, path, 1); type = Number(r.int64()); return true; }
        if (no === 2) { expectWire(wt, WireType.Varint, path, 2); intVal = r.int32(); return true; }
        if (no === 3) { expectWire(wt, WireType.LengthDelimited, path, 3); strVal = r.string(); return true; }
        return false;
      });
      return type === 1 ? strVal : intVal;
    }
    case 'RawExtension':
    case 'FieldsV1':
    case 'JSON': {
      let raw: Uint8Array | undefined;
      readFields(bytes, path, (no, wt, r) => {
        if (no === 1) { expectWire(wt, WireType.LengthDelimited, path, 1); raw = r.bytes(); return true; }
        return false;
      });
      if (!raw || raw.length === 0) return OMIT;
      return parseRaw(raw, path, ctx, depth);
    }
  }
  throw new ProtobufDecodeError(`protobuf: no decoder for ${w} at ${path}`);
}

function parseRaw(raw: Uint8Array, path: string, ctx: DecodeCtx, depth: number): unknown {
  if (raw.length >= 4 && K8S_PROTOBUF_MAGIC.every((b, i) => raw[i] === b)) {
    // An embedded object encoded as protobuf (rare): decode it with its own envelope.
    const env = readK8sEnvelope(raw);
    const def = ctx.lookupByGvk(env.apiVersion, env.kind);
    if (!def) throw new ProtobufDecodeError(`protobuf: embedded object at ${path}: no kind ${JSON.stringify(env.kind)} is registered for version ${JSON.stringify(env.apiVersion)}`);
    return { apiVersion: env.apiVersion, kind: env.kind, ...decodeMessage(env.raw, def, path, ctx, depth + 1) };
  }
  const text = Buffer.from(raw).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new ProtobufDecodeError(`protobuf: embedded raw data at ${path} is not JSON`);
  }
}

// ---------------------------------------------------------------------------------------------
// Go formatting of time values

/** RFC 3339 in UTC as Go formats it; `fractionDigits` 0 (metav1.Time) or 6 (metav1.MicroTime). */
export function formatRFC3339(seconds: bigint | number, nanos: number, fractionDigits = 0): string {
  const ms = Number(BigInt(seconds) * 1000n);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) throw new ProtobufDecodeError(`protobuf: timestamp ${seconds}s is out of range`);
  const base = d.toISOString().slice(0, 19);
  if (fractionDigits === 0) return `${base}Z`;
  const frac = String(Math.max(0, Math.min(999_999_999, nanos))).padStart(9, '0').slice(0, fractionDigits);
  return `${base}.${frac}Z`;
}

function fmtFrac(v: bigint, unit: bigint): string {
  const whole = v / unit;
  const rest = v % unit;
  if (rest === 0n) return whole.toString();
  const width = unit.toString().length - 1;
  const digits = rest.toString().padStart(width, '0').replace(/0+$/, '');
  return `${whole}.${digits}`;
}

/** time.Duration.String(): '0s', '1h0m0s', '1m30s', '1.5s', '300ms', '2µs', '10ns'. */
export function formatGoDuration(nanoseconds: bigint | number): string {
  let ns = BigInt(nanoseconds);
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  if (neg) ns = -ns;
  let s: string;
  if (ns < 1_000n) s = `${ns}ns`;
  else if (ns < 1_000_000n) s = `${fmtFrac(ns, 1_000n)}µs`;
  else if (ns < 1_000_000_000n) s = `${fmtFrac(ns, 1_000_000n)}ms`;
  else {
    s = `${fmtFrac(ns % 60_000_000_000n, 1_000_000_000n)}s`;
    const minutes = ns / 60_000_000_000n;
    if (minutes > 0n) {
      s = `${minutes % 60n}m${s}`;
      const hours = minutes / 60n;
      if (hours > 0n) s = `${hours}h${s}`;
    }
  }
  return neg ? `-${s}` : s;
}

/** Parses a Go duration string ('1h30m', '1.5s', '300ms') into nanoseconds; undefined if invalid. */
export function parseGoDuration(text: string): bigint | undefined {
  const units: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
  let s = text;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') { neg = s[0] === '-'; s = s.slice(1); }
  if (s === '0') return 0n;
  if (s === '') return undefined;
  let total = 0;
  const re = /^([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)/;
  while (s.length) {
    const m = re.exec(s);
    if (!m || m[1] === '' || m[1] === '.') return undefined;
    total += Number(m[1]) * units[m[2]];
    s = s.slice(m[0].length);
  }
  const v = BigInt(Math.round(total));
  return neg ? -v : v;
}

// ---------------------------------------------------------------------------------------------
// Encoding (for replies or tests; kubectl accepts JSON replies too)

/** Encodes a JSON object of a declared type as a Kubernetes protobuf body (with envelope). */
export function encodeK8sProtobuf(apiVersion: string, kind: string, object: Record<string, unknown>, typeName: string, lookup: TypeLookup): Uint8Array {
  const raw = encodeProtoMessage(object, typeName, lookup);
  const tm = new BinaryWriter().tag(1, WireType.LengthDelimited).string(apiVersion).tag(2, WireType.LengthDelimited).string(kind).finish();
  const unknown = new BinaryWriter()
    .tag(1, WireType.LengthDelimited).bytes(tm)
    .tag(2, WireType.LengthDelimited).bytes(raw)
    .tag(3, WireType.LengthDelimited).string('')
    .tag(4, WireType.LengthDelimited).string('')
    .finish();
  const out = new Uint8Array(4 + unknown.length);
  out.set(K8S_PROTOBUF_MAGIC, 0);
  out.set(unknown, 4);
  return out;
}

/** Encodes one message of a declared type (no envelope). Unknown JSON keys are dropped. */
export function encodeProtoMessage(object: Record<string, unknown>, typeName: string, lookup: TypeLookup): Uint8Array {
  const def = lookup(typeName);
  if (!def) throw new Error(`protobuf: unknown type ${typeName}`);
  const w = new BinaryWriter();
  writeMessage(w, object, def, lookup);
  return w.finish();
}

function writeMessage(w: BinaryWriter, obj: Record<string, unknown>, def: TypeDef, lookup: TypeLookup): void {
  const fields = [...def.fields].filter((f) => f.proto > 0).sort((a, b) => a.proto - b.proto);
  for (const f of fields) {
    const t = parseFieldType(f.type);
    if (f.inline && t.kind === 'ref') {
      const inner = lookup(t.name);
      if (inner) {
        const sub = new BinaryWriter();
        writeMessage(sub, obj, inner, lookup);
        const bytes = sub.finish();
        if (bytes.length) w.tag(f.proto, WireType.LengthDelimited).bytes(bytes);
      }
      continue;
    }
    const v = obj[f.name];
    if (v === undefined || v === null) continue;
    if (t.kind === 'list') {
      if (!Array.isArray(v)) continue;
      for (const item of v) writeValue(w, f.proto, item, t.elem, lookup);
    } else if (t.kind === 'map') {
      if (!isObj(v)) continue;
      for (const key of Object.keys(v).sort()) {
        const entry = new BinaryWriter().tag(1, WireType.LengthDelimited).string(key);
        const mv = v[key];
        if (t.elem.kind === 'list') {
          const iw = new BinaryWriter();
          if (Array.isArray(mv)) for (const s of mv) writeValue(iw, 1, s, t.elem.elem, lookup);
          entry.tag(2, WireType.LengthDelimited).bytes(iw.finish());
        } else if (mv !== null && mv !== undefined) writeValue(entry, 2, mv, t.elem, lookup);
        w.tag(f.proto, WireType.LengthDelimited).bytes(entry.finish());
      }
    } else writeValue(w, f.proto, v, t, lookup);
  }
}

function writeValue(w: BinaryWriter, no: number, v: unknown, t: ParsedType, lookup: TypeLookup): void {
  switch (t.kind) {
    case 'scalar':
      switch (t.name) {
        case 'string': w.tag(no, WireType.LengthDelimited).string(String(v)); return;
        case 'bytes': w.tag(no, WireType.LengthDelimited).bytes(Buffer.from(String(v), 'base64')); return;
        case 'int32': w.tag(no, WireType.Varint).int32(Number(v)); return;
        case 'int64': w.tag(no, WireType.Varint).int64(Math.trunc(Number(v))); return;
        case 'bool': w.tag(no, WireType.Varint).bool(Boolean(v)); return;
        case 'double': w.tag(no, WireType.Bit64).double(Number(v)); return;
      }
      return;
    case 'wrapper': {
      const iw = new BinaryWriter();
      switch (t.name) {
        case 'Time': case 'MicroTime': {
          const ms = Date.parse(String(v));
          if (Number.isNaN(ms)) return;
          const secs = Math.floor(ms / 1000);
          const frac = /\.(\d+)/.exec(String(v));
          const nanos = frac ? Number(frac[1].padEnd(9, '0').slice(0, 9)) : 0;
          iw.tag(1, WireType.Varint).int64(secs).tag(2, WireType.Varint).int32(nanos);
          break;
        }
        case 'Duration': iw.tag(1, WireType.Varint).int64(parseGoDuration(String(v)) ?? 0n); break;
        case 'Quantity': iw.tag(1, WireType.LengthDelimited).string(String(v)); break;
        case 'IntOrString':
          if (typeof v === 'string') iw.tag(1, WireType.Varint).int64(1).tag(2, WireType.Varint).int32(0).tag(3, WireType.LengthDelimited).string(v);
          else iw.tag(1, WireType.Varint).int64(0).tag(2, WireType.Varint).int32(Number(v)).tag(3, WireType.LengthDelimited).string('');
          break;
        default: iw.tag(1, WireType.LengthDelimited).bytes(Buffer.from(JSON.stringify(v), 'utf8'));
      }
      w.tag(no, WireType.LengthDelimited).bytes(iw.finish());
      return;
    }
    case 'ref': {
      const def = lookup(t.name);
      if (!def || !isObj(v)) return;
      const iw = new BinaryWriter();
      writeMessage(iw, v, def, lookup);
      w.tag(no, WireType.LengthDelimited).bytes(iw.finish());
      return;
    }
    default:
      return;
  }
}
