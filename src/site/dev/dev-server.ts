import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, relative, sep } from 'node:path';
import type { Settings } from '../../model/settings.ts';
import { DevSearch } from './dev-search.ts';
import { DevSite, pageUrlOf } from './dev-site.ts';
import { EVENTS_PATH, injectDevScript, LiveReload } from './live-reload.ts';
import { contentTypeOf, staticFile, type StaticRoots } from './static-files.ts';
import { watchFolders } from './watch.ts';

/**
 * `npm start`'s server: the site in memory (dev-site.ts), pages rendered when asked for,
 * static files from their folders, live reload (live-reload.ts) and the search index made
 * in the background (dev-search.ts). Nothing is written to the output folder.
 */
export interface DevServerOptions {
  settings: Pick<Settings, 'contentDir' | 'cacheDir' | 'fixedNow' | 'sitemapLimit' | 'searchShardSize' | 'searchWorkers'>;
  port: number;
  host?: string;
  root?: string;
  /** The templates folder (default: templates/ under the root). */
  templatesDir?: string;
  log?: (line: string) => void;
}

export interface DevServer {
  url: string;
  site: DevSite;
  search: DevSearch;
  /** Stops serving; by default after the search index being made is done (`waitForSearch: false`: at once). */
  close(options?: { waitForSearch?: boolean }): Promise<void>;
}

/** How long the search index waits after the last content change before it is made again. */
const SEARCH_DELAY_MS = 1500;

/** The two web fonts the build copies to /assets/fonts/ (eleventy-plugin.ts). */
const FONTS = /^\/assets\/fonts\/vazirmatn-arabic-(400|700)-normal\.woff2$/;

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const root = options.root ?? process.cwd();
  const log = options.log ?? ((line: string) => console.log(line));
  const started = performance.now();
  const seconds = (): string => ((performance.now() - started) / 1000).toFixed(2);

  const site = new DevSite({ settings: options.settings, root, ...(options.templatesDir === undefined ? {} : { templatesDir: options.templatesDir }) });
  await site.start();
  if (site.error === undefined) log(`Loaded ${site.buildState?.posts.size ?? 0} posts and ${site.buildState?.pages.size ?? 0} pages in ${seconds()} s`);
  else log(site.error);

  const live = new LiveReload();
  // The search index's own folder; its shard cache beside the build's when there is a build cache.
  const work = mkdtempSync(join(tmpdir(), 'khabar-dev-search-'));
  const search = new DevSearch({
    workDir: join(work, 'runs'),
    cacheDir: options.settings.cacheDir === null ? join(work, 'cache') : join(options.settings.cacheDir, 'dev'),
    timeZone: () => site.buildState?.site.timeZone ?? 'UTC',
    ...(options.settings.searchShardSize === null ? {} : { shardSize: options.settings.searchShardSize }),
    ...(options.settings.searchWorkers === null ? {} : { workers: options.settings.searchWorkers }),
    onCurrent: (version) => {
      if (version === contentVersion) {
        log(`Search index up to date (${seconds()} s)`);
        live.send('search');
      }
    },
    onError: (error) => log(`search index: ${error instanceof Error ? error.message : String(error)}`),
  });
  // Content changes, counted: the search index is current when it was made from the latest.
  let contentVersion = 0;
  // A run starts with a second of work on this thread (every post's text hashed, unchanged
  // shards copied): it waits until the edits have stopped for a moment, so the page the
  // browser reloads after a save is not kept waiting behind it.
  let reindexTimer: NodeJS.Timeout | undefined;
  const reindex = (delayMs = SEARCH_DELAY_MS): void => {
    if (reindexTimer !== undefined) clearTimeout(reindexTimer);
    reindexTimer = setTimeout(() => {
      reindexTimer = undefined;
      const model = site.model;
      if (model !== undefined) search.update(contentVersion, () => model.index.posts);
    }, delayMs);
  };

  const fontsDir = join(root, 'node_modules', '@fontsource', 'vazirmatn', 'files');
  const roots: StaticRoots = [
    { prefix: '/pagefind/', dir: () => search.served },
    { prefix: '/assets/fonts/', dir: () => fontsDir },
    { prefix: '/assets/', dir: () => join(site.templatesDir, 'assets') },
    { prefix: '/media/', dir: () => join(site.contentDir, 'media') },
  ];

  const stopWatching = watchFolders([site.contentDir, site.templatesDir], (changes) => {
    const at = performance.now();
    let content = false;
    for (const { dir, paths } of changes) {
      if (dir === site.templatesDir) {
        // The assets are served from their folder: only a template makes a new renderer.
        if (paths.some((path) => path === null || !relative(site.templatesDir, path).startsWith(`assets${sep}`))) site.templatesChanged();
        continue;
      }
      content = true;
      if (paths.includes(null)) site.load();
      else site.contentChanged(paths as string[]);
    }
    if (content) {
      contentVersion++;
      reindex();
    }
    log(site.error ?? `Updated in ${((performance.now() - at) / 1000).toFixed(2)} s`);
    live.send('reload');
  });

  const server = createServer((request, response) => {
    try {
      handle(request, response);
    } catch (error) {
      log(error instanceof Error ? (error.stack ?? error.message) : String(error));
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', Buffer.from(`Khabar dev server: ${String(error)}\n`));
    }
  });

  const send = (response: ServerResponse, status: number, type: string, body: Buffer, head = false, headers: Record<string, string> = {}): void => {
    response.writeHead(status, { 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'no-store', ...headers });
    response.end(head ? undefined : body);
  };

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const head = request.method === 'HEAD';
    if (request.method !== 'GET' && !head) return send(response, 405, 'text/plain; charset=utf-8', Buffer.from('GET only\n'), head, { Allow: 'GET, HEAD' });
    const url = new URL(request.url ?? '/', 'http://localhost');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return send(response, 400, 'text/plain; charset=utf-8', Buffer.from('Bad URL\n'), head);
    }
    if (path === EVENTS_PATH) return live.attach(response);
    if (path === '/__khabar/status') {
      const status = { version: site.version, error: site.error ?? null, search: { current: search.servedVersion === contentVersion, ready: search.served !== undefined } };
      return send(response, 200, 'application/json; charset=utf-8', Buffer.from(`${JSON.stringify(status)}\n`), head);
    }
    const file = FONTS.test(path) || !path.startsWith('/assets/fonts/') ? staticFile(roots, path) : undefined;
    if (file !== undefined) {
      response.writeHead(200, { 'Content-Type': contentTypeOf(file), 'Cache-Control': 'no-store' });
      if (head) response.end();
      else createReadStream(file).pipe(response);
      return;
    }
    if (site.error !== undefined) {
      const page = `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Khabar: the content has problems</title></head>\n<body>\n<h1>The content has problems</h1>\n<pre>${escapeHtml(site.error)}</pre>\n<p>Fix them and save: this page reloads.</p>\n</body></html>\n`;
      return send(response, 500, 'text/html; charset=utf-8', injectDevScript(Buffer.from(page)), head);
    }
    const pageUrl = pageUrlOf(path);
    const page = site.page(pageUrl);
    if (page === undefined && !pageUrl.endsWith('/') && extname(pageUrl) === '' && site.page(`${pageUrl}/`) !== undefined) {
      return send(response, 301, 'text/plain; charset=utf-8', Buffer.from('Moved\n'), head, { Location: `${pageUrl}/${url.search}` });
    }
    const found = page ?? site.notFound();
    if (found === undefined) return send(response, 404, 'text/plain; charset=utf-8', Buffer.from('Not found\n'), head);
    const type = found.url.endsWith('/') || found.url.endsWith('.html') ? 'text/html; charset=utf-8' : extname(found.url) === '' ? 'text/plain; charset=utf-8' : contentTypeOf(found.url);
    const body = type.startsWith('text/html') ? injectDevScript(found.body, { staleSearch: found.url === '/search/' && search.servedVersion !== contentVersion }) : found.body;
    send(response, found.status, type, body, head);
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const shownHost = options.host === undefined || options.host === '127.0.0.1' ? 'localhost' : options.host;
  const serverUrl = `http://${shownHost}:${port}/`;
  log(`Serving ${serverUrl} (${seconds()} s)`);
  reindex(0);

  return {
    url: serverUrl,
    site,
    search,
    async close({ waitForSearch = true } = {}) {
      stopWatching();
      if (reindexTimer !== undefined) clearTimeout(reindexTimer);
      live.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (waitForSearch) await search.idle();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]!};`);
}
