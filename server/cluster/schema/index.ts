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
