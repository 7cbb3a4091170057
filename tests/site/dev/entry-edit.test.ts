/**
 * entry-edit.ts: a change is taken for an entry edit (the site index kept, the changed posts'
 * entries rewritten in place) only when no post moves between lists; after the rewrite, the
 * index equals the one built from scratch. Real files in a temporary folder, read by the dev
 * server's DevContent.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringifyFrontMatter } from '../../../src/model/front-matter.ts';
import { readSettings } from '../../../src/model/settings.ts';
import { DevContent } from '../../../src/site/dev/dev-content.ts';
import { devParseCache } from '../../../src/site/dev/dev-parse-cache.ts';
import { applyEntryEdit, entryEdit } from '../../../src/site/dev/entry-edit.ts';
import { buildSiteModel, indexOptionsOf } from '../../../src/site/index/site-model.ts';
import type { SiteIndex } from '../../../src/site/index/types.ts';
import { createSiteRendering } from '../../../src/site/render/site-rendering.ts';
import { makeContent, repoRoot } from '../../helpers/site-fixture.ts';

const NOW = '2026-12-01T12:00:00Z';
let content: string;

const post = (title: string, day: number, categories: string[], body: string, extra: Record<string, unknown> = {}): string =>
  stringifyFrontMatter({ title, date: new Date(Date.UTC(2026, 10, day, 8)), categories, tags: ['a tag'], ...extra }, body);

before(() => {
  content = makeContent([
    { path: 'posts/2026/11/one.md', raw: post('Post one', 1, ['Health News'], 'Body one.') },
    { path: 'posts/2026/11/two.md', raw: post('Post two', 2, ['Health News'], 'Body two.', { slug: 'post-two' }) },
    { path: 'posts/2026/11/three.md', raw: post('Post three', 3, ['Political News'], 'Body three.') },
    { path: 'pages/about.md', raw: stringifyFrontMatter({ title: 'About' }, 'About us.') },
  ]);
});
after(() => rmSync(content, { recursive: true, force: true }));

/** Loads the content, builds its index, writes `text` to `path`, and gives the edit, the kept index and the fresh one; the file is put back. */
function edited(path: string, text: string) {
  const settings = readSettings({ KHABAR_CONTENT: content, KHABAR_NOW: NOW });
  const dev = new DevContent(settings, join(content, '..'), devParseCache(null));
  const state = dev.loadAll();
  const rendering = createSiteRendering(join(repoRoot, 'templates'), () => state.site);
  const model = (s: typeof state) => buildSiteModel(s, rendering.render, settings, { lazyRelated: true });
  const kept = model(state);
  const file = join(content, path);
  const old = readFileSync(file, 'utf8');
  writeFileSync(file, text);
  try {
    const after = dev.update([file]);
    const edit = entryEdit(state, after, kept.index);
    if (edit !== undefined) applyEntryEdit(kept.index, edit, indexOptionsOf(after));
    return { edit, kept: kept.index, fresh: model(after).index };
  } finally {
    writeFileSync(file, old);
  }
}

/** What pages show of the index, comparable with deepEqual. */
const shown = (index: SiteIndex) => ({
  posts: index.posts,
  lists: index.lists.map((list) => ({ ...list, posts: list.posts.map((p) => p.url) })),
  sidebar: index.sidebar,
  neighbours: [...index.neighbours],
  related: index.posts.map((p) => index.related.get(p.url)),
});

test('a new title, author and language: the entry rewritten in place, and the index equal to a fresh one', () => {
  const { edit, kept, fresh } = edited('posts/2026/11/two.md', post('Post two renamed', 2, ['Health News'], 'Body two, too.', { slug: 'post-two', author: 'Someone Else', lang: 'fa' }));
  assert.deepEqual(edit?.posts.map((p) => p.path.split('/').at(-1)), ['two.md']);
  const entry = kept.posts.find((p) => p.url.includes('post-two'))!;
  assert.equal(entry.title, 'Post two renamed');
  assert.equal(entry.dir, 'rtl');
  assert.equal(kept.sidebar.recent.find((p) => p.url === entry.url), entry, 'the sidebar holds the same entry');
  assert.deepEqual(shown(kept), shown(fresh));
});

test('anything that moves a post between lists is not: categories, tags, date, draft, a new URL, aliases', () => {
  const two = 'posts/2026/11/two.md';
  assert.equal(edited(two, post('Post two', 2, ['Political News'], 'Body two.', { slug: 'post-two' })).edit, undefined, 'categories');
  assert.equal(edited(two, post('Post two', 2, ['Health News'], 'Body two.', { slug: 'post-two', tags: ['another tag'] })).edit, undefined, 'tags');
  assert.equal(edited(two, post('Post two', 4, ['Health News'], 'Body two.', { slug: 'post-two' })).edit, undefined, 'date');
  assert.equal(edited(two, post('Post two', 2, ['Health News'], 'Body two.', { slug: 'post-two', draft: true })).edit, undefined, 'draft');
  assert.equal(edited(two, post('Post two', 2, ['Health News'], 'Body two.', { slug: 'post-two-moved' })).edit, undefined, 'URL');
  assert.equal(edited(two, post('Post two', 2, ['Health News'], 'Body two.', { slug: 'post-two', aliases: ['/old/'] })).edit, undefined, 'aliases');
});
