/**
 * `npm run build`: validates all content, then renders content/ into _site/ with Eleventy.
 * KHABAR_CONTENT and KHABAR_OUTPUT point it at another content folder or output folder
 * (the tests build fixture sites this way); KHABAR_NOW fixes the clock.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Eleventy from '@11ty/eleventy';
import * as pagefind from 'pagefind';
import { preloadBuildState } from '../src/site/build-state.ts';
import { ContentError } from '../src/site/content-check.ts';

const contentDir = process.env.KHABAR_CONTENT ?? 'content';
const outputDir = process.env.KHABAR_OUTPUT ?? '_site';

const started = performance.now();
try {
  preloadBuildState(contentDir);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
try {
  const eleventy = new Eleventy(contentDir, outputDir, { configPath: '.eleventy.ts', quietMode: true });
  await eleventy.write();
} catch (error) {
  // Eleventy wraps errors thrown while building; find Khabar's own content report in the chain.
  let cause: unknown = error;
  while (cause instanceof Error && !(cause instanceof ContentError) && cause.cause !== undefined) cause = cause.cause;
  if (cause instanceof ContentError) {
    console.error(cause.message);
  } else {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  }
  process.exit(1);
}

// The search index, the build's last step: Pagefind reads the HTML just written (only post
// bodies are marked for it, with data-pagefind-body) and writes <output>/pagefind/, one index
// per page language. The old bundle is removed first, so no stale index files remain. Only the
// post pages (/YYYY/MM/DD/<slug>/) are read: the list pages have nothing marked for the index,
// and skipping them halves Pagefind's work (5,000 posts: 23 instead of 45 CPU seconds, 0.7
// instead of 1.7 GB).
const POST_PAGES = '[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/*/index.html';
const searchStarted = performance.now();
let searchProblem: string | undefined;
let searchSummary = '';
try {
  const bundleDir = join(outputDir, 'pagefind');
  rmSync(bundleDir, { recursive: true, force: true });
  const { index, errors } = await pagefind.createIndex({});
  if (index === undefined) throw new Error(errors.join('; ') || 'Pagefind did not start');
  const added = await index.addDirectory({ path: outputDir, glob: POST_PAGES });
  const written = await index.writeFiles({ outputPath: bundleDir });
  const problems = [...errors, ...added.errors, ...written.errors];
  if (problems.length > 0) throw new Error(problems.join('; '));
  const entry = JSON.parse(readFileSync(join(bundleDir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  const languages = Object.entries(entry.languages);
  const indexed = languages.reduce((sum, [, language]) => sum + language.page_count, 0);
  const byLanguage = languages.map(([lang, language]) => `${lang} ${language.page_count}`).join(', ');
  searchSummary = `${indexed} of ${added.page_count} pages${byLanguage === '' ? '' : ` (${byLanguage})`}`;
} catch (error) {
  searchProblem = error instanceof Error ? error.message : String(error);
} finally {
  await pagefind.close();
}
if (searchProblem !== undefined) {
  console.error(`search index: ${searchProblem}`);
  process.exit(1);
}
console.log(`Indexed ${searchSummary} for search in ${((performance.now() - searchStarted) / 1000).toFixed(2)} s`);
console.log(`Built ${outputDir}/ in ${((performance.now() - started) / 1000).toFixed(2)} s`);
