import type { Renderer } from './renderer.ts';

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
    header: render('fragments/header.njk', context),
    sidebar: render('fragments/sidebar.njk', context),
    footer: render('fragments/footer.njk', context),
  };
}

/**
 * The same fragments for pages that Khabar writes itself: the template gets a short marker
 * in place of the sidebar and footer (the same on every page, tens of KB), and `splice`
 * puts the fragment back as bytes encoded once per build. Templates and the shared
 * fragments are then not copied into, and re-encoded from, every page's HTML string.
 * (The header stays a string: each page marks its own menu item in it.)
 */
export interface SplicedFragments {
  /** What templates see as `collections.khabar.fragments`. */
  standIns: Fragments;
  /**
   * The page's bytes, with every marker replaced by its fragment: written into `into` (and a
   * view of it returned) when it is large enough, else into a new Buffer.
   */
  splice(html: string, into?: Buffer): Buffer;
}

const MARKERS = { sidebar: '<!--khabar:sidebar-->', footer: '<!--khabar:footer-->' } as const;

export function spliceableFragments(fragments: Fragments): SplicedFragments {
  const bytes = { sidebar: Buffer.from(fragments.sidebar), footer: Buffer.from(fragments.footer) };
  const names = Object.keys(MARKERS) as (keyof typeof MARKERS)[];
  const fragmentBytes = bytes.sidebar.length + bytes.footer.length;
  return {
    standIns: { header: fragments.header, sidebar: MARKERS.sidebar, footer: MARKERS.footer },
    splice(html, into) {
      // A UTF-16 code unit is at most 3 UTF-8 bytes: with that much room no write falls short.
      const room = 3 * html.length + fragmentBytes;
      const target = into !== undefined && into.length >= room ? into : Buffer.allocUnsafe(room);
      let length = 0;
      let from = 0;
      for (const name of names) {
        const at = html.indexOf(MARKERS[name], from);
        if (at === -1) continue;
        length += target.write(html.slice(from, at), length);
        length += bytes[name].copy(target, length);
        from = at + MARKERS[name].length;
      }
      length += target.write(from === 0 ? html : html.slice(from), length);
      return target.subarray(0, length);
    },
  };
}
