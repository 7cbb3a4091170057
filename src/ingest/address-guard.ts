/**
 * SSRF guard for the fetch stage: refuses URLs whose host is, or resolves to, an address
 * that is not on the public internet (private, loopback, link-local, CGNAT, multicast, …).
 *
 * Two checks, because Node calls a `lookup` hook only for host *names*:
 * - `assertUrlAllowed` checks the scheme and literal IP hosts (in whatever spelling the URL
 *   had: the WHATWG parser has already turned `2130706433`, `0x7f.1`, `0177.0.0.1` into `127.0.0.1`);
 * - `guardedLookup`, passed to http.request, resolves names and refuses them when any address is
 *   blocked, so the check and the connection use the same answer (no DNS-rebinding window).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { FetchError } from './fetch-error.ts';

/** [network, prefix length, what it is]; IPv4-mapped IPv6 is matched against the IPv4 rows by BlockList. */
const RANGES: readonly (readonly [string, number, string])[] = [
  ['0.0.0.0', 8, 'unspecified ("this network")'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignment'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, '6to4 relay'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'], // includes 255.255.255.255 (broadcast)
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['::', 96, 'IPv4-compatible (deprecated)'],
  ['64:ff9b:1::', 48, 'local NAT64'],
  ['100::', 64, 'discard-only'],
  ['2001::', 32, 'Teredo'],
  ['2001:db8::', 32, 'documentation'],
  ['fc00::', 7, 'unique-local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local (deprecated)'],
  ['ff00::', 8, 'multicast'],
];

const LISTS = RANGES.map(([network, prefix, label]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, network.includes(':') ? 'ipv6' : 'ipv4');
  return { list, label };
});

/** IPv6 prefixes that embed an IPv4 address (NAT64 64:ff9b::/96 in the last 32 bits, 6to4 2002::/16 in bits 16–47). */
function embeddedIPv4(hextets: number[]): string | undefined {
  const quad = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const [h0 = 0, h1 = 0, h2 = 0, h3 = 0, h4 = 0, h5 = 0, h6 = 0, h7 = 0] = hextets;
  if (h0 === 0x64 && h1 === 0xff9b && h2 === 0 && h3 === 0 && h4 === 0 && h5 === 0) return quad(h6, h7);
  if (h0 === 0x2002) return quad(h1, h2);
  return undefined;
}

/** Expands an IPv6 address (already validated by isIP) into its eight 16-bit groups. */
function ipv6Hextets(ip: string): number[] {
  let text = ip;
  const dotted = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(2).map(Number) as [number, number, number, number];
    text = `${dotted[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((h) => parseInt(h, 16)));
  const [head = '', tail] = text.split('::');
  if (tail === undefined) return parse(head);
  const left = parse(head);
  const right = parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** Why `ip` is refused (e.g. "loopback"), or undefined if it is a public address. Non-IP input is refused. */
export function blockedReason(ip: string): string | undefined {
  const address = ip.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, ''); // URL brackets, IPv6 zone id
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const { list, label } of LISTS) if (list.check(address, type)) return label;
  if (family === 6) {
    const inner = embeddedIPv4(ipv6Hextets(address));
    const reason = inner === undefined ? undefined : blockedReason(inner);
    if (reason !== undefined) return `${reason} (embedded in IPv6)`;
  }
  return undefined;
}

/** True when the address must not be fetched from (fails closed: anything that is not an IP is blocked). */
export function isBlockedAddress(ip: string): boolean {
  return blockedReason(ip) !== undefined;
}

/** Throws FetchError 'protocol' unless the URL is http: or https: (no file:, ftp:, data:, …). */
export function assertHttpUrl(url: URL): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('protocol', `refusing ${url.href}: only http: and https: URLs can be fetched`, { url: url.href });
  }
}

/**
 * Throws FetchError when the URL may not be fetched: code 'protocol' for a scheme other than
 * http/https, code 'blocked' for a blocked literal IP or a `localhost` name (unless allowPrivate).
 * Host names are checked at connection time by `guardedLookup`.
 */
export function assertUrlAllowed(url: URL, allowPrivate: boolean): void {
  assertHttpUrl(url);
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) !== 0) {
    const reason = blockedReason(host);
    if (reason !== undefined) throw blocked(url.href, host, reason);
  } else if (/(^|\.)localhost\.?$/i.test(host)) {
    // RFC 6761: localhost names are loopback whatever DNS says; refuse without resolving.
    throw blocked(url.href, host, 'loopback');
  }
}

function blocked(url: string, host: string, reason: string): FetchError {
  return new FetchError(
    'blocked',
    `refusing ${url}: ${host} is a ${reason} address, not a public one (allow it with --allow-private-network)`,
    { url },
  );
}

/**
 * A `lookup` for http.request / net.connect: dns.lookup with all addresses, failing with
 * FetchError 'blocked' if any of them is blocked (a name with one private address is refused
 * rather than hoping the connection picks a public one).
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
    if (err) {
      callback(err, '', 0);
      return;
    }
    const bad = addresses.find((entry) => isBlockedAddress(entry.address));
    const first = addresses[0];
    if (bad !== undefined) {
      const reason = blockedReason(bad.address) ?? 'blocked';
      const error = new FetchError(
        'blocked',
        `refusing ${hostname}: it resolves to ${bad.address}, a ${reason} address (allow it with --allow-private-network)`,
        { url: hostname },
      );
      callback(error as NodeJS.ErrnoException, '', 0);
    } else if (first === undefined) {
      const error: NodeJS.ErrnoException = new Error(`no addresses for ${hostname}`);
      error.code = 'ENOTFOUND';
      callback(error, '', 0);
    } else if (options.all === true) {
      callback(null, addresses);
    } else {
      callback(null, first.address, first.family);
    }
  });
};
