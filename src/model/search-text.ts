/**
 * Text as search matches it: the indexed text of every post (src/site/search/) and every
 * query typed on /search/ are folded the same way, so the variants that Dari and Pashto
 * readers type and outlets write find each other:
 * - NFC (a letter typed as base + combining mark is the precomposed letter);
 * - zero-width characters (ZWNJ, ZWJ, zero-width space, word joiner, BOM, soft hyphen) and
 *   bidi controls (LRM, RLM, ALM, embeddings, overrides, isolates) removed: `می‌شود` is
 *   matched as `میشود`, the two halves joined — on both sides, so they agree;
 * - Arabic yeh/kaf (ي ك, and alef maksura ى) as Persian ی ک; Pashto ګ as گ, ې and ۍ as ی.
 * Matching only: pages and results show the text as written.
 *
 * The page's script gets this table from the built index (khabar-shards.json, see
 * src/site/search/search-index.ts) and applies it with the same steps (templates/assets/search.js),
 * so the query is always folded as the index it searches was.
 */

export interface SearchFold {
  /** Characters removed, each as one string of code points. */
  remove: string;
  /** Letters replaced: letter → its matching form. */
  replace: Record<string, string>;
}

export const SEARCH_FOLD: SearchFold = {
  remove: [
    '\u00ad', // soft hyphen
    '\u200b', // zero-width space
    '\u200c', // zero-width non-joiner
    '\u200d', // zero-width joiner
    '\u2060', // word joiner
    '\ufeff', // zero-width no-break space (BOM)
    '\u200e', // left-to-right mark
    '\u200f', // right-to-left mark
    '\u061c', // Arabic letter mark
    '\u202a\u202b\u202c\u202d\u202e', // embeddings, pop, overrides
    '\u2066\u2067\u2068\u2069', // isolates
  ].join(''),
  replace: {
    '\u064a': '\u06cc', // Arabic yeh ي → Persian yeh ی
    '\u0649': '\u06cc', // alef maksura ى (Arabic keyboards' final yeh) → ی
    '\u0643': '\u06a9', // Arabic kaf ك → keheh ک
    '\u06ab': '\u06af', // Pashto gaf ګ → gaf گ
    '\u06d0': '\u06cc', // Pashto e ې → ی
    '\u06cd': '\u06cc', // Pashto yeh with tail ۍ → ی
  },
};

/** A character class of `chars`, each as a \u escape (a ZWJ written as itself would join its neighbours). */
const charClass = (chars: string): RegExp =>
  new RegExp(`[${[...chars].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]`, 'g');
const REMOVED = charClass(SEARCH_FOLD.remove);
const REPLACED = charClass(Object.keys(SEARCH_FOLD.replace).join(''));

/**
 * `text` as search matches it. NFC first (so a letter written decomposed is folded as the
 * letter), then removals and replacements, then NFC again (a removal may bring a letter and
 * its mark together). Idempotent; never changes whitespace.
 */
export function searchText(text: string): string {
  return text
    .normalize('NFC')
    .replace(REMOVED, '')
    .replace(REPLACED, (letter) => SEARCH_FOLD.replace[letter] ?? letter)
    .normalize('NFC');
}
