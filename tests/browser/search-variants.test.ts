/**
 * Search finds what Dari and Pashto readers type, in a real browser (Debian's Chromium): each
 * variant is typed into /search/'s box, character by character (a ZWNJ or a bidi mark as a
 * reader's keyboard or a paste puts it there), and Enter pressed; the post written the other
 * way is found, and its title and excerpt are shown as written, the words found marked.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FixtureFile } from '../helpers/site-fixture.ts';
import { buildFixture, evaluate, launchBrowser, newContext, screenshot, serveSite, waitForSearchReady, type SiteServer } from './helpers.ts';

const ZWNJ = '\u200c';
const RLM = '\u200f';

function post(day: number, slug: string, data: Record<string, unknown>, body: string): FixtureFile {
  return { path: `posts/2024/03/${slug}.md`, data: { slug, date: `2024-03-${day}T08:00:00Z`, categories: ['Society'], ...data }, body };
}

const POSTS = {
  zwnj: '/2024/03/10/zwnj/',
  written: '/2024/03/11/arabic-letters/',
  persian: '/2024/03/12/persian-letters/',
  pashto: '/2024/03/13/pashto/',
  bidi: '/2024/03/14/bidi/',
} as const;

const files: FixtureFile[] = [
  post(10, 'zwnj', { title: `واکسین تطبیق می${ZWNJ}شود`, lang: 'fa' }, `کمپاین از دوشنبه در ولسوالی‌ها آغاز می${ZWNJ}شود.`),
  post(11, 'arabic-letters', { title: 'خبر قديمي از مزار', lang: 'fa' }, 'اين خبر با صفحه كليد عربي نوشته شده: يك روز باراني در كندهار.'),
  post(12, 'persian-letters', { title: 'باران در هرات', lang: 'fa' }, 'کشاورزان هرات از باران خوشحال اند.'),
  post(13, 'pashto', { title: 'د ننګرهار زیتون', lang: 'ps' }, 'سږکال په ننګرهار کې ډېر زیتون شوي او ماشومانو ته وړۍ جامې ورکړل شوې.'),
  post(14, 'bidi', { title: 'بازار بلخ', lang: 'fa' }, `بازار ${RLM}بلخ${RLM} امروز باز بود.`),
];

let server: SiteServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

before(async () => {
  server = await serveSite(buildFixture(files));
  browser = await launchBrowser();
  context = await newContext(browser);
  page = await context.newPage();
  await page.goto(`${server.url}/search/`);
  await waitForSearchReady(page);
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

interface Shown {
  status: string;
  results: { href: string; title: string; excerpt: string; marked: string[] }[];
}

/** Types `query` into the search box, character by character, presses Enter and reads the results. */
async function typeAndSearch(query: string): Promise<Shown> {
  const input = page.locator('#search-query');
  await input.fill('');
  await input.pressSequentially(query);
  assert.equal(await input.inputValue(), query, 'the box holds what was typed');
  await input.press('Enter');
  // The status names the query when its results are shown.
  await page.waitForFunction(`(document.getElementById('search-status')?.textContent ?? '').includes(${JSON.stringify(`“${query.trim()}”`)})`);
  return evaluate<Shown>(
    page,
    `({ status: document.getElementById('search-status').textContent,
        results: [...document.querySelectorAll('#search-results li')].map((li) => ({
          href: li.querySelector('h2 a').getAttribute('href'),
          title: li.querySelector('h2 a').textContent,
          excerpt: li.querySelector('p[dir=auto]').textContent,
          marked: [...li.querySelectorAll('mark')].map((m) => m.textContent),
        })) })`,
  );
}

const hrefs = (shown: Shown): string[] => shown.results.map((r) => r.href);

test('a word typed with a ZWNJ, or without it, finds the post; the excerpt shows the ZWNJ as written', async () => {
  for (const query of [`می${ZWNJ}شود`, 'میشود']) {
    const shown = await typeAndSearch(query);
    assert.deepEqual(hrefs(shown), [POSTS.zwnj], JSON.stringify(query));
    assert.match(shown.status, /^1 story found for/);
    assert.equal(shown.results[0]!.title, `واکسین تطبیق می${ZWNJ}شود`);
    assert.ok(shown.results[0]!.excerpt.includes(`آغاز می${ZWNJ}شود.`), shown.results[0]!.excerpt);
    assert.ok(shown.results[0]!.marked.includes(`می${ZWNJ}شود`), String(shown.results[0]!.marked));
  }
});

test('a bidi mark pasted with the word still finds the post, and a post written with one is found without', async () => {
  for (const query of [`${RLM}بلخ`, `بلخ${RLM}`, `\u202bبلخ\u202c`, 'بلخ']) {
    const shown = await typeAndSearch(query);
    assert.deepEqual(hrefs(shown), [POSTS.bidi], JSON.stringify(query));
  }
});

test('Arabic yeh and kaf typed on an Arabic keyboard find Persian letters, and Persian letters find a post written with Arabic ones', async () => {
  const arabic = await typeAndSearch('هرات كشاورزان');
  assert.deepEqual(hrefs(arabic), [POSTS.persian]);
  const persian = await typeAndSearch('یک کندهار');
  assert.deepEqual(hrefs(persian), [POSTS.written]);
  // Shown as written: the Arabic letters stay.
  assert.equal(persian.results[0]!.title, 'خبر قديمي از مزار');
  assert.ok(persian.results[0]!.excerpt.includes('يك روز باراني در كندهار.'), persian.results[0]!.excerpt);
  assert.deepEqual(persian.results[0]!.marked, ['يك', 'كندهار.']);
  const arabicToo = await typeAndSearch('قديمي');
  assert.deepEqual(hrefs(arabicToo), [POSTS.written], 'the Arabic letters as written find it too');
});

test('Pashto gaf, e and yeh with tail, or the Persian letters, find the Pashto post; shown as written', async () => {
  for (const query of ['ننگرهار', 'ننګرهار', 'ډیر', 'ډېر', 'جامی', 'جامې', 'وړی', 'وړۍ']) {
    const shown = await typeAndSearch(query);
    assert.equal(shown.results[0]?.href, POSTS.pashto, query);
    assert.equal(shown.results[0]!.title, 'د ننګرهار زیتون');
    assert.ok(shown.results[0]!.excerpt.includes('په ننګرهار کې ډېر زیتون'), shown.results[0]!.excerpt);
  }
  await screenshot(page, 'search-pashto-variant');
});

test('the status and the address keep the query as typed', async () => {
  await typeAndSearch('ننگرهار');
  assert.equal(new URL(page.url()).searchParams.get('q'), 'ننگرهار');
  const shown = await typeAndSearch(`می${ZWNJ}شود`);
  assert.ok(shown.status.includes(`“می${ZWNJ}شود”`));
  assert.equal(new URL(page.url()).searchParams.get('q'), `می${ZWNJ}شود`);
});
