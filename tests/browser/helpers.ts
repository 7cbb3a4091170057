/**
 * The browser suite's shared parts: the reader fixture site (built once per test file by the
 * real build script), a static file server for a built site on 127.0.0.1, and Debian's
 * Chromium driven by playwright-core (no browser download: /usr/bin/chromium, which CI
 * installs). Each test file builds one site and launches one browser; each scenario gets a
 * new browser context (a fresh, empty profile) with a fixed clock.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from '../../scripts/lib/chromium.ts';
import { serveSite, type SiteServer } from '../../scripts/lib/static-server.ts';
import { buildSite, makeContent, repoRoot, type FixtureFile } from '../helpers/site-fixture.ts';

export { CHROMIUM, CHROMIUM_FLAGS, serveSite, type SiteServer };

/** The fixture's "now": the build (KHABAR_NOW) and every page's clock. */
export const NOW = '2024-06-01T00:00:00Z';

/** Where page screenshots go (git-ignored; CI keeps them as artefacts). */
export const SCREENSHOTS = join(repoRoot, 'test-results', 'screenshots');

const pad = (n: number): string => String(n).padStart(2, '0');

function post(path: string, data: Record<string, unknown>, body = 'Body text.'): FixtureFile {
  return { path: `posts/${path}.md`, data, body };
}

/** The site's real static pages (every menu item has its page, so no menu link is broken). */
function realPages(): FixtureFile[] {
  const dir = join(repoRoot, 'content', 'pages');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .map((name) => ({ path: `pages/${name}`, raw: readFileSync(join(dir, name), 'utf8') }));
}

/**
 * The reader fixture: 23 health reports in January 2024 (so the category, the month and the
 * tag "Measles" have a page 2), politics, a Dari and a Pashto post, a video post, an
 * aggregated post, a post with an excerpt and a post with rich Markdown, and the real pages.
 */
export function readerFixture(): FixtureFile[] {
  const health = Array.from({ length: 23 }, (_, i) =>
    post(
      `2024/01/health-${i + 1}`,
      {
        title: `Health report ${i + 1}`,
        date: `2024-01-${pad(i + 1)}T08:00:00Z`,
        categories: ['Health News'],
        tags: i < 12 ? ['Measles'] : [],
      },
      `Health workers in Kunar reported on the vaccination campaign, day ${i + 1}.`,
    ),
  );
  const politics = Array.from({ length: 4 }, (_, i) =>
    post(
      `2024/02/politics-${i + 1}`,
      {
        title: `Politics report ${i + 1}`,
        date: `2024-02-0${i + 1}T08:00:00Z`,
        categories: i < 2 ? ['Political News', 'Security'] : ['Political News'],
        tags: ['Kabul'],
      },
      'Officials in Kabul met elders from the provinces.',
    ),
  );
  const others: FixtureFile[] = [
    post(
      '2024/03/dari',
      { title: 'کمپاین واکسین سرخکان در کابل', slug: 'dari-measles', date: '2024-03-10T08:00:00Z', lang: 'fa', categories: ['News in Dari (Persian/Farsi)'], tags: ['Measles'] },
      'کارمندان صحی واکسین سرخکان را به کودکان در کابل تزریق کردند.\n\nاین کمپاین یک هفته ادامه دارد.',
    ),
    post(
      '2024/03/pashto',
      { title: 'د ننګرهار د زیتونو حاصلات', slug: 'pashto-olives', date: '2024-03-11T08:00:00Z', lang: 'ps', categories: ['Society'] },
      'سږکال په ننګرهار کې د زیتونو حاصلات ډېر شوي دي.',
    ),
    post(
      '2024/03/long-read',
      { title: 'Long read with excerpt', date: '2024-03-13T08:00:00Z', categories: ['Opinion/Editorial'], author: 'Guest Writer' },
      'First paragraph of the long read.\n\n<!-- more -->\n\nSecond paragraph only on the post.',
    ),
    post('2024/03/video', {
      title: 'Tolo News in Dari – March 14, 2024',
      date: '2024-03-14T08:00:00Z',
      categories: ['News in Dari (Persian/Farsi)'],
      video: 'https://www.youtube.com/watch?v=abcdefghijk',
      source: { name: 'Tolo News in Dari', url: 'https://www.youtube.com/watch?v=abcdefghijk', id: 'yt:abcdefghijk', feed: 'tolonews-dari' },
    }),
    post(
      '2024/03/aggregated',
      {
        title: 'Aggregated story',
        date: '2024-03-15T08:00:00Z',
        categories: ['Political News'],
        source: { name: 'Tolo News', url: 'https://tolonews.com/afghanistan-1', id: 'https://tolonews.com/afghanistan-1', feed: 'tolonews' },
      },
      'Tolo News: a summary of the story.',
    ),
    post(
      '2024/03/rich',
      { title: 'A post with every kind of Markdown', date: '2024-03-16T08:00:00Z', categories: ['Health News'], tags: ['Kabul'], aliases: ['/old-rich-post/'] },
      [
        'An opening paragraph with **bold**, _emphasis_, `code` and [a link to the about page](/about/).',
        '',
        'See also [the stories related to day 5](/2024/01/05/health-report-5/#related-heading), or [skip to the text](#main).',
        '',
        '## A section',
        '',
        '- one',
        '- two',
        '',
        '1. first',
        '2. second',
        '',
        '> A quotation from an official.',
        '',
        '```',
        'a very long line of preformatted text that must scroll inside its own box and never make the page scroll sideways at all',
        '```',
        '',
        '| Province | Cases |',
        '| --- | --- |',
        '| Kunar | 12 |',
        '',
        '![The Khabar logo](/assets/logo.svg)',
        '',
        'A long unbroken word: Pneumonoultramicroscopicsilicovolcanoconiosispneumonoultramicroscopicsilicovolcanoconiosis.',
      ].join('\n'),
    ),
  ];
  return [...health, ...politics, ...others, ...realPages()];
}

/** The fixture's URL of each page type. */
export const PAGE_TYPES = {
  home: '/',
  post: '/2024/01/05/health-report-5/',
  'post-rich': '/2024/03/16/a-post-with-every-kind-of-markdown/',
  'post-video': '/2024/03/14/tolo-news-in-dari-march-14-2024/',
  'post-dari': '/2024/03/10/dari-measles/',
  'post-pashto': '/2024/03/11/pashto-olives/',
  category: '/category/health-news/',
  'category-page-2': '/category/health-news/page/2/',
  tag: '/tag/measles/',
  'home-page-2': '/page/2/',
  year: '/2024/',
  month: '/2024/01/',
  day: '/2024/01/05/',
  'static-page': '/about/',
  'not-found': '/404.html',
  search: '/search/',
} as const;

export type PageType = keyof typeof PAGE_TYPES;

/** Makes the content folder and builds it with the real build script; throws on failure. */
export function buildFixture(files: FixtureFile[] = readerFixture()): string {
  const site = buildSite(makeContent(files), { KHABAR_NOW: NOW });
  if (site.status !== 0) throw new Error(`the fixture site did not build:\n${site.stderr}`);
  return site.output;
}

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}

/**
 * A new context (a fresh, empty profile) whose clock is fixed at NOW. Requests that leave
 * 127.0.0.1 (the YouTube embed) are answered with an empty page, so no test waits on the
 * closed network and nothing outside the fixture runs.
 */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce', ...options });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(15_000);
  await context.clock.setFixedTime(new Date(NOW));
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><html lang="en"><title>External content</title></html>' }),
  );
  return context;
}

/** Saves a screenshot (by default of the full page) as test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/**
 * Evaluates a JavaScript expression in the page. (The project's TypeScript has no DOM types,
 * so page code is written as expression strings and its result typed here.)
 */
export function evaluate<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate<T>(expression);
}

/** Waits until the search page has loaded its index (its script filled the category menu). */
export async function waitForSearchReady(page: Page): Promise<void> {
  await page.waitForFunction("document.querySelectorAll('#search-category option').length > 1");
}
