import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SEARCH_FOLD, searchText } from '../../src/model/search-text.ts';

const ZWNJ = '\u200c';
const RLM = '\u200f';

test('a ZWNJ is removed: the two halves of the word are joined', () => {
  assert.equal(searchText(`می${ZWNJ}شود`), 'میشود');
  assert.equal(searchText(`خانه${ZWNJ}ها`), 'خانهها');
});

test('zero-width characters and bidi controls pasted with a word are removed', () => {
  for (const char of ['\u200b', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u200e', RLM, '\u061c', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
    const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    assert.equal(searchText(`${char}کابل${char}`), 'کابل', code);
    assert.equal(searchText(`Kab${char}ul`), 'Kabul', code);
  }
});

test('Arabic yeh and kaf (and alef maksura) match the Persian letters', () => {
  assert.equal(searchText('كابل'), 'کابل');
  assert.equal(searchText('يك'), 'یک');
  assert.equal(searchText('علي'), 'علی');
  assert.equal(searchText('مصطفى'), 'مصطفی');
  // Already Persian: unchanged.
  assert.equal(searchText('کابل یک'), 'کابل یک');
});

test('Pashto gaf, e and yeh with tail match the Persian letters', () => {
  assert.equal(searchText('ننګرهار'), 'ننگرهار');
  assert.equal(searchText('ډېر'), 'ډیر');
  assert.equal(searchText('وړۍ'), 'وړی');
  // The other Pashto letters stay: they are not variants of Persian ones.
  assert.equal(searchText('ښځې ټول ډله ړ ږ ځ څ ڼ'), 'ښځی ټول ډله ړ ږ ځ څ ڼ');
});

test('NFC: a letter typed as base and combining mark is the precomposed letter', () => {
  assert.equal(searchText('\u0627\u0653ب'), '\u0622ب'); // ا + madda → آ
  assert.equal(searchText('Re\u0301sume\u0301'), 'Résumé'.normalize('NFC'));
  // A removed character between a letter and its mark: they are composed once it is gone.
  assert.equal(searchText(`\u0627${ZWNJ}\u0653`), '\u0622');
  // NFC before folding: yeh + hamza above is the letter ئ, which is not folded to ی.
  assert.equal(searchText('\u064a\u0654'), '\u0626');
});

test('white space, Latin text and digits are kept as written', () => {
  const text = 'Kabul, 12 March:\n\tthe  river ran high.';
  assert.equal(searchText(text), text);
  assert.equal(searchText(`a ${RLM} b`), 'a  b');
});

test('idempotent: folded text folds to itself', () => {
  const samples = [`می${ZWNJ}شود`, 'كابل يك ى', 'ننګرهار ډېر وړۍ', `${RLM}\u202bسلام\u202c`, '\u0627\u0653', '\u064a\u0654'];
  for (const sample of samples) assert.equal(searchText(searchText(sample)), searchText(sample), sample);
});

test('the table: every replaced letter and removed character is one code point, and no replacement is itself replaced or removed', () => {
  const replaced = Object.keys(SEARCH_FOLD.replace);
  for (const letter of [...replaced, ...SEARCH_FOLD.remove]) assert.equal([...letter].length, 1);
  for (const result of Object.values(SEARCH_FOLD.replace)) {
    assert.ok(!replaced.includes(result), result);
    assert.ok(!SEARCH_FOLD.remove.includes(result), result);
  }
  // No white space is removed (word positions depend on it).
  assert.doesNotMatch(SEARCH_FOLD.remove, /[^\S\uFEFF]/);
});
