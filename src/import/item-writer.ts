import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CategoryList } from '../model/categories.ts';
import type { ComposeJob, WriterSetup } from './compose-job.ts';
import { MediaCopier } from './media.ts';
import { OldSite, planFile, type ItemPlan } from './plan.ts';
import { bump } from './report.ts';
import { composeItem, type PostContext } from './wp-post.ts';
import { WriteQueue } from './write-new.ts';

/**
 * Converts and writes the items of the second pass, one job at a time (in the main thread or
 * in a worker: the same code on the same data), keeping the counts the report needs.
 */
export interface WriteResult {
  written: { posts: number; pages: number };
  unchanged: number;
  drafts: number;
  aliases: number;
  shortcodes: Record<string, number>;
  unknownCategories: Record<string, number>;
  mediaCopied: string[];
  mediaMissing: string[];
  mediaRefused: string[];
  mediaExternal: number;
  problems: { id: number; message: string }[];
}

/** The id marker an imported file carries (its numeric alias): how a re-import recognises its own files. */
const idMarker = (plan: ItemPlan): string => `"${plan.kind === 'page' ? `/?page_id=${plan.id}` : `/?p=${plan.id}`}"`;

export class ItemWriter {
  private readonly result: WriteResult = {
    written: { posts: 0, pages: 0 },
    unchanged: 0,
    drafts: 0,
    aliases: 0,
    shortcodes: {},
    unknownCategories: {},
    mediaCopied: [],
    mediaMissing: [],
    mediaRefused: [],
    mediaExternal: 0,
    problems: [],
  };
  private readonly media: MediaCopier;
  private readonly writes = new WriteQueue(64);
  private readonly categories: CategoryList;
  private readonly oldSite: OldSite;

  constructor(private readonly setup: WriterSetup) {
    this.media = new MediaCopier(setup.mediaDir, setup.contentDir, setup.dryRun);
    this.categories = new CategoryList(setup.categories);
    this.oldSite = new OldSite(setup.oldSiteUrls);
  }

  /** Writes in flight: the caller waits on `backPressure` before handing over more. */
  backPressure(): Promise<void> | undefined {
    return this.writes.backPressure();
  }

  /** Jobs taken so far (for the progress line). */
  converted = 0;

  write(job: ComposeJob): void {
    this.converted += 1;
    const { item, plan } = job;
    const result = this.result;
    const attachments = new Map(job.attachments);
    const context: PostContext = {
      site: this.setup.site,
      categories: this.categories,
      authors: this.setup.authors,
      links: {
        oldSite: this.oldSite,
        newUrlOf: new Map(job.links),
        media: (path) => this.media.urlOf(path),
        countExternalMedia: () => {
          result.mediaExternal += 1;
        },
      },
      attachment: (id) => attachments.get(id),
      attachmentsOf: () => job.own,
      countShortcode: (name) => bump(result.shortcodes, name),
      countUnknownCategory: (name) => bump(result.unknownCategories, name),
    };
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
    const path = join(this.setup.contentDir, planFile(plan));
    if (this.setup.dryRun) this.count(plan, text, !existsSync(path));
    else this.writes.add(path, text, (created) => this.count(plan, text, created));
  }

  private count(plan: ItemPlan, text: string, created: boolean): void {
    const result = this.result;
    if (!created) {
      result.unchanged += 1;
      if (this.setup.dryRun || plan.disposition === 'draft') return;
      const file = planFile(plan);
      const existing = readFileSync(join(this.setup.contentDir, file), 'utf8');
      if (existing !== text && !existing.includes(idMarker(plan))) {
        result.problems.push({ id: plan.id, message: `${file} exists and is not this item's file: not overwritten` });
      }
      return;
    }
    if (plan.kind === 'post') result.written.posts += 1;
    else result.written.pages += 1;
    if (plan.disposition === 'draft') result.drafts += 1;
    result.aliases += plan.aliases.length;
  }

  /** After the last job: waits for the writes and hands over the counts. */
  async finish(): Promise<WriteResult> {
    await this.writes.drain();
    this.result.mediaCopied = this.media.copied;
    this.result.mediaMissing = this.media.missing;
    this.result.mediaRefused = this.media.refused;
    return this.result;
  }
}
