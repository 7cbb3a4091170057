import { DateTime } from 'luxon';
import { primaryLanguage } from './language.ts';

/**
 * Dates in the site's time zone. Every formatter here is a plain function of its inputs
 * (no global state), and the Intl formatters are built once per (zone, language).
 */

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** Parses the contract's ISO 8601 date (offset or Z required); null when it is not one. */
export function parseIsoDate(value: string): Date | null {
  const text = value.trim();
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

/** "27th March, 2024", as the replaced site prints a post's date. */
export function formatLongDate(date: Date, zone: string): string {
  const local = inZone(date, zone);
  return `${ordinal(local.day)} ${local.setLocale('en').toFormat('LLLL')}, ${local.year}`;
}

/** "March 27, 2024", as in video bulletin titles and the recent-posts sidebar. */
export function formatShortDate(date: Date, zone: string): string {
  return inZone(date, zone).setLocale('en').toFormat('LLLL d, yyyy');
}

/** The parts of a post's URL and archive pages: year, month and day in the site's zone. */
export function dateParts(date: Date, zone: string): { year: string; month: string; day: string } {
  const local = inZone(date, zone);
  return { year: local.toFormat('yyyy'), month: local.toFormat('MM'), day: local.toFormat('dd') };
}

export function monthName(month: number): string {
  return DateTime.fromObject({ year: 2000, month, day: 1 }).setLocale('en').toFormat('LLLL');
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
