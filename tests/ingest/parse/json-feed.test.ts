// JSON Feed 1.0/1.1 (src/ingest/parse/json-feed.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeed } from '../../../src/ingest/parse/index.ts';
import { parseFixture } from './decoded-fixtures.ts';

test('json-npr-world.json: JSON Feed 1.0 fields', async () => {
  const feed = await parseFixture('json-npr-world.json');
  const first = feed.items[0]!;
  assert.equal(feed.title, 'World');
  assert.equal(first.guid, '1198913145');
  assert.equal(first.title, 'Eggs and Bananas: Life after a Russian prison');
  assert.match(first.link!, /\?utm_medium=JSONFeed&utm_campaign=world$/, 'tracking is normalise’s to strip');
  assert.equal(first.published, '2024-08-26T20:32:01-04:00');
  assert.equal(first.updated, '2024-08-26T21:00:00-04:00');
  assert.equal(first.author, 'NPR');
  assert.match(first.content!, /^<p>It's been more than three weeks/);
  assert.match(first.summary!, /^<p>It&#39;s been more than|^<p>It's been more than/);
  assert.match(first.thumbnail!, /^https:\/\/media\.npr\.org\//);
});

test('json-kibty-town-rfc822-dates.json: RFC 822 date strings kept as written', async () => {
  const feed = await parseFixture('json-kibty-town-rfc822-dates.json');
  assert.equal(feed.items[0]!.published, 'Sat, 07 Sep 2024 00:00:00 GMT');
  assert.equal(feed.items[0]!.title, 'gaining access to anyones browser without them even visiting a website');
});

test('JSON Feed 1.1: authors, language, content_text, tags, numeric ids, plain-text titles', async () => {
  const feed = await parseFeed(
    JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Khabar test',
      home_page_url: 'https://example.org/',
      language: 'fa-AF',
      authors: [{ name: 'Desk' }],
      items: [
        {
          id: 42,
          url: 'https://example.org/a',
          title: 'Tom & Jerry <3',
          content_text: 'Line one <b>not bold</b>\nline two\n\nParagraph two',
          summary: 'A & B',
          tags: ['x', 'X', '  ', 'y'],
          authors: [{ name: 'Reporter' }],
          language: 'ps',
          date_published: '2024-03-27T10:15:00Z',
        },
        { id: 'b', external_url: 'https://example.org/b', content_html: '<p>hi</p>' },
        'not an item',
      ],
    }),
    'https://example.org/feed.json',
  );
  assert.equal(feed.lang, 'fa-AF');
  assert.equal(feed.items.length, 2);
  const [a, b] = feed.items;
  assert.equal(a!.guid, '42');
  assert.equal(a!.title, 'Tom &amp; Jerry <3');
  assert.equal(a!.content, '<p>Line one &lt;b&gt;not bold&lt;/b&gt;<br>line two</p>\n<p>Paragraph two</p>');
  assert.equal(a!.summary, '<p>A &amp; B</p>');
  assert.deepEqual(a!.categories, ['x', 'y']);
  assert.equal(a!.author, 'Reporter');
  assert.equal(a!.lang, 'ps');
  assert.equal(b!.link, 'https://example.org/b');
  assert.equal(b!.author, 'Desk');
});
