/**
 * The one list of the kinds of page the site writes: for each, its URL (or how a post places
 * itself in lists of that kind), its template, its breadcrumbs, its title and description,
 * whether it is in the sitemap, whether it is paginated and whether it has a feed.
 *
 * The site index groups posts into lists with it (index/site-index.ts), the link check knows
 * the site's URLs from it (check/link-check.ts), the filters, structured data, feeds and
 * sitemaps read it, and the writer takes the post and page templates from it. A new kind of
 * page is one entry here and its template (a list kind shares templates/generators/lists.njk).
 */
import type { CategoryList } from '../model/categories.ts';
import { dateParts, formatLongDate, monthName } from '../model/dates.ts';
import type { PageFrontMatter, PostFrontMatter } from '../model/schema.ts';
import { slugify } from '../model/slug.ts';
import {
  categoryUrl,
  dayUrl,
  JSON_FEED_URL,
  monthUrl,
  NEWS_SITEMAP_URL,
  pageUrl,
  paginatedUrl,
  postSlug,
  postUrl,
  SITE_FEED_URL,
  SITEMAP_URL,
  tagUrl,
  termFeedUrl,
  yearUrl,
} from './index/urls.ts';

/** A category or tag of a post: its name and its list's URL. */
export interface TermRef {
  name: string;
  url: string;
}

/** Where a post belongs: its terms and its date's parts in the site's time zone. */
export interface PostPlace {
  date: Date;
  categories: TermRef[];
  tags: TermRef[];
  year: string;
  month: string;
  day: string;
  timeZone: string;
}

/** One list a post is in: what it is of, and the URL of its first page. */
export interface ListGroup {
  name: string;
  base: string;
}

export interface Crumb {
  name: string;
  /** Site-relative URL. */
  url: string;
}

/** What a list's crumbs and description are made from. */
export interface ListRef {
  name: string;
  base: string;
  pageNumber: number;
}

export type ListKind = 'home' | 'category' | 'tag' | 'year' | 'month' | 'day';

/** A kind of paginated list of posts (templates/generators/lists.njk writes every page of them). */
export interface ListType {
  kind: ListKind;
  template: string;
  paginates: true;
  sitemap: boolean;
  /** An Atom feed of the list's newest posts at `<base>feed.xml`. */
  feed: boolean;
  /** A list of this kind written even when no post is in it. */
  always?: ListGroup;
  /** The lists of this kind a post is in, in the post's order of them. */
  groupsOf(place: PostPlace): ListGroup[];
  /** The <title> and heading of the list's first page. */
  title(name: string): string;
  /** The crumbs between Home and "Page n". */
  crumbs(list: Pick<ListRef, 'name' | 'base'>): Crumb[];
  /** A sentence naming the list, for its meta description (`page` is " Page n of m." or ""). */
  description(list: Pick<ListRef, 'name' | 'pageNumber'>, site: { name: string; description?: string }, page: string): string;
}

const LISTS = 'generators/lists.njk';
const HOME: ListGroup = { name: 'Home', base: '/' };

/** The date archives' crumbs: the year, then the month, then the day, as deep as the list goes. */
function dateCrumbs(list: Pick<ListRef, 'name' | 'base'>, depth: 1 | 2 | 3): Crumb[] {
  const [year, month] = list.base.split('/').filter((p) => p !== '');
  const crumbs: Crumb[] = [{ name: year!, url: yearUrl(year!) }];
  if (depth > 1) crumbs.push({ name: `${monthName(Number(month))} ${year}`, url: monthUrl(year!, month!) });
  if (depth > 2) crumbs.push({ name: list.name, url: list.base });
  return crumbs;
}

function dateArchive(kind: 'year' | 'month' | 'day', depth: 1 | 2 | 3, group: (place: PostPlace) => ListGroup): ListType {
  return {
    kind,
    template: LISTS,
    paginates: true,
    sitemap: true,
    feed: false,
    groupsOf: (place) => [group(place)],
    title: (name) => `Archives: ${name}`,
    crumbs: (list) => dateCrumbs(list, depth),
    description: (list, site, page) => `News from ${list.name} on ${site.name}.${page}`,
  };
}

/** A category or tag: a list per term, with its feed. */
function termList(kind: 'category' | 'tag', label: string, terms: (place: PostPlace) => TermRef[], filed: string): ListType {
  return {
    kind,
    template: LISTS,
    paginates: true,
    sitemap: true,
    feed: true,
    groupsOf: (place) => terms(place).map((term) => ({ name: term.name, base: term.url })),
    title: (name) => `${label}: ${name}`,
    crumbs: (list) => [{ name: `${label}: ${list.name}`, url: list.base }],
    description: (list, site, page) => `News ${filed} ${list.name} on ${site.name}.${page}`,
  };
}

/** The list kinds, in the order their pages are written (and listed in the sitemap). */
export const LIST_TYPES: readonly ListType[] = [
  {
    kind: 'home',
    template: LISTS,
    paginates: true,
    sitemap: true,
    feed: false,
    always: HOME,
    groupsOf: () => [HOME],
    title: () => 'Latest news',
    crumbs: () => [],
    description: (list, site, page) =>
      list.pageNumber > 1 ? `Earlier news on ${site.name}.${page}` : site.description || `The latest news on ${site.name}.`,
  },
  termList('category', 'Category', (place) => place.categories, 'filed under'),
  // The first spelling of a tag names its page ("Kabul" and "kabul" share /tag/kabul/).
  termList('tag', 'Tag', (place) => place.tags, 'tagged'),
  dateArchive('year', 1, ({ year }) => ({ name: year, base: yearUrl(year) })),
  dateArchive('month', 2, ({ year, month }) => ({ name: `${monthName(Number(month))} ${year}`, base: monthUrl(year, month) })),
  dateArchive('day', 3, ({ date, year, month, day, timeZone }) => ({ name: formatLongDate(date, timeZone), base: dayUrl(year, month, day) })),
];

export function listType(kind: ListKind): ListType {
  return LIST_TYPES.find((type) => type.kind === kind)!;
}

/** A page that is not a list: its template, its fixed URLs (if any) and whether the sitemap lists it. */
export interface SinglePageType {
  template: string;
  /** The URLs it is written at, when they do not depend on the content. */
  urls: readonly string[];
  sitemap: boolean;
  paginates: false;
  /** The URL of a page of this kind from its front matter, when each has its own. */
  urlOf?: (frontMatter: never, timeZone: string) => string;
}

/**
 * Every other kind of page. Posts and pages have a URL each from their front matter
 * (postUrl, pageUrl); redirect pages are at their aliases; the rest are at fixed URLs.
 */
export const PAGE_TYPES = {
  post: {
    template: 'layouts/post.njk',
    urls: [],
    sitemap: true,
    paginates: false,
    urlOf: (frontMatter: Pick<PostFrontMatter, 'date' | 'slug' | 'title'>, timeZone: string) => postUrl(frontMatter.date, postSlug(frontMatter), timeZone),
  },
  page: {
    template: 'layouts/page.njk',
    urls: [],
    sitemap: true,
    paginates: false,
    urlOf: (frontMatter: Pick<PageFrontMatter, 'slug' | 'title'>) => pageUrl(postSlug(frontMatter)),
  },
  notFound: { template: 'generators/404.njk', urls: ['/404.html'], sitemap: false, paginates: false },
  search: { template: 'generators/search.njk', urls: ['/search/'], sitemap: false, paginates: false },
  // Every year and month of the archive (the sidebar's widget shows only the newest).
  archives: { template: 'generators/archives.njk', urls: ['/archives/'], sitemap: false, paginates: false },
  robots: { template: 'generators/robots.njk', urls: ['/robots.txt'], sitemap: false, paginates: false },
  // The site's Atom and JSON feeds; the term feeds belong to their lists (ListType.feed).
  feeds: { template: 'generators/feeds.njk', urls: [SITE_FEED_URL, JSON_FEED_URL], sitemap: false, paginates: false },
  // Past the sitemap limit, /sitemap.xml is an index of /sitemap-1.xml, /sitemap-2.xml, ….
  sitemaps: { template: 'generators/sitemaps.njk', urls: [SITEMAP_URL, NEWS_SITEMAP_URL], sitemap: false, paginates: false },
  redirects: { template: 'generators/redirects.njk', urls: [], sitemap: false, paginates: false },
  redirectsFile: { template: 'generators/redirects-file.njk', urls: ['/_redirects'], sitemap: false, paginates: false },
  oldIds: { template: 'generators/old-ids.njk', urls: [], sitemap: false, paginates: false },
} as const satisfies Record<string, SinglePageType>;

/**
 * Where a post belongs, from its front matter: the one place its terms and archives are worked out.
 * Remembered per front matter object (with the categories and time zone it was worked out for):
 * the content check and the site index both ask, and the dev server asks again on every change
 * for the posts that did not change.
 */
export function placeOf(frontMatter: Pick<PostFrontMatter, 'date' | 'categories' | 'tags'>, categories: CategoryList, timeZone: string): PostPlace {
  const known = places.get(frontMatter);
  if (known !== undefined && known.categories === categories && known.timeZone === timeZone && known.date === frontMatter.date.getTime()) return known.place;
  const place = workOutPlace(frontMatter, categories, timeZone);
  places.set(frontMatter, { categories, timeZone, date: frontMatter.date.getTime(), place });
  return place;
}

const places = new WeakMap<object, { categories: CategoryList; timeZone: string; date: number; place: PostPlace }>();

function workOutPlace(frontMatter: Pick<PostFrontMatter, 'date' | 'categories' | 'tags'>, categories: CategoryList, timeZone: string): PostPlace {
  const names = frontMatter.categories.length > 0 ? frontMatter.categories : ['Uncategorized'];
  const terms = names.map((name) => ({ name, url: categoryUrl(categories.get(name)?.slug ?? slugify(name)) }));
  const seen = new Set<string>();
  const tags: TermRef[] = [];
  for (const name of frontMatter.tags) {
    const slug = slugify(name);
    if (slug === '' || seen.has(slug)) continue;
    seen.add(slug);
    tags.push({ name, url: tagUrl(slug) });
  }
  return { date: frontMatter.date, categories: terms, tags, ...dateParts(frontMatter.date, timeZone), timeZone };
}

/** Home › Category: Health News › Page 2; Home › 2024 › March 2024 › 27th March, 2024; … */
export function listCrumbs(list: ListRef & { kind: ListKind }): Crumb[] {
  const crumbs: Crumb[] = [{ name: 'Home', url: '/' }, ...listType(list.kind).crumbs(list)];
  if (list.pageNumber > 1) crumbs.push({ name: `Page ${list.pageNumber}`, url: paginatedUrl(list.base, list.pageNumber) });
  return crumbs;
}

/** The URLs the site writes whatever its content. */
export const FIXED_URLS: readonly string[] = [...LIST_TYPES.flatMap((type) => (type.always ? [type.always.base] : [])), ...Object.values(PAGE_TYPES).flatMap((type) => type.urls)];

/** The feed of a list, or null when its kind has none. */
export function listFeedUrl(kind: ListKind, base: string): string | null {
  return listType(kind).feed ? termFeedUrl(base) : null;
}
