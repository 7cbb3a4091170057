// Entities declared in a feed's own DOCTYPE: expanded, within caps; external ones never read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENTITY_LIMIT, TOTAL_LIMIT, expandDoctypeEntities } from '../../../src/ingest/parse/doctype-entities.ts';
import { FeedParseError, parseFeed } from '../../../src/ingest/parse/index.ts';

function rss(subset: string, title: string): string {
  return `<?xml version="1.0"?>\n<!DOCTYPE rss [\n${subset}\n]>\n<rss version="2.0"><channel><title>t</title><item><title>${title}</title><link>https://e.example/1</link></item></channel></rss>`;
}

test('entities of the internal subset are expanded, nested ones too', async () => {
  const feed = await parseFeed(
    rss('<!ENTITY euro "&#8364;"><!ENTITY co "Acme &amp; Sons"><!ENTITY full \'&co; (&euro;)\'>', 'Price &full; &amp; &euro;5'),
    'https://e.example/feed',
  );
  assert.equal(feed.items[0]!.title, 'Price Acme &amp; Sons (€) &amp; €5');
});

test('the first declaration wins, parameter entities are ignored, the predefined five cannot be redefined', () => {
  const out = expandDoctypeEntities(
    '<!DOCTYPE x [<!ENTITY a "one"><!ENTITY a "two"><!ENTITY % p "param"><!ENTITY amp "bad">]><x>&a; %p; &amp;</x>',
  );
  assert.ok(out.endsWith('<x>one %p; &amp;</x>'), out);
});

test('external entities (SYSTEM, PUBLIC) are never read: a reference to one is empty', async () => {
  const feed = await parseFeed(
    rss('<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY pub PUBLIC "-//X//EN" "http://127.0.0.1:1/x.dtd">', 'a&xxe;b&pub;c'),
    'https://e.example/feed',
  );
  assert.equal(feed.items[0]!.title, 'abc');
});

test('CDATA sections and documents without an internal subset are left as they are', () => {
  const text = '<!DOCTYPE x [<!ENTITY a "one">]><x><![CDATA[&a;]]>&a;</x>';
  assert.ok(expandDoctypeEntities(text).endsWith('<x><![CDATA[&a;]]>one</x>'));
  const plain = '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss>&a;</rss>';
  assert.equal(expandDoctypeEntities(plain), plain);
});

test('a billion laughs fails with FeedParseError at the entity cap, before anything big is built', async () => {
  const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`);
  const laughs = rss(`<!ENTITY lol "lol">${levels.join('')}`, '&lol9;');
  await assert.rejects(parseFeed(laughs, 'https://e.example/feed'), (error: unknown) => {
    assert.ok(error instanceof FeedParseError);
    assert.match(error.message, /entity "lol\d" expands to more than \d+ characters \(entity expansion is capped\)/);
    return true;
  });
});

test('many references to a large entity fail at the total cap (quadratic blow-up)', () => {
  const big = 'x'.repeat(ENTITY_LIMIT);
  const references = '&big;'.repeat(Math.ceil(TOTAL_LIMIT / ENTITY_LIMIT) + 1);
  assert.throws(() => expandDoctypeEntities(`<!DOCTYPE x [<!ENTITY big "${big}">]><x>${references}</x>`), /more than \d+ characters/);
  assert.doesNotThrow(() => expandDoctypeEntities(`<!DOCTYPE x [<!ENTITY big "${big}">]><x>&big;&big;</x>`));
});

test('an entity defined in terms of itself fails with FeedParseError', () => {
  assert.throws(
    () => expandDoctypeEntities('<!DOCTYPE x [<!ENTITY a "&b;"><!ENTITY b "x&a;">]><x>&a;</x>'),
    (error: unknown) => error instanceof FeedParseError && /defined in terms of itself/.test(error.message),
  );
});
