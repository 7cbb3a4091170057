/**
 * The build says how big the site is and warns, naming the host, past a host's limit
 * (issue 16, Deploy).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployWarnings, describeSize, outputSize } from '../../../src/site/write/output-size.ts';
import { buildSite, makeContent } from '../../helpers/site-fixture.ts';

test('outputSize counts every file and sums their sizes, a link as itself', () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-size-'));
  try {
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), 'x'.repeat(1000));
    writeFileSync(join(dir, 'a', 'b', 'page.html'), 'y'.repeat(234));
    symlinkSync('/etc', join(dir, 'a', 'link'));
    const size = outputSize(dir);
    assert.equal(size.files, 3);
    assert.ok(size.bytes >= 1234 && size.bytes < 1300, String(size.bytes));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('deployWarnings names each limit passed, and none below them', () => {
  assert.deepEqual(deployWarnings({ bytes: 999_000_000, files: 20_000 }), []);
  const both = deployWarnings({ bytes: 1_200_000_000, files: 20_001 });
  assert.equal(both.length, 2);
  assert.match(both[0]!, /1,200 MB, over the limit of GitHub Pages \(a published site of at most 1 GB\)/);
  assert.match(both[1]!, /20,001 files, over the limit of Cloudflare Pages' free plan \(at most 20,000 files\)/);
  assert.equal(describeSize({ bytes: 56_700_000, files: 1234 }), '1,234 files, 56.7 MB');
});

test('the build prints the size of what it wrote', () => {
  const content = makeContent([]);
  const built = buildSite(content, { KHABAR_NOW: '2024-04-01T12:00:00Z' });
  try {
    assert.equal(built.status, 0, built.stderr);
    const size = outputSize(built.output);
    assert.ok(size.files > 10);
    assert.match(built.stdout, new RegExp(`The site: ${describeSize(size).replace(/\./g, '\\.')}`));
    assert.doesNotMatch(built.stderr, /over the limit/);
  } finally {
    rmSync(content, { recursive: true, force: true });
    rmSync(built.output, { recursive: true, force: true });
  }
});
