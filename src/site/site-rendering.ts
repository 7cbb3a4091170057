import { createFeedFilters } from './feeds.ts';
import { createFilters, type Filter } from './filters.ts';
import { createLayoutReader, createRenderer, type LayoutReader, type Renderer } from './renderer.ts';

/**
 * What renders the site's templates: the filters (also registered with Eleventy), Khabar's
 * Nunjucks renderer over templates/ and the layouts the templates name. Made once, by the
 * Eleventy config.
 */
export interface SiteRendering {
  filters: Record<string, Filter>;
  render: Renderer;
  layoutOf: LayoutReader;
}

/** `site` is read when a filter runs, so a rebuild with a changed site.yaml sees the change. */
export function createSiteRendering(templatesDir: string, site: () => { timeZone: string; url: string }): SiteRendering {
  const filters = {
    ...createFilters({
      get timeZone() {
        return site().timeZone;
      },
      get url() {
        return site().url;
      },
    }),
    ...createFeedFilters(() => site().url),
  };
  // A post's summary is the same in every list it is in (home, categories, tags, year, month,
  // day: ~7 lists a post): rendered once per post and build, then reused. Keyed by the site
  // index's entry, which is new in every build.
  const summaries = new WeakMap<object, string>();
  // "More <category> news" is the same list for all the posts of a category but its latest
  // few (related.ts shares one array between them): rendered once per list and build.
  const moreLists = new WeakMap<object, string>();
  const withSummary: Record<string, Filter> = {
    ...filters,
    summary: (post: object) => {
      let html = summaries.get(post);
      if (html === undefined) {
        html = render('partials/post-summary.njk', { post });
        summaries.set(post, html);
      }
      return html;
    },
    moreInCategory: (rel: { latest: object }, site: object) => {
      let html = moreLists.get(rel.latest);
      if (html === undefined) {
        html = render('partials/more-in-category.njk', { rel, site }).trimEnd();
        moreLists.set(rel.latest, html);
      }
      return html;
    },
  };
  const render = createRenderer(templatesDir, withSummary);
  return { filters: withSummary, render, layoutOf: createLayoutReader(templatesDir) };
}
