/**
 * `npm run build`: validates all content, then renders content/ into _site/ with Eleventy.
 * KHABAR_CONTENT and KHABAR_OUTPUT point it at another content folder or output folder
 * (the tests build fixture sites this way); KHABAR_NOW fixes the clock. The settings
 * (src/model/settings.ts) are read once, here: a bad one stops the build with exit status 2.
 */
import { commandSettings } from './lib/settings.ts';
import { rerunWithHeapLimit } from './lib/build-heap.ts';

const settings = commandSettings();
const { outputDir } = settings;

// Once more with a heap limit sized to the content (build-heap.ts says why); the rest is loaded
// only by the process that builds.
const rerun = rerunWithHeapLimit(settings.contentDir);
if (rerun !== undefined) process.exit(rerun);
const { default: Eleventy } = await import('@11ty/eleventy');
const { ELEVENTY_INPUT } = await import('../src/site/eleventy-plugin.ts');
const { preloadBuildState } = await import('../src/site/check/build-state.ts');
const { KhabarError } = await import('../src/model/errors.ts');
const { deployWarnings, describeSize, outputSize } = await import('../src/site/write/output-size.ts');

const started = performance.now();
try {
  const state = await preloadBuildState(settings);
  console.log(`Checked ${state.posts.size} posts and ${state.pages.size} pages in ${((performance.now() - started) / 1000).toFixed(2)} s`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
try {
  const eleventy = new Eleventy(ELEVENTY_INPUT, outputDir, { configPath: '.eleventy.ts', quietMode: true });
  await eleventy.write();
} catch (error) {
  // Eleventy wraps errors thrown while building; find Khabar's own report (the content's
  // problems, a page naming its post, a refused output path) in the chain.
  let cause: unknown = error;
  while (cause instanceof Error && !(cause instanceof KhabarError) && cause.cause !== undefined) cause = cause.cause;
  if (cause instanceof KhabarError) {
    console.error(cause.message);
  } else {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  }
  process.exit(1);
}

console.log(`Built ${outputDir}/ in ${((performance.now() - started) / 1000).toFixed(2)} s`);
const size = outputSize(outputDir);
console.log(`The site: ${describeSize(size)}`);
for (const warning of deployWarnings(size)) console.warn(`warning: ${warning}`);
