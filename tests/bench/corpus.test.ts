import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { countWords } from '../../bench/corpus/text.ts';
import { generateCorpus, type CorpusStats } from '../../bench/corpus/write.ts';
import { loadCategories } from '../../src/model/categories.ts';
import { parseFrontMatter } from '../../src/model/front-matter.ts';
import { validatePost } from '../../src/model/schema.ts';
import { slugify } from '../../src/model/slug.ts';
import { formatProblem } from '../../src/model/errors.ts';
import { checkContent } from '../../src/site/check/content-check.ts';
import { repoRoot } from '../helpers/site-fixture.ts';

const N = 200;

function files(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else found.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return found.sort();
}

/** One hash over every file's path and bytes. */
function treeHash(dir: string): string {
  const hash = createHash('sha256');
  for (const file of files(dir)) {
    hash.update(file).update('\0').update(readFileSync(join(dir, file))).update('\0');
  }
  return hash.digest('hex');
}

function fileHashes(dir: string): Map<string, string> {
  return new Map(files(dir).map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
}

const made: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-corpus-'));
  made.push(dir);
  return join(dir, 'corpus');
};
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

// Generated once in-process; the determinism test generates it again through the command line.
const first = tempDir();
const stats = generateCorpus({ posts: N, out: first, seed: 'test' });

test('the same seed gives byte-identical files, through the API and the command line alike', () => {
  const second = tempDir();
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/corpus/generate.ts', '--posts', String(N), '--out', second, '--seed', 'test'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  const printed = JSON.parse(run.stdout.trim()) as CorpusStats;
  assert.deepEqual({ ...printed, out: '' }, { ...stats, out: '' });
  assert.equal(files(first).length, N + 2);
  assert.equal(treeHash(second), treeHash(first));

  const other = tempDir();
  generateCorpus({ posts: N, out: other, seed: 'another' });
  assert.notEqual(treeHash(other), treeHash(first));
});

test('the statistics are in the issue’s ranges', () => {
  assert.equal(stats.posts, N);
  assert.equal(stats.to, '2025-12-28');
  assert.ok(stats.postsPerDay >= 10 && stats.postsPerDay <= 20, `posts a day ${stats.postsPerDay}`);
  assert.ok(stats.faShare > 0 && stats.faShare <= 0.12, `Persian share ${stats.faShare}`);
  assert.ok(stats.sourceShare >= 0.45 && stats.sourceShare <= 0.75, `source share ${stats.sourceShare}`);
  assert.ok(stats.categoriesPerPost >= 1.4 && stats.categoriesPerPost <= 2.1, `categories a post ${stats.categoriesPerPost}`);
  assert.ok(stats.tagsPerPost >= 1 && stats.tagsPerPost <= 1.9, `tags a post ${stats.tagsPerPost}`);
  assert.ok(stats.tagVocabulary >= 1400 && stats.tagVocabulary <= 1600, `tag vocabulary ${stats.tagVocabulary}`);
  assert.ok(stats.wordsMin >= 80 && stats.wordsMax <= 700, `words ${stats.wordsMin}–${stats.wordsMax}`);
  assert.ok(stats.wordsMean >= 150 && stats.wordsMean <= 450, `mean words ${stats.wordsMean}`);
  assert.ok(stats.moreShare > 0 && stats.headingShare > 0 && stats.listShare > 0 && stats.linkShare > 0.3);
});

test('every post is valid, in its month folder under its slug, with 1–3 known categories and 0–3 tags', () => {
  const categories = loadCategories(join(first, '_data/categories.yaml'));
  const categoryUse = new Map<string, number>();
  let persian = 0;
  const posts = files(first).filter((f) => f.startsWith('posts/'));
  assert.equal(posts.length, N);
  for (const file of posts) {
    const { data, body } = parseFrontMatter(readFileSync(join(first, file), 'utf8'));
    const validation = validatePost(data);
    assert.ok(validation.ok, `${file}: ${JSON.stringify(validation.ok ? '' : validation.problems)}`);
    const post = validation.value;
    const slug = post.slug ?? slugify(post.title);
    assert.match(file, new RegExp(`^posts/\\d{4}/\\d{2}/${slug}\\.md$`));
    assert.ok(post.categories.length >= 1 && post.categories.length <= 3, file);
    for (const name of post.categories) {
      assert.ok(categories.get(name), `${file}: ${name}`);
      categoryUse.set(name, (categoryUse.get(name) ?? 0) + 1);
    }
    assert.ok(post.tags.length <= 3, file);
    const words = countWords(body);
    assert.ok(words >= 80 && words <= 700, `${file}: ${words} words`);
    if (post.lang === 'fa') {
      persian++;
      assert.match(post.title, /\p{Script=Arabic}/u);
    }
  }
  assert.ok(persian > 0);
  // Zipf-like: the busiest category is used many times more than the typical one.
  const counts = [...categoryUse.values()].sort((a, b) => b - a);
  const median = counts[Math.floor(counts.length / 2)]!;
  assert.ok(counts[0]! >= 5 * median, `top ${counts[0]} vs median ${median}`);
});

test('the content check finds no problem: no two posts share a URL', () => {
  const check = checkContent({ contentDir: first, categories: loadCategories(join(first, '_data/categories.yaml')), timeZone: 'Asia/Kabul', root: first });
  assert.deepEqual(check.problems.map(formatProblem), []);
  assert.equal(check.posts.length, N);
});

test('appending a day of news adds posts without touching the existing files', () => {
  const dir = tempDir();
  generateCorpus({ posts: 300, out: dir, seed: 'test' });
  const before = fileHashes(dir);
  assert.throws(() => generateCorpus({ posts: 15, out: dir, seed: 'test' }), /not empty/);
  const added = generateCorpus({ posts: 15, out: dir, seed: 'test', batch: 'daily-1', end: '2025-12-29', exactPerDay: true, append: true });
  assert.equal(added.posts, 15);
  assert.equal(added.from, '2025-12-29');
  const after = fileHashes(dir);
  assert.equal(after.size, before.size + 15);
  for (const [file, hash] of before) assert.equal(after.get(file), hash, file);
  const check = checkContent({ contentDir: dir, categories: loadCategories(join(dir, '_data/categories.yaml')), timeZone: 'Asia/Kabul', root: dir });
  assert.deepEqual(check.problems.map(formatProblem), []);
});
