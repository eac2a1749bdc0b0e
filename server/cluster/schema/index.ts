// All type declarations, merged into one registry keyed by full type name.
import { expand, type TypeDef, type TypeDecls } from './types.ts';
import { decls as meta } from './meta.ts';
import { decls as corePod } from './core-pod.ts';
import { decls as coreOther } from './core-other.ts';
import { decls as workloads } from './workloads.ts';
import { decls as platform } from './platform.ts';

const modules: TypeDecls[] = [meta, corePod, coreOther, workloads, platform];

export const TYPES: ReadonlyMap<string, TypeDef> = (() => {
  const m = new Map<string, TypeDef>();
  for (const mod of modules) {
    for (const [name, d] of Object.entries(mod)) {
      if (m.has(name)) throw new Error(`schema: type ${name} is declared twice`);
      m.set(name, expand(name, d));
    }
  }
  return m;
})();

export function typeDef(name: string): TypeDef | undefined {
  return TYPES.get(name);
}

const flattened = new Map<string, TypeDef>();

/**
 * The type as JSON sees it: inline (embedded) fields replaced by the embedded type's own fields.
 * Strict validation, patches and OpenAPI read this view; protobuf decoding reads `typeDef`.
 */
export function jsonTypeDef(name: string): TypeDef | undefined {
  const hit = flattened.get(name);
  if (hit) return hit;
  const t = TYPES.get(name);
  if (!t) return undefined;
  if (!t.fields.some((f) => f.inline)) return t;
  const fields = t.fields.flatMap((f) => (f.inline ? (jsonTypeDef(f.type)?.fields ?? []) : [f]));
  const out = { ...t, fields };
  flattened.set(name, out);
  return out;
}

/** The schema type served for a group/version/kind (from the declarations' gvk). */
export function typeForGvk(group: string, version: string, kind: string): TypeDef | undefined {
  for (const t of TYPES.values()) {
    if (t.gvk?.some((g) => g.group === group && g.version === version && g.kind === kind)) return t;
  }
  return undefined;
}
