import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeTitle, languageOf } from '../../src/import/wp-post.ts';

test('language: the Dari category or Arabic-script text is fa, Pashto’s own letters ps, else the site’s', () => {
  assert.equal(languageOf('Kabul news in English', false, 'en'), 'en');
  assert.equal(languageOf('برق کابل بهتر می‌شود', false, 'en'), 'fa');
  assert.equal(languageOf('د کابل ښار ته نوې ونې', false, 'en'), 'ps');
  assert.equal(languageOf('An English title filed under Dari', true, 'en'), 'fa');
  // Link addresses in the Markdown do not make a Persian post English.
  assert.equal(languageOf('خبر [کابل](https://example.org/a/very/long/english/looking/address/indeed)', false, 'en'), 'fa');
});

test('titles: entities decoded once more, tags stripped, space folded', () => {
  assert.equal(decodeTitle('Traders &#8211; Families &amp; Friends'), 'Traders – Families & Friends');
  assert.equal(decodeTitle(' A  <em>big</em>\n day '), 'A big day');
  assert.equal(decodeTitle('Plain title'), 'Plain title');
});
