/**
 * The dev server's injection into the pages it sends (src/site/dev/live-reload.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { injectDevScript, STALE_SEARCH_NOTICE } from '../../../src/site/dev/live-reload.ts';

const page = Buffer.from('<html><body><p>x</p></body>\n</html>\n');

test('the live-reload script goes before the last </body>, the rest of the page unchanged', () => {
  const out = injectDevScript(page).toString();
  assert.match(out, /<p>x<\/p><script type="module" data-khabar-dev>[\s\S]*EventSource[\s\S]*<\/script>\n<\/body>\n<\/html>\n$/);
  assert.doesNotMatch(out, /id="khabar-dev-search"/);
});

test('the search page says when its index is older than the content', () => {
  const out = injectDevScript(page, { staleSearch: true }).toString();
  assert.ok(out.includes(STALE_SEARCH_NOTICE));
  assert.ok(out.indexOf('id="khabar-dev-search"') < out.indexOf('data-khabar-dev'));
});

test('a file with no </body> is left as it is', () => {
  const feed = Buffer.from('<?xml version="1.0"?><feed></feed>');
  assert.ok(injectDevScript(feed).equals(feed));
});
