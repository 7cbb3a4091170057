import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontMatter } from '../../src/model/front-matter.ts';
import { validatePost } from '../../src/model/schema.ts';
import { makeContent, repoRoot } from '../helpers/site-fixture.ts';

function newPost(content: string, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/new-post.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, KHABAR_CONTENT: content, KHABAR_NOW: '2026-03-20T20:00:00Z' },
    encoding: 'utf8',
  });
}

test('npm run new writes a valid post dated now in the site time zone and prints its path', () => {
  const content = makeContent([]);
  const result = newPost(content, 'Floods hit: Baghlan', '--category', 'Environmental News', '--tag', 'Floods', '--lang', 'en');
  assert.equal(result.status, 0, result.stderr);
  // 20:00Z on 20 March is 00:30 on 21 March in Kabul: the post belongs to the Kabul day.
  const path = join(content, 'posts/2026/03/floods-hit-baghlan.md');
  assert.equal(result.stdout.trim(), path);
  const parsed = parseFrontMatter(readFileSync(path, 'utf8'));
  const validation = validatePost(parsed.data);
  assert.ok(validation.ok);
  assert.equal(parsed.data.title, 'Floods hit: Baghlan');
  assert.equal(parsed.data.date, '2026-03-21T00:30:00+04:30');
  assert.deepEqual(parsed.data.categories, ['Environmental News']);
  assert.deepEqual(parsed.data.tags, ['Floods']);
});

test('npm run new refuses an unknown category with the closest name and never overwrites', () => {
  const content = makeContent([]);
  const unknown = newPost(content, 'Some title', '--category', 'Helth News');
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /unknown category "Helth News"; did you mean "Health News"\?/);
  assert.equal(newPost(content, 'Some title').status, 0);
  const path = join(content, 'posts/2026/03/some-title.md');
  const before = readFileSync(path, 'utf8');
  const again = newPost(content, 'Some title', '--tag', 'Changed');
  assert.equal(again.status, 1);
  assert.match(again.stderr, /already exists/);
  assert.equal(readFileSync(path, 'utf8'), before);
});
