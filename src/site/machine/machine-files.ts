import { buildRedirects, withMovedLists, type RedirectTarget, type Redirects } from './aliases.ts';
import type { BuildState } from '../check/build-state.ts';
import { absoluteUrlOf, buildFeeds, type FeedFile } from './feeds.ts';
import type { SiteIndex } from '../index/types.ts';
import { buildOldIds, type OldIdFile } from './old-ids.ts';
import { buildSitemaps, type SitemapFile } from './sitemaps.ts';

/**
 * The files a build writes beside its HTML pages: feeds, sitemaps and redirects, all made
 * once per build from the site index (see feeds.ts, sitemaps.ts, aliases.ts) and rendered by
 * the paginated templates in templates/generators/ (feeds.njk, sitemaps.njk, redirects.njk)
 * and the single ones (robots.njk, redirects-file.njk).
 */
export interface MachineFiles<Item> {
  feeds: FeedFile<Item>[];
  sitemaps: SitemapFile[];
  /** The redirect pages (aliases that can be files) and the `_redirects` lines. */
  redirects: Redirects;
  /** The map from WordPress's numeric ids to new URLs, for the home and 404 pages' script. */
  oldIds: OldIdFile[];
}

/** `sitemapLimit`: URLs per sitemap file (the settings' KHABAR_SITEMAP_LIMIT); `lazy`: feeds, sitemaps and redirects made when first read. */
export function buildMachineFiles<Item>(index: SiteIndex<Item>, build: BuildState, sitemapLimit: number, { lazy = false } = {}): MachineFiles<Item> {
  const absolute = absoluteUrlOf(build.site.url);
  const pages = [...build.pages.values()].map((page) => ({
    url: page.url,
    title: page.frontMatter.title,
    aliases: page.frontMatter.aliases,
    updated: page.frontMatter.updated,
    draft: page.frontMatter.draft,
  }));

  const targets: RedirectTarget[] = [];
  // Only what this build publishes redirects: an unpublished post's aliases stay unannounced.
  for (const post of build.posts.values()) {
    if (post.frontMatter.aliases.length > 0 && index.byUrl.has(post.url)) {
      targets.push({ url: post.url, title: post.frontMatter.title, aliases: post.frontMatter.aliases });
    }
  }
  for (const page of pages) if (page.aliases.length > 0 && (!page.draft || build.rules.includeDrafts)) targets.push(page);

  const make = {
    feeds: () => buildFeeds(index, build.site, build.rules.now),
    sitemaps: () =>
      buildSitemaps(index, pages, {
        absolute,
        siteName: build.site.name,
        now: build.rules.now,
        limit: sitemapLimit,
      }),
    redirects: () => withMovedLists(buildRedirects(targets, absolute), index.moved, absolute),
  };
  const oldIds = buildOldIds(targets);
  if (!lazy) return { feeds: make.feeds(), sitemaps: make.sitemaps(), redirects: make.redirects(), oldIds };
  // The dev server's: each made when first read (a feed or sitemap is asked for), then kept.
  const files = { oldIds } as MachineFiles<Item>;
  for (const [name, made] of Object.entries(make)) {
    Object.defineProperty(files, name, {
      enumerable: true,
      configurable: true,
      get() {
        const value = made();
        Object.defineProperty(files, name, { value, enumerable: true });
        return value;
      },
    });
  }
  return files;
}
