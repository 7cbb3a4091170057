import { resolve } from 'node:path';
import { parse } from 'yaml';
import { KhabarError } from '../../model/errors.ts';
import type { LayoutReader, Renderer } from '../render/types.ts';
import { outputPathOf } from '../index/urls.ts';
import { outputFile } from './output-path.ts';
import type { PageGenerator, PageJob } from './types.ts';
import { compactHtml } from '../render/compact-html.ts';
import { FileWriteError, openFileWriter } from './file-writer.ts';

/**
 * Writes the site's pages — posts, pages, every list page, feed, sitemap and redirect page —
 * straight from the site model, each rendered by its template (and the layouts it names) and
 * written as soon as it is rendered.
 *
 * Why not Eleventy's templates and pagination: Eleventy runs the data cascade and computed
 * data for every template and output page, and keeps every rendered page in memory until the
 * build ends. A 20,000-post site has ~20,000 posts, ~12,000 list pages and ~1,600 feeds:
 * through Eleventy they took most of the build and ran it out of heap. Here a page costs one
 * render per template in its layout chain and one file write, and nothing is kept.
 */

interface GeneratorFrontMatter {
  pagination?: { data?: string; size?: number; alias?: string };
}

/**
 * Reads a generator's front matter. Generators that page over one of Khabar's collections
 * (`pagination: { data: collections.khabarX, size: 1, alias: x }`) are written by Khabar;
 * others (404, robots.txt, the search page) are single pages left to Eleventy: null.
 */
export function readGenerator(template: string, source: string): PageGenerator | null {
  const match = /^---[^\n]*\n([\s\S]*?)\n---/.exec(source);
  if (match === null) return null;
  const data = (parse(match[1]!) ?? {}) as GeneratorFrontMatter;
  const pagination = data.pagination;
  if (pagination?.data === undefined) return null;
  const collection = /^collections\.(khabar\w*)$/.exec(pagination.data)?.[1];
  if (collection === undefined || pagination.alias === undefined || (pagination.size ?? 1) !== 1) {
    throw new Error(`${template}: a generator pages over collections.khabar… one item at a time, with an alias`);
  }
  return { template, collection, alias: pagination.alias };
}

/** The pages of each generator: one per item of the collection it pages over. */
export function* generatorJobs(generators: readonly PageGenerator[], collections: Record<string, readonly { url: string }[]>): Generator<PageJob> {
  for (const generator of generators) {
    const items = collections[generator.collection];
    if (items === undefined) throw new Error(`${generator.template}: no collection named ${generator.collection}`);
    for (const item of items) yield { url: item.url, template: generator.template, data: { [generator.alias]: item } };
  }
}

export interface WriteOptions {
  render: Renderer;
  /** The layout a template names in its front matter, if any. */
  layoutOf: LayoutReader;
  outputDir: string;
  /** Data every page sees, as Eleventy's pages do (site, collections). */
  globals: Record<string, unknown>;
  /**
   * The bytes written for a page, given a function that renders it (fragments.ts splices
   * shared fragments in; cached-pages.ts takes unchanged pages from the page cache without
   * rendering them), in `scratch` when they fit: a buffer reused for every page (the writer
   * copies the bytes before the next page is made). By default the rendered page, encoded.
   */
  pageBytes?: (job: PageJob, render: () => string, scratch: Buffer) => Buffer;
  /**
   * What a failed page is made from, for the error ("content/posts/x.md"); by default the
   * job's source file, if it has one.
   */
  describe?: (job: PageJob) => string | undefined;
}

/** A page that could not be rendered or written: names the page and the content it came from. */
export class PageWriteError extends KhabarError {}

/** A post's or page's file ("content/posts/x.md"), from its job's source ("path hash"). */
function sourceOf(job: PageJob): string | undefined {
  return job.source?.slice(0, job.source.lastIndexOf(' '));
}

/** Room for any HTML page (3 bytes per UTF-16 unit of a 150 KB page); a larger file gets its own buffer. */
export const SCRATCH_BYTES = 512 * 1024;

/** A page's HTML: its template, then each layout in its chain (as Eleventy would); the dev server renders pages with it too. */
export function renderJob(job: PageJob, options: Pick<WriteOptions, 'render' | 'layoutOf' | 'globals'>): string {
  const context = { ...options.globals, page: { url: job.url }, ...job.data };
  let html = options.render(job.template, context);
  for (let layout = options.layoutOf(job.template); layout !== undefined; layout = options.layoutOf(layout)) {
    html = options.render(layout, { ...context, content: html });
  }
  // HTML pages lose their templates' indentation; feeds and other files stay as rendered.
  return job.url.endsWith('/') || job.url.endsWith('.html') ? compactHtml(html) : html;
}

/** How long the page loop runs before it lets the event loop through (search workers wait on it for their next shard). */
const YIELD_MS = 15;

/**
 * Renders every page through its layout chain and writes it; returns the number of files written.
 * The files are written by a thread of their own (file-writer.ts) while this one renders the next
 * pages. The loop lets the event loop run at least every YIELD_MS, so that search workers get
 * their next shard meanwhile.
 */
export async function writePages(jobs: Iterable<PageJob>, options: WriteOptions): Promise<number> {
  let written = 0;
  const pageBytes = options.pageBytes ?? ((_job: PageJob, render: () => string) => Buffer.from(render()));
  // One page buffer reused from one page to the next (the writer copies what it is given): a
  // 20,000-post site writes 0.9 GB, which need not be allocated page by page.
  const scratch = Buffer.allocUnsafe(SCRATCH_BYTES);
  const root = resolve(options.outputDir);
  const writer = openFileWriter<PageJob>(root);
  const render = (job: PageJob): string => renderJob(job, options);

  const describe = options.describe ?? sourceOf;
  const failed = (job: PageJob, error: unknown): PageWriteError => {
    if (error instanceof PageWriteError) return error;
    const from = describe(job);
    const why = error instanceof Error ? error.message : String(error);
    return new PageWriteError(`${from === undefined ? '' : `${from}: `}could not write ${job.url} (${job.template}): ${why}`, { cause: error });
  };
  const writeFailed = (error: unknown): unknown => (error instanceof FileWriteError ? failed(error.tag as PageJob, error) : error);

  try {
    let lastYield = performance.now();
    for (const job of jobs) {
      let room: Promise<void> | undefined;
      try {
        // Checked, whatever the URL says: never a file outside the output folder.
        const file = outputFile(root, outputPathOf(job.url));
        room = writer.write(file, pageBytes(job, () => render(job), scratch), job);
      } catch (error) {
        throw error instanceof FileWriteError ? writeFailed(error) : failed(job, error);
      }
      written++;
      if (room !== undefined) {
        await room.catch((error: unknown) => {
          throw writeFailed(error);
        });
        lastYield = performance.now();
      } else if (performance.now() - lastYield >= YIELD_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
    }
    await writer.close().catch((error: unknown) => {
      throw writeFailed(error);
    });
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return written;
}
