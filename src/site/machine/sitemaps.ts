import { toIsoUtc } from '../../model/dates.ts';
import { primaryLanguage } from '../../model/language.ts';
import { SITEMAP_LIMIT } from '../../model/settings.ts';
import { xmlClean } from './feeds.ts';
import type { SiteIndex } from '../index/types.ts';
import { NEWS_SITEMAP_URL, SITEMAP_URL, sitemapPartUrl } from '../index/urls.ts';
import { listType, PAGE_TYPES } from '../page-types.ts';

/**
 * `/sitemap.xml` (every published HTML page, with its last modification) and
 * `/news-sitemap.xml` (Google News: the posts of the last two days by the build's clock).
 * Made from the site index in one pass; one paginated template
 * (templates/generators/sitemaps.njk) writes them. Past `limit` URLs (the protocol allows
 * 50,000 per file), `/sitemap.xml` becomes a sitemap index of `/sitemap-1.xml`, `/sitemap-2.xml`, ….
 */

/** Google News reads at most 1,000 URLs from a news sitemap, of the last two days. */
const NEWS_LIMIT = 1_000;
const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;

export interface SitemapUrl {
  loc: string;
  /** ISO 8601 UTC, or null when unknown. */
  lastmod: string | null;
}

export interface NewsEntry {
  loc: string;
  title: string;
  language: string;
  published: string;
}

export type SitemapFile =
  | { kind: 'urlset'; url: string; urls: SitemapUrl[] }
  | { kind: 'index'; url: string; sitemaps: SitemapUrl[] }
  | { kind: 'news'; url: string; publication: string; entries: NewsEntry[] };

export interface StaticPageRef {
  url: string;
  updated?: Date | undefined;
  draft: boolean;
}

export interface SitemapOptions {
  /** Absolute URL of a site path. */
  absolute: (path: string) => string;
  siteName: string;
  now: Date;
  /** URLs per sitemap file before splitting (default 50,000). */
  limit?: number;
}

/** Google News wants an ISO 639 code; Chinese is zh-cn or zh-tw. */
function newsLanguage(lang: string): string {
  const primary = primaryLanguage(lang);
  if (primary !== 'zh') return primary;
  return /-(?:tw|hk|mo|hant)\b/i.test(lang) ? 'zh-tw' : 'zh-cn';
}

export function buildSitemaps<Item>(
  index: Pick<SiteIndex<Item>, 'posts' | 'lists'>,
  pages: Iterable<StaticPageRef>,
  options: SitemapOptions,
): SitemapFile[] {
  const { absolute } = options;
  const limit = options.limit ?? SITEMAP_LIMIT;
  const urls: SitemapUrl[] = [];
  const listUrl = (list: (typeof index.lists)[number]): SitemapUrl => ({
    loc: absolute(list.url),
    lastmod: list.posts[0] !== undefined ? toIsoUtc(list.posts[0].date) : null,
  });

  // Home first, then the static pages, the posts and the other lists.
  const inSitemap = index.lists.filter((list) => listType(list.kind).sitemap);
  for (const list of inSitemap) if (list.kind === 'home') urls.push(listUrl(list));
  for (const page of pages) {
    if (PAGE_TYPES.page.sitemap && !page.draft) urls.push({ loc: absolute(page.url), lastmod: page.updated !== undefined ? toIsoUtc(page.updated) : null });
  }
  for (const post of index.posts) {
    if (!PAGE_TYPES.post.sitemap || post.draft) continue;
    const updated = post.updated !== undefined && post.updated > post.date ? post.updated : post.date;
    urls.push({ loc: absolute(post.url), lastmod: toIsoUtc(updated) });
  }
  for (const list of inSitemap) if (list.kind !== 'home') urls.push(listUrl(list));

  const files: SitemapFile[] = [];
  if (urls.length <= limit) {
    files.push({ kind: 'urlset', url: SITEMAP_URL, urls });
  } else {
    const sitemaps: SitemapUrl[] = [];
    for (let start = 0, n = 1; start < urls.length; start += limit, n++) {
      const chunk = urls.slice(start, start + limit);
      const url = sitemapPartUrl(n);
      let lastmod: string | null = null;
      for (const u of chunk) if (u.lastmod !== null && (lastmod === null || u.lastmod > lastmod)) lastmod = u.lastmod;
      files.push({ kind: 'urlset', url, urls: chunk });
      sitemaps.push({ loc: absolute(url), lastmod });
    }
    files.unshift({ kind: 'index', url: SITEMAP_URL, sitemaps });
  }

  // Posts are newest first: the news sitemap is a prefix of them.
  const since = options.now.getTime() - NEWS_WINDOW_MS;
  const now = options.now.getTime();
  const entries: NewsEntry[] = [];
  for (const post of index.posts) {
    const time = post.date.getTime();
    if (time < since || entries.length >= NEWS_LIMIT) break;
    if (post.draft || time > now) continue;
    entries.push({ loc: absolute(post.url), title: xmlClean(post.title), language: newsLanguage(post.lang), published: toIsoUtc(post.date) });
  }
  files.push({ kind: 'news', url: NEWS_SITEMAP_URL, publication: xmlClean(options.siteName), entries });
  return files;
}
