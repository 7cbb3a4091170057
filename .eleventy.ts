/**
 * Eleventy wiring, and only wiring: the site's logic lives in src/site/, the shared model in
 * src/model/, the templates in templates/. See the README's architecture section.
 *
 * Eleventy runs the build and the dev server, copies the static files and renders the
 * single pages in templates/generators/ (404, robots.txt, _redirects, search). The posts,
 * pages, lists, feeds, sitemaps and redirect pages — nearly every file of a large site — are
 * rendered and written by Khabar from one site model (src/site/page-writer.ts says why).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type UserConfig from '@11ty/eleventy/UserConfig';
import { frontMatterEngines } from './src/model/front-matter.ts';
import { loadBuildState, takePreloadedState, type BuildState } from './src/site/check/build-state.ts';
import { readGenerator } from './src/site/write/page-writer.ts';
import type { PageGenerator } from './src/site/write/types.ts';
import { createSiteRendering } from './src/site/render/site-rendering.ts';
import { buildSiteModel, type SiteModel } from './src/site/index/site-model.ts';
import { writeSite, type SiteWriteOptions } from './src/site/write/site-writer.ts';

const root = process.cwd();
const contentDir = process.env.KHABAR_CONTENT ?? 'content';
const outputDir = process.env.KHABAR_OUTPUT ?? '_site';
const templatesDir = resolve(root, 'templates');

export default function (eleventyConfig: UserConfig) {
  let state: BuildState | undefined;
  const current = (): BuildState => {
    state ??= loadBuildState(contentDir, root);
    return state;
  };

  const rendering = createSiteRendering(templatesDir, () => current().site);
  for (const [name, filter] of Object.entries(rendering.filters)) eleventyConfig.addFilter(name, filter);
  const { render } = rendering;

  // Validate (and render the Markdown of) all content before anything is written: a bad post
  // stops the build with every problem listed. One site model per build, from that state.
  let model: SiteModel | undefined;
  eleventyConfig.on('eleventy.before', () => {
    state = takePreloadedState(contentDir) ?? loadBuildState(contentDir, root);
    model = buildSiteModel(state, render);
  });
  const site = (): SiteModel => {
    model ??= buildSiteModel(current(), render);
    return model;
  };
  eleventyConfig.addGlobalData('site', () => current().site);
  eleventyConfig.addCollection('khabar', () => site());
  // Templates' front matter is YAML only: `---js` would run code.
  eleventyConfig.setFrontMatterParsingOptions({ engines: frontMatterEngines });

  // templates/generators/: those that page over the site model are Khabar's to write; the
  // single pages are Eleventy virtual templates.
  const generators: PageGenerator[] = [];
  const generatorsDir = join(templatesDir, 'generators');
  for (const file of readdirSync(generatorsDir).sort()) {
    const source = readFileSync(join(generatorsDir, file), 'utf8');
    const generator = readGenerator(`generators/${file}`, source);
    if (generator === null) eleventyConfig.addTemplate(`khabar-${file}`, source);
    else generators.push(generator);
  }
  // Operators' knobs (README, Commands): the build cache, search shard size, threads.
  const knob = (name: string): number | undefined => (process.env[name] ? Number(process.env[name]) : undefined);
  eleventyConfig.on('eleventy.after', async () => {
    const options: SiteWriteOptions = { state: current(), model: site(), generators, rendering, outputDir };
    if (process.env.KHABAR_CACHE) options.cacheDir = process.env.KHABAR_CACHE;
    if (process.env.KHABAR_CACHE_VERIFY === '1') options.verifyCache = true;
    const shardSize = knob('KHABAR_SEARCH_SHARD_SIZE');
    if (shardSize !== undefined) options.searchShardSize = shardSize;
    const searchWorkers = knob('KHABAR_SEARCH_WORKERS');
    if (searchWorkers !== undefined) options.searchWorkers = searchWorkers;
    await writeSite(options);
  });

  eleventyConfig.addPassthroughCopy({ 'templates/assets': 'assets' });
  // Editors' images: content/media/x.jpg is /media/x.jpg.
  eleventyConfig.addPassthroughCopy({ [join(contentDir, 'media')]: 'media' });
  eleventyConfig.addPassthroughCopy({
    'node_modules/@fontsource/vazirmatn/files/vazirmatn-arabic-{400,700}-normal.woff2': 'assets/fonts',
  });
  // Posts and pages are not Eleventy templates (only .njk is), but an edit to one rebuilds.
  eleventyConfig.addWatchTarget(join(contentDir, '**/*.{md,yaml}'));
  eleventyConfig.addWatchTarget(templatesDir);

  return {
    dir: {
      input: contentDir,
      output: outputDir,
      includes: relative(resolve(root, contentDir), templatesDir),
      data: '_data',
    },
    templateFormats: ['njk'],
    htmlTemplateEngine: 'njk',
  };
}
