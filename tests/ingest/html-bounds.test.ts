import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { htmlToText } from '../../src/convert/html-text.ts';
import { sanitiseHtml } from '../../src/convert/sanitise.ts';
import { decodeFeed } from '../../src/ingest/decode.ts';
import { boundHtml } from '../../src/ingest/html-bounds.ts';
import { parseFeed } from '../../src/ingest/parse/index.ts';
import { feedBytes, FEEDS_DIR } from '../helpers/fixtures.ts';

/** Open elements at most, counting as a strict parser would (every start tag but void ones, every end tag). */
function maxDepth(html: string): number {
  let depth = 0;
  let max = 0;
  for (const match of html.matchAll(/<(\/?)([a-z][a-z0-9-]*)[^>]*?(\/?)>/gi)) {
    if (/^(?:br|hr|img|input|meta|link|wbr|source)$/i.test(match[2]!)) continue;
    if (match[1] === '/') depth--;
    else if (match[3] !== '/') depth++;
    max = Math.max(max, depth);
  }
  return max;
}

describe('boundHtml', () => {
  it('flattens 200,000 nested spans to the limit, keeping the text and a well-nested rest', () => {
    const n = 200_000;
    const html = `<p>Before</p>${'<span>'.repeat(n)}The text inside.${'</span>'.repeat(n)}<p>After</p>`;
    const bounded = boundHtml(html, 1 << 20, 200);
    assert.equal(bounded.flattened, n - 200); // the <p> before was closed: 200 spans fit
    assert.equal(bounded.cutFrom, undefined);
    assert.equal(maxDepth(bounded.html), 200);
    assert.equal(bounded.html.split('<span>').length - 1, 200);
    assert.equal(bounded.html.split('</span>').length - 1, 200);
    assert.equal(htmlToText(bounded.html), 'Before The text inside. After');
    assert.equal(htmlToText(sanitiseHtml(bounded.html, 'https://example.org/')), 'Before The text inside. After');
  });

  it('counts depth as the parser does: comments, attributes and raw text hold no tags', () => {
    const cases = [
      '<div><!-- <div><div> -->x</div>'.repeat(300),
      '<div title="<div><div>">x</div>'.repeat(300),
      "<div data-x='>'>x</div>".repeat(300),
      '<div><script><div><div></script>x</div>'.repeat(300),
      '<div><style>a > b { }</style><textarea><div></textarea>x</div>'.repeat(300),
      '<div><![CDATA[<div>]]>x</div>'.repeat(300),
      '<p>unclosed paragraph '.repeat(300),
      '<ul><li>one<li>two</ul>'.repeat(300),
      '<table><tr><td>a<td>b<tr><td>c</table>'.repeat(300),
      '<svg>' + '<path d="M0 0"/>'.repeat(300) + '</svg>',
      '<b><i>misnested</b></i>'.repeat(300),
    ];
    for (const html of cases) {
      const bounded = boundHtml(html, 1 << 20, 200);
      assert.equal(bounded.flattened, 0, html.slice(0, 60));
      assert.equal(bounded.html, html);
    }
  });

  it('drops a raw-text element beyond the limit whole, and keeps the text of other elements', () => {
    const html = `${'<div>'.repeat(5)}<script>alert(1)</script><em>kept</em><title>t</title>${'</div>'.repeat(5)}`;
    const bounded = boundHtml(html, 1 << 20, 5);
    assert.equal(bounded.html, `${'<div>'.repeat(5)}kept${'</div>'.repeat(5)}`);
    assert.equal(bounded.flattened, 3);
  });

  it('cuts HTML over the size limit before an unfinished tag, after flattening', () => {
    const html = `<p>${'word '.repeat(100)}</p><p class="long">${'more '.repeat(100)}</p>`;
    const bounded = boundHtml(html, 520, 200);
    assert.equal(bounded.cutFrom, html.length);
    assert.ok(bounded.html.length <= 520);
    assert.ok(bounded.html.endsWith('</p>'), bounded.html.slice(-20));
    // Nesting first: what the flattening removes does not count against the size.
    const nested = `${'<span>'.repeat(1000)}text${'</span>'.repeat(1000)}`;
    const small = boundHtml(nested, 5000, 10);
    assert.equal(small.cutFrom, undefined);
    assert.match(small.html, /text/);
  });

  it('returns every item of the real-world fixture feeds unchanged', async () => {
    let fields = 0;
    for (const name of readdirSync(FEEDS_DIR).filter((file) => /\.(?:xml|json)$/.test(file))) {
      const feed = await parseFeed(decodeFeed(feedBytes(name), undefined), 'https://example.org/feed');
      for (const item of feed.items) {
        for (const html of [item.title, item.summary, item.content, item.author]) {
          if (html === undefined) continue;
          fields++;
          const bounded = boundHtml(html);
          assert.equal(bounded.html, html, `${name}: ${html.slice(0, 80)}`);
          assert.equal(bounded.flattened, 0);
        }
      }
    }
    assert.ok(fields > 500, `only ${fields} fields`);
  });
});
