// OpenAPI v3 documents as kube-apiserver serves them at /openapi/v3 and /openapi/v3/<group-version>,
// built from the schema declarations and the list of served resources. kubectl reads them for
// `explain` and to learn that the server validates fields itself (a PATCH operation carrying a
// fieldValidation parameter). Shapes follow upstream (kube-openapi); descriptions are our own.
import { createHash } from 'node:crypto';
import type { FieldDef, TypeDef } from '../schema/types.ts';
import { parseFieldType, WRAPPER_TYPE_NAMES, type ParsedType, type TypeLookup, type WrapperType } from './strict.ts';

export type { TypeLookup } from './strict.ts';

export interface GVK { group: string; version: string; kind: string }

/** A subresource served under /{name}/<name>. 'status' and 'scale' may be given by name only. */
export interface ServedSubresource {
  name: string;
  /** The kind read and written there; defaults to the parent's (status) or autoscaling/v1 Scale (scale). */
  kind?: GVK;
  /** Full schema type name of that kind. */
  schemaType?: string;
  /** Discovery verbs: get, update, patch, create. */
  verbs?: string[];
}

export interface ServedResource {
  plural: string;
  kind: string;
  namespaced: boolean;
  schemaType: string;
  listSchemaType?: string;
  /** Discovery verbs: get, list, watch, create, update, patch, delete, deletecollection. */
  verbs: string[];
  subresources: (string | ServedSubresource)[];
}

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const DELETE_OPTIONS = `${META}.DeleteOptions`;
const STATUS = `${META}.Status`;
const PATCH = `${META}.Patch`;
const SCALE: { kind: GVK; schemaType: string } = {
  kind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
  schemaType: 'io.k8s.api.autoscaling.v1.Scale',
};

const REF_PREFIX = '#/components/schemas/';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

// ---------------------------------------------------------------------------------------------
// Schemas

const WRAPPER_SCHEMAS: Record<WrapperType, JsonObject> = {
  Time: { description: 'A point in time, serialized as an RFC 3339 string in UTC with second precision.', type: 'string', format: 'date-time' },
  MicroTime: { description: 'A point in time with microsecond precision, serialized as an RFC 3339 string.', type: 'string', format: 'date-time' },
  Duration: { description: 'A length of time written as a Go duration string such as "1h30m" or "45s".', type: 'string' },
  Quantity: {
    description: 'A fixed-point amount such as "500m", "2", "128Mi" or "1.5Gi", written as a string or a number.',
    oneOf: [{ type: 'string' }, { type: 'number' }],
  },
  IntOrString: {
    description: 'A value that is either a 32-bit integer or a string (for example a port number or a port name, or "25%").',
    format: 'int-or-string',
    oneOf: [{ type: 'integer' }, { type: 'string' }],
  },
  RawExtension: { description: 'An embedded object of any kind, kept as the JSON it was given.', type: 'object' },
  FieldsV1: { description: 'The set of fields a manager owns, in the server-side apply field-set format.', type: 'object' },
  JSON: { description: 'Any JSON value.', 'x-kubernetes-preserve-unknown-fields': true },
};

const PLACEHOLDER_DESCRIPTIONS: Record<string, string> = {
  [DELETE_OPTIONS]: 'Options for a delete request: grace period, propagation policy, preconditions, dry run.',
  [STATUS]: 'The result of an operation that returns no object, such as a failure or a delete.',
  [PATCH]: 'The body of a PATCH request; its format depends on the request Content-Type.',
};

function ref(name: string): JsonObject {
  return { $ref: REF_PREFIX + name };
}

function componentName(t: ParsedType): string | undefined {
  if (t.kind === 'wrapper') return WRAPPER_TYPE_NAMES[t.name];
  if (t.kind === 'ref') return t.name;
  return undefined;
}

function scalarSchema(name: string): JsonObject {
  switch (name) {
    case 'string': return { type: 'string' };
    case 'bytes': return { type: 'string', format: 'byte' };
    case 'int32': return { type: 'integer', format: 'int32' };
    case 'int64': return { type: 'integer', format: 'int64' };
    case 'bool': return { type: 'boolean' };
    case 'double': return { type: 'number', format: 'double' };
  }
  return { type: 'string' };
}

function zeroDefault(t: ParsedType): Json | undefined {
  if (t.kind === 'scalar') {
    if (t.name === 'string' || t.name === 'bytes') return '';
    if (t.name === 'bool') return false;
    return 0;
  }
  if (t.kind === 'ref') return {};
  return undefined;
}

/** Schema of a list element or map value (non-pointer elements carry their zero default, as upstream). */
function elementSchema(t: ParsedType): JsonObject {
  if (t.kind === 'scalar') return { ...scalarSchema(t.name), default: zeroDefault(t) as Json };
  if (t.kind === 'list') return { type: 'array', items: elementSchema(t.elem) };
  if (t.kind === 'map') return { type: 'object', additionalProperties: elementSchema(t.elem) };
  return { allOf: [ref(componentName(t)!)], default: {} };
}

function propertySchema(f: FieldDef): JsonObject {
  const t = parseFieldType(f.type);
  let s: JsonObject;
  if (t.kind === 'scalar') s = scalarSchema(t.name);
  else if (t.kind === 'list') s = { type: 'array', items: elementSchema(t.elem) };
  else if (t.kind === 'map') s = { type: 'object', additionalProperties: elementSchema(t.elem) };
  else {
    const name = componentName(t)!;
    s = f.description ? { allOf: [ref(name)] } : ref(name);
  }
  if (f.description) s.description = f.description;
  if (f.enum?.length) s.enum = [...f.enum];
  if (f.required && !f.ptr) {
    const d = zeroDefault(t);
    if (d !== undefined) s.default = d;
  }
  if (f.patchStrategy) s['x-kubernetes-patch-strategy'] = f.patchStrategy;
  if (f.patchMergeKey) s['x-kubernetes-patch-merge-key'] = f.patchMergeKey;
  if (f.listType) s['x-kubernetes-list-type'] = f.listType;
  if (f.listMapKeys?.length) s['x-kubernetes-list-map-keys'] = [...f.listMapKeys];
  return s;
}

/** The components.schemas entry of one declared type. */
export function typeSchema(def: TypeDef): JsonObject {
  const s: JsonObject = { description: def.description, type: 'object' };
  const props: JsonObject = {};
  const required: string[] = [];
  for (const f of def.fields) {
    props[f.name] = propertySchema(f);
    if (f.required) required.push(f.name);
  }
  if (def.gvk?.length) {
    if (!props.apiVersion) props.apiVersion = { description: 'The versioned schema of this object, e.g. "v1" or "apps/v1".', type: 'string' };
    if (!props.kind) props.kind = { description: 'The type of this object, in CamelCase.', type: 'string' };
    s['x-kubernetes-group-version-kind'] = def.gvk.map((g) => ({ group: g.group, kind: g.kind, version: g.version }));
  }
  if (Object.keys(props).length) s.properties = props;
  if (required.length) s.required = required;
  return s;
}

/** Every component name a type refers to, directly. */
function referencedNames(def: TypeDef): string[] {
  const out: string[] = [];
  const visit = (t: ParsedType) => {
    if (t.kind === 'list' || t.kind === 'map') visit(t.elem);
    else if (t.kind === 'ref') out.push(t.name);
    else if (t.kind === 'wrapper') out.push(WRAPPER_TYPE_NAMES[t.name]);
  };
  for (const f of def.fields) visit(parseFieldType(f.type));
  return out;
}

const WRAPPER_BY_NAME = new Map<string, WrapperType>(
  (Object.entries(WRAPPER_TYPE_NAMES) as [WrapperType, string][]).map(([w, n]) => [n, w]),
);

/** components.schemas for the given root types and everything they reach. */
export function collectSchemas(roots: string[], lookup: TypeLookup): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  const queue = [...roots];
  while (queue.length) {
    const name = queue.shift()!;
    if (out[name]) continue;
    const wrapper = WRAPPER_BY_NAME.get(name);
    if (wrapper) { out[name] = { ...WRAPPER_SCHEMAS[wrapper] }; continue; }
    const def = lookup(name);
    if (!def) {
      out[name] = { description: PLACEHOLDER_DESCRIPTIONS[name] ?? `${name.split('.').pop()} (not described by this server).`, type: 'object' };
      continue;
    }
    out[name] = typeSchema(def);
    queue.push(...referencedNames(def));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Parameters (our own descriptions; names and locations are upstream's)

function queryParam(name: string, type: 'string' | 'boolean' | 'integer', description: string): JsonObject {
  return { description, in: 'query', name, schema: { type, uniqueItems: true } };
}

const P = {
  pretty: queryParam('pretty', 'string', "If 'true', the output is indented."),
  dryRun: queryParam('dryRun', 'string', 'When set to All, the request is checked and processed but nothing is persisted.'),
  fieldManager: queryParam('fieldManager', 'string', 'Name of the actor making the change, recorded in managedFields (required for apply patches).'),
  fieldValidation: queryParam('fieldValidation', 'string', 'How to treat unknown or duplicate fields in the body: Ignore, Warn (the default) or Strict (fail the request).'),
  force: queryParam('force', 'boolean', 'Take ownership of conflicting fields in an apply patch; must be unset for other patch types.'),
  allowWatchBookmarks: queryParam('allowWatchBookmarks', 'boolean', 'Ask for BOOKMARK events on a watch.'),
  continue: queryParam('continue', 'string', 'Token from a previous paged list to fetch the next page.'),
  fieldSelector: queryParam('fieldSelector', 'string', 'Restrict the result to objects whose fields match, e.g. metadata.name=x.'),
  labelSelector: queryParam('labelSelector', 'string', 'Restrict the result to objects whose labels match, e.g. app=web.'),
  limit: queryParam('limit', 'integer', 'Maximum number of items in one page of a list.'),
  resourceVersion: queryParam('resourceVersion', 'string', 'Constraint on the resource version the result is served from.'),
  resourceVersionMatch: queryParam('resourceVersionMatch', 'string', 'How resourceVersion is applied to a list: Exact or NotOlderThan.'),
  sendInitialEvents: queryParam('sendInitialEvents', 'boolean', 'Start a watch with the current objects, followed by a bookmark.'),
  timeoutSeconds: queryParam('timeoutSeconds', 'integer', 'Time limit for a list or watch call.'),
  watch: queryParam('watch', 'boolean', 'Stream changes (added, modified, deleted) instead of returning a list.'),
  gracePeriodSeconds: queryParam('gracePeriodSeconds', 'integer', 'Seconds to wait before the object is deleted; 0 deletes immediately.'),
  orphanDependents: queryParam('orphanDependents', 'boolean', 'Deprecated: use propagationPolicy.'),
  propagationPolicy: queryParam('propagationPolicy', 'string', 'How dependents are garbage collected: Orphan, Background or Foreground.'),
};

function pathParam(name: string, description: string): JsonObject {
  return { description, in: 'path', name, required: true, schema: { type: 'string', uniqueItems: true } };
}

const LIST_PARAMS = [P.allowWatchBookmarks, P.continue, P.fieldSelector, P.labelSelector, P.limit, P.resourceVersion,
  P.resourceVersionMatch, P.sendInitialEvents, P.timeoutSeconds, P.watch];
const DELETE_COLLECTION_PARAMS = [P.continue, P.dryRun, P.fieldSelector, P.gracePeriodSeconds, P.labelSelector, P.limit,
  P.orphanDependents, P.propagationPolicy, P.resourceVersion, P.resourceVersionMatch, P.sendInitialEvents, P.timeoutSeconds];
const WRITE_PARAMS = [P.dryRun, P.fieldManager, P.fieldValidation];
const PATCH_PARAMS = [P.dryRun, P.fieldManager, P.fieldValidation, P.force];
const DELETE_PARAMS = [P.dryRun, P.gracePeriodSeconds, P.orphanDependents, P.propagationPolicy];

export const PATCH_CONTENT_TYPES = [
  'application/apply-patch+cbor',
  'application/apply-patch+yaml',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];

const RESPONSE_TYPES = ['application/cbor', 'application/json', 'application/vnd.kubernetes.protobuf', 'application/yaml'];
const WATCH_TYPES = ['application/json;stream=watch', 'application/vnd.kubernetes.protobuf;stream=watch'];

function content(types: string[], schemaName: string): JsonObject {
  const c: JsonObject = {};
  for (const t of types) c[t] = { schema: ref(schemaName) };
  return c;
}

function responses(schemaName: string, codes: ('200' | '201' | '202')[], list = false): JsonObject {
  const words = { 200: 'OK', 201: 'Created', 202: 'Accepted' } as const;
  const r: JsonObject = {};
  const types = list ? [...RESPONSE_TYPES, ...WATCH_TYPES] : RESPONSE_TYPES;
  for (const code of codes) r[code] = { content: content(types, schemaName), description: words[code] };
  r['401'] = { description: 'Unauthorized' };
  return r;
}

// ---------------------------------------------------------------------------------------------
// Paths

function camel(word: string): string {
  return word ? word[0].toUpperCase() + word.slice(1) : word;
}

/** Upstream's operation-id group word: '' → Core, 'rbac.authorization.k8s.io' → RbacAuthorization. */
function groupWord(group: string): string {
  if (!group) return 'Core';
  return group.replace(/\.k8s\.io$/, '').split('.').map(camel).join('');
}

function tagOf(group: string, version: string): string {
  const g = groupWord(group);
  return `${g[0].toLowerCase()}${g.slice(1)}_${version}`;
}

/** The group-version path used in /openapi/v3: 'api/v1' or 'apis/apps/v1'. */
export function groupVersionPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function gvkJson(g: GVK): JsonObject {
  return { group: g.group, kind: g.kind, version: g.version };
}

interface OpSpec {
  method: 'get' | 'put' | 'patch' | 'post' | 'delete';
  action: string;
  opId: string;
  description: string;
  params: JsonObject[];
  gvk: GVK;
  body?: { schema: string; types: string[] };
  responses: JsonObject;
}

function operation(o: OpSpec, tag: string): JsonObject {
  const op: JsonObject = { description: o.description, operationId: o.opId };
  if (o.params.length) op.parameters = o.params;
  if (o.body) op.requestBody = { content: content(o.body.types, o.body.schema), required: o.method !== 'delete' };
  if (o.method === 'delete' && o.body) delete (op.requestBody as JsonObject).required;
  op.responses = o.responses;
  op.tags = [tag];
  op['x-kubernetes-action'] = o.action;
  op['x-kubernetes-group-version-kind'] = gvkJson(o.gvk);
  return op;
}

function resolveSubresource(s: string | ServedSubresource, parent: { gvk: GVK; schemaType: string }): Required<ServedSubresource> | undefined {
  const spec: ServedSubresource = typeof s === 'string' ? { name: s } : s;
  const verbs = spec.verbs ?? (spec.name === 'status' || spec.name === 'scale' ? ['get', 'update', 'patch'] : undefined);
  let kind = spec.kind;
  let schemaType = spec.schemaType;
  if (!kind || !schemaType) {
    if (spec.name === 'status') { kind ??= parent.gvk; schemaType ??= parent.schemaType; }
    else if (spec.name === 'scale') { kind ??= SCALE.kind; schemaType ??= SCALE.schemaType; }
  }
  if (!kind || !schemaType || !verbs) return undefined; // not describable (log, exec, …)
  return { name: spec.name, kind, schemaType, verbs };
}

/**
 * The OpenAPI v3 document of one group-version, as served at /openapi/v3/<api/v1 | apis/g/v>.
 * Keys are sorted, so JSON.stringify of the result is stable (hash it with hashDocument).
 */
export function buildOpenAPIv3(
  groupVersion: { group: string; version: string },
  resources: ServedResource[],
  lookup: TypeLookup,
  opts: { serverVersion?: string } = {},
): object {
  const { group, version } = groupVersion;
  const prefix = `/${groupVersionPath(group, version)}`;
  const tag = tagOf(group, version);
  const gw = `${groupWord(group)}${camel(version)}`;
  const paths: Record<string, JsonObject> = {};
  const roots = new Set<string>();

  const addOps = (path: string, pathParams: JsonObject[], ops: OpSpec[]) => {
    if (!ops.length) return;
    const item: JsonObject = paths[path] ?? {};
    for (const o of ops) item[o.method] = operation(o, tag);
    item.parameters = pathParams;
    paths[path] = item;
  };

  for (const res of [...resources].sort((a, b) => a.plural.localeCompare(b.plural))) {
    const gvk: GVK = { group, version, kind: res.kind };
    const verbs = new Set(res.verbs);
    const ns = res.namespaced ? 'Namespaced' : '';
    const K = res.kind;
    const listType = res.listSchemaType ?? `${res.schemaType}List`;
    roots.add(res.schemaType);
    const collection = res.namespaced ? `${prefix}/namespaces/{namespace}/${res.plural}` : `${prefix}/${res.plural}`;
    const itemPath = `${collection}/{name}`;
    const nsParams = res.namespaced ? [pathParam('namespace', 'The namespace of the object.')] : [];
    const nameParam = pathParam('name', `The name of the ${K}.`);

    const collOps: OpSpec[] = [];
    if (verbs.has('deletecollection')) {
      collOps.push({ method: 'delete', action: 'deletecollection', opId: `delete${gw}Collection${ns}${K}`, description: `delete a collection of ${K}`,
        params: DELETE_COLLECTION_PARAMS, gvk, body: { schema: DELETE_OPTIONS, types: ['*/*'] }, responses: responses(STATUS, ['200']) });
      roots.add(DELETE_OPTIONS); roots.add(STATUS);
    }
    if (verbs.has('list')) {
      collOps.push({ method: 'get', action: 'list', opId: `list${gw}${ns}${K}`, description: `list or watch objects of kind ${K}`,
        params: LIST_PARAMS, gvk, responses: responses(listType, ['200'], true) });
      roots.add(listType);
    }
    if (verbs.has('create')) {
      collOps.push({ method: 'post', action: 'post', opId: `create${gw}${ns}${K}`, description: `create a ${K}`,
        params: WRITE_PARAMS, gvk, body: { schema: res.schemaType, types: ['*/*'] }, responses: responses(res.schemaType, ['200', '201', '202']) });
    }
    addOps(collection, [...nsParams, P.pretty], collOps);

    const itemOps: OpSpec[] = [];
    if (verbs.has('delete')) {
      itemOps.push({ method: 'delete', action: 'delete', opId: `delete${gw}${ns}${K}`, description: `delete a ${K}`,
        params: DELETE_PARAMS, gvk, body: { schema: DELETE_OPTIONS, types: ['*/*'] }, responses: responses(STATUS, ['200', '202']) });
      roots.add(DELETE_OPTIONS); roots.add(STATUS);
    }
    if (verbs.has('get')) {
      itemOps.push({ method: 'get', action: 'get', opId: `read${gw}${ns}${K}`, description: `read the specified ${K}`,
        params: [], gvk, responses: responses(res.schemaType, ['200']) });
    }
    if (verbs.has('patch')) {
      itemOps.push({ method: 'patch', action: 'patch', opId: `patch${gw}${ns}${K}`, description: `partially update the specified ${K}`,
        params: PATCH_PARAMS, gvk, body: { schema: PATCH, types: PATCH_CONTENT_TYPES }, responses: responses(res.schemaType, ['200', '201']) });
      roots.add(PATCH);
    }
    if (verbs.has('update')) {
      itemOps.push({ method: 'put', action: 'put', opId: `replace${gw}${ns}${K}`, description: `replace the specified ${K}`,
        params: WRITE_PARAMS, gvk, body: { schema: res.schemaType, types: ['*/*'] }, responses: responses(res.schemaType, ['200', '201']) });
    }
    addOps(itemPath, [nameParam, ...nsParams, P.pretty], itemOps);

    if (res.namespaced && verbs.has('list')) {
      addOps(`${prefix}/${res.plural}`, [P.pretty], [{ method: 'get', action: 'list', opId: `list${gw}${K}ForAllNamespaces`,
        description: `list or watch objects of kind ${K}`, params: LIST_PARAMS, gvk, responses: responses(listType, ['200'], true) }]);
    }

    for (const s of res.subresources) {
      const sub = resolveSubresource(s, { gvk, schemaType: res.schemaType });
      if (!sub) continue;
      roots.add(sub.schemaType);
      const S = camel(sub.name);
      const sv = new Set(sub.verbs);
      const what = sub.name === 'status' ? `status of the specified ${K}` : `${sub.name} of the specified ${K}`;
      const ops: OpSpec[] = [];
      if (sv.has('get')) ops.push({ method: 'get', action: 'get', opId: `read${gw}${ns}${K}${S}`, description: `read ${what}`,
        params: [], gvk: sub.kind, responses: responses(sub.schemaType, ['200']) });
      if (sv.has('patch')) {
        ops.push({ method: 'patch', action: 'patch', opId: `patch${gw}${ns}${K}${S}`, description: `partially update ${what}`,
          params: PATCH_PARAMS, gvk: sub.kind, body: { schema: PATCH, types: PATCH_CONTENT_TYPES }, responses: responses(sub.schemaType, ['200', '201']) });
        roots.add(PATCH);
      }
      if (sv.has('update')) ops.push({ method: 'put', action: 'put', opId: `replace${gw}${ns}${K}${S}`, description: `replace ${what}`,
        params: WRITE_PARAMS, gvk: sub.kind, body: { schema: sub.schemaType, types: ['*/*'] }, responses: responses(sub.schemaType, ['200', '201']) });
      if (sv.has('create')) ops.push({ method: 'post', action: 'post', opId: `create${gw}${ns}${K}${S}`, description: `create ${sub.name} of a ${K}`,
        params: WRITE_PARAMS, gvk: sub.kind, body: { schema: sub.schemaType, types: ['*/*'] }, responses: responses(sub.schemaType, ['200', '201', '202']) });
      addOps(`${itemPath}/${sub.name}`, [pathParam('name', `The name of the ${sub.kind.kind}.`), ...nsParams, P.pretty], ops);
    }
  }

  const doc: JsonObject = {
    components: {
      schemas: collectSchemas([...roots].sort(), lookup),
      securitySchemes: {
        BearerToken: { description: 'Bearer token authentication', in: 'header', name: 'authorization', type: 'apiKey' },
      },
    },
    info: { title: 'Kubernetes', version: opts.serverVersion ?? 'v1.35.2' },
    openapi: '3.0.0',
    paths,
    security: [{ BearerToken: [] }],
  };
  return sortKeys(doc) as object;
}

/** The /openapi/v3 discovery document: one serverRelativeURL (with content hash) per group-version. */
export function openAPIv3Root(paths: { path: string; hash: string }[]): object {
  const out: JsonObject = {};
  for (const p of [...paths].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    out[p.path] = { serverRelativeURL: `/openapi/v3/${p.path}?hash=${p.hash}` };
  }
  return { paths: out };
}

/** Content hash for the ?hash= parameter and ETag: SHA-512, upper-case hex. */
export function hashDocument(json: string): string {
  return createHash('sha512').update(json).digest('hex').toUpperCase();
}

/** A copy of a JSON value with object keys in sorted order (arrays keep their order). */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}
