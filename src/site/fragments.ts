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
  /** The page's bytes, with every marker replaced by its fragment. */
  splice(html: string): Buffer;
}

const MARKERS = { sidebar: '<!--khabar:sidebar-->', footer: '<!--khabar:footer-->' } as const;

export function spliceableFragments(fragments: Fragments): SplicedFragments {
  const bytes = { sidebar: Buffer.from(fragments.sidebar), footer: Buffer.from(fragments.footer) };
  const names = Object.keys(MARKERS) as (keyof typeof MARKERS)[];
  return {
    standIns: { header: fragments.header, sidebar: MARKERS.sidebar, footer: MARKERS.footer },
    splice(html) {
      const parts: Buffer[] = [];
      let from = 0;
      for (const name of names) {
        const at = html.indexOf(MARKERS[name], from);
        if (at === -1) continue;
        parts.push(Buffer.from(html.slice(from, at)), bytes[name]);
        from = at + MARKERS[name].length;
      }
      if (from === 0) return Buffer.from(html);
      parts.push(Buffer.from(html.slice(from)));
      return Buffer.concat(parts);
    },
  };
}
