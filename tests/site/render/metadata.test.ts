/**
 * Page metadata: title, description, canonical URL, Open Graph and Twitter tags, and the
 * JSON-LD (NewsArticle on posts, BreadcrumbList on lists), on a fixture site built with the
 * real build script; plus the TypeScript helpers behind them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HTMLElement } from 'node-html-parser';
import { firstImageUrl, listDescription, ogLocale, plainExcerpt, plainText } from '../../../src/site/render/filters.ts';
import { listCrumbs } from '../../../src/site/page-types.ts';
import { serializeJsonLd } from '../../../src/site/render/structured-data.ts';
import { allPageUrls, buildSite, makeContent, mustReadPage, type FixtureFile } from '../../helpers/site-fixture.ts';

const NOW = '2024-06-01T00:00:00Z';
const ORIGIN = 'https://khabar.example.org';
const LOGO = `${ORIGIN}/assets/logo.svg`;
const HOSTILE_TITLE = `Breaking </script><script>alert(1)</script> "quotes" & <!-- news`;
const DARI_TITLE = 'خبر تازه از کابل';
const LONG_BODY = [
  'Health workers in **Kunar** began a measles vaccination campaign on Monday, reaching children in remote districts &amp; villages',
  'that had not been visited for two years, officials said. The campaign will run for three weeks and covers eleven districts.',
  '',
  '![A health worker with a cool box](/media/vaccination.jpg)',
  '',
  'More text that the excerpt never reaches.',
].join('\n');

function post(path: string, data: Record<string, unknown>, body = 'Body text.'): FixtureFile {
  return { path: `posts/${path}.md`, data, body };
}

const files: FixtureFile[] = [
  post(
    '2024/03/aggregated',
    {
      title: 'Aggregated story',
      date: '2024-03-15T08:00:00Z',
      updated: '2024-03-16T09:30:00Z',
      categories: ['Political News'],
      author: 'Desk Editor',
      description: 'A one-line summary written by the editors.',
      source: { name: 'Tolo News', url: 'https://tolonews.com/afghanistan-1', id: 'https://tolonews.com/afghanistan-1', feed: 'tolonews' },
    },
    'Tolo News: a summary of the story.',
  ),
  post('2024/03/vaccination', { title: 'Vaccination campaign in Kunar', date: '2024-03-14T08:00:00Z', categories: ['Health News'], tags: ['Measles'] }, LONG_BODY),
  post('2024/03/hostile', { title: HOSTILE_TITLE, slug: 'hostile-title', date: '2024-03-12T08:00:00Z', categories: ['Security'] }, 'Nothing to see.'),
  post('2024/03/dari', { title: DARI_TITLE, date: '2024-03-10T08:00:00Z', lang: 'fa', categories: ['News in Dari (Persian/Farsi)'] }, 'این یک خبر آزمایشی است.'),
  ...Array.from({ length: 11 }, (_, i) =>
    post(`2024/02/health-${i + 1}`, { title: `Health report ${i + 1}`, date: `2024-02-${String(i + 1).padStart(2, '0')}T08:00:00Z`, categories: ['Health News'] }),
  ),
  { path: 'pages/about.md', data: { title: 'About', slug: 'about' }, body: 'About this site.' },
  // The image the vaccination post shows (the build checks that it exists).
  { path: 'media/vaccination.jpg', raw: 'not really a JPEG' },
];

const site = buildSite(makeContent(files), { KHABAR_NOW: NOW });
const out = site.output;

const meta = (page: HTMLElement, key: string): string | undefined =>
  (page.querySelector(`meta[property="${key}"]`) ?? page.querySelector(`meta[name="${key}"]`))?.getAttribute('content');

function jsonLd(page: HTMLElement): Record<string, unknown>[] {
  return page.querySelectorAll('script[type="application/ld+json"]').map((s) => JSON.parse(s.textContent) as Record<string, unknown>);
}

test('the fixture site builds', () => {
  assert.equal(site.status, 0, site.stderr);
});

test('every page: title, description of at most 200 characters, absolute canonical, Open Graph and Twitter tags', () => {
  const urls = allPageUrls(out);
  assert.ok(urls.length > 20, `only ${urls.length} pages`);
  for (const url of urls) {
    const page = mustReadPage(out, url);
    const where = `on ${url}`;
    // Redirect pages (a year's old later pages) only send the reader on.
    if (page.querySelector('meta[http-equiv=refresh]')) continue;
    assert.ok(page.querySelector('title')?.text.endsWith('Khabar Afghanistan'), `title ${where}`);
    const description = meta(page, 'description');
    assert.ok(description !== undefined && description.length > 0 && description.length <= 200, `description "${description}" ${where}`);
    const canonical = page.querySelector('link[rel=canonical]')?.getAttribute('href');
    assert.ok(canonical?.startsWith(`${ORIGIN}/`), `canonical ${canonical} ${where}`);
    assert.equal(new URL(canonical!).href, canonical, `canonical is a normalised absolute URL ${where}`);
    assert.equal(meta(page, 'og:url'), canonical, where);
    assert.ok(meta(page, 'og:title'), `og:title ${where}`);
    assert.equal(meta(page, 'og:description'), description, where);
    assert.equal(meta(page, 'og:site_name'), 'Khabar Afghanistan', where);
    assert.match(meta(page, 'og:locale') ?? '', /^[a-z]{2,3}_[A-Z]{2}$/, where);
    assert.match(meta(page, 'og:type') ?? '', /^(article|website)$/, where);
    assert.match(meta(page, 'og:image') ?? '', /^https:\/\//, where);
    assert.match(meta(page, 'twitter:card') ?? '', /^(summary|summary_large_image)$/, where);
    // X reads title, description and image from Open Graph: no copies of them.
    assert.equal(page.querySelectorAll('meta[name^="twitter:"]').length, 1, where);
    assert.ok(page.querySelector('html')?.getAttribute('lang'), `lang ${where}`);
    assert.ok(page.querySelector('html')?.getAttribute('dir'), `dir ${where}`);
    for (const script of page.querySelectorAll('script')) {
      if (script.getAttribute('type') === 'application/ld+json') assert.doesNotThrow(() => JSON.parse(script.textContent), where);
    }
  }
});

test('a post carries a complete NewsArticle', () => {
  const url = '/2024/03/15/aggregated-story/';
  const page = mustReadPage(out, url);
  const [article, ...rest] = jsonLd(page);
  assert.equal(rest.length, 0);
  assert.ok(article);
  assert.equal(article['@context'], 'https://schema.org');
  assert.equal(article['@type'], 'NewsArticle');
  assert.equal(article.headline, 'Aggregated story');
  assert.equal(article.description, 'A one-line summary written by the editors.');
  assert.equal(article.datePublished, '2024-03-15T08:00:00Z');
  assert.equal(article.dateModified, '2024-03-16T09:30:00Z');
  assert.deepEqual(article.author, { '@type': 'Person', name: 'Desk Editor' });
  assert.deepEqual(article.publisher, { '@type': 'Organization', name: 'Khabar Afghanistan', logo: { '@type': 'ImageObject', url: LOGO } });
  assert.deepEqual(article.mainEntityOfPage, { '@type': 'WebPage', '@id': `${ORIGIN}${url}` });
  assert.equal(article.inLanguage, 'en');
  assert.equal(article.isBasedOn, 'https://tolonews.com/afghanistan-1');
  assert.equal(article.image, undefined, 'no image in the post');
  assert.equal(meta(page, 'description'), 'A one-line summary written by the editors.');
  assert.equal(meta(page, 'og:type'), 'article');
  assert.equal(meta(page, 'og:title'), 'Aggregated story');
  assert.equal(meta(page, 'og:image'), LOGO, 'no image: the site logo');
  assert.equal(meta(page, 'twitter:card'), 'summary');
  assert.equal(meta(page, 'article:modified_time'), '2024-03-16T09:30:00Z');
});

test('a post without a description gets a plain-text excerpt; its first image is og:image', () => {
  const url = '/2024/03/14/vaccination-campaign-in-kunar/';
  const page = mustReadPage(out, url);
  const description = meta(page, 'description')!;
  assert.ok(description.length <= 160, description);
  assert.ok(description.startsWith('Health workers in Kunar began a measles vaccination campaign on Monday, reaching children in remote districts & villages'), description);
  assert.ok(description.endsWith('…'));
  assert.doesNotMatch(description, /[<>*]|&amp;/);
  const image = `${ORIGIN}/media/vaccination.jpg`;
  assert.equal(meta(page, 'og:image'), image);
  assert.equal(meta(page, 'twitter:card'), 'summary_large_image');
  const [article] = jsonLd(page);
  assert.deepEqual(article?.image, [image]);
  assert.equal(article?.description, description);
  assert.equal(article?.dateModified, '2024-03-14T08:00:00Z', 'not updated: dateModified is the date');
  assert.equal(article?.isBasedOn, undefined, 'an editor\'s post is based on nothing');
  assert.deepEqual(article?.author, { '@type': 'Person', name: 'admin' });
});

test('a hostile title stays inside the JSON-LD', () => {
  const page = mustReadPage(out, '/2024/03/12/hostile-title/');
  const scripts = page.querySelectorAll('script');
  assert.equal(scripts.length, 1, 'exactly one script element');
  assert.equal(scripts[0]!.getAttribute('type'), 'application/ld+json');
  const raw = scripts[0]!.textContent;
  assert.ok(!raw.includes('<'), 'no "<" inside the script');
  const article = JSON.parse(raw) as Record<string, unknown>;
  assert.equal(article.headline, HOSTILE_TITLE);
  assert.equal(page.querySelector('h1')?.text, HOSTILE_TITLE);
  assert.equal(meta(page, 'og:title'), HOSTILE_TITLE);
  assert.equal(page.querySelector('title')?.text, `${HOSTILE_TITLE} – Khabar Afghanistan`);
});

test('a Dari post: lang, dir, locale and inLanguage', () => {
  const page = mustReadPage(out, '/2024/03/10/خبر-تازه-از-کابل/');
  assert.equal(page.querySelector('html')?.getAttribute('lang'), 'fa');
  assert.equal(page.querySelector('html')?.getAttribute('dir'), 'rtl');
  assert.equal(meta(page, 'og:locale'), 'fa_AF');
  assert.equal(meta(page, 'description'), 'این یک خبر آزمایشی است.');
  const canonical = page.querySelector('link[rel=canonical]')?.getAttribute('href');
  assert.equal(canonical, `${ORIGIN}/2024/03/10/${encodeURIComponent('خبر-تازه-از-کابل')}/`);
  const [article] = jsonLd(page);
  assert.equal(article?.inLanguage, 'fa');
  assert.equal(article?.headline, DARI_TITLE);
  assert.deepEqual(article?.mainEntityOfPage, { '@type': 'WebPage', '@id': canonical });
});

function crumbs(url: string): [string, string][] {
  const page = mustReadPage(out, url);
  const data = jsonLd(page);
  assert.equal(data.length, 1, `one JSON-LD on ${url}`);
  assert.equal(data[0]!['@type'], 'BreadcrumbList');
  const items = data[0]!.itemListElement as { '@type': string; position: number; name: string; item: string }[];
  items.forEach((item, i) => {
    assert.equal(item['@type'], 'ListItem');
    assert.equal(item.position, i + 1);
  });
  return items.map((item) => [item.name, item.item]);
}

test('list pages carry a BreadcrumbList and a sentence naming the list', () => {
  assert.deepEqual(crumbs('/'), [['Home', `${ORIGIN}/`]]);
  assert.deepEqual(crumbs('/page/2/'), [
    ['Home', `${ORIGIN}/`],
    ['Page 2', `${ORIGIN}/page/2/`],
  ]);
  assert.deepEqual(crumbs('/category/health-news/page/2/'), [
    ['Home', `${ORIGIN}/`],
    ['Category: Health News', `${ORIGIN}/category/health-news/`],
    ['Page 2', `${ORIGIN}/category/health-news/page/2/`],
  ]);
  assert.deepEqual(crumbs('/tag/measles/'), [
    ['Home', `${ORIGIN}/`],
    ['Tag: Measles', `${ORIGIN}/tag/measles/`],
  ]);
  assert.deepEqual(crumbs('/2024/02/05/'), [
    ['Home', `${ORIGIN}/`],
    ['2024', `${ORIGIN}/2024/`],
    ['February 2024', `${ORIGIN}/2024/02/`],
    ['5th February, 2024', `${ORIGIN}/2024/02/05/`],
  ]);
  const category = mustReadPage(out, '/category/health-news/page/2/');
  assert.equal(meta(category, 'description'), 'News filed under Health News on Khabar Afghanistan. Page 2 of 2.');
  assert.equal(meta(category, 'og:type'), 'website');
  assert.equal(meta(category, 'og:image'), LOGO);
  assert.equal(meta(category, 'twitter:card'), 'summary');
  assert.equal(meta(mustReadPage(out, '/2024/03/'), 'description'), 'News from March 2024 on Khabar Afghanistan.');
  // Pages that are neither posts nor lists carry no JSON-LD.
  for (const url of ['/about/', '/404.html', '/search/']) assert.equal(jsonLd(mustReadPage(out, url)).length, 0, url);
});

test('plainExcerpt: text only, entities decoded, cut at a word within the limit', () => {
  assert.equal(plainText('<p>One &amp; <em>two</em></p>\n<ul><li>three</li><li>four</li></ul>'), 'One & two three four');
  assert.equal(plainText('<p>Before</p>\n<!--more-->\n<p>after &lt;b&gt; &#1575; &#x627;</p>'), 'Before after <b> ا ا');
  assert.equal(plainExcerpt('<p>Short.</p>'), 'Short.');
  const long = `<p>${'word '.repeat(60)}</p>`;
  const cut = plainExcerpt(long);
  assert.ok(cut.length <= 160 && cut.endsWith('word…'), cut);
  assert.ok(plainExcerpt(`<p>${'x'.repeat(300)}</p>`, 50).length <= 50);
  assert.equal(plainExcerpt(`<p>${'😀'.repeat(100)}</p>`, 12), `${'😀'.repeat(5)}…`, 'no broken surrogate pair');
});

test('firstImageUrl, ogLocale, listDescription', () => {
  assert.equal(firstImageUrl('<p><img src="a.jpg?x=1&amp;y=2" alt=""></p>', `${ORIGIN}/2024/01/01/p/`), `${ORIGIN}/2024/01/01/p/a.jpg?x=1&y=2`);
  assert.equal(firstImageUrl('<p>No image</p>', `${ORIGIN}/`), '');
  assert.equal(ogLocale('en'), 'en_US');
  assert.equal(ogLocale('fa'), 'fa_AF');
  assert.equal(ogLocale('ps'), 'ps_AF');
  assert.equal(ogLocale('fa-IR'), 'fa_IR');
  assert.equal(listDescription({ kind: 'tag', name: 'Measles', pageNumber: 1, pageCount: 1 }, { name: 'K' }), 'News tagged Measles on K.');
  assert.equal(listDescription({ kind: 'home', name: 'Home', pageNumber: 1, pageCount: 3 }, { name: 'K', description: 'About K.' }), 'About K.');
  assert.equal(listDescription({ kind: 'home', name: 'Home', pageNumber: 3, pageCount: 3 }, { name: 'K' }), 'Earlier news on K. Page 3 of 3.');
});

test('serializeJsonLd escapes what could end the script element, and parses back to the same data', () => {
  const data = { headline: '</script><script>alert(1)</script> <!-- & \u2028', n: 1 };
  const json = serializeJsonLd(data);
  assert.ok(!/[<>&\u2028]/.test(json), json);
  assert.deepEqual(JSON.parse(json), data);
  assert.deepEqual(
    listCrumbs({ kind: 'month', name: 'March 2024', base: '/2024/03/', pageNumber: 3 }).map((c) => c.url),
    ['/', '/2024/', '/2024/03/', '/2024/03/page/3/'],
  );
});
