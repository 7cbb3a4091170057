// parseFeed as a whole: every fixture parses to strings only, and what is not a feed is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { FeedParseError, parseFeed } from '../../../src/ingest/parse/index.ts';
import { FEEDS_DIR } from '../../helpers/fixtures.ts';
import { parseFixture } from './decoded-fixtures.ts';

/** Item counts from tests/fixtures/README.md. */
const EXPECTED_COUNTS: Record<string, number> = {
  'rss-guardian.xml': 55,
  'rss-arstechnica.xml': 20,
  'rss-brasildefato-pt.xml': 50,
  'rss-bbc-urdu-rtl.xml': 26,
  'rss-uol-latin1-no-declaration.xml': 15,
  'rss-ibash-windows-1251.xml': 50,
  'rss-liberal-greek-iso-8859-7.xml': 2,
  'rss-golem-iso-8859-1.xml': 40,
  'rss-wapo-wellness-est-dates.xml': 29,
  'rss-pcmag-illegally-nested.xml': 10,
  'rss-fda-time-element-in-pubdate.xml': 20,
  'rss-news18-hindi-odd-dates.xml': 2,
  'rss-aif-ru-enclosures-scripts.xml': 100,
  'rss-multiple-media-content.xml': 20,
  'rss-podcast-enclosure-itunes.xml': 1,
  'rss-guid-dupes.xml': 1,
  'rss-leading-whitespace-before-xml-decl.xml': 1,
  'rss-hackernews-double-escaped-title.xml': 1,
  'atom-youtube-channel.xml': 15,
  'atom-heise-de.xml': 15,
  'atom-theverge.xml': 10,
  'atom-tpm-scripts-iframes.xml': 20,
  'atom-intertwingly-xhtml.xml': 20,
  'rdf-heise-online-no-dates.xml': 60,
  'rdf-craigslist-html-titles.xml': 25,
  'json-npr-world.json': 23,
  'json-kibty-town-rfc822-dates.json': 6,
};

const STRING_FIELDS = ['guid', 'link', 'title', 'summary', 'content', 'author', 'published', 'updated', 'videoId', 'thumbnail', 'lang'] as const;

test('the README lists every fixture in the directory', () => {
  const files = readdirSync(FEEDS_DIR, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort();
  assert.deepEqual(files, Object.keys(EXPECTED_COUNTS).sort());
  assert.equal(files.length, 27);
});

for (const [name, count] of Object.entries(EXPECTED_COUNTS)) {
  test(`${name}: ${count} items, strings only`, async () => {
    const feed = await parseFixture(name);
    assert.equal(feed.items.length, count);
    for (const item of feed.items) {
      for (const field of STRING_FIELDS) {
        const value = item[field];
        assert.ok(value === undefined || (typeof value === 'string' && value.trim() !== ''), `${field}: ${String(value)}`);
        assert.ok(value === undefined || !/[\uE000\uE001]/.test(value), `${field} carries an internal mark`);
      }
      assert.ok(Array.isArray(item.categories));
      for (const category of item.categories) assert.equal(typeof category, 'string');
      assert.ok(item.title !== undefined || item.summary !== undefined || item.content !== undefined, 'an item with nothing in it');
    }
  });
}

test('the non-UTF-8 fixtures decode to their scripts', async () => {
  assert.equal((await parseFixture('rss-ibash-windows-1251.xml')).items[0]!.title, 'Цитата #17703');
  const greek = await parseFixture('rss-liberal-greek-iso-8859-7.xml');
  assert.equal(greek.items[0]!.title, '«Πορτραίτα καραντίνας» για έμπνευση από τη συλλογή Φέλιου');
  assert.equal(greek.items[0]!.thumbnail, 'http://www.liberal.gr/photos/646464564565.jpg');
  const golem = await parseFixture('rss-golem-iso-8859-1.xml');
  assert.equal(golem.items[0]!.title, 'Red Dead Redemption 2: Hinweise auf PC-Umsetzung in App von Rockstar Games');
  assert.equal(golem.lang, 'de');
});

test('what is not a feed throws FeedParseError with a clear message', async () => {
  const cases: [string, RegExp][] = [
    ['', /empty/],
    ['   \n  ', /empty/],
    ['hello world', /neither XML nor JSON/],
    ['<!DOCTYPE html><html><head><title>Oops</title></head><body>Not found</body></html>', /HTML page/],
    ['<?xml version="1.0"?><opml version="2.0"><body/></opml>', /root element is <opml>/],
    ['<rss version="2.0"><channel><title>t</title><item><title>x</item></channel></rss>', /invalid XML/],
    ['<rss version="2.0"><channel><title>unterminated', /invalid XML/],
    ['{"version": "https://jsonfeed.org/version/1.1", "items": ', /invalid JSON/],
    ['{"hello": "world"}', /not a feed: JSON without a JSON Feed version/],
    ['[1, 2, 3]', /not a feed/],
    ['{"version": "https://jsonfeed.org/version/1", "items": {"a": 1}}', /"items" is not a list/],
  ];
  for (const [text, message] of cases) {
    await assert.rejects(parseFeed(text, 'https://e.example/feed'), (error: unknown) => {
      assert.ok(error instanceof FeedParseError, `${JSON.stringify(text)}: ${String(error)}`);
      assert.match(error.message, message, JSON.stringify(text));
      return true;
    });
  }
});

test('an RSS feed with no items is an empty feed, not an error', async () => {
  const feed = await parseFeed('<rss version="2.0"><channel><title>Quiet</title></channel></rss>', 'https://e.example/feed');
  assert.deepEqual(feed.items, []);
  assert.equal(feed.title, 'Quiet');
});
