import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeedDate } from '../../src/ingest/feed-dates.ts';

function iso(text: string): string | null {
  const date = parseFeedDate(text);
  return date === null ? null : date.toISOString();
}

test('RFC 822 with numeric offsets', () => {
  assert.equal(iso('Wed, 31 Jan 2018 07:26:05 +0000'), '2018-01-31T07:26:05.000Z');
  assert.equal(iso('Sun, 28 Jul 2024 19:00:10 -0300'), '2024-07-28T22:00:10.000Z');
  assert.equal(iso('Sat, 18 May 2019 10:52:50 +0300'), '2019-05-18T07:52:50.000Z');
  assert.equal(iso('Sun, 28 Oct 2018 13:48:00 +0100'), '2018-10-28T12:48:00.000Z');
  assert.equal(iso('Sat, 07 Mar 2020 10:00:00 -0000'), '2020-03-07T10:00:00.000Z');
  assert.equal(iso('Fri, 24 Apr 2020 22:03:00 +02:00'), '2020-04-24T20:03:00.000Z');
  assert.equal(iso('Mon, 1 Jan 2024 04:30:00 +0430'), '2024-01-01T00:00:00.000Z');
});

test('RFC 822 zone abbreviations are fixed offsets', () => {
  assert.equal(iso('Fri, 05 Jan 2018 16:51:00 GMT'), '2018-01-05T16:51:00.000Z');
  assert.equal(iso('Fri, 05 Jan 2018 16:51:00 UT'), '2018-01-05T16:51:00.000Z');
  assert.equal(iso('Fri, 05 Jan 2018 16:51:00 UTC'), '2018-01-05T16:51:00.000Z');
  assert.equal(iso('Fri, 05 Jan 2018 16:51:00 Z'), '2018-01-05T16:51:00.000Z');
  // The Washington Post's "EST" in August: the feed says EST, so -0500.
  assert.equal(iso('Tue, 21 Aug 2012 10:33:00 EST'), '2012-08-21T15:33:00.000Z');
  assert.equal(iso('Wed, 17 Jan 2018 15:50:00 EST'), '2018-01-17T20:50:00.000Z');
  assert.equal(iso('Tue, 21 Aug 2012 10:33:00 EDT'), '2012-08-21T14:33:00.000Z');
  assert.equal(iso('Tue, 21 Aug 2012 10:33:00 CST'), '2012-08-21T16:33:00.000Z');
  assert.equal(iso('Tue, 21 Aug 2012 10:33:00 MDT'), '2012-08-21T16:33:00.000Z');
  assert.equal(iso('Tue, 21 Aug 2012 10:33:00 PST'), '2012-08-21T18:33:00.000Z');
  assert.equal(iso('Tue, 21 Aug 2012 10:33:00 PDT'), '2012-08-21T17:33:00.000Z');
  assert.equal(iso('Tue, 21 Aug 2012 10:33:00 AFT'), '2012-08-21T06:03:00.000Z');
  assert.equal(iso('Tue, 21 Aug 2012 10:33:00 IST'), '2012-08-21T05:03:00.000Z');
  // RFC 2822: military zones other than Z are read as -0000.
  assert.equal(iso('Tue, 21 Aug 2012 10:33:00 A'), '2012-08-21T10:33:00.000Z');
});

test('RFC 822 variants: unpadded day, no weekday, no seconds, two-digit year, lower case, dashes', () => {
  assert.equal(iso('Tue, 7 Aug 2012 11:02:03 EST'), '2012-08-07T16:02:03.000Z');
  assert.equal(iso('7 Aug 2012 11:02:03 GMT'), '2012-08-07T11:02:03.000Z');
  assert.equal(iso('Tue, 07 Aug 2012 11:02 GMT'), '2012-08-07T11:02:00.000Z');
  assert.equal(iso('Tue, 07 Aug 12 11:02:03 GMT'), '2012-08-07T11:02:03.000Z');
  assert.equal(iso('Sat, 07 Aug 99 11:02:03 GMT'), '1999-08-07T11:02:03.000Z');
  assert.equal(iso('tue, 07 aug 2012 11:02:03 gmt'), '2012-08-07T11:02:03.000Z');
  assert.equal(iso('Tuesday, 07 August 2012 11:02:03 GMT'), '2012-08-07T11:02:03.000Z');
  assert.equal(iso('Tue 07 Aug 2012 11:02:03 +0000'), '2012-08-07T11:02:03.000Z');
  assert.equal(iso('07-Aug-2012 11:02:03 +0000'), '2012-08-07T11:02:03.000Z');
  assert.equal(iso('Tue, 07 Aug 2012'), '2012-08-07T00:00:00.000Z');
  // 7 September 2012 was a Friday: a wrong weekday is ignored, as most readers do.
  assert.equal(iso('Tue, 07 Sept 2012 11:02:03 GMT'), '2012-09-07T11:02:03.000Z');
});

test('a date without a zone is UTC', () => {
  assert.equal(iso('Tue, 07 Aug 2012 11:02:03'), '2012-08-07T11:02:03.000Z');
  assert.equal(iso('2012-08-07T11:02:03'), '2012-08-07T11:02:03.000Z');
  assert.equal(iso('2012-08-07 11:02:03'), '2012-08-07T11:02:03.000Z');
});

test('Portuguese day and month names (UOL)', () => {
  assert.equal(iso('Seg, 24 Set 2018 19:42:40 -0300'), '2018-09-24T22:42:40.000Z');
  assert.equal(iso('Sáb, 06 Out 2018 08:00:00 -0300'), '2018-10-06T11:00:00.000Z');
  assert.equal(iso('Qua, 05 Dez 2018 10:00:00 -0200'), '2018-12-05T12:00:00.000Z');
  assert.equal(iso('Dom, 03 Fev 2019 10:00:00 -0200'), '2019-02-03T12:00:00.000Z');
  assert.equal(iso('Ter, 30 Abr 2019 10:00:00 -0300'), '2019-04-30T13:00:00.000Z');
  assert.equal(iso('Qui, 15 Ago 2019 10:00:00 -0300'), '2019-08-15T13:00:00.000Z');
  assert.equal(iso('Sex, 01 Mai 2020 10:00:00 -0300'), '2020-05-01T13:00:00.000Z');
});

test('other languages feeds use: Spanish, French, German, Italian', () => {
  assert.equal(iso('lun, 14 ene 2019 10:00:00 +0100'), '2019-01-14T09:00:00.000Z');
  assert.equal(iso('mar, 17 dic 2019 10:00:00 +0100'), '2019-12-17T09:00:00.000Z');
  assert.equal(iso('lun., 3 févr. 2020 10:00:00 +0100'), '2020-02-03T09:00:00.000Z');
  assert.equal(iso('ven., 31 juil. 2020 10:00:00 +0200'), '2020-07-31T08:00:00.000Z');
  assert.equal(iso('Di, 03 Mär 2020 10:00:00 +0100'), '2020-03-03T09:00:00.000Z');
  assert.equal(iso('Mo, 05 Okt 2020 10:00:00 +0200'), '2020-10-05T08:00:00.000Z');
  assert.equal(iso('gio, 11 giu 2020 10:00:00 +0200'), '2020-06-11T08:00:00.000Z');
});

test('ISO 8601 / RFC 3339', () => {
  assert.equal(iso('2024-08-26T20:32:01-04:00'), '2024-08-27T00:32:01.000Z');
  assert.equal(iso('2019-05-03T19:21:28Z'), '2019-05-03T19:21:28.000Z');
  assert.equal(iso('2016-02-01T17:22:00+01:00'), '2016-02-01T16:22:00.000Z');
  assert.equal(iso('2023-12-10T18:11:41.123-05:00'), '2023-12-10T23:11:41.123Z');
  assert.equal(iso('2025-01-01T16:07:24+00:00'), '2025-01-01T16:07:24.000Z');
  assert.equal(iso('2019-05-18 10:58:46 +0300'), '2019-05-18T07:58:46.000Z');
  assert.equal(iso('2019-05-18T10:58:46+0300'), '2019-05-18T07:58:46.000Z');
  assert.equal(iso('2019-05-18'), '2019-05-18T00:00:00.000Z');
  assert.equal(iso('2019-05-18T10:58'), '2019-05-18T10:58:00.000Z');
});

test('month-first dates with AM/PM (News18) are UTC', () => {
  assert.equal(iso('Friday, January 29, 2021 04:42 PM'), '2021-01-29T16:42:00.000Z');
  assert.equal(iso('Friday, January 29, 2021 12:05 AM'), '2021-01-29T00:05:00.000Z');
  assert.equal(iso('Friday, January 29, 2021 12:05 PM'), '2021-01-29T12:05:00.000Z');
  assert.equal(iso('January 29, 2021 4:42 p.m.'), '2021-01-29T16:42:00.000Z');
  assert.equal(iso('Jan 29, 2021'), '2021-01-29T00:00:00.000Z');
  assert.equal(iso('January 29th, 2021 at 10:00 GMT'), '2021-01-29T10:00:00.000Z');
  assert.equal(iso('Friday, January 29, 2021 13:42 PM'), null);
});

test('asctime', () => {
  assert.equal(iso('Tue Aug  7 11:02:03 2012'), '2012-08-07T11:02:03.000Z');
});

test('a <time datetime> element inside pubDate (FDA/Drupal)', () => {
  assert.equal(
    iso('<time datetime="2019-05-03T19:21:28Z">Fri, 05/03/2019 - 15:21</time>'),
    '2019-05-03T19:21:28.000Z',
  );
  assert.equal(iso("<time datetime='2019-05-03T19:21:28+02:00'>x</time>"), '2019-05-03T17:21:28.000Z');
  // No usable attribute: the element's text is tried.
  assert.equal(iso('<time>Fri, 03 May 2019 19:21:28 GMT</time>'), '2019-05-03T19:21:28.000Z');
  assert.equal(iso('<time datetime="soon">Fri, 03 May 2019 19:21:28 GMT</time>'), '2019-05-03T19:21:28.000Z');
});

test('whitespace padding and inner runs of whitespace', () => {
  assert.equal(iso('\n      Wed, 15 May 2019 20:48:02 +0000\n    '), '2019-05-15T20:48:02.000Z');
  assert.equal(iso('  Wed,  15   May 2019\t20:48:02  +0000 '), '2019-05-15T20:48:02.000Z');
  assert.equal(iso('\n 2019-05-03T19:21:28Z \n'), '2019-05-03T19:21:28.000Z');
});

test('unreadable or impossible dates are null', () => {
  for (const text of [
    '',
    '   ',
    'yesterday',
    'Fri, 05/03/2019 - 15:21',
    'Mon, 31 Feb 2020 10:00:00 GMT',
    'Mon, 10 Foo 2020 10:00:00 GMT',
    'Mon, 10 Jan 2020 25:00:00 GMT',
    'Mon, 10 Jan 2020 10:61:00 GMT',
    'Mon, 10 Jan 2020 10:00:00 XYZQ',
    'Mon, 10 Jan 2020 10:00:00 +2500',
    '2020-13-01T00:00:00Z',
    '2020-02-30',
    'not a date at all, really',
    '1'.repeat(500),
  ]) {
    assert.equal(parseFeedDate(text), null, JSON.stringify(text));
  }
  assert.equal(parseFeedDate(undefined as unknown as string), null);
});

test('a leap second is kept as the 59th second', () => {
  assert.equal(iso('Sat, 31 Dec 2016 23:59:60 GMT'), '2016-12-31T23:59:59.000Z');
});

test('the result does not depend on the process time zone', () => {
  const before = process.env.TZ;
  try {
    process.env.TZ = 'America/Sao_Paulo';
    assert.equal(iso('Tue, 07 Aug 2012 11:02:03'), '2012-08-07T11:02:03.000Z');
    assert.equal(iso('Friday, January 29, 2021 04:42 PM'), '2021-01-29T16:42:00.000Z');
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
});
