import { realpathSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';

/**
 * The files the dev server serves as they are, by URL prefix: the site's assets, the web
 * fonts, editors' media and the search index. A request is answered only with a regular file
 * that really is inside its folder (no `..`, no link leading out of it).
 */
export type StaticRoots = readonly { prefix: string; dir: () => string | undefined }[];

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

/** The Content-Type of a file or page by its name. */
export function contentTypeOf(path: string): string {
  if (path.endsWith('/')) return 'text/html; charset=utf-8';
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** The file a request path names under one of the roots, or undefined. */
export function staticFile(roots: StaticRoots, path: string): string | undefined {
  for (const { prefix, dir } of roots) {
    if (!path.startsWith(prefix)) continue;
    const base = dir();
    if (base === undefined) return undefined;
    const rest = path.slice(prefix.length);
    if (rest === '' || rest.split('/').some((part) => part === '..' || part === '.' || part === '')) return undefined;
    try {
      const root = realpathSync(base);
      const file = realpathSync(join(base, rest));
      if (!file.startsWith(root + sep) || !statSync(file).isFile()) return undefined;
      return resolve(file);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
