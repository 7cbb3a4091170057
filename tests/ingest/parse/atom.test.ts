// Atom (src/ingest/parse/atom.ts), on the fixtures and hand-made feeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeed } from '../../../src/ingest/parse/index.ts';
import { parseFixture } from './decoded-fixtures.ts';

test('atom-youtube-channel.xml: video id, title, date, thumbnail and media:description as text', async () => {
  const feed = await parseFixture('atom-youtube-channel.xml');
  const first = feed.items[0]!;
  assert.equal(feed.title, 'Digital Foundry');
  assert.equal(first.videoId, 'W_S7iKZZdHw');
  assert.equal(first.title, 'Digital Foundry Games of 2024: The Oliver Mackenzie Collection!');
  assert.equal(first.link, 'https://www.youtube.com/watch?v=W_S7iKZZdHw');
  assert.equal(first.published, '2025-01-01T16:07:24+00:00');
  assert.equal(first.thumbnail, 'https://i4.ytimg.com/vi/W_S7iKZZdHw/hqdefault.jpg');
  assert.equal(first.author, 'Digital Foundry');
  assert.match(first.summary!, /^<p>As the holiday period begins to unwind/);
  assert.equal(first.content, undefined);
  assert.ok(feed.items.every((item) => item.videoId !== undefined && /^[\w-]{11}$/.test(item.videoId)));
});

test('atom-heise-de.xml: summary and content both kept, published and updated', async () => {
  const feed = await parseFixture('atom-heise-de.xml');
  const first = feed.items[0]!;
  assert.equal(first.title, 'Java-Anwendungsserver: Red Hat gibt WildFly 10 frei');
  assert.equal(first.published, '2016-02-01T17:22:00+01:00');
  assert.equal(first.updated, '2016-02-01T17:54:50+01:00');
  assert.equal(first.guid, 'http://heise.de/-3088438');
  assert.ok(first.summary !== undefined && first.content !== undefined);
});

test('atom-theverge.xml: author, -05:00 offsets, figures in the content', async () => {
  const feed = await parseFixture('atom-theverge.xml');
  const first = feed.items[0]!;
  assert.equal(first.author, 'Wes Davis');
  assert.equal(first.published, '2023-12-10T18:11:41-05:00');
  assert.match(first.content!, /<figure>/);
});

test('atom-tpm-scripts-iframes.xml: root-relative links raw (normalise resolves them), scripts still in the raw HTML', async () => {
  const feed = await parseFixture('atom-tpm-scripts-iframes.xml');
  assert.equal(feed.items[0]!.link, '/livewire/hannity-announces-fox-hired-sebastian-gorka-national-security-strategist');
  assert.equal(feed.lang, 'en-US');
  assert.ok(feed.items.filter((item) => item.content?.includes('<script') === true).length >= 5);
});

test('atom-intertwingly-xhtml.xml: xhtml content comes through as HTML, in document order', async () => {
  const feed = await parseFixture('atom-intertwingly-xhtml.xml', 'http://intertwingly.net/blog/index.atom');
  const first = feed.items[0]!;
  assert.equal(first.link, '/blog/2012/07/16/Inhibiting-Suspend', 'the rel="alternate" link, not rel="replies"');
  assert.equal(first.guid, 'tag:intertwingly.net,2004:3299');
  assert.equal(first.author, 'Sam Ruby', 'inherited from the feed');
  assert.equal(first.updated, '2012-07-16T08:48:01-07:00');
  assert.match(
    first.content!,
    /<p>The <a href="http:\/\/people\.gnome\.org\/~mccann\/gnome-session\/docs\/gnome-session\.html#org\.gnome\.SessionManager\.Inhibit">interface<\/a> is a bit low level, but workable:<\/p>/,
  );
  assert.match(first.content!, /<p>Note: the call to <code>Uninhibit<\/code> is optional/);
  assert.ok(!first.content!.startsWith('<div'), 'the xhtml wrapper div is removed');
  assert.equal(feed.items.filter((item) => item.summary !== undefined).length, 5);
});

test('Atom: xml:base resolves relative links; type="text" is text; a bad date does not fail the feed', async () => {
  const feed = await parseFeed(
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example/posts/" xml:lang="fa">
      <title>t</title>
      <entry><title type="text">a &lt;b&gt; c &amp;amp; d</title><link href="one"/><id>urn:1</id>
        <published>not a date</published><updated>2024-01-01T00:00:00Z</updated>
        <content type="text">x &lt; y</content><category term="news" label="News"/><category term="misc"/></entry>
      <entry xml:base="/other/"><title type="html">&lt;em&gt;b&lt;/em&gt;</title><link rel="alternate" type="text/html" href="two"/>
        <link rel="enclosure" href="https://cdn.example/a.mp3"/><id>https://blog.example/id/2</id></entry>
      <entry><title>c</title><id>https://blog.example/id/3</id><link rel="replies" href="3.atom"/></entry>
      <entry><title>d</title><id>tag:x,2024:4</id><link>no attributes</link></entry>
    </feed>`,
    'https://blog.example/feed.atom',
  );
  assert.equal(feed.lang, 'fa');
  const [a, b, c, d] = feed.items;
  assert.equal(a!.title, 'a <b> c &amp;amp; d');
  assert.equal(a!.link, 'https://blog.example/posts/one');
  assert.equal(a!.published, 'not a date');
  assert.equal(a!.updated, '2024-01-01T00:00:00Z');
  assert.equal(a!.content, '<p>x &lt; y</p>');
  assert.deepEqual(a!.categories, ['News', 'misc']);
  assert.equal(b!.title, '<em>b</em>');
  assert.equal(b!.link, 'https://blog.example/other/two');
  assert.equal(c!.link, 'https://blog.example/id/3', 'no alternate link: an http(s) id stands in');
  assert.equal(d!.link, undefined);
});
