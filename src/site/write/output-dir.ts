import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, parse, relative, resolve } from 'node:path';
import { KhabarError } from '../../model/errors.ts';

/**
 * Every build starts from an empty output folder, so a post deleted since the last build is
 * not published again from what that build left behind. The folder is the operator's
 * (KHABAR_OUTPUT), so it is emptied only when it is plausibly an output folder: never the
 * file system's root, the home folder, the project or one of its source folders, the
 * content folder (or a folder holding any of them), nor a folder with `.git` or
 * `package.json` in it, nor a folder that holds files and is not a site Khabar built.
 * Emptying removes entries without following links.
 */
export class OutputDirError extends KhabarError {}

/**
 * The empty file every build leaves in its output folder: a folder that holds other files is
 * emptied only when it has this (or is plainly a built site: index.html and sitemap.xml).
 */
export const OUTPUT_MARKER = '.khabar-output';

/** The project's own folders: an output folder is none of them and inside none of them. */
const PROJECT_FOLDERS = ['src', 'scripts', 'templates', 'tests', 'bench', 'node_modules', '.git', '.github'];

/** Whether `inner` is `outer` or inside it. */
function within(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Why `outputDir` must not be emptied, or null when it may be. */
export function unsafeOutputDir(outputDir: string, options: { contentDir: string; root?: string; cacheDir?: string | null }): string | null {
  const output = resolve(outputDir);
  const root = resolve(options.root ?? process.cwd());
  const content = resolve(root, options.contentDir);
  if (output === parse(output).root) return 'it is the root of the file system';
  const home = homedir();
  if (within(home, output)) return 'it is (or holds) the home folder';
  if (within(root, output)) return 'it is (or holds) the project folder';
  if (within(output, content) || within(content, output)) return 'it is, holds or is inside the content folder';
  if (options.cacheDir != null && within(resolve(root, options.cacheDir), output)) return 'it holds the build cache';
  for (const folder of PROJECT_FOLDERS) {
    if (within(output, join(root, folder))) return `it is (or is inside) the project's ${folder}/ folder`;
  }
  for (const marker of ['.git', 'package.json']) {
    if (existsSync(join(output, marker))) return `it holds ${marker}`;
  }
  return null;
}

/** Makes `outputDir` exist and be empty; refuses (OutputDirError) a folder that is not an output folder. */
export function emptyOutputDir(outputDir: string, options: { contentDir: string; root?: string; cacheDir?: string | null }): void {
  const why = unsafeOutputDir(outputDir, options);
  if (why !== null) {
    throw new OutputDirError(`The output folder ${outputDir} cannot be used: ${why}. Set KHABAR_OUTPUT to a folder of its own (default _site).`);
  }
  mkdirSync(outputDir, { recursive: true });
  const names = readdirSync(outputDir);
  if (names.length > 0 && !names.includes(OUTPUT_MARKER) && !(names.includes('index.html') && names.includes('sitemap.xml'))) {
    throw new OutputDirError(
      `The output folder ${outputDir} cannot be used: it holds files and is not a site Khabar built (no ${OUTPUT_MARKER}, index.html or sitemap.xml), so emptying it could delete someone's files. Empty it yourself, or set KHABAR_OUTPUT to a folder of its own (default _site).`,
    );
  }
  for (const name of names) rmSync(join(outputDir, name), { recursive: true, force: true });
  // Marks the folder as Khabar's before anything else is written: a build that stops half-way
  // leaves a folder the next build still recognises.
  writeFileSync(join(outputDir, OUTPUT_MARKER), '');
}
