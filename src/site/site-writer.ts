import type { BuildState } from './build-state.ts';
import { spliceableFragments } from './fragments.ts';
import { generatorJobs, writePages, type PageGenerator } from './page-writer.ts';
import { describeSearchIndex, writeSearchIndex } from './search-index.ts';
import type { SiteRendering } from './site-rendering.ts';
import { contentJobs, type SiteModel } from './site-model.ts';

/**
 * Writes a whole build's output from its site model: every post and page, the generated
 * pages (lists, feeds, sitemaps, redirects) and, at the same time, the search index.
 * The search index is made by search workers in Pagefind's processes while this thread
 * writes the pages. Prints one line for the pages and one for the search index.
 *
 * (Pages written by two threads were tried: no faster on two cores, where Pagefind and the
 * kernel's file writes already use the second one, and the worker's copy of the model
 * cost 600 MB more at 20,000 posts.)
 */

export interface SiteWriteOptions {
  state: BuildState;
  model: SiteModel;
  generators: readonly PageGenerator[];
  rendering: SiteRendering;
  outputDir: string;
  /** The build cache (KHABAR_CACHE): search shards are kept there. */
  cacheDir?: string;
  searchShardSize?: number;
  /** Search workers (search-index.ts decides by default). */
  searchWorkers?: number;
}

/** Renders and writes every page; returns the number of files written. */
function writeSitePages({ state, model, generators, rendering, outputDir }: SiteWriteOptions): Promise<number> {
  const { index, files } = model;
  const jobs = function* () {
    yield* contentJobs(state, model);
    yield* generatorJobs(generators, {
      khabarLists: index.lists,
      khabarFeeds: files.feeds,
      khabarSitemaps: files.sitemaps,
      khabarRedirects: files.redirects.pages,
    });
  };
  const fragments = spliceableFragments(model.fragments);
  return writePages(jobs(), {
    render: rendering.render,
    layoutOf: rendering.layoutOf,
    outputDir,
    globals: { site: state.site, collections: { khabar: { ...model, fragments: fragments.standIns } } },
    encode: fragments.splice,
  });
}

export async function writeSite(options: SiteWriteOptions): Promise<void> {
  const { state, model, outputDir } = options;
  const started = performance.now();
  const search = writeSearchIndex(model.index.posts, {
    outputDir,
    ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
    ...(options.searchShardSize === undefined ? {} : { shardSize: options.searchShardSize }),
    ...(options.searchWorkers === undefined ? {} : { workers: options.searchWorkers }),
    timeZone: state.site.timeZone,
  });

  const written = writeSitePages(options).then((pages) => {
    console.log(`Wrote ${pages} pages, feeds and sitemaps in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  });
  const [summary] = await Promise.all([search, written]);
  console.log(describeSearchIndex(summary, model.index.posts.length));
}
