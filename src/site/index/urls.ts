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

/** The Atom feed of a category's or tag's list, from the URL of its first page. */
export function termFeedUrl(base: string): string {
  return `${base}feed.xml`;
}

export const SITE_FEED_URL = '/feed.xml';
export const JSON_FEED_URL = '/feed.json';
export const SITEMAP_URL = '/sitemap.xml';
export const NEWS_SITEMAP_URL = '/news-sitemap.xml';

/** Part n of a sitemap split past its limit. */
export function sitemapPartUrl(n: number): string {
  return `/sitemap-${n}.xml`;
}
