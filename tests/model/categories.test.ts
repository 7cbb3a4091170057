import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CategoryList,
  editDistance,
  FALLBACK_CATEGORY,
  loadCategories,
  parseCategories,
} from '../../src/model/categories.ts';
import { SLUG_PATTERN, slugify } from '../../src/model/slug.ts';
import { DataFileError, KhabarError } from '../../src/model/errors.ts';
import { contractCategoryNames } from '../helpers/fixtures.ts';

const CATEGORIES_YAML = fileURLToPath(new URL('../../content/_data/categories.yaml', import.meta.url));

/** The contract's 71 names, in order (a copy of the shared spec's categories.txt). */
const CONTRACT_NAMES = [
  'Afghan Children',
  'Afghan Sports News',
  'Afghan Women',
  'Afghanistan Freedom Front',
  'Al-Qaeda',
  'Anti-Government Militants',
  'Anti-Taliban Resistance',
  'AOP Reports',
  'Arab-Afghan Relations',
  'Art and Culture',
  'Australia-Afghanistan Relations',
  'Book Review',
  'Britain-Afghanistan Relations',
  'Canada-Afghanistan Relations',
  'Censorship',
  'Central Asia',
  'China-Afghanistan Relations',
  'Civilian Injuries and Deaths',
  'Corruption',
  'Crime and Punishment',
  'Drone warfare',
  'Drugs',
  'Economic News',
  'Education',
  'Elections News',
  'Entertainment News',
  'Environmental News',
  'Ethnic Issues',
  'EU-Afghanistan Relations',
  'Everyday Life',
  'France-Afghanistan Relations',
  'Germany-Afghanistan Relations',
  'Haqqani Network',
  'Health News',
  'Heroism',
  'History',
  'Human Rights',
  'India-Afghanistan Relations',
  'Interviews',
  'Iran-Afghanistan Relations',
  'ISIS/DAESH',
  'Islamophobia News',
  'Japan-Afghanistan Relations',
  'Landmines',
  'Media',
  'Misc.',
  'Muslims and Islam',
  'NATO-Afghanistan',
  'News in Dari (Persian/Farsi)',
  'NRF – National Resistance Front',
  'Opinion/Editorial',
  'Other News',
  'Pakistan-Afghanistan Relations',
  'Peace Talks',
  'Photos',
  'Political News',
  'Reconstruction and Development',
  'Refugees and Migrants',
  'Russia-Afghanistan Relations',
  'Science and Technology',
  'Security',
  'Society',
  'Tajikistan-Afghanistan Relations',
  'Taliban',
  'Traffic accidents',
  'Travel',
  'Turkey-Afghanistan Relations',
  'UN-Afghanistan Relations',
  'Uncategorized',
  'US-Afghanistan Relations',
  'Uzbekistan-Afghanistan Relations',
];

const categories = loadCategories(CATEGORIES_YAML);

function parseError(yamlText: string): string {
  try {
    parseCategories(yamlText, 'cats.yaml');
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail(`expected ${JSON.stringify(yamlText)} to be refused`);
}

test("the list here matches the contract's categories.txt (tests/fixtures/spec/)", () => {
  assert.equal(CONTRACT_NAMES.length, 71);
  const spec = contractCategoryNames();
  assert.deepEqual(spec, CONTRACT_NAMES);
});

test('categories.yaml has exactly the 71 contract names, in order', () => {
  assert.equal(categories.all.length, 71);
  assert.deepEqual(categories.all.map((c) => c.name), CONTRACT_NAMES);
  assert.ok(categories.get(FALLBACK_CATEGORY), 'the fallback category exists');
});

test('categories.yaml slugs are unique, valid and ASCII', () => {
  const slugs = categories.all.map((c) => c.slug);
  assert.equal(new Set(slugs).size, 71);
  for (const slug of slugs) {
    assert.match(slug, SLUG_PATTERN);
    assert.match(slug, /^[a-z0-9-]+$/);
  }
  assert.equal(categories.get('ISIS/DAESH')?.slug, 'isis-daesh');
  assert.equal(categories.get('News in Dari (Persian/Farsi)')?.slug, 'news-in-dari-persian-farsi');
  assert.equal(categories.get('NRF – National Resistance Front')?.slug, 'nrf-national-resistance-front');
  assert.equal(categories.get('Misc.')?.slug, 'misc');
  assert.equal(categories.get('Uncategorized')?.slug, 'uncategorized');
});

test('every category has a keywords list', () => {
  for (const c of categories.all) assert.ok(Array.isArray(c.keywords), c.name);
  assert.ok(categories.get('Afghan Children')!.keywords.includes('UNICEF'));
});

test('get is exact: case and spacing matter', () => {
  assert.equal(categories.get('Health News')?.name, 'Health News');
  assert.equal(categories.get('health news'), undefined);
  assert.equal(categories.get('Health-News'), undefined);
  assert.equal(categories.get('Health News '), undefined);
});

test('findLoose ignores case, dashes, underscores and spacing', () => {
  for (const loose of ['health news', 'Health-News', 'HEALTH   NEWS', 'Health_News', ' health news ', 'Health—News']) {
    assert.equal(categories.findLoose(loose)?.name, 'Health News', loose);
  }
  assert.equal(categories.findLoose('NRF - National Resistance Front')?.name, 'NRF – National Resistance Front');
  assert.equal(categories.findLoose('al qaeda')?.name, 'Al-Qaeda');
  assert.equal(categories.findLoose('Helth News'), undefined);
  assert.equal(categories.findLoose(''), undefined);
});

test('suggest offers the closest name for a misspelling', () => {
  assert.equal(categories.suggest('Helth News'), 'Health News');
  assert.equal(categories.suggest('health-news'), 'Health News');
  assert.equal(categories.suggest('Talibann'), 'Taliban');
  assert.equal(categories.suggest('Opinion Editorial'), 'Opinion/Editorial');
  assert.equal(categories.suggest('Misc'), 'Misc.');
});

test('suggest gives nothing for a name that resembles no category', () => {
  assert.equal(categories.suggest('xyzzy qwerty plugh'), undefined);
  assert.equal(categories.suggest('zzz'), undefined);
  assert.equal(categories.suggest('Quantum chromodynamics'), undefined);
});

test('suggest("Isis") points at ISIS/DAESH', {
}, () => {
  assert.equal(categories.suggest('Isis'), 'ISIS/DAESH');
});

test('editDistance: Levenshtein basics', () => {
  assert.equal(editDistance('', ''), 0);
  assert.equal(editDistance('abc', 'abc'), 0);
  assert.equal(editDistance('abc', ''), 3);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('flaw', 'lawn'), 2);
  assert.equal(editDistance('health news', 'helth news'), 1);
  assert.equal(editDistance('ab', 'ba'), 2);
  assert.equal(editDistance('a', 'b'), 1);
  assert.equal(editDistance('kabul', 'kandahar'), editDistance('kandahar', 'kabul'));
});

test('parseCategories derives a missing slug from the name and keeps descriptions', () => {
  const list = parseCategories('categories:\n  - name: ISIS/DAESH\n    description: d\n  - name: B\n    slug: custom-b\n    keywords: [x]\n');
  assert.deepEqual(list.all, [
    { name: 'ISIS/DAESH', slug: 'isis-daesh', description: 'd', keywords: [] },
    { name: 'B', slug: 'custom-b', keywords: ['x'] },
  ]);
  assert.equal(slugify('ISIS/DAESH'), list.all[0]!.slug);
});

test('parseCategories refuses duplicate names', () => {
  assert.match(parseError('categories:\n  - name: A\n  - name: A\n'), /"A" is listed twice/);
});

test('parseCategories refuses duplicate slugs, explicit or derived', () => {
  assert.match(parseError('categories:\n  - name: A\n    slug: x\n  - name: B\n    slug: x\n'), /slug "x" is used twice/);
  assert.match(parseError('categories:\n  - name: A B\n  - name: a-b\n'), /slug "a-b" is used twice/);
});

test('parseCategories: a bad shape names the file, the line and the field', () => {
  assert.match(parseError('categories: []\n'), /^cats\.yaml:1: categories: /);
  assert.match(parseError('cats: []\n'), /^cats\.yaml:1: cats: unknown field$/m);
  assert.match(parseError('cats: []\n'), /^cats\.yaml:1: categories: /m);
  assert.match(parseError('categories:\n  - title: A\n'), /^cats\.yaml:2: categories\.0\.name: /m);
  assert.match(parseError('categories:\n  - name: ""\n'), /^cats\.yaml:2: categories\.0\.name: /);
  assert.match(parseError('categories:\n  - name: A\n  - name: B\n    keywords: x\n'), /^cats\.yaml:4: categories\.1\.keywords: /);
  assert.match(parseError('categories:\n  - name: A\n    colour: red\n'), /^cats\.yaml:3: categories\.0\.colour: unknown field$/);
  assert.match(parseError('categories:\n  - name: A\n  - name: B\n  - name: A\n'), /^cats\.yaml:4: categories\.2\.name: "A" is listed twice$/);
  assert.match(parseError('categories:\n  - name: A\n  - name: B\n    slug: a\n'), /^cats\.yaml:4: categories\.1\.slug: slug "a" is used twice$/);
  assert.match(parseError('categories:\n  - name: A\n  name: B\n'), /^cats\.yaml:3: \(file\): invalid YAML: /);
});

test('a data file problem is a KhabarError with its problems', () => {
  try {
    parseCategories('categories:\n  - name: A\n    colour: red\n', 'cats.yaml');
    assert.fail('expected a DataFileError');
  } catch (error) {
    assert.ok(error instanceof DataFileError);
    assert.ok(error instanceof KhabarError);
    assert.equal(error.name, 'DataFileError');
    assert.deepEqual(error.problems, [{ path: 'cats.yaml', line: 3, field: 'categories.0.colour', message: 'unknown field' }]);
  }
});

test('loadCategories names the file in its errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-categories-'));
  try {
    const path = join(dir, 'categories.yaml');
    writeFileSync(path, 'categories: []\n');
    assert.throws(() => loadCategories(path), (error: Error) => error.message.startsWith(`${path}:1: categories: `));
    assert.throws(() => loadCategories(join(dir, 'missing.yaml')), /ENOENT/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CategoryList can be built directly and refuses duplicates', () => {
  const list = new CategoryList([{ name: 'A', slug: 'a', keywords: [] }]);
  assert.equal(list.get('A')?.slug, 'a');
  assert.throws(
    () => new CategoryList([{ name: 'A', slug: 'a', keywords: [] }, { name: 'B', slug: 'a', keywords: [] }]),
    /slug "a" is used twice/,
  );
});

test('a slug that is not a slug is refused: it becomes a folder of the output', () => {
  for (const bad of ['../../../x/escaped', 'a/b', '.', '..', 'Upper', 'two words', '-x', 'x-', '']) {
    assert.match(parseError(`categories:\n  - name: A\n    slug: ${JSON.stringify(bad)}\n`), /^cats\.yaml:3: categories\.0\.slug: expected a slug/, bad);
  }
  assert.equal(parseCategories('categories:\n  - name: A\n    slug: اخبار-دری\n').get('A')?.slug, 'اخبار-دری');
});
