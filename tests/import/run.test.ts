/**
 * `npm run import-wordpress` end to end: the real command on the fixture exports (written for
 * Khabar: original text), into a fresh content folder, then `npm run check` and the real build.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportReport } from '../../src/import/report.ts';
import { FEEDS_DIR } from '../helpers/fixtures.ts';
import { buildSite, digestTree, makeContent, mustReadPage, readPage, repoRoot } from '../helpers/site-fixture.ts';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/wordpress/${name}`, import.meta.url));

interface Run {
  status: number;
  stdout: string;
  stderr: string;
  report: ImportReport | null;
}

function importInto(contentDir: string, exportFile: string, ...args: string[]): Run {
  const reportFile = join(contentDir, '..', `${Math.random().toString(36).slice(2)}-report.json`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import-wordpress.ts', exportFile, '--out', contentDir, '--report', reportFile, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  const report = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as ImportReport) : null;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, report };
}

function contentFiles(dir: string): string[] {
  const found: string[] = [];
  for (const folder of ['posts', 'pages', 'media']) {
    if (existsSync(join(dir, folder))) found.push(...readdirSync(join(dir, folder), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)));
  }
  return found.sort();
}

const imported = makeContent([]);
const first = importInto(imported, fixture('export.xml'), '--media', fixture('uploads'));

test('the import completes: posts, pages and drafts written, internal items skipped, all counted', () => {
  assert.equal(first.status, 0, first.stderr);
  const report = first.report!;
  assert.deepEqual(report.written, { posts: 12, pages: 2 });
  assert.equal(report.drafts, 4);
  assert.deepEqual(report.skipped, { attachment: 2, 'auto-draft': 1, nav_menu_item: 1, revision: 1, trash: 1 });
  assert.equal(report.comments, 3);
  assert.deepEqual(report.unknownCategories, { 'Art & Culture': 1, 'Water Projects': 1 });
  assert.deepEqual(report.shortcodes, { caption: 1, 'contact-form': 1, gallery: 1, poll: 1, youtube: 1 });
  // The .svg upload is of a kind the site does not publish: not copied, its link left to the old site.
  assert.deepEqual(report.media, { copied: 2, missing: 0, external: 1, missingFiles: [], refused: 1, refusedFiles: ['2015/06/wells-map.svg'] });
  assert.deepEqual(report.problems.map((p) => p.id), [104, 113]);
  assert.match(first.stdout, /Wrote 12 posts and 2 pages/);
  assert.ok(contentFiles(imported).includes(join('media', 'uploads', '2015', '06', 'well.jpg')));
  assert.ok(!contentFiles(imported).some((file) => file.endsWith('.svg')));
});

test('each item becomes the file the rules say', () => {
  const read = (path: string) => readFileSync(join(imported, path), 'utf8');
  const classic = read('posts/2015/06/kabul-water-supply-improves.md');
  assert.match(classic, /^title: "Kabul Water Supply Improves: Residents Welcome New Wells"$/m);
  assert.match(classic, /^date: "2015-06-10T08:30:00Z"$/m);
  assert.match(classic, /^author: "Farida Ahmadi"$/m);
  assert.match(classic, /^categories:\n {2}- "Health News"\n/m, 'Uncategorized dropped, known category kept');
  assert.match(classic, /^tags:\n {2}- "Water Projects"\n {2}- "Kabul"\n {2}- "Water & Sanitation"\n/m);
  assert.match(classic, /^description: "Twelve new wells open in Kabul\."$/m);
  assert.match(classic, /^aliases:\n {2}- "\/2015\/06\/10\/kabul-water-wells\/"\n {2}- "\/\?p=101"\n/m);
  assert.match(classic, /hours, to fetch clean water\. {2}\nThe city/, 'a single newline is a line break');
  assert.match(classic, /sixty metres down\.\n\n<!-- more -->\n\nRead also/);
  assert.match(classic, /\[the Nowruz market story\]\(\/2016\/03\/21\/nowruz-market-opens-in-herat\/\) and \[about us\]\(\/about-us\/\)/);
  assert.match(classic, /!\[A new well\]\(\/media\/uploads\/2015\/06\/well\.jpg\)/);
  assert.match(classic, /\[map of the wells\]\(https:\/\/old\.khabar\.example\/wp-content\/uploads\/2015\/06\/wells-map\.svg\)/);

  const block = read('posts/2016/03/nowruz-market-opens-in-herat.md');
  assert.match(block, /^title: "Nowruz Market Opens in Herat – Traders & Families Return"$/m, 'entities decoded once more');
  assert.match(block, /^video: "https:\/\/www\.youtube\.com\/watch\?v=Xk3nD9pQr2s"$/m);
  assert.match(block, /^aliases:\n {2}- "\/2016\/03\/20\/nowruz-market-opens-in-herat\/"/m, 'the Kabul day differs from the old URL day');
  assert.doesNotMatch(block, /wp:|youtube\.com\/watch\?v=Xk3nD9pQr2s\n\n|figure/);

  const dari = read('posts/2017/01/برق-کابل-بهتر-میشود.md');
  assert.match(dari, /^slug: "برق-کابل-بهتر-میشود"$/m);
  assert.match(dari, /^lang: "fa"$/m);
  const pashto = read('posts/2018/04/د-کابل-ښار-ته-نوې-ونې.md');
  assert.match(pashto, /^lang: "ps"$/m);

  const shortcodes = read('posts/2019/05/photos-new-school-bamyan.md');
  assert.match(shortcodes, /^video: "https:\/\/www\.youtube\.com\/watch\?v=Bm4yS7tQw1E"$/m);
  assert.match(shortcodes, /!\[Pupils outside the school\]\(\/media\/uploads\/2015\/06\/well\.jpg\)\n\nPupils outside the new school/);
  assert.match(shortcodes, /!\[school\]\(\/media\/uploads\/2019\/05\/school\.png\)/);
  assert.match(shortcodes, /Write to the school/);
  assert.doesNotMatch(shortcodes, /\[(?:poll|gallery|caption|contact-form)/);

  assert.match(read('pages/our-team.md'), /^aliases:\n {2}- "\/about-us\/our-team\/"\n {2}- "\/\?page_id=202"\n/m);
  for (const draft of ['a-draft-about-the-budget', 'a-private-note', 'members-only-interview', 'pending-review-story']) {
    const text = read(`posts/2019/02/${draft}.md`);
    assert.match(text, /^draft: true$/m, draft);
    assert.doesNotMatch(text, /^aliases:/m, draft);
  }
  assert.match(read('posts/2030/09/election-results-expected.md'), /^date: "2030-09-01T07:30:00Z"$/m);
  assert.ok(!contentFiles(imported).some((f) => /deleted-story|auto-draft|well\.md|home/.test(f)));
});

test('the imported content passes npm run check and builds: old URLs redirect, drafts are absent, RTL posts render RTL', () => {
  const check = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check.ts'], { cwd: repoRoot, env: { ...process.env, KHABAR_CONTENT: imported }, encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout + check.stderr);
  const build = buildSite(imported, { KHABAR_NOW: '2026-12-01T00:00:00Z' });
  assert.equal(build.status, 0, build.stderr);
  try {
    const redirects = readFileSync(join(build.output, '_redirects'), 'utf8');
    assert.match(redirects, /^\/2016\/03\/20\/nowruz-market-opens-in-herat\/ \/2016\/03\/21\/nowruz-market-opens-in-herat\/ 301$/m);
    assert.match(redirects, /^\/ p=101 \/2015\/06\/10\/kabul-water-supply-improves\/ 301$/m);
    assert.match(redirects, /^\/about-us\/our-team\/ \/our-team\/ 301$/m);
    const stub = mustReadPage(build.output, '/2015/06/10/kabul-water-wells/');
    assert.match(stub.querySelector('meta[http-equiv="refresh"]')?.getAttribute('content') ?? '', /\/2015\/06\/10\/kabul-water-supply-improves\/$/);
    for (const secret of ['DRAFT-SECRET', 'PRIVATE-SECRET', 'PASSWORD-SECRET', 'PENDING-SECRET', 'TRASH-SECRET']) {
      const leaked = [...digestTree(build.output).keys()].filter((file) => readFileSync(join(build.output, file), 'latin1').includes(secret));
      assert.deepEqual(leaked, [], secret);
    }
    assert.equal(readPage(build.output, '/2019/02/03/members-only-interview/'), null);
    const dari = mustReadPage(build.output, '/2017/01/05/برق-کابل-بهتر-میشود/');
    assert.equal(dari.querySelector('html')?.getAttribute('dir'), 'rtl');
    assert.equal(dari.querySelector('html')?.getAttribute('lang'), 'fa');
    assert.equal(mustReadPage(build.output, '/2018/04/02/د-کابل-ښار-ته-نوې-ونې/').querySelector('html')?.getAttribute('lang'), 'ps');
    assert.ok(existsSync(join(build.output, 'media', 'uploads', '2019', '05', 'school.png')));
  } finally {
    rmSync(build.output, { recursive: true, force: true });
  }
});

test('a second run writes nothing and leaves editors’ changes alone; the same export gives the same bytes', () => {
  const edited = join(imported, 'posts/2015/06/kabul-water-supply-improves.md');
  writeFileSync(edited, readFileSync(edited, 'utf8').replace('Twelve wells', 'Twelve deep wells'));
  const before = digestTree(imported);
  const again = importInto(imported, fixture('export.xml'), '--media', fixture('uploads'));
  assert.equal(again.status, 0, again.stderr);
  assert.deepEqual(again.report!.written, { posts: 0, pages: 0 });
  assert.equal(again.report!.unchanged, 14);
  assert.deepEqual(digestTree(imported), before);

  const fresh = makeContent([]);
  try {
    assert.equal(importInto(fresh, fixture('export.xml'), '--media', fixture('uploads')).status, 0);
    const a = digestTree(fresh);
    const b = digestTree(imported);
    const differ = [...a.keys()].filter((file) => a.get(file) !== b.get(file));
    assert.deepEqual(differ, [join('posts', '2015', '06', 'kabul-water-supply-improves.md')], 'only the edited file differs');
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
});

test('--dry-run reports and writes nothing; without --media the old links stay absolute and are counted', () => {
  const dir = makeContent([]);
  try {
    const dry = importInto(dir, fixture('export.xml'), '--dry-run');
    assert.equal(dry.status, 0, dry.stderr);
    assert.deepEqual(dry.report!.written, { posts: 12, pages: 2 });
    assert.deepEqual(contentFiles(dir), []);
    assert.equal(dry.report!.media.external, 5);
    assert.equal(importInto(dir, fixture('export.xml')).status, 0);
    assert.match(readFileSync(join(dir, 'posts/2015/06/kabul-water-supply-improves.md'), 'utf8'), /\(https:\/\/old\.khabar\.example\/wp-content\/uploads\/2015\/06\/well\.jpg\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an export cut short: exit 1, the complete items before it written, the line named', () => {
  const dir = makeContent([]);
  try {
    const run = importInto(dir, fixture('cut-short.xml'));
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(run.report!.written, { posts: 2, pages: 0 });
    assert.match(run.stdout, /The export stops at line \d+: the file ends inside <item>/);
    assert.deepEqual(contentFiles(dir), [join('posts', '2015', '06', 'kabul-water-supply-improves.md'), join('posts', '2016', '03', 'nowruz-market-opens-in-herat.md')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('not WXR, a missing file or bad usage: exit 2 and nothing written', () => {
  const dir = makeContent([]);
  try {
    for (const args of [[join(FEEDS_DIR, 'rss-guardian.xml')], [join(FEEDS_DIR, 'json-npr-world.json')], [join(dir, 'missing.xml')], [], [fixture('export.xml'), '--time-zone', 'Mars/Olympus'], [fixture('export.xml'), '--bogus']]) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import-wordpress.ts', ...args, '--out', dir, '--report', join(dir, 'r.json')], { cwd: repoRoot, encoding: 'utf8' });
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, /^import-wordpress: /, args.join(' '));
    }
    assert.deepEqual(contentFiles(dir), []);
    const notContent = mkdtempSync(join(tmpdir(), 'khabar-not-content-'));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import-wordpress.ts', fixture('export.xml'), '--out', notContent], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /must be a Khabar content folder/);
    rmSync(notContent, { recursive: true, force: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the command as npm runs it (bundled, without tsx) writes the same files', () => {
  const viaTsx = makeContent([]);
  const viaBundle = makeContent([]);
  try {
    assert.equal(importInto(viaTsx, fixture('export.xml'), '--media', fixture('uploads')).status, 0);
    const run = spawnSync(process.execPath, ['scripts/lib/run-bundled.mjs', 'scripts/import-wordpress.ts', fixture('export.xml'), '--out', viaBundle, '--media', fixture('uploads'), '--report', join(viaBundle, '..', 'bundled-report.json')], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Wrote 12 posts and 2 pages/);
    assert.deepEqual(digestTree(viaBundle), digestTree(viaTsx));
  } finally {
    rmSync(viaTsx, { recursive: true, force: true });
    rmSync(viaBundle, { recursive: true, force: true });
  }
});

test('--no-worker (as on a one-core machine) finishes and writes the same files', () => {
  const alone = makeContent([]);
  try {
    const run = importInto(alone, fixture('export.xml'), '--media', fixture('uploads'), '--no-worker');
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.report!.written, { posts: 12, pages: 2 });
    const a = digestTree(alone);
    const b = digestTree(imported);
    // `imported` holds one editor's change (the test above): every other file is the same.
    assert.deepEqual([...a.keys()].filter((file) => a.get(file) !== b.get(file)), [join('posts', '2015', '06', 'kabul-water-supply-improves.md')]);
  } finally {
    rmSync(alone, { recursive: true, force: true });
  }
});

test.after(() => rmSync(imported, { recursive: true, force: true }));
