/**
 * The house's layers: src/model/ at the bottom; src/convert/ (HTML → Markdown) above it; the
 * three pipelines beside each other — ingest, the WordPress importer and the site — none of
 * which imports another. A relative import across those lines fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** What each folder of src/ may import (besides itself and npm packages). */
const ALLOWED: Record<string, readonly string[]> = {
  model: [],
  convert: ['model'],
  ingest: ['model', 'convert'],
  import: ['model', 'convert'],
  site: ['model'],
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sources(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"](\.[^'"]+)['"]\s*,\s*import\.meta\.url/g)]
    .map((m) => m[1] ?? m[2] ?? m[3]!)
    .filter((target) => target.startsWith('.'));
}

const layerOf = (path: string): string => relative(SRC, path).split(/[\\/]/)[0]!;

test('every folder of src/ has its place in the layers', () => {
  const folders = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  assert.deepEqual(folders, Object.keys(ALLOWED).sort());
});

test('no layer imports one it may not', () => {
  const found: string[] = [];
  for (const file of sources(SRC)) {
    const from = layerOf(file);
    for (const target of importsOf(file)) {
      const resolved = resolve(dirname(file), target);
      // Files outside src/ (package.json, the lock file) are not layers.
      if (relative(SRC, resolved).startsWith('..')) continue;
      const to = layerOf(resolved);
      if (to !== from && !ALLOWED[from]!.includes(to)) found.push(`${relative(SRC, file)} imports ${target}`);
    }
  }
  assert.deepEqual(found, []);
});

test('the check would see a crossing', () => {
  const ingestFile = join(SRC, 'ingest', 'x.ts');
  assert.equal(layerOf(resolve(dirname(ingestFile), '../site/urls.ts')), 'site');
  assert.ok(!ALLOWED.import!.includes('ingest') && !ALLOWED.import!.includes('site'));
});
