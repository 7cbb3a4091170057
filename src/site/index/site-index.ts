import { textDirection } from '../../model/language.ts';
import { LIST_TYPES, placeOf, type ListKind, type ListType } from '../page-types.ts';
import { chunk, pageLinks } from './pagination.ts';
import { buildRelated, LazyRelated } from './related.ts';
import type { IndexInput, IndexOptions, ListPage, PostEntry, SidebarData, SiteIndex } from './types.ts';
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

/** Adds the post to the list at `base`; the first post in it names the list. */
function groupInto<Item>(map: Map<string, Group<Item>>, name: string, base: string, post: PostEntry<Item>): void {
  let group = map.get(base);
  if (group === undefined) {
    group = { name, base, posts: [] };
    map.set(base, group);
  }
  group.posts.push(post);
}

function byNewest<Item>(a: IndexInput<Item>, b: IndexInput<Item>): number {
  const diff = b.frontMatter.date.getTime() - a.frontMatter.date.getTime();
  return diff !== 0 ? diff : a.url < b.url ? -1 : a.url > b.url ? 1 : 0;
}

export function buildSiteIndex<Item>(inputs: readonly IndexInput<Item>[], options: IndexOptions): SiteIndex<Item> {
  const sorted = [...inputs].sort(byNewest);
  // The lists of each kind (page-types.ts), by the URL of their first page.
  const groups = new Map<ListKind, Map<string, Group<Item>>>(LIST_TYPES.map((type) => [type.kind, new Map()]));
  for (const type of LIST_TYPES) if (type.always) groups.get(type.kind)!.set(type.always.base, { ...type.always, posts: [] });
  const posts: PostEntry<Item>[] = [];
  const byUrl = new Map<string, PostEntry<Item>>();

  for (const { url, frontMatter, item } of sorted) {
    const place = placeOf(frontMatter, options.categories, options.timeZone);
    const lang = frontMatter.lang ?? options.defaultLang;
    const post: PostEntry<Item> = {
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
    posts.push(post);
    byUrl.set(url, post);
    for (const type of LIST_TYPES) {
      const ofKind = groups.get(type.kind)!;
      for (const { name, base } of type.groupsOf(place)) groupInto(ofKind, name, base, post);
    }
  }

  const neighbours = new Map<string, { newer: PostEntry<Item> | null; older: PostEntry<Item> | null }>();
  posts.forEach((post, i) => neighbours.set(post.url, { newer: posts[i - 1] ?? null, older: posts[i + 1] ?? null }));

  const lists: ListPage<Item>[] = [];
  const paginate = (type: ListType, group: Group<Item>): void => {
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

  const ofKind = (kind: ListKind): Map<string, Group<Item>> => groups.get(kind)!;
  const categoryCounts = new Map<string, number>();
  for (const group of ofKind('category').values()) categoryCounts.set(group.name, group.posts.length);

  const archives: SidebarData<Item>['archives'] = [];
  for (const group of ofKind('year').values()) {
    const yearMonths: SidebarData<Item>['archives'][number]['months'] = [];
    for (const month of ofKind('month').values()) {
      if (month.base.startsWith(group.base)) yearMonths.push({ name: month.name, url: month.base, count: month.posts.length });
    }
    archives.push({ year: group.name, url: group.base, count: group.posts.length, months: yearMonths });
  }

  const sidebar: SidebarData<Item> = {
    recent: posts.slice(0, options.recentCount ?? 10),
    // In the order of categories.yaml; categories with no published post are left out.
    categories: options.categories.all
      .filter((c) => categoryCounts.has(c.name))
      .map((c) => ({ name: c.name, url: categoryUrl(c.slug), count: categoryCounts.get(c.name)! })),
    archives,
  };

  // From the per-term lists above (category and tag URLs never collide), once for all posts.
  const termPosts = (url: string): PostEntry<Item>[] | undefined => ofKind('category').get(url)?.posts ?? ofKind('tag').get(url)?.posts;
  // The dev server asks for each post's lists when it renders the post (related.ts's LazyRelated).
  const related = options.lazyRelated === true ? new LazyRelated(posts, termPosts) : buildRelated(posts, termPosts);

  return { posts, lists, sidebar, neighbours, byUrl, categoryCounts, related };
}
