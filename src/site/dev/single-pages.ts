import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readGenerator } from '../write/page-writer.ts';
import type { PageGenerator, PageJob } from '../write/types.ts';

/**
 * The generators of templates/generators/, read as the Eleventy plugin reads them
 * (eleventy-plugin.ts): those that page over a collection of Khabar's, and the single pages
 * (404, robots.txt, the search page, _redirects) that a build leaves to Eleventy. The dev
 * server renders the single pages itself, as Eleventy would: the template with its front
 * matter as data, at its permalink, through its layouts.
 */
export interface Generators {
  paged: PageGenerator[];
  single: PageJob[];
}

const FRONT_MATTER = /^---[^\n]*\n([\s\S]*?)\n---/;

export function readGenerators(templatesDir: string): Generators {
  const paged: PageGenerator[] = [];
  const single: PageJob[] = [];
  const dir = join(templatesDir, 'generators');
  for (const file of readdirSync(dir).sort()) {
    const template = `generators/${file}`;
    const source = readFileSync(join(dir, file), 'utf8');
    const generator = readGenerator(template, source);
    if (generator !== null) {
      paged.push(generator);
      continue;
    }
    const data = (parse(FRONT_MATTER.exec(source)?.[1] ?? '') ?? {}) as Record<string, unknown>;
    if (typeof data.permalink !== 'string') continue;
    const url = data.permalink.startsWith('/') ? data.permalink : `/${data.permalink}`;
    single.push({ url, template, data });
  }
  return { paged, single };
}
