import { join, resolve } from 'node:path';
import type { Settings } from '../../model/settings.ts';
import type { BuildState } from '../check/build-state.ts';
import type { ParseCache } from '../check/parse-cache.ts';
import { buildMachineFiles } from '../machine/machine-files.ts';
import { buildSiteModel, contentJobs, indexOptionsOf, type SiteModel } from '../index/site-model.ts';
import { LazyRelated, sharedMoreLists } from '../index/related.ts';
import { renderFragments, spliceableFragments, type SplicedFragments } from '../render/fragments.ts';
import { createSiteRendering, type SiteRendering } from '../render/site-rendering.ts';
import { renderJob } from '../write/page-writer.ts';
import { generatorJobs } from '../write/page-writer.ts';
import { siteCollections, siteJobs } from '../write/site-writer.ts';
import type { PageGenerator, PageJob } from '../write/types.ts';
import { applyBodyEdit, bodyEdit } from './body-edit.ts';
import { DevContent } from './dev-content.ts';
import { applyEntryEdit, entryEdit } from './entry-edit.ts';
import { devParseCache } from './dev-parse-cache.ts';
import { readGenerators, type Generators } from './single-pages.ts';

/**
 * The dev server's site: the build's state and site model kept in memory, and each page
 * rendered when it is asked for — by the build's own renderer, from the same jobs, so its
 * bytes are those `npm run build` writes — and kept until the next change.
 *
 * A change to content re-reads and re-checks only the files the watcher named (dev-content.ts
 * keeps every other file's check) and rebuilds the model, whose related stories are computed
 * per post when its page is rendered; a change to templates makes a new renderer. Either
 * drops every rendered page. Drafts are shown, with their badge.
 */
export interface DevPage {
  url: string;
  status: number;
  body: Buffer;
}

export interface DevSiteOptions {
  settings: Pick<Settings, 'contentDir' | 'cacheDir' | 'fixedNow' | 'sitemapLimit'>;
  root?: string;
  templatesDir?: string;
}

interface Loaded {
  state: BuildState;
  model: SiteModel;
  fragments: SplicedFragments;
  /** Every page but the machine files' by URL, made when first asked for after a change. */
  jobs?: Map<string, { job: PageJob; single: boolean }>;
  /** The feeds', sitemaps' and redirects' pages: made (with those files) only when a URL is not in `jobs`. */
  machineJobs?: Map<string, { job: PageJob; single: boolean }>;
  /** The redirects' pages alone: all a page URL ("/…/", "….html") missing from `jobs` can be. */
  redirectJobs?: Map<string, { job: PageJob; single: boolean }>;
}

/** The collections made only when one of their pages is asked for (machine-files.ts's lazy ones). */
const LAZY_COLLECTIONS = new Set(['khabarFeeds', 'khabarSitemaps', 'khabarRedirects']);
const REDIRECTS = new Set(['khabarRedirects']);

export class DevSite {
  readonly contentDir: string;
  readonly templatesDir: string;
  private readonly root: string;
  private readonly settings: DevSiteOptions['settings'];
  private readonly cache: ParseCache;
  private readonly content: DevContent;
  private rendering!: SiteRendering;
  private generators!: Generators;
  private loaded: Loaded | undefined;
  private state: BuildState | undefined;
  private readonly pages = new Map<string, DevPage>();
  /** The content check's (or a template's) error, while the content is broken. */
  error: string | undefined;
  /** Counts the changes applied: the search index says which one it is of. */
  version = 0;

  constructor(options: DevSiteOptions) {
    this.settings = options.settings;
    this.root = options.root ?? process.cwd();
    this.contentDir = resolve(this.root, options.settings.contentDir);
    this.templatesDir = options.templatesDir ?? join(this.root, 'templates');
    this.cache = devParseCache(options.settings.cacheDir);
    this.content = new DevContent({ ...options.settings, contentDir: this.contentDir }, this.root, this.cache);
    this.newRendering();
  }

  /** Loads everything (the first time, or when the watcher could not say what changed). */
  load(): void {
    this.reloadContent(() => this.content.loadAll());
  }

  /** The first load, the files parsed on every core (parse-pool.ts). */
  async start(workers?: number): Promise<void> {
    try {
      this.state = await this.content.loadInWorkers(workers);
      this.cache.save();
    } catch (error) {
      this.fail(error);
      return;
    }
    this.rebuildModel();
  }

  /** Files under the content folder changed, were added or went. */
  contentChanged(files: readonly string[]): void {
    const before = this.error === undefined ? this.state : undefined;
    try {
      this.state = this.content.update(files);
      this.cache.save();
    } catch (error) {
      this.fail(error);
      return;
    }
    const loaded = this.loaded;
    const kept = before !== undefined && loaded !== undefined && loaded.state === before;
    const body = kept ? bodyEdit(before, this.state, loaded.model.index) : undefined;
    const entries = kept && body === undefined ? entryEdit(before, this.state, loaded.model.index) : undefined;
    const edit = body ?? entries;
    if (edit === undefined || loaded === undefined) return this.rebuildModel();
    // Only bodies changed, or what posts show but not where they are listed: the same index
    // with the changed entries rewritten in place, new jobs for the changed files, machine
    // files made again (feeds hold bodies and titles) when next asked for.
    const state = this.state;
    this.pages.clear();
    this.version++;
    let { fragments } = loaded;
    let model: SiteModel = { ...loaded.model, files: buildMachineFiles(loaded.model.index, state, this.settings.sitemapLimit, { lazy: true }) };
    if (body !== undefined) {
      applyBodyEdit(model.index, body);
    } else {
      applyEntryEdit(model.index, entries!, indexOptionsOf(state));
      // The sidebar shows recent posts' titles; "More … news" lists are rendered from entries.
      model = { ...model, fragments: renderFragments(this.rendering.render, { site: state.site, sidebar: model.index.sidebar }) };
      fragments = this.spliced(model, state);
    }
    const changed = { ...state, posts: new Map(edit.posts.map((post) => [post.path, post])), pages: new Map(edit.pages.map((page) => [page.path, page])) };
    const jobs = loaded.jobs;
    if (jobs !== undefined) for (const job of contentJobs(changed, model)) jobs.set(job.url, { job, single: false });
    this.loaded = { state, model, fragments, ...(jobs === undefined ? {} : { jobs }) };
  }

  /** A template changed: new renderer, same content. */
  templatesChanged(): void {
    this.newRendering();
    this.rebuildModel();
  }

  /** The posts the site shows (for the search index), or none while the content is broken. */
  get model(): SiteModel | undefined {
    return this.error === undefined ? this.loaded?.model : undefined;
  }

  get buildState(): BuildState | undefined {
    return this.state;
  }

  /** The page at `url` ("/2024/03/x/", "/feed.xml"), or undefined when the site has none. */
  page(url: string): DevPage | undefined {
    const cached = this.pages.get(url);
    if (cached !== undefined) return cached;
    const loaded = this.loaded;
    if (loaded === undefined) return undefined;
    loaded.jobs ??= this.jobsOf(loaded);
    // Redirect pages are written as files ("/2024/page/7/index.html").
    const find = (jobs: Map<string, { job: PageJob; single: boolean }>) => jobs.get(url) ?? (url.endsWith('/') ? jobs.get(`${url}index.html`) : undefined);
    let found = find(loaded.jobs);
    if (found === undefined) {
      // A page URL can only be a redirect's: an unknown one (a deleted post's) makes no feeds or sitemaps.
      const pageLike = url.endsWith('/') || url.endsWith('.html');
      loaded.redirectJobs ??= this.machineJobsOf(loaded, REDIRECTS);
      found = find(loaded.redirectJobs);
      if (found === undefined && !pageLike) {
        loaded.machineJobs ??= this.machineJobsOf(loaded, LAZY_COLLECTIONS);
        found = find(loaded.machineJobs);
      }
    }
    if (found === undefined) return undefined;
    const page = { url, status: 200, body: this.render(loaded, found.job, found.single) };
    this.pages.set(url, page);
    return page;
  }

  /** The site's 404 page, sent with status 404. */
  notFound(): DevPage | undefined {
    const page = this.page('/404.html');
    return page === undefined ? undefined : { ...page, status: 404 };
  }

  private newRendering(): void {
    this.rendering = createSiteRendering(this.templatesDir, () => this.state!.site);
    this.generators = readGenerators(this.templatesDir);
  }

  private reloadContent(load: () => BuildState): void {
    try {
      this.state = load();
      this.cache.save();
    } catch (error) {
      this.fail(error);
      return;
    }
    this.rebuildModel();
  }

  private rebuildModel(): void {
    this.pages.clear();
    this.version++;
    const state = this.state;
    if (state === undefined) return;
    try {
      const model = buildSiteModel(state, this.rendering.render, this.settings, { lazyRelated: true, lazyMachineFiles: true });
      this.loaded = { state, model, fragments: this.spliced(model, state) };
      this.error = undefined;
    } catch (error) {
      this.fail(error);
    }
  }

  /** The model's shared fragments, as pages splice them in ("More … news" rendered when first used). */
  private spliced(model: SiteModel, state: BuildState): SplicedFragments {
    const related = model.index.related;
    const moreLists = related instanceof LazyRelated ? undefined : sharedMoreLists(related);
    return spliceableFragments(model.fragments, (categoryUrl) => {
      const rel = related instanceof LazyRelated ? related.sharedMore(categoryUrl) : moreLists!.get(categoryUrl);
      return rel === undefined ? undefined : this.rendering.renderMore(rel, state.site);
    });
  }

  private fail(error: unknown): void {
    this.pages.clear();
    this.version++;
    this.error = error instanceof Error ? error.message : String(error);
  }

  private jobsOf(loaded: Loaded): Map<string, { job: PageJob; single: boolean }> {
    const jobs = new Map<string, { job: PageJob; single: boolean }>();
    const eager = this.generators.paged.filter((generator) => !LAZY_COLLECTIONS.has(generator.collection));
    for (const job of siteJobs(loaded.state, loaded.model, eager)) jobs.set(job.url, { job, single: false });
    for (const job of this.generators.single) jobs.set(job.url, { job, single: true });
    return jobs;
  }

  private machineJobsOf(loaded: Loaded, collections: ReadonlySet<string>): Map<string, { job: PageJob; single: boolean }> {
    const jobs = new Map<string, { job: PageJob; single: boolean }>();
    const lazy: PageGenerator[] = this.generators.paged.filter((generator) => collections.has(generator.collection));
    for (const job of generatorJobs(lazy, siteCollections(loaded.model))) if (!loaded.jobs?.has(job.url)) jobs.set(job.url, { job, single: false });
    return jobs;
  }

  /**
   * As the build makes it: Khabar's pages with the shared fragments spliced in
   * (site-writer.ts), the single pages with the whole model as `collections.khabar`
   * (as Eleventy gives it to them).
   */
  private render(loaded: Loaded, job: PageJob, single: boolean): Buffer {
    const { state, model, fragments } = loaded;
    const khabar = single ? model : { ...model, fragments: fragments.standIns };
    const html = renderJob(job, { render: this.rendering.render, layoutOf: this.rendering.layoutOf, globals: { site: state.site, collections: { khabar } } });
    return single ? Buffer.from(html) : fragments.splice(html);
  }
}

/** The site URL a request path names: "/2024/01/index.html" is "/2024/01/". */
export function pageUrlOf(path: string): string {
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
}

