import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCategories } from '../model/categories.ts';
import { KhabarError } from '../model/errors.ts';
import { loadSiteConfig } from '../model/site-config.ts';
import { decodeTitle } from './wp-post.ts';
import { composeItem, type PostContext } from './wp-post.ts';
import { MediaCopier } from './media.ts';
import { OldSite, Planner } from './plan.ts';
import { bump, emptyReport, type ImportReport } from './report.ts';
import { writeNewFile } from './write-new.ts';
import { readWxr, type WxrChannel } from './wxr-reader.ts';

/**
 * `npm run import-wordpress`: a WordPress export into Khabar's content folder, in two streaming
 * passes over the file. The first plans every item (its URL, file and old URLs) and keeps only
 * that; the second converts and writes the items one at a time. Nothing is ever overwritten:
 * an item whose file exists is left alone (counted as unchanged), so a re-import keeps editors'
 * fixes. The importer uses the shared model and conversion; it imports neither ingest nor site.
 */

export interface ImportOptions {
  exportFile: string;
  /** The content folder: posts go to DIR/posts/YYYY/MM/, pages to DIR/pages/, media to DIR/media/uploads/. */
  contentDir: string;
  dryRun: boolean;
  /** A copy of the old site's wp-content/uploads/ folder. */
  mediaDir: string | null;
  /** The old site's time zone, for drafts' local dates; default the site's. */
  timeZone: string | null;
  /** Why the site would refuse an alias, or null (the site's own alias rules). */
  refuseAlias: (alias: string) => string | null;
  onProgress?: (progress: { items: number; written: number; pass: 1 | 2 }) => void;
}

export class ImportUsageError extends KhabarError {}

export interface ImportResult {
  report: ImportReport;
  /** 0 done; 1 the file is cut short or broken part-way (the items before it were imported). */
  exitCode: 0 | 1;
}

/** The id marker an imported file carries (its numeric alias): how a re-import recognises its own files. */
const idMarker = (kind: 'post' | 'page', id: number): string => (kind === 'page' ? `/?page_id=${id}` : `/?p=${id}`);

export async function importWordPress(options: ImportOptions): Promise<ImportResult> {
  const dataDir = join(options.contentDir, '_data');
  for (const file of ['site.yaml', 'categories.yaml']) {
    if (!existsSync(join(dataDir, file))) throw new ImportUsageError(`${join(dataDir, file)} is missing: --out must be a Khabar content folder`);
  }
  const site = loadSiteConfig(join(dataDir, 'site.yaml'));
  const categories = loadCategories(join(dataDir, 'categories.yaml'));
  const timeZone = options.timeZone ?? site.timeZone;
  const report = emptyReport(options.exportFile, options.dryRun);

  // Pass 1: plan.
  const planner = new Planner({ timeZone: site.timeZone, oldTimeZone: timeZone, refuseAlias: options.refuseAlias });
  let oldSite: OldSite | undefined;
  const oldSiteOf = (channel: WxrChannel): OldSite => (oldSite ??= new OldSite([channel.baseSiteUrl, channel.baseBlogUrl]));
  const first = await readWxr(options.exportFile, {
    withBodies: false,
    onItem: (item, channel) => {
      report.comments += item.comments;
      planner.add(item, decodeTitle(item.title), oldSiteOf(channel));
      if (report.items++ % 1000 === 0) options.onProgress?.({ items: report.items, written: 0, pass: 1 });
    },
  });
  planner.finish();
  report.wxrVersion = first.channel.version;
  report.broken = first.broken;
  report.skipped = planner.skipped;
  for (const { id, message } of [...planner.unplanned, ...planner.aliasConflicts]) report.problems.push({ id, message });
  for (const warning of first.warnings) report.problems.push({ id: 0, message: `line ${warning.line}: ${warning.message}` });

  // Pass 2: convert and write.
  const media = new MediaCopier(options.mediaDir, options.contentDir, options.dryRun);
  const attachmentsByParent = new Map<number, { url: string; title: string }[]>();
  for (const attachment of planner.attachments.values()) {
    const list = attachmentsByParent.get(attachment.parent) ?? [];
    list.push(attachment);
    attachmentsByParent.set(attachment.parent, list);
  }
  const context: PostContext = {
    site,
    categories,
    authors: first.channel.authors,
    links: {
      oldSite: oldSiteOf(first.channel),
      newUrlOf: planner.newUrlOf,
      media: (path) => media.urlOf(path),
      countExternalMedia: () => {
        media.counts.external += 1;
      },
    },
    attachment: (id) => planner.attachments.get(id),
    attachmentsOf: (postId) => attachmentsByParent.get(postId) ?? [],
    countShortcode: (name) => bump(report.shortcodes, name),
    countUnknownCategory: (name) => bump(report.unknownCategories, name),
  };
  let seen = 0;
  let written = 0;
  await readWxr(options.exportFile, {
    withBodies: true,
    onItem: (item) => {
      if (seen++ % 1000 === 0) options.onProgress?.({ items: seen, written, pass: 2 });
      const plan = planner.plans.get(item.postId);
      // Items are planned once: a second item with the same id was reported in pass 1.
      if (plan === undefined || plan.file === '') return;
      const file = plan.file;
      plan.file = '';
      for (const message of plan.problems) report.problems.push({ id: item.postId, message });
      let text: string;
      try {
        const composed = composeItem(item, plan, context);
        text = composed.text;
        for (const message of composed.problems) report.problems.push({ id: item.postId, message });
      } catch (error) {
        report.problems.push({ id: item.postId, message: `not imported: ${(error as Error).message}` });
        return;
      }
      const path = join(options.contentDir, file);
      const created = options.dryRun ? !existsSync(path) : writeNewFile(path, text);
      if (!created) {
        report.unchanged += 1;
        const existing = options.dryRun ? '' : readFileSync(path, 'utf8');
        if (!options.dryRun && existing !== text && plan.disposition !== 'draft' && !existing.includes(`"${idMarker(plan.kind, item.postId)}"`)) {
          report.problems.push({ id: item.postId, message: `${file} exists and is not this item's file: not overwritten` });
        }
        return;
      }
      written += 1;
      if (plan.kind === 'post') report.written.posts += 1;
      else report.written.pages += 1;
      if (plan.disposition === 'draft') report.drafts += 1;
      report.aliases += plan.aliases.length;
    },
  });
  report.media = { ...media.counts, missingFiles: media.missing };
  options.onProgress?.({ items: seen, written, pass: 2 });
  return { report, exitCode: report.broken === null ? 0 : 1 };
}
