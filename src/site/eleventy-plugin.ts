/**
 * Khabar as an Eleventy plugin: `.eleventy.ts` adds it with the operator's settings
 * (src/model/settings.ts) and gives Eleventy its folders; everything else is wired here.
 *
 * Eleventy runs the build and the dev server, copies the static files and renders the
 * single pages in templates/generators/ (404, robots.txt, _redirects, search). The posts,
 * pages, lists, feeds, sitemaps and redirect pages — nearly every file of a large site — are
 * rendered and written by Khabar from one site model (src/site/write/page-writer.ts says why).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type UserConfig from '@11ty/eleventy/UserConfig';
import { frontMatterEngines } from '../model/front-matter.ts';
import type { Settings } from '../model/settings.ts';
import { loadBuildState, takePreloadedState, type BuildState } from './check/build-state.ts';
import { buildSiteModel, type SiteModel } from './index/site-model.ts';
import { createSiteRendering } from './render/site-rendering.ts';
import { readGenerator } from './write/page-writer.ts';
import { emptyOutputDir } from './write/output-dir.ts';
import { writeSite, type SiteWriteOptions } from './write/site-writer.ts';
import type { PageGenerator } from './write/types.ts';
import { compactHtml } from './render/compact-html.ts';

/** The templates folder (layouts, partials, fragments, generators, assets). */
export const TEMPLATES_DIR = resolve(process.cwd(), 'templates');

/**
 * Eleventy's input folder: a folder of Khabar's that holds nothing (its README aside), not
 * content/. Eleventy runs what it finds in its input folder — templates in every format it
 * knows, directory data files (`x.11tydata.js`, `x.json`) and `_data/*.js` — and content/ is
 * data that editors and feeds write: none of it may run at build time. The only templates
 * Eleventy renders are the single pages added below as virtual templates; content/ is read
 * by Khabar alone (check/content-check.ts), after check/content-files.ts has refused
 * anything but Markdown, YAML and media. (Not templates/ either: Eleventy skips every
 * template inside its includes folder, virtual ones too.)
 */
export const ELEVENTY_INPUT = 'src/site/eleventy-input';

export default function khabar(eleventyConfig: UserConfig, settings: Settings): void {
  const root = process.cwd();
  const { contentDir } = settings;
  let state: BuildState | undefined;
  const current = (): BuildState => {
    state ??= loadBuildState(settings, root);
    return state;
  };

  const rendering = createSiteRendering(TEMPLATES_DIR, () => current().site);
  for (const [name, filter] of Object.entries(rendering.filters)) eleventyConfig.addFilter(name, filter);
  const { render } = rendering;

  // Validate (and render the Markdown of) all content before anything is written: a bad post
  // stops the build with every problem listed. One site model per build, from that state.
  let model: SiteModel | undefined;
  eleventyConfig.on('eleventy.before', () => {
    state = takePreloadedState(contentDir) ?? loadBuildState(settings, root);
    model = buildSiteModel(state, render, settings);
  });
  const site = (): SiteModel => {
    model ??= buildSiteModel(current(), render, settings);
    return model;
  };
  eleventyConfig.addGlobalData('site', () => current().site);
  eleventyConfig.addCollection('khabar', () => site());
  // Templates' front matter is YAML only: `---js` would run code.
  eleventyConfig.setFrontMatterParsingOptions({ engines: frontMatterEngines });

  // templates/generators/: those that page over the site model are Khabar's to write; the
  // single pages are Eleventy virtual templates.
  const generators: PageGenerator[] = [];
  const generatorsDir = join(TEMPLATES_DIR, 'generators');
  for (const file of readdirSync(generatorsDir).sort()) {
    const source = readFileSync(join(generatorsDir, file), 'utf8');
    const generator = readGenerator(`generators/${file}`, source);
    if (generator === null) eleventyConfig.addTemplate(`khabar-${file}`, source);
    else generators.push(generator);
  }
  // The single pages lose their indentation as Khabar's own pages do (page-writer.ts: renderJob).
  eleventyConfig.addTransform('khabar-compact-html', function (this: { page: { outputPath?: string | false } }, content: string) {
    const output = this.page.outputPath;
    return typeof output === 'string' && output.endsWith('.html') ? compactHtml(content) : content;
  });
  // Operators' knobs (README, Commands): the build cache, search shard size, threads.
  eleventyConfig.on('eleventy.after', async () => {
    const options: SiteWriteOptions = { state: current(), model: site(), generators, rendering, outputDir: settings.outputDir, contentDir };
    if (settings.cacheDir !== null) options.cacheDir = settings.cacheDir;
    if (settings.verifyCache) options.verifyCache = true;
    if (settings.searchShardSize !== null) options.searchShardSize = settings.searchShardSize;
    if (settings.searchWorkers !== null) options.searchWorkers = settings.searchWorkers;
    await writeSite(options);
  });
  // Every build starts from an empty output folder, so nothing of an earlier build (a
  // deleted post's page) is published again; output-dir.ts refuses folders that are not one.
  eleventyConfig.on('eleventy.before', () => emptyOutputDir(settings.outputDir, { contentDir, root, cacheDir: settings.cacheDir }));

  eleventyConfig.addPassthroughCopy({ 'templates/assets': 'assets' });
  // Editors' images (content/media/x.jpg is /media/x.jpg) are copied by writeSite, which
  // never follows a link (write/media-copy.ts), not by Eleventy.
  eleventyConfig.addPassthroughCopy({
    'node_modules/@fontsource/vazirmatn/files/vazirmatn-arabic-{400,700}-normal.woff2': 'assets/fonts',
  });
  // Posts and pages are not Eleventy templates, but an edit to one (or to media) rebuilds.
  eleventyConfig.addWatchTarget(join(contentDir, '**/*'));
  eleventyConfig.addWatchTarget(TEMPLATES_DIR);
}
