import { parseAlias } from './aliases.ts';

/**
 * WordPress's numeric links (`/?p=123`, `/?page_id=7`) on a static host: every static host
 * serves the home page for `/?p=123` (GitHub Pages ignores `_redirects`, Cloudflare Pages does
 * not match query strings). So the build writes the map from old ids to new URLs, split in
 * files of a thousand ids (`/old-ids/p/0.json` holds 0–999), and the home page and the 404
 * page carry a small script that looks the id up and sends the reader on (see
 * templates/partials/old-id-redirect.njk). Without JavaScript the page still shows.
 */
export interface OldIdFile {
  /** "/old-ids/p/12.json" */
  url: string;
  /** `{"12345":"/2015/06/10/slug/",…}` */
  json: string;
}

export const OLD_IDS_FOLDER = '/old-ids/';
const NUMERIC = /^(p|page_id)=(\d{1,12})$/;

export function buildOldIds(targets: Iterable<{ url: string; aliases: readonly string[] }>): OldIdFile[] {
  const buckets = new Map<string, Map<number, string>>();
  for (const target of targets) {
    for (const alias of target.aliases) {
      const parsed = parseAlias(alias);
      if (!parsed.ok || parsed.value.path !== '/' || parsed.value.query === null) continue;
      const match = NUMERIC.exec(parsed.value.query);
      if (match === null) continue;
      const id = Number(match[2]);
      const url = `${OLD_IDS_FOLDER}${match[1]}/${Math.floor(id / 1000)}.json`;
      const bucket = buckets.get(url) ?? new Map<number, string>();
      bucket.set(id, encodeURI(target.url));
      buckets.set(url, bucket);
    }
  }
  return [...buckets]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([url, ids]) => ({ url, json: JSON.stringify(Object.fromEntries([...ids].sort(([a], [b]) => a - b))) }));
}
