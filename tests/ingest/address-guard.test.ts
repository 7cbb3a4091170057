import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { assertUrlAllowed, blockedReason, guardedLookup, isBlockedAddress } from '../../src/ingest/address-guard.ts';
import { FetchError } from '../../src/ingest/fetch.ts';

test('blocked addresses: private, loopback, link-local, CGNAT, multicast, unique-local, mapped, …', () => {
  const blocked = [
    '127.0.0.1', '127.255.255.254', '0.0.0.0', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1',
    '169.254.169.254', '100.64.0.1', '100.127.255.255', '224.0.0.1', '239.255.255.250', '255.255.255.255',
    '240.0.0.1', '192.0.2.1', '198.18.0.1',
    '::', '::1', 'fe80::1', 'fc00::1', 'fd12:3456:789a::1', 'ff02::1', 'fec0::1', '2001:db8::1',
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:a9fe:a9fe', '::127.0.0.1',
    '64:ff9b::7f00:1', '64:ff9b::10.1.2.3', '2002:7f00:1::', '2002:c0a8:101::1', '[::1]', 'fe80::1%eth0',
  ];
  for (const ip of blocked) assert.equal(isBlockedAddress(ip), true, ip);
});

test('public addresses are allowed', () => {
  const allowed = [
    '8.8.8.8', '1.1.1.1', '93.184.215.14', '172.32.0.1', '100.128.0.1', '169.253.255.255', '11.0.0.1',
    '2606:4700:4700::1111', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1',
  ];
  for (const ip of allowed) assert.equal(isBlockedAddress(ip), false, ip);
});

test('non-IP input is refused (fails closed) and reasons name the range', () => {
  assert.equal(isBlockedAddress('example.com'), true);
  assert.equal(isBlockedAddress(''), true);
  assert.equal(blockedReason('100.64.1.1'), 'carrier-grade NAT');
  assert.equal(blockedReason('169.254.169.254'), 'link-local');
  assert.equal(blockedReason('fd00::1'), 'unique-local');
  assert.equal(blockedReason('64:ff9b::a00:1'), 'private (embedded in IPv6)');
});

function refusal(url: string, allowPrivate = false): FetchError | undefined {
  try {
    assertUrlAllowed(new URL(url), allowPrivate);
    return undefined;
  } catch (err) {
    assert.ok(err instanceof FetchError);
    return err;
  }
}

test('assertUrlAllowed refuses every spelling of a private literal', () => {
  for (const url of [
    'http://127.0.0.1/', 'http://[::ffff:127.0.0.1]/', 'http://2130706433/', 'http://0x7f.1/', 'http://0177.0.0.1/',
    'http://127.1/', 'http://[::1]/', 'https://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/',
    'http://192.168.1.1/', 'http://0/', 'http://[fd00::1]:8080/', 'http://localhost/', 'http://LOCALHOST./',
    'http://feeds.localhost/',
  ]) {
    const error = refusal(url);
    assert.equal(error?.code, 'blocked', url);
    // The message names the URL as parsed (so `[::ffff:127.0.0.1]` appears as `[::ffff:7f00:1]`).
    assert.ok(error.message.includes(new URL(url).href), `message names the URL: ${error.message}`);
  }
  assert.match(refusal('http://2130706433/feed.xml')!.message, /127\.0\.0\.1 is a loopback address/);
});

test('assertUrlAllowed allows public hosts, and private ones when asked to', () => {
  assert.equal(refusal('https://tolonews.com/rss.xml'), undefined);
  assert.equal(refusal('http://8.8.8.8/feed'), undefined);
  assert.equal(refusal('http://[2606:4700:4700::1111]/'), undefined);
  assert.equal(refusal('http://127.0.0.1:8080/feed.xml', true), undefined);
  assert.equal(refusal('http://localhost/', true), undefined);
});

test('assertUrlAllowed refuses schemes other than http and https, even with private allowed', () => {
  for (const url of ['file:///etc/passwd', 'ftp://example.com/feed.xml', 'data:text/xml,<rss/>', 'gopher://example.com/', 'javascript:alert(1)']) {
    assert.equal(refusal(url, true)?.code, 'protocol', url);
  }
});

function lookup(hostname: string, all: boolean): Promise<{ err: NodeJS.ErrnoException | null; address: string | LookupAddress[] }> {
  return new Promise((resolve) => guardedLookup(hostname, { all }, (err, address) => resolve({ err, address })));
}

test('guardedLookup refuses names that resolve to blocked addresses (localhost via the system resolver)', async () => {
  for (const all of [false, true]) {
    const { err } = await lookup('localhost', all);
    assert.ok(err instanceof FetchError, 'a FetchError');
    assert.equal(err.code, 'blocked');
    assert.match(err.message, /localhost: it resolves to (127\.0\.0\.1|::1), a loopback address/);
  }
});

test('guardedLookup passes public addresses through, in both callback forms', async () => {
  // An IP literal resolves to itself without DNS, so this runs offline.
  const one = await lookup('8.8.8.8', false);
  assert.equal(one.err, null);
  assert.equal(one.address, '8.8.8.8');
  const all = await lookup('8.8.8.8', true);
  assert.equal(all.err, null);
  assert.deepEqual(all.address, [{ address: '8.8.8.8', family: 4 }]);
});

test('guardedLookup reports resolution failures as they are', async () => {
  const { err } = await lookup('no-such-host.invalid', false);
  assert.ok(err);
  assert.ok(!(err instanceof FetchError));
  assert.match(String(err.code), /ENOTFOUND|EAI_AGAIN/);
});
