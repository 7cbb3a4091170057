import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCategories } from '../../../src/model/categories.ts';
import { formatProblem } from '../../../src/model/errors.ts';
import { checkContent, ContentError } from '../../../src/site/check/content-check.ts';
import type { ContentCheck } from '../../../src/site/check/types.ts';

const categories = loadCategories(fileURLToPath(new URL('../../../content/_data/categories.yaml', import.meta.url)));

/** Writes `files` (path → text) under a fresh temporary folder, runs `body`, removes the folder. */
function withTree(files: Record<string, string>, body: (root: string) => void): void {
  const root = mkdtempSync(join(tmpdir(), 'khabar-check-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      const full = join(root, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
    }
    body(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function check(root: string, contentDir = join(root, 'content')): ContentCheck {
  return checkContent({ contentDir, categories, timeZone: 'Asia/Kabul', root });
}

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

const TREE: Record<string, string> = {
  'content/posts/2024/03/valid.md': lines(
    '---',
    'title: Measles outbreak',
    'date: 2024-03-27T10:15:00Z',
    'categories: [Afghan Children, Health News]',
    'tags: [Measles]',
    '---',
    'Body.',
  ),
  'content/posts/2024/03/bad.md': lines(
    '---',
    'title: ""',
    'date: yesterday',
    'categories: Health News',
    'layout: evil',
    'lang: english!',
    '---',
    'body',
  ),
  'content/posts/2024/03/unknown-category.md': lines(
    '---',
    'title: Unknown category',
    'date: 2024-03-27T10:15:00Z',
    'tags: [x]',
    'categories:',
    '  - Helth News',
    '  - Zzzz Qqqq Xxxx',
    '---',
    'body',
  ),
  'content/posts/2024/03/dup-a.md': lines('---', 'title: Same title', 'date: 2024-03-27T10:15:00Z', '---', 'a'),
  'content/posts/2024/03/dup-b.md': lines('---', 'date: 2024-03-27T12:00:00Z', 'title: Same title', '---', 'b'),
  // Late on the 26th in UTC is the 27th in Kabul: its URL is the same as valid.md's.
  'content/posts/2024/03/zz-clash.md': lines(
    '---',
    'title: Another title',
    'date: 2024-03-26T20:00:00Z',
    'slug: measles-outbreak',
    '---',
    'c',
  ),
  'content/posts/js.md': lines('---js', '{ title: "x", date: "2024-03-27T10:15:00Z" }', '---', 'body'),
  'content/posts/no-front-matter.md': lines('Just a body.'),
  'content/posts/yaml-error.md': lines('---', 'title: @x', 'date: 2024-03-27T10:15:00Z', '---', 'body'),
  'content/posts/.hidden.md': lines('---js', 'ignored', '---'),
  'content/posts/notes.txt': 'not markdown',
  'content/pages/about.md': lines('---', 'title: About', 'slug: about', '---', 'About us.'),
  'content/pages/bad-page.md': lines('---', 'title: Bad page', 'slug: About Us', 'permalink: /x/', '---', 'x'),
  'content/pages/zz-about.md': lines('---', 'title: About', '---', 'Another about.'),
  'content/pages/links.md': lines('---', 'title: Links', 'lang: fa', '---', 'x'),
  // The site's own pages: the archives index and a year's archive.
  'content/pages/archives.md': lines('---', 'title: Archives', '---', 'x'),
  'content/pages/year.md': lines('---', 'title: Our year', 'slug: "2019"', '---', 'x'),
};

const JS_MESSAGE = 'JavaScript front matter (---js) is not allowed: it would run code from a content file. Use YAML (---).';

const EXPECTED = [
  'content/pages/archives.md:2: title: URL /archives/ is the archives page, which the site makes itself; give this file another slug',
  'content/pages/bad-page.md:3: slug: expected a slug: lower-case words joined by "-" (e.g. measles-outbreak), found "About Us"',
  'content/pages/bad-page.md:4: permalink: unknown field: not part of the front matter schema (see the README)',
  "content/pages/year.md:3: slug: URL /2019/ is a year's archive page, which the site makes itself; give this file another slug",
  'content/pages/zz-about.md:2: title: URL /about/ is already used by content/pages/about.md; give one of them another slug',
  'content/posts/2024/03/bad.md:2: title: expected non-empty text, found ""',
  'content/posts/2024/03/bad.md:3: date: expected an ISO 8601 date with offset or Z (2024-03-27T10:15:00Z), found "yesterday"',
  'content/posts/2024/03/bad.md:4: categories: expected array, received string, found "Health News"',
  'content/posts/2024/03/bad.md:5: layout: unknown field: not part of the front matter schema (see the README)',
  'content/posts/2024/03/bad.md:6: lang: expected a BCP 47 language tag such as en, fa or ps, found "english!"',
  'content/posts/2024/03/dup-b.md:3: title: URL /2024/03/27/same-title/ is already used by content/posts/2024/03/dup-a.md; give one of them another slug',
  'content/posts/2024/03/unknown-category.md:5: categories: unknown category "Helth News"; did you mean "Health News"?',
  'content/posts/2024/03/unknown-category.md:5: categories: unknown category "Zzzz Qqqq Xxxx" (see content/_data/categories.yaml)',
  'content/posts/2024/03/zz-clash.md:4: slug: URL /2024/03/27/measles-outbreak/ is already used by content/posts/2024/03/valid.md; give one of them another slug',
  `content/posts/js.md:1: front matter: ${JS_MESSAGE}`,
  'content/posts/no-front-matter.md:1: title: the field is required (expected string)',
  'content/posts/no-front-matter.md:1: date: the field is required (expected an ISO 8601 date with offset or Z (2024-03-27T10:15:00Z))',
  'content/posts/yaml-error.md:2: front matter: invalid YAML: Plain value cannot start with reserved character @',
];

test('checkContent reports every problem as path:line: field: message, sorted by path then line', () => {
  withTree(TREE, (root) => {
    const result = check(root);
    assert.deepEqual(result.problems.map(formatProblem), EXPECTED);
  });
});

test('valid files are returned with their URLs, problem files are not', () => {
  withTree(TREE, (root) => {
    const result = check(root);
    assert.deepEqual(
      result.posts.map((p) => `${p.path} ${p.url}`),
      [
        'content/posts/2024/03/dup-a.md /2024/03/27/same-title/',
        'content/posts/2024/03/dup-b.md /2024/03/27/same-title/',
        'content/posts/2024/03/unknown-category.md /2024/03/27/unknown-category/',
        'content/posts/2024/03/valid.md /2024/03/27/measles-outbreak/',
        'content/posts/2024/03/zz-clash.md /2024/03/27/measles-outbreak/',
      ],
    );
    const valid = result.posts.find((p) => p.path.endsWith('valid.md'))!;
    assert.equal(valid.frontMatter.title, 'Measles outbreak');
    assert.ok(valid.frontMatter.date instanceof Date);
    assert.equal(valid.frontMatter.date.toISOString(), '2024-03-27T10:15:00.000Z');
    assert.deepEqual(valid.frontMatter.categories, ['Afghan Children', 'Health News']);
    assert.deepEqual(
      result.pages.map((p) => `${p.path} ${p.url}`),
      ['content/pages/about.md /about/', 'content/pages/archives.md /archives/', 'content/pages/links.md /links/', 'content/pages/year.md /2019/', 'content/pages/zz-about.md /about/'],
    );
    assert.equal(result.pages.find((p) => p.path.endsWith('links.md'))?.frontMatter.lang, 'fa');
  });
});

test('a clean tree has no problems', () => {
  withTree(
    {
      'content/posts/a.md': lines('---', 'title: A', 'date: 2024-03-27T10:15:00+04:30', 'categories: [Taliban]', '---', 'a'),
      'content/posts/b.md': lines('---', 'title: A', 'date: 2024-03-28T10:15:00Z', '---', 'same slug, other day'),
      'content/pages/about.md': lines('---', 'title: About', '---', 'x'),
    },
    (root) => {
      const result = check(root);
      assert.deepEqual(result.problems, []);
      assert.deepEqual(result.posts.map((p) => p.url), ['/2024/03/27/a/', '/2024/03/28/a/']);
      assert.deepEqual(result.pages.map((p) => p.url), ['/about/']);
    },
  );
});

test('paths are relative to the root option', () => {
  withTree({ 'content/posts/x/bad.md': lines('---', 'title: ""', 'date: 2024-03-27T10:15:00Z', '---') }, (root) => {
    const content = join(root, 'content');
    const fromContent = checkContent({ contentDir: content, categories, timeZone: 'Asia/Kabul', root: content });
    assert.deepEqual(fromContent.problems.map(formatProblem), ['posts/x/bad.md:2: title: expected non-empty text, found ""']);
    assert.deepEqual(check(root).problems.map((p) => p.path), ['content/posts/x/bad.md']);
  });
});

test('missing posts/ or pages/ folders are not an error', () => {
  withTree({ 'content/readme.txt': 'x' }, (root) => {
    assert.deepEqual(check(root), { posts: [], pages: [], problems: [] });
  });
});

test('post dates are put in the site time zone for URLs', () => {
  withTree({ 'content/posts/late.md': lines('---', 'title: Late', 'date: 2024-03-26T20:00:00Z', '---') }, (root) => {
    assert.deepEqual(check(root).posts.map((p) => p.url), ['/2024/03/27/late/']);
    const utc = checkContent({ contentDir: join(root, 'content'), categories, timeZone: 'UTC', root });
    assert.deepEqual(utc.posts.map((p) => p.url), ['/2024/03/26/late/']);
  });
});

test('a nested field problem points at the line of its top-level field', () => {
  withTree(
    {
      'content/posts/s.md': lines(
        '---',
        'title: T',
        'date: 2024-03-27T10:15:00Z',
        'source:',
        '  name: Tolo',
        '  url: javascript:alert(1)',
        '---',
      ),
    },
    (root) => {
      assert.deepEqual(check(root).problems.map(formatProblem), [
        'content/posts/s.md:4: source.url: expected an absolute http(s) URL, found "javascript:alert(1)"',
      ]);
    },
  );
});

test('formatProblem writes "(file)" for a problem of the whole file', () => {
  assert.equal(formatProblem({ path: 'a.md', line: 1, field: '', message: 'm' }), 'a.md:1: (file): m');
  assert.equal(formatProblem({ path: 'a.md', line: 7, field: 'title', message: 'm' }), 'a.md:7: title: m');
});

test('ContentError lists every problem', () => {
  const error = new ContentError([
    { path: 'a.md', line: 2, field: 'title', message: 'x' },
    { path: 'b.md', line: 3, field: 'date', message: 'y' },
  ]);
  assert.equal(error.name, 'ContentError');
  assert.equal(error.problems.length, 2);
  assert.equal(error.message, 'Khabar found 2 problems in the content; nothing was built:\na.md:2: title: x\nb.md:3: date: y');
  assert.match(new ContentError([{ path: 'a.md', line: 1, field: '', message: 'z' }]).message, /^Khabar found 1 problem in/);
});
