import { dateParts, formatLongDate, monthName } from '../../model/dates.ts';
import { textDirection } from '../../model/language.ts';
import { slugify } from '../../model/slug.ts';
import { chunk, pageLinks } from './pagination.ts';
import { buildRelated } from './related.ts';
import type { IndexInput, IndexOptions, ListKind, ListPage, PostEntry, SidebarData, SiteIndex, TermRef } from './types.ts';
import { categoryUrl, dayUrl, monthUrl, paginatedUrl, tagUrl, yearUrl } from './urls.ts';

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

function groupInto<Item>(map: Map<string, Group<Item>>, key: string, name: string, base: string, post: PostEntry<Item>): void {
  let group = map.get(key);
  if (group === undefined) {
    group = { name, base, posts: [] };
    map.set(key, group);
  }
  group.posts.push(post);
}

function byNewest<Item>(a: IndexInput<Item>, b: IndexInput<Item>): number {
  const diff = b.frontMatter.date.getTime() - a.frontMatter.date.getTime();
  return diff !== 0 ? diff : a.url < b.url ? -1 : a.url > b.url ? 1 : 0;
}

export function buildSiteIndex<Item>(inputs: readonly IndexInput<Item>[], options: IndexOptions): SiteIndex<Item> {
  const sorted = [...inputs].sort(byNewest);
  const categoryGroups = new Map<string, Group<Item>>();
  const tagGroups = new Map<string, Group<Item>>();
  const years = new Map<string, Group<Item>>();
  const months = new Map<string, Group<Item>>();
  const days = new Map<string, Group<Item>>();
  const posts: PostEntry<Item>[] = [];
  const byUrl = new Map<string, PostEntry<Item>>();

  for (const { url, frontMatter, item } of sorted) {
    const categoryNames = frontMatter.categories.length > 0 ? frontMatter.categories : ['Uncategorized'];
    const categories = categoryNames.map((name) => {
      const category = options.categories.get(name);
      const slug = category?.slug ?? slugify(name);
      return { name, url: categoryUrl(slug) };
    });
    const seenTags = new Set<string>();
    const tags: TermRef[] = [];
    for (const name of frontMatter.tags) {
      const slug = slugify(name);
      if (slug === '' || seenTags.has(slug)) continue;
      seenTags.add(slug);
      tags.push({ name, url: tagUrl(slug) });
    }
    const lang = frontMatter.lang ?? options.defaultLang;
    const post: PostEntry<Item> = {
      url,
      title: frontMatter.title,
      date: frontMatter.date,
      lang,
      dir: textDirection(lang),
      author: frontMatter.author ?? options.defaultAuthor,
      draft: frontMatter.draft,
      categories,
      tags,
      source: frontMatter.source,
      video: frontMatter.video,
      updated: frontMatter.updated,
      item,
    };
    posts.push(post);
    byUrl.set(url, post);

    for (const category of categories) groupInto(categoryGroups, category.url, category.name, category.url, post);
    // The first spelling of a tag names its page ("Kabul" and "kabul" share /tag/kabul/).
    for (const tag of tags) groupInto(tagGroups, tag.url, tagGroups.get(tag.url)?.name ?? tag.name, tag.url, post);
    const { year, month, day } = dateParts(frontMatter.date, options.timeZone);
    groupInto(years, year, year, yearUrl(year), post);
    groupInto(months, `${year}/${month}`, `${monthName(Number(month))} ${year}`, monthUrl(year, month), post);
    groupInto(days, `${year}/${month}/${day}`, formatLongDate(frontMatter.date, options.timeZone), dayUrl(year, month, day), post);
  }

  const neighbours = new Map<string, { newer: PostEntry<Item> | null; older: PostEntry<Item> | null }>();
  posts.forEach((post, i) => neighbours.set(post.url, { newer: posts[i - 1] ?? null, older: posts[i + 1] ?? null }));

  const lists: ListPage<Item>[] = [];
  const paginate = (kind: ListKind, group: Group<Item>, titleOf: (name: string) => string): void => {
    const pages = chunk(group.posts, options.postsPerPage);
    // A new site (or one with only scheduled posts) still has a home page.
    if (pages.length === 0 && kind === 'home') pages.push([]);
    pages.forEach((slice, i) => {
      const n = i + 1;
      lists.push({
        kind,
        name: group.name,
        title: n === 1 ? titleOf(group.name) : `${titleOf(group.name)} – Page ${n}`,
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

  paginate('home', { name: 'Home', base: '/', posts }, () => 'Latest news');
  for (const group of categoryGroups.values()) paginate('category', group, (name) => `Category: ${name}`);
  for (const group of tagGroups.values()) paginate('tag', group, (name) => `Tag: ${name}`);
  for (const group of years.values()) paginate('year', group, (name) => `Archives: ${name}`);
  for (const group of months.values()) paginate('month', group, (name) => `Archives: ${name}`);
  for (const group of days.values()) paginate('day', group, (name) => `Archives: ${name}`);

  const categoryCounts = new Map<string, number>();
  for (const group of categoryGroups.values()) categoryCounts.set(group.name, group.posts.length);

  const archives: SidebarData<Item>['archives'] = [];
  for (const [year, group] of years) {
    const yearMonths: SidebarData<Item>['archives'][number]['months'] = [];
    for (const [key, monthGroup] of months) {
      if (key.startsWith(`${year}/`)) yearMonths.push({ name: monthGroup.name, url: monthGroup.base, count: monthGroup.posts.length });
    }
    archives.push({ year, url: group.base, count: group.posts.length, months: yearMonths });
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
  const related = buildRelated(posts, (url) => categoryGroups.get(url)?.posts ?? tagGroups.get(url)?.posts);

  return { posts, lists, sidebar, neighbours, byUrl, categoryCounts, related };
}
