/**
 * The `aliases:` front matter field: redirect pages, the `_redirects` file, and the content
 * check that refuses aliases which are not clean paths or collide with a page or another alias.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAlias, redirectField } from '../../../src/site/machine/aliases.ts';
import { allPageUrls, buildSite, makeContent, mustReadPage, repoRoot, type FixtureFile } from '../../helpers/site-fixture.ts';

const NOW = '2024-06-01T00:00:00Z';
const SITE = 'https://khabar.example.org';
const TARGET = '/2024/03/27/measles-outbreak/';

function post(path: string, data: Record<string, unknown>, body = 'Body text.'): FixtureFile {
  return { path: `posts/${path}.md`, data, body };
}

const measles = post('2024/03/measles', {
  title: 'Measles outbreak & <the> response',
  slug: 'measles-outbreak',
  date: '2024-03-27T10:15:00Z',
  categories: ['Health News'],
  aliases: ['/old-slug/', '/?p=123', '/index.php?p=123&lang=en', '/2019/05/03/measles/', '/archive/story.html', '/legacy.php', '/no-slash', '/خبر-قدیم/'],
});
const files = [
  measles,
  post('2024/03/other', { title: 'Other story', date: '2024-03-28T08:00:00Z', categories: ['Security'] }),
  post('2024/03/draft', { title: 'Secret draft', date: '2024-03-29T08:00:00Z', draft: true, aliases: ['/draft-old/'] }),
  post('2030/01/future', { title: 'Future story', date: '2030-01-01T08:00:00Z', aliases: ['/future-old/', '/?p=999'] }),
  { path: 'pages/about.md', data: { title: 'About', slug: 'about', aliases: ['/about-us/'] }, body: 'About this site.' },
];
const site = buildSite(makeContent(files), { KHABAR_NOW: NOW });
const out = site.output;

test('the fixture site builds', () => {
  assert.equal(site.status, 0, site.stderr);
});

test('an alias that can be a file is a redirect page: refresh, canonical, noindex and a link', () => {
  for (const alias of ['/old-slug/', '/2019/05/03/measles/', '/no-slash/', '/خبر-قدیم/']) {
    const page = mustReadPage(out, alias);
    const target = `${SITE}${TARGET}`;
    assert.equal(page.querySelector('meta[http-equiv=refresh]')?.getAttribute('content'), `0; url=${target}`, alias);
    assert.equal(page.querySelector('link[rel=canonical]')?.getAttribute('href'), target, alias);
    assert.equal(page.querySelector('meta[name=robots]')?.getAttribute('content'), 'noindex', alias);
    const link = page.querySelector('body a');
    assert.equal(link?.getAttribute('href'), target, alias);
    assert.equal(link?.text, 'Measles outbreak & <the> response', 'the title is text');
    assert.equal(page.querySelectorAll('the').length, 0);
  }
  assert.ok(existsSync(join(out, 'archive/story.html')));
  assert.match(readFileSync(join(out, 'archive/story.html'), 'utf8'), /http-equiv="refresh"/);
  assert.ok(mustReadPage(out, '/about-us/').querySelector(`link[rel=canonical][href="${SITE}/about/"]`));
});

test('aliases with a query or another extension are not files', () => {
  assert.ok(!existsSync(join(out, 'legacy.php')));
  assert.ok(!existsSync(join(out, 'index.php')));
  // The home page is still the home page.
  assert.ok(!mustReadPage(out, '/').toString().includes('http-equiv'));
});

test('_redirects has one 301 line per alias of what is published', () => {
  const lines = readFileSync(join(out, '_redirects'), 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'));
  assert.deepEqual(lines, [
    `/old-slug/ ${TARGET} 301`,
    `/ p=123 ${TARGET} 301`,
    `/index.php p=123 lang=en ${TARGET} 301`,
    `/2019/05/03/measles/ ${TARGET} 301`,
    `/archive/story.html ${TARGET} 301`,
    `/legacy.php ${TARGET} 301`,
    `/no-slash ${TARGET} 301`,
    `/${encodeURIComponent('خبر-قدیم')}/ ${TARGET} 301`,
    '/about-us/ /about/ 301',
  ]);
  for (const line of lines) assert.match(line, /^\/\S* (?:\S+=\S* )*\/\S* 301$/);
});

test('unpublished posts redirect nothing', () => {
  for (const url of ['/draft-old/', '/future-old/']) assert.ok(!allPageUrls(out).includes(url), url);
  const redirects = readFileSync(join(out, '_redirects'), 'utf8');
  assert.ok(!redirects.includes('draft-old') && !redirects.includes('future-old') && !redirects.includes('p=999'));
});

test('parseAlias: files, folders, queries and what is refused', () => {
  const file = (alias: string): string | null | undefined => {
    const parsed = parseAlias(alias);
    return parsed.ok ? parsed.value.file : undefined;
  };
  assert.equal(file('/old-slug/'), '/old-slug/index.html');
  assert.equal(file('/old-slug'), '/old-slug/index.html');
  assert.equal(file('/old/index.html'), '/old/index.html');
  assert.equal(file('/old.html'), '/old.html');
  assert.equal(file('/%D8%AE%D8%A8%D8%B1/'), '/خبر/index.html');
  assert.equal(file('/old.php'), null);
  assert.equal(file('/?p=1'), null);
  for (const bad of ['/../etc/', '/a/./b/', '/a//b/', '/%2e%2e/x/', '/a%2Fb/', '/x#frag', '/bad%zz/', '/', '/index.html', '/category/x/', '/tag/y/', '/page/2/', '/2024/', '/2024/03/27/', '/feed.xml', '/tag/y/feed.xml', '/sitemap-3.xml', '/robots.txt', '/_redirects', '/assets/style.css', '/404.html', '/404.html/', '/robots.txt/', '/pagefind/x.js', '/old.html/', '/a.htm/b/']) {
    assert.equal(parseAlias(bad).ok, false, `${bad} was accepted`);
  }
  const placeholder = parseAlias('/old:id/*');
  assert.ok(placeholder.ok && placeholder.value.path === '/old%3Aid/%2A', 'placeholders are escaped');
});

test('a colliding or unclean alias stops the build and `npm run check` with path, field and message', () => {
  const bad = makeContent([
    measles,
    post('2024/03/other', { title: 'Other story', date: '2024-03-28T08:00:00Z', aliases: ['/old-slug/', '/about/', '/category/health-news/'] }),
    post('2024/03/self', { title: 'Self', date: '2024-03-29T08:00:00Z', aliases: ['/2024/03/29/self/', '/Twice/', '/twice'] }),
    post('2024/03/sneaky', { title: 'Sneaky', date: '2024-03-30T08:00:00Z', aliases: ['/../../etc/passwd/', '/?p=123'] }),
    { path: 'pages/about.md', data: { title: 'About', slug: 'about', aliases: [TARGET] }, body: 'About.' },
  ]);
  const expected = [
    /^content-[^:]*\/pages\/about\.md:4: aliases: alias \/2024\/03\/27\/measles-outbreak\/ is the URL \/2024\/03\/27\/measles-outbreak\/ of \S+\/posts\/2024\/03\/measles\.md; an alias must not hide a page$/,
    /\/posts\/2024\/03\/other\.md:\d+: aliases: alias \/old-slug\/ is already an alias of \S+\/posts\/2024\/03\/measles\.md \(as \/old-slug\/\); keep it on one of them$/,
    /\/posts\/2024\/03\/other\.md:\d+: aliases: alias \/about\/ is the URL \/about\/ of \S+\/pages\/about\.md; an alias must not hide a page$/,
    /\/posts\/2024\/03\/other\.md:\d+: aliases: alias "\/category\/health-news\/" is a URL the site makes itself \(the category pages\)$/,
    /\/posts\/2024\/03\/self\.md:\d+: aliases: alias \/2024\/03\/29\/self\/ is this file's own URL; remove it$/,
    /\/posts\/2024\/03\/self\.md:\d+: aliases: alias \/twice is listed twice \(as \/Twice\/\)$/,
    /\/posts\/2024\/03\/sneaky\.md:\d+: aliases: alias "\/\.\.\/\.\.\/etc\/passwd\/" has a "\." or "\.\." path segment$/,
    /\/posts\/2024\/03\/sneaky\.md:\d+: aliases: alias \/\?p=123 is already an alias of \S+\/posts\/2024\/03\/measles\.md \(as \/\?p=123\); keep it on one of them$/,
  ];
  const result = buildSite(bad, { KHABAR_NOW: NOW });
  assert.equal(result.status, 1);
  const check = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check.ts'], {
    cwd: repoRoot,
    env: { ...process.env, KHABAR_CONTENT: bad },
    encoding: 'utf8',
  });
  assert.equal(check.status, 1);
  for (const [name, output] of [['build', result.stderr], ['check', check.stdout]] as const) {
    const lines = output.split('\n').filter((l) => l.includes(': aliases: '));
    assert.equal(lines.length, expected.length, `${name}:\n${output}`);
    for (const pattern of expected) assert.ok(lines.some((l) => pattern.test(l.replace(/^.*?(content-)/, '$1'))), `${name}: no line matches ${pattern}:\n${output}`);
  }
  assert.equal(allPageUrls(result.output).length, 0, 'nothing was built');
});

test('an alias whose query is not name=value pairs is refused with path:line, and _redirects fields are escaped (issue 17)', () => {
  const content = makeContent([
    measles,
    post('2024/03/evil', { title: 'Evil', date: '2024-03-30T08:00:00Z', aliases: ['/?https://evil.example/&301=!', '/?p', '/?page_id=7'] }),
  ]);
  const check = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check.ts'], { cwd: repoRoot, env: { ...process.env, KHABAR_CONTENT: content }, encoding: 'utf8' });
  assert.equal(check.status, 1);
  const lines = check.stdout.split('\n').filter((l) => l.includes(': aliases: '));
  assert.equal(lines.length, 2, check.stdout);
  assert.match(lines[0]!, /\/posts\/2024\/03\/evil\.md:\d+: aliases: alias "\/\?https:\/\/evil\.example\/&301=!" has a query that is not name=value pairs/);
  assert.match(lines[1]!, /\/posts\/2024\/03\/evil\.md:\d+: aliases: alias "\/\?p" has a query that is not name=value pairs/);
  for (const good of ['/?p=123', '/?page_id=7', '/?cat=5', '/?m=200901', '/?p=1&preview=true']) assert.equal(parseAlias(good).ok, true, good);
  assert.equal(redirectField('/a b!=#\t'), '/a%20b%21%3D%23%09');
  assert.equal(redirectField('p=12 3!'), 'p=12%203%21');
  assert.equal(redirectField('/2024/03/27/x/'), '/2024/03/27/x/');
});
