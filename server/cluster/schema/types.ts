// The one schema that drives the API: OpenAPI documents, protobuf decoding, strict validation
// and patch metadata all read these declarations. Written by us; field names, protobuf numbers and
// patch strategies are wire facts of the Kubernetes API, descriptions are our own words.

/**
 * A field's type, as a short string:
 * - scalars: 'string' | 'int32' | 'int64' | 'bool' | 'double' | 'bytes' (base64 in JSON)
 * - well-known wrappers with special JSON forms: 'Time' | 'MicroTime' | 'Duration' | 'Quantity'
 *   | 'IntOrString' | 'RawExtension' | 'FieldsV1' | 'JSON' (any JSON value)
 * - a reference to another declared type by its full name, e.g. 'io.k8s.api.core.v1.Container'
 * - '[]X' a list of X; 'map[X]' a map from string to X (e.g. 'map[string]', 'map[Quantity]')
 */
export type FieldType = string;

export interface FieldDef {
  /** JSON name (also the protobuf field name in Kubernetes' generated.proto). */
  name: string;
  /** protobuf field number. 0 when the field has no protobuf form. */
  proto: number;
  type: FieldType;
  /** One line, our own words. */
  description: string;
  required?: boolean;
  /** Go pointer / nullable: a zero value that was sent is kept (e.g. replicas: 0). */
  ptr?: boolean;
  /** x-kubernetes-patch-strategy: 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys' */
  patchStrategy?: string;
  /** x-kubernetes-patch-merge-key */
  patchMergeKey?: string;
  /** x-kubernetes-list-type: 'atomic' | 'set' | 'map' */
  listType?: 'atomic' | 'set' | 'map';
  listMapKeys?: string[];
  /** Allowed values when the API restricts them (documented enum). */
  enum?: string[];
  /**
   * A Go embedded struct (`json:",inline"`): the type's fields appear directly in the parent's JSON,
   * while protobuf carries them as a nested message at `proto`. Declared with name '' and the
   * embedded type, e.g. Volume's VolumeSource or Probe's ProbeHandler.
   */
  inline?: boolean;
}

export interface TypeDef {
  /** Full name, OpenAPI style: 'io.k8s.api.core.v1.Pod'. */
  name: string;
  description: string;
  fields: FieldDef[];
  /** For top-level kinds: the group/version/kind this type is served as. */
  gvk?: { group: string; version: string; kind: string }[];
}

/** A compact way to write fields: [name, proto, type, description, options?]. */
export type FieldTuple = [string, number, FieldType, string, Omit<FieldDef, 'name' | 'proto' | 'type' | 'description'>?];

export interface TypeDecl {
  description: string;
  gvk?: { group: string; version: string; kind: string }[];
  fields: FieldTuple[];
}

/** A module of declarations: full type name → declaration. */
export type TypeDecls = Record<string, TypeDecl>;

export function expand(name: string, d: TypeDecl): TypeDef {
  return {
    name,
    description: d.description,
    gvk: d.gvk,
    fields: d.fields.map(([fname, proto, type, description, opts]) => ({ name: fname, proto, type, description, ...(fname === '' ? { inline: true } : {}), ...(opts ?? {}) })),
  };
}
