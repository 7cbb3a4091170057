import { createFeedFilters } from '../machine/feeds.ts';
import { createFilters } from './filters.ts';
import { moreMarker } from './fragments.ts';
import { createLayoutReader, createRenderer } from './renderer.ts';
import type { Filter, LayoutReader, Renderer } from './types.ts';
import { compactHtml } from './compact-html.ts';

/**
 * What renders the site's templates: the filters (also registered with Eleventy), Khabar's
 * Nunjucks renderer over templates/ and the layouts the templates name. Made once, by the
 * Eleventy config.
 */
export interface SiteRendering {
  filters: Record<string, Filter>;
  render: Renderer;
  layoutOf: LayoutReader;
  /** Where the templates are (their text is part of the page cache's keys). */
  templatesDir: string;
  /** A post's "More <category> news" list, as the `moreInCategory` filter would show it inline. */
  renderMore(rel: MoreList, site: object): string;
}

/** What the "More … news" partial shows (related.ts's RelatedStories). */
interface MoreList {
  category: { url: string };
  latest: object;
  latestShared: boolean;
}

/** `site` is read when a filter runs, so a rebuild with a changed site.yaml sees the change. */
export function createSiteRendering(templatesDir: string, site: () => { timeZone: string; url: string; lang: string }): SiteRendering {
  const filters = {
    ...createFilters({
      get timeZone() {
        return site().timeZone;
      },
      get url() {
        return site().url;
      },
      get lang() {
        return site().lang;
      },
    }),
    ...createFeedFilters(() => site().url),
  };
  // A post's summary is the same in every list it is in (home, categories, tags, year, month,
  // day: ~7 lists a post): rendered once per build, keyed by the post's entry (the site
  // index's objects are new in every build).
  const summaries = new WeakMap<object, string>();
  const renderMore = (rel: MoreList, site: object): string => compactHtml(render('partials/more-in-category.njk', { rel, site })).trimEnd();
  const withSummary: Record<string, Filter> = {
    ...filters,
    summary: (post: object) => {
      // By the entry's item (its rendered body), one per entry: the dev server swaps in a new one when only a body changed.
      const item = (post as { item?: unknown }).item;
      const key = typeof item === 'object' && item !== null ? item : post;
      let html = summaries.get(key);
      if (html === undefined) {
        html = render('partials/post-summary.njk', { post });
        summaries.set(key, html);
      }
      return html;
    },
    // "More <category> news" is the same for all the posts of a category but its latest few:
    // those pages get a marker, and the list is spliced in once rendered (fragments.ts).
    moreInCategory: (rel: MoreList, site: object) => (rel.latestShared ? moreMarker(rel.category.url) : renderMore(rel, site)),
  };
  const render = createRenderer(templatesDir, withSummary);
  return { filters: withSummary, render, layoutOf: createLayoutReader(templatesDir), templatesDir, renderMore };
}
