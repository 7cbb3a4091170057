/**
 * A damaged build cache is never published (issue 17, finding 9): bytes changed in the parse
 * cache, a cached search shard cut short or with a byte changed, a page-cache pack damaged — the
 * next build drops what is bad, rebuilds it, and writes exactly what a build without a
 * cache writes. Output files are never hard links into the cache.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
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
  // Text changed in place, as a bad disk would: the changed entries still decompress and
  // deserialize, to other pages; only the CRC tells (the header's lengths are made to match).
  const parsedPath = join(cache, 'content.v8');
  const parsed = readFileSync(parsedPath);
  const magic = parsed.indexOf('\n') + 1;
  const entries = brotliDecompressSync(parsed.subarray(magic + 12));
  const at = entries.indexOf('picked saffron');
  assert.ok(at > 0);
  entries.write('PICKED SAFFRON', at, 'latin1');
  const changed = brotliCompressSync(entries);
  const header = Buffer.from(parsed.subarray(0, magic + 12));
  header.writeUInt32BE(changed.length, magic + 4);
  writeFileSync(parsedPath, Buffer.concat([header, changed]));
  const shards = readdirSync(join(cache, 'search')).map((key) => join(cache, 'search', key));
  assert.equal(shards.length, 3);
  // One shard cut short; another with a byte flipped in its files' bytes; a third in its manifest.
  truncateSync(shards[0]!, Math.floor(statSync(shards[0]!).size / 2));
  flip(shards[1]!, 1);
  const listed = readFileSync(shards[2]!);
  const entry = listed.indexOf('pagefind-entry.json');
  assert.ok(entry > 0);
  listed.write('pagefind-entry.jsoN', entry, 'latin1');
  writeFileSync(shards[2]!, listed);
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
