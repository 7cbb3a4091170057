import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import type { Renderer } from './renderer.ts';
import { outputPathOf } from './urls.ts';

/**
 * Writes the generated pages — every list page, feed, sitemap and redirect page — straight
 * from the site index, each rendered by its template in templates/generators/ and written
 * as soon as it is rendered.
 *
 * Why not Eleventy pagination: Eleventy clones a template, runs the data cascade and
 * computed data, and keeps the rendered HTML in memory, for every output page. A 20,000-post
 * site has ~12,000 list pages and ~1,600 feeds; through Eleventy they cost more time than
 * the posts themselves and, with the posts, ran a build out of heap. Here a page costs one
 * template render and one file write, and nothing is kept.
 */

export interface Generator {
  /** Template path under templates/, e.g. "generators/lists.njk". */
  template: string;
  /** The collection it pages over ("khabarLists"), from its front matter. */
  collection: string;
  /** The variable one item is known by in the template ("list"). */
  alias: string;
  layout?: string;
}

interface GeneratorFrontMatter {
  pagination?: { data?: string; size?: number; alias?: string };
  layout?: string;
}

/**
 * Reads a generator's front matter. Generators that page over one of Khabar's collections
 * (`pagination: { data: collections.khabarX, size: 1, alias: x }`) are written by Khabar;
 * others (404, robots.txt, the search page) are single pages left to Eleventy: null.
 */
export function readGenerator(template: string, source: string): Generator | null {
  const match = /^---[^\n]*\n([\s\S]*?)\n---/.exec(source);
  if (match === null) return null;
  const data = (parse(match[1]!) ?? {}) as GeneratorFrontMatter;
  const pagination = data.pagination;
  if (pagination?.data === undefined) return null;
  const collection = /^collections\.(khabar\w*)$/.exec(pagination.data)?.[1];
  if (collection === undefined || pagination.alias === undefined || (pagination.size ?? 1) !== 1) {
    throw new Error(`${template}: a generator pages over collections.khabar… one item at a time, with an alias`);
  }
  return { template, collection, alias: pagination.alias, ...(data.layout === undefined ? {} : { layout: data.layout }) };
}

export interface WriteOptions {
  render: Renderer;
  outputDir: string;
  /** Data every generated page sees, as Eleventy's pages do (site, collections). */
  globals: Record<string, unknown>;
  /** The items of each collection a generator may page over. */
  collections: Record<string, readonly { url: string }[]>;
  /** Writes in flight at once. */
  concurrency?: number;
}

/** Renders and writes every page of every generator; returns the number of files written. */
export async function writeGeneratedPages(generators: readonly Generator[], options: WriteOptions): Promise<number> {
  const made = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  const limit = options.concurrency ?? 16;
  let written = 0;

  const write = async (url: string, html: string): Promise<void> => {
    const file = join(options.outputDir, outputPathOf(url));
    const dir = dirname(file);
    if (!made.has(dir)) {
      await mkdir(dir, { recursive: true });
      made.add(dir);
    }
    await writeFile(file, html);
    written++;
  };

  for (const generator of generators) {
    const items = options.collections[generator.collection];
    if (items === undefined) throw new Error(`${generator.template}: no collection named ${generator.collection}`);
    for (const item of items) {
      const context = { ...options.globals, page: { url: item.url }, [generator.alias]: item };
      let html = options.render(generator.template, context);
      if (generator.layout !== undefined) html = options.render(generator.layout, { ...context, content: html });
      const job = write(item.url, html).finally(() => inFlight.delete(job));
      inFlight.add(job);
      if (inFlight.size >= limit) await Promise.race(inFlight);
    }
  }
  await Promise.all(inFlight);
  return written;
}
