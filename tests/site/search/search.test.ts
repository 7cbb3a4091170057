/**
 * Search: builds a fixture site with the real build script (whose last step writes the Pagefind
 * index), then runs queries through Pagefind's OWN search code against that index.
 *
 * How: the pagefind npm package's Node API only builds indexes, so the test loads the browser
 * bundle the build wrote, `<output>/pagefind/pagefind.js` (an ES module: its WebAssembly search
 * engine and its loaders), into Node with a file: URL, and serves the output folder with the
 * real test server on 127.0.0.1. The bundle fetches its index files from "/pagefind/…" as a
 * page would; `globalThis.fetch` is wrapped only to resolve those site-relative URLs against the
 * server, as a browser resolves them against the page. (Under the test runner's tsx loader the
 * two .js files, outside any "type": "module" package, are converted to CommonJS by esbuild on
 * import; the code that runs is the same.) The queries go through the site's own
 * search script (`<output>/assets/search.js`, the file /search/ loads), whose `openIndex`
 * merges the Dari and Pashto indexes in, so this is the code path a reader's browser runs
 * (minus the web worker, which Pagefind itself replaces by its main-thread fallback in Node).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite, makeContent, mustReadPage, type FixtureFile } from '../../helpers/site-fixture.ts';
import { openSiteSearch, type PagefindBundle, type SiteSearch } from '../../helpers/site-search.ts';

const NOW = '2024-06-01T00:00:00Z';

function post(path: string, data: Record<string, unknown>, body: string): FixtureFile {
  return { path: `posts/${path}.md`, data, body };
}

const files: FixtureFile[] = [
  post(
    '2024/03/kunar',
    { title: 'Measles vaccination campaign reaches Kunar', date: '2024-03-14T08:00:00Z', categories: ['Health News'], tags: ['Measles'] },
    'Health workers began vaccinating children in the Pech valley of Kunar on Monday.',
  ),
  post(
    '2024/03/border',
    { title: 'Travellers at Torkham asked for vaccination cards', date: '2024-03-13T08:00:00Z', categories: ['Security'] },
    'Border officials at Torkham checked vaccination cards, travellers said.',
  ),
  post(
    '2024/03/dari',
    { title: 'کمپاین واکسین سرخکان در کابل', date: '2024-03-12T08:00:00Z', lang: 'fa', categories: ['News in Dari (Persian/Farsi)'] },
    'کارمندان صحی واکسین سرخکان را به کودکان در کابل تزریق کردند.',
  ),
  post(
    '2024/03/pashto',
    { title: 'د ننګرهار د زیتونو حاصلات', date: '2024-03-11T08:00:00Z', lang: 'ps', categories: ['Society'] },
    'سږکال په ننګرهار کې د زیتونو حاصلات ډېر شوي دي.',
  ),
  { path: 'pages/about.md', data: { title: 'About', slug: 'about' }, body: 'Zanzibarian marmalade is not news.' },
];

const site = buildSite(makeContent(files), { KHABAR_NOW: NOW });
const out = site.output;

interface Found {
  url: string;
  title: string;
  date: string;
  excerpt: string;
}
interface SearchModule {
  openIndex(pagefind: unknown, options: { bundleUrl: string; pageLang: string }): Promise<{ languages: string[]; fold: unknown }>;
  categories(pagefind: unknown): Promise<string[]>;
  runSearch(pagefind: unknown, query: string, options?: { category?: string; base?: string; fold?: unknown }): Promise<{ total: number; results: Found[] }>;
}

let opened: SiteSearch<SearchModule> | undefined;
let pagefind: PagefindBundle | undefined;
let search: SearchModule;
let fold: unknown;

after(async () => {
  await opened?.close();
});

async function find(query: string, category = ''): Promise<{ total: number; results: Found[] }> {
  return search.runSearch(pagefind, query, { category, base: `${opened!.origin}/search/`, fold });
}

test('the build ends by writing the search index', () => {
  assert.equal(site.status, 0, site.stderr);
  assert.match(site.stdout, /Indexed 4 of \d+ pages \(en 2, fa 1, ps 1\) for search in \d+\.\d\d s/);
  assert.ok(existsSync(join(out, 'pagefind/pagefind.js')));
  // Only post bodies are indexed, each in its page's language: 2 English, 1 Dari, 1 Pashto.
  const entry = JSON.parse(readFileSync(join(out, 'pagefind/pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  assert.deepEqual(
    Object.fromEntries(Object.entries(entry.languages).map(([lang, index]) => [lang, index.page_count])),
    { en: 2, fa: 1, ps: 1 },
  );
});

test('the search page: a form, a results list, a notice without JavaScript, and its script', () => {
  const page = mustReadPage(out, '/search/');
  const form = page.querySelector('form[role=search]');
  assert.equal(form?.getAttribute('action'), '/search/');
  assert.ok(form?.querySelector('input[name=q]'));
  assert.ok(form?.querySelector('select[name=category]'));
  assert.ok(page.querySelector('#search-results'));
  assert.match(page.querySelector('noscript')?.text ?? '', /needs JavaScript/);
  assert.deepEqual(page.querySelectorAll('script').map((s) => s.getAttribute('src')), ['/assets/search.js']);
  assert.ok(mustReadPage(out, '/').querySelector('.site-menu a[href="/search/"]'), 'the menu links to it');
  assert.equal(mustReadPage(out, '/').querySelectorAll('script').filter((s) => s.getAttribute('type') !== 'application/ld+json').length, 0, 'no script elsewhere');
});

test("Pagefind's own search code finds posts in English, Dari and Pashto", async () => {
  opened = await openSiteSearch<SearchModule>(out);
  const origin = opened.origin;
  pagefind = opened.pagefind as PagefindBundle;
  search = opened.search;
  // In Node Pagefind sees no <html lang>: it detects "unknown" and loads its largest index.
  const index = await search.openIndex(pagefind, { bundleUrl: `${origin}/pagefind/`, pageLang: 'unknown' });
  fold = index.fold;
  assert.deepEqual(index.languages.sort(), ['en', 'fa', 'ps']);

  const english = await find('Kunar');
  assert.deepEqual(english.results.map((r) => r.url), ['/2024/03/14/measles-vaccination-campaign-reaches-kunar/']);
  assert.equal(english.results[0]!.title, 'Measles vaccination campaign reaches Kunar');
  assert.equal(english.results[0]!.date, '14th March, 2024');
  assert.match(english.results[0]!.excerpt, /<mark>Kunar/);

  const dari = await find('واکسین');
  assert.deepEqual(dari.results.map((r) => decodeURI(r.url)), ['/2024/03/12/کمپاین-واکسین-سرخکان-در-کابل/']);
  assert.equal(dari.results[0]!.title, 'کمپاین واکسین سرخکان در کابل');

  const pashto = await find('زیتونو');
  assert.deepEqual(pashto.results.map((r) => decodeURI(r.url)), ['/2024/03/11/د-ننګرهار-د-زیتونو-حاصلات/']);
});

test('the category filter narrows the results', async () => {
  assert.ok(pagefind, 'the previous test loaded the index');
  const all = await find('vaccination');
  assert.deepEqual(all.results.map((r) => r.url).sort(), [
    '/2024/03/13/travellers-at-torkham-asked-for-vaccination-cards/',
    '/2024/03/14/measles-vaccination-campaign-reaches-kunar/',
  ]);
  const health = await find('vaccination', 'Health News');
  assert.deepEqual(health.results.map((r) => r.url), ['/2024/03/14/measles-vaccination-campaign-reaches-kunar/']);
  const security = await find('vaccination', 'Security');
  assert.deepEqual(security.results.map((r) => r.url), ['/2024/03/13/travellers-at-torkham-asked-for-vaccination-cards/']);
  assert.equal((await find('vaccination', 'Society')).total, 0);
  const categories = await search.categories(pagefind);
  for (const name of ['Health News', 'Security', 'News in Dari (Persian/Farsi)', 'Society']) assert.ok(categories.includes(name), name);
});

test('only post bodies are indexed: not static pages, lists or the sidebar', async () => {
  assert.ok(pagefind, 'the first search test loaded the index');
  assert.equal((await find('Zanzibarian')).total, 0, 'a static page');
  assert.equal((await find('Pajhwok')).total, 0, 'a sidebar link');
  assert.equal((await find('Latest')).total, 0, 'the home page heading');
  assert.equal((await find('Related')).total, 0, 'the related stories after a post');
  assert.equal((await find('Previous')).total, 0, 'the links to the previous and next post');
});
