import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  pageSchema,
  postSchema,
  validatePage,
  validatePost,
  type FieldProblem,
} from '../../src/model/schema.ts';

const DATE = '2024-03-27T10:15:00Z';

/** The contract's example post, as YAML 1.2 hands it over (dates are strings). */
const contractPost = {
  title: 'Measles Outbreak in Afghanistan Claims 29 Lives, Thousands Affected: UNICEF',
  date: '2024-03-27T10:15:00Z',
  author: 'admin',
  categories: ['Afghan Children', 'Health News'],
  tags: ['Measles'],
  slug: 'measles-outbreak-in-afghanistan-claims-29-lives',
  lang: 'en',
  source: {
    name: 'Tolo News',
    url: 'https://tolonews.com/health-187654',
    id: 'https://tolonews.com/health-187654',
    feed: 'tolonews',
  },
  video: 'https://www.youtube.com/watch?v=XXXXXXXXXXX',
  draft: false,
  updated: '2024-03-27T12:00:00Z',
};

function problemsOfPost(data: unknown): FieldProblem[] {
  const result = validatePost(data);
  assert.equal(result.ok, false, `expected ${JSON.stringify(data)} to be refused`);
  return result.ok ? [] : result.problems;
}

function onlyProblem(data: unknown): FieldProblem {
  const problems = problemsOfPost(data);
  assert.equal(problems.length, 1, JSON.stringify(problems));
  return problems[0]!;
}

test("the contract's example post is valid; its dates become Dates", () => {
  const result = validatePost(contractPost);
  assert.ok(result.ok, JSON.stringify(result));
  const post = result.value;
  assert.ok(post.date instanceof Date);
  assert.equal(post.date.toISOString(), '2024-03-27T10:15:00.000Z');
  assert.ok(post.updated instanceof Date);
  assert.equal(post.updated.toISOString(), '2024-03-27T12:00:00.000Z');
  assert.deepEqual(post.categories, ['Afghan Children', 'Health News']);
  assert.deepEqual(post.tags, ['Measles']);
  assert.equal(post.slug, 'measles-outbreak-in-afghanistan-claims-29-lives');
  assert.deepEqual(post.source, contractPost.source);
  assert.equal(post.video, contractPost.video);
  assert.equal(post.draft, false);
  assert.deepEqual(post.aliases, []);
});

test('defaults: categories, tags and aliases empty, draft false; optional fields absent', () => {
  const post = postSchema.parse({ title: 'Minimal', date: DATE });
  assert.deepEqual(post, {
    title: 'Minimal',
    date: new Date(DATE),
    categories: [],
    tags: [],
    draft: false,
    aliases: [],
  });
  assert.equal('author' in post, false);
  assert.equal('slug' in post, false);
});

test('dates with an offset are converted to the instant they name; Date objects pass', () => {
  assert.equal(postSchema.parse({ title: 't', date: '2024-03-27T10:15:00+04:30' }).date.toISOString(), '2024-03-27T05:45:00.000Z');
  const date = new Date(DATE);
  assert.equal(postSchema.parse({ title: 't', date }).date.getTime(), date.getTime());
});

test('text fields are trimmed', () => {
  const post = postSchema.parse({
    title: '  Padded  ',
    date: DATE,
    tags: [' Kabul '],
    source: { name: ' Tolo ', url: ' https://tolonews.com/x ' },
  });
  assert.equal(post.title, 'Padded');
  assert.deepEqual(post.tags, ['Kabul']);
  assert.deepEqual(post.source, { name: 'Tolo', url: 'https://tolonews.com/x' });
});

test('an empty or blank title names the field and shows what was found', () => {
  assert.deepEqual(onlyProblem({ title: '', date: DATE }), { field: 'title', message: 'expected non-empty text, found ""' });
  assert.deepEqual(onlyProblem({ title: '   ', date: DATE }), { field: 'title', message: 'expected non-empty text, found "   "' });
});

test('a missing title or date says the field is required', () => {
  const title = onlyProblem({ date: DATE });
  assert.equal(title.field, 'title');
  assert.match(title.message, /required/);
  const date = onlyProblem({ title: 'x' });
  assert.equal(date.field, 'date');
  assert.match(date.message, /required/);
});

test('a title that is not text says what it got', () => {
  const problem = onlyProblem({ title: 42, date: DATE });
  assert.equal(problem.field, 'title');
  assert.match(problem.message, /found 42/);
});

test('a wrong date names the field, the expected form and what was found', () => {
  for (const bad of ['yesterday', '2024-03-27', '2024-03-27T10:15:00', '2024-13-01T00:00:00Z']) {
    const problem = onlyProblem({ title: 'x', date: bad });
    assert.equal(problem.field, 'date');
    assert.equal(
      problem.message,
      `expected an ISO 8601 date with offset or Z (2024-03-27T10:15:00Z), found ${JSON.stringify(bad)}`,
    );
  }
  const updated = onlyProblem({ title: 'x', date: DATE, updated: 'soon' });
  assert.equal(updated.field, 'updated');
  assert.match(updated.message, /found "soon"/);
});

test('a date that is not a string says what was expected', {
}, () => {
  const problem = onlyProblem({ title: 'x', date: 20240327 });
  assert.equal(problem.field, 'date');
  assert.match(problem.message, /ISO 8601/);
  assert.match(problem.message, /20240327/);
});

test('an invalid Date object is reported as a problem, not thrown', {
}, () => {
  let result: ReturnType<typeof validatePost> | undefined;
  assert.doesNotThrow(() => {
    result = validatePost({ title: 'x', date: new Date('not a date') });
  });
  assert.equal(result?.ok, false);
  assert.equal(result?.ok === false ? result.problems[0]?.field : undefined, 'date');
});

test('categories that are not a list', () => {
  assert.deepEqual(onlyProblem({ title: 'x', date: DATE, categories: 'Health News' }), {
    field: 'categories',
    message: 'expected array, received string, found "Health News"',
  });
  const empty = onlyProblem({ title: 'x', date: DATE, categories: ['Health News', ''] });
  assert.equal(empty.field, 'categories.1');
  assert.match(empty.message, /non-empty text, found ""/);
  assert.equal(onlyProblem({ title: 'x', date: DATE, tags: { a: 1 } }).message.endsWith('found a mapping'), true);
});

test('source.url must be http(s): javascript: is refused', () => {
  const problem = onlyProblem({ title: 'x', date: DATE, source: { name: 'S', url: 'javascript:alert(1)' } });
  assert.equal(problem.field, 'source.url');
  assert.match(problem.message, /expected an absolute http\(s\) URL/);
  for (const url of ['ftp://x.example/a', '/relative', 'tolonews.com/x', 'data:text/html,hi']) {
    assert.equal(onlyProblem({ title: 'x', date: DATE, source: { name: 'S', url } }).field, 'source.url', url);
  }
  const missing = onlyProblem({ title: 'x', date: DATE, source: { name: 'S' } });
  assert.equal(missing.field, 'source.url');
  assert.match(missing.message, /required/);
});

test('source.home: optional, a boolean (true: the url is the outlet\'s home page, the item had no link)', () => {
  const base = { name: 'S', url: 'https://s.example/', id: 'hash:1', feed: 's' };
  const post = validatePost({ title: 'x', date: DATE, source: { ...base, home: true } });
  assert.ok(post.ok && post.value.source?.home === true);
  const without = validatePost({ title: 'x', date: DATE, source: base });
  assert.ok(without.ok && without.value.source?.home === undefined, 'posts without it stay valid');
  const problem = onlyProblem({ title: 'x', date: DATE, source: { ...base, home: 'yes' } });
  assert.equal(problem.field, 'source.home');
});

test('source.url and video problems show what was found', {
}, () => {
  const source = onlyProblem({ title: 'x', date: DATE, source: { name: 'S', url: 'javascript:alert(1)' } });
  assert.match(source.message, /javascript:alert\(1\)/);
  const video = onlyProblem({ title: 'x', date: DATE, video: 'ftp://x.example/v.mp4' });
  assert.match(video.message, /ftp:\/\/x\.example\/v\.mp4/);
});

test('video must be an http(s) URL', () => {
  const problem = onlyProblem({ title: 'x', date: DATE, video: 'ftp://x.example/v.mp4' });
  assert.equal(problem.field, 'video');
  assert.match(problem.message, /http\(s\) URL/);
  assert.equal(onlyProblem({ title: 'x', date: DATE, video: 'javascript:alert(1)' }).field, 'video');
  assert.ok(validatePost({ title: 'x', date: DATE, video: 'http://youtu.be/dQw4w9WgXcQ' }).ok);
});

test('slug must be lower-case words joined by "-"', () => {
  assert.deepEqual(onlyProblem({ title: 'x', date: DATE, slug: 'Hello-World' }), {
    field: 'slug',
    message: 'expected a slug: lower-case words joined by "-" (e.g. measles-outbreak), found "Hello-World"',
  });
  assert.match(onlyProblem({ title: 'x', date: DATE, slug: 'hello world' }).message, /found "hello world"/);
  assert.equal(onlyProblem({ title: 'x', date: DATE, slug: '../etc' }).field, 'slug');
  assert.ok(validatePost({ title: 'x', date: DATE, slug: 'کابل-علی' }).ok);
});

test('lang must be a BCP 47 tag', () => {
  assert.deepEqual(onlyProblem({ title: 'x', date: DATE, lang: 'english!' }), {
    field: 'lang',
    message: 'expected a BCP 47 language tag such as en, fa or ps, found "english!"',
  });
  for (const ok of ['en', 'fa', 'ps', 'fa-AF', 'prs']) assert.ok(validatePost({ title: 'x', date: DATE, lang: ok }).ok, ok);
});

test('draft must be a boolean (YAML 1.2 "yes" is a string)', () => {
  const problem = onlyProblem({ title: 'x', date: DATE, draft: 'yes' });
  assert.equal(problem.field, 'draft');
  assert.match(problem.message, /found "yes"/);
  assert.equal(postSchema.parse({ title: 'x', date: DATE, draft: true }).draft, true);
});

test('aliases must be site-relative URLs', () => {
  const problem = onlyProblem({ title: 'x', date: DATE, aliases: ['/ok/', 'no-slash'] });
  assert.equal(problem.field, 'aliases.1');
  assert.match(problem.message, /starting with "\/".*found "no-slash"/);
  assert.deepEqual(postSchema.parse({ title: 'x', date: DATE, aliases: ['/?p=123'] }).aliases, ['/?p=123']);
});

test("Eleventy's own keys and any other unknown key are refused as unknown fields", () => {
  const problems = problemsOfPost({ title: 'x', date: DATE, permalink: '/evil/', layout: 'x.njk', eleventyComputed: {} });
  assert.deepEqual(
    problems.map((p) => p.field).sort(),
    ['eleventyComputed', 'layout', 'permalink'],
  );
  for (const p of problems) assert.match(p.message, /^unknown field/);
  const nested = onlyProblem({ title: 'x', date: DATE, source: { name: 'S', url: 'https://x.example/', extra: 1 } });
  assert.equal(nested.field, 'source.extra');
  assert.match(nested.message, /^unknown field/);
});

test('every problem in a file is reported, not just the first', () => {
  const problems = problemsOfPost({ title: '', date: 'x', lang: 'english!', slug: 'A B', layout: 'y' });
  assert.deepEqual(problems.map((p) => p.field).sort(), ['date', 'lang', 'layout', 'slug', 'title']);
});

test('front matter that is not a mapping is a problem of the whole file', () => {
  assert.deepEqual(problemsOfPost(null).map((p) => p.field), ['']);
  assert.match(problemsOfPost(['a']).map((p) => p.message).join(), /found a list/);
});

test('pages: a title is enough; defaults apply', () => {
  assert.deepEqual(pageSchema.parse({ title: 'About' }), { title: 'About', draft: false, aliases: [] });
  const result = validatePage({ title: 'Links', slug: 'links', lang: 'fa', description: 'd', updated: DATE });
  assert.ok(result.ok);
  assert.equal(result.value.updated?.toISOString(), '2024-03-27T10:15:00.000Z');
});

test('pages: missing title, bad slug, post-only and Eleventy keys are problems', () => {
  const missing = validatePage({});
  assert.equal(missing.ok, false);
  assert.deepEqual(missing.ok ? [] : missing.problems.map((p) => p.field), ['title']);
  assert.match(missing.ok ? '' : missing.problems[0]!.message, /required/);

  const bad = validatePage({ title: 'About', slug: 'About Us', date: DATE, permalink: '/x/' });
  assert.equal(bad.ok, false);
  const problems = bad.ok ? [] : bad.problems;
  assert.deepEqual(problems.map((p) => p.field).sort(), ['date', 'permalink', 'slug']);
  assert.match(problems.find((p) => p.field === 'slug')!.message, /found "About Us"/);
  assert.match(problems.find((p) => p.field === 'date')!.message, /^unknown field/);
});

test('text that is not valid Unicode (a lone surrogate) is refused in any field, with the field', () => {
  const base = { title: 'T', date: '2024-03-27T10:15:00Z' };
  const fields = (data: Record<string, unknown>) => {
    const result = validatePost(data);
    assert.equal(result.ok, false, JSON.stringify(data));
    return result.ok ? [] : result.problems.map((p) => p.field);
  };
  assert.deepEqual(fields({ ...base, title: 'Lone \uD800 surrogate' }), ['title']);
  assert.deepEqual(fields({ ...base, tags: ['ok', 'bad \uDC00'] }), ['tags.1']);
  assert.deepEqual(fields({ ...base, source: { name: 'S\uDBFF', url: 'https://e.example/' } }), ['source.name']);
  assert.match(validatePage({ title: 'x\uD800' }).ok ? '' : 'refused', /refused/);
  // A pair is one character, not a lone surrogate.
  assert.equal(validatePost({ ...base, title: 'An emoji \uD83D\uDCF0 is fine' }).ok, true);
});
