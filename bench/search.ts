/**
 * The search benchmark: a built site served from 127.0.0.1 (the browser tests' static server)
 * and searched in Debian's Chromium, as a reader does: /search/ is opened (the page loads the
 * Pagefind index of every language and shard), a one-word query is typed and Enter pressed.
 * Measured per query, each run in a new browser context (an empty cache):
 * - ms from the Enter key to the first result on the page, timed in the page itself
 *   (performance.now() in a keydown listener and a MutationObserver on the results list);
 * - the requests and bytes from Enter to that moment (Playwright's request sizes: what crossed
 *   the wire, headers included; this server sends files as they are, and Pagefind's index
 *   files are gzipped by Pagefind itself);
 * - and the opening of the page before it: ms to the index loaded, requests, bytes.
 * `npm run bench` runs it on each size's clean build (--no-search: not); on its own, on any
 * built site: `npx tsx bench/search.ts --site _site [--queries Kabul,کابل] [--runs 3]`.
 * Nothing is asserted.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from '../scripts/lib/chromium.ts';
import { serveSite } from '../scripts/lib/static-server.ts';
import { load } from './lib/measure.ts';
import type { Report } from './lib/results.ts';
import { f0, f1, table } from './lib/table.ts';

/**
 * One-word queries: an English word in most posts of the generated corpus, a rarer one, and
 * a Persian word (typed with an Arabic kaf once, folded to the same query).
 */
export const SEARCH_QUERIES = ['Kabul', 'Nuristan', 'کابل', 'كابل'];
export const SEARCH_RUNS = 3;

interface Traffic {
  requests: number;
  bytes: number;
}

export interface QueryFigures {
  query: string;
  /** Each run's figures, in order. */
  /** found: the posts the status line counts (the page lists the first 20). */
  runs: { ms: number; requests: number; bytes: number; found: number; openMs: number; open: Traffic }[];
}

export interface SearchFigures {
  posts: number | undefined;
  queries: QueryFigures[];
  load: string;
}

/**
 * Requests and bytes on the wire (body as sent and headers), counted since the last `take`.
 * Playwright's context events see the requests of Pagefind's web worker too, which fetches
 * the index chunks and result fragments (a CDP session on the page would not).
 */
function countTraffic(context: BrowserContext): { take(): Promise<Traffic> } {
  let sizes: Promise<number>[] = [];
  context.on('requestfinished', (request) => {
    sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize, () => 0));
  });
  return {
    async take(): Promise<Traffic> {
      const taken = sizes;
      sizes = [];
      const bytes = (await Promise.all(taken)).reduce((a, b) => a + b, 0);
      return { requests: taken.length, bytes };
    },
  };
}

/** In the page: the time of the Enter key in the search box and of the first result shown. */
const TIMERS = `(() => {
  window.__searchBench = { enter: 0, shown: 0, done: false };
  const timers = window.__searchBench;
  document.getElementById('search-query').addEventListener('keydown', (event) => {
    if (event.key === 'Enter') Object.assign(timers, { enter: performance.now(), shown: 0, done: false });
  }, { capture: true });
  const list = document.getElementById('search-results');
  new MutationObserver(() => {
    if (timers.enter > 0 && timers.shown === 0 && list.querySelector('li')) timers.shown = performance.now();
  }).observe(list, { childList: true });
  const status = document.getElementById('search-status');
  new MutationObserver(() => {
    if (timers.enter > 0 && /found/.test(status.textContent)) timers.done = true;
  }).observe(status, { childList: true, characterData: true, subtree: true });
})()`;

async function searchOnce(browser: Browser, siteUrl: string, query: string): Promise<QueryFigures['runs'][number]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const traffic = countTraffic(context);
    const page: Page = await context.newPage();
    const opened = performance.now();
    await page.goto(`${siteUrl}/search/`);
    // The page has loaded its index when its script has filled the category menu.
    await page.waitForFunction("document.querySelectorAll('#search-category option').length > 1", undefined, { timeout: 120_000 });
    const openMs = performance.now() - opened;
    await page.evaluate(TIMERS);
    await page.locator('#search-query').fill(query);
    const open = await traffic.take();
    await page.locator('#search-query').press('Enter');
    await page.waitForFunction('window.__searchBench.done', undefined, { timeout: 120_000 });
    // Let the last requestfinished events of what the results needed arrive.
    await page.waitForTimeout(200);
    const timers = await page.evaluate<{ enter: number; shown: number }>('window.__searchBench');
    // "N stories found for …": every match, not only the 20 listed.
    const found = Number(/^(\d+)/.exec((await page.locator('#search-status').textContent()) ?? '')?.[1] ?? 0);
    const { requests, bytes } = await traffic.take();
    return { ms: found > 0 ? timers.shown - timers.enter : NaN, requests, bytes, found, openMs, open };
  } finally {
    await context.close();
  }
}

/** Measures `queries` on the built site in `output`, `runs` times each. */
export async function searchBench(output: string, posts?: number, queries = SEARCH_QUERIES, runs = SEARCH_RUNS): Promise<SearchFigures> {
  if (!existsSync(join(output, 'pagefind', 'pagefind.js'))) throw new Error(`no search index in ${output} (pagefind/pagefind.js): build the site first`);
  const server = await serveSite(output);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  const figures: QueryFigures[] = [];
  try {
    for (const query of queries) {
      const measured: QueryFigures = { query, runs: [] };
      for (let run = 0; run < runs; run++) measured.runs.push(await searchOnce(browser, server.url, query));
      figures.push(measured);
      const last = measured.runs.at(-1)!;
      console.log(
        `  · search “${query}”: ${measured.runs.map((r) => f0(r.ms)).join(', ')} ms to the first result, ` +
          `${last.requests} requests, ${f1(last.bytes / 1024)} KB (page open: ${last.open.requests} requests, ${f1(last.open.bytes / 1024)} KB, ${f0(last.openMs)} ms)`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { posts, queries: figures, load: load() };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The search table: one row per size and query, medians of the runs. */
export function searchSection(report: Report, all: SearchFigures[]): void {
  const { say } = report;
  if (all.length === 0) return;
  say('');
  say('## Search in Chromium (bench/search.ts)');
  say('');
  const rows = all.flatMap((figures) =>
    figures.queries.map((q) => {
      const { runs } = q;
      const m = (pick: (r: QueryFigures['runs'][number]) => number): number => median(runs.map(pick));
      return [
        figures.posts === undefined ? '–' : f0(figures.posts),
        q.query,
        f0(m((r) => r.found)),
        f0(m((r) => r.ms)),
        `${f0(Math.min(...runs.map((r) => r.ms)))}–${f0(Math.max(...runs.map((r) => r.ms)))}`,
        f0(m((r) => r.requests)),
        f1(m((r) => r.bytes) / 1024),
        f0(m((r) => r.openMs)),
        f0(m((r) => r.open.requests)),
        f1(m((r) => r.open.bytes) / 1024),
        f1(m((r) => (r.bytes + r.open.bytes) / 1024)),
        figures.load,
      ];
    }),
  );
  say(
    table(
      ['posts', 'query', 'results', 'Enter→first result ms', 'range ms', 'requests', 'KB', 'page open ms', 'open requests', 'open KB', 'total KB', 'load 1/5/15'],
      rows,
    ),
  );
  say('');
  say(
    `Medians of ${all[0]!.queries[0]?.runs.length ?? 0} runs, each in a new browser context (empty cache), the site served from 127.0.0.1 without compression ` +
      '(Pagefind gzips its own index files). Enter→first result: from the Enter key in the search box to the first result in the list, ' +
      'timed in the page; requests and KB: what that search fetched, Pagefind’s web worker included (bytes on the wire, headers too); page open: /search/ ' +
      'loaded until its index is ready (Pagefind’s script, WebAssembly and the index metadata of every language and shard). ' +
      'Targets (issue 18), at 50,000 posts: first results within 1.5 s of Enter, ≤ 600 KB transferred.',
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { site: { type: 'string' }, queries: { type: 'string' }, runs: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help === true || values.site === undefined) {
    console.log('usage: npx tsx bench/search.ts --site DIR [--queries Kabul,کابل] [--runs 3]   (DIR: a built site, e.g. _site)');
    return;
  }
  const runs = Number(values.runs ?? SEARCH_RUNS);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs: expected a positive whole number, found ${values.runs}`);
  const queries = values.queries === undefined ? SEARCH_QUERIES : values.queries.split(',').map((q) => q.trim()).filter(Boolean);
  console.log(`search benchmark on ${values.site} (load ${load()})`);
  const figures = await searchBench(values.site, undefined, queries, runs);
  const { Report } = await import('./lib/results.ts');
  searchSection(new Report(), [figures]);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
