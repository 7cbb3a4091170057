/**
 * Slugs as the contract defines them: lower case, words joined by "-".
 * Latin titles give ASCII slugs (accents dropped); Persian and Pashto titles keep their
 * letters (NFC, Arabic yeh/kaf folded to their Persian forms), as WordPress does.
 */

const LATIN_WITH_MARKS = /[\u00c0-\u024f\u1e00-\u1eff]/g;
// Optional Arabic-script vowel marks and the tatweel carry no meaning in a URL.
const ARABIC_MARKS = /[\u064b-\u065f\u0670\u0640]/g;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;
// Latin letters that no Unicode decomposition turns into ASCII.
const LATIN_FOLDS: Record<string, string> = {
  ß: 'ss', æ: 'ae', Æ: 'ae', ø: 'o', Ø: 'o', ł: 'l', Ł: 'l', đ: 'd', Đ: 'd', ð: 'd', Ð: 'd',
  þ: 'th', Þ: 'th', ı: 'i', œ: 'oe', Œ: 'oe', ħ: 'h', Ħ: 'h', ŧ: 't', Ŧ: 't', ĸ: 'k', ŋ: 'n', Ŋ: 'n',
};
const LATIN_LETTERS = new RegExp(`[${Object.keys(LATIN_FOLDS).join('')}]`, 'g');

export function slugify(text: string): string {
  return text
    .normalize('NFC')
    .replace(LATIN_WITH_MARKS, (ch) => ch.normalize('NFD').replace(/\p{M}/gu, ''))
    .replace(LATIN_LETTERS, (ch) => LATIN_FOLDS[ch] ?? ch)
    .replace(/\u064a/g, '\u06cc') // ي → ی
    .replace(/\u0643/g, '\u06a9') // ك → ک
    .replace(ARABIC_MARKS, '')
    .replace(/['’‘]/g, '')
    .toLowerCase()
    .replace(NOT_WORD, '-')
    .replace(/^-+|-+$/g, '')
    .normalize('NFC');
}

/** A slug as an editor may write it: lower-case letters and digits of any script, joined by "-". */
export const SLUG_PATTERN = /^[\p{Ll}\p{Lo}\p{Lm}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{Lm}\p{N}]+)*$/u;

export function isSlug(text: string): boolean {
  return SLUG_PATTERN.test(text);
}
