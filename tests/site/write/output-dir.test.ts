/**
 * Every build starts from an empty output folder (issue 17, finding 10), and never empties
 * a folder that is not an output folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyOutputDir, OUTPUT_MARKER, unsafeOutputDir } from '../../../src/site/write/output-dir.ts';
import { buildSite, makeContent, readPage, repoRoot, type FixtureFile } from '../../helpers/site-fixture.ts';

const NOW = '2024-04-01T12:00:00Z';
const post = (slug: string, title: string, day: string): FixtureFile => ({
  path: `posts/2024/03/${slug}.md`,
  data: { title, slug, date: `2024-03-${day}T08:00:00Z`, categories: ['Health News'], tags: ['Kabul'] },
  body: `${title}: the story.`,
});

test('a rebuild into the same output folder drops a deleted post: its page, and its mentions in lists and feeds', () => {
  const content = makeContent([post('kept', 'Clinics stay open', '26'), post('gone', 'Measles outbreak spreads', '27')]);
  const output = mkdtempSync(join(tmpdir(), 'khabar-rebuild-'));
  const first = buildSite(content, { KHABAR_NOW: NOW, KHABAR_OUTPUT: output });
  assert.equal(first.status, 0, first.stderr);
  assert.notEqual(readPage(output, '/2024/03/27/gone/'), null);
  writeFileSync(join(output, 'stray.html'), 'left by hand');

  rmSync(join(content, 'posts/2024/03/gone.md'));
  const second = buildSite(content, { KHABAR_NOW: NOW, KHABAR_OUTPUT: output });
  assert.equal(second.status, 0, second.stderr);
  assert.equal(readPage(output, '/2024/03/27/gone/'), null, 'the deleted post is not published');
  assert.equal(readPage(output, '/2024/03/27/'), null, 'nor its day');
  assert.equal(existsSync(join(output, 'stray.html')), false);
  assert.notEqual(readPage(output, '/2024/03/26/kept/'), null);
  for (const file of ['index.html', 'feed.xml', 'tag/kabul/index.html', 'category/health-news/feed.xml', 'sitemap.xml']) {
    assert.doesNotMatch(readFileSync(join(output, file), 'utf8'), /Measles outbreak|\/2024\/03\/27\/gone\//, file);
  }
});

test('unsafeOutputDir: the root, home, project, source and content folders, and folders with .git or package.json', () => {
  const options = { contentDir: 'content', root: repoRoot };
  const project = repoRoot.replace(/\/$/, '');
  for (const dir of ['/', homedir(), project, join(project, '..'), join(project, 'content'), join(project, 'content', 'posts'), join(project, 'src'), join(project, 'templates', 'x'), join(project, '.git')]) {
    assert.notEqual(unsafeOutputDir(dir, options), null, dir);
  }
  assert.equal(unsafeOutputDir(join(project, '_site'), options), null);
  const withGit = mkdtempSync(join(tmpdir(), 'khabar-repo-'));
  mkdirSync(join(withGit, '.git'));
  assert.match(unsafeOutputDir(withGit, options) ?? '', /holds \.git/);
  const cache = mkdtempSync(join(tmpdir(), 'khabar-out-'));
  assert.match(unsafeOutputDir(cache, { ...options, cacheDir: join(cache, 'cache') }) ?? '', /build cache/);
});

test('emptyOutputDir refuses a folder that is not an output folder and removes nothing from it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-project-'));
  writeFileSync(join(dir, 'package.json'), '{}');
  writeFileSync(join(dir, 'notes.md'), 'mine');
  assert.throws(() => emptyOutputDir(dir, { contentDir: 'content', root: repoRoot }), /cannot be used: it holds package\.json/);
  assert.equal(readFileSync(join(dir, 'notes.md'), 'utf8'), 'mine');
});

test('emptyOutputDir empties only a folder that is empty, marked as Khabar\'s, or a built site; it marks what it empties', () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-somebody-'));
  try {
    // Someone's folder (KHABAR_OUTPUT=/tmp, say): refused, nothing removed.
    writeFileSync(join(dir, 'holiday.jpg'), 'mine');
    assert.throws(() => emptyOutputDir(dir, { contentDir: 'content', root: repoRoot }), /is not a site Khabar built/);
    assert.equal(readFileSync(join(dir, 'holiday.jpg'), 'utf8'), 'mine');
    // A site built before the marker existed.
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    writeFileSync(join(dir, 'sitemap.xml'), '<urlset/>');
    emptyOutputDir(dir, { contentDir: 'content', root: repoRoot });
    assert.deepEqual(readdirSync(dir), [OUTPUT_MARKER]);
    // A build that stopped half-way: the marker alone lets the next one empty it.
    writeFileSync(join(dir, 'half.html'), 'x');
    emptyOutputDir(dir, { contentDir: 'content', root: repoRoot });
    assert.deepEqual(readdirSync(dir), [OUTPUT_MARKER]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a build into a folder that is not an output folder stops with a message, and the folder is untouched', () => {
  const content = makeContent([post('kept', 'Clinics stay open', '26')]);
  const result = buildSite(content, { KHABAR_NOW: NOW, KHABAR_OUTPUT: content });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /The output folder .* cannot be used: it is, holds or is inside the content folder/);
  assert.ok(existsSync(join(content, 'posts/2024/03/kept.md')));
});
