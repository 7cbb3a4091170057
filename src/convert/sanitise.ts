/**
 * HTML from a feed (or any imported source) is hostile until proven otherwise. `sanitiseHtml`
 * keeps a small allowlist of structural tags (what a news summary or article needs, nothing
 * that runs or styles), makes every link and image absolute and http(s), and drops tracking
 * pixels. Its plain-text view is htmlToText (html-text.ts).
 */
import sanitizeHtml from 'sanitize-html';

const ALLOWED_TAGS = [
  'p',
  'br',
  'a',
  'strong',
  'b',
  'em',
  'i',
  'ul',
  'ol',
  'li',
  'blockquote',
  'h2',
  'h3',
  'h4',
  'figure',
  'figcaption',
  'img',
  'code',
  'pre',
  'hr',
];

/** Disallowed tags whose *content* goes too: code, styles, embeds, drawings, form widgets. */
export const DROP_WITH_CONTENT = [
  'script',
  'style',
  'textarea',
  'option',
  'select',
  'button',
  'noscript',
  'template',
  'title',
  'head',
  'xmp',
  'iframe',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
];

/** Elements that mean nothing when they end up empty (ad slots, emptied feed flares). */
const EMPTY_ELEMENT =
  /<(a|p|strong|b|em|i|li|ul|ol|blockquote|h2|h3|h4|figure|figcaption|code|pre)\b[^>]*>(?:\s|&nbsp;|&#160;|<br \/>)*<\/\1>/g;

function dropEmptyElements(html: string): string {
  let previous: string;
  let current = html;
  do {
    previous = current;
    current = current.replace(EMPTY_ELEMENT, '');
  } while (current !== previous);
  return current;
}

const LINK_REL = 'nofollow noopener noreferrer';

/** Resolves a URL attribute against the base; null unless the result is http(s). */
export function resolveHttpUrl(value: string | undefined, baseUrl: string, httpsOnly = false): string | null {
  if (value === undefined) return null;
  let text = value.trim();
  if (text === '') return null;
  // Protocol-relative: the page that embeds it is https, so is the resource.
  if (text.startsWith('//')) text = `https:${text}`;
  const url = parseUrl(text) ?? (baseUrl === '' ? null : parseUrl(text, baseUrl));
  if (url === null) return null;
  if (url.protocol !== 'https:' && (httpsOnly || url.protocol !== 'http:')) return null;
  if (url.hostname === '') return null;
  url.username = '';
  url.password = '';
  return url.href;
}

function parseUrl(text: string, base?: string): URL | null {
  try {
    return new URL(text, base);
  } catch {
    return null;
  }
}

function isTrackingPixel(attribs: Record<string, string>, src: string): boolean {
  const size = (value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const number = Number.parseFloat(value);
    return Number.isNaN(number) ? undefined : number;
  };
  const width = size(attribs.width);
  const height = size(attribs.height);
  if ((width !== undefined && width <= 1) || (height !== undefined && height <= 1)) return true;
  const style = (attribs.style ?? '').replace(/\s+/g, '').toLowerCase();
  if (/(?:^|;)(?:width|height):[01]px/.test(style)) return true;
  // FeedBurner's per-item beacons and "feed flares", NPR's rss pixel and the like.
  const url = new URL(src);
  return (
    url.hostname === 'feeds.feedburner.com' ||
    /\/~r\/.*\/~4\//.test(url.pathname) ||
    /\/tracking\/[^/]*pixel[^/]*$/i.test(url.pathname) ||
    /(?:^|\/)(?:pixel|beacon|spacer)\.(?:gif|png)$/i.test(url.pathname)
  );
}

function imageSource(attribs: Record<string, string>): string | undefined {
  const src = attribs.src?.trim();
  // Lazy-loading markup keeps the real image in a data attribute and a placeholder in src.
  if (src === undefined || src === '' || /^data:/i.test(src)) {
    return attribs['data-src'] ?? attribs['data-lazy-src'] ?? attribs['data-original'] ?? src;
  }
  return src;
}

const DISCARD = 'khabar-discarded';

/** A transform result that sanitize-html will drop (the tag, not its text). */
function discarded(): sanitizeHtml.Tag {
  return { tagName: DISCARD, attribs: {} };
}

export function sanitiseHtml(html: string, baseUrl: string): string {
  if (typeof html !== 'string' || html.trim() === '') return '';
  const result = sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { a: ['href', 'rel'], img: ['src', 'alt'] },
    allowedSchemes: ['http', 'https'],
    allowedSchemesByTag: { img: ['https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    allowedStyles: {},
    parseStyleAttributes: false,
    disallowedTagsMode: 'discard',
    nonTextTags: DROP_WITH_CONTENT,
    transformTags: {
      h1: 'h2',
      h5: 'h4',
      h6: 'h4',
      a: (_tagName, attribs) => {
        const href = resolveHttpUrl(attribs.href, baseUrl);
        // A link to nowhere (or to javascript:) keeps its text and loses the tag.
        if (href === null) return discarded();
        return { tagName: 'a', attribs: { href, rel: LINK_REL } };
      },
      img: (_tagName, attribs) => {
        const src = resolveHttpUrl(imageSource(attribs), baseUrl, true);
        if (src === null || isTrackingPixel(attribs, src)) return discarded();
        const alt = (attribs.alt ?? '').replace(/\s+/g, ' ').trim();
        return { tagName: 'img', attribs: { src, alt } };
      },
    },
  });
  return dropEmptyElements(result).trim();
}
