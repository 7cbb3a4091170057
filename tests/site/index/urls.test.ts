import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  categoryUrl,
  dayUrl,
  monthUrl,
  outputPathOf,
  pageUrl,
  paginatedUrl,
  postSlug,
  postUrl,
  tagUrl,
  yearUrl,
} from '../../../src/site/index/urls.ts';

test('postSlug: the explicit slug wins, otherwise the title is slugified', () => {
  assert.equal(postSlug({ slug: 'measles-outbreak', title: 'Something else' }), 'measles-outbreak');
  assert.equal(postSlug({ title: 'ISIS/DAESH claims attack' }), 'isis-daesh-claims-attack');
  assert.equal(postSlug({ slug: undefined, title: 'Café Déjà' }), 'cafe-deja');
  assert.equal(postSlug({ title: 'كابل امروز' }), 'کابل-امروز');
});

test('postUrl is /YYYY/MM/DD/<slug>/ in the site time zone', () => {
  assert.equal(postUrl(new Date('2024-03-27T10:15:00Z'), 'measles', 'Asia/Kabul'), '/2024/03/27/measles/');
  assert.equal(postUrl(new Date('2024-01-05T01:00:00Z'), 'x', 'Asia/Kabul'), '/2024/01/05/x/');
  // 20:00 UTC on the 26th is 00:30 on the 27th in Kabul.
  assert.equal(postUrl(new Date('2024-03-26T20:00:00Z'), 'late', 'Asia/Kabul'), '/2024/03/27/late/');
  assert.equal(postUrl(new Date('2024-03-26T20:00:00Z'), 'late', 'UTC'), '/2024/03/26/late/');
  assert.equal(postUrl(new Date('2023-12-31T21:00:00Z'), 'ny', 'Asia/Kabul'), '/2024/01/01/ny/');
});

test('page, category and tag URLs', () => {
  assert.equal(pageUrl('about'), '/about/');
  assert.equal(categoryUrl('health-news'), '/category/health-news/');
  assert.equal(tagUrl('measles'), '/tag/measles/');
  assert.equal(tagUrl('کابل'), '/tag/کابل/');
});

test('date archive URLs', () => {
  assert.equal(yearUrl('2024'), '/2024/');
  assert.equal(monthUrl('2024', '03'), '/2024/03/');
  assert.equal(dayUrl('2024', '03', '27'), '/2024/03/27/');
});

test('paginatedUrl: page 1 is the base, later pages add page/N/', () => {
  assert.equal(paginatedUrl('/', 1), '/');
  assert.equal(paginatedUrl('/', 2), '/page/2/');
  assert.equal(paginatedUrl('/category/health-news/', 1), '/category/health-news/');
  assert.equal(paginatedUrl('/category/health-news/', 2), '/category/health-news/page/2/');
  assert.equal(paginatedUrl('/2024/03/', 12), '/2024/03/page/12/');
  assert.equal(paginatedUrl('/x/', 0), '/x/');
});

test('outputPathOf: directory URLs get index.html, files stay as they are', () => {
  assert.equal(outputPathOf('/'), '/index.html');
  assert.equal(outputPathOf('/2024/03/27/measles/'), '/2024/03/27/measles/index.html');
  assert.equal(outputPathOf('/feed.xml'), '/feed.xml');
  assert.equal(outputPathOf('/category/x/feed.xml'), '/category/x/feed.xml');
  assert.equal(outputPathOf('/404.html'), '/404.html');
});
