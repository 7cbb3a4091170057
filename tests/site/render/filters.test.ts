import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFilters } from '../../../src/site/render/filters.ts';

const ID = 'dQw4w9WgXcQ';
const filters = createFilters({ timeZone: 'Asia/Kabul', url: 'https://khabar.example' });

/** Calls a filter by name as a template would (the registry's type hides the signatures). */
function call(name: string, ...args: unknown[]): unknown {
  const filter = filters[name];
  assert.ok(filter, `no filter ${name}`);
  return (filter as unknown as (...a: unknown[]) => unknown)(...args);
}

test('the youtubeId filter is the same function', () => {
  assert.equal(call('youtubeId', `https://youtu.be/${ID}`), ID);
  assert.equal(call('youtubeId', 'https://evil.example/'), null);
});

test('longDate and shortDate are in the site zone, from a Date or a string', () => {
  assert.equal(call('longDate', new Date('2024-03-27T10:15:00Z')), '27th March, 2024');
  assert.equal(call('longDate', '2024-03-26T20:00:00Z'), '27th March, 2024');
  assert.equal(call('shortDate', '2024-03-26T20:00:00Z'), 'March 27, 2024');
  const utc = createFilters({ timeZone: 'UTC', url: 'https://khabar.example' });
  assert.equal((utc.longDate as unknown as (v: unknown) => string)('2024-03-26T20:00:00Z'), '26th March, 2024');
  assert.throws(() => call('longDate', undefined), TypeError);
});

test('isoDate writes UTC without milliseconds', () => {
  assert.equal(call('isoDate', new Date('2024-03-27T10:15:00.123Z')), '2024-03-27T10:15:00Z');
  assert.equal(call('isoDate', '2024-03-27T10:15:00+04:30'), '2024-03-27T05:45:00Z');
});

test('hijriDate: Solar Hijri for Dari and Pashto, empty for everything else', () => {
  assert.equal(call('hijriDate', '2024-03-27T10:15:00Z', 'fa'), '۸ حمل ۱۴۰۳');
  assert.equal(call('hijriDate', new Date('2024-03-27T10:15:00Z'), 'fa-AF'), '۸ حمل ۱۴۰۳');
  const ps = call('hijriDate', '2024-03-27T10:15:00Z', 'ps');
  assert.equal(typeof ps, 'string');
  assert.match(ps as string, /وری/);
  assert.equal(call('hijriDate', '2024-03-27T10:15:00Z', 'en'), '');
  assert.equal(call('hijriDate', '2024-03-27T10:15:00Z', 'ar'), '');
  assert.equal(call('hijriDate', '2024-03-27T10:15:00Z', undefined), '');
});

test('dir gives the text direction of a language', () => {
  assert.equal(call('dir', 'fa'), 'rtl');
  assert.equal(call('dir', 'ps'), 'rtl');
  assert.equal(call('dir', 'en'), 'ltr');
  assert.equal(call('dir', undefined), 'ltr');
});

test('absoluteUrl resolves site paths against the site URL', () => {
  assert.equal(call('absoluteUrl', '/2024/03/27/measles/'), 'https://khabar.example/2024/03/27/measles/');
  assert.equal(call('absoluteUrl', '/'), 'https://khabar.example/');
  assert.equal(call('absoluteUrl', 'feed.xml'), 'https://khabar.example/feed.xml');
  assert.equal(call('absoluteUrl', '/tag/کابل/'), 'https://khabar.example/tag/%DA%A9%D8%A7%D8%A8%D9%84/');
});

/** The listExcerpt filter's two answers, as the summary template reads them. */
const excerptOf = (html: unknown): string => (call('listExcerpt', html) as { excerpt: string }).excerpt;
const moreOf = (html: unknown): boolean => (call('listExcerpt', html) as { more: boolean }).more;

test('listExcerpt splits at the marker', () => {
  assert.equal(excerptOf('<p>a</p>\n<!--more-->\n<p>b</p>'), '<p>a</p>\n');
  assert.equal(moreOf('<p>a</p>\n<!--more-->\n<p>b</p>'), true);
  assert.equal(excerptOf('<p>a</p>'), '<p>a</p>');
  assert.equal(moreOf('<p>a</p>'), false);
  assert.equal(excerptOf(undefined), '');
  assert.equal(moreOf(undefined), false);
});

test('without a marker, a list shows the leading paragraphs that fit, else the start of the text', () => {
  const short = '<p>One.</p>\n<p>Two.</p>\n';
  assert.equal(excerptOf(short), short, 'a short body whole');
  assert.equal(moreOf(short), false);

  const para = (n: number, words: number): string => `<p>${Array.from({ length: words }, (_, i) => `p${n}w${i}`).join(' ')}</p>\n`;
  // 20 words of ~5 characters: ~120 characters a paragraph; 320 hold two, not three.
  const three = para(1, 20) + para(2, 20) + para(3, 20);
  assert.equal(excerptOf(three), (para(1, 20) + para(2, 20)).trimEnd());
  assert.equal(moreOf(three), true);

  // A first paragraph longer than the limit: its text, cut at a word, escaped, as one paragraph.
  const long = `<p>Kabul &amp; Herat: <strong>floods</strong> &lt;again&gt; ${'rain '.repeat(100)}</p>\n<p>next</p>`;
  const cut = excerptOf(long) as string;
  assert.match(cut, /^<p>Kabul &amp; Herat: floods &lt;again&gt; rain rain/);
  assert.ok(cut.endsWith('…</p>') && cut.length < 340, cut);
  assert.equal(moreOf(long), true);

  // A body that starts with something else (a figure) and is long: the start of its text.
  const figure = `<figure><img src="/media/a.jpg" alt=""><figcaption>${'word '.repeat(90)}</figcaption></figure>`;
  assert.match(excerptOf(figure) as string, /^<p>word word.*…<\/p>$/);
  // The marker wins over the paragraphs.
  assert.equal(excerptOf(`${three}<!--more-->\n<p>b</p>`), three);
});

test('langAttrs: only a post in another language than the site\'s says its own', () => {
  const fa = createFilters({ timeZone: 'Asia/Kabul', url: 'https://khabar.example', lang: 'en' });
  const langAttrs = fa.langAttrs as unknown as (post: { lang: string; dir: string }) => string;
  assert.equal(langAttrs({ lang: 'en', dir: 'ltr' }), '');
  assert.equal(langAttrs({ lang: 'fa', dir: 'rtl' }), ' lang="fa" dir="rtl"');
  assert.equal(langAttrs({ lang: 'x"><script>', dir: 'evil' }), ' lang="x&quot;&gt;&lt;script&gt;" dir="ltr"');
});

test('markCurrent marks every link to the current URL, and only those', () => {
  const html = '<a href="/a/">A</a><a href="/b/">B</a><a href="/a/">A again</a><a href="/a/b/">AB</a>';
  assert.equal(
    call('markCurrent', html, '/a/'),
    '<a href="/a/" aria-current="page">A</a><a href="/b/">B</a><a href="/a/" aria-current="page">A again</a><a href="/a/b/">AB</a>',
  );
  assert.equal(call('markCurrent', html, '/nowhere/'), html);
});

test('createFilters registers the filters templates use', () => {
  for (const name of ['absoluteUrl', 'dir', 'hijriDate', 'listExcerpt', 'isoDate', 'longDate', 'markCurrent', 'shortDate', 'youtubeId']) {
    assert.equal(typeof filters[name], 'function', name);
  }
});

test('plainExcerpt of a long body reads only its start, with the same result as from the whole text', () => {
  const paragraph = '<p>Flood waters &amp; mud <a href="/x/">closed</a> the <em>Salang</em> road; traffic waited.</p>\n';
  const long = `${paragraph.repeat(400)}<p>The end.</p>`;
  const excerpt = call('plainExcerpt', long) as string;
  assert.ok(excerpt.startsWith('Flood waters & mud closed the Salang road; traffic waited. Flood'), excerpt);
  assert.ok(excerpt.endsWith('…') && excerpt.length <= 160, excerpt);
  // Cut inside a tag or an entity, the start would read differently: compare with the body
  // cut at every length around the reader's window.
  for (const cut of [1000, 2300, 2303, 2310, 2330]) {
    const body = long.slice(0, cut);
    assert.equal(call('plainExcerpt', `${body}<p>x</p>`), call('plainExcerpt', `${body}<p>x</p>${'<p>more</p>'.repeat(300)}`), `cut at ${cut}`);
  }
  // A short body is read whole.
  assert.equal(call('plainExcerpt', '<p>Short &amp; sweet.</p>'), 'Short & sweet.');
});

test('hijriDate is the Solar Hijri date for Dari and Pashto only, the same on every call', () => {
  const date = new Date('2024-03-27T10:15:00Z');
  const dari = call('hijriDate', date, 'fa') as string;
  assert.notEqual(dari, '');
  assert.equal(call('hijriDate', new Date(date.getTime()), 'fa'), dari);
  assert.notEqual(call('hijriDate', date, 'ps'), dari, 'Pashto month names');
  assert.equal(call('hijriDate', date, 'en'), '');
});
