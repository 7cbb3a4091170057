/**
 * `npm run ingest -- [--sources FILE] [--out DIR] [--state FILE] [--report FILE] [--strict]
 * [--allow-private-network] [--data DIR]`: fetches every source and writes its new items as
 * posts (see src/ingest/run.ts and the contract).
 *
 * Exit status: 0 the run completed (even if sources failed); 1 with --strict when a source
 * failed; 2 bad usage, bad configuration, a corrupt state file, or another run holds the
 * lock; 3 an unexpected internal error; 130 interrupted (SIGINT/SIGTERM).
 */
import { parseArgs } from 'node:util';
import { nowOf, settings, type Settings } from '../src/model/settings.ts';
import { formatSourceLine, formatSummary, formatTotals } from '../src/ingest/report.ts';
import { IngestConfigError, runIngest } from '../src/ingest/run.ts';
import { LockHeldError } from '../src/ingest/lock.ts';
import { StateError } from '../src/ingest/state.ts';

const USAGE = `Usage: npm run ingest -- [options]

Fetches every enabled source and writes its new items as posts.

Options:
  --sources FILE            the sources file (default content/_data/sources.yaml)
  --out DIR                 the posts folder (default content/posts)
  --state FILE              the ingest state (default <out>/.ingest-state.json)
  --report FILE             the JSON report (default ingest-report.json)
  --data DIR                categories.yaml and site.yaml (default content/_data)
  --strict                  exit 1 when any source failed
  --allow-private-network   allow sources on private, loopback or link-local addresses
  --help                    show this help

Exit status: 0 the run completed, even if some sources failed; 1 with --strict when a
source failed; 2 bad usage or configuration, a corrupt state file, or another run is in
progress; 3 an internal error; 130 interrupted.`;

function fail(status: number, message: string): never {
  process.stderr.write(`ingest: ${message}\n`);
  process.exit(status);
}

let args;
try {
  args = parseArgs({
    options: {
      sources: { type: 'string' },
      out: { type: 'string' },
      state: { type: 'string' },
      report: { type: 'string' },
      data: { type: 'string' },
      strict: { type: 'boolean' },
      'allow-private-network': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (error) {
  fail(2, `${(error as Error).message}\n\n${USAGE}`);
}

if (args.help === true) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

for (const name of ['sources', 'out', 'state', 'report', 'data'] as const) {
  if (args[name] === '') fail(2, `--${name} needs a value\n\n${USAGE}`);
}

let config: Settings;
try {
  config = settings(); // a malformed KHABAR_NOW is a usage error, found before anything runs
} catch (error) {
  fail(2, (error as Error).message);
}

// First SIGINT/SIGTERM: stop between posts, save the state, release the lock. Second: now.
const controller = new AbortController();
const onSignal = (signal: NodeJS.Signals): void => {
  if (controller.signal.aborted) process.exit(130);
  process.stderr.write(`ingest: ${signal}: finishing the post being written and saving the state (again to quit at once)\n`);
  controller.abort(new Error(`interrupted by ${signal}`));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const tty = process.stdout.isTTY === true;
const outDir = args.out ?? 'content/posts';

try {
  const result = await runIngest({
    sourcesFile: args.sources ?? 'content/_data/sources.yaml',
    dataDir: args.data ?? 'content/_data',
    outDir,
    ...(args.state === undefined ? {} : { stateFile: args.state }),
    reportFile: args.report ?? 'ingest-report.json',
    strict: args.strict === true,
    ...(config.fixedNow === null ? {} : { now: nowOf(config) }),
    allowPrivateNetwork: args['allow-private-network'] === true,
    signal: controller.signal,
    onWarning: (message) => process.stderr.write(`ingest: warning: ${message}\n`),
    ...(tty ? { onSourceDone: (entry) => process.stdout.write(`${formatSourceLine(entry)}\n`) } : {}),
  });
  process.stdout.write(`${tty ? formatTotals(result.report) : formatSummary(result.report)}\n`);
  process.exitCode = controller.signal.aborted ? 130 : result.exitCode;
} catch (error) {
  if (error instanceof IngestConfigError || error instanceof StateError || error instanceof LockHeldError) {
    fail(2, error.message);
  }
  process.stderr.write(`ingest: internal error: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 3;
}
