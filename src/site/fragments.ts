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
