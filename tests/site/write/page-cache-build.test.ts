/**
 * The page cache in real builds: a rebuild with the build cache after new, edited and deleted
 * posts writes exactly what a clean build of the same content writes, while taking unchanged
 * pages from the cache; and KHABAR_CACHE_VERIFY catches a cached page that differs from its
 * rendering.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, crc32 } from 'node:zlib';
import { stringifyFrontMatter } from '../../../src/model/front-matter.ts';
import { buildSite, digestTree, makeContent, type BuildResult, type FixtureFile } from '../../helpers/site-fixture.ts';

const NOW = '2024-06-01T00:00:00Z';

// Twelve Security posts (more than the five latest, so most show the shared "More Security
// news" list), a few Health News ones, and tags that make related stories overlap.
function post(day: number, title: string, categories: string[], tags: string[]): FixtureFile {
  return {
    path: `posts/2024/03/post-${day}.md`,
    data: { title, date: `2024-03-${String(day).padStart(2, '0')}T08:00:00Z`, categories, tags },
    body: `${title}: the story in full.\n\nA second paragraph about ${tags.join(' and ') || 'nothing in particular'}.`,
  };
}
const files: FixtureFile[] = [];
for (let day = 1; day <= 12; day++) files.push(post(day, `Security report ${day}`, ['Security'], day % 2 === 0 ? ['Kabul'] : ['Herat']));
for (let day = 13; day <= 16; day++) files.push(post(day, `Health report ${day}`, ['Health News'], ['Kabul']));
// Two posts that share nothing: each shows the other only as its previous or next post.
files.push(post(25, 'Drugs report 25', ['Drugs'], []), post(26, 'Book review 26', ['Book Review'], []));

/** Files under a build's output and their digests, search index aside (its shards are split by the build cache). */
function pagesOf(build: BuildResult): Map<string, string> {
  assert.equal(build.status, 0, build.stderr);
  return new Map([...digestTree(build.output)].filter(([path]) => !path.startsWith('pagefind')));
}

function fromCache(build: BuildResult): { hits: number; pages: number } {
  const match = /; (\d+) of (\d+) from the page cache/.exec(build.stdout);
  assert.ok(match, `no page cache line in:\n${build.stdout}`);
  return { hits: Number(match[1]), pages: Number(match[2]) };
}

function assertSameFiles(actual: Map<string, string>, expected: Map<string, string>): void {
  assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort());
  assert.deepEqual([...actual].filter(([path, digest]) => expected.get(path) !== digest).map(([path]) => path), []);
}

test('a rebuild with the page cache writes what a clean build writes, and renders only what changed', () => {
  const content = makeContent(files);
  const cache = mkdtempSync(join(tmpdir(), 'khabar-cache-'));
  const cached = { KHABAR_NOW: NOW, KHABAR_CACHE: cache, KHABAR_CACHE_VERIFY: '1' };

  const first = buildSite(content, cached);
  const firstStats = fromCache(first);
  assert.equal(firstStats.hits, 0, 'an empty cache has nothing');
  assert.match(first.stdout, /\(cache rewritten\)/);

  // The same content again: every page from the cache (and, verified, the same as rendered).
  const again = buildSite(content, cached);
  assert.deepEqual(fromCache(again), { hits: firstStats.pages, pages: firstStats.pages });
  assertSameFiles(pagesOf(again), pagesOf(first));

  // A new post (newest: home, Security lists, neighbours, related, "More Security news"),
  // an edited title (it is shown in lists, neighbours and related stories), a deleted post.
  const added = post(20, 'Security report 20', ['Security'], ['Kabul']);
  writeFileSync(join(content, added.path), stringifyFrontMatter(added.data!, added.body!));
  for (const edited of [post(4, 'Security report 4, updated', ['Security'], ['Kabul']), post(25, 'Drugs report 25, updated', ['Drugs'], [])]) {
    writeFileSync(join(content, edited.path), stringifyFrontMatter(edited.data!, edited.body!));
  }
  rmSync(join(content, 'posts/2024/03/post-9.md'));

  const rebuilt = buildSite(content, cached);
  const clean = buildSite(content, { KHABAR_NOW: NOW });
  assertSameFiles(pagesOf(rebuilt), pagesOf(clean));
  const { hits, pages } = fromCache(rebuilt);
  assert.ok(hits > 0 && hits < pages, `${hits} of ${pages} from the cache`);
  // The edited posts' neighbours were rendered again, with the new titles.
  const newer = readFileSync(join(rebuilt.output, '2024/03/05/security-report-5/index.html'), 'utf8');
  assert.match(newer, /Previous post: <a [^>]*>Security report 4, updated</);
  const next = readFileSync(join(rebuilt.output, '2024/03/26/book-review-26/index.html'), 'utf8');
  assert.match(next, /Previous post: <a [^>]*>Drugs report 25, updated</);
  // An old Security post (outside the five latest) shows the new post in "More Security news",
  // spliced in, though its own page came from the cache.
  const old = readFileSync(join(rebuilt.output, '2024/03/01/security-report-1/index.html'), 'utf8');
  assert.match(old, /More Security news[\s\S]*Security report 20/);
});

test('KHABAR_CACHE_VERIFY fails the build when a cached page differs from its rendering', () => {
  const content = makeContent(files.slice(0, 3));
  const cache = mkdtempSync(join(tmpdir(), 'khabar-cache-'));
  const env = { KHABAR_NOW: NOW, KHABAR_CACHE: cache };
  assert.equal(buildSite(content, env).status, 0);

  // Tamper with one cached page, CRC and all, as a key that missed an input would leave it:
  // its chunk, changed, is appended to the pack and the index pointed at it.
  const indexPath = join(cache, 'pages', 'index.json');
  const index = JSON.parse(readFileSync(indexPath, 'utf8')) as { packs: string[]; chunks: number[][]; pages: Record<string, [string, number, number, number, number]> };
  const url = '/2024/03/02/security-report-2/';
  const entry = index.pages[url]!;
  const [pack, offset, stored, length] = index.chunks[entry[1]]! as [number, number, number, number];
  const packPath = join(cache, 'pages', index.packs[pack]!);
  const packBytes = readFileSync(packPath);
  const chunk = brotliDecompressSync(packBytes.subarray(offset, offset + stored));
  assert.equal(chunk.length, length);
  const page = chunk.subarray(entry[2], entry[2] + entry[3]);
  const at = page.indexOf('Security report 2');
  assert.ok(at > 0);
  page.write('Security report X', at);
  const changed = brotliCompressSync(chunk);
  writeFileSync(packPath, Buffer.concat([packBytes, changed]));
  index.chunks[entry[1]] = [pack, packBytes.length, changed.length, length];
  entry[4] = crc32(page);
  writeFileSync(indexPath, JSON.stringify(index));

  const trusting = buildSite(content, env);
  assert.equal(trusting.status, 0);
  assert.match(readFileSync(join(trusting.output, url.slice(1), 'index.html'), 'utf8'), /Security report X/, 'without verify, the cache is trusted');

  const verified = buildSite(content, { ...env, KHABAR_CACHE_VERIFY: '1' });
  assert.notEqual(verified.status, 0);
  assert.match(verified.stderr, /page cache: 1 cached page\(s\) differ from their rendering/);
  assert.ok(verified.stderr.includes(url), verified.stderr);
});
