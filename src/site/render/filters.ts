import { formatLongDate, formatShortDate, formatSolarHijri, toIsoUtc } from '../../model/dates.ts';
import { textDirection, usesSolarHijri } from '../../model/language.ts';
import { youtubeId } from '../../model/video.ts';
import { MORE_MARKER, splitExcerpt } from './markdown.ts';
import type { ListPage, PostEntry } from '../index/types.ts';
import { listCrumbs, listType } from '../page-types.ts';
import { breadcrumbList, newsArticle, serializeJsonLd } from './structured-data.ts';
import type { Filter } from './types.ts';

/**
 * The filters templates use, made once per build for the site's time zone and URL and
 * registered both with Eleventy's Nunjucks and with the fragment renderer.
 */


const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the entities Markdown output contains (&amp; &lt; &gt; &quot;, numeric ones). */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const BLOCK_TAG = /<\/?(?:p|div|br|hr|li|ul|ol|h[1-6]|blockquote|pre|table|tr|td|th|figure|figcaption)\b[^>]*>/gi;

/** The text of rendered HTML: tags and comments removed, entities decoded, whitespace collapsed. */
export function plainText(html: string): string {
  const text = html
    .split(MORE_MARKER)
    .join(' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(BLOCK_TAG, ' ')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

/**
 * The plain text of the start of rendered HTML, at least `min` characters of it when the
 * whole has that many: a long body's meta description needs only its first paragraphs.
 * The HTML is cut just after a tag's ">", so no tag or entity is split.
 */
function leadingText(html: string, min: number): string {
  const end = html.lastIndexOf('>', min * 8 + 1024);
  if (end !== -1 && end < html.length - 1) {
    const text = plainText(html.slice(0, end + 1));
    if (text.length > min) return text;
  }
  return plainText(html);
}

/**
 * At most `max` characters of the plain text of rendered HTML, cut at a word boundary and
 * ended with "…" when anything was cut: the meta description of a post without one.
 */
export function plainExcerpt(html: string, max = 160): string {
  const text = leadingText(html ?? '', max);
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  // Never split a surrogate pair.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  if (space > max * 0.6) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,;:.–—-]+$/u, '')}…`;
}

const LEADING_PARAGRAPH = /<p>([\s\S]*?)<\/p>\s*/y;
const escapeText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * What a list shows of a post's rendered body, and whether it left anything out (then the
 * list links "Continue reading"): the part before `<!-- more -->` when the editor marked one;
 * else its leading paragraphs while their text stays within `max` characters; else, when the
 * first paragraph alone is longer (or the body does not start with one), the start of its
 * text as one paragraph, cut at a word. A list of ten full reprints is not ten articles.
 */
export function listExcerpt(html: string, max = 320): { excerpt: string; more: boolean } {
  const marked = splitExcerpt(html);
  if (marked.more) return marked;
  let length = 0;
  let end = 0;
  LEADING_PARAGRAPH.lastIndex = 0;
  for (let match = LEADING_PARAGRAPH.exec(html); match !== null; match = LEADING_PARAGRAPH.exec(html)) {
    length += plainText(match[1]!).length;
    if (length > max) break;
    end = LEADING_PARAGRAPH.lastIndex;
  }
  const rest = html.slice(end).trim();
  if (rest === '') return { excerpt: html, more: false };
  if (end > 0) return { excerpt: html.slice(0, end).trimEnd(), more: true };
  const text = plainExcerpt(html, max);
  return { excerpt: text === '' ? '' : `<p>${escapeText(text)}</p>`, more: true };
}

/** The absolute http(s) URL of the first image in rendered HTML (relative to `pageUrl`), or "". */
export function firstImageUrl(html: string, pageUrl: string): string {
  const src = /<img\b[^>]*?\bsrc="([^"]*)"/i.exec(html ?? '')?.[1];
  if (src === undefined || src === '') return '';
  try {
    const url = new URL(decodeEntities(src), pageUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : '';
  } catch {
    return '';
  }
}

const OG_LOCALES: Record<string, string> = { en: 'en_US', fa: 'fa_AF', prs: 'fa_AF', ps: 'ps_AF', pbt: 'ps_AF' };

/** Open Graph's locale (language_TERRITORY) for a BCP 47 tag: en → en_US, fa → fa_AF, fa-IR → fa_IR. */
export function ogLocale(lang: string): string {
  const [language = 'en', region] = lang.split('-');
  const primary = language.toLowerCase();
  if (region !== undefined && /^[a-z]{2}$/i.test(region)) return `${primary}_${region.toUpperCase()}`;
  return OG_LOCALES[primary] ?? primary;
}

/** A sentence naming a list page, for its meta description (its kind's, page-types.ts). */
export function listDescription(
  list: Pick<ListPage, 'kind' | 'name' | 'pageNumber' | 'pageCount'>,
  site: { name: string; description?: string },
): string {
  const page = list.pageNumber > 1 ? ` Page ${list.pageNumber} of ${list.pageCount}.` : '';
  return listType(list.kind).description(list, site, page);
}

function asDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') return new Date(value);
  throw new TypeError(`expected a date, found ${typeof value}`);
}

/**
 * A date formatter that formats each instant once: the sidebar and lists print the same few
 * thousand dates hundreds of thousands of times, and luxon's formatting is not free.
 */
function memoDate(format: (date: Date) => string, zone: () => string): (value: unknown) => string {
  const cache = new Map<string, string>();
  return (value: unknown) => {
    const date = asDate(value);
    const key = `${zone()}|${date.getTime()}`;
    let text = cache.get(key);
    if (text === undefined) {
      text = format(date);
      cache.set(key, text);
    }
    return text;
  };
}

export function createFilters(site: { timeZone: string; url: string; lang?: string }): Record<string, Filter> {
  const hijriByLang = new Map<string, (value: unknown) => string>();
  const hijri = (lang: string): ((value: unknown) => string) => {
    let format = hijriByLang.get(lang);
    if (format === undefined) {
      format = memoDate((date) => formatSolarHijri(date, site.timeZone, lang), () => site.timeZone);
      hijriByLang.set(lang, format);
    }
    return format;
  };
  return {
    longDate: memoDate((date) => formatLongDate(date, site.timeZone), () => site.timeZone),
    shortDate: memoDate((date) => formatShortDate(date, site.timeZone), () => site.timeZone),
    isoDate: memoDate((date) => toIsoUtc(date), () => ''),
    /** The Solar Hijri date for Dari and Pashto posts; "" for other languages. */
    hijriDate: (value: unknown, lang: string) => (usesSolarHijri(lang) ? hijri(lang)(value) : ''),
    dir: (lang: string | undefined) => textDirection(lang),
    /** What a list shows of a body: `{ excerpt, more }` (listExcerpt), worked out once a summary. */
    listExcerpt: (html: string) => listExcerpt(html ?? ''),
    /** ` lang="…" dir="…"` for a post in another language than the site's, else "" (the page says it). */
    langAttrs: (post: { lang: string; dir: string }) => (post.lang === (site.lang ?? post.lang) ? '' : ` lang="${escapeText(post.lang).replace(/"/g, '&quot;')}" dir="${post.dir === 'rtl' ? 'rtl' : 'ltr'}"`),
    absoluteUrl: (path: string) => new URL(path, `${site.url}/`).href,
    youtubeId: (url: string) => youtubeId(url),
    /** Marks the link to the current page in a fragment rendered once for every page. */
    markCurrent: (html: string, url: string) =>
      html.split(`href="${url}"`).join(`href="${url}" aria-current="page"`),
    // Metadata (templates/partials/meta.njk).
    plainExcerpt: (html: string, max?: number) => plainExcerpt(html ?? '', max),
    /** The absolute URL of the first image in a post's rendered body, or "". */
    postImage: (html: string, pageUrl: string) => firstImageUrl(html ?? '', new URL(pageUrl ?? '/', `${site.url}/`).href),
    ogLocale: (lang: string) => ogLocale(lang ?? 'en'),
    listDescription: (list: ListPage, siteData: { name: string; description?: string }) => listDescription(list, siteData),
    /** schema.org NewsArticle of a post (an object: write it with `jsonLd`). */
    newsArticle: (post: PostEntry, siteData: { name: string; logo?: string }, description: string, image: string) => {
      const absolute = (path: string): string => new URL(path, `${site.url}/`).href;
      return newsArticle({
        post,
        url: absolute(post.url),
        description,
        image: image || undefined,
        publisher: { name: siteData.name, logo: siteData.logo ? absolute(siteData.logo) : undefined },
      });
    },
    /** schema.org BreadcrumbList of a list page (an object: write it with `jsonLd`). */
    breadcrumbs: (list: ListPage) => breadcrumbList(listCrumbs(list), (path) => new URL(path, `${site.url}/`).href),
    /** JSON for a ld+json script element; `<` is escaped, so nothing in it can end the element. */
    jsonLd: (data: unknown) => serializeJsonLd(data),
  };
}
