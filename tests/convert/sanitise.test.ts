import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToText } from '../../src/convert/html-text.ts';
import { resolveHttpUrl, sanitiseHtml } from '../../src/convert/sanitise.ts';
import { parseFeed } from '../../src/ingest/parse/index.ts';
import { feedBytes } from '../helpers/fixtures.ts';

const BASE = 'https://news.example.org/2024/03/story.html';

function fixture(name: string): string {
  return feedBytes(name).toString('utf8');
}

/** Nothing in sanitised HTML may run, load a document, or style anything. */
function assertInert(html: string, context = ''): void {
  const where = `${context}\n${html}`;
  assert.ok(!/<\s*(script|style|iframe|object|embed|form|input|button|svg|math|textarea|select|link|meta|base|frame|frameset|video|audio|source|template)\b/i.test(html), where);
  assert.ok(!/\son[a-z]+\s*=/i.test(html), where);
  assert.ok(!/\sstyle\s*=/i.test(html), where);
  assert.ok(!/\s(?:class|id|srcset|formaction|action|xlink:href|background|poster)\s*=/i.test(html), where);
  assert.ok(!/(?:javascript|vbscript|data|file):/i.test(html.replace(/>[^<]*</g, '><')), where);
  for (const match of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
    const url = match[2]!.replace(/&amp;/g, '&');
    assert.match(url, match[1] === 'src' ? /^https:\/\// : /^https?:\/\//, where);
  }
  const tags = [...html.matchAll(/<\/?([a-z0-9-]+)/gi)].map((m) => m[1]!.toLowerCase());
  const allowed = new Set(['p', 'br', 'a', 'strong', 'b', 'em', 'i', 'ul', 'ol', 'li', 'blockquote', 'h2', 'h3', 'h4', 'figure', 'figcaption', 'img', 'code', 'pre', 'hr']);
  for (const tag of tags) assert.ok(allowed.has(tag), `<${tag}> in ${where}`);
}

const XSS_VECTORS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="https://e.example/a.png" onerror="alert(1)" onload=alert(2)>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt:alert(1)">click</a>',
  '<a href="&#106;avascript:alert(1)">click</a>',
  '<a href="&#x6A;&#x61;vascript&colon;alert(1)">click</a>',
  '<a href="java&#9;script:alert(1)">click</a>',
  '<a href=" javascript:alert(1)">click</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
  '<a href="vbscript:msgbox(1)">click</a>',
  '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
  '<svg onload=alert(1)><script>alert(2)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<iframe src="https://evil.example/"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<style>body{background:url(javascript:alert(1))}</style>',
  '<p style="background:url(javascript:alert(1))">styled</p>',
  '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<form action="https://evil.example/"><input name="q"><button formaction="javascript:alert(1)">go</button></form>',
  '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">',
  '<body onload=alert(1)>text</body>',
  '<div onclick="alert(1)" class="x" id="y">div</div>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<a href="https://ok.example/" onmouseover="alert(1)">ok</a>',
  '<template><script>alert(1)</script></template>',
  '<textarea><script>alert(1)</script></textarea>',
  '<video src="https://e.example/v.mp4" poster="javascript:alert(1)"></video>',
  '<img srcset="javascript:alert(1) 1x" src="https://e.example/a.png">',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<<script>script>alert(1)<</script>/script>',
  '<!--<script>alert(1)</script>-->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<a href="https://ok.example/" target="_blank">t</a>',
];

test('XSS vectors come out inert', () => {
  for (const vector of XSS_VECTORS) {
    const html = sanitiseHtml(vector, BASE);
    assertInert(html, vector);
    assert.ok(!/<script/i.test(html) && !/alert\(1\)<\/script/i.test(html), vector);
  }
});

test('script and style content is dropped, not shown as text', () => {
  assert.equal(sanitiseHtml('<p>before<script>alert(1)</script>after</p>', BASE), '<p>beforeafter</p>');
  assert.equal(sanitiseHtml('<style>p{color:red}</style><p>x</p>', BASE), '<p>x</p>');
  assert.equal(sanitiseHtml('<iframe src="https://e.example/">fallback</iframe><p>x</p>', BASE), '<p>x</p>');
});

test('the allowlist keeps structure; headings are remapped', () => {
  const html =
    '<h1>Title</h1><h2>A</h2><h3>B</h3><h4>C</h4><h5>D</h5><h6>E</h6>' +
    '<p>p <strong>s</strong> <b>b</b> <em>e</em> <i>i</i> <code>c</code><br>x</p>' +
    '<ul><li>u</li></ul><ol><li>o</li></ol><blockquote>q</blockquote><pre>pre</pre><hr>' +
    '<figure><img src="https://e.example/a.jpg" alt="A"><figcaption>cap</figcaption></figure>' +
    '<table><tr><td>cell</td></tr></table><div><span>span</span></div><u>u</u>';
  assert.equal(
    sanitiseHtml(html, BASE),
    '<h2>Title</h2><h2>A</h2><h3>B</h3><h4>C</h4><h4>D</h4><h4>E</h4>' +
      '<p>p <strong>s</strong> <b>b</b> <em>e</em> <i>i</i> <code>c</code><br />x</p>' +
      '<ul><li>u</li></ul><ol><li>o</li></ol><blockquote>q</blockquote><pre>pre</pre><hr />' +
      '<figure><img src="https://e.example/a.jpg" alt="A" /><figcaption>cap</figcaption></figure>' +
      'cellspanu',
  );
});

test('links: absolute http(s) only, relative resolved, protocol-relative → https, rel added, other attributes gone', () => {
  assert.equal(
    sanitiseHtml('<a href="/about" title="t" target="_blank" rel="me" class="x">about</a>', BASE),
    '<a href="https://news.example.org/about" rel="nofollow noopener noreferrer">about</a>',
  );
  assert.equal(
    sanitiseHtml('<a href="other.html">o</a>', BASE),
    '<a href="https://news.example.org/2024/03/other.html" rel="nofollow noopener noreferrer">o</a>',
  );
  assert.equal(
    sanitiseHtml('<a href="//cdn.example/x">x</a>', BASE),
    '<a href="https://cdn.example/x" rel="nofollow noopener noreferrer">x</a>',
  );
  assert.equal(
    sanitiseHtml('<a href="http://plain.example/?a=1&amp;b=2">x</a>', BASE),
    '<a href="http://plain.example/?a=1&amp;b=2" rel="nofollow noopener noreferrer">x</a>',
  );
  // A link that goes nowhere keeps its text.
  assert.equal(sanitiseHtml('<a href="mailto:x@example.org">write</a> <a>anchor</a>', BASE), 'write anchor');
  // Empty links (emptied feed flares) and empty blocks (ad slots) disappear; a linked image does not.
  assert.equal(sanitiseHtml('<p>x<a href="https://e.example/"></a></p>', BASE), '<p>x</p>');
  assert.equal(sanitiseHtml('<figure data-ad="1"></figure><p> <br> </p><ul><li> </li></ul><p>x</p>', BASE), '<p>x</p>');
  assert.equal(
    sanitiseHtml('<p><a href="https://e.example/"><img src="https://e.example/a.jpg"></a></p>', BASE),
    '<p><a href="https://e.example/" rel="nofollow noopener noreferrer"><img src="https://e.example/a.jpg" alt="" /></a></p>',
  );
});

test('images: https only, alt kept, tracking pixels dropped, lazy-loading sources used', () => {
  assert.equal(sanitiseHtml('<img src="https://e.example/a.jpg" alt="An image" width="600" height="400" title="t">', BASE), '<img src="https://e.example/a.jpg" alt="An image" />');
  assert.equal(sanitiseHtml('<img src="//e.example/a.jpg">', BASE), '<img src="https://e.example/a.jpg" alt="" />');
  assert.equal(sanitiseHtml('<img src="/a.jpg">', BASE), '<img src="https://news.example.org/a.jpg" alt="" />');
  assert.equal(sanitiseHtml('<img src="http://e.example/a.jpg">', 'http://insecure.example/'), '');
  assert.equal(sanitiseHtml('<img src="/a.jpg">', 'http://insecure.example/'), '', 'relative to an http page is http');
  assert.equal(sanitiseHtml('<img src="https://e.example/p.gif" width="1" height="1">', BASE), '');
  assert.equal(sanitiseHtml('<img src="https://e.example/p.gif" height="1" width="1"/>', BASE), '');
  assert.equal(sanitiseHtml('<img src="https://e.example/p.gif" style="width:1px;height:1px">', BASE), '');
  assert.equal(sanitiseHtml("<img src='https://media.npr.org/include/images/tracking/npr-rss-pixel.png?story=1' />", BASE), '');
  assert.equal(sanitiseHtml('<img src="https://feeds.feedburner.com/~r/x/~4/abc">', BASE), '');
  assert.equal(
    sanitiseHtml('<img src="data:image/gif;base64,R0lGOD" data-src="https://e.example/real.jpg" alt="r">', BASE),
    '<img src="https://e.example/real.jpg" alt="r" />',
  );
  assert.equal(sanitiseHtml('<a href="https://e.example/"><img src="https://e.example/a.jpg"></a>', BASE), '<a href="https://e.example/" rel="nofollow noopener noreferrer"><img src="https://e.example/a.jpg" alt="" /></a>');
});

test('entities: decoded by the parser, escaped again on output', () => {
  assert.equal(sanitiseHtml('<p>a &lt;script&gt; &amp; b &eacute;</p>', BASE), '<p>a &lt;script&gt; &amp; b é</p>');
  assert.equal(sanitiseHtml('<p>1 < 2 > 0</p>', BASE), '<p>1 &lt; 2 &gt; 0</p>');
});

test('empty and non-string input', () => {
  assert.equal(sanitiseHtml('', BASE), '');
  assert.equal(sanitiseHtml('   ', BASE), '');
  assert.equal(sanitiseHtml(undefined as unknown as string, BASE), '');
  assert.equal(sanitiseHtml('<p><a href="/x">x</a></p>', ''), '<p>x</p>', 'no base: relative links cannot be resolved');
});

test('resolveHttpUrl', () => {
  assert.equal(resolveHttpUrl('/a', BASE), 'https://news.example.org/a');
  assert.equal(resolveHttpUrl('//x.example/a', BASE), 'https://x.example/a');
  assert.equal(resolveHttpUrl('http://x.example/a', BASE), 'http://x.example/a');
  assert.equal(resolveHttpUrl('http://x.example/a', BASE, true), null);
  assert.equal(resolveHttpUrl('https://u:p@x.example/a', BASE), 'https://x.example/a');
  assert.equal(resolveHttpUrl('javascript:alert(1)', BASE), null);
  assert.equal(resolveHttpUrl(' ', BASE), null);
  assert.equal(resolveHttpUrl(undefined, BASE), null);
  assert.equal(resolveHttpUrl('/a', 'not a url'), null);
});

test('fixtures lose their scripts and iframes', async () => {
  const cases: [string, string][] = [
    ['atom-tpm-scripts-iframes.xml', 'http://talkingpointsmemo.com/feed'],
    ['json-kibty-town-rfc822-dates.json', 'https://kibty.town/blog.json'],
    ['rss-aif-ru-enclosures-scripts.xml', 'http://www.aif.ru/rss/news.php'],
    ['atom-intertwingly-xhtml.xml', 'http://intertwingly.net/blog/index.atom'],
    ['rss-pcmag-illegally-nested.xml', 'http://feeds.pcmag.com/x'],
    ['rss-golem-iso-8859-1.xml', 'https://rss.golem.de/rss.php'],
  ];
  for (const [name, url] of cases) {
    const feed = await parseFeed(fixture(name), url);
    let before = 0;
    for (const item of feed.items) {
      for (const html of [item.summary, item.content]) {
        if (html === undefined) continue;
        if (/<(script|iframe|svg)\b/i.test(html)) before++;
        const link = item.link === undefined ? url : new URL(item.link, url).href;
        assertInert(sanitiseHtml(html, link), `${name}: ${item.title ?? ''}`);
      }
    }
    if (name !== 'rss-pcmag-illegally-nested.xml' && name !== 'rss-golem-iso-8859-1.xml') {
      assert.ok(before > 0, `${name} has scripts, iframes or svg to lose`);
    }
  }
});

test('TPM: the twitter widget script is gone but the tweet text and the article stay', async () => {
  const feed = await parseFeed(fixture('atom-tpm-scripts-iframes.xml'), 'http://talkingpointsmemo.com/feed');
  const withScript = feed.items.find((item) => item.content?.includes('platform.twitter.com/widgets.js') === true)!;
  const html = sanitiseHtml(withScript.content!, 'http://talkingpointsmemo.com/x');
  assert.ok(!html.includes('widgets.js'));
  assert.ok(html.includes('<blockquote>'));
  assert.ok(htmlToText(html).length > 200);
});

test('pcmag: feed flares and the 1×1 beacon are gone, the text stays', async () => {
  const feed = await parseFeed(fixture('rss-pcmag-illegally-nested.xml'), 'http://feeds.pcmag.com/x');
  const html = sanitiseHtml(feed.items[0]!.summary!, 'http://www.pcmag.com/');
  assert.equal(html, "No one needs to go to this annual gadget tradeshow when it's already over-covered by every media out");
});
