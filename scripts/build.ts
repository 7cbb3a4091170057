/**
 * `npm run build`: validates all content, then renders content/ into _site/ with Eleventy.
 * KHABAR_CONTENT and KHABAR_OUTPUT point it at another content folder or output folder
 * (the tests build fixture sites this way); KHABAR_NOW fixes the clock.
 */
import Eleventy from '@11ty/eleventy';
import { preloadBuildState } from '../src/site/check/build-state.ts';
import { ContentError } from '../src/site/check/content-check.ts';

const contentDir = process.env.KHABAR_CONTENT ?? 'content';
const outputDir = process.env.KHABAR_OUTPUT ?? '_site';

const started = performance.now();
try {
  const state = preloadBuildState(contentDir);
  console.log(`Checked ${state.posts.size} posts and ${state.pages.size} pages in ${((performance.now() - started) / 1000).toFixed(2)} s`);
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

console.log(`Built ${outputDir}/ in ${((performance.now() - started) / 1000).toFixed(2)} s`);
