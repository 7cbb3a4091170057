import { wellFormedDeep } from '../model/well-formed.ts';
import { boundHtml, MAX_HTML_CHARS, MAX_NESTING } from './html-bounds.ts';
import type { ParsedFeed, RawItem } from './types.ts';

/**
 * The first thing done to a parsed feed, before any of its HTML is parsed: every string of
 * every item made well-formed (model/well-formed.ts: no lone surrogates, no NUL or other
 * control characters a post file cannot carry), and each HTML field bounded in size and
 * nesting (html-bounds.ts). Linear in the feed's size. What was cut or flattened is reported
 * per item; the item itself goes on, with its text.
 */

const HTML_FIELDS = ['title', 'summary', 'content', 'author'] as const;

export interface BoundedFeed {
  feed: ParsedFeed;
  /** Items whose HTML was cut or flattened. */
  trimmed: number;
  /** One line per such item: which item, which field, what was done. */
  notes: string[];
}

function nameOf(item: RawItem, index: number): string {
  return JSON.stringify(item.link?.trim() || item.guid?.trim() || `#${index + 1}`);
}

export function boundFeed(parsed: ParsedFeed, maxChars = MAX_HTML_CHARS, maxDepth = MAX_NESTING): BoundedFeed {
  const feed = wellFormedDeep(parsed);
  const notes: string[] = [];
  let trimmed = 0;
  feed.items = feed.items.map((raw, index) => {
    const item: RawItem = { ...raw };
    const done: string[] = [];
    for (const field of HTML_FIELDS) {
      const html = item[field];
      if (typeof html !== 'string') continue;
      const bounded = boundHtml(html, maxChars, maxDepth);
      if (bounded.html === html) continue;
      item[field] = bounded.html;
      if (bounded.flattened > 0) done.push(`${field}: ${bounded.flattened} tag(s) nested deeper than ${maxDepth} removed, their text kept`);
      if (bounded.cutFrom !== undefined) done.push(`${field}: cut from ${bounded.cutFrom} to ${maxChars} characters`);
    }
    if (done.length > 0) {
      trimmed++;
      notes.push(`item ${nameOf(raw, index)}: ${done.join('; ')}`);
    }
    return item;
  });
  return { feed, trimmed, notes };
}
