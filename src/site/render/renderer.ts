import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import type { Filter, LayoutReader, Renderer } from './types.ts';

/**
 * Khabar's own Nunjucks environment over templates/: the same templates and filters as the
 * pages Eleventy renders, autoescaping on. It renders what is the same for many pages once
 * (the shared fragments) and the generated pages (lists, feeds, sitemaps, redirects) without
 * Eleventy's per-page machinery (src/site/write/page-writer.ts).
 */

const FRONT_MATTER = /^---[^\n]*\n[\s\S]*?\n---[ \t]*\n/;

/** Loads templates with their front matter (Eleventy's data) removed. */
class TemplateLoader extends nunjucks.Loader {
  constructor(private readonly dir: string) {
    super();
  }

  getSource(name: string): nunjucks.LoaderSource {
    const path = join(this.dir, name);
    return { src: readFileSync(path, 'utf8').replace(FRONT_MATTER, ''), path, noCache: false };
  }
}

export function createLayoutReader(templatesDir: string): LayoutReader {
  const layouts = new Map<string, string | undefined>();
  return (name) => {
    if (!layouts.has(name)) {
      const head = FRONT_MATTER.exec(readFileSync(join(templatesDir, name), 'utf8'))?.[0] ?? '';
      const layout = /^layout:[ \t]*["']?([^"'\n]+?)["']?[ \t]*$/m.exec(head)?.[1];
      layouts.set(name, layout);
    }
    return layouts.get(name);
  };
}

export function createRenderer(templatesDir: string, filters: Record<string, Filter>): Renderer {
  const env = new nunjucks.Environment(new TemplateLoader(templatesDir), { autoescape: true, throwOnUndefined: false });
  for (const [name, filter] of Object.entries(filters)) env.addFilter(name, filter as (...args: unknown[]) => unknown);
  return (name, context) => env.render(name, context);
}
