import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPackWriter } from '../../../src/site/write/pack-writer.ts';

test('appended bytes are at the offsets returned, across chunks and larger than one, though the caller reuses its buffer', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'khabar-pack-')), 'p.pack');
  const writer = openPackWriter(path);
  const reused = Buffer.alloc(6 * 1024 * 1024);
  const expected: { offset: number; fill: number; length: number }[] = [];
  // Small, then larger than a 4 MB chunk, then enough to cross several chunks.
  const lengths = [10, 3000, 5 * 1024 * 1024, ...Array.from({ length: 40 }, (_, i) => 200_000 + i)];
  lengths.forEach((length, i) => {
    const fill = i % 251;
    reused.fill(fill, 0, length);
    expected.push({ offset: writer.append(reused.subarray(0, length)), fill, length });
    reused.fill(255); // the writer must have copied what it was given
  });
  await writer.close();
  const file = readFileSync(path);
  assert.equal(file.length, lengths.reduce((a, b) => a + b, 0));
  for (const { offset, fill, length } of expected) {
    const slice = file.subarray(offset, offset + length);
    assert.ok(slice.every((byte) => byte === fill), `bytes at ${offset} (${length})`);
  }
  assert.throws(() => openPackWriter(path), /EEXIST/, 'never overwrites a pack');
});
