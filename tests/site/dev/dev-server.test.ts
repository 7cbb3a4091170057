/**
 * The dev server (src/site/dev/): started for real on 127.0.0.1, on content in a temporary
 * folder; its pages are compared with what `npm run build` writes for the same content, and
 * edits are made to the files and the served pages polled until they show them.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSettings } from '../../../src/model/settings.ts';
import { stringifyFrontMatter } from '../../../src/model/front-matter.ts';
import { startDevServer, type DevServer } from '../../../src/site/dev/dev-server.ts';
import { OUTPUT_MARKER } from '../../../src/site/write/output-dir.ts';
import { buildSite, digestTree, makeContent, readPage, repoRoot } from '../../helpers/site-fixture.ts';

const NOW = '2026-12-01T12:00:00Z';

/** The served page without the dev server's injected script (and search notice). */
function withoutDevScript(body: Buffer): Buffer {
  const text = body.toString('latin1');
  const at = text.lastIndexOf('<script type="module" data-khabar-dev>');
  if (at === -1) return body;
  const notice = text.lastIndexOf('<p id="khabar-dev-search"', at);
  const from = notice === -1 ? at : notice;
  const end = text.indexOf('</script>\n', at) + '</script>\n'.length;
  return Buffer.concat([body.subarray(0, from), body.subarray(end)]);
}

async function get(server: DevServer, url: string): Promise<{ status: number; body: Buffer; type: string }> {
  let response: Response;
  try {
    response = await fetch(new URL(url, server.url), { redirect: 'manual' });
  } catch {
    // The server runs in this process: while a build (spawnSync) blocks it, its keep-alive
    // timeout passes, and the idle connection fetch reuses next may be closed under it. Once more,
    // on a new connection.
    response = await fetch(new URL(url, server.url), { redirect: 'manual', headers: { Connection: 'close' } });
  }
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()), type: response.headers.get('content-type') ?? '' };
}

/** Polls `url` until `done` holds of it (the watcher sees a change some milliseconds after the write). */
async function until(server: DevServer, url: string, done: (page: { status: number; text: string }) => boolean): Promise<string> {
  let last = { status: 0, text: '' };
  // A bound for a stuck server, not a timing assertion: the machine may be busy.
  const end = Date.now() + 120_000;
  while (Date.now() < end) {
    const page = await get(server, url);
    last = { status: page.status, text: page.body.toString('utf8') };
    if (done(last)) return last.text;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${url} never changed as expected (status ${last.status}):\n${last.text.slice(0, 2000)}`);
}

async function start(contentDir: string, templatesDir?: string): Promise<DevServer> {
  const settings = readSettings({ KHABAR_CONTENT: contentDir, KHABAR_NOW: NOW, KHABAR_SEARCH_WORKERS: '0' });
  return startDevServer({ settings, port: 0, root: repoRoot, ...(templatesDir === undefined ? {} : { templatesDir }), log: () => {} });
}

/** Asserts that the dev server serves `url` exactly as the build at `output` wrote it. */
async function assertSameAsBuild(server: DevServer, output: string, url: string): Promise<void> {
  const file = join(output, decodeURI(url), url.endsWith('/') ? 'index.html' : '');
  const served = await get(server, url);
  assert.equal(served.status, 200, url);
  assert.ok(withoutDevScript(served.body).equals(readFileSync(file)), `${url} differs from the build's ${file}`);
}

describe('the dev server serves what the build writes', () => {
  let content: string;
  let server: DevServer;
  let output: string;
  before(async () => {
    // The sample content without its draft: drafts are the dev server's only difference.
    content = mkdtempSync(join(tmpdir(), 'khabar-dev-'));
    cpSync(join(repoRoot, 'content'), content, { recursive: true });
    unlinkSync(join(content, 'posts/2026/11/salang-pass-winter-closures-what-travellers-should-know.md'));
    const build = buildSite(content, { KHABAR_NOW: NOW });
    assert.equal(build.status, 0, build.stderr);
    output = build.output;
    server = await start(content);
  });
  after(async () => {
    await server.close();
    rmSync(content, { recursive: true, force: true });
    rmSync(output, { recursive: true, force: true });
  });

  test('every page, feed, sitemap and asset of the build, byte for byte', async () => {
    // Not the search index (the dev server makes its own), nor the marker every build leaves in
    // its output folder (write/output-dir.ts), which is no page.
    const files = [...digestTree(output).keys()].filter((path) => !path.startsWith('pagefind/') && path !== OUTPUT_MARKER);
    assert.ok(files.length > 100, `only ${files.length} files`);
    const differing: string[] = [];
    for (const path of files) {
      const url = `/${path.endsWith('index.html') ? path.slice(0, -'index.html'.length) : path}`;
      const served = await get(server, encodeURI(url));
      if (served.status !== 200 || !withoutDevScript(served.body).equals(readFileSync(join(output, path)))) differing.push(`${url} (${served.status})`);
    }
    assert.deepEqual(differing, []);
  });

  test('HTML pages get the live-reload script, other files do not', async () => {
    const home = await get(server, '/');
    assert.match(home.type, /^text\/html/);
    assert.match(home.body.toString(), /new EventSource\("\/__khabar\/events"\)/);
    const feed = await get(server, '/feed.xml');
    assert.doesNotMatch(feed.body.toString(), /khabar-dev/);
    assert.match(feed.type, /xml/);
  });

  test('an unknown URL gets the 404 page with status 404; a folder without its slash is redirected', async () => {
    const missing = await get(server, '/no/such/page/');
    assert.equal(missing.status, 404);
    assert.ok(withoutDevScript(missing.body).equals(readFileSync(join(output, '404.html'))));
    const folder = await get(server, '/about');
    assert.equal(folder.status, 301);
    assert.equal((await get(server, '/../package.json')).status, 404);
    assert.equal((await get(server, '/assets/../../package.json')).status, 404);
  });

  test('search: the index is made in the background and served at /pagefind/', async () => {
    const status = async (): Promise<{ search: { current: boolean } }> => JSON.parse((await get(server, '/__khabar/status')).body.toString()) as { search: { current: boolean } };
    for (const end = Date.now() + 120_000; Date.now() < end && !(await status()).search.current; ) await new Promise((resolve) => setTimeout(resolve, 25));
    assert.equal((await status()).search.current, true);
    const entry = JSON.parse((await get(server, '/pagefind/pagefind-entry.json')).body.toString()) as { languages: Record<string, { page_count: number }> };
    const built = JSON.parse(readFileSync(join(output, 'pagefind/pagefind-entry.json'), 'utf8')) as typeof entry;
    assert.deepEqual(
      Object.fromEntries(Object.entries(entry.languages).map(([lang, { page_count }]) => [lang, page_count])),
      Object.fromEntries(Object.entries(built.languages).map(([lang, { page_count }]) => [lang, page_count])),
    );
    // Up to date: the search page has no notice.
    assert.doesNotMatch((await get(server, '/search/')).body.toString(), /id="khabar-dev-search"/);
  });
});

describe('the dev server shows each kind of change as the build would', () => {
  const post = (title: string, day: string, categories: string[], body: string, extra: Record<string, unknown> = {}): string =>
    stringifyFrontMatter({ title, date: new Date(`2026-11-${day}T08:00:00Z`), categories, tags: [], ...extra }, body);
  let content: string;
  let templates: string;
  let server: DevServer;
  const outputs: string[] = [];
  const build = (): string => {
    const result = buildSite(content, { KHABAR_NOW: NOW });
    assert.equal(result.status, 0, result.stderr);
    outputs.push(result.output);
    return result.output;
  };

  before(async () => {
    content = makeContent([]);
    mkdirSync(join(content, 'posts/2026/11'), { recursive: true });
    const write = (name: string, text: string): void => writeFileSync(join(content, 'posts/2026/11', `${name}.md`), text);
    write('alpha', post('Alpha story', '10', ['Political News'], 'The first body.'));
    write('beta', post('Beta story', '11', ['Political News'], 'The second body.'));
    write('gamma', post('Gamma story', '12', ['Health News'], 'The third body.'));
    templates = mkdtempSync(join(tmpdir(), 'khabar-dev-templates-'));
    cpSync(join(repoRoot, 'templates'), templates, { recursive: true });
    server = await start(content, templates);
  });
  after(async () => {
    await server.close();
    for (const dir of [content, templates, ...outputs]) rmSync(dir, { recursive: true, force: true });
  });

  const alpha = '/2026/11/10/alpha-story/';
  const edit = (name: string, text: string): void => writeFileSync(join(content, 'posts/2026/11', `${name}.md`), text);

  test('an edit to a post body', async () => {
    assert.match((await get(server, alpha)).body.toString(), /The first body\./);
    // The feed and the home page's excerpt rendered before the edit: both show the body, so the edit must reach them.
    assert.match((await get(server, '/feed.xml')).body.toString(), /The first body\./);
    assert.match((await get(server, '/')).body.toString(), /The first body\./);
    edit('alpha', post('Alpha story', '10', ['Political News'], 'A corrected first body.'));
    await until(server, alpha, ({ text }) => text.includes('A corrected first body.'));
    const output = build();
    for (const url of [alpha, '/', '/feed.xml', '/2026/11/11/beta-story/']) await assertSameAsBuild(server, output, url);
  });

  test('an edit to a title alone: the post entry rewritten in place reaches lists, neighbours, sidebar and feeds', async () => {
    // Rendered before the edit, so what each kept before must be made again.
    for (const url of ['/', '/feed.xml', '/category/political-news/', '/2026/11/11/beta-story/', '/2026/11/']) assert.match((await get(server, url)).body.toString(), /Alpha story/);
    edit('alpha', post('Alpha story retitled', '10', ['Political News'], 'A corrected first body.', { slug: 'alpha-story', author: 'A New Author' }));
    await until(server, '/', ({ text }) => text.includes('Alpha story retitled'));
    const output = build();
    for (const url of [alpha, '/', '/feed.xml', '/category/political-news/', '/category/political-news/feed.xml', '/2026/11/11/beta-story/', '/2026/11/', '/2026/11/12/gamma-story/', '/sitemap.xml']) {
      await assertSameAsBuild(server, output, url);
    }
  });

  test('an edit to a title and categories changes lists and sidebars', async () => {
    edit('alpha', post('Alpha story renamed', '10', ['Health News'], 'A corrected first body.', { slug: 'alpha-story' }));
    await until(server, '/category/health-news/', ({ text }) => text.includes('Alpha story renamed'));
    const output = build();
    for (const url of [alpha, '/', '/category/health-news/', '/category/political-news/', '/2026/11/12/gamma-story/', '/sitemap.xml']) {
      await assertSameAsBuild(server, output, url);
    }
  });

  test('a new post, then a deleted one', async () => {
    edit('delta', post('Delta story', '13', ['Security'], 'A new body.'));
    await until(server, '/', ({ text }) => text.includes('Delta story'));
    let output = build();
    for (const url of ['/', '/2026/11/13/delta-story/', '/category/security/', '/2026/11/12/gamma-story/']) await assertSameAsBuild(server, output, url);

    unlinkSync(join(content, 'posts/2026/11/beta.md'));
    await until(server, '/2026/11/11/beta-story/', ({ status }) => status === 404);
    output = build();
    for (const url of ['/', alpha, '/2026/11/12/gamma-story/', '/2026/11/', '/404.html']) await assertSameAsBuild(server, output, url);
    // Its category has no post left: no list, in the build or here.
    assert.equal((await get(server, '/category/political-news/')).status, 404);
    assert.equal(readPage(output, '/category/political-news/'), null);
  });

  test('a change to site.yaml', async () => {
    const file = join(content, '_data/site.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^name: .*$/m, 'name: Khabar Dev Test'));
    await until(server, '/', ({ text }) => text.includes('Khabar Dev Test'));
    const output = build();
    for (const url of ['/', alpha, '/feed.xml', '/search/', '/robots.txt']) await assertSameAsBuild(server, output, url);
  });

  test('a change to a template', async () => {
    const file = join(templates, 'layouts/post.njk');
    writeFileSync(file, readFileSync(file, 'utf8').replace('<div class="post-body">', '<div class="post-body" data-edited>'));
    await until(server, alpha, ({ text }) => text.includes('data-edited'));
    assert.doesNotMatch((await get(server, '/')).body.toString(), /data-edited/);
  });

  test('a draft is shown with its badge', async () => {
    edit('draft', post('Draft story', '14', ['Security'], 'Not yet.', { draft: true }));
    const page = await until(server, '/2026/11/14/draft-story/', ({ status }) => status === 200);
    assert.match(page, /<p class="badge">Draft<\/p>/);
    assert.match(await until(server, '/', ({ text }) => text.includes('Draft story')), /Draft story/);
  });

  test('broken content shows its problems, and the site comes back when they are fixed', async () => {
    edit('gamma', post('Gamma story', '12', ['No Such Category'], 'The third body.'));
    const broken = await until(server, '/', ({ status }) => status === 500);
    assert.match(broken, /unknown category &quot;No Such Category&quot;/);
    edit('gamma', post('Gamma story', '12', ['Health News'], 'The third body.'));
    await until(server, '/', ({ status }) => status === 200);
  });
});
