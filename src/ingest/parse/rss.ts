/** RSS 0.9x, 1.0 (RDF) and 2.0: rss-parser's output → ParsedFeed (see index.ts for what each field holds). */
import type { ParsedFeed, RawItem } from '../types.ts';
import {
  attrs,
  clean,
  dateString,
  first,
  firstDefined,
  isNode,
  joinBase,
  list,
  markedToHtml,
  markedToText,
  rawText,
  resolveAgainst,
  textToHtml,
  thumbnailOf,
  uniqueStrings,
  unmark,
  type Node,
} from './fields.ts';
import type { XmlFeed } from './xml-prepare.ts';

function feedTitle(output: Node): string | undefined {
  const title = rawText(output.title);
  return title === undefined ? undefined : clean(markedToText(title));
}

/** The channel's author, for items that name none (as Miniflux: iTunes author, creator, managing editor, webmaster). */
function feedAuthor(output: Node): string | undefined {
  return firstDefined(
    ...['kItunesAuthor', 'creator', 'managingEditor', 'webMaster'].map((key) => {
      const value = rawText(list(output[key])[0]);
      return value === undefined ? undefined : clean(markedToText(value));
    }),
  );
}

export function parseRss({ output, items, info, base, hasXmlBase }: XmlFeed): ParsedFeed {
  const channelAuthor = feedAuthor(output);
  const feed: ParsedFeed = { items: items.map((item) => rssItem(item, base, hasXmlBase, channelAuthor)) };
  const title = feedTitle(output);
  const link = clean(rawText(output.link));
  const lang = clean(firstDefined(rawText(output.language), rawText(output['dc:language']), info.lang));
  if (title !== undefined) feed.title = title;
  if (link !== undefined) feed.link = link;
  if (lang !== undefined) feed.lang = lang;
  return feed;
}

function rssItem(item: Node, feedBase: string | undefined, feedHasXmlBase: boolean, channelAuthor: string | undefined): RawItem {
  const raw: RawItem = { categories: [] };
  const itemAttrs = isNode(item.kAttrs) ? (item.kAttrs as Record<string, string>) : {};
  const base = joinBase(feedBase, itemAttrs['xml:base']);
  const hasXmlBase = feedHasXmlBase || itemAttrs['xml:base'] !== undefined;

  const title = firstDefined(rawText(first(item, 'kTitle')), rawText(first(item, 'kDcTitle')));
  if (title !== undefined && unmark(title).trim() !== '') raw.title = markedToHtml(title).trim();

  const guidNode = first(item, 'kGuid');
  const guid = clean(rawText(guidNode));
  if (guid !== undefined) raw.guid = guid;
  const guidIsPermalink = (attrs(guidNode).isPermaLink ?? 'true').trim().toLowerCase() !== 'false';

  const linkNode = list(item.kLink).find((value) => clean(rawText(value) ?? attrs(value).href) !== undefined);
  // An Atom link in an RSS item: the alternate one (rel absent or "alternate").
  const atomLink = list(item.kAtomLink)
    .map((value) => attrs(value))
    .find((a) => (a.rel ?? 'alternate').trim().toLowerCase() === 'alternate' && clean(a.href) !== undefined);
  const link = firstDefined(
    clean(rawText(first(item, 'kOrigLink'))),
    clean(rawText(linkNode) ?? attrs(linkNode).href),
    clean(atomLink?.href),
    // RSS 1.0: the item's rdf:about is its URI, the link when it has no <link>.
    clean(itemAttrs['rdf:about']),
    guid !== undefined && guidIsPermalink && /^https?:\/\//i.test(guid) ? guid : undefined,
  );
  if (link !== undefined) raw.link = hasXmlBase ? resolveAgainst(link, base)! : link;

  // Podcasts: iTunes' plain-text summary or subtitle when there is no description.
  const itunes = firstDefined(...['kItunesSummary', 'kItunesSubtitle'].map((key) => clean(rawText(first(item, key)))));
  const summary = firstDefined(clean(rawText(first(item, 'kDescription'))), itunes === undefined ? undefined : textToHtml(itunes));
  if (summary !== undefined) raw.summary = summary;
  const content = firstDefined(
    ...['kEncoded', 'kTurbo', 'kFullText', 'kPlainFullText', 'kContent'].map((key) => clean(rawText(first(item, key)))),
  );
  if (content !== undefined) raw.content = content;

  const author = firstDefined(
    ...['kCreator', 'kAuthor', 'kItunesAuthor'].map((key) => {
      const value = rawText(first(item, key));
      return value === undefined ? undefined : clean(markedToText(value));
    }),
    channelAuthor,
  );
  if (author !== undefined) raw.author = author;

  const published = firstDefined(
    ...['kPubDate', 'kDcDate', 'kIssuedTerm', 'kIssued'].map((key) => dateString(first(item, key))),
  );
  if (published !== undefined) raw.published = published;
  const updated = firstDefined(
    ...['kModifiedTerm', 'kAtomUpdated', 'kModified'].map((key) => dateString(first(item, key))),
  );
  if (updated !== undefined) raw.updated = updated;

  raw.categories = uniqueStrings(
    [...list(item.kCategory), ...list(item.kSubject)].map((value) => {
      const text = rawText(value) ?? attrs(value).text;
      return text === undefined ? undefined : clean(markedToText(text));
    }),
  );

  const thumbnail = thumbnailOf(item);
  if (thumbnail !== undefined) raw.thumbnail = hasXmlBase ? resolveAgainst(thumbnail, base)! : thumbnail;
  const lang = clean(firstDefined(rawText(first(item, 'kLanguage')), itemAttrs['xml:lang']));
  if (lang !== undefined) raw.lang = lang;
  const videoId = clean(rawText(first(item, 'kVideoId')));
  if (videoId !== undefined) raw.videoId = videoId;
  return raw;
}
