import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadCategories } from '../../../src/model/categories.ts';
import { postSchema, type PostFrontMatterInput } from '../../../src/model/schema.ts';
import { ARCHIVE_WIDGET_YEARS, buildSiteIndex } from '../../../src/site/index/site-index.ts';
import type { IndexInput, ListPage, SiteIndex } from '../../../src/site/index/types.ts';
import { postSlug, postUrl } from '../../../src/site/index/urls.ts';

const categories = loadCategories(fileURLToPath(new URL('../../../content/_data/categories.yaml', import.meta.url)));
const ZONE = 'Asia/Kabul';
const DAY = 24 * 60 * 60 * 1000;

function input(fields: Omit<PostFrontMatterInput, 'date'> & { date: string }): IndexInput<string> {
  const frontMatter = postSchema.parse(fields);
  const url = postUrl(frontMatter.date, postSlug(frontMatter), ZONE);
  return { url, frontMatter, item: `item:${frontMatter.title}` };
}

const options = { categories, timeZone: ZONE, postsPerPage: 10, defaultAuthor: 'admin', defaultLang: 'en' };

/**
 * 26 posts: H0–H22 in Health News every 5 days from 10 January 2024 (06:00 UTC, the same day in
 * Kabul), one Afghan Children post late on 26 March UTC (27 March in Kabul), one with no
 * category on New Year's Eve UTC (1 January 2024 in Kabul), one Dari post in June 2023.
 */
const health = Array.from({ length: 23 }, (_, i) =>
  input({
    title: `Health ${i}`,
    date: new Date(Date.UTC(2024, 0, 10, 6) + i * 5 * DAY).toISOString(),
    categories: ['Health News'],
    tags: i === 22 ? ['Kabul'] : i === 5 ? ['KABUL'] : i === 0 ? ['kabul'] : [],
  }),
);
const late = input({
  title: 'Late night in Kabul',
  date: '2024-03-26T20:00:00Z',
  categories: ['Afghan Children'],
  tags: ['Measles', 'measles', 'Vaccines'],
});
const uncategorized = input({ title: 'No category', date: '2023-12-31T21:00:00Z' });
const dari = input({
  title: 'خبر دری',
  slug: 'khabar-dari',
  date: '2023-06-15T10:00:00Z',
  categories: ['Taliban', 'Political News'],
  lang: 'fa',
  author: 'editor',
});
// Shuffled, so that the index has to sort.
const inputs = [health[3]!, dari, ...health.slice(10), late, ...health.slice(0, 3), uncategorized, ...health.slice(4, 10)];

const index: SiteIndex<string> = buildSiteIndex(inputs, options);

function listsOf(kind: ListPage['kind'], base: string): ListPage<string>[] {
  return index.lists.filter((l) => l.kind === kind && l.base === base);
}

test('the input is what the tests assume', () => {
  assert.equal(inputs.length, 26);
  assert.equal(new Set(inputs.map((i) => i.url)).size, 26);
  assert.equal(late.url, '/2024/03/27/late-night-in-kabul/');
  assert.equal(uncategorized.url, '/2024/01/01/no-category/');
});

test('posts are sorted newest first', () => {
  const times = index.posts.map((p) => p.date.getTime());
  assert.deepEqual(times, [...times].sort((a, b) => b - a));
  assert.equal(index.posts[0]!.title, 'Health 22');
  assert.equal(index.posts.at(-1)!.title, 'خبر دری');
  assert.equal(index.posts.length, 26);
  assert.equal(index.byUrl.get(late.url)?.title, 'Late night in Kabul');
  assert.equal(index.byUrl.size, 26);
});

test('posts with the same date are ordered by URL', () => {
  const a = input({ title: 'Bravo', date: '2024-05-01T00:00:00Z' });
  const b = input({ title: 'Alpha', date: '2024-05-01T00:00:00Z' });
  const small = buildSiteIndex([a, b], options);
  assert.deepEqual(small.posts.map((p) => p.title), ['Alpha', 'Bravo']);
});

test('post entries carry defaults and resolved terms', () => {
  const entry = index.byUrl.get(dari.url)!;
  assert.equal(entry.lang, 'fa');
  assert.equal(entry.dir, 'rtl');
  assert.equal(entry.author, 'editor');
  assert.equal(entry.item, 'item:خبر دری');
  assert.equal(entry.draft, false);
  assert.deepEqual(entry.categories, [
    { name: 'Taliban', url: '/category/taliban/' },
    { name: 'Political News', url: '/category/political-news/' },
  ]);
  const english = index.byUrl.get(health[0]!.url)!;
  assert.equal(english.lang, 'en');
  assert.equal(english.dir, 'ltr');
  assert.equal(english.author, 'admin');
});

test('a tag written twice in one post is listed once', () => {
  assert.deepEqual(index.byUrl.get(late.url)!.tags, [
    { name: 'Measles', url: '/tag/measles/' },
    { name: 'Vaccines', url: '/tag/vaccines/' },
  ]);
});

test('home: 26 posts at 10 a page are 3 pages', () => {
  const home = listsOf('home', '/');
  assert.deepEqual(home.map((l) => l.url), ['/', '/page/2/', '/page/3/']);
  assert.deepEqual(home.map((l) => l.posts.length), [10, 10, 6]);
  assert.deepEqual(home.map((l) => l.pageCount), [3, 3, 3]);
  assert.equal(home[0]!.title, 'Latest news');
  assert.equal(home[1]!.title, 'Latest news – Page 2');
  assert.deepEqual(home.flatMap((l) => l.posts.map((p) => p.url)), index.posts.map((p) => p.url));
});

test('a category with 23 posts has 3 pages; the last has 3', () => {
  const pages = listsOf('category', '/category/health-news/');
  assert.deepEqual(pages.map((l) => l.pageNumber), [1, 2, 3]);
  assert.deepEqual(pages.map((l) => l.posts.length), [10, 10, 3]);
  assert.deepEqual(pages.map((l) => l.url), [
    '/category/health-news/',
    '/category/health-news/page/2/',
    '/category/health-news/page/3/',
  ]);
  const [first, second, third] = pages as [ListPage<string>, ListPage<string>, ListPage<string>];
  assert.equal(first.name, 'Health News');
  assert.equal(first.title, 'Category: Health News');
  assert.equal(second.title, 'Category: Health News – Page 2');
  assert.equal(first.newerUrl, null);
  assert.equal(first.olderUrl, '/category/health-news/page/2/');
  assert.equal(second.newerUrl, '/category/health-news/');
  assert.equal(second.olderUrl, '/category/health-news/page/3/');
  assert.equal(third.newerUrl, '/category/health-news/page/2/');
  assert.equal(third.olderUrl, null);
  assert.deepEqual(third.posts.map((p) => p.title), ['Health 2', 'Health 1', 'Health 0']);
  assert.deepEqual(
    second.links.map((l) => (l.kind === 'page' ? `${l.n}${l.current ? '*' : ''}:${l.url}` : '…')),
    ['1:/category/health-news/', '2*:/category/health-news/page/2/', '3:/category/health-news/page/3/'],
  );
});

test('a post with no categories lands in Uncategorized', () => {
  const entry = index.byUrl.get(uncategorized.url)!;
  assert.deepEqual(entry.categories, [{ name: 'Uncategorized', url: '/category/uncategorized/' }]);
  const pages = listsOf('category', '/category/uncategorized/');
  assert.equal(pages.length, 1);
  assert.deepEqual(pages[0]!.posts.map((p) => p.url), [uncategorized.url]);
});

test('tags that differ only in case share one page, named by the newest spelling', () => {
  const pages = listsOf('tag', '/tag/kabul/');
  assert.equal(pages.length, 1);
  assert.equal(pages[0]!.name, 'Kabul');
  assert.equal(pages[0]!.title, 'Tag: Kabul');
  assert.deepEqual(pages[0]!.posts.map((p) => p.title), ['Health 22', 'Health 5', 'Health 0']);
  assert.equal(index.lists.filter((l) => l.kind === 'tag').length, 3);
  // Each post still shows its own spelling.
  assert.deepEqual(index.byUrl.get(health[0]!.url)!.tags, [{ name: 'kabul', url: '/tag/kabul/' }]);
});

test('year, month and day archives, in the site time zone', () => {
  // A year's page is one page, an index of its months; it lists no posts itself.
  const years = index.lists.filter((l) => l.kind === 'year');
  assert.deepEqual(years.map((l) => `${l.url} ${l.posts.length} ${l.pageCount}`), ['/2024/ 0 1', '/2023/ 0 1']);
  assert.equal(years[0]!.title, 'Archives: 2024');
  assert.deepEqual(years[0]!.months?.map((m) => `${m.url} ${m.count}`), ['/2024/04/ 6', '/2024/03/ 7', '/2024/02/ 6', '/2024/01/ 6']);

  const march = listsOf('month', '/2024/03/');
  assert.equal(march.length, 1);
  assert.equal(march[0]!.name, 'March 2024');
  assert.equal(march[0]!.posts.length, 7);

  // 2024-03-26T20:00:00Z is 00:30 on the 27th in Kabul.
  const day27 = listsOf('day', '/2024/03/27/');
  assert.equal(day27.length, 1);
  assert.deepEqual(day27[0]!.posts.map((p) => p.url), [late.url]);
  assert.equal(day27[0]!.name, '27th March, 2024');
  assert.equal(listsOf('day', '/2024/03/26/').length, 0);

  // New Year's Eve in UTC is 1 January 2024 in Kabul.
  assert.deepEqual(listsOf('day', '/2024/01/01/')[0]?.posts.map((p) => p.url), [uncategorized.url]);
  assert.equal(listsOf('month', '/2023/12/').length, 0);
});

test('neighbours: the newest has no newer post, the oldest no older', () => {
  const newest = index.posts[0]!;
  const second = index.posts[1]!;
  const oldest = index.posts.at(-1)!;
  assert.equal(index.neighbours.get(newest.url)?.newer, null);
  assert.equal(index.neighbours.get(newest.url)?.older?.url, second.url);
  assert.equal(index.neighbours.get(second.url)?.newer?.url, newest.url);
  assert.equal(index.neighbours.get(oldest.url)?.older, null);
  assert.equal(index.neighbours.get(oldest.url)?.newer?.url, uncategorized.url);
  assert.equal(index.neighbours.size, 26);
});

test('sidebar: the 10 most recent posts', () => {
  assert.deepEqual(index.sidebar.recent.map((p) => p.url), index.posts.slice(0, 10).map((p) => p.url));
  const three = buildSiteIndex(inputs, { ...options, recentCount: 3 });
  assert.deepEqual(three.sidebar.recent.map((p) => p.title), ['Health 22', 'Health 21', 'Health 20']);
});

test('sidebar: categories in categories.yaml order with their counts, empty ones left out', () => {
  assert.deepEqual(index.sidebar.categories, [
    { name: 'Afghan Children', url: '/category/afghan-children/', count: 1 },
    { name: 'Health News', url: '/category/health-news/', count: 23 },
    { name: 'Political News', url: '/category/political-news/', count: 1 },
    { name: 'Taliban', url: '/category/taliban/', count: 1 },
    { name: 'Uncategorized', url: '/category/uncategorized/', count: 1 },
  ]);
  assert.equal(index.categoryCounts.get('Health News'), 23);
});

test('archives: every year, newest first, with month counts summing to the year; the widget shows only the newest year\'s months', () => {
  assert.deepEqual(index.archives, [
    {
      year: '2024',
      url: '/2024/',
      count: 25,
      months: [
        { name: 'April 2024', url: '/2024/04/', count: 6 },
        { name: 'March 2024', url: '/2024/03/', count: 7 },
        { name: 'February 2024', url: '/2024/02/', count: 6 },
        { name: 'January 2024', url: '/2024/01/', count: 6 },
      ],
    },
    { year: '2023', url: '/2023/', count: 1, months: [{ name: 'June 2023', url: '/2023/06/', count: 1 }] },
  ]);
  for (const year of index.archives) {
    assert.equal(year.months.reduce((sum, m) => sum + m.count, 0), year.count, year.year);
  }
  assert.deepEqual(
    index.sidebar.archives.map((y) => `${y.year} ${y.count} ${y.months.length}`),
    ['2024 25 4', '2023 1 0'],
  );
});

test('the archives widget holds at most ARCHIVE_WIDGET_YEARS years, however old the archive', () => {
  const old = Array.from({ length: ARCHIVE_WIDGET_YEARS + 7 }, (_, i) => input({ title: `y${i}`, date: `${2000 + i}-05-01T00:00:00Z` }));
  const many = buildSiteIndex(old, options);
  assert.equal(many.archives.length, ARCHIVE_WIDGET_YEARS + 7);
  assert.equal(many.sidebar.archives.length, ARCHIVE_WIDGET_YEARS);
  assert.equal(many.sidebar.archives[0]!.year, String(2000 + ARCHIVE_WIDGET_YEARS + 6));
  assert.deepEqual(many.sidebar.archives.slice(1).map((y) => y.months.length), Array(ARCHIVE_WIDGET_YEARS - 1).fill(0));
});

test("a year's old later pages lead to the month page that holds their first post", () => {
  // 2024: April 6 posts, March 7, February 6, January 6 (newest first); 10 a page.
  assert.deepEqual(index.moved, [
    // The 11th post of 2024 is March's 5th: March's first page.
    { from: '/2024/page/2/', to: '/2024/03/', title: 'Archives: March 2024' },
    // The 21st is January's 2nd.
    { from: '/2024/page/3/', to: '/2024/01/', title: 'Archives: January 2024' },
  ]);
  const daily = Array.from({ length: 45 }, (_, i) => input({ title: `d${i}`, date: `2022-01-${String(1 + (i % 28)).padStart(2, '0')}T0${i % 10}:00:00Z` }));
  const january = buildSiteIndex(daily, options);
  assert.deepEqual(january.moved.map((m) => `${m.from} ${m.to}`), ['/2022/page/2/ /2022/01/page/2/', '/2022/page/3/ /2022/01/page/3/', '/2022/page/4/ /2022/01/page/4/', '/2022/page/5/ /2022/01/page/5/']);
});

test('a category that is not in categories.yaml gets a slugified URL and no sidebar entry', () => {
  const small = buildSiteIndex([input({ title: 'x', date: '2024-05-01T00:00:00Z', categories: ['Not A Category'] })], options);
  assert.deepEqual(small.posts[0]!.categories, [{ name: 'Not A Category', url: '/category/not-a-category/' }]);
  assert.deepEqual(small.sidebar.categories, []);
  assert.equal(small.lists.filter((l) => l.kind === 'category')[0]?.url, '/category/not-a-category/');
});

test('no posts: an empty index whose only list page is the empty home page', () => {
  const empty = buildSiteIndex([], options);
  assert.deepEqual(empty.posts, []);
  assert.deepEqual(empty.lists.map((l) => [l.kind, l.url, l.posts.length]), [['home', '/', 0]]);
  assert.deepEqual(empty.sidebar, { recent: [], categories: [], archives: [] });
});

test('with no published post the home page still exists (an empty "/")', () => {
  const home = buildSiteIndex([], options).lists.filter((l) => l.kind === 'home');
  assert.equal(home.length, 1);
  assert.equal(home[0]?.url, '/');
  assert.deepEqual(home[0]?.posts, []);
});
