import { decodeHTML } from 'entities';
import type { Category } from '../model/categories.ts';
import type { SiteConfig } from '../model/site-config.ts';
import { oldUrlKey, type Attachment, type ItemPlan, type OldSite, type Planner } from './plan.ts';
import type { WxrItem } from './wxr-reader.ts';

/**
 * One item of the second pass, as plain data a worker thread can be sent: the item, its plan,
 * and the few facts of the whole export its body needs — the new URLs of the old links it
 * holds, and the attachments its galleries show. So the first pass's tables stay in the main
 * thread, and a worker holds only the item in hand.
 */
export interface ComposeJob {
  item: WxrItem;
  plan: ItemPlan;
  /** Old URL (oldUrlKey) → new URL, for the links in this item's body. */
  links: [string, string][];
  /** Attachments by id, for `[gallery ids=…]`, and the item's own (a `[gallery]` without ids). */
  attachments: [number, Attachment][];
  own: Attachment[];
}

/** What every job shares: the site's data and where to write. */
export interface WriterSetup {
  contentDir: string;
  dryRun: boolean;
  mediaDir: string | null;
  site: SiteConfig;
  categories: Category[];
  authors: Map<string, string>;
  oldSiteUrls: string[];
}

// Any absolute URL, and any href or src value (site-relative ones too), in the raw body.
const ABSOLUTE_URL = /https?:\/\/[^\s"'<>\]]+/gi;
const ATTRIBUTE_URL = /\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
const GALLERY_IDS = /\[gallery\b[^\]]*?\b(?:ids|include)\s*=\s*["']?([\d,\s]+)/gi;

export function jobFor(item: WxrItem, plan: ItemPlan, planner: Planner, oldSite: OldSite, attachmentsByParent: ReadonlyMap<number, Attachment[]>): ComposeJob {
  const links = new Map<string, string>();
  const consider = (raw: string): void => {
    const relative = oldSite.relative(decodeHTML(raw.trim()));
    if (relative === null) return;
    const key = oldUrlKey(relative);
    const target = planner.newUrlFor(key);
    if (target !== undefined) links.set(key, target);
  };
  for (const match of item.content.matchAll(ABSOLUTE_URL)) consider(match[0]);
  for (const match of item.content.matchAll(ATTRIBUTE_URL)) consider(match[1] ?? match[2] ?? match[3] ?? '');
  const attachments = new Map<number, Attachment>();
  for (const match of item.content.matchAll(GALLERY_IDS)) {
    for (const id of match[1]!.split(',').map((n) => Number(n.trim()))) {
      const attachment = planner.attachments.get(id);
      if (attachment !== undefined) attachments.set(id, attachment);
    }
  }
  return { item, plan, links: [...links], attachments: [...attachments], own: attachmentsByParent.get(item.postId) ?? [] };
}
