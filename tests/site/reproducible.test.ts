/**
 * Reproducible builds: the same content and the same KHABAR_NOW give a byte-identical _site/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildSite, digestTree, repoRoot } from '../helpers/site-fixture.ts';

test('two builds of the sample content with the same clock are byte-identical, however search is split', () => {
  const env = { KHABAR_NOW: '2026-11-29T12:00:00Z' };
  const first = buildSite(join(repoRoot, 'content'), { ...env, KHABAR_SEARCH_WORKERS: '0' });
  assert.equal(first.status, 0, first.stderr);
  // The second build indexes search shards of 10 posts in two workers: the same files must
  // come out (the search index apart, which is split differently).
  const second = buildSite(join(repoRoot, 'content'), { ...env, KHABAR_SEARCH_WORKERS: '2', KHABAR_SEARCH_SHARD_SIZE: '10' });
  assert.equal(second.status, 0, second.stderr);
  const withoutSearch = (tree: Map<string, string>): Map<string, string> => new Map([...tree].filter(([path]) => !path.startsWith('pagefind')));
  const a = withoutSearch(digestTree(first.output));
  const b = withoutSearch(digestTree(second.output));
  assert.ok(a.size > 100, `only ${a.size} files`);
  assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort());
  const differing = [...a].filter(([path, hash]) => b.get(path) !== hash).map(([path]) => path);
  assert.deepEqual(differing, []);
  assert.match(second.stdout, /Indexed 42 of 42 pages .*; 5 shards, 0 from the cache/);
});

test('search shards indexed by workers are byte-identical to those indexed in one thread', () => {
  const env = { KHABAR_NOW: '2026-11-29T12:00:00Z', KHABAR_SEARCH_SHARD_SIZE: '10' };
  const inline = buildSite(join(repoRoot, 'content'), { ...env, KHABAR_SEARCH_WORKERS: '0' });
  assert.equal(inline.status, 0, inline.stderr);
  const workers = buildSite(join(repoRoot, 'content'), { ...env, KHABAR_SEARCH_WORKERS: '2' });
  assert.equal(workers.status, 0, workers.stderr);
  const a = [...digestTree(inline.output)].filter(([path]) => path.startsWith('pagefind'));
  const b = new Map([...digestTree(workers.output)].filter(([path]) => path.startsWith('pagefind')));
  assert.ok(a.length > 20, `only ${a.length} search files`);
  assert.deepEqual(a.filter(([path, hash]) => b.get(path) !== hash).map(([path]) => path), []);
  assert.equal(b.size, a.length);
});
