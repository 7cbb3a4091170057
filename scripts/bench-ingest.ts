/**
 * Ingest benchmark: 200 sources × 50 generated items (realistic HTML bodies) served from
 * 127.0.0.1 by a separate process (so its CPU is not counted), ingested into a temporary
 * folder; then a run where every conditional request gets a 304, and a run where nothing
 * is new. Prints plain figures, asserts nothing.
 *
 *   npx tsx scripts/bench-ingest.ts [--sources 200] [--items 50] [--concurrency 8] [--workers N]
 *
 * --workers: worker threads for the CPU stages (default 0: all in the main
 * thread). The load average is printed with each run: the machine is often shared.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { runIngest, type RunResult } from '../src/ingest/run.ts';
import { generateRss } from '../bench/lib/generated-feed.ts';

const NOW = new Date('2026-12-01T12:00:00Z');
const DATA = fileURLToPath(new URL('../content/_data', import.meta.url));

/** The feed server, plain JS in its own process: serves <dir>/<name>.xml with an ETag; /mode/304 turns on 304s. */
const SERVER = `
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
const dir = process.argv[1];
let answer304 = false;
const server = createServer(async (req, res) => {
  if (req.url === '/mode/304') { answer304 = true; res.end('ok'); return; }
  const name = (req.url ?? '').replace(/^\\//, '');
  if (!/^[a-z0-9-]+\\.xml$/.test(name)) { res.writeHead(404).end(); return; }
  const etag = '"' + name + '-v1"';
  if (answer304 && req.headers['if-none-match'] === etag) { res.writeHead(304, { etag }).end(); return; }
  try {
    const body = await readFile(join(dir, name));
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(body);
  } catch { res.writeHead(404).end(); }
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

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

async function startServer(feedDir: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', SERVER, feedDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`feed server exited (${code})`)));
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}

export async function benchIngest(sourceCount = 200, itemsPerSource = 50, concurrency = 8, workers?: number): Promise<IngestBenchFigures> {
  const root = await mkdtemp(join(tmpdir(), 'khabar-bench-ingest-'));
  const feedDir = join(root, 'feeds');
  await mkdir(feedDir);
  const newest = new Date(NOW.getTime() - 3600_000);
  const ids = Array.from({ length: sourceCount }, (_, i) => `feed-${String(i).padStart(3, '0')}`);
  await Promise.all(
    ids.map((id, i) => writeFile(join(feedDir, `${id}.xml`), generateRss({ name: id, items: itemsPerSource, newest, seed: i + 1 }))),
  );
  const server = await startServer(feedDir);
  try {
    const sourcesFile = join(root, 'sources.yaml');
    await writeFile(
      sourcesFile,
      `sources:\n${ids.map((id) => `  - id: ${id}\n    name: Source ${id}\n    url: ${server.url}/${id}.xml\n`).join('')}`,
    );
    const run = async (): Promise<{ result: RunResult; wallMs: number; load: string }> => {
      const started = performance.now();
      const result = await runIngest({
        sourcesFile,
        dataDir: DATA,
        outDir: join(root, 'posts'),
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
    // Without validators the server answers 200 again: everything is fetched, parsed and found to be a duplicate.
    const third = await (async () => {
      const state = join(root, 'posts', '.ingest-state.json');
      const { readState, writeState } = await import('../src/ingest/state.ts');
      const saved = await readState(state);
      for (const s of saved.sources.values()) delete s.etag;
      await writeState(state, saved);
      return run();
    })();

    const s = first.result.stats;
    return {
      sources: sourceCount,
      items: sourceCount * itemsPerSource,
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
  const figures = await benchIngest(
    Number(values.sources ?? 200),
    Number(values.items ?? 50),
    Number(values.concurrency ?? 8),
    values.workers === undefined ? undefined : Number(values.workers),
  );
  process.stdout.write(`${formatIngestBench(figures)}\n`);
}
