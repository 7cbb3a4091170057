/** JSON Feed 1.0 / 1.1 (https://www.jsonfeed.org/version/1.1/) → ParsedFeed. */
import type { ParsedFeed, RawItem } from '../types.ts';
import { firstDefined, isNode, list, textToHtml, uniqueStrings, type Node } from './fields.ts';
import { FeedParseError } from './feed-parse-error.ts';

function jsonString(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function jsonAuthor(value: Node): string | undefined {
  const authors = [...list(value.authors), ...list(value.author)];
  for (const author of authors) {
    const name = isNode(author) ? jsonString(author.name) : jsonString(author);
    if (name !== undefined) return name;
  }
  return undefined;
}

export function parseJsonFeed(text: string): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new FeedParseError(`invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isNode(data) || typeof data.version !== 'string' || !/^https?:\/\/jsonfeed\.org\/version\//i.test(data.version)) {
    throw new FeedParseError('not a feed: JSON without a JSON Feed version ("https://jsonfeed.org/version/1.1")');
  }
  if (data.items !== undefined && data.items !== null && !Array.isArray(data.items)) {
    throw new FeedParseError('invalid JSON Feed: "items" is not a list');
  }
  const feedAuthor = jsonAuthor(data);
  const feed: ParsedFeed = {
    items: list(data.items)
      .filter(isNode)
      .map((item) => jsonItem(item, feedAuthor)),
  };
  const title = jsonString(data.title);
  const link = jsonString(data.home_page_url);
  const lang = jsonString(data.language);
  if (title !== undefined) feed.title = title;
  if (link !== undefined) feed.link = link;
  if (lang !== undefined) feed.lang = lang;
  return feed;
}

function jsonItem(item: Node, feedAuthor: string | undefined): RawItem {
  const raw: RawItem = { categories: [] };
  const title = jsonString(item.title);
  if (title !== undefined) raw.title = title.replace(/&/g, '&amp;');
  const guid = jsonString(item.id);
  if (guid !== undefined) raw.guid = guid;
  const link = firstDefined(jsonString(item.url), jsonString(item.external_url));
  if (link !== undefined) raw.link = link;
  const summary = jsonString(item.summary);
  if (summary !== undefined) raw.summary = textToHtml(summary);
  const contentHtml = jsonString(item.content_html);
  const contentText = jsonString(item.content_text);
  if (contentHtml !== undefined) raw.content = contentHtml;
  else if (contentText !== undefined) raw.content = textToHtml(contentText);
  const author = firstDefined(jsonAuthor(item), feedAuthor);
  if (author !== undefined) raw.author = author;
  const published = jsonString(item.date_published);
  if (published !== undefined) raw.published = published;
  const updated = jsonString(item.date_modified);
  if (updated !== undefined) raw.updated = updated;
  raw.categories = uniqueStrings(list(item.tags).map((tag) => jsonString(tag)));
  const thumbnail = firstDefined(jsonString(item.image), jsonString(item.banner_image));
  if (thumbnail !== undefined) raw.thumbnail = thumbnail;
  const lang = jsonString(item.language);
  if (lang !== undefined) raw.lang = lang;
  return raw;
}
