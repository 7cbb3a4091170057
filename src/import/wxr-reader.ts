import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';
import { KhabarError } from '../model/errors.ts';

/**
 * Reads a WordPress export (WXR: RSS 2.0 with WordPress's namespaces) as a stream, one item at
 * a time, so memory stays flat whatever the size of the file (exports of hundreds of MB are
 * common). Only the elements an import needs are kept; `withBodies: false` skips the bodies
 * too (the importer's first pass, which only plans where every item goes).
 */

export interface WxrCategory {
  /** `category` (a category), `post_tag` (WXR 1.1+) or `tag` (WXR 1.0), `post_format`, `nav_menu`, … */
  domain: string;
  nicename: string;
  name: string;
}

export interface WxrItem {
  /** The line of the file where the item starts (for problems). */
  line: number;
  title: string;
  link: string;
  guid: string;
  creator: string;
  content: string;
  excerpt: string;
  postId: number;
  postDate: string;
  postDateGmt: string;
  postName: string;
  status: string;
  postType: string;
  parent: number;
  password: string;
  attachmentUrl: string;
  categories: WxrCategory[];
  /** `_wp_old_slug` values, in order (empty ones dropped). */
  oldSlugs: string[];
  comments: number;
}

export interface WxrChannel {
  version: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
  /** Author login → display name. */
  authors: Map<string, string>;
}

export interface WxrReadResult {
  channel: WxrChannel;
  items: number;
  /** Set when the file is cut short or stops being well-formed: the items before it were read. */
  broken: { line: number; message: string } | null;
  /** Recoverable faults (a bad entity, a stray character): reported, reading went on. */
  warnings: { line: number; message: string }[];
}

export class NotWxrError extends KhabarError {}

// Characters XML 1.0 forbids, which real exports contain anyway: dropped before parsing.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

const ITEM_TEXT: Record<string, keyof WxrItem> = {
  title: 'title',
  link: 'link',
  guid: 'guid',
  'dc:creator': 'creator',
  'content:encoded': 'content',
  'excerpt:encoded': 'excerpt',
  'wp:post_date': 'postDate',
  'wp:post_date_gmt': 'postDateGmt',
  'wp:post_name': 'postName',
  'wp:status': 'status',
  'wp:post_type': 'postType',
  'wp:post_password': 'password',
  'wp:attachment_url': 'attachmentUrl',
};

function newItem(line: number): WxrItem {
  return {
    line,
    title: '',
    link: '',
    guid: '',
    creator: '',
    content: '',
    excerpt: '',
    postId: 0,
    postDate: '',
    postDateGmt: '',
    postName: '',
    status: '',
    postType: '',
    parent: 0,
    password: '',
    attachmentUrl: '',
    categories: [],
    oldSlugs: [],
    comments: 0,
  };
}

/** The parser's faults that break the document's structure; any other (an undefined entity, say) is reported and reading goes on. */
const FATAL = /close tag|closing tag|unclosed tag|outside of root|root element|unexpected end|end of input/i;

export interface ReadOptions {
  withBodies: boolean;
  onItem: (item: WxrItem, channel: WxrChannel) => void;
  /** Called after each chunk of the file is parsed; reading waits for a promise it returns (back-pressure). */
  afterChunk?: () => Promise<void> | undefined;
}

/**
 * Streams the file and calls `onItem` for every `<item>`, in order. Resolves with the channel's
 * facts; throws NotWxrError when the file is not a WordPress export (no `<rss>` root, or no
 * `wp:wxr_version` before the first item), in which case no item was handed over.
 */
export function readWxr(path: string, options: ReadOptions): Promise<WxrReadResult> {
  const parser = new SaxesParser({ position: true });
  const channel: WxrChannel = { version: '', baseSiteUrl: '', baseBlogUrl: '', authors: new Map() };
  const result: WxrReadResult = { channel, items: 0, broken: null, warnings: [] };
  const stack: string[] = [];
  let item: WxrItem | null = null;
  let text = '';
  let collecting = false;
  let category: WxrCategory | null = null;
  let metaKey = '';
  let author = { login: '', display: '' };
  let rootSeen = false;
  let notWxr: string | null = null;
  // Set when reading must end (not WXR, or a fatal fault): sax finishes the chunk in hand, and
  // every handler ignores what it still reports.
  let stopped = false;
  let stop: () => void = () => undefined;

  const collects = (name: string): boolean => {
    if (item !== null) {
      if (!options.withBodies && (name === 'content:encoded' || name === 'excerpt:encoded')) return false;
      return name in ITEM_TEXT || name === 'category' || name === 'wp:post_id' || name === 'wp:post_parent' || name === 'wp:meta_key' || name === 'wp:meta_value';
    }
    return /^wp:(?:wxr_version|base_site_url|base_blog_url|author_login|author_display_name)$/.test(name);
  };

  // A finished item is handed over only once the parser has moved past its end without a
  // fault: the parser reports a broken close tag after it has closed the item.
  let pending: WxrItem | null = null;
  const deliver = (): void => {
    if (pending === null) return;
    const done = pending;
    pending = null;
    result.items += 1;
    options.onItem(done, channel);
  };

  parser.on('opentag', (tag) => {
    if (stopped) return;
    deliver();
    const name = tag.name;
    if (!rootSeen) {
      rootSeen = true;
      if (name !== 'rss') notWxr = `the root element is <${name}>, not <rss>`;
    }
    stack.push(name);
    if (name === 'item' && stack.length === 3) {
      if (channel.version === '') notWxr = 'it has no <wp:wxr_version> before its first item';
      item = newItem(parser.line);
    } else if (name === 'category' && item !== null) {
      const attrs = tag.attributes as Record<string, string>;
      category = { domain: attrs.domain ?? 'category', nicename: attrs.nicename ?? '', name: '' };
    } else if (name === 'wp:author' && item === null) {
      author = { login: '', display: '' };
    }
    collecting = collects(name);
    text = '';
    if (notWxr !== null) stop();
  });

  const onText = (chunk: string): void => {
    if (collecting) text += chunk;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  parser.on('closetag', ({ name }) => {
    if (stopped) return;
    stack.pop();
    const value = collecting ? text : '';
    collecting = false;
    text = '';
    if (item !== null) {
      if (name === 'item' && stack.length === 2) {
        pending = item;
        item = null;
        return;
      }
      const field = ITEM_TEXT[name];
      if (field !== undefined && stack.length === 3) setText(item, field, field === 'content' || field === 'excerpt' ? value : value.trim());
      else if (name === 'wp:post_id') item.postId = Number(value.trim()) || 0;
      else if (name === 'wp:post_parent') item.parent = Number(value.trim()) || 0;
      else if (name === 'category' && category !== null) {
        category.name = value.trim();
        item.categories.push(category);
        category = null;
      } else if (name === 'wp:meta_key') metaKey = value.trim();
      else if (name === 'wp:meta_value' && metaKey === '_wp_old_slug' && value.trim() !== '') item.oldSlugs.push(value.trim());
      else if (name === 'wp:comment') item.comments += 1;
      return;
    }
    if (name === 'wp:wxr_version') channel.version = value.trim();
    else if (name === 'wp:base_site_url') channel.baseSiteUrl = value.trim();
    else if (name === 'wp:base_blog_url') channel.baseBlogUrl = value.trim();
    else if (name === 'wp:author_login') author.login = value.trim();
    else if (name === 'wp:author_display_name') author.display = value.trim();
    else if (name === 'wp:author' && author.login !== '') channel.authors.set(author.login, author.display || author.login);
  });

  return new Promise((resolve, reject) => {
    const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
    let settled = false;
    const settle = (error: unknown): void => {
      if (settled) return;
      settled = true;
      stopped = true;
      stream.destroy();
      if (error !== null) return reject(error);
      if (notWxr === null && !rootSeen) notWxr = 'it holds no XML element';
      if (notWxr === null && channel.version === '') notWxr = `it has no <wp:wxr_version>${result.broken ? ` (${result.broken.message} on line ${result.broken.line})` : ''}`;
      if (notWxr !== null) reject(new NotWxrError(`${path} is not a WordPress export (WXR): ${notWxr}`));
      else resolve(result);
    };
    stop = () => settle(null);
    parser.on('error', (error) => {
      if (stopped) return;
      const message = error.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
      if (!FATAL.test(message)) {
        result.warnings.push({ line: parser.line, message });
        return;
      }
      if (!rootSeen) notWxr = `it is not XML (${message})`;
      result.broken = { line: parser.line, message };
      pending = null;
      settle(null);
    });
    stream.on('data', (chunk) => {
      if (stopped) return;
      try {
        parser.write((chunk as string).replace(FORBIDDEN_CHARS, ''));
      } catch (error) {
        if (!stopped) settle(error);
        return;
      }
      const wait = options.afterChunk?.();
      if (wait !== undefined) {
        stream.pause();
        wait.then(
          () => {
            if (!stopped) stream.resume();
          },
          (error: unknown) => settle(error),
        );
      }
    });
    stream.on('error', (error) => settle(error));
    stream.on('end', () => {
      if (stopped) return;
      try {
        deliver();
      } catch (error) {
        settle(error);
        return;
      }
      // An export that timed out ends inside an item: the file ends with tags still open.
      if (stack.length > 0) {
        result.broken = { line: parser.line, message: `the file ends inside <${stack.at(-1)}> (cut short?)` };
      }
      settle(null);
    });
  });
}

function setText(item: WxrItem, field: keyof WxrItem, value: string): void {
  (item as unknown as Record<string, string>)[field] = value;
}
