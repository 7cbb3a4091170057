/**
 * Links: no broken internal link or #fragment anywhere in the built fixture site.
 *
 * 1. linkinator crawls the site as served on 127.0.0.1 (the helpers' static server, which
 *    answers a miss with /404.html and status 404), from every HTML page, recursively, with
 *    fragment and CSS checks; the site's own absolute URLs (https://khabar.example.org/…:
 *    canonical links, feed links) are rewritten to the local server so they are checked too.
 *    Other hosts are skipped (the machine has no network, and they are not the site's).
 * 2. Independently of linkinator, every page is parsed and every internal URL in an
 *    attribute (href, src, action, srcset), every URL in the feeds, sitemaps and _redirects
 *    is resolved to a file of the output, and every #fragment to an element with that id.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LinkChecker, LinkState } from 'linkinator';
import { parse as parseHtml, type HTMLElement } from 'node-html-parser';
import { allPageUrls } from '../helpers/site-fixture.ts';
import { buildFixture, serveSite, type SiteServer } from './helpers.ts';

const SITE_URL = 'https://khabar.example.org';

let out: string;
let server: SiteServer;
let pages: string[];

before(async () => {
  out = buildFixture();
  server = await serveSite(out);
  pages = allPageUrls(out);
});

after(() => server?.close());

test('linkinator: nothing broken, fragments included, from every page', async () => {
  const checker = new LinkChecker();
  const result = await checker.check({
    path: pages.map((url) => `${server.url}${url}`),
    recurse: true,
    checkFragments: true,
    checkCss: true,
    concurrency: 8,
    timeout: 10_000,
    urlRewriteExpressions: [{ pattern: /^https:\/\/khabar\.example\.org(?=\/|$)/, replacement: server.url }],
    linksToSkip: (link) => Promise.resolve(!link.startsWith(`${server.url}/`)),
  });
  const broken = result.links
    .filter((link) => link.state === LinkState.BROKEN)
    .map((link) => `${link.url} (${link.status ?? '?'}) on ${link.parent ?? '?'}${link.failureDetails?.length ? `: ${String(link.failureDetails[0])}` : ''}`);
  assert.deepEqual(broken, []);
  const checked = result.links.filter((link) => link.state === LinkState.OK).map((link) => link.url);
  // It really crawled: every page, the stylesheet, the script, the feeds. (Fonts named only
  // inside the CSS are not always reached by linkinator's CSS scan; the next test and the
  // build tests check them.)
  for (const url of pages) assert.ok(checked.includes(`${server.url}${url}`), `not checked: ${url}`);
  for (const asset of ['/assets/style.css', '/assets/search.js', '/feed.xml']) {
    assert.ok(checked.includes(`${server.url}${asset}`), `not checked: ${asset}`);
  }
});

test('linkinator, as configured, reports a missing page and missing fragments (a control)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-links-'));
  writeFileSync(join(dir, 'index.html'), '<!DOCTYPE html><title>a</title><a href="/other.html#nowhere">x</a> <a href="#gone">y</a> <a href="/missing/">z</a>');
  writeFileSync(join(dir, 'other.html'), '<!DOCTYPE html><title>b</title><p id="here">b</p>');
  const result = await new LinkChecker().check({ path: dir, recurse: true, checkFragments: true, concurrency: 2 });
  // On a folder, linkinator reports paths under it.
  const broken = new Set(result.links.filter((link) => link.state === LinkState.BROKEN).map((link) => link.url.slice(dir.length)));
  assert.deepEqual([...broken].sort(), ['/#gone', '/missing/', '/other.html#nowhere']);
});

/** The output file a site path is served from, or null. `/x/` is `/x/index.html`. */
function fileFor(pathname: string): string | null {
  const decoded = decodeURIComponent(pathname);
  const file = join(out, decoded.endsWith('/') ? `${decoded}index.html` : decoded);
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

const parsed = new Map<string, HTMLElement>();
function page(file: string): HTMLElement {
  let root = parsed.get(file);
  if (root === undefined) {
    root = parseHtml(readFileSync(file, 'utf8'));
    parsed.set(file, root);
  }
  return root;
}

/** What is wrong with an internal link from `from` (a site URL), or null when it is sound. */
function problem(href: string, from: string): string | null {
  const base = `${SITE_URL}${from}`;
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return 'not a URL';
  }
  if (url.origin !== SITE_URL) return null; // another site: not checked here
  const file = fileFor(url.pathname);
  if (file === null) return `no file for ${url.pathname}`;
  if (url.hash.length > 1) {
    const id = decodeURIComponent(url.hash.slice(1));
    if (!file.endsWith('.html')) return `fragment #${id} on a non-HTML file`;
    const root = page(file);
    if (root.getElementById(id) === null && root.querySelector(`a[name="${id}"]`) === null) return `no element #${id} on ${url.pathname}`;
  }
  return null;
}

test('every internal link, source and #fragment in every page resolves', () => {
  // The check itself catches what it should (a control).
  assert.equal(problem('/about/', '/'), null);
  assert.equal(problem('https://example.com/nowhere/', '/'), null);
  assert.match(problem('/nowhere/', '/') ?? '', /no file/);
  assert.match(problem('#nowhere', '/about/') ?? '', /no element #nowhere/);
  assert.match(problem('/2024/01/05/health-report-5/#related-nope', '/') ?? '', /no element/);
  const broken: string[] = [];
  let links = 0;
  let fragments = 0;
  for (const url of pages) {
    const root = page(fileFor(url)!);
    for (const element of root.querySelectorAll('[href], [src], [action], [srcset], [formaction], [poster], [data]')) {
      for (const name of ['href', 'src', 'action', 'formaction', 'poster', 'data']) {
        const value = element.getAttribute(name);
        if (value === undefined) continue;
        links++;
        if (value.startsWith('#')) fragments++;
        const why = problem(value, url);
        if (why !== null) broken.push(`${url}: <${element.tagName.toLowerCase()} ${name}="${value}">: ${why}`);
      }
      for (const candidate of (element.getAttribute('srcset') ?? '').split(',')) {
        const value = candidate.trim().split(/\s+/)[0];
        if (!value) continue;
        links++;
        const why = problem(value, url);
        if (why !== null) broken.push(`${url}: srcset ${value}: ${why}`);
      }
    }
  }
  assert.deepEqual(broken, []);
  assert.ok(links > 1000 && fragments >= pages.length, `${links} links, ${fragments} fragments`);
});

test('every url() in the stylesheet (the fonts) resolves', () => {
  const css = readFileSync(join(out, 'assets/style.css'), 'utf8');
  const urls = [...css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)].map((m) => m[2]!);
  assert.ok(urls.includes('/assets/fonts/vazirmatn-arabic-400-normal.woff2'), urls.join(', '));
  assert.deepEqual(
    urls.map((url) => [url, problem(url, '/assets/style.css')]).filter(([, why]) => why !== null),
    [],
  );
});

test('every URL in the feeds, sitemaps and _redirects is a page of the site', () => {
  const broken: string[] = [];
  const xmlFiles = ['feed.xml', 'sitemap.xml', 'news-sitemap.xml', 'category/health-news/feed.xml', 'tag/measles/feed.xml'];
  let count = 0;
  for (const file of xmlFiles) {
    const text = readFileSync(join(out, file), 'utf8');
    const urls = [...text.matchAll(/<loc>([^<]+)<\/loc>|\shref="([^"]+)"/g)].map((m) => (m[1] ?? m[2])!.replace(/&amp;/g, '&'));
    for (const url of urls) {
      count++;
      const why = problem(url, '/');
      if (why !== null) broken.push(`${file}: ${url}: ${why}`);
    }
  }
  const feed = JSON.parse(readFileSync(join(out, 'feed.json'), 'utf8')) as { home_page_url: string; feed_url: string; items: { url: string }[] };
  for (const url of [feed.home_page_url, feed.feed_url, ...feed.items.map((item) => item.url)]) {
    count++;
    const why = problem(url, '/');
    if (why !== null) broken.push(`feed.json: ${url}: ${why}`);
  }
  for (const line of readFileSync(join(out, '_redirects'), 'utf8').split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const parts = line.trim().split(/\s+/);
    const target = parts[parts.length - 2]!;
    count++;
    const why = problem(target, '/');
    if (why !== null) broken.push(`_redirects: ${line}: ${why}`);
  }
  assert.deepEqual(broken, []);
  assert.ok(count > 150, `only ${count} URLs`);
});
