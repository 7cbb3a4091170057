import MarkdownIt, { type StateBlock } from 'markdown-it';

/**
 * The one Markdown renderer for posts and pages. Safety first, because posts come from feeds:
 * raw HTML is shown as text (`html: false`), and links or images whose URL is `javascript:`,
 * `vbscript:`, `file:` or any `data:` are not rendered as links at all.
 *
 * The only markup an editor may write is WordPress's excerpt marker, `<!-- more -->` on a
 * line of its own: it becomes MORE_MARKER in the HTML, where list pages cut the excerpt.
 */

export const MORE_MARKER = '<!--more-->';

const UNSAFE_URL = /^(?:javascript|vbscript|file|data):/i;
const MORE_LINE = /^<!--\s*more\s*-->\s*$/i;

function moreMarkerRule(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  // Only between top-level blocks: a cut inside a quote or list would leave its HTML open.
  if (state.level !== 0 || state.blkIndent !== 0) return false;
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const line = state.src.slice(start, state.eMarks[startLine]);
  if (!MORE_LINE.test(line)) return false;
  if (silent) return true;
  state.line = startLine + 1;
  const token = state.push('more_marker', '', 0);
  token.map = [startLine, state.line];
  return true;
}

export type Markdown = InstanceType<typeof MarkdownIt>;

export function createMarkdown(): Markdown {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  const defaultValidate = md.validateLink.bind(md);
  md.validateLink = (url: string): boolean => {
    // markdown-it lets data:image/* through; Khabar allows no data: URLs in posts.
    // The URL arrives percent-encoded: decode it, then drop what browsers ignore in a scheme.
    let decoded = url;
    try {
      decoded = decodeURIComponent(url);
    } catch {
      // Malformed escapes: judge the URL as written.
    }
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    const compact = decoded.replace(/[\u0000-\u0020\u007f-\u009f]+/g, '');
    return !UNSAFE_URL.test(compact) && defaultValidate(url);
  };
  md.block.ruler.before('paragraph', 'more_marker', moreMarkerRule, { alt: ['paragraph'] });
  md.renderer.rules.more_marker = () => `${MORE_MARKER}\n`;
  return md;
}

/** A link or image in a body, with its line counted from the body's first line (0-based). */
export interface BodyLink {
  target: string;
  image: boolean;
  line: number;
}

/**
 * Renders a body once and lists its links and images on the way (the content check reads
 * them from the same parse, so a build parses each body's Markdown exactly once).
 */
export function renderBody(md: Markdown, source: string): { html: string; links: BodyLink[] } {
  const env = {};
  const tokens = md.parse(source, env);
  const links: BodyLink[] = [];
  const visit = (list: typeof tokens, line: number): void => {
    for (const token of list) {
      const at = token.map ? token.map[0] : line;
      if (token.children) visit(token.children, at);
      const image = token.type === 'image';
      const target = token.type === 'link_open' ? token.attrGet('href') : image ? token.attrGet('src') : null;
      if (target !== null) links.push({ target: String(target), image, line: at });
    }
  };
  visit(tokens, 0);
  return { html: md.renderer.render(tokens, md.options, env), links };
}

/** The part of a rendered body before the excerpt marker, and whether anything was cut. */
export function splitExcerpt(html: string): { excerpt: string; more: boolean } {
  const at = html.indexOf(MORE_MARKER);
  return at === -1 ? { excerpt: html, more: false } : { excerpt: html.slice(0, at), more: true };
}
