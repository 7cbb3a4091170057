/**
 * Eleventy wiring, and only wiring: the site's logic lives in src/site/, the shared model in
 * src/model/, the templates in templates/. See the README's architecture section.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type UserConfig from '@11ty/eleventy/UserConfig';
import { loadBuildState, normaliseInputPath, publishedPost, takePreloadedState, type BuildState } from './src/site/build-state.ts';
import { eleventyFrontMatterEngines } from './src/site/eleventy-front-matter.ts';
import { createFeedFilters } from './src/site/feeds.ts';
import { createFilters } from './src/site/filters.ts';
import { renderFragments, type Fragments } from './src/site/fragments.ts';
import { readGenerator, writeGeneratedPages, type Generator } from './src/site/page-writer.ts';
import { createRenderer, type Renderer } from './src/site/renderer.ts';
import { buildMachineFiles, type MachineFiles } from './src/site/machine-files.ts';
import { createMarkdown } from './src/site/markdown.ts';
import { buildSiteIndex, type SiteIndex } from './src/site/site-index.ts';

const root = process.cwd();
const contentDir = process.env.KHABAR_CONTENT ?? 'content';
const outputDir = process.env.KHABAR_OUTPUT ?? '_site';
const templatesDir = resolve(root, 'templates');

interface EleventyItem {
  inputPath: string;
  url: string | false;
  content: string;
}

interface CollectionApi {
  getAll(): EleventyItem[];
}

export interface SiteModel {
  index: SiteIndex<EleventyItem>;
  fragments: Fragments;
  /** Feeds, sitemaps and redirects (src/site/machine-files.ts). */
  files: MachineFiles<EleventyItem>;
  render: Renderer;
}

export default function (eleventyConfig: UserConfig) {
  let state: BuildState | undefined;
  const current = (): BuildState => {
    state ??= loadBuildState(contentDir, root);
    return state;
  };

  // Validate everything before Eleventy reads a template: a bad post stops the build with
  // every problem listed, and `---js` front matter never runs.
  eleventyConfig.on('eleventy.before', () => {
    state = takePreloadedState(contentDir) ?? loadBuildState(contentDir, root);
  });
  eleventyConfig.setFrontMatterParsingOptions({ engines: eleventyFrontMatterEngines });

  // Posts are Markdown only: no template language runs inside them, and raw HTML is text.
  eleventyConfig.setLibrary('md', createMarkdown());
  eleventyConfig.addGlobalData('site', () => current().site);
  eleventyConfig.addGlobalData('eleventyComputed', {
    permalink: (data: { page: { inputPath: string }; permalink?: unknown }) => {
      const path = normaliseInputPath(data.page.inputPath);
      const post = current().posts.get(path);
      if (post !== undefined) return publishedPost(current(), post) ? post.url : false;
      const page = current().pages.get(path);
      if (page !== undefined) return page.frontMatter.draft && !current().rules.includeDrafts ? false : page.url;
      return data.permalink;
    },
    layout: (data: { page: { inputPath: string }; layout?: string }) => {
      const path = normaliseInputPath(data.page.inputPath);
      if (current().posts.has(path)) return 'layouts/post.njk';
      if (current().pages.has(path)) return 'layouts/page.njk';
      return data.layout;
    },
  });

  const filters = createFilters({
    get timeZone() {
      return current().site.timeZone;
    },
    get url() {
      return current().site.url;
    },
  });
  const allFilters = { ...filters, ...createFeedFilters(() => current().site.url) };
  for (const [name, filter] of Object.entries(allFilters)) eleventyConfig.addFilter(name, filter);

  // One pass builds every index; the shared fragments are rendered once from it.
  const models = new WeakMap<CollectionApi, SiteModel>();
  let built: SiteModel | undefined;
  const model = (api: CollectionApi): SiteModel => {
    let found = models.get(api);
    if (found === undefined) {
      const build = current();
      const inputs = [];
      for (const item of api.getAll()) {
        const post = build.posts.get(normaliseInputPath(item.inputPath));
        if (post !== undefined && item.url !== false && publishedPost(build, post)) {
          inputs.push({ url: post.url, frontMatter: post.frontMatter, item });
        }
      }
      const index = buildSiteIndex(inputs, {
        categories: build.categories,
        timeZone: build.site.timeZone,
        postsPerPage: build.site.postsPerPage,
        defaultAuthor: build.site.author,
        defaultLang: build.site.lang,
      });
      const render = createRenderer(templatesDir, allFilters);
      const fragments = renderFragments(render, { site: build.site, sidebar: index.sidebar });
      found = { index, fragments, files: buildMachineFiles(index, build), render };
      models.set(api, found);
      built = found;
    }
    return found;
  };
  eleventyConfig.addCollection('khabar', (api: CollectionApi) => model(api));

  // Khabar's own pages live in templates/generators/. Those that page over the site index
  // (list pages, feeds, sitemaps, redirect pages: most of a large site's files) are rendered
  // and written by Khabar after Eleventy has rendered the posts (src/site/page-writer.ts);
  // the single pages (404, robots.txt, _redirects, search) are Eleventy virtual templates.
  const generators: Generator[] = [];
  const generatorsDir = join(templatesDir, 'generators');
  for (const file of readdirSync(generatorsDir).sort()) {
    const source = readFileSync(join(generatorsDir, file), 'utf8');
    const generator = readGenerator(`generators/${file}`, source);
    if (generator === null) eleventyConfig.addTemplate(`khabar-${file}`, source);
    else generators.push(generator);
  }
  eleventyConfig.on('eleventy.before', () => {
    built = undefined;
  });
  eleventyConfig.on('eleventy.after', async () => {
    if (built === undefined) return;
    const { index, files, render } = built;
    await writeGeneratedPages(generators, {
      render,
      outputDir,
      globals: { site: current().site, collections: { khabar: built } },
      collections: {
        khabarLists: index.lists,
        khabarFeeds: files.feeds,
        khabarSitemaps: files.sitemaps,
        khabarRedirects: files.redirects.pages,
      },
    });
  });

  eleventyConfig.addPassthroughCopy({ 'templates/assets': 'assets' });
  // Editors' images: content/media/x.jpg is /media/x.jpg.
  eleventyConfig.addPassthroughCopy({ [join(contentDir, 'media')]: 'media' });
  eleventyConfig.addPassthroughCopy({
    'node_modules/@fontsource/vazirmatn/files/vazirmatn-arabic-{400,700}-normal.woff2': 'assets/fonts',
  });
  eleventyConfig.addWatchTarget(templatesDir);

  return {
    dir: {
      input: contentDir,
      output: outputDir,
      includes: relative(resolve(root, contentDir), templatesDir),
      data: '_data',
    },
    templateFormats: ['md', 'njk'],
    markdownTemplateEngine: false,
    htmlTemplateEngine: 'njk',
  };
}
