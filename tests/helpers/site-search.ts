/**
 * A built site's search, run in Node as a reader's browser runs it: Pagefind's own bundle and
 * the site's search script, loaded from the output folder, fetching what they need from a
 * local server of it (Pagefind fetches relative to the page, so fetch resolves against
 * /search/). One at a time: it replaces globalThis.fetch until `close`.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveFolder, startTestServer } from './http-server.ts';

export interface PagefindBundle {
  destroy(): Promise<void>;
}

export interface SiteSearch<Search> {
  /** The local server's origin: the bundle is at `${origin}/pagefind/`. */
  origin: string;
  pagefind: PagefindBundle;
  /** The site's assets/search.js, typed by the test that reads it. */
  search: Search;
  close(): Promise<void>;
}

export async function openSiteSearch<Search>(output: string): Promise<SiteSearch<Search>> {
  const server = await startTestServer();
  serveFolder(server, output);
  const origin = server.url;
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input: string | URL | Request, init?: RequestInit) =>
    realFetch(new URL(input instanceof Request ? input.url : String(input), `${origin}/search/`), init);
  const pagefind = (await import(pathToFileURL(join(output, 'pagefind/pagefind.js')).href)) as PagefindBundle;
  const search = (await import(pathToFileURL(join(output, 'assets/search.js')).href)) as Search;
  return {
    origin,
    pagefind,
    search,
    close: async () => {
      await pagefind.destroy();
      globalThis.fetch = realFetch;
      await server.close();
    },
  };
}
