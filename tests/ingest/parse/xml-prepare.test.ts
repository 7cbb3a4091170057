// What xml-prepare.ts does for every XML feed: CDATA placeholders, bare `&` repair, entities (DOCTYPE entities: doctype-entities.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeed } from '../../../src/ingest/parse/index.ts';

test('a bare & in the XML is repaired rather than failing the feed', async () => {
  const feed = await parseFeed(
    '<rss version="2.0"><channel><title>A & B</title><item><title>Q&A</title><link>https://e.example/?a=1&b=2</link></item></channel></rss>',
    'https://e.example/feed',
  );
  assert.equal(feed.title, 'A & B');
  assert.equal(feed.items[0]!.title, 'Q&amp;A');
  assert.equal(feed.items[0]!.link, 'https://e.example/?a=1&b=2');
});

test('HTML entities of the HTML vocabulary (&nbsp;) do not break the XML parse', async () => {
  const feed = await parseFeed(
    '<rss version="2.0"><channel><title>t</title><item><title>a&nbsp;b</title><link>https://e.example/</link></item></channel></rss>',
    'https://e.example/feed',
  );
  assert.equal(feed.items.length, 1);
});

test('internal marks in the input are not mistaken for CDATA', async () => {
  const feed = await parseFeed(
    '<rss version="2.0"><channel><title>t</title><item><title>a\uE000&lt;b&gt;\uE001c</title><link>https://e.example/</link></item></channel></rss>',
    'https://e.example/feed',
  );
  assert.equal(feed.items[0]!.title, 'a<b>c');
});

test('internal marks around a number in the input are not taken for a CDATA placeholder', async () => {
  const feed = await parseFeed(
    '<rss version="2.0"><channel><title>t</title><item><title>x\uE0000\uE001y <![CDATA[<b>z</b>]]></title><link>https://e.example/</link></item></channel></rss>',
    'https://e.example/feed',
  );
  assert.equal(feed.items[0]!.title, 'x0y <b>z</b>');
});

test('CDATA sections: in links and dates, several in one element, and an XML error after one names its line', async () => {
  const feed = await parseFeed(
    `<rss version="2.0"><channel><title>t</title><item><title>a</title>
      <link><![CDATA[https://e.example/a?x=1&y=2]]></link>
      <pubDate><![CDATA[Mon, 02 Jan 2023 10:00:00 GMT]]></pubDate>
      <description><![CDATA[<p>one</p>]]> and <![CDATA[<p>two
</p>]]></description></item></channel></rss>`,
    'https://e.example/feed',
  );
  const item = feed.items[0]!;
  assert.equal(item.link, 'https://e.example/a?x=1&y=2');
  assert.equal(item.published, 'Mon, 02 Jan 2023 10:00:00 GMT');
  assert.equal(item.summary, '<p>one</p> and <p>two\n</p>');
  await assert.rejects(
    parseFeed('<rss version="2.0"><channel><item><description><![CDATA[a\nb\nc]]></description>\n<bad></item></channel></rss>', 'https://e.example/feed'),
    /invalid XML: .*Line: 3,/,
  );
});


test('raw markup inside RSS text elements is read as the markup it is, not dropped', async () => {
  const feed = await parseFeed(
    '<rss version="2.0"><channel><title>t</title><item><title>A <b>bold</b> &amp; plain title</title><description><p>Hello <i>there</i> ]]&gt; world</p></description><link>https://e.example/1</link></item><item><title/><description>plain</description><link>https://e.example/2</link></item></channel></rss>',
    'https://e.example/feed',
  );
  assert.equal(feed.items[0]!.title, 'A <b>bold</b> &amp; plain title');
  assert.equal(feed.items[0]!.summary, '<p>Hello <i>there</i> ]]&gt; world</p>');
  assert.equal(feed.items[1]!.title, undefined);
  assert.equal(feed.items[1]!.summary, 'plain');
});

test('a named reference neither XML nor HTML defines stays text instead of failing the feed', async () => {
  const feed = await parseFeed(
    '<rss version="2.0"><channel><title>t</title><item><title>a &foo; &eacute; &amp; b</title><link>https://e.example/1</link></item></channel></rss>',
    'https://e.example/feed',
  );
  assert.equal(feed.items[0]!.title, 'a &amp;foo; é &amp; b');
});

test('Atom: raw markup inside an element typed html is read as HTML; xhtml and text elements are left alone', async () => {
  const feed = await parseFeed(
    '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="text">Plain &amp; simple</title><link href="https://e.example/1"/><summary type="html"><p>Raw <b>HTML</b></p></summary><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Inline <i>xhtml</i></p></div></content></entry></feed>',
    'https://e.example/feed',
  );
  assert.equal(feed.items[0]!.title, 'Plain &amp; simple');
  assert.equal(feed.items[0]!.summary, '<p>Raw <b>HTML</b></p>');
  assert.equal(feed.items[0]!.content, '<p>Inline <i>xhtml</i></p>');
});
