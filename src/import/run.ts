import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadCategories } from '../model/categories.ts';
import { KhabarError } from '../model/errors.ts';
import { loadSiteConfig } from '../model/site-config.ts';
import { typeScriptWorkerUrl } from '../model/ts-worker.ts';
import { OldSite, Planner } from './plan.ts';
import { emptyReport, type ImportReport } from './report.ts';
import { writeItems, type WriteInput, type WriteResult } from './write-items.ts';
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
  /** Worker threads for the second pass (default: one per core, at most 4; 0 or 1: this thread). */
  workers?: number;
}

function defaultWorkers(): number {
  return Math.min(4, availableParallelism());
}

/**
 * Runs the second pass in `count` worker threads, each on its share of the items, or in this
 * thread when one part is asked for or a worker cannot start on TypeScript.
 */
async function writeInParts(input: WriteInput, count: number, onProgress: (items: number) => void): Promise<WriteResult[]> {
  const url = typeScriptWorkerUrl(new URL('./write-worker.ts', import.meta.url));
  if (count <= 1 || url === undefined) return [await writeItems(input, { index: 0, of: 1 }, onProgress)];
  const seen = new Array<number>(count).fill(0);
  return Promise.all(
    Array.from({ length: count }, (_, index) =>
      new Promise<WriteResult>((resolve, reject) => {
        const worker = new Worker(url, { workerData: { input, part: { index, of: count } } });
        worker.on('message', (message: { progress?: number; result?: WriteResult; error?: string }) => {
          if (message.progress !== undefined) {
            seen[index] = message.progress;
            onProgress(Math.max(...seen));
          } else if (message.result !== undefined) resolve(message.result);
          else reject(new Error(`import worker ${index}: ${message.error}`));
        });
        worker.on('error', reject);
        worker.on('exit', (code) => reject(new Error(`import worker ${index} stopped (exit ${code})`)));
      }),
    ),
  );
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

  // Pass 2: convert and write, in parts side by side.
  const input: WriteInput = {
    exportFile: options.exportFile,
    contentDir: options.contentDir,
    dryRun: options.dryRun,
    mediaDir: options.mediaDir,
    site,
    categories: [...categories.all],
    authors: first.channel.authors,
    oldSiteUrls: [first.channel.baseSiteUrl, first.channel.baseBlogUrl],
    plans: planner.plans,
    newUrlOf: planner.newUrlOf,
    attachments: planner.attachments,
  };
  const parts = await writeInParts(input, options.workers ?? defaultWorkers(), (items) => options.onProgress?.({ items, written: 0, pass: 2 }));
  const copied = new Set<string>();
  const missing = new Set<string>();
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
    report.media.external += part.mediaExternal;
    report.problems.push(...part.problems);
  }
  report.media.copied = copied.size;
  report.media.missing = missing.size;
  report.media.missingFiles = [...missing].sort().slice(0, 500);
  return { report, exitCode: report.broken === null ? 0 : 1 };
}
