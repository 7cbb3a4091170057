import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dateParts } from '../../model/dates.ts';
import { slugify } from '../../model/slug.ts';
import type { CategoryList } from '../../model/categories.ts';
import { categoryUrl, dayUrl, monthUrl, tagUrl, yearUrl } from '../index/urls.ts';
import type { Problem } from '../../model/errors.ts';
import type { BodyRef, CheckedPage, CheckedPost, StaticDirs } from './types.ts';

/**
 * Internal links and images in post and page bodies: a site-relative link must lead to a page
 * the site makes, and a site-relative image must be a file the site ships. (External links
 * are the reader's to follow; relative links without a leading "/" are left alone.)
 */

const PAGED = /^(.*\/)page\/\d+\/$/;
const FIXED_URLS = ['/', '/feed.xml', '/feed.json', '/sitemap.xml', '/news-sitemap.xml', '/robots.txt', '/search/', '/404.html'];

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
    const { year, month, day } = dateParts(post.frontMatter.date, timeZone);
    add(yearUrl(year));
    add(monthUrl(year, month));
    add(dayUrl(year, month, day));
    const names = post.frontMatter.categories.length > 0 ? post.frontMatter.categories : ['Uncategorized'];
    for (const name of names) {
      const url = categoryUrl(categories.get(name)?.slug ?? slugify(name));
      add(url);
      add(`${url}feed.xml`);
    }
    for (const tag of post.frontMatter.tags) {
      const url = tagUrl(slugify(tag));
      add(url);
      add(`${url}feed.xml`);
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

export function checkLinks(bodies: readonly BodyRef[], urls: ReadonlySet<string>, staticDirs: StaticDirs): Problem[] {
  const problems: Problem[] = [];
  const staticFile = (path: string): boolean =>
    Object.entries(staticDirs).some(([prefix, dir]) => path.startsWith(prefix) && existsSync(join(dir, path.slice(prefix.length))));

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
      const ok = urls.has(site) || urls.has(`${site}/`) || (paged !== null && urls.has(paged[1]!)) || staticFile(site);
      if (!ok) problems.push({ path, line: at, field: 'body', message: `link to ${target} points nowhere on this site` });
    }
  }
  return problems;
}
