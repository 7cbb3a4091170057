/**
 * Reproducible builds: the same content and the same KHABAR_NOW give a byte-identical _site/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildSite, repoRoot } from '../helpers/site-fixture.ts';

function digestTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(root, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(root);
  return files;
}

test('two builds of the sample content with the same clock are byte-identical', () => {
  const env = { KHABAR_NOW: '2026-11-29T12:00:00Z' };
  const first = buildSite(join(repoRoot, 'content'), env);
  assert.equal(first.status, 0, first.stderr);
  const second = buildSite(join(repoRoot, 'content'), env);
  assert.equal(second.status, 0, second.stderr);
  const a = digestTree(first.output);
  const b = digestTree(second.output);
  assert.ok(a.size > 100, `only ${a.size} files`);
  assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort());
  const differing = [...a].filter(([path, hash]) => b.get(path) !== hash).map(([path]) => path);
  assert.deepEqual(differing, []);
});
