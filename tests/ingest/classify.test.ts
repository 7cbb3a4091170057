import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { classify, MAX_TAGS } from '../../src/ingest/classify.ts';
import { FALLBACK_CATEGORY, loadCategories, parseCategories, type CategoryList } from '../../src/model/categories.ts';
import type { NormalisedItem, SourceConfig } from '../../src/ingest/types.ts';

const categories = loadCategories(fileURLToPath(new URL('../../content/_data/categories.yaml', import.meta.url)));

function source(overrides: Partial<SourceConfig> = {}): SourceConfig {
  return { id: 'tolonews', name: 'Tolo News', url: 'https://tolonews.com/rss.xml', kind: 'summary', categories: [], tags: [], enabled: true, ...overrides };
}

function item(overrides: Partial<NormalisedItem> = {}): NormalisedItem {
  return { title: 'A quiet day', link: 'https://e.example/a', date: new Date('2024-03-27T10:15:00Z'), categories: [], ...overrides };
}

const MAX = { maxCategories: 3 };

test('nothing matches → the fallback category', () => {
  assert.deepEqual(classify(item(), source(), categories, MAX), { categories: [FALLBACK_CATEGORY], tags: [] });
  assert.equal(FALLBACK_CATEGORY, 'Uncategorized');
});

test('source categories first, then feed categories that match loosely, then keywords', () => {
  const result = classify(
    item({ title: 'Measles outbreak: UNICEF warns about children', categories: ['health-news', 'Some Tag'] }),
    source({ categories: ['Political News'] }),
    categories,
    { maxCategories: 5 },
  );
  assert.deepEqual(result.categories.slice(0, 2), ['Political News', 'Health News']);
  assert.ok(result.categories.includes('Afghan Children'));
  assert.deepEqual(result.tags, ['Some Tag']);
});

test('loose matching of feed categories: case, dashes and spacing', () => {
  const result = classify(item({ categories: ['TALIBAN', 'human-rights', 'isis/daesh', 'Drone   warfare'] }), source(), categories, { maxCategories: 5 });
  assert.deepEqual(result.categories, ['Taliban', 'Human Rights', 'ISIS/DAESH', 'Drone warfare']);
  assert.deepEqual(result.tags, []);
});

test('at most maxCategories, source categories win', () => {
  const result = classify(
    item({ title: 'Taliban, Pakistan, Iran and China discuss trade and security', categories: ['Health News'] }),
    source({ categories: ['Political News', 'Security'] }),
    categories,
    { maxCategories: 3 },
  );
  assert.deepEqual(result.categories, ['Political News', 'Security', 'Health News']);
  assert.equal(classify(item({ title: 'Taliban' }), source(), categories, { maxCategories: 0 }).categories.length, 1);
});

test('keywords: whole words, case-insensitive, title and text', () => {
  assert.deepEqual(classify(item({ title: 'the taliban said' }), source(), categories, MAX).categories, ['Taliban']);
  assert.deepEqual(classify(item({ title: 'Talibanistan is not a word' }), source(), categories, MAX).categories, [FALLBACK_CATEGORY]);
  assert.deepEqual(classify(item({ title: 'Cricket: a match' }), source(), categories, MAX).categories, ['Afghan Sports News']);
  assert.deepEqual(classify(item({ title: 'Crickets chirp' }), source(), categories, MAX).categories, [FALLBACK_CATEGORY]);
  assert.deepEqual(
    classify(item({ title: 'News', summaryHtml: '<p>The <b>OPIUM</b> harvest</p>' }), source(), categories, MAX).categories,
    ['Drugs'],
  );
  // Summary first: the content is not read when there is a summary.
  assert.deepEqual(
    classify(item({ title: 'News', summaryHtml: '<p>nothing</p>', contentHtml: '<p>opium</p>' }), source(), categories, MAX).categories,
    [FALLBACK_CATEGORY],
  );
  assert.deepEqual(classify(item({ title: 'News', contentHtml: '<p>opium</p>' }), source(), categories, MAX).categories, ['Drugs']);
  // Keywords of several words, and with punctuation.
  assert.deepEqual(classify(item({ title: 'New peace   talks in Doha' }), source(), categories, { maxCategories: 1 }).categories, ['Peace Talks']);
  assert.ok(classify(item({ title: 'ISIS-K claims attack' }), source(), categories, MAX).categories.includes('ISIS/DAESH'));
  assert.ok(classify(item({ title: 'Al-Qaeda leader' }), source(), categories, MAX).categories.includes('Al-Qaeda'));
});

test('keywords in HTML markup or attributes do not count, only text', () => {
  const result = classify(
    item({ title: 'News', summaryHtml: '<p><a href="https://e.example/taliban">link</a> <img alt="x" src="https://e.example/opium.jpg"></p>' }),
    source(),
    categories,
    MAX,
  );
  assert.deepEqual(result.categories, [FALLBACK_CATEGORY]);
});

test('short acronyms match only in capitals (WHO is not "who")', () => {
  assert.deepEqual(classify(item({ title: 'People who travel' }), source(), categories, MAX).categories, ['Travel']);
  assert.deepEqual(classify(item({ title: 'WHO warns of cholera' }), source(), categories, { maxCategories: 1 }).categories, ['Health News']);
  assert.deepEqual(classify(item({ title: 'Eu não sei' }), source(), categories, MAX).categories, [FALLBACK_CATEGORY]);
  assert.deepEqual(classify(item({ title: 'EU aid' }), source(), categories, MAX).categories, ['EU-Afghanistan Relations']);
  // Longer acronyms are written either way by newspapers.
  assert.ok(classify(item({ title: 'Nato and Unicef' }), source(), categories, { maxCategories: 5 }).categories.includes('NATO-Afghanistan'));
});

test('Persian script: whole words without \\b, Arabic letter variants folded', () => {
  assert.deepEqual(classify(item({ title: 'طالبان در کابل' }), source(), categories, MAX).categories, ['Taliban']);
  // A longer word containing the keyword is not a match.
  assert.deepEqual(classify(item({ title: 'طالبانی' }), source(), categories, MAX).categories, [FALLBACK_CATEGORY]);
  // Punctuation and ZWNJ bound a word.
  assert.deepEqual(classify(item({ title: 'خبر: «طالبان»، امروز' }), source(), categories, MAX).categories, ['Taliban']);
  assert.deepEqual(classify(item({ title: 'انفجار‌ها در شهر' }), source(), categories, MAX).categories, ['Security']);
  // Arabic yeh and kaf in the text match the Persian keyword.
  assert.deepEqual(classify(item({ title: 'مهاجرين بازگشتند' }), source(), categories, MAX).categories, ['Refugees and Migrants']);
  // Multi-word Persian keywords.
  assert.deepEqual(classify(item({ title: 'گزارش حقوق بشر' }), source(), categories, MAX).categories, ['Human Rights']);
  assert.deepEqual(classify(item({ title: 'حقوق‌بشر' }), source(), categories, MAX).categories, ['Human Rights'], 'ZWNJ between the words');
  // Pashto.
  assert.deepEqual(classify(item({ title: 'کډوال بېرته راستانه شول' }), source(), categories, MAX).categories, ['Refugees and Migrants']);
});

test('title hits weigh more than text hits; ties keep the file order', () => {
  const result = classify(
    item({ title: 'Earthquake', summaryHtml: '<p>Taliban officials respond. Taliban say aid arrives.</p>' }),
    source(),
    categories,
    { maxCategories: 2 },
  );
  assert.deepEqual(result.categories, ['Environmental News', 'Taliban']);
  const tie = classify(item({ title: 'opium and cricket' }), source(), categories, { maxCategories: 2 });
  assert.deepEqual(tie.categories, ['Afghan Sports News', 'Drugs']);
});

test('tags: source tags, then unknown feed categories; trimmed, de-duplicated, at most 8 of at most 60 characters', () => {
  const result = classify(
    item({
      categories: [' Measles ', 'measles', 'Taliban', 'x'.repeat(61), 'Kabul', 'Kabul  City', 'a', 'b', 'c', 'd', 'e', 'f', 'g'],
    }),
    source({ tags: ['Daily', 'daily'] }),
    categories,
    MAX,
  );
  assert.deepEqual(result.tags, ['Daily', 'Measles', 'Kabul', 'Kabul City', 'a', 'b', 'c', 'd']);
  assert.equal(result.tags.length, MAX_TAGS);
  assert.deepEqual(result.categories, ['Taliban']);
});

test('unknown source categories are not invented; the fallback is never combined', () => {
  const result = classify(item({ title: 'Taliban' }), source({ categories: ['No Such Category', 'Uncategorized'] }), categories, MAX);
  assert.deepEqual(result.categories, ['Taliban']);
});

test('rules are data: a different categories file classifies differently', () => {
  const custom = parseCategories(`
categories:
  - name: Weather
    keywords: [rain, باران, "heavy snow"]
  - name: Uncategorized
`);
  assert.deepEqual(classify(item({ title: 'Rain in Kabul' }), source(), custom, MAX).categories, ['Weather']);
  assert.deepEqual(classify(item({ title: 'امروز باران بارید' }), source(), custom, MAX).categories, ['Weather']);
  assert.deepEqual(classify(item({ title: 'Heavy  snow' }), source(), custom, MAX).categories, ['Weather']);
  assert.deepEqual(classify(item({ title: 'Taliban' }), source(), custom, MAX).categories, ['Uncategorized']);
  // Regex metacharacters in keywords are literal.
  const meta = parseCategories(`
categories:
  - name: Odd
    keywords: ["c++", "(x)", "a.b"]
`);
  assert.deepEqual(classify(item({ title: 'we like c++ a lot' }), source(), meta, MAX).categories, ['Odd']);
  assert.deepEqual(classify(item({ title: 'axb' }), source(), meta, MAX).categories, ['Uncategorized']);
});

test('the rules are compiled once per category list', () => {
  const list = parseCategories('categories:\n  - name: Weather\n    keywords: [rain]\n');
  const original = RegExp;
  let compiled = 0;
  const Counting = new Proxy(original, {
    construct(target, args: ConstructorParameters<typeof RegExp>) {
      compiled++;
      return new target(...args);
    },
  });
  globalThis.RegExp = Counting;
  try {
    classify(item({ title: 'rain' }), source(), list, MAX);
    const afterFirst = compiled;
    assert.ok(afterFirst > 0, 'the first use compiles the rules');
    for (let i = 0; i < 50; i++) classify(item({ title: `rain ${i}` }), source(), list, MAX);
    assert.equal(compiled, afterFirst, 'no new RegExp per item');
  } finally {
    globalThis.RegExp = original;
  }
});


// The specification the one-pass matcher must reproduce: per category, one global scan of the
// folded title (×3) and text (×1) with its own whole-word regex (acronyms case-sensitive).
function referenceCategories(list: CategoryList, title: string, text: string): string[] {
  const fold = (s: string): string =>
    s.normalize('NFC').replace(/[\u064a\u0649]/g, '\u06cc').replace(/\u0643/g, '\u06a9').replace(/[\u064b-\u065f\u0670\u0640]/g, '');
  const pattern = (k: string): string =>
    fold(k.trim())
      .split(/\s+/)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[\\s\\u200c]+');
  const acronym = (k: string): boolean => {
    const letters = k.replace(/[^\p{L}]/gu, '');
    return letters.length >= 2 && letters.length <= 3 && /^\p{Lu}+$/u.test(letters);
  };
  const count = (keywords: string[], flags: string, s: string): number => {
    if (keywords.length === 0) return 0;
    const body = [...keywords].sort((a, b) => b.length - a.length).map(pattern).join('|');
    return [...s.matchAll(new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${body})(?![\\p{L}\\p{M}\\p{N}])`, flags))].length;
  };
  const foldedTitle = fold(title);
  const foldedText = fold(text);
  return list.all
    .map((category, order) => {
      const keywords = category.keywords.map((k) => k.trim()).filter((k) => k !== '');
      const score = (s: string): number =>
        count(keywords.filter((k) => !acronym(k)), 'giu', s) + count(keywords.filter(acronym), 'gu', s);
      return { name: category.name, order, score: 3 * score(foldedTitle) + score(foldedText) };
    })
    .filter((c) => c.score > 0 && c.name !== FALLBACK_CATEGORY)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map((c) => c.name);
}

test('the one-pass matcher gives the categories of one global scan per category, on tricky text', () => {
  const tricky = parseCategories(`
categories:
  - name: State
    keywords: [Islamic State, "ISIS-K", ISIS, IS]
  - name: Emirate
    keywords: [Islamic Emirate, Islam, islamic]
  - name: UN
    keywords: [UNICEF, United Nations, UN, un-habitat, "U.S."]
  - name: Odd
    keywords: ["c++", "(x)", "a.b", "x", "ß", "ſt", "İstanbul"]
  - name: Persian
    keywords: [حقوق بشر, "كابل", بشر, "طالبان"]
  - name: Overlap
    keywords: [rights, human rights, "rights watch", Human]
  - name: Uncategorized
`);
  const titles = [
    'Islamic State and ISIS-K claim; ISIS, IS and is',
    'the Islamic Emirate of islam and ISLAMIC states',
    'UNICEF, Unicef, unicef; UN-Habitat and the un; U.S. and u.s. (x) c++ a.b axb x-ray',
    'STRASSE ß ss ſt st İstanbul istanbul',
    'گزارش حقوق بشر و حقوق‌بشر در کابل و كابل؛ طالبانها و طالبان',
    'Human Rights Watch: human rights, rights watchers, HUMAN rightsrights',
    '',
  ];
  for (const list of [tricky, categories]) {
    for (const title of titles) {
      for (const text of ['', ...titles]) {
        const got = classify(item({ title, ...(text === '' ? {} : { summaryHtml: text }) }), source(), list, { maxCategories: 100 });
        const expected = referenceCategories(list, title, text);
        assert.deepEqual(got.categories, expected.length === 0 ? [FALLBACK_CATEGORY] : expected, `${title} / ${text}`);
      }
    }
  }
});
