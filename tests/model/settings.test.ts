import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KhabarError } from '../../src/model/errors.ts';
import { nowOf, readSettings, SettingsError, SITEMAP_LIMIT } from '../../src/model/settings.ts';

function refusal(env: Record<string, string>): string {
  try {
    readSettings(env);
  } catch (error) {
    assert.ok(error instanceof SettingsError && error instanceof KhabarError, String(error));
    return error.message;
  }
  return assert.fail(`expected ${JSON.stringify(env)} to be refused`);
}

test('defaults when nothing is set (an empty variable is unset)', () => {
  const settings = readSettings({ KHABAR_CACHE: '', KHABAR_NOW: '' });
  assert.deepEqual(settings, {
    fixedNow: null,
    contentDir: 'content',
    outputDir: '_site',
    cacheDir: null,
    verifyCache: false,
    sitemapLimit: SITEMAP_LIMIT,
    searchShardSize: null,
    searchWorkers: null,
    reportFile: 'ingest-report.json',
    botName: 'khabar-bot',
    botEmail: 'khabar-bot@users.noreply.github.com',
    port: 8080,
  });
});

test('every variable is read', () => {
  const settings = readSettings({
    KHABAR_NOW: '2024-03-27T14:45:00+04:30',
    KHABAR_CONTENT: 'site/content',
    KHABAR_OUTPUT: 'out',
    KHABAR_CACHE: '.cache/khabar',
    KHABAR_CACHE_VERIFY: '1',
    KHABAR_SITEMAP_LIMIT: '7',
    KHABAR_SEARCH_SHARD_SIZE: '500',
    KHABAR_SEARCH_WORKERS: '1',
    KHABAR_REPORT: 'r.json',
    KHABAR_BOT_NAME: 'Bot',
    KHABAR_BOT_EMAIL: 'bot@example.org',
    PORT: '9000',
  });
  assert.equal(settings.fixedNow?.toISOString(), '2024-03-27T10:15:00.000Z');
  assert.equal(nowOf(settings).toISOString(), '2024-03-27T10:15:00.000Z');
  assert.deepEqual(
    { ...settings, fixedNow: null },
    {
      fixedNow: null,
      contentDir: 'site/content',
      outputDir: 'out',
      cacheDir: '.cache/khabar',
      verifyCache: true,
      sitemapLimit: 7,
      searchShardSize: 500,
      searchWorkers: 1,
      reportFile: 'r.json',
      botName: 'Bot',
      botEmail: 'bot@example.org',
      port: 9000,
    },
  );
});

test('a bad value names the variable, the value and what is allowed', () => {
  assert.equal(
    refusal({ KHABAR_SITEMAP_LIMIT: '10k' }),
    'KHABAR_SITEMAP_LIMIT="10k" is not allowed: expected a whole number from 1 to 50000',
  );
  assert.match(refusal({ KHABAR_SITEMAP_LIMIT: '0' }), /^KHABAR_SITEMAP_LIMIT="0" is not allowed/);
  assert.match(refusal({ KHABAR_SITEMAP_LIMIT: '50001' }), /^KHABAR_SITEMAP_LIMIT="50001"/);
  assert.match(refusal({ KHABAR_SITEMAP_LIMIT: '1.5' }), /^KHABAR_SITEMAP_LIMIT="1.5"/);
  assert.match(refusal({ KHABAR_NOW: '2024-03-27 10:15' }), /^KHABAR_NOW="2024-03-27 10:15" is not allowed: expected an ISO 8601 date with offset or Z/);
  assert.match(refusal({ KHABAR_NOW: '2024-03-27T10:15:00' }), /^KHABAR_NOW=/);
  assert.match(refusal({ KHABAR_CACHE_VERIFY: 'yes' }), /^KHABAR_CACHE_VERIFY="yes" is not allowed: expected 1 or 0$/);
  assert.match(refusal({ KHABAR_SEARCH_WORKERS: '-1' }), /^KHABAR_SEARCH_WORKERS="-1"/);
  assert.match(refusal({ KHABAR_SEARCH_WORKERS: '65' }), /^KHABAR_SEARCH_WORKERS="65"/);
  assert.equal(readSettings({ KHABAR_SEARCH_WORKERS: '0' }).searchWorkers, 0);
  assert.match(refusal({ KHABAR_SEARCH_SHARD_SIZE: 'many' }), /^KHABAR_SEARCH_SHARD_SIZE="many"/);
  assert.match(refusal({ KHABAR_BOT_EMAIL: 'not an address' }), /^KHABAR_BOT_EMAIL=/);
  assert.match(refusal({ KHABAR_BOT_NAME: 'x <y>' }), /^KHABAR_BOT_NAME=/);
  assert.match(refusal({ PORT: '80800' }), /^PORT="80800" is not allowed: expected a whole number from 1 to 65535$/);
});

test('without a fixed clock, now is the real one', () => {
  const before = Date.now();
  const now = nowOf(readSettings({})).getTime();
  assert.ok(now >= before && now <= Date.now() + 1);
});

test('nowOf hands out a copy: a caller cannot move the fixed clock', () => {
  const settings = readSettings({ KHABAR_NOW: '2024-03-27T10:15:00Z' });
  nowOf(settings).setUTCFullYear(1999);
  assert.equal(nowOf(settings).toISOString(), '2024-03-27T10:15:00.000Z');
});
