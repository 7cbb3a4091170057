import type { PostEntry } from '../index/types.ts';
import type { Crumb } from '../page-types.ts';

/**
 * schema.org JSON-LD for the pages: `NewsArticle` on posts, `BreadcrumbList` on list pages.
 * The objects are built here, in TypeScript, and written by `serializeJsonLd`, which is the
 * only way JSON reaches a page: templates never build JSON out of strings.
 */

export type JsonLd = Record<string, unknown>;

export interface Publisher {
  name: string;
  /** Absolute URL of the site's logo, if it has one. */
  logo?: string | undefined;
}

export interface ArticleInput {
  post: Pick<PostEntry, 'title' | 'date' | 'lang' | 'author' | 'source'> & { updated?: Date | undefined };
  /** Absolute URL of the post. */
  url: string;
  description: string;
  /** Absolute URL of the post's own image (the first in its body), if it has one. */
  image?: string | undefined;
  publisher: Publisher;
}

const iso = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function newsArticle({ post, url, description, image, publisher }: ArticleInput): JsonLd {
  const data: JsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: post.title,
    description,
    datePublished: iso(post.date),
    dateModified: iso(post.updated ?? post.date),
    author: { '@type': 'Person', name: post.author },
    publisher: organization(publisher),
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    inLanguage: post.lang,
  };
  if (image !== undefined && image !== '') data.image = [image];
  // An aggregated item: the original story it summarises (not the outlet's home page).
  if (post.source !== undefined && post.source.home !== true) data.isBasedOn = post.source.url;
  return data;
}

function organization(publisher: Publisher): JsonLd {
  const data: JsonLd = { '@type': 'Organization', name: publisher.name };
  if (publisher.logo !== undefined && publisher.logo !== '') data.logo = { '@type': 'ImageObject', url: publisher.logo };
  return data;
}

/** A BreadcrumbList of the crumbs, with absolute URLs made by `absolute`. */
export function breadcrumbList(crumbs: readonly Crumb[], absolute: (path: string) => string): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: crumb.name,
      item: absolute(crumb.url),
    })),
  };
}

/**
 * JSON for a `<script type="application/ld+json">` element: `<` (and `>`, `&`, U+2028/9) are
 * written as \u escapes, so no value can close the script element or open a comment, and the
 * JSON still parses to exactly the same data.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
