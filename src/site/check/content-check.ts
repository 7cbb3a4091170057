import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { lineOfField, parseFrontMatter, FrontMatterError } from '../../model/front-matter.ts';
import { formatProblem, KhabarError, type Problem } from '../../model/errors.ts';
import { validatePage, validatePost, type PageFrontMatter, type PostFrontMatter } from '../../model/schema.ts';
import type { CategoryList } from '../../model/categories.ts';
import { FIXED_URLS, PAGE_TYPES } from '../page-types.ts';
import { checkAliases, type AliasClaim } from '../machine/aliases.ts';
import { checkLinks, knownUrls } from './link-check.ts';
import { createMarkdown, renderBody, type Markdown } from '../render/markdown.ts';
import { sourceHash, type ParseCache, type ParsedContent } from './parse-cache.ts';
import { quickParseFrontMatter } from './quick-front-matter.ts';
import type { BodyRef, CheckedPage, CheckedPost, ContentCheck, StaticDirs } from './types.ts';

/**
 * Validates every content file before anything is built: posts and pages against the shared
 * schema, categories against categories.yaml, and URLs against each other. Every problem is
 * reported (not just the first) as `path:line: field: message`.
 */

export interface CheckOptions {
  /** The content folder (holds posts/ and pages/). */
  contentDir: string;
  categories: CategoryList;
  timeZone: string;
  /** Paths in problems are shown relative to this folder (the project root). */
  root?: string;
  /** Folders the site serves as they are, by URL prefix: when given, links and images in bodies are checked. */
  staticDirs?: StaticDirs;
  /** Parsing results of earlier builds (parse-cache.ts). */
  cache?: ParseCache;
  /** Reads a content file's text (the dev server keeps unchanged files in memory); by default from disk. */
  readText?: (file: string) => string;
}

/** The Markdown files under `dir` (absolute paths, sorted; hidden files and folders left out). */
export function markdownFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...markdownFiles(path));
    else if (entry.isFile() && entry.name.endsWith('.md')) files.push(path);
  }
  return files.sort();
}

export function checkContent(options: CheckOptions): ContentCheck {
  const root = options.root ?? process.cwd();
  const md = createMarkdown();
  const readText = options.readText ?? ((file: string) => readFileSync(file, 'utf8'));
  const files: FileCheck[] = [];
  for (const kind of ['posts', 'pages'] as const) {
    for (const file of contentFiles(options.contentDir, kind)) {
      const path = relative(root, file).split(sep).join('/');
      const text = readText(file);
      const hash = sourceHash(text);
      let parsed: ParsedContent | ParseFailure | undefined = options.cache?.get(hash);
      if (parsed === undefined) {
        parsed = parseContent(md, text);
        if (!('failed' in parsed)) options.cache?.set(hash, parsed);
      }
      files.push(checkFile(kind, path, hash, parsed, () => text, options));
    }
  }
  return crossCheck(files, options);
}

/** The Markdown files of content/posts/ or content/pages/ (absolute paths, sorted; hidden ones left out). */
export function contentFiles(contentDir: string, kind: 'posts' | 'pages'): string[] {
  return markdownFiles(join(contentDir, kind));
}

/** A file whose front matter could not be read. */
export interface ParseFailure {
  failed: { message: string; line: number };
}

/** Parses a content file: its front matter, and its body rendered with its links listed. */
export function parseContent(md: Markdown, text: string): ParsedContent | ParseFailure {
  try {
    // Files in Khabar's own front-matter shape are read without `yaml` (quick-front-matter.ts).
    const file = quickParseFrontMatter(text) ?? parseFrontMatter(text);
    const body = renderBody(md, file.body);
    return { data: file.data, bodyLine: file.bodyLine, html: body.html, links: body.links };
  } catch (error) {
    return { failed: { message: (error as Error).message, line: error instanceof FrontMatterError ? error.line : 1 } };
  }
}

/**
 * One file's part of the check: its own problems (front matter, schema, categories) and, when
 * it is valid, the post or page and what the checks across files need of it. Depends on the
 * file's text and on the categories and time zone only, so the dev server keeps it until the
 * file changes (src/site/dev/dev-content.ts).
 */
export interface FileCheck {
  kind: 'posts' | 'pages';
  path: string;
  problems: Problem[];
  post?: CheckedPost;
  page?: CheckedPage;
  /** The URL the file takes, the field that makes it and that field's line (read only when two files want one URL). */
  claim?: { url: string; field: string; line: () => number };
  aliases?: AliasClaim;
  body?: BodyRef;
}

/** `text` is called only when a problem needs a line number. */
export function checkFile(
  kind: 'posts' | 'pages',
  path: string,
  hash: string,
  parsed: ParsedContent | ParseFailure,
  text: () => string,
  options: Pick<CheckOptions, 'categories' | 'timeZone'>,
): FileCheck {
  const result: FileCheck = { kind, path, problems: [] };
  if ('failed' in parsed) {
    result.problems.push({ path, line: parsed.failed.line, field: 'front matter', message: parsed.failed.message });
    return result;
  }
  const { data, html } = parsed;
  if (parsed.links.length > 0) result.body = { path, links: parsed.links, bodyLine: parsed.bodyLine };
  const validation = kind === 'posts' ? validatePost(data) : validatePage(data);
  if (kind === 'posts') {
    // Categories are checked even when other fields are wrong, so one run shows everything.
    const categories = Array.isArray(data.categories) ? data.categories.filter((c) => typeof c === 'string') : [];
    for (const name of categories) {
      if (options.categories.get(name) !== undefined) continue;
      const suggestion = options.categories.suggest(name);
      result.problems.push({
        path,
        line: lineOfField(text(), 'categories'),
        field: 'categories',
        message: `unknown category ${JSON.stringify(name)}${suggestion ? `; did you mean ${JSON.stringify(suggestion)}?` : ' (see content/_data/categories.yaml)'}`,
      });
    }
  }
  if (!validation.ok) {
    for (const p of validation.problems) {
      result.problems.push({ path, line: lineOfField(text(), p.field.split('.')[0]!), ...p });
    }
    return result;
  }
  const field = validation.value.slug === undefined ? 'title' : 'slug';
  let url: string;
  if (kind === 'posts') {
    const frontMatter = validation.value as PostFrontMatter;
    url = PAGE_TYPES.post.urlOf(frontMatter, options.timeZone);
    result.post = { path, sourceHash: hash, frontMatter, url, html };
  } else {
    const frontMatter = validation.value as PageFrontMatter;
    url = PAGE_TYPES.page.urlOf(frontMatter);
    result.page = { path, sourceHash: hash, frontMatter, url, html };
  }
  result.claim = { url, field, line: () => lineOfField(text(), field) };
  const { aliases } = validation.value;
  if (aliases.length > 0) result.aliases = { path, line: lineOfField(text(), 'aliases'), aliases };
  return result;
}

/**
 * The checks across files, over every file's part in the order of the files (posts, then
 * pages, each by path): two files wanting one URL, aliases, and links (with `staticDirs`).
 * `fileExists` answers for the static folders' files (the dev server remembers its answers).
 */
/** The site's own pages a post or page must not take the URL of (search, archives, home, a year's index). */
const OWN_PAGES = new Map(FIXED_URLS.filter((url) => url.endsWith('/')).map((url) => [url, `the ${url === '/' ? 'home' : url.slice(1, -1)} page`]));
function siteOwnPage(url: string): string | undefined {
  return OWN_PAGES.get(url) ?? (/^\/\d{4}\/$/.test(url) ? "a year's archive page" : undefined);
}

export function crossCheck(
  files: readonly FileCheck[],
  options: Pick<CheckOptions, 'categories' | 'timeZone' | 'staticDirs'> & { fileExists?: (path: string) => boolean },
): ContentCheck {
  const result: ContentCheck = { posts: [], pages: [], problems: [] };
  const urls = new Map<string, string>();
  // Aliases are checked once every page has claimed its URL (see aliases.ts).
  const aliasClaims: AliasClaim[] = [];
  const bodies: BodyRef[] = [];
  const claimProblems: Problem[] = [];
  for (const file of files) {
    result.problems.push(...file.problems);
    if (file.body !== undefined) bodies.push(file.body);
    if (file.post !== undefined) result.posts.push(file.post);
    if (file.page !== undefined) result.pages.push(file.page);
    const { claim, path } = file;
    if (claim === undefined) continue;
    const own = siteOwnPage(claim.url);
    if (own !== undefined) claimProblems.push({ path, line: claim.line(), field: claim.field, message: `URL ${claim.url} is ${own}, which the site makes itself; give this file another slug` });
    const other = urls.get(claim.url);
    if (other === undefined) urls.set(claim.url, path);
    else claimProblems.push({ path, line: claim.line(), field: claim.field, message: `URL ${claim.url} is already used by ${other}; give one of them another slug` });
    if (file.aliases !== undefined) aliasClaims.push(file.aliases);
  }
  result.problems.push(...claimProblems);
  result.problems.push(...checkAliases(aliasClaims, urls));
  if (options.staticDirs !== undefined) {
    const known = (): Set<string> => knownUrls(result.posts, result.pages, options.categories, options.timeZone);
    result.problems.push(...checkLinks(bodies, known, options.staticDirs, options.fileExists));
  }
  result.problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  return result;
}

export class ContentError extends KhabarError {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    const lines = problems.map(formatProblem);
    super(
      `Khabar found ${problems.length} problem${problems.length === 1 ? '' : 's'} in the content; nothing was built:\n${lines.join('\n')}`,
    );
    this.problems = problems;
  }
}
