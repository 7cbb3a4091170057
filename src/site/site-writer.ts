import type { BuildState } from './build-state.ts';
import { spliceableFragments } from './fragments.ts';
import { generatorJobs, writePages, type PageGenerator } from './page-writer.ts';
import type { LayoutReader, Renderer } from './renderer.ts';
import { describeSearchIndex, writeSearchIndex } from './search-index.ts';
import { contentJobs, type SiteModel } from './site-model.ts';

/**
 * Writes a whole build's output from its site model: every post and page, the generated
 * pages (lists, feeds, sitemaps, redirects) and, at the same time in Pagefind's process,
 * the search index. Prints one line for the pages and one for the search index.
 */
export interface SiteWriteOptions {
  state: BuildState;
  model: SiteModel;
  generators: readonly PageGenerator[];
  render: Renderer;
  layoutOf: LayoutReader;
  outputDir: string;
  /** The build cache (KHABAR_CACHE): search shards are kept there. */
  cacheDir?: string;
  searchShardSize?: number;
}

export async function writeSite(options: SiteWriteOptions): Promise<void> {
  const { state, model, outputDir } = options;
  const { index, files } = model;
  const started = performance.now();
  const search = writeSearchIndex(index.posts, {
    outputDir,
    ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
    ...(options.searchShardSize === undefined ? {} : { shardSize: options.searchShardSize }),
    timeZone: state.site.timeZone,
  });
  const jobs = function* () {
    yield* contentJobs(state, model);
    yield* generatorJobs(options.generators, {
      khabarLists: index.lists,
      khabarFeeds: files.feeds,
      khabarSitemaps: files.sitemaps,
      khabarRedirects: files.redirects.pages,
    });
  };
  const fragments = spliceableFragments(model.fragments);
  const written = writePages(jobs(), {
    render: options.render,
    layoutOf: options.layoutOf,
    outputDir,
    globals: { site: state.site, collections: { khabar: { ...model, fragments: fragments.standIns } } },
    encode: fragments.splice,
  }).then((pages) => {
    console.log(`Wrote ${pages} pages, feeds and sitemaps in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  });
  const [summary] = await Promise.all([search, written]);
  console.log(describeSearchIndex(summary, index.posts.length));
}
