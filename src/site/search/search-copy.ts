import { searchText } from '../../model/search-text.ts';

/**
 * What Pagefind indexes of a text, and how to show it as written. Pagefind matches against
 * the record's `content` and makes its excerpts from that same text; so the content is the
 * folded copy (model/search-text.ts), and the words that folding changed are kept beside it,
 * by position, for the search page to put back (templates/assets/search.js).
 *
 * Positions are Pagefind's own: the page's excerpt code splits the content into words at
 * every run of white space except U+FEFF (pagefind.js 1.6, `word_separators`), and its word
 * locations count those words. Folding never adds or removes white space, but a word made
 * only of invisible characters (a lone RLM between two spaces) would vanish and shift every
 * later position, so such a word is left out of both texts: it showed nothing anyway.
 *
 * The written words go to the search page in the result's metadata; but Pagefind 1.6 makes
 * every metadata value searchable (no setting turns that off), and the words as written, or
 * their positions, would then be matched by queries: a digit would find every post with a
 * changed word at that position. So they are coded in punctuation, which Pagefind neither
 * indexes nor keeps in a query (`codeWritten`; the page decodes it, `decodeWritten` in
 * templates/assets/search.js): the index is the same size as without them.
 */

/** Pagefind's word separators, captured so the white space between words is kept as written. */
const SEPARATORS = /([^\S\uFEFF]+)/;

export interface SearchCopy {
  /** The folded text: the record's content. */
  content: string;
  /** [word position, word as written] for every word the folding changed. */
  written: [number, string][];
}

/**
 * Sixteen punctuation characters (Unicode P* classes, none that JSON escapes, no hyphen or
 * underscore, which Pagefind treats as parts of words): hex digits 0–f of the coded text.
 * The search page has the same list.
 */
export const WRITTEN_DIGITS = '!#%*,./:;?@()[]{';

/** `written` as JSON, its UTF-8 bytes as two punctuation digits each. */
export function codeWritten(written: readonly [number, string][]): string {
  let coded = '';
  for (const byte of Buffer.from(JSON.stringify(written), 'utf8')) coded += WRITTEN_DIGITS[byte >> 4]! + WRITTEN_DIGITS[byte & 15]!;
  return coded;
}

/** Leading and trailing white space, as Pagefind's separators count it. */
const ENDS = /^[^\S\uFEFF]+|[^\S\uFEFF]+$/g;
/** Folding leaves ASCII as it is. */
const NOT_ASCII = /[^\p{ASCII}]/u;

export function searchCopy(text: string): SearchCopy {
  // Most posts (English) fold to themselves: nothing to keep, no word to look at one by one.
  if (searchText(text) === text) return { content: text.replace(ENDS, ''), written: [] };
  // Alternately a word (empty at either end when the text starts or ends with white space) and the separator after it.
  const parts = text.split(SEPARATORS);
  let content = '';
  let separator = '';
  const written: [number, string][] = [];
  let position = 0;
  for (let i = 0; i < parts.length; i += 2) {
    const word = parts[i]!;
    const folded = NOT_ASCII.test(word) ? searchText(word) : word;
    // Leading or trailing white space, or a word of invisible characters only: left out.
    if (folded === '') continue;
    if (folded !== word) written.push([position, word]);
    content += separator + folded;
    separator = parts[i + 1] ?? '';
    position++;
  }
  return { content, written };
}
