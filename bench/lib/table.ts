/** Figures as text: numbers rounded for the tables, and a Markdown table with aligned columns. */

export const f1 = (n: number | undefined): string => (n === undefined ? '–' : n.toFixed(1));
export const f2 = (n: number | undefined): string => (n === undefined ? '–' : n.toFixed(2));
export const f0 = (n: number | undefined): string => (n === undefined ? '–' : Math.round(n).toLocaleString('en-US'));

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}
