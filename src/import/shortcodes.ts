/**
 * WordPress shortcodes in a post body: `[caption]` becomes the image with its caption,
 * `[gallery]` its images, `[embed]` and `[youtube]` a video (or a link), `[audio]`/`[video]`
 * a link to the file; any other shortcode is removed with its inner text kept, and counted by
 * name for the report. `[[name]]` is WordPress's escape for a literal `[name]`.
 *
 * A bracketed word is only taken for a shortcode when it looks like one: it has attributes,
 * a closing tag, or a name WordPress or its common plugins use. `[sic]` and `[1]` stay text.
 */

export interface ShortcodeContext {
  /** Attachment id → file URL and title (for `[gallery ids="…"]`). */
  attachment(id: number): { url: string; title: string } | undefined;
  /** The attachments of the post being converted (a `[gallery]` without ids shows them). */
  ownAttachments(): { url: string; title: string }[];
  /** Counts a shortcode by name. */
  count(name: string): void;
  /** Sets finished HTML aside (so automatic paragraphs cannot split it); returns its stand-in. */
  stash(html: string): string;
}

const KNOWN = new Set([
  'caption', 'wp_caption', 'gallery', 'embed', 'youtube', 'audio', 'video', 'playlist',
  'contact-form', 'contact-form-7', 'poll', 'polldaddy', 'vimeo', 'soundcloud', 'googlemaps',
  'instagram', 'tweet', 'twitter', 'facebook', 'slideshow', 'code', 'sourcecode', 'wpvideo',
]);

// [[name …]] (escaped), [name …]…[/name] and [name …] (self-closing), name lower-case.
const SHORTCODE = /\[(\[?)([a-z][a-z0-9_-]*)(?![a-z0-9_-])((?:[^\]'"]|"[^"]*"|'[^']*')*?)(\/?)\](?:([\s\S]*?)\[\/\2\])?(\]?)/g;
const ATTRIBUTE = /([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)|"([^"]*)"|(\S+)/g;

export function shortcodeAttributes(text: string): Record<string, string> & { _: string[] } {
  const attrs: Record<string, string> & { _: string[] } = Object.assign(Object.create(null) as Record<string, string>, { _: [] as string[] });
  for (const m of text.matchAll(ATTRIBUTE)) {
    if (m[1] !== undefined) attrs[m[1].toLowerCase()] = m[2]!;
    else if (m[3] !== undefined) attrs[m[3].toLowerCase()] = m[4]!;
    else if (m[5] !== undefined) attrs[m[5].toLowerCase()] = m[6]!;
    else attrs._.push(m[7] ?? m[8]!);
  }
  return attrs;
}

const escapeAttr = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function images(list: { url: string; title: string }[], context: ShortcodeContext): string {
  return list.map((a) => context.stash(`<p><img src="${escapeAttr(a.url)}" alt="${escapeAttr(a.title)}" /></p>`)).join('');
}

/** A URL in a shortcode: `[youtube URL]`, `[youtube=URL]`, `[embed]URL[/embed]`. */
function urlOf(attrs: ReturnType<typeof shortcodeAttributes>, inner: string | undefined): string {
  const candidates = [inner?.trim() ?? '', attrs.src ?? '', attrs.url ?? '', attrs.mp3 ?? '', attrs.mp4 ?? '', ...attrs._.map((a) => a.replace(/^=/, ''))];
  return candidates.find((c) => /^https?:\/\//i.test(c)) ?? '';
}

function replaceOne(name: string, attrText: string, inner: string | undefined, context: ShortcodeContext): string {
  const attrs = shortcodeAttributes(attrText);
  switch (name) {
    case 'caption':
    case 'wp_caption': {
      const body = inner ?? '';
      // The caption is the text after the image (or link around it), or the caption attribute.
      const media = /^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i.exec(body);
      const figure = media?.[1] ?? '';
      const caption = (media?.[2] ?? body).trim() || attrs.caption || '';
      return context.stash(`<figure>${figure}<figcaption>${caption}</figcaption></figure>`);
    }
    case 'gallery': {
      const ids = (attrs.ids ?? attrs.include ?? '').split(',').map((id) => Number(id.trim())).filter((id) => id > 0);
      const found = ids.length > 0 ? ids.map((id) => context.attachment(id)).filter((a) => a !== undefined) : context.ownAttachments();
      return images(found, context);
    }
    case 'embed':
    case 'youtube':
    case 'audio':
    case 'video':
    case 'vimeo':
    case 'soundcloud': {
      const url = urlOf(attrs, inner);
      // On a line of its own, so the video finder treats it as a bare URL.
      return url === '' ? (inner ?? '') : `\n\n${url}\n\n`;
    }
    default:
      return inner ?? '';
  }
}

/** Replaces every shortcode in the body (inner shortcodes too). */
export function replaceShortcodes(html: string, context: ShortcodeContext): string {
  let current = html;
  // Enclosing shortcodes may hold others: a few rounds settle any realistic nesting.
  for (let round = 0; round < 4; round++) {
    let changed = false;
    current = current.replace(SHORTCODE, (match, open: string, name: string, attrText: string, _slash: string, inner: string | undefined, close: string) => {
      // Escaped: kept as text, out of later rounds' reach until the end.
      if (open === '[' && close === ']') return `\uE010${match.slice(2, -2)}\uE011`;
      const looksLikeOne = KNOWN.has(name) || attrText.trim() !== '' || inner !== undefined;
      if (!looksLikeOne) return match;
      changed = true;
      context.count(name);
      return `${open}${replaceOne(name, attrText, inner, context)}${close}`;
    });
    if (!changed) break;
  }
  return current.replace(/\uE010/g, '[').replace(/\uE011/g, ']');
}
