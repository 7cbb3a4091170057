/**
 * The search index in shards, and the build cache that keeps them: a site built with shards
 * of 2 posts has its newest shard at /pagefind/ and the older ones listed in
 * /pagefind/khabar-shards.json; the site's search script merges them all, so Pagefind's own
 * search code finds a post in every shard. A rebuild after a new post indexes only the
 * shards that changed and takes the rest from KHABAR_CACHE. (How Pagefind's browser bundle
 * runs in Node: see search.test.ts.)
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite, makeContent, type FixtureFile } from '../../helpers/site-fixture.ts';
import { openSiteSearch, type PagefindBundle, type SiteSearch } from '../../helpers/site-search.ts';

const NOW = '2024-06-01T00:00:00Z';

function post(day: number, title: string, body: string, lang?: string): FixtureFile {
  const data: Record<string, unknown> = { title, date: `2024-03-${String(day).padStart(2, '0')}T08:00:00Z`, categories: ['Society'] };
  if (lang !== undefined) data.lang = lang;
  return { path: `posts/2024/03/post-${day}.md`, data, body };
}

const files: FixtureFile[] = [
  post(10, 'Saffron harvest in Herat', 'Farmers in Herat picked saffron early this year.'),
  post(11, 'د ننګرهار د زیتونو حاصلات', 'سږکال په ننګرهار کې د زیتونو حاصلات ډېر شوي دي.', 'ps'),
  post(12, 'Snow closes the Salang pass', 'The Salang tunnel was closed by heavy snow.'),
  post(13, 'Pomegranates from Kandahar', 'Kandahar pomegranates reached markets in Delhi.'),
  post(14, 'Kabul river runs high', 'Spring melt raised the Kabul river.'),
];
const cache = mkdtempSync(join(tmpdir(), 'khabar-cache-'));
const env = { KHABAR_NOW: NOW, KHABAR_SEARCH_SHARD_SIZE: '2', KHABAR_CACHE: cache };
const content = makeContent(files);
const site = buildSite(content, env);

interface Found {
  url: string;
}
interface SearchModule {
  openIndex(pagefind: unknown, options: { bundleUrl: string; pageLang: string }): Promise<{ languages: string[]; fold: unknown }>;
  runSearch(pagefind: unknown, query: string, options?: { base?: string; fold?: unknown }): Promise<{ total: number; results: Found[] }>;
}

let opened: SiteSearch<SearchModule> | undefined;
let pagefind: PagefindBundle | undefined;
after(async () => {
  await opened?.close();
});

test('the index is written in shards of the configured size, newest at /pagefind/', () => {
  assert.equal(site.status, 0, site.stderr);
  assert.match(site.stdout, /Indexed 5 of 5 pages \(en 4, ps 1\) for search in [\d.]+ s; 3 shards, 0 from the cache/);
  const shards = JSON.parse(readFileSync(join(site.output, 'pagefind/khabar-shards.json'), 'utf8')) as { shards: string[] };
  assert.deepEqual(shards.shards, ['/pagefind/older/1/', '/pagefind/older/0/']);
  for (const dir of ['pagefind', 'pagefind/older/1', 'pagefind/older/0']) {
    assert.ok(existsSync(join(site.output, dir, 'pagefind-entry.json')), dir);
  }
  // Every shard went into the cache.
  assert.equal(readdirSync(join(cache, 'search')).length, 3);
});

test("Pagefind's own search code finds posts in every shard", async () => {
  opened = await openSiteSearch<SearchModule>(site.output);
  const origin = opened.origin;
  pagefind = opened.pagefind as PagefindBundle;
  const search = opened.search;
  const { languages, fold } = await search.openIndex(pagefind, { bundleUrl: `${origin}/pagefind/`, pageLang: 'en' });
  assert.deepEqual(languages.sort(), ['en', 'ps']);
  const find = async (query: string): Promise<string[]> =>
    (await search.runSearch(pagefind, query, { base: `${origin}/search/`, fold })).results.map((r) => decodeURI(r.url));
  assert.deepEqual(await find('saffron'), ['/2024/03/10/saffron-harvest-in-herat/'], 'oldest shard');
  assert.deepEqual(await find('زیتونو'), ['/2024/03/11/د-ننګرهار-د-زیتونو-حاصلات/'], 'oldest shard, Pashto');
  // Written with the Pashto gaf, found with the Persian one: the folding holds in an older shard too.
  assert.deepEqual(await find('ننگرهار'), ['/2024/03/11/د-ننګرهار-د-زیتونو-حاصلات/'], 'oldest shard, folded');
  assert.deepEqual(await find('pomegranates'), ['/2024/03/13/pomegranates-from-kandahar/'], 'middle shard');
  assert.deepEqual(await find('river'), ['/2024/03/14/kabul-river-runs-high/'], 'newest shard');
});

test('a rebuild after a new post takes the unchanged shards from the cache', () => {
  const more = makeContent([...files, post(15, 'Buzkashi season opens in Mazar', 'The first buzkashi match of the season drew crowds.')]);
  const again = buildSite(more, env);
  assert.equal(again.status, 0, again.stderr);
  // Shards of 2: [10, 11] and [12, 13] are unchanged; [14, 15] is new.
  assert.match(again.stdout, /Indexed 6 of 6 pages .* 3 shards, 2 from the cache/);
  // The cache keeps only the shards the last build used.
  assert.equal(readdirSync(join(cache, 'search')).length, 3);
  const oldest = readFileSync(join(again.output, 'pagefind/older/0/pagefind-entry.json'), 'utf8');
  assert.equal(oldest, readFileSync(join(site.output, 'pagefind/older/0/pagefind-entry.json'), 'utf8'));
});
