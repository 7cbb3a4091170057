/**
 * Bounds on one field of a feed item's HTML, applied before any HTML parser sees it.
 *
 * sanitize-html's parser (htmlparser2 10) keeps its open elements in an array it shifts and
 * unshifts at the front, so each tag costs time in proportion to the nesting depth: 200,000
 * nested `<span>`s (5 MB) took 42 s to sanitise, and as long again to reduce to text. Two
 * limits keep the work per item linear:
 *
 * - Nesting: one linear pass follows the parser's own rules (the same tokenizer states, void
 *   elements, implied end tags and foreign content), and a start tag that would open an
 *   element deeper than MAX_NESTING is dropped together with its end tag. The text inside is
 *   kept, in the deepest element kept: flattening keeps every word, where refusing the item
 *   or cutting at the limit would lose the article. (A raw-text element beyond the limit, such
 *   as `<script>` or `<title>`, goes whole: the sanitiser drops those with their content anyway.)
 *   Ordinary HTML is returned unchanged, byte for byte.
 * - Size: HTML still longer than MAX_HTML_CHARS is cut there (before a tag the cut would leave
 *   unfinished): the sanitiser, the text extraction and the Markdown conversion each read the
 *   whole field, and an article is a small fraction of that.
 */

/** 1 MiB of UTF-16 code units: far beyond any article, and cheap to measure. */
export const MAX_HTML_CHARS = 1024 * 1024;
/** Open elements at once; real articles stay well under 50. */
export const MAX_NESTING = 200;

export interface BoundedHtml {
  html: string;
  /** The length before it was cut, when it was. */
  cutFrom?: number;
  /** Start tags dropped for nesting deeper than the limit. */
  flattened: number;
}

// The parser's tables (htmlparser2 10, Parser.js), so that the depth counted here is its depth.
const VOID = new Set([
  'area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex',
  'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]);
const P = new Set(['p']);
const FORM = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const SECTIONS = new Set(['thead', 'tbody']);
const DDT = new Set(['dd', 'dt']);
const RTP = new Set(['rt', 'rp']);
const IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ...['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((tag) => [tag, P] as const),
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((tag) => [tag, FORM] as const),
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', DDT],
  ['dt', DDT],
  ...[
    'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure',
    'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul',
  ].map((tag) => [tag, P] as const),
  ['rt', RTP],
  ['rp', RTP],
  ['tbody', SECTIONS],
  ['tfoot', SECTIONS],
]);
const FOREIGN = new Set(['math', 'svg']);
const INTEGRATION = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);
/** Elements whose content the tokenizer reads as text, up to their end tag. */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp']);

const isWhitespace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d;
const isAlpha = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const endsTagSection = (c: number): boolean => c === 0x2f || c === 0x3e || isWhitespace(c);

/** Cuts `html` to at most `max` characters, before a tag the cut would leave unfinished. */
function cut(html: string, max: number): string {
  let kept = html.slice(0, max);
  const lt = kept.lastIndexOf('<');
  if (lt !== -1 && kept.indexOf('>', lt) === -1) kept = kept.slice(0, lt);
  return kept;
}

/** The end (index after the `>`) of a start tag whose name ends at `i`, and whether it ends in `/>`. */
function startTagEnd(html: string, i: number): { end: number; selfClosing: boolean } {
  const n = html.length;
  while (i < n) {
    const c = html.charCodeAt(i);
    if (c === 0x3e) return { end: i + 1, selfClosing: false };
    if (c === 0x2f) {
      let j = i + 1;
      while (j < n && isWhitespace(html.charCodeAt(j))) j++;
      if (j < n && html.charCodeAt(j) === 0x3e) return { end: j + 1, selfClosing: true };
      i = j;
      continue;
    }
    if (isWhitespace(c)) {
      i++;
      continue;
    }
    // An attribute: its name, then perhaps `=` and a value.
    while (i < n && html.charCodeAt(i) !== 0x3d && !endsTagSection(html.charCodeAt(i))) i++;
    while (i < n && isWhitespace(html.charCodeAt(i))) i++;
    if (i >= n || html.charCodeAt(i) !== 0x3d) continue;
    i++;
    while (i < n && isWhitespace(html.charCodeAt(i))) i++;
    const quote = html.charCodeAt(i);
    if (quote === 0x22 || quote === 0x27) {
      const close = html.indexOf(quote === 0x22 ? '"' : "'", i + 1);
      i = close === -1 ? n : close + 1;
    } else {
      while (i < n && !isWhitespace(html.charCodeAt(i)) && html.charCodeAt(i) !== 0x3e) i++;
    }
  }
  return { end: n, selfClosing: false };
}

const RAW_TEXT_END = new Map([...RAW_TEXT].map((name) => [name, new RegExp(`</${name}[\\t\\n\\f\\r >]`, 'gi')]));

/** Where a raw-text element's end tag (`</name` then `>` or a space) starts, from `from`; -1: none. */
function rawTextEnd(html: string, name: string, from: number): number {
  const pattern = RAW_TEXT_END.get(name)!;
  pattern.lastIndex = from;
  return pattern.exec(html)?.index ?? -1;
}

/** End of a `</name …>` tag (index after `>`) and its lower-case name, the name starting at `i`. */
function endTagAt(html: string, i: number): { end: number; name: string } {
  let j = i;
  while (j < html.length && html.charCodeAt(j) !== 0x3e && !isWhitespace(html.charCodeAt(j))) j++;
  const gt = html.indexOf('>', j);
  return { end: gt === -1 ? html.length : gt + 1, name: html.slice(i, j).toLowerCase() };
}

/** Drops start tags (and their end tags) that would nest deeper than `maxDepth`. */
function flatten(html: string, maxDepth: number): { html: string; dropped: number } {
  const stack: string[] = []; // open elements, innermost last (the parser keeps them in reverse)
  const foreign: boolean[] = [];
  const droppedOpen = new Map<string, number>();
  const out: string[] = [];
  let copied = 0; // html before this index is in `out` or dropped
  let dropped = 0;
  const drop = (from: number, to: number): void => {
    if (from > copied) out.push(html.slice(copied, from));
    copied = to;
  };
  const n = html.length;
  let i = html.indexOf('<');
  while (i !== -1 && i < n - 1) {
    const c = html.charCodeAt(i + 1);
    let next: number;
    if (c === 0x21) {
      // <!-- comment -->, <![CDATA[ … ]]>, or a declaration up to ">"
      let end: number;
      if (html.startsWith('<!--', i)) end = html.indexOf('-->', i + 2) + 3;
      else if (html.startsWith('<![CDATA[', i)) end = html.indexOf(']]>', i + 9) + 3;
      else end = html.indexOf('>', i + 2) + 1;
      next = end <= 2 ? n : end;
    } else if (c === 0x3f) {
      const end = html.indexOf('>', i + 2);
      next = end === -1 ? n : end + 1;
    } else if (c === 0x2f) {
      let j = i + 2;
      while (j < n && isWhitespace(html.charCodeAt(j))) j++;
      if (j < n && isAlpha(html.charCodeAt(j))) {
        const tag = endTagAt(html, j);
        next = tag.end;
        const pending = droppedOpen.get(tag.name) ?? 0;
        if (pending > 0) {
          droppedOpen.set(tag.name, pending - 1);
          drop(i, next);
        } else {
          closeTag(stack, foreign, tag.name);
        }
      } else {
        const end = html.indexOf('>', j);
        next = end === -1 ? n : end + 1;
      }
    } else if (isAlpha(c)) {
      let j = i + 2;
      while (j < n && !endsTagSection(html.charCodeAt(j))) j++;
      const name = html.slice(i + 1, j).toLowerCase();
      const { end, selfClosing } = startTagEnd(html, j);
      next = end;
      let rawEnd = -1;
      if (RAW_TEXT.has(name) && !selfClosing) {
        rawEnd = rawTextEnd(html, name, end);
      }
      const pushes = !VOID.has(name) && !(selfClosing && foreign[foreign.length - 1] === true);
      if (pushes && stack.length >= maxDepth) {
        dropped++;
        if (RAW_TEXT.has(name) && !selfClosing) {
          next = rawEnd === -1 ? n : endTagAt(html, rawEnd + 2).end;
        } else if (!selfClosing) {
          droppedOpen.set(name, (droppedOpen.get(name) ?? 0) + 1);
        }
        drop(i, next);
      } else {
        openTag(stack, foreign, name, selfClosing);
        if (rawEnd !== -1 || (RAW_TEXT.has(name) && !selfClosing)) {
          // The content is text; its end tag closes the element as any end tag does.
          if (rawEnd === -1) break;
          const tag = endTagAt(html, rawEnd + 2);
          closeTag(stack, foreign, tag.name);
          next = tag.end;
        }
      }
    } else {
      next = i + 1;
    }
    i = next >= n ? -1 : html.indexOf('<', next);
  }
  if (dropped === 0) return { html, dropped };
  out.push(html.slice(copied));
  return { html: out.join(''), dropped };
}

function openTag(stack: string[], foreign: boolean[], name: string, selfClosing: boolean): void {
  const closes = IMPLIES_CLOSE.get(name);
  if (closes !== undefined) while (stack.length > 0 && closes.has(stack[stack.length - 1]!)) stack.pop();
  if (VOID.has(name)) return;
  stack.push(name);
  if (FOREIGN.has(name)) foreign.push(true);
  else if (INTEGRATION.has(name)) foreign.push(false);
  // Foreign content (svg, math) honours `/>`: the element closes at once.
  if (selfClosing && foreign[foreign.length - 1] === true && stack[stack.length - 1] === name) {
    stack.pop();
  }
}

function closeTag(stack: string[], foreign: boolean[], name: string): void {
  if (FOREIGN.has(name) || INTEGRATION.has(name)) foreign.pop();
  if (VOID.has(name)) return;
  const at = stack.lastIndexOf(name);
  if (at !== -1) stack.length = at;
}

/** `html` cut to `maxChars` and flattened to `maxDepth` open elements (see above). */
export function boundHtml(html: string, maxChars = MAX_HTML_CHARS, maxDepth = MAX_NESTING): BoundedHtml {
  // Flattened first: the text of 5 MB of nesting fits in a few bytes once the tags are gone.
  const { html: flat, dropped } = flatten(html, maxDepth);
  if (flat.length <= maxChars) return { html: flat, flattened: dropped };
  return { html: cut(flat, maxChars), cutFrom: flat.length, flattened: dropped };
}
