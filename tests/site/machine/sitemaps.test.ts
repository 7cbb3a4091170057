/**
 * /sitemap.xml, /news-sitemap.xml and /robots.txt of a fixture site, built twice with
 * different clocks (the second time with a small sitemap limit, so the sitemap splits).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { allPageUrls, buildSite, makeContent, type FixtureFile } from '../../helpers/site-fixture.ts';

const SITE = 'https://khabar.example.org';
const NOW_A = '2024-06-01T00:00:00Z';
const NOW_B = '2024-06-03T00:00:00Z';
const LIMIT_B = 7;

function post(path: string, data: Record<string, unknown>, body = 'Body text.'): FixtureFile {
  return { path: `posts/${path}.md`, data, body };
}

// One post a day from May 20 to May 31, 08:00 UTC.
const daily = Array.from({ length: 12 }, (_, i) =>
  post(`2024/05/day-${20 + i}`, {
    title: `Daily story ${20 + i}`,
    date: `2024-05-${20 + i}T08:00:00Z`,
    categories: [i % 2 === 0 ? 'Health News' : 'Political News'],
    tags: i < 3 ? ['Measles'] : [],
    ...(i === 0 ? { updated: '2024-05-25T10:00:00Z', aliases: ['/old-daily-story/'] } : {}),
  }),
);
const others = [
  post('2024/05/dari', { title: 'خبر تازه از كابل', date: '2024-05-31T12:00:00Z', lang: 'fa', categories: ['News in Dari (Persian/Farsi)'] }),
  post('2024/05/draft', { title: 'Secret draft', date: '2024-05-31T09:00:00Z', draft: true, categories: ['Drugs'] }),
  post('2024/06/soon', { title: 'Story of June 2', date: '2024-06-02T10:00:00Z', categories: ['Landmines'] }),
  { path: 'pages/about.md', data: { title: 'About', slug: 'about', updated: '2024-04-01T00:00:00Z' }, body: 'About this site.' },
  { path: 'pages/links.md', data: { title: 'Links', slug: 'links' }, body: 'Links.' },
  { path: 'pages/hidden.md', data: { title: 'Hidden', slug: 'hidden', draft: true }, body: 'Not yet.' },
];
const content = makeContent([...daily, ...others]);
const a = buildSite(content, { KHABAR_NOW: NOW_A });
const b = buildSite(content, { KHABAR_NOW: NOW_B, KHABAR_SITEMAP_LIMIT: String(LIMIT_B) });

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  htmlEntities: true,
  parseTagValue: false,
  isArray: (name) => ['url', 'sitemap'].includes(name),
});

interface UrlEntry {
  loc: string;
  lastmod?: string;
  'news:news'?: {
    'news:publication': { 'news:name': string; 'news:language': string };
    'news:publication_date': string;
    'news:title': string;
  };
}
interface Parsed {
  urlset?: { '@_xmlns': string; '@_xmlns:news'?: string; url?: UrlEntry[] };
  sitemapindex?: { '@_xmlns': string; sitemap: { loc: string; lastmod?: string }[] };
}

function readXml(output: string, path: string): Parsed {
  const file = join(output, path);
  assert.ok(existsSync(file), `no ${path}`);
  const xml = readFileSync(file, 'utf8');
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>'), path);
  const valid = XMLValidator.validate(xml);
  assert.equal(valid, true, `${path} is not well-formed: ${JSON.stringify(valid)}`);
  return parser.parse(xml) as Parsed;
}

/** A sitemap's absolute URL as the site URL of the file written ("/2024/05/31/خبر/"). */
const sitePath = (loc: string): string => {
  assert.ok(loc.startsWith(`${SITE}/`), loc);
  return decodeURI(new URL(loc).pathname);
};

/** The HTML pages a sitemap must list: all of them but 404, the search form, the archives index (its months are listed) and redirect pages. */
function indexablePages(output: string): string[] {
  return allPageUrls(output).filter((url) => {
    if (url === '/404.html' || url === '/search/' || url === '/archives/') return false;
    const html = readFileSync(join(output, url, url.endsWith('/') ? 'index.html' : ''), 'utf8');
    return !html.includes('http-equiv="refresh"');
  });
}

test('both fixture builds succeed', () => {
  assert.equal(a.status, 0, a.stderr);
  assert.equal(b.status, 0, b.stderr);
});

test('the sitemap lists exactly the published HTML pages', () => {
  const urls = readXml(a.output, '/sitemap.xml').urlset?.url ?? [];
  const listed = urls.map((u) => sitePath(u.loc));
  assert.equal(new Set(listed).size, listed.length, 'no URL twice');
  const expected = indexablePages(a.output);
  assert.ok(expected.length > 30, `only ${expected.length} pages`);
  assert.deepEqual([...listed].sort(), expected);
  // What it must leave out, though the files exist or the posts do.
  assert.ok(existsSync(join(a.output, 'old-daily-story/index.html')), 'the redirect page exists');
  for (const url of ['/old-daily-story/', '/404.html', '/hidden/', '/2024/05/31/secret-draft/', '/2024/06/02/story-of-june-2/', '/category/drugs/']) {
    assert.ok(!listed.includes(url), `${url} is listed`);
  }
  assert.ok(listed.includes('/2024/05/31/خبر-تازه-از-کابل/'));
  assert.ok(urls.some((u) => u.loc === `${SITE}/2024/05/31/${encodeURIComponent('خبر-تازه-از-کابل')}/`), 'URLs are percent-encoded');
});

test('lastmod: a post its update or date, a list its newest post, a static page its update', () => {
  const urls = readXml(a.output, '/sitemap.xml').urlset?.url ?? [];
  const lastmod = (path: string): string | undefined => {
    const found = urls.find((u) => sitePath(u.loc) === path);
    assert.ok(found, `${path} is not listed`);
    return found.lastmod;
  };
  assert.equal(lastmod('/2024/05/20/daily-story-20/'), '2024-05-25T10:00:00Z', 'updated');
  assert.equal(lastmod('/2024/05/21/daily-story-21/'), '2024-05-21T08:00:00Z', 'date');
  assert.equal(lastmod('/'), '2024-05-31T12:00:00Z');
  assert.equal(lastmod('/page/2/'), '2024-05-22T08:00:00Z', 'the newest post on page 2');
  assert.equal(lastmod('/tag/measles/'), '2024-05-22T08:00:00Z');
  assert.equal(lastmod('/about/'), '2024-04-01T00:00:00Z');
  assert.equal(lastmod('/links/'), undefined);
});

test('past the limit, /sitemap.xml is an index of parts that list every page once', () => {
  const index = readXml(b.output, '/sitemap.xml').sitemapindex;
  assert.ok(index, 'not a sitemap index');
  assert.equal(index['@_xmlns'], 'http://www.sitemaps.org/schemas/sitemap/0.9');
  const expected = indexablePages(b.output);
  assert.ok(expected.includes('/2024/06/02/story-of-june-2/'), 'the scheduled post is published by the later clock');
  assert.equal(index.sitemap.length, Math.ceil(expected.length / LIMIT_B));
  const listed: string[] = [];
  index.sitemap.forEach((part, i) => {
    assert.equal(part.loc, `${SITE}/sitemap-${i + 1}.xml`);
    const urls = readXml(b.output, `/sitemap-${i + 1}.xml`).urlset?.url ?? [];
    assert.ok(urls.length > 0 && urls.length <= LIMIT_B, `part ${i + 1} has ${urls.length} URLs`);
    assert.equal(part.lastmod, urls.map((u) => u.lastmod ?? '').sort().at(-1));
    listed.push(...urls.map((u) => sitePath(u.loc)));
  });
  assert.equal(new Set(listed).size, listed.length, 'no URL twice');
  assert.deepEqual(listed.sort(), expected);
  assert.ok(!existsSync(join(a.output, 'sitemap-1.xml')), 'no parts under the limit');
});

test('the news sitemap has the posts of the last two days, and moves with the clock', () => {
  const news = (output: string): UrlEntry[] => {
    const urlset = readXml(output, '/news-sitemap.xml').urlset;
    assert.ok(urlset);
    assert.equal(urlset['@_xmlns'], 'http://www.sitemaps.org/schemas/sitemap/0.9');
    assert.equal(urlset['@_xmlns:news'], 'http://www.google.com/schemas/sitemap-news/0.9');
    return urlset.url ?? [];
  };
  const inA = news(a.output);
  assert.deepEqual(
    inA.map((u) => sitePath(u.loc)),
    ['/2024/05/31/خبر-تازه-از-کابل/', '/2024/05/31/daily-story-31/', '/2024/05/30/daily-story-30/'],
  );
  const dari = inA[0]!['news:news']!;
  assert.equal(dari['news:publication']['news:name'], 'Khabar Afghanistan');
  assert.equal(dari['news:publication']['news:language'], 'fa');
  assert.equal(dari['news:publication_date'], '2024-05-31T12:00:00Z');
  assert.equal(dari['news:title'], 'خبر تازه از كابل');
  assert.equal(inA[1]!['news:news']!['news:publication']['news:language'], 'en');

  const inB = news(b.output);
  assert.deepEqual(inB.map((u) => sitePath(u.loc)), ['/2024/06/02/story-of-june-2/']);
});

test('robots.txt allows everything and names both sitemaps', () => {
  for (const output of [a.output, b.output]) {
    const robots = readFileSync(join(output, 'robots.txt'), 'utf8');
    const lines = robots.split('\n');
    assert.ok(lines.includes('User-agent: *'));
    assert.ok(lines.includes('Allow: /'));
    assert.ok(!lines.some((l) => /^Disallow:\s*\S/.test(l)), 'nothing is disallowed');
    assert.ok(lines.includes(`Sitemap: ${SITE}/sitemap.xml`));
    assert.ok(lines.includes(`Sitemap: ${SITE}/news-sitemap.xml`));
  }
});

test('a sitemap limit out of range stops the build with the setting named, before anything is built', () => {
  for (const value of ['0', '50001', 'many']) {
    const result = buildSite(content, { KHABAR_NOW: NOW_A, KHABAR_SITEMAP_LIMIT: value });
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, new RegExp(`KHABAR_SITEMAP_LIMIT="${value}" is not allowed: expected a whole number from 1 to 50000`));
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'a message, not a stack');
    assert.equal(existsSync(join(result.output, 'sitemap.xml')), false);
  }
});
