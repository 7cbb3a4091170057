import { test } from 'node:test';
import assert from 'node:assert/strict';
import { now } from '../../src/model/clock.ts';

test('KHABAR_NOW fixes the clock', () => {
  assert.equal(now({ KHABAR_NOW: '2024-03-27T10:15:00Z' }).toISOString(), '2024-03-27T10:15:00.000Z');
  assert.equal(now({ KHABAR_NOW: '2024-03-27T10:15:00+04:30' }).toISOString(), '2024-03-27T05:45:00.000Z');
  assert.equal(now({ KHABAR_NOW: '2024-03-27T10:15:00.250Z' }).getTime(), Date.parse('2024-03-27T10:15:00.250Z'));
});

test('each call returns a fresh Date (callers may not mutate a shared one)', () => {
  const env = { KHABAR_NOW: '2024-03-27T10:15:00Z' };
  const a = now(env);
  a.setUTCFullYear(1999);
  assert.equal(now(env).toISOString(), '2024-03-27T10:15:00.000Z');
});

test('unset or empty KHABAR_NOW gives the real clock', () => {
  for (const env of [{}, { KHABAR_NOW: '' }]) {
    const before = Date.now();
    const value = now(env).getTime();
    const after = Date.now();
    assert.ok(value >= before && value <= after, `${value} within [${before}, ${after}]`);
  }
});

test('an env object other than process.env is honoured (process.env is not read)', () => {
  const saved = process.env.KHABAR_NOW;
  assert.equal(now({ KHABAR_NOW: '2001-02-03T04:05:06Z' }).toISOString(), '2001-02-03T04:05:06.000Z');
  assert.equal(process.env.KHABAR_NOW, saved);
});

test('an invalid KHABAR_NOW is an error that quotes the value', () => {
  assert.throws(() => now({ KHABAR_NOW: 'garbage' }), {
    message: 'KHABAR_NOW is not an ISO 8601 date with offset or Z (2024-03-27T10:15:00Z): "garbage"',
  });
  assert.throws(() => now({ KHABAR_NOW: '2024-13-45T99:00:00Z' }), /KHABAR_NOW is not an ISO 8601 date/);
});

test('KHABAR_NOW without an offset is refused (it would depend on the machine time zone)', {
}, () => {
  assert.throws(() => now({ KHABAR_NOW: '2024-03-27T10:15:00' }), /KHABAR_NOW/);
});

test('KHABAR_NOW that is not ISO 8601 is refused', {
}, () => {
  assert.throws(() => now({ KHABAR_NOW: 'March 27, 2024' }), /KHABAR_NOW/);
});
