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
  return { filters, render: createRenderer(templatesDir, filters), layoutOf: createLayoutReader(templatesDir) };
}
