import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { CategoryList } from '../model/categories.ts';
import { dateParts, formatShortDate, toIsoUtc } from '../model/dates.ts';
import { validatePost } from '../model/schema.ts';
import { wellFormedDeep } from '../model/well-formed.ts';
import { classify } from './classify.ts';
import { excerptOfText } from './excerpt.ts';
import { htmlToText } from '../convert/html-text.ts';
import { sanitiseHtml } from '../convert/sanitise.ts';
import { htmlToMarkdown, textToMarkdown } from '../convert/to-markdown.ts';
import type { NormalisedItem, PostDraft, SourceConfig } from './types.ts';
import { KhabarError } from '../model/errors.ts';

/**
 * Normalised items of one source → PostDrafts.
 *
 * - `summary`: the body is an excerpt (60 words, cut at a sentence end where possible) of the
 *   summary's text, else of the content's, as Markdown-escaped paragraphs of text. No
 *   "read more" link: the templates add the attribution from `source:`.
 * - `full`: the body is the whole sanitised content (else summary) as Markdown.
 * - `video`: one post per day (in the site's time zone) titled "<source> – <Month D, YYYY>",
 *   embedding the day's newest video, its body a line with the day's video titles. Items
 *   without a YouTube video id are left out of a video source.
 *
 * Keys (de-duplication within the source): the guid, unless another item of the same batch has
 * the same guid (a feed that reuses one guid must not collapse into one post); else the
 * canonical link, unless that is shared too or is only the outlet's home page; else `hash:` +
 * sha256 of title and content.
 *
 * An item without a link of its own (normalise gave it the outlet's home page) gets
 * `source.home: true`: the templates then say the link goes to the outlet, not the story.
 * Items whose key repeats one already composed in the batch are the same item listed twice
 * and are composed once. Video posts have the key `video:<YYYY-MM-DD>`.
 *
 * Every draft is made well-formed (model/well-formed.ts) in one place, draftOf, so no text an
 * HTML entity decoded into a control character reaches a post file; then its front matter is
 * checked with the shared post schema. Since normalise already
 * guarantees what the schema asks of an item, a failure can only come from the source's
 * configuration (an empty name, an id that is not [a-z0-9-]+) — so compose throws
 * ComposeError, which fails that source with the field and the reason, rather than
 * silently dropping posts.
 */

export interface ComposeOptions {
  maxCategories: number;
  /** The site's IANA time zone: the day of a video bulletin. */
  timeZone: string;
  /** Author for items whose feed names none (optional). */
  author?: string;
  /**
   * A `performance.now()` time: once it has passed, the articles not yet composed are left
   * out (counted in `deferred`), so one huge feed cannot hold the run. At least one item is
   * always composed, so a source makes progress however slow it is.
   */
  deadline?: number;
  /**
   * Keys the source has already stored or seen: such articles are not composed at all (only
   * counted in `known`), so the time goes to the new ones and a feed far longer than the time
   * limit allows is worked through over the runs, not started again from the top each time.
   */
  knownKeys?: ReadonlySet<string>;
}

export interface ComposeResult {
  drafts: PostDraft[];
  /** Items left out because the deadline passed (never marked seen: a later run takes them). */
  deferred: number;
  /** Articles left out because their key is in `knownKeys`. */
  known: number;
}

export class ComposeError extends KhabarError {}

const EXCERPT_WORDS = 60;
const MAX_LISTED_VIDEOS = 10;

type FrontMatter = PostDraft['frontMatter'];

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function countBy(values: (string | undefined)[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/**
 * The best `source.id` (guid, else link) and de-duplication key for each item of a batch. An
 * item whose link is the outlet's home page (linkIsHome) is never keyed by it — the next item
 * without a link would be taken for it — but by its guid, else its hash, which is its id too.
 */
function identities(items: NormalisedItem[]): { id: string; key: string }[] {
  const guids = countBy(items.map((item) => item.guid));
  const links = countBy(items.map((item) => item.link));
  return items.map((item) => {
    const uniqueGuid = item.guid !== undefined && guids.get(item.guid) === 1;
    if (uniqueGuid) return { id: item.guid!, key: item.guid! };
    const hash = `hash:${sha256(`${item.title}\n${item.contentHtml ?? item.summaryHtml ?? ''}`)}`;
    if (item.linkIsHome === true) return { id: hash, key: hash };
    if (links.get(item.link) === 1) return { id: item.link, key: item.link };
    return { id: item.link, key: hash };
  });
}

/**
 * The link other sources' items are compared with. A home page is not the article: an item
 * linked to one gets a token of its own, so that no other source's item (or its own feed's
 * next one) is taken for a duplicate of it.
 */
function canonicalLinkOf(item: NormalisedItem, source: SourceConfig, key: string): string {
  return item.linkIsHome === true ? `no-link:${source.id}:${key}` : item.link;
}

function markdownOf(html: string | undefined, baseUrl: string): string {
  if (html === undefined) return '';
  return htmlToMarkdown(sanitiseHtml(html, baseUrl));
}

/**
 * The text of an item's HTML fields (htmlToText, paragraphs kept), each made once: the
 * classifier reads the summary's (else the content's), and a summary post is cut from it.
 */
class ItemTexts {
  private readonly texts = new Map<string, string>();

  of(html: string | undefined): string {
    if (html === undefined) return '';
    let text = this.texts.get(html);
    if (text === undefined) {
      text = htmlToText(html, { paragraphs: true });
      this.texts.set(html, text);
    }
    return text;
  }

  /** What classify reads: the summary's text, else the content's, on one line. */
  forClassify(item: NormalisedItem): string {
    return this.of(item.summaryHtml ?? item.contentHtml).replaceAll('\n\n', ' ');
  }

  /** What an excerpt is cut from: the text without code blocks (they carry no summary text). */
  forExcerpt(html: string | undefined): string {
    return html !== undefined && /<pre\b/i.test(html) ? htmlToText(html, { paragraphs: true, code: false }) : this.of(html);
  }
}

/**
 * The excerpt of the summary's text, else of the content's. The text is taken from the HTML
 * directly (not from its Markdown): the excerpt is plain text, escaped by textToMarkdown.
 */
function summaryBody(item: NormalisedItem, texts: ItemTexts): string {
  for (const html of [item.summaryHtml, item.contentHtml]) {
    const excerpt = excerptOfText(texts.forExcerpt(html), EXCERPT_WORDS);
    if (excerpt !== '') return textToMarkdown(excerpt);
  }
  return '';
}

function fullBody(item: NormalisedItem): string {
  for (const html of [item.contentHtml, item.summaryHtml]) {
    const markdown = markdownOf(html, item.link);
    if (markdown !== '') return markdown;
  }
  return '';
}

function check(frontMatter: FrontMatter, source: SourceConfig, what: string): FrontMatter {
  const result = validatePost(frontMatter);
  if (!result.ok) {
    const problems = result.problems.map((p) => `${p.field}: ${p.message}`).join('; ');
    throw new ComposeError(`source ${source.id}: ${what} does not make a valid post: ${problems}`);
  }
  return frontMatter;
}

/** Every draft is made here: all its text well-formed, its front matter checked. */
function draftOf(draft: PostDraft, source: SourceConfig, what: string): PostDraft {
  const clean = wellFormedDeep(draft);
  check(clean.frontMatter, source, what);
  return clean;
}

function frontMatterOf(
  item: NormalisedItem,
  source: SourceConfig,
  categories: CategoryList,
  options: ComposeOptions,
  id: string,
  texts = new ItemTexts(),
): FrontMatter {
  const { categories: names, tags } = classify(item, source, categories, {
    maxCategories: options.maxCategories,
    text: texts.forClassify(item),
  });
  const author = item.author ?? options.author;
  const lang = item.lang ?? source.lang;
  const frontMatter: FrontMatter = {
    title: item.title,
    date: toIsoUtc(item.date),
    ...(author === undefined || author.trim() === '' ? {} : { author }),
    categories: names,
    tags,
    ...(lang === undefined ? {} : { lang }),
    source: { name: source.name, url: item.link, id, feed: source.id, ...(item.linkIsHome === true ? { home: true } : {}) },
  };
  if (item.updated !== undefined && item.updated.getTime() > item.date.getTime()) {
    const updated = toIsoUtc(item.updated);
    if (updated !== frontMatter.date) frontMatter.updated = updated;
  }
  return frontMatter;
}

function composeArticles(
  items: NormalisedItem[],
  source: SourceConfig,
  categories: CategoryList,
  options: ComposeOptions,
): ComposeResult {
  const ids = identities(items);
  const seen = new Set<string>();
  const drafts: PostDraft[] = [];
  let known = 0;
  for (const [index, item] of items.entries()) {
    const { id, key } = ids[index]!;
    if (seen.has(key)) continue;
    seen.add(key);
    if (options.knownKeys?.has(key) === true) {
      known++;
      continue;
    }
    if (options.deadline !== undefined && drafts.length > 0 && performance.now() > options.deadline) {
      return { drafts, deferred: items.length - index, known };
    }
    const texts = new ItemTexts();
    const frontMatter = frontMatterOf(item, source, categories, options, id, texts);
    const body = source.kind === 'full' ? fullBody(item) : summaryBody(item, texts);
    drafts.push(draftOf({ frontMatter, body, key, canonicalLink: canonicalLinkOf(item, source, key) }, source, `item ${JSON.stringify(key)}`));
  }
  return { drafts, deferred: 0, known };
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{6,20}$/;

/** The YouTube video id of an item: `yt:videoId`, else read from a watch / youtu.be / shorts link. */
export function videoIdOf(item: NormalisedItem): string | undefined {
  if (item.videoId !== undefined && YOUTUBE_ID.test(item.videoId)) return item.videoId;
  let url: URL;
  try {
    url = new URL(item.link);
  } catch {
    return undefined;
  }
  const host = url.hostname.replace(/^(?:www\.|m\.)/, '');
  let id: string | null | undefined;
  if (host === 'youtube.com') {
    id = url.pathname === '/watch' ? url.searchParams.get('v') : /^\/(?:shorts|embed|live)\/([^/]+)/.exec(url.pathname)?.[1];
  } else if (host === 'youtu.be') {
    id = url.pathname.slice(1).split('/')[0];
  }
  return id !== null && id !== undefined && YOUTUBE_ID.test(id) ? id : undefined;
}

function composeVideos(
  items: NormalisedItem[],
  source: SourceConfig,
  categories: CategoryList,
  options: ComposeOptions,
): PostDraft[] {
  const days = new Map<string, { item: NormalisedItem; videoId: string }[]>();
  for (const item of items) {
    const videoId = videoIdOf(item);
    if (videoId === undefined) continue;
    const { year, month, day } = dateParts(item.date, options.timeZone);
    const dayKey = `${year}-${month}-${day}`;
    const list = days.get(dayKey) ?? [];
    if (!list.some((entry) => entry.videoId === videoId)) list.push({ item, videoId });
    days.set(dayKey, list);
  }

  const drafts: PostDraft[] = [];
  const dayKeys = [...days.keys()].sort().reverse();
  for (const dayKey of dayKeys) {
    // Newest first; the same instant keeps the feed's order.
    const videos = [...days.get(dayKey)!].sort((a, b) => b.item.date.getTime() - a.item.date.getTime());
    const newest = videos[0]!;
    const key = `video:${dayKey}`;
    const bulletin: NormalisedItem = {
      title: videos.map((v) => v.item.title).join(' · '),
      link: newest.item.link,
      date: newest.item.date,
      categories: [...new Set(videos.flatMap((v) => v.item.categories))],
      ...(newest.item.author === undefined ? {} : { author: newest.item.author }),
      ...(newest.item.lang === undefined ? {} : { lang: newest.item.lang }),
    };
    const frontMatter = frontMatterOf(bulletin, source, categories, options, key);
    frontMatter.title = `${source.name} – ${formatShortDate(newest.item.date, options.timeZone)}`;
    frontMatter.video = `https://www.youtube.com/watch?v=${newest.videoId}`;

    const listed = videos.slice(0, MAX_LISTED_VIDEOS).map((v) => v.item.title);
    const more = videos.length - listed.length;
    const line = `${videos.length === 1 ? 'Video' : 'Videos'}: ${listed.join(' · ')}${more > 0 ? ` and ${more} more` : ''}`;
    drafts.push(draftOf({ frontMatter, body: textToMarkdown(line), key, canonicalLink: newest.item.link }, source, `video bulletin ${key}`));
  }
  return drafts;
}

export function composePosts(
  items: NormalisedItem[],
  source: SourceConfig,
  categories: CategoryList,
  options: ComposeOptions,
): PostDraft[] {
  return composeBatch(items, source, categories, options).drafts;
}

/**
 * composePosts, and how many items the deadline left out. A video source is composed whole:
 * its posts are days, each made from all of that day's items (and none has HTML to convert).
 */
export function composeBatch(
  items: NormalisedItem[],
  source: SourceConfig,
  categories: CategoryList,
  options: ComposeOptions,
): ComposeResult {
  if (source.kind === 'video') return { drafts: composeVideos(items, source, categories, options), deferred: 0, known: 0 };
  return composeArticles(items, source, categories, options);
}

