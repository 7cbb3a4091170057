import type { Problem } from '../../model/errors.ts';
import { FIXED_URLS } from '../page-types.ts';

/**
 * The `aliases:` front matter field: old, site-relative URLs of a post or page (`/old-slug/`,
 * `/?p=123`) that redirect to its URL. Each alias whose path can be a file gets a small HTML
 * redirect page (`/old-slug/` → `old-slug/index.html`); every alias gets a line in
 * `/_redirects` (Netlify and Cloudflare Pages). The content check refuses aliases that are not
 * clean paths, that name a URL the site makes itself, or that collide with a page or with
 * another alias, so that `npm run check` reports them and the build never writes one file twice.
 */

export interface ParsedAlias {
  /** As written in the front matter. */
  alias: string;
  /** The path, percent-encoded, as a server sees it ("/old-slug/", "/%D8%AE%D8%A8%D8%B1/"). */
  path: string;
  /** The query string without "?", or null. */
  query: string | null;
  /** The file the redirect page is written to ("/old-slug/index.html", not encoded), or null. */
  file: string | null;
  /** What two aliases (or an alias and a page) must not share. */
  key: string;
}

export type AliasResult = { ok: true; value: ParsedAlias } | { ok: false; message: string };

// Control characters, backslashes and fragments (never sent to a server) have no place in a path.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f\\#]/;
/** One query parameter of an alias: a name and a value, nothing `_redirects` could split on. */
const QUERY_PAIR = /^[A-Za-z0-9_.-]+=(?:[A-Za-z0-9_.-]|%[0-9A-Fa-f]{2})+$/;
const DATE_ARCHIVE = /^\/\d{4}\/(?:\d{2}\/(?:\d{2}\/)?)?(?:page\/\d+\/)?$/;
const GENERATED_FOLDERS = ['/page/', '/category/', '/tag/', '/assets/', '/search/', '/archives/', '/pagefind/', '/old-ids/'];
/** The files at fixed URLs (page-types.ts), and the parts of a split sitemap. */
const MACHINE_FILES = new Set(FIXED_URLS.filter((url) => !url.endsWith('/')));
const SITEMAP_PART = /^\/sitemap-\d+\.xml$/;

/** The key of the file a URL is written to, compared without case (macOS and Windows file systems). */
function fileKey(file: string): string {
  return `file:${file.normalize('NFC').toLowerCase()}`;
}

/** The key of a page's own URL ("/about/" → its index.html), for collisions with aliases. */
function pageKey(url: string): string {
  let decoded = url;
  try {
    decoded = decodeURI(url);
  } catch {
    // Already a plain path.
  }
  return fileKey(decoded.endsWith('/') ? `${decoded}index.html` : decoded);
}

/** What the site itself makes at a path (a folder path ending in "/" or a file), or null. */
function generatedBy(path: string): string | null {
  const lower = path.toLowerCase();
  if (lower === '/') return 'the home page';
  if (DATE_ARCHIVE.test(lower)) return 'the date archives';
  const folder = GENERATED_FOLDERS.find((prefix) => lower.startsWith(prefix));
  if (folder !== undefined) return `the ${folder.slice(1, -1)} pages`;
  if (MACHINE_FILES.has(lower) || SITEMAP_PART.test(lower)) return 'the machine files (feeds, sitemaps, robots.txt, _redirects, 404.html)';
  return null;
}

export function parseAlias(alias: string): AliasResult {
  const fail = (why: string): AliasResult => ({
    ok: false,
    message: `alias ${JSON.stringify(alias)} ${why}`,
  });
  if (!alias.startsWith('/') || alias.startsWith('//')) return fail('is not a site-relative URL (expected "/old-slug/" or "/?p=123")');
  if (/\s/.test(alias) || FORBIDDEN.test(alias)) return fail('contains a space, a control character, "\\" or "#"');
  const q = alias.indexOf('?');
  const rawPath = q === -1 ? alias : alias.slice(0, q);
  const rawQuery = q === -1 ? '' : alias.slice(q + 1);
  const query = rawQuery === '' ? null : rawQuery;

  const rawSegments = rawPath.slice(1).split('/');
  const trailingSlash = rawPath.endsWith('/');
  if (trailingSlash) rawSegments.pop();
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return fail('has a broken %-escape');
    }
    if (segment === '') return fail('has an empty path segment ("//")');
    if (segment === '.' || segment === '..') return fail('has a "." or ".." path segment');
    if (segment.includes('/') || FORBIDDEN.test(segment)) return fail('encodes "/", "\\", "#" or a control character');
    segments.push(segment.normalize('NFC'));
  }
  const decoded = `/${segments.join('/')}${trailingSlash && segments.length > 0 ? '/' : ''}`;
  // Redirect rules treat ":name" and "*" as placeholders: written escaped, they match literally.
  const path = encodeURI(decoded).replace(/:/g, '%3A').replace(/\*/g, '%2A');

  if (query !== null) {
    // Old WordPress links (?p=123, ?page_id=7, ?cat=5, ?m=200901): `name=value` pairs only,
    // from a strict set, so that nothing in them can read as a separator in `_redirects`.
    if (!query.split('&').every((pair) => QUERY_PAIR.test(pair))) {
      return fail('has a query that is not name=value pairs of letters, digits, "-", "_", "." and %-escapes (such as "?p=123")');
    }
    return { ok: true, value: { alias, path, query, file: null, key: `query:${path}?${query}` } };
  }

  // Which file a static host serves for the path: "/x/" and "/x" are the folder's index.html,
  // "/x.html" is that file; other extensions (.php, .asp) cannot be an HTML page, so those
  // aliases live in _redirects only.
  const last = segments.at(-1) ?? '';
  let folder: string | null = null;
  let file: string | null = null;
  if (trailingSlash || segments.length === 0) folder = decoded;
  else if (/^index\.html?$/i.test(last)) folder = `/${segments.slice(0, -1).map((s) => `${s}/`).join('')}`;
  else if (/\.html?$/i.test(last)) file = decoded;
  else if (!last.includes('.')) folder = `${decoded}/`;

  // A folder must not be named like a page or a machine file: "/x.html/" would need x.html to
  // be a file and a folder at once.
  const folders = (folder ?? decoded).split('/').slice(1, -1);
  if (folders.some((s) => /\.html?$/i.test(s))) return fail('has a folder named like an HTML file');
  const reserved = generatedBy(folder ?? file ?? decoded) ?? generatedBy(decoded.replace(/(.)\/$/, '$1'));
  if (reserved !== null) return fail(`is a URL the site makes itself (${reserved})`);
  if (folder !== null) file = `${folder}index.html`;
  return { ok: true, value: { alias, path, query: null, file, key: file !== null ? fileKey(file) : `path:${path.toLowerCase()}` } };
}

export interface AliasClaim {
  /** The content file (relative to the project root). */
  path: string;
  /** The line of `aliases:` in it. */
  line: number;
  aliases: readonly string[];
}

/**
 * The aliases' problems, given every URL the content claims (URL → file): an alias must be a
 * clean path, not a URL the site makes, not a page's URL and not another file's alias.
 */
export function checkAliases(claims: readonly AliasClaim[], urls: ReadonlyMap<string, string>): Problem[] {
  const problems: Problem[] = [];
  if (claims.length === 0) return problems;
  const pages = new Map<string, { url: string; path: string }>();
  for (const [url, path] of urls) pages.set(pageKey(url), { url, path });
  const seen = new Map<string, { alias: string; path: string }>();
  for (const claim of claims) {
    for (const alias of claim.aliases) {
      const problem = (message: string): void => {
        problems.push({ path: claim.path, line: claim.line, field: 'aliases', message });
      };
      const parsed = parseAlias(alias);
      if (!parsed.ok) {
        problem(parsed.message);
        continue;
      }
      const page = pages.get(parsed.value.key);
      if (page !== undefined) {
        problem(
          page.path === claim.path
            ? `alias ${alias} is this file's own URL; remove it`
            : `alias ${alias} is the URL ${page.url} of ${page.path}; an alias must not hide a page`,
        );
        continue;
      }
      const other = seen.get(parsed.value.key);
      if (other !== undefined) {
        problem(
          other.path === claim.path
            ? `alias ${alias} is listed twice (as ${other.alias})`
            : `alias ${alias} is already an alias of ${other.path} (as ${other.alias}); keep it on one of them`,
        );
        continue;
      }
      seen.set(parsed.value.key, { alias, path: claim.path });
    }
  }
  return problems;
}

export interface RedirectTarget {
  /** The page's site URL ("/2024/03/27/slug/"). */
  url: string;
  title: string;
  aliases: readonly string[];
}

export interface RedirectPage {
  /** Where the page is written, a permalink ("/old-slug/index.html"). */
  url: string;
  /** The alias as written. */
  alias: string;
  /** The absolute URL redirected to. */
  target: string;
  title: string;
}

export interface Redirects {
  /** The HTML redirect pages (aliases that can be files). */
  pages: RedirectPage[];
  /** The `_redirects` rules, one line per alias. */
  lines: string[];
}

/**
 * The redirect pages and `_redirects` lines of the published posts and pages. The aliases have
 * passed the content check; one that does not parse any more is skipped rather than written.
 *
 * `_redirects` lines are `/old-path /new/ 301`, valid for both Netlify and Cloudflare Pages.
 * An alias with a query is written in Netlify's query form, `/ p=123 /new/ 301` (path,
 * then each `key=value`): Netlify matches it; Cloudflare Pages does not match query strings
 * and skips such lines (it accepts only two or three fields), so on Cloudflare those old
 * URLs reach the page at their path (the home page for `/?p=123`).
 */
/**
 * A field of a `_redirects` line, with everything its parsers could read as a separator or a
 * flag percent-encoded (whitespace, "!", "#", and "=" past a query pair's own): the checked
 * aliases have none, so this changes nothing for them; it keeps a line one rule whatever
 * reaches here.
 */
export function redirectField(field: string): string {
  const eq = field.indexOf('=');
  // eslint-disable-next-line no-control-regex
  const encode = (text: string): string => text.replace(/[\s!#=\u0000-\u001f\u007f]/gu, (ch) => encodeURIComponent(ch).replace(/[!=]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`));
  // A query pair keeps its first "=" (Netlify's `name=value`); a path has none of its own.
  return field.startsWith('/') || eq === -1 ? encode(field) : `${encode(field.slice(0, eq))}=${encode(field.slice(eq + 1))}`;
}

export function buildRedirects(targets: Iterable<RedirectTarget>, absolute: (path: string) => string): Redirects {
  const pages: RedirectPage[] = [];
  const lines: string[] = [];
  for (const target of targets) {
    const to = encodeURI(target.url);
    for (const alias of target.aliases) {
      const parsed = parseAlias(alias);
      if (!parsed.ok) continue;
      const { path, query, file } = parsed.value;
      const params = query === null ? '' : ` ${query.split('&').map(redirectField).join(' ')}`;
      lines.push(`${redirectField(path)}${params} ${redirectField(to)} 301`);
      if (file !== null) pages.push({ url: file, alias, target: absolute(target.url), title: target.title });
    }
  }
  return { pages, lines };
}

/** A list URL the site made before and makes no more (site-index.ts), and where its posts are now. */
export interface MovedListRedirect {
  from: string;
  to: string;
  title: string;
}

/**
 * The redirects plus a page and a `_redirects` line for each moved list URL (a year's old
 * later pages, "/2024/page/7/"). They are the site's own paths, which aliases may not claim,
 * so they are added here rather than parsed as aliases.
 */
export function withMovedLists(redirects: Redirects, moved: readonly MovedListRedirect[], absolute: (path: string) => string): Redirects {
  for (const { from, to, title } of moved) {
    redirects.lines.push(`${redirectField(from)} ${redirectField(to)} 301`);
    redirects.pages.push({ url: `${from}index.html`, alias: from, target: absolute(to), title });
  }
  return redirects;
}
