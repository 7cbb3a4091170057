/**
 * HTML ↔ plain text. `htmlToText` is the plain-text view of HTML (titles, classifier input,
 * excerpts): tags stripped, entities decoded exactly once. `escapeHtml` goes the other way,
 * for text put inside HTML.
 */
import sanitizeHtml from 'sanitize-html';
import { DROP_WITH_CONTENT } from './sanitise.ts';

const BLOCK_BOUNDARY =
  /<(?=\/?(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|pre|figure|figcaption|table|tr|td|th|section|article|header|footer|aside|nav|main|address)\b)/gi;
const BREAK = '\ue003';

/**
 * The text of an HTML fragment: tags removed (script, style and other non-text content with
 * them), entities decoded once (`&amp;#x27;` → `&#x27;`), whitespace folded. Block boundaries
 * become spaces, or — with `paragraphs: true` — paragraph breaks ("\n\n"). `code: false`
 * drops `<pre>` blocks too.
 */
export function htmlToText(html: string, options: { paragraphs?: boolean; code?: boolean } = {}): string {
  if (typeof html !== 'string' || html === '') return '';
  const escaped = sanitizeHtml(html.replaceAll(BREAK, '').replace(BLOCK_BOUNDARY, `${BREAK}<`), {
    allowedTags: [],
    allowedAttributes: {},
    disallowedTagsMode: 'discard',
    nonTextTags: options.code === false ? [...DROP_WITH_CONTENT, 'pre'] : DROP_WITH_CONTENT,
  });
  const text = unescapeHtml(escaped);
  if (options.paragraphs !== true) return text.replaceAll(BREAK, ' ').replace(/\s+/g, ' ').trim();
  return text
    .split(BREAK)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}

/** Reverses exactly the escaping sanitize-html applies to text. */
function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Escapes text for use inside HTML (element content or a quoted attribute). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
