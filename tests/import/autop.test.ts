import { test } from 'node:test';
import assert from 'node:assert/strict';
import { autop } from '../../src/import/autop.ts';

test('blank lines part paragraphs, single newlines are line breaks', () => {
  assert.equal(autop('First line\nsecond line.\n\nNew paragraph.'), '<p>First line<br />\nsecond line.</p>\n<p>New paragraph.</p>\n');
});

test('block elements are not wrapped in paragraphs', () => {
  const html = autop('Intro.\n<ul>\n<li>One</li>\n<li>Two</li>\n</ul>\nOutro.\n\n<blockquote>Said.</blockquote>\n<h2>Head</h2>');
  assert.equal(html, '<p>Intro.</p>\n<ul>\n<li>One</li>\n<li>Two</li>\n</ul>\n<p>Outro.</p>\n<blockquote><p>Said.</p></blockquote>\n<h2>Head</h2>\n');
});

test('<pre> keeps its line breaks; empty text stays empty', () => {
  assert.equal(autop('Code:\n\n<pre>a\n\nb</pre>'), '<p>Code:</p>\n<pre>a\n\nb</pre>\n');
  assert.equal(autop('  \n '), '');
});

test('two <br>s end a paragraph, as in WordPress', () => {
  assert.equal(autop('One<br><br>Two'), '<p>One</p>\n<p>Two</p>\n');
});
