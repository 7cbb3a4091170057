/**
 * WordPress's numeric links on a static host: the imported fixture export is built, served as
 * a static host serves it (no `_redirects`), and Chromium opens the old links. `/?p=ID` and
 * `/?page_id=ID` reach the home page, `/index.php?p=ID` the 404 page; their script sends the
 * reader to the post's new URL. An unknown id stays where it is.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { buildSite, makeContent, repoRoot } from '../helpers/site-fixture.ts';
import { launchBrowser, newContext, NOW, serveSite, type SiteServer } from './helpers.ts';

let server: SiteServer;
let browser: Browser;

before(async () => {
  const content = makeContent([]);
  const exportFile = fileURLToPath(new URL('../fixtures/wordpress/export.xml', import.meta.url));
  const imported = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import-wordpress.ts', exportFile, '--out', content, '--report', `${content}/../import-report.json`], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(imported.status, 0, imported.stderr);
  const site = buildSite(content, { KHABAR_NOW: NOW.replace('2024', '2026') });
  assert.equal(site.status, 0, site.stderr);
  server = await serveSite(site.output);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Where the reader ends up: after the page's look-up of the id map has been answered (and acted on). */
async function landing(path: string): Promise<string> {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    const lookedUp = page.waitForResponse((response) => response.url().includes('/old-ids/'));
    await page.goto(`${server.url}${path}`);
    await lookedUp;
    await page.waitForLoadState('load');
    // A redirect starts right after the answer; give it time to happen before reading the URL.
    await page.waitForTimeout(300);
    await page.waitForLoadState('load');
    return decodeURI(new URL(page.url()).pathname + new URL(page.url()).search);
  } finally {
    await context.close();
  }
}

test('/?p=ID and /?page_id=ID go to the new URL', async () => {
  assert.equal(await landing('/?p=102'), '/2016/03/21/nowruz-market-opens-in-herat/');
  assert.equal(await landing('/?page_id=202'), '/our-team/');
  assert.equal(await landing('/?p=103'), '/2017/01/05/برق-کابل-بهتر-میشود/');
});

test('an old link to another path reaches the 404 page, which sends it on too', async () => {
  assert.equal(await landing('/index.php?p=101&utm_source=x'), '/2015/06/10/kabul-water-supply-improves/');
});

test('an unknown or unpublished id stays on the home page', async () => {
  assert.equal(await landing('/?p=999999'), '/?p=999999');
  assert.equal(await landing('/?p=105'), '/?p=105', 'a draft has no public URL');
});
