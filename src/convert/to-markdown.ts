/**
 * Sanitised HTML → the Markdown body of a post (ATX headings, `-` bullets, fenced code).
 *
 * Posts are rendered with markdown-it `html: false`, so raw HTML is never live; on top of that
 * nothing here produces markup: text is Markdown-escaped, `<` included (so no tag or autolink
 * can appear outside code), entity-like `&…;` sequences are escaped (text stays text), links and
 * images are emitted only for absolute http(s) URLs, and non-content elements are dropped even
 * if the input was not sanitised first.
 */
import TurndownService from 'turndown';

const DROPPED = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'head',
  'title',
  'meta',
  'link',
  'canvas',
] as const;

/** The part of a DOM element these rules read (turndown's DOM is domino's; no DOM lib here). */
interface DomElement {
  nodeName: string;
  textContent: string | null;
  firstChild: DomElement | null;
  getAttribute(name: string): string | null;
}

function element(node: unknown): DomElement {
  return node as DomElement;
}

function httpUrl(value: string | null): string | null {
  if (value === null) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A link destination that cannot end early or open an autolink: `(`, `)`, `<`, `>`, space encoded. */
function destination(url: string): string {
  return url.replace(/[()<> ]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function build(): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    fence: '```',
    emDelimiter: '_',
    strongDelimiter: '**',
    hr: '---',
    linkStyle: 'inlined',
  });
  const baseEscape = service.escape.bind(service);
  service.escape = (text: string): string => escapeText(baseEscape(text));
  service.remove([...DROPPED]);
  service.addRule('safeLink', {
    filter: (node) => node.nodeName === 'A',
    replacement: (content, node) => {
      const href = httpUrl(element(node).getAttribute('href'));
      const text = content.replace(/\s+/g, ' ').trim();
      if (href === null) return content;
      if (text === '') return '';
      return `[${text}](${destination(href)})`;
    },
  });
  // turndown's own `pre > code` rule, but the info string only from a plain language name: one
  // with a backtick (`class="language-a`b"`) would not open a fence, and the code would be
  // read as Markdown (raw HTML and all) by any renderer; the fence outgrows any fence-like
  // line of the code, indented ones included (a closing fence may be indented 3 spaces).
  service.addRule('fencedCode', {
    filter: (node) => node.nodeName === 'PRE' && element(node).firstChild?.nodeName === 'CODE',
    replacement: (_content, node) => {
      const code = element(node).firstChild!;
      const language = /(?:^|\s)language-([\w+#.-]+)(?=\s|$)/.exec(code.getAttribute('class') ?? '')?.[1] ?? '';
      const text = code.textContent ?? '';
      const longestFence = Math.max(2, ...[...text.matchAll(/^ {0,3}(`{3,})/gm)].map((m) => m[1]!.length));
      const fence = '`'.repeat(longestFence + 1);
      return `\n\n${fence}${language}\n${text.replace(/\n$/, '')}\n${fence}\n\n`;
    },
  });
  // `<pre>` without `<code>` (turndown only fences `pre > code`): still a code block.
  service.addRule('barePre', {
    filter: (node) => node.nodeName === 'PRE' && element(node).firstChild?.nodeName !== 'CODE',
    replacement: (_content, node) => {
      const code = (element(node).textContent ?? '').replace(/\n+$/, '');
      if (code.trim() === '') return '';
      const longestRun = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
      const fence = '`'.repeat(longestRun + 1);
      return `\n\n${fence}\n${code}\n${fence}\n\n`;
    },
  });
  service.addRule('safeImage', {
    filter: (node) => node.nodeName === 'IMG',
    replacement: (_content, node) => {
      const src = httpUrl(element(node).getAttribute('src'));
      if (src === null) return '';
      const alt = service.escape((element(node).getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim());
      return `![${alt}](${destination(src)})`;
    },
  });
  return service;
}

/** The escapes turndown does not do: `<` (tags, autolinks) and entity references. */
function escapeText(text: string): string {
  return text.replace(/</g, '\\<').replace(/&(?=#?[a-z0-9]+;)/gi, '\\&');
}

let shared: TurndownService | undefined;

export function htmlToMarkdown(html: string): string {
  if (typeof html !== 'string' || html.trim() === '') return '';
  shared ??= build();
  return shared
    .turndown(html)
    .replace(/^[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Plain text (paragraphs separated by blank lines) as Markdown that renders as exactly that text. */
export function textToMarkdown(text: string): string {
  const service = (shared ??= build());
  return text
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => service.escape(paragraph))
    .join('\n\n');
}
