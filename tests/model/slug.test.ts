import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSlug, slugify, SLUG_PATTERN } from '../../src/model/slug.ts';
import { contractCategoryNames } from '../helpers/fixtures.ts';

// The contract's list of the 71 category names (a copy of the spec's categories.txt).
const categoryNames = contractCategoryNames();

test("the contract's examples", () => {
  assert.equal(slugify('ISIS/DAESH'), 'isis-daesh');
  assert.equal(slugify('News in Dari (Persian/Farsi)'), 'news-in-dari-persian-farsi');
  assert.equal(slugify('NRF – National Resistance Front'), 'nrf-national-resistance-front');
  assert.equal(
    slugify('Measles Outbreak in Afghanistan Claims 29 Lives, Thousands Affected: UNICEF'),
    'measles-outbreak-in-afghanistan-claims-29-lives-thousands-affected-unicef',
  );
});

test('all 71 category names give distinct slugs that match SLUG_PATTERN', () => {
  assert.equal(categoryNames.length, 71);
  const slugs = categoryNames.map((name) => slugify(name));
  for (const [i, slug] of slugs.entries()) {
    assert.match(slug, SLUG_PATTERN, `slug of ${JSON.stringify(categoryNames[i])}`);
    assert.match(slug, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, `Latin name ${JSON.stringify(categoryNames[i])} gives an ASCII slug`);
  }
  assert.equal(new Set(slugs).size, 71);
  assert.equal(slugify('Misc.'), 'misc');
  assert.equal(slugify('Opinion/Editorial'), 'opinion-editorial');
  assert.equal(slugify('Al-Qaeda'), 'al-qaeda');
  assert.equal(slugify('EU-Afghanistan Relations'), 'eu-afghanistan-relations');
});

test('Latin accents are dropped and ligatures spelled out', () => {
  assert.equal(slugify('Café Déjà'), 'cafe-deja');
  assert.equal(slugify('Ærø Straße'), 'aero-strasse');
  assert.equal(slugify('Øresund Ñandú Çà'), 'oresund-nandu-ca');
  assert.equal(slugify('İstanbul'), 'istanbul');
  // A decomposed accent (e + U+0301) is handled like the precomposed one.
  assert.equal(slugify('Cafe\u0301'), 'cafe');
});

test('Latin letters with no canonical decomposition still give ASCII slugs (contract: Latin titles give ASCII slugs)', {
}, () => {
  assert.equal(slugify('Łódź'), 'lodz');
  assert.equal(slugify('Đorđe'), 'dorde');
  assert.equal(slugify('Diyarbakır'), 'diyarbakir');
});

test('apostrophes join, other punctuation separates, runs of separators collapse', () => {
  assert.equal(slugify("Don't stop"), 'dont-stop');
  assert.equal(slugify('Women’s rights'), 'womens-rights');
  assert.equal(slugify('  --Hello,   World!!--  '), 'hello-world');
  assert.equal(slugify('a_b'), 'a-b');
});

test('Persian letters are kept, Arabic yeh and kaf become their Persian forms', () => {
  assert.equal(slugify('كابل علي'), 'کابل-علی');
  const slug = slugify('كابل علي');
  assert.ok(!slug.includes('\u064a') && !slug.includes('\u0643'));
  assert.ok(slug.includes('\u06cc') && slug.includes('\u06a9'));
  assert.equal(slugify('خبرهای افغانستان'), 'خبرهای-افغانستان');
  // Pashto letters stay as they are.
  assert.equal(slugify('ښځې او ماشومان'), 'ښځې-او-ماشومان');
});

test('Persian output is NFC, even from a decomposed input', () => {
  // alef + maddah above (decomposed) composes to آ, and yeh + hamza above to ئ.
  const decomposed = 'ا\u0653ب \u064a\u0654';
  assert.notEqual(decomposed, decomposed.normalize('NFC'));
  const slug = slugify(decomposed);
  assert.equal(slug, 'آب-ئ');
  assert.equal(slug, slug.normalize('NFC'));
  assert.ok(slug.includes('\u0622'));
});

test('harakat and tatweel are dropped', () => {
  assert.equal(slugify('سَلام'), 'سلام');
  assert.equal(slugify('مُحَمَّد'), 'محمد');
  assert.equal(slugify('كـــابل'), 'کابل');
  assert.equal(slugify('رحمٰن'), 'رحمن');
});

test('ZWNJ separates the parts of a Persian word', () => {
  assert.equal(slugify('می\u200cخواهم'), 'می-خواهم');
  assert.equal(slugify('کتاب\u200cها'), 'کتاب-ها');
});

test('mixed Latin and Persian titles keep both, Latin lower-cased', () => {
  assert.equal(slugify('Kabul کابل 2024'), 'kabul-کابل-2024');
  assert.equal(slugify('UNICEF: یونیسف'), 'unicef-یونیسف');
});

test('digits are kept, Persian and Arabic-Indic digits included', () => {
  assert.equal(slugify('29 Lives'), '29-lives');
  assert.equal(slugify('۱۴۰۳ سال'), '۱۴۰۳-سال');
  assert.equal(slugify('سال ١٤٠٣'), 'سال-١٤٠٣');
});

test('empty or punctuation-only text gives the empty slug', () => {
  assert.equal(slugify(''), '');
  assert.equal(slugify('   '), '');
  assert.equal(slugify('!!! --- ???'), '');
  assert.equal(slugify('«»،؟'), '');
  assert.equal(isSlug(slugify('...')), false);
});

test('slugify is idempotent on its own output', () => {
  for (const text of ['ISIS/DAESH', 'Café Déjà', 'كابل علي', 'Kabul کابل 2024', ...categoryNames]) {
    const once = slugify(text);
    assert.equal(slugify(once), once, text);
  }
});

test('isSlug accepts lower-case words of any script joined by single dashes', () => {
  for (const ok of ['a', 'measles-outbreak', 'isis-daesh', '29-lives', 'کابل-علی', '۱۴۰۳', 'kabul-کابل-2024']) {
    assert.equal(isSlug(ok), true, ok);
  }
});

test('isSlug rejects upper case, spaces, doubled/edge dashes, slashes and other punctuation', () => {
  for (const bad of ['', 'Hello', 'hello world', 'hello--world', '-hello', 'hello-', 'a/b', 'a_b', 'a.b', '../etc', 'a\u200cb', 'hello\n']) {
    assert.equal(isSlug(bad), false, JSON.stringify(bad));
  }
});
