/**
 * Ingest benchmark: 200 sources × 50 generated items (realistic HTML bodies) served from
 * 127.0.0.1 by a separate process (so its CPU is not counted), ingested into a temporary
 * folder; then a run where every conditional request gets a 304, and a run where nothing
 * is new. Prints plain figures, asserts nothing.
 *
 *   npx tsx bench/ingest.ts [--sources 200] [--items 50] [--concurrency 8] [--workers N]
 *
 * --workers: worker threads for the CPU stages (default 0: all in the main
 * thread). The load average is printed with each run: the machine is often shared.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { runIngest, type RunResult } from '../src/ingest/run.ts';
import { readState, writeState } from '../src/ingest/state.ts';
import { startServer } from './lib/feed-server.ts';
import { generateRss } from './lib/generated-feed.ts';

const NOW = new Date('2026-12-01T12:00:00Z');
const DATA = fileURLToPath(new URL('../content/_data', import.meta.url));

export interface IngestBenchFigures {
  sources: number;
  items: number;
  /** The worker threads asked for (undefined: the run's default). */
  workers?: number;
  firstRun: { wallMs: number; cpuMs: number; load: string; added: number; scanMs: number; parseMs: number; composeMs: number; storeMs: number };
  notModifiedRun: { wallMs: number; cpuMs: number; load: string; scanMs: number; notModified: number };
  unchangedRun: { wallMs: number; cpuMs: number; load: string; scanMs: number; duplicate: number };
}

/** The 1-minute load average at the end of a run, and the 5-minute one. */
function load(): string {
  const [one, five] = loadavg();
  return `load ${one!.toFixed(2)}/${five!.toFixed(2)}`;
}

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}

interface IngestRun {
  result: RunResult;
  wallMs: number;
  load: string;
}

/** One generated feed a source, written to <root>/feeds/<id>.xml; returns the ids. */
async function writeFeeds(feedDir: string, sourceCount: number, itemsPerSource: number): Promise<string[]> {
  await mkdir(feedDir);
  const newest = new Date(NOW.getTime() - 3600_000);
  const ids = Array.from({ length: sourceCount }, (_, i) => `feed-${String(i).padStart(3, '0')}`);
  await Promise.all(
    ids.map((id, i) => writeFile(join(feedDir, `${id}.xml`), generateRss({ name: id, items: itemsPerSource, newest, seed: i + 1 }))),
  );
  return ids;
}

/** The sources file naming every feed at the server. */
async function writeSources(sourcesFile: string, ids: string[], serverUrl: string): Promise<void> {
  await writeFile(sourcesFile, `sources:\n${ids.map((id) => `  - id: ${id}\n    name: Source ${id}\n    url: ${serverUrl}/${id}.xml\n`).join('')}`);
}

/** Without validators the server answers 200 again: everything is fetched, parsed and found to be a duplicate. */
async function forgetValidators(postsDir: string): Promise<void> {
  const state = join(postsDir, '.ingest-state.json');
  const saved = await readState(state);
  for (const s of saved.sources.values()) delete s.etag;
  await writeState(state, saved);
}

function figures(sources: number, items: number, workers: number | undefined, first: IngestRun, second: IngestRun, third: IngestRun): IngestBenchFigures {
  const s = first.result.stats;
  return {
    sources,
    items,
    ...(workers === undefined ? {} : { workers }),
    firstRun: {
      wallMs: first.wallMs,
      cpuMs: s.cpuMs,
      load: first.load,
      added: first.result.report.totals.added,
      scanMs: s.scanMs,
      parseMs: s.parseMs,
      composeMs: s.composeMs,
      storeMs: s.storeMs,
    },
    notModifiedRun: {
      wallMs: second.wallMs,
      cpuMs: second.result.stats.cpuMs,
      load: second.load,
      scanMs: second.result.stats.scanMs,
      notModified: second.result.report.totals.notModified,
    },
    unchangedRun: {
      wallMs: third.wallMs,
      cpuMs: third.result.stats.cpuMs,
      load: third.load,
      scanMs: third.result.stats.scanMs,
      duplicate: third.result.report.totals.duplicate,
    },
  };
}

export async function benchIngest(sourceCount = 200, itemsPerSource = 50, concurrency = 8, workers?: number): Promise<IngestBenchFigures> {
  const root = await mkdtemp(join(tmpdir(), 'khabar-bench-ingest-'));
  const feedDir = join(root, 'feeds');
  const postsDir = join(root, 'posts');
  const ids = await writeFeeds(feedDir, sourceCount, itemsPerSource);
  const server = await startServer(feedDir);
  try {
    const sourcesFile = join(root, 'sources.yaml');
    await writeSources(sourcesFile, ids, server.url);
    const run = async (): Promise<IngestRun> => {
      const started = performance.now();
      const result = await runIngest({
        sourcesFile,
        dataDir: DATA,
        outDir: postsDir,
        allowPrivateNetwork: true,
        concurrency,
        now: NOW,
        ...(workers === undefined ? {} : { workers }),
      });
      return { result, wallMs: performance.now() - started, load: load() };
    };

    const first = await run();
    await fetch(`${server.url}/mode/304`);
    const second = await run();
    await forgetValidators(postsDir);
    const third = await run();
    return figures(sourceCount, sourceCount * itemsPerSource, workers, first, second, third);
  } finally {
    server.stop();
    await rm(root, { recursive: true, force: true });
  }
}

export function formatIngestBench(f: IngestBenchFigures): string {
  const r = f.firstRun;
  return [
    `ingest: ${f.sources} sources × ${f.items / f.sources} items (${f.items} items)${f.workers === undefined ? '' : `, ${f.workers} worker thread(s)`}`,
    `first run:      wall ${ms(r.wallMs)}, CPU ${ms(r.cpuMs)} (all threads), ${r.added} posts added, ${r.load}`,
    `                ${Math.round(r.added / (r.cpuMs / 1000))} items per CPU second (the whole run's CPU), ${Math.round(r.added / (r.wallMs / 1000))} items per wall second`,
    `                stage times summed over sources (store includes rendering, waiting on fsync and on other sources):`,
    `                decode+parse ${ms(r.parseMs)}, normalise+compose+dedupe ${ms(r.composeMs)}, store ${ms(r.storeMs)}; posts scan ${ms(r.scanMs)}`,
    `304 run:        wall ${ms(f.notModifiedRun.wallMs)}, CPU ${ms(f.notModifiedRun.cpuMs)}, ${f.notModifiedRun.notModified} sources not modified (posts scan ${ms(f.notModifiedRun.scanMs)}), ${f.notModifiedRun.load}`,
    `unchanged run:  wall ${ms(f.unchangedRun.wallMs)}, CPU ${ms(f.unchangedRun.cpuMs)}, ${f.unchangedRun.duplicate} duplicates, no validators sent (posts scan ${ms(f.unchangedRun.scanMs)}), ${f.unchangedRun.load}`,
  ].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { sources: { type: 'string' }, items: { type: 'string' }, concurrency: { type: 'string' }, workers: { type: 'string' } },
  });
  const measured = await benchIngest(
    Number(values.sources ?? 200),
    Number(values.items ?? 50),
    Number(values.concurrency ?? 8),
    values.workers === undefined ? undefined : Number(values.workers),
  );
  process.stdout.write(`${formatIngestBench(measured)}\n`);
}
