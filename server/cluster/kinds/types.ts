// What one kind declares. The generic API machinery (server/cluster/api) reads these declarations
// and never names a kind itself. Model: kube-apiserver's per-resource strategy beside a generic store.

export type KObject = Record<string, any> & {
  apiVersion?: string;
  kind?: string;
  metadata?: Record<string, any>;
};

/** One field error, as upstream's field.Error: the store turns a list into an Invalid Status. */
export interface FieldError {
  type: 'Required' | 'Invalid' | 'NotSupported' | 'Duplicate' | 'Forbidden' | 'TooLong' | 'TooMany' | 'NotFound';
  /** Field path as upstream prints it: 'spec.containers[0].image', 'metadata.name'. */
  field: string;
  value?: unknown;
  /**
   * The bad value already rendered as upstream prints it in messages (e.g. Go `%#v` of a map:
   * `map[string]string{"app":"x"}`). When present, the store prints it verbatim instead of `value`.
   */
  valueRepr?: string;
  detail?: string;
  /** For NotSupported: the values that are accepted. */
  supported?: string[];
}

export interface UserInfo {
  username: string;
  groups: string[];
  uid?: string;
  extra?: Record<string, string[]>;
}

/** What strategies may use: the request's time and user, and the cluster's settings. */
export interface StrategyContext {
  now: Date;
  user: UserInfo;
  /** Cluster-wide settings (service CIDR, node-port range, …) as the API server was started with. */
  config: Record<string, string>;
  /**
   * Allocates from a cluster-wide pool ('serviceIP' in the service CIDR, 'nodePort' in the node-port
   * range). With `wanted`, reserves that value or returns a FieldError detail saying why it can't.
   */
  allocate?: (pool: 'serviceIP' | 'nodePort', wanted?: string | number) => { value: string | number } | { error: string };
}

export interface ColumnDef {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format?: string;
  description: string;
  /** 0: always shown; 1: only with -o wide. */
  priority: 0 | 1;
  /** The cell's value. `now` is the time of the request (AGE is computed per request). */
  cell: (obj: KObject, now: Date) => string | number | boolean | null;
}

export interface SubresourceDef {
  /** 'status', 'scale', 'log', 'exec', 'binding', 'eviction', 'token', 'approval', … */
  name: string;
  /** The kind returned and accepted, when it differs from the parent's (e.g. autoscaling/v1 Scale). */
  responseKind?: { group: string; version: string; kind: string };
  verbs: string[];
}

export interface KindDef {
  group: string; // '' for the core group
  version: string;
  kind: string;
  /** The resource name in URLs: 'pods'. */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  /** Defaults to create, delete, deletecollection, get, list, patch, update, watch. */
  verbs?: string[];
  subresources?: SubresourceDef[];
  /** Full name of the schema type in server/cluster/schema ('io.k8s.api.core.v1.Pod'). */
  schemaType: string;
  /** The resource part of the etcd key, when kube-apiserver uses another one ('minions' for nodes). */
  etcdResource?: string;
  /** Table columns as upstream's printers declare them; absent → NAME / CREATED AT. */
  columns?: ColumnDef[];
  /** Extra field-selector fields beyond metadata.name / metadata.namespace. */
  selectableFields?: (obj: KObject) => Record<string, string>;
  /** metadata.generation is bumped when anything outside metadata and status changes. */
  generation?: boolean;
  /** Has a status subresource: the main path keeps the old status, the status path keeps the rest. */
  hasStatus?: boolean;
  /** Defaulting and server-set fields on create (after schema defaulting). */
  prepareForCreate?: (obj: KObject, ctx: StrategyContext) => void;
  prepareForUpdate?: (obj: KObject, old: KObject, ctx: StrategyContext) => void;
  validate?: (obj: KObject, ctx: StrategyContext) => FieldError[];
  validateUpdate?: (obj: KObject, old: KObject, ctx: StrategyContext) => FieldError[];
  /** The scale subresource's paths (as a CRD declares them); present → /scale is served. */
  scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
  /** Custom resources: the version's openAPIV3Schema, used instead of `schemaType`. */
  jsonSchema?: Record<string, any>;
  /** Keep a status sent on create (objects whose status is set by their creator, e.g. Events). */
  keepStatusOnCreate?: boolean;
  /**
   * Graceful deletion: seconds the object stays (with deletionTimestamp) before it is removed,
   * or undefined to delete at once. `requested` is the client's gracePeriodSeconds.
   */
  deletionGracePeriod?: (obj: KObject, requested: number | undefined) => number | undefined;
  /**
   * An object that must stay after a delete request until something finishes it, beyond
   * metadata.finalizers (a Namespace waits for its spec.finalizers to be emptied).
   */
  holdOnDelete?: (obj: KObject) => boolean;
  /** Why this object may not be deleted at all (a Forbidden reply), or undefined. */
  forbidDelete?: (obj: KObject) => string | undefined;
  /** Changes made when an object is marked for deletion (e.g. a Namespace turns Terminating). */
  prepareForDelete?: (obj: KObject, ctx: StrategyContext) => void;
  /**
   * Virtual kinds (metrics, component statuses): objects computed when asked, never stored. Gets
   * and lists read them from here; writes and watches are not served.
   */
  source?: (namespace: string | undefined) => KObject[];
  /** Served with this deprecation warning (`v1 ComponentStatus is deprecated in v1.19+`). */
  deprecated?: string;
  /** Describes in a sentence what `kubectl describe`-style tools need; unused by the machinery. */
  notes?: string;
}

/** Thrown by a strategy hook (e.g. an address allocation) to reject the object with field errors. */
export class InvalidObject extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.detail ?? e.type}`).join(', '));
  }
}
