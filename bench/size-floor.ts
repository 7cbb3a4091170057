/**
 * The least a built site's HTML pages could weigh and still carry what the contract and the
 * issue ask of every page: the sidebars' links and counts (recent posts, categories with
 * counts, archives, link lists), and a page's own content — a post's title, date and text, a
 * list's titles (linked) and excerpts — with every other byte of markup gone (no head, header,
 * footer, menus, classes; 15 bytes of `<a href="…">…</a>` around each link). A sample of each
 * kind of page, scaled to the number of pages of that kind. Nothing is asserted.
 *
 *   npx tsx bench/size-floor.ts --site S [--sample 400]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { parse, type HTMLElement } from 'node-html-parser';
import { f0, f1, table } from './lib/table.ts';

const LINK_MARKUP = '<a href=""></a>'.length;

type Kind = 'post' | 'home' | 'category' | 'tag' | 'month' | 'day' | 'other';

function kindOf(url: string): Kind {
  if (url.startsWith('category/')) return 'category';
  if (url.startsWith('tag/')) return 'tag';
  if (url === '' || url.startsWith('page/')) return 'home';
  if (/^\d{4}\/\d\d\/\d\d\/(page\/\d+\/)?$/.test(url)) return 'day';
  if (/^\d{4}\/\d\d\/(page\/\d+\/)?$/.test(url)) return 'month';
  if (/^\d{4}\/\d\d\/\d\d\/[^/]+\/$/.test(url)) return 'post';
  return 'other';
}

const bytes = (text: string): number => Buffer.byteLength(text);

/** Each link as `<a href="URL">TEXT</a>`, and every "(123)" count beside one. */
function linksAndCounts(element: HTMLElement): number {
  let total = 0;
  for (const a of element.querySelectorAll('a')) total += bytes(a.getAttribute('href') ?? '') + bytes(a.text) + LINK_MARKUP;
  for (const count of element.text.matchAll(/\(\d[\d,]*\)/g)) total += count[0].length;
  return total;
}

/** A page's own content: a post's article as text; a list's linked titles and excerpts. */
function ownContent(main: HTMLElement, kind: Kind): number {
  if (kind === 'post') return bytes(main.querySelector('article')?.text ?? '');
  let total = 0;
  for (const summary of main.querySelectorAll('article.summary')) {
    const title = summary.querySelector('.summary-title');
    if (title !== null) total += linksAndCounts(title);
    total += bytes(summary.querySelector('.post-body')?.text ?? '');
  }
  return total;
}

function htmlPages(site: string): string[] {
  return readdirSync(site, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name === 'index.html' && !entry.parentPath.includes(`${sep}pagefind`))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** A deterministic sample (every k-th page of the sorted list). */
function sampleOf<T>(items: T[], size: number): T[] {
  if (items.length <= size) return items;
  const step = items.length / size;
  return Array.from({ length: size }, (_, i) => items[Math.floor(i * step)]!);
}

function main(): void {
  const { values } = parseArgs({ options: { site: { type: 'string' }, sample: { type: 'string', default: '400' } } });
  if (values.site === undefined) throw new Error('usage: npx tsx bench/size-floor.ts --site S [--sample 400]');
  const site = values.site;
  const byKind = new Map<Kind, string[]>();
  for (const path of htmlPages(site).sort()) {
    const url = relative(site, path).split(sep).join('/').replace(/index\.html$/, '');
    const kind = kindOf(url);
    byKind.set(kind, [...(byKind.get(kind) ?? []), path]);
  }
  const rows: string[][] = [];
  let now = 0;
  let floor = 0;
  for (const [kind, paths] of [...byKind].sort()) {
    const sample = sampleOf(paths, Number(values.sample));
    let size = 0;
    let sidebar = 0;
    let sidebarFloor = 0;
    let own = 0;
    for (const path of sample) {
      const text = readFileSync(path, 'utf8');
      const page = parse(text);
      size += bytes(text);
      const aside = page.querySelector('aside.sidebar');
      if (aside !== null) {
        sidebar += bytes(aside.outerHTML);
        sidebarFloor += linksAndCounts(aside);
      }
      const main = page.querySelector('main');
      if (main !== null) own += ownContent(main, kind);
    }
    const scale = paths.length / sample.length;
    now += size * scale;
    floor += (sidebarFloor + own) * scale;
    rows.push([kind, f0(paths.length), f0(sample.length), f1((size * scale) / 1e6), f0(sidebar / sample.length), f0(sidebarFloor / sample.length), f0(own / sample.length), f1(((sidebarFloor + own) * scale) / 1e6)]);
  }
  console.log(table(['pages', 'count', 'sampled', 'MB now', 'sidebar B a page', 'its links and counts alone', 'own content B a page', 'floor MB'], rows));
  console.log('');
  console.log(`HTML pages: ${f1(now / 1e6)} MB now; at least ${f1(floor / 1e6)} MB with nothing but the sidebars' links and counts and each page's own content.`);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('size-floor.ts')) main();
