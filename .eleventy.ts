/**
 * Eleventy configuration, the base blog's shape: the Khabar plugin with the operator's
 * settings (src/model/settings.ts), and the folders Eleventy reads and writes. The site's
 * wiring lives in src/site/eleventy-plugin.ts; see the README's architecture section.
 */
import { relative, resolve } from 'node:path';
import type UserConfig from '@11ty/eleventy/UserConfig';
import { settings } from './src/model/settings.ts';
import khabar, { TEMPLATES_DIR } from './src/site/eleventy-plugin.ts';

export default function (eleventyConfig: UserConfig) {
  const config = settings();
  eleventyConfig.addPlugin(khabar, config);
  return {
    dir: {
      input: config.contentDir,
      output: config.outputDir,
      includes: relative(resolve(process.cwd(), config.contentDir), TEMPLATES_DIR),
      data: '_data',
    },
    templateFormats: ['njk'],
    htmlTemplateEngine: 'njk',
  };
}
