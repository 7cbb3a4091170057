/**
 * content/ is data (issue 17, findings 4 and 8): a template, a data file that would run, or a
 * symbolic link in it is refused by name by `npm run check` and by the build, before
 * anything runs — and the build no longer gives Eleventy anything from content/ to run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkContentFiles } from '../../../src/site/check/content-files.ts';
import { buildSite, makeContent, repoRoot, type FixtureFile } from '../../helpers/site-fixture.ts';

const NOW = '2024-04-01T12:00:00Z';
const post: FixtureFile = {
  path: 'posts/2024/03/measles.md',
  data: { title: 'Measles cases rise', date: '2024-03-27T10:15:00Z', categories: ['Health News'] },
  body: 'Clinics report more cases. ![A clinic](/media/clinic.jpg)',
};

function check(content: string): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check.ts'], { cwd: repoRoot, env: { ...process.env, KHABAR_CONTENT: content }, encoding: 'utf8' });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

test('checkContentFiles: Markdown in posts/ and pages/, YAML in _data/, media in media/; everything else by name', () => {
  const content = makeContent([post, { path: 'pages/about.md', data: { title: 'About' }, body: 'About.' }]);
  mkdirSync(join(content, 'media', 'uploads', '2015'), { recursive: true });
  writeFileSync(join(content, 'media', 'clinic.jpg'), 'jpeg');
  writeFileSync(join(content, 'media', 'uploads', '2015', 'Report.PDF'), 'pdf');
  writeFileSync(join(content, 'posts', '.gitkeep'), '');
  assert.deepEqual(checkContentFiles(content, content), []);

  writeFileSync(join(content, 'posts', 'evil.njk'), '{{ range.constructor("return process.env.HOME")() }}');
  writeFileSync(join(content, 'posts', 'posts.11tydata.js'), 'export default {}');
  writeFileSync(join(content, '_data', 'extra.json'), '{}');
  writeFileSync(join(content, '_data', 'run.mjs'), 'export default 1');
  writeFileSync(join(content, 'media', 'page.html'), '<script></script>');
  writeFileSync(join(content, 'notes.txt'), 'notes');
  mkdirSync(join(content, 'layouts'));
  symlinkSync('../../.git/config', join(content, 'media', 'site.css'));
  symlinkSync('/etc', join(content, 'pages', 'etc'));
  const problems = checkContentFiles(content, content);
  assert.deepEqual(
    problems.map((p) => `${p.path}: ${p.message.split(';')[0]!.split(',')[0]}`),
    [
      '_data/extra.json: is not allowed in _data/',
      '_data/run.mjs: is not allowed in _data/',
      'layouts: is not a folder Khabar reads',
      'media/page.html: is not allowed in media/',
      'media/site.css: is a symbolic link',
      'notes.txt: is not read by Khabar',
      'pages/etc: is a symbolic link',
      'posts/evil.njk: is not allowed in posts/',
      'posts/posts.11tydata.js: is not allowed in posts/',
    ],
  );
});

test('a template or a data file in content/ is refused by check and build, named, and never runs', () => {
  const content = makeContent([post]);
  mkdirSync(join(content, 'media'));
  writeFileSync(join(content, 'media', 'clinic.jpg'), 'jpeg');
  const marker = join(mkdtempSync(join(tmpdir(), 'khabar-ran-')), 'ran');
  // Each would leave the marker if Eleventy ran it.
  writeFileSync(join(content, 'posts', 'evil.njk'), `---\npermalink: evil.html\n---\n{{ range.constructor("require('fs').writeFileSync('${marker}', 'njk')")() }}`);
  writeFileSync(join(content, '_data', 'evil.cjs'), `require('fs').writeFileSync(${JSON.stringify(marker)}, 'cjs'); module.exports = {};`);
  const checked = check(content);
  assert.equal(checked.status, 1);
  assert.match(checked.stdout, /_data\/evil\.cjs:1: \(file\): is not allowed in _data\//);
  assert.match(checked.stdout, /posts\/evil\.njk:1: \(file\): is not allowed in posts\//);
  const built = buildSite(content, { KHABAR_NOW: NOW });
  assert.equal(built.status, 1);
  assert.match(built.stderr, /_data\/evil\.cjs:1: \(file\): is not allowed/);
  assert.match(built.stderr, /posts\/evil\.njk:1: \(file\): is not allowed/);
  assert.deepEqual(readdirSync(built.output), [], 'nothing was built');
  assert.equal(existsSync(marker), false, 'no content file ran');
});

test('media are copied to /media/ (hidden files are not), and the single pages are still rendered', () => {
  const content = makeContent([post]);
  mkdirSync(join(content, 'media', 'photos'), { recursive: true });
  writeFileSync(join(content, 'media', 'clinic.jpg'), 'jpeg bytes');
  writeFileSync(join(content, 'media', 'photos', 'b.png'), 'png bytes');
  writeFileSync(join(content, 'media', '.DS_Store'), 'junk');
  const built = buildSite(content, { KHABAR_NOW: NOW });
  assert.equal(built.status, 0, built.stderr);
  assert.equal(readFileSync(join(built.output, 'media', 'clinic.jpg'), 'utf8'), 'jpeg bytes');
  assert.equal(readFileSync(join(built.output, 'media', 'photos', 'b.png'), 'utf8'), 'png bytes');
  assert.equal(existsSync(join(built.output, 'media', '.DS_Store')), false, 'hidden files are not published');
  assert.ok(existsSync(join(built.output, '404.html')), 'the single pages are still written');
});

test('a symbolic link under content/ is refused by check and build, and nothing is published through it', () => {
  const content = makeContent([post]);
  mkdirSync(join(content, 'media'));
  writeFileSync(join(content, 'media', 'clinic.jpg'), 'jpeg');
  const secret = join(mkdtempSync(join(tmpdir(), 'khabar-secret-')), 'config');
  writeFileSync(secret, '[remote "origin"] token');
  symlinkSync(secret, join(content, 'media', 'site.css'));
  const checked = check(content);
  assert.equal(checked.status, 1);
  assert.match(checked.stdout, /media\/site\.css:1: \(file\): is a symbolic link/);
  const built = buildSite(content, { KHABAR_NOW: NOW });
  assert.equal(built.status, 1);
  assert.match(built.stderr, /media\/site\.css:1: \(file\): is a symbolic link/);
  assert.equal(existsSync(join(built.output, 'media', 'site.css')), false);
});
