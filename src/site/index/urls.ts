import { dateParts } from '../../model/dates.ts';
import { slugify } from '../../model/slug.ts';

/**
 * The contract's URLs, WordPress-compatible ("day and name" permalinks). Every URL the site
 * writes or links to is made here, so templates and tests agree on them.
 */

export function postSlug(frontMatter: { slug?: string | undefined; title: string }): string {
  return frontMatter.slug ?? slugify(frontMatter.title);
}

export function postUrl(date: Date, slug: string, timeZone: string): string {
  const { year, month, day } = dateParts(date, timeZone);
  return `/${year}/${month}/${day}/${slug}/`;
}

export function pageUrl(slug: string): string {
  return `/${slug}/`;
}

export function categoryUrl(slug: string): string {
  return `/category/${slug}/`;
}

export function tagUrl(slug: string): string {
  return `/tag/${slug}/`;
}

export function yearUrl(year: string): string {
  return `/${year}/`;
}

export function monthUrl(year: string, month: string): string {
  return `/${year}/${month}/`;
}

export function dayUrl(year: string, month: string, day: string): string {
  return `/${year}/${month}/${day}/`;
}

/** Page n of a paginated list whose first page is `base` (n starts at 1). */
export function paginatedUrl(base: string, n: number): string {
  return n <= 1 ? base : `${base}page/${n}/`;
}

/** The file Eleventy writes for a URL ending in "/". */
export function outputPathOf(url: string): string {
  return url.endsWith('/') ? `${url}index.html` : url;
}
