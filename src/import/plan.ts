import { DateTime } from 'luxon';
import { dateParts } from '../model/dates.ts';
import type { WxrItem } from './wxr-reader.ts';
import { importSlug, percentDecode } from './wp-slug.ts';

/**
 * The importer's first pass: where every item goes, decided before any body is converted, so
 * that links between posts can point at their new URLs and no two items claim one URL or file.
 * What is kept per item is small (ids, URLs, paths), so a 50,000-item export plans in a few MB.
 */

export type Disposition = 'publish' | 'draft' | 'future';

export interface ItemPlan {
  id: number;
  /** The item's place in the export (0-based): the second pass takes this item, not another with its id. */
  ordinal: number;
  kind: 'post' | 'page';
  disposition: Disposition;
  /** The item's date, as milliseconds since 1970 (a number is 16 bytes; a Date object some 80). */
  time: number;
  /** The new URL ("/2015/06/10/slug/", "/about-us/"); the slug is its last segment (slugOf). */
  url: string;
  /** Old site-relative URLs that redirect here (set by `finish`; none for drafts). */
  aliases: string[];
  /** Problems found while planning (slug repaired, renamed to avoid a collision). */
  problems: string[];
}

export interface Attachment {
  url: string;
  title: string;
  parent: number;
}

export interface PlanOptions {
  /** The site's time zone: a post's URL and folder use its day there. */
  timeZone: string;
  /** The old site's time zone, for items with no UTC date (drafts): `--time-zone`. */
  oldTimeZone: string;
  /** Why the site would refuse an alias (a URL it makes itself, say), or null when it takes it. */
  refuseAlias: (alias: string) => string | null;
}

const NO_DATE = '0000-00-00 00:00:00';
/** WordPress's numeric link, as oldUrlKey gives it: `/?p=123`. */
const NUMERIC_LINK = /^\/\?p=(\d+)$/;
/** Most plans have no problem: they share one empty list. */
const NO_PROBLEMS: string[] = [];

/** A status whose items are not written (trash, auto-draft, inherit, or one WordPress added later). */
type SkippedStatus = string;

/** WordPress's statuses: what becomes of an item, or why it is skipped (the status, counted under that name). */
export function dispositionOf(item: WxrItem): Disposition | SkippedStatus {
  const status = item.status || 'publish';
  if (status === 'trash' || status === 'auto-draft') return status;
  if (status === 'inherit') return 'inherit';
  if (item.password !== '' || status === 'draft' || status === 'pending' || status === 'private') return 'draft';
  if (status === 'future') return 'future';
  if (status === 'publish') return 'publish';
  return status;
}

/** The item's date: `post_date_gmt` (UTC), else `post_date` in the old site's time zone. */
export function itemDate(item: WxrItem, oldTimeZone: string): Date | null {
  const gmt = item.postDateGmt.trim();
  const utc = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(gmt);
  if (utc !== null && gmt !== NO_DATE) {
    const [year, month, day, hour, minute, second] = utc.slice(1).map(Number) as [number, number, number, number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    // Date.UTC rolls 2015-02-31 over into March: such a date is not the one written.
    if (date.getUTCDate() === day && date.getUTCMonth() === month - 1) return date;
  }
  const local = item.postDate.trim();
  if (local !== '' && local !== NO_DATE) {
    const parsed = DateTime.fromSQL(local, { zone: oldTimeZone });
    if (parsed.isValid) return parsed.toJSDate();
  }
  return null;
}

/** Page slugs that would collide with a URL the site makes itself, or with a year archive. */
const RESERVED_PAGE_SLUGS = new Set(['category', 'tag', 'page', 'search', 'pagefind', 'assets', 'media', 'feed', 'archives']);

/** A plan's slug: the last segment of its URL (kept once, not twice, in 50,000 plans). */
export function slugOf(plan: Pick<ItemPlan, 'url'>): string {
  return plan.url.slice(plan.url.lastIndexOf('/', plan.url.length - 2) + 1, -1);
}

/** The file of a plan under the content folder ("posts/2015/06/slug.md", "pages/about-us.md"). */
export function planFile(plan: Pick<ItemPlan, 'kind' | 'url'>): string {
  if (plan.kind === 'page') return `pages/${slugOf(plan)}.md`;
  const [, year, month] = plan.url.split('/');
  return `posts/${year}/${month}/${slugOf(plan)}.md`;
}

/** The old site's address, to tell its links from other sites'. */
export class OldSite {
  private readonly hosts: Set<string>;
  constructor(baseUrls: string[]) {
    this.hosts = new Set();
    for (const base of baseUrls) {
      try {
        this.hosts.add(new URL(base).host.replace(/^www\./, '').toLowerCase());
      } catch {
        // An export without a usable base URL: only site-relative links are the old site's.
      }
    }
  }

  /** The site-relative form ("/2015/06/10/x/", "/?p=12") of a link to the old site, else null. */
  relative(link: string): string | null {
    if (link.startsWith('/') && !link.startsWith('//')) return link.replace(/#.*$/, '');
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      return null;
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !this.hosts.has(url.host.replace(/^www\./, '').toLowerCase())) return null;
    return `${url.pathname}${url.search}`;
  }
}

/** How old URLs are compared: decoded, NFC, lower case, a trailing slash on paths. */
export function oldUrlKey(relative: string): string {
  const q = relative.indexOf('?');
  let path = percentDecode(q === -1 ? relative : relative.slice(0, q)).text.normalize('NFC').toLowerCase();
  const query = q === -1 ? '' : relative.slice(q);
  if (!path.endsWith('/') && !/\.[a-z0-9]+$/.test(path)) path += '/';
  return `${path}${query}`;
}

export class Planner {
  readonly plans = new Map<number, ItemPlan>();
  readonly attachments = new Map<number, Attachment>();
  readonly skipped: Record<string, number> = {};
  /** Items that could not be planned (no date), with why. */
  readonly unplanned: { id: number; message: string }[] = [];
  /**
   * Old URLs of published items (by oldUrlKey) → their new URL, but for `/?p=ID` (newUrlFor
   * finds those in the plans). A key that reads as its item's new URL is that same string.
   */
  private readonly newUrls = new Map<string, string>();
  /** Aliases an item's alias lost to an earlier claim (reported). */
  readonly aliasConflicts: { id: number; message: string }[] = [];
  private readonly usedUrls = new Set<string>();
  private readonly usedFiles = new Set<string>();
  private readonly candidates = new Map<number, string[]>();
  private ordinal = -1;

  constructor(private readonly options: PlanOptions) {}

  private skip(reason: string): void {
    this.skipped[reason] = (this.skipped[reason] ?? 0) + 1;
  }

  add(item: WxrItem, title: string, oldSite: OldSite): void {
    this.ordinal += 1;
    const type = item.postType || 'post';
    if (type === 'attachment') {
      if (item.attachmentUrl !== '') this.attachments.set(item.postId, { url: item.attachmentUrl, title, parent: item.parent });
      this.skip('attachment');
      return;
    }
    if (type !== 'post' && type !== 'page') return this.skip(type);
    const disposition = dispositionOf(item);
    if (disposition !== 'publish' && disposition !== 'draft' && disposition !== 'future') return this.skip(disposition);
    if (this.plans.has(item.postId)) {
      this.unplanned.push({ id: item.postId, message: `post id ${item.postId} appears twice in the export; the second is skipped` });
      return;
    }
    const date = itemDate(item, this.options.oldTimeZone);
    if (date === null) {
      this.unplanned.push({ id: item.postId, message: `no usable date (post_date_gmt ${JSON.stringify(item.postDateGmt)}, post_date ${JSON.stringify(item.postDate)})` });
      return;
    }
    const problems: string[] = [];
    const decoded = importSlug(item.postName, title);
    if (decoded.problem !== null) problems.push(decoded.problem);
    let base = decoded.slug;
    if (base === '') base = `${type}-${item.postId}`;
    if (type === 'page' && (RESERVED_PAGE_SLUGS.has(base) || /^\d+$/.test(base))) {
      problems.push(`page slug "${base}" is a URL the site makes itself; it became "${base}-page"`);
      base = `${base}-page`;
    }
    const { year, month, day } = dateParts(date, this.options.timeZone);
    const place = (slug: string) =>
      type === 'page'
        ? { url: `/${slug}/`, file: `pages/${slug}.md` }
        : { url: `/${year}/${month}/${day}/${slug}/`, file: `posts/${year}/${month}/${slug}.md` };
    let slug = base;
    let where = place(slug);
    for (let n = 2; this.usedUrls.has(where.url.toLowerCase()) || this.usedFiles.has(where.file.toLowerCase()); n++) {
      slug = `${base}-${n}`;
      where = place(slug);
    }
    if (slug !== base) problems.push(`"${base}" is taken by an earlier item at that URL or file; this one became "${slug}"`);
    this.usedUrls.add(where.url.toLowerCase());
    this.usedFiles.add(where.file.toLowerCase());
    // Neither the file nor the slug is kept (both come from the URL): 50,000 plans are 8 MB less.
    this.plans.set(item.postId, { id: item.postId, ordinal: this.ordinal, kind: type, disposition, time: date.getTime(), url: where.url, aliases: [], problems: problems.length === 0 ? NO_PROBLEMS : problems });
    this.candidates.set(item.postId, oldUrls(item, type, oldSite));
  }

  /**
   * After the last item: every item's aliases (its old URLs that are not its new one), each old
   * URL given to the first item that claims it and never to one that hides another item's new
   * URL; and the map from old URLs to new ones for the links in bodies. Drafts get no aliases:
   * they had no public URL.
   */
  finish(): void {
    const newUrlKeys = new Set([...this.plans.values()].map((plan) => oldUrlKey(plan.url)));
    const claimed = new Map<string, number>();
    for (const plan of this.plans.values()) {
      const own = oldUrlKey(plan.url);
      for (const candidate of this.candidates.get(plan.id) ?? []) {
        const key = oldUrlKey(candidate);
        if (plan.disposition !== 'draft' && !NUMERIC_LINK.test(key)) this.newUrls.set(key === plan.url ? plan.url : key, plan.url);
        if (key === own || plan.disposition === 'draft' || plan.aliases.includes(candidate)) continue;
        const refused = this.options.refuseAlias(candidate);
        if (refused !== null) {
          this.aliasConflicts.push({ id: plan.id, message: `no redirect from old URL ${candidate}: ${refused}` });
          continue;
        }
        if (newUrlKeys.has(key)) {
          this.aliasConflicts.push({ id: plan.id, message: `old URL ${candidate} is the new URL of another item; no redirect from it` });
          continue;
        }
        const earlier = claimed.get(key);
        if (earlier !== undefined) {
          if (earlier !== plan.id) this.aliasConflicts.push({ id: plan.id, message: `old URL ${candidate} already redirects to item ${earlier}` });
          continue;
        }
        claimed.set(key, plan.id);
        plan.aliases.push(candidate);
      }
    }
    // Only the first pass needs these; the second holds the plans alone.
    this.candidates.clear();
    this.usedUrls.clear();
    this.usedFiles.clear();
  }

  /** The new URL of an old site-relative URL (by oldUrlKey), when it was a published item's. */
  newUrlFor(key: string): string | undefined {
    const numeric = NUMERIC_LINK.exec(key);
    if (numeric === null) return this.newUrls.get(key);
    // WordPress answers ?p=ID for pages too: links written that way reach the page.
    const plan = this.plans.get(Number(numeric[1]));
    return plan === undefined || plan.disposition === 'draft' ? undefined : plan.url;
  }
}

/**
 * An item's old URLs: its permalink (`<link>`), `/YYYY/MM/DD/<old slug>/` for each earlier
 * slug (dated as the old site dated it: `post_date`, its local time), and WordPress's numeric
 * link. Kept as the old site wrote them (percent-encoded), which is what readers' links hold.
 */
function oldUrls(item: WxrItem, type: 'post' | 'page', oldSite: OldSite): string[] {
  const urls: string[] = [];
  const permalink = oldSite.relative(item.link);
  if (permalink !== null && permalink !== '/') urls.push(permalink);
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(item.postDate);
  if (type === 'post' && day !== null) {
    for (const old of item.oldSlugs) urls.push(`/${day[1]}/${day[2]}/${day[3]}/${old}/`);
  }
  urls.push(type === 'page' ? `/?page_id=${item.postId}` : `/?p=${item.postId}`);
  // An alias must read back as the same path: one with a broken escape cannot.
  return urls.filter((url) => !percentDecode(url).broken && !/[\s#\\]/.test(url));
}
