/**
 * body-edit.ts: a change is taken for a body edit (the site index kept, the new bodies swapped
 * into its entries) only when nothing but bodies changed; after the swap, the index equals the
 * one built from scratch. Real files in a temporary folder, read by the dev server's DevContent.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringifyFrontMatter } from '../../../src/model/front-matter.ts';
import { readSettings } from '../../../src/model/settings.ts';
import type { BuildState } from '../../../src/site/check/build-state.ts';
import { applyBodyEdit, bodyEdit } from '../../../src/site/dev/body-edit.ts';
import { DevContent } from '../../../src/site/dev/dev-content.ts';
import { devParseCache } from '../../../src/site/dev/dev-parse-cache.ts';
import { buildSiteModel, type SiteModel } from '../../../src/site/index/site-model.ts';
import { createSiteRendering } from '../../../src/site/render/site-rendering.ts';
import { makeContent, repoRoot } from '../../helpers/site-fixture.ts';

const NOW = '2026-12-01T12:00:00Z';
let content: string;

const post = (title: string, day: number, categories: string[], body: string, extra: Record<string, unknown> = {}): string =>
  stringifyFrontMatter({ title, date: new Date(Date.UTC(2026, 10, day, 8)), categories, tags: ['a tag'], ...extra }, body);

before(() => {
  content = makeContent([
    { path: 'posts/2026/11/one.md', raw: post('Post one', 1, ['Health News'], 'Body one.') },
    { path: 'posts/2026/11/two.md', raw: post('Post two', 2, ['Health News'], 'Body two.') },
    { path: 'posts/2026/11/three.md', raw: post('Post three', 3, ['Political News'], 'Body three.') },
    { path: 'pages/about.md', raw: stringifyFrontMatter({ title: 'About' }, 'About us.') },
  ]);
});
after(() => rmSync(content, { recursive: true, force: true }));

function setUp(): { dev: DevContent; state: BuildState; model: (state: BuildState) => SiteModel } {
  const settings = readSettings({ KHABAR_CONTENT: content, KHABAR_NOW: NOW });
  const dev = new DevContent(settings, join(content, '..'), devParseCache(null));
  const state = dev.loadAll();
  const rendering = createSiteRendering(join(repoRoot, 'templates'), () => state.site);
  return { dev, state, model: (s) => buildSiteModel(s, rendering.render, settings, { lazyRelated: true }) };
}

const file = (path: string): string => join(content, path);

/** Writes `text` to `path`, asks whether the change was a body edit, and puts the file back. */
function edited(path: string, text: string | null): ReturnType<typeof bodyEdit> {
  const { dev, state, model } = setUp();
  const old = existsSync(file(path)) ? readFileSync(file(path), 'utf8') : null;
  if (text === null) unlinkSync(file(path));
  else writeFileSync(file(path), text);
  try {
    return bodyEdit(state, dev.update([file(path)]), model(state).index);
  } finally {
    if (old === null) unlinkSync(file(path));
    else writeFileSync(file(path), old);
  }
}

test('a body edit: the changed post, and its index entry as a full rebuild makes it', () => {
  const { dev, state, model } = setUp();
  const kept = model(state);
  writeFileSync(file('posts/2026/11/two.md'), post('Post two', 2, ['Health News'], 'A corrected body two.'));
  const after = dev.update([file('posts/2026/11/two.md')]);
  const edit = bodyEdit(state, after, kept.index);
  assert.deepEqual(edit?.posts.map((p) => p.path.split('/').slice(-2).join('/')), ['11/two.md']);
  assert.deepEqual(edit?.pages, []);
  applyBodyEdit(kept.index, edit!);
  const fresh = model(after).index;
  assert.match(String((kept.index.byUrl.get(edit!.posts[0]!.url)!.item as { content: string }).content), /A corrected body two\./);
  assert.deepEqual(
    kept.index.posts.map((p) => [p.url, p.item]),
    fresh.posts.map((p) => [p.url, p.item]),
  );
  assert.deepEqual(kept.index.lists.map((l) => [l.url, l.posts.map((p) => p.item)]), fresh.lists.map((l) => [l.url, l.posts.map((p) => p.item)]));
});

test('a page body edit is one too', () => {
  const edit = edited('pages/about.md', stringifyFrontMatter({ title: 'About' }, 'About us, corrected.'));
  assert.deepEqual(edit?.pages.map((p) => p.path.split('/').slice(-2).join('/')), ['pages/about.md']);
  assert.deepEqual(edit?.posts, []);
});

test('anything else is not: a title, categories, a draft flag, a new post, a deleted post, site.yaml', () => {
  assert.equal(edited('posts/2026/11/two.md', post('Post two renamed', 2, ['Health News'], 'Body two.', { slug: 'post-two' })), undefined, 'title');
  assert.equal(edited('posts/2026/11/two.md', post('Post two', 2, ['Political News'], 'Body two.')), undefined, 'categories');
  assert.equal(edited('posts/2026/11/two.md', post('Post two', 2, ['Health News'], 'Body two.', { draft: true })), undefined, 'draft');
  assert.equal(edited('posts/2026/11/two.md', null), undefined, 'deleted');
  assert.equal(edited('posts/2026/11/four.md', post('Post four', 4, ['Health News'], 'Body four.')), undefined, 'new');
  const site = '_data/site.yaml';
  const text = readFileSync(file(site), 'utf8');
  assert.equal(edited(site, text.replace(/^name: .*$/m, 'name: Another Name')), undefined, 'site.yaml');
});
