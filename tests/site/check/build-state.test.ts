/**
 * The build's first load (build-state.ts's preloadBuildState): the files parsed by worker
 * threads give the state a load in this thread gives, their parses are kept in the parse cache
 * for the next build, and a broken file is still reported with its path and field.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringifyFrontMatter } from '../../../src/model/front-matter.ts';
import { readSettings } from '../../../src/model/settings.ts';
import { loadBuildState, preloadBuildState, takePreloadedState, type BuildState } from '../../../src/site/check/build-state.ts';
import { openParseCache } from '../../../src/site/check/parse-cache.ts';
import { makeContent } from '../../helpers/site-fixture.ts';

const NOW = '2026-12-01T12:00:00Z';
let content: string;
let root: string;
let cache: string;

before(() => {
  // More files than one worker batch (200), so the workers are used.
  const files = Array.from({ length: 260 }, (_, i) => ({
    path: `posts/2026/10/post-${i}.md`,
    raw: stringifyFrontMatter(
      { title: `Post number ${i}`, date: new Date(Date.UTC(2026, 9, 1 + (i % 28), 8, i % 60)), categories: [i % 3 === 0 ? 'Health News' : 'Political News'] },
      `Body ${i}, *emphasised*.\n\n[A link](/about/).`,
    ),
  }));
  files.push({ path: 'pages/about.md', raw: stringifyFrontMatter({ title: 'About' }, 'About us.') });
  content = makeContent(files);
  root = join(content, '..');
  cache = mkdtempSync(join(tmpdir(), 'khabar-cache-'));
});
after(() => {
  rmSync(content, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
});

const settings = (withCache = false): ReturnType<typeof readSettings> =>
  readSettings({ KHABAR_CONTENT: content, KHABAR_NOW: NOW, ...(withCache ? { KHABAR_CACHE: cache } : {}) });

const summary = (state: BuildState): unknown => ({ site: state.site, rules: state.rules, posts: [...state.posts.entries()], pages: [...state.pages.entries()] });

test('preloadBuildState parses in workers and gives the state a load in this thread gives', async () => {
  const preloaded = await preloadBuildState(settings(), root);
  assert.equal(preloaded.posts.size, 260);
  assert.match(preloaded.posts.get(`${content.slice(root.length + 1)}/posts/2026/10/post-7.md`)?.html ?? '', /<em>emphasised<\/em>/);
  assert.deepEqual(summary(preloaded), summary(loadBuildState(settings(), root)));
  assert.equal(takePreloadedState(content), preloaded, 'handed to the build');
});

test('the workers\' parses are kept in the build cache for the next build', async () => {
  await preloadBuildState(settings(true), root);
  takePreloadedState(content);
  assert.equal([...(openParseCache(cache).hashes?.() ?? [])].length, 261);
});

test('a broken post parsed by a worker is reported with its path and field', async () => {
  const path = join(content, 'posts/2026/10/post-5.md');
  const good = readFileSync(path, 'utf8');
  writeFileSync(path, good.replace(/^date: .*$/m, 'date: next tuesday'));
  try {
    await assert.rejects(preloadBuildState(settings(), root), (error: Error) => /post-5\.md/.test(error.message) && /date/.test(error.message));
  } finally {
    writeFileSync(path, good);
  }
});
