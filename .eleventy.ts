/**
 * Eleventy configuration, the base blog's shape: the Khabar plugin with the operator's
 * settings (src/model/settings.ts), and the folders Eleventy reads and writes. The site's
 * wiring lives in src/site/eleventy-plugin.ts; see the README's architecture section.
 */
import { relative, resolve } from 'node:path';
import type UserConfig from '@11ty/eleventy/UserConfig';
import { settings } from './src/model/settings.ts';
import khabar, { ELEVENTY_INPUT, TEMPLATES_DIR } from './src/site/eleventy-plugin.ts';

export default function (eleventyConfig: UserConfig) {
  const config = settings();
  eleventyConfig.addPlugin(khabar, config);
  return {
    dir: {
      // Not content/: Eleventy would run templates and data files found there (eleventy-plugin.ts).
      input: ELEVENTY_INPUT,
      output: config.outputDir,
      includes: relative(resolve(process.cwd(), ELEVENTY_INPUT), TEMPLATES_DIR),
      // No global data folder: site data is read by Khabar (src/model/site-config.ts).
      data: '_no-data',
    },
    templateFormats: ['njk'],
    htmlTemplateEngine: 'njk',
  };
}
