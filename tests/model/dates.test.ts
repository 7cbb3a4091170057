import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import {
  dateParts,
  formatLongDate,
  formatShortDate,
  formatSolarHijri,
  inZone,
  monthName,
  ordinal,
  parseIsoDate,
  toIsoUtc,
} from '../../src/model/dates.ts';

const KABUL = 'Asia/Kabul';
const at = (iso: string): Date => new Date(iso);

test('ordinal suffixes, including the 11th–13th exceptions', () => {
  const expected: [number, string][] = [
    [1, '1st'], [2, '2nd'], [3, '3rd'], [4, '4th'], [10, '10th'],
    [11, '11th'], [12, '12th'], [13, '13th'], [14, '14th'],
    [21, '21st'], [22, '22nd'], [23, '23rd'], [24, '24th'], [30, '30th'], [31, '31st'],
    [101, '101st'], [102, '102nd'], [111, '111th'], [112, '112th'], [113, '113th'], [121, '121st'],
  ];
  for (const [n, text] of expected) assert.equal(ordinal(n), text, `ordinal(${n})`);
});

test('formatLongDate prints the replaced site’s "27th March, 2024" in the site zone', () => {
  assert.equal(formatLongDate(at('2024-03-27T10:15:00Z'), KABUL), '27th March, 2024');
  assert.equal(formatLongDate(at('2024-01-01T00:00:00Z'), KABUL), '1st January, 2024');
  assert.equal(formatLongDate(at('2024-11-22T06:00:00Z'), KABUL), '22nd November, 2024');
});

test('a UTC evening is already the next day in Kabul (UTC+4:30)', () => {
  assert.equal(formatLongDate(at('2024-03-26T20:00:00Z'), KABUL), '27th March, 2024');
  assert.equal(formatLongDate(at('2024-03-26T20:00:00Z'), 'UTC'), '26th March, 2024');
  // Kabul's midnight is 19:30 UTC: one second before it is still the 26th.
  assert.equal(formatLongDate(at('2024-03-26T19:29:59Z'), KABUL), '26th March, 2024');
  assert.equal(formatLongDate(at('2024-03-26T19:30:00Z'), KABUL), '27th March, 2024');
  // New Year's Eve in UTC is New Year's Day in Kabul.
  assert.equal(formatLongDate(at('2023-12-31T21:00:00Z'), KABUL), '1st January, 2024');
});

test('formatShortDate and monthName are English', () => {
  assert.equal(formatShortDate(at('2024-03-27T10:15:00Z'), KABUL), 'March 27, 2024');
  assert.equal(formatShortDate(at('2024-03-26T20:00:00Z'), KABUL), 'March 27, 2024');
  assert.equal(formatShortDate(at('2024-03-05T10:00:00Z'), KABUL), 'March 5, 2024');
  assert.equal(monthName(1), 'January');
  assert.equal(monthName(3), 'March');
  assert.equal(monthName(12), 'December');
});

test('dateParts are zero-padded strings in the site zone', () => {
  assert.deepEqual(dateParts(at('2024-03-27T10:15:00Z'), KABUL), { year: '2024', month: '03', day: '27' });
  assert.deepEqual(dateParts(at('2024-01-05T00:00:00Z'), KABUL), { year: '2024', month: '01', day: '05' });
  assert.deepEqual(dateParts(at('2024-03-26T20:00:00Z'), KABUL), { year: '2024', month: '03', day: '27' });
  assert.deepEqual(dateParts(at('2023-12-31T21:00:00Z'), KABUL), { year: '2024', month: '01', day: '01' });
  assert.deepEqual(dateParts(at('2023-12-31T21:00:00Z'), 'UTC'), { year: '2023', month: '12', day: '31' });
});

test('inZone gives a DateTime in the requested zone', () => {
  const local = inZone(at('2024-03-27T10:15:00Z'), KABUL);
  assert.equal(local.zoneName, KABUL);
  assert.equal(local.hour, 14);
  assert.equal(local.minute, 45);
  assert.equal(local.offset, 270);
});

test('parseIsoDate accepts Z, ±hh:mm, ±hhmm and fractional seconds', () => {
  assert.equal(parseIsoDate('2024-03-27T10:15:00Z')?.toISOString(), '2024-03-27T10:15:00.000Z');
  assert.equal(parseIsoDate('2024-03-27T10:15:00+04:30')?.toISOString(), '2024-03-27T05:45:00.000Z');
  assert.equal(parseIsoDate('2024-03-27T10:15:00+0430')?.toISOString(), '2024-03-27T05:45:00.000Z');
  assert.equal(parseIsoDate('2024-03-27T10:15:00-05:00')?.toISOString(), '2024-03-27T15:15:00.000Z');
  assert.equal(parseIsoDate('2024-03-27T10:15:00.123Z')?.toISOString(), '2024-03-27T10:15:00.123Z');
  assert.equal(parseIsoDate('2024-03-27T10:15:00.5+04:30')?.toISOString(), '2024-03-27T05:45:00.500Z');
  // Seconds are optional; surrounding spaces are tolerated.
  assert.equal(parseIsoDate('2024-03-27T10:15Z')?.toISOString(), '2024-03-27T10:15:00.000Z');
  assert.equal(parseIsoDate('  2024-03-27T10:15:00Z  ')?.toISOString(), '2024-03-27T10:15:00.000Z');
  assert.ok(parseIsoDate('2024-03-27T10:15:00Z') instanceof Date);
});

test('parseIsoDate\'s shortcut for UTC dates agrees with Luxon, impossible dates included', () => {
  const luxon = (text: string): string | null => {
    const parsed = DateTime.fromISO(text, { setZone: true });
    return parsed.isValid ? parsed.toJSDate().toISOString() : null;
  };
  for (const text of [
    '2024-03-27T10:15:00Z',
    '2024-03-27T10:15:00.250Z',
    '2024-02-29T23:59:59Z',
    '2023-02-29T12:00:00Z',
    '2024-04-31T00:00:00Z',
    '2024-03-27T24:00:00Z',
    '2024-03-27T23:60:00Z',
    '2024-03-27T23:59:60Z',
    '0001-01-01T00:00:00Z',
    '1969-12-31T23:59:59.999Z',
    '9999-12-31T23:59:59Z',
  ]) {
    assert.equal(parseIsoDate(text)?.toISOString() ?? null, luxon(text), text);
  }
});

test('parseIsoDate rejects dates without an offset and anything that is not a real date', () => {
  for (const bad of [
    '2024-03-27',
    '2024-03-27T10:15:00',
    'yesterday',
    '',
    '2024-13-01T00:00:00Z',
    '2024-02-30T00:00:00Z',
    '2024-03-27T25:00:00Z',
    '27/03/2024 10:15Z',
    'March 27, 2024',
    '1711534500',
    '2024-03-27T10:15:00Z trailing',
  ]) {
    assert.equal(parseIsoDate(bad), null, JSON.stringify(bad));
  }
});

test('formatSolarHijri in Dari: "۸ حمل ۱۴۰۳" with Persian digits', () => {
  assert.equal(formatSolarHijri(at('2024-03-27T10:15:00Z'), KABUL, 'fa'), '۸ حمل ۱۴۰۳');
  assert.equal(formatSolarHijri(at('2024-03-27T10:15:00Z'), KABUL, 'fa-AF'), '۸ حمل ۱۴۰۳');
});

test('formatSolarHijri in Pashto uses Pashto month names and no era marker', () => {
  const text = formatSolarHijri(at('2024-03-27T10:15:00Z'), KABUL, 'ps');
  assert.ok(text.includes('وری'), text);
  assert.ok(text.includes('۱۴۰۳'), text);
  assert.ok(text.startsWith('۸ '), text);
  assert.ok(!text.includes('AP'), text);
  assert.ok(!/[0-9]/.test(text), `no Latin digits in ${text}`);
  assert.notEqual(text, formatSolarHijri(at('2024-03-27T10:15:00Z'), KABUL, 'fa'));
});

test('Nowruz: 2024-03-20 is 1 Hamal 1403 in Kabul, the day before is 29 Hoot 1402', () => {
  assert.equal(formatSolarHijri(at('2024-03-20T12:00:00Z'), KABUL, 'fa'), '۱ حمل ۱۴۰۳');
  assert.equal(formatSolarHijri(at('2024-03-19T12:00:00Z'), KABUL, 'fa'), '۲۹ حوت ۱۴۰۲');
  // The boundary is Kabul's midnight (19:30 UTC), not UTC's.
  assert.equal(formatSolarHijri(at('2024-03-19T19:29:59Z'), KABUL, 'fa'), '۲۹ حوت ۱۴۰۲');
  assert.equal(formatSolarHijri(at('2024-03-19T19:30:00Z'), KABUL, 'fa'), '۱ حمل ۱۴۰۳');
  const ps = formatSolarHijri(at('2024-03-20T12:00:00Z'), KABUL, 'ps');
  assert.ok(ps.startsWith('۱ '), ps);
  assert.ok(ps.endsWith(' ۱۴۰۳'), ps);
});

test('formatSolarHijri is consistent across calls (cached formatters per zone and language)', () => {
  const d = at('2024-03-26T20:00:00Z');
  assert.equal(formatSolarHijri(d, KABUL, 'fa'), '۸ حمل ۱۴۰۳');
  assert.equal(formatSolarHijri(d, 'UTC', 'fa'), '۷ حمل ۱۴۰۳');
  assert.equal(formatSolarHijri(d, KABUL, 'fa'), '۸ حمل ۱۴۰۳');
});

test('toIsoUtc writes UTC with seconds and no milliseconds', () => {
  assert.equal(toIsoUtc(at('2024-03-27T10:15:00Z')), '2024-03-27T10:15:00Z');
  assert.equal(toIsoUtc(at('2024-03-27T10:15:00.987Z')), '2024-03-27T10:15:00Z');
  assert.equal(toIsoUtc(at('2024-03-27T10:15:00+04:30')), '2024-03-27T05:45:00Z');
  assert.equal(toIsoUtc(parseIsoDate('2024-03-27T10:15:00+0430')!), '2024-03-27T05:45:00Z');
});

test('dates in a zone agree with luxon through offset changes, odd offsets and old zone history', () => {
  // dates.ts looks a zone's offset up once per UTC day (twice on a day it changes): the dates
  // must be what luxon gives for every instant, whatever the zone does that day.
  const zones = ['Asia/Kabul', 'UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Apia', 'Africa/Casablanca'];
  const instants: number[] = [];
  for (let ms = Date.UTC(1900, 0, 1); ms < Date.UTC(2040, 0, 1); ms += 7_777_777_777) instants.push(ms);
  // Minute by minute across transitions: US and EU DST, Lord Howe's half hour, Samoa skipping 30 December 2011.
  for (const base of [Date.UTC(2024, 2, 10, 7), Date.UTC(2024, 10, 3, 6), Date.UTC(2024, 2, 31, 1), Date.UTC(2024, 3, 6, 15), Date.UTC(2011, 11, 29, 10)]) {
    for (let minutes = -150; minutes <= 150; minutes += 5) instants.push(base + minutes * 60_000);
  }
  for (const zone of zones) {
    for (const ms of instants) {
      const date = new Date(ms);
      const local = inZone(date, zone);
      const where = `${zone} ${date.toISOString()}`;
      assert.deepEqual(dateParts(date, zone), { year: local.toFormat('yyyy'), month: local.toFormat('MM'), day: local.toFormat('dd') }, where);
      assert.equal(formatShortDate(date, zone), local.setLocale('en').toFormat('LLLL d, yyyy'), where);
      assert.equal(formatLongDate(date, zone), `${ordinal(local.day)} ${local.setLocale('en').toFormat('LLLL')}, ${local.year}`, where);
    }
  }
});
