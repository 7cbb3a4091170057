/** A chunk that cannot be what was written (pack missing or short, bytes damaged, another length) is undefined, never other bytes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPackReader } from '../../../src/site/write/pack-reader.ts';
import { CHUNK_BYTES, openPackWriter, type PackChunk } from '../../../src/site/write/pack-writer.ts';

async function pack(): Promise<{ path: string; chunks: PackChunk[]; pages: Buffer[] }> {
  const path = join(mkdtempSync(join(tmpdir(), 'khabar-pack-')), 'p.pack');
  const writer = openPackWriter(path);
  const pages = Array.from({ length: 3 }, (_, i) => Buffer.from(`<p>page ${i} ${'کابل and Herat '.repeat(CHUNK_BYTES / 30)}</p>`));
  for (const page of pages) writer.append(page);
  return { path, chunks: await writer.close(), pages };
}

test('each chunk reads back as written', async () => {
  const { path, chunks, pages } = await pack();
  assert.equal(chunks.length, 3, 'each page fills more than half a chunk');
  const reader = openPackReader();
  chunks.forEach((chunk, i) => assert.ok(reader.chunk(path, chunk)?.equals(pages[i]!)));
  assert.ok(reader.chunk(path, chunks[0]!)?.equals(pages[0]!), 'again, from the chunks kept');
  reader.close();
});

test('a damaged, short or missing pack, or a length not recorded, reads as undefined', async () => {
  const { path, chunks } = await pack();
  const bytes = readFileSync(path);
  const [first, second, third] = chunks.sort((a, b) => a.offset - b.offset) as [PackChunk, PackChunk, PackChunk];
  for (let i = 0; i < 8; i++) bytes[second.offset + Math.floor(second.stored / 2) + i]! ^= 0xff;
  writeFileSync(path, bytes);
  truncateSync(path, third.offset + third.stored - 5);
  const reader = openPackReader();
  assert.equal(reader.chunk(path, second), undefined, 'bytes flipped');
  assert.equal(reader.chunk(path, third), undefined, 'cut short');
  assert.equal(reader.chunk(path, { ...first, length: first.length + 1 }), undefined, 'longer than it decompresses to');
  assert.equal(reader.chunk(path, { ...first, length: first.length - 1 }), undefined, 'shorter than it decompresses to');
  assert.equal(reader.chunk(path, { ...first, offset: first.offset + 1 }), undefined, 'not where a chunk starts');
  assert.equal(reader.chunk(`${path}.missing`, first), undefined, 'no such pack');
  assert.ok(reader.chunk(path, first) !== undefined, 'the chunk left whole still reads');
  reader.close();
});
