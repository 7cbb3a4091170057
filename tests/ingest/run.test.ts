/**
 * End to end: `runIngest` and the `npm run ingest` CLI against a real HTTP server on
 * 127.0.0.1 serving the real-world fixtures of tests/fixtures/feeds, generated feeds and
 * broken sources, each run in its own temporary folder.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { parseFrontMatter } from '../../src/model/front-matter.ts';
import { validatePost } from '../../src/model/schema.ts';
import type { IngestReport } from '../../src/ingest/report.ts';
import { runIngest, type RunOptions, type RunResult } from '../../src/ingest/run.ts';
import { StateError } from '../../src/ingest/state.ts';
import type { SourceReport } from '../../src/ingest/types.ts';
import { startTestServer, type TestServer } from '../helpers/http-server.ts';
import { generateRss } from '../../bench/lib/generated-feed.ts';
import { feedBytes } from '../helpers/fixtures.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DATA = join(REPO, 'content', '_data');
const NOW = new Date('2026-12-01T12:00:00Z');
// No retries (a 500 fails at once). Parsing and composing a big feed is synchronous: it keeps
// the event loop (which also runs this test's server) busy, so on a loaded machine another
// source's fetch can take seconds. Runs without the hanging source wait for anything.
const FETCH = { totalTimeoutMs: 60_000, retries: 0 };
// The run with the hanging source has a short timeout, and fetches one source at a time so
// that no other source's parsing can delay a fetch into that timeout.
const HANG_RUN = { fetch: { totalTimeoutMs: 3000, retries: 0 }, concurrency: 1 };

function fixture(name: string): Buffer {
  return feedBytes(name);
}

/** Served as the fixtures' README says: the format's type, no charset (except UOL's). */
const FIXTURES: Record<string, { file: string; type: string }> = {
  '/guardian.xml': { file: 'rss-guardian.xml', type: 'application/rss+xml' },
  '/urdu.xml': { file: 'rss-bbc-urdu-rtl.xml', type: 'application/rss+xml' },
  '/youtube.xml': { file: 'atom-youtube-channel.xml', type: 'application/atom+xml' },
  '/npr.json': { file: 'json-npr-world.json', type: 'application/feed+json' },
  '/uol.xml': { file: 'rss-uol-latin1-no-declaration.xml', type: 'application/rss+xml; charset=ISO-8859-1' },
  '/heise.rdf': { file: 'rdf-heise-online-no-dates.xml', type: 'application/rdf+xml' },
  '/intertwingly.atom': { file: 'atom-intertwingly-xhtml.xml', type: 'application/atom+xml' },
  '/guid-dupes.xml': { file: 'rss-guid-dupes.xml', type: 'application/rss+xml' },
};

interface SourceSpec {
  id: string;
  path: string;
  kind?: 'summary' | 'full' | 'video';
  categories?: string[];
  lang?: string;
  enabled?: boolean;
}

const GOOD: SourceSpec[] = [
  { id: 'guardian', path: '/guardian.xml', categories: ['Political News'] },
  { id: 'urdu', path: '/urdu.xml', lang: 'ur' },
  { id: 'videos', path: '/youtube.xml', kind: 'video' },
  { id: 'npr', path: '/npr.json' },
  { id: 'uol', path: '/uol.xml', lang: 'pt' },
  { id: 'heise', path: '/heise.rdf', lang: 'de' },
  { id: 'intertwingly', path: '/intertwingly.atom' },
  { id: 'guid-dupes', path: '/guid-dupes.xml' },
];

const FAULTY: SourceSpec[] = [
  { id: 'missing', path: '/missing.xml' },
  { id: 'server-error', path: '/error.xml' },
  { id: 'hang', path: '/hang.xml' },
  { id: 'invalid-xml', path: '/invalid.xml' },
];

function sourcesYaml(base: string, specs: readonly SourceSpec[]): string {
  const lines = ['sources:'];
  for (const s of specs) {
    lines.push(`  - id: ${s.id}`, `    name: "Source ${s.id}"`, `    url: ${base}${s.path}`);
    if (s.kind !== undefined) lines.push(`    kind: ${s.kind}`);
    if (s.categories !== undefined) lines.push(`    categories: ${JSON.stringify(s.categories)}`);
    if (s.lang !== undefined) lines.push(`    lang: ${s.lang}`);
    if (s.enabled !== undefined) lines.push(`    enabled: ${s.enabled}`);
  }
  return `${lines.join('\n')}\n`;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

/** Every file under the posts folder but the state, with its content. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = (await listFiles(dir)).filter((f) => f !== '.ingest-state.json');
  return new Map(await Promise.all(files.map(async (f) => [f, await readFile(join(dir, f), 'utf8')] as const)));
}

interface Post {
  path: string;
  data: Record<string, unknown>;
  feed: string;
  id: string;
}

/** Reads every post, asserting it is where the contract says and passes the schema. */
async function readPosts(dir: string): Promise<Post[]> {
  const posts: Post[] = [];
  for (const file of await listFiles(dir)) {
    if (file === '.ingest-state.json') continue;
    if (file.startsWith('.') || file.includes('/.')) {
      assert.fail(`unexpected hidden file ${file}`);
    }
    assert.match(file, /^\d{4}\/\d{2}\/[^/]+\.md$/, file);
    const { data } = parseFrontMatter(await readFile(join(dir, file), 'utf8'));
    const checked = validatePost(data);
    assert.ok(checked.ok, `${file}: ${checked.ok ? '' : JSON.stringify(checked.problems)}`);
    const source = data.source as { feed: string; id: string };
    posts.push({ path: file, data, feed: source.feed, id: source.id });
  }
  return posts;
}

function assertNoDuplicates(posts: readonly Post[]): void {
  const seen = new Map<string, string>();
  for (const post of posts) {
    const key = `${post.feed}\u0000${post.id}`;
    assert.equal(seen.get(key), undefined, `${post.path} duplicates ${seen.get(key)}`);
    seen.set(key, post.path);
  }
}

function entryOf(report: IngestReport, id: string): SourceReport {
  const entry = report.sources.find((s) => s.id === id);
  assert.ok(entry, `no report entry for ${id}`);
  return entry;
}

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function spawnCli(args: string[]): { done: Promise<CliResult>; kill: () => void; pid: number | undefined } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', ...args], {
    cwd: REPO,
    env: { ...process.env, KHABAR_NOW: NOW.toISOString() },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { done, kill: () => child.kill('SIGKILL'), pid: child.pid };
}

function cliArgs(dir: string, sourcesFile: string): string[] {
  return [
    '--sources',
    sourcesFile,
    '--out',
    join(dir, 'posts'),
    '--report',
    join(dir, 'report.json'),
    '--data',
    DATA,
    '--allow-private-network',
  ];
}

describe('ingest end to end', () => {
  let server: TestServer;
  let root: string;
  const hanging = new Set<() => void>();

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'khabar-ingest-e2e-'));
    server = await startTestServer();
    for (const [path, { file, type }] of Object.entries(FIXTURES)) {
      server.route(path, { headers: { 'content-type': type }, body: fixture(file) });
    }
    server.route('/error.xml', { status: 500, body: 'internal error' });
    server.route('/invalid.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body: '<rss version="2.0"><channel><title>Broken</ti',
    });
    server.route('/hang.xml', (_req, res) => hanging.add(() => res.destroy()));
  });

  after(async () => {
    for (const release of hanging) release();
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  /** Posts of the fixture sources from a clean run: what every other run must end up with. */
  let expected: Post[] = [];

  async function run(dir: string, sourcesFile: string, extra: Partial<RunOptions> = {}): Promise<RunResult> {
    return runIngest({
      sourcesFile,
      dataDir: DATA,
      outDir: join(dir, 'posts'),
      reportFile: join(dir, 'report.json'),
      allowPrivateNetwork: true,
      fetch: FETCH,
      now: NOW,
      ...extra,
    });
  }

  it('ingests real feeds, isolates every faulty source, and a second run adds and changes nothing', async () => {
    const dir = join(root, 'main');
    const sourcesFile = join(root, 'main-sources.yaml');
    const switchedOff: SourceSpec = { id: 'switched-off', path: '/guardian.xml', enabled: false };
    // The same articles from a second source: duplicates by canonical link.
    const syndicated: SourceSpec = { id: 'syndicated', path: '/guardian.xml' };
    await writeFile(sourcesFile, sourcesYaml(server.url, [...GOOD, syndicated, ...FAULTY, switchedOff]));

    const first = await run(dir, sourcesFile, HANG_RUN);
    const report = first.report;
    assert.deepEqual(JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')), report);
    assert.equal(first.exitCode, 0);
    assert.equal(report.startedAt, NOW.toISOString());
    assert.equal(report.finishedAt, NOW.toISOString());
    assert.deepEqual(
      report.sources.map((s) => s.id),
      [...GOOD, syndicated, ...FAULTY, switchedOff].map((s) => s.id),
    );
    for (const { id } of GOOD) {
      const entry = entryOf(report, id);
      assert.equal(entry.status, 'ok', `${id}: ${entry.error}`);
      assert.ok(entry.added > 0, `${id} added nothing`);
      assert.equal(entry.error, undefined);
    }
    assert.equal(entryOf(report, 'guardian').seen, 55);
    const copy = entryOf(report, 'syndicated');
    assert.deepEqual(
      { status: copy.status, added: copy.added, duplicate: copy.duplicate },
      { status: 'ok', added: 0, duplicate: entryOf(report, 'guardian').added + entryOf(report, 'guardian').duplicate },
    );
    assert.equal(entryOf(report, 'guid-dupes').added, 1);
    const failed = (id: string, pattern: RegExp): void => {
      const entry = entryOf(report, id);
      assert.equal(entry.status, 'failed', id);
      assert.match(entry.error ?? '', pattern, id);
      assert.equal(entry.added, 0);
    };
    failed('missing', /^fetch: .*404/);
    failed('server-error', /^fetch: .*500/);
    failed('hang', /^fetch: .*timed out/);
    failed('invalid-xml', /^parse: /);
    assert.equal(entryOf(report, 'switched-off').status, 'skipped');

    const totals = report.totals;
    assert.equal(totals.sources, 14);
    assert.equal(totals.ok, GOOD.length + 1);
    assert.equal(totals.failed, FAULTY.length);
    assert.equal(totals.skipped, 1);
    assert.equal(totals.added, report.sources.reduce((n, s) => n + s.added, 0));

    const posts = await readPosts(join(dir, 'posts'));
    assert.equal(posts.length, totals.added);
    assertNoDuplicates(posts);
    assert.ok(posts.filter((p) => p.feed === 'guardian').every((p) => (p.data.categories as string[]).includes('Political News')));
    assert.ok(posts.filter((p) => p.feed === 'videos').every((p) => typeof p.data.video === 'string'));
    expected = posts;

    const state = JSON.parse(await readFile(join(dir, 'posts', '.ingest-state.json'), 'utf8')) as {
      version: number;
      sources: Record<string, { keys: string[]; failures: number; lastError?: string }>;
    };
    assert.equal(state.version, 1);
    assert.equal(state.sources.missing!.failures, 1);
    assert.match(state.sources.missing!.lastError!, /404/);
    assert.equal(state.sources.guardian!.failures, 0);
    assert.deepEqual(state.sources.guardian!.keys, [...state.sources.guardian!.keys].sort());
    for (const post of posts) assert.ok(state.sources[post.feed]!.keys.includes(post.id), `${post.path} not in the state`);

    // The next runs leave the hanging source out, not to wait for it again.
    await writeFile(sourcesFile, sourcesYaml(server.url, [...GOOD, syndicated, ...FAULTY.filter((s) => s.id !== 'hang'), switchedOff]));
    const before = await snapshot(join(dir, 'posts'));
    const second = await run(dir, sourcesFile);
    assert.equal(second.report.totals.added, 0);
    for (const { id } of GOOD) {
      const entry = entryOf(second.report, id);
      assert.equal(entry.status, 'ok');
      assert.equal(entry.duplicate, entryOf(report, id).added + entryOf(report, id).duplicate, id);
    }
    assert.deepEqual(await snapshot(join(dir, 'posts')), before);
  });

  it('keeps a hand edit, never brings back a deleted post, and skips a source failing 3 runs in a row', async () => {
    const dir = join(root, 'main');
    const posts = join(dir, 'posts');
    const sourcesFile = join(root, 'main-sources.yaml');
    const [edited, deleted] = expected.filter((p) => p.feed === 'guardian');
    assert.ok(edited && deleted);
    const editedText = (await readFile(join(posts, edited.path), 'utf8')).replace(/^title: .*$/m, 'title: "Edited by hand"') + '\nAn editor added this.\n';
    await writeFile(join(posts, edited.path), editedText);
    await unlink(join(posts, deleted.path));
    const before = await snapshot(posts);

    const third = await run(dir, sourcesFile);
    assert.equal(third.report.totals.added, 0);
    assert.deepEqual(await snapshot(posts), before);
    assert.equal(await readFile(join(posts, edited.path), 'utf8'), editedText);

    // "missing" has now failed three runs in a row: the next run skips it, the others go on.
    const fourth = await run(dir, sourcesFile);
    const skipped = entryOf(fourth.report, 'missing');
    assert.equal(skipped.status, 'skipped');
    assert.match(skipped.error ?? '', /failed 3 runs in a row .*404.*next attempt after 2026-12-01T18:00:00/);
    assert.equal(entryOf(fourth.report, 'guardian').status, 'ok');
    assert.equal(server.requests.filter((r) => r.path === '/missing.xml').length, 3);
    // After the retry window it is tried again.
    const later = await run(dir, sourcesFile, { now: new Date(NOW.getTime() + 7 * 3600_000) });
    assert.equal(entryOf(later.report, 'missing').status, 'failed');
    assert.deepEqual(await snapshot(posts), before);
  });

  it('asks with the validators it stored and writes nothing on a 304', async () => {
    const dir = join(root, 'etag');
    const sourcesFile = join(root, 'etag-sources.yaml');
    const body = fixture('rss-bbc-urdu-rtl.xml');
    const seenValidators: (string | undefined)[] = [];
    server.route('/etag.xml', (req, res) => {
      seenValidators.push(req.headers['if-none-match']);
      if (req.headers['if-none-match'] === '"urdu-v1"') {
        res.writeHead(304, { etag: '"urdu-v1"' }).end();
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/rss+xml',
        etag: '"urdu-v1"',
        'last-modified': 'Tue, 01 Dec 2026 10:00:00 GMT',
      });
      res.end(body);
    });
    await writeFile(sourcesFile, sourcesYaml(server.url, [{ id: 'urdu', path: '/etag.xml' }]));

    const first = await run(dir, sourcesFile);
    assert.equal(entryOf(first.report, 'urdu').status, 'ok');
    assert.ok(first.report.totals.added > 0);
    const before = await snapshot(join(dir, 'posts'));
    const mtimes = await Promise.all([...before.keys()].map(async (f) => (await stat(join(dir, 'posts', f))).mtimeMs));

    const second = await run(dir, sourcesFile);
    const entry = entryOf(second.report, 'urdu');
    assert.deepEqual(
      { status: entry.status, seen: entry.seen, added: entry.added, duplicate: entry.duplicate },
      { status: 'not-modified', seen: 0, added: 0, duplicate: 0 },
    );
    assert.deepEqual(seenValidators, [undefined, '"urdu-v1"']);
    assert.deepEqual(await snapshot(join(dir, 'posts')), before);
    const after = await Promise.all([...before.keys()].map(async (f) => (await stat(join(dir, 'posts', f))).mtimeMs));
    assert.deepEqual(after, mtimes);

    // A corrupt state stops the run before anything is fetched or written, and frees the lock.
    const statePath = join(dir, 'posts', '.ingest-state.json');
    await writeFile(statePath, (await readFile(statePath, 'utf8')).slice(0, 100));
    const requests = server.requests.length;
    await assert.rejects(run(dir, sourcesFile), (error: unknown) => {
      assert.ok(error instanceof StateError);
      assert.match(error.message, /not valid JSON.*refusing to run/);
      return true;
    });
    assert.equal(server.requests.length, requests);
    assert.deepEqual(await snapshot(join(dir, 'posts')), before);
  });

  it('CLI: exit 0 despite a failed source, 1 with --strict, 2 on bad usage, a misspelt category or a held lock', async () => {
    const dir = join(root, 'cli');
    const sourcesFile = join(root, 'cli-sources.yaml');
    await writeFile(
      sourcesFile,
      sourcesYaml(server.url, [{ id: 'urdu', path: '/urdu.xml' }, { id: 'missing', path: '/missing.xml' }]),
    );
    const strict = await spawnCli([...cliArgs(dir, sourcesFile), '--strict']).done;
    assert.equal(strict.code, 1, strict.stderr);
    assert.match(strict.stdout, /^urdu\s+ok\s+\d+ seen, \d+ added/m);
    assert.match(strict.stdout, /^missing\s+failed\s+fetch: .*404/m);
    assert.match(strict.stdout, /2 sources \(1 ok, 0 not modified, 1 failed, 0 skipped\)/);
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as IngestReport;
    assert.ok(entryOf(report, 'urdu').added > 0);
    await readPosts(join(dir, 'posts'));

    const lenient = await spawnCli(cliArgs(dir, sourcesFile)).done;
    assert.equal(lenient.code, 0, lenient.stderr);
    assert.match(lenient.stdout, /0 posts added/);

    const usage = await spawnCli(['--bogus']).done;
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /Unknown option '--bogus'[\s\S]*Usage: npm run ingest/);

    const misspelt = join(root, 'misspelt.yaml');
    await writeFile(misspelt, sourcesYaml(server.url, [{ id: 'urdu', path: '/urdu.xml', categories: ['Politcal News'] }]));
    const config = await spawnCli(cliArgs(join(root, 'cli-misspelt'), misspelt)).done;
    assert.equal(config.code, 2);
    assert.match(config.stderr, /misspelt\.yaml: sources\[0\] \(id "urdu"\): categories\.0: unknown category "Politcal News"; did you mean "Political News"\?/);

    // A lock held by a live process (this one): the CLI refuses and changes nothing.
    const lockPath = join(dir, 'posts', '.ingest.lock');
    await writeFile(lockPath, JSON.stringify({ pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() }));
    const before = await snapshot(join(dir, 'posts'));
    const held = await spawnCli(cliArgs(dir, sourcesFile)).done;
    assert.equal(held.code, 2);
    assert.match(held.stderr, new RegExp(`another ingest run \\(pid ${process.pid} `));
    assert.deepEqual(await snapshot(join(dir, 'posts')), before);
    await unlink(lockPath);
  });

  it('two simultaneous CLI runs write every item exactly once', async () => {
    const dir = join(root, 'twice');
    const sourcesFile = join(root, 'twice-sources.yaml');
    // Slow answers keep the first run inside its lock while the second starts.
    const light = GOOD.filter((s) => ['urdu', 'npr', 'heise', 'guid-dupes'].includes(s.id));
    const slow = light.map((s) => ({ ...s, path: `/slow${s.path}` }));
    for (const s of light) {
      const { file, type } = FIXTURES[s.path]!;
      const body = fixture(file);
      server.route(`/slow${s.path}`, (_req, res) => {
        setTimeout(() => res.writeHead(200, { 'content-type': type }).end(body), 300);
      });
    }
    await writeFile(sourcesFile, sourcesYaml(server.url, slow));
    const [a, b] = await Promise.all([spawnCli(cliArgs(dir, sourcesFile)).done, spawnCli(cliArgs(dir, sourcesFile)).done]);
    for (const result of [a, b]) {
      assert.ok(result.code === 0 || (result.code === 2 && /another ingest run/.test(result.stderr)), `${result.code}: ${result.stderr}`);
    }
    assert.ok(a.code === 0 || b.code === 0, 'one of them ran');
    const third = await run(dir, sourcesFile);
    assert.equal(third.report.totals.failed, 0);
    const posts = await readPosts(join(dir, 'posts'));
    assertNoDuplicates(posts);
    const ids = (list: readonly Post[]): string[] => list.map((p) => `${p.feed} ${p.id}`).sort();
    assert.deepEqual(ids(posts), ids(expected.filter((p) => light.some((s) => s.id === p.feed))));
  });

  it('a run killed mid-write leaves only whole posts, and the next run adds the rest without duplicates', async () => {
    const dir = join(root, 'killed');
    const sourcesFile = join(root, 'killed-sources.yaml');
    const newest = new Date(NOW.getTime() - 3600_000);
    const big = Array.from({ length: 4 }, (_, i) => ({ id: `big-${i}`, path: `/big-${i}.xml` }));
    for (const s of big) {
      const body = generateRss({ name: s.id, items: 100, newest, paragraphs: [2, 4] });
      server.route(s.path, { headers: { 'content-type': 'application/rss+xml' }, body });
    }
    // A source that never answers keeps the killed run from finishing.
    server.route('/late.xml', (_req, res) => hanging.add(() => res.destroy()));
    await writeFile(sourcesFile, sourcesYaml(server.url, [...big, { id: 'late', path: '/late.xml' }]));

    const cli = spawnCli(cliArgs(dir, sourcesFile));
    const postsDir = join(dir, 'posts');
    const started = Date.now();
    for (;;) {
      const count = await listFiles(postsDir).then((f) => f.filter((n) => n.endsWith('.md')).length, () => 0);
      if (count >= 30) break;
      assert.ok(Date.now() - started < 60_000, 'the CLI wrote no posts');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    cli.kill();
    const killed = await cli.done;
    assert.equal(killed.code, null, 'killed by the signal');
    await assert.rejects(stat(join(dir, 'report.json')), { code: 'ENOENT' }, 'the run had not finished');

    // Every file a post name has is a whole, valid post.
    const files = await listFiles(postsDir);
    for (const file of files.filter((f) => f.endsWith('.md'))) {
      const { data } = parseFrontMatter(await readFile(join(postsDir, file), 'utf8'));
      assert.ok(validatePost(data).ok, file);
    }
    const partial = files.filter((f) => f.endsWith('.md')).length;
    assert.ok(partial < 400, `the run was killed mid-way (${partial} posts)`);

    server.route('/late.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body: generateRss({ name: 'late', items: 5, newest }),
    });
    const warnings: string[] = [];
    const next = await run(dir, sourcesFile, { onWarning: (m) => warnings.push(m) });
    assert.ok(warnings.some((w) => /recovered a stale ingest lock .*no longer running/.test(w)), warnings.join('\n'));
    assert.equal(next.report.totals.failed, 0, JSON.stringify(next.report.sources));
    const posts = await readPosts(postsDir); // also: no temp file or lock left behind
    assertNoDuplicates(posts);
    assert.equal(posts.length, 4 * 100 + 5);
    assert.equal(next.report.totals.added, 4 * 100 + 5 - partial);
  });
});
