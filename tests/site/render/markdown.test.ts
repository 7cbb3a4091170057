import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMarkdown, MORE_MARKER, splitExcerpt } from '../../../src/site/render/markdown.ts';

const md = createMarkdown();
const render = (source: string): string => md.render(source);

function assertNoLinkOrImage(source: string): void {
  const html = render(source);
  assert.doesNotMatch(html, /<a[\s>]/i, `${JSON.stringify(source)} rendered a link: ${html}`);
  assert.doesNotMatch(html, /<img[\s>]/i, `${JSON.stringify(source)} rendered an image: ${html}`);
  assert.doesNotMatch(html, /href=|src=/i, html);
}

test('raw HTML is escaped, not rendered', () => {
  assert.equal(render('<script>alert(1)</script>'), '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
  assert.equal(render('Hello <b>bold</b>'), '<p>Hello &lt;b&gt;bold&lt;/b&gt;</p>\n');
  const block = render('<div onclick="evil()">\nx\n</div>');
  assert.doesNotMatch(block, /<div/);
  assert.match(block, /&lt;div onclick=&quot;evil\(\)&quot;&gt;/);
  assert.doesNotMatch(render('<img src=x onerror=alert(1)>'), /<img/);
  assert.doesNotMatch(render('<iframe src="https://evil.example/"></iframe>'), /<iframe/);
});

test('template syntax is literal text', () => {
  assert.equal(render('{{ 7*7 }}'), '<p>{{ 7*7 }}</p>\n');
  assert.equal(render('{% include "secret" %}'), '<p>{% include &quot;secret&quot; %}</p>\n');
  assert.doesNotMatch(render('{{ 7*7 }}'), /49/);
});

test('Markdown itself renders', () => {
  assert.equal(render('# Title\n\n**bold** and *em*'), '<h1>Title</h1>\n<p><strong>bold</strong> and <em>em</em></p>\n');
});

test('javascript:, vbscript:, file: and data: links are not rendered as links', () => {
  for (const source of [
    '[a](javascript:alert(1))',
    '[a](JAVASCRIPT:alert(1))',
    '[a](JavaScript:alert(1))',
    '[a](vbscript:msgbox(1))',
    '[a](file:///etc/passwd)',
    '[a](data:text/html,<script>alert(1)</script>)',
    '[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[a](<javascript:alert(1)>)',
    '[a](  javascript:alert(1))',
    '<javascript:alert(1)>',
    '[ref]\n\n[ref]: javascript:alert(1)',
  ]) {
    assertNoLinkOrImage(source);
  }
});

test('data: images are not rendered either (markdown-it would allow data:image/*)', () => {
  assertNoLinkOrImage('![pixel](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==)');
  assertNoLinkOrImage('![svg](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)');
  assertNoLinkOrImage('[a](data:image/png;base64,iVBORw0KGgo=)');
});

test('entity- and percent-encoded javascript: is not rendered as a link', () => {
  for (const source of [
    '[a](&#106;avascript:alert(1))',
    '[a](&#x6A;avascript:alert(1))',
    '[a](&#X6a;AVASCRIPT:alert(1))',
    '[a](javascript&colon;alert(1))',
    '[a](%6Aavascript:alert(1))',
    '[a](%4A%41%56%41script:alert(1))',
    '[a](java%0Ascript:alert(1))',
    '[a](java%09script:alert(1))',
    '[a](java&#9;script:alert(1))',
    '[a](jav&#x09;ascript:alert(1))',
    '[a](%00javascript:alert(1))',
    '![i](&#106;avascript:alert(1))',
  ]) {
    assertNoLinkOrImage(source);
  }
});

test('https, http, relative and mailto links are rendered', () => {
  assert.equal(render('[a](https://example.com/a?b=1&c=2)'), '<p><a href="https://example.com/a?b=1&amp;c=2">a</a></p>\n');
  assert.equal(render('[a](http://example.com/)'), '<p><a href="http://example.com/">a</a></p>\n');
  assert.equal(render('[a](/2024/03/27/x/)'), '<p><a href="/2024/03/27/x/">a</a></p>\n');
  assert.equal(render('[m](mailto:editor@example.com)'), '<p><a href="mailto:editor@example.com">m</a></p>\n');
  assert.equal(render('![i](https://example.com/i.png)'), '<p><img src="https://example.com/i.png" alt="i"></p>\n');
});

test('bare URLs are linkified; a link whose text mentions javascript is fine', () => {
  assert.equal(render('See https://example.com/auto'), '<p>See <a href="https://example.com/auto">https://example.com/auto</a></p>\n');
  assert.match(render('[javascript: the good parts](https://example.com/book)'), /<a href="https:\/\/example\.com\/book">javascript: the good parts<\/a>/);
});

test('<!-- more --> on its own line becomes the marker', () => {
  const html = render('Intro\n\n<!-- more -->\n\nRest');
  assert.equal(html, `<p>Intro</p>\n${MORE_MARKER}\n<p>Rest</p>\n`);
  assert.equal(MORE_MARKER, '<!--more-->');
  for (const variant of ['<!--more-->', '  <!-- MORE -->  ', '<!--   more   -->']) {
    assert.equal(render(`Intro\n\n${variant}\n\nRest`), `<p>Intro</p>\n${MORE_MARKER}\n<p>Rest</p>\n`, variant);
  }
  // It may directly follow a paragraph line.
  assert.equal(render('Intro\n<!-- more -->\nRest'), `<p>Intro</p>\n${MORE_MARKER}\n<p>Rest</p>\n`);
});

test('splitExcerpt cuts at the marker', () => {
  assert.deepEqual(splitExcerpt(render('Intro\n\n<!-- more -->\n\nRest')), { excerpt: '<p>Intro</p>\n', more: true });
  const twice = splitExcerpt(render('One\n\n<!-- more -->\n\nTwo\n\n<!-- more -->\n\nThree'));
  assert.deepEqual(twice, { excerpt: '<p>One</p>\n', more: true });
});

test('an inline <!-- more --> is text, not a marker', () => {
  const html = render('Intro <!-- more --> rest');
  assert.equal(html, '<p>Intro &lt;!-- more --&gt; rest</p>\n');
  assert.ok(!html.includes(MORE_MARKER));
  assert.deepEqual(splitExcerpt(html), { excerpt: html, more: false });
  assert.ok(!render('Intro <!-- more -->').includes(MORE_MARKER));
});

test('a <!-- more --> in code is code, not a marker', () => {
  assert.ok(!render('```\n<!-- more -->\n```').includes(MORE_MARKER));
  assert.ok(!render('Intro\n\n    <!-- more -->\n').includes(MORE_MARKER));
  assert.ok(!render('`<!-- more -->`').includes(MORE_MARKER));
});

test('no marker: the whole body, more = false', () => {
  const html = render('Just one paragraph.\n\nAnd another.');
  assert.deepEqual(splitExcerpt(html), { excerpt: html, more: false });
  assert.deepEqual(splitExcerpt(''), { excerpt: '', more: false });
});

test('a feed cannot smuggle the marker or raw comments in as HTML', () => {
  const html = render('<!-- more --><script>x</script>');
  assert.ok(!html.includes('<script>'));
  assert.ok(!html.includes(MORE_MARKER));
});
