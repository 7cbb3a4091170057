/**
 * A static file server for a built site on 127.0.0.1, as a static host serves it; used by the
 * browser tests and `npm run lighthouse`.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export interface SiteServer {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a built site as a static host does: `/x/` is `/x/index.html`, `/x` (a folder)
 * redirects to `/x/`, files get their content type, and anything else is /404.html with 404.
 */
export async function serveSite(root: string): Promise<SiteServer> {
  const base = resolve(root);
  const sockets = new Set<Socket>();
  const fileAt = (pathname: string): string | null => {
    let path: string;
    try {
      path = resolve(base, `.${decodeURIComponent(pathname)}`);
    } catch {
      return null;
    }
    if (path !== base && !path.startsWith(base + sep)) return null;
    try {
      const stat = statSync(path);
      if (stat.isDirectory()) return pathname.endsWith('/') ? fileAt(`${pathname}index.html`) : `${path}${sep}`;
      return stat.isFile() ? path : null;
    } catch {
      return null;
    }
  };
  const server = createServer((req, res) => {
    const { pathname, search } = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = fileAt(pathname);
    if (file?.endsWith(sep)) {
      res.writeHead(301, { location: `${pathname}/${search}` }).end();
      return;
    }
    const status = file === null ? 404 : 200;
    const path = file ?? join(base, '404.html');
    res.writeHead(status, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(path).pipe(res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((done) => server.close(() => done()));
    },
  };
}
