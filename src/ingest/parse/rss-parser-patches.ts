/**
 * rss-parser, set up to hand over every item field raw (customFields with keepArray, read by
 * rss.ts and atom.ts), with some of its private methods patched around: see makeParser.
 */
import Parser from 'rss-parser';
import { attrs, isNode, type Node } from './fields.ts';

const ITEM_FIELDS: [string, string][] = [
  ['title', 'kTitle'],
  ['dc:title', 'kDcTitle'],
  ['link', 'kLink'],
  ['feedburner:origLink', 'kOrigLink'],
  ['atom:link', 'kAtomLink'],
  ['guid', 'kGuid'],
  ['id', 'kId'],
  ['description', 'kDescription'],
  ['summary', 'kSummary'],
  ['content', 'kContent'],
  ['content:encoded', 'kEncoded'],
  ['turbo:content', 'kTurbo'],
  ['yandex:full-text', 'kFullText'],
  ['full-text', 'kPlainFullText'],
  ['author', 'kAuthor'],
  ['dc:creator', 'kCreator'],
  ['itunes:author', 'kItunesAuthor'],
  ['itunes:summary', 'kItunesSummary'],
  ['itunes:subtitle', 'kItunesSubtitle'],
  ['pubDate', 'kPubDate'],
  ['dc:date', 'kDcDate'],
  ['dcterms:issued', 'kIssuedTerm'],
  ['dcterms:modified', 'kModifiedTerm'],
  ['issued', 'kIssued'],
  ['created', 'kCreated'],
  ['modified', 'kModified'],
  ['atom:updated', 'kAtomUpdated'],
  ['category', 'kCategory'],
  ['dc:subject', 'kSubject'],
  ['dc:language', 'kLanguage'],
  ['enclosure', 'kEnclosure'],
  ['media:content', 'kMediaContent'],
  ['media:thumbnail', 'kMediaThumbnail'],
  ['media:group', 'kMediaGroup'],
  ['itunes:image', 'kItunesImage'],
  ['yt:videoId', 'kVideoId'],
  ['$', 'kAttrs'],
];

interface RssParserInternals {
  parseItemAtom?: (entry: Node) => Node;
  parseItemRss?: (xmlItem: Node, itemFields: unknown) => Node;
  buildAtomFeed?: (xmlObj: Node) => Node;
  buildRSS0_9?: (xmlObj: Node) => Node;
  buildRSS1?: (xmlObj: Node) => Node;
  buildRSS2?: (xmlObj: Node) => Node;
}

/**
 * The root as rss-parser's RSS builders expect it: a mapping with a `channel` list. A valid
 * feed with nothing in it (`<rss version="2.0"></rss>`, an RDF document without a channel)
 * would otherwise fail with "Cannot read properties of undefined": it is a feed of 0 items.
 */
function withChannel(xmlObj: Node, rootKey: string): Node {
  const root = isNode(xmlObj[rootKey]) ? (xmlObj[rootKey] as Node) : {};
  const channels = Array.isArray(root.channel) ? root.channel : [];
  const channel = isNode(channels[0]) ? channels[0] : {};
  return { ...xmlObj, [rootKey]: { ...root, channel: [channel, ...channels.slice(1)] } };
}

export function makeParser(): Parser<Node, Node> {
  const parser = new Parser<Node, Node>({
    defaultRSS: 2,
    customFields: {
      feed: ['dc:language', 'author', ['itunes:author', 'kItunesAuthor']],
      item: ITEM_FIELDS.map(([from, to]) => [from, to, { keepArray: true }]),
    },
  } as Parser.ParserOptions<Node, Node>);
  // rss-parser turns Atom dates into ISO strings with `new Date(…).toISOString()`, which throws
  // for an unreadable date and fails the whole feed, and it reads `link.$.rel` without checking
  // that a link has attributes. Those fields are read raw here, so keep them away from it.
  const internals = parser as unknown as RssParserInternals;
  const parseItemAtom = internals.parseItemAtom?.bind(parser);
  if (parseItemAtom !== undefined) {
    internals.parseItemAtom = (entry: Node): Node => {
      const { published, updated, link, ...rest } = entry;
      return { ...parseItemAtom(rest), kPublished: published, kUpdated: updated, kLink: link };
    };
  }
  // For an RSS item's description and content:encoded, rss-parser also makes a plain-text
  // "snippet" (tags stripped by regex, entities decoded): unused here, and a good part of its
  // time. The raw elements go around it, to the fields they are read from.
  const parseItemRss = internals.parseItemRss?.bind(parser);
  if (parseItemRss !== undefined) {
    internals.parseItemRss = (xmlItem: Node, itemFields: unknown): Node => {
      const { description, 'content:encoded': encoded, ...rest } = xmlItem;
      return { ...parseItemRss(rest, itemFields), kDescription: description, kEncoded: encoded };
    };
  }
  const buildAtomFeed = internals.buildAtomFeed?.bind(parser);
  if (buildAtomFeed !== undefined) {
    internals.buildAtomFeed = (xmlObj: Node): Node => {
      const feed = xmlObj.feed;
      if (isNode(feed) && Array.isArray(feed.link)) feed.link = feed.link.filter((link) => attrs(link).href !== undefined);
      // rss-parser's feed link falls back to the first link, often the feed's own (rel="self"):
      // the site's link is an alternate one (rel absent or "alternate").
      const alternate = isNode(feed) && Array.isArray(feed.link)
        ? feed.link.map((link) => attrs(link)).find((a) => (a.rel ?? 'alternate').trim().toLowerCase() === 'alternate')
        : undefined;
      return { ...buildAtomFeed(xmlObj), kSiteLink: alternate?.href };
    };
  }
  for (const [method, rootKey] of [
    ['buildRSS0_9', 'rss'],
    ['buildRSS1', 'rdf:RDF'],
    ['buildRSS2', 'rss'],
  ] as const) {
    const build = internals[method]?.bind(parser);
    if (build !== undefined) internals[method] = (xmlObj: Node): Node => build(withChannel(xmlObj, rootKey));
  }
  return parser;
}
