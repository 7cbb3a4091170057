import { paginatedUrl } from './urls.ts';

/** Splits a list into pages of `size` (the last one may be shorter; an empty list gives no page). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages;
}

export type PageLink = { kind: 'page'; n: number; url: string; current: boolean } | { kind: 'gap' };

/**
 * The page numbers a pager shows: the first and last pages, and two either side of the
 * current one, with gaps between (1 … 4 5 [6] 7 8 … 120). Constant size whatever the count.
 */
export function pageLinks(base: string, current: number, count: number, around = 2): PageLink[] {
  const numbers = new Set<number>([1, count]);
  for (let n = current - around; n <= current + around; n++) if (n >= 1 && n <= count) numbers.add(n);
  const sorted = [...numbers].sort((a, b) => a - b);
  const links: PageLink[] = [];
  let previous = 0;
  for (const n of sorted) {
    if (n - previous > 1) links.push({ kind: 'gap' });
    links.push({ kind: 'page', n, url: paginatedUrl(base, n), current: n === current });
    previous = n;
  }
  return links;
}
