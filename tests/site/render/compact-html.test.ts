import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compactHtml } from '../../../src/site/render/compact-html.ts';

test('indentation and blank lines become one line break; text on a line is untouched', () => {
  const html = '<ul>\n    <li><a href="/x/">A  b</a> <span>(3)</span></li>\n\n    <li>c</li>  \n  </ul>\n';
  assert.equal(compactHtml(html), '<ul>\n<li><a href="/x/">A  b</a> <span>(3)</span></li>\n<li>c</li>\n</ul>\n');
});

test('<pre> and <textarea> keep every space and line', () => {
  const pre = '<pre><code>if (x) {\n    y();\n\n  }\n</code></pre>';
  const area = '<TEXTAREA name="t">\n  two\n    lines</TEXTAREA >';
  const html = `<div>\n    <p>a</p>\n    ${pre}\n    ${area}\n    <p>b</p>\n</div>`;
  assert.equal(compactHtml(html), `<div>\n<p>a</p>\n${pre}\n${area}\n<p>b</p>\n</div>`);
});

test('a page without line breaks is returned as it is', () => {
  const html = '<p>one <b>two</b>   three</p>';
  assert.equal(compactHtml(html), html);
});
