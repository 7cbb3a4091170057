// The hand-written edge feeds (tests/fixtures/feeds/edge/) through parseFeed: what each rule reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { FeedParseError, parseFeed } from '../../../src/ingest/parse/index.ts';
import type { ParsedFeed } from '../../../src/ingest/types.ts';
import { FEEDS_DIR, feedBytes } from '../../helpers/fixtures.ts';

const FEED_URL = 'https://feeds.outlet.example/edge';

function parseEdge(name: string): Promise<ParsedFeed> {
  return parseFeed(feedBytes(`edge/${name}`).toString('utf8'), FEED_URL);
}

test('the fixtures README lists every edge feed', () => {
  const readme = readFileSync(new URL('../../fixtures/README.md', import.meta.url), 'utf8');
  const files = readdirSync(`${FEEDS_DIR}edge`).sort();
  assert.ok(files.length >= 12);
  for (const file of files) assert.ok(readme.includes(`\`${file}\``), `${file} is not in tests/fixtures/README.md`);
});

test('feeds without entries are feeds of 0 items, whatever their format', async () => {
  for (const name of ['rss-empty.xml', 'rss-channel-without-items.xml', 'atom-empty.xml', 'json-empty-items.json']) {
    const feed = await parseEdge(name);
    assert.deepEqual(feed.items, [], name);
  }
  assert.equal((await parseEdge('rss-channel-without-items.xml')).link, 'https://outlet.example/');
  for (const text of [
    '<rss version="2.0"/>',
    '<rss version="0.91"><channel/></rss>',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"/>',
    '<feed xmlns="http://www.w3.org/2005/Atom"/>',
    '{"version":"https://jsonfeed.org/version/1","title":"t","items":null}',
    '{"version":"https://jsonfeed.org/version/1.1","title":"t"}',
  ]) {
    assert.deepEqual((await parseFeed(text, FEED_URL)).items, [], text);
  }
});

test('RSS items without links: permalink guid, atom:link, nothing; channel author; iTunes summary', async () => {
  const feed = await parseEdge('rss-items-without-links.xml');
  assert.equal(feed.link, 'https://outlet.example/');
  const [permalink, opaque, untitled, relative, atomLink, undated, podcast, empty, blank] = feed.items;
  assert.equal(permalink!.link, 'https://outlet.example/2024/permalink-guid');
  assert.equal(opaque!.link, undefined, 'isPermaLink="false": the guid is not a link');
  assert.equal(opaque!.guid, 'urn:outlet:4411');
  assert.equal(untitled!.title, undefined);
  assert.match(untitled!.summary!, /^<p>An untitled note/);
  assert.equal(relative!.link, '/2024/relative-link?utm_source=rss', 'normalise resolves it against the feed URL');
  assert.equal(relative!.author, 'reporter@outlet.example (Maryam Rahimi)');
  assert.equal(atomLink!.link, 'https://outlet.example/2024/atom-link');
  assert.equal(undated!.published, undefined);
  assert.equal(undated!.author, 'desk@outlet.example (The News Desk)', "the channel's managingEditor");
  assert.equal(podcast!.summary, '<p>A podcast episode with only an iTunes summary.</p>');
  assert.deepEqual([empty!.title, empty!.summary, empty!.content], [undefined, undefined, undefined]);
  assert.deepEqual([blank!.title, blank!.summary], [undefined, undefined]);
});

test('RSS 1.0: rdf:about is the link of an item without <link>; <link> wins when there is one', async () => {
  const feed = await parseEdge('rdf-items-with-rdf-about.xml');
  assert.deepEqual(
    feed.items.map((item) => item.link),
    ['https://outlet.example/2024/rdf-about-one', 'https://outlet.example/2024/rdf-link-wins'],
  );
});

test('Atom 0.3: mode="escaped" text/html is HTML, mode="base64" is decoded', async () => {
  const feed = await parseEdge('atom-03-escaped-and-base64.xml');
  assert.equal(feed.link, 'https://outlet.example/');
  assert.equal(feed.items[0]!.content, '<p>Markets reopened in <b>Herat</b> on Tuesday.</p>');
  assert.equal(feed.items[0]!.published, '2024-03-05T10:00:00Z');
  assert.equal(feed.items[0]!.updated, '2024-03-05T11:00:00Z');
  assert.equal(feed.items[1]!.content, '<p>Schools in Balkh <em>reopened</em>.</p>');
  const binary = await parseFeed(
    '<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><title>t</title><content type="text/html" mode="base64">not base64!</content><summary type="text/plain" mode="base64">SGVsbG8gJiBnb29kYnll</summary></entry></feed>',
    FEED_URL,
  );
  assert.equal(binary.items[0]!.content, undefined, 'not base64: nothing rather than garbage');
  assert.equal(binary.items[0]!.summary, '<p>Hello &amp; goodbye</p>');
});

test("Atom: the feed's site link is its alternate link, never rel=self; summaries only; xml:base", async () => {
  const feed = await parseEdge('atom-summary-only-xml-base.xml');
  assert.equal(feed.link, 'https://outlet.example/');
  const [relative, untitled, ownBase] = feed.items;
  assert.equal(relative!.link, 'https://outlet.example/news/2024/relative');
  assert.equal(relative!.summary, '<p>Only a summary, as plain text.</p>');
  assert.equal(untitled!.title, undefined);
  assert.equal(untitled!.link, undefined, 'an urn: id is not a link');
  assert.equal(ownBase!.link, 'https://other.example/base/story');
  assert.ok(feed.items.every((item) => item.author === 'Outlet Staff'));
  const selfOnly = await parseFeed('<feed xmlns="http://www.w3.org/2005/Atom"><link rel="self" href="https://x.example/feed"/></feed>', FEED_URL);
  assert.equal(selfOnly.link, undefined);
});

test('JSON Feed: content_text only, no url, no title', async () => {
  const feed = await parseEdge('json-content-text-only.json');
  assert.equal(feed.link, 'https://outlet.example/');
  assert.deepEqual(
    feed.items.map((item) => [item.guid, item.title, item.link, item.content]),
    [
      ['1', undefined, undefined, '<p>A note with no title and no URL. Its title is its first sentence.</p>'],
      ['2', 'Titled, no URL', undefined, '<p>Only text.</p>'],
      ['3', undefined, '/2024/relative-json', '<p>A relative URL.</p>'],
      ['4', undefined, undefined, undefined],
    ],
  );
});

test('DOCTYPE entities are expanded; the external one reads as nothing; a billion laughs is refused', async () => {
  const feed = await parseEdge('rss-doctype-entities.xml');
  assert.equal(feed.title, 'Edge: Kabul Daily & Co');
  assert.equal(feed.items[0]!.title, 'Prices rise to 70\u00a0؋ at Kabul Daily &amp; Co');
  await assert.rejects(parseEdge('rss-billion-laughs.xml'), FeedParseError);
});
