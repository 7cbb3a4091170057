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

/** A file name holds at most 255 bytes; the slug leaves room for "-2.md" and a temporary file's suffix. */
const MAX_SLUG_BYTES = 200;

/** The slug cut at a word boundary to fit MAX_SLUG_BYTES (unchanged when it fits). */
function capped(slug: string): string {
  if (Buffer.byteLength(slug) <= MAX_SLUG_BYTES) return slug;
  let cut = '';
  for (const word of slug.split('-')) {
    const next = cut === '' ? word : `${cut}-${word}`;
    if (Buffer.byteLength(next) > MAX_SLUG_BYTES) break;
    cut = next;
  }
  // A first word longer than the limit: cut it by characters.
  if (cut === '') for (const ch of slug) if (Buffer.byteLength(cut + ch) <= MAX_SLUG_BYTES) cut += ch;
  return cut;
}

/** Khabar's form of a WordPress slug, or of the title when the slug is empty; never longer than a file name allows. */
export function importSlug(postName: string, title: string): DecodedSlug {
  const decoded = decodeSlug(postName, title);
  const slug = capped(decoded.slug);
  if (slug === decoded.slug) return decoded;
  const problem = `slug too long for a file name; cut to ${JSON.stringify(slug)}`;
  return { slug, problem: decoded.problem === null ? problem : `${decoded.problem}; ${problem}` };
}

function decodeSlug(postName: string, title: string): DecodedSlug {
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
