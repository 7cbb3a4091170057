/**
 * Runs every tests/**\/*.test.ts file with Node's own test runner, through tsx.
 * (Node 20's `node --test` takes no globs, so the files are listed here.)
 * Extra arguments filter by path: `npm test -- ingest` runs the ingest tests only, and
 * `npm test -- '!browser'` all but the browser tests.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

function findTests(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(path));
    else if (entry.name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

// "ingest" keeps only paths containing it; "!browser" leaves out paths containing "browser".
const args = process.argv.slice(2);
const include = args.filter((a) => !a.startsWith('!'));
const exclude = args.filter((a) => a.startsWith('!')).map((a) => a.slice(1));
const files = findTests('tests')
  .map((file) => relative('.', file))
  .filter((file) => include.length === 0 || include.some((f) => file.includes(f)))
  .filter((file) => !exclude.some((f) => file.includes(f)))
  .sort();

if (files.length === 0) {
  console.error(`no test files match ${args.join(' ')}`);
  process.exit(1);
}

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
  env: { ...process.env, TZ: 'UTC' },
});
process.exit(result.status ?? 1);
