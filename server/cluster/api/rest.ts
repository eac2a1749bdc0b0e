// Generic REST over the store for every declared kind: get, list, create, update, patch, delete,
// deletecollection and the status/scale subresources. Kind-specific rules come from the kind's
// declaration (defaults, validation, columns); nothing here names a kind.
import { randomUUID, randomInt } from 'node:crypto';
import { InvalidObject, type KindDef, type KObject, type StrategyContext, type FieldError } from '../kinds/types.ts';
import { jsonTypeDef, typeDef } from '../schema/index.ts';
import { ResourceRegistry, gvString } from './registry.ts';
import { Store, StoreAlreadyExists, StoreConflict, StoreNotFound } from './store.ts';
import {
  ApiError, alreadyExists, badRequest, conflict, invalid, notFound, unsupportedMediaType, forbidden,
} from './errors.ts';
import { decodeText, mediaType, type ResourcePath } from './request.ts';
import { decodeK8sProtobuf } from './protobuf.ts';
import { findUnknownFields } from './strict.ts';
import { jsonMergePatch, jsonPatch, strategicMergePatch, serverSideApply, PatchError } from './patch.ts';
import {
  parseLabelSelector, matchesLabels, parseFieldSelector, matchesFields, SelectorError, labelSelectorFromObject, labelSelectorToString,
} from './selectors.ts';
import { toTable, type IncludeObject } from './table.ts';
import { unknownCustomFields } from './crd.ts';
import { deepEqual } from '../kinds/validation.ts';

export interface RestContext {
  kind: KindDef;
  rp: ResourcePath;
  query: URLSearchParams;
  strategy: StrategyContext;
  /** Warnings to return in Warning headers. */
  warnings: string[];
  accept: string;
}

export interface Reply {
  code: number;
  body: unknown;
  contentType?: string;
}

export const nowRFC3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';
export function generateSuffix(): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += NAME_CHARS[randomInt(NAME_CHARS.length)];
  return s;
}

export function clone<T>(o: T): T {
  return o === undefined ? o : JSON.parse(JSON.stringify(o));
}

export function wantsTable(accept: string): boolean {
  return /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}

/** Everything but metadata, status and type meta: what a generation bump compares. */
function specPart(o: KObject): unknown {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = o;
  return rest;
}

/** Deletes the value at an upstream-formatted path like `spec.containers[0].imagee`. */
function deletePath(obj: any, path: string): void {
  const parts: (string | number)[] = [];
  for (const seg of path.split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(seg);
    if (!m) return;
    if (m[1]) parts.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) parts.push(Number(idx[1]));
  }
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    cur = cur?.[parts[i]];
    if (cur === undefined || cur === null) return;
  }
  if (cur && typeof cur === 'object') delete cur[parts[parts.length - 1] as any];
}

/** Admission plugins (api/admission.ts): mutate before validation, validate just before the write. */
export interface AdmissionHooks {
  mutate(ctx: RestContext, obj: KObject, old?: KObject): void;
  validate(ctx: RestContext, obj: KObject, old?: KObject): void | Promise<void>;
}

/** Runs `op` again (a few times) when a concurrent write got in between and `retry` allows it. */
async function retryConflicts<T>(retry: boolean, op: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await op();
    } catch (e) {
      if (!retry || attempt >= 8 || !(e instanceof ApiError && e.code === 409 && e.reason === 'Conflict')) throw e;
    }
  }
}

export class Rest {
  admission?: AdmissionHooks;

  constructor(
    readonly store: Store,
    readonly registry: ResourceRegistry,
  ) {}

  key(k: KindDef, ns: string | undefined, name: string): string {
    return ResourceRegistry.key(k, ns, name);
  }

  getObject(k: KindDef, ns: string | undefined, name: string): KObject | undefined {
    if (k.source) return k.source(ns).find((o) => o.metadata?.name === name);
    return this.store.get(this.key(k, ns, name))?.obj;
  }

  // ----- decoding -----------------------------------------------------------------------------

  /** Decodes a create/update body and checks it names this kind. */
  decodeObject(ctx: RestContext, body: Buffer, contentType: string | undefined): KObject {
    const k = ctx.kind;
    const type = mediaType(contentType);
    const gv = gvString(k.group, k.version);
    const what = `${k.kind} in version "${k.version}" cannot be handled as a ${k.kind}`;
    let obj: any;
    if (type === 'application/vnd.kubernetes.protobuf') {
      try {
        const d = decodeK8sProtobuf(new Uint8Array(body), (apiVersion, kind) => {
          const reg = this.registry.byKind(apiVersion, kind);
          return reg ? typeDef(reg.schemaType) : undefined;
        }, typeDef);
        obj = { apiVersion: d.apiVersion, kind: d.kind, ...d.object };
      } catch (e) {
        throw badRequest(`${what}: ${(e as Error).message}`);
      }
    } else if (type === 'application/json' || type === 'application/yaml') {
      obj = decodeText(body, type, what);
    } else {
      throw unsupportedMediaType(type);
    }
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw badRequest(`${what}: json: cannot unmarshal ${Array.isArray(obj) ? 'array' : typeof obj} into Go value of type struct`);
    if (obj.apiVersion === undefined && obj.kind === undefined) {
      obj.apiVersion = gv;
      obj.kind = k.kind;
    } else if (obj.kind !== k.kind || obj.apiVersion !== gv) {
      if (obj.kind === undefined || obj.kind === '') throw badRequest(`Object 'Kind' is missing in '${body.toString().slice(0, 200)}'`);
      throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${gv})`);
    }
    this.checkUnknownFields(ctx, obj, what);
    return obj;
  }

  /** fieldValidation: Strict rejects unknown fields, Warn (the default) warns, Ignore drops them silently. */
  checkUnknownFields(ctx: RestContext, obj: KObject, what: string): void {
    const unknown = this.unknownFields(ctx.kind, obj);
    if (!unknown.length) return;
    const mode = ctx.query.get('fieldValidation') ?? 'Warn';
    if (mode === 'Strict') {
      throw badRequest(`${what}: strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`);
    }
    if (mode === 'Warn') for (const f of unknown) ctx.warnings.push(`unknown field "${f}"`);
    for (const f of unknown) deletePath(obj, f);
  }

  unknownFields(k: KindDef, obj: KObject): string[] {
    if (k.jsonSchema) {
      const meta = obj.metadata ? findUnknownFields(obj.metadata, 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', jsonTypeDef).map((f) => `metadata.${f}`) : [];
      return [...meta, ...unknownCustomFields(obj, k.jsonSchema)];
    }
    if (!jsonTypeDef(k.schemaType)) return [];
    return findUnknownFields(obj, k.schemaType, jsonTypeDef);
  }

  // ----- reads ----------------------------------------------------------------------------------

  get(ctx: RestContext): Reply {
    const { kind: k, rp } = ctx;
    const obj = this.getObject(k, rp.namespace, rp.name!);
    if (!obj) throw notFound(k.plural, k.group, rp.name!);
    if (wantsTable(ctx.accept)) {
      return { code: 200, body: toTable(k, [obj], { resourceVersion: obj.metadata?.resourceVersion }, ctx.strategy.now, includeObject(ctx.query)) };
    }
    return { code: 200, body: obj };
  }

  /** The objects a list or watch selects (namespace, label and field selectors). */
  selector(ctx: RestContext): (o: KObject) => boolean {
    const k = ctx.kind;
    let labelSel: ReturnType<typeof parseLabelSelector> | undefined;
    let fieldSel: ReturnType<typeof parseFieldSelector> | undefined;
    try {
      const ls = ctx.query.get('labelSelector');
      if (ls) labelSel = parseLabelSelector(ls);
      const fs = ctx.query.get('fieldSelector');
      if (fs) fieldSel = parseFieldSelector(fs);
    } catch (e) {
      if (e instanceof SelectorError) throw badRequest(e.message);
      throw e;
    }
    if (fieldSel) {
      const supported = new Set(['metadata.name', 'metadata.namespace', ...Object.keys(safeFields(k, {}))]);
      for (const r of fieldSel.requirements) {
        if (!supported.has(r.field)) throw badRequest(`field label not supported: ${r.field}`);
      }
    }
    return (o: KObject) => {
      if (labelSel && !matchesLabels(labelSel, o.metadata?.labels ?? {})) return false;
      if (fieldSel) {
        const fields: Record<string, string> = { 'metadata.name': o.metadata?.name ?? '', ...(k.namespaced ? { 'metadata.namespace': o.metadata?.namespace ?? '' } : {}), ...safeFields(k, o) };
        if (!matchesFields(fieldSel, fields)) return false;
      }
      return true;
    };
  }

  list(ctx: RestContext): Reply {
    const { kind: k, rp } = ctx;
    const match = this.selector(ctx);
    const stored = k.source
      ? k.source(rp.namespace).map((obj) => ({ key: ResourceRegistry.key(k, obj.metadata?.namespace, obj.metadata?.name), obj, rev: 0 }))
      : this.store.list(ResourceRegistry.keyPrefix(k, rp.namespace));
    const all = stored.filter((s) => match(s.obj));
    const rv = String(this.store.revision);
    const limit = Number(ctx.query.get('limit') ?? 0);
    let start = 0;
    const cont = ctx.query.get('continue');
    if (cont) {
      try {
        const c = JSON.parse(Buffer.from(cont, 'base64').toString());
        start = all.findIndex((s) => s.key > c.start);
        if (start < 0) start = all.length;
      } catch {
        throw badRequest('continue key is not valid: illegal base64 data at input byte 0');
      }
    }
    let page = all.slice(start);
    const meta: Record<string, unknown> = { resourceVersion: rv };
    if (limit > 0 && page.length > limit) {
      page = page.slice(0, limit);
      meta.continue = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: Number(rv), start: page[page.length - 1].key })).toString('base64');
      meta.remainingItemCount = all.length - start - limit;
    }
    const items = page.map((s) => s.obj);
    if (wantsTable(ctx.accept)) {
      return { code: 200, body: toTable(k, items, meta as any, ctx.strategy.now, includeObject(ctx.query)) };
    }
    return { code: 200, body: { kind: `${k.kind}List`, apiVersion: gvString(k.group, k.version), metadata: meta, items } };
  }

  // ----- writes ---------------------------------------------------------------------------------

  private dryRun(ctx: RestContext): boolean {
    const d = ctx.query.getAll('dryRun');
    for (const v of d) if (v !== 'All') throw badRequest(`Invalid dry run value: ${v}`);
    return d.length > 0;
  }

  private checkNamespace(ctx: RestContext, obj: KObject): void {
    const k = ctx.kind;
    if (!k.namespaced) {
      if (obj.metadata?.namespace) delete obj.metadata.namespace;
      return;
    }
    const ns = ctx.rp.namespace;
    if (!ns) throw badRequest('the server could not find the requested resource');
    if (obj.metadata!.namespace && obj.metadata!.namespace !== ns) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    obj.metadata!.namespace = ns;
  }

  /** Namespace lifecycle admission: the namespace must exist and not be terminating. */
  private admitNamespace(ctx: RestContext, obj: KObject): void {
    const k = ctx.kind;
    if (!k.namespaced) return;
    const nsKind = this.registry.find('', 'v1', 'namespaces');
    if (!nsKind) return;
    const ns = this.getObject(nsKind, undefined, obj.metadata!.namespace);
    if (!ns) throw notFound('namespaces', '', obj.metadata!.namespace);
    if (ns.metadata?.deletionTimestamp || ns.status?.phase === 'Terminating') {
      throw forbidden(k.plural, k.group, obj.metadata!.name ?? '', `unable to create new content in namespace ${ns.metadata!.name} because it is being terminated`);
    }
  }

  private validate(ctx: RestContext, obj: KObject, old?: KObject): void {
    const k = ctx.kind;
    const errs: FieldError[] = [];
    if (!obj.metadata?.name) errs.push({ type: 'Required', field: 'metadata.name', detail: 'name or generateName is required' });
    try {
      errs.push(...(k.validate?.(obj, ctx.strategy) ?? []));
      if (old) errs.push(...(k.validateUpdate?.(obj, old, ctx.strategy) ?? []));
    } catch (e) {
      // a validator that trips over an unexpected shape reports it as an invalid object, not a crash
      errs.push({ type: 'Invalid', field: 'metadata', detail: `validation failed: ${(e as Error).message}` });
    }
    const seen = new Set<string>();
    const unique = errs.filter((e) => {
      const key = JSON.stringify([e.type, e.field, e.detail]);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (unique.length) throw invalid(k.kind, k.group, obj.metadata?.name ?? '', unique);
  }

  async create(ctx: RestContext, obj: KObject): Promise<Reply> {
    const k = ctx.kind;
    const dry = this.dryRun(ctx);
    obj.metadata = obj.metadata ?? {};
    this.checkNamespace(ctx, obj);
    const m = obj.metadata;
    if (!m.name && m.generateName) m.name = `${m.generateName}${generateSuffix()}`;
    delete m.resourceVersion;
    delete m.deletionTimestamp;
    delete m.deletionGracePeriodSeconds;
    delete m.selfLink;
    delete m.managedFields;
    m.uid = randomUUID();
    m.creationTimestamp = nowRFC3339(ctx.strategy.now);
    if (k.generation) m.generation = 1;
    else delete m.generation;
    if (k.hasStatus && !k.keepStatusOnCreate) delete obj.status;
    this.validateNameShape(ctx, obj);
    this.prepare(k, obj, () => k.prepareForCreate?.(obj, ctx.strategy));
    this.admission?.mutate(ctx, obj);
    this.validate(ctx, obj);
    this.admitNamespace(ctx, obj);
    await this.admission?.validate(ctx, obj);
    const key = this.key(k, m.namespace, m.name);
    if (dry) {
      if (this.store.get(key)) throw alreadyExists(k.plural, k.group, m.name);
      return { code: 201, body: obj };
    }
    try {
      const saved = await this.store.create(key, obj);
      return { code: 201, body: saved };
    } catch (e) {
      if (e instanceof StoreAlreadyExists) throw alreadyExists(k.plural, k.group, m.name);
      throw e;
    }
  }

  /** Runs a strategy hook; field errors it throws become the Invalid reply. */
  private prepare(k: KindDef, obj: KObject, hook: () => void): void {
    try {
      hook();
    } catch (e) {
      if (e instanceof InvalidObject) throw invalid(k.kind, k.group, obj.metadata?.name ?? '', e.errors);
      throw e;
    }
  }

  /** Names may not contain '/' or '%' and may not be '.' or '..' (path segment rules). */
  private validateNameShape(ctx: RestContext, obj: KObject): void {
    const name: string = obj.metadata?.name ?? '';
    const bad = name === '.' || name === '..' ? `may not be '${name}'` : /[/%]/.test(name) ? `may not contain '${name.includes('/') ? '/' : '%'}'` : '';
    if (bad) throw invalid(ctx.kind.kind, ctx.kind.group, name, [{ type: 'Invalid', field: 'metadata.name', value: name, detail: bad }]);
  }

  /**
   * Writes `next` over the stored object (update, patch, status and scale all end here).
   * `subresource` 'status' keeps everything but status; the main resource keeps the old status.
   */
  async commitUpdate(ctx: RestContext, old: KObject, oldRev: number, next: KObject, subresource?: string): Promise<Reply> {
    const k = ctx.kind;
    const dry = this.dryRun(ctx);
    next.metadata = next.metadata ?? {};
    if (next.metadata.name !== undefined && next.metadata.name !== old.metadata!.name) {
      throw badRequest(`the name of the object (${next.metadata.name}) does not match the name on the URL (${old.metadata!.name})`);
    }
    this.checkNamespace(ctx, next);
    const rv = next.metadata.resourceVersion;
    if (rv && rv !== old.metadata!.resourceVersion) throw conflict(k.plural, k.group, old.metadata!.name);
    if (rv !== undefined && rv !== '' && !/^\d+$/.test(String(rv))) throw badRequest(`invalid resource version: ${rv}`);
    if (subresource === 'status') {
      const status = next.status;
      next = clone(old);
      if (status === undefined) delete next.status;
      else next.status = status;
    } else if (k.hasStatus) {
      if (old.status === undefined) delete next.status;
      else next.status = clone(old.status);
    }
    const m = next.metadata!;
    const om = old.metadata!;
    m.name = om.name;
    m.uid = om.uid;
    m.creationTimestamp = om.creationTimestamp;
    if (om.deletionTimestamp) {
      m.deletionTimestamp = om.deletionTimestamp;
      m.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
    } else {
      delete m.deletionTimestamp;
      delete m.deletionGracePeriodSeconds;
    }
    delete m.managedFields;
    delete m.selfLink;
    if (k.generation) {
      m.generation = om.generation ?? 1;
      if (!deepEqual(specPart(old), specPart(next))) m.generation = (om.generation ?? 1) + 1;
    }
    if (subresource !== 'status') this.prepare(k, next, () => k.prepareForUpdate?.(next, old, ctx.strategy));
    if (!subresource) this.admission?.mutate(ctx, next, old);
    this.validate(ctx, next, old);
    if (!subresource && !m.deletionTimestamp) await this.admission?.validate(ctx, next, old);
    m.resourceVersion = om.resourceVersion;
    if (deepEqual(next, old)) return { code: 200, body: old };
    const key = this.key(k, om.namespace, om.name);
    // an object marked for deletion goes away once its last finalizer is removed
    if (m.deletionTimestamp && !(m.finalizers?.length) && !k.holdOnDelete?.(next)) {
      if (dry) return { code: 200, body: next };
      try {
        await this.store.delete(key, oldRev);
      } catch (e) {
        if (e instanceof StoreConflict) throw conflict(k.plural, k.group, om.name);
        if (e instanceof StoreNotFound) throw notFound(k.plural, k.group, om.name);
        throw e;
      }
      return { code: 200, body: next };
    }
    if (dry) return { code: 200, body: next };
    try {
      return { code: 200, body: await this.store.update(key, next, oldRev) };
    } catch (e) {
      if (e instanceof StoreConflict) throw conflict(k.plural, k.group, om.name);
      if (e instanceof StoreNotFound) throw notFound(k.plural, k.group, om.name);
      throw e;
    }
  }

  current(ctx: RestContext): { obj: KObject; rev: number } {
    const { kind: k, rp } = ctx;
    const s = this.store.get(this.key(k, rp.namespace, rp.name!));
    if (!s) throw notFound(k.plural, k.group, rp.name!);
    return { obj: clone(s.obj), rev: s.rev };
  }

  async update(ctx: RestContext, obj: KObject, subresource?: string): Promise<Reply> {
    const { obj: old, rev } = this.current(ctx);
    if (!obj.metadata?.name) obj.metadata = { ...obj.metadata, name: ctx.rp.name };
    if (obj.metadata!.name !== ctx.rp.name) {
      throw badRequest(`the name of the object (${obj.metadata!.name}) does not match the name on the URL (${ctx.rp.name})`);
    }
    return this.commitUpdate(ctx, old, rev, obj, subresource);
  }

  /**
   * Patches apply to the newest version: when another writer got in between, the apiserver reads
   * again and reapplies (GuaranteedUpdate), unless the patch itself names a resourceVersion.
   */
  async patch(ctx: RestContext, body: Buffer, contentType: string | undefined, subresource?: string): Promise<Reply> {
    return retryConflicts(!/"resourceVersion"/.test(body.toString()), () => this.patchOnce(ctx, body, contentType, subresource));
  }

  private async patchOnce(ctx: RestContext, body: Buffer, contentType: string | undefined, subresource?: string): Promise<Reply> {
    const k = ctx.kind;
    const type = mediaType(contentType);
    const s = this.store.get(this.key(k, ctx.rp.namespace, ctx.rp.name!));
    if (type === 'application/apply-patch+yaml' || type === 'application/apply-patch+json') {
      const applied = decodeText(body, type === 'application/apply-patch+json' ? 'application/json' : 'application/apply-patch+yaml', 'error decoding patch');
      if (!applied || typeof applied !== 'object') throw badRequest('error decoding YAML: the applied configuration is not an object');
      const what = `${k.kind} in version "${k.version}" cannot be handled as a ${k.kind}`;
      this.checkUnknownFields(ctx, applied, what);
      if (!s) {
        if (!applied.metadata?.name) applied.metadata = { ...applied.metadata, name: ctx.rp.name };
        return this.create(ctx, applied);
      }
      const merged = serverSideApply(clone(s.obj), applied, k.schemaType, jsonTypeDef) as KObject;
      return this.commitUpdate(ctx, clone(s.obj), s.rev, merged, subresource);
    }
    if (!s) throw notFound(k.plural, k.group, ctx.rp.name!);
    const patchText = body.toString();
    let patch: any;
    try {
      patch = JSON.parse(patchText);
    } catch (e) {
      throw badRequest(`error decoding patch: ${(e as Error).message}`);
    }
    const old = clone(s.obj);
    let next: any;
    try {
      if (type === 'application/json-patch+json') next = jsonPatch(clone(old), patch);
      else if (type === 'application/merge-patch+json') next = jsonMergePatch(clone(old), patch);
      else if (type === 'application/strategic-merge-patch+json') {
        if (k.jsonSchema) {
          throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`);
        }
        next = strategicMergePatch(clone(old), patch, k.schemaType, jsonTypeDef);
      } else throw unsupportedMediaType(type);
    } catch (e) {
      if (e instanceof PatchError) throw new ApiError(e.code, e.reason, e.message, e.code === 422 ? {} : undefined);
      throw e;
    }
    if (!next || typeof next !== 'object') throw badRequest('the patch produced something that is not an object');
    const unknown = this.unknownFields(k, next);
    if (unknown.length) {
      const mode = ctx.query.get('fieldValidation') ?? 'Warn';
      if (mode === 'Strict') {
        throw invalid('', '', '', [{ type: 'Invalid', field: 'patch', value: patchText, detail: `strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}` }]);
      }
      if (mode === 'Warn') for (const f of unknown) ctx.warnings.push(`unknown field "${f}"`);
      for (const f of unknown) deletePath(next, f);
    }
    // a patch does not carry a precondition unless it sets metadata.resourceVersion itself
    if (!(patch && typeof patch === 'object' && !Array.isArray(patch) && patch.metadata?.resourceVersion)) {
      next.metadata = next.metadata ?? {};
      next.metadata.resourceVersion = old.metadata!.resourceVersion;
    }
    return this.commitUpdate(ctx, old, s.rev, next, subresource);
  }

  /** Deletes (or marks for deletion); without preconditions a concurrent write is retried over. */
  async delete(ctx: RestContext, options: any): Promise<Reply> {
    return retryConflicts(!options?.preconditions, () => this.deleteOnce(ctx, options));
  }

  private async deleteOnce(ctx: RestContext, options: any): Promise<Reply> {
    const k = ctx.kind;
    const dry = this.dryRun(ctx);
    const { obj, rev } = this.current(ctx);
    const pre = options?.preconditions;
    if (pre?.uid && pre.uid !== obj.metadata!.uid) {
      throw conflict(k.plural, k.group, obj.metadata!.name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata!.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== obj.metadata!.resourceVersion) {
      throw conflict(k.plural, k.group, obj.metadata!.name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in meta: ${obj.metadata!.resourceVersion}`);
    }
    const why = k.forbidDelete?.(obj);
    if (why) throw forbidden(k.plural, k.group, obj.metadata!.name, why);
    const policy = options?.propagationPolicy ?? ctx.query.get('propagationPolicy') ?? (options?.orphanDependents === true ? 'Orphan' : undefined);
    const m = obj.metadata!;
    const finalizers: string[] = [...(m.finalizers ?? [])];
    if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
    if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    const graceful = k.deletionGracePeriod?.(obj, options?.gracePeriodSeconds ?? (ctx.query.has('gracePeriodSeconds') ? Number(ctx.query.get('gracePeriodSeconds')) : undefined));
    const key = this.key(k, m.namespace, m.name);
    if (finalizers.length || (graceful !== undefined && graceful > 0) || k.holdOnDelete?.(obj)) {
      if (m.deletionTimestamp) return { code: 200, body: obj };
      const next = clone(obj);
      next.metadata!.finalizers = finalizers.length ? finalizers : undefined;
      if (!next.metadata!.finalizers) delete next.metadata!.finalizers;
      next.metadata!.deletionTimestamp = nowRFC3339(new Date(ctx.strategy.now.getTime() + (graceful ?? 0) * 1000));
      next.metadata!.deletionGracePeriodSeconds = graceful ?? 0;
      k.prepareForDelete?.(next, ctx.strategy);
      if (dry) return { code: 200, body: next };
      try {
        return { code: 200, body: await this.store.update(key, next, rev) };
      } catch (e) {
        if (e instanceof StoreConflict) throw conflict(k.plural, k.group, m.name);
        throw e;
      }
    }
    if (dry) return { code: 200, body: obj };
    try {
      await this.store.delete(key, rev);
    } catch (e) {
      if (e instanceof StoreNotFound) throw notFound(k.plural, k.group, m.name);
      if (e instanceof StoreConflict) throw conflict(k.plural, k.group, m.name);
      throw e;
    }
    return { code: 200, body: obj };
  }

  async deleteCollection(ctx: RestContext, options: any): Promise<Reply> {
    const k = ctx.kind;
    const match = this.selector(ctx);
    const items = this.store.list(ResourceRegistry.keyPrefix(k, ctx.rp.namespace)).filter((s) => match(s.obj));
    const deleted: KObject[] = [];
    for (const s of items) {
      const sub: RestContext = { ...ctx, rp: { ...ctx.rp, namespace: s.obj.metadata?.namespace, name: s.obj.metadata?.name } };
      try {
        deleted.push((await this.delete(sub, options)).body as KObject);
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 404)) throw e;
      }
    }
    return { code: 200, body: { kind: `${k.kind}List`, apiVersion: gvString(k.group, k.version), metadata: { resourceVersion: String(this.store.revision) }, items: deleted } };
  }

  // ----- scale subresource ----------------------------------------------------------------------

  toScale(k: KindDef, obj: KObject): KObject {
    const sc = scaleOf(k);
    const sel = getPath(obj, sc.labelSelectorPath ?? '');
    const selector = typeof sel === 'string' ? sel : sel && typeof sel === 'object' ? labelSelectorToString(labelSelectorFromObject(sel)) : getPath(obj, 'spec.selector') ? labelSelectorToString(labelSelectorFromObject(getPath(obj, 'spec.selector'))) : '';
    const m = obj.metadata!;
    const status: Record<string, unknown> = { replicas: getPath(obj, sc.statusReplicasPath) ?? 0 };
    if (selector) status.selector = selector;
    return {
      kind: 'Scale', apiVersion: 'autoscaling/v1',
      metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
      spec: { replicas: getPath(obj, sc.specReplicasPath) ?? 0 },
      status,
    };
  }

  async updateScale(ctx: RestContext, body: Buffer, contentType: string | undefined, method: string): Promise<Reply> {
    const k = ctx.kind;
    const { obj, rev } = this.current(ctx);
    const scale = this.toScale(k, obj);
    let next: any;
    const type = mediaType(contentType);
    if (method === 'PUT') next = decodeText(body, type === 'application/yaml' ? type : 'application/json', 'Scale in version "v1" cannot be handled as a Scale');
    else {
      const patch = decodeText(body, 'application/json', 'error decoding patch');
      try {
        next = type === 'application/json-patch+json' ? jsonPatch(scale, patch) : jsonMergePatch(scale, patch);
      } catch (e) {
        if (e instanceof PatchError) throw new ApiError(e.code, e.reason, e.message);
        throw e;
      }
    }
    const replicas = next?.spec?.replicas;
    if (typeof replicas !== 'number' || replicas < 0 || !Number.isInteger(replicas)) {
      throw invalid('Scale', 'autoscaling', obj.metadata!.name, [{ type: 'Invalid', field: 'spec.replicas', value: replicas, detail: 'must be greater than or equal to 0' }]);
    }
    if (next?.metadata?.resourceVersion && next.metadata.resourceVersion !== obj.metadata!.resourceVersion) throw conflict(k.plural, k.group, obj.metadata!.name);
    const updated = clone(obj);
    setPath(updated, scaleOf(k).specReplicasPath, replicas);
    const r = await this.commitUpdate(ctx, obj, rev, updated);
    return { code: 200, body: this.toScale(k, r.body as KObject) };
  }
}

/** Built-in kinds with a scale subresource keep replicas at spec.replicas / status.replicas. */
export function scaleOf(k: KindDef): NonNullable<KindDef['scale']> {
  return k.scale ?? { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas' };
}

export function includeObject(q: URLSearchParams): IncludeObject {
  const v = q.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

function safeFields(k: KindDef, o: KObject): Record<string, string> {
  try {
    return k.selectableFields?.(o) ?? {};
  } catch {
    return {};
  }
}

export function getPath(obj: any, path: string): any {
  if (!path) return undefined;
  let cur = obj;
  for (const p of path.replace(/^\./, '').split('.')) {
    if (cur === undefined || cur === null) return undefined;
    cur = cur[p];
  }
  return cur;
}

export function setPath(obj: any, path: string, value: unknown): void {
  const parts = path.replace(/^\./, '').split('.');
  let cur = obj;
  for (const p of parts.slice(0, -1)) {
    if (!cur[p] || typeof cur[p] !== 'object') cur[p] = {};
    cur = cur[p];
  }
  cur[parts[parts.length - 1]] = value;
}
