import { join } from 'node:path';
import type { BuildState } from '../check/build-state.ts';
import { cachedPageBytes } from './cached-pages.ts';
import { spliceableFragments } from '../render/fragments.ts';
import { openPageCache, type PageCacheStats } from './page-cache.ts';
import { pageKeys, pageSalt } from './page-keys.ts';
import { generatorJobs, writePages } from './page-writer.ts';
import type { PageGenerator, PageJob } from './types.ts';
import { sharedMoreLists } from '../index/related.ts';
import { describeSearchIndex, writeSearchIndex } from '../search/search-index.ts';
import type { SiteRendering } from '../render/site-rendering.ts';
import { contentJobs, type SiteModel } from '../index/site-model.ts';
import { copyMedia } from './media-copy.ts';
import { KhabarError } from '../../model/errors.ts';

/**
 * Writes a whole build's output from its site model: every post and page, the generated
 * pages (lists, feeds, sitemaps, redirects) and, at the same time, the search index.
 * The search index is made by search workers in Pagefind's processes while this thread
 * renders the pages (their files written by a thread of their own: file-writer.ts). With a build cache, unchanged pages come from the page cache
 * (page-cache.ts) instead of being rendered. Prints one line for the pages and one for the
 * search index.
 *
 * (Pages written by two threads were tried: no faster on two cores, where Pagefind and the
 * kernel's file writes already use the second one, and the worker's copy of the model
 * cost 600 MB more at 20,000 posts.)
 */

/** Cloudflare Pages' limit of static rules in `_redirects`. */
export const REDIRECT_RULES_LIMIT = 2000;

export interface SiteWriteOptions {
  state: BuildState;
  model: SiteModel;
  generators: readonly PageGenerator[];
  rendering: SiteRendering;
  outputDir: string;
  /** The content folder: its media/ are copied to the output. */
  contentDir: string;
  /** The build cache (KHABAR_CACHE): search shards and pages are kept there. */
  cacheDir?: string;
  /** Render the pages found in the page cache too, and fail if one differs (KHABAR_CACHE_VERIFY). */
  verifyCache?: boolean;
  searchShardSize?: number;
  /** Search workers (search-index.ts decides by default). */
  searchWorkers?: number;
}

interface PagesWritten {
  files: number;
  /** Without a build cache, none. */
  cache?: PageCacheStats;
}

/**
 * What a page that failed is made from: a post's or page's file, or for a list, feed or
 * sitemap page, the files of the posts it shows (a failure there is most likely one of theirs).
 */
function describerOf(state: BuildState): (job: PageJob) => string | undefined {
  let paths: Map<string, string> | undefined;
  return (job) => {
    if (job.source !== undefined) return job.source.slice(0, job.source.lastIndexOf(' '));
    paths ??= new Map([...state.posts.values()].map((post) => [post.url, post.path]));
    const shown = new Set<string>();
    for (const item of Object.values(job.data)) {
      const lists = item !== null && typeof item === 'object' ? [(item as { posts?: unknown }).posts, (item as { entries?: unknown }).entries] : [];
      for (const list of lists) {
        if (!Array.isArray(list)) continue;
        for (const entry of list as { url?: unknown; post?: { url?: unknown } }[]) {
          // A list's posts are post entries; a feed's entries hold theirs (their own URL is absolute).
          const url = entry?.post?.url ?? entry?.url;
          const path = typeof url === 'string' ? paths.get(url) : undefined;
          if (path !== undefined) shown.add(path);
        }
      }
    }
    return shown.size === 0 ? undefined : `one of ${[...shown].join(', ')}`;
  };
}

/** Every page Khabar writes (not the single pages Eleventy renders): posts and pages, then each generator's. */
export function* siteJobs(state: BuildState, model: SiteModel, generators: readonly PageGenerator[]): Generator<PageJob> {
  yield* contentJobs(state, model);
  yield* generatorJobs(generators, siteCollections(model));
}

/** The collections the generators page over, each read only when a generator asks for it (the dev server's machine files are made then). */
export function siteCollections({ index, files }: SiteModel): Record<string, readonly { url: string }[]> {
  return {
    khabarLists: index.lists,
    get khabarFeeds() {
      return files.feeds;
    },
    get khabarSitemaps() {
      return files.sitemaps;
    },
    get khabarRedirects() {
      return files.redirects.pages;
    },
    khabarOldIds: files.oldIds,
  };
}

/** Renders (or takes from the page cache) and writes every page. */
async function writeSitePages({ state, model, generators, rendering, outputDir, cacheDir, verifyCache }: SiteWriteOptions): Promise<PagesWritten> {
  const { index } = model;
  const jobs = (): Generator<PageJob> => siteJobs(state, model, generators);
  const moreLists = sharedMoreLists(index.related);
  const fragments = spliceableFragments(model.fragments, (categoryUrl) => {
    const rel = moreLists.get(categoryUrl);
    return rel === undefined ? undefined : rendering.renderMore(rel, state.site);
  });
  const options = {
    render: rendering.render,
    layoutOf: rendering.layoutOf,
    describe: describerOf(state),
    outputDir,
    globals: { site: state.site, collections: { khabar: { ...model, fragments: fragments.standIns } } },
  };
  if (cacheDir === undefined) {
    return { files: await writePages(jobs(), { ...options, pageBytes: (_job, render, scratch) => fragments.splice(render(), scratch) }) };
  }

  const salt = pageSalt({
    templatesDir: rendering.templatesDir,
    shared: [state.site, state.categories.all, state.rules.includeDrafts, model.fragments.header],
  });
  const cache = openPageCache(join(cacheDir, 'pages'), salt);
  const cached = cachedPageBytes(cache, pageKeys(index, salt), fragments, verifyCache);
  let written: number;
  try {
    written = await writePages(jobs(), { ...options, pageBytes: cached.pageBytes });
  } catch (error) {
    await cache.abandon();
    throw error;
  }
  if (cached.mismatches.length > 0) {
    await cache.abandon();
    const shown = cached.mismatches.slice(0, 20).join('\n  ');
    throw new Error(
      `page cache: ${cached.mismatches.length} cached page(s) differ from their rendering (the pages written are the rendered ones; ` +
        `the cache was left as it was):\n  ${shown}${cached.mismatches.length > 20 ? '\n  …' : ''}`,
    );
  }
  return { files: written, cache: await cache.commit() };
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
  }).catch((error: unknown) => {
    // Pagefind names a record by its URL: name the post's file too.
    const paths = new Map([...state.posts.values()].map((post) => [post.url, post.path]));
    const message = (error instanceof Error ? error.message : String(error)).replace(/(\/[^\s:;]*\/): /g, (all, url: string) => {
      const path = paths.get(url);
      return path === undefined ? all : `${path} (${url}): `;
    });
    throw new KhabarError(`search index: ${message}`, { cause: error });
  });

  const written = writeSitePages(options).then(({ files, cache }) => {
    const fromCache = cache === undefined ? '' : `; ${cache.hits} of ${cache.pages} from the page cache${cache.rewrote ? ' (cache rewritten)' : ''}`;
    console.log(`Wrote ${files} pages, feeds and sitemaps in ${((performance.now() - started) / 1000).toFixed(2)} s${fromCache}`);
  });
  const media = copyMedia(options.contentDir, outputDir);
  const [summary] = await Promise.all([search, written, media]);
  console.log(describeSearchIndex(summary, model.index.posts.length));
  const rules = model.files.redirects.lines.length;
  if (rules > REDIRECT_RULES_LIMIT) {
    console.warn(
      `warning: _redirects has ${rules.toLocaleString('en-US')} rules; Cloudflare Pages reads at most ${REDIRECT_RULES_LIMIT.toLocaleString('en-US')} ` +
        'static ones (the redirect pages and the old-id map still work everywhere).',
    );
  }
}
