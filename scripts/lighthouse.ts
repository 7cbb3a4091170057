/**
 * `npm run lighthouse`: builds the sample site (content/) into a temporary folder, serves it
 * on 127.0.0.1 and runs Lighthouse 12 in Debian's Chromium (/usr/bin/chromium, launched by
 * chrome-launcher with a fresh profile and the flags of the browser tests) on the home page,
 * the newest post and that post's category: once with the desktop preset, and 3 times with
 * the default (mobile) settings, whose performance score is the median of the 3. Prints the
 * four scores (performance, accessibility, best practices, SEO) for each page and preset.
 * Not part of `npm test`: scores depend on the machine and on what else it is doing.
 *
 * `LIGHTHOUSE_RUNS` changes the number of mobile runs (default 3). `--site DIR` audits a site
 * already built there instead (the 50,000-post benchmark site: `npm run lighthouse -- --site DIR`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig, type Config, type Flags } from 'lighthouse';
import { CHROMIUM, CHROMIUM_FLAGS } from './lib/chromium.ts';
import { serveSite } from './lib/static-server.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
type Category = (typeof CATEGORIES)[number];
type Scores = Record<Category, number>;

const mobileRuns = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const { values: args } = parseArgs({ options: { site: { type: 'string' } } });
const built = args.site !== undefined;
const output = built ? resolve(args.site!) : mkdtempSync(join(tmpdir(), 'khabar-lighthouse-site-'));
const profile = mkdtempSync(join(tmpdir(), 'khabar-lighthouse-profile-'));

if (built) {
  console.log(`Auditing the site built in ${output}`);
} else {
  console.log('Building the sample site…');
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], {
    env: { ...process.env, KHABAR_OUTPUT: output },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/** The first href in `html` that matches `pattern`. */
function firstLink(html: string, pattern: RegExp): string {
  const href = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!).find((h) => pattern.test(h));
  if (href === undefined) throw new Error(`no link matching ${pattern}`);
  return href;
}
const home = readFileSync(join(output, 'index.html'), 'utf8');
const post = firstLink(home.slice(home.indexOf('<main')), /^\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/);
const postHtml = readFileSync(join(output, decodeURI(post), 'index.html'), 'utf8');
const category = firstLink(postHtml.slice(postHtml.indexOf('<main')), /^\/category\/[^/]+\/$/);
const pages = { home: '/', post, category };

const server = await serveSite(output);
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS],
  userDataDir: profile,
  logLevel: 'silent',
});

async function audit(url: string, config: Config | undefined): Promise<Scores> {
  const flags: Flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] };
  const result = await lighthouse(url, flags, config);
  if (result === undefined) throw new Error(`Lighthouse returned nothing for ${url}`);
  if (result.lhr.runtimeError) throw new Error(`${url}: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
  const scores = {} as Scores;
  for (const id of CATEGORIES) scores[id] = Math.round((result.lhr.categories[id]?.score ?? 0) * 100);
  return scores;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const rows: string[] = [];
try {
  for (const [name, path] of Object.entries(pages)) {
    const url = `${server.url}${path}`;
    console.log(`Auditing ${name} (${path})…`);
    const desktop = await audit(url, desktopConfig);
    const mobile: Scores[] = [];
    for (let i = 0; i < mobileRuns; i++) mobile.push(await audit(url, undefined));
    // Mobile: performance is the median of the runs; the other categories do not vary with load.
    const mobileScores: Scores = { ...mobile[0]!, performance: median(mobile.map((s) => s.performance)) };
    const line = (preset: string, s: Scores, note = ''): string =>
      `| ${name} | ${preset} | ${s.performance}${note} | ${s.accessibility} | ${s['best-practices']} | ${s.seo} |`;
    rows.push(line('desktop', desktop));
    rows.push(line('mobile', mobileScores, mobileRuns > 1 ? ` (runs: ${mobile.map((s) => s.performance).join(', ')})` : ''));
  }
} finally {
  chrome.kill();
  await server.close();
  if (!built) rmSync(output, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
}

const { version } = createRequire(import.meta.url)('lighthouse/package.json') as { version: string };
console.log(`\nLighthouse ${version}, ${CHROMIUM}`);
console.log(`Pages: ${Object.entries(pages).map(([name, path]) => `${name} ${path}`).join(', ')}\n`);
console.log('| page | preset | performance | accessibility | best practices | SEO |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
