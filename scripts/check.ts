/**
 * `npm run check`: validates all content without building. One line per problem,
 * `path:line: field: message`; exit 1 when there is any (2 when a KHABAR_* setting is wrong).
 */
import { join } from 'node:path';
import { loadCategories } from '../src/model/categories.ts';
import { loadSiteConfig } from '../src/model/site-config.ts';
import { formatProblem } from '../src/model/errors.ts';
import { staticDirs } from '../src/site/check/build-state.ts';
import { checkContent } from '../src/site/check/content-check.ts';
import { checkContentFiles } from '../src/site/check/content-files.ts';
import { commandSettings } from './lib/settings.ts';

const { contentDir } = commandSettings();
try {
  // Files that are not content (templates, code, links) are reported before any is read.
  const fileProblems = checkContentFiles(contentDir);
  for (const problem of fileProblems) console.log(formatProblem(problem));
  if (fileProblems.length > 0) {
    console.error(`${fileProblems.length} file${fileProblems.length === 1 ? '' : 's'} in ${contentDir}/ that Khabar does not read; nothing else was checked.`);
    process.exit(1);
  }
  const site = loadSiteConfig(join(contentDir, '_data', 'site.yaml'));
  const categories = loadCategories(join(contentDir, '_data', 'categories.yaml'));
  const result = checkContent({ contentDir, categories, timeZone: site.timeZone, staticDirs: staticDirs(contentDir) });
  for (const problem of result.problems) console.log(formatProblem(problem));
  const summary = `${result.posts.length} posts and ${result.pages.length} pages checked`;
  if (result.problems.length > 0) {
    console.error(`${summary}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}.`);
    process.exit(1);
  }
  console.error(`${summary}: no problems.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
