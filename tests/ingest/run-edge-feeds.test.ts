/**
 * End to end, the feed-reader rules (README "What a post gets from a feed entry"): hand-written
 * edge feeds (tests/fixtures/feeds/edge/) served from a real HTTP server on 127.0.0.1 and
 * ingested by `runIngest`. An entry with a title or some text becomes a post (no link: its
 * permalink guid, else the outlet's home page, flagged `source.home`); only an entry with
 * neither is skipped and counted; feeds without entries are `ok`; DOCTYPE entities are
 * expanded and a billion-laughs feed fails; every file written is inert as Markdown; a second
 * run adds and changes nothing.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { runIngest, type RunResult } from '../../src/ingest/run.ts';
import type { SourceReport } from '../../src/ingest/types.ts';
import { parseFrontMatter } from '../../src/model/front-matter.ts';
import { validatePost } from '../../src/model/schema.ts';
import { startTestServer, type TestServer } from '../helpers/http-server.ts';
import { feedBytes } from '../helpers/fixtures.ts';
import { liveMarkdown } from '../helpers/inert-markdown.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DATA = join(REPO, 'content', '_data');
const NOW = new Date('2026-12-01T12:00:00Z');

interface EdgeSource {
  id: string;
  file: string;
  type: string;
  kind?: 'summary' | 'full';
}

const SOURCES: EdgeSource[] = [
  { id: 'no-links', file: 'rss-items-without-links.xml', type: 'application/rss+xml' },
  { id: 'rss-empty', file: 'rss-empty.xml', type: 'application/rss+xml' },
  { id: 'channel-empty', file: 'rss-channel-without-items.xml', type: 'application/rss+xml' },
  { id: 'atom-empty', file: 'atom-empty.xml', type: 'application/atom+xml' },
  { id: 'json-empty', file: 'json-empty-items.json', type: 'application/feed+json' },
  { id: 'entities', file: 'rss-doctype-entities.xml', type: 'application/rss+xml' },
  { id: 'laughs', file: 'rss-billion-laughs.xml', type: 'application/rss+xml' },
  { id: 'rdf', file: 'rdf-items-with-rdf-about.xml', type: 'application/rdf+xml' },
  { id: 'atom-03', file: 'atom-03-escaped-and-base64.xml', type: 'application/atom+xml', kind: 'full' },
  { id: 'atom-summary', file: 'atom-summary-only-xml-base.xml', type: 'application/atom+xml' },
  { id: 'json-text', file: 'json-content-text-only.json', type: 'application/feed+json' },
  { id: 'injection', file: 'rss-markdown-injection.xml', type: 'application/rss+xml', kind: 'full' },
];

function sourcesYaml(base: string, sources: readonly EdgeSource[]): string {
  const lines = ['sources:'];
  for (const s of sources) {
    lines.push(`  - id: ${s.id}`, `    name: "Edge ${s.id}"`, `    url: ${base}/${s.file}`);
    if (s.kind !== undefined) lines.push(`    kind: ${s.kind}`);
  }
  return `${lines.join('\n')}\n`;
}

interface Post {
  path: string;
  text: string;
  data: Record<string, unknown>;
  body: string;
  source: { name: string; url: string; id: string; feed: string; home?: boolean };
}

async function readPosts(dir: string): Promise<Post[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
  const posts: Post[] = [];
  for (const path of files) {
    const text = await readFile(join(dir, path), 'utf8');
    const { data, body } = parseFrontMatter(text);
    const checked = validatePost(data);
    assert.ok(checked.ok, `${path}: ${checked.ok ? '' : JSON.stringify(checked.problems)}`);
    posts.push({ path, text, data, body, source: data.source as Post['source'] });
  }
  return posts;
}

function byTitle(posts: readonly Post[], feed: string): Map<string, Post> {
  return new Map(posts.filter((p) => p.source.feed === feed).map((p) => [p.data.title as string, p]));
}

function entryOf(result: RunResult, id: string): SourceReport {
  const entry = result.report.sources.find((s) => s.id === id);
  assert.ok(entry, `no report entry for ${id}`);
  return entry;
}

async function snapshot(dir: string): Promise<Map<string, string>> {
  return new Map((await readPosts(dir)).map((p) => [p.path, p.text]));
}

describe('ingest keeps what a good feed reader keeps', () => {
  let server: TestServer;
  let root: string;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'khabar-edge-feeds-'));
    server = await startTestServer();
    for (const { file, type } of SOURCES) {
      server.route(`/${file}`, { headers: { 'content-type': type }, body: feedBytes(`edge/${file}`) });
    }
  });

  after(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  const run = (dir: string, sourcesFile: string): Promise<RunResult> =>
    runIngest({
      sourcesFile,
      dataDir: DATA,
      outDir: join(dir, 'posts'),
      reportFile: join(dir, 'report.json'),
      allowPrivateNetwork: true,
      fetch: { totalTimeoutMs: 60_000, retries: 0 },
      now: NOW,
    });

  it('writes a post for every entry with a title or text, skips and counts the rest, and a second run changes nothing', async () => {
    const dir = join(root, 'main');
    const sourcesFile = join(root, 'main-sources.yaml');
    await writeFile(sourcesFile, sourcesYaml(server.url, SOURCES));
    const first = await run(dir, sourcesFile);

    const counts = (id: string) => {
      const e = entryOf(first, id);
      return { status: e.status, seen: e.seen, added: e.added, invalid: e.invalid, duplicate: e.duplicate };
    };
    assert.deepEqual(counts('no-links'), { status: 'ok', seen: 9, added: 7, invalid: 2, duplicate: 0 });
    for (const id of ['rss-empty', 'channel-empty', 'atom-empty', 'json-empty']) {
      assert.deepEqual(counts(id), { status: 'ok', seen: 0, added: 0, invalid: 0, duplicate: 0 }, `${id}: ${entryOf(first, id).error}`);
      assert.equal(entryOf(first, id).error, undefined);
    }
    assert.deepEqual(counts('entities'), { status: 'ok', seen: 1, added: 1, invalid: 0, duplicate: 0 });
    assert.equal(entryOf(first, 'laughs').status, 'failed');
    assert.match(entryOf(first, 'laughs').error ?? '', /^parse: invalid XML: the entity "lol\d" expands to more than \d+ characters/);
    assert.deepEqual(counts('rdf'), { status: 'ok', seen: 2, added: 2, invalid: 0, duplicate: 0 });
    assert.deepEqual(counts('atom-03'), { status: 'ok', seen: 2, added: 2, invalid: 0, duplicate: 0 });
    assert.deepEqual(counts('atom-summary'), { status: 'ok', seen: 3, added: 3, invalid: 0, duplicate: 0 });
    assert.deepEqual(counts('json-text'), { status: 'ok', seen: 4, added: 3, invalid: 1, duplicate: 0 });
    assert.deepEqual(counts('injection'), { status: 'ok', seen: 6, added: 6, invalid: 0, duplicate: 0 });

    const posts = await readPosts(join(dir, 'posts'));
    for (const post of posts) assert.deepEqual(liveMarkdown(post.text), [], post.path);

    // Items without links or titles (RSS 2.0).
    const noLinks = byTitle(posts, 'no-links');
    const sourceOf = (title: string) => noLinks.get(title)?.source;
    assert.deepEqual(sourceOf('Permalink guid only'), {
      name: 'Edge no-links',
      url: 'https://outlet.example/2024/permalink-guid',
      id: 'https://outlet.example/2024/permalink-guid',
      feed: 'no-links',
    });
    assert.deepEqual(sourceOf('Opaque guid only'), {
      name: 'Edge no-links',
      url: 'https://outlet.example/',
      id: 'urn:outlet:4411',
      feed: 'no-links',
      home: true,
    });
    const untitled = noLinks.get('An untitled note about the harvest in Kandahar');
    assert.ok(untitled, [...noLinks.keys()].join(' | '));
    assert.equal(untitled.source.home, true);
    assert.match(untitled.source.id, /^hash:[0-9a-f]{64}$/);
    assert.match(untitled.body, /It has text but no title and no link\./);
    assert.equal(untitled.data.date, '2024-03-05T08:00:00Z');
    const relativeLink = noLinks.get('Relative link')!;
    assert.equal(relativeLink.source.url, `${server.url}/2024/relative-link`, 'resolved against the feed URL, tracking removed');
    assert.equal(relativeLink.data.author, 'Maryam Rahimi');
    assert.equal(sourceOf('Atom link inside an RSS item')?.url, 'https://outlet.example/2024/atom-link');
    const undated = noLinks.get('No date, no link, no guid')!;
    assert.equal(undated.data.date, NOW.toISOString().replace('.000Z', 'Z'), 'no date: the time it was fetched');
    assert.equal(undated.data.author, 'The News Desk', "the channel's managing editor");
    assert.equal(undated.source.home, true);
    assert.equal(sourceOf('A podcast episode with only an iTunes summary')?.home, true);
    assert.equal(noLinks.size, 7);

    // DOCTYPE entities.
    const [entity] = posts.filter((p) => p.source.feed === 'entities');
    assert.equal(entity!.data.title, 'Prices rise to 70 ؋ at Kabul Daily & Co');
    assert.match(entity!.body, /Reported by Kabul Daily & Co\./);

    // RSS 1.0 rdf:about, Atom 0.3, Atom summaries and xml:base, JSON Feed content_text.
    const rdf = byTitle(posts, 'rdf');
    assert.equal(rdf.get('First RDF item')?.source.url, 'https://outlet.example/2024/rdf-about-one');
    assert.equal(rdf.get('First RDF item')?.data.author, 'Ahmad Wali');
    assert.equal(rdf.get('Second RDF item')?.source.url, 'https://outlet.example/2024/rdf-link-wins');
    const atom03 = byTitle(posts, 'atom-03');
    assert.equal(atom03.get('Escaped HTML content')?.body.trim(), 'Markets reopened in **Herat** on Tuesday.');
    assert.equal(atom03.get('Escaped HTML content')?.data.updated, '2024-03-05T11:00:00Z');
    assert.equal(atom03.get('Base64 content')?.body.trim(), 'Schools in Balkh _reopened_.');
    const atomSummary = byTitle(posts, 'atom-summary');
    assert.deepEqual(
      [...atomSummary.entries()].map(([title, p]) => [title, p.source.url, p.source.home ?? false, p.data.author]).sort(),
      [
        ['Entry with its own xml:base', 'https://other.example/base/story', false, 'Outlet Staff'],
        ['No title and no link: the title is this sentence', 'https://outlet.example/', true, 'Outlet Staff'],
        ['Relative link against xml:base', 'https://outlet.example/news/2024/relative', false, 'Outlet Staff'],
      ],
    );
    const jsonText = byTitle(posts, 'json-text');
    assert.deepEqual(
      [...jsonText.entries()].map(([title, p]) => [title, p.source.url, p.source.home ?? false, p.source.id]).sort(),
      [
        ['A note with no title and no URL', 'https://outlet.example/', true, '1'],
        ['A relative URL', `${server.url}/2024/relative-json`, false, '3'],
        ['Titled, no URL', 'https://outlet.example/', true, '2'],
      ],
    );

    // Hostile text stays text: the YAML gives the feed's words back exactly.
    const injection = byTitle(posts, 'injection');
    const inline = injection.get('[click](javascript:alert(1)) and [y](&#106;avascript:alert(1))');
    assert.ok(inline, [...injection.keys()].join(' | '));
    assert.equal(inline.source.id, '[g](javascript:alert(1))');
    assert.equal(inline.data.author, '[author](javascript:alert(1))');
    assert.ok(!inline.text.includes('[g](javascript'), 'brackets in the YAML are escaped');

    const second = await run(dir, sourcesFile);
    for (const entry of second.report.sources) assert.equal(entry.added, 0, `${entry.id} added on the second run`);
    assert.deepEqual(await snapshot(join(dir, 'posts')), new Map(posts.map((p) => [p.path, p.text])));
  });

  it('summary posts of hostile text are inert as Markdown too', async () => {
    const dir = join(root, 'summary');
    const sourcesFile = join(root, 'summary-sources.yaml');
    const injection = SOURCES.find((s) => s.id === 'injection')!;
    await writeFile(sourcesFile, sourcesYaml(server.url, [{ ...injection, kind: 'summary' }]));
    const result = await run(dir, sourcesFile);
    assert.equal(entryOf(result, 'injection').added, 6);
    const posts = await readPosts(join(dir, 'posts'));
    assert.equal(posts.length, 6);
    for (const post of posts) {
      assert.deepEqual(liveMarkdown(post.text), [], post.path);
      assert.notEqual(post.body.trim(), '', `${post.path} has a body`);
    }
  });
});
