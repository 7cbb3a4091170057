/**
 * The file writer (file-writer.ts): files queued are all written, byte for byte, in folders it
 * makes, whether small (many to a batch), larger than a batch or written in this thread; a file
 * that cannot be written fails with what the caller said it was for.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileWriteError, openFileWriter } from '../../../src/site/write/file-writer.ts';

const bytesOf = (i: number, size: number): Buffer => Buffer.alloc(size, `file ${i};`);

for (const threaded of [true, false]) {
  test(`every file queued is written, in the folders it names (${threaded ? 'on its own thread' : 'in this thread'})`, async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'khabar-out-')), 'site');
    const writer = openFileWriter<number>(out, threaded);
    // 1,500 small files (several batches), and one of 5 MB (more than a batch).
    const sizes = Array.from({ length: 1500 }, (_, i) => (i === 700 ? 5 * 1024 * 1024 : 100 + (i % 50) * 40));
    const scratch = Buffer.alloc(6 * 1024 * 1024);
    let waited = 0;
    for (const [i, size] of sizes.entries()) {
      // The same scratch buffer every time: the writer copies what it is given.
      bytesOf(i, size).copy(scratch);
      const bytes = scratch.subarray(0, size);
      const room = writer.write(join(out, String(2000 + (i % 17)), String(i % 12), `post-${i}`, 'index.html'), bytes, i);
      if (room !== undefined) {
        waited++;
        await room;
      }
    }
    await writer.close();
    for (const [i, size] of sizes.entries()) {
      assert.ok(readFileSync(join(out, String(2000 + (i % 17)), String(i % 12), `post-${i}`, 'index.html')).equals(bytesOf(i, size)), `file ${i}`);
    }
    if (!threaded) assert.equal(waited, 0, 'in this thread, a write is done when it returns');
  });

  test(`a file that cannot be written fails with its tag (${threaded ? 'on its own thread' : 'in this thread'})`, async () => {
    const out = mkdtempSync(join(tmpdir(), 'khabar-out-'));
    // A file where a folder is needed.
    writeFileSync(join(out, 'taken'), 'a file');
    mkdirSync(join(out, 'fine'));
    const writer = openFileWriter<string>(out, threaded);
    const failure = (async () => {
      await writer.write(join(out, 'fine', 'a.html'), Buffer.from('a'), 'the first page');
      await writer.write(join(out, 'taken', 'b', 'index.html'), Buffer.from('b'), 'the broken page');
      await writer.close();
    })();
    await assert.rejects(failure, (error: unknown) => error instanceof FileWriteError && error.tag === 'the broken page' && /ENOTDIR|EEXIST/.test(error.message));
    await writer.abort();
    assert.equal(readFileSync(join(out, 'fine', 'a.html'), 'utf8'), 'a');
  });
}
