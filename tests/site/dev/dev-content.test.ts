/**
 * The dev server's content kept between changes (dev-content.ts): after each kind of change to
 * real files in a temporary folder, the state it gives is the one a full loadBuildState gives
 * for the same files (drafts shown), and a broken file is reported as the content check reports it.
 * The first load's parse workers (parse-pool.ts) give the same state as parsing in this thread.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringifyFrontMatter } from '../../../src/model/front-matter.ts';
import { readSettings } from '../../../src/model/settings.ts';
import { loadBuildState, type BuildState } from '../../../src/site/check/build-state.ts';
import { DevContent } from '../../../src/site/dev/dev-content.ts';
import { devParseCache } from '../../../src/site/dev/dev-parse-cache.ts';
import { makeContent } from '../../helpers/site-fixture.ts';

const NOW = '2026-12-01T12:00:00Z';
let content: string;
let root: string;

const post = (title: string, day: number, categories: string[], body: string, extra: Record<string, unknown> = {}): string =>
  stringifyFrontMatter({ title, date: new Date(Date.UTC(2026, 9, 1 + (day % 28), 8, day % 60)), categories, tags: [`tag ${day % 7}`], ...extra }, body);

before(() => {
  // More files than one worker batch (200), so the workers are used.
  const files = Array.from({ length: 260 }, (_, i) => ({
    path: `posts/2026/${i % 2 === 0 ? '10' : '11'}/post-${i}.md`,
    raw: post(`Post number ${i}`, i, [i % 3 === 0 ? 'Health News' : 'Political News'], `Body ${i}.\n\n[A link](/about/) and more.`),
  }));
  files.push({ path: 'pages/about.md', raw: stringifyFrontMatter({ title: 'About' }, 'About us.') });
  content = makeContent(files);
  root = join(content, '..');
});
after(() => rmSync(content, { recursive: true, force: true }));

const settings = (): ReturnType<typeof readSettings> => readSettings({ KHABAR_CONTENT: content, KHABAR_NOW: NOW });

function fullState(): BuildState {
  const state = loadBuildState(settings(), root);
  state.rules.includeDrafts = true;
  return state;
}

/** What a state says of the content, comparable with deepEqual (no functions, no cache identities). */
function summary(state: BuildState): unknown {
  return {
    site: state.site,
    categories: state.categories.all,
    rules: state.rules,
    posts: [...state.posts.entries()],
    pages: [...state.pages.entries()],
  };
}

const problemsOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return '';
};

test('each kind of change gives the state a full load gives', async () => {
  const dev = new DevContent(settings(), root, devParseCache(null));
  const inWorkers = await dev.loadInWorkers(2);
  assert.equal(inWorkers.posts.size, 260);
  assert.deepEqual(summary(inWorkers), summary(fullState()), 'the first load, parsed by workers');
  assert.deepEqual(summary(new DevContent(settings(), root, devParseCache(null)).loadAll()), summary(fullState()), 'parsed in this thread');

  const file = (name: string): string => join(content, 'posts/2026/10', name);
  const steps: [string, () => string[]][] = [
    ['a body edit', () => (writeFileSync(file('post-0.md'), post('Post number 0', 0, ['Health News'], 'A new body.')), [file('post-0.md')])],
    ['a title and categories edit', () => (writeFileSync(file('post-2.md'), post('Renamed', 2, ['Security'], 'Body 2.')), [file('post-2.md')])],
    ['a new post', () => (writeFileSync(file('new.md'), post('Brand new', 40, ['Security'], 'New.')), [file('new.md')])],
    ['a draft', () => (writeFileSync(file('draft.md'), post('A draft', 41, ['Security'], 'Soon.', { draft: true })), [file('draft.md')])],
    ['a deleted post', () => (unlinkSync(file('post-4.md')), [file('post-4.md')])],
    ['a renamed post', () => (renameSync(file('post-6.md'), file('post-6-moved.md')), [file('post-6.md'), file('post-6-moved.md')])],
    [
      'a new folder of posts',
      () => {
        mkdirSync(join(content, 'posts/2026/12'));
        writeFileSync(join(content, 'posts/2026/12/a.md'), post('In December', 45, ['Security'], 'Dec.'));
        return [join(content, 'posts/2026/12')];
      },
    ],
    ['a folder renamed', () => (renameSync(join(content, 'posts/2026/12'), join(content, 'posts/2026/09')), [join(content, 'posts/2026/12'), join(content, 'posts/2026/09')])],
    ['a folder deleted', () => (rmSync(join(content, 'posts/2026/09'), { recursive: true }), [join(content, 'posts/2026/09')])],
    ['a hidden file', () => (writeFileSync(file('.notes.md'), 'not content'), [file('.notes.md')])],
    [
      'site.yaml (a new time zone moves URLs)',
      () => {
        const path = join(content, '_data/site.yaml');
        writeFileSync(path, readFileSync(path, 'utf8').replace(/^timeZone: .*$/m, 'timeZone: America/Los_Angeles'));
        return [path];
      },
    ],
    [
      'categories.yaml',
      () => {
        const path = join(content, '_data/categories.yaml');
        writeFileSync(path, `${readFileSync(path, 'utf8').trimEnd()}\n  - name: Brand New Category\n    slug: brand-new-category\n`);
        return [path];
      },
    ],
  ];
  for (const [what, apply] of steps) {
    const state = dev.update(apply());
    assert.deepEqual(summary(state), summary(fullState()), what);
  }
});

test('a broken file is reported as the content check reports it, and the content comes back when it is fixed', () => {
  const dev = new DevContent(settings(), root, devParseCache(null));
  dev.loadAll();
  const path = join(content, 'posts/2026/10/post-8.md');
  const good = readFileSync(path, 'utf8');
  writeFileSync(path, post('Post number 8', 8, ['No Such Category'], 'Body.'));
  const twin = join(content, 'posts/2026/10/twin.md');
  writeFileSync(twin, post('Post number 10', 10, ['Security'], 'Same URL as post 10.'));
  const reported = problemsOf(() => dev.update([path, twin]));
  assert.match(reported, /unknown category "No Such Category"/);
  assert.match(reported, /is already used by/);
  assert.equal(reported, problemsOf(() => fullState()));
  writeFileSync(path, good);
  unlinkSync(twin);
  assert.deepEqual(summary(dev.update([path, twin])), summary(fullState()));
});

test('a saved Markdown file skips the folder scan, but a link, another kind of file or a data change is still found', () => {
  const dev = new DevContent(settings(), root, devParseCache(null));
  dev.loadAll();
  const dir = join(content, 'posts/2026/10');
  const path = join(dir, 'post-12.md');
  writeFileSync(path, post('Post twelve, retitled', 12, ['Security'], 'Body 12.'));
  assert.deepEqual(summary(dev.update([path])), summary(fullState()), 'a saved post');

  const link = join(dir, 'linked.md');
  symlinkSync(path, link);
  try {
    const reported = problemsOf(() => dev.update([link]));
    assert.match(reported, /linked\.md:1: \(file\): is a symbolic link/);
    assert.equal(reported, problemsOf(() => fullState()));
  } finally {
    unlinkSync(link);
  }
  assert.deepEqual(summary(dev.update([link])), summary(fullState()), 'the link gone');

  const notes = join(dir, 'notes.txt');
  writeFileSync(notes, 'not content');
  try {
    assert.match(problemsOf(() => dev.update([notes])), /notes\.txt:1: \(file\): is not allowed in posts\//);
  } finally {
    unlinkSync(notes);
  }
  assert.deepEqual(summary(dev.update([notes])), summary(fullState()), 'the notes gone');

  const siteFile = join(content, '_data/site.yaml');
  const original = readFileSync(siteFile, 'utf8');
  writeFileSync(siteFile, original.replace(/^name: .*$/m, 'name: A Renamed Site'));
  try {
    const state = dev.update([siteFile]);
    assert.equal(state.site.name, 'A Renamed Site');
    assert.deepEqual(summary(state), summary(fullState()), 'site.yaml');
    writeFileSync(path, post('Post twelve, again', 12, ['Security'], 'Body 12.'));
    assert.equal(dev.update([path]).site.name, 'A Renamed Site', 'the data read last is kept');
    assert.deepEqual(summary(dev.update([path])), summary(fullState()));
  } finally {
    writeFileSync(siteFile, original);
    dev.update([siteFile]);
  }
});
