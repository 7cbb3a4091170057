/* global document, location, history, DOMParser, Option */
/**
 * The search page (/search/), the site's only JavaScript. It runs Pagefind's JS API over the
 * index `npm run build` writes to /pagefind/ (see src/site/search-index.ts): only posts are
 * indexed, each in its own language, with the post's categories as the `category` filter.
 *
 * Pagefind keeps one index per language (each post's language) and, by itself, loads only
 * the index of the page it runs on. This page is English, and Dari and Pashto posts are in
 * their own indexes, so `openIndex` merges every other language in, of every shard.
 *
 * Queries are folded as the indexed text was (`foldText`: ZWNJ and bidi marks, Arabic and
 * Pashto letter forms; src/model/search-text.ts), and results show their words as written
 * (`writtenExcerpt`).
 *
 * The functions are exported so that tests run this very code in Node against a built index
 * (tests/site/search.test.ts); the page wiring at the bottom runs only in a browser.
 */

/** The language whose index Pagefind loads for a page in `pageLang` (pagefind.js's own rule). */
export function primaryLanguage(languages, pageLang) {
  if (languages[pageLang]) return pageLang;
  const short = pageLang.split('-')[0];
  if (languages[short]) return short;
  const top = Object.entries(languages).sort((a, b) => b[1].page_count - a[1].page_count)[0];
  return top === undefined ? null : top[0];
}

async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`no search index at ${url} (${response.status})`);
  return response.json();
}

/**
 * Readies `pagefind` (the module /pagefind/pagefind.js) to search every language of every
 * shard of the index. The build splits the index into shards of a few thousand posts
 * (src/site/search-index.ts): the newest is the bundle at /pagefind/, the older ones are
 * listed in /pagefind/khabar-shards.json and merged in here, each language of each.
 * `bundleUrl` is the main bundle's absolute URL: Pagefind skips a merge whose URL starts its
 * own base path ("/pagefind/"), a guard against merging one index twice; each language and
 * shard is a different index, so absolute URLs are the honest way to name them.
 * `pageLang` is the language Pagefind detected for the page (lower-case <html lang>).
 * Returns the languages of the index and the folding its text was indexed with (`fold`,
 * from khabar-shards.json; see `foldText`).
 */
export async function openIndex(pagefind, { bundleUrl, pageLang }) {
  await pagefind.options({ basePath: '/pagefind/', excerptLength: EXCERPT_WORDS });
  const { languages } = await fetchJson(new URL('pagefind-entry.json', bundleUrl));
  const primary = primaryLanguage(languages, pageLang);
  const all = new Set(Object.keys(languages));
  for (const language of all) {
    if (language !== primary) await pagefind.mergeIndex(bundleUrl, { language });
  }
  const { shards, fold } = await fetchJson(new URL('khabar-shards.json', bundleUrl));
  for (const shard of shards) {
    const shardUrl = new URL(shard, bundleUrl).href;
    const entry = await fetchJson(new URL('pagefind-entry.json', shardUrl));
    for (const language of Object.keys(entry.languages)) {
      await pagefind.mergeIndex(shardUrl, { language });
      all.add(language);
    }
  }
  return { languages: [...all], fold };
}

/**
 * `text` folded as the index's text was (src/model/search-text.ts, whose table `fold` is):
 * NFC, invisible characters removed, letters replaced by their matching forms, NFC again.
 * So `می‌شود` typed with a ZWNJ, `كابل` with an Arabic kaf or `ننګرهار` with a Pashto gaf
 * find the posts that write them otherwise.
 */
export function foldText(text, fold) {
  if (fold === undefined) return text;
  let folded = '';
  for (const char of text.normalize('NFC')) {
    if (fold.remove.includes(char)) continue;
    folded += Object.hasOwn(fold.replace, char) ? fold.replace[char] : char;
  }
  return folded.normalize('NFC');
}

/** Words in an excerpt (Pagefind's default, set explicitly so `writtenExcerpt` agrees). */
const EXCERPT_WORDS = 30;
/** Pagefind's word separators in a result's text (pagefind.js 1.6, `word_separators`). */
const WORD_SEPARATORS = /[^\S\uFEFF]+/g;

const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The first word of the excerpt: where the found words weigh most in a window of `length`
 * words. Pagefind's own choice (pagefind.js 1.6, `calculate_excerpt_region`), so the excerpt
 * shown as written is the one Pagefind would show.
 */
function excerptStart(weightedLocations, length) {
  if (weightedLocations.length === 0) return 0;
  const words = [];
  for (const { location, balanced_score } of weightedLocations) words[location] = (words[location] ?? 0) + balanced_score;
  if (words.length <= length) return 0;
  let densest = 0;
  for (let i = 0; i < length; i++) densest += words[i] ?? 0;
  let sum = densest;
  let densestAt = [0];
  for (let i = 0; i < words.length; i++) {
    sum += (words[i + length] ?? 0) - (words[i] ?? 0);
    if (sum > densest) {
      densest = sum;
      densestAt = [i];
    } else if (sum === densest && densestAt[densestAt.length - 1] === i - 1) {
      densestAt.push(i);
    }
  }
  return densestAt[Math.floor(densestAt.length / 2)];
}

/** The punctuation the build codes a result's written words in (src/site/search/search-copy.ts): hex digits 0–f. */
const WRITTEN_DIGITS = '!#%*,./:;?@()[]{';

/**
 * A result's written words, [[position, word], …], from their code in its metadata: JSON
 * whose UTF-8 bytes are each two of WRITTEN_DIGITS (punctuation, so that Pagefind, which
 * makes metadata searchable, indexes none of it).
 */
export function decodeWritten(coded) {
  const bytes = new Uint8Array(coded.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = WRITTEN_DIGITS.indexOf(coded[2 * i]) * 16 + WRITTEN_DIGITS.indexOf(coded[2 * i + 1]);
  return JSON.parse(new TextDecoder().decode(bytes));
}

/**
 * A result's excerpt with its words as written. The index holds the folded text (that is
 * what Pagefind matches and would excerpt); the build keeps the words folding changed in the
 * result's `written` meta (coded, see `decodeWritten`; positions in Pagefind's words of the
 * text), put back here. Same format as Pagefind's excerpt: escaped text, <mark> around found words.
 */
export function writtenExcerpt(data, length = EXCERPT_WORDS) {
  const words = data.content.split(WORD_SEPARATORS);
  for (const [position, word] of decodeWritten(data.meta.written)) {
    if (position < words.length) words[position] = word;
  }
  const found = new Set(data.locations);
  const shown = Math.min(length, words.length);
  const start = Math.max(0, Math.min(excerptStart(data.weighted_locations ?? [], length), words.length - shown));
  return words
    .slice(start, start + shown)
    .map((word, i) => (found.has(start + i) ? `<mark>${escapeHtml(word)}</mark>` : escapeHtml(word)))
    .join(' ')
    .trim();
}

/** A result's excerpt as written; Pagefind's own (of the folded text) if its written words cannot be read. */
function shownExcerpt(data) {
  if (data.meta?.written) {
    try {
      return writtenExcerpt(data);
    } catch (error) {
      console.error(`search: the written words of ${data.url} could not be read`, error);
    }
  }
  return data.excerpt ?? '';
}

/** The categories posts are filed under, for the filter menu. */
export async function categories(pagefind) {
  const filters = await pagefind.filters();
  return Object.keys(filters.category ?? {}).sort((a, b) => a.localeCompare(b, 'en'));
}

/** A result URL as a site path when it is on the page's own origin. */
function sitePath(url, base) {
  if (base === undefined) return url;
  const resolved = new URL(url, base);
  return resolved.origin === new URL(base).origin ? `${resolved.pathname}${resolved.search}${resolved.hash}` : resolved.href;
}

/**
 * Searches for `query` (folded with `fold`, as the index was), in one category when
 * `category` is given. Returns the number of matching posts and the first `limit` of them,
 * best first: { url, title, date, excerpt } (the excerpt is Pagefind's, with the words as
 * written: escaped text with <mark> around the words found).
 */
export async function runSearch(pagefind, query, { category = '', limit = 20, base, fold } = {}) {
  const response = await pagefind.search(foldText(query, fold), category ? { filters: { category } } : {});
  const found = await Promise.all(response.results.slice(0, limit).map((result) => result.data()));
  return {
    total: response.results.length,
    results: found.map((data) => ({
      url: sitePath(data.url, base),
      title: data.meta?.title ?? data.url,
      date: data.meta?.date ?? '',
      excerpt: shownExcerpt(data),
    })),
  };
}

// ---------------------------------------------------------------------------------------
// The page.

/** Pagefind's excerpt as nodes: its text, and its <mark> elements as marks; nothing else. */
function excerptNodes(excerpt) {
  const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, 'text/html');
  const nodes = [];
  for (const node of parsed.body.firstChild?.childNodes ?? []) {
    if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent ?? ''));
    }
  }
  return nodes;
}

function resultItem(result) {
  const item = document.createElement('li');
  item.className = 'search-result';
  const heading = document.createElement('h2');
  heading.className = 'summary-title';
  heading.dir = 'auto';
  const link = document.createElement('a');
  link.href = result.url;
  link.textContent = result.title;
  heading.append(link);
  item.append(heading);
  if (result.date) {
    const meta = document.createElement('p');
    meta.className = 'meta';
    meta.textContent = result.date;
    item.append(meta);
  }
  const excerpt = document.createElement('p');
  excerpt.dir = 'auto';
  excerpt.append(...excerptNodes(result.excerpt));
  item.append(excerpt);
  return item;
}

async function main() {
  const form = document.getElementById('search-form');
  const status = document.getElementById('search-status');
  const list = document.getElementById('search-results');
  if (form === null || status === null || list === null) return;
  const input = form.elements.namedItem('q');
  const select = form.elements.namedItem('category');

  let pagefind;
  let fold;
  try {
    pagefind = await import('/pagefind/pagefind.js');
    ({ fold } = await openIndex(pagefind, {
      bundleUrl: new URL('/pagefind/', location.href).href,
      pageLang: (document.documentElement.getAttribute('lang') || 'unknown').toLowerCase(),
    }));
    for (const name of await categories(pagefind)) select.append(new Option(name, name));
  } catch (error) {
    console.error(error);
    status.textContent = 'Search is not available right now: the search index could not be loaded.';
    return;
  }

  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  select.value = params.get('category') ?? ''; // an unknown category leaves "All categories"

  let latest = 0;
  const show = async () => {
    const query = input.value.trim();
    const run = ++latest;
    list.replaceChildren();
    if (query === '') {
      status.textContent = '';
      return;
    }
    status.textContent = 'Searching…';
    const { total, results } = await runSearch(pagefind, query, { category: select.value, base: location.href, fold });
    if (run !== latest) return;
    const where = select.value ? ` in ${select.value}` : '';
    status.textContent =
      total === 0
        ? `No stories found for “${query}”${where}.`
        : `${total} ${total === 1 ? 'story' : 'stories'} found for “${query}”${where}${total > results.length ? `; the first ${results.length} are shown` : ''}.`;
    list.replaceChildren(...results.map(resultItem));
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams({ q: input.value.trim() });
    if (select.value) next.set('category', select.value);
    history.replaceState(null, '', `${location.pathname}?${next}`);
    void show();
  });
  await show();
}

if (typeof document !== 'undefined') void main();
