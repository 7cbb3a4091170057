import { frontMatterEngines } from '../model/front-matter.ts';

/**
 * The front-matter engines Eleventy reads content with: the shared ones, except that a post's
 * `tags` are handed to Eleventy as `khabarTags`. Eleventy turns every value of a `tags` key
 * into a collection and re-sorts all posts for each one (1,500 tags × 20,000 posts); Khabar
 * builds its tag pages from its own index (src/site/site-index.ts), so Eleventy must not see
 * them.
 */
function hideTags(data: Record<string, unknown>): Record<string, unknown> {
  if (!('tags' in data)) return data;
  const { tags, ...rest } = data;
  return { ...rest, khabarTags: tags };
}

export const eleventyFrontMatterEngines = {
  ...frontMatterEngines,
  yaml: (source: string) => hideTags(frontMatterEngines.yaml(source)),
  json: (source: string) => hideTags(frontMatterEngines.json(source)),
};
