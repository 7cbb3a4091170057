/**
 * The page cache's keys cover what templates read: every lookup a template that Khabar
 * writes makes in the site model is one page-keys.ts puts in the key. (Whether the keys
 * change when they must is proven by building: page-cache-build.test.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { KEYED_LOOKUPS } from '../../../src/site/write/page-keys.ts';
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
