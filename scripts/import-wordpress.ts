/**
 * `npm run import-wordpress -- <export.xml> [--out DIR] [--report FILE] [--dry-run] [--media DIR] [--time-zone TZ]`:
 * imports a WordPress export (WXR) into the content folder (see src/import/run.ts and the
 * README's "Moving from WordPress").
 *
 * Exit status: 0 the import completed (problems with single items are in the report); 1 the
 * file is cut short or stops being well-formed part-way (the complete items before it were
 * imported); 2 bad usage, a missing file, or a file that is not a WordPress export (nothing
 * written); 3 an internal error.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { KhabarError } from '../src/model/errors.ts';
import { importWordPress } from '../src/import/run.ts';
import { reportJson, summaryLines } from '../src/import/report.ts';
import { NotWxrError } from '../src/import/wxr-reader.ts';
import { settings } from '../src/model/settings.ts';
import { parseAlias } from '../src/site/machine/aliases.ts';

const USAGE = `Usage: npm run import-wordpress -- <export.xml> [options]

Imports a WordPress export (Tools → Export → All content) into Khabar's content folder.

Options:
  --out DIR         the content folder to write into (default content/)
  --report FILE     the JSON report (default import-report.json)
  --dry-run         read everything and report; write no post, page or media file
  --media DIR       a copy of the old site's wp-content/uploads/ folder: linked files are
                    copied to <out>/media/uploads/ and the links rewritten
  --time-zone TZ    the old site's time zone, for drafts' dates (default the site's)
  --no-worker       convert in this thread only (by default a worker thread converts too)
  --help            show this help

Exit status: 0 done; 1 the export is cut short or broken part-way (the complete items before
the break were imported); 2 bad usage, a missing file or not a WordPress export.`;

function fail(status: number, message: string): never {
  process.stderr.write(`import-wordpress: ${message}\n`);
  process.exit(status);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      report: { type: 'string' },
      'dry-run': { type: 'boolean' },
      media: { type: 'string' },
      'time-zone': { type: 'string' },
      'no-worker': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  fail(2, `${(error as Error).message}\n\n${USAGE}`);
}
const { values, positionals } = parsed;
if (values.help === true) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (positionals.length !== 1) fail(2, `expected one export file\n\n${USAGE}`);
const exportFile = positionals[0]!;
if (!existsSync(exportFile) || !statSync(exportFile).isFile()) fail(2, `${exportFile}: no such file`);
const timeZone = values['time-zone'] ?? null;
if (timeZone !== null && timeZone !== 'UTC' && !Intl.supportedValuesOf('timeZone').includes(timeZone)) fail(2, `--time-zone: unknown time zone ${JSON.stringify(timeZone)}`);
const mediaDir = values.media ?? null;
if (mediaDir !== null && !(existsSync(mediaDir) && statSync(mediaDir).isDirectory())) fail(2, `--media ${mediaDir}: no such folder`);

let contentDir: string;
try {
  contentDir = values.out ?? settings().contentDir;
} catch (error) {
  fail(2, (error as Error).message);
}
const reportFile = values.report ?? 'import-report.json';
const started = performance.now();
const tty = process.stderr.isTTY === true;
let lastProgress = 0;

try {
  const { report, exitCode } = await importWordPress({
    exportFile,
    contentDir,
    dryRun: values['dry-run'] === true,
    mediaDir,
    timeZone,
    ...(values['no-worker'] === true ? { worker: false } : {}),
    // The site's own alias rules, handed to the importer (which imports nothing of the site).
    refuseAlias: (alias) => {
      const parsed = parseAlias(alias);
      return parsed.ok ? null : parsed.message;
    },
    onProgress: ({ items, written, pass }) => {
      const now = performance.now();
      if (now - lastProgress < 1000) return;
      lastProgress = now;
      const seconds = (now - started) / 1000;
      const line = `pass ${pass}/2: ${items.toLocaleString('en-US')} items read, ${written.toLocaleString('en-US')} written (${Math.round(items / seconds)} items/s)`;
      process.stderr.write(tty ? `\r${line}` : `${line}\n`);
    },
  });
  if (tty) process.stderr.write('\n');
  writeFileSync(reportFile, reportJson(report));
  for (const line of summaryLines(report)) process.stdout.write(`${line}\n`);
  process.stdout.write(`Report: ${reportFile} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  process.exitCode = exitCode;
} catch (error) {
  if (error instanceof NotWxrError || error instanceof KhabarError) fail(2, error.message);
  process.stderr.write(`import-wordpress: internal error: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 3;
}
