/**
 * A synthetic WordPress export (WXR 1.2) for the import benchmark: N posts at K a day going
 * back from --end, as a long-running news site's export looks: classic-editor bodies (no `<p>`,
 * as WordPress stores them) and some block-editor ones, categories from categories.yaml and a
 * few the site does not have, tags, two comments a post on average, postmeta (edit lock,
 * featured image, old slugs, a plugin's serialized data), 5% Persian, some shortcodes and
 * YouTube embeds, and drafts. Written as a stream; deterministic for the same arguments.
 *
 *   npx tsx bench/wordpress/export.ts --posts 50000 --out FILE [--per-day 8] [--end 2025-12-28] [--seed S]
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { loadCategories } from '../../src/model/categories.ts';
import { slugify } from '../../src/model/slug.ts';
import { Random } from '../corpus/random.ts';
import { englishTitle, makeBody, persianTitle } from '../corpus/text.ts';
import { ROOT } from '../lib/paths.ts';

export interface ExportOptions {
  posts: number;
  out: string;
  perDay: number;
  end: string;
  seed: string;
}

export interface ExportStats {
  items: number;
  bytes: number;
  years: number;
}

const SITE = 'https://old.khabar.example';
const EXTRA_CATEGORIES = ['Water Projects', 'Local Elections', 'Weather', 'Photo Essays'];
const TAGS = ['Kabul', 'Herat', 'Kandahar', 'Balkh', 'Nangarhar', 'Helmand', 'Badakhshan', 'UN', 'Drought', 'Elections', 'Schools', 'Refugees', 'Trade', 'Health'];
const cdata = (text: string): string => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

/** A Markdown body from the corpus generator as WordPress would store it. */
function wordpressBody(markdown: string, random: Random): string {
  const blocks = markdown.trim().split(/\n\n/).map((block) => {
    if (block === '<!-- more -->') return '<!--more-->';
    const inline = (text: string) => text.replace(/\[([^\]]+)\]\(([^)]+)\)/g, '<a href="$2">$1</a>');
    if (block.startsWith('## ')) return `<h2>${inline(block.slice(3))}</h2>`;
    if (block.startsWith('> ')) return `<blockquote>${inline(block.slice(2))}</blockquote>`;
    if (block.startsWith('- ')) return `<ul>\n${block.split('\n').map((line) => `<li>${inline(line.slice(2))}</li>`).join('\n')}\n</ul>`;
    return inline(block);
  });
  if (random.chance(0.05)) blocks.splice(1, 0, `[caption id="attachment_1" align="alignnone" width="300"]<img src="${SITE}/wp-content/uploads/2015/06/photo.jpg" alt="A photo" width="300" height="200" /> A caption[/caption]`);
  if (random.chance(0.03)) blocks.push(`https://www.youtube.com/watch?v=${random.pick(['Xk3nD9pQr2s', 'Bm4yS7tQw1E', 'aB3dE5gH7jK'])}`);
  if (random.chance(0.02)) blocks.push('[poll id="3"]');
  if (random.chance(0.4)) return blocks.map((b) => `<!-- wp:paragraph -->\n<p>${b}</p>\n<!-- /wp:paragraph -->`).join('\n\n');
  return blocks.join('\n\n');
}

function comment(random: Random, id: number, date: string): string {
  return `\t\t<wp:comment>\n\t\t\t<wp:comment_id>${id}</wp:comment_id>\n\t\t\t<wp:comment_author>${cdata(`Reader ${random.int(1, 900)}`)}</wp:comment_author>\n\t\t\t<wp:comment_author_email>${cdata('reader@example.org')}</wp:comment_author_email>\n\t\t\t<wp:comment_date_gmt>${cdata(date)}</wp:comment_date_gmt>\n\t\t\t<wp:comment_content>${cdata('Thank you for this report. Is there more news from the provinces?')}</wp:comment_content>\n\t\t\t<wp:comment_approved>${cdata('1')}</wp:comment_approved>\n\t\t\t<wp:comment_type>${cdata('comment')}</wp:comment_type>\n\t\t\t<wp:commentmeta><wp:meta_key>${cdata('akismet_result')}</wp:meta_key><wp:meta_value>${cdata('false')}</wp:meta_value></wp:commentmeta>\n\t\t</wp:comment>\n`;
}

const meta = (key: string, value: string): string => `\t\t<wp:postmeta>\n\t\t\t<wp:meta_key>${cdata(key)}</wp:meta_key>\n\t\t\t<wp:meta_value>${cdata(value)}</wp:meta_value>\n\t\t</wp:postmeta>\n`;

function header(categories: { name: string; slug: string }[]): string {
  const terms = categories.map((c, i) => `\t<wp:category><wp:term_id>${i + 1}</wp:term_id><wp:category_nicename>${cdata(c.slug)}</wp:category_nicename><wp:category_parent>${cdata('')}</wp:category_parent><wp:cat_name>${cdata(c.name)}</wp:cat_name></wp:category>\n`);
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
\t<title>Old Khabar</title>
\t<link>${SITE}</link>
\t<description>News about Afghanistan</description>
\t<language>en-US</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>${SITE}</wp:base_site_url>
\t<wp:base_blog_url>${SITE}</wp:base_blog_url>
\t<wp:author><wp:author_id>1</wp:author_id><wp:author_login>${cdata('editor')}</wp:author_login><wp:author_display_name>${cdata('Farida Ahmadi')}</wp:author_display_name></wp:author>
${terms.join('')}`;
}

export function generateExport(options: ExportOptions): ExportStats {
  const random = new Random(`wxr-${options.seed}`);
  const categories = [...loadCategories(`${ROOT}content/_data/categories.yaml`).all.map((c) => ({ name: c.name, slug: c.slug })), ...EXTRA_CATEGORIES.map((name) => ({ name, slug: slugify(name) }))];
  const fd = openSync(options.out, 'w');
  let bytes = 0;
  let buffer = '';
  const write = (text: string, force = false) => {
    buffer += text;
    if (buffer.length < 1 << 20 && !force) return;
    bytes += writeSync(fd, buffer);
    buffer = '';
  };
  write(header(categories));
  const end = DateTime.fromISO(options.end, { zone: 'Asia/Kabul' }).endOf('day');
  let commentId = 1;
  for (let n = 0; n < options.posts; n++) {
    const id = options.posts - n + 100;
    const local = end.minus({ days: Math.floor(n / options.perDay), minutes: (n % options.perDay) * 97 + random.int(0, 60) }).startOf('minute');
    const persian = random.chance(0.05);
    const title = persian ? persianTitle(random) : englishTitle(random);
    const slug = `${slugify(title).slice(0, 80).replace(/-+$/, '')}-${id}`;
    const draft = random.chance(0.03);
    const body = wordpressBody(makeBody(random, persian).markdown, random);
    const gmt = local.toUTC().toFormat('yyyy-LL-dd HH:mm:ss');
    const path = `${local.toFormat('yyyy/LL/dd')}/${encodeURIComponent(slug).toLowerCase()}/`;
    let terms = '';
    for (let c = random.int(1, 3); c > 0; c--) {
      const category = persian && c === 1 ? categories.find((x) => x.name.includes('Dari'))! : random.pick(categories);
      terms += `\t\t<category domain="category" nicename="${category.slug}">${cdata(category.name.replace(/&/g, '&amp;'))}</category>\n`;
    }
    for (let t = random.int(0, 3); t > 0; t--) {
      const tag = random.pick(TAGS);
      terms += `\t\t<category domain="post_tag" nicename="${slugify(tag)}">${cdata(tag)}</category>\n`;
    }
    let metas = meta('_edit_last', '1') + meta('_edit_lock', `${1500000000 + id}:1`) + meta('_thumbnail_id', String(random.int(1, 99)));
    if (random.chance(0.1)) metas += meta('_wp_old_slug', `${slug}-old`);
    metas += meta('_yoast_wpseo_meta', `a:2:{s:5:"title";s:${title.length}:"${title}";s:5:"focus";s:5:"kabul";}`);
    let comments = '';
    for (let c = random.int(0, 4); c > 0; c--) comments += comment(random, commentId++, gmt);
    write(`\t<item>
\t\t<title>${cdata(title.replace(/&/g, '&amp;'))}</title>
\t\t<link>${draft ? `${SITE}/?p=${id}` : `${SITE}/${path}`}</link>
\t\t<pubDate>${local.toUTC().toRFC2822()}</pubDate>
\t\t<dc:creator>${cdata('editor')}</dc:creator>
\t\t<guid isPermaLink="false">${SITE}/?p=${id}</guid>
\t\t<description></description>
\t\t<content:encoded>${cdata(body)}</content:encoded>
\t\t<excerpt:encoded>${cdata('')}</excerpt:encoded>
\t\t<wp:post_id>${id}</wp:post_id>
\t\t<wp:post_date>${cdata(local.toFormat('yyyy-LL-dd HH:mm:ss'))}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata(draft ? '0000-00-00 00:00:00' : gmt)}</wp:post_date_gmt>
\t\t<wp:comment_status>${cdata('open')}</wp:comment_status>
\t\t<wp:post_name>${cdata(draft ? '' : encodeURIComponent(slug).toLowerCase())}</wp:post_name>
\t\t<wp:status>${cdata(draft ? 'draft' : 'publish')}</wp:status>
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:post_type>${cdata('post')}</wp:post_type>
\t\t<wp:post_password>${cdata('')}</wp:post_password>
\t\t<wp:is_sticky>0</wp:is_sticky>
${terms}${metas}${comments}\t</item>
`);
  }
  write('</channel>\n</rss>\n', true);
  closeSync(fd);
  return { items: options.posts, bytes, years: options.posts / options.perDay / 365.25 };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { posts: { type: 'string' }, out: { type: 'string' }, 'per-day': { type: 'string' }, end: { type: 'string' }, seed: { type: 'string' } } });
  if (values.posts === undefined || values.out === undefined) {
    console.error('usage: npx tsx bench/wordpress/export.ts --posts N --out FILE [--per-day 8] [--end 2025-12-28] [--seed S]');
    process.exit(2);
  }
  const stats = generateExport({ posts: Number(values.posts), out: values.out, perDay: Number(values['per-day'] ?? 8), end: values.end ?? '2025-12-28', seed: values.seed ?? '1' });
  console.log(JSON.stringify(stats));
}
