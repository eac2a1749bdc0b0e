// Custom resources: a CustomResourceDefinition turns into kind declarations served like any other
// (discovery, REST, Table with its printer columns, status/scale subresources), stored under
// /registry/<group>/<plural>/ as kube-apiserver stores them.
import type { ColumnDef, FieldError, KindDef, KObject } from '../kinds/types.ts';
import type { TypeDef } from '../schema/types.ts';
import { humanDuration } from '../kinds/format.ts';
import { DEFAULT_VERBS } from './registry.ts';

/** Evaluates the simple JSONPath forms printer columns use: `.spec.replicas`, `.status.conditions[0].type`. */
export function simpleJsonPath(obj: unknown, path: string): unknown {
  const p = path.trim().replace(/^\{|\}$/g, '').replace(/^\$/, '');
  const parts: (string | number)[] = [];
  for (const m of p.matchAll(/\.([^.[\]]+)|\[(\d+)\]|\['([^']+)'\]/g)) {
    if (m[1] !== undefined) parts.push(m[1]);
    else if (m[2] !== undefined) parts.push(Number(m[2]));
    else parts.push(m[3]);
  }
  let cur: any = obj;
  for (const k of parts) {
    if (cur === undefined || cur === null) return undefined;
    cur = cur[k as any];
  }
  return cur;
}

function cellOf(v: unknown, type: string, now: Date): string | number | boolean | null {
  if (v === undefined || v === null) return null;
  if (type === 'date' && typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? v : humanDuration(now.getTime() - t);
  }
  if (typeof v === 'object') return JSON.stringify(v);
  return v as string | number | boolean;
}

export function kindsFromCrd(crd: KObject): KindDef[] {
  const spec = crd.spec ?? {};
  const names = spec.names ?? {};
  const group: string = spec.group;
  if (!group || !names.plural || !names.kind) return [];
  const out: KindDef[] = [];
  for (const v of spec.versions ?? []) {
    if (!v.served) continue;
    const columns: ColumnDef[] = [{ name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0, cell: (o) => o.metadata?.name ?? '' }];
    const apc: any[] = v.additionalPrinterColumns ?? [];
    for (const c of apc) {
      columns.push({
        name: c.name, type: c.type ?? 'string', format: c.format ?? '', description: c.description ?? '', priority: (c.priority ?? 0) > 0 ? 1 : 0,
        cell: (o, now) => cellOf(simpleJsonPath(o, c.jsonPath ?? ''), c.type ?? 'string', now),
      });
    }
    if (!apc.length) {
      columns.push({ name: 'Age', type: 'date', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.', priority: 0, cell: (o, now) => cellOf(o.metadata?.creationTimestamp, 'date', now) });
    }
    const subs = v.subresources ?? {};
    const subresources = [];
    if (subs.status) subresources.push({ name: 'status', verbs: ['get', 'patch', 'update'] });
    if (subs.scale) subresources.push({ name: 'scale', verbs: ['get', 'patch', 'update'], responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' } });
    const schema = v.schema?.openAPIV3Schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    out.push({
      group, version: v.name, kind: names.kind, plural: names.plural, singular: names.singular ?? names.kind.toLowerCase(),
      namespaced: spec.scope !== 'Cluster', shortNames: names.shortNames, categories: names.categories,
      verbs: DEFAULT_VERBS, subresources, schemaType: `${group.split('.').reverse().join('.')}.${v.name}.${names.kind}`,
      etcdResource: `${group}/${names.plural}`,
      columns, generation: true, hasStatus: !!subs.status, jsonSchema: schema,
      scale: subs.scale ? { specReplicasPath: subs.scale.specReplicasPath, statusReplicasPath: subs.scale.statusReplicasPath, labelSelectorPath: subs.scale.labelSelectorPath } : undefined,
      validate: (o) => validateAgainstSchema(o, schema),
    });
  }
  return out;
}

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v === 'number' ? 'number' : typeof v);

/** The structural-schema checks upstream applies first: types, required properties, enums. */
export function validateAgainstSchema(obj: KObject, schema: any): FieldError[] {
  const errs: FieldError[] = [];
  const walk = (v: unknown, s: any, path: string) => {
    if (!s || v === undefined) return;
    if (s['x-kubernetes-int-or-string'] && (typeof v === 'string' || Number.isInteger(v))) return;
    if (s.type) {
      const t = typeOf(v);
      const ok = t === s.type || (s.type === 'number' && t === 'integer') || (v === null && s.nullable);
      if (!ok) {
        errs.push({ type: 'Invalid', field: path, value: t, detail: `${path} in body must be of type ${s.type}: ${JSON.stringify(t)}` });
        return;
      }
    }
    if (s.enum && !s.enum.some((e: unknown) => JSON.stringify(e) === JSON.stringify(v))) {
      errs.push({ type: 'NotSupported', field: path, value: v, supported: s.enum.map(String) });
    }
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const r of s.required ?? []) {
        if ((v as any)[r] === undefined) errs.push({ type: 'Required', field: path ? `${path}.${r}` : r });
      }
      for (const [k, sub] of Object.entries(s.properties ?? {})) walk((v as any)[k], sub, path ? `${path}.${k}` : k);
      if (s.additionalProperties && typeof s.additionalProperties === 'object') {
        for (const [k, val] of Object.entries(v as object)) if (!(s.properties ?? {})[k]) walk(val, s.additionalProperties, path ? `${path}.${k}` : k);
      }
    }
    if (Array.isArray(v) && s.items) v.forEach((item, i) => walk(item, s.items, `${path}[${i}]`));
  };
  const { metadata: _m, apiVersion: _a, kind: _k, ...rest } = obj;
  const root = { ...schema, properties: { ...(schema.properties ?? {}) } };
  delete root.properties.metadata;
  delete root.properties.apiVersion;
  delete root.properties.kind;
  walk(rest, root, '');
  return errs;
}

/** Fields the structural schema does not know (pruned on write; rejected with fieldValidation=Strict). */
export function unknownCustomFields(obj: KObject, schema: any): string[] {
  const out: string[] = [];
  const walk = (v: any, s: any, path: string) => {
    if (!s || v === null || typeof v !== 'object') return;
    if (s['x-kubernetes-preserve-unknown-fields']) return;
    if (Array.isArray(v)) {
      if (s.items) v.forEach((item, i) => walk(item, s.items, `${path}[${i}]`));
      return;
    }
    const props = s.properties ?? {};
    for (const [k, val] of Object.entries(v)) {
      const p = path ? `${path}.${k}` : k;
      if (props[k]) walk(val, props[k], p);
      else if (s.additionalProperties && typeof s.additionalProperties === 'object') walk(val, s.additionalProperties, p);
      else if (s.additionalProperties !== true) out.push(p);
    }
  };
  const { metadata: _m, apiVersion: _a, kind: _k, ...rest } = obj;
  walk(rest, schema, '');
  return out;
}

/**
 * Schema-registry entries for a custom resource: a TypeDef for the kind and its List (so generic
 * OpenAPI paths can be built), and the OpenAPI component the CRD's own schema becomes.
 */
export function crdTypeDefs(k: KindDef): { typeDefs: TypeDef[]; component: Record<string, unknown> } {
  const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
  const gvk = { group: k.group, version: k.version, kind: k.kind };
  const base = [
    { name: 'apiVersion', proto: 0, type: 'string', description: 'The versioned schema of this representation of an object.' },
    { name: 'kind', proto: 0, type: 'string', description: 'The REST resource this object represents.' },
  ];
  const item: TypeDef = { name: k.schemaType, description: `${k.kind} is a custom resource.`, gvk: [gvk], fields: [...base, { name: 'metadata', proto: 0, type: `${META}.ObjectMeta`, description: 'Standard object metadata.' }] };
  const list: TypeDef = {
    name: `${k.schemaType}List`, description: `${k.kind}List is a list of ${k.kind}.`, gvk: [{ ...gvk, kind: `${k.kind}List` }],
    fields: [...base, { name: 'metadata', proto: 0, type: `${META}.ListMeta`, description: 'Standard list metadata.' }, { name: 'items', proto: 0, type: `[]${k.schemaType}`, description: `List of ${k.plural}.` }],
  };
  const schema = JSON.parse(JSON.stringify(k.jsonSchema ?? { type: 'object' }));
  schema.properties = {
    apiVersion: { type: 'string', description: base[0].description },
    kind: { type: 'string', description: base[1].description },
    ...(schema.properties ?? {}),
    metadata: { allOf: [{ $ref: `#/components/schemas/${META}.ObjectMeta` }], description: 'Standard object metadata.' },
  };
  schema.type = schema.type ?? 'object';
  schema['x-kubernetes-group-version-kind'] = [gvk];
  return { typeDefs: [item, list], component: schema };
}
