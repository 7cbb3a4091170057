import { textDirection } from '../../model/language.ts';
import { LIST_TYPES, listType, placeOf, type ListKind, type ListType, type PostPlace } from '../page-types.ts';
import { chunk, pageLinks } from './pagination.ts';
import { buildRelated, LazyRelated } from './related.ts';
import type { ArchiveYear, IndexInput, IndexOptions, ListPage, MovedList, PostEntry, SidebarData, SiteIndex } from './types.ts';
import { categoryUrl, paginatedUrl } from './urls.ts';

/**
 * Every index the site needs, built in one pass over the published posts, newest first:
 * per category, per tag, per year, month and day, the list pages of each, previous/next
 * links and the sidebar's data. Nothing downstream scans all posts again: a page looks up
 * what it needs here. (Free-form tags are deliberately not Eleventy `tags` collections:
 * each of those re-sorts every post.)
 */

interface Group<Item> {
  name: string;
  base: string;
  posts: PostEntry<Item>[];
}

/** The archives widget's years (its size must not grow with the archive's age). */
export const ARCHIVE_WIDGET_YEARS = 10;

/** Adds the post to the list at `base`; the first post in it names the list. Returns the group. */
function groupInto<Item>(map: Map<string, Group<Item>>, name: string, base: string, post: PostEntry<Item>): Group<Item> {
  let group = map.get(base);
  if (group === undefined) {
    group = { name, base, posts: [] };
    map.set(base, group);
  }
  group.posts.push(post);
  return group;
}

function byNewest<Item>(a: IndexInput<Item>, b: IndexInput<Item>): number {
  const diff = b.frontMatter.date.getTime() - a.frontMatter.date.getTime();
  return diff !== 0 ? diff : a.url < b.url ? -1 : a.url > b.url ? 1 : 0;
}

/** A post as the index keeps it (`place`: its categories and tags, placeOf's). */
export function postEntry<Item>({ url, frontMatter, item }: IndexInput<Item>, place: Pick<PostPlace, 'categories' | 'tags'>, options: IndexOptions): PostEntry<Item> {
  const lang = frontMatter.lang ?? options.defaultLang;
  return {
    url,
    title: frontMatter.title,
    date: frontMatter.date,
    lang,
    dir: textDirection(lang),
    author: frontMatter.author ?? options.defaultAuthor,
    draft: frontMatter.draft,
    categories: place.categories,
    tags: place.tags,
    source: frontMatter.source,
    video: frontMatter.video,
    updated: frontMatter.updated,
    item,
  };
}

export function buildSiteIndex<Item>(inputs: readonly IndexInput<Item>[], options: IndexOptions): SiteIndex<Item> {
  const sorted = [...inputs].sort(byNewest);
  // The lists of each kind (page-types.ts), by the URL of their first page.
  const groups = new Map<ListKind, Map<string, Group<Item>>>(LIST_TYPES.map((type) => [type.kind, new Map()]));
  for (const type of LIST_TYPES) if (type.always) groups.get(type.kind)!.set(type.always.base, { ...type.always, posts: [] });
  const posts: PostEntry<Item>[] = [];
  const byUrl = new Map<string, PostEntry<Item>>();
  // Each post's month list and its place in it: where a year's old later pages point now.
  const monthOf = new Map<PostEntry<Item>, { group: Group<Item>; at: number }>();

  for (const input of sorted) {
    const { url, frontMatter } = input;
    const place = placeOf(frontMatter, options.categories, options.timeZone);
    const post = postEntry(input, place, options);
    posts.push(post);
    byUrl.set(url, post);
    for (const type of LIST_TYPES) {
      const ofKind = groups.get(type.kind)!;
      for (const { name, base } of type.groupsOf(place)) {
        const group = groupInto(ofKind, name, base, post);
        if (type.kind === 'month') monthOf.set(post, { group, at: group.posts.length - 1 });
      }
    }
  }

  const neighbours = new Map<string, { newer: PostEntry<Item> | null; older: PostEntry<Item> | null }>();
  posts.forEach((post, i) => neighbours.set(post.url, { newer: posts[i - 1] ?? null, older: posts[i + 1] ?? null }));

  const ofKind = (kind: ListKind): Map<string, Group<Item>> => groups.get(kind)!;
  // Years and their months, newest first (the posts were grouped newest first).
  const archives: ArchiveYear[] = [];
  const yearOf = new Map<string, ArchiveYear>();
  for (const group of ofKind('year').values()) {
    const year: ArchiveYear = { year: group.name, url: group.base, count: group.posts.length, months: [] };
    archives.push(year);
    yearOf.set(group.base, year);
  }
  for (const month of ofKind('month').values()) {
    yearOf.get(month.base.slice(0, month.base.indexOf('/', 1) + 1))?.months.push({ name: month.name, url: month.base, count: month.posts.length });
  }

  const lists: ListPage<Item>[] = [];
  const moved: MovedList[] = [];
  // A year's page is an index of its months, not a second copy of the home page's pages:
  // its old later pages (/2024/page/7/) lead to the month page holding their first post.
  const yearIndex = (type: ListType, group: Group<Item>): void => {
    const year = yearOf.get(group.base)!;
    lists.push({
      kind: type.kind,
      name: group.name,
      title: type.title(group.name),
      base: group.base,
      url: group.base,
      pageNumber: 1,
      pageCount: 1,
      newerUrl: null,
      olderUrl: null,
      links: [],
      posts: [],
      months: year.months,
    });
    for (let n = 2, first = options.postsPerPage; first < group.posts.length; n++, first += options.postsPerPage) {
      const month = monthOf.get(group.posts[first]!)!;
      const page = Math.floor(month.at / options.postsPerPage) + 1;
      moved.push({
        from: paginatedUrl(group.base, n),
        to: paginatedUrl(month.group.base, page),
        title: `${listType('month').title(month.group.name)}${page > 1 ? ` – Page ${page}` : ''}`,
      });
    }
  };
  const paginate = (type: ListType, group: Group<Item>): void => {
    if (type.kind === 'year') {
      yearIndex(type, group);
      return;
    }
    const pages = chunk(group.posts, options.postsPerPage);
    // A new site (or one with only scheduled posts) still has a home page.
    if (pages.length === 0 && type.always) pages.push([]);
    const title = type.title(group.name);
    pages.forEach((slice, i) => {
      const n = i + 1;
      lists.push({
        kind: type.kind,
        name: group.name,
        title: n === 1 ? title : `${title} – Page ${n}`,
        base: group.base,
        url: paginatedUrl(group.base, n),
        pageNumber: n,
        pageCount: pages.length,
        newerUrl: n > 1 ? paginatedUrl(group.base, n - 1) : null,
        olderUrl: n < pages.length ? paginatedUrl(group.base, n + 1) : null,
        links: pageLinks(group.base, n, pages.length),
        posts: slice,
      });
    });
  };
  for (const type of LIST_TYPES) for (const group of groups.get(type.kind)!.values()) paginate(type, group);

  const categoryCounts = new Map<string, number>();
  for (const group of ofKind('category').values()) categoryCounts.set(group.name, group.posts.length);

  const sidebar: SidebarData<Item> = {
    recent: posts.slice(0, options.recentCount ?? 10),
    // In the order of categories.yaml; categories with no published post are left out.
    categories: options.categories.all
      .filter((c) => categoryCounts.has(c.name))
      .map((c) => ({ name: c.name, url: categoryUrl(c.slug), count: categoryCounts.get(c.name)! })),
    // The newest years; only the newest with its months.
    archives: archives.slice(0, ARCHIVE_WIDGET_YEARS).map((year, i) => (i === 0 ? year : { ...year, months: [] })),
  };

  // From the per-term lists above (category and tag URLs never collide), once for all posts.
  const termPosts = (url: string): PostEntry<Item>[] | undefined => ofKind('category').get(url)?.posts ?? ofKind('tag').get(url)?.posts;
  // The dev server asks for each post's lists when it renders the post (related.ts's LazyRelated).
  const related = options.lazyRelated === true ? new LazyRelated(posts, termPosts) : buildRelated(posts, termPosts);

  return { posts, lists, sidebar, archives, moved, neighbours, byUrl, categoryCounts, related };
}
