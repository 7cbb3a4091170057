/**
 * What "inert under any CommonMark renderer" means for a file ingest writes, checked with
 * markdown-it at its most permissive: raw HTML enabled and its own link validation switched
 * off (`validateLink` accepts everything), the whole file — front matter included, as code
 * hosts and other tools may render it. Inert: no raw HTML reaches the output at all, no
 * `<script`, no `on…=` attribute, and every link and image points to http(s).
 */
import MarkdownIt, { type Token } from 'markdown-it';

const permissive = new MarkdownIt({ html: true });
permissive.validateLink = () => true;

function walk(tokens: Token[], visit: (token: Token) => void): void {
  for (const token of tokens) {
    visit(token);
    if (token.children !== null) walk(token.children, visit);
  }
}

/** The ways the text is live as Markdown (empty: inert), each with the offending piece. */
export function liveMarkdown(text: string): string[] {
  const problems: string[] = [];
  walk(permissive.parse(text, {}), (token) => {
    if (token.type === 'html_block' || token.type === 'html_inline') problems.push(`raw HTML: ${token.content.trim()}`);
    for (const name of ['href', 'src'] as const) {
      const url = token.attrGet(name);
      if (url !== null && !/^https?:\/\//i.test(String(url))) problems.push(`${name} not http(s): ${url}`);
    }
  });
  const html = permissive.render(text);
  if (/<script/i.test(html)) problems.push('a <script> element');
  if (/<[a-z][^>]*\son[a-z]+\s*=/i.test(html)) problems.push('an on…= attribute');
  if (/(?:href|src)\s*=\s*["']?\s*(?:javascript|data|vbscript):/i.test(html)) problems.push('a javascript:/data:/vbscript: URL');
  return problems;
}
