import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chunk, pageLinks, type PageLink } from '../../../src/site/index/pagination.ts';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

/** A pager as a reader sees it: numbers, "…" for gaps, the current page in brackets. */
function show(links: PageLink[]): string {
  return links.map((l) => (l.kind === 'gap' ? '…' : l.current ? `[${l.n}]` : String(l.n))).join(' ');
}

test('chunk splits into pages of 10, the last one shorter', () => {
  assert.deepEqual(chunk([], 10), []);
  assert.deepEqual(chunk(range(1), 10), [[1]]);
  assert.deepEqual(chunk(range(10), 10), [range(10)]);
  const eleven = chunk(range(11), 10);
  assert.deepEqual(eleven.map((p) => p.length), [10, 1]);
  assert.deepEqual(eleven[1], [11]);
  const twentyFive = chunk(range(25), 10);
  assert.deepEqual(twentyFive.map((p) => p.length), [10, 10, 5]);
  assert.deepEqual(twentyFive[2], [21, 22, 23, 24, 25]);
  assert.deepEqual(twentyFive.flat(), range(25));
});

test('chunk keeps order and does not modify its input', () => {
  const input = ['c', 'a', 'b'];
  const pages = chunk(input, 2);
  assert.deepEqual(pages, [['c', 'a'], ['b']]);
  assert.deepEqual(input, ['c', 'a', 'b']);
  assert.deepEqual(chunk(range(3), 1), [[1], [2], [3]]);
});

test('pageLinks: a single page', () => {
  assert.deepEqual(pageLinks('/x/', 1, 1), [{ kind: 'page', n: 1, url: '/x/', current: true }]);
});

test('pageLinks: page 1 of 3 lists every page', () => {
  assert.deepEqual(pageLinks('/x/', 1, 3), [
    { kind: 'page', n: 1, url: '/x/', current: true },
    { kind: 'page', n: 2, url: '/x/page/2/', current: false },
    { kind: 'page', n: 3, url: '/x/page/3/', current: false },
  ]);
});

test('pageLinks: page 6 of 120 is 1 … 4 5 [6] 7 8 … 120', () => {
  const links = pageLinks('/x/', 6, 120);
  assert.equal(show(links), '1 … 4 5 [6] 7 8 … 120');
  assert.deepEqual(links[0], { kind: 'page', n: 1, url: '/x/', current: false });
  assert.deepEqual(links[1], { kind: 'gap' });
  assert.deepEqual(links[4], { kind: 'page', n: 6, url: '/x/page/6/', current: true });
  assert.deepEqual(links.at(-1), { kind: 'page', n: 120, url: '/x/page/120/', current: false });
});

test('pageLinks: first, last and near-edge pages of a long list', () => {
  assert.equal(show(pageLinks('/x/', 1, 120)), '[1] 2 3 … 120');
  assert.equal(show(pageLinks('/x/', 120, 120)), '1 … 118 119 [120]');
  assert.equal(show(pageLinks('/x/', 4, 120)), '1 2 3 [4] 5 6 … 120');
  assert.equal(show(pageLinks('/x/', 117, 120)), '1 … 115 116 [117] 118 119 120');
  // A single hidden page (2) is still a gap.
  assert.equal(show(pageLinks('/x/', 5, 120)), '1 … 3 4 [5] 6 7 … 120');
});

test('pageLinks has constant size on a long list', () => {
  const sizes = new Set([10, 30, 60, 90].map((n) => pageLinks('/x/', n, 120).length));
  assert.deepEqual([...sizes], [9]);
});

test('pageLinks: a wider window', () => {
  assert.equal(show(pageLinks('/x/', 10, 20, 3)), '1 … 7 8 9 [10] 11 12 13 … 20');
});

test('pageLinks URLs: /x/ for page 1, /x/page/N/ after', () => {
  const urls = pageLinks('/category/health-news/', 2, 3).flatMap((l) => (l.kind === 'page' ? [l.url] : []));
  assert.deepEqual(urls, ['/category/health-news/', '/category/health-news/page/2/', '/category/health-news/page/3/']);
  const home = pageLinks('/', 1, 2).flatMap((l) => (l.kind === 'page' ? [l.url] : []));
  assert.deepEqual(home, ['/', '/page/2/']);
});
