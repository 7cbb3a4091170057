import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPackReader } from '../../../src/site/write/pack-reader.ts';
import { CHUNK_BYTES, openPackWriter } from '../../../src/site/write/pack-writer.ts';

test('appended bytes are where append says, across chunks and larger than one, though the caller reuses its buffer', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'khabar-pack-')), 'p.pack');
  const writer = openPackWriter(path);
  const reused = Buffer.alloc(CHUNK_BYTES + 5000);
  const expected: { at: [number, number]; fill: number; length: number }[] = [];
  // Small, then larger than a chunk, then enough to fill several (more than are compressed at once).
  const lengths = [10, 3000, CHUNK_BYTES + 5000, ...Array.from({ length: 60 }, (_, i) => 200_000 + i)];
  lengths.forEach((length, i) => {
    const fill = i % 251;
    reused.fill(fill, 0, length);
    expected.push({ at: writer.append(reused.subarray(0, length)), fill, length });
    reused.fill(255); // the writer must have copied what it was given
  });
  const chunks = await writer.close();
  assert.ok(chunks.length >= 12, `${chunks.length} chunks`);
  assert.ok(chunks.every((chunk) => chunk.length <= CHUNK_BYTES + 5000));
  // The chunks tile the file, compressed (runs of one byte compress to almost nothing).
  const stored = chunks.reduce((sum, chunk) => sum + chunk.stored, 0);
  assert.equal(statSync(path).size, stored);
  let end = 0;
  for (const chunk of [...chunks].sort((a, b) => a.offset - b.offset)) {
    assert.equal(chunk.offset, end);
    end += chunk.stored;
  }
  assert.ok(stored * 100 < lengths.reduce((a, b) => a + b, 0));

  const reader = openPackReader();
  for (const { at: [chunk, offset], fill, length } of expected) {
    const bytes = reader.chunk(path, chunks[chunk]!);
    assert.ok(bytes !== undefined, `chunk ${chunk}`);
    const slice = bytes.subarray(offset, offset + length);
    assert.equal(slice.length, length);
    assert.ok(slice.every((byte) => byte === fill), `bytes at chunk ${chunk}, offset ${offset} (${length})`);
  }
  reader.close();
  assert.throws(() => openPackWriter(path), /EEXIST/, 'never overwrites a pack');
});
