import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseFrontMatter, stringifyFrontMatter } from '../../src/model/front-matter.ts';
import { validatePost } from '../../src/model/schema.ts';
import {
  indexFieldsOf,
  InvalidDraftError,
  parsedIndexFields,
  quickIndexFields,
  quickReadBack,
  readFrontMatterHead,
  renderPost,
  scanPosts,
  slugForDraft,
  storePost,
  storePosts,
} from '../../src/ingest/store.ts';
import type { PostDraft } from '../../src/ingest/types.ts';

const ZONE = 'Asia/Kabul';

function draft(title: string, extra: Partial<PostDraft['frontMatter']> = {}, key = title): PostDraft {
  return {
    frontMatter: {
      title,
      date: '2024-03-27T10:15:00Z',
      categories: ['Health News'],
      tags: [],
      source: { name: 'Tolo News', url: 'https://tolonews.com/health-1', id: key, feed: 'tolonews' },
      ...extra,
    },
    body: 'A body with {{ 7*7 }} and {% raw %} in it.',
    key,
    canonicalLink: 'https://tolonews.com/health-1',
  };
}

async function tempFiles(dir: string): Promise<string[]> {
  const all = await readdir(dir, { recursive: true });
  return all.filter((name) => name.includes('khabar-tmp'));
}

describe('store', () => {
  let out: string;
  before(async () => {
    out = await mkdtemp(join(tmpdir(), 'khabar-store-'));
  });
  after(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('writes content/posts/YYYY/MM/<slug>.md in the site time zone, with front matter that validates', async () => {
    // 21:00 UTC on 31 March is already 1 April in Kabul (+04:30).
    const stored = await storePost(out, draft('Measles Outbreak: UNICEF', { date: '2024-03-31T21:00:00Z' }), { timeZone: ZONE });
    assert.equal(stored.path, join(out, '2024', '04', 'measles-outbreak-unicef.md'));
    const { data, body } = parseFrontMatter(await readFile(stored.path, 'utf8'));
    assert.ok(validatePost(data).ok);
    assert.equal(data.slug, undefined, 'no slug field when it is the one derived from the title');
    assert.equal(body, 'A body with {{ 7*7 }} and {% raw %} in it.\n');
  });

  it('round-trips hostile titles exactly, as text', async () => {
    const titles = [
      'x\n---\nlayout: evil',
      'a: b',
      '!!js/function "function () { return 1 }"',
      '{{ 7*7 }}',
      '---',
      "'quoted' \"double\" #hash & *alias",
      'null',
      'permalink: /evil/',
    ];
    for (const [i, title] of titles.entries()) {
      const stored = await storePost(out, draft(title, {}, `hostile-${i}`), { timeZone: ZONE });
      const { data } = parseFrontMatter(await readFile(stored.path, 'utf8'));
      assert.equal(data.title, title);
      // Nothing but the draft's own fields (and the slug its file name needed).
      assert.deepEqual(Object.keys(data).filter((k) => k !== 'slug'), ['title', 'date', 'categories', 'tags', 'source']);
      assert.ok(validatePost(data).ok, title);
    }
  });

  it('refuses front matter outside the schema, writing nothing', async () => {
    const bad = draft('Evil keys') as PostDraft & { frontMatter: Record<string, unknown> };
    bad.frontMatter.permalink = '/evil/';
    await assert.rejects(storePost(out, bad, { timeZone: ZONE }), InvalidDraftError);
    await assert.rejects(storePost(out, draft('No date', { date: 'yesterday' }), { timeZone: ZONE }), InvalidDraftError);
    await assert.rejects(storePost(out, draft('   '), { timeZone: ZONE }), InvalidDraftError);
    const files = await readdir(join(out, '2024', '03'));
    assert.ok(!files.some((f) => f.startsWith('evil-keys') || f.startsWith('no-date')));
    assert.deepEqual(await tempFiles(out), []);
  });

  it('gives a colliding slug -2, -3, and never overwrites an existing file', async () => {
    const dir = join(out, '2024', '03');
    await mkdir(dir, { recursive: true });
    const editors = '---\ntitle: Kabul Bazaars\ndate: 2024-03-01T08:00:00Z\n---\nThe editor wrote this.\n';
    await writeFile(join(dir, 'kabul-bazaars.md'), editors);
    const second = await storePost(out, draft('Kabul Bazaars', {}, 'k1'), { timeZone: ZONE });
    const third = await storePost(out, draft('Kabul Bazaars', {}, 'k2'), { timeZone: ZONE });
    assert.equal(second.path, join(dir, 'kabul-bazaars-2.md'));
    assert.equal(third.path, join(dir, 'kabul-bazaars-3.md'));
    assert.equal(await readFile(join(dir, 'kabul-bazaars.md'), 'utf8'), editors);
    const { data } = parseFrontMatter(await readFile(third.path, 'utf8'));
    assert.equal(data.slug, 'kabul-bazaars-3', 'the URL slug follows the file name');
  });

  it('avoids a URL another file already uses on that day', async () => {
    const takenUrls = new Set(['2024/03/27/water-talks']);
    const stored = await storePost(out, draft('Water Talks'), { timeZone: ZONE, takenUrls });
    assert.equal(stored.slug, 'water-talks-2');
    assert.ok(takenUrls.has('2024/03/27/water-talks-2'));
  });

  it('keeps Persian letters, caps long slugs at a word boundary, and hashes empty ones', async () => {
    assert.equal(slugForDraft('کمپاین واکسین سرخکان در كابل', 'k'), 'کمپاین-واکسین-سرخکان-در-کابل');
    const long = slugForDraft('word '.repeat(40), 'k');
    assert.ok(long.length <= 80 && long.endsWith('word') && !long.endsWith('-'), long);
    const persianLong = slugForDraft('سرخکان '.repeat(30), 'k');
    assert.ok(Buffer.byteLength(persianLong) <= 160 && persianLong.endsWith('سرخکان'), persianLong);
    const hashed = slugForDraft('!!! ???', 'https://example.org/a');
    assert.match(hashed, /^[0-9a-f]{12}$/);
    assert.equal(slugForDraft('... ', 'https://example.org/a'), hashed);
    const stored = await storePost(out, draft('؟!', {}, 'https://example.org/a'), { timeZone: ZONE });
    assert.equal(stored.slug, hashed);
  });

  it('cleans temp files a killed run left, and reads front matter only', async () => {
    const dir = join(out, '2024', '05');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, '.half-written.md.khabar-tmp-12345-0a1b2c3d'), '---\ntitle: "half');
    await writeFile(join(out, '.ingest.lock.khabar-tmp-99-ff'), '{');
    await writeFile(join(dir, 'notes.txt'), 'not a post');
    const body = 'x'.repeat(100_000);
    await writeFile(
      join(dir, 'ingested.md'),
      `---\ntitle: Ingested\ndate: 2024-05-02T10:00:00Z\nsource:\n  name: A\n  url: https://a.example/1\n  id: "guid-1"\n  feed: a\n---\n${body}\n`,
    );
    const head = readFrontMatterHead(join(dir, 'ingested.md'))!;
    assert.ok(head.length < 200, 'only the front matter is read');
    const scan = scanPosts(out, ZONE);
    assert.equal(scan.tempsRemoved.length, 2);
    assert.deepEqual(await tempFiles(out), []);
    const ingested = scan.posts.find((p) => p.path.endsWith('ingested.md'))!;
    assert.deepEqual(
      { feed: ingested.feed, id: ingested.id, url: ingested.url, urlKey: ingested.urlKey },
      { feed: 'a', id: 'guid-1', url: 'https://a.example/1', urlKey: '2024/05/02/ingested' },
    );
    assert.ok(scan.posts.some((p) => p.path.endsWith('kabul-bazaars.md') && p.feed === undefined));
  });

  it('lets exactly one of many racing writers take a name', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => storePost(out, draft('Race Day', {}, `race-${i}`), { timeZone: ZONE })),
    );
    const names = results.map((r) => r.path);
    assert.equal(new Set(names).size, 8);
    for (const [i, result] of results.entries()) {
      const { data } = parseFrontMatter(await readFile(result.path, 'utf8'));
      assert.equal((data.source as { id: string }).id, `race-${i}`);
    }
  });
});

describe('slug length cap', () => {
  it('keeps whole words, cuts a single giant word, and leaves short slugs alone', () => {
    assert.equal(slugForDraft('a'.repeat(200), 'k'), 'a'.repeat(80));
    const exact = `${'abcd-'.repeat(15)}abcd`; // 79 characters
    assert.equal(slugForDraft(exact, 'k'), exact);
    const wordEndsAt80 = `${'abcdefghi-'.repeat(8).slice(0, 79)}x-tail`;
    assert.equal(slugForDraft(wordEndsAt80, 'k'), wordEndsAt80.slice(0, 80));
  });
});

describe('front matter index', () => {
  const cases = [
    // Khabar's own output, and what editors write.
    stringifyFrontMatter(
      { title: 'Measles: UNICEF', date: '2024-03-27T10:15:00Z', categories: ['Health News'], tags: [], source: { name: 'T', url: 'https://t.example/1', id: 'g-1', feed: 't' } },
      '',
    ),
    '---\ntitle: Cabinet Meeting in Kabul\ndate: 2026-11-27T06:45:00Z\ncategories: [Political News, Reconstruction and Development]\ntags: [Kabul]\nsource:\n  name: Tolo News\n  url: https://tolonews.com/afghanistan-192013\n  id: "https://tolonews.com/afghanistan-192013"\n  feed: tolonews\n---\n',
    '---\ntitle: "کتابخانه عامه مزار شریف"\ndate: 2026-11-02T08:00:00+04:30\nlang: fa\ndraft: false\nslug: custom-slug\n---\n',
    // Scalars that are not strings, or whose meaning needs the parser.
    '---\ntitle: 2024\ndate: 2024-01-01T00:00:00Z\nsource:\n  id: 12345\n  feed: null\n  url: 12:30\n  name: true\n---\n',
    '---\ntitle: "escaped \\" quote"\ndate: 2024-01-01T00:00:00Z\n---\n',
    "---\ntitle: 'single'\ndate: 2024-01-01T00:00:00Z\n---\n",
    '---\ntitle: a # comment\ndate: 2024-01-01T00:00:00Z\n---\n',
    '---\ntitle: |\n  block\ndate: 2024-01-01T00:00:00Z\n---\n',
    '---\ntitle: multi\n  line plain\ndate: 2024-01-01T00:00:00Z\n---\n',
    '---\ntitle: a\ntitle: b\n---\n',
    '---\nsource: {name: a, url: "https://a.example/", id: x, feed: f}\ntitle: x\n---\n',
    '---\nsource:\n    name: deeper\ntitle: x\n---\n',
    '---\nsource:\ntitle: x\n---\n',
    '---\ntags:\n- a\ntitle: x\n---\n',
    '---\ntitle: &anchor x\nslug: *anchor\n---\n',
    '---\ntitle: x\n...\n---\n',
    '---\n"title": x\n---\n',
    '---\ntitle: x\tstill x\n---\n',
    '---\ntitle: x:\n---\n',
    '---\n---\n',
  ];

  it('reads the needed fields exactly as the YAML parser does, or leaves the file to it', () => {
    let quick = 0;
    for (const head of cases) {
      const fast = head.startsWith('---\n') ? quickIndexFields(head.slice(4, -4)) : undefined;
      let full;
      try {
        full = parsedIndexFields(head);
      } catch {
        assert.equal(fast, undefined, `the parser refuses ${JSON.stringify(head)}, the fast path must too`);
        continue;
      }
      if (fast === undefined) continue;
      quick++;
      assert.deepEqual(fast, full, JSON.stringify(head));
    }
    assert.ok(quick >= 4, `${quick} cases took the fast path`);
  });

  it('agrees with the parser on every post in the repository and on hostile titles', async () => {
    const titles = ['x\n---\nlayout: evil', 'a: b', '{{ 7*7 }}', '#hash', 'ends with colon:', 'C# and F#', '12:30', 'null', '- dash', ' lead', 'trail ', 'تیتر فارسی: دوم', 'quote " inside', 'back\\slash'];
    const heads = titles.map((title) =>
      stringifyFrontMatter({ title, date: '2024-01-01T00:00:00Z', source: { name: 'n', url: 'https://a.example/', id: title, feed: 'f' } }, ''),
    );
    const repoPosts = new URL('../../content/posts/', import.meta.url).pathname;
    for (const file of await readdir(repoPosts, { recursive: true })) {
      if (file.endsWith('.md')) heads.push(readFrontMatterHead(join(repoPosts, file))!);
    }
    for (const head of heads) {
      assert.deepEqual(indexFieldsOf(head), parsedIndexFields(head), head);
    }
  });
});

describe('quick read-back of a rendered post', () => {
  const strings = [
    'Measles: UNICEF', 'x\n---\nlayout: evil', 'a: b', '{{ 7*7 }}', '#hash', 'C# and F#', '12:30', 'null', 'true', '~', '- dash',
    ' lead', 'trail ', 'تیتر فارسی: دوم', 'کمپاین\u200cها', 'quote " inside', 'back\\slash', '\\"', '"', '\\', 'tab\there',
    'nbsp\u00a0here', 'line\u2028sep', 'bom\ufeff', 'emoji 😀', 'lone \ud800', 'del\u007f', 'nel\u0085', "'single'", '&anchor', '*alias',
    '!!js/function', '%TAG', '...', '---', '[a, b]', '{a: b}', '>', '|', '@at', '`tick`', 'x'.repeat(500),
  ];
  it('reads what the parser reads, or leaves the text to it', () => {
    let quick = 0;
    for (const [i, value] of strings.entries()) {
      const data: Record<string, unknown> = {
        title: value,
        date: '2024-01-01T00:00:00Z',
        categories: [value, 'Health News'],
        tags: i % 2 === 0 ? [] : [value],
        source: { name: value, url: 'https://a.example/', id: value, feed: 'f' },
      };
      for (const body of ['', 'body', `${value}\n---\nmore`, '\nstarts with a blank line', 'crlf\r\nbody']) {
        const text = stringifyFrontMatter(data, body);
        const fast = quickReadBack(text);
        if (fast === undefined) continue;
        quick++;
        const full = parseFrontMatter(text);
        assert.deepEqual(fast, { data: full.data, body: full.body }, JSON.stringify(text));
      }
    }
    assert.ok(quick >= strings.length, `${quick} texts took the fast path`);
  });

  it('leaves other shapes to the parser', () => {
    for (const text of [
      '---\ntitle: plain\n---\n',
      '---\ntitle: "a"\ntitle: "b"\n---\n',
      '---\ntitle: "a"\nsource:\n---\n',
      '---\ntitle: "a"\ntags:\n  - "x"\n  k: "y"\n---\n',
      '---\ntitle: "a\\tb"\n---\n',
      '---\ntitle: "a" # c\n---\n',
      '---\ntitle: "a"\n---x\n',
      '---\ntrue: "a"\n---\n',
      '---\n__proto__: "a"\n---\n',
      '---\n---\n',
    ]) {
      assert.equal(quickReadBack(text), undefined, text);
    }
  });

  it('renderPost still refuses a post that would not read back', () => {
    assert.throws(() => renderPost({ title: 'x', date: '2024-01-01T00:00:00Z' }, 'a\r\nb'), InvalidDraftError);
  });
});

describe('storePosts (a batch)', () => {
  let out: string;
  before(async () => {
    out = await mkdtemp(join(tmpdir(), 'khabar-store-batch-'));
  });
  after(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('stores in order with the names storePost would give, skips invalid drafts, never overwrites', async () => {
    const dir = join(out, '2024', '03');
    await mkdir(dir, { recursive: true });
    const editors = '---\ntitle: Kabul Bazaars\ndate: 2024-03-01T08:00:00Z\n---\nThe editor wrote this.\n';
    await writeFile(join(dir, 'kabul-bazaars.md'), editors);
    const takenUrls = new Set(['2024/03/27/water-talks']);
    const drafts = [
      draft('Kabul Bazaars', {}, 'k1'),
      draft('No date', { date: 'yesterday' }, 'bad'),
      draft('Kabul Bazaars', {}, 'k2'),
      draft('Water Talks', {}, 'w1'),
      ...Array.from({ length: 70 }, (_, i) => draft(`Item ${i % 5}`, {}, `item-${i}`)),
    ];
    const stored: string[] = [];
    const invalid: string[] = [];
    await storePosts(out, drafts, { timeZone: ZONE, takenUrls }, {
      onStored: (d, post) => stored.push(`${d.key} ${post.path.slice(dir.length + 1)}`),
      onInvalid: (d) => invalid.push(d.key),
    });
    assert.deepEqual(invalid, ['bad']);
    assert.deepEqual(stored.slice(0, 3), ['k1 kabul-bazaars-2.md', 'k2 kabul-bazaars-3.md', 'w1 water-talks-2.md']);
    assert.equal(stored.length, 73);
    assert.equal(new Set(stored.map((line) => line.split(' ')[1])).size, 73);
    assert.ok(stored.includes('item-69 item-4-14.md'), stored.slice(-3).join());
    assert.equal(await readFile(join(dir, 'kabul-bazaars.md'), 'utf8'), editors);
    assert.ok(takenUrls.has('2024/03/27/item-4-14'));
    const { data } = parseFrontMatter(await readFile(join(dir, 'kabul-bazaars-3.md'), 'utf8'));
    assert.equal(data.slug, 'kabul-bazaars-3');
    assert.deepEqual(await tempFiles(out), []);
  });

  it('stops before the next post when aborted, leaving whole posts and no temp file', async () => {
    const controller = new AbortController();
    const stored: string[] = [];
    const drafts = Array.from({ length: 10 }, (_, i) => draft(`Abort ${i}`, {}, `abort-${i}`));
    await assert.rejects(
      storePosts(out, drafts, { timeZone: ZONE, signal: controller.signal }, {
        onStored: (d) => {
          stored.push(d.key);
          if (stored.length === 3) controller.abort(new Error('stop'));
        },
        onInvalid: () => assert.fail('no invalid draft'),
      }),
      /stop/,
    );
    assert.deepEqual(stored, ['abort-0', 'abort-1', 'abort-2']);
    const files = (await readdir(join(out, '2024', '03'))).filter((f) => f.startsWith('abort-'));
    assert.deepEqual(files.sort(), ['abort-0.md', 'abort-1.md', 'abort-2.md']);
    assert.deepEqual(await tempFiles(out), []);
  });
});
