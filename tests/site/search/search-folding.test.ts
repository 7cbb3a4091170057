/**
 * Search finds what readers type: the variants Dari and Pashto readers type differently from
 * how outlets write (a ZWNJ, a pasted bidi mark, Arabic yeh/kaf, Pashto gaf/e/yeh) find the
 * post, through Pagefind's own search code and the site's search script (how they run in
 * Node: see search.test.ts); and the results show the title and excerpt as written.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite, makeContent, mustReadPage, type FixtureFile } from '../../helpers/site-fixture.ts';
import { openSiteSearch, type SiteSearch } from '../../helpers/site-search.ts';

const ZWNJ = '\u200c';
const RLM = '\u200f';

function post(day: number, data: Record<string, unknown>, body: string): FixtureFile {
  return { path: `posts/2024/03/post-${day}.md`, data: { date: `2024-03-${day}T08:00:00Z`, categories: ['Society'], ...data }, body };
}

// A long text, so the excerpt is a window in the middle of it, not its start.
const filler = (n: number): string => Array.from({ length: n }, (_, i) => `واژه${i}`).join(' ');

const files: FixtureFile[] = [
  post(10, { title: `واکسین در کابل`, slug: 'zwnj', lang: 'fa' }, `${filler(60)} کمپاین از دوشنبه آغاز می${ZWNJ}شود تا هفته آینده. ${filler(60)}`),
  post(11, { title: 'خبر قديمي از كابل', slug: 'arabic-letters', lang: 'fa' }, 'اين خبر با صفحه كليد عربي نوشته شده: يك روز باراني در كندهار.'),
  post(12, { title: 'د ننګرهار زیتون', slug: 'pashto', lang: 'ps' }, 'سږکال په ننګرهار کې ډېر زیتون شوي او ماشومانو ته وړۍ جامې ورکړل شوې.'),
  post(13, { title: 'Herat market', slug: 'bidi' , lang: 'fa' }, `بازار ${RLM}هرات${RLM} امروز باز بود.`),
  post(14, { title: 'An English story', slug: 'english' }, 'Nothing here is folded: Kandahar pomegranates.'),
];

const site = buildSite(makeContent(files), { KHABAR_NOW: '2024-06-01T00:00:00Z' });

interface Found {
  url: string;
  title: string;
  excerpt: string;
}
interface SearchModule {
  openIndex(pagefind: unknown, options: { bundleUrl: string; pageLang: string }): Promise<{ languages: string[]; fold: unknown }>;
  runSearch(pagefind: unknown, query: string, options?: { base?: string; fold?: unknown }): Promise<{ total: number; results: Found[] }>;
}
interface PagefindData {
  url: string;
  excerpt: string;
}
interface PagefindBundle {
  search(query: string): Promise<{ results: { data(): Promise<PagefindData> }[] }>;
  destroy(): Promise<void>;
}

let opened: SiteSearch<SearchModule> | undefined;
let pagefind: PagefindBundle;
let search: SearchModule;
let fold: unknown;
after(async () => {
  await opened?.close();
});

const slugOf = (url: string): string => decodeURI(url).split('/').filter(Boolean).pop()!;
async function find(query: string, withFold = true): Promise<{ total: number; results: Found[] }> {
  return search.runSearch(pagefind, query, { base: `${opened!.origin}/search/`, fold: withFold ? fold : undefined });
}
const text = (excerpt: string): string => excerpt.replace(/<\/?mark>/g, '');
const marked = (excerpt: string): string[] => [...excerpt.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]!);

test('the site builds, and the search page loads the index with its folding', async () => {
  assert.equal(site.status, 0, site.stderr);
  const shards = JSON.parse(readFileSync(join(site.output, 'pagefind/khabar-shards.json'), 'utf8')) as { fold: { remove: string; replace: Record<string, string> } };
  assert.ok(shards.fold.remove.includes(ZWNJ));
  assert.equal(shards.fold.replace['ك'], 'ک');
  opened = await openSiteSearch<SearchModule>(site.output);
  const origin = opened.origin;
  pagefind = opened.pagefind as PagefindBundle;
  search = opened.search;
  ({ fold } = await search.openIndex(pagefind, { bundleUrl: `${origin}/pagefind/`, pageLang: 'unknown' }));
});

test('a word typed with or without its ZWNJ finds the post; the excerpt shows it as written', async () => {
  for (const query of [`می${ZWNJ}شود`, 'میشود']) {
    const found = await find(query);
    assert.deepEqual(found.results.map((r) => slugOf(r.url)), ['zwnj'], query);
    const [result] = found.results;
    assert.ok(text(result!.excerpt).includes(`آغاز می${ZWNJ}شود تا`), result!.excerpt);
    assert.ok(marked(result!.excerpt).includes(`می${ZWNJ}شود`), result!.excerpt);
  }
});

test('a bidi mark pasted with the word finds the post written without it, and the other way round', async () => {
  for (const query of [`${RLM}هرات`, `هرات${RLM}`, '\u202bهرات\u202c', 'هرات']) {
    const found = await find(query);
    assert.deepEqual(found.results.map((r) => slugOf(r.url)), ['bidi'], JSON.stringify(query));
    assert.deepEqual(marked(found.results[0]!.excerpt), [`${RLM}هرات${RLM}`], 'shown as written, marks and all');
  }
});

test('Arabic yeh and kaf find the Persian letters, and the other way round; results as written', async () => {
  // Typed on an Arabic keyboard: finds the post written with Persian letters.
  assert.deepEqual((await find('كابل')).results.map((r) => slugOf(r.url)).sort(), ['arabic-letters', 'zwnj']);
  // Typed with Persian letters: finds the post written on an Arabic keyboard.
  const found = await find('یک کندهار');
  assert.deepEqual(found.results.map((r) => slugOf(r.url)), ['arabic-letters']);
  assert.equal(found.results[0]!.title, 'خبر قديمي از كابل');
  assert.ok(text(found.results[0]!.excerpt).includes('يك روز باراني در كندهار.'), found.results[0]!.excerpt);
  assert.deepEqual(marked(found.results[0]!.excerpt), ['يك', 'كندهار.']);
});

test('Pashto gaf, e and yeh with tail find the post written with them (and the Persian letters too)', async () => {
  for (const query of ['ننگرهار', 'ننګرهار', 'ډیر', 'ډېر', 'وړی', 'وړۍ', 'جامی']) {
    assert.deepEqual((await find(query)).results.map((r) => slugOf(r.url)), ['pashto'], query);
  }
  const [result] = (await find('ننگرهار')).results;
  assert.equal(result!.title, 'د ننګرهار زیتون');
  assert.ok(text(result!.excerpt).includes('په ننګرهار کې ډېر زیتون'), result!.excerpt);
});

test('without the folding the same queries find nothing: the index holds the folded text, and the written words are not searchable', async () => {
  // (Words of the bodies only: Pagefind also matches the title, kept as written in the metadata.)
  assert.equal((await find('كندهار', false)).total, 0);
  assert.equal((await find('ډېر', false)).total, 0);
  assert.equal((await find('وړۍ', false)).total, 0);
  // Nor is the position of a written word (3, 4, 8, 9: in the Arabic-keyboard post; 67: the ZWNJ).
  // (Not 1 or 2: they begin the dates shown with results, "11th March, 2024", also searchable.)
  for (const position of ['3', '4', '8', '9', '67']) assert.equal((await find(position)).total, 0, position);
});

test("the excerpt as written is Pagefind's own excerpt, word for word, with the written words put back", async () => {
  for (const query of ['میشود', 'کندهار', 'ننگرهار', 'هرات']) {
    const own = await (await pagefind.search(query)).results[0]!.data();
    const ours = (await find(query)).results[0]!;
    assert.equal(slugOf(own.url), slugOf(ours.url));
    // Pagefind's excerpt is of the folded text (it escapes only < and >): folding ours gives it back.
    const folded = (excerpt: string): string => text(excerpt).normalize('NFC').replace(/[\u200c\u200f]/g, '').replace(/ي/g, 'ی').replace(/ك/g, 'ک').replace(/ګ/g, 'گ').replace(/[ېۍ]/g, 'ی');
    assert.equal(folded(ours.excerpt), text(own.excerpt), query);
    assert.equal(marked(ours.excerpt).length, marked(own.excerpt).length, query);
  }
  // The window is in the middle of the long post, not its start.
  assert.ok(!text((await find('میشود')).results[0]!.excerpt).startsWith('واکسین'));
});

test('English posts are untouched: no written words kept, the excerpt is Pagefind’s', async () => {
  const [result] = (await find('pomegranates')).results;
  assert.equal(slugOf(result!.url), 'english');
  assert.equal(result!.excerpt, 'An English story Nothing here is folded: Kandahar <mark>pomegranates.</mark>');
});

test('the post pages keep the text as written', () => {
  assert.ok(mustReadPage(site.output, '/2024/03/10/zwnj/').text.includes(`آغاز می${ZWNJ}شود تا`));
  assert.ok(mustReadPage(site.output, '/2024/03/11/arabic-letters/').text.includes('يك روز باراني در كندهار'));
});
