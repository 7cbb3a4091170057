import { FALLBACK_CATEGORY, type CategoryList } from '../model/categories.ts';
import { htmlToText } from './sanitise.ts';
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
 */

export interface ClassifyOptions {
  maxCategories: number;
}

export interface Classification {
  categories: string[];
  tags: string[];
}

export const MAX_TAGS = 8;
export const MAX_TAG_LENGTH = 60;

interface CompiledRule {
  name: string;
  /** Case-insensitive keywords and acronyms, each null when the category has none. */
  anyCase: RegExp | null;
  exactCase: RegExp | null;
}

const compiled = new WeakMap<CategoryList, CompiledRule[]>();

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

/** A short all-capitals keyword (WHO, EU, UAE): an acronym that collides with an ordinary word. */
function isAcronym(keyword: string): boolean {
  const letters = keyword.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters.length <= 3 && !/\p{Ll}/u.test(letters) && /^\p{Lu}+$/u.test(letters);
}

function alternation(keywords: string[], flags: string): RegExp | null {
  if (keywords.length === 0) return null;
  // Longest first, so "ISIS-K" wins over "ISIS" within one category.
  const body = [...keywords]
    .sort((a, b) => b.length - a.length)
    .map(keywordPattern)
    .join('|');
  return new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${body})(?![\\p{L}\\p{M}\\p{N}])`, flags);
}

function rulesFor(categories: CategoryList): CompiledRule[] {
  let rules = compiled.get(categories);
  if (rules === undefined) {
    rules = categories.all.map((category) => {
      const keywords = category.keywords.map((k) => k.trim()).filter((k) => k !== '');
      return {
        name: category.name,
        anyCase: alternation(
          keywords.filter((k) => !isAcronym(k)),
          'giu',
        ),
        exactCase: alternation(keywords.filter(isAcronym), 'gu'),
      };
    });
    compiled.set(categories, rules);
  }
  return rules;
}

function countMatches(pattern: RegExp | null, text: string): number {
  if (pattern === null || text === '') return 0;
  pattern.lastIndex = 0;
  let count = 0;
  while (pattern.exec(text) !== null) count++;
  return count;
}

function hits(rule: CompiledRule, text: string): number {
  return countMatches(rule.anyCase, text) + countMatches(rule.exactCase, text);
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
    const text = foldScript(itemText(item));
    const scored: { name: string; score: number; order: number }[] = [];
    rulesFor(categories).forEach((rule, order) => {
      if (rule.anyCase === null && rule.exactCase === null) return;
      const score = hits(rule, title) * 3 + hits(rule, text);
      if (score > 0) scored.push({ name: rule.name, score, order });
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
