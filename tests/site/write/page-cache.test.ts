/**
 * The page cache's pack files and index: what one build puts, the next gets back by URL and
 * key; anything it cannot trust (another key, another salt, a short or damaged pack) is a
 * miss; packs no entry uses are removed, and a cache of mostly stale bytes is rewritten.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPageCache } from '../../../src/site/write/page-cache.ts';

const packs = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.pack'));
const scratch = (): Buffer => Buffer.alloc(1024);

async function fill(dir: string, salt: string, pages: Record<string, [string, string]>): Promise<void> {
  const cache = openPageCache(dir, salt);
  for (const [url, [key, html]] of Object.entries(pages)) {
    assert.equal(cache.get(url, key, scratch()), undefined, `${url} is not cached yet`);
    cache.put(url, key, Buffer.from(html));
  }
  await cache.commit();
}

test('a page put by one build is got back by the next with the same key, and only with it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-pages-'));
  await fill(dir, 's1', { '/a/': ['k-a', '<p>A – کابل</p>'], '/b/': ['k-b', '<p>B</p>'] });
  const cache = openPageCache(dir, 's1');
  assert.equal(cache.get('/a/', 'k-a', scratch())?.toString(), '<p>A – کابل</p>');
  assert.equal(cache.get('/b/', 'changed', scratch()), undefined, 'another key is a miss');
  assert.equal(cache.get('/c/', 'k-a', scratch()), undefined, 'another URL is a miss');
  cache.put('/b/', 'changed', Buffer.from('<p>B2</p>'));
  assert.deepEqual(await cache.commit(), { hits: 1, pages: 2, rewrote: false });

  const next = openPageCache(dir, 's1');
  assert.equal(next.get('/a/', 'k-a', scratch())?.toString(), '<p>A – کابل</p>', 'kept from the first pack');
  assert.equal(next.get('/b/', 'changed', scratch())?.toString(), '<p>B2</p>', 'from the second pack');
  await next.commit();
});

test('a page larger than the buffer given gets its own', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-pages-'));
  const big = 'x'.repeat(5000);
  await fill(dir, 's', { '/big/': ['k', big] });
  const small = Buffer.alloc(16);
  assert.equal(openPageCache(dir, 's').get('/big/', 'k', small)?.toString(), big);
  assert.equal(small.toString(), '\0'.repeat(16));
});

test('a cache made with another salt is not used, and its packs go on commit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-pages-'));
  await fill(dir, 'old code', { '/a/': ['k', 'old'] });
  const old = packs(dir);
  const cache = openPageCache(dir, 'new code');
  assert.equal(cache.get('/a/', 'k', scratch()), undefined);
  cache.put('/a/', 'k', Buffer.from('new'));
  assert.equal((await cache.commit()).rewrote, true);
  assert.equal(packs(dir).filter((p) => old.includes(p)).length, 0, 'the old pack is removed');
  assert.equal(openPageCache(dir, 'new code').get('/a/', 'k', scratch())?.toString(), 'new');
});

test('a short or damaged pack is a miss, never wrong bytes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-pages-'));
  await fill(dir, 's', { '/a/': ['k-a', 'first page'], '/b/': ['k-b', 'second page'] });
  const [pack] = packs(dir);
  const path = join(dir, pack!);
  // Flip one byte of /a/ and cut /b/ short.
  const bytes = readFileSync(path);
  bytes[0] = bytes[0]! ^ 0xff;
  writeFileSync(path, bytes);
  truncateSync(path, bytes.length - 3);
  const cache = openPageCache(dir, 's');
  assert.equal(cache.get('/a/', 'k-a', scratch()), undefined, 'CRC mismatch');
  assert.equal(cache.get('/b/', 'k-b', scratch()), undefined, 'short read');
  await cache.abandon();
  // A missing index is an empty cache.
  writeFileSync(join(dir, 'index.json'), '{ not json');
  assert.equal(openPageCache(dir, 's').get('/a/', 'k-a', scratch()), undefined);
});

test('stale bytes do not pile up: many packs, or packs mostly stale, make a build rewrite every page into one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-pages-'));
  const page = (n: number, v: number): string => `<p>page ${n} version ${v} ${'.'.repeat(100)}</p>`;
  const keyOf = (n: number, v: number): string => `k${n}-v${v}`;
  const version = Array.from({ length: 20 }, () => 1);
  await fill(dir, 's', Object.fromEntries(version.map((v, n) => [`/${n}/`, [keyOf(n, v), page(n, v)]])));
  // One page changes a build: each build leaves a pack that the next ones still use.
  let rewrites = 0;
  for (let build = 2; build <= 16; build++) {
    version[build % 20] = build;
    const cache = openPageCache(dir, 's');
    version.forEach((v, n) => {
      if (cache.get(`/${n}/`, keyOf(n, v), scratch()) === undefined) cache.put(`/${n}/`, keyOf(n, v), Buffer.from(page(n, v)));
    });
    const stats = await cache.commit();
    assert.deepEqual([stats.pages, stats.hits], [20, 19]);
    if (stats.rewrote) {
      rewrites++;
      assert.deepEqual(packs(dir).length, 1, `build ${build}: the rewrite leaves one pack`);
    }
    assert.ok(packs(dir).length <= 12, `build ${build}: ${packs(dir).length} packs`);
  }
  assert.equal(rewrites, 1);
  // The site shrinks to two pages: the packs are now mostly stale, and the next build rewrites.
  const shrunk = openPageCache(dir, 's');
  for (const n of [0, 1]) assert.ok(shrunk.get(`/${n}/`, keyOf(n, version[n]!), scratch()));
  assert.equal((await shrunk.commit()).rewrote, false);
  const next = openPageCache(dir, 's');
  for (const n of [0, 1]) assert.equal(next.get(`/${n}/`, keyOf(n, version[n]!), scratch())?.toString(), page(n, version[n]!));
  assert.deepEqual(await next.commit(), { hits: 2, pages: 2, rewrote: true });
  assert.equal(packs(dir).length, 1);
});

test('an abandoned build leaves the index as it was and removes its own pack', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-pages-'));
  await fill(dir, 's', { '/a/': ['k', 'kept'] });
  const before = packs(dir);
  const cache = openPageCache(dir, 's');
  cache.put('/a/', 'k2', Buffer.from('never committed'));
  await cache.abandon();
  assert.deepEqual(packs(dir), before);
  assert.equal(openPageCache(dir, 's').get('/a/', 'k', scratch())?.toString(), 'kept');
});
