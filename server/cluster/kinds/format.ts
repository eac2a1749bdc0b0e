// Cell formatting shared by the kind declarations: durations, ages, label and selector strings,
// and the "first few, then + N more..." lists that kubectl's server-side printers produce.
import type { ColumnDef, KObject } from './types.ts';

/** Upstream's duration.ShortHumanDuration: one unit, rounded down (59s, 5m, 23h, 364d, 9y). */
export function shortHumanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < -1) return '<invalid>';
  if (s < 0) return '0s';
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h`;
  if (h < 24 * 365) return `${Math.floor(h / 24)}d`;
  return `${Math.floor(h / 24 / 365)}y`;
}

/** Upstream's duration.HumanDuration: a short, rounded-down age such as 119s, 3m2s, 5h, 3d4h, 2y10d. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(ms / 3_600_000);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    const d = Math.trunc(hours / 24);
    return h === 0 ? `${d}d` : `${d}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const days = Math.trunc(hours / 24);
    const y = Math.trunc(days / 365);
    const dy = days % 365;
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** Parses an RFC 3339 timestamp; undefined when missing or unparsable. */
export function parseTime(ts: unknown): Date | undefined {
  if (typeof ts !== 'string' || ts === '') return undefined;
  const d = new Date(ts);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Time since a timestamp as HumanDuration, or `<unknown>` when the timestamp is absent. */
export function since(ts: unknown, now: Date): string {
  const d = parseTime(ts);
  if (!d) return '<unknown>';
  return humanDuration(now.getTime() - d.getTime());
}

/** The AGE cell: time since metadata.creationTimestamp. */
export function age(obj: KObject, now: Date): string {
  return since(obj.metadata?.creationTimestamp, now);
}

/** labels.FormatLabels: sorted `k=v` joined by commas, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  if (!labels) return '<none>';
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels[k]}`).join(',');
}

interface Requirement { key: string; text: string }

/**
 * The string form of a metav1.LabelSelector as a labels.Selector prints it: requirements sorted by key,
 * `k=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`. Returns undefined when the selector is malformed.
 * A nil selector and an empty one both print as ''.
 */
export function labelSelectorString(sel: any): string | undefined {
  if (sel == null) return '';
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries<any>(sel.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of (sel.matchExpressions ?? []) as any[]) {
    const key = String(e?.key ?? '');
    const values = [...((e?.values ?? []) as string[])].sort();
    switch (e?.operator) {
      case 'In':
        if (values.length === 0) return undefined;
        reqs.push({ key, text: `${key} in (${values.join(',')})` });
        break;
      case 'NotIn':
        if (values.length === 0) return undefined;
        reqs.push({ key, text: `${key} notin (${values.join(',')})` });
        break;
      case 'Exists':
        reqs.push({ key, text: key });
        break;
      case 'DoesNotExist':
        reqs.push({ key, text: `!${key}` });
        break;
      default:
        return undefined;
    }
  }
  // Stable sort by key only, as the upstream selector does.
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.map((r) => r.text).join(',');
}

/** metav1.FormatLabelSelector: `<none>` for an empty or nil selector, `<error>` for a malformed one. */
export function formatLabelSelector(sel: any): string {
  const s = labelSelectorString(sel);
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}

/** Joins the first `max` items with `sep`, then ` + N more...` for the rest (upstream's list cells). */
export function joinWithMore(items: string[], max: number, sep = ','): string {
  if (items.length <= max) return items.join(sep);
  return `${items.slice(0, max).join(sep)} + ${items.length - max} more...`;
}

/** listWithMoreString: like joinWithMore, but `<unset>` for an empty list. */
export function listWithMore(items: string[], max = 3): string {
  if (items.length === 0) return '<unset>';
  return joinWithMore(items, max);
}

/** The CONTAINERS and IMAGES cells of workload tables: names and images joined by commas. */
export function containerCells(podSpec: any): { names: string; images: string } {
  const cs: any[] = podSpec?.containers ?? [];
  return { names: cs.map((c) => c?.name ?? '').join(','), images: cs.map((c) => c?.image ?? '').join(',') };
}

/** Access modes in upstream's short form and fixed order: RWO,ROX,RWX,RWOP. */
export function accessModesString(modes: string[] | undefined): string {
  const m = new Set(modes ?? []);
  const out: string[] = [];
  if (m.has('ReadWriteOnce')) out.push('RWO');
  if (m.has('ReadOnlyMany')) out.push('ROX');
  if (m.has('ReadWriteMany')) out.push('RWX');
  if (m.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

/** A Go-syntax rendering of a string map, as `%#v` prints map[string]string (keys sorted). */
export function goStringMap(m: Record<string, string> | undefined | null): string {
  if (m == null) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(m[k])}`).join(', ')}}`;
}

/** A Go-syntax rendering of a *metav1.LabelSelector as `%#v` prints its value in field errors. */
export function goLabelSelector(sel: any): string {
  if (sel == null) return 'nil';
  const ml = sel.matchLabels == null ? 'map[string]string(nil)' : goStringMap(sel.matchLabels);
  const exprs: any[] | undefined = sel.matchExpressions;
  const me = exprs == null
    ? '[]v1.LabelSelectorRequirement(nil)'
    : `[]v1.LabelSelectorRequirement{${exprs
        .map((e) => {
          const vals = e?.values == null ? '[]string(nil)' : `[]string{${(e.values as string[]).map((v) => JSON.stringify(v)).join(', ')}}`;
          return `v1.LabelSelectorRequirement{Key:${JSON.stringify(e?.key ?? '')}, Operator:${JSON.stringify(e?.operator ?? '')}, Values:${vals}}`;
        })
        .join(', ')}}`;
  return `v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}`;
}

/** The string form of an IntOrString value (25% or 1). */
export function intOrString(v: unknown): string {
  return v == null ? '' : String(v);
}

// ---- Column builders shared by the kind declarations ----
type Cell = ColumnDef['cell'];

/** A column; `wide` marks priority-1 columns shown only with -o wide. */
export function col(name: string, type: ColumnDef['type'], description: string, cell: Cell, wide = false): ColumnDef {
  return { name, type, description, priority: wide ? 1 : 0, cell };
}

/** The NAME column (format `name`). */
export function nameCol(wide = false): ColumnDef {
  return { name: 'Name', type: 'string', format: 'name', description: 'Name of the object.', priority: wide ? 1 : 0, cell: (o) => o.metadata?.name ?? '' };
}

/** The AGE column. */
export function ageCol(): ColumnDef {
  return col('Age', 'string', 'Time since the object was created.', (o, now) => age(o, now));
}

/** CONTAINERS, IMAGES (and SELECTOR) wide columns of workloads, reading the pod spec at `spec(obj)`. */
export function templateCols(spec: (o: KObject) => any, selector?: (o: KObject) => string): ColumnDef[] {
  const cols = [
    col('Containers', 'string', 'Names of the containers in the template.', (o) => containerCells(spec(o)).names, true),
    col('Images', 'string', 'Images of the containers in the template.', (o) => containerCells(spec(o)).images, true),
  ];
  if (selector) cols.push(col('Selector', 'string', 'Label selector of the controlled pods.', selector, true));
  return cols;
}

/** DESIRED / CURRENT / READY, as ReplicaSets and ReplicationControllers print them. */
export function replicaCountCols(): ColumnDef[] {
  return [
    col('Desired', 'integer', 'Desired replicas.', (o) => o.spec?.replicas ?? 0),
    col('Current', 'integer', 'Current replicas.', (o) => o.status?.replicas ?? 0),
    col('Ready', 'integer', 'Ready replicas.', (o) => o.status?.readyReplicas ?? 0),
  ];
}
