import { decodeHTML } from 'entities';
import { FALLBACK_CATEGORY, type CategoryList } from '../model/categories.ts';
import { toIsoUtc } from '../model/dates.ts';
import { stringifyFrontMatter } from '../model/front-matter.ts';
import { validatePage, validatePost } from '../model/schema.ts';
import type { SiteConfig } from '../model/site-config.ts';
import { htmlToText } from '../convert/html-text.ts';
import { sanitiseHtml } from '../convert/sanitise.ts';
import { htmlToMarkdown } from '../convert/to-markdown.ts';
import { slugOf, type ItemPlan } from './plan.ts';
import { wpBody, MORE_MARKER } from './wp-body.ts';
import { rewriteOldLinks, siteRelative, type LinkTargets } from './wp-links.ts';
import type { WxrItem } from './wxr-reader.ts';

/**
 * The importer's second pass for one item: its Markdown file (front matter and body), made
 * from the item and its plan. The same item and plan give the same bytes.
 */

export interface PostContext {
  site: SiteConfig;
  categories: CategoryList;
  /** Author login → display name (the export's `wp:author` blocks). */
  authors: ReadonlyMap<string, string>;
  links: LinkTargets;
  /** Attachments by id (for galleries), and the attachments of a post. */
  attachment(id: number): { url: string; title: string } | undefined;
  attachmentsOf(postId: number): { url: string; title: string }[];
  countShortcode(name: string): void;
  countUnknownCategory(name: string): void;
}

export interface ComposedItem {
  text: string;
  problems: string[];
}

// Letters only Pashto has among the Arabic-script languages Khabar serves.
const PASHTO_ONLY = /[\u067c\u0681\u0685\u0689\u0693\u0696\u0698\u069a\u06ab\u06bc\u06d0\u06cd]/;
const isArabicLetter = (c: number): boolean => (c >= 0x0600 && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff);
const isLatinLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f);

/** Whether Arabic-script letters outnumber Latin ones (URLs in Markdown links are not counted). */
function mostlyArabicScript(text: string): boolean {
  const prose = text.replace(/\]\([^)]*\)/g, ']');
  let arabic = 0;
  let latin = 0;
  for (let i = 0; i < prose.length; i++) {
    const c = prose.charCodeAt(i);
    if (isArabicLetter(c)) arabic++;
    else if (isLatinLetter(c)) latin++;
  }
  return arabic > latin;
}

/** A WordPress title as plain text: tags stripped, entities decoded (they are encoded twice in exports). */
export function decodeTitle(title: string): string {
  // Most titles hold neither a tag nor an entity: nothing to strip or decode.
  const plain = /[<&]/.test(title) ? htmlToText(title) : title;
  return plain.replace(/\s+/g, ' ').trim();
}

/** `fa` for the Dari category or Arabic-script text, `ps` when it uses Pashto's own letters, else the site's. */
export function languageOf(text: string, dariCategory: boolean, siteLang: string): string {
  if (!dariCategory && !mostlyArabicScript(text)) return siteLang;
  return PASHTO_ONLY.test(text) ? 'ps' : 'fa';
}

function firstWords(text: string, count: number): string {
  const words = text.split(/\s+/).filter((w) => w !== '');
  return words.length <= count ? words.join(' ') : `${words.slice(0, count).join(' ')}…`;
}

interface Terms {
  categories: string[];
  tags: string[];
  dari: boolean;
}

function termsOf(item: WxrItem, context: PostContext): Terms {
  const categories: string[] = [];
  const tags: string[] = [];
  let dari = false;
  const addTag = (name: string) => {
    if (name !== '' && !tags.some((t) => t.toLowerCase() === name.toLowerCase())) tags.push(name);
  };
  for (const term of item.categories) {
    const name = decodeHTML(term.name).trim();
    if (term.domain === 'post_tag' || term.domain === 'tag') addTag(name);
    if (term.domain !== 'category') continue;
    const known = context.categories.all.find((c) => c.slug === term.nicename) ?? context.categories.get(name);
    if (known === undefined) {
      // Not a category of this site: kept as a tag, and counted for the editor to map.
      if (term.nicename === 'uncategorized' || name === FALLBACK_CATEGORY) continue;
      context.countUnknownCategory(name);
      addTag(name);
      continue;
    }
    if (known.name === FALLBACK_CATEGORY) continue;
    if (/\bDari\b/i.test(known.name)) dari = true;
    if (!categories.includes(known.name)) categories.push(known.name);
  }
  return { categories, tags, dari };
}

/** The Markdown body and the first YouTube video of an item. */
function bodyOf(item: WxrItem, context: PostContext): { markdown: string; video: string | null } {
  const body = wpBody(item.content, {
    attachment: (id) => context.attachment(id),
    ownAttachments: () => context.attachmentsOf(item.postId),
    count: (name) => context.countShortcode(name),
  });
  const html = sanitiseHtml(rewriteOldLinks(body.html, context.links), context.site.url);
  const markdown = siteRelative(htmlToMarkdown(html)).replace(new RegExp(`^${MORE_MARKER}$`, 'm'), '<!-- more -->');
  return { markdown, video: body.video };
}

export function composeItem(item: WxrItem, plan: ItemPlan, context: PostContext): ComposedItem {
  const problems: string[] = [];
  const { markdown, video } = bodyOf(item, context);
  let title = decodeTitle(item.title);
  if (title === '') {
    title = firstWords(htmlToText(item.content), 10) || `Untitled ${plan.kind} ${item.postId}`;
    problems.push(`empty title; it became ${JSON.stringify(title)}`);
  }
  const terms = termsOf(item, context);
  const lang = languageOf(`${title}\n${markdown}`, terms.dari, context.site.lang);
  const description = htmlToText(item.excerpt).replace(/\s+/g, ' ').trim();

  const data: Record<string, unknown> = { title };
  if (plan.kind === 'post') {
    data.date = toIsoUtc(new Date(plan.time));
    const author = context.authors.get(item.creator) ?? item.creator;
    if (author !== '') data.author = author;
    if (terms.categories.length > 0) data.categories = terms.categories;
    if (terms.tags.length > 0) data.tags = terms.tags;
  }
  data.slug = slugOf(plan);
  if (lang !== context.site.lang) data.lang = lang;
  if (plan.kind === 'post' && video !== null) data.video = video;
  if (plan.disposition === 'draft') data.draft = true;
  if (description !== '') data.description = description;
  if (plan.aliases.length > 0) data.aliases = plan.aliases;

  const validation = plan.kind === 'post' ? validatePost(data) : validatePage(data);
  if (!validation.ok) {
    throw new Error(validation.problems.map((p) => `${p.field}: ${p.message}`).join('; '));
  }
  return { text: stringifyFrontMatter(data, markdown), problems };
}
