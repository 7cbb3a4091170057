import type { Renderer } from './types.ts';
import { compactHtml } from './compact-html.ts';

/**
 * The fragments every page shares (header, sidebar, footer), rendered ONCE per build; the
 * pages then embed the finished HTML. At 20,000 posts this saves rendering the sidebar
 * 30,000 times.
 */
export interface Fragments {
  header: string;
  sidebar: string;
  footer: string;
}

export function renderFragments(render: Renderer, context: object): Fragments {
  return {
    header: compactHtml(render('fragments/header.njk', context)),
    sidebar: compactHtml(render('fragments/sidebar.njk', context)),
    footer: compactHtml(render('fragments/footer.njk', context)),
  };
}

/**
 * The same fragments for pages that Khabar writes itself: the template gets a short marker
 * (`<!--khabar:NAME-->`) in place of a fragment that many pages share, and `splice` puts the
 * fragment back as bytes encoded once per build. Templates and the shared fragments are then
 * not copied into, and re-encoded from, every page's HTML string, and a page's own bytes
 * (what the page cache keeps) do not change when only a shared fragment does.
 *
 * Markers: `sidebar`, `footer`, and `more:<category URL>` for the "More <category> news" list
 * that all the posts of a category but its latest few show (site-rendering.ts). (The header
 * stays a string: each page marks its own menu item in it.)
 */
export interface SplicedFragments {
  /** What templates see as `collections.khabar.fragments`. */
  standIns: Fragments;
  /**
   * The page's bytes, with every marker replaced by its fragment: written into `into` (and a
   * view of it returned) when it is large enough, else into a new Buffer.
   */
  splice(html: string, into?: Buffer): Buffer;
  /** The same from a page's own bytes (as the page cache keeps them). */
  spliceBytes(page: Buffer, into?: Buffer): Buffer;
}

const OPEN = '<!--khabar:';
const CLOSE = '-->';

/** Where a page names a fragment: [at, end) is its marker. */
interface Found {
  at: number;
  end: number;
  bytes: Buffer;
}

/** The markers in a page (a string or its bytes: the markers are ASCII, so offsets agree). */
function findMarkers(page: string | Buffer, bytesOf: (name: string) => Buffer | null): Found[] {
  const found: Found[] = [];
  for (let at = page.indexOf(OPEN); at !== -1; at = page.indexOf(OPEN, at + OPEN.length)) {
    const end = page.indexOf(CLOSE, at + OPEN.length);
    if (end === -1) break;
    const name = typeof page === 'string' ? page.slice(at + OPEN.length, end) : page.toString('utf8', at + OPEN.length, end);
    const bytes = bytesOf(name);
    if (bytes !== null) found.push({ at, end: end + CLOSE.length, bytes });
  }
  return found;
}

/** `into` when the page fits in it, else a new buffer. */
function targetFor(pageRoom: number, found: readonly Found[], into: Buffer | undefined): Buffer {
  let room = pageRoom;
  for (const { bytes } of found) room += bytes.length;
  return into !== undefined && into.length >= room ? into : Buffer.allocUnsafe(room);
}

function fragmentMarker(name: string): string {
  return `${OPEN}${name}${CLOSE}`;
}

/** The marker that stands for the shared "More <category> news" list of a category. */
export function moreMarker(categoryUrl: string): string {
  return fragmentMarker(`more:${categoryUrl}`);
}

/**
 * @param more the shared "More … news" list of a category, by its URL (rendered when first
 *   asked for: a page cache hit needs it without rendering the page)
 */
export function spliceableFragments(fragments: Fragments, more: (categoryUrl: string) => string | undefined = () => undefined): SplicedFragments {
  const encoded = new Map<string, Buffer | null>([
    ['sidebar', Buffer.from(fragments.sidebar)],
    ['footer', Buffer.from(fragments.footer)],
  ]);
  const bytesOf = (name: string): Buffer | null => {
    let bytes = encoded.get(name);
    if (bytes === undefined) {
      const html = name.startsWith('more:') ? more(name.slice('more:'.length)) : undefined;
      bytes = html === undefined ? null : Buffer.from(html);
      encoded.set(name, bytes);
    }
    return bytes;
  };
  return {
    standIns: { header: fragments.header, sidebar: fragmentMarker('sidebar'), footer: fragmentMarker('footer') },
    splice(html, into) {
      const found = findMarkers(html, bytesOf);
      // A UTF-16 code unit is at most 3 UTF-8 bytes: with that much room no write falls short.
      const target = targetFor(3 * html.length, found, into);
      let length = 0;
      let from = 0;
      for (const { at, end, bytes } of found) {
        length += target.write(html.slice(from, at), length);
        length += bytes.copy(target, length);
        from = end;
      }
      length += target.write(from === 0 ? html : html.slice(from), length);
      return target.subarray(0, length);
    },
    spliceBytes(page, into) {
      const found = findMarkers(page, bytesOf);
      const target = targetFor(page.length, found, into);
      let length = 0;
      let from = 0;
      for (const { at, end, bytes } of found) {
        length += page.copy(target, length, from, at);
        length += bytes.copy(target, length);
        from = end;
      }
      length += page.copy(target, length, from);
      return target.subarray(0, length);
    },
  };
}
