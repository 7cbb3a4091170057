import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importSlug, percentDecode } from '../../src/import/wp-slug.ts';

const encode = (text: string): string => encodeURIComponent(text).toLowerCase();

test('a percent-encoded Persian slug keeps its letters, loses its zero-width non-joiner and folds Arabic yeh and kaf', () => {
  const postName = encode('برق-كابل-بهتر-مي\u200cشود');
  assert.deepEqual(importSlug(postName, 'ignored'), { slug: 'برق-کابل-بهتر-میشود', problem: null });
});

test('bidi marks and other invisible characters are removed', () => {
  assert.equal(importSlug(encode('\u200fkabul\u200e-\u2066news\u2069\ufeff'), 'x').slug, 'kabul-news');
});

test('a slug cut inside a character keeps its whole characters, drops the broken end, and says so', () => {
  const whole = encode('د-کابل-ښار');
  const result = importSlug(`${whole}-%da`, 'title');
  assert.equal(result.slug, 'د-کابل-ښار');
  assert.match(result.problem ?? '', /cut inside a character/);
  assert.deepEqual(percentDecode('abc-%d9'), { text: 'abc-', broken: true });
  assert.deepEqual(percentDecode('%e2%80%8c'), { text: '\u200c', broken: false });
});

test('an empty slug is made from the title; a slug the site refuses is made into one', () => {
  assert.deepEqual(importSlug('', 'Flood Warning for Northern Provinces'), { slug: 'flood-warning-for-northern-provinces', problem: null });
  const odd = importSlug('under_score.and.dots', 'x');
  assert.equal(odd.slug, 'under-score-and-dots');
  assert.match(odd.problem ?? '', /not a slug Khabar allows/);
  assert.equal(importSlug('Already-Upper', 'x').slug, 'already-upper');
});

test('a slug too long for a file name is cut at a word boundary, and said', () => {
  const long = Array.from({ length: 60 }, (_, i) => `word${i}`).join('-');
  const result = importSlug(long, 'x');
  assert.ok(Buffer.byteLength(result.slug) <= 200 && long.startsWith(`${result.slug}-`), result.slug);
  assert.match(result.problem ?? '', /too long/);
  const persian = importSlug(encode('خبر'.repeat(80)), 'x');
  assert.ok(Buffer.byteLength(persian.slug) <= 200 && persian.slug.length > 0);
  assert.equal(importSlug('short-slug', 'x').problem, null);
});
