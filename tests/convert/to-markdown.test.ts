import { test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { parseFeed } from '../../src/ingest/parse/index.ts';
import { sanitiseHtml } from '../../src/convert/sanitise.ts';
import { htmlToMarkdown, textToMarkdown } from '../../src/convert/to-markdown.ts';
import { feedBytes } from '../helpers/fixtures.ts';
import { liveMarkdown } from '../helpers/inert-markdown.ts';

// How the site renders a post body.
const markdown = new MarkdownIt({ html: false });

function render(md: string): string {
  return markdown.render(md);
}

/** Every `<` outside code is escaped, so no tag or autolink can start in the Markdown text. */
function assertNoRawAngle(md: string): void {
  const outsideCode = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/(`+)[\s\S]*?\1/g, '');
  for (const match of outsideCode.matchAll(/</g)) {
    assert.equal(outsideCode[match.index - 1], '\\', `raw < at ${match.index} in ${JSON.stringify(md)}`);
  }
}

/** The rendered HTML has no active content at all. */
function assertRenderedInert(html: string, context: string): void {
  assert.ok(!/<(script|style|iframe|object|embed|form|input|svg|math|img[^>]+onerror)/i.test(html), `${context}\n${html}`);
  assert.ok(!/\son[a-z]+=/i.test(html.replace(/>[^<]*</g, '><')), `${context}\n${html}`);
  assert.ok(!/(href|src)="(?!https?:)/i.test(html), `${context}\n${html}`);
}

test('ATX headings, - bullets, fenced code, links and images', () => {
  const md = htmlToMarkdown(
    '<h2>Heading</h2><p>Text with <strong>bold</strong>, <em>em</em> and <a href="https://e.example/a">a link</a>.</p>' +
      '<ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>' +
      '<pre><code>const a = 1;\nconst b = `x`;</code></pre>' +
      '<blockquote><p>quoted</p></blockquote><hr>' +
      '<figure><img src="https://e.example/i.jpg" alt="Alt text"><figcaption>Caption</figcaption></figure>',
  );
  assert.equal(
    md,
    [
      '## Heading',
      '',
      'Text with **bold**, _em_ and [a link](https://e.example/a).',
      '',
      '-   one',
      '-   two',
      '',
      '1.  first',
      '',
      '```',
      'const a = 1;',
      'const b = `x`;',
      '```',
      '',
      '> quoted',
      '',
      '---',
      '',
      '![Alt text](https://e.example/i.jpg)',
      '',
      'Caption',
    ].join('\n'),
  );
});

test('a <pre> without <code> is still a code block', () => {
  assert.equal(htmlToMarkdown('<pre>a *b*\n  c_d</pre>'), '```\na *b*\n  c_d\n```');
  assert.equal(htmlToMarkdown('<pre>has ``` fence</pre>'), '````\nhas ``` fence\n````');
});

test('text that looks like HTML stays text: no raw < survives outside code', () => {
  const cases = [
    '<p>a &lt;script&gt;alert(1)&lt;/script&gt; b</p>',
    '<p>&lt;img src=x onerror=alert(1)&gt;</p>',
    '<p>&lt;https://evil.example/&gt; autolink</p>',
    '<p>&lt;!-- comment --&gt; and &lt;?php ?&gt;</p>',
    '<p>x &lt;a href="javascript:alert(1)"&gt;y&lt;/a&gt;</p>',
    '<p>&lt;div\nonclick=alert(1)&gt;</p>',
  ];
  for (const html of cases) {
    const md = htmlToMarkdown(html);
    assertNoRawAngle(md);
    const rendered = render(md);
    assertRenderedInert(rendered, html);
    assert.ok(rendered.includes('&lt;'), 'the text keeps its < as text');
  }
  assert.equal(htmlToMarkdown('<p>a &lt;b&gt; c</p>'), 'a \\<b> c');
  assert.equal(render(htmlToMarkdown('<p>a &lt;b&gt; c</p>')), '<p>a &lt;b&gt; c</p>\n');
});

test('entity-like text is escaped, so it renders as written', () => {
  const md = htmlToMarkdown('<p>Write &amp;amp; or &amp;#x27; literally; AT&amp;T stays</p>');
  assert.equal(md, 'Write \\&amp; or \\&#x27; literally; AT&T stays');
  assert.equal(render(md), '<p>Write &amp;amp; or &amp;#x27; literally; AT&amp;T stays</p>\n');
});

test('Markdown syntax in text is escaped', () => {
  const md = htmlToMarkdown('<p># not a heading</p><p>1. not a list</p><p>- nor this</p><p>*not em* [not](a link) `not code`</p><p>&gt; not a quote</p>');
  assert.equal(render(md), '<p># not a heading</p>\n<p>1. not a list</p>\n<p>- nor this</p>\n<p>*not em* [not](a link) `not code`</p>\n<p>&gt; not a quote</p>\n');
});

test('links and images only for absolute http(s) URLs; destinations cannot break out', () => {
  assert.equal(htmlToMarkdown('<a href="javascript:alert(1)">x</a>'), 'x');
  assert.equal(htmlToMarkdown('<a href="/relative">x</a>'), 'x');
  assert.equal(htmlToMarkdown('<a href="https://e.example/">  </a>'), '');
  assert.equal(htmlToMarkdown('<img src="javascript:alert(1)" alt="x">'), '');
  assert.equal(htmlToMarkdown('<img src="data:image/png;base64,AAAA" alt="x">'), '');
  assert.equal(htmlToMarkdown('<a href="https://e.example/a(b)c">x</a>'), '[x](https://e.example/a%28b%29c)');
  assert.equal(htmlToMarkdown('<a href="https://e.example/a b">x</a>'), '[x](https://e.example/a%20b)');
  assert.equal(htmlToMarkdown('<a href="https://e.example/" title="t">x</a>'), '[x](https://e.example/)', 'no title');
  const md = htmlToMarkdown('<img src="https://e.example/a.png" alt="<script>alert(1)</script> ]](javascript:alert(1))">');
  assertNoRawAngle(md);
  assertRenderedInert(render(md), md);
});

test('dangerous elements are dropped even from unsanitised input', () => {
  const md = htmlToMarkdown(
    '<p>keep</p><script>alert(1)</script><style>p{}</style><iframe src="https://e.example/"></iframe><svg><text>svg</text></svg><form><input value="x"><button>b</button></form><math><mi>m</mi></math>',
  );
  assert.equal(md, 'keep');
});

test('XSS vectors through sanitise + markdown + markdown-it come out inert', () => {
  const vectors = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<svg onload=alert(1)>',
    '<iframe src="https://evil.example/"></iframe>',
    '<style>*{}</style>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<form action="https://evil.example/"><input></form>',
    '<p>[click](javascript:alert(1))</p>',
    '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    '<p>![x](https://e.example/a.png)</p>',
  ];
  for (const vector of vectors) {
    const md = htmlToMarkdown(sanitiseHtml(vector, 'https://news.example.org/a'));
    assertNoRawAngle(md);
    assertRenderedInert(render(md), vector);
  }
});

test('fixtures: whole articles convert, and render inert', async () => {
  const cases: [string, string][] = [
    ['atom-tpm-scripts-iframes.xml', 'http://talkingpointsmemo.com/feed'],
    ['json-kibty-town-rfc822-dates.json', 'https://kibty.town/blog.json'],
    ['rss-aif-ru-enclosures-scripts.xml', 'http://www.aif.ru/rss/news.php'],
    ['atom-theverge.xml', 'https://www.theverge.com/rss/index.xml'],
    ['atom-intertwingly-xhtml.xml', 'http://intertwingly.net/blog/index.atom'],
    ['rss-arstechnica.xml', 'https://arstechnica.com/feed/'],
  ];
  for (const [name, url] of cases) {
    const feed = await parseFeed(feedBytes(name).toString('utf8'), url);
    for (const item of feed.items) {
      const html = item.content ?? item.summary;
      if (html === undefined) continue;
      const md = htmlToMarkdown(sanitiseHtml(html, new URL(item.link ?? url, url).href));
      assertNoRawAngle(md);
      assertRenderedInert(render(md), `${name}: ${item.title ?? ''}`);
    }
  }
});

test('intertwingly: the xhtml article keeps its order and its code', async () => {
  const feed = await parseFeed(
    feedBytes('atom-intertwingly-xhtml.xml').toString('utf8'),
    'http://intertwingly.net/blog/index.atom',
  );
  const md = htmlToMarkdown(sanitiseHtml(feed.items[0]!.content!, 'http://intertwingly.net/blog/2012/07/16/Inhibiting-Suspend'));
  assert.match(md, /^The \[interface\]\(http:\/\/people\.gnome\.org\/[^)]+\) is a bit low level, but workable:\n\n```\nrequire 'dbus'/);
  assert.match(md, /Note: the call to `Uninhibit` is optional/);
});

test('textToMarkdown: plain text renders as exactly that text', () => {
  const text = '# 1. *hello* <b>world</b> [x](javascript:alert(1)) &amp; _under_ `tick`\n\nSecond paragraph > quote';
  const md = textToMarkdown(text);
  assertNoRawAngle(md);
  assert.equal(
    render(md),
    '<p># 1. *hello* &lt;b&gt;world&lt;/b&gt; [x](javascript:alert(1)) &amp;amp; _under_ `tick`</p>\n<p>Second paragraph &gt; quote</p>\n',
  );
  assert.equal(textToMarkdown('   '), '');
  assert.equal(render(textToMarkdown('---')), '<p>---</p>\n');
  assert.equal(render(textToMarkdown('- item')), '<p>- item</p>\n');
});

test('empty input', () => {
  assert.equal(htmlToMarkdown(''), '');
  assert.equal(htmlToMarkdown('   '), '');
  assert.equal(htmlToMarkdown(undefined as unknown as string), '');
});

test('inert under any CommonMark renderer, raw HTML on and link validation off: links, autolinks, references, HTML blocks, entities, code', () => {
  const vectors = [
    '<p>[x](javascript:alert(1)) [y](&#106;avascript:alert(1)) [z](javascript&colon;alert(1)) ![i](data:image/svg+xml,x)</p>',
    '<p>&lt;javascript:alert(1)&gt; &lt;vbscript:msgbox(1)&gt; &lt;data:text/html,x&gt;</p>',
    '<p>[x]: javascript:alert(1)</p><p>[x] [x][] [label][x]</p>',
    '<ul><li>[z]: javascript:alert(1)</li><li>[z]</li></ul><blockquote><p>[q]: javascript:alert(1)</p><p>[q]</p></blockquote>',
    '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><p>&lt;div onclick="alert(1)"&gt;x&lt;/div&gt;</p><p>&lt;!-- c --&gt; &lt;?php ?&gt;</p>',
    '<p>&amp;#60;script&amp;#62; &amp;lt;img src=x onerror=alert(1)&amp;gt;</p>',
    '<p>\\&lt;script&gt; &lt;<b></b>script&gt;alert(1)&lt;/script&gt; <code>`</code>&lt;script&gt;<code>`</code></p>',
    '<pre><code class="language-a`b">&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>',
    '<pre><code class="language-js">  ```\n&lt;script&gt;alert(2)&lt;/script&gt;\n</code></pre>',
    '<pre>```\n&lt;script&gt;alert(3)&lt;/script&gt;</pre>',
    '<p><a href="javascript:alert(1)">j</a> <a href="https://e.example/a)(b">k</a> <a href="https://e.example/">[y](javascript:alert(1))</a></p>',
    '<p><img src="javascript:alert(1)" alt="a"> <img src="https://e.example/a.png" alt="](javascript:alert(1))"></p>',
    '<script>alert(1)</script><style>b{}</style><iframe src="javascript:alert(1)"></iframe><svg onload="alert(1)"></svg>',
    '<p>    &lt;script&gt;alert(4)&lt;/script&gt;</p><h2>&lt;script&gt;</h2>',
  ];
  for (const html of vectors) {
    // Not sanitised first: the WordPress importer converts its posts' HTML directly.
    assert.deepEqual(liveMarkdown(htmlToMarkdown(html)), [], `html: ${html}\n${htmlToMarkdown(html)}`);
    assert.deepEqual(liveMarkdown(htmlToMarkdown(sanitiseHtml(html, 'https://e.example/'))), [], `sanitised: ${html}`);
    const text = html.replace(/<[^>]*>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    assert.deepEqual(liveMarkdown(textToMarkdown(text)), [], `text: ${text}\n${textToMarkdown(text)}`);
  }
});

test('a code block keeps a plain language name and drops any other info string', () => {
  assert.equal(htmlToMarkdown('<pre><code class="hljs language-ts">let a = 1;\n</code></pre>'), '```ts\nlet a = 1;\n```');
  assert.equal(htmlToMarkdown('<pre><code class="language-a`b">x\n</code></pre>'), '```\nx\n```');
  assert.equal(htmlToMarkdown('<pre><code>  ```\nx\n</code></pre>'), '````\n  ```\nx\n````');
});
