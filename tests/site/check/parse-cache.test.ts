import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { brotliDecompressSync, crc32 } from 'node:zlib';
import { loadCategories } from '../../../src/model/categories.ts';
import { checkContent } from '../../../src/site/check/content-check.ts';
import { openParseCache } from '../../../src/site/check/parse-cache.ts';
import { repoRoot } from '../../helpers/site-fixture.ts';

const categories = loadCategories(join(repoRoot, 'content/_data/categories.yaml'));

function site(): { content: string; cache: string; write(name: string, body: string): void } {
  const root = mkdtempSync(join(tmpdir(), 'khabar-parse-cache-'));
  const content = join(root, 'content');
  mkdirSync(join(content, 'posts'), { recursive: true });
  return {
    content,
    cache: join(root, '.cache'),
    write(name, body) {
      writeFileSync(join(content, 'posts', `${name}.md`), `---\ntitle: ${name}\ndate: 2024-03-27T10:15:00Z\ncategories: [Health News]\n---\n${body}\n`);
    },
  };
}

function check(content: string, cacheDir: string): { html: Map<string, string>; hits: number } {
  const cache = openParseCache(cacheDir);
  const result = checkContent({ contentDir: content, categories, timeZone: 'Asia/Kabul', root: content, cache });
  assert.deepEqual(result.problems, []);
  const hits = cache.save();
  return { html: new Map(result.posts.map((p) => [p.frontMatter.title, p.html])), hits };
}

test('a second check reuses the parse of every unchanged file, and only of those', () => {
  const s = site();
  s.write('one', 'First *body*.');
  s.write('two', 'Second body.');
  const first = check(s.content, s.cache);
  assert.equal(first.hits, 0);
  assert.equal(first.html.get('one'), '<p>First <em>body</em>.</p>\n');

  const second = check(s.content, s.cache);
  assert.equal(second.hits, 2);
  assert.deepEqual(second.html, first.html);

  s.write('two', 'Second body, **edited**.');
  const third = check(s.content, s.cache);
  assert.equal(third.hits, 1, 'the edited file is parsed again');
  assert.equal(third.html.get('two'), '<p>Second body, <strong>edited</strong>.</p>\n');
});

test('a cache file that cannot be read is ignored, not trusted', () => {
  const s = site();
  s.write('one', 'Body.');
  mkdirSync(s.cache, { recursive: true });
  writeFileSync(join(s.cache, 'content.v8'), 'not a cache');
  const result = check(s.content, s.cache);
  assert.equal(result.hits, 0);
  assert.equal(result.html.get('one'), '<p>Body.</p>\n');
  assert.equal(check(s.content, s.cache).hits, 1, 'and it is rewritten');
});

test('a check that adds a file writes only the additions; enough stale entries rewrite the whole cache', () => {
  const s = site();
  for (let i = 0; i < 8; i++) s.write(`post-${i}`, `Body ${i}.`);
  assert.equal(check(s.content, s.cache).hits, 0);
  const base = join(s.cache, 'content.v8');
  const added = join(s.cache, 'content-added.v8');
  const baseBytes = readFileSync(base);

  s.write('post-new', 'A new body.');
  assert.equal(check(s.content, s.cache).hits, 8);
  assert.deepEqual(readFileSync(base), baseBytes, 'the base is left as it was');
  assert.ok(existsSync(added), 'the new file went into the additions');
  const again = check(s.content, s.cache);
  assert.equal(again.hits, 9, 'found in the base and the additions');
  assert.equal(again.html.get('post-new'), '<p>A new body.</p>\n');

  // Three of nine edited: the base is more than a quarter stale, so everything is rewritten.
  for (let i = 0; i < 3; i++) s.write(`post-${i}`, `Body ${i}, edited.`);
  assert.equal(check(s.content, s.cache).hits, 6);
  assert.ok(!existsSync(added), 'the additions are folded into the base');
  assert.notDeepEqual(readFileSync(base), baseBytes);
  const after = check(s.content, s.cache);
  assert.equal(after.hits, 9);
  assert.equal(after.html.get('post-0'), '<p>Body 0, edited.</p>\n');
});

test('bodies beyond Latin-1 come back as written; a flipped byte, or a file of the previous format, is ignored', () => {
  const s = site();
  s.write('one', 'Herat – a dash.');
  s.write('two', 'کابل، *امروز*.');
  const first = check(s.content, s.cache);
  assert.equal(check(s.content, s.cache).hits, 2);
  assert.deepEqual(check(s.content, s.cache).html, first.html);
  assert.equal(first.html.get('two'), '<p>کابل، <em>امروز</em>.</p>\n');

  const path = join(s.cache, 'content.v8');
  const file = readFileSync(path);
  // The header: magic line, CRC-32 and length of the compressed entries, their length uncompressed.
  const magic = file.indexOf('\n') + 1;
  assert.equal(file.subarray(0, magic).toString(), 'khabar-parse-cache 3\n');
  const serialized = brotliDecompressSync(file.subarray(magic + 12));
  assert.equal(serialized.length, file.readUInt32BE(magic + 8));

  const flipped = Buffer.from(file);
  flipped[flipped.length - 10]! ^= 0x01;
  writeFileSync(path, flipped);
  assert.equal(check(s.content, s.cache).hits, 0, 'a flipped byte: parsed again');

  // The same entries (same code) in format 2: uncompressed, bodies as strings.
  const { salt, entries } = deserialize(serialized) as { salt: string; entries: Map<string, { html: Uint8Array }> };
  const v2 = serialize({ salt, entries: new Map([...entries].map(([hash, e]) => [hash, { ...e, html: Buffer.from(e.html).toString() }])) });
  const header = Buffer.alloc(29);
  header.write('khabar-parse-cache 2\n');
  header.writeUInt32BE(crc32(v2), 21);
  header.writeUInt32BE(v2.length, 25);
  writeFileSync(path, Buffer.concat([header, v2]));
  rmSync(join(s.cache, 'content-added.v8'), { force: true });
  assert.equal(check(s.content, s.cache).hits, 0, 'the previous format is not read');
  assert.equal(check(s.content, s.cache).hits, 2, 'and the file is written afresh');
});
