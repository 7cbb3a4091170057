/**
 * Accessibility: axe-core (through @axe-core/playwright) finds no WCAG 2.0/2.1 A and AA
 * violation, and no best-practice one, on every page type of the fixture site, in the light
 * and in the dark colour scheme. The search page is checked empty and with results shown.
 *
 * Each page is loaded once: axe runs in the light scheme (the context's `colorScheme`), then
 * the page is switched to dark with `page.emulateMedia` (the same `prefers-color-scheme`
 * emulation as the context option, without a second load) and axe runs again. Both looks are
 * saved as screenshots: test-results/screenshots/desktop-<page type>-<scheme>.png.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildFixture, evaluate, launchBrowser, newContext, PAGE_TYPES, screenshot, serveSite, waitForSearchReady, type SiteServer } from './helpers.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const SCHEMES = ['light', 'dark'] as const;

let server: SiteServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

before(async () => {
  server = await serveSite(buildFixture());
  browser = await launchBrowser();
  context = await newContext(browser, { colorScheme: 'light' });
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * axe-core's own source, injected only where the page has no axe yet: AxeBuilder evaluates
 * the source twice per analysis, and 550 kB parsed and run 4 times per page was most of this
 * file's time on a 2-core machine. (It is the axe-core that @axe-core/playwright itself uses.)
 */
const require = createRequire(import.meta.url);
const axeCore = createRequire(require.resolve('@axe-core/playwright'))('axe-core') as { source: string; version: string };
const AXE_SOURCE = `if (typeof window.axe === 'undefined') {\n${axeCore.source}\n}`;

/** axe's findings on the page as it is now, as readable lines: rule, impact, what, where. */
async function violations(): Promise<string[]> {
  // Legacy mode runs axe.run() in the page itself. The default mode also opens a blank page
  // per analysis to merge the results of cross-origin frames; the only one is the YouTube
  // embed, which is not Khabar's markup (and is stubbed in these tests). Only violations are
  // reported in full (resultTypes), which keeps the results small.
  const results = await new AxeBuilder({ page, axeSource: AXE_SOURCE })
    .options({ resultTypes: ['violations'] }) // first: options() replaces what withTags() set
    .withTags(TAGS)
    .setLegacyMode(true)
    .analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((node) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} at ${node.target.join(' ')}\n    ${node.failureSummary?.replace(/\n/g, ' ') ?? ''}`),
  );
}

/**
 * Runs axe in the light and in the dark scheme on the loaded page, and saves what the page
 * looks like in each (test-results/screenshots/desktop-<name>-<scheme>.png, the viewport).
 */
async function checkBothSchemes(name: string): Promise<Record<(typeof SCHEMES)[number], string[]>> {
  const found = { light: [] as string[], dark: [] as string[] };
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    const matches = await evaluate<boolean>(page, `matchMedia('(prefers-color-scheme: ${scheme})').matches`);
    assert.ok(matches, `the page is in the ${scheme} scheme`);
    found[scheme] = await violations();
    await screenshot(page, `desktop-${name}-${scheme}`, { fullPage: false });
  }
  return found;
}

for (const [type, url] of Object.entries(PAGE_TYPES)) {
  test(`${type} (${url}): no violations, light and dark`, async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    const response = await page.goto(`${server.url}${url}`);
    assert.equal(response?.status(), 200, url);
    if (type === 'search') await waitForSearchReady(page);
    assert.deepEqual(await checkBothSchemes(type), { light: [], dark: [] }, url);
  });
}

test('search with results shown: no violations, light and dark', async () => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`${server.url}/search/?q=vaccination`);
  await page.locator('#search-results li a').first().waitFor();
  assert.deepEqual(await checkBothSchemes('search-results'), { light: [], dark: [] });
});
