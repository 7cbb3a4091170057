import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { loadCategories, type CategoryList } from '../../model/categories.ts';
import { nowOf } from '../../model/settings.ts';
import { loadSiteConfig, type SiteConfig } from '../../model/site-config.ts';
import type { BuildSettings, BuildState } from '../check/build-state.ts';
import { staticDirs } from '../check/build-state.ts';
import { checkFile, contentFiles, ContentError, crossCheck, markdownFiles, parseContent, type FileCheck, type ParseFailure } from '../check/content-check.ts';
import { checkContentFiles, isHidden } from '../check/content-files.ts';
import { sourceHash, type ParseCache, type ParsedContent } from '../check/parse-cache.ts';
import { createMarkdown } from '../render/markdown.ts';
import { parseInWorkers } from '../check/parse-pool.ts';

/**
 * The dev server's checked content, kept between changes: each file's own check
 * (content-check.ts's checkFile) is kept until the watcher names the file, so a save re-reads,
 * re-parses and re-validates that file alone; the checks across files (URLs, aliases, links)
 * run again over the kept parts, which takes a few milliseconds per thousand files. The state
 * it gives is the one loadBuildState would give for the same files, with drafts shown; like
 * it, it throws a ContentError listing every problem.
 *
 * Each file's check depends on the categories and the time zone too: when either changes,
 * every file is checked again from its parse (kept in memory, nothing is re-read).
 */

type Kind = 'posts' | 'pages';

interface Entry {
  hash: string;
  parsed: ParsedContent | ParseFailure;
  check: FileCheck;
}

/** What the workers (parse-pool.ts) found in a file: its hash, and its parse unless the parse cache has it. */
export interface ParsedFile {
  hash: string;
  parsed?: ParsedContent | ParseFailure;
}

export class DevContent {
  private readonly contentDir: string;
  private readonly md = createMarkdown();
  private readonly entries = new Map<string, Entry>();
  /** The files of each kind, absolute paths, sorted as the content check lists them. */
  private readonly files: Record<Kind, string[]> = { posts: [], pages: [] };
  private context: { categories: CategoryList; timeZone: string; key: string } | undefined;
  /** The static folders' files asked about, until something under content/media/ changes. */
  private readonly exists = new Map<string, boolean>();
  /** Changed paths not applied yet, and whether the last full load went through. */
  private readonly pending = new Map<string, Kind>();
  private complete = false;
  /** The site data the last full read gave, while every file under content/ passed checkContentFiles. */
  private data: { site: SiteConfig; categories: CategoryList } | undefined;

  constructor(
    private readonly settings: BuildSettings,
    private readonly root: string,
    private readonly cache: ParseCache,
  ) {
    this.contentDir = settings.contentDir;
  }

  /** Every content file, listed and read again (`parsed`: what the workers already made of some). */
  loadAll(parsed: ReadonlyMap<string, ParsedFile> = new Map()): BuildState {
    this.complete = false;
    this.pending.clear();
    this.entries.clear();
    this.exists.clear();
    this.context = undefined;
    const { site, categories } = this.readData();
    for (const kind of ['posts', 'pages'] as const) {
      this.files[kind] = contentFiles(this.contentDir, kind);
      for (const file of this.files[kind]) this.refresh(kind, file, parsed.get(file));
    }
    this.complete = true;
    return this.state(site, categories);
  }

  /**
   * The first load: the files parsed by worker threads (parse-pool.ts), then checked here.
   * Whatever the workers did not answer for is read and parsed here, as loadAll does.
   */
  async loadInWorkers(workers?: number): Promise<BuildState> {
    let parsed: ReadonlyMap<string, ParsedFile> = new Map();
    try {
      const files = [...contentFiles(this.contentDir, 'posts'), ...contentFiles(this.contentDir, 'pages')];
      parsed = await parseInWorkers(files, this.cache.hashes?.() ?? [], workers);
    } catch {
      // No workers (or no content folder yet): loadAll does the work, and reports what is wrong.
    }
    return this.loadAll(parsed);
  }

  /**
   * The files (absolute paths: files or folders, present or gone) changed. A change that
   * could not be applied (site.yaml is broken) stays pending until the next one.
   */
  update(changed: readonly string[]): BuildState {
    if (!this.complete) return this.loadAll();
    for (const path of changed) {
      const parts = relative(this.contentDir, path).split(sep);
      const kind = parts[0];
      if (kind === 'media') this.exists.clear();
      if ((kind !== 'posts' && kind !== 'pages') || parts.some((part) => part.startsWith('.') || part === '')) continue;
      this.pending.set(path, kind);
    }
    // Only Markdown files in posts/ or pages/ changed (saved, added or gone) since a read that
    // found content/ clean: the folder scan (~0.2 s at 50,000 posts) and the data files would
    // find what they found then. Anything else (a folder, data, media, a link) is read again.
    const quick = this.data !== undefined && changed.every((path) => this.plainMarkdown(path));
    const { site, categories } = quick ? this.data! : this.readData();
    for (const [path, kind] of this.pending) {
      this.changedPath(kind, path);
      this.pending.delete(path);
    }
    return this.state(site, categories);
  }

  /** site.yaml and categories.yaml, read on every change (they are small); a new context re-checks every file. */
  private readData(): { site: SiteConfig; categories: CategoryList } {
    this.data = undefined;
    // Before any file is read: content/ holds data only, and no links (content-files.ts).
    const fileProblems = checkContentFiles(this.contentDir, this.root);
    if (fileProblems.length > 0) throw new ContentError(fileProblems);
    const site = loadSiteConfig(join(this.contentDir, '_data', 'site.yaml'));
    const categories = loadCategories(join(this.contentDir, '_data', 'categories.yaml'));
    const key = `${site.timeZone}\n${JSON.stringify(categories.all)}`;
    if (this.context?.key !== key) {
      const first = this.context === undefined;
      this.context = { categories, timeZone: site.timeZone, key };
      if (!first) for (const kind of ['posts', 'pages'] as const) for (const file of this.files[kind]) this.recheck(kind, file);
    }
    // The same object while the categories are the same: what is worked out from them is remembered by it (page-types.ts's placeOf).
    this.data = { site, categories: this.context.categories };
    return this.data;
  }

  /** A visible .md file under posts/ or pages/ that is a regular file or gone: checkContentFiles allows it wherever it is there. */
  private plainMarkdown(path: string): boolean {
    const parts = relative(this.contentDir, path).split(sep);
    if ((parts[0] !== 'posts' && parts[0] !== 'pages') || parts.length < 2 || !path.endsWith('.md')) return false;
    if (parts.some((part) => part === '' || part === '..' || isHidden(part))) return false;
    try {
      return lstatSync(path).isFile();
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT';
    }
  }

  private changedPath(kind: Kind, path: string): void {
    let stats;
    try {
      stats = lstatSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    // Whatever was there or under it goes; what is there now comes back.
    this.forget(kind, path);
    this.forgetUnder(kind, path);
    if (stats?.isDirectory()) {
      for (const file of markdownFiles(path)) this.add(kind, file);
    } else if (stats?.isFile() === true && path.endsWith('.md')) {
      this.add(kind, path);
    }
  }

  private add(kind: Kind, file: string): void {
    const list = this.files[kind];
    const at = sortedIndex(list, file);
    if (list[at] !== file) list.splice(at, 0, file);
    this.refresh(kind, file);
  }

  private forget(kind: Kind, file: string): void {
    const list = this.files[kind];
    const at = sortedIndex(list, file);
    if (list[at] === file) list.splice(at, 1);
    this.entries.delete(file);
  }

  private forgetUnder(kind: Kind, dir: string): void {
    const prefix = `${dir}${sep}`;
    const list = this.files[kind];
    const from = sortedIndex(list, prefix);
    let to = from;
    while (to < list.length && list[to]!.startsWith(prefix)) this.entries.delete(list[to++]!);
    list.splice(from, to - from);
  }

  /** Reads, parses (unless the cache or a worker has) and checks one file. */
  private refresh(kind: Kind, file: string, found?: ParsedFile): void {
    let hash = found?.hash;
    let parsed = found?.parsed ?? (hash === undefined ? undefined : this.cache.get(hash));
    if (hash === undefined || parsed === undefined) {
      const text = readFileSync(file, 'utf8');
      hash = sourceHash(text);
      parsed = this.cache.get(hash);
      if (parsed === undefined) {
        parsed = parseContent(this.md, text);
        if (!('failed' in parsed)) this.cache.set(hash, parsed);
      }
    } else if (!('failed' in parsed)) {
      this.cache.set(hash, parsed);
    }
    this.entries.set(file, { hash, parsed, check: this.checkOf(kind, file, hash, parsed) });
  }

  private recheck(kind: Kind, file: string): void {
    const entry = this.entries.get(file);
    if (entry !== undefined) entry.check = this.checkOf(kind, file, entry.hash, entry.parsed);
  }

  private checkOf(kind: Kind, file: string, hash: string, parsed: ParsedContent | ParseFailure): FileCheck {
    const path = relative(this.root, file).split(sep).join('/');
    // The text is read again only for a problem's line number.
    return checkFile(kind, path, hash, parsed, () => readFileSync(file, 'utf8'), this.context!);
  }

  private state(site: SiteConfig, categories: CategoryList): BuildState {
    const checks: FileCheck[] = [];
    for (const kind of ['posts', 'pages'] as const) for (const file of this.files[kind]) checks.push(this.entries.get(file)!.check);
    const check = crossCheck(checks, {
      categories,
      timeZone: site.timeZone,
      staticDirs: staticDirs(this.contentDir, this.root),
      fileExists: (path) => {
        let found = this.exists.get(path);
        if (found === undefined) {
          found = existsSync(path);
          this.exists.set(path, found);
        }
        return found;
      },
    });
    if (check.problems.length > 0) throw new ContentError(check.problems);
    return {
      site,
      categories,
      // Drafts are the dev server's to show (the build's rules read Eleventy's run mode).
      rules: { now: nowOf(this.settings), includeDrafts: true },
      posts: new Map(check.posts.map((p) => [p.path, p])),
      pages: new Map(check.pages.map((p) => [p.path, p])),
    };
  }
}

/** Where `value` is or would go in the sorted `list` (binary search, as `<` orders strings). */
function sortedIndex(list: readonly string[], value: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
