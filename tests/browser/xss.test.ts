/**
 * XSS canary: feeds carrying the classic payloads in every field a feed controls (titles,
 * summaries, content, links, author names, categories, tags, video titles) are served on
 * 127.0.0.1, ingested through the REAL pipeline (`runIngest`, as `npm run ingest` runs it)
 * into a fixture content folder, and the site is built by the real build script. Then:
 *
 * - every HTML page is parsed: the only <script> elements are those Khabar writes (JSON-LD,
 *   whose text is valid JSON, and /search/'s own module), no element has an event-handler
 *   attribute, and no URL attribute uses javascript:, vbscript: or data:;
 * - every HTML page is opened in Chromium with a `dialog` listener, a canary function
 *   (`__xss`, which the payloads call) exposed to the page, and `pageerror`/`console`
 *   listeners: nothing fires, and the live DOM (after the browser's own URL parsing, entity
 *   decoding included) has no event handler attribute and no script URL either;
 * - the template payloads (`{{ 7*7 }}`, `{{constructor.constructor(…)()}}`) stay literal text.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseHtml } from 'node-html-parser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { runIngest, type RunResult } from '../../src/ingest/run.ts';
import { startTestServer, type TestServer } from '../helpers/http-server.ts';
import { allPageUrls, buildSite, makeContent } from '../helpers/site-fixture.ts';
import { evaluate, launchBrowser, newContext, NOW, serveSite, type SiteServer } from './helpers.ts';

/** Text payloads (titles, authors, categories, tags, summaries); `__xss` is the canary. */
const P = {
  script: `<script>__xss('script')</script><script>alert('script')</script>`,
  img: `<img src=x onerror="__xss('img')"><img src=x onerror=alert(1)>`,
  svg: `"><svg onload="__xss('svg')"><svg/onload=alert(1)>`,
  attr: `' onmouseover='__xss("attr")' x='" autofocus onfocus="__xss('focus')`,
  closeScript: `</script><script>__xss('close-script')</script>`,
  closeTitle: `</title><script>__xss('close-title')</script>`,
  closeTextarea: `</textarea><img src=x onerror="__xss('textarea')">`,
  template: `{{constructor.constructor('__xss("template")')()}} {{ 7*7 }} {% raw %}x{% endraw %} \${__xss('js-template')}`,
  markdown: `[click](javascript:__xss('md-link')) ![img](javascript:__xss('md-img')) <javascript:__xss('autolink')>`,
};

/** HTML payloads, one per item's content (so the sanitiser meets each on its own). */
const HTML = [
  P.script,
  P.img,
  P.svg,
  `<a href="javascript:__xss('a')">javascript link</a> <a href="JaVaScRiPt:__xss('case')">case link</a>`,
  `<a href="&#106;avascript:__xss('entity')">entity link</a> <a href=" &#x09;javascript:__xss('tab')">tab link</a>`,
  `<a href="vbscript:msgbox(1)">vbscript link</a> <a href="data:text/html,<script>__xss('data')</script>">data link</a>`,
  `<iframe src="javascript:__xss('iframe')"></iframe>`,
  `<form action="javascript:__xss('form')"><button formaction="javascript:__xss('button')">go</button></form>`,
  `<object data="javascript:__xss('object')"></object><embed src="javascript:__xss('embed')">`,
  `<svg><script>__xss('svg-script')</script><a xlink:href="javascript:__xss('xlink')"><text>x</text></a></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="__xss('mxss')">`,
  `<noscript><p title="</noscript><img src=x onerror=__xss('noscript')>"></p></noscript>`,
  `<details open ontoggle="__xss('details')"><summary>s</summary></details>`,
  `<input autofocus onfocus="__xss('input')"><video><source onerror="__xss('video')"></video>`,
  `<body onload="__xss('body')"><meta http-equiv="refresh" content="0;url=javascript:__xss('meta')">`,
  `<base href="javascript:__xss('base')//"><link rel="stylesheet" href="javascript:__xss('link')">`,
  `<style>@import 'javascript:__xss("style")'; body { background: url("javascript:__xss('css')") }</style>`,
  `<div style="background:url(javascript:__xss('style-attr'))" onclick="__xss('div')">styled</div>`,
  `<a href="https://example.org/" onclick="__xss('onclick')" target="_blank">a real link with a handler</a>`,
  `<img src="https://example.org/a.png" alt="x" onload="__xss('img-onload')">`,
  P.attr,
  P.closeScript,
  P.closeTitle,
  P.closeTextarea,
  P.template,
  P.markdown,
];

const TEXTS = Object.entries(P);
const cdata = (text: string): string => `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Item i of a hostile feed of `count` items: a text payload as the title, and as the content
 * the HTML payloads k with k % count == i (with count = HTML.length, payload i alone).
 */
function hostileItem(i: number, count = HTML.length): { name: string; title: string; html: string } {
  const [name, payload] = TEXTS[i % TEXTS.length]!;
  const html = HTML.filter((_, k) => k % count === i).join('\n');
  return { name: `${name}-${i}`, title: `${payload} (${name} ${i})`, html: `<p>Before ${i}.</p>\n${html}\n<p>After ${i}.</p>` };
}

/**
 * An RSS 2.0 feed with payloads in every field; `prefix` keeps two feeds' links apart. The
 * summary feed (whose items become one excerpt paragraph of text) has one item per text
 * payload, each carrying a few of the HTML payloads.
 */
function hostileRss(base: string, prefix: string, count = HTML.length): string {
  const items = Array.from({ length: count }, (_, i) => {
    const item = hostileItem(i, count);
    const [, other] = TEXTS[(i + 3) % TEXTS.length]!;
    return `
    <item>
      <title>${cdata(item.title)}</title>
      <link>${base}/${prefix}/${item.name}?q="&gt;&lt;script&gt;__xss('link')&lt;/script&gt;</link>
      <guid isPermaLink="false">${prefix}-${item.name}</guid>
      <pubDate>${new Date(Date.UTC(2024, 4, 31, 23 - (i % 24))).toUTCString()}</pubDate>
      <dc:creator>${cdata(`Reporter ${other}`)}</dc:creator>
      <category>${cdata(P.img)}</category>
      <category>${cdata(other)}</category>
      <category>${cdata(`Health ${P.template}`)}</category>
      <description>${cdata(`Summary ${i}. ${item.html} ${other}`)}</description>
      <content:encoded>${cdata(item.html)}</content:encoded>
    </item>`;
  });
  // An item whose own link is a javascript: URL: normalise refuses the link, and the item
  // becomes a post linked to the outlet's home page (source.home), as a feed reader keeps it.
  items.push(`
    <item>
      <title>Item with a script link</title>
      <link>javascript:__xss('item-link')</link>
      <guid isPermaLink="false">${prefix}-item-link</guid>
      <pubDate>Fri, 31 May 2024 11:00:00 GMT</pubDate>
      <description>x</description>
    </item>`);
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${cdata(P.script)}</title>
    <link>${base}/</link>
    <description>${cdata(P.img)}</description>${items.join('')}
  </channel>
</rss>`;
}

/** A JSON Feed 1.1: payloads in titles, summaries, HTML, authors, tags and URLs. */
function hostileJsonFeed(base: string): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: P.script,
    home_page_url: `${base}/`,
    authors: [{ name: P.closeScript }],
    items: HTML.map((_, i) => {
      const item = hostileItem(i);
      const [, other] = TEXTS[(i + 5) % TEXTS.length]!;
      return {
        id: `json-${item.name}`,
        url: `${base}/json/${item.name}`,
        external_url: `javascript:__xss('external-url')`,
        title: item.title,
        summary: `${other} ${P.attr}`,
        content_html: item.html,
        date_published: new Date(Date.UTC(2024, 4, 20, i % 24)).toISOString(),
        authors: [{ name: `${other} ${P.template}`, url: `javascript:__xss('author-url')` }],
        tags: [P.script, P.closeTitle, `Kabul ${P.attr}`, other],
        image: `javascript:__xss('image')`,
      };
    }),
  });
}

/** A YouTube channel feed: the video source writes titles into a daily bulletin's body. */
function hostileYouTube(): string {
  const entries = TEXTS.map(([name, payload], i) => {
    const id = `xssVideo${String(i).padStart(3, '0')}`;
    return `
  <entry>
    <id>yt:video:${id}</id>
    <yt:videoId>${id}</yt:videoId>
    <title>${escapeXml(`${payload} ${name}`)}</title>
    <link rel="alternate" href="https://www.youtube.com/watch?v=${id}"/>
    <author><name>${escapeXml(P.script)}</name></author>
    <published>2024-05-${String(10 + (i % 3)).padStart(2, '0')}T0${i % 10}:00:00+00:00</published>
    <media:group><media:description>${escapeXml(P.img)}</media:description></media:group>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom">
  <title>Videos</title>${entries.join('')}
</feed>`;
}

/**
 * An editor's post with the payloads in its front matter: ingest strips tags from titles,
 * but an editor's title reaches the templates as written (and the JSON-LD block in <head>).
 */
const EDITOR_POST = {
  path: 'posts/2024/05/editor.md',
  data: {
    title: `${P.closeScript} ${P.script} ${P.svg} ${P.attr} ${P.template}`,
    slug: 'editor-hostile',
    date: '2024-05-30T08:00:00Z',
    author: `${P.closeScript} ${P.img}`,
    description: `${P.closeScript} ${P.closeTitle} ${P.svg}`,
    categories: ['Security'],
    tags: [P.script, P.closeScript, P.svg],
  },
  body: HTML.join('\n\n'),
};

let feeds: TestServer;
let ingest: RunResult;
let out: string;
let postCount: number;
let site: SiteServer;
let browser: Browser;

before(async () => {
  feeds = await startTestServer();
  feeds.route('/hostile.rss', { headers: { 'content-type': 'application/rss+xml' }, body: hostileRss(feeds.url, 'full') });
  feeds.route('/hostile-summary.rss', { headers: { 'content-type': 'application/rss+xml' }, body: hostileRss(feeds.url, 'summary', TEXTS.length) });
  feeds.route('/hostile.json', { headers: { 'content-type': 'application/feed+json' }, body: hostileJsonFeed(feeds.url) });
  feeds.route('/hostile-videos.xml', { headers: { 'content-type': 'application/atom+xml' }, body: hostileYouTube() });

  const content = makeContent([EDITOR_POST]);
  const sourcesFile = join(content, '_data', 'sources.yaml');
  writeFileSync(
    sourcesFile,
    [
      'sources:',
      `  - { id: hostile-full, name: "Hostile full", url: "${feeds.url}/hostile.rss", kind: full }`,
      `  - { id: hostile-summary, name: "Hostile summary", url: "${feeds.url}/hostile-summary.rss", kind: summary, tags: [Canary] }`,
      `  - { id: hostile-json, name: "Hostile JSON", url: "${feeds.url}/hostile.json", kind: full }`,
      `  - { id: hostile-videos, name: "Hostile videos", url: "${feeds.url}/hostile-videos.xml", kind: video }`,
      '',
    ].join('\n'),
  );
  ingest = await runIngest({
    sourcesFile,
    dataDir: join(content, '_data'),
    outDir: join(content, 'posts'),
    allowPrivateNetwork: true,
    now: new Date(NOW),
    fetch: { retries: 0, totalTimeoutMs: 30_000 },
  });
  postCount = ingest.report.sources.reduce((sum, source) => sum + source.added, 0);

  const built = buildSite(content, { KHABAR_NOW: NOW });
  if (built.status !== 0) throw new Error(`the hostile site did not build:\n${built.stderr}`);
  out = built.output;
  site = await serveSite(out);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await feeds?.close();
});

test('the hostile feeds went through the real ingest pipeline', () => {
  for (const source of ingest.report.sources) assert.equal(source.status, 'ok', `${source.id}: ${source.error ?? ''}`);
  // Every payload item of the RSS feeds (full, summary) and of the JSON Feed, the item with a
  // script link of each RSS feed, and a daily bulletin for each of the 3 days of the videos.
  assert.equal(postCount, 2 * HTML.length + TEXTS.length + 2 + 3, JSON.stringify(ingest.report.sources.map((s) => [s.id, s.added, s.seen])));
});

/** Khabar's own scripts: JSON-LD blocks, and the search page's module. */
function foreignScripts(url: string, html: string): string[] {
  const problems: string[] = [];
  const root = parseHtml(html);
  for (const script of root.querySelectorAll('script')) {
    const type = script.getAttribute('type');
    if (type === 'application/ld+json') {
      try {
        JSON.parse(script.textContent);
      } catch {
        problems.push(`${url}: JSON-LD that is not JSON: ${script.textContent.slice(0, 120)}`);
      }
    } else if (!(url === '/search/' && type === 'module' && script.getAttribute('src') === '/assets/search.js' && script.textContent === '')) {
      problems.push(`${url}: ${script.outerHTML.slice(0, 160)}`);
    }
  }
  // Every page but 404, the archives index (no structured data) and redirect pages has JSON-LD.
  if (root.querySelectorAll('script').length === 0 && !url.startsWith('/404') && url !== '/archives/' && !root.querySelector('meta[http-equiv=refresh]')) {
    problems.push(`${url}: no JSON-LD block at all`);
  }
  // Browsers ignore control characters and spaces around a URL and tabs and newlines in it.
  const isScriptUrl = (value: string): boolean =>
    /^(?:javascript|vbscript|data):/i.test([...value].filter((c) => c.charCodeAt(0) > 0x20).join(''));
  for (const element of root.querySelectorAll('*')) {
    for (const [name, value] of Object.entries(element.attributes)) {
      if (/^on/i.test(name)) problems.push(`${url}: <${element.tagName.toLowerCase()} ${name}="${value}">`);
      if (/^(?:href|src|action|formaction|data|poster|xlink:href|content)$/i.test(name) && isScriptUrl(value)) {
        problems.push(`${url}: <${element.tagName.toLowerCase()} ${name}="${value}">`);
      }
    }
  }
  return problems;
}

test('no page has a script, event handler or script URL Khabar did not write', () => {
  const pages = allPageUrls(out);
  assert.ok(pages.length > 40, `only ${pages.length} pages`);
  const problems = pages.flatMap((url) => foreignScripts(url, readFileSync(join(out, url, url.endsWith('/') ? 'index.html' : ''), 'utf8')));
  assert.deepEqual(problems, []);
  // The check itself catches what it should (a control).
  assert.equal(foreignScripts('/x/', '<script>__xss()</script><a href=" javascript:x" onclick="y">a</a>').length, 3);
});

test('the payloads reach the pages as text; template payloads stay literal', () => {
  const home = parseHtml(readFileSync(join(out, 'index.html'), 'utf8'));
  const text = home.querySelector('main')?.text ?? '';
  // Ingest makes titles plain text (tags go); quotes stay, and an editor's title is as written.
  assert.ok(text.includes(`' onmouseover='__xss("attr")' x='" autofocus onfocus="__xss('focus')`), 'an attribute break-out is shown as text');
  const editor = parseHtml(readFileSync(join(out, '2024/05/30/editor-hostile/index.html'), 'utf8'));
  assert.equal(editor.querySelector('main h1')?.text, EDITOR_POST.data.title);
  assert.equal(editor.querySelector('title')?.text, `${EDITOR_POST.data.title} – Khabar Afghanistan`);
  const jsonLd = JSON.parse(editor.querySelector('script[type="application/ld+json"]')!.textContent) as { headline: string };
  assert.equal(jsonLd.headline, EDITOR_POST.data.title);
  assert.ok(text.includes(`{{constructor.constructor('__xss("template")')()}}`), 'the constructor payload is shown as written');
  assert.ok(text.includes('{{ 7*7 }}') && !/\b49\b/.test(text), '{{ 7*7 }} is not evaluated');
});

test('opening every page in Chromium: no dialog, no canary, no error, no live script URL', async () => {
  const context: BrowserContext = await newContext(browser);
  const fired: string[] = [];
  let onFire: (() => void) | undefined;
  const record = (what: string): void => {
    fired.push(what);
    onFire?.();
  };
  await context.exposeFunction('__xss', (label: unknown) => record(`__xss(${String(label)})`));
  const page: Page = await context.newPage();
  let current = '';
  page.on('dialog', (dialog) => {
    record(`${current}: ${dialog.type()} "${dialog.message()}"`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => record(`${current}: page error ${error.message}`));
  page.on('console', (message) => {
    // Failed loads of sanitised-away sources would show here as errors too: any message at
    // all on a page without Khabar's script is reported.
    if (current !== '/search/' || /xss|alert/i.test(message.text())) record(`${current}: console ${message.type()} ${message.text()}`);
  });
  page.on('framenavigated', (frame) => {
    const protocol = new URL(frame.url()).protocol;
    if (!['http:', 'https:', 'about:'].includes(protocol)) record(`${current}: a frame navigated to ${frame.url()}`);
  });

  // A control: the listeners do catch payloads that run.
  const caught = new Promise<void>((resolve) => {
    onFire = () => {
      if (fired.includes('__xss(control)') && fired.some((f) => f.endsWith('alert "control"'))) resolve();
    };
  });
  await page.setContent(`<img src=x onerror="__xss('control')"><script>alert('control')</script>`);
  await caught;
  onFire = undefined;
  fired.length = 0;

  const LIVE = `(() => {
    const found = [];
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.attributes) if (/^on/i.test(attr.name)) found.push(el.tagName + ' ' + attr.name);
    }
    for (const el of document.querySelectorAll('a[href], area[href], iframe[src], form[action], embed[src], object[data], link[href]')) {
      const url = el.href || el.src || el.action || el.data;
      const protocol = new URL(url, location.href).protocol;
      if (!['http:', 'https:', 'mailto:'].includes(protocol)) found.push(el.tagName + ' ' + url);
    }
    return found;
  })()`;
  const live: string[] = [];
  // Redirect pages (a year's old later pages) send the browser on at once: the page they lead to is opened in its turn.
  const pages = allPageUrls(out).filter((url) => !readFileSync(join(out, url, url.endsWith('/') ? 'index.html' : ''), 'utf8').includes('http-equiv="refresh"'));
  for (const url of pages) {
    current = url;
    await page.goto(`${site.url}${url}`, { waitUntil: 'load' });
    if (url === '/search/') await page.waitForFunction("document.querySelectorAll('#search-category option').length > 1");
    for (const found of await evaluate<string[]>(page, LIVE)) live.push(`${url}: ${found}`);
  }
  // The search page also shows the hostile titles and excerpts as results.
  current = '/search/';
  await page.goto(`${site.url}/search/?q=script`);
  await page.locator('#search-results li').first().waitFor();
  assert.ok((await page.locator('#search-results li').count()) > 0);
  for (const found of await evaluate<string[]>(page, LIVE)) live.push(`/search/?q=script: ${found}`);
  await context.close();

  assert.deepEqual(fired, []);
  assert.deepEqual(live, []);
});
