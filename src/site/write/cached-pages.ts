import type { SplicedFragments } from '../render/fragments.ts';
import type { PageCache } from './page-cache.ts';
import { SCRATCH_BYTES } from './page-writer.ts';
import type { PageJob } from './types.ts';

/**
 * A page's bytes from the page cache when its key is unchanged, else rendered (and kept in
 * the cache for the next build); in both cases with the shared fragments spliced in
 * afterwards, so a page stays cached when only the sidebar or footer changes.
 *
 * With `verify`, pages found in the cache are rendered too and compared: a page whose cached
 * bytes differ from its rendering is written as rendered and its URL is listed in
 * `mismatches` (the build then fails: the key missed something the page is made from).
 */
export interface CachedPageBytes {
  pageBytes(job: PageJob, render: () => string, scratch: Buffer): Buffer;
  /** Pages whose cached bytes differed from their rendering (verify only). */
  mismatches: string[];
}

export function cachedPageBytes(cache: PageCache, keyOf: (job: PageJob) => string, fragments: SplicedFragments, verify = false): CachedPageBytes {
  // A page's own bytes are spliced into the scratch buffer at once: one buffer serves all pages.
  const own = Buffer.allocUnsafe(SCRATCH_BYTES);
  const fresh = Buffer.allocUnsafe(SCRATCH_BYTES);
  const encode = (html: string, into: Buffer): Buffer => (3 * html.length <= into.length ? into.subarray(0, into.write(html)) : Buffer.from(html));
  const mismatches: string[] = [];
  return {
    mismatches,
    pageBytes(job, render, scratch) {
      const key = keyOf(job);
      const cached = cache.get(job.url, key, own);
      if (cached !== undefined && !verify) return fragments.spliceBytes(cached, scratch);
      const rendered = encode(render(), cached === undefined ? own : fresh);
      if (cached === undefined) cache.put(job.url, key, rendered);
      else if (!rendered.equals(cached)) mismatches.push(job.url);
      return fragments.spliceBytes(rendered, scratch);
    },
  };
}
