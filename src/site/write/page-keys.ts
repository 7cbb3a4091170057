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
  // A post entry counts by its URL and its file's hash (an entry is made from its front
  // matter and the salt's site data).
  const postToken = (value: object): string | undefined => {
    const url = (value as { url?: unknown }).url;
    return typeof url === 'string' && index.byUrl.get(url) === value ? `"post ${url} ${(value as PostEntry<{ sourceHash: string }>).item.sourceHash}"` : undefined;
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
    const parts: string[] = [salt];
    inputText(inputs, postToken, parts);
    return hash('sha1', parts.join(''), 'base64url');
  };
}

/**
 * A page's inputs as text, as JSON.stringify writes them (Maps and Sets as their items, a
 * post entry as its token), into `parts`. By hand rather than with a replacer function:
 * JSON.stringify calls a replacer for every value, which took 4 s of a 50,000-post rebuild.
 */
function inputText(value: unknown, postToken: (value: object) => string | undefined, parts: string[]): void {
  switch (typeof value) {
    case 'string':
      parts.push(JSON.stringify(value));
      return;
    case 'number':
    case 'boolean':
      parts.push(JSON.stringify(value));
      return;
    case 'object':
      break;
    default:
      // undefined, functions and symbols, as JSON.stringify writes them in an array.
      parts.push('null');
      return;
  }
  if (value === null) {
    parts.push('null');
    return;
  }
  if (Array.isArray(value) || value instanceof Set || value instanceof Map) {
    parts.push('[');
    let first = true;
    for (const item of value as Iterable<unknown>) {
      if (!first) parts.push(',');
      first = false;
      inputText(item, postToken, parts);
    }
    parts.push(']');
    return;
  }
  const token = postToken(value);
  if (token !== undefined) {
    parts.push(token);
    return;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    inputText((value as { toJSON(): unknown }).toJSON(), postToken, parts);
    return;
  }
  parts.push('{');
  let first = true;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    if (!first) parts.push(',');
    first = false;
    parts.push(JSON.stringify(key), ':');
    inputText(item, postToken, parts);
  }
  parts.push('}');
}
