/**
 * `npm run update [-- --strict] [--allow-private-network]`: the scheduled job.
 * ingest → commit the new posts and the ingest state (only when something changed) → build.
 *
 * A failed source never stops the site from building: the build runs whatever ingest did,
 * and the exit status is ingest's (0 even when sources failed; 1 under --strict when one
 * did) unless the build itself fails (1). The commit's identity comes from KHABAR_BOT_NAME /
 * KHABAR_BOT_EMAIL (defaults: khabar-bot). KHABAR_CONTENT points at another content folder
 * (it must be inside a git work tree); KHABAR_NOW fixes the clock.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { settings, type Settings } from '../src/model/settings.ts';

let config: Settings;
try {
  config = settings();
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const scripts = new URL('.', import.meta.url).pathname;
const contentDir = resolve(config.contentDir);
const postsDir = join(contentDir, 'posts');
const reportFile = resolve(config.reportFile);

const { values } = parseArgs({
  options: {
    strict: { type: 'boolean', default: false },
    'allow-private-network': { type: 'boolean', default: false },
  },
});

function run(command: string, args: string[], options: { capture?: boolean } = {}): SpawnSyncReturns<string> {
  return spawnSync(command, args, {
    stdio: options.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    env: { ...process.env, KHABAR_CONTENT: contentDir },
  });
}

function git(...args: string[]): SpawnSyncReturns<string> {
  return run('git', ['-C', contentDir, ...args], { capture: true });
}

function step(title: string): void {
  console.log(`\n== ${title}`);
}

// 1. Ingest.
step('ingest');
const ingestArgs = [
  '--import', 'tsx', join(scripts, 'ingest.ts'),
  '--sources', join(contentDir, '_data', 'sources.yaml'),
  '--data', join(contentDir, '_data'),
  '--out', postsDir,
  '--report', reportFile,
];
if (values.strict) ingestArgs.push('--strict');
if (values['allow-private-network']) ingestArgs.push('--allow-private-network');
const ingest = run(process.execPath, ingestArgs);
const ingestStatus = ingest.status ?? 3;
if (ingestStatus !== 0) console.error(`ingest exited with ${ingestStatus}; building the site anyway`);

// 2. Commit what ingest wrote, and nothing else.
step('commit');
if (git('rev-parse', '--is-inside-work-tree').status !== 0) {
  console.error(`${contentDir} is not in a git work tree: nothing committed`);
} else {
  const changed = git('status', '--porcelain', '--untracked-files=all', '--', postsDir).stdout.trim();
  if (changed === '') {
    console.log('nothing new to commit');
  } else {
    git('add', '--all', '--', postsDir);
    let added = 0;
    let sources = 0;
    if (existsSync(reportFile)) {
      const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { sources: { added: number }[] };
      added = report.sources.reduce((sum, s) => sum + s.added, 0);
      sources = report.sources.filter((s) => s.added > 0).length;
    }
    const message =
      added > 0
        ? `Ingest: ${added} new post${added === 1 ? '' : 's'} from ${sources} source${sources === 1 ? '' : 's'}`
        : 'Ingest: update the feed state';
    const commit = git('-c', `user.name=${config.botName}`, '-c', `user.email=${config.botEmail}`, 'commit', '--quiet', '--no-verify', '-m', message);
    if (commit.status !== 0) {
      console.error('git commit failed');
      process.exitCode = 1;
    } else {
      console.log(message);
    }
  }
}

// 3. Build, whatever happened above: one feed being down never breaks the site.
step('build');
const build = run(process.execPath, ['--import', 'tsx', join(scripts, 'build.ts')]);
if (build.status !== 0) {
  console.error('the build failed');
  process.exit(1);
}
process.exit(typeof process.exitCode === 'number' && process.exitCode !== 0 ? process.exitCode : ingestStatus);
