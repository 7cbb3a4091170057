// RSS 0.9x/1.0 (RDF)/2.0 (src/ingest/parse/rss.ts), on the fixtures and hand-made feeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeed } from '../../../src/ingest/parse/index.ts';
import { fixture, parseFixture } from './decoded-fixtures.ts';

test('rss-guardian.xml: categories are strings even though the feed gives objects with a domain', async () => {
  const feed = await parseFixture('rss-guardian.xml');
  const first = feed.items[0]!;
  assert.equal(feed.title, 'The Guardian');
  assert.equal(first.title, 'Trump State of the Union address promised unity but emphasized discord');
  assert.equal(
    first.link,
    'https://www.theguardian.com/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord',
  );
  assert.equal(first.published, 'Wed, 31 Jan 2018 07:26:05 GMT');
  assert.equal(first.author, 'David Smith in Washington');
  assert.deepEqual(first.categories.slice(0, 3), ['Donald Trump', 'State of the Union address', 'US news']);
  assert.match(first.summary!, /^<p>The president’s ‘new American moment’ speech/);
  assert.match(first.thumbnail!, /^https:\/\/i\.guim\.co\.uk\/.*\?w=460&q=55/, 'the wider of the two images');
  assert.ok(!first.thumbnail!.includes('&amp;'), 'the XML escape of & is undone');
  assert.equal(feed.lang, 'en-gb');
});

test('rss-arstechnica.xml: content:encoded is the content, description the summary', async () => {
  const feed = await parseFixture('rss-arstechnica.xml');
  const first = feed.items[0]!;
  assert.equal(first.title, 'New teaser reminds us that Dragon Age: Dreadwolf still exists');
  assert.equal(first.author, 'Kyle Orland');
  assert.equal(first.guid, 'https://arstechnica.com/?p=1988420');
  assert.ok(first.content!.length > first.summary!.length * 5);
  assert.deepEqual(first.categories, ['Gaming', 'Bioware', 'Dragon Age', 'dragon age 4', 'dreadwolf', 'EA']);
});

test('rss-bbc-urdu-rtl.xml: right-to-left titles arrive intact', async () => {
  const feed = await parseFixture('rss-bbc-urdu-rtl.xml');
  assert.equal(
    feed.items[0]!.title,
    'امریکی عسکری امداد کی بندش کی وجوہات: انڈیا سے جنگ، جوہری پروگرام اور اب دہشت گردوں کی پشت پناہی',
  );
  assert.equal(feed.items[0]!.published, 'Fri, 05 Jan 2018 16:51:00 GMT');
  assert.equal(feed.items[0]!.thumbnail, 'http://c.files.bbci.co.uk/A787/production/_99478824_gettyimages-856735580.jpg');
  assert.equal(feed.lang, 'ur', 'written in a CDATA section');
});

test('rss-uol-latin1-no-declaration.xml: <rss> without version, Portuguese dates kept as written, empty language ignored', async () => {
  const feed = await parseFixture('rss-uol-latin1-no-declaration.xml');
  const first = feed.items[0]!;
  assert.equal(first.title, 'Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno');
  assert.equal(first.published, 'Seg, 24 Set 2018 19:42:40 -0300');
  assert.equal(first.guid, undefined);
  assert.equal(feed.lang, undefined);
  assert.equal(feed.title, 'UOL Noticias');
});

test('rss-wapo-wellness-est-dates.xml: EST dates as written, & in the channel title decoded by the XML', async () => {
  const feed = await parseFixture('rss-wapo-wellness-est-dates.xml');
  assert.equal(feed.items[0]!.published, 'Tue, 21 Aug 2012 10:33:00 EST');
  assert.equal(feed.title, 'Wellness: Health, Fitness, Nutrition & More - The Washington Post');
  assert.ok(feed.items.some((item) => item.published?.includes(' 7 Aug 2012') === true), 'an unpadded day');
});

test('rss-pcmag-illegally-nested.xml: nested empty items are not items; FeedBurner origLink wins', async () => {
  const feed = await parseFixture('rss-pcmag-illegally-nested.xml');
  const first = feed.items[0]!;
  assert.equal(first.title, 'My Professional Armchair Analysis of CES');
  assert.equal(first.link, 'http://www.pcmag.com/article2/0,2817,2525649,00.asp?kc=PCRSS03079TX1K0000584');
  assert.equal(first.published, 'Wed, 17 Jan 2018 15:50:00 EST');
  assert.ok(feed.items.every((item) => item.title !== undefined && item.link !== undefined));
});

test('rss-fda-time-element-in-pubdate.xml: the <time> element comes through as markup for the date parser', async () => {
  const feed = await parseFixture('rss-fda-time-element-in-pubdate.xml');
  const first = feed.items[0]!;
  assert.match(first.published!, /<time datetime="2019-05-03T19:21:28Z">Fri, 05\/03\/2019 - 15:21<\/time>/);
  assert.match(first.title!, /^Vivimed Life Sciences Pvt Ltd Issues Voluntary Nationwide Recall of Losartan\s+Potassium/);
  assert.equal(
    first.link,
    'http://www.fda.gov/safety/recalls-market-withdrawals-safety-alerts/vivimed-life-sciences-pvt-ltd-issues-voluntary-nationwide-recall-losartan-potassium-25-mg-50-mg-and',
  );
  assert.equal(feed.lang, 'en');
});

test('rss-news18-hindi-odd-dates.xml: odd dates kept as written', async () => {
  const feed = await parseFixture('rss-news18-hindi-odd-dates.xml');
  assert.equal(feed.items[0]!.published, 'Friday, January 29, 2021 04:42 PM');
  assert.equal(feed.items[0]!.title, 'कैसे फैला कोरोना वायरस, WHO की टीम करेगी चीनी अधिकारियों के साथ बैठक');
});

test('rss-aif-ru-enclosures-scripts.xml: Yandex full text is the content; enclosure is the thumbnail', async () => {
  const feed = await parseFixture('rss-aif-ru-enclosures-scripts.xml');
  const first = feed.items[0]!;
  assert.equal(first.title, 'СМИ: собака в Таиланде спасла заживо похороненного младенца');
  assert.equal(first.thumbnail, 'https://images.aif.ru/017/020/025bc5cb4cc5d0f8347bbb27f5e4d13b.jpg');
  assert.deepEqual(first.categories, ['Происшествия']);
  assert.match(first.content!, /Собака спасла заживо похороненного новорожденного ребенка/);
  assert.ok(feed.items.some((item) => item.content?.includes('<iframe') === true), 'the raw content still has its iframes');
  assert.ok(feed.items.some((item) => item.content?.includes('<script') === true), 'the raw content still has its script');
});

test('rss-multiple-media-content.xml: items without a title still parse (title left to normalise)', async () => {
  const feed = await parseFixture('rss-multiple-media-content.xml');
  const first = feed.items[0]!;
  assert.equal(first.title, undefined);
  assert.equal(first.link, 'https://mastodon.art/@nuclearpasta/114495761108890085');
  assert.match(first.summary!, /^<p>Oh it&#39;s/);
  assert.match(first.thumbnail!, /^https:\/\/cdn\.masto\.host\//);
  assert.deepEqual(first.categories, ['webcomicday', 'webcomic', 'fantasy', 'comics']);
});

test('rss-podcast-enclosure-itunes.xml: no link and a guid that is not a URL', async () => {
  const feed = await parseFixture('rss-podcast-enclosure-itunes.xml');
  assert.equal(feed.items[0]!.link, undefined);
  assert.equal(feed.items[0]!.guid, 'c41042ae-5460-11e8-b38c-5f5faf9dd0c5');
  assert.equal(feed.items[0]!.title, 'SYSK Selects: How Gold Works');
});

test('rss-guid-dupes.xml: two identical guids, no link: the permalink guid is the link', async () => {
  const feed = await parseFixture('rss-guid-dupes.xml');
  assert.equal(feed.items[0]!.guid, 'http://www.braingle.com/50366.html');
  assert.equal(feed.items[0]!.link, 'http://www.braingle.com/50366.html');
});

test('rss-leading-whitespace-before-xml-decl.xml: blank lines before <?xml are tolerated', async () => {
  const text = fixture('rss-leading-whitespace-before-xml-decl.xml');
  assert.match(text, /^\s+<\?xml/);
  const feed = await parseFeed(text, 'https://www.androidauthority.com/feed/');
  assert.equal(feed.items[0]!.title, 'Japan’s plans for 5G include 10 billion 14-digit phone numbers');
  assert.match(feed.items[0]!.published!, /Wed, 15 May 2019 20:48:02 \+0000/);
  // And a byte-order mark before whitespace before the declaration.
  const withBom = await parseFeed(`\uFEFF \n${text}`, 'https://www.androidauthority.com/feed/');
  assert.equal(withBom.items.length, 1);
});

test('rss-hackernews-double-escaped-title.xml: the title is the text it&#x27;s, escaped once for normalise', async () => {
  const feed = await parseFixture('rss-hackernews-double-escaped-title.xml');
  assert.equal(feed.items[0]!.title, 'GPTZero case study discovers it&amp;#x27;s only accurate on less than 50% of text');
});

test('rdf-craigslist-html-titles.xml: CDATA titles are markup and pass through', async () => {
  const feed = await parseFixture('rdf-craigslist-html-titles.xml');
  const first = feed.items[0]!;
  assert.equal(first.title, 'Bright, Spacious Beautiful Victorian (oakland north / temescal) &#x0024;4300 3bd 1930ft<sup>2</sup>');
  assert.equal(first.link, 'http://sfbay.craigslist.org/eby/apa/6186664607.html');
  assert.equal(first.published, '2017-06-21T10:33:10-07:00');
});

test('rdf-heise-online-no-dates.xml: RSS 0.90 namespace, no dates, no guids', async () => {
  const feed = await parseFixture('rdf-heise-online-no-dates.xml');
  assert.equal(feed.title, 'heise online News');
  assert.ok(feed.items.every((item) => item.published === undefined && item.updated === undefined && item.guid === undefined));
  assert.equal(feed.items[0]!.title, 'OLED-TVs: Vorsichtsmaßnahmen gegen Einbrennen');
});

test('RSS titles: text is escaped once for normalise, CDATA is markup', async () => {
  const feed = await parseFeed(
    `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
      <item><title>AT&amp;amp;T &amp; friends</title><link>https://e.example/1</link></item>
      <item><title><![CDATA[AT&amp;T <em>and</em> friends]]></title><link>https://e.example/2</link></item>
      <item><title>&lt;b&gt;bold&lt;/b&gt;</title><link>https://e.example/3</link></item>
      <item><title>mixed &amp;amp; <![CDATA[<i>x</i> &amp;]]></title><link>https://e.example/4</link></item>
    </channel></rss>`,
    'https://e.example/feed',
  );
  assert.deepEqual(
    feed.items.map((item) => item.title),
    ['AT&amp;amp;T &amp; friends', 'AT&amp;T <em>and</em> friends', '<b>bold</b>', 'mixed &amp;amp; <i>x</i> &amp;'],
  );
});

test('RSS: guid with isPermaLink="false" is not a link; categories from dc:subject; dc:creator; dc:language', async () => {
  const feed = await parseFeed(
    `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title>
      <item><title>a</title><guid isPermaLink="false">https://e.example/not-a-link</guid>
        <dc:subject>Politics</dc:subject><category><![CDATA[Health &amp; Care]]></category>
        <dc:creator><![CDATA[Jane <b>Doe</b>]]></dc:creator><dc:language>fa</dc:language></item>
    </channel></rss>`,
    'https://e.example/feed',
  );
  const item = feed.items[0]!;
  assert.equal(item.link, undefined);
  assert.equal(item.guid, 'https://e.example/not-a-link');
  assert.deepEqual(item.categories, ['Health & Care', 'Politics']);
  assert.equal(item.author, 'Jane Doe');
  assert.equal(item.lang, 'fa');
});
