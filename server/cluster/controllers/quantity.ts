// Resource quantities as the API prints them (resource.Quantity's canonical form): sums keep the
// format of their first term, so 128Mi + 256Mi prints as 384Mi and 100m + 1 as 1100m.
import { parseQuantity } from '../kinds/core.ts';

export type QuantityFormat = 'BinarySI' | 'DecimalSI';

export interface Quantity {
  /** The value in thousandths of the unit (millicores, millibytes). */
  milli: number;
  format: QuantityFormat;
}

/** A quantity from its text (or number); NaN milli when malformed. */
export function quantity(v: unknown): Quantity {
  const s = typeof v === 'number' ? String(v) : String(v ?? '');
  const milli = Math.round(parseQuantity(typeof v === 'number' ? v : s) * 1000);
  return { milli, format: /[KMGTPE]i$/.test(s.trim()) ? 'BinarySI' : 'DecimalSI' };
}

export const ZERO: Quantity = { milli: 0, format: 'DecimalSI' };

export function add(a: Quantity, b: Quantity): Quantity {
  return { milli: a.milli + b.milli, format: a.format };
}

const DECIMAL: [number, string][] = [[18, 'E'], [15, 'P'], [12, 'T'], [9, 'G'], [6, 'M'], [3, 'k'], [0, '']];
const BINARY: [number, string][] = [[60, 'Ei'], [50, 'Pi'], [40, 'Ti'], [30, 'Gi'], [20, 'Mi'], [10, 'Ki']];

/** The canonical text of a quantity, e.g. `500m`, `2`, `1Gi`, `1k`. */
export function formatQuantity(x: Quantity): string {
  const m = x.milli;
  if (!Number.isFinite(m)) return '0';
  if (m === 0) return '0';
  const neg = m < 0 ? '-' : '';
  const a = Math.abs(m);
  if (a % 1000 !== 0) return `${neg}${a}m`;
  const units = a / 1000;
  if (x.format === 'BinarySI') {
    for (const [e, suffix] of BINARY) {
      const d = 2 ** e;
      if (units >= d && units % d === 0) return `${neg}${units / d}${suffix}`;
    }
    if (units < 1024) return `${neg}${units}`;
  }
  for (const [e, suffix] of DECIMAL) {
    const d = 10 ** e;
    if (units % d === 0) return `${neg}${units / d}${suffix}`;
  }
  return `${neg}${units}`;
}

/** A resource list (name → quantity text) as quantities. */
export type Usage = Map<string, Quantity>;

export function addUsage(into: Usage, name: string, v: Quantity): void {
  const cur = into.get(name);
  into.set(name, cur ? add(cur, v) : { ...v });
}

export function usageToList(u: Usage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of [...u.keys()].sort()) out[k] = formatQuantity(u.get(k)!);
  return out;
}

/** `a=1,b=2` with names sorted, as quota messages print resource lists. */
export function prettyUsage(u: Usage): string {
  return [...u.keys()].sort().map((k) => `${k}=${formatQuantity(u.get(k)!)}`).join(',');
}
