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
  // Partials that many pages show the same: rendered once per key and build, then reused.
  // Keys are the site index's objects, which are new in every build.
  // - A post's summary is the same in every list it is in (home, categories, tags, year,
  //   month, day: ~7 lists a post); keyed by the post's entry.
  // - "More <category> news" is the same for all the posts of a category but its latest few
  //   (related.ts shares one array between them); keyed by that array.
  const summaries = renderedOnce();
  const moreLists = renderedOnce();
  const withSummary: Record<string, Filter> = {
    ...filters,
    summary: (post: object) => summaries(post, () => render('partials/post-summary.njk', { post })),
    moreInCategory: (rel: { latest: object }, site: object) =>
      moreLists(rel.latest, () => render('partials/more-in-category.njk', { rel, site }).trimEnd()),
  };
  const render = createRenderer(templatesDir, withSummary);
  return { filters: withSummary, render, layoutOf: createLayoutReader(templatesDir) };
}

/** A memo of rendered HTML by object: `make` runs once per key. */
function renderedOnce(): (key: object, make: () => string) => string {
  const made = new WeakMap<object, string>();
  return (key, make) => {
    let html = made.get(key);
    if (html === undefined) {
      html = make();
      made.set(key, html);
    }
    return html;
  };
}
