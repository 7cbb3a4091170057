/**
 * A damaged build cache is never published (issue 17, finding 9): bytes flipped in the parse
 * cache, a cached search shard truncated or missing a file, a page-cache pack damaged — the
 * next build drops what is bad, rebuilds it, and writes exactly what a build without a
 * cache writes. Output files are never hard links into the cache.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite, digestTree, makeContent, type FixtureFile } from '../../helpers/site-fixture.ts';

const NOW = '2024-04-01T12:00:00Z';
const files: FixtureFile[] = Array.from({ length: 6 }, (_, i) => ({
  path: `posts/2024/03/post-${i}.md`,
  data: { title: `Story number ${i} from Herat`, date: `2024-03-${String(10 + i)}T08:00:00Z`, categories: ['Society'] },
  body: `Farmers in Herat picked saffron early, story ${i}. `.repeat(20),
}));
const content = makeContent(files);
const cache = mkdtempSync(join(tmpdir(), 'khabar-cache-'));
const env = { KHABAR_NOW: NOW, KHABAR_SEARCH_SHARD_SIZE: '2', KHABAR_SEARCH_WORKERS: '0' };

/** Flips `count` bytes in the middle of a file. */
function flip(path: string, count = 8): void {
  const bytes = readFileSync(path);
  const at = Math.floor(bytes.length / 2);
  for (let i = 0; i < count; i++) bytes[at + i] = bytes[at + i]! ^ 0xff;
  writeFileSync(path, bytes);
}

const clean = buildSite(content, env);

test('a clean build and a build with a fresh cache write the same site', () => {
  assert.equal(clean.status, 0, clean.stderr);
  const cached = buildSite(content, { ...env, KHABAR_CACHE: cache });
  assert.equal(cached.status, 0, cached.stderr);
  assert.deepEqual(digestTree(cached.output), digestTree(clean.output));
});

test('with the parse cache, a cached shard and a page pack damaged, the next build writes the clean site', () => {
  // Text changed in place, as a bad disk would: the file still deserializes, to other pages.
  const parsed = readFileSync(join(cache, 'content.v8'));
  const at = parsed.indexOf('picked saffron');
  assert.ok(at > 0);
  parsed.write('PICKED SAFFRON', at, 'latin1');
  writeFileSync(join(cache, 'content.v8'), parsed);
  const shards = readdirSync(join(cache, 'search')).map((key) => join(cache, 'search', key));
  assert.equal(shards.length, 3);
  // The newest shard loses its pagefind.js; another gets a truncated file; a third a flipped byte.
  rmSync(join(shards[0]!, 'pagefind.js'), { force: true });
  const entry = join(shards[1]!, 'pagefind-entry.json');
  truncateSync(entry, Math.floor(statSync(entry).size / 2));
  flip(join(shards[2]!, 'pagefind-entry.json'), 1);
  const packs = readdirSync(join(cache, 'pages')).filter((f) => f.endsWith('.pack'));
  for (const pack of packs) flip(join(cache, 'pages', pack), 64);

  const rebuilt = buildSite(content, { ...env, KHABAR_CACHE: cache });
  assert.equal(rebuilt.status, 0, rebuilt.stderr);
  assert.match(rebuilt.stdout, /3 shards, 0 from the cache/, 'every damaged shard was indexed again');
  assert.deepEqual(digestTree(rebuilt.output), digestTree(clean.output));

  // And the cache it left is whole again: the next build takes everything from it.
  const again = buildSite(content, { ...env, KHABAR_CACHE: cache });
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /3 shards, 3 from the cache/);
  assert.deepEqual(digestTree(again.output), digestTree(clean.output));
});

test('no output file is a hard link into the cache', () => {
  const built = buildSite(content, { ...env, KHABAR_CACHE: cache });
  assert.equal(built.status, 0, built.stderr);
  const linked: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (statSync(path).nlink > 1) linked.push(path);
    }
  };
  walk(built.output);
  assert.deepEqual(linked, []);
});
