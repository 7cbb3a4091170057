/**
 * The dev server benchmark (`npm run bench`, or alone: `npx tsx bench/dev-server.ts --posts N`, or `--corpus DIR` for a content folder of one's own):
 * `npm start`'s server (scripts/serve.ts, in a child process) on an N-post corpus, timed as an
 * editor meets it:
 * - first serve: from starting the process to the home page's first answer (with an empty
 *   build cache), and the same for a restart with the cache the first run filled;
 * - search: from starting to the search index being up to date (it is made in the background);
 * - edit to visible, for each kind of change: the file is written, then the page that shows
 *   the change is polled (every 20 ms) until it does.
 * Figures are printed (and go to bench/results.md with --write); nothing is asserted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { loadCategories } from '../src/model/categories.ts';
import { parseFrontMatter, stringifyFrontMatter } from '../src/model/front-matter.ts';
import { validatePost } from '../src/model/schema.ts';
import { loadSiteConfig } from '../src/model/site-config.ts';
import { categoryUrl } from '../src/site/index/urls.ts';
import { PAGE_TYPES } from '../src/site/page-types.ts';
import { cachedCorpus } from './lib/corpus-cache.ts';
import { NOW } from './lib/khabar-build.ts';
import { load } from './lib/measure.ts';
import type { Report } from './lib/results.ts';

const REPO = new URL('..', import.meta.url).pathname;

export interface DevFigures {
  posts: number;
  /** Seconds from starting the process to the first page. */
  firstServe: number;
  restart: number;
  /** Seconds from starting to the search index being up to date (first start). */
  searchReady: number | undefined;
  edits: { kind: string; seconds: number }[];
  load: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** Polls `url` until `done`; the seconds since `from`. */
async function pollUntil(url: string, done: (status: number, text: string) => boolean, from: number, timeoutSeconds = 900): Promise<number> {
  for (;;) {
    try {
      const response = await fetch(url);
      const text = await response.text();
      if (done(response.status, text)) return (performance.now() - from) / 1000;
    } catch {
      // Not listening yet.
    }
    if ((performance.now() - from) / 1000 > timeoutSeconds) throw new Error(`${url}: no change after ${timeoutSeconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface Served {
  child: ChildProcess;
  base: string;
  started: number;
  searchReady: Promise<number>;
}

function startServer(root: string, content: string, cache: string, port: number): Served {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'scripts/serve.ts')], {
    cwd: root,
    env: { ...process.env, KHABAR_CONTENT: content, KHABAR_NOW: NOW, KHABAR_CACHE: cache, PORT: String(port), DEBUG: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const searchReady = new Promise<number>((resolve) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Search index up to date')) resolve((performance.now() - started) / 1000);
    });
  });
  return { child, base: `http://127.0.0.1:${port}`, started, searchReady };
}

async function stop(served: Served): Promise<void> {
  const exited = new Promise((resolve) => served.child.once('exit', resolve));
  served.child.kill('SIGTERM');
  await exited;
}

/** The newest post of the corpus (in its last month's folder): its file, data, body and URL. */
function newestPost(content: string, timeZone: string): { file: string; data: Record<string, unknown>; body: string; url: string; date: Date } {
  const last = (dir: string): string => join(dir, readdirSync(dir).filter((name) => /^\d+$/.test(name)).sort().at(-1)!);
  const month = last(last(join(content, 'posts')));
  let best: ReturnType<typeof newestPost> | undefined;
  for (const name of readdirSync(month).filter((n) => n.endsWith('.md'))) {
    const file = join(month, name);
    const parsed = parseFrontMatter(readFileSync(file, 'utf8'));
    const valid = validatePost(parsed.data);
    if (!valid.ok || valid.value.draft || valid.value.date.getTime() > Date.parse(NOW)) continue;
    if (best === undefined || valid.value.date > best.date) {
      best = { file, data: parsed.data, body: parsed.body, url: PAGE_TYPES.post.urlOf(valid.value, timeZone), date: valid.value.date };
    }
  }
  if (best === undefined) throw new Error(`no published post in ${month}`);
  return best;
}

/** Starts the dev server on a copy of `corpusDir`, edits it and measures; `scratch` is removed after. */
export async function devServerBench(corpusDir: string, posts: number, scratch: string): Promise<DevFigures> {
  const note = (text: string): void => console.log(`  · dev server: ${text}`);
  // A project folder of the run's own: a copy of the templates (the benchmark edits one) and the corpus.
  const root = mkdtempSync(join(scratch, 'dev-'));
  cpSync(join(REPO, 'templates'), join(root, 'templates'), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
  const content = join(root, 'content');
  cpSync(corpusDir, content, { recursive: true });
  const cache = join(root, 'cache');
  const site = loadSiteConfig(join(content, '_data/site.yaml'));
  const categories = loadCategories(join(content, '_data/categories.yaml'));
  const post = newestPost(content, site.timeZone);
  const edits: DevFigures['edits'] = [];
  try {
    let served = startServer(root, content, cache, await freePort());
    const firstServe = await pollUntil(`${served.base}/`, (status) => status === 200, served.started);
    note(`first serve ${firstServe.toFixed(2)} s (empty build cache)`);
    const page = (url: string): string => `${served.base}${encodeURI(url)}`;

    const change = async (kind: string, apply: () => void, url: string, done: (status: number, text: string) => boolean): Promise<void> => {
      const from = performance.now();
      apply();
      const seconds = await pollUntil(page(url), done, from);
      edits.push({ kind, seconds });
      note(`${kind}: visible after ${seconds.toFixed(2)} s`);
    };
    const write = (data: Record<string, unknown>, body: string): void => writeFileSync(post.file, stringifyFrontMatter(data, body));

    await change('post body', () => write(post.data, `${post.body}\n\nBench body edit one.\n`), post.url, (_s, text) => text.includes('Bench body edit one.'));
    // The slug is kept, so the post keeps its URL; the home page (a list) and sidebar show the title.
    const slug = post.url.split('/').filter(Boolean).at(-1)!;
    const retitled = { ...post.data, title: 'Bench retitled post', slug };
    await change('post title', () => write(retitled, post.body), '/', (_s, text) => text.includes('Bench retitled post'));
    const own = new Set(Array.isArray(post.data.categories) ? (post.data.categories as string[]) : []);
    const other = categories.all.find((c) => !own.has(c.name))!;
    // In the list itself, not the sidebar's recent posts.
    const inMain = (text: string): string => text.slice(text.indexOf('<main'), text.indexOf('</main>'));
    await change('post categories', () => write({ ...retitled, categories: [other.name] }, post.body), categoryUrl(other.slug), (_s, text) => inMain(text).includes('Bench retitled post'));
    const newFile = join(post.file, '..', 'bench-new-post.md');
    const newDate = new Date(post.date.getTime() + 60_000);
    const newUrl = PAGE_TYPES.post.urlOf({ date: newDate, title: 'Bench new post' }, site.timeZone);
    await change('new post', () => writeFileSync(newFile, stringifyFrontMatter({ title: 'Bench new post', date: newDate.toISOString(), categories: [other.name], tags: [] }, 'A new post.\n')), '/', (_s, text) => text.includes('Bench new post'));
    await change('deleted post', () => unlinkSync(newFile), newUrl, (status) => status === 404);
    const base = join(root, 'templates/layouts/base.njk');
    await change('template', () => writeFileSync(base, readFileSync(base, 'utf8').replace('</main>', '</main><!-- bench template edit -->')), post.url, (_s, text) => text.includes('bench template edit'));
    const siteFile = join(content, '_data/site.yaml');
    await change('site.yaml', () => writeFileSync(siteFile, readFileSync(siteFile, 'utf8').replace(/^name: .*$/m, 'name: Bench Site Name')), '/', (_s, text) => text.includes('Bench Site Name'));

    // The search index of the first start, however long it takes (bounded by the poll's own limit).
    const searchReady = await Promise.race([served.searchReady, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 900_000))]);
    note(searchReady === undefined ? 'search index not ready after 15 minutes' : `search index up to date ${searchReady.toFixed(1)} s after starting`);
    await stop(served);

    served = startServer(root, content, cache, await freePort());
    const restart = await pollUntil(`${served.base}/`, (status) => status === 200, served.started);
    note(`restart with the build cache: first serve ${restart.toFixed(2)} s`);
    await stop(served);
    return { posts, firstServe, restart, searchReady, edits, load: load() };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The Markdown files under `dir`. */
function countPosts(dir: string): number {
  return readdirSync(dir, { recursive: true }).filter((name) => String(name).endsWith('.md')).length;
}

/** The dev server's section of bench/results.md. */
export function devServerSection(report: Report, figures: DevFigures): void {
  const { say } = report;
  say('');
  say(`## Dev server (\`npm start\`, N = ${figures.posts.toLocaleString('en-US')}; bench/dev-server.ts; load ${figures.load})`);
  say('');
  say('| measure | seconds |');
  say('|---|---:|');
  say(`| first serve, empty build cache | ${figures.firstServe.toFixed(2)} |`);
  say(`| first serve, restart with the build cache | ${figures.restart.toFixed(2)} |`);
  say(`| search index up to date after start | ${figures.searchReady === undefined ? 'not within 15 min' : figures.searchReady.toFixed(1)} |`);
  for (const edit of figures.edits) say(`| edit to visible: ${edit.kind} | ${edit.seconds.toFixed(2)} |`);
  say('');
  say('First serve: from starting `node --import tsx scripts/serve.ts` to the home page’s first answer. Edit to visible: from writing the file to the page that shows the change answering with it (polled every 20 ms); the page is rendered on that request.');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // --corpus DIR: an existing content folder (copied, never written), instead of a generated one.
  const { values } = parseArgs({ options: { posts: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' }, corpus: { type: 'string' } } });
  const corpus = values.corpus === undefined ? cachedCorpus(Number(values.posts), values.seed) : { dir: values.corpus };
  const posts = values.corpus === undefined ? Number(values.posts) : countPosts(join(values.corpus, 'posts'));
  const scratch = mkdtempSync(join(tmpdir(), 'khabar-bench-dev-'));
  console.log(`Dev server benchmark: ${posts.toLocaleString('en-US')} posts (${corpus.dir}); load ${load()}`);
  devServerBench(corpus.dir, posts, scratch)
    .then((figures) => console.log(JSON.stringify(figures)))
    .finally(() => rmSync(scratch, { recursive: true, force: true }))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    });
}
