/**
 * runIngest against hostile feeds served from 127.0.0.1 (issue #17): text that is not valid
 * Unicode or holds control characters, one item of deeply nested HTML, a feed too slow to
 * compose in the time limit, and a feed with more new items than the source's cap. Each run
 * in its own temporary folder; what is written must pass the site's content check.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { loadCategories } from '../../src/model/categories.ts';
import { parseFrontMatter } from '../../src/model/front-matter.ts';
import { runIngest, type RunOptions, type RunResult } from '../../src/ingest/run.ts';
import type { SourceReport } from '../../src/ingest/types.ts';
import { checkContent } from '../../src/site/check/content-check.ts';
import { startTestServer, type TestServer } from '../helpers/http-server.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DATA = join(REPO, 'content', '_data');
const NOW = new Date('2026-12-01T12:00:00Z');
const FETCH = { totalTimeoutMs: 60_000, retries: 0 };

interface Source {
  id: string;
  path: string;
  kind?: 'summary' | 'full';
  maxNewPosts?: number;
}

function sourcesYaml(base: string, sources: readonly Source[]): string {
  const lines = ['sources:'];
  for (const s of sources) {
    lines.push(`  - id: ${s.id}`, `    name: "Source ${s.id}"`, `    url: ${base}${s.path}`);
    if (s.kind !== undefined) lines.push(`    kind: ${s.kind}`);
    if (s.maxNewPosts !== undefined) lines.push(`    maxNewPosts: ${s.maxNewPosts}`);
  }
  return `${lines.join('\n')}\n`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

interface RssItem {
  title: string;
  link: string;
  date: Date;
  description: string;
}

function rss(items: readonly RssItem[]): string {
  const entries = items.map(
    (item) =>
      `<item><title>${escapeXml(item.title)}</title><link>${item.link}</link><guid>${item.link}</guid>` +
      `<pubDate>${item.date.toUTCString()}</pubDate><description>${escapeXml(item.description)}</description></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Test</title><link>https://example.org/</link>${entries.join('')}</channel></rss>`;
}

/** `count` items, one an hour back from the run's now: item 1 is the newest. */
function numberedItems(count: number, site: string): RssItem[] {
  return Array.from({ length: count }, (_, i) => ({
    title: `Item ${i + 1} of the ${site} feed`,
    link: `https://${site}.example.org/news/${i + 1}`,
    date: new Date(NOW.getTime() - (i + 1) * 3_600_000),
    description: `<p>Text of item ${i + 1}.</p>`,
  }));
}

const good = rss(numberedItems(3, 'good'));

interface Post {
  file: string;
  data: Record<string, unknown>;
  body: string;
}

async function readPosts(dir: string): Promise<Post[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const posts: Post[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
    const file = relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/');
    const { data, body } = parseFrontMatter(await readFile(join(dir, file), 'utf8'));
    posts.push({ file, data, body });
  }
  return posts.sort((a, b) => a.file.localeCompare(b.file));
}

function feedOf(post: Post): string {
  return (post.data.source as { feed: string }).feed;
}

function entryOf(result: RunResult, id: string): SourceReport {
  const entry = result.report.sources.find((s) => s.id === id);
  assert.ok(entry, `no report entry for ${id}`);
  return entry;
}

describe('ingest limits (hostile feeds)', () => {
  let server: TestServer;
  let root: string;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'khabar-ingest-limits-'));
    server = await startTestServer({ '/good.xml': { headers: { 'content-type': 'application/rss+xml' }, body: good } });
  });

  after(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  async function run(name: string, sources: readonly Source[], extra: Partial<RunOptions> = {}): Promise<RunResult> {
    const sourcesFile = join(root, `${name}.yaml`);
    await writeFile(sourcesFile, sourcesYaml(server.url, sources));
    return runIngest({
      sourcesFile,
      dataDir: DATA,
      outDir: join(root, name, 'posts'),
      allowPrivateNetwork: true,
      fetch: FETCH,
      now: NOW,
      // Only the time-limit test meets the time limit: elsewhere a loaded machine must not.
      sourceTimeLimitMs: 600_000,
      ...extra,
    });
  }

  it('drops lone surrogates and control characters from every field, keeping the rest, so the content check passes', async () => {
    const json = {
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Hostile \ud800 feed',
      items: [
        {
          id: 'json-1\udc00',
          url: 'https://json.example.org/news/1',
          title: 'JSON lone \ud800 surrogate',
          summary: 'A summary \udfff with\u0000 a NUL and a \u0001 control',
          content_html: '<p>Body \ud800 with a \u001f unit separator and &#1; an entity</p>',
          tags: ['Tag\ud800 one', '\u0002Second'],
          authors: [{ name: 'Jane \udbff Doe' }],
          date_published: '2026-11-30T10:00:00Z',
        },
      ],
    };
    server.route('/surrogates.json', { headers: { 'content-type': 'application/feed+json' }, body: JSON.stringify(json) });
    // The same item under another link, for a full source (not a duplicate of the first).
    json.items[0]!.url = 'https://json-full.example.org/news/1';
    server.route('/surrogates-full.json', { headers: { 'content-type': 'application/feed+json' }, body: JSON.stringify(json) });
    server.route('/controls.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rss([
        {
          title: 'RSS title \u0001 with a control',
          link: 'https://rss.example.org/news/1',
          date: new Date('2026-11-30T09:00:00Z'),
          description: '<p>Text &#1; with &#x1F; entities &#xD800; and more.</p>',
        },
      ]),
    });
    const result = await run('unicode', [
      { id: 'surrogates', path: '/surrogates.json' },
      { id: 'surrogates-full', path: '/surrogates-full.json', kind: 'full' },
      { id: 'controls', path: '/controls.xml', kind: 'full' },
    ]);
    for (const id of ['surrogates', 'surrogates-full', 'controls']) {
      const entry = entryOf(result, id);
      assert.equal(entry.status, 'ok', JSON.stringify(entry));
      assert.equal(entry.added, 1, JSON.stringify(entry));
    }

    const posts = await readPosts(join(root, 'unicode', 'posts'));
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    const illFormed = /\p{Cs}|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/u;
    for (const post of posts) {
      assert.doesNotMatch(JSON.stringify(post.data), illFormed, post.file);
      assert.doesNotMatch(post.body, illFormed, post.file);
    }
    const summary = posts.find((post) => feedOf(post) === 'surrogates');
    assert.ok(summary);
    assert.equal(summary.data.title, 'JSON lone surrogate');
    assert.equal(summary.data.author, 'Jane Doe');
    assert.equal((summary.data.source as { id: string }).id, 'json-1');
    assert.ok((summary.data.tags as string[]).includes('Tag one'), JSON.stringify(summary.data.tags));
    assert.ok((summary.data.tags as string[]).includes('Second'), JSON.stringify(summary.data.tags));
    assert.match(summary.body, /^A summary with a NUL and a control$/m);
    const full = posts.find((post) => feedOf(post) === 'surrogates-full');
    assert.ok(full);
    assert.equal(full.data.title, 'JSON lone surrogate');
    assert.match(full.body, /^Body with a unit separator and {1,2}an entity$/m);
    const rssPost = posts.find((post) => feedOf(post) === 'controls');
    assert.ok(rssPost);
    assert.equal(rssPost.data.title, 'RSS title with a control');
    assert.match(rssPost.body, /Text {2}with {2}entities/);

    const check = checkContent({
      contentDir: join(root, 'unicode'),
      categories: loadCategories(join(DATA, 'categories.yaml')),
      timeZone: 'Asia/Kabul',
      root,
    });
    assert.deepEqual(check.problems, []);
    assert.equal(check.posts.length, posts.length);
  });

  it('flattens 200,000 nested elements in one item, writes its text and reports it, and the other source still succeeds', async () => {
    const depth = 200_000;
    const nested = `${'<span>'.repeat(depth)}The text inside the nesting.${'</span>'.repeat(depth)}`;
    // The same items under two sites' links (one summary, one full source: no cross-source duplicates).
    for (const site of ['nested', 'nested-full']) {
      server.route(`/${site}.xml`, {
        headers: { 'content-type': 'application/rss+xml' },
        body: rss([
          { title: 'Nested deep', link: `https://${site}.example.org/news/1`, date: new Date('2026-11-30T08:00:00Z'), description: nested },
          { title: 'Plain', link: `https://${site}.example.org/news/2`, date: new Date('2026-11-30T07:00:00Z'), description: '<p>Plain text.</p>' },
        ]),
      });
    }
    const result = await run('nesting', [
      { id: 'nested', path: '/nested.xml' },
      { id: 'nested-full', path: '/nested-full.xml', kind: 'full' },
      { id: 'good', path: '/good.xml' },
    ]);
    for (const id of ['nested', 'nested-full']) {
      const entry = entryOf(result, id);
      assert.equal(entry.status, 'ok', JSON.stringify(entry));
      assert.equal(entry.added, 2);
      assert.equal(entry.trimmed, 1);
      assert.equal(entry.notes?.length, 1);
      assert.match(entry.notes[0]!, /^item "https:\/\/nested(?:-full)?\.example\.org\/news\/1": summary: 199800 tag\(s\) nested deeper than 200 removed/);
    }
    const other = entryOf(result, 'good');
    assert.equal(other.status, 'ok');
    assert.equal(other.added, 3);
    assert.equal(other.trimmed, undefined);
    assert.equal(other.notes, undefined);

    const posts = await readPosts(join(root, 'nesting', 'posts'));
    const deep = posts.filter((post) => post.data.title === 'Nested deep');
    assert.equal(deep.length, 2);
    for (const post of deep) assert.match(post.body, /The text inside the nesting\./);
  });

  it('leaves what the time limit did not reach for the next runs, one new post at least per run, and drops the validators meanwhile', async () => {
    let requests = 0;
    const validators: (string | undefined)[] = [];
    server.route('/slow.xml', (req, res) => {
      requests++;
      validators.push(req.headers['if-none-match']);
      if (req.headers['if-none-match'] === '"slow-v1"') {
        res.writeHead(304).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"slow-v1"' }).end(rss(numberedItems(3, 'slow')));
    });
    const sources = [{ id: 'slow', path: '/slow.xml' }];
    const limits = { sourceTimeLimitMs: 0 };
    const added: number[] = [];
    for (let i = 0; i < 4; i++) {
      const entry = entryOf(await run('time', sources, limits), 'slow');
      added.push(entry.added);
      if (i < 2) {
        assert.equal(entry.deferred, 2 - i, JSON.stringify(entry));
        assert.match(entry.notes?.[0] ?? '', /^time limit of 0 ms reached/);
      }
    }
    // A run composes one new item before the limit counts; the fourth run is told "not modified".
    assert.deepEqual(added, [1, 1, 1, 0]);
    assert.equal(requests, 4);
    assert.deepEqual(validators, [undefined, undefined, undefined, '"slow-v1"']);
    const posts = await readPosts(join(root, 'time', 'posts'));
    assert.deepEqual(posts.map((post) => post.data.title).sort(), [1, 2, 3].map((n) => `Item ${n} of the slow feed`));
  });

  it('writes at most maxNewPosts new posts a run, newest first, and takes the rest in later runs without loss or duplicates', async () => {
    const items = numberedItems(250, 'many');
    // Not in date order in the feed: the cap must pick by date, not by position.
    const shuffled = [...items.filter((_, i) => i % 2 === 1), ...items.filter((_, i) => i % 2 === 0)];
    server.route('/many.xml', (req, res) => {
      if (req.headers['if-none-match'] === '"many-v1"') {
        res.writeHead(304).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"many-v1"' }).end(rss(shuffled));
    });
    const sources = [{ id: 'many', path: '/many.xml', maxNewPosts: 100 }, { id: 'good', path: '/good.xml' }];
    const dir = join(root, 'cap', 'posts');
    const seenTitles = new Set<string>();
    const expectations = [
      { added: 100, deferred: 150, newest: 1, oldest: 100 },
      { added: 100, deferred: 50, newest: 101, oldest: 200 },
      { added: 50, deferred: undefined, newest: 201, oldest: 250 },
    ];
    for (const [run_, expected] of expectations.entries()) {
      const result = await run('cap', sources);
      const entry = entryOf(result, 'many');
      assert.equal(entry.status, 'ok');
      assert.equal(entry.added, expected.added, `run ${run_ + 1}`);
      assert.equal(entry.deferred, expected.deferred, `run ${run_ + 1}`);
      assert.equal(entry.duplicate, 250 - (expected.added + (expected.deferred ?? 0)), `run ${run_ + 1}`);
      if (expected.deferred !== undefined) assert.match(entry.notes?.[0] ?? '', /over maxNewPosts \(100\)/);
      assert.equal(entryOf(result, 'good').status, 'ok');

      const fresh = (await readPosts(dir)).filter((post) => feedOf(post) === 'many' && !seenTitles.has(post.data.title as string));
      const numbers = fresh.map((post) => Number(/^Item (\d+) /.exec(post.data.title as string)![1])).sort((a, b) => a - b);
      assert.equal(numbers.length, expected.added);
      assert.equal(numbers[0], expected.newest);
      assert.equal(numbers.at(-1), expected.oldest);
      for (const post of fresh) seenTitles.add(post.data.title as string);
    }
    // All taken: the validators are kept again, and the feed is "not modified".
    const last = entryOf(await run('cap', sources), 'many');
    assert.equal(last.status, 'not-modified');
    const posts = (await readPosts(dir)).filter((post) => feedOf(post) === 'many');
    assert.equal(posts.length, 250);
    assert.equal(new Set(posts.map((post) => post.data.title)).size, 250);
  });
});
