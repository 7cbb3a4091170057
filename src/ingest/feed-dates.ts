import { DateTime, FixedOffsetZone } from 'luxon';

/**
 * Dates as feeds really write them. RFC 822/2822 (with or without the weekday, unpadded days,
 * two-digit years, zone abbreviations such as EST or GMT, and — seen in the wild — Portuguese,
 * Spanish, French, German or Italian day and month names), ISO 8601 / RFC 3339 (with or
 * without offset), the "Friday, January 29, 2021 04:42 PM" style, and a Drupal-style
 * `<time datetime="…">` element where the text should have been. A date without a zone is
 * taken as UTC. Returns null for anything it cannot read with confidence: the caller decides
 * what a missing date means.
 */

/** Offsets (minutes east of UTC) of the zone abbreviations feeds actually use. */
const ZONES: Readonly<Record<string, number>> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  wet: 0,
  west: 60,
  bst: 60,
  cet: 60,
  cest: 120,
  met: 60,
  mest: 120,
  eet: 120,
  eest: 180,
  msk: 180,
  // North America (RFC 822 names them; the rest are common in feeds).
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  akst: -540,
  akdt: -480,
  hst: -600,
  ast: -240,
  adt: -180,
  nst: -210,
  ndt: -150,
  // South America.
  brt: -180,
  brst: -120,
  art: -180,
  // Asia and Oceania. IST is ambiguous (India, Ireland, Israel); news feeds mean India.
  ist: 330,
  pkt: 300,
  aft: 270,
  irst: 210,
  irdt: 270,
  gst: 240,
  npt: 345,
  ict: 420,
  wib: 420,
  sgt: 480,
  hkt: 480,
  awst: 480,
  jst: 540,
  kst: 540,
  acst: 570,
  acdt: 630,
  aest: 600,
  aedt: 660,
  nzst: 720,
  nzdt: 780,
};

/** Month names and abbreviations, accent-free and lower case. */
const MONTHS: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  const add = (month: number, ...names: string[]): void => {
    for (const name of names) map.set(name, month);
  };
  add(1, 'jan', 'january', 'janeiro', 'ene', 'enero', 'janv', 'janvier', 'januar', 'jaen', 'gen', 'gennaio');
  add(2, 'feb', 'february', 'fev', 'fevereiro', 'febrero', 'fevr', 'fevrier', 'februar', 'febbraio');
  add(3, 'mar', 'march', 'marco', 'marzo', 'mars', 'maerz', 'marz', 'mrz');
  add(4, 'apr', 'april', 'abr', 'abril', 'avr', 'avril', 'aprile');
  add(5, 'may', 'mai', 'maio', 'mayo', 'mag', 'maggio');
  add(6, 'jun', 'june', 'junho', 'junio', 'juin', 'juni', 'giu', 'giugno');
  add(7, 'jul', 'july', 'julho', 'julio', 'juil', 'juillet', 'juli', 'lug', 'luglio');
  add(8, 'aug', 'august', 'ago', 'agosto', 'aout', 'aou');
  add(9, 'sep', 'sept', 'september', 'set', 'setembro', 'septiembre', 'septembre', 'settembre');
  add(10, 'oct', 'october', 'out', 'outubro', 'octubre', 'octobre', 'okt', 'oktober', 'ott', 'ottobre');
  add(11, 'nov', 'november', 'novembro', 'noviembre', 'novembre');
  add(12, 'dec', 'december', 'dez', 'dezembro', 'dic', 'diciembre', 'decembre', 'dezember', 'dicembre');
  return map;
})();

function month(name: string): number | undefined {
  const key = name.replace(/\.$/, '');
  return MONTHS.get(key) ?? (key.length > 3 ? MONTHS.get(key.slice(0, 3)) : undefined);
}

/** Minutes east of UTC for "+0300", "-03:00", "+03", "GMT+3", "EST"; undefined when unreadable. */
function zoneOffset(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === '') return 0;
  const numeric = /^(?:gmt|utc|ut)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (numeric !== null) {
    const hours = Number(numeric[2]);
    const minutes = Number(numeric[3] ?? '0');
    if (hours > 14 || minutes > 59) return undefined;
    return (numeric[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  if (zone in ZONES) return ZONES[zone];
  // RFC 822's military letters: RFC 2822 says to treat them as -0000 (their signs were wrong).
  if (/^[a-ik-z]$/.test(zone)) return 0;
  return undefined;
}

function build(
  parts: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number },
  offsetMinutes: number,
): Date | null {
  const second = Math.min(parts.second ?? 0, 59); // a leap second is not worth losing the date
  const value = DateTime.fromObject(
    { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second },
    { zone: FixedOffsetZone.instance(offsetMinutes) },
  );
  return value.isValid ? value.toJSDate() : null;
}

function fullYear(text: string): number {
  const year = Number(text);
  if (text.length !== 2) return year;
  // RFC 2822: 00–49 are 2000–2049, 50–99 are 1950–1999.
  return year < 50 ? 2000 + year : 1900 + year;
}

function hour12(hour: number, meridiem: string | undefined): number | undefined {
  if (meridiem === undefined || meridiem === '') return hour;
  if (hour < 1 || hour > 12) return undefined;
  const pm = meridiem.startsWith('p');
  if (hour === 12) return pm ? 12 : 0;
  return pm ? hour + 12 : hour;
}

// Shared pieces of the patterns below (the text is lower case, accent-free, commas → spaces).
const WEEKDAY = String.raw`(?:[a-z]{2,12}\.?\s+)?`;
const TIME = String.raw`(\d{1,2})[:h.](\d{2})(?:[:.](\d{2})(?:[.,]\d+)?)?`;
const MERIDIEM = String.raw`(?:\s*(a\.?m\.?|p\.?m\.?))?`;
const ZONE = String.raw`(?:\s*\(?((?:gmt|utc|ut)?[+-]\d{1,2}(?::?\d{2})?|[a-z]{1,5})\)?)?`;

/** "Tue, 7 Aug 2012 11:02:03 EST", "Seg, 24 Set 2018 19:42:40 -0300", "07-Aug-2012 11:02". */
const DAY_MONTH_YEAR = new RegExp(
  String.raw`^${WEEKDAY}(\d{1,2})(?:\s+|-)([a-z]{3,10}\.?)(?:\s+|-)(\d{4}|\d{2})(?:\s+(?:at\s+)?${TIME}${MERIDIEM}${ZONE})?$`,
);
/** "Friday January 29 2021 04:42 PM", "Aug 7 2012 11:02:03 GMT", "January 29th 2021". */
const MONTH_DAY_YEAR = new RegExp(
  String.raw`^${WEEKDAY}([a-z]{3,10}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?\s+(\d{4})(?:\s+(?:at\s+)?${TIME}${MERIDIEM}${ZONE})?$`,
);
/** asctime: "Tue Aug 7 11:02:03 2012", optionally with a zone before the year. */
const ASCTIME = new RegExp(String.raw`^${WEEKDAY}([a-z]{3,10})\s+(\d{1,2})\s+${TIME}(?:\s+([a-z]{1,5}))?\s+(\d{4})$`);
/** ISO-like with a space or T and an optional numeric or named zone: "2019-05-18 10:58:46 +0300". */
const ISO_LIKE = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t\s]+${TIME}${ZONE})?$`);

function fromTextual(text: string): Date | null {
  let m = DAY_MONTH_YEAR.exec(text);
  if (m !== null) {
    const [, day, monthName, year, hh, mm, ss, meridiem, zone] = m;
    return assemble(year!, monthName!, day!, hh, mm, ss, meridiem, zone);
  }
  m = MONTH_DAY_YEAR.exec(text);
  if (m !== null) {
    const [, monthName, day, year, hh, mm, ss, meridiem, zone] = m;
    return assemble(year!, monthName!, day!, hh, mm, ss, meridiem, zone);
  }
  m = ASCTIME.exec(text);
  if (m !== null) {
    const [, monthName, day, hh, mm, ss, zone, year] = m;
    return assemble(year!, monthName!, day!, hh, mm, ss, undefined, zone);
  }
  m = ISO_LIKE.exec(text);
  if (m !== null) {
    const [, year, monthNumber, day, hh, mm, ss, zone] = m;
    const offset = zoneOffset(zone);
    if (offset === undefined) return null;
    return build(
      {
        year: Number(year),
        month: Number(monthNumber),
        day: Number(day),
        ...(hh === undefined ? {} : { hour: Number(hh), minute: Number(mm), second: Number(ss ?? '0') }),
      },
      offset,
    );
  }
  return null;
}

function assemble(
  year: string,
  monthName: string,
  day: string,
  hh: string | undefined,
  mm: string | undefined,
  ss: string | undefined,
  meridiem: string | undefined,
  zone: string | undefined,
): Date | null {
  const monthNumber = month(monthName);
  if (monthNumber === undefined) return null;
  const offset = zoneOffset(zone);
  if (offset === undefined) return null;
  if (hh === undefined) return build({ year: fullYear(year), month: monthNumber, day: Number(day) }, offset);
  const hour = hour12(Number(hh), meridiem?.replace(/\./g, ''));
  if (hour === undefined) return null;
  return build(
    { year: fullYear(year), month: monthNumber, day: Number(day), hour, minute: Number(mm), second: Number(ss ?? '0') },
    offset,
  );
}

/** Strict ISO 8601 / RFC 3339 first: most feeds (Atom, JSON Feed) write it. */
function fromIso(text: string): Date | null {
  if (!/^\d{4}-\d{2}(?:-\d{2})?(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i.test(text)) {
    return null;
  }
  const iso = text.replace(' ', 'T').replace(/\s+(?=[Z+-])/i, '').replace(/,/, '.');
  const parsed = DateTime.fromISO(iso, { zone: 'utc', setZone: false });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/** The datetime attribute of a `<time>` element, else the element's text. */
function unwrapTimeElement(text: string): { attribute?: string; text: string } {
  if (!text.includes('<')) return { text };
  const attribute = /<time\b[^>]*\bdatetime\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(text);
  const inner = text.replace(/<[^>]*>/g, ' ');
  const value = attribute?.[1] ?? attribute?.[2] ?? attribute?.[3];
  return value === undefined ? { text: inner } : { attribute: value, text: inner };
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/,/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function parseOne(text: string): Date | null {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (trimmed === '' || trimmed.length > 120) return null;
  return fromIso(trimmed) ?? fromTextual(fold(trimmed));
}

export function parseFeedDate(text: string): Date | null {
  if (typeof text !== 'string') return null;
  const { attribute, text: rest } = unwrapTimeElement(text);
  if (attribute !== undefined) {
    const fromAttribute = parseOne(attribute);
    if (fromAttribute !== null) return fromAttribute;
  }
  return parseOne(rest);
}
