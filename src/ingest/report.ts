import writeFileAtomic from 'write-file-atomic';
import type { SourceReport, SourceStatus } from './types.ts';

/**
 * The run's report: the machine-readable JSON the contract promises (one entry per source)
 * and the human summary printed on stdout.
 */

const REPORT_VERSION = 1;

export interface ReportTotals {
  sources: number;
  ok: number;
  notModified: number;
  failed: number;
  skipped: number;
  seen: number;
  added: number;
  duplicate: number;
  invalid: number;
}

export interface IngestReport {
  version: number;
  /** ISO 8601, from the run's clock (KHABAR_NOW when set). */
  startedAt: string;
  finishedAt: string;
  /** Real elapsed time, whatever the clock says. */
  durationMs: number;
  /** In the order of the sources file. */
  sources: SourceReport[];
  totals: ReportTotals;
}

function totalsOf(sources: readonly SourceReport[]): ReportTotals {
  const count = (status: SourceStatus): number => sources.filter((s) => s.status === status).length;
  const sum = (field: 'seen' | 'added' | 'duplicate' | 'invalid'): number => sources.reduce((n, s) => n + s[field], 0);
  return {
    sources: sources.length,
    ok: count('ok'),
    notModified: count('not-modified'),
    failed: count('failed'),
    skipped: count('skipped'),
    seen: sum('seen'),
    added: sum('added'),
    duplicate: sum('duplicate'),
    invalid: sum('invalid'),
  };
}

export function buildReport(
  sources: readonly SourceReport[],
  times: { startedAt: Date; finishedAt: Date; durationMs: number },
): IngestReport {
  return {
    version: REPORT_VERSION,
    startedAt: times.startedAt.toISOString(),
    finishedAt: times.finishedAt.toISOString(),
    durationMs: Math.round(times.durationMs),
    sources: [...sources],
    totals: totalsOf(sources),
  };
}

export async function writeReport(path: string, report: IngestReport): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(report, null, 2)}\n`, { encoding: 'utf8' });
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** One source on one line: `tolonews  ok  12 seen, 3 added, 9 duplicate  (1.2s)`. */
export function formatSourceLine(entry: SourceReport, idWidth = 0): string {
  const counts =
    entry.status === 'ok'
      ? `${entry.seen} seen, ${entry.added} added, ${entry.duplicate} duplicate` +
        (entry.invalid > 0 ? `, ${entry.invalid} invalid` : '') +
        (entry.deferred !== undefined ? `, ${entry.deferred} left for the next run` : '') +
        (entry.trimmed !== undefined ? `, ${entry.trimmed} trimmed` : '')
      : '';
  const error = entry.error === undefined ? '' : entry.error;
  const detail = [counts, error].filter((part) => part !== '').join('; ');
  return `${entry.id.padEnd(idWidth)}  ${entry.status.padEnd(12)}  ${detail}${detail === '' ? '' : '  '}(${seconds(entry.durationMs)})`;
}

export function formatTotals(report: IngestReport): string {
  const t = report.totals;
  const statuses = [
    `${t.ok} ok`,
    `${t.notModified} not modified`,
    `${t.failed} failed`,
    `${t.skipped} skipped`,
  ].join(', ');
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    `${plural(t.sources, 'source')} (${statuses}): ${plural(t.added, 'post')} added, ` +
    `${plural(t.duplicate, 'duplicate')}, ${t.invalid} invalid, in ${seconds(report.durationMs)}`
  );
}

/** The whole summary: a line per source, then the totals. */
export function formatSummary(report: IngestReport): string {
  const width = Math.max(0, ...report.sources.map((s) => s.id.length));
  return [...report.sources.map((s) => formatSourceLine(s, width)), formatTotals(report)].join('\n');
}
