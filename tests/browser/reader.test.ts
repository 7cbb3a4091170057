/**
 * A reader in a real browser (Debian's Chromium): walks the fixture site by its links, from
 * the home page to a post, its category, page 2, a tag, a month, a Dari post (right to left,
 * in the shipped Vazirmatn font) and the search page (an English and a Persian word, then a
 * result); then by keyboard alone (the skip link, visible focus); then at 360 px wide, where no
 * page type scrolls sideways or logs an error. Each page type is saved as a full-page
 * screenshot, test-results/screenshots/mobile-<type>.png (accessibility.test.ts saves the
 * desktop ones, light and dark).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { buildFixture, evaluate, launchBrowser, newContext, PAGE_TYPES, screenshot, serveSite, waitForSearchReady, type SiteServer } from './helpers.ts';

let server: SiteServer;
let browser: Browser;

before(async () => {
  server = await serveSite(buildFixture());
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const path = (page: Page): string => new URL(page.url()).pathname;

/** Clicks a link and waits for the page it leads to. */
async function follow(page: Page, selector: string, expectedPath: string): Promise<void> {
  const link = page.locator(selector).first();
  assert.equal(await link.getAttribute('href'), expectedPath, `${selector} on ${path(page)}`);
  await link.click();
  await page.waitForURL((url) => url.pathname === expectedPath);
}

/** The focused element's outline as the reader sees it. */
interface Focus {
  tag: string;
  className: string;
  id: string;
  outlineStyle: string;
  outlineWidth: number;
  inMain: boolean;
}
const FOCUS = `(() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return { tag: el.tagName.toLowerCase(), className: el.className, id: el.id, outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth), inMain: el !== document.getElementById('main') && document.getElementById('main').contains(el) };
})()`;

function assertVisibleFocus(focus: Focus, where: string): void {
  assert.notEqual(focus.outlineStyle, 'none', `${where}: focused <${focus.tag} class="${focus.className}"> has no outline`);
  assert.ok(focus.outlineWidth > 0, `${where}: focused <${focus.tag} class="${focus.className}"> has a 0 px outline`);
}

describe('a reader walks the site', () => {
  let context: BrowserContext;
  let page: Page;
  before(async () => {
    context = await newContext(browser);
    page = await context.newPage();
  });
  after(() => context?.close());

  test('home → a post → its category → page 2 → a tag → a month', async () => {
    await page.goto(`${server.url}/`);
    assert.equal(await page.title(), 'Khabar Afghanistan');
    assert.equal(await page.locator('main article.summary').count(), 10);

    await follow(page, 'main article.summary h2 a', '/2024/03/16/a-post-with-every-kind-of-markdown/');
    assert.equal(await page.locator('main h1').textContent(), 'A post with every kind of Markdown');

    await follow(page, 'main article.post .terms a[rel=category]', '/category/health-news/');
    assert.equal((await page.locator('main h1').textContent())?.trim(), 'Category: Health News');

    await follow(page, 'main .pager a[rel=next]', '/category/health-news/page/2/');
    assert.match((await page.locator('main .pager [aria-current=page]').first().textContent()) ?? '', /^2\b/);
    assert.equal(await page.locator('main article.summary').count(), 10);

    await follow(page, 'main article.summary .terms a[rel=tag]', '/tag/measles/');
    assert.match((await page.locator('main h1').textContent()) ?? '', /Measles/);

    // The archives widget shows the newest year's months; the rest are a click away.
    const january = page.locator('aside .archives a', { hasText: 'January 2024' });
    assert.equal(await january.getAttribute('href'), '/2024/01/');
    await january.click();
    await page.waitForURL((url) => url.pathname === '/2024/01/');
    assert.equal(await page.locator('main article.summary').count(), 10);

    await follow(page, 'aside .archives-all a', '/archives/');
    await follow(page, 'main h2 a[href="/2024/"]', '/2024/');
    await follow(page, 'main .archive-months a[href="/2024/02/"]', '/2024/02/');
    assert.ok((await page.locator('main article.summary').count()) > 0);
  });

  test('→ the Dari post: right to left, in the shipped Vazirmatn font', async () => {
    await follow(page, 'aside .recent a[lang=fa]', '/2024/03/10/dari-measles/');
    const title = page.locator('main article.post h1');
    assert.equal(await title.textContent(), 'کمپاین واکسین سرخکان در کابل');
    assert.equal(await evaluate(page, 'document.documentElement.lang'), 'fa');
    assert.equal(await evaluate(page, "getComputedStyle(document.querySelector('main article.post')).direction"), 'rtl');
    assert.equal(await evaluate(page, "getComputedStyle(document.querySelector('main article.post .post-body p')).direction"), 'rtl');
    // The page chrome keeps the site's direction.
    assert.equal(await evaluate(page, "getComputedStyle(document.querySelector('.site-header')).direction"), 'ltr');

    // The web font: loaded (document.fonts) and the one actually used to draw the title.
    const fonts = await evaluate<{ family: string; weight: string; status: string }[]>(
      page,
      "document.fonts.ready.then((set) => [...set].map((f) => ({ family: f.family.replace(/[\"']/g, ''), weight: f.weight, status: f.status })))",
    );
    const vazirmatn = fonts.filter((f) => f.family === 'Vazirmatn' && f.status === 'loaded');
    assert.ok(vazirmatn.length > 0, `Vazirmatn not loaded: ${JSON.stringify(fonts)}`);
    const cdp = await context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    for (const selector of ['main article.post h1', 'main article.post .post-body p']) {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
      const { fonts: used } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      const text = (await page.locator(selector).first().textContent()) ?? '';
      // Every Arabic-script letter is drawn in the web font; only spaces and Latin punctuation,
      // outside its unicode-range, may come from a system font.
      const web = used.find((f) => f.familyName === 'Vazirmatn' && f.isCustomFont);
      const others = used.filter((f) => f !== web).reduce((sum, f) => sum + f.glyphCount, 0);
      const outsideRange = text.replace(/[\u0600-\u06FF\u0750-\u077F\u0870-\u08FF\u200C-\u200E\uFB50-\uFDFF\uFE70-\uFEFC]/g, '').length;
      assert.ok(web !== undefined && web.glyphCount > 0, `${selector} is drawn in ${JSON.stringify(used)}`);
      assert.ok(others <= outsideRange, `${selector}: letters drawn in another font: ${JSON.stringify(used)}`);
    }
    await cdp.detach();
  });

  test('→ search: an English word, a Persian word, then a result', async () => {
    await follow(page, 'header .site-menu a[href="/search/"]', '/search/');
    await waitForSearchReady(page);

    const input = page.locator('#search-query');
    await input.fill('vaccination');
    await input.press('Enter');
    await page.locator('#search-results li a[href="/2024/01/05/health-report-5/"]').waitFor();
    assert.match((await page.locator('#search-status').textContent()) ?? '', /^\d+ stories found for “vaccination”/);
    assert.equal(new URL(page.url()).search, '?q=vaccination');
    await screenshot(page, 'desktop-search-results');

    await input.fill('واکسین');
    await input.press('Enter');
    const dari = page.locator('#search-results li a[href="/2024/03/10/dari-measles/"]');
    await dari.waitFor();
    assert.match((await page.locator('#search-status').textContent()) ?? '', /^1 story found for “واکسین”/);
    assert.equal(await page.locator('#search-results li').count(), 1);
    assert.equal(await dari.textContent(), 'کمپاین واکسین سرخکان در کابل');

    await dari.click();
    await page.waitForURL((url) => url.pathname === '/2024/03/10/dari-measles/');
    assert.equal(await page.locator('main h1').textContent(), 'کمپاین واکسین سرخکان در کابل');
  });
});

describe('by keyboard alone', () => {
  let context: BrowserContext;
  let page: Page;
  before(async () => {
    context = await newContext(browser);
    page = await context.newPage();
  });
  after(() => context?.close());

  test('the first Tab reaches the skip link, visibly; Enter moves focus to the main content', async () => {
    await page.goto(`${server.url}${PAGE_TYPES.post}`);
    await page.keyboard.press('Tab');
    const skip = await evaluate<Focus>(page, FOCUS);
    assert.equal(skip.className, 'skip-link');
    assertVisibleFocus(skip, 'skip link');
    const box = await page.locator('.skip-link').boundingBox();
    assert.ok(box !== null && box.y >= 0 && box.height > 0, `the focused skip link is on screen: ${JSON.stringify(box)}`);
    await screenshot(page, 'keyboard-skip-link');

    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.hash === '#main');
    await page.waitForFunction("document.activeElement === document.getElementById('main')");
    await page.keyboard.press('Tab');
    const next = await evaluate<Focus>(page, FOCUS);
    assert.ok(next.inMain, `the Tab after the skip link stays in <main>: ${JSON.stringify(next)}`);
    assertVisibleFocus(next, 'first stop in main');
  });

  test('every Tab stop of the home page, and the search form, shows where the focus is', async () => {
    await page.goto(`${server.url}/`);
    const stops = await evaluate<number>(page, "document.querySelectorAll('a[href], button, input, select, textarea, summary').length");
    assert.ok(stops > 50, `${stops} stops`);
    for (let i = 0; i < stops; i++) {
      await page.keyboard.press('Tab');
      assertVisibleFocus(await evaluate<Focus>(page, FOCUS), `/, Tab ${i + 1}`);
    }
    await page.goto(`${server.url}/search/`);
    await waitForSearchReady(page);
    for (let i = 0; i < 30 && (await evaluate<Focus>(page, FOCUS)).id !== 'search-query'; i++) await page.keyboard.press('Tab');
    for (const id of ['search-query', 'search-category']) {
      const focus = await evaluate<Focus>(page, FOCUS);
      assert.equal(focus.id, id);
      assertVisibleFocus(focus, `/search/ #${id}`);
      await page.keyboard.press('Tab');
    }
    const button = await evaluate<Focus>(page, FOCUS);
    assert.equal(button.tag, 'button');
    assertVisibleFocus(button, '/search/ button');
  });
});

describe('at 360 px wide', () => {
  let context: BrowserContext;
  let page: Page;
  before(async () => {
    context = await newContext(browser, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    page = await context.newPage();
  });
  after(() => context?.close());

  for (const [type, url] of [...Object.entries(PAGE_TYPES), ['search-results', '/search/?q=vaccination'] as const]) {
    test(`${type} (${url}) loads without errors and does not scroll sideways`, async () => {
      const errors: string[] = [];
      const onError = (error: Error): void => void errors.push(error.message);
      const onConsole = (message: ConsoleMessage): void => {
        if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
      };
      page.on('pageerror', onError);
      page.on('console', onConsole);
      const response = await page.goto(`${server.url}${url}`);
      assert.equal(response?.status(), 200);
      if (type === 'search') await waitForSearchReady(page);
      if (type === 'search-results') await page.locator('#search-results li').first().waitFor();
      const { scrollWidth, clientWidth } = await evaluate<{ scrollWidth: number; clientWidth: number }>(
        page,
        '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })',
      );
      assert.equal(clientWidth, 360);
      assert.ok(scrollWidth <= 360, `${url}: scrollWidth ${scrollWidth} > 360`);
      await screenshot(page, `mobile-${type}`);
      page.off('pageerror', onError);
      page.off('console', onConsole);
      assert.deepEqual(errors, [], url);
    });
  }
});
