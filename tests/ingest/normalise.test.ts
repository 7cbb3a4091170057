import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { normaliseFeed, normaliseLanguage, normaliseLink, type NormaliseContext } from '../../src/ingest/normalise.ts';
import { parseFeed } from '../../src/ingest/parse/index.ts';
import type { NormalisedItem, ParsedFeed, RawItem } from '../../src/ingest/types.ts';
import { feedBytes } from '../helpers/fixtures.ts';

const ENCODINGS: Record<string, string> = {
  'rss-uol-latin1-no-declaration.xml': 'iso-8859-1',
  'rss-ibash-windows-1251.xml': 'windows-1251',
  'rss-liberal-greek-iso-8859-7.xml': 'iso-8859-7',
  'rss-golem-iso-8859-1.xml': 'iso-8859-1',
};

const FETCHED_AT = new Date('2026-10-01T08:00:00Z');
const NOW = new Date('2026-10-01T08:00:05Z');

function fixture(name: string): string {
  const bytes = feedBytes(name);
  return iconv.decode(bytes, ENCODINGS[name] ?? 'utf-8');
}

async function normaliseFixture(name: string, feedUrl: string, sourceLang?: string) {
  const feed = await parseFeed(fixture(name), feedUrl);
  const context: NormaliseContext = { feedUrl, fetchedAt: FETCHED_AT, now: NOW };
  if (sourceLang !== undefined) context.sourceLang = sourceLang;
  return { feed, ...normaliseFeed(feed, context) };
}

function normaliseRaw(items: RawItem[], extra: Partial<ParsedFeed> = {}, context: Partial<NormaliseContext> = {}) {
  return normaliseFeed(
    { items, ...extra },
    { feedUrl: 'https://news.example.org/feed.xml', fetchedAt: FETCHED_AT, now: NOW, ...context },
  );
}

function one(raw: Partial<RawItem>, extra: Partial<ParsedFeed> = {}, context: Partial<NormaliseContext> = {}): NormalisedItem | undefined {
  return normaliseRaw([{ categories: [], ...raw }], extra, context).items[0];
}

test('atom-intertwingly-xhtml.xml: root-relative entry links resolve against the feed URL', async () => {
  const { items, skipped } = await normaliseFixture('atom-intertwingly-xhtml.xml', 'http://intertwingly.net/blog/index.atom');
  assert.equal(skipped, 0);
  assert.equal(items.length, 20);
  assert.equal(items[0]!.link, 'http://intertwingly.net/blog/2012/07/16/Inhibiting-Suspend');
  assert.ok(items.every((item) => item.link.startsWith('http://intertwingly.net/blog/')));
  assert.equal(items[0]!.date.toISOString(), '2012-07-16T15:48:01.000Z', 'no published: updated is the date');
});

test('atom-tpm-scripts-iframes.xml: root-relative links resolve too', async () => {
  const { items } = await normaliseFixture('atom-tpm-scripts-iframes.xml', 'http://talkingpointsmemo.com/account/feed/all/x');
  assert.equal(items[0]!.link, 'http://talkingpointsmemo.com/livewire/hannity-announces-fox-hired-sebastian-gorka-national-security-strategist');
  assert.equal(items[0]!.lang, 'en');
});

test('rss-wapo-wellness-est-dates.xml: EST dates, unpadded days, in UTC', async () => {
  const { feed, items } = await normaliseFixture('rss-wapo-wellness-est-dates.xml', 'http://feeds.washingtonpost.com/rss/lifestyle/wellness');
  assert.equal(items.length, 29);
  assert.equal(items[0]!.date.toISOString(), '2012-08-21T15:33:00.000Z');
  const unpadded = feed.items.findIndex((item) => item.published === 'Tue, 7 Aug 2012 11:02:03 EST');
  assert.ok(unpadded >= 0);
  assert.equal(items[unpadded]!.date.toISOString(), '2012-08-07T16:02:03.000Z');
  assert.ok(items.every((item) => item.date.getTime() !== FETCHED_AT.getTime()), 'every date was read');
});

test('rss-uol-latin1-no-declaration.xml: Portuguese dates', async () => {
  const { items } = await normaliseFixture('rss-uol-latin1-no-declaration.xml', 'https://rss.uol.com.br/feed/noticias.xml');
  assert.equal(items.length, 15);
  assert.equal(items[0]!.date.toISOString(), '2018-09-24T22:42:40.000Z');
  assert.ok(items.every((item) => item.date.getTime() !== FETCHED_AT.getTime()), 'every Portuguese date was read');
  assert.equal(items[0]!.lang, undefined, 'an empty <language> is no language');
});

test('rss-uol: the source language fills in when the feed has none', async () => {
  const { items } = await normaliseFixture('rss-uol-latin1-no-declaration.xml', 'https://rss.uol.com.br/feed/noticias.xml', 'pt-BR');
  assert.equal(items[0]!.lang, 'pt');
});

test('rss-fda-time-element-in-pubdate.xml: the datetime of the <time> element; multi-line titles folded', async () => {
  const { items } = await normaliseFixture('rss-fda-time-element-in-pubdate.xml', 'https://www.fda.gov/rss.xml');
  assert.equal(items[0]!.date.toISOString(), '2019-05-03T19:21:28.000Z');
  assert.equal(
    items[0]!.title,
    'Vivimed Life Sciences Pvt Ltd Issues Voluntary Nationwide Recall of Losartan Potassium 25 mg, 50 mg and 100 mg Tablets, USP Due to the Detection of Trace Amounts of N-Nitroso-N-methyl-4-aminobutyric acid (NMBA) Impurity',
  );
  assert.match(items[0]!.link, /^http:\/\/www\.fda\.gov\/safety\/recalls-market-withdrawals-safety-alerts\/vivimed/);
  assert.ok(items.every((item) => item.date.getTime() !== FETCHED_AT.getTime()));
});

test('rdf-heise-online-no-dates.xml: no dates → fetchedAt; tracking parameter wt_mc removed', async () => {
  const { items } = await normaliseFixture('rdf-heise-online-no-dates.xml', 'https://www.heise.de/newsticker/heise.rdf');
  assert.equal(items.length, 60);
  assert.ok(items.every((item) => item.date.getTime() === FETCHED_AT.getTime()));
  assert.ok(items.every((item) => item.guid === undefined));
  assert.equal(
    items[0]!.link,
    'https://www.heise.de/newsticker/meldung/OLED-TVs-Vorsichtsmassnahmen-gegen-Einbrennen-4205274.html',
  );
});

test('json-npr-world.json: tracking parameters stripped from every link', async () => {
  const { items } = await normaliseFixture('json-npr-world.json', 'https://feeds.npr.org/1004/feed.json');
  assert.equal(items.length, 23);
  assert.equal(items[0]!.link, 'https://www.npr.org/2024/08/26/1198913145/eggs-and-bananas-life-after-a-russian-prison');
  assert.ok(items.every((item) => !/utm_|[?&]$/.test(item.link)), items.map((i) => i.link).join('\n'));
  assert.equal(items[0]!.date.toISOString(), '2024-08-27T00:32:01.000Z');
  assert.equal(items[0]!.updated!.toISOString(), '2024-08-27T01:00:00.000Z');
  assert.equal(items[0]!.author, 'NPR');
  assert.equal(items[0]!.guid, '1198913145');
});

test('rss-hackernews-double-escaped-title.xml: decoded once — the text it&#x27;s', async () => {
  const { items } = await normaliseFixture('rss-hackernews-double-escaped-title.xml', 'https://news.ycombinator.com/rss');
  assert.equal(items[0]!.title, 'GPTZero case study discovers it&#x27;s only accurate on less than 50% of text');
});

test('rdf-craigslist-html-titles.xml: HTML in titles stripped, entities decoded', async () => {
  const { items } = await normaliseFixture('rdf-craigslist-html-titles.xml', 'https://sfbay.craigslist.org/search/apa?format=rss');
  assert.equal(items.length, 25);
  assert.equal(items[0]!.title, 'Bright, Spacious Beautiful Victorian (oakland north / temescal) $4300 3bd 1930ft2');
  for (const item of items) {
    assert.ok(!/[<>]|&#x|&amp;|<sup/.test(item.title), item.title);
  }
  assert.equal(items[0]!.date.toISOString(), '2017-06-21T17:33:10.000Z');
  assert.equal(items[0]!.lang, 'en');
});

test('rss-bbc-urdu-rtl.xml: right-to-left titles intact', async () => {
  const { feed, items } = await normaliseFixture('rss-bbc-urdu-rtl.xml', 'http://www.bbc.com/urdu/index.xml');
  assert.equal(items.length, 26);
  items.forEach((item, index) => assert.equal(item.title, feed.items[index]!.title!.replace(/\s+/g, ' ').trim()));
  assert.equal(
    items[0]!.title,
    'امریکی عسکری امداد کی بندش کی وجوہات: انڈیا سے جنگ، جوہری پروگرام اور اب دہشت گردوں کی پشت پناہی',
  );
  assert.equal(items[0]!.lang, 'ur');
  assert.equal(items[0]!.date.toISOString(), '2018-01-05T16:51:00.000Z');
});

test('rss-multiple-media-content.xml: titles derived from the first sentence, never invented', async () => {
  const { items, skipped } = await normaliseFixture('rss-multiple-media-content.xml', 'https://mastodon.art/@nuclearpasta.rss');
  assert.equal(skipped, 0);
  assert.equal(items.length, 20);
  assert.equal(items[0]!.title, "Oh it's #WebcomicDay again!");
  for (const item of items) {
    assert.notEqual(item.title, '');
    assert.ok(!/untitled/i.test(item.title));
    assert.ok(item.title.replace(/…$/, '').split(/\s+/).length <= 12, item.title);
  }
});

test('rss-podcast-enclosure-itunes.xml: no link of its own → the feed\'s site link, marked as the home page', async () => {
  const { feed, items, skipped } = await normaliseFixture('rss-podcast-enclosure-itunes.xml', 'https://feeds.megaphone.fm/stuffyoushouldknow');
  assert.equal(skipped, 0);
  assert.equal(items.length, 1);
  assert.equal(feed.items[0]!.link, undefined, 'the item has no link (its guid is not a permalink)');
  assert.equal(items[0]!.link, normaliseLink(feed.link, 'https://feeds.megaphone.fm/'));
  assert.equal(items[0]!.linkIsHome, true);
});

test('rss-pcmag-illegally-nested.xml: FeedBurner origLink, EST dates', async () => {
  const { items } = await normaliseFixture('rss-pcmag-illegally-nested.xml', 'http://feeds.pcmag.com/Rss.aspx/SectionArticles?sectionId=28');
  assert.equal(items.length, 10);
  assert.equal(items[0]!.link, 'http://www.pcmag.com/article2/0,2817,2525649,00.asp?kc=PCRSS03079TX1K0000584');
  assert.equal(items[0]!.date.toISOString(), '2018-01-17T20:50:00.000Z');
});

test('rss-news18-hindi-odd-dates.xml: "Friday, January 29, 2021 04:42 PM" is UTC', async () => {
  const { items } = await normaliseFixture('rss-news18-hindi-odd-dates.xml', 'https://hindi.news18.com/rss/khabar/world.xml');
  assert.equal(items[0]!.date.toISOString(), '2021-01-29T16:42:00.000Z');
  assert.equal(items[0]!.lang, 'hi');
});

test('atom-youtube-channel.xml: video ids and thumbnails survive', async () => {
  const { items } = await normaliseFixture('atom-youtube-channel.xml', 'https://www.youtube.com/feeds/videos.xml?channel_id=UC9PBzalIcEQCsiIkq36PyUA');
  assert.equal(items.length, 15);
  assert.equal(items[0]!.videoId, 'W_S7iKZZdHw');
  assert.equal(items[0]!.thumbnail, 'https://i4.ytimg.com/vi/W_S7iKZZdHw/hqdefault.jpg');
  assert.equal(items[0]!.link, 'https://www.youtube.com/watch?v=W_S7iKZZdHw', 'the v parameter is not tracking');
});

test('every fixture normalises: absolute http(s) links, valid dates, non-empty plain titles', async () => {
  const names = [
    'rss-guardian.xml',
    'rss-arstechnica.xml',
    'rss-brasildefato-pt.xml',
    'rss-ibash-windows-1251.xml',
    'rss-liberal-greek-iso-8859-7.xml',
    'rss-golem-iso-8859-1.xml',
    'rss-aif-ru-enclosures-scripts.xml',
    'rss-guid-dupes.xml',
    'rss-leading-whitespace-before-xml-decl.xml',
    'atom-heise-de.xml',
    'atom-theverge.xml',
    'json-kibty-town-rfc822-dates.json',
  ];
  for (const name of names) {
    const { feed, items, skipped } = await normaliseFixture(name, 'https://feed.example.org/feed');
    assert.equal(items.length + skipped, feed.items.length, name);
    assert.equal(skipped, 0, name);
    for (const item of items) {
      assert.match(item.link, /^https?:\/\/[^/]/, name);
      assert.ok(!item.link.includes('#'), name);
      assert.ok(!Number.isNaN(item.date.getTime()) && item.date.getTime() <= NOW.getTime(), name);
      assert.ok(item.title.trim() === item.title && item.title !== '' && !/\s{2}|[<>]/.test(item.title), `${name}: ${item.title}`);
    }
  }
});

test('json-kibty-town-rfc822-dates.json: RFC 822 in a JSON Feed', async () => {
  const { items } = await normaliseFixture('json-kibty-town-rfc822-dates.json', 'https://kibty.town/blog.json');
  assert.equal(items[0]!.date.toISOString(), '2024-09-07T00:00:00.000Z');
});

test('titles: entities decoded once, tags stripped, whitespace folded', () => {
  assert.equal(one({ title: 'Tom &amp; Jerry', link: '/a' })!.title, 'Tom & Jerry');
  assert.equal(one({ title: 'it&amp;#x27;s', link: '/a' })!.title, 'it&#x27;s');
  assert.equal(one({ title: 'it&#x27;s &eacute;t&eacute; &hellip;', link: '/a' })!.title, 'it\'s été …');
  assert.equal(one({ title: '  a\n\t b <b>bold</b>\u00a0c  ', link: '/a' })!.title, 'a b bold c');
  assert.equal(one({ title: '<p>one</p><p>two</p>', link: '/a' })!.title, 'one two');
  assert.equal(one({ title: 'a < b and c > d', link: '/a' })!.title, 'a < b and c > d');
  assert.equal(one({ title: 'ZWNJ stays: می‌خواهم', link: '/a' })!.title, 'ZWNJ stays: می‌خواهم');
  assert.equal(one({ title: 'bell\u0007 and nul\u0000', link: '/a' })!.title, 'bell and nul');
  const long = one({ title: 'word '.repeat(200), link: '/a' })!.title;
  assert.ok(long.length <= 301 && long.endsWith('…'));
});

test('hostile titles survive as plain text', () => {
  const titles: [string, string][] = [
    ['x\n---\nlayout: evil', 'x --- layout: evil'],
    ['a: b', 'a: b'],
    ['!!js/function "function(){ return process.exit(1) }"', '!!js/function "function(){ return process.exit(1) }"'],
    ['{{ 7*7 }}', '{{ 7*7 }}'],
    ['{% include "/etc/passwd" %}', '{% include "/etc/passwd" %}'],
    ['&lt;script&gt;alert(1)&lt;/script&gt; hi', 'alert(1) hi'],
    ['&amp;lt;b&amp;gt; double-escaped', '&lt;b&gt; double-escaped'],
    ['<img src=x onerror=alert(1)>Photo', 'Photo'],
    ['<script>alert(1)</script>Real title', 'Real title'],
    ['<svg onload=alert(1)>Drawing</svg> news', 'news'],
    ["'; DROP TABLE posts; --", "'; DROP TABLE posts; --"],
  ];
  for (const [title, expected] of titles) {
    assert.equal(one({ title, link: 'https://e.example/x' })?.title, expected, title);
  }
});

test('only an item with neither title nor text is skipped; no usable link → the home page, never "Untitled"', () => {
  const { items, skipped } = normaliseRaw([
    { categories: [], title: 'ok', link: 'https://e.example/ok' },
    { categories: [], title: '   ', link: 'https://e.example/a' },
    { categories: [], title: '<script>alert(1)</script>', link: 'https://e.example/b' },
    { categories: [], link: 'https://e.example/c' },
    { categories: [], title: 'no link' },
    { categories: [], title: 'bad link', link: 'javascript:alert(1)' },
    { categories: [], title: 'bad link', link: 'JaVaScRiPt:alert(1)' },
    { categories: [], title: 'data', link: 'data:text/html,<script>alert(1)</script>' },
    { categories: [], title: 'vb', link: 'vbscript:msgbox(1)' },
    { categories: [], title: 'mail', link: 'mailto:x@example.org' },
    { categories: [], title: 'ftp', link: 'ftp://example.org/file' },
    { categories: [], title: 'empty', link: '   ' },
    { categories: [], title: 'bad url', link: 'http://' },
    { categories: [], summary: '<p>Only text here. And more.</p>' },
  ]);
  assert.deepEqual(
    items.map((item) => [item.title, item.link, item.linkIsHome ?? false]),
    [
      ['ok', 'https://e.example/ok', false],
      ['no link', 'https://news.example.org/', true],
      ['bad link', 'https://news.example.org/', true],
      ['bad link', 'https://news.example.org/', true],
      ['data', 'https://news.example.org/', true],
      ['vb', 'https://news.example.org/', true],
      ['mail', 'https://news.example.org/', true],
      ['ftp', 'https://news.example.org/', true],
      ['empty', 'https://news.example.org/', true],
      ['bad url', 'https://news.example.org/', true],
      ['Only text here', 'https://news.example.org/', true],
    ],
  );
  assert.equal(skipped, 3, 'the three items with neither a title nor any text');
});

test('the home page of an item without a link: the feed\'s site link (resolved, cleaned), else the root of the feed\'s address', () => {
  assert.equal(one({ title: 't' }, { link: '/news/?utm_source=rss' })!.link, 'https://news.example.org/news/');
  assert.equal(one({ title: 't' }, { link: 'https://site.example/' })!.link, 'https://site.example/');
  assert.equal(one({ title: 't' }, { link: 'javascript:alert(1)' })!.link, 'https://news.example.org/');
  assert.equal(one({ title: 't' }, {}, { feedUrl: 'http://feeds.example.net:8080/a/b.rss?x=1' })!.link, 'http://feeds.example.net:8080/');
  assert.equal(one({ title: 't', link: 'https://e.example/own' }, { link: 'https://site.example/' })!.linkIsHome, undefined);
});

test('a title from the first sentence of the text (summary, else content)', () => {
  assert.equal(one({ summary: '<p>First sentence here. Second one.</p>', link: '/a' })!.title, 'First sentence here');
  assert.equal(one({ content: '<p>Is this a question? Yes.</p>', link: '/a' })!.title, 'Is this a question?');
  assert.equal(
    one({ summary: '<p>one two three four five six seven eight nine ten eleven twelve thirteen fourteen</p>', link: '/a' })!.title,
    'one two three four five six seven eight nine ten eleven twelve…',
  );
  assert.equal(one({ summary: '<p>امروز در کابل باران بارید. فردا آفتابی است.</p>', link: '/a' })!.title, 'امروز در کابل باران بارید');
  assert.equal(one({ summary: '<p>آیا باران می‌بارد؟ بله.</p>', link: '/a' })!.title, 'آیا باران می‌بارد؟');
  assert.equal(one({ summary: '<p>Headline without stop</p><p>Body text.</p>', link: '/a' })!.title, 'Headline without stop');
  assert.equal(one({ summary: '<img src="https://e.example/a.jpg">', link: '/a' }), undefined);
});

test('links: resolved, fragment and tracking parameters removed, other parameters kept byte for byte', () => {
  const base = 'https://news.example.org/section/feed.xml';
  assert.equal(normaliseLink('/a/b', base), 'https://news.example.org/a/b');
  assert.equal(normaliseLink('c', base), 'https://news.example.org/section/c');
  assert.equal(normaliseLink('//cdn.example.org/x', base), 'https://cdn.example.org/x');
  assert.equal(normaliseLink('  https://e.example/p#comments ', base), 'https://e.example/p');
  assert.equal(
    normaliseLink('https://e.example/p?id=7&utm_source=rss&utm_MEDIUM=x&fbclid=1&gclid=2&mc_cid=3&mc_eid=4&igshid=5&ref_src=6&cmpid=7&q=a%20b+c', base),
    'https://e.example/p?id=7&q=a%20b+c',
  );
  assert.equal(normaliseLink('https://e.example/p?utm_source=rss', base), 'https://e.example/p');
  assert.equal(normaliseLink('https://user:pass@e.example/p', base), 'https://e.example/p');
  assert.equal(normaliseLink('HTTPS://E.EXAMPLE/P', base), 'https://e.example/P');
  assert.equal(normaliseLink('https://www.youtube.com/watch?v=abc&feature=youtu.be', base), 'https://www.youtube.com/watch?v=abc&feature=youtu.be');
  assert.equal(normaliseLink('https://e.example/p?ref=home', base), 'https://e.example/p?ref=home', 'ref alone is not known tracking');
  for (const bad of ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'java\nscript:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', 'mailto:a@b.c', '', undefined]) {
    assert.equal(normaliseLink(bad, base), null, String(bad));
  }
  // A relative link with a feed URL that is not a URL: nothing to resolve against.
  assert.equal(normaliseLink('/a', 'not a url'), null);
  assert.equal(normaliseLink('https://e.example/a', 'not a url'), 'https://e.example/a');
});

test('dates: published, else updated, else fetchedAt; the future is clamped to now', () => {
  assert.equal(one({ title: 't', link: '/a', published: 'Tue, 07 Aug 2012 11:02:03 GMT' })!.date.toISOString(), '2012-08-07T11:02:03.000Z');
  assert.equal(one({ title: 't', link: '/a', published: 'garbage', updated: '2012-08-08T00:00:00Z' })!.date.toISOString(), '2012-08-08T00:00:00.000Z');
  assert.equal(one({ title: 't', link: '/a', published: 'garbage' })!.date.getTime(), FETCHED_AT.getTime());
  assert.equal(one({ title: 't', link: '/a' })!.date.getTime(), FETCHED_AT.getTime());
  const future = one({ title: 't', link: '/a', published: '2099-01-01T00:00:00Z', updated: '2099-01-02T00:00:00Z' })!;
  assert.equal(future.date.getTime(), NOW.getTime());
  assert.equal(future.updated!.getTime(), NOW.getTime());
  const updated = one({ title: 't', link: '/a', published: '2024-01-01T00:00:00Z', updated: '2024-01-02T00:00:00Z' })!;
  assert.equal(updated.updated!.toISOString(), '2024-01-02T00:00:00.000Z');
  assert.equal(one({ title: 't', link: '/a', published: '2024-01-01T00:00:00Z' })!.updated, undefined);
});

test('language: item, else feed, else source; normalised to the primary subtag', () => {
  assert.equal(one({ title: 't', link: '/a', lang: 'fa-IR' }, { lang: 'en' }, { sourceLang: 'ps' })!.lang, 'fa');
  assert.equal(one({ title: 't', link: '/a' }, { lang: 'en-us' }, { sourceLang: 'ps' })!.lang, 'en');
  assert.equal(one({ title: 't', link: '/a' }, {}, { sourceLang: 'ps' })!.lang, 'ps');
  assert.equal(one({ title: 't', link: '/a', lang: 'English' }, { lang: ' ' }, { sourceLang: 'PRS' })!.lang, 'prs');
  assert.equal(one({ title: 't', link: '/a' })!.lang, undefined);
  assert.equal(normaliseLanguage('pt_BR'), 'pt');
  assert.equal(normaliseLanguage('zh-Hant-TW'), 'zh');
  assert.equal(normaliseLanguage('x'), undefined);
  assert.equal(normaliseLanguage('12'), undefined);
});

test('author as plain text; bare e-mail addresses are not published', () => {
  assert.equal(one({ title: 't', link: '/a', author: 'jane@example.org (Jane Doe)' })!.author, 'Jane Doe');
  assert.equal(one({ title: 't', link: '/a', author: 'Jane Doe <jane@example.org>' })!.author, 'Jane Doe');
  assert.equal(one({ title: 't', link: '/a', author: 'jane@example.org' })!.author, undefined);
  assert.equal(one({ title: 't', link: '/a', author: '<b>Ahmad</b> &amp; Co' })!.author, 'Ahmad & Co');
  assert.equal(one({ title: 't', link: '/a', author: '  ' })!.author, undefined);
});

test('summary and content are kept apart and raw; categories trimmed and de-duplicated', () => {
  const item = one({
    title: 't',
    link: '/a',
    guid: '  g-1 ',
    summary: '<p>short <script>x</script></p>',
    content: '<p>long</p>',
    categories: [' Politics ', 'politics', '', 'Health  News'],
    videoId: 'not valid!',
    thumbnail: 'javascript:alert(1)',
  })!;
  assert.equal(item.summaryHtml, '<p>short <script>x</script></p>');
  assert.equal(item.contentHtml, '<p>long</p>');
  assert.deepEqual(item.categories, ['Politics', 'Health News']);
  assert.equal(item.guid, 'g-1');
  assert.equal(item.videoId, undefined);
  assert.equal(item.thumbnail, undefined);
});
