import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { loadCategories } from '../model/categories.ts';
import { KhabarError } from '../model/errors.ts';
import { loadSiteConfig } from '../model/site-config.ts';
import { jobFor, type WriterSetup } from './compose-job.ts';
import { OldSite, Planner, type Attachment } from './plan.ts';
import { emptyReport, type ImportReport } from './report.ts';
import type { WriteResult } from './item-writer.ts';
import { WriterPool } from './writer-pool.ts';
import { decodeTitle } from './wp-post.ts';
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
  /** Convert in a worker thread too (default: when the machine has more than one core); false: in this thread only. */
  worker?: boolean;
}

export class ImportUsageError extends KhabarError {}

export interface ImportResult {
  report: ImportReport;
  /** 0 done; 1 the file is cut short or broken part-way (the items before it were imported). */
  exitCode: 0 | 1;
}

export async function importWordPress(options: ImportOptions): Promise<ImportResult> {
  const dataDir = join(options.contentDir, '_data');
  for (const file of ['site.yaml', 'categories.yaml']) {
    if (!existsSync(join(dataDir, file))) throw new ImportUsageError(`${join(dataDir, file)} is missing: --out must be a Khabar content folder`);
  }
  const site = loadSiteConfig(join(dataDir, 'site.yaml'));
  const categories = loadCategories(join(dataDir, 'categories.yaml'));
  const timeZone = options.timeZone ?? site.timeZone;
  const report = emptyReport(options.exportFile, options.dryRun);

  // The second pass's worker thread starts now, so that it is ready when the first pass ends.
  const pool = await WriterPool.create(options.worker !== false && availableParallelism() > 1 ? 1 : 0);

  // Pass 1: plan.
  const planner = new Planner({ timeZone: site.timeZone, oldTimeZone: timeZone, refuseAlias: options.refuseAlias });
  let oldSite: OldSite | undefined;
  const oldSiteOf = (channel: WxrChannel): OldSite => (oldSite ??= new OldSite([channel.baseSiteUrl, channel.baseBlogUrl]));
  let first: Awaited<ReturnType<typeof readWxr>>;
  try {
    first = await readWxr(options.exportFile, {
      withBodies: false,
      onItem: (item, channel) => {
        report.comments += item.comments;
        planner.add(item, decodeTitle(item.title), oldSiteOf(channel));
        if (report.items++ % 1000 === 0) options.onProgress?.({ items: report.items, written: 0, pass: 1 });
      },
    });
  } catch (error) {
    await pool.close();
    throw error;
  }
  planner.finish();
  report.wxrVersion = first.channel.version;
  report.broken = first.broken;
  report.skipped = planner.skipped;
  for (const { id, message } of [...planner.unplanned, ...planner.aliasConflicts]) report.problems.push({ id, message });
  for (const warning of first.warnings) report.problems.push({ id: 0, message: `line ${warning.line}: ${warning.message}` });

  // Pass 2: this thread reads the export again; it and a worker thread convert and write.
  const setup: WriterSetup = {
    contentDir: options.contentDir,
    dryRun: options.dryRun,
    mediaDir: options.mediaDir,
    site,
    categories: [...categories.all],
    authors: first.channel.authors,
    oldSiteUrls: [first.channel.baseSiteUrl, first.channel.baseBlogUrl],
  };
  const byParent = new Map<number, Attachment[]>();
  for (const attachment of planner.attachments.values()) byParent.set(attachment.parent, [...(byParent.get(attachment.parent) ?? []), attachment]);
  await pool.start(setup);
  const oldSiteLinks = oldSiteOf(first.channel);
  let ordinal = -1;
  let readError: unknown = null;
  try {
    await readWxr(options.exportFile, {
      withBodies: true,
      afterChunk: () => pool.backPressure(),
      onItem: (item) => {
        ordinal += 1;
        if (ordinal % 1000 === 0) options.onProgress?.({ items: ordinal + 1, written: pool.converted(), pass: 2 });
        const plan = planner.plans.get(item.postId);
        // The item the plan was made for, not a later one with the same id.
        if (plan === undefined || plan.ordinal !== ordinal) return;
        pool.write(jobFor(item, plan, planner, oldSiteLinks, byParent));
      },
    });
  } catch (error) {
    readError = error;
  }
  let parts: WriteResult[];
  try {
    parts = await pool.finish();
  } catch (error) {
    throw readError ?? error;
  }
  if (readError !== null) throw readError;
  const copied = new Set<string>();
  const missing = new Set<string>();
  const refused = new Set<string>();
  for (const part of parts) {
    report.written.posts += part.written.posts;
    report.written.pages += part.written.pages;
    report.unchanged += part.unchanged;
    report.drafts += part.drafts;
    report.aliases += part.aliases;
    for (const [name, n] of Object.entries(part.shortcodes)) report.shortcodes[name] = (report.shortcodes[name] ?? 0) + n;
    for (const [name, n] of Object.entries(part.unknownCategories)) report.unknownCategories[name] = (report.unknownCategories[name] ?? 0) + n;
    for (const path of part.mediaCopied) copied.add(path);
    for (const path of part.mediaMissing) missing.add(path);
    for (const path of part.mediaRefused) refused.add(path);
    report.media.external += part.mediaExternal;
    report.problems.push(...part.problems);
  }
  report.media.copied = copied.size;
  report.media.missing = missing.size;
  report.media.missingFiles = [...missing].sort().slice(0, 500);
  report.media.refused = refused.size;
  report.media.refusedFiles = [...refused].sort().slice(0, 500);
  return { report, exitCode: report.broken === null ? 0 : 1 };
}
