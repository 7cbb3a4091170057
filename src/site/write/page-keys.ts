import { hash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { codeVersion } from '../code-version.ts';
import type { PageJob } from './types.ts';
import type { RelatedStories } from '../index/types.ts';
import type { PostEntry, SiteIndex } from '../index/types.ts';

/**
 * The page cache's keys (page-cache.ts): a hash of everything a page is made from, so that a
 * page whose key is unchanged would render to the same bytes.
 *
 * What a page is made from:
 * - the same for every page (the salt): the code and templates, the libraries (lock file),
 *   the Node version, site.yaml, categories.yaml, the publishing rules and the header;
 * - its own: its template, URL and data (a post's front matter and body; a list page's
 *   posts; a feed's or sitemap's entries), and what the templates look up by its URL in the
 *   site index (`byUrl`, `neighbours`, `related`).
 * A post or page's own data, and every post it shows (in a list or feed, or as a neighbour or
 * related story), count by the post's URL and its file's hash: all of an entry is made from
 * its file and the salt's site data. The sidebar, footer and shared "More … news" lists are
 * not in a page's own bytes (fragments.ts), so they are not in its key either.
 * tests/site/page-keys.test.ts checks that templates look nothing else up.
 */

/** The index lookups templates make by a page's URL (all of them: see the test above). */
export const KEYED_LOOKUPS = ['byUrl', 'neighbours', 'related'] as const;

/** src/site/: every module of the site is part of the code hashed into the salt. */
const here = new URL('..', import.meta.url);

function filesUnder(dir: string): URL[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
    .map((path) => pathToFileURL(path));
}

export interface SaltInputs {
  templatesDir: string;
  /** Everything else every page may show: site.yaml, categories, rules, the header. */
  shared: unknown;
}

/** The part of every key that is the same for all pages of a build. */
export function pageSalt({ templatesDir, shared }: SaltInputs): string {
  const code = codeVersion([
    ...filesUnder(fileURLToPath(here)),
    ...filesUnder(fileURLToPath(new URL('../model/', here))),
    ...filesUnder(templatesDir),
    new URL('../../package-lock.json', here),
  ]);
  return hash('sha1', `${code}\n${process.version}\n${JSON.stringify(shared)}`, 'base64url');
}

/** The key of each page of a build (`salt` from pageSalt). */
export function pageKeys(index: SiteIndex<{ sourceHash: string }>, salt: string): (job: PageJob) => string {
  // JSON of a page's inputs, with a post entry by its URL and its file's hash (an entry is
  // made from its front matter and the salt's site data); Maps and Sets by their items.
  const replacer = (_key: string, value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    if (value instanceof Map || value instanceof Set) return [...value];
    const url = (value as { url?: unknown }).url;
    if (typeof url === 'string' && index.byUrl.get(url) === value) return `post ${url} ${(value as PostEntry<{ sourceHash: string }>).item.sourceHash}`;
    return value;
  };
  // A shared "More … news" list is a fragment, not part of the page.
  const ownRelated = (rel: RelatedStories<unknown> | undefined): unknown => (rel?.latestShared ? { ...rel, latest: null } : rel);

  return (job) => {
    const inputs = [
      job.template,
      job.url,
      // A post's or page's data is made from its file.
      job.source ?? job.data,
      index.byUrl.get(job.url),
      index.neighbours.get(job.url),
      ownRelated(index.related.get(job.url)),
    ];
    return hash('sha1', salt + JSON.stringify(inputs, replacer), 'base64url');
  };
}
