import { firstSentence } from './excerpt.ts';
import { parseFeedDate } from './feed-dates.ts';
import { htmlToText } from '../convert/html-text.ts';
import type { NormalisedItem, ParsedFeed, RawItem } from './types.ts';

/**
 * ParsedFeed → NormalisedItems: plain-text titles, absolute clean links, real dates.
 *
 * - Title: the feed's title HTML as text (tags stripped, entities decoded once, whitespace
 *   folded, control characters removed, at most 300 characters). Tag-shaped text that the
 *   decoding produced (`&lt;script&gt;`) is removed as well: a title never looks like markup. An item without a title takes
 *   the first sentence (at most 12 words, "…" when cut) of its summary, else its content —
 *   Mastodon-style feeds have no titles. Nothing is ever invented: an item with neither a
 *   title nor any text is the only one skipped (and counted in `skipped`).
 * - Link: resolved against the feed's URL, http(s) only, fragment, credentials and tracking
 *   parameters removed. An item without a usable link of its own (parse has already tried a
 *   permalink guid, RSS 1.0's rdf:about, an http(s) Atom id) gets the outlet's home page — the
 *   feed's site link, else the root of the feed's address — and `linkIsHome`, so that its
 *   attribution says it links to the outlet rather than to the story (as Miniflux does).
 * - Date: published, else updated, else `fetchedAt`; a date in the future becomes `now`.
 * - Language: the item's, else the feed's, else the source's, as a lower-case primary subtag
 *   (`en-US` → `en`); something that is not a language tag is ignored.
 * - Summary and content stay separate and raw (sanitising is the next stage).
 */

export interface NormaliseContext {
  /** The feed's URL after redirects: relative links resolve against it. */
  feedUrl: string;
  fetchedAt: Date;
  now: Date;
  sourceLang?: string;
}

export interface NormaliseResult {
  items: NormalisedItem[];
  /** Items dropped for having neither a title nor any text. */
  skipped: number;
}

const MAX_TITLE_LENGTH = 300;
const DERIVED_TITLE_WORDS = 12;

/** Query parameters that only track the reader; everything else in a query string is kept. */
const TRACKING_PARAMETERS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'igshid',
  'igsh',
  'mc_cid',
  'mc_eid',
  'ref_src',
  'ref_url',
  'cmpid',
  'cmp',
  'icid',
  'ito',
  'ncid',
  'sr_share',
  'wt_mc',
  'wt.mc_id',
  'wt_zmc',
  'wprss',
  '_hsenc',
  '_hsmi',
  '__hssc',
  '__hstc',
  '__hsfp',
  'hsctatracking',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'vero_conv',
  's_cid',
  'rb_clickid',
  'spm',
  '__twitter_impression',
]);

function isTrackingParameter(name: string): boolean {
  const key = name.toLowerCase();
  return key.startsWith('utm_') || TRACKING_PARAMETERS.has(key);
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * An item link as Khabar stores it: absolute, http(s), no fragment, no credentials, no tracking
 * parameters (the rest of the query string is kept byte for byte). Null when there is none.
 */
export function normaliseLink(link: string | undefined, baseUrl: string): string | null {
  if (link === undefined) return null;
  const text = link.trim();
  if (text === '') return null;
  let url: URL;
  try {
    url = new URL(text.startsWith('//') ? `https:${text}` : text, baseUrl);
  } catch {
    try {
      url = new URL(text);
    } catch {
      return null;
    }
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  if (url.search !== '') {
    const kept = url.search
      .slice(1)
      .split('&')
      .filter((pair) => pair !== '' && !isTrackingParameter(decodeComponent(pair.split('=')[0] ?? '')));
    url.search = kept.length === 0 ? '' : `?${kept.join('&')}`;
  }
  return url.href;
}

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufeff\ufffe\uffff\ue000\ue001]/g;

function plain(html: string | undefined): string {
  if (html === undefined) return '';
  return htmlToText(html).replace(CONTROL, '').replace(/\s+/g, ' ').trim();
}

function limit(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.\-–—]+$/u, '')}…`;
}

/** Tag-shaped text (`<script>`, `</b>`, `<!--`) that decoding produced: a title never looks like markup. */
const TAG_SHAPED = /<[a-zA-Z/!?][^<>]*>/g;

function stripTagShaped(text: string): string {
  let previous: string;
  let current = text;
  do {
    previous = current;
    current = current.replace(TAG_SHAPED, ' ');
  } while (current !== previous);
  return current;
}

function withoutTags(text: string): string {
  return stripTagShaped(text).replace(/\s+/g, ' ').trim();
}

function titleText(html: string | undefined): string {
  return withoutTags(plain(html));
}

function titleOf(raw: RawItem): string | undefined {
  const title = titleText(raw.title);
  if (title !== '') return limit(title, MAX_TITLE_LENGTH);
  for (const body of [raw.summary, raw.content]) {
    if (body === undefined) continue;
    const text = htmlToText(body, { paragraphs: true });
    const sentence = firstSentence(stripTagShaped(text.replace(CONTROL, '')), DERIVED_TITLE_WORDS);
    if (sentence !== '') return limit(sentence, MAX_TITLE_LENGTH);
  }
  return undefined;
}

/** "jane@example.com (Jane Doe)" → "Jane Doe"; a bare e-mail address is not published. */
function authorOf(raw: string | undefined): string | undefined {
  let author = titleText(raw).replace(/^mailto:/i, '');
  const named = /^\S+@\S+\s*\((.+)\)$/.exec(author) ?? /^(.+?)\s*<\S+@\S+>$/.exec(author);
  if (named !== null) author = named[1]!.trim();
  if (author === '' || /^\S+@\S+\.\S+$/.test(author)) return undefined;
  return limit(author, 200);
}

/** The lower-case primary language subtag of a tag such as `en-us`, `fa_IR`, `EN`; else undefined. */
export function normaliseLanguage(lang: string | undefined): string | undefined {
  if (lang === undefined) return undefined;
  const primary = lang.trim().split(/[-_]/)[0]!.toLowerCase();
  return /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}

function clamp(date: Date, now: Date): Date {
  return date.getTime() > now.getTime() ? new Date(now.getTime()) : date;
}

function dateOf(text: string | undefined): Date | null {
  return text === undefined ? null : parseFeedDate(text);
}

function categoriesOf(raw: RawItem): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const category of raw.categories ?? []) {
    if (typeof category !== 'string') continue;
    const text = withoutTags(category.replace(CONTROL, ''));
    const key = text.toLowerCase();
    if (text === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(text);
  }
  return out;
}

function nonEmpty(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  return text.trim() === '' ? undefined : text;
}

/**
 * The outlet's home page, for an item without a link of its own: the feed's site link, else
 * the root of the feed's own address.
 */
function homeLink(feed: ParsedFeed, feedUrl: string): string | null {
  const site = normaliseLink(feed.link, feedUrl);
  return site ?? normaliseLink('/', feedUrl);
}

function normaliseItem(raw: RawItem, feed: ParsedFeed, context: NormaliseContext, home: string | null): NormalisedItem | null {
  const title = titleOf(raw);
  if (title === undefined) return null;
  const own = normaliseLink(raw.link, context.feedUrl);
  const link = own ?? home;
  if (link === null) return null;

  const published = dateOf(raw.published);
  const updated = dateOf(raw.updated);
  const item: NormalisedItem = {
    title,
    link,
    date: clamp(published ?? updated ?? context.fetchedAt, context.now),
    categories: categoriesOf(raw),
  };
  if (own === null) item.linkIsHome = true;
  const guid = raw.guid?.replace(CONTROL, '').trim();
  if (guid !== undefined && guid !== '') item.guid = guid;
  if (updated !== null) item.updated = clamp(updated, context.now);
  const author = authorOf(raw.author);
  if (author !== undefined) item.author = author;
  const lang = normaliseLanguage(raw.lang) ?? normaliseLanguage(feed.lang) ?? normaliseLanguage(context.sourceLang);
  if (lang !== undefined) item.lang = lang;
  const summaryHtml = nonEmpty(raw.summary);
  if (summaryHtml !== undefined) item.summaryHtml = summaryHtml;
  const contentHtml = nonEmpty(raw.content);
  if (contentHtml !== undefined) item.contentHtml = contentHtml;
  const videoId = raw.videoId?.trim();
  if (videoId !== undefined && /^[A-Za-z0-9_-]{6,20}$/.test(videoId)) item.videoId = videoId;
  const thumbnail = normaliseLink(raw.thumbnail, link);
  if (thumbnail !== null) item.thumbnail = thumbnail;
  return item;
}

export function normaliseFeed(feed: ParsedFeed, context: NormaliseContext): NormaliseResult {
  const items: NormalisedItem[] = [];
  let skipped = 0;
  const home = homeLink(feed, context.feedUrl);
  for (const raw of feed.items) {
    const item = normaliseItem(raw, feed, context, home);
    if (item === null) skipped++;
    else items.push(item);
  }
  return { items, skipped };
}
