/**
 * The feeds of a fixture site, built once with the real build script and read with real
 * parsers: fast-xml-parser for every Atom feed, JSON.parse for the JSON Feed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parseHtml } from 'node-html-parser';
import { allPageUrls, buildSite, makeContent, mustReadPage, type FixtureFile } from '../../helpers/site-fixture.ts';

const NOW = '2024-06-01T00:00:00Z';
const SITE = 'https://khabar.example.org';
const ATOM = 'http://www.w3.org/2005/Atom';
// `]]>` would end a CDATA section, `&` and `<` must be escaped, U+000B is not allowed in XML at all.
const HOSTILE_TITLE = `Tom & Jerry <script>alert(1)</script> ]]> "quoted" 'single'\u000b end`;
const pad = (n: number): string => String(n).padStart(2, '0');

function post(path: string, data: Record<string, unknown>, body = 'Body text.'): FixtureFile {
  return { path: `posts/${path}.md`, data, body };
}

// 25 health posts, one a day in January: more than a feed holds (20).
const health = Array.from({ length: 25 }, (_, i) =>
  post(`2024/01/health-${i + 1}`, {
    title: `Health report ${i + 1}`,
    date: `2024-01-${pad(i + 1)}T08:00:00Z`,
    categories: ['Health News'],
    tags: [3, 10, 17].includes(i + 1) ? ['Measles'] : [],
  }),
);
const others = [
  post(
    '2024/02/hostile',
    { title: HOSTILE_TITLE, slug: 'hostile-title', date: '2024-02-01T08:00:00Z', categories: ['Security'], tags: ['Tom & Jerry'] },
    'Ends a CDATA ]]> here, & ampersands, <script>alert(2)</script> and [a link home](/about/).',
  ),
  post(
    '2024/02/aggregated',
    {
      title: 'Aggregated story',
      date: '2024-02-02T08:00:00Z',
      categories: ['Political News'],
      tags: ['Kabul'],
      source: { name: 'Tolo News', url: 'https://tolonews.com/afghanistan-1', id: 'https://tolonews.com/afghanistan-1', feed: 'tolonews' },
    },
    'Tolo News: a summary of the story.',
  ),
  post(
    '2024/02/dari',
    { title: 'خبر تازه از كابل', date: '2024-02-03T08:00:00Z', lang: 'fa', categories: ['News in Dari (Persian/Farsi)'], tags: ['کابل'] },
    'این یک خبر آزمایشی است.',
  ),
  post('2024/02/updated', {
    title: 'Corrected story',
    date: '2024-02-04T08:00:00Z',
    updated: '2024-02-05T09:30:00Z',
    categories: ['Political News'],
    tags: ['Kabul'],
  }),
  post('2024/02/video', {
    title: 'Video bulletin',
    date: '2024-02-06T08:00:00Z',
    categories: ['News in Dari (Persian/Farsi)'],
    video: 'https://www.youtube.com/watch?v=abcdefghijk',
  }),
  post('2024/03/draft', { title: 'Secret draft', date: '2024-03-01T08:00:00Z', draft: true, categories: ['Drugs'], tags: ['SecretTag', 'Kabul'] }),
  post('2030/01/scheduled', { title: 'Scheduled for later', date: '2030-01-01T06:00:00Z', categories: ['Landmines'], tags: ['FutureTag', 'Measles'] }),
  { path: 'pages/about.md', data: { title: 'About', slug: 'about' }, body: 'About this site.' },
];

const site = buildSite(makeContent([...health, ...others]), { KHABAR_NOW: NOW });
const out = site.output;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  htmlEntities: true,
  parseTagValue: false,
  isArray: (name) => ['entry', 'link', 'category'].includes(name),
});

interface AtomText {
  '#text'?: string;
  '@_type'?: string;
}
interface AtomEntry {
  id: string;
  title: AtomText | string;
  updated: string;
  published: string;
  link: { '@_href': string; '@_rel': string }[];
  author: { name: string };
  category?: { '@_term': string }[];
  content: AtomText;
  '@_xml:lang': string;
}
interface AtomFeed {
  '@_xmlns': string;
  id: string;
  title: AtomText | string;
  updated: string;
  link: { '@_href': string; '@_rel': string }[];
  entry?: AtomEntry[];
}

const text = (value: AtomText | string): string => (typeof value === 'string' ? value : (value['#text'] ?? ''));

/** Reads and checks an Atom feed: well-formed, the Atom namespace, the required elements. */
function readAtom(path: string): AtomFeed {
  const file = join(out, path);
  assert.ok(existsSync(file), `no feed at ${path}`);
  const xml = readFileSync(file, 'utf8');
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>'), `${path} starts with the XML declaration`);
  const valid = XMLValidator.validate(xml);
  assert.equal(valid, true, `${path} is not well-formed: ${JSON.stringify(valid)}`);
  const feed = (parser.parse(xml) as { feed?: AtomFeed }).feed;
  assert.ok(feed, `${path} has no <feed>`);
  assert.equal(feed['@_xmlns'], ATOM, path);
  assert.ok(feed.id, `${path}: feed id`);
  assert.ok(text(feed.title), `${path}: feed title`);
  assert.match(feed.updated, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, `${path}: feed updated`);
  assert.equal(feed.link.find((l) => l['@_rel'] === 'self')?.['@_href'], `${SITE}${encodeURI(path)}`, `${path}: self link`);
  for (const entry of feed.entry ?? []) {
    assert.ok(entry.id.startsWith(`${SITE}/`), `${path}: entry id ${entry.id}`);
    assert.ok(text(entry.title), `${path}: entry title`);
    assert.match(entry.updated, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, `${path}: entry updated`);
    assert.equal(entry.link.find((l) => l['@_rel'] === 'alternate')?.['@_href'], entry.id, `${path}: entry link`);
    assert.equal(entry.content['@_type'], 'html', `${path}: content type`);
    assert.ok(entry.author.name, `${path}: entry author`);
  }
  return feed;
}

const entries = (feed: AtomFeed): AtomEntry[] => feed.entry ?? [];
const titles = (feed: AtomFeed): string[] => entries(feed).map((e) => text(e.title));
const postUrl = (date: string, slug: string): string => `${SITE}/${date}/${slug}/`;

function feedFiles(dir: string, prefix = '/'): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) found.push(...feedFiles(join(dir, entry.name), `${prefix}${entry.name}/`));
    else if (entry.name === 'feed.xml') found.push(`${prefix}${entry.name}`);
  }
  return found;
}

test('the fixture site builds', () => {
  assert.equal(site.status, 0, site.stderr);
});

test('the site feed has the latest 20 posts, newest first, with absolute URLs', () => {
  const feed = readAtom('/feed.xml');
  assert.equal(feed.id, `${SITE}/feed.xml`);
  assert.equal(feed.link.find((l) => l['@_rel'] === 'alternate')?.['@_href'], `${SITE}/`);
  const list = entries(feed);
  assert.equal(list.length, 20, 'capped at 20 of 30 published posts');
  const published = list.map((e) => e.published);
  assert.deepEqual(published, [...published].sort().reverse(), 'newest first');
  assert.equal(text(list[0]!.title), 'Video bulletin');
  assert.equal(text(list.at(-1)!.title), 'Health report 11');
  assert.equal(feed.updated, '2024-02-06T08:00:00Z');
  const corrected = list.find((e) => text(e.title) === 'Corrected story')!;
  assert.equal(corrected.published, '2024-02-04T08:00:00Z');
  assert.equal(corrected.updated, '2024-02-05T09:30:00Z');
  assert.deepEqual(corrected.category?.map((c) => c['@_term']), ['Political News', 'Kabul']);
  assert.equal(corrected.author.name, 'admin');
});

test('the JSON feed is JSON Feed 1.1 with the same entries', () => {
  const json = JSON.parse(readFileSync(join(out, 'feed.json'), 'utf8')) as {
    version: string;
    title: string;
    home_page_url: string;
    feed_url: string;
    items: { id: string; url: string; title: string; content_html: string; external_url?: string; date_published: string; language: string }[];
  };
  assert.equal(json.version, 'https://jsonfeed.org/version/1.1');
  assert.equal(json.title, 'Khabar Afghanistan');
  assert.equal(json.home_page_url, `${SITE}/`);
  assert.equal(json.feed_url, `${SITE}/feed.json`);
  assert.equal(json.items.length, 20);
  for (const item of json.items) {
    assert.equal(typeof item.id, 'string');
    assert.ok(item.url.startsWith(`${SITE}/`));
    assert.equal(typeof item.content_html, 'string');
    assert.match(item.date_published, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  }
  assert.deepEqual(
    json.items.map((i) => i.id),
    entries(readAtom('/feed.xml')).map((e) => e.id),
  );
  const aggregated = json.items.find((i) => i.title === 'Aggregated story')!;
  assert.equal(aggregated.external_url, 'https://tolonews.com/afghanistan-1');
  assert.match(aggregated.content_html, /<p>Tolo News: a summary of the story.<\/p>/);
  assert.match(aggregated.content_html, /Source: Tolo News\. <a href="https:\/\/tolonews\.com\/afghanistan-1">Read the original story at Tolo News<\/a>/);
  assert.equal(json.items.find((i) => i.title === 'Health report 20')?.external_url, undefined);
  assert.equal(json.items.find((i) => i.title === 'خبر تازه از كابل')?.language, 'fa');
});

test('every category and tag with a page has a feed, and nothing else has one', () => {
  const termPages = allPageUrls(out).filter((url) => /^\/(?:category|tag)\/[^/]+\/$/.test(url));
  assert.ok(termPages.length >= 8, termPages.join(' '));
  const feeds = feedFiles(out).filter((f) => f !== '/feed.xml');
  assert.deepEqual(feeds.sort(), termPages.map((url) => `${url}feed.xml`).sort());
  for (const feed of feeds) readAtom(feed);
  for (const missing of ['/category/drugs/feed.xml', '/tag/secrettag/feed.xml', '/category/landmines/feed.xml', '/tag/futuretag/feed.xml']) {
    assert.ok(!existsSync(join(out, missing)), `${missing} was written`);
  }
});

test('a tag feed has exactly its posts, newest first; a category feed caps at 10', () => {
  const measles = readAtom('/tag/measles/feed.xml');
  assert.deepEqual(titles(measles), ['Health report 17', 'Health report 10', 'Health report 3'], 'the future post tagged Measles is not in it');
  assert.deepEqual(entries(measles).map((e) => e.id), [
    postUrl('2024/01/17', 'health-report-17'),
    postUrl('2024/01/10', 'health-report-10'),
    postUrl('2024/01/03', 'health-report-3'),
  ]);
  assert.equal(text(measles.title), 'Khabar Afghanistan – Tag: Measles');
  assert.equal(measles.link.find((l) => l['@_rel'] === 'alternate')?.['@_href'], `${SITE}/tag/measles/`);

  const kabul = readAtom('/tag/kabul/feed.xml');
  assert.deepEqual(titles(kabul), ['Corrected story', 'Aggregated story'], 'the draft tagged Kabul is not in it');

  const healthNews = readAtom('/category/health-news/feed.xml');
  // A term's feed holds its 10 newest (WordPress's default); the site's feed 20.
  assert.equal(entries(healthNews).length, 10);
  assert.equal(text(entries(healthNews)[0]!.title), 'Health report 25');
  assert.equal(text(entries(healthNews)[9]!.title), 'Health report 16');

  const dari = readAtom('/tag/کابل/feed.xml');
  assert.deepEqual(titles(dari), ['خبر تازه از كابل']);
  assert.equal(entries(dari)[0]!['@_xml:lang'], 'fa');
  assert.equal(entries(dari)[0]!.id, `${SITE}/2024/02/03/${encodeURIComponent('خبر-تازه-از-کابل')}/`);
});

test('entries carry the rendered body, absolute links, the video link and the credit line', () => {
  const feed = readAtom('/feed.xml');
  const body = (title: string): string => text(entries(feed).find((e) => text(e.title) === title)!.content);
  const aggregated = parseHtml(body('Aggregated story'));
  assert.equal(aggregated.querySelector('p')?.text, 'Tolo News: a summary of the story.');
  const credit = aggregated.querySelector('p.attribution');
  assert.equal(credit?.text, 'Source: Tolo News. Read the original story at Tolo News');
  assert.equal(credit?.querySelector('a')?.getAttribute('href'), 'https://tolonews.com/afghanistan-1');
  const aggregatedEntry = entries(feed).find((e) => text(e.title) === 'Aggregated story')!;
  assert.equal(aggregatedEntry.link.find((l) => l['@_rel'] === 'related')?.['@_href'], 'https://tolonews.com/afghanistan-1');
  assert.equal(parseHtml(body('Video bulletin')).querySelector('a')?.getAttribute('href'), 'https://www.youtube.com/watch?v=abcdefghijk');
  assert.equal(parseHtml(body(titles(feed).find((t) => t.startsWith('Tom & Jerry'))!)).querySelector('a')?.getAttribute('href'), `${SITE}/about/`);
});

test('a hostile title and body stay well-formed and inert in every feed', () => {
  const expected = HOSTILE_TITLE.replace('\u000b', '');
  for (const path of ['/feed.xml', '/category/security/feed.xml', '/tag/tom-jerry/feed.xml']) {
    const raw = readFileSync(join(out, path), 'utf8');
    assert.ok(!raw.includes('<script'), `${path}: a script tag in the XML`);
    assert.ok(!raw.includes('\u000b'), `${path}: a character XML forbids`);
    const entry = entries(readAtom(path)).find((e) => text(e.title).startsWith('Tom & Jerry'));
    assert.ok(entry, `${path}: no hostile entry`);
    assert.equal(text(entry.title), expected);
    const html = parseHtml(text(entry.content));
    assert.equal(html.querySelectorAll('script').length, 0, `${path}: a script element in the content`);
    assert.match(html.text, /Ends a CDATA \]\]> here, & ampersands, <script>alert\(2\)<\/script>/);
  }
  const json = readFileSync(join(out, 'feed.json'), 'utf8');
  const item = (JSON.parse(json) as { items: { title: string; content_html: string }[] }).items.find((i) => i.title.startsWith('Tom & Jerry'))!;
  assert.equal(item.title, expected);
  assert.equal(parseHtml(item.content_html).querySelectorAll('script').length, 0);
});

test('unpublished posts are in no feed', () => {
  for (const file of [...feedFiles(out), '/feed.json']) {
    const raw = readFileSync(join(out, file), 'utf8');
    assert.ok(!raw.includes('Secret draft') && !raw.includes('Scheduled for later'), `unpublished post in ${file}`);
  }
});

test('every page links the site feeds; category and tag pages also link their own', () => {
  const alternates = (url: string): string[] =>
    mustReadPage(out, url)
      .querySelectorAll('head link[rel=alternate]')
      .map((l) => `${l.getAttribute('type')} ${l.getAttribute('href')}`);
  const siteFeeds = [`application/atom+xml ${SITE}/feed.xml`, `application/feed+json ${SITE}/feed.json`];
  assert.deepEqual(alternates('/'), siteFeeds);
  assert.deepEqual(alternates('/2024/01/03/health-report-3/'), siteFeeds);
  assert.deepEqual(alternates('/about/'), siteFeeds);
  assert.deepEqual(alternates('/2024/01/'), siteFeeds);
  assert.deepEqual(alternates('/tag/measles/'), [...siteFeeds, `application/atom+xml ${SITE}/tag/measles/feed.xml`]);
  assert.deepEqual(alternates('/category/health-news/page/2/'), [...siteFeeds, `application/atom+xml ${SITE}/category/health-news/feed.xml`]);
  const title = mustReadPage(out, '/category/health-news/').querySelectorAll('head link[rel=alternate]')[2]?.getAttribute('title');
  assert.equal(title, 'Khabar Afghanistan – Category: Health News');
});
