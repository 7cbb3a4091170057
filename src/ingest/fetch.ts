/**
 * The fetch stage: one feed URL in, its bytes (or "not modified") out, over node:http/https.
 * Bounded in every direction a hostile or broken server could push: time, size (after
 * decompression), redirects, retries and the addresses it may reach (address-guard.ts).
 */
import http, { type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { assertHttpUrl, assertUrlAllowed, guardedLookup } from './address-guard.ts';
import type { FetchResult } from './types.ts';
import { FetchError, type FetchErrorCode } from './fetch-error.ts';

export { FetchError, type FetchErrorCode };


export interface FetchOptions {
  /** e.g. userAgentFor('0.1.0', 'https://site.example') */
  userAgent?: string;
  /** Validators from the previous run: sent as If-None-Match / If-Modified-Since. */
  etag?: string;
  lastModified?: string;
  /** DNS + TCP (+ TLS) of one request. Default 10 s. */
  connectTimeoutMs?: number;
  /** The whole call: every redirect, retry and back-off included. Default 30 s. */
  totalTimeoutMs?: number;
  /** Cap on the body after decompression. Default 15 MiB. */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Further attempts after a network error, 5xx or 429. Default 2. */
  retries?: number;
  /** First back-off delay; doubles on each retry. Default 500 ms. */
  retryBaseDelayMs?: number;
  /** Longest Retry-After we wait for; a longer one fails at once. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Allow private, loopback, link-local, … addresses (tests, intranets). Default false. */
  allowPrivateNetwork?: boolean;
  /** Aborting rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Replaces the check run on every URL before connecting (the first and each redirect target):
   * by default `assertUrlAllowed(url, allowPrivateNetwork)`. The http/https check always runs, and
   * names are still checked when resolved unless allowPrivateNetwork. For tests and custom policies.
   */
  checkUrl?: (url: URL) => void;
}

const MiB = 1024 * 1024;

const FETCH_DEFAULTS = {
  userAgent: 'Khabar',
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  maxBytes: 15 * MiB,
  maxRedirects: 5,
  retries: 2,
  retryBaseDelayMs: 500,
  maxRetryAfterMs: 60_000,
  allowPrivateNetwork: false,
} as const;

type Settings = Required<Omit<FetchOptions, 'etag' | 'lastModified' | 'signal' | 'checkUrl'>>;

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml, application/feed+json, ' +
  'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The User-Agent a Khabar site sends: `Khabar/0.1.0 (+https://site.example)`. */
export function userAgentFor(version: string, siteUrl?: string): string {
  return siteUrl ? `Khabar/${version} (+${siteUrl})` : `Khabar/${version}`;
}

export async function fetchFeed(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const settings: Settings = {
    userAgent: options.userAgent ?? FETCH_DEFAULTS.userAgent,
    connectTimeoutMs: options.connectTimeoutMs ?? FETCH_DEFAULTS.connectTimeoutMs,
    totalTimeoutMs: options.totalTimeoutMs ?? FETCH_DEFAULTS.totalTimeoutMs,
    maxBytes: options.maxBytes ?? FETCH_DEFAULTS.maxBytes,
    maxRedirects: options.maxRedirects ?? FETCH_DEFAULTS.maxRedirects,
    retries: options.retries ?? FETCH_DEFAULTS.retries,
    retryBaseDelayMs: options.retryBaseDelayMs ?? FETCH_DEFAULTS.retryBaseDelayMs,
    maxRetryAfterMs: options.maxRetryAfterMs ?? FETCH_DEFAULTS.maxRetryAfterMs,
    allowPrivateNetwork: options.allowPrivateNetwork ?? FETCH_DEFAULTS.allowPrivateNetwork,
  };
  let start: URL;
  try {
    start = new URL(url);
  } catch {
    throw new FetchError('protocol', `not a valid URL: ${url}`, { url });
  }
  options.signal?.throwIfAborted();

  // One signal for the whole call: the total deadline or the caller's abort, whichever comes first.
  const controller = new AbortController();
  const deadline = Date.now() + settings.totalTimeoutMs;
  const timer = setTimeout(() => {
    const message = `timed out after ${formatDuration(settings.totalTimeoutMs)} (total) fetching ${url}`;
    controller.abort(new FetchError('timeout', message, { url }));
  }, settings.totalTimeoutMs);
  const forward = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', forward, { once: true });
  try {
    return await run(start, options, settings, deadline, controller.signal);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', forward);
  }
}

type Outcome =
  | { kind: 'done'; result: FetchResult }
  | { kind: 'redirect'; location: string }
  | { kind: 'retry'; error: FetchError; retryAfterMs?: number };

async function run(start: URL, options: FetchOptions, settings: Settings, deadline: number, signal: AbortSignal): Promise<FetchResult> {
  const chain = [start.href];
  let current = start;
  let retried = 0; // retries used so far, across all hops
  const backoff = () => settings.retryBaseDelayMs * 2 ** retried;
  const checkUrl = options.checkUrl ?? ((url: URL) => assertUrlAllowed(url, settings.allowPrivateNetwork));
  for (;;) {
    if (signal.aborted) throw signal.reason;
    assertHttpUrl(current);
    checkUrl(current);
    let outcome: Outcome;
    try {
      outcome = await attempt(current, options, settings, signal);
    } catch (err) {
      if (signal.aborted) throw signal.reason;
      const error = toFetchError(err, current.href);
      const retryable = error.code === 'network' || error.code === 'timeout';
      if (!retryable) throw error;
      if (retried >= settings.retries) throw withAttempts(error, retried + 1);
      await sleep(backoff(), signal);
      retried++;
      continue;
    }

    if (outcome.kind === 'done') return outcome.result;

    if (outcome.kind === 'redirect') {
      let next: URL;
      try {
        next = new URL(outcome.location, current);
      } catch {
        throw new FetchError('protocol', `invalid redirect Location "${outcome.location}" from ${current.href}`, { url: current.href });
      }
      if (chain.includes(next.href)) {
        throw new FetchError('redirects', `redirect loop: ${[...chain, next.href].join(' → ')}`, { url: next.href });
      }
      if (chain.length > settings.maxRedirects) {
        const message = `more than ${settings.maxRedirects} redirects fetching ${start.href} (last: ${next.href})`;
        throw new FetchError('redirects', message, { url: next.href });
      }
      chain.push(next.href);
      current = next;
      continue;
    }

    // A 5xx or 429: retry after the server's Retry-After, else after the back-off.
    const { error, retryAfterMs } = outcome;
    if (retried >= settings.retries) throw withAttempts(error, retried + 1);
    if (retryAfterMs !== undefined) {
      const tooLong =
        retryAfterMs > settings.maxRetryAfterMs
          ? `the ${formatDuration(settings.maxRetryAfterMs)} we wait at most`
          : retryAfterMs > deadline - Date.now()
            ? `the time left before the ${formatDuration(settings.totalTimeoutMs)} total timeout`
            : undefined;
      if (tooLong !== undefined) {
        const message = `${error.message}: the server asks to retry after ${formatDuration(retryAfterMs)}, longer than ${tooLong}`;
        throw new FetchError('http', message, { url: error.url, ...(error.status === undefined ? {} : { status: error.status }) });
      }
    }
    await sleep(retryAfterMs ?? backoff(), signal);
    retried++;
  }
}

/** One request to one URL: the body for a 2xx, else what to do next. */
async function attempt(url: URL, options: FetchOptions, settings: Settings, signal: AbortSignal): Promise<Outcome> {
  const { req, res } = await send(url, options, settings, signal);
  try {
    const status = res.statusCode ?? 0;
    if (status >= 200 && status < 300) {
      const body = await readBody(res, url.href, settings.maxBytes, signal);
      const result: FetchResult = { status: 'ok', url: url.href, body };
      const { etag, 'content-type': contentType, 'last-modified': lastModified } = res.headers;
      if (contentType !== undefined) result.contentType = contentType;
      if (etag !== undefined) result.etag = etag;
      if (lastModified !== undefined) result.lastModified = lastModified;
      return { kind: 'done', result };
    }
    if (status === 304) return { kind: 'done', result: { status: 'not-modified', url: url.href } };
    const error = new FetchError('http', `HTTP ${status} ${res.statusMessage ?? ''}`.trimEnd() + ` from ${url.href}`, {
      url: url.href,
      status,
    });
    if (REDIRECTS.has(status)) {
      const location = res.headers.location;
      if (location === undefined || location === '') {
        throw new FetchError('http', `${error.message} without a Location header`, { url: url.href, status });
      }
      return { kind: 'redirect', location };
    }
    if (status === 429 || status === 503) {
      const retryAfterMs = parseRetryAfter(res.headers['retry-after']);
      return retryAfterMs === undefined ? { kind: 'retry', error } : { kind: 'retry', error, retryAfterMs };
    }
    if (status >= 500) return { kind: 'retry', error };
    throw error;
  } finally {
    // We never reuse connections (agent: false): whatever was not read is dropped with the socket.
    res.destroy();
    req.destroy();
  }
}

/** Sends the GET and resolves on the response headers; the connect timeout covers DNS, TCP and TLS. */
function send(url: URL, options: FetchOptions, settings: Settings, signal: AbortSignal): Promise<{ req: ClientRequest; res: IncomingMessage }> {
  const headers: OutgoingHttpHeaders = {
    'user-agent': settings.userAgent,
    accept: ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  const secure = url.protocol === 'https:';

  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(url, {
      method: 'GET',
      headers,
      agent: false,
      // Node skips `lookup` for literal IPs: those were checked by assertUrlAllowed.
      ...(settings.allowPrivateNetwork ? {} : { lookup: guardedLookup }),
    });
    const connectTimer = setTimeout(() => {
      const message = `could not connect to ${url.host} within ${formatDuration(settings.connectTimeoutMs)} fetching ${url.href}`;
      req.destroy(new FetchError('timeout', message, { url: url.href }));
    }, settings.connectTimeoutMs);
    const onAbort = () => req.destroy(signal.reason);
    const settle = () => {
      clearTimeout(connectTimer);
      signal.removeEventListener('abort', onAbort);
    };
    req.on('socket', (socket) => socket.once(secure ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer)));
    req.on('response', (res) => {
      settle();
      resolve({ req, res });
    });
    // Stays attached for the life of the request, so a late socket error is never unhandled.
    req.on('error', (err) => {
      settle();
      reject(err);
    });
    signal.addEventListener('abort', onAbort, { once: true });
    req.end();
  });
}

/** Reads the body through the content-encoding's decompressor, failing as soon as it passes maxBytes. */
async function readBody(res: IncomingMessage, url: string, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const encoding = (res.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const decoder = decompressor(encoding);
  if (decoder === null) throw new FetchError('protocol', `unsupported content-encoding "${encoding}" from ${url}`, { url });
  const tooLarge = () => new FetchError('too-large', `body larger than ${formatBytes(maxBytes)} from ${url}`, { url });
  const declared = Number(res.headers['content-length']);
  if (decoder === undefined && declared > maxBytes) throw tooLarge();

  const chunks: Buffer[] = [];
  let size = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) return callback(tooLarge());
      chunks.push(chunk);
      callback();
    },
  });
  try {
    if (decoder === undefined) await pipeline(res, sink, { signal });
    else await pipeline(res, decoder, sink, { signal });
  } catch (err) {
    if (signal.aborted) throw signal.reason;
    if (err instanceof FetchError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code.startsWith('ERR__ERROR_FORMAT')) {
      throw new FetchError('protocol', `could not decode the ${encoding} body from ${url}: ${(err as Error).message}`, { url, cause: err });
    }
    throw new FetchError('network', `connection lost while reading the body from ${url} (${code || (err as Error).message})`, { url, cause: err });
  }
  return Buffer.concat(chunks, size);
}

/** undefined: no decoding needed; null: an encoding we do not support. */
function decompressor(encoding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined | null {
  switch (encoding) {
    case 'identity':
    case '':
      return undefined;
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed',
};

function toFetchError(err: unknown, url: string): FetchError {
  if (err instanceof FetchError) return err;
  const error = err instanceof Error ? (err as NodeJS.ErrnoException) : new Error(String(err));
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code.startsWith('HPE_') || code.startsWith('ERR_INVALID')) {
    return new FetchError('protocol', `invalid HTTP exchange with ${url}: ${error.message} (${code})`, { url, cause: err });
  }
  const what = NETWORK_CODES[code] ?? error.message;
  return new FetchError('network', `could not fetch ${url}: ${what}${code && !what.includes(code) ? ` (${code})` : ''}`, { url, cause: err });
}

function withAttempts(error: FetchError, attempts: number): FetchError {
  if (attempts < 2) return error;
  return new FetchError(error.code, `${error.message} (gave up after ${attempts} attempts)`, {
    url: error.url,
    cause: error.cause,
    ...(error.status === undefined ? {} : { status: error.status }),
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${+(ms / 1000).toFixed(2)} s`;
}

function formatBytes(bytes: number): string {
  if (bytes >= MiB) return `${+(bytes / MiB).toFixed(2)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(2)} KiB`;
  return `${bytes} bytes`;
}
