import { DateTime } from 'luxon';
import { primaryLanguage } from './language.ts';

/**
 * Dates in the site's time zone. Every formatter here is a plain function of its inputs
 * (no global state), and the Intl formatters are built once per (zone, language).
 */

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;

/** Parses the contract's ISO 8601 date (offset or Z required); null when it is not one. */
export function parseIsoDate(value: string): Date | null {
  const text = value.trim();
  // The form ingest writes (`2024-03-27T10:15:00Z`), without Luxon: when Date reads it back
  // to the same text, it is the instant Luxon would give (an impossible day or hour is not).
  if (ISO_UTC.test(text)) {
    const date = new Date(text);
    const iso = Number.isNaN(date.getTime()) ? '' : date.toISOString();
    if (iso === text || iso === `${text.slice(0, -1)}.000Z`) return date;
  }
  if (!ISO_WITH_OFFSET.test(text)) return null;
  const parsed = DateTime.fromISO(text.replace(' ', 'T'), { setZone: true });
  return parsed.isValid ? parsed.toJSDate() : null;
}

export function ordinal(day: number): string {
  const tens = day % 100;
  if (tens >= 11 && tens <= 13) return `${day}th`;
  switch (day % 10) {
    case 1:
      return `${day}st`;
    case 2:
      return `${day}nd`;
    case 3:
      return `${day}rd`;
    default:
      return `${day}th`;
  }
}

export function inZone(date: Date, zone: string): DateTime {
  return DateTime.fromJSDate(date, { zone });
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY_MS = 86_400_000;

/**
 * A zone's UTC offset (minutes) on each UTC day, or null on a day when it changes. Asking
 * Intl (through luxon) for an offset costs microseconds, and a build asks for tens of
 * thousands of dates: one day's two lookups serve all of that day's dates.
 */
const dayOffsets = new Map<string, Map<number, number | null>>();

/** The calendar date of an instant in a zone, or null when the zone is not one luxon knows. */
function localDate(date: Date, zone: string): { year: number; month: number; day: number } | null {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return null;
  let offsets = dayOffsets.get(zone);
  if (offsets === undefined) {
    if (!DateTime.fromMillis(0, { zone }).isValid) return null;
    offsets = new Map();
    dayOffsets.set(zone, offsets);
  }
  const dayNumber = Math.floor(ms / DAY_MS);
  let offset = offsets.get(dayNumber);
  if (offset === undefined) {
    const first = inZone(new Date(dayNumber * DAY_MS), zone).offset;
    const last = inZone(new Date((dayNumber + 1) * DAY_MS - 1), zone).offset;
    offset = first === last ? first : null;
    offsets.set(dayNumber, offset);
  }
  const local = new Date(ms + (offset ?? inZone(date, zone).offset) * 60_000);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** "27th March, 2024", as the replaced site prints a post's date. */
export function formatLongDate(date: Date, zone: string): string {
  const local = localDate(date, zone);
  if (local === null) return inZone(date, zone).toFormat('d LLLL, yyyy'); // luxon says why: "Invalid DateTime"
  return `${ordinal(local.day)} ${MONTHS[local.month - 1]}, ${pad(local.year, 4)}`;
}

/** "March 27, 2024", as in video bulletin titles and the recent-posts sidebar. */
export function formatShortDate(date: Date, zone: string): string {
  const local = localDate(date, zone);
  if (local === null) return inZone(date, zone).toFormat('LLLL d, yyyy');
  return `${MONTHS[local.month - 1]} ${local.day}, ${pad(local.year, 4)}`;
}

/** The parts of a post's URL and archive pages: year, month and day in the site's zone. */
export function dateParts(date: Date, zone: string): { year: string; month: string; day: string } {
  const local = localDate(date, zone);
  if (local === null) {
    const invalid = inZone(date, zone);
    return { year: invalid.toFormat('yyyy'), month: invalid.toFormat('MM'), day: invalid.toFormat('dd') };
  }
  return { year: pad(local.year, 4), month: pad(local.month, 2), day: pad(local.day, 2) };
}

export function monthName(month: number): string {
  return MONTHS[month - 1] ?? DateTime.fromObject({ year: 2000, month, day: 1 }).toFormat('LLLL');
}

const hijriFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The Solar Hijri date Afghan readers use ("۸ حمل ۱۴۰۳"), in Dari or Pashto month names.
 * Built from parts so that no era marker ("AP") slips in.
 */
export function formatSolarHijri(date: Date, zone: string, lang: string): string {
  const locale = primaryLanguage(lang) === 'ps' ? 'ps-AF' : 'fa-AF';
  const key = `${locale}|${zone}`;
  let formatter = hijriFormatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(`${locale}-u-ca-persian-nu-arabext`, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: zone,
    });
    hijriFormatters.set(key, formatter);
  }
  const parts = formatter.formatToParts(date);
  const pick = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${pick('day')} ${pick('month')} ${pick('year')}`;
}

/** ISO 8601 in UTC with seconds, the form Khabar writes and feeds carry. */
export function toIsoUtc(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
