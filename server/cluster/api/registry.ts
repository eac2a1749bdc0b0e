// The set of served resources: the built-in kind declarations plus the kinds that
// CustomResourceDefinitions add while the server runs. Discovery, routing and OpenAPI read it.
import type { KindDef } from '../kinds/types.ts';

export const DEFAULT_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export interface GroupVersion {
  group: string;
  version: string;
}

export const gvString = (g: string, v: string) => (g ? `${g}/${v}` : v);

/** Preferred version order upstream uses: GA before beta before alpha, higher numbers first. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [0, 0, 0];
    const stage = m[2] === 'alpha' ? 1 : m[2] === 'beta' ? 2 : 3;
    return [stage, Number(m[1]), Number(m[3] ?? 0)];
  };
  const [sa, ma, na] = parse(a);
  const [sb, mb, nb] = parse(b);
  return sb - sa || mb - ma || nb - na;
}

export class ResourceRegistry {
  private kinds: KindDef[] = [];
  private byPath = new Map<string, KindDef>();
  private byGvk = new Map<string, KindDef>();
  /** Bumped on every change, so discovery and OpenAPI documents can be cached by generation. */
  generation = 0;

  constructor(builtins: KindDef[]) {
    for (const k of builtins) this.add(k);
  }

  add(k: KindDef): void {
    this.remove(k.group, k.version, k.plural);
    this.kinds.push(k);
    this.byPath.set(`${k.group}/${k.version}/${k.plural}`, k);
    this.byGvk.set(`${gvString(k.group, k.version)}/${k.kind}`, k);
    this.generation++;
  }

  remove(group: string, version: string, plural: string): void {
    const k = this.byPath.get(`${group}/${version}/${plural}`);
    if (!k) return;
    this.kinds = this.kinds.filter((x) => x !== k);
    this.byPath.delete(`${group}/${version}/${plural}`);
    this.byGvk.delete(`${gvString(k.group, k.version)}/${k.kind}`);
    this.generation++;
  }

  all(): readonly KindDef[] {
    return this.kinds;
  }

  find(group: string, version: string, plural: string): KindDef | undefined {
    return this.byPath.get(`${group}/${version}/${plural}`);
  }

  byKind(apiVersion: string, kind: string): KindDef | undefined {
    return this.byGvk.get(`${apiVersion}/${kind}`);
  }

  /** Group → versions (preferred first). The core group is ''. */
  groups(): Map<string, string[]> {
    const m = new Map<string, string[]>();
    for (const k of this.kinds) {
      const vs = m.get(k.group) ?? [];
      if (!vs.includes(k.version)) vs.push(k.version);
      m.set(k.group, vs);
    }
    for (const vs of m.values()) vs.sort(compareVersions);
    return m;
  }

  inGroupVersion(group: string, version: string): KindDef[] {
    return this.kinds.filter((k) => k.group === group && k.version === version);
  }

  /** The etcd key prefix of a resource: /registry/<resource>/ (kube-apiserver's layout). */
  static etcdResource(k: KindDef): string {
    if (k.etcdResource) return k.etcdResource;
    // kube-apiserver keys grouped resources by group-qualified name only for resources stored
    // outside the core/legacy set of prefixes (CRDs: /registry/<group>/<plural>).
    return k.plural;
  }

  static keyPrefix(k: KindDef, namespace?: string): string {
    const base = `/registry/${ResourceRegistry.etcdResource(k)}/`;
    return k.namespaced && namespace ? `${base}${namespace}/` : base;
  }

  static key(k: KindDef, namespace: string | undefined, name: string): string {
    return `${ResourceRegistry.keyPrefix(k, namespace)}${name}`;
  }
}
