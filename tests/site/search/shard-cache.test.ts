/**
 * A search shard in the build cache is one file: restored, it is the bundle it was made from,
 * file for file; a file that is not whole (cut short, a byte changed, another format) restores
 * nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readShard, storeShard } from '../../../src/site/search/shard-cache.ts';

/** A bundle as Pagefind writes one: gzipped fragments, a script, an entry file; and an older/ folder to leave out. */
function bundle(): string {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-shard-'));
  mkdirSync(join(dir, 'fragment'));
  for (let i = 0; i < 30; i++) writeFileSync(join(dir, 'fragment', `en_${i}.pf_fragment`), gzipSync(`{"url":"/post-${i}/","content":"Saffron from Herat ${i} کابل"}`));
  writeFileSync(join(dir, 'pagefind.js'), 'export const x = 1;\n'.repeat(200));
  writeFileSync(join(dir, 'pagefind-entry.json'), '{"languages":{"en":{"page_count":30}}}');
  mkdirSync(join(dir, 'older', '0'), { recursive: true });
  writeFileSync(join(dir, 'older', '0', 'pagefind.js'), 'another shard');
  return dir;
}

function tree(dir: string, prefix = ''): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) for (const [path, bytes] of tree(join(dir, entry.name), `${prefix}${entry.name}/`)) files.set(path, bytes);
    else files.set(`${prefix}${entry.name}`, readFileSync(join(dir, entry.name)).toString('base64'));
  }
  return files;
}

test('a stored shard is one file, and reads back as the bundle it was made from, less the folder left out', () => {
  const from = bundle();
  const file = join(mkdtempSync(join(tmpdir(), 'khabar-cache-')), 'key.shard');
  storeShard(from, file, join(from, 'older'));
  const read = readShard(file);
  assert.ok(read !== undefined);
  const expected = tree(from);
  expected.delete('older/0/pagefind.js');
  assert.deepEqual(new Map([...read].map(([path, bytes]) => [path, bytes.toString('base64')])), expected);
});

test('a shard file cut short, with a byte changed or of another format reads as nothing', () => {
  const from = bundle();
  const cache = mkdtempSync(join(tmpdir(), 'khabar-cache-'));
  const good = join(cache, 'good.shard');
  storeShard(from, good);
  const whole = readFileSync(good);
  const damaged: Record<string, Buffer> = {
    short: whole.subarray(0, whole.length - 7),
    'files changed': Buffer.from(whole).fill(0x41, whole.length - 30, whole.length - 20),
    'manifest changed': Buffer.from(whole.toString('latin1').replace('pagefind.js', 'pagefind.jS'), 'latin1'),
    'another format': Buffer.from(whole.toString('latin1').replace('khabar-search-shard 1', 'khabar-search-shard 0'), 'latin1'),
  };
  for (const [name, bytes] of Object.entries(damaged)) {
    assert.ok(!bytes.equals(whole), name);
    const file = join(cache, `${name}.shard`);
    writeFileSync(file, bytes);
    assert.equal(readShard(file), undefined, name);
  }
  assert.ok(readShard(good) !== undefined, 'the whole file reads');
  truncateSync(good, 0);
  assert.equal(readShard(good), undefined, 'empty');
  assert.equal(readShard(join(cache, 'missing.shard')), undefined, 'missing');
});
