import { toIsoUtc } from '../../model/dates.ts';
import type { PostEntry, SiteIndex } from '../index/types.ts';
import { JSON_FEED_URL, SITE_FEED_URL } from '../index/urls.ts';
import { listFeedUrl } from '../page-types.ts';

/**
 * The feeds: `/feed.xml` (Atom 1.0) and `/feed.json` (JSON Feed 1.1) with the latest posts, and
 * an Atom feed for every category and tag that has a page (`/category/<slug>/feed.xml`,
 * `/tag/<slug>/feed.xml`).
 *
 * Built once per build, in one pass over the site index's list pages: a term's list is
 * already newest first, so its feed is the head of its first pages — no per-term query, no
 * sorting, and each post's entry is made once however many feeds it is in. One paginated
 * template (templates/generators/feeds.njk) renders every feed. A post's body is read from
 * Eleventy (`item.content`) only when a feed is rendered, through the `feedContent` filter,
 * and made once per post.
 */

const FEED_SIZE = 20;
/**
 * A category's or tag's feed: WordPress's default of 10 entries. A full archive has some
 * 1,600 term feeds; at 20 full entries each they alone were 130 MB of the site.
 */
const TERM_FEED_SIZE = 10;
const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

/** What a feed needs of the Eleventy item behind a post. */
export interface FeedItem {
  content?: unknown;
}

export interface FeedSite {
  name: string;
  tagline: string;
  description: string;
  /** Without a trailing slash (site-config.ts strips it). */
  url: string;
  lang: string;
}

export interface FeedEntry<Item = FeedItem> {
  post: PostEntry<Item>;
  /** Absolute URL of the post; also its id (a post's URL never changes). */
  url: string;
  id: string;
  title: string;
  /** ISO 8601 UTC. */
  published: string;
  updated: string;
  author: string;
  lang: string;
  categories: string[];
  tags: string[];
  /** The original story of an aggregated post. */
  externalUrl: string | null;
}

export interface FeedFile<Item = FeedItem> {
  format: 'atom' | 'json';
  /** Where the feed is written ("/tag/kabul/feed.xml"). */
  url: string;
  /** Absolute URLs of the feed itself and of the HTML page it follows. */
  selfUrl: string;
  homeUrl: string;
  id: string;
  title: string;
  subtitle: string;
  lang: string;
  author: string;
  /** The newest `updated` of its entries (the build's clock when it has none). */
  updated: string;
  entries: FeedEntry<Item>[];
}

// Characters XML 1.0 forbids even when escaped (control characters, lone surrogates, U+FFFE/F).
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text that is safe to escape into XML: the characters XML cannot carry are dropped. */
export function xmlClean(text: string): string {
  return text.replace(NOT_XML, '');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function absoluteUrlOf(siteUrl: string): (path: string) => string {
  const base = `${siteUrl}/`;
  return (path) => new URL(path, base).href;
}

/**
 * Every feed of the site: the site's Atom and JSON feeds first, then one Atom feed per
 * category and tag list. Drafts (shown only by the dev server) are never in a feed.
 */
export function buildFeeds<Item>(
  index: Pick<SiteIndex<Item>, 'posts' | 'lists'>,
  site: FeedSite,
  now: Date,
): FeedFile<Item>[] {
  const absolute = absoluteUrlOf(site.url);
  const entries = new Map<PostEntry<Item>, FeedEntry<Item>>();
  const entryOf = (post: PostEntry<Item>): FeedEntry<Item> => {
    let entry = entries.get(post);
    if (entry === undefined) {
      const url = absolute(post.url);
      const updated = post.updated !== undefined && post.updated > post.date ? post.updated : post.date;
      entry = {
        post,
        url,
        id: url,
        title: xmlClean(post.title),
        published: toIsoUtc(post.date),
        updated: toIsoUtc(updated),
        author: xmlClean(post.author),
        lang: post.lang,
        categories: post.categories.map((c) => xmlClean(c.name)),
        tags: post.tags.map((t) => xmlClean(t.name)),
        // A home page (source.home: the item had no link) is not the story's address.
        externalUrl: post.source === undefined || post.source.home === true ? null : post.source.url,
      };
      entries.set(post, entry);
    }
    return entry;
  };
  const feed = (format: FeedFile['format'], url: string, homePath: string, title: string, subtitle: string): FeedFile<Item> => ({
    format,
    url,
    selfUrl: absolute(url),
    homeUrl: absolute(homePath),
    id: absolute(url),
    title: xmlClean(title),
    subtitle: xmlClean(subtitle),
    lang: site.lang,
    author: xmlClean(site.name),
    updated: '',
    entries: [],
  });

  const atom = feed('atom', SITE_FEED_URL, '/', site.name, site.tagline || site.description);
  const json = feed('json', JSON_FEED_URL, '/', site.name, site.description || site.tagline);
  for (const post of index.posts) {
    if (atom.entries.length >= FEED_SIZE) break;
    if (post.draft) continue;
    atom.entries.push(entryOf(post));
  }
  json.entries = atom.entries;
  const feeds = [atom, json];

  // The list pages of one term follow each other, first page first, newest post first.
  let current: FeedFile<Item> | null = null;
  for (const list of index.lists) {
    const feedUrl = listFeedUrl(list.kind, list.base);
    if (feedUrl === null) continue;
    if (list.pageNumber === 1) {
      current = feed('atom', feedUrl, list.base, `${site.name} – ${list.title}`, site.tagline);
      feeds.push(current);
    }
    if (current === null) continue;
    for (const post of list.posts) {
      if (current.entries.length >= TERM_FEED_SIZE) break;
      if (!post.draft) current.entries.push(entryOf(post));
    }
  }

  const fallback = toIsoUtc(now);
  for (const file of feeds) {
    let updated = '';
    for (const entry of file.entries) if (entry.updated > updated) updated = entry.updated;
    file.updated = updated || fallback;
  }
  return feeds;
}

export interface JsonFeed {
  version: string;
  title: string;
  home_page_url: string;
  feed_url: string;
  description?: string;
  language: string;
  authors: { name: string }[];
  items: {
    id: string;
    url: string;
    external_url?: string;
    title: string;
    content_html: string;
    date_published: string;
    date_modified: string;
    authors: { name: string }[];
    tags?: string[];
    language: string;
  }[];
}

/**
 * The filters the feed template uses: `feedContent` (an entry's HTML: the post's rendered
 * body with site-relative links made absolute, then a link to the video and the credit line
 * of an aggregated post) and `jsonFeed` (the JSON Feed document, serialised by JSON.stringify).
 */
export function createFeedFilters(siteUrl: () => string): {
  feedContent: (entry: FeedEntry) => string;
  jsonFeed: (feed: FeedFile) => string;
} {
  const made = new WeakMap<object, string>();
  const feedContent = (entry: FeedEntry): string => {
    const post = entry.post;
    // Keyed by the item (the rendered body) the entry holds: the dev server swaps in a new one when only a body changed.
    let html = made.get(post.item);
    if (html === undefined) {
      const base = `${siteUrl()}/`;
      const content = post.item.content;
      html = (typeof content === 'string' ? content : '').replace(/(\s(?:href|src)=")\/(?!\/)/g, `$1${base}`);
      if (post.video !== undefined) {
        html += `\n<p><a href="${escapeHtml(post.video)}">Watch the video</a></p>`;
      }
      if (post.source !== undefined) {
        const name = escapeHtml(post.source.name);
        const link = post.source.home === true
          ? `The feed gave no link to this story: <a href="${escapeHtml(post.source.url)}">visit the ${name} home page</a>`
          : `<a href="${escapeHtml(post.source.url)}">Read the original story at ${name}</a>`;
        html += `\n<p class="attribution">Source: ${name}. ${link}</p>`;
      }
      html = xmlClean(html);
      made.set(post.item, html);
    }
    return html;
  };
  const jsonFeed = (feed: FeedFile): string => {
    const document: JsonFeed = {
      version: JSON_FEED_VERSION,
      title: feed.title,
      home_page_url: feed.homeUrl,
      feed_url: feed.selfUrl,
      ...(feed.subtitle ? { description: feed.subtitle } : {}),
      language: feed.lang,
      authors: [{ name: feed.author }],
      items: feed.entries.map((entry) => ({
        id: entry.id,
        url: entry.url,
        ...(entry.externalUrl !== null ? { external_url: entry.externalUrl } : {}),
        title: entry.title,
        content_html: feedContent(entry),
        date_published: entry.published,
        date_modified: entry.updated,
        authors: [{ name: entry.author }],
        ...(entry.categories.length + entry.tags.length > 0 ? { tags: [...entry.categories, ...entry.tags] } : {}),
        language: entry.lang,
      })),
    };
    return JSON.stringify(document, null, 2);
  };
  return { feedContent, jsonFeed };
}
