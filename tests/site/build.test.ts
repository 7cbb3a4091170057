/**
 * Builds a fixture site with the real build script and reads the HTML it wrote.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HTMLElement } from 'node-html-parser';
import { allPageUrls, buildSite, makeContent, mustReadPage, readPage, type FixtureFile } from '../helpers/site-fixture.ts';

const NOW = '2024-06-01T00:00:00Z';
const HOSTILE_TITLE = `<script>alert(1)</script> "><img src=x onerror=alert(1)>`;
const pad = (n: number): string => String(n).padStart(2, '0');

function post(path: string, data: Record<string, unknown>, body = 'Body text.'): FixtureFile {
  return { path: `posts/${path}.md`, data, body };
}

const health = Array.from({ length: 23 }, (_, i) =>
  post(`2024/01/health-${i + 1}`, {
    title: `Health report ${i + 1}`,
    date: `2024-01-${pad(i + 1)}T08:00:00Z`,
    categories: ['Health News'],
    tags: i < 12 ? ['Measles'] : [],
  }),
);
const politics = Array.from({ length: 5 }, (_, i) =>
  post(`2024/02/politics-${i + 1}`, {
    title: `Politics report ${i + 1}`,
    date: `2024-02-0${i + 1}T08:00:00Z`,
    categories: i < 2 ? ['Political News', 'Security'] : ['Political News'],
    tags: [i === 0 ? 'kabul' : 'Kabul'],
  }),
);
const others = [
  post('2024/03/dari', { title: 'خبر تازه از كابل', date: '2024-03-10T08:00:00Z', lang: 'fa', categories: ['News in Dari (Persian/Farsi)'] }, 'این یک خبر آزمایشی است.'),
  post('2024/03/pashto', { title: 'د کابل خبر', date: '2024-03-11T08:00:00Z', lang: 'ps', categories: ['Society'] }, 'دا یو ازمویښتي خبر دی.'),
  post(
    '2024/03/hostile',
    { title: HOSTILE_TITLE, slug: 'hostile-title', date: '2024-03-12T08:00:00Z', categories: ['Security'] },
    'Seven times seven is {{ 7*7 }} and {% raw %}x{% endraw %}.\n\n<b>raw</b> <script>alert(2)</script>\n\n[click](javascript:alert(3))',
  ),
  post(
    '2024/03/long-read',
    { title: 'Long read with excerpt', date: '2024-03-13T08:00:00Z', categories: ['Opinion/Editorial'], author: 'Guest Writer' },
    'First paragraph of the long read.\n\n<!-- more -->\n\nSecond paragraph only on the post.',
  ),
  post('2024/03/video', {
    title: 'Tolo News in Dari – March 14, 2024',
    date: '2024-03-14T08:00:00Z',
    categories: ['News in Dari (Persian/Farsi)'],
    video: 'https://www.youtube.com/watch?v=abcdefghijk',
    source: { name: 'Tolo News in Dari', url: 'https://www.youtube.com/watch?v=abcdefghijk', id: 'yt:abcdefghijk', feed: 'tolonews-dari' },
  }),
  post(
    '2024/03/aggregated',
    {
      title: 'Aggregated story',
      date: '2024-03-15T08:00:00Z',
      categories: ['Political News'],
      source: { name: 'Tolo News', url: 'https://tolonews.com/afghanistan-1', id: 'https://tolonews.com/afghanistan-1', feed: 'tolonews' },
    },
    'Tolo News: a summary of the story.',
  ),
  post('2024/03/late', { title: 'Late night story', date: '2024-03-15T20:00:00Z', categories: ['Security'] }),
  post('2024/03/draft', { title: 'Secret draft', date: '2024-03-20T08:00:00Z', draft: true, categories: ['Drugs'] }),
  post('2030/01/scheduled', { title: 'Scheduled for later', date: '2030-01-01T06:00:00Z', categories: ['Landmines'], tags: ['FutureTag'] }),
  { path: 'pages/about.md', data: { title: 'About', slug: 'about' }, body: 'About this site.' },
];

const PUBLISHED = health.length + politics.length + 7;
const content = makeContent([...health, ...politics, ...others]);
const site = buildSite(content, { KHABAR_NOW: NOW });
const out = site.output;

/** Counts the pages of a paginated list by following its URLs until one is missing. */
function pageCount(base: string): number {
  let n = 0;
  while (readPage(out, n === 0 ? base : `${base}page/${n + 1}/`) !== null) n++;
  return n;
}

/** Scripts other than the JSON-LD data block Khabar writes itself. */
function scripts(page: HTMLElement): HTMLElement[] {
  return page.querySelectorAll('script').filter((s) => s.getAttribute('type') !== 'application/ld+json');
}

function articles(url: string): number {
  return mustReadPage(out, url).querySelectorAll('main article.summary').length;
}

test('the fixture site builds', () => {
  assert.equal(site.status, 0, site.stderr);
});

test('every contract URL exists', () => {
  for (const url of [
    '/',
    '/page/2/',
    '/2024/01/01/health-report-1/',
    '/category/health-news/',
    '/category/health-news/page/2/',
    '/category/opinion-editorial/',
    '/category/news-in-dari-persian-farsi/',
    '/tag/measles/',
    '/tag/measles/page/2/',
    '/2024/',
    '/2024/01/',
    '/2024/01/05/',
    '/about/',
    '/404.html',
  ]) {
    assert.ok(readPage(out, url), `missing ${url}`);
  }
  assert.ok(existsSync(join(out, 'assets/style.css')));
});

test('page counts of home, a category, a tag and each archive level match the fixture', () => {
  const pages = (posts: number): number => Math.ceil(posts / 10);
  assert.equal(pageCount('/'), pages(PUBLISHED));
  assert.equal(pageCount('/category/health-news/'), pages(23));
  assert.equal(pageCount('/tag/measles/'), pages(12));
  assert.equal(pageCount('/tag/kabul/'), 1);
  assert.equal(pageCount('/2024/01/'), pages(23));
  assert.equal(pageCount('/2024/02/'), 1);
  assert.equal(pageCount('/2024/01/05/'), 1);
  assert.equal(articles('/'), 10);
  assert.equal(articles(`/page/${pages(PUBLISHED)}/`), PUBLISHED % 10 || 10);
  assert.equal(articles('/category/health-news/page/3/'), 3);
  assert.equal(articles('/tag/measles/page/2/'), 2);
  assert.equal(articles('/tag/kabul/'), 5, 'tags that differ only in case share one page');
  assert.equal(articles('/category/security/'), 4);
});

test('pagination links: older/newer and page numbers', () => {
  const first = mustReadPage(out, '/category/health-news/');
  assert.equal(first.querySelector('a[rel=next]')?.getAttribute('href'), '/category/health-news/page/2/');
  assert.equal(first.querySelector('a[rel=prev]'), null);
  assert.match(first.querySelector('.pager')?.text ?? '', /Older posts/);
  const middle = mustReadPage(out, '/category/health-news/page/2/');
  assert.equal(middle.querySelector('a[rel=prev]')?.getAttribute('href'), '/category/health-news/');
  assert.equal(middle.querySelector('a[rel=next]')?.getAttribute('href'), '/category/health-news/page/3/');
  assert.equal(middle.querySelector('.pager [aria-current=page]')?.text.trim().startsWith('2'), true);
  assert.deepEqual(
    middle.querySelectorAll('.pager__pages a').map((a) => a.getAttribute('href')),
    ['/category/health-news/', '/category/health-news/page/3/'],
  );
});

test('every page carries the same sidebar', () => {
  const urls = allPageUrls(out);
  assert.ok(urls.length > 40, `only ${urls.length} pages`);
  const reference = mustReadPage(out, '/').querySelector('aside.sidebar')?.outerHTML;
  assert.ok(reference);
  let redirects = 0;
  for (const url of urls) {
    const page = mustReadPage(out, url);
    // Redirect pages (aliases, a year's old later pages) are not pages of the site.
    if (page.querySelector('meta[http-equiv=refresh]')) {
      redirects++;
      continue;
    }
    assert.equal(page.querySelector('aside.sidebar')?.outerHTML, reference, `sidebar differs on ${url}`);
  }
  assert.ok(redirects < urls.length / 4, `${redirects} redirect pages of ${urls.length}`);
  const sidebar = mustReadPage(out, '/').querySelector('aside.sidebar')!;
  assert.equal(sidebar.querySelectorAll('.recent li').length, 10);
  const health = sidebar.querySelectorAll('.categories li').find((li) => li.text.includes('Health News'));
  assert.match(health?.text ?? '', /\(23\)/);
  assert.equal(sidebar.querySelectorAll('.categories a[href="/category/drugs/"]').length, 0, 'a category with only a draft is not listed');
  // The archives widget: the years, the newest with its months, and the way to the rest.
  const years = sidebar.querySelectorAll('.archives > li').map((li) => `${li.querySelector('a')?.text} ${li.childNodes.filter((n) => n.nodeType === 3).map((n) => n.text).join('').trim()}`);
  assert.deepEqual(years, ['2024 (35)']);
  const months = sidebar.querySelectorAll('.archives li li').map((li) => li.text.replace(/\s+/g, ' ').trim());
  assert.deepEqual(months, ['March 2024 (7)', 'February 2024 (5)', 'January 2024 (23)']);
  assert.equal(sidebar.querySelector('.archives-all a')?.getAttribute('href'), '/archives/');
  assert.ok(sidebar.text.includes('Dari/Pashto Services'));
});

test('a post shows title, meta line, terms, neighbours', () => {
  const page = mustReadPage(out, '/2024/01/02/health-report-2/');
  assert.equal(page.querySelector('h1')?.text, 'Health report 2');
  assert.equal(page.querySelector('article .meta')?.text.replace(/\s+/g, ' ').trim(), '2nd January, 2024 · admin');
  const terms = page.querySelector('article .terms')!;
  assert.equal(terms.text.replace(/\s+/g, ' ').trim(), 'Posted in Health News | Tags: Measles');
  assert.equal(terms.querySelector('a[rel=category]')?.getAttribute('href'), '/category/health-news/');
  assert.equal(page.querySelector('.post-nav a[rel=prev]')?.getAttribute('href'), '/2024/01/01/health-report-1/');
  assert.equal(page.querySelector('.post-nav a[rel=next]')?.getAttribute('href'), '/2024/01/03/health-report-3/');
  assert.equal(page.querySelector('html')?.getAttribute('lang'), 'en');
});

test('an aggregated post ends with the attribution, a video post embeds privately', () => {
  const aggregated = mustReadPage(out, '/2024/03/15/aggregated-story/');
  const link = aggregated.querySelector('.attribution a');
  assert.equal(link?.getAttribute('href'), 'https://tolonews.com/afghanistan-1');
  assert.match(link?.getAttribute('rel') ?? '', /\bnoopener\b/);
  assert.match(aggregated.querySelector('.attribution')?.text ?? '', /Tolo News/);
  const video = mustReadPage(out, '/2024/03/14/tolo-news-in-dari-march-14-2024/');
  const iframe = video.querySelector('iframe');
  assert.equal(iframe?.getAttribute('src'), 'https://www.youtube-nocookie.com/embed/abcdefghijk');
  assert.equal(iframe?.getAttribute('loading'), 'lazy');
  assert.equal(video.querySelector('.video figcaption a')?.getAttribute('href'), 'https://www.youtube.com/watch?v=abcdefghijk');
});

test('post URLs use the day in the site time zone', () => {
  assert.ok(readPage(out, '/2024/03/16/late-night-story/'), 'Kabul is UTC+4:30: 20:00Z is the next day');
  assert.equal(readPage(out, '/2024/03/15/late-night-story/'), null);
});

test("a year's page is an index of its months; its old later pages redirect to the month holding their first post", () => {
  const year = mustReadPage(out, '/2024/');
  assert.equal(year.querySelectorAll('main article.summary').length, 0);
  assert.deepEqual(
    year.querySelectorAll('main .archive-months li').map((li) => `${li.querySelector('a')?.getAttribute('href')} ${li.text.trim()}`),
    ['/2024/03/ March 2024 (7)', '/2024/02/ February 2024 (5)', '/2024/01/ January 2024 (23)'],
  );
  // 2024, newest first: March 7, February 5, January 23. Page 2 starts at post 11 (February's
  // 4th), page 3 at post 21 (January's 9th), page 4 at post 31 (January's 19th: its page 2).
  const target = (url: string): string | undefined => readPage(out, url)?.querySelector('link[rel=canonical]')?.getAttribute('href');
  assert.equal(target('/2024/page/2/'), 'https://khabar.example.org/2024/02/');
  assert.equal(target('/2024/page/3/'), 'https://khabar.example.org/2024/01/');
  assert.equal(target('/2024/page/4/'), 'https://khabar.example.org/2024/01/page/2/');
  assert.equal(readPage(out, '/2024/page/5/'), null);
  assert.match(mustReadPage(out, '/2024/page/4/').querySelector('meta[http-equiv=refresh]')?.getAttribute('content') ?? '', /url=https:\/\/khabar\.example\.org\/2024\/01\/page\/2\/$/);
  assert.match(readFileSync(join(out, '_redirects'), 'utf8'), /^\/2024\/page\/4\/ \/2024\/01\/page\/2\/ 301$/m);
});

test('/archives/ lists every year with every month', () => {
  const archives = mustReadPage(out, '/archives/');
  assert.equal(archives.querySelector('main h1')?.text, 'Archives');
  assert.deepEqual(archives.querySelectorAll('main h2').map((h) => h.text.replace(/\s+/g, ' ').trim()), ['2024 (35)']);
  assert.deepEqual(archives.querySelectorAll('main .archive-months a').map((a) => a.getAttribute('href')), ['/2024/03/', '/2024/02/', '/2024/01/']);
  assert.ok(archives.querySelector('aside.sidebar'), 'with the sidebars');
});

test('list pages cut at <!-- more --> and link to the rest', () => {
  const opinion = mustReadPage(out, '/category/opinion-editorial/');
  const summary = opinion.querySelector('article.summary')!;
  assert.match(summary.text, /First paragraph of the long read/);
  assert.doesNotMatch(summary.text, /Second paragraph/);
  assert.equal(summary.querySelector('.more a')?.getAttribute('href'), '/2024/03/13/long-read-with-excerpt/');
  const full = mustReadPage(out, '/2024/03/13/long-read-with-excerpt/');
  assert.match(full.querySelector('.post-body')?.text ?? '', /Second paragraph only on the post/);
  assert.equal(full.querySelector('.author')?.text, 'Guest Writer');
  // A post without the marker has no "Continue reading" link.
  assert.equal(mustReadPage(out, '/tag/kabul/').querySelectorAll('.more').length, 0);
});

test('Dari and Pashto posts render right-to-left with a Solar Hijri date', () => {
  const dari = mustReadPage(out, '/2024/03/10/خبر-تازه-از-کابل/');
  assert.equal(dari.querySelector('html')?.getAttribute('dir'), 'rtl');
  assert.equal(dari.querySelector('html')?.getAttribute('lang'), 'fa');
  assert.equal(dari.querySelector('article')?.getAttribute('dir'), 'rtl');
  assert.equal(dari.querySelector('.hijri')?.text, '۲۰ حوت ۱۴۰۲');
  const pashto = mustReadPage(out, '/2024/03/11/د-کابل-خبر/');
  assert.equal(pashto.querySelector('article')?.getAttribute('dir'), 'rtl');
  assert.equal(pashto.querySelector('article')?.getAttribute('lang'), 'ps');
  // In lists and in the sidebar too.
  const home = mustReadPage(out, '/');
  const rtlSummary = home.querySelectorAll('article.summary').find((a) => a.getAttribute('lang') === 'fa');
  assert.equal(rtlSummary?.getAttribute('dir'), 'rtl');
  const rtlRecent = home.querySelectorAll('.recent a').find((a) => a.text === 'خبر تازه از كابل');
  assert.equal(rtlRecent?.getAttribute('dir'), 'rtl');
  // The shipped font is there, not a CDN.
  assert.ok(existsSync(join(out, 'assets/fonts/vazirmatn-arabic-400-normal.woff2')));
  assert.ok(!/https?:\/\/fonts\./.test(home.toString()));
});

test('drafts and future posts are not published', () => {
  assert.equal(readPage(out, '/2024/03/20/secret-draft/'), null);
  assert.equal(readPage(out, '/category/drugs/'), null);
  assert.equal(readPage(out, '/2030/01/01/scheduled-for-later/'), null);
  assert.equal(readPage(out, '/category/landmines/'), null);
  assert.equal(readPage(out, '/tag/futuretag/'), null);
  assert.equal(readPage(out, '/2030/'), null);
  for (const url of allPageUrls(out)) {
    const html = mustReadPage(out, url).toString();
    assert.ok(!html.includes('Secret draft') && !html.includes('Scheduled for later'), `unpublished post named on ${url}`);
  }
});

test('a future post is published once KHABAR_NOW passes its date', () => {
  const later = buildSite(content, { KHABAR_NOW: '2030-01-01T06:00:00Z' });
  assert.equal(later.status, 0, later.stderr);
  assert.ok(readPage(later.output, '/2030/01/01/scheduled-for-later/'));
  assert.ok(readPage(later.output, '/category/landmines/'));
  assert.equal(readPage(later.output, '/2024/03/20/secret-draft/'), null, 'a draft stays unpublished');
});

test('a hostile title and template syntax render as text', () => {
  const page = mustReadPage(out, '/2024/03/12/hostile-title/');
  assert.equal(page.querySelector('h1')?.text, HOSTILE_TITLE);
  assert.equal(page.querySelector('title')?.text, `${HOSTILE_TITLE} – Khabar Afghanistan`);
  assert.equal(scripts(page).length, 0, 'no script but the JSON-LD Khabar writes');
  assert.equal(page.querySelectorAll('img[onerror]').length, 0);
  assert.equal(page.querySelectorAll('b').length, 0, 'raw HTML in a body is text');
  const body = page.querySelector('.post-body')!;
  assert.match(body.text, /Seven times seven is \{\{ 7\*7 \}\} and \{% raw %\}x\{% endraw %\}\./);
  assert.ok(!body.text.includes('49'));
  assert.match(body.text, /<b>raw<\/b>/);
  assert.equal(body.querySelectorAll('a').length, 0, 'a javascript: link is not a link');
  for (const url of ['/', '/category/security/', '/2024/03/']) {
    const list = mustReadPage(out, url);
    assert.equal(scripts(list).length, 0, url);
    assert.equal(list.querySelectorAll('img[onerror]').length, 0, url);
  }
});

test('bad front matter stops the build with every problem listed', () => {
  const bad = makeContent([
    health[0]!,
    { path: 'posts/bad.md', raw: '---\ntitle: ""\ndate: yesterday\ncategories: [Helth News]\npermalink: /evil/\n---\nBody\n' },
    { path: 'posts/js.md', raw: '---js\n{ title: require("fs").writeFileSync("/tmp/khabar-pwned", "x") }\n---\nBody\n' },
  ]);
  const result = buildSite(bad, { KHABAR_NOW: NOW });
  assert.equal(result.status, 1);
  const lines = result.stderr.split('\n');
  const expect = (pattern: RegExp): void => assert.ok(lines.some((l) => pattern.test(l)), `no line matches ${pattern}:\n${result.stderr}`);
  expect(/posts\/bad\.md:2: title: expected non-empty text, found ""$/);
  expect(/posts\/bad\.md:3: date: expected an ISO 8601 date .*found "yesterday"$/);
  expect(/posts\/bad\.md:4: categories: unknown category "Helth News"; did you mean "Health News"\?$/);
  expect(/posts\/bad\.md:5: permalink: unknown field/);
  expect(/posts\/js\.md:1: front matter: JavaScript front matter \(---js\) is not allowed/);
  assert.ok(!existsSync('/tmp/khabar-pwned'), 'the JavaScript front matter ran');
  assert.equal(allPageUrls(result.output).length, 0, 'nothing was built');
});
