// Go's text/tabwriter as the node tools use it: every column but the last padded to its widest cell
// (at least `minWidth`, crictl's minimum of 20 includes the padding) plus `padding` spaces.
export function tabwrite(rows: string[][], o: { padding: number; minWidth?: number }): string {
  const min = Math.max(0, (o.minWidth ?? 0) - o.padding);
  const widths = rows[0].map((_, i) => Math.max(min, ...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] + o.padding))).join('').trimEnd()).join('\n') + '\n';
}
