import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BCP47_PATTERN, isRtl, primaryLanguage, textDirection, usesSolarHijri } from '../../src/model/language.ts';

test('primaryLanguage is the lower-cased first subtag', () => {
  assert.equal(primaryLanguage('fa'), 'fa');
  assert.equal(primaryLanguage('fa-AF'), 'fa');
  assert.equal(primaryLanguage('PS-af'), 'ps');
  assert.equal(primaryLanguage('en-GB'), 'en');
  assert.equal(primaryLanguage('zh-Hant-TW'), 'zh');
});

test('Dari, Pashto and Arabic are right-to-left; English and unknown are not', () => {
  const expected: [string | undefined, boolean][] = [
    ['fa', true], ['ps', true], ['fa-AF', true], ['ps-AF', true], ['FA', true], ['prs', true], ['pbt', true],
    ['ar', true], ['ur', true], ['he', true],
    ['en', false], ['en-US', false], ['de', false], ['tr', false], ['', false], [undefined, false],
  ];
  for (const [lang, rtl] of expected) assert.equal(isRtl(lang), rtl, String(lang));
});

test('textDirection follows isRtl', () => {
  assert.equal(textDirection('fa'), 'rtl');
  assert.equal(textDirection('ps'), 'rtl');
  assert.equal(textDirection('fa-AF'), 'rtl');
  assert.equal(textDirection('ar'), 'rtl');
  assert.equal(textDirection('en'), 'ltr');
  assert.equal(textDirection(undefined), 'ltr');
  // "fake" starts with "fa" but is not Dari.
  assert.equal(textDirection('fake'), 'ltr');
});

test('Solar Hijri dates are for Dari and Pashto only (not Arabic or English)', () => {
  const expected: [string | undefined, boolean][] = [
    ['fa', true], ['ps', true], ['fa-AF', true], ['ps-AF', true], ['prs', true], ['pbt', true], ['FA-af', true],
    ['ar', false], ['ur', false], ['en', false], ['', false], [undefined, false],
  ];
  for (const [lang, hijri] of expected) assert.equal(usesSolarHijri(lang), hijri, String(lang));
});

test('BCP47_PATTERN accepts language tags and refuses junk', () => {
  for (const ok of ['en', 'fa', 'ps', 'prs', 'fa-AF', 'zh-Hant-TW', 'ps-Arab-AF']) assert.match(ok, BCP47_PATTERN, ok);
  for (const bad of ['english!', 'e', 'english', 'fa_AF', 'fa-', '-fa', 'fa AF', '', 'fa-AF-toolongsubtag']) {
    assert.doesNotMatch(bad, BCP47_PATTERN, bad);
  }
});
