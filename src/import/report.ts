import type { MediaCounts } from './media.ts';

/**
 * What an import did, for the editor: written to `import-report.json` and summed up on the
 * terminal. Counts by name are sorted so the same export gives the same report.
 */
export interface ImportReport {
  file: string;
  wxrVersion: string;
  items: number;
  written: { posts: number; pages: number };
  /** Items whose file was already there (an earlier import, perhaps edited since): left alone. */
  unchanged: number;
  /** Drafts, pending, private and password-protected items written with `draft: true`. */
  drafts: number;
  skipped: Record<string, number>;
  /** Old URLs that redirect to the new ones. */
  aliases: number;
  comments: number;
  unknownCategories: Record<string, number>;
  shortcodes: Record<string, number>;
  /** `refused`: uploads of a kind the site does not publish, left on the old site (refusedFiles names them). */
  media: MediaCounts & { missingFiles: string[]; refused: number; refusedFiles: string[] };
  problems: { id: number; message: string }[];
  /** Set when the file is cut short or stops being well-formed: the items before it were imported. */
  broken: { line: number; message: string } | null;
  dryRun: boolean;
}

export function emptyReport(file: string, dryRun: boolean): ImportReport {
  return {
    file,
    wxrVersion: '',
    items: 0,
    written: { posts: 0, pages: 0 },
    unchanged: 0,
    drafts: 0,
    skipped: {},
    aliases: 0,
    comments: 0,
    unknownCategories: {},
    shortcodes: {},
    media: { copied: 0, missing: 0, external: 0, missingFiles: [], refused: 0, refusedFiles: [] },
    problems: [],
    broken: null,
    dryRun,
  };
}

export function bump(counts: Record<string, number>, name: string): void {
  counts[name] = (counts[name] ?? 0) + 1;
}

function sorted(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)));
}

/** The report as JSON, counts sorted (most first) and problems in item order. */
export function reportJson(report: ImportReport): string {
  const out = {
    ...report,
    skipped: sorted(report.skipped),
    unknownCategories: sorted(report.unknownCategories),
    shortcodes: sorted(report.shortcodes),
    problems: [...report.problems].sort((a, b) => a.id - b.id),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** The end-of-run summary for the terminal. */
export function summaryLines(report: ImportReport): string[] {
  const skipped = Object.entries(sorted(report.skipped)).map(([name, n]) => `${n} ${name}`).join(', ');
  const lines = [
    `${report.dryRun ? 'Dry run: would write' : 'Wrote'} ${plural(report.written.posts, 'post')} and ${plural(report.written.pages, 'page')} (${report.drafts} of them drafts); ${report.unchanged} already there, left alone.`,
    `Read ${plural(report.items, 'item')}; skipped ${skipped || 'none'}.`,
    `${plural(report.aliases, 'old URL')} redirect to the new ones; ${plural(report.comments, 'comment')} not imported.`,
  ];
  const unknown = Object.keys(report.unknownCategories).length;
  if (unknown > 0) lines.push(`${unknown} ${unknown === 1 ? 'category' : 'categories'} not in categories.yaml became tags (see unknownCategories).`);
  const shortcodes = Object.entries(sorted(report.shortcodes)).map(([name, n]) => `[${name}] ×${n}`).join(', ');
  if (shortcodes !== '') lines.push(`Shortcodes replaced or removed: ${shortcodes}.`);
  if (report.media.copied + report.media.missing + report.media.external > 0) {
    const refused = report.media.refused > 0 ? ` (${report.media.refused} of a kind the site does not publish: see refusedFiles)` : '';
    lines.push(`Media: ${report.media.copied} copied, ${report.media.missing} missing, ${report.media.external} links left to the old site${refused}.`);
  }
  if (report.problems.length > 0) lines.push(`${plural(report.problems.length, 'problem')}: see problems in the report.`);
  if (report.broken !== null) lines.push(`The export stops at line ${report.broken.line}: ${report.broken.message}. The complete items before it were imported.`);
  return lines;
}
