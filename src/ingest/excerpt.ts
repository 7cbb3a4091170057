/**
 * Excerpts: the first words of a text, cut at the end of a sentence (or paragraph) where one
 * falls late enough, else at a word boundary with "…". Markdown syntax (links, images,
 * emphasis, headings, list markers, code blocks, backslash escapes) is reduced to its text
 * first, so the result is plain text, its paragraphs separated by a blank line. Persian,
 * Arabic and Urdu sentence ends (`؟`, `۔`) count as well as `.`, `!`, `?` and `…`.
 */

const SENTENCE_END = /[.!?؟۔…]+["'”’»)\]]*(?=\s|$)/gu;
const PARAGRAPH_BREAK = /\n\n/g;
const TRAILING_JUNK = /[\s,;:،؛\-–—(["'“‘«]+$/u;

/** Reduces Markdown (or leaves plain text) to its text; paragraphs are kept apart by "\n\n". */
export function markdownToText(markdown: string): string {
  const placeholders: string[] = [];
  let text = markdown
    .replace(/\r\n?/g, '\n')
    // Code blocks carry no summary text.
    .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:\n\1[^\n]*|$)/gm, '\n\n')
    // Keep escaped characters out of the way of the syntax rules below.
    .replace(/\\([\\`*_{}[\]()#+\-.!<>&|~"'])/g, (_m, ch: string) => {
      placeholders.push(ch);
      return `\ue002${placeholders.length - 1}\ue002`;
    })
    .replace(/!\[[^\]]*\]\((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?\)/g, ' ')
    .replace(/\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?\)/g, '$1')
    .replace(/^[ \t]{0,3}#{1,6}[ \t]+(.*)$/gm, '\n$1\n')
    .replace(/^[ \t]{0,3}>[ \t]?/gm, '')
    .replace(/^[ \t]*(?:[-*+]|\d+[.)])[ \t]+/gm, '\n')
    .replace(/^[ \t]{0,3}(?:[-*_][ \t]*){3,}$/gm, '\n')
    .replace(/(`+)([\s\S]*?)\1/g, '$2')
    .replace(/(\*\*|\*|~~)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(?<![\p{L}\p{N}_])(__|_)(?=\S)([\s\S]*?\S)\1(?![\p{L}\p{N}_])/gu, '$2');
  text = text.replace(/\ue002(\d+)\ue002/g, (_m, index: string) => placeholders[Number(index)] ?? '');
  return text
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}

/** The index just after the `count`-th word, or -1 when the text has no more words than that. */
function endOfWord(text: string, count: number): number {
  let seen = 0;
  for (const match of text.matchAll(/\S+/g)) {
    seen++;
    if (seen === count) return match.index + match[0].length;
  }
  return -1;
}

// Words whose full stop ends no sentence: titles, initials, "U.S.", "e.g.".
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'sr', 'jr', 'vs', 'gen', 'sen', 'rep', 'gov', 'lt', 'col', 'capt', 'sgt',
  'inc', 'ltd', 'co', 'corp', 'no', 'nos', 'approx', 'ca', 'cf', 'fig', 'vol', 'pp', 'p', 'mt', 'ft',
]);

const WORD_CHAR = /^[\p{L}.]$/u;
const BEFORE_WORD = /^[\s("“‘'«]$/u;

/**
 * What `/(?:^|[\s("“‘'«])([\p{L}.]+)$/u` captures in `text`, read backwards from its end: the
 * regex, anchored only at the end, would scan the whole text before every full stop.
 */
export function lastWord(text: string): string | undefined {
  let start = text.length;
  while (start > 0) {
    const low = text.charCodeAt(start - 1);
    const pair = start > 1 && (low & 0xfc00) === 0xdc00 && (text.charCodeAt(start - 2) & 0xfc00) === 0xd800;
    const size = pair ? 2 : 1;
    if (!WORD_CHAR.test(text.slice(start - size, start))) break;
    start -= size;
  }
  if (start === text.length) return undefined;
  if (start > 0 && !BEFORE_WORD.test(text[start - 1]!)) return undefined;
  return text.slice(start);
}

/** Whether the text before a full stop ends with an abbreviation or an initial. */
function isAbbreviation(before: string): boolean {
  const word = lastWord(before);
  if (word === undefined) return false;
  if (/^(?:\p{L}\.)+\p{L}?$/u.test(word)) return true; // U.S, e.g, i.e
  if (/^\p{Lu}$/u.test(word)) return true; // John F. Kennedy
  return ABBREVIATIONS.has(word.toLowerCase());
}

/** The ends of sentences and paragraphs in `text`, in order. */
function boundaries(text: string): number[] {
  const ends: number[] = [];
  for (const match of text.matchAll(SENTENCE_END)) {
    const stop = match.index + match[0].length;
    if (match[0].startsWith('.') && isAbbreviation(text.slice(0, match.index))) continue;
    ends.push(stop);
  }
  for (const match of text.matchAll(PARAGRAPH_BREAK)) ends.push(match.index);
  return ends.sort((a, b) => a - b);
}

function ellipsis(text: string): string {
  return `${text.replace(TRAILING_JUNK, '')}…`;
}

/**
 * At most `maxWords` words of the text. A longer text is cut after the last sentence or
 * paragraph that ends within the limit, provided that keeps at least a third of it; else
 * after the last whole word, with "…".
 */
export function excerptText(markdownOrText: string, maxWords = 60): string {
  return excerptOfText(markdownToText(markdownOrText), maxWords);
}

/** excerptText of plain text as markdownToText gives it (paragraphs folded, separated by "\n\n"). */
export function excerptOfText(text: string, maxWords = 60): string {
  const limit = Math.max(1, Math.floor(maxWords));
  const end = endOfWord(text, limit);
  if (end === -1 || text.slice(end).trim() === '') return text;
  const head = text.slice(0, end);
  const cut = boundaries(head)
    .filter((stop) => stop >= head.length / 3)
    .pop();
  return cut === undefined ? ellipsis(head) : head.slice(0, cut).trim();
}

/**
 * The first sentence (or first paragraph, if that ends sooner) of a text, at most `maxWords`
 * words, cut with "…": the title of an item that has text but no title (Mastodon-style feeds).
 * A closing full stop is dropped, as titles have none; `?` and `!` stay.
 */
export function firstSentence(markdownOrText: string, maxWords = 12): string {
  const text = markdownToText(markdownOrText);
  const stop = boundaries(text).find((index) => text.slice(0, index).trim() !== '');
  const sentence = (stop === undefined ? text : text.slice(0, stop)).replace(/\s+/g, ' ').trim();
  const limit = Math.max(1, Math.floor(maxWords));
  const end = endOfWord(sentence, limit);
  if (end === -1 || sentence.slice(end).trim() === '') return sentence.replace(/(?<!\.)\.$/, '');
  return ellipsis(sentence.slice(0, end));
}
