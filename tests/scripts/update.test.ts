/**
 * `npm run update` end to end, on a temporary git repository, with feeds served on 127.0.0.1.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync, copyFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer } from '../helpers/http-server.ts';
import { generateRss } from '../../bench/lib/generated-feed.ts';
import { repoRoot } from '../helpers/site-fixture.ts';

const NOW = '2026-05-01T12:00:00Z';
const server = await startTestServer({
  '/a.xml': { headers: { 'content-type': 'application/rss+xml' }, body: generateRss({ name: 'alpha', items: 4, newest: new Date('2026-04-30T10:00:00Z') }) },
  '/b.xml': { headers: { 'content-type': 'application/rss+xml' }, body: generateRss({ name: 'beta', items: 3, newest: new Date('2026-04-29T10:00:00Z') }) },
});
after(() => server.close());

function git(dir: string, ...args: string[]): string {
  const result = spawnSync('git', ['-c', 'core.quotePath=false', '-C', dir, ...args], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

/** A git repository holding a content folder whose sources are the given feed paths. */
function makeRepo(feeds: string[]): string {
  const repo = mkdtempSync(join(tmpdir(), 'khabar-update-'));
  const data = join(repo, 'content', '_data');
  mkdirSync(data, { recursive: true });
  mkdirSync(join(repo, 'content', 'posts'));
  copyFileSync(join(repoRoot, 'content/_data/site.yaml'), join(data, 'site.yaml'));
  copyFileSync(join(repoRoot, 'content/_data/categories.yaml'), join(data, 'categories.yaml'));
  const sources = feeds.map((path, i) => `  - id: feed-${i}\n    name: Feed ${i}\n    url: ${server.url}${path}\n`).join('');
  writeFileSync(join(data, 'sources.yaml'), `sources:\n${sources}`);
  writeFileSync(join(repo, 'content', 'posts', '.gitkeep'), '');
  git(repo, 'init', '--quiet', '--initial-branch=main');
  git(repo, 'add', '.');
  git(repo, '-c', 'user.name=Editor', '-c', 'user.email=editor@example.org', 'commit', '--quiet', '-m', 'Initial content');
  return repo;
}

interface UpdateRun {
  status: number;
  output: string;
  site: string;
}

/** Runs the real `npm run update` script (as a child process, asynchronously: the feed server lives in this process). */
function update(repo: string, ...args: string[]): Promise<UpdateRun> {
  const site = mkdtempSync(join(tmpdir(), 'khabar-update-site-'));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/update.ts', '--allow-private-network', ...args], {
      cwd: repoRoot,
      env: {
        ...process.env,
        KHABAR_CONTENT: join(repo, 'content'),
        KHABAR_OUTPUT: site,
        KHABAR_REPORT: join(repo, 'ingest-report.json'),
        KHABAR_NOW: NOW,
        KHABAR_BOT_NAME: 'Test Bot',
        KHABAR_BOT_EMAIL: 'bot@example.org',
      },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (status) => resolve({ status: status ?? -1, output, site }));
  });
}

function postFiles(repo: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name.endsWith('.md')) files.push(join(dir, entry.name));
    }
  };
  walk(join(repo, 'content', 'posts'));
  return files;
}

test('the first run commits the new posts and the state, and builds; a second run commits nothing', async () => {
  const repo = makeRepo(['/a.xml', '/b.xml']);
  const first = await update(repo);
  assert.equal(first.status, 0, first.output);
  assert.equal(postFiles(repo).length, 7);
  assert.equal(git(repo, 'rev-list', '--count', 'HEAD'), '2');
  assert.equal(git(repo, 'log', '-1', '--format=%an <%ae>|%s'), 'Test Bot <bot@example.org>|Ingest: 7 new posts from 2 sources');
  const committed = git(repo, 'show', '--name-only', '--format=', 'HEAD').split('\n');
  assert.ok(committed.includes('content/posts/.ingest-state.json'), 'the state file is committed with the posts');
  assert.equal(committed.filter((f) => f.endsWith('.md')).length, 7);
  assert.equal(git(repo, 'status', '--porcelain', '--', 'content'), '', 'nothing left uncommitted');
  assert.ok(existsSync(join(first.site, 'index.html')), 'the site was built');
  const built = readdirSync(join(first.site, '2026', '04'));
  assert.ok(built.length > 0, 'ingested posts have pages');

  const second = await update(repo);
  assert.equal(second.status, 0, second.output);
  assert.match(second.output, /nothing new to commit/);
  assert.equal(git(repo, 'rev-list', '--count', 'HEAD'), '2');
  assert.equal(postFiles(repo).length, 7);
  assert.ok(existsSync(join(second.site, 'index.html')));
});

test('when every source fails the site still builds: exit 0, or 1 under --strict', async () => {
  const repo = makeRepo(['/missing-1.xml', '/missing-2.xml']);
  const run = await update(repo);
  assert.equal(run.status, 0, run.output);
  assert.match(run.output, /failed/);
  assert.ok(existsSync(join(run.site, 'index.html')), 'the site was built');
  assert.equal(postFiles(repo).length, 0);

  const strict = await update(repo, '--strict');
  assert.equal(strict.status, 1, strict.output);
  assert.ok(existsSync(join(strict.site, 'index.html')), 'the site was built under --strict too');
  rmSync(repo, { recursive: true, force: true });
});
