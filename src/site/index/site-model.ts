import type { Settings } from '../../model/settings.ts';
import { publishedPost, type BuildState } from '../check/build-state.ts';
import { renderFragments, type Fragments } from '../render/fragments.ts';
import { buildMachineFiles, type MachineFiles } from '../machine/machine-files.ts';
import type { PageJob } from '../write/types.ts';
import { PAGE_TYPES } from '../page-types.ts';
import type { Renderer } from '../render/types.ts';
import { buildSiteIndex } from './site-index.ts';
import type { IndexOptions, SiteIndex } from './types.ts';

/**
 * Everything one build renders from: the site index (every list, neighbours, related
 * stories, the sidebar's data), the shared fragments rendered once, and the machine files
 * (feeds, sitemaps, redirects). Made once per build from the checked content, whose bodies
 * are already rendered: nothing here reads a file or renders Markdown.
 */

/** What the site index keeps of a post beyond its front matter: its rendered body, and its file's hash. */
export interface PostBody {
  content: string;
  /** CheckedPost.sourceHash: the page cache's keys know the post by it (page-keys.ts). */
  sourceHash: string;
}

export interface SiteModel {
  index: SiteIndex<PostBody>;
  fragments: Fragments;
  /** Feeds, sitemaps and redirects (src/site/machine/machine-files.ts). */
  files: MachineFiles<PostBody>;
  render: Renderer;
}

/** `settings.sitemapLimit`: URLs per sitemap file. */
/** `lazyMachineFiles` (the dev server): feeds, sitemaps and redirects made when first read. */
export function buildSiteModel(
  state: BuildState,
  render: Renderer,
  settings: Pick<Settings, 'sitemapLimit'>,
  { lazyMachineFiles = false, ...options }: Pick<IndexOptions, 'lazyRelated'> & { lazyMachineFiles?: boolean } = {},
): SiteModel {
  const inputs = [];
  for (const post of state.posts.values()) {
    if (publishedPost(state, post)) inputs.push({ url: post.url, frontMatter: post.frontMatter, item: { content: post.html, sourceHash: post.sourceHash } });
  }
  const index = buildSiteIndex(inputs, { ...indexOptionsOf(state), ...options });
  const fragments = renderFragments(render, { site: state.site, sidebar: index.sidebar });
  const files = buildMachineFiles(index, state, settings.sitemapLimit, { lazy: lazyMachineFiles });
  // Only a site with WordPress's numeric ids gets the script that follows them; as the home
  // page's own data, the flag is part of its page-cache key.
  if (files.oldIds.length > 0) {
    const home = index.lists.find((list) => list.kind === 'home' && list.pageNumber === 1);
    if (home !== undefined) home.oldIdLinks = true;
  }
  return { index, fragments, files, render };
}

/** What the site index is built with, from the site's settings and categories. */
export function indexOptionsOf(state: BuildState): IndexOptions {
  return {
    categories: state.categories,
    timeZone: state.site.timeZone,
    postsPerPage: state.site.postsPerPage,
    defaultAuthor: state.site.author,
    defaultLang: state.site.lang,
  };
}

/**
 * The post and page files of a build, one job each: a post in layouts/post.njk, a page in
 * layouts/page.njk, with its front matter as the template's data (as Eleventy would give it).
 */
export function* contentJobs(state: BuildState, model: SiteModel): Generator<PageJob> {
  for (const post of state.posts.values()) {
    if (!model.index.byUrl.has(post.url)) continue;
    yield {
      url: post.url,
      template: PAGE_TYPES.post.template,
      source: `${post.path} ${post.sourceHash}`,
      data: { ...post.frontMatter, page: { url: post.url, date: post.frontMatter.date, inputPath: post.path }, content: post.html },
    };
  }
  for (const page of state.pages.values()) {
    if (page.frontMatter.draft && !state.rules.includeDrafts) continue;
    yield {
      url: page.url,
      template: PAGE_TYPES.page.template,
      source: `${page.path} ${page.sourceHash}`,
      data: { ...page.frontMatter, page: { url: page.url, inputPath: page.path }, content: page.html },
    };
  }
}
