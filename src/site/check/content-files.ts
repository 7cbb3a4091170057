import { readdirSync, type Dirent } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { Problem } from '../../model/errors.ts';
import { MEDIA_EXTENSIONS } from '../../model/media-types.ts';

/**
 * What may be in the content folder. content/ is data, never code: Markdown posts and pages,
 * YAML site data and editors' media. Eleventy reads no template and no data file from it
 * (its input is templates/generators/: see eleventy-plugin.ts), and this check refuses every
 * other kind of file, so a `.njk`, `.js` or `.json` placed there is reported by name instead
 * of being ignored (or, as before, run). Symbolic links are refused anywhere under content/:
 * a link would publish (or feed the build) whatever it points to.
 *
 * Hidden entries (".gitkeep", ".DS_Store") are neither read nor published; they are only
 * checked for being links.
 */

/** What each top-level folder of content/ may hold, by file extension (lower case). */
const MARKDOWN = new Set(['.md']);
const DATA = new Set(['.yaml', '.yml']);

export const CONTENT_FOLDERS: Readonly<Record<string, ReadonlySet<string>>> = {
  posts: MARKDOWN,
  pages: MARKDOWN,
  _data: DATA,
  media: MEDIA_EXTENSIONS,
};

const WHAT: Record<string, string> = {
  posts: 'Markdown (.md) posts',
  pages: 'Markdown (.md) pages',
  _data: 'YAML data (.yaml, .yml)',
  media: `media files (${[...MEDIA_EXTENSIONS].join(' ')})`,
};

/** Whether a folder entry is hidden (neither read nor published). */
export function isHidden(name: string): boolean {
  return name.startsWith('.');
}

/**
 * Every file under `contentDir` that the site must not read or publish: a symbolic link, a
 * file of a kind its folder does not hold, or anything else (a device, a socket). Paths in
 * problems are relative to `root`.
 */
export function checkContentFiles(contentDir: string, root = process.cwd()): Problem[] {
  const problems: Problem[] = [];
  const shown = (path: string): string => relative(root, path).split(sep).join('/');
  const problem = (path: string, message: string): void => {
    problems.push({ path: shown(path), line: 1, field: '', message });
  };
  const entriesOf = (dir: string): Dirent[] => {
    try {
      return readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  };
  const walk = (dir: string, allowed: ReadonlySet<string> | undefined, folder: string): void => {
    for (const entry of entriesOf(dir)) {
      const path = join(dir, entry.name);
      // Dirent types come from lstat: a link is a link here, whatever it points to.
      if (entry.isSymbolicLink()) {
        problem(path, 'is a symbolic link; content/ must hold real files and folders (a link would publish what it points to)');
      } else if (isHidden(entry.name)) {
        continue;
      } else if (entry.isDirectory()) {
        if (allowed === undefined) {
          const kinds = CONTENT_FOLDERS[entry.name];
          if (kinds === undefined) problem(path, `is not a folder Khabar reads; content/ holds ${Object.keys(CONTENT_FOLDERS).join('/, ')}/ only`);
          else walk(path, kinds, entry.name);
        } else {
          walk(path, allowed, folder);
        }
      } else if (!entry.isFile()) {
        problem(path, 'is not a regular file');
      } else if (allowed === undefined) {
        problem(path, `is not read by Khabar; content/ holds ${Object.keys(CONTENT_FOLDERS).join('/, ')}/ only`);
      } else if (!allowed.has(extname(entry.name).toLowerCase())) {
        problem(path, `is not allowed in ${folder}/, which holds ${WHAT[folder]} only (content files are data: no templates or code)`);
      }
    }
  };
  walk(contentDir, undefined, '');
  return problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
