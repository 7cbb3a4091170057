import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildReport, formatSourceLine, formatSummary, writeReport } from '../../src/ingest/report.ts';
import type { SourceReport } from '../../src/ingest/types.ts';

const entries: SourceReport[] = [
  { id: 'tolonews', status: 'ok', seen: 20, added: 3, duplicate: 16, invalid: 1, durationMs: 1234 },
  { id: 'bbc-pashto', status: 'not-modified', seen: 0, added: 0, duplicate: 0, invalid: 0, durationMs: 80 },
  { id: 'khaama', status: 'failed', seen: 0, added: 0, duplicate: 0, invalid: 0, error: 'fetch: HTTP 503 from https://www.khaama.com/feed/', durationMs: 30000 },
  { id: 'ariana', status: 'skipped', seen: 0, added: 0, duplicate: 0, invalid: 0, error: 'failed 3 runs in a row', durationMs: 0 },
];

describe('report', () => {
  it('totals the entries and carries the run times', async () => {
    const report = buildReport(entries, {
      startedAt: new Date('2026-12-01T12:00:00Z'),
      finishedAt: new Date('2026-12-01T12:00:31Z'),
      durationMs: 31_000.4,
    });
    assert.deepEqual(report.totals, {
      sources: 4,
      ok: 1,
      notModified: 1,
      failed: 1,
      skipped: 1,
      seen: 20,
      added: 3,
      duplicate: 16,
      invalid: 1,
    });
    assert.equal(report.startedAt, '2026-12-01T12:00:00.000Z');
    assert.equal(report.durationMs, 31_000);
    const dir = await mkdtemp(join(tmpdir(), 'khabar-report-'));
    try {
      await writeReport(join(dir, 'r.json'), report);
      assert.deepEqual(JSON.parse(await readFile(join(dir, 'r.json'), 'utf8')), report);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prints a line per source and the totals', () => {
    const report = buildReport(entries, { startedAt: new Date(0), finishedAt: new Date(0), durationMs: 31_000 });
    assert.equal(
      formatSummary(report),
      [
        'tolonews    ok            20 seen, 3 added, 16 duplicate, 1 invalid  (1.2s)',
        'bbc-pashto  not-modified  (0.1s)',
        'khaama      failed        fetch: HTTP 503 from https://www.khaama.com/feed/  (30.0s)',
        'ariana      skipped       failed 3 runs in a row  (0.0s)',
        '4 sources (1 ok, 1 not modified, 1 failed, 1 skipped): 3 posts added, 16 duplicates, 1 invalid, in 31.0s',
      ].join('\n'),
    );
  });

  it('names the items left for the next run and those trimmed, when there are some', () => {
    const line = formatSourceLine({ id: 'big', status: 'ok', seen: 300, added: 200, duplicate: 0, invalid: 0, deferred: 100, trimmed: 1, durationMs: 900 });
    assert.equal(line, 'big  ok            300 seen, 200 added, 0 duplicate, 100 left for the next run, 1 trimmed  (0.9s)');
  });
});
