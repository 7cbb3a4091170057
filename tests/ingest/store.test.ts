import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseFrontMatter } from '../../src/model/front-matter.ts';
import { validatePost } from '../../src/model/schema.ts';
import { slugForDraft } from '../../src/ingest/post-slug.ts';
import { InvalidDraftError } from '../../src/ingest/render-post.ts';
import { storePost, storePosts } from '../../src/ingest/store.ts';
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
