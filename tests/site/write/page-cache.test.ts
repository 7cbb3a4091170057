/**
 * The page cache's pack files and index: what one build puts, the next gets back by URL and
 * key; anything it cannot trust (another key, another salt, another format, a short or damaged
 * pack, a chunk that does not decompress, bytes that fail their CRC) is a miss; packs no entry
 * uses are removed, and a cache of mostly stale bytes is rewritten.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
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

test('a damaged chunk costs only its own pages; bytes that decompress but fail their CRC are a miss', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-pages-'));
  // Each page over half a chunk: one chunk each.
  const page = (n: number): string => `<p>page ${n}</p>${randomBytes(320 * 1024).toString('hex')}`;
  await fill(dir, 's', { '/0/': ['k0', page(0)], '/1/': ['k1', page(1)], '/2/': ['k2', page(2)] });
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { packs: string[]; chunks: number[][]; pages: Record<string, number[]> };
  assert.equal(index.chunks.length, 3);
  // /1/'s chunk gets bytes flipped in the middle; /2/'s entry another CRC.
  const [, offset, stored] = index.chunks[index.pages['/1/']![1]!]!;
  const path = join(dir, index.packs[0]!);
  const bytes = readFileSync(path);
  for (let i = 0; i < 16; i++) bytes[offset! + Math.floor(stored! / 2) + i]! ^= 0x55;
  writeFileSync(path, bytes);
  index.pages['/2/']![4] = (index.pages['/2/']![4]! + 1) >>> 0;
  writeFileSync(join(dir, 'index.json'), JSON.stringify(index));

  const cache = openPageCache(dir, 's');
  assert.ok(cache.get('/0/', 'k0', scratch())?.toString().startsWith('<p>page 0</p>'), 'the whole chunk still reads');
  assert.equal(cache.get('/1/', 'k1', scratch()), undefined, 'damaged chunk');
  assert.equal(cache.get('/2/', 'k2', scratch()), undefined, 'CRC mismatch');
  await cache.abandon();
});

test('a cache of the first format (each page as it is, no chunks) is not read, and its packs go on commit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-pages-'));
  const html = Buffer.from('<p>A</p>');
  writeFileSync(join(dir, 'pages-old.pack'), html);
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ version: 1, salt: 's', packs: ['pages-old.pack'], pages: { '/a/': ['k', 0, 0, html.length, crc32(html)] } }));
  const cache = openPageCache(dir, 's');
  assert.equal(cache.get('/a/', 'k', scratch()), undefined);
  cache.put('/a/', 'k', html);
  assert.equal((await cache.commit()).rewrote, true);
  assert.deepEqual(packs(dir).filter((p) => p === 'pages-old.pack'), []);
  assert.equal(openPageCache(dir, 's').get('/a/', 'k', scratch())?.toString(), '<p>A</p>');
});

test('the packs hold pages compressed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-pages-'));
  const pages: Record<string, [string, string]> = {};
  for (let n = 0; n < 50; n++) pages[`/${n}/`] = [`k${n}`, `<article><h2>Story ${n}</h2>${'<p>Farmers in Herat picked saffron early.</p>'.repeat(40)}</article>`];
  await fill(dir, 's', pages);
  const raw = Object.values(pages).reduce((sum, [, html]) => sum + Buffer.byteLength(html), 0);
  const stored = packs(dir).reduce((sum, pack) => sum + statSync(join(dir, pack)).size, 0);
  assert.ok(stored * 20 < raw, `${stored} bytes stored for ${raw}`);
  const cache = openPageCache(dir, 's');
  for (const [url, [key, html]] of Object.entries(pages)) assert.equal(cache.get(url, key, scratch())?.toString(), html);
  await cache.abandon();
});
