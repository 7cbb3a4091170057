/**
 * Related stories: exact lists on a fixture of known overlaps, the per-term window that bounds
 * the work, and a scaling check that counts comparisons (not time) for 2,000 and 8,000 posts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadCategories } from '../../../src/model/categories.ts';
import { postSchema } from '../../../src/model/schema.ts';
import { slugify } from '../../../src/model/slug.ts';
import { buildRelated, DEFAULT_RELATED_WINDOW, LazyRelated, moreHeading, sharedMoreLists } from '../../../src/site/index/related.ts';
import { buildSiteIndex } from '../../../src/site/index/site-index.ts';
import type { PostEntry, SiteIndex } from '../../../src/site/index/types.ts';
import { buildSite, makeContent, mustReadPage, repoRoot } from '../../helpers/site-fixture.ts';

const categories = loadCategories(join(repoRoot, 'content/_data/categories.yaml'));

interface Spec {
  name: string;
  date: string;
  categories: string[];
  tags?: string[];
}

function index(specs: Spec[]): SiteIndex<null> {
  const inputs = specs.map((spec) => ({
    url: `/p/${spec.name}/`,
    frontMatter: postSchema.parse({ title: spec.name, date: spec.date, categories: spec.categories, tags: spec.tags ?? [] }),
    item: null,
  }));
  return buildSiteIndex(inputs, { categories, timeZone: 'Asia/Kabul', postsPerPage: 10, defaultAuthor: 'admin', defaultLang: 'en' });
}

/** The index's per-term lists (category and tag URL → posts, newest first), as related.ts reads them. */
function termLists<Item>(posts: readonly PostEntry<Item>[]): Map<string, PostEntry<Item>[]> {
  const lists = new Map<string, PostEntry<Item>[]>();
  for (const post of posts) {
    for (const term of [...post.categories, ...post.tags]) {
      const list = lists.get(term.url) ?? [];
      list.push(post);
      lists.set(term.url, list);
    }
  }
  return lists;
}

const names = (posts: readonly PostEntry<unknown>[] | undefined): string[] => (posts ?? []).map((p) => p.title);

// Newest first. Overlaps with A (Health News; measles, kabul):
//   D: Health, measles, kabul → 3     B: Health, measles → 2     G: Health, kabul → 2 (older than B)
//   C: kabul → 1                      F: Health → 1              I: Health → 1 (older than F: cut at 5)
//   E, H: Political News only → 0     J: Drugs only → 0
const FIXTURE: Spec[] = [
  { name: 'A', date: '2024-01-10T08:00:00Z', categories: ['Health News'], tags: ['Measles', 'Kabul'] },
  { name: 'B', date: '2024-01-09T08:00:00Z', categories: ['Health News'], tags: ['measles'] },
  { name: 'C', date: '2024-01-08T08:00:00Z', categories: ['Security'], tags: ['Kabul'] },
  { name: 'D', date: '2024-01-07T08:00:00Z', categories: ['Health News'], tags: ['Measles', 'Kabul'] },
  { name: 'E', date: '2024-01-06T08:00:00Z', categories: ['Political News'] },
  { name: 'F', date: '2024-01-05T08:00:00Z', categories: ['Health News'] },
  { name: 'G', date: '2024-01-04T08:00:00Z', categories: ['Health News', 'Security'], tags: ['kabul'] },
  { name: 'H', date: '2024-01-03T08:00:00Z', categories: ['Political News'] },
  { name: 'I', date: '2024-01-02T08:00:00Z', categories: ['Health News'] },
  { name: 'J', date: '2024-01-01T08:00:00Z', categories: ['Drugs'] },
];

test('related: most shared tags and categories first, newer first on ties, at most 5, never itself', () => {
  const { related } = index(FIXTURE);
  const of = (name: string) => related.get(`/p/${name}/`);
  assert.deepEqual(names(of('A')?.stories), ['D', 'B', 'G', 'C', 'F']);
  assert.deepEqual(names(of('D')?.stories), ['A', 'B', 'G', 'C', 'F']);
  // C (Security; kabul): A, D and G share kabul, G also Security.
  assert.deepEqual(names(of('C')?.stories), ['G', 'A', 'D']);
  // G (Health News, Security; kabul): C shares Security and kabul; A and D share Health and kabul.
  assert.deepEqual(names(of('G')?.stories), ['A', 'C', 'D', 'B', 'F']);
  assert.deepEqual(names(of('E')?.stories), ['H']);
  assert.deepEqual(names(of('H')?.stories), ['E']);
  assert.deepEqual(names(of('J')?.stories), [], 'no overlap: no related stories (the section is left out)');
  for (const [url, entry] of related) assert.ok(!entry.stories.some((p) => p.url === url), `${url} is related to itself`);
});

test('more in the primary category: the 5 latest other posts of the first category', () => {
  const { related } = index(FIXTURE);
  const of = (name: string) => related.get(`/p/${name}/`)!;
  assert.deepEqual(names(of('A').latest), ['B', 'D', 'F', 'G', 'I']);
  assert.deepEqual(names(of('I').latest), ['A', 'B', 'D', 'F', 'G']);
  assert.deepEqual(names(of('G').latest), ['A', 'B', 'D', 'F', 'I'], 'G is filed under Health News first');
  assert.equal(of('G').category.name, 'Health News');
  assert.equal(of('G').category.url, '/category/health-news/');
  assert.equal(of('G').heading, 'More Health News');
  assert.deepEqual(names(of('C').latest), ['G']);
  assert.equal(of('C').heading, 'More Security news');
  assert.deepEqual(names(of('J').latest), []);
});

test('the posts of a category older than its 5 latest share one "more" list; the 5 latest each get their own', () => {
  const specs: Spec[] = Array.from({ length: 8 }, (_, i) => ({ name: `p${i}`, date: `2024-03-${String(20 - i).padStart(2, '0')}T08:00:00Z`, categories: ['Security'] }));
  const { related } = index(specs);
  const of = (name: string) => related.get(`/p/${name}/`)!;
  assert.deepEqual(names(of('p5').latest), ['p0', 'p1', 'p2', 'p3', 'p4']);
  assert.equal(of('p5').latest, of('p6').latest, 'one array, so its rendering can be reused');
  assert.equal(of('p5').latest, of('p7').latest);
  assert.deepEqual(names(of('p0').latest), ['p1', 'p2', 'p3', 'p4', 'p5'], 'a post is never in its own list');
  assert.deepEqual(names(of('p4').latest), ['p0', 'p1', 'p2', 'p3', 'p5']);
  assert.notEqual(of('p4').latest, of('p5').latest);
  // Pages show the shared list as a fragment (fragments.ts): the flag says which list is which.
  assert.deepEqual(
    specs.map((spec) => of(spec.name).latestShared),
    [false, false, false, false, false, true, true, true],
  );
  const shared = sharedMoreLists(related);
  assert.deepEqual([...shared.keys()], ['/category/security/']);
  assert.equal(shared.get('/category/security/')!.latest, of('p7').latest);
});

test('moreHeading does not say "news" twice', () => {
  assert.equal(moreHeading('Political News'), 'More Political News');
  assert.equal(moreHeading('Security'), 'More Security news');
  assert.equal(moreHeading('News in Dari (Persian/Farsi)'), 'More News in Dari (Persian/Farsi) news');
});

test('a crowded term contributes only the posts nearest in time (the window)', () => {
  // Ten posts in one category and nothing else: every pair shares exactly one term.
  const specs = Array.from({ length: 10 }, (_, i) => ({
    name: `p${i}`,
    date: `2024-02-${String(20 - i).padStart(2, '0')}T08:00:00Z`,
    categories: ['Security'],
  }));
  const { posts } = index(specs);
  const lists = termLists(posts);
  const wide = buildRelated(posts, (url) => lists.get(url));
  assert.deepEqual(names(wide.get('/p/p5/')?.stories), ['p0', 'p1', 'p2', 'p3', 'p4'], 'a small term is exact');
  const stats = { comparisons: 0 };
  const narrow = buildRelated(posts, (url) => lists.get(url), { window: 4, stats });
  assert.deepEqual(names(narrow.get('/p/p5/')?.stories), ['p3', 'p4', 'p6', 'p7'], 'two newer and two older neighbours');
  assert.deepEqual(names(narrow.get('/p/p0/')?.stories), ['p1', 'p2', 'p3', 'p4'], 'the window slides at the newest end');
  assert.deepEqual(names(narrow.get('/p/p9/')?.stories), ['p5', 'p6', 'p7', 'p8'], 'and at the oldest end');
  assert.equal(stats.comparisons, 10 * 4, 'each post scores exactly `window` candidates');
  // "More Security news" is not windowed: always the latest.
  assert.deepEqual(names(narrow.get('/p/p9/')?.latest), ['p0', 'p1', 'p2', 'p3', 'p4']);
});

test('the index computes related stories once, the same as buildRelated over its term lists', () => {
  const { posts, related } = index(FIXTURE);
  const lists = termLists(posts);
  const direct = buildRelated(posts, (url) => lists.get(url));
  assert.equal(related.size, posts.length);
  for (const post of posts) {
    assert.deepEqual(names(related.get(post.url)?.stories), names(direct.get(post.url)?.stories), post.url);
    assert.deepEqual(names(related.get(post.url)?.latest), names(direct.get(post.url)?.latest), post.url);
  }
});

test('a built post ends with "Related" and "More … news"; a post with no overlap has no "Related"', () => {
  const content = makeContent(
    FIXTURE.map((spec) => ({
      path: `posts/2024/01/${spec.name.toLowerCase()}.md`,
      data: { title: spec.name, date: spec.date, categories: spec.categories, tags: spec.tags ?? [] },
      body: `Post ${spec.name}.`,
    })),
  );
  const site = buildSite(content, { KHABAR_NOW: '2024-06-01T00:00:00Z' });
  assert.equal(site.status, 0, site.stderr);
  const urlOf = (name: string): string => `/2024/01/${FIXTURE.find((f) => f.name === name)!.date.slice(8, 10)}/${name.toLowerCase()}/`;
  const page = mustReadPage(site.output, urlOf('A'));
  const related = page.querySelector('section.related:not(.related--category)');
  assert.equal(related?.querySelector('h2')?.text, 'Related');
  assert.deepEqual(related?.querySelectorAll('li a').map((a) => a.getAttribute('href')), ['D', 'B', 'G', 'C', 'F'].map(urlOf));
  const more = page.querySelector('section.related--category');
  assert.equal(more?.querySelector('h2')?.text, 'More Health News');
  assert.equal(more?.querySelector('h2 a')?.getAttribute('href'), '/category/health-news/');
  assert.deepEqual(more?.querySelectorAll('li a').map((a) => a.getAttribute('href')), ['B', 'D', 'F', 'G', 'I'].map(urlOf));
  assert.equal(page.querySelector('article')?.querySelectorAll('section.related').length, 0, 'outside the article (not indexed for search)');
  const lonely = mustReadPage(site.output, urlOf('J'));
  assert.equal(lonely.querySelectorAll('section.related').length, 0, 'J shares nothing and is alone in Drugs');
});

/**
 * A synthetic corpus shaped like a real one, newest first: one huge category (half the posts),
 * a few mid-sized ones, a fixed vocabulary of 40 tags (so tags grow with the corpus too) and
 * two tags a post. Made as index entries directly: only the related pass is measured.
 */
function synthetic(n: number): PostEntry<null>[] {
  const mid = ['Security', 'Health News', 'Drugs', 'Society', 'Opinion/Editorial'];
  const start = Date.UTC(2030, 0, 1);
  return Array.from({ length: n }, (_, i) => {
    const cats = i % 2 === 0 ? ['Political News'] : [mid[i % mid.length]!];
    if (i % 7 === 0 && !cats.includes('Security')) cats.push('Security');
    const tags = [...new Set([`tag${(i * 7) % 40}`, `tag${(i * 13 + 5) % 40}`])];
    return {
      url: `/s/${i}/`,
      title: `s${i}`,
      date: new Date(start - i * 3_600_000),
      categories: cats.map((name) => ({ name, url: `/category/${slugify(name)}/` })),
      tags: tags.map((name) => ({ name, url: `/tag/${name}/` })),
      item: null,
    } as PostEntry<null>;
  });
}

function comparisonsFor(n: number): number {
  const posts = synthetic(n);
  const lists = termLists(posts);
  const stats = { comparisons: 0 };
  const related = buildRelated(posts, (url) => lists.get(url), { stats });
  assert.equal(related.size, n);
  assert.equal(related.get('/s/0/')?.stories.length, 5);
  // Per post: at most one window of candidates per term (≤ 2 categories + 2 tags).
  assert.ok(stats.comparisons <= n * 4 * DEFAULT_RELATED_WINDOW, `${stats.comparisons} comparisons for ${n} posts`);
  return stats.comparisons;
}

test('LazyRelated answers each post, in any order, and each category\'s shared list as buildRelated does', () => {
  const posts = synthetic(3000);
  const lists = termLists(posts);
  const eager = buildRelated(posts, (url) => lists.get(url));
  const lazy = new LazyRelated(posts, (url) => lists.get(url));
  // Oldest first and skipping about: the lazy term lists are made in another order than the eager pass's.
  for (let i = posts.length - 1; i >= 0; i -= 7) {
    const url = posts[i]!.url;
    const [a, b] = [eager.get(url)!, lazy.get(url)!];
    assert.deepEqual(names(b.stories), names(a.stories), url);
    assert.deepEqual(names(b.latest), names(a.latest), url);
    assert.equal(b.latestShared, a.latestShared, url);
    assert.equal(b.heading, a.heading, url);
  }
  assert.equal(lazy.get('/no/such/post/'), undefined);
  const shared = sharedMoreLists(eager);
  assert.ok(shared.size > 0);
  for (const [url, rel] of shared) {
    const found = lazy.sharedMore(url);
    assert.equal(found?.category.url, url);
    assert.deepEqual(names(found?.latest), names(rel.latest), url);
    assert.deepEqual(names(found?.stories), names(rel.stories), url);
  }
  assert.equal(lazy.sharedMore('/category/no-such-category/'), undefined);
});

test('scaling: comparisons grow linearly with the number of posts, not quadratically', () => {
  const small = comparisonsFor(2000);
  const large = comparisonsFor(8000);
  const ratio = large / small;
  // 4× the posts: about 4× the comparisons (comparing every pair would be 16×).
  assert.ok(ratio > 3.5 && ratio < 4.5, `2,000 posts: ${small} comparisons; 8,000 posts: ${large} (×${ratio.toFixed(2)})`);
  assert.ok(large < (8000 * 7999) / 2 / 10, `${large} comparisons: far below comparing every pair`);
});
