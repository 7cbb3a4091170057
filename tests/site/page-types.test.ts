/**
 * The page-type registry (src/site/page-types.ts): the link check's known URLs are exactly the
 * URLs a real build writes, and every generator template is one registry entry's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadCategories } from '../../src/model/categories.ts';
import { loadSiteConfig } from '../../src/model/site-config.ts';
import { checkContent } from '../../src/site/check/content-check.ts';
import { knownUrls } from '../../src/site/check/link-check.ts';
import { parseAlias } from '../../src/site/machine/aliases.ts';
import { LIST_TYPES, PAGE_TYPES } from '../../src/site/page-types.ts';
import { buildSite, makeContent, repoRoot, type FixtureFile } from '../helpers/site-fixture.ts';

const pad = (n: number): string => String(n).padStart(2, '0');

function post(path: string, data: Record<string, unknown>): FixtureFile {
  return { path: `posts/${path}.md`, data, body: 'Body text.' };
}

// Every kind of list (one of them paginated), tags spelt two ways and one that slugifies to
// nothing, an uncategorised post, aliases that are files and one that is only a _redirects
// line, and pages. No drafts or scheduled posts: the link check knows those too (a link to a
// post that will be published is not broken), and the build does not write them yet.
const files: FixtureFile[] = [
  ...Array.from({ length: 13 }, (_, i) =>
    post(`2024/01/health-${i + 1}`, {
      title: `Health report ${i + 1}`,
      date: `2024-01-${pad(i + 1)}T08:00:00Z`,
      categories: ['Health News'],
      tags: i < 2 ? [i === 0 ? 'Kabul' : 'kabul'] : [],
      ...(i === 0 ? { aliases: ['/old-health/', '/?p=12', '/archive/old.html'] } : {}),
    }),
  ),
  post('2024/02/two', { title: 'Two categories', date: '2024-02-03T23:30:00Z', categories: ['Political News', 'Security'], tags: ['!!!', 'Measles'] }),
  post('2024/03/none', { title: 'No category', date: '2024-03-04T08:00:00Z' }),
  { path: 'pages/about.md', data: { title: 'About', slug: 'about', aliases: ['/about-us/'] }, body: 'About.' },
];

test('the link check knows exactly the URLs the site writes', () => {
  const content = makeContent(files);
  const built = buildSite(content, { KHABAR_NOW: '2024-06-01T00:00:00Z' });
  assert.equal(built.status, 0, built.stderr);

  const site = loadSiteConfig(join(content, '_data', 'site.yaml'));
  const categories = loadCategories(join(content, '_data', 'categories.yaml'));
  const check = checkContent({ contentDir: content, categories, timeZone: site.timeZone });
  assert.deepEqual(check.problems, []);
  // An alias with a query is a line in /_redirects, not a file of its own.
  const known = [...knownUrls(check.posts, check.pages, categories, site.timeZone)].filter((url) => {
    const alias = parseAlias(url);
    return !alias.ok || alias.value.file !== null;
  });

  const written = new Set<string>();
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else written.add(entry.name === 'index.html' ? prefix : `${prefix}${entry.name}`);
    }
  };
  walk(built.output, '/');
  const pages = [...written]
    // Files served as they are: not pages.
    .filter((url) => !/^\/(?:assets|media|pagefind|old-ids)\//.test(url))
    // The marker that says the folder is Khabar's output (write/output-dir.ts): not a page.
    .filter((url) => url !== '/.khabar-output')
    // The link check knows a paginated list by its first page.
    .map((url) => url.replace(/page\/\d+\/$/, ''));
  assert.ok(pages.includes('/category/health-news/'), 'a paginated list');
  assert.ok(written.has('/category/health-news/page/2/'));
  assert.deepEqual([...new Set(pages)].sort(), known.sort());
});

test('every generator template and layout in the registry exists, and every generator is in it', () => {
  const templates = [...LIST_TYPES.map((type) => type.template), ...Object.values(PAGE_TYPES).map((type) => type.template)];
  for (const template of templates) assert.ok(existsSync(join(repoRoot, 'templates', template)), template);
  for (const file of readdirSync(join(repoRoot, 'templates', 'generators'))) {
    assert.ok(templates.includes(`generators/${file}`), `templates/generators/${file} is no page type's (src/site/page-types.ts)`);
  }
});
