import { decodeHTML } from 'entities';
import { oldUrlKey, type OldSite } from './plan.ts';

/**
 * Links and images in an imported body that point at the old site. A link to another imported
 * post becomes a site-relative link to its new URL; an image or file under
 * `/wp-content/uploads/` becomes `/media/uploads/…` when the uploads folder was given
 * (`--media`), else stays absolute and is counted.
 *
 * The sanitiser only keeps absolute http(s) URLs (https for images), so rewritten URLs carry a
 * stand-in origin through it and through the Markdown conversion; `siteRelative` removes it
 * from the finished Markdown. The stand-in is a reserved name (.invalid), never a real host.
 */
const LOCAL_ORIGIN = 'https://khabar-import.invalid';

export interface LinkTargets {
  oldSite: OldSite;
  /** New URL of an old one (by oldUrlKey), for published items. */
  newUrlOf: ReadonlyMap<string, string>;
  /** The new URL of an uploads file ("2015/06/x.jpg" → "/media/uploads/2015/06/x.jpg"), or null when it is not copied. */
  media(uploadsPath: string): string | null;
  /** Counts a link or image to the old uploads folder that stays absolute. */
  countExternalMedia(): void;
}

const URL_ATTRIBUTE = /(\s(?:href|src)\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
const UPLOADS = /^\/(?:[^?#]*\/)?wp-content\/uploads\/([^?#]+)/;

const quote = (value: string): string => `"${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;

/** Rewrites every href and src in the HTML that points at the old site. */
export function rewriteOldLinks(html: string, targets: LinkTargets): string {
  return html.replace(URL_ATTRIBUTE, (match, prefix: string, double?: string, single?: string, bare?: string) => {
    const value = decodeHTML((double ?? single ?? bare ?? '').trim());
    const relative = targets.oldSite.relative(value);
    if (relative === null) return match;
    const upload = UPLOADS.exec(relative.replace(/\?.*$/, ''));
    if (upload !== null) {
      const local = targets.media(decodeURIComponentSafe(upload[1]!));
      if (local !== null) return `${prefix}${quote(LOCAL_ORIGIN + encodeURI(local))}`;
      targets.countExternalMedia();
      // The sanitiser keeps https images only; the old site's files are still wanted.
      return `${prefix}${quote(value.replace(/^http:\/\//i, 'https://'))}`;
    }
    const target = targets.newUrlOf.get(oldUrlKey(relative));
    if (target === undefined) return match;
    return `${prefix}${quote(LOCAL_ORIGIN + encodeURI(target))}`;
  });
}

/** The finished Markdown with the stand-in origin removed: site-relative links. */
export function siteRelative(markdown: string): string {
  return markdown.split(LOCAL_ORIGIN).join('');
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
