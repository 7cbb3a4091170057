import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CategoryList } from '../../model/categories.ts';
import { FIXED_URLS, LIST_TYPES, listFeedUrl, placeOf } from '../page-types.ts';
import type { Problem } from '../../model/errors.ts';
import type { BodyRef, CheckedPage, CheckedPost, StaticDirs } from './types.ts';

/**
 * Internal links and images in post and page bodies: a site-relative link must lead to a page
 * the site makes, and a site-relative image must be a file the site ships. (External links
 * are the reader's to follow; relative links without a leading "/" are left alone.)
 */

const PAGED = /^(.*\/)page\/\d+\/$/;

/**
 * Every URL the site writes for this content (paginated pages by their first page), from the
 * same registry and the same placing of posts in lists as the site index (page-types.ts): the
 * fixed pages, every post and page and its aliases, and every list and list feed a post is in.
 */
export function knownUrls(posts: readonly CheckedPost[], pages: readonly CheckedPage[], categories: CategoryList, timeZone: string): Set<string> {
  const urls = new Set<string>(FIXED_URLS);
  const add = (url: string): void => {
    urls.add(url);
  };
  for (const page of pages) {
    add(page.url);
    page.frontMatter.aliases.forEach(add);
  }
  for (const post of posts) {
    add(post.url);
    post.frontMatter.aliases.forEach(add);
    const place = placeOf(post.frontMatter, categories, timeZone);
    for (const type of LIST_TYPES) {
      for (const { base } of type.groupsOf(place)) {
        add(base);
        const feed = listFeedUrl(type.kind, base);
        if (feed !== null) add(feed);
      }
    }
  }
  return urls;
}

function sitePath(url: string): string | null {
  if (!url.startsWith('/') || url.startsWith('//')) return null;
  const path = url.replace(/[?#].*$/, '');
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/**
 * `urls` may be given as a function, called only when a body has a site-relative link;
 * `fileExists` answers whether a static folder's file is there (by default, the disk is asked each time).
 */
export function checkLinks(
  bodies: readonly BodyRef[],
  knownUrls: ReadonlySet<string> | (() => ReadonlySet<string>),
  staticDirs: StaticDirs,
  fileExists: (path: string) => boolean = existsSync,
): Problem[] {
  const problems: Problem[] = [];
  let known = typeof knownUrls === 'function' ? undefined : knownUrls;
  const urls = (): ReadonlySet<string> => (known ??= (knownUrls as () => ReadonlySet<string>)());
  const staticFile = (path: string): boolean =>
    Object.entries(staticDirs).some(([prefix, dir]) => path.startsWith(prefix) && fileExists(join(dir, path.slice(prefix.length))));

  for (const { path, links, bodyLine } of bodies) {
    for (const { target, image, line } of links) {
      const at = bodyLine + line;
      const site = sitePath(target);
      if (site === null) continue;
      if (image) {
        if (!staticFile(site)) problems.push({ path, line: at, field: 'body', message: `image ${target} is missing: put the file in content/media/ and link it as /media/…` });
        continue;
      }
      const paged = PAGED.exec(site);
      const ok = urls().has(site) || urls().has(`${site}/`) || (paged !== null && urls().has(paged[1]!)) || staticFile(site);
      if (!ok) problems.push({ path, line: at, field: 'body', message: `link to ${target} points nowhere on this site` });
    }
  }
  return problems;
}
