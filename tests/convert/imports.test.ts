/**
 * src/convert/ is shared by ingest and the importers: it may import src/model/ and npm
 * packages, never src/ingest/ or src/site/.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const DIR = new URL('../../src/convert/', import.meta.url);

test('src/convert imports only src/model, its own files and packages', () => {
  const files = readdirSync(DIR).filter((name) => name.endsWith('.ts'));
  assert.ok(files.length > 0);
  for (const file of files) {
    const text = readFileSync(new URL(file, DIR), 'utf8');
    for (const match of text.matchAll(/\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g)) {
      const target = match[1] ?? match[2]!;
      if (!target.startsWith('.')) continue;
      assert.ok(target.startsWith('./') || target.startsWith('../model/'), `${file} imports ${target}`);
    }
  }
});
