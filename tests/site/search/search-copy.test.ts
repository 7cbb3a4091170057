import { test } from 'node:test';
import assert from 'node:assert/strict';
import { searchText } from '../../../src/model/search-text.ts';
import { codeWritten, searchCopy, WRITTEN_DIGITS } from '../../../src/site/search/search-copy.ts';

const ZWNJ = '\u200c';
const RLM = '\u200f';
/** Pagefind's words of a text (pagefind.js 1.6, `word_separators`): what positions count. */
const words = (text: string): string[] => text.split(/[^\S\uFEFF]+/);
/** The text as the search page shows it: the folded words, with the written ones put back. */
function asWritten(copy: { content: string; written: [number, string][] }): string[] {
  const shown = words(copy.content);
  for (const [position, word] of copy.written) shown[position] = word;
  return shown;
}

test('the content is the folded text; the changed words are kept as written, by position', () => {
  const text = `كابل\nاین کار انجام می${ZWNJ}شود.  Kabul river`;
  const copy = searchCopy(text);
  assert.equal(copy.content, `کابل\nاین کار انجام میشود.  Kabul river`);
  assert.deepEqual(copy.written, [
    [0, 'كابل'],
    [4, `می${ZWNJ}شود.`],
  ]);
  assert.deepEqual(asWritten(copy), words(text));
});

test('text that folding leaves alone has nothing kept beside it', () => {
  const copy = searchCopy('Measles vaccination campaign reaches Kunar\nHealth workers began.');
  assert.equal(copy.content, 'Measles vaccination campaign reaches Kunar\nHealth workers began.');
  assert.deepEqual(copy.written, []);
  // The same white space rule as for folded text: none at either end (it would be an empty first word).
  assert.deepEqual(searchCopy('\n Kabul  river \n'), { content: 'Kabul  river', written: [] });
  assert.deepEqual(searchCopy(' کابل  دریا '), { content: 'کابل  دریا', written: [] });
});

test('a word of invisible characters only is left out, so later positions still match', () => {
  const text = `سلام ${RLM} هرات ${ZWNJ}${RLM} ننګرهار`;
  const copy = searchCopy(text);
  assert.equal(copy.content, 'سلام هرات ننگرهار');
  assert.deepEqual(copy.written, [[2, 'ننګرهار']]);
  assert.deepEqual(asWritten(copy), ['سلام', 'هرات', 'ننګرهار']);
});

test('white space at either end is left out (it would be an empty first word)', () => {
  const copy = searchCopy(`\n ${RLM}كابل \n`);
  assert.equal(copy.content, 'کابل');
  assert.deepEqual(copy.written, [[0, `${RLM}كابل`]]);
});

test('U+FEFF is not a word separator for Pagefind: the word around it is one word, folded', () => {
  const copy = searchCopy('a\ufeffb c');
  assert.equal(copy.content, 'ab c');
  assert.deepEqual(copy.written, [[0, 'a\ufeffb']]);
});

test('every word of a long mixed text: folded content word by word, written words restored exactly', () => {
  const sample = `د ننګرهار ${RLM}ډېر${RLM} وړۍ كابل يك می${ZWNJ}شود Kabul \u0627\u0653ب`;
  const text = Array.from({ length: 50 }, (_, i) => `${sample} ${i}`).join('\n');
  const copy = searchCopy(text);
  assert.deepEqual(words(copy.content), words(text).map(searchText));
  assert.deepEqual(asWritten(copy), words(text));
});

interface SearchScript {
  foldText(text: string, fold: unknown): string;
  decodeWritten(coded: string): [number, string][];
}
/** The search page's script, as the browser runs it (plain JavaScript, not type-checked). */
const SCRIPT = new URL('../../../templates/assets/search.js', import.meta.url).href;
const script = async (): Promise<SearchScript> => (await import(SCRIPT)) as SearchScript;

test('the written words are coded in punctuation only, and the search page decodes them', async () => {
  const written: [number, string][] = [
    [0, 'كابل'],
    [4, `می${ZWNJ}شود.`],
    [1234, `${RLM}هرات${RLM}`],
    [70000, '\u0627\u0653ب ✓ 😀'],
  ];
  const coded = codeWritten(written);
  assert.match(coded, /^[\p{P}]+$/u, 'punctuation only: nothing Pagefind would index');
  assert.doesNotMatch(coded, /[-_"\\\s]/, 'no hyphen, underscore, quote, backslash or space');
  assert.equal(new Set(WRITTEN_DIGITS).size, 16);
  assert.deepEqual((await script()).decodeWritten(coded), written);
});

test("the search page's folding of queries is the build's folding of text", async () => {
  const { foldText } = await script();
  const { SEARCH_FOLD } = await import('../../../src/model/search-text.ts');
  const samples = [`می${ZWNJ}شود`, 'كابل يك ى', 'ننګرهار ډېر وړۍ', `${RLM}\u202bسلام\u202c\u2066x\u2069`, '\u0627\u0653ب', '\u064a\u0654', 'Re\u0301sume\u0301 a\u00adb', 'a\ufeffb\u200bc\u200dd\u2060e'];
  for (const sample of samples) assert.equal(foldText(sample, JSON.parse(JSON.stringify(SEARCH_FOLD))), searchText(sample), sample);
  assert.equal(foldText('كابل', undefined), 'كابل', 'without a table (an index built before folding), the query as typed');
});
