import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, htmlToText } from '../../src/convert/html-text.ts';

test('htmlToText: tags out, entities decoded once, blocks separated', () => {
  assert.equal(htmlToText('<p>one</p><p>two<br>three</p>'), 'one two three');
  assert.equal(htmlToText('it&amp;#x27;s'), 'it&#x27;s');
  assert.equal(htmlToText('a &lt;b&gt; &quot;c&quot; &#39;d&#39; &nbsp;e'), 'a <b> "c" \'d\' e');
  assert.equal(htmlToText('<script>alert(1)</script><style>x</style>ok'), 'ok');
  assert.equal(htmlToText('<p>one</p>\n<p>two <b>2</b></p><ul><li>three</li></ul>', { paragraphs: true }), 'one\n\ntwo 2\n\nthree');
  assert.equal(htmlToText(''), '');
});

test('escapeHtml: text safe inside an element or a quoted attribute', () => {
  assert.equal(escapeHtml('<a href="x">&amp;</a>'), '&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;');
});
