import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatorJobs, readGenerator, writePages } from '../../../src/site/write/page-writer.ts';
import { createLayoutReader, createRenderer } from '../../../src/site/render/renderer.ts';
import type { PageGenerator } from '../../../src/site/write/types.ts';

test('readGenerator: paged generators are Khabar\'s, single pages are Eleventy\'s', () => {
  const paged = '---\npagination:\n  data: collections.khabarLists\n  size: 1\n  alias: list\nlayout: layouts/base.njk\n---\n<h1>{{ list.title }}</h1>\n';
  assert.deepEqual(readGenerator('generators/lists.njk', paged), {
    template: 'generators/lists.njk',
    collection: 'khabarLists',
    alias: 'list',
  });
  assert.equal(readGenerator('generators/404.njk', '---\npermalink: 404.html\n---\nNot found'), null);
  assert.equal(readGenerator('generators/x.njk', 'no front matter'), null);
  assert.throws(
    () => readGenerator('generators/bad.njk', '---\npagination:\n  data: collections.khabarLists\n  size: 10\n  alias: list\n---\n'),
    /one item at a time/,
  );
  assert.throws(() => readGenerator('generators/bad.njk', '---\npagination:\n  data: posts\n  alias: p\n---\n'), /collections\.khabar/);
});

test('writePages renders each item through its template and layout, escaped, and writes it at its URL', async () => {
  const templates = mkdtempSync(join(tmpdir(), 'khabar-templates-'));
  mkdirSync(join(templates, 'generators'));
  mkdirSync(join(templates, 'layouts'));
  writeFileSync(join(templates, 'generators', 'items.njk'), '---\npagination:\n  data: collections.khabarItems\n  size: 1\n  alias: item\nlayout: layouts/base.njk\n---\n<h1>{{ item.title | shout }}</h1>');
  writeFileSync(join(templates, 'generators', 'feed.njk'), '---\npagination:\n  data: collections.khabarFeeds\n  size: 1\n  alias: feed\n---\n<feed>{{ feed.title }}</feed>');
  writeFileSync(join(templates, 'layouts', 'base.njk'), '<html data-url="{{ page.url }}" data-site="{{ site.name }}">{{ content | safe }}</html>');
  const generators = ['items.njk', 'feed.njk'].map((name) =>
    readGenerator(`generators/${name}`, readFileSync(join(templates, 'generators', name), 'utf8'))!,
  );
  const out = mkdtempSync(join(tmpdir(), 'khabar-out-'));
  const items = Array.from({ length: 40 }, (_, i) => ({ url: i === 0 ? '/' : `/list/page/${i + 1}/`, title: `<b>Page ${i + 1}</b>` }));
  const jobs = generatorJobs(generators, { khabarItems: items, khabarFeeds: [{ url: '/feed.xml', title: 'A & B' } as { url: string }] });
  const written = await writePages(jobs, {
    render: createRenderer(templates, { shout: ((s: string) => s.toUpperCase()) as never }),
    layoutOf: createLayoutReader(templates),
    outputDir: out,
    globals: { site: { name: 'Khabar & Co' } },
  });
  assert.equal(written, 41);
  assert.equal(
    readFileSync(join(out, 'index.html'), 'utf8'),
    '<html data-url="/" data-site="Khabar &amp; Co"><h1>&lt;B&gt;PAGE 1&lt;/B&gt;</h1></html>',
  );
  assert.match(readFileSync(join(out, 'list/page/40/index.html'), 'utf8'), /PAGE 40/);
  assert.equal(readFileSync(join(out, 'feed.xml'), 'utf8'), '<feed>A &amp; B</feed>');
});

/** A generator of one page per item of `collections.khabarItems`, with `body` as its template, and an empty output folder. */
function itemsGenerator(body: string): { templates: string; generator: PageGenerator; out: string } {
  const templates = mkdtempSync(join(tmpdir(), 'khabar-templates-'));
  mkdirSync(join(templates, 'generators'));
  writeFileSync(join(templates, 'generators', 'items.njk'), `---\npagination:\n  data: collections.khabarItems\n  size: 1\n  alias: item\n---\n${body}`);
  const generator = readGenerator('generators/items.njk', readFileSync(join(templates, 'generators', 'items.njk'), 'utf8'))!;
  return { templates, generator, out: mkdtempSync(join(tmpdir(), 'khabar-out-')) };
}

test('writePages lets the event loop run while it renders (search workers are handed their next shard meanwhile)', async () => {
  const { templates, generator, out } = itemsGenerator('{{ item.title | slow }}');
  const items = Array.from({ length: 20 }, (_, i) => ({ url: `/p/${i}/`, title: `Page ${i}` }));
  // Each page takes 5 ms to render: 100 ms in all, without an await that reaches the event loop.
  let rendered = 0;
  const slow = (s: string): string => {
    rendered++;
    const until = performance.now() + 5;
    while (performance.now() < until);
    return s;
  };
  let renderedWhenCalled = -1;
  setImmediate(() => {
    renderedWhenCalled = rendered;
  });
  const written = await writePages(generatorJobs([generator], { khabarItems: items }), {
    render: createRenderer(templates, { slow: slow as never }),
    layoutOf: createLayoutReader(templates),
    outputDir: out,
    globals: {},
  });
  assert.equal(written, 20);
  assert.ok(renderedWhenCalled > 0 && renderedWhenCalled < 20, `the event loop ran after ${renderedWhenCalled} of 20 pages`);
  assert.ok(items.every((item) => existsSync(join(out, item.url, 'index.html'))), 'every page written when writePages is done');
});

test('a page whose file cannot be written fails the build naming the page', async () => {
  const { templates, generator, out } = itemsGenerator('{{ item.title }}');
  // A file where the page's folder should be.
  writeFileSync(join(out, 'blocked'), 'not a folder');
  const items = [{ url: '/fine/', title: 'Fine' }, { url: '/blocked/page/', title: 'Blocked' }, { url: '/after/', title: 'After' }];
  await assert.rejects(
    writePages(generatorJobs([generator], { khabarItems: items }), { render: createRenderer(templates, {}), layoutOf: createLayoutReader(templates), outputDir: out, globals: {} }),
    (error: Error) => error.name === 'PageWriteError' && /could not write \/blocked\/page\/ \(generators\/items\.njk\): .*(ENOTDIR|EEXIST)/.test(error.message),
  );
});
