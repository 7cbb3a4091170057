import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import MarkdownIt from 'markdown-it';
import { ComposeError, composeBatch, composePosts, videoIdOf, type ComposeOptions } from '../../src/ingest/compose.ts';
import { normaliseFeed } from '../../src/ingest/normalise.ts';
import { parseFeed } from '../../src/ingest/parse/index.ts';
import type { NormalisedItem, PostDraft, RawItem, SourceConfig } from '../../src/ingest/types.ts';
import { loadCategories } from '../../src/model/categories.ts';
import { parseFrontMatter, stringifyFrontMatter } from '../../src/model/front-matter.ts';
import { validatePost } from '../../src/model/schema.ts';
import { feedBytes } from '../helpers/fixtures.ts';

const categories = loadCategories(fileURLToPath(new URL('../../content/_data/categories.yaml', import.meta.url)));
const OPTIONS: ComposeOptions = { maxCategories: 3, timeZone: 'Asia/Kabul' };
const FETCHED_AT = new Date('2026-10-01T08:00:00Z');
const markdown = new MarkdownIt({ html: false });

const ENCODINGS: Record<string, string> = {
  'rss-uol-latin1-no-declaration.xml': 'iso-8859-1',
  'rss-ibash-windows-1251.xml': 'windows-1251',
  'rss-liberal-greek-iso-8859-7.xml': 'iso-8859-7',
  'rss-golem-iso-8859-1.xml': 'iso-8859-1',
};

function source(overrides: Partial<SourceConfig> = {}): SourceConfig {
  return { id: 'tolonews', name: 'Tolo News', url: 'https://tolonews.com/rss.xml', kind: 'summary', categories: [], tags: [], enabled: true, ...overrides };
}

function item(overrides: Partial<NormalisedItem> = {}): NormalisedItem {
  return { title: 'A title', link: 'https://e.example/a', date: new Date('2024-03-27T10:15:00Z'), categories: [], ...overrides };
}

async function fixtureItems(name: string, feedUrl: string): Promise<NormalisedItem[]> {
  const bytes = feedBytes(name);
  const feed = await parseFeed(iconv.decode(bytes, ENCODINGS[name] ?? 'utf-8'), feedUrl);
  return normaliseFeed(feed, { feedUrl, fetchedAt: FETCHED_AT, now: FETCHED_AT }).items;
}

function rawPipeline(raw: RawItem[], kind: SourceConfig['kind'] = 'summary'): PostDraft[] {
  const { items } = normaliseFeed({ items: raw }, { feedUrl: 'https://news.example.org/feed', fetchedAt: FETCHED_AT, now: FETCHED_AT });
  return composePosts(items, source({ kind }), categories, OPTIONS);
}

function assertValid(draft: PostDraft): void {
  const result = validatePost(draft.frontMatter);
  assert.ok(result.ok, JSON.stringify(result.ok ? null : result.problems));
}

function assertInertBody(body: string, context: string): void {
  const html = markdown.render(body);
  assert.ok(!/<(script|style|iframe|object|embed|form|input|svg|math)\b/i.test(html), `${context}\n${html}`);
  assert.ok(!/<[a-z][^>]*\son[a-z]+=/i.test(html), `${context}\n${html}`);
  assert.ok(!/(href|src)="(?!https?:)/i.test(html), `${context}\n${html}`);
  assert.ok(!/(?:javascript|vbscript):/i.test(html.replace(/>[^<]*</g, '><')), `${context}\n${html}`);
}

test('summary posts: front matter from the item, an excerpt body, no link added', () => {
  const [draft] = composePosts(
    [
      item({
        title: 'Measles outbreak claims 29 lives: UNICEF',
        link: 'https://tolonews.com/health-187654',
        guid: 'tolo-187654',
        author: 'Tolo Reporter',
        lang: 'en',
        updated: new Date('2024-03-27T12:00:00Z'),
        categories: ['Measles'],
        summaryHtml: `<p>The outbreak has hit <a href="/provinces">several provinces</a>. ${'Word '.repeat(80)}</p>`,
        contentHtml: '<p>The whole article.</p>',
      }),
    ],
    source({ categories: ['Health News'] }),
    categories,
    OPTIONS,
  );
  assert.ok(draft !== undefined);
  assertValid(draft);
  assert.deepEqual(draft.frontMatter, {
    title: 'Measles outbreak claims 29 lives: UNICEF',
    date: '2024-03-27T10:15:00Z',
    author: 'Tolo Reporter',
    categories: ['Health News', 'Afghan Children'],
    tags: ['Measles'],
    lang: 'en',
    source: { name: 'Tolo News', url: 'https://tolonews.com/health-187654', id: 'tolo-187654', feed: 'tolonews' },
    updated: '2024-03-27T12:00:00Z',
  });
  assert.equal(draft.key, 'tolo-187654');
  assert.equal(draft.canonicalLink, 'https://tolonews.com/health-187654');
  assert.ok(draft.body.startsWith('The outbreak has hit several provinces.'), draft.body);
  assert.ok(draft.body.split(/\s+/).length <= 60);
  assert.ok(!/click here|read more|\]\(/i.test(draft.body), 'no link added, none kept in an excerpt');
});

test('summary posts fall back to the content; full posts use the whole content as Markdown', () => {
  const onlyContent = item({ contentHtml: '<h1>Head</h1><p>Para <strong>one</strong>. Two.</p><ul><li>x</li></ul>' });
  assert.equal(composePosts([onlyContent], source(), categories, OPTIONS)[0]!.body, 'Head\n\nPara one. Two.\n\nx');
  assert.equal(
    composePosts([onlyContent], source({ kind: 'full' }), categories, OPTIONS)[0]!.body,
    '## Head\n\nPara **one**. Two.\n\n-   x',
  );
  const onlySummary = item({ summaryHtml: '<p>Just a <em>summary</em>.</p>' });
  assert.equal(composePosts([onlySummary], source({ kind: 'full' }), categories, OPTIONS)[0]!.body, 'Just a _summary_.');
  assert.equal(composePosts([item()], source(), categories, OPTIONS)[0]!.body, '');
  // A summary that is only an image has no text: the content is used.
  const imageSummary = item({ summaryHtml: '<img src="https://e.example/a.jpg">', contentHtml: '<p>Text.</p>' });
  assert.equal(composePosts([imageSummary], source(), categories, OPTIONS)[0]!.body, 'Text.');
});

test('summary excerpts are the HTML\'s text: line breaks and blocks part paragraphs, code blocks are left out, nothing is markup', () => {
  const lines = item({ summaryHtml: 'xxx: first line<br>yyy: *second* line<br/><div>a block</div><div>[another](x)</div>' });
  assert.equal(composePosts([lines], source(), categories, OPTIONS)[0]!.body, 'xxx: first line\n\nyyy: \\*second\\* line\n\na block\n\n\\[another\\](x)');
  const code = item({ summaryHtml: '<p>Run this:</p><pre><code>rm -rf /tmp/x</code></pre><p>Done.</p>' });
  assert.equal(composePosts([code], source(), categories, OPTIONS)[0]!.body, 'Run this:\n\nDone.');
  // The classifier reads the code all the same (the text it gets is not the excerpt's).
  const tagged = item({ summaryHtml: '<p>Report.</p><pre>football football football</pre>' });
  assert.ok(composePosts([tagged], source(), categories, OPTIONS)[0]!.frontMatter.categories.includes('Afghan Sports News'));
});

test('optional fields: no lang or author when unknown; the source language and a default author fill in', () => {
  const [bare] = composePosts([item()], source(), categories, OPTIONS);
  assert.equal(bare!.frontMatter.lang, undefined);
  assert.equal(bare!.frontMatter.author, undefined);
  assert.ok(!('author' in bare!.frontMatter) && !('lang' in bare!.frontMatter) && !('updated' in bare!.frontMatter));
  const [filled] = composePosts([item()], source({ lang: 'fa' }), categories, { ...OPTIONS, author: 'admin' });
  assert.equal(filled!.frontMatter.lang, 'fa');
  assert.equal(filled!.frontMatter.author, 'admin');
});

test('updated only when later than the date', () => {
  const same = composePosts([item({ updated: new Date('2024-03-27T10:15:00Z') })], source(), categories, OPTIONS)[0]!;
  assert.equal(same.frontMatter.updated, undefined);
  const earlier = composePosts([item({ updated: new Date('2024-03-26T10:15:00Z') })], source(), categories, OPTIONS)[0]!;
  assert.equal(earlier.frontMatter.updated, undefined);
});

test('keys: guid; a guid shared within the batch falls back to the link, then to a hash', () => {
  const drafts = composePosts(
    [
      item({ title: 'One', guid: 'same', link: 'https://e.example/1' }),
      item({ title: 'Two', guid: 'same', link: 'https://e.example/2' }),
      item({ title: 'Three', guid: 'unique', link: 'https://e.example/3' }),
      item({ title: 'Four', link: 'https://e.example/4' }),
      item({ title: 'Five', guid: 'same', link: 'https://e.example/shared', contentHtml: '<p>5</p>' }),
      item({ title: 'Six', guid: 'same', link: 'https://e.example/shared', contentHtml: '<p>6</p>' }),
    ],
    source(),
    categories,
    OPTIONS,
  );
  assert.deepEqual(
    drafts.map((d) => d.key.replace(/^hash:[0-9a-f]{64}$/, 'hash')),
    ['https://e.example/1', 'https://e.example/2', 'unique', 'https://e.example/4', 'hash', 'hash'],
  );
  assert.notEqual(drafts[4]!.key, drafts[5]!.key);
  assert.deepEqual(
    drafts.map((d) => d.frontMatter.source.id),
    ['https://e.example/1', 'https://e.example/2', 'unique', 'https://e.example/4', 'https://e.example/shared', 'https://e.example/shared'],
  );
  for (const draft of drafts) assertValid(draft);
});

test('a feed that reuses one guid for every item does not collapse into one post', () => {
  const items = Array.from({ length: 5 }, (_, i) => item({ title: `Story ${i}`, guid: 'https://e.example/feed', link: `https://e.example/story/${i}` }));
  const drafts = composePosts(items, source(), categories, OPTIONS);
  assert.equal(drafts.length, 5);
  assert.equal(new Set(drafts.map((d) => d.key)).size, 5);
});

test('the same item listed twice is composed once', () => {
  const twice = item({ title: 'Same', guid: 'g', link: 'https://e.example/same', contentHtml: '<p>x</p>' });
  assert.equal(composePosts([twice, { ...twice }], source(), categories, OPTIONS).length, 1);
});

test('hostile titles are kept as the title string and survive a YAML round trip', () => {
  const titles = ['x\n---\nlayout: evil', 'a: b', '!!js/function "function(){ return 1 }"', '{{ 7*7 }}', '{% raw %}', '- list', '# hash', '"quoted" \'single\'', 'yes', 'null', '~', '@at', '`tick`', '&anchor', '*alias'];
  const drafts = rawPipeline(titles.map((title, i) => ({ categories: [], title, link: `https://e.example/${i}` })));
  assert.equal(drafts.length, titles.length);
  drafts.forEach((draft, i) => {
    const expected = titles[i]!.replace(/\s+/g, ' ');
    assert.equal(draft.frontMatter.title, expected);
    assertValid(draft);
    const file = stringifyFrontMatter({ ...draft.frontMatter }, draft.body);
    const parsed = parseFrontMatter(file);
    assert.equal(parsed.data.title, expected);
    assert.equal(parsed.data.layout, undefined);
    assert.deepEqual(Object.keys(parsed.data).sort(), Object.keys(draft.frontMatter).sort());
  });
});

test('XSS in titles, summaries, content and links comes out inert', () => {
  const payloads = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">j</a>',
    '<a href="JaVaScRiPt:alert(1)">j</a>',
    '<a href="&#106;avascript:alert(1)">j</a>',
    '<a href="data:text/html,<script>alert(1)</script>">d</a>',
    '<a href="vbscript:msgbox(1)">v</a>',
    '<svg onload=alert(1)>',
    '<iframe src="https://evil.example/"></iframe>',
    '<style>body{}</style>',
    '<math><mi>x</mi></math>',
    '<form action="https://evil.example/"><input></form>',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
  ];
  const raw: RawItem[] = payloads.map((payload, i) => ({
    categories: [payload],
    title: `Title ${i} ${payload}`,
    link: `https://e.example/${i}`,
    summary: `<p>Summary ${payload} text.</p>`,
    content: `<p>Content ${payload} text.</p>`,
    author: payload,
  }));
  raw.push(
    { categories: [], title: 'bad link 1', link: 'javascript:alert(1)' },
    { categories: [], title: 'bad link 2', link: 'data:text/html,<script>alert(1)</script>' },
    { categories: [], title: 'bad link 3', link: 'vbscript:msgbox(1)' },
  );
  for (const kind of ['summary', 'full'] as const) {
    const drafts = rawPipeline(raw, kind);
    assert.equal(drafts.length, payloads.length + 3, 'items with javascript:/data:/vbscript: links link to the home page');
    for (const draft of drafts) {
      assertValid(draft);
      assertInertBody(draft.body, draft.frontMatter.title);
      assert.ok(!/<\s*(script|img|svg|iframe|style|math|form|a)\b/i.test(draft.frontMatter.title), draft.frontMatter.title);
      assert.ok(!/<\s*(script|img|svg|iframe|style|math|form|a)\b/i.test(draft.frontMatter.author ?? ''), draft.frontMatter.author);
      for (const tag of draft.frontMatter.tags) assert.ok(!/<\s*[a-z]/i.test(tag), tag);
      if (draft.frontMatter.title.startsWith('bad link')) {
        assert.equal(draft.frontMatter.source.url, 'https://news.example.org/');
        assert.equal(draft.frontMatter.source.home, true);
        assert.match(draft.canonicalLink, /^no-link:/);
      } else {
        assert.match(draft.frontMatter.source.url, /^https:\/\/e\.example\/\d+$/);
        assert.equal(draft.frontMatter.source.home, undefined);
        assert.match(draft.canonicalLink, /^https:\/\//);
      }
    }
  }
});

test('fixtures with scripts and iframes: full posts lose them, bodies render inert', async () => {
  const cases: [string, string][] = [
    ['atom-tpm-scripts-iframes.xml', 'http://talkingpointsmemo.com/account/feed/all/x'],
    ['json-kibty-town-rfc822-dates.json', 'https://kibty.town/blog.json'],
    ['rss-aif-ru-enclosures-scripts.xml', 'http://www.aif.ru/rss/news.php'],
  ];
  for (const [name, url] of cases) {
    const items = await fixtureItems(name, url);
    for (const kind of ['full', 'summary'] as const) {
      const drafts = composePosts(items, source({ id: 'fixture', kind }), categories, OPTIONS);
      assert.equal(drafts.length, items.length, name);
      for (const draft of drafts) {
        assertValid(draft);
        assertInertBody(draft.body, `${name}: ${draft.frontMatter.title}`);
        assert.ok(!/widgets\.js|instagram\.com\/embed\.js|window\.location|youtube\.com\/embed/.test(draft.body), `${name}: ${draft.body}`);
      }
    }
  }
});

test('every draft from the real fixtures passes the post schema', async () => {
  const cases: [string, string][] = [
    ['rss-guardian.xml', 'https://www.theguardian.com/world/rss'],
    ['rss-arstechnica.xml', 'https://arstechnica.com/feed/'],
    ['rss-brasildefato-pt.xml', 'https://www.brasildefato.com.br/rss2.xml'],
    ['rss-bbc-urdu-rtl.xml', 'http://www.bbc.com/urdu/index.xml'],
    ['rss-uol-latin1-no-declaration.xml', 'https://rss.uol.com.br/feed/noticias.xml'],
    ['rss-ibash-windows-1251.xml', 'http://ibash.org.ru/rss.xml'],
    ['rss-liberal-greek-iso-8859-7.xml', 'https://www.liberal.gr/rss'],
    ['rss-golem-iso-8859-1.xml', 'https://rss.golem.de/rss.php'],
    ['rss-wapo-wellness-est-dates.xml', 'http://feeds.washingtonpost.com/rss/lifestyle/wellness'],
    ['rss-pcmag-illegally-nested.xml', 'http://feeds.pcmag.com/x'],
    ['rss-fda-time-element-in-pubdate.xml', 'https://www.fda.gov/rss.xml'],
    ['rss-news18-hindi-odd-dates.xml', 'https://hindi.news18.com/rss/khabar/world.xml'],
    ['rss-multiple-media-content.xml', 'https://mastodon.art/@nuclearpasta.rss'],
    ['rss-guid-dupes.xml', 'http://feeds.braingle.com/braingle/newteasers'],
    ['rss-leading-whitespace-before-xml-decl.xml', 'https://www.androidauthority.com/feed/'],
    ['rss-hackernews-double-escaped-title.xml', 'https://news.ycombinator.com/rss'],
    ['atom-heise-de.xml', 'https://www.heise.de/developer/rss/news-atom.xml'],
    ['atom-theverge.xml', 'https://www.theverge.com/rss/index.xml'],
    ['atom-intertwingly-xhtml.xml', 'http://intertwingly.net/blog/index.atom'],
    ['rdf-heise-online-no-dates.xml', 'https://www.heise.de/newsticker/heise.rdf'],
    ['rdf-craigslist-html-titles.xml', 'https://sfbay.craigslist.org/search/apa?format=rss'],
    ['json-npr-world.json', 'https://feeds.npr.org/1004/feed.json'],
  ];
  for (const [name, url] of cases) {
    const items = await fixtureItems(name, url);
    for (const kind of ['summary', 'full'] as const) {
      const drafts = composePosts(items, source({ id: 'fixture', kind }), categories, { ...OPTIONS, maxCategories: 2 });
      assert.equal(new Set(drafts.map((d) => d.key)).size, drafts.length, `${name}: keys are unique`);
      assert.ok(drafts.length > 0, name);
      for (const draft of drafts) {
        assertValid(draft);
        assert.ok(draft.frontMatter.categories.length >= 1 && draft.frontMatter.categories.length <= 2);
        assert.ok(draft.frontMatter.tags.length <= 8);
        if (kind === 'summary') assert.ok(draft.body.replace(/…$/, '').split(/\s+/).length <= 60, `${name}: ${draft.body}`);
      }
    }
  }
});

test('the HN title stays it&#x27;s through compose and YAML', async () => {
  const [draft] = composePosts(await fixtureItems('rss-hackernews-double-escaped-title.xml', 'https://news.ycombinator.com/rss'), source(), categories, OPTIONS);
  assert.equal(draft!.frontMatter.title, 'GPTZero case study discovers it&#x27;s only accurate on less than 50% of text');
  assert.equal(parseFrontMatter(stringifyFrontMatter({ ...draft!.frontMatter }, draft!.body)).data.title, draft!.frontMatter.title);
});

test('video sources: one post per day in the site time zone, the newest video embedded', async () => {
  const items = await fixtureItems('atom-youtube-channel.xml', 'https://www.youtube.com/feeds/videos.xml?channel_id=UC9PBzalIcEQCsiIkq36PyUA');
  const youtube = source({ id: 'digital-foundry', name: 'Digital Foundry', kind: 'video', url: 'https://www.youtube.com/feeds/videos.xml?channel_id=UC9PBzalIcEQCsiIkq36PyUA' });
  const drafts = composePosts(items, youtube, categories, OPTIONS);
  const days = new Set(items.map((i) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kabul' }).format(i.date)));
  assert.equal(drafts.length, days.size);
  assert.equal(new Set(drafts.map((d) => d.key)).size, drafts.length);
  const first = drafts[0]!;
  assertValid(first);
  assert.equal(first.frontMatter.title, 'Digital Foundry – January 1, 2025');
  assert.equal(first.frontMatter.video, 'https://www.youtube.com/watch?v=W_S7iKZZdHw');
  assert.equal(first.key, 'video:2025-01-01');
  assert.equal(first.frontMatter.source.id, 'video:2025-01-01');
  assert.equal(first.frontMatter.source.feed, 'digital-foundry');
  assert.equal(first.frontMatter.date, '2025-01-01T16:07:24Z');
  assert.equal(first.canonicalLink, 'https://www.youtube.com/watch?v=W_S7iKZZdHw');
  assert.match(first.body, /^Video: Digital Foundry Games of 2024: The Oliver Mackenzie Collection!$/);
  for (const draft of drafts) {
    assertValid(draft);
    assert.match(draft.frontMatter.title, /^Digital Foundry – [A-Z][a-z]+ \d{1,2}, \d{4}$/);
    assert.match(draft.key, /^video:\d{4}-\d{2}-\d{2}$/);
    assert.match(draft.frontMatter.video!, /^https:\/\/www\.youtube\.com\/watch\?v=[\w-]{11}$/);
    assert.ok(!draft.body.includes('\n'), 'a short line');
  }
});

test('video: the day is the site’s day, the newest video of the day wins, titles listed newest first', () => {
  const videos = [
    item({ title: 'Evening *news*', videoId: 'AAAAAAAAAAA', link: 'https://www.youtube.com/watch?v=AAAAAAAAAAA', date: new Date('2024-12-30T21:00:00Z') }),
    item({ title: 'Late night <b>', videoId: 'BBBBBBBBBBB', link: 'https://www.youtube.com/watch?v=BBBBBBBBBBB', date: new Date('2024-12-31T01:00:00Z') }),
    item({ title: 'Morning', link: 'https://youtu.be/CCCCCCCCCCC', date: new Date('2024-12-31T05:00:00Z') }),
    item({ title: 'Not a video', link: 'https://e.example/article', date: new Date('2024-12-31T06:00:00Z') }),
  ];
  const youtube = source({ name: 'Tolo News', kind: 'video' });
  const kabul = composePosts(videos, youtube, categories, { ...OPTIONS, timeZone: 'Asia/Kabul' });
  // In Kabul (UTC+4:30) 21:00Z on the 30th is already the 31st.
  assert.equal(kabul.length, 1);
  assert.equal(kabul[0]!.frontMatter.title, 'Tolo News – December 31, 2024');
  assert.equal(kabul[0]!.frontMatter.video, 'https://www.youtube.com/watch?v=CCCCCCCCCCC');
  assert.equal(kabul[0]!.key, 'video:2024-12-31');
  assert.equal(kabul[0]!.body, 'Videos: Morning · Late night \\<b> · Evening \\*news\\*');
  assert.equal(markdown.render(kabul[0]!.body), '<p>Videos: Morning · Late night &lt;b&gt; · Evening *news*</p>\n');
  const utc = composePosts(videos, youtube, categories, { ...OPTIONS, timeZone: 'UTC' });
  assert.deepEqual(
    utc.map((d) => [d.key, d.frontMatter.title]),
    [
      ['video:2024-12-31', 'Tolo News – December 31, 2024'],
      ['video:2024-12-30', 'Tolo News – December 30, 2024'],
    ],
  );
  for (const draft of [...kabul, ...utc]) assertValid(draft);
});

test('videoIdOf reads yt:videoId or a YouTube link', () => {
  assert.equal(videoIdOf(item({ videoId: 'W_S7iKZZdHw' })), 'W_S7iKZZdHw');
  assert.equal(videoIdOf(item({ link: 'https://www.youtube.com/watch?v=W_S7iKZZdHw' })), 'W_S7iKZZdHw');
  assert.equal(videoIdOf(item({ link: 'https://m.youtube.com/shorts/W_S7iKZZdHw' })), 'W_S7iKZZdHw');
  assert.equal(videoIdOf(item({ link: 'https://youtu.be/W_S7iKZZdHw?t=3' })), 'W_S7iKZZdHw');
  assert.equal(videoIdOf(item({ link: 'https://evil.example/watch?v=W_S7iKZZdHw' })), undefined);
  assert.equal(videoIdOf(item({ link: 'https://www.youtube.com/watch?v=<script>' })), undefined);
});

test('a source configuration the schema refuses throws ComposeError naming the field', () => {
  assert.throws(
    () => composePosts([item()], source({ id: 'Not A Valid Id' }), categories, OPTIONS),
    (error: unknown) => error instanceof ComposeError && /source\.feed/.test(error.message) && /Not A Valid Id/.test(error.message),
  );
  assert.throws(() => composePosts([item()], source({ name: '  ' }), categories, OPTIONS), ComposeError);
  assert.deepEqual(composePosts([], source({ name: '' }), categories, OPTIONS), [], 'nothing to compose, nothing to refuse');
});

test('composeBatch: known keys are only counted; past the deadline the rest is left, one new draft at least', () => {
  const items = [1, 2, 3, 4].map((n) => item({ title: `Item ${n}`, link: `https://e.example/${n}`, guid: `g${n}` }));
  const all = composeBatch(items, source(), categories, OPTIONS);
  assert.deepEqual([all.drafts.length, all.deferred, all.known], [4, 0, 0]);
  const known = composeBatch(items, source(), categories, { ...OPTIONS, knownKeys: new Set(['g1', 'g3']) });
  assert.deepEqual(known.drafts.map((d) => d.key), ['g2', 'g4']);
  assert.equal(known.known, 2);
  const late = composeBatch(items, source(), categories, { ...OPTIONS, deadline: 0, knownKeys: new Set(['g1']) });
  assert.deepEqual(late.drafts.map((d) => d.key), ['g2']);
  assert.deepEqual([late.deferred, late.known], [2, 1]);
});

test('drafts hold no lone surrogate or control character, whatever the item held', () => {
  const [draft] = composePosts(
    [item({ title: 'Lone \ud800 title', author: 'A\udc00', guid: 'g\u0000', summaryHtml: '<p>Text &#1; \ud800 here</p>', categories: ['c\udfff'] })],
    source({ kind: 'full' }),
    categories,
    OPTIONS,
  );
  assert.ok(draft);
  const text = JSON.stringify(draft);
  assert.doesNotMatch(text, /\\ud[89ab]|\\udc|\\u000[01]/i, text);
  assert.equal(draft.frontMatter.title, 'Lone  title');
  assert.equal(draft.key, 'g');
  assertValid(draft);
});

test('items linked to the home page: keyed by guid, else by hash (never by the shared home page), source.home, a canonical link of their own', () => {
  const home = 'https://e.example/';
  const items = [
    item({ title: 'With guid', link: home, linkIsHome: true, guid: 'urn:1' }),
    item({ title: 'No guid', link: home, linkIsHome: true, summaryHtml: '<p>One.</p>' }),
    item({ title: 'Own link', link: 'https://e.example/own' }),
  ];
  const drafts = composePosts(items, source(), categories, OPTIONS);
  assert.deepEqual(
    drafts.map((d) => [d.key === d.frontMatter.source.id, d.frontMatter.source.home, d.frontMatter.source.url]),
    [
      [true, true, home],
      [true, true, home],
      [true, undefined, 'https://e.example/own'],
    ],
  );
  assert.equal(drafts[0]!.key, 'urn:1');
  assert.match(drafts[1]!.key, /^hash:[0-9a-f]{64}$/);
  assert.equal(drafts[0]!.canonicalLink, 'no-link:tolonews:urn:1');
  assert.equal(drafts[1]!.canonicalLink, `no-link:tolonews:${drafts[1]!.key}`);
  assert.equal(drafts[2]!.canonicalLink, 'https://e.example/own');
  drafts.forEach(assertValid);
  // A single item linked to the home page is still not keyed by it: the next one would be taken for it.
  const [alone] = composePosts([item({ title: 'Alone', link: home, linkIsHome: true })], source(), categories, OPTIONS);
  assert.match(alone!.key, /^hash:/);
  const [next] = composePosts([item({ title: 'Next', link: home, linkIsHome: true })], source(), categories, OPTIONS);
  assert.notEqual(next!.key, alone!.key);
});

