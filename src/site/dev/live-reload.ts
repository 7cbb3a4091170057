import type { ServerResponse } from 'node:http';

/**
 * Live reload: every page the dev server sends (never a built file) gets a small script that
 * listens to /__khabar/events (Server-Sent Events) and reloads the page when the site
 * changes; the search page also hears when its index has caught up with the content.
 */
export const EVENTS_PATH = '/__khabar/events';

const SCRIPT = `<script type="module" data-khabar-dev>
const events = new EventSource(${JSON.stringify(EVENTS_PATH)});
events.addEventListener('reload', () => location.reload());
events.addEventListener('search', () => document.getElementById('khabar-dev-search')?.remove());
</script>
`;

/** Shown on the search page while the search index is older than the content. */
export const STALE_SEARCH_NOTICE =
  'The search index is being updated: results may not include the latest changes yet. This note goes when it is done.';

const NOTICE = `<p id="khabar-dev-search" role="status" style="position:fixed;bottom:0;left:0;right:0;margin:0;padding:.5em 1em;background:#ffd;color:#000;border-top:1px solid #aa8">${STALE_SEARCH_NOTICE}</p>\n`;

/** The page with the dev script (and the search notice) before its last </body>; other files unchanged. */
export function injectDevScript(body: Buffer, options: { staleSearch?: boolean } = {}): Buffer {
  const at = body.lastIndexOf('</body>');
  if (at === -1) return body;
  const extra = (options.staleSearch === true ? NOTICE : '') + SCRIPT;
  return Buffer.concat([body.subarray(0, at), Buffer.from(extra), body.subarray(at)]);
}

export class LiveReload {
  private readonly clients = new Set<ServerResponse>();

  /** Keeps the response open as an event stream. */
  attach(response: ServerResponse): void {
    response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    response.write(': khabar dev server\n\n');
    this.clients.add(response);
    response.on('close', () => this.clients.delete(response));
  }

  send(event: 'reload' | 'search'): void {
    for (const client of this.clients) client.write(`event: ${event}\ndata: {}\n\n`);
  }

  close(): void {
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}
