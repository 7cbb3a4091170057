/**
 * The slug and URL an ingested post gets: slugify(title) capped at a word boundary (file
 * names have a byte limit), a hash of the item's key when the title has no usable letters,
 * and the `YYYY/MM/DD/<slug>` key its URL is built from.
 */
import { createHash } from 'node:crypto';
import { dateParts } from '../model/dates.ts';
import { isSlug, slugify } from '../model/slug.ts';

const SLUG_MAX_CHARS = 80;

// File names are limited to 255 bytes; Persian letters take 2 bytes in UTF-8, and the temp
// name adds ~35 bytes, so the byte cap matters before the character cap only for some scripts.
const SLUG_MAX_BYTES = 160;

/** The key the site's URL is built from: `/YYYY/MM/DD/<slug>/` minus the slashes at the ends. */
export function urlKey(date: Date, slug: string, timeZone: string): string {
  const { year, month, day } = dateParts(date, timeZone);
  return `${year}/${month}/${day}/${slug}`;
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Cuts a long slug back to its last whole word within ~80 characters (and the byte cap). */
function capSlug(slug: string): string {
  // Within both caps (code points ≤ UTF-16 units ≤ 80): nothing to cut, no need to count.
  if (slug.length <= SLUG_MAX_CHARS && utf8Length(slug) <= SLUG_MAX_BYTES) return slug;
  const chars = Array.from(slug);
  let count = 0;
  let bytes = 0;
  for (const ch of chars) {
    const size = utf8Length(ch);
    if (count === SLUG_MAX_CHARS || bytes + size > SLUG_MAX_BYTES) break;
    count++;
    bytes += size;
  }
  if (count === chars.length) return slug;
  const cut = chars.slice(0, count).join('');
  if (chars[count] === '-') return cut;
  const boundary = cut.lastIndexOf('-');
  // Inside a word only when the first word alone is that long.
  return boundary > 0 ? cut.slice(0, boundary) : cut;
}

/**
 * The slug a title gets: slugify(title), capped at a word boundary; a title with no letters
 * or digits (or one the schema's slug pattern refuses) gets a hash of the item's key.
 */
export function slugForDraft(title: string, key: string): string {
  return draftSlugs(title, key).base;
}

/**
 * slugForDraft's slug (`base`) and slugify(title) (`derived`), slugifying once: a file whose
 * slug is not the derived one says so in its front matter.
 */
export function draftSlugs(title: string, key: string): { base: string; derived: string } {
  const derived = slugify(title);
  const slug = capSlug(derived);
  const base = slug === '' || !isSlug(slug) ? createHash('sha256').update(key).digest('hex').slice(0, 12) : slug;
  return { base, derived };
}
