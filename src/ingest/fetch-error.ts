// The one error type of the fetch stage (its own module so the address guard can throw it too).

import { KhabarError } from '../model/errors.ts';

export type FetchErrorCode = 'blocked' | 'timeout' | 'http' | 'too-large' | 'redirects' | 'network' | 'protocol';

/**
 * Every failure of fetchFeed. Codes: blocked (SSRF guard), timeout (connect or total), http (a
 * non-2xx status, or a Retry-After we will not wait for), too-large, redirects (too many, or a
 * loop), network (DNS, refused, reset, TLS), protocol (not http/https, bad URL or Location,
 * malformed HTTP, an unknown or corrupt content-encoding).
 */
export class FetchError extends KhabarError {
  readonly code: FetchErrorCode;
  /** The URL being fetched when it failed (after redirects). */
  readonly url: string;
  /** The HTTP status, for code 'http'. */
  readonly status?: number;

  constructor(code: FetchErrorCode, message: string, details: { url: string; status?: number; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.url = details.url;
    if (details.status !== undefined) this.status = details.status;
  }
}
