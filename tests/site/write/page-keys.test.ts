/**
 * The page cache's keys cover what templates read: every lookup a template that Khabar
 * writes makes in the site model is one page-keys.ts puts in the key. (Whether the keys
 * change when they must is proven by building: page-cache-build.test.ts; below, that a list
 * page's key follows the posts it shows.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { KEYED_LOOKUPS, pageKeys } from '../../../src/site/write/page-keys.ts';
import type { PostEntry, SiteIndex } from '../../../src/site/index/types.ts';
import { readGenerator } from '../../../src/site/write/page-writer.ts';
import { repoRoot } from '../../helpers/site-fixture.ts';

const templatesDir = join(repoRoot, 'templates');

/** Templates Khabar renders itself (layouts, partials, fragments, paged generators), with their text. */
function khabarTemplates(): [string, string][] {
  const found: [string, string][] = [];
  for (const entry of readdirSync(templatesDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.njk')) continue;
    const path = relative(templatesDir, join(entry.parentPath, entry.name));
    const text = readFileSync(join(templatesDir, path), 'utf8');
    // Single generators (404, robots.txt, search…) are Eleventy's to render, never cached.
    if (path.startsWith('generators/') && readGenerator(path, text) === null) continue;
    found.push([path, text]);
  }
  return found;
}

test('templates look up the site model only by the page URL, and only what the key covers', () => {
  const templates = khabarTemplates();
  assert.ok(templates.length > 10, `only ${templates.length} templates found`);
  const allowed = new RegExp(`^collections\\.khabar\\.(index\\.(${KEYED_LOOKUPS.join('|')})\\.get\\(page\\.url\\)|fragments\\.(header|sidebar|footer))`);
  let lookups = 0;
  for (const [path, text] of templates) {
    for (const match of text.matchAll(/collections\.khabar\b[\w.]*(\([^)]*\))?/g)) {
      lookups++;
      assert.match(match[0], allowed, `${path}: ${match[0]} is not in the page cache's key (src/site/write/page-keys.ts)`);
    }
  }
  assert.ok(lookups >= 5, `only ${lookups} lookups found: is the pattern still right?`);
});

/** A post entry as the site index holds it, with only what the keys read. */
function entry(url: string, sourceHash: string): PostEntry<{ sourceHash: string }> {
  return { url, title: url, date: new Date('2024-03-27T10:15:00Z'), lang: 'en', dir: 'ltr', author: 'admin', draft: false, categories: [], tags: [], source: undefined, video: undefined, updated: undefined, item: { sourceHash } };
}

function indexOf(posts: PostEntry<{ sourceHash: string }>[]): SiteIndex<{ sourceHash: string }> {
  return { byUrl: new Map(posts.map((post) => [post.url, post])), neighbours: new Map(), related: new Map() } as unknown as SiteIndex<{ sourceHash: string }>;
}

test('a list page key changes with a listed post file, and only with what the page shows', () => {
  const a = entry('/2024/03/27/a/', 'hash-a');
  const keyOf = (posts: PostEntry<{ sourceHash: string }>[], shown: PostEntry<{ sourceHash: string }>[], salt = 'salt'): string =>
    pageKeys(indexOf(posts), salt)({ url: '/page/2/', template: 'generators/lists.njk', data: { list: { posts: shown } } });
  const before = keyOf([a], [a]);
  assert.equal(keyOf([a], [a]), before);
  const edited = entry(a.url, 'hash-a2');
  assert.notEqual(keyOf([edited], [edited]), before);
  assert.notEqual(keyOf([a], [a], 'other salt'), before);
  const other = entry('/2024/03/27/c/', 'hash-c');
  assert.notEqual(keyOf([a, other], [a, other]), before);
  // A post the page does not show does not change its key.
  assert.equal(keyOf([a, other], [a]), before);
});
