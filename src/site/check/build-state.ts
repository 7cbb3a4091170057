import { join } from 'node:path';
import { loadCategories, type CategoryList } from '../../model/categories.ts';
import { nowOf, type Settings } from '../../model/settings.ts';
import { loadSiteConfig, type SiteConfig } from '../../model/site-config.ts';
import { checkContent, ContentError, contentFiles } from './content-check.ts';
import { checkContentFiles } from './content-files.ts';
import { openParseCache, type ParseCache, type ParsedContent } from './parse-cache.ts';
import { parseInWorkers, type ParsedByWorker } from './parse-pool.ts';
import { draftsVisible, isPublished, type PublishingRules } from './publishing.ts';
import type { CheckedPage, CheckedPost } from './types.ts';

/**
 * What one build knows before Eleventy renders anything: the site's data, the validated
 * content and the publishing clock. Loaded afresh at the start of every build (so the dev
 * server picks up edits to site.yaml and categories.yaml), and the build stops here, with
 * every problem listed, when any content file is invalid.
 */
export interface BuildState {
  site: SiteConfig;
  categories: CategoryList;
  rules: PublishingRules;
  /** Validated posts and pages by their path relative to the project root ("content/posts/…"). */
  posts: Map<string, CheckedPost>;
  pages: Map<string, CheckedPage>;
}

/** Files served as they are: the site's own assets, and editors' images in content/media/. */
export function staticDirs(contentDir: string, root = process.cwd()): Record<string, string> {
  return { '/assets/': join(root, 'templates', 'assets'), '/media/': join(contentDir, 'media') };
}

/** What a build reads of the settings: its content, its build cache and its clock. */
export type BuildSettings = Pick<Settings, 'contentDir' | 'cacheDir' | 'fixedNow'>;

/** How the dev server reloads the state after an edit (src/site/dev/): its own parse cache and file reader. */
export interface LoadOptions {
  cache?: ParseCache;
  readText?: (file: string) => string;
}

/**
 * With a build cache (`settings.cacheDir`), parsing results are kept between builds
 * (parse-cache.ts); without it every file is parsed.
 */
export function loadBuildState(settings: BuildSettings, root = process.cwd(), io: LoadOptions = {}): BuildState {
  const { contentDir, cacheDir } = settings;
  // Before any file is read: content/ holds data only, and no links (content-files.ts).
  const fileProblems = checkContentFiles(contentDir, root);
  if (fileProblems.length > 0) throw new ContentError(fileProblems);
  const site = loadSiteConfig(join(contentDir, '_data', 'site.yaml'));
  const categories = loadCategories(join(contentDir, '_data', 'categories.yaml'));
  const cache = io.cache ?? (cacheDir === null ? undefined : openParseCache(cacheDir));
  const check = checkContent({
    contentDir,
    categories,
    timeZone: site.timeZone,
    root,
    staticDirs: staticDirs(contentDir, root),
    ...(cache ? { cache } : {}),
    ...(io.readText ? { readText: io.readText } : {}),
  });
  if (check.problems.length > 0) throw new ContentError(check.problems);
  cache?.save();
  return {
    site,
    categories,
    rules: { now: nowOf(settings), includeDrafts: draftsVisible() },
    posts: new Map(check.posts.map((p) => [p.path, p])),
    pages: new Map(check.pages.map((p) => [p.path, p])),
  };
}

let preloaded: { contentDir: string; state: BuildState } | undefined;

/**
 * A parse cache that also answers with what the parse workers found (parse-pool.ts), and keeps
 * it for the next build as if this thread had parsed it.
 */
function withWorkersParses(cache: ParseCache | undefined, parsed: ReadonlyMap<string, ParsedByWorker>): ParseCache {
  const byHash = new Map<string, ParsedContent>();
  for (const { hash, parsed: found } of parsed.values()) if (found !== undefined && !('failed' in found)) byHash.set(hash, found);
  return {
    get(hash) {
      const kept = cache?.get(hash);
      if (kept !== undefined) return kept;
      const found = byHash.get(hash);
      if (found !== undefined) cache?.set(hash, found);
      return found;
    },
    set: (hash, value) => cache?.set(hash, value),
    save: () => cache?.save() ?? 0,
  };
}

/**
 * `npm run build` checks the content itself before starting Eleventy (so that a bad post is
 * reported once, plainly); the state it loaded is handed to the build instead of re-reading.
 * Without a warm parse cache the files are parsed on every core first (nothing else runs yet:
 * the pages and the search index need the whole content checked).
 */
export async function preloadBuildState(settings: BuildSettings, root = process.cwd()): Promise<BuildState> {
  const cache = settings.cacheDir === null ? undefined : openParseCache(settings.cacheDir);
  let parsed: ReadonlyMap<string, ParsedByWorker> = new Map();
  try {
    // Only once content/ is known to hold data only (the check below says what is wrong if not).
    if (checkContentFiles(settings.contentDir, root).length === 0) {
      const files = [...contentFiles(settings.contentDir, 'posts'), ...contentFiles(settings.contentDir, 'pages')];
      const known = [...(cache?.hashes?.() ?? [])];
      // When the cache knows most files (a rebuild), the workers would mostly read and hash
      // files that this thread reads and hashes again anyway: only a colder cache is worth them.
      if (known.length < files.length / 2) parsed = await parseInWorkers(files, known);
    }
  } catch {
    // No workers (or no content folder): the check parses in this thread, and reports what is wrong.
  }
  const state = loadBuildState(settings, root, { cache: withWorkersParses(cache, parsed) });
  preloaded = { contentDir: settings.contentDir, state };
  return state;
}

export function takePreloadedState(contentDir: string): BuildState | undefined {
  const found = preloaded?.contentDir === contentDir ? preloaded.state : undefined;
  preloaded = undefined;
  return found;
}

export function publishedPost(state: BuildState, post: CheckedPost): boolean {
  return isPublished({ date: post.frontMatter.date, draft: post.frontMatter.draft }, state.rules);
}
