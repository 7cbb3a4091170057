/**
 * A fixture site made by the tests: a content folder in a temporary directory with the
 * project's real categories and site data, and posts described by the test, then built
 * by the real `scripts/build.ts` in a child process (as `npm run build` would).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, copyFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parse as parseHtml, type HTMLElement } from 'node-html-parser';
import { stringifyFrontMatter } from '../../src/model/front-matter.ts';

export const repoRoot = new URL('../../', import.meta.url).pathname;

export interface FixtureFile {
  /** Path under the content folder, e.g. "posts/2024/01/a.md". */
  path: string;
  data?: Record<string, unknown>;
  body?: string;
  /** Raw file text; overrides data and body. */
  raw?: string;
}

export function makeContent(files: FixtureFile[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-content-'));
  mkdirSync(join(dir, '_data'), { recursive: true });
  copyFileSync(join(repoRoot, 'content/_data/categories.yaml'), join(dir, '_data/categories.yaml'));
  copyFileSync(join(repoRoot, 'content/_data/site.yaml'), join(dir, '_data/site.yaml'));
  for (const file of files) {
    const target = join(dir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.raw ?? stringifyFrontMatter(file.data ?? {}, file.body ?? ''));
  }
  return dir;
}

export interface BuildResult {
  status: number;
  stdout: string;
  stderr: string;
  output: string;
}

export function buildSite(contentDir: string, env: Record<string, string> = {}): BuildResult {
  const output = mkdtempSync(join(tmpdir(), 'khabar-site-'));
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], {
    cwd: repoRoot,
    env: { ...process.env, KHABAR_CONTENT: contentDir, KHABAR_OUTPUT: output, ...env },
    encoding: 'utf8',
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, output };
}

/** The HTML file a URL was written to, or null when there is none. */
export function readPage(output: string, url: string): HTMLElement | null {
  const file = join(output, decodeURI(url), url.endsWith('/') ? 'index.html' : '');
  return existsSync(file) ? parseHtml(readFileSync(file, 'utf8')) : null;
}

export function mustReadPage(output: string, url: string): HTMLElement {
  const page = readPage(output, url);
  if (page === null) throw new Error(`no page at ${url}`);
  return page;
}

/** Every HTML file under the output folder, as site URLs ("/2024/01/", "/404.html"). */
export function allPageUrls(output: string): string[] {
  const urls: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else if (entry.name === 'index.html') urls.push(prefix);
      else if (entry.name.endsWith('.html')) urls.push(`${prefix}${entry.name}`);
    }
  };
  walk(output, '/');
  return urls.sort();
}

/** Every file under a folder by its relative path, as a SHA-256 of its bytes. */
export function digestTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(root, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(root);
  return files;
}
