/**
 * The site index's shared types: a post as the index knows it, a list page, the sidebar's
 * data, the index itself and what it is built from, and the related stories of a post.
 */
import type { CategoryList } from '../../model/categories.ts';
import type { PostFrontMatter } from '../../model/schema.ts';
import type { ListKind, TermRef } from '../page-types.ts';
import type { PageLink } from './pagination.ts';

export interface PostEntry<Item = unknown> {
  url: string;
  title: string;
  date: Date;
  lang: string;
  dir: 'ltr' | 'rtl';
  author: string;
  draft: boolean;
  categories: TermRef[];
  tags: TermRef[];
  source: PostFrontMatter['source'];
  video: string | undefined;
  /** The front matter's `updated` (feeds and sitemaps). */
  updated: Date | undefined;
  /** The Eleventy item, for its rendered content. */
  item: Item;
}

export interface ListPage<Item = unknown> {
  kind: ListKind;
  /** "Health News", "Measles", "March 2024": what the list is of. */
  name: string;
  /** The page's <title> and heading. */
  title: string;
  /** URL of the list's first page. */
  base: string;
  url: string;
  pageNumber: number;
  pageCount: number;
  newerUrl: string | null;
  olderUrl: string | null;
  links: PageLink[];
  posts: PostEntry<Item>[];
  /** A year's page: an index of its months, newest first (it lists no posts itself). */
  months?: ArchiveMonth[];
  /** The home page's first page of a site with WordPress ids: it carries the old-id script (machine/old-ids.ts). */
  oldIdLinks?: true;
}

export interface ArchiveMonth {
  name: string;
  url: string;
  count: number;
}

/** A year of the archive, with its months; newest first. */
export interface ArchiveYear {
  year: string;
  url: string;
  count: number;
  months: ArchiveMonth[];
}

export interface SidebarData<Item = unknown> {
  recent: PostEntry<Item>[];
  categories: { name: string; url: string; count: number }[];
  /**
   * The archives widget: the newest years (at most ARCHIVE_WIDGET_YEARS), the first with its
   * months; every month is on the year pages and /archives/. Its size does not grow with the years.
   */
  archives: ArchiveYear[];
}

/**
 * An old URL of a list page that the site no longer makes (a year's later pages: a year's
 * page is now an index of its months), and the page that shows its posts now.
 */
export interface MovedList {
  from: string;
  to: string;
  title: string;
}

export interface SiteIndex<Item = unknown> {
  posts: PostEntry<Item>[];
  lists: ListPage<Item>[];
  sidebar: SidebarData<Item>;
  /** Every year of the archive with its months, newest first (/archives/). */
  archives: ArchiveYear[];
  /** Old list URLs and where their posts are now (redirect pages). */
  moved: MovedList[];
  /** Older and newer neighbours of each post, by URL. */
  neighbours: Map<string, { newer: PostEntry<Item> | null; older: PostEntry<Item> | null }>;
  byUrl: Map<string, PostEntry<Item>>;
  categoryCounts: Map<string, number>;
  /** "Related" and "More <category> news" of each post, by URL (see related.ts for the bound). */
  related: Map<string, RelatedStories<Item>>;
}

export interface IndexInput<Item> {
  url: string;
  frontMatter: PostFrontMatter;
  item: Item;
}

export interface IndexOptions {
  categories: CategoryList;
  timeZone: string;
  postsPerPage: number;
  defaultAuthor: string;
  defaultLang: string;
  recentCount?: number;
  /** Related stories computed per post when first asked for (the dev server), not all at once. */
  lazyRelated?: boolean;
}

export interface RelatedStories<Item = unknown> {
  /** Up to `count` posts sharing the most tags and categories with the post, newer first on ties. */
  stories: PostEntry<Item>[];
  /** The post's first category. */
  category: TermRef;
  /** "More Security news"; a category named "… News" is not followed by a second "news". */
  heading: string;
  /** The `count` latest other posts in that category (the same array for all the posts it fits). */
  latest: readonly PostEntry<Item>[];
  /**
   * `latest` is the category's shared list (the post is not among its latest few): pages
   * show it as a fragment rendered once per build (fragments.ts), not as part of their own HTML.
   */
  latestShared: boolean;
}

export interface RelatedOptions {
  /** How many posts each list holds (default 5). */
  count?: number;
  /** At most this many candidates per term (default 100). */
  window?: number;
  /** Filled with the number of candidate posts scored (a pair (P, candidate) counts once). */
  stats?: { comparisons: number };
}
