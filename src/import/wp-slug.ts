import { isSlug, slugify } from '../model/slug.ts';

/**
 * WordPress's `post_name` as a Khabar slug. WordPress stores slugs percent-encoded (UTF-8),
 * and before 3.6 cut them at 200 bytes, sometimes inside a character (`…-%d9`), which makes
 * decodeURIComponent throw: the broken tail is dropped. Older slugs keep zero-width and bidi
 * control characters that newer WordPress strips; Arabic yeh and kaf become the Persian
 * letters, as Khabar's own slugs have them.
 */

// ZWNJ, ZWJ, ZWSP, word joiner, BOM, LRM/RLM/ALM, and the bidi embeddings, overrides and isolates.
const INVISIBLE = /[\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff]/g;

export interface DecodedSlug {
  slug: string;
  /** Set when the slug had to be repaired or replaced (reported under `problems`). */
  problem: string | null;
}

/** Decodes percent-escapes, keeping every whole character and dropping a sequence cut short. */
export function percentDecode(text: string): { text: string; broken: boolean } {
  try {
    return { text: decodeURIComponent(text), broken: false };
  } catch {
    // Decode the escapes byte by byte; a sequence cut at the end of a character is dropped.
    const bytes: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === '%' && /^[0-9a-f]{2}$/i.test(text.slice(i + 1, i + 3))) {
        bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.push(...Buffer.from(ch, 'utf8'));
      }
    }
    const decoded = new TextDecoder('utf-8', { fatal: false }).decode(Uint8Array.from(bytes));
    return { text: decoded.replace(/\ufffd/g, ''), broken: true };
  }
}

/** Khabar's form of a WordPress slug, or of the title when the slug is empty. */
export function importSlug(postName: string, title: string): DecodedSlug {
  const { text, broken } = percentDecode(postName.trim());
  const cleaned = text
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/\u064a/g, '\u06cc') // ي → ی
    .replace(/\u0643/g, '\u06a9') // ك → ک
    .toLowerCase()
    .replace(/^-+|-+$/g, '');
  const problems: string[] = [];
  if (broken) problems.push(`slug ${JSON.stringify(postName)} was cut inside a character; the broken end is dropped`);
  if (cleaned !== '' && isSlug(cleaned)) return { slug: cleaned, problem: problems[0] ?? null };
  const fromText = slugify(cleaned === '' ? title : cleaned);
  if (cleaned !== '') problems.push(`slug ${JSON.stringify(cleaned)} is not a slug Khabar allows; it became ${JSON.stringify(fromText)}`);
  return { slug: fromText, problem: problems.length === 0 ? null : problems.join('; ') };
}
