import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { lineOfField, parseFrontMatter, FrontMatterError } from '../../model/front-matter.ts';
import { formatProblem, KhabarError, type Problem } from '../../model/errors.ts';
import { validatePage, validatePost } from '../../model/schema.ts';
import type { CategoryList } from '../../model/categories.ts';
import { PAGE_TYPES } from '../page-types.ts';
import { checkAliases, type AliasClaim } from '../machine/aliases.ts';
import { checkLinks, knownUrls } from './link-check.ts';
import { createMarkdown, renderBody } from '../render/markdown.ts';
import { sourceHash, type ParseCache } from './parse-cache.ts';
import type { BodyRef, ContentCheck, StaticDirs } from './types.ts';

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

function markdownFiles(dir: string): string[] {
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
  const result: ContentCheck = { posts: [], pages: [], problems: [] };
  const urls = new Map<string, string>();
  // Aliases are checked once every page has claimed its URL (see aliases.ts).
  const aliasClaims: AliasClaim[] = [];
  const bodies: BodyRef[] = [];
  const md = createMarkdown();
  const readText = options.readText ?? ((file: string) => readFileSync(file, 'utf8'));

  const claimUrl = (url: string, path: string, text: string, field: string): void => {
    const other = urls.get(url);
    if (other === undefined) {
      urls.set(url, path);
      return;
    }
    result.problems.push({
      path,
      line: lineOfField(text, field),
      field,
      message: `URL ${url} is already used by ${other}; give one of them another slug`,
    });
  };

  for (const kind of ['posts', 'pages'] as const) {
    for (const file of markdownFiles(join(options.contentDir, kind))) {
      const path = relative(root, file).split(sep).join('/');
      const text = readText(file);
      const hash = sourceHash(text);
      let parsed = options.cache?.get(hash);
      if (parsed === undefined) {
        try {
          const file = parseFrontMatter(text);
          const body = renderBody(md, file.body);
          parsed = { data: file.data, bodyLine: file.bodyLine, html: body.html, links: body.links };
          options.cache?.set(hash, parsed);
        } catch (error) {
          const line = error instanceof FrontMatterError ? error.line : 1;
          result.problems.push({ path, line, field: 'front matter', message: (error as Error).message });
          continue;
        }
      }
      const { data, html } = parsed;
      if (parsed.links.length > 0) bodies.push({ path, links: parsed.links, bodyLine: parsed.bodyLine });
      if (kind === 'posts') {
        const validation = validatePost(data);
        // Categories are checked even when other fields are wrong, so one run shows everything.
        const categories = Array.isArray(data.categories) ? data.categories.filter((c) => typeof c === 'string') : [];
        for (const name of categories) {
          if (options.categories.get(name) !== undefined) continue;
          const suggestion = options.categories.suggest(name);
          result.problems.push({
            path,
            line: lineOfField(text, 'categories'),
            field: 'categories',
            message: `unknown category ${JSON.stringify(name)}${suggestion ? `; did you mean ${JSON.stringify(suggestion)}?` : ' (see content/_data/categories.yaml)'}`,
          });
        }
        if (!validation.ok) {
          for (const p of validation.problems) {
            result.problems.push({ path, line: lineOfField(text, p.field.split('.')[0]!), ...p });
          }
          continue;
        }
        const frontMatter = validation.value;
        const url = PAGE_TYPES.post.urlOf(frontMatter, options.timeZone);
        claimUrl(url, path, text, frontMatter.slug === undefined ? 'title' : 'slug');
        if (frontMatter.aliases.length > 0) aliasClaims.push({ path, line: lineOfField(text, 'aliases'), aliases: frontMatter.aliases });
        result.posts.push({ path, sourceHash: hash, frontMatter, url, html });
      } else {
        const validation = validatePage(data);
        if (!validation.ok) {
          for (const p of validation.problems) {
            result.problems.push({ path, line: lineOfField(text, p.field.split('.')[0]!), ...p });
          }
          continue;
        }
        const frontMatter = validation.value;
        const url = PAGE_TYPES.page.urlOf(frontMatter);
        claimUrl(url, path, text, frontMatter.slug === undefined ? 'title' : 'slug');
        if (frontMatter.aliases.length > 0) aliasClaims.push({ path, line: lineOfField(text, 'aliases'), aliases: frontMatter.aliases });
        result.pages.push({ path, sourceHash: hash, frontMatter, url, html });
      }
    }
  }
  result.problems.push(...checkAliases(aliasClaims, urls));
  if (options.staticDirs !== undefined) {
    const known = knownUrls(result.posts, result.pages, options.categories, options.timeZone);
    result.problems.push(...checkLinks(bodies, known, options.staticDirs));
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
