import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CategoryList, type Category } from '../model/categories.ts';
import type { SiteConfig } from '../model/site-config.ts';
import { MediaCopier } from './media.ts';
import { OldSite, type Attachment, type ItemPlan } from './plan.ts';
import { bump } from './report.ts';
import { composeItem, type PostContext } from './wp-post.ts';
import { WriteQueue } from './write-new.ts';
import { readWxr } from './wxr-reader.ts';

/**
 * The importer's second pass: reads the export again and converts and writes every planned
 * item of one part of it (items `index`, `index + of`, … in file order), so that the parts can
 * run in worker threads side by side. Its input is plain data (the first pass's plans), and so
 * is its result, which the caller adds up.
 */

export interface WriteInput {
  exportFile: string;
  contentDir: string;
  dryRun: boolean;
  mediaDir: string | null;
  site: SiteConfig;
  categories: Category[];
  authors: Map<string, string>;
  oldSiteUrls: string[];
  plans: Map<number, ItemPlan>;
  newUrlOf: Map<string, string>;
  attachments: Map<number, Attachment>;
}

export interface WriteResult {
  written: { posts: number; pages: number };
  unchanged: number;
  drafts: number;
  aliases: number;
  shortcodes: Record<string, number>;
  unknownCategories: Record<string, number>;
  mediaCopied: string[];
  mediaMissing: string[];
  mediaExternal: number;
  problems: { id: number; message: string }[];
}

/** The id marker an imported file carries (its numeric alias): how a re-import recognises its own files. */
const idMarker = (plan: ItemPlan): string => `"${plan.kind === 'page' ? `/?page_id=${plan.id}` : `/?p=${plan.id}`}"`;

export async function writeItems(input: WriteInput, part: { index: number; of: number }, onProgress?: (items: number) => void): Promise<WriteResult> {
  const result: WriteResult = {
    written: { posts: 0, pages: 0 },
    unchanged: 0,
    drafts: 0,
    aliases: 0,
    shortcodes: {},
    unknownCategories: {},
    mediaCopied: [],
    mediaMissing: [],
    mediaExternal: 0,
    problems: [],
  };
  const media = new MediaCopier(input.mediaDir, input.contentDir, input.dryRun);
  const byParent = new Map<number, Attachment[]>();
  for (const attachment of input.attachments.values()) byParent.set(attachment.parent, [...(byParent.get(attachment.parent) ?? []), attachment]);
  const context: PostContext = {
    site: input.site,
    categories: new CategoryList(input.categories),
    authors: input.authors,
    links: {
      oldSite: new OldSite(input.oldSiteUrls),
      newUrlOf: input.newUrlOf,
      media: (path) => media.urlOf(path),
      countExternalMedia: () => {
        result.mediaExternal += 1;
      },
    },
    attachment: (id) => input.attachments.get(id),
    attachmentsOf: (postId) => byParent.get(postId) ?? [],
    countShortcode: (name) => bump(result.shortcodes, name),
    countUnknownCategory: (name) => bump(result.unknownCategories, name),
  };

  const counted = (plan: ItemPlan, text: string, created: boolean): void => {
    if (!created) {
      result.unchanged += 1;
      if (input.dryRun || plan.disposition === 'draft') return;
      const existing = readFileSync(join(input.contentDir, plan.file), 'utf8');
      if (existing !== text && !existing.includes(idMarker(plan))) {
        result.problems.push({ id: plan.id, message: `${plan.file} exists and is not this item's file: not overwritten` });
      }
      return;
    }
    if (plan.kind === 'post') result.written.posts += 1;
    else result.written.pages += 1;
    if (plan.disposition === 'draft') result.drafts += 1;
    result.aliases += plan.aliases.length;
  };

  const writes = new WriteQueue(64);
  let ordinal = -1;
  await readWxr(input.exportFile, {
    withBodies: true,
    afterChunk: () => writes.backPressure(),
    onItem: (item) => {
      ordinal += 1;
      if (ordinal % part.of !== part.index) return;
      if (ordinal % 1000 === part.index) onProgress?.(ordinal + 1);
      const plan = input.plans.get(item.postId);
      if (plan === undefined || plan.ordinal !== ordinal) return;
      for (const message of plan.problems) result.problems.push({ id: plan.id, message });
      let text: string;
      try {
        const composed = composeItem(item, plan, context);
        text = composed.text;
        for (const message of composed.problems) result.problems.push({ id: plan.id, message });
      } catch (error) {
        result.problems.push({ id: plan.id, message: `not imported: ${(error as Error).message}` });
        return;
      }
      const path = join(input.contentDir, plan.file);
      if (input.dryRun) counted(plan, text, !existsSync(path));
      else writes.add(path, text, (created) => counted(plan, text, created));
    },
  });
  await writes.drain();
  result.mediaCopied = media.copied;
  result.mediaMissing = media.missing;
  return result;
}
