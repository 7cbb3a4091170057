import { youtubeId, youtubeWatchUrl } from '../model/video.ts';
import { autop } from './autop.ts';
import { replaceShortcodes, type ShortcodeContext } from './shortcodes.ts';

/**
 * A WordPress post body as HTML a browser would have been shown, before Khabar's sanitiser and
 * Markdown conversion: block-editor comments removed, shortcodes replaced, WordPress's automatic
 * paragraphs applied to classic-editor text, the first YouTube video taken out for `video:`,
 * other embeds (a bare URL on its own line) made links, `<!--more-->` kept as a marker
 * paragraph and `<!--nextpage-->` dropped.
 */

/** Stands for `<!-- more -->` until the Markdown is written (the sanitiser drops comments). */
export const MORE_MARKER = 'KHABARMOREMARKERX';

export interface WpBody {
  html: string;
  /** The first YouTube video, as a watch URL. */
  video: string | null;
}

const BLOCK_COMMENT = /<!--\s+\/?wp:[\s\S]*?-->/g;
// An embed block: its opening comment holds the URL; the figure inside only repeats it.
const EMBED_BLOCK = /<!--\s+wp:(?:core-)?embed(?:\/[\w-]+)?\s+(\{[\s\S]*?\})\s*-->[\s\S]*?<!--\s+\/wp:(?:core-)?embed(?:\/[\w-]+)?\s+-->/g;
const IFRAME = /<iframe\b[^>]*\bsrc\s*=\s*["']([^"']+)["'][^>]*>[\s\S]*?<\/iframe>/gi;
const BARE_URL_LINE = /^[ \t]*(?:<p>)?[ \t]*(https?:\/\/[^\s<>"]+)[ \t]*(?:<\/p>)?[ \t]*$/gim;

function embedUrl(json: string): string {
  try {
    const value = JSON.parse(json) as { url?: unknown };
    return typeof value.url === 'string' ? value.url : '';
  } catch {
    return '';
  }
}

const escapeAttr = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const STASHED = /(?:<p>)?KHABARBLOCK(\d+)X(?:<\/p>)?/g;

export function wpBody(content: string, counts: Omit<ShortcodeContext, 'stash'>): WpBody {
  const blocks: string[] = [];
  const stash = (block: string): string => `\n\nKHABARBLOCK${blocks.push(block) - 1}X\n\n`;
  const context: ShortcodeContext = { ...counts, stash };
  const link = (url: string): string => stash(`<p><a href="${escapeAttr(url)}">${escapeAttr(url)}</a></p>`);
  const isBlockEditor = /<!--\s+wp:/.test(content);
  let html = content.replace(/\r\n?/g, '\n');
  html = html.replace(EMBED_BLOCK, (_, json: string) => `\n\n${embedUrl(json)}\n\n`);
  html = html.replace(BLOCK_COMMENT, '');
  html = html.replace(/<!--nextpage-->/g, '\n\n');
  html = html.replace(/<!--more(?:\s[^>]*)?-->/g, `\n\n${MORE_MARKER}\n\n`);
  html = replaceShortcodes(html, context);
  html = html.replace(IFRAME, (iframe, src: string) => {
    const id = youtubeId(src.startsWith('//') ? `https:${src}` : src);
    return id === null ? iframe : `\n\n${youtubeWatchUrl(id)}\n\n`;
  });

  // The first YouTube URL on a line of its own is the post's video; other such lines are links.
  let video: string | null = null;
  html = html.replace(BARE_URL_LINE, (_, url: string) => {
    const id = youtubeId(url.replace(/&amp;/g, '&'));
    if (id !== null && video === null) {
      video = youtubeWatchUrl(id);
      return '';
    }
    return link(url.replace(/&amp;/g, '&'));
  });
  if (!isBlockEditor) html = autop(html);
  html = html.replace(STASHED, (_, i: string) => blocks[Number(i)] ?? '');
  return { html, video };
}
