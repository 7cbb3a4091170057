import { FALLBACK_CATEGORY, type CategoryList } from '../model/categories.ts';
import { htmlToText } from '../convert/html-text.ts';
import type { NormalisedItem, SourceConfig } from './types.ts';

/**
 * Files an item under the site's categories. In order, up to `maxCategories`:
 *
 * 1. the source's own categories (sources.yaml), as the category list spells them;
 * 2. the item's feed categories that name a known category loosely (`findLoose`);
 * 3. the keyword rules of categories.yaml: a category matches when one of its keywords appears
 *    as a whole word in the item's title or text (its summary, else its content). Title hits
 *    weigh more than text hits; the best-scoring categories win, ties in the file's order.
 *
 * Nothing matched → FALLBACK_CATEGORY. The feed categories that are not known categories
 * become tags, after the source's own tags.
 *
 * Keyword matching: "whole word" means not touching another letter, mark or digit on either
 * side (`\b` knows nothing of Arabic script), Unicode-aware and case-insensitive; Arabic-script
 * text and keywords are folded alike first (Arabic yeh/kaf → Persian, vowel marks and tatweel
 * dropped). One exception to case-insensitivity: a short keyword written in capitals (an acronym
 * of two or three letters — WHO, EU, UAE) matches only in capitals, or "who" and "eu" would
 * file half of all English and Portuguese text under Health News and EU relations. Longer
 * acronyms (NATO, UNICEF) stay case-insensitive: newspapers write "Nato" and "Unicef". The rules are compiled once per CategoryList.
 *
 * Each category's keywords make one regex per mode (`(?<!W)(?:longest|…|shortest)(?!W)`, W a
 * letter, mark or digit); its hits are the matches a global scan of the text finds. That scan
 * is done for all categories in one pass: see countModeMatches.
 */

export interface ClassifyOptions {
  maxCategories: number;
  /** The item's text (htmlToText of its summary, else its content), when the caller has it already. */
  text?: string;
}

export interface Classification {
  categories: string[];
  tags: string[];
}

export const MAX_TAGS = 8;
const MAX_TAG_LENGTH = 60;

/** One matching mode (case-insensitive keywords, or acronyms) of every rule, for a single pass over a text. */
interface Mode {
  /**
   * Every keyword of every rule in this mode, without the whole-word checks (grouped by first
   * character, see startsBody): it finds each position where some keyword starts, a superset
   * of where any rule can match.
   */
  starts: RegExp | null;
  /** Per rule: its keywords with the whole-word checks, sticky (tried at one position); null: none. */
  sticky: (RegExp | null)[];
  /** Per rule: the first letters its keywords can start with (`^(?:a|b)`); null: any (see firstOf). */
  first: (RegExp | null)[];
  /** Rules worth trying where a given character starts a keyword (filled as characters are met). */
  byFirst: Map<string, number[]>;
}

interface CompiledRules {
  /** The category names, in the file's order (a rule's index is its position here). */
  names: string[];
  anyCase: Mode;
  exactCase: Mode;
}

const compiled = new WeakMap<CategoryList, CompiledRules>();

/** Folds Arabic-script variants so that keywords and text agree. Keeps string length stable enough for matching. */
function foldScript(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\u064a/g, '\u06cc') // ي → ی
    .replace(/\u0649/g, '\u06cc') // ى → ی
    .replace(/\u0643/g, '\u06a9') // ك → ک
    .replace(/[\u064b-\u065f\u0670\u0640]/g, ''); // harakat, superscript alef, tatweel
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function keywordPattern(keyword: string): string {
  // Inner whitespace matches any run of spaces (or a ZWNJ, for Persian compounds).
  return foldScript(keyword.trim())
    .split(/\s+/)
    .map(escapeRegExp)
    .join('[\\s\\u200c]+');
}

/**
 * The keyword's first character as a pattern, or undefined when its pattern does not start
 * with a literal character (a keyword that folds to nothing, or to leading whitespace).
 */
function firstOf(keyword: string): string | undefined {
  const folded = foldScript(keyword.trim());
  const first = folded.codePointAt(0);
  if (first === undefined || /^\s/.test(folded)) return undefined;
  return escapeRegExp(String.fromCodePoint(first));
}

/** A short all-capitals keyword (WHO, EU, UAE): an acronym that collides with an ordinary word. */
function isAcronym(keyword: string): boolean {
  const letters = keyword.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters.length <= 3 && !/\p{Ll}/u.test(letters) && /^\p{Lu}+$/u.test(letters);
}

function alternationBody(keywords: string[]): string {
  // Longest first, so "ISIS-K" wins over "ISIS" within one category.
  return [...keywords]
    .sort((a, b) => b.length - a.length)
    .map(keywordPattern)
    .join('|');
}

const NOT_BEFORE = '(?<![\\p{L}\\p{M}\\p{N}])';
const NOT_AFTER = '(?![\\p{L}\\p{M}\\p{N}])';

function alternation(keywords: string[], flags: string): RegExp | null {
  if (keywords.length === 0) return null;
  return new RegExp(`${NOT_BEFORE}(?:${alternationBody(keywords)})${NOT_AFTER}`, flags);
}

/**
 * The `starts` pattern: every keyword, grouped by its first character (`a(?:…|…)|b(?:…)`).
 * Only where it matches counts, not what, and a grouped alternation matches at exactly the
 * positions the flat one does; but the regex engine tries one branch per first character
 * at each position instead of one per keyword.
 */
function startsBody(keywords: string[]): string {
  const groups = new Map<string, string[]>();
  const loose: string[] = [];
  for (const keyword of keywords) {
    const pattern = keywordPattern(keyword);
    const first = firstOf(keyword);
    if (first === undefined || !pattern.startsWith(first)) {
      loose.push(pattern);
      continue;
    }
    const rests = groups.get(first) ?? [];
    rests.push(pattern.slice(first.length));
    groups.set(first, rests);
  }
  const branches = [...groups].map(([first, rests]) => `${first}(?:${[...new Set(rests)].join('|')})`);
  return `(?:${[...branches, ...loose].join('|')})`;
}

function compileMode(keywordsByRule: string[][], flags: string): Mode {
  const all = keywordsByRule.flat();
  return {
    starts: all.length === 0 ? null : new RegExp(startsBody(all), `g${flags}`),
    sticky: keywordsByRule.map((keywords) => alternation(keywords, `y${flags}`)),
    first: keywordsByRule.map((keywords) => {
      const firsts = keywords.map(firstOf);
      if (keywords.length === 0 || firsts.includes(undefined)) return null;
      return new RegExp(`^(?:${[...new Set(firsts)].join('|')})`, flags);
    }),
    byFirst: new Map(),
  };
}

function rulesFor(categories: CategoryList): CompiledRules {
  let rules = compiled.get(categories);
  if (rules === undefined) {
    const anyCase: string[][] = [];
    const exactCase: string[][] = [];
    for (const category of categories.all) {
      const keywords = category.keywords.map((k) => k.trim()).filter((k) => k !== '');
      anyCase.push(keywords.filter((k) => !isAcronym(k)));
      exactCase.push(keywords.filter(isAcronym));
    }
    rules = { names: categories.all.map((category) => category.name), anyCase: compileMode(anyCase, 'iu'), exactCase: compileMode(exactCase, 'u') };
    compiled.set(categories, rules);
  }
  return rules;
}

function codePointLength(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
}

/**
 * Adds to `counts[rule]` the number of matches each rule's regex (`rule.anyCase` or
 * `rule.exactCase`, scanned with its `g` flag) finds in the text, weighted — in one pass
 * instead of one scan per rule. A rule's match can only start where one of its keywords
 * starts, so its regex is tried (sticky, with the same whole-word checks) only at those
 * positions, in order, each search going on from the end of its last match: the same
 * matches a global scan finds.
 */
function countModeMatches(mode: Mode, text: string, weight: number, counts: number[]): void {
  if (mode.starts === null || text === '') return;
  const starts = mode.starts;
  const from: number[] = [];
  starts.lastIndex = 0;
  for (let found = starts.exec(text); found !== null; found = starts.exec(text)) {
    const at = found.index;
    const step = codePointLength(text, at);
    starts.lastIndex = at + step; // every start position, overlapping ones included
    const first = text.slice(at, at + step);
    let candidates = mode.byFirst.get(first);
    if (candidates === undefined) {
      candidates = [];
      for (let rule = 0; rule < mode.sticky.length; rule++) {
        if (mode.sticky[rule] !== null && (mode.first[rule] === null || mode.first[rule]!.test(first))) candidates.push(rule);
      }
      mode.byFirst.set(first, candidates);
    }
    for (const rule of candidates) {
      if (at < (from[rule] ?? 0)) continue;
      const pattern = mode.sticky[rule]!;
      pattern.lastIndex = at;
      if (pattern.test(text)) {
        counts[rule] = (counts[rule] ?? 0) + weight;
        from[rule] = pattern.lastIndex;
      }
    }
  }
}

function itemText(item: NormalisedItem): string {
  const html = item.summaryHtml ?? item.contentHtml;
  return html === undefined ? '' : htmlToText(html);
}

function cleanTag(tag: string): string {
  return tag.replace(/\s+/g, ' ').trim();
}

export function classify(
  item: NormalisedItem,
  source: SourceConfig,
  categories: CategoryList,
  options: ClassifyOptions,
): Classification {
  const max = Math.max(1, Math.floor(options.maxCategories));
  const chosen: string[] = [];
  const add = (name: string | undefined): void => {
    if (name !== undefined && name !== FALLBACK_CATEGORY && !chosen.includes(name) && chosen.length < max) {
      chosen.push(name);
    }
  };

  for (const name of source.categories) add(categories.findLoose(name)?.name);

  const unknownFeedCategories: string[] = [];
  for (const name of item.categories) {
    const known = categories.findLoose(name);
    if (known === undefined) unknownFeedCategories.push(name);
    else add(known.name);
  }

  if (chosen.length < max) {
    const title = foldScript(item.title);
    const text = foldScript(options.text ?? itemText(item));
    const compiledRules = rulesFor(categories);
    const scores: number[] = [];
    for (const mode of [compiledRules.anyCase, compiledRules.exactCase]) {
      countModeMatches(mode, title, 3, scores);
      countModeMatches(mode, text, 1, scores);
    }
    const scored: { name: string; score: number; order: number }[] = [];
    compiledRules.names.forEach((name, order) => {
      const score = scores[order] ?? 0;
      if (score > 0) scored.push({ name, score, order });
    });
    scored.sort((a, b) => b.score - a.score || a.order - b.order);
    for (const { name } of scored) add(name);
  }

  if (chosen.length === 0) chosen.push(FALLBACK_CATEGORY);

  const tags: string[] = [];
  const seen = new Set<string>();
  for (const candidate of [...source.tags, ...unknownFeedCategories]) {
    const tag = cleanTag(candidate);
    const key = tag.toLocaleLowerCase();
    if (tag === '' || tag.length > MAX_TAG_LENGTH || seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
    if (tags.length === MAX_TAGS) break;
  }
  return { categories: chosen, tags };
}
