import { formatLongDate, formatShortDate, formatSolarHijri, toIsoUtc } from '../model/dates.ts';
import { textDirection, usesSolarHijri } from '../model/language.ts';
import { splitExcerpt } from './markdown.ts';

/**
 * The filters templates use, made once per build for the site's time zone and URL and
 * registered both with Eleventy's Nunjucks and with the fragment renderer.
 */

export type Filter = (...args: never[]) => unknown;

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;

/** The video id of a YouTube URL (watch, youtu.be, embed, shorts), or null. */
export function youtubeId(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const host = parsed.hostname.replace(/^(?:www\.|m\.)/, '');
  let id: string | null = null;
  if (host === 'youtu.be') id = parsed.pathname.slice(1);
  else if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
    id = parsed.pathname === '/watch' ? parsed.searchParams.get('v') : (/^\/(?:embed|shorts|live)\/([^/]+)/.exec(parsed.pathname)?.[1] ?? null);
  }
  return id !== null && YOUTUBE_ID.test(id) ? id : null;
}

function asDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') return new Date(value);
  throw new TypeError(`expected a date, found ${typeof value}`);
}

export function createFilters(site: { timeZone: string; url: string }): Record<string, Filter> {
  return {
    longDate: (value: unknown) => formatLongDate(asDate(value), site.timeZone),
    shortDate: (value: unknown) => formatShortDate(asDate(value), site.timeZone),
    isoDate: (value: unknown) => toIsoUtc(asDate(value)),
    /** The Solar Hijri date for Dari and Pashto posts; "" for other languages. */
    hijriDate: (value: unknown, lang: string) => (usesSolarHijri(lang) ? formatSolarHijri(asDate(value), site.timeZone, lang) : ''),
    dir: (lang: string | undefined) => textDirection(lang),
    excerpt: (html: string) => splitExcerpt(html ?? '').excerpt,
    hasMore: (html: string) => splitExcerpt(html ?? '').more,
    absoluteUrl: (path: string) => new URL(path, `${site.url}/`).href,
    youtubeId: (url: string) => youtubeId(url),
    /** Marks the link to the current page in a fragment rendered once for every page. */
    markCurrent: (html: string, url: string) =>
      html.split(`href="${url}"`).join(`href="${url}" aria-current="page"`),
  };
}
