// Server-side printing: meta.k8s.io/v1 Table from a kind's declared columns.
import type { ColumnDef, KindDef, KObject } from '../kinds/types.ts';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** Columns for kinds upstream prints with the default table handler. */
export const DEFAULT_COLUMNS: ColumnDef[] = [
  { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0, cell: (o) => o.metadata?.name ?? '' },
  { name: 'Created At', type: 'date', description: 'CreationTimestamp is the time the object was created.', priority: 0, cell: (o) => o.metadata?.creationTimestamp ?? null },
];

export function columnsFor(k: KindDef): ColumnDef[] {
  return k.columns?.length ? k.columns : DEFAULT_COLUMNS;
}

export function columnDefinitions(cols: ColumnDef[]): object[] {
  return cols.map((c) => ({ name: c.name, type: c.type, format: c.format ?? '', description: c.description, priority: c.priority }));
}

function rowObject(o: KObject, include: IncludeObject): object | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return o;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata ?? {} };
}

export function tableRow(k: KindDef, o: KObject, now: Date, include: IncludeObject): object {
  const cells = columnsFor(k).map((c) => {
    try {
      const v = c.cell(o, now);
      return v === undefined ? null : v;
    } catch {
      return '<unknown>';
    }
  });
  const row: Record<string, unknown> = { cells };
  const obj = rowObject(o, include);
  if (obj) row.object = obj;
  return row;
}

export function toTable(k: KindDef, items: KObject[], meta: { resourceVersion?: string; continue?: string }, now: Date, include: IncludeObject, withColumns = true): object {
  const t: Record<string, unknown> = { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: meta };
  t.columnDefinitions = withColumns ? columnDefinitions(columnsFor(k)) : null;
  t.rows = items.map((o) => tableRow(k, o, now, include));
  return t;
}
