/**
 * The writers' own check of every output path (issue 17, finding 5): whatever a slug, alias
 * or URL says, no file is written outside the output folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outputFile, OutputPathError } from '../../../src/site/write/output-path.ts';
import { writePages } from '../../../src/site/write/page-writer.ts';

test('outputFile: a site path is a file inside the output folder', () => {
  assert.equal(outputFile('/srv/site', '/2024/03/27/x/index.html'), '/srv/site/2024/03/27/x/index.html');
  assert.equal(outputFile('/srv/site', 'feed.xml'), '/srv/site/feed.xml');
  assert.equal(outputFile('/srv/site', '/خبر/index.html'), '/srv/site/خبر/index.html');
});

test('outputFile refuses "..", ".", empty segments, NUL, backslashes and drive paths', () => {
  for (const bad of ['/../../../x/escaped/index.html', '/a/../../b.html', '../x.html', '/a/./b.html', '/a//b.html', '/a\0.html', '/a\\..\\..\\b.html', 'C:/x.html', '/', '', '/a/']) {
    assert.throws(() => outputFile('/srv/site', bad), OutputPathError, JSON.stringify(bad));
  }
});

test('writePages refuses a page whose URL leaves the output folder, and writes nothing outside it', async () => {
  const root = mkdtempSync(join(tmpdir(), 'khabar-escape-'));
  const output = join(root, 'site');
  mkdirSync(output);
  const jobs = [{ url: '/../../x/escaped/', template: 't.njk', data: {} }];
  await assert.rejects(
    writePages(jobs, { render: () => 'page', layoutOf: () => undefined, outputDir: output, globals: {} }),
    /could not write \/\.\.\/\.\.\/x\/escaped\/ \(t\.njk\): refusing to write .*"\.\." segment/,
  );
  assert.deepEqual(readdirSync(root), ['site']);
  assert.equal(existsSync(join(root, '..', 'x')), false);
});

test('a page that fails to render names the content file it is made from', async () => {
  const output = mkdtempSync(join(tmpdir(), 'khabar-fail-'));
  const jobs = [
    { url: '/fine/', template: 't.njk', data: { ok: true }, source: 'content/pages/fine.md hash1' },
    { url: '/2024/03/27/bad/', template: 'layouts/post.njk', data: { ok: false }, source: 'content/posts/2024/03/bad.md hash2' },
  ];
  const render = (_template: string, context: object): string => {
    if ((context as { ok?: boolean }).ok !== true) throw new Error('cannot render this');
    return 'page';
  };
  await assert.rejects(
    writePages(jobs, { render, layoutOf: () => undefined, outputDir: output, globals: {} }),
    { name: 'PageWriteError', message: 'content/posts/2024/03/bad.md: could not write /2024/03/27/bad/ (layouts/post.njk): cannot render this' },
  );
});
