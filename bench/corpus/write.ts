/**
 * Writing a synthetic corpus: the data files, then posts day by day going backwards, each
 * valid and under a slug unique in its month folder; returns the corpus's statistics.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { loadCategories, type CategoryList } from '../../src/model/categories.ts';
import { stringifyFrontMatter } from '../../src/model/front-matter.ts';
import { validatePost } from '../../src/model/schema.ts';
import { loadSiteConfig } from '../../src/model/site-config.ts';
import { slugify } from '../../src/model/slug.ts';
import { Random } from './random.ts';
import { articleUrl, englishTitle, makeBody, persianTitle, type Body } from './text.ts';
import { AUTHORS, DARI_CATEGORY, FEEDS, makeVocabulary, type Vocabulary } from './vocabulary.ts';

const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../content/_data', import.meta.url));

export interface CorpusOptions {
  posts: number;
  out: string;
  /** Seeds the vocabulary and, with the batch, the posts. Default "1". */
  seed?: string;
  /** Names a stream of posts; the default stream is "". */
  batch?: string;
  /** The newest day, YYYY-MM-DD in the site's time zone. Default 2025-12-28. */
  end?: string;
  perDay?: number;
  /** Exactly perDay posts every day instead of perDay ± 40%. */
  exactPerDay?: boolean;
  /** Add to an existing corpus: slugs already used in a month folder are kept clear of. */
  append?: boolean;
  /** Where site.yaml and categories.yaml come from. Default: the project's content/_data. */
  dataDir?: string;
}

export interface CorpusStats {
  out: string;
  seed: string;
  batch: string;
  posts: number;
  from: string;
  to: string;
  days: number;
  months: number;
  postsPerDay: number;
  faShare: number;
  sourceShare: number;
  categoriesPerPost: number;
  categoriesUsed: number;
  tagsPerPost: number;
  tagsUsed: number;
  tagVocabulary: number;
  wordsMin: number;
  wordsMean: number;
  wordsMax: number;
  moreShare: number;
  headingShare: number;
  listShare: number;
  linkShare: number;
  slugCollisions: number;
  megabytes: number;
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** The options with their defaults, checked. */
function resolve(options: CorpusOptions) {
  const seed = options.seed ?? '1';
  const batch = options.batch ?? '';
  const end = options.end ?? '2025-12-28';
  const perDay = options.perDay ?? 15;
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  if (!Number.isInteger(options.posts) || options.posts < 1) throw new Error('posts: expected a positive integer');
  if (!(perDay >= 1)) throw new Error('perDay: expected a number >= 1');
  const timeZone = loadSiteConfig(join(dataDir, 'site.yaml')).timeZone;
  const newestDay = DateTime.fromISO(end, { zone: timeZone });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(end) || !newestDay.isValid) throw new Error(`end: expected YYYY-MM-DD, found ${end}`);
  if (existsSync(options.out) && readdirSync(options.out).length > 0 && options.append !== true) {
    throw new Error(`${options.out} exists and is not empty (use append to add to a corpus)`);
  }
  return { seed, batch, perDay, dataDir, newestDay, append: options.append === true, exactPerDay: options.exactPerDay === true };
}

/** DIR/_data/{site,categories}.yaml from the data folder. */
function copyData(out: string, dataDir: string, append: boolean): void {
  mkdirSync(join(out, '_data'), { recursive: true });
  for (const file of ['site.yaml', 'categories.yaml']) {
    // Appending leaves the data files as they are (an incremental build may watch their mtimes).
    const target = join(out, '_data', file);
    if (!append || !existsSync(target)) copyFileSync(join(dataDir, file), target);
  }
}

/** A day's posting times: distinct minutes, mostly in working hours; newest first, as a feed lists them. */
function dayMinutes(random: Random, count: number): number[] {
  const minutes = new Set<number>();
  while (minutes.size < count) minutes.add(random.chance(0.85) ? random.int(360, 1319) : random.int(0, 1439));
  return [...minutes].sort((a, b) => b - a);
}

function usedSlugs(dir: string): Set<string> {
  const used = new Set<string>();
  if (!existsSync(dir)) return used;
  for (const name of readdirSync(dir)) if (name.endsWith('.md')) used.add(name.slice(0, -3));
  return used;
}

/**
 * The slugs taken in each month folder (a month holds whole days in the site's zone, so a
 * slug unique in its month also keeps /YYYY/MM/DD/<slug>/ unique).
 */
class MonthFolders {
  readonly used = new Map<string, Set<string>>();

  constructor(
    private readonly out: string,
    private readonly append: boolean,
  ) {}

  /** The post's folder and a slug of its title free in it (`<slug>-2`, … on a collision). */
  claim(local: DateTime, title: string): { folder: string; base: string; slug: string } {
    const folder = join(this.out, 'posts', local.toFormat('yyyy'), local.toFormat('MM'));
    let used = this.used.get(folder);
    if (used === undefined) {
      used = this.append ? usedSlugs(folder) : new Set();
      this.used.set(folder, used);
      mkdirSync(folder, { recursive: true });
    }
    const base = slugify(title);
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    used.add(slug);
    return { folder, base, slug };
  }
}

interface PostHead {
  title: string;
  persian: boolean;
  local: DateTime;
  base: string;
  slug: string;
}

/** A post's front matter: 1–3 categories, 0–3 tags, an author, often a source, sometimes an update. */
function frontMatter(random: Random, vocabulary: Vocabulary, post: PostHead): { data: Record<string, unknown>; categories: string[]; tags: string[] } {
  let categories = vocabulary.categories.drawDistinct(random, random.weighted([[1, 45], [2, 35], [3, 20]] as const));
  if (post.persian && vocabulary.hasDariCategory && !categories.includes(DARI_CATEGORY) && random.chance(0.7)) {
    categories = [...categories.slice(0, -1), DARI_CATEGORY];
  }
  const tags = vocabulary.tags.drawDistinct(random, random.weighted([[0, 20], [1, 35], [2, 25], [3, 20]] as const));

  const data: Record<string, unknown> = {
    title: post.title,
    date: post.local.toUTC().toISO({ suppressMilliseconds: true }),
    author: random.weighted(AUTHORS),
    categories,
    tags,
  };
  if (post.persian) data.lang = 'fa';
  if (post.slug !== post.base) data.slug = post.slug;
  if (random.chance(0.6)) {
    const pool = FEEDS.filter((f) => (f.persian === true) === post.persian);
    const feed = random.pick(pool.length > 0 ? pool : FEEDS);
    const url = articleUrl(random, feed.host);
    data.source = { name: feed.name, url, id: random.chance(0.8) ? url : `tag:${feed.host},2025:${random.int(1, 9_999_999)}`, feed: feed.id };
  }
  if (random.chance(0.03)) {
    data.updated = post.local.plus({ hours: random.int(1, 30) }).toUTC().toISO({ suppressMilliseconds: true });
  }
  return { data, categories, tags };
}

/** A generated post must pass the contract, as a real one would. */
function checkPost(data: Record<string, unknown>, categories: string[], categoryList: CategoryList, slug: string): void {
  const validation = validatePost(data);
  if (!validation.ok) {
    throw new Error(`generated post ${slug} is invalid: ${validation.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  }
  for (const name of categories) {
    if (categoryList.get(name) === undefined) throw new Error(`generated post ${slug}: unknown category ${name}`);
  }
}

/** The running totals behind the statistics. */
class Tally {
  readonly totals = { posts: 0, fa: 0, source: 0, categories: 0, tags: 0, words: 0, more: 0, heading: 0, list: 0, link: 0, bytes: 0, collisions: 0 };
  wordsMin = Number.POSITIVE_INFINITY;
  wordsMax = 0;
  readonly categoriesUsed = new Set<string>();
  readonly tagsUsed = new Set<string>();

  add(post: PostHead, data: Record<string, unknown>, categories: string[], tags: string[], body: Body, text: string): void {
    const totals = this.totals;
    totals.posts++;
    totals.bytes += Buffer.byteLength(text);
    totals.categories += categories.length;
    totals.tags += tags.length;
    totals.words += body.words;
    this.wordsMin = Math.min(this.wordsMin, body.words);
    this.wordsMax = Math.max(this.wordsMax, body.words);
    if (post.slug !== post.base) totals.collisions++;
    if (data.source !== undefined) totals.source++;
    if (post.persian) totals.fa++;
    if (body.more) totals.more++;
    if (body.heading) totals.heading++;
    if (body.list) totals.list++;
    if (body.link) totals.link++;
    for (const c of categories) this.categoriesUsed.add(c);
    for (const t of tags) this.tagsUsed.add(slugify(t));
  }
}

export function generateCorpus(options: CorpusOptions): CorpusStats {
  const { seed, batch, perDay, dataDir, newestDay, append, exactPerDay } = resolve(options);
  const categoryList = loadCategories(join(dataDir, 'categories.yaml'));
  const vocabulary = makeVocabulary(
    seed,
    categoryList.all.map((c) => c.name),
  );
  const random = new Random(`${seed}/posts/${batch}`);
  copyData(options.out, dataDir, append);

  const tally = new Tally();
  const months = new MonthFolders(options.out, append);
  let day = 0;
  for (; tally.totals.posts < options.posts; day++) {
    const dayStart = newestDay.minus({ days: day });
    const spread = exactPerDay ? 1 : 0.6 + 0.8 * random.next();
    const count = Math.min(options.posts - tally.totals.posts, Math.max(1, Math.round(perDay * spread)));
    for (const minute of dayMinutes(random, count)) {
      const local = dayStart.plus({ minutes: minute });
      const persian = random.chance(0.05);
      const title = persian ? persianTitle(random) : englishTitle(random);
      const { folder, base, slug } = months.claim(local, title);
      const post: PostHead = { title, persian, local, base, slug };
      const { data, categories, tags } = frontMatter(random, vocabulary, post);
      checkPost(data, categories, categoryList, slug);
      const body = makeBody(random, persian);
      const text = stringifyFrontMatter(data, body.markdown);
      writeFileSync(join(folder, `${slug}.md`), text);
      tally.add(post, data, categories, tags, body, text);
    }
  }
  return statistics(options.out, { seed, batch, newestDay, day, months: months.used.size, tagVocabulary: vocabulary.tagCount }, tally);
}

function statistics(
  out: string,
  run: { seed: string; batch: string; newestDay: DateTime; day: number; months: number; tagVocabulary: number },
  t: Tally,
): CorpusStats {
  const totals = t.totals;
  const written = totals.posts;
  return {
    out,
    seed: run.seed,
    batch: run.batch,
    posts: written,
    from: run.newestDay.minus({ days: run.day - 1 }).toISODate()!,
    to: run.newestDay.toISODate()!,
    days: run.day,
    months: run.months,
    postsPerDay: round(written / run.day, 1),
    faShare: round(totals.fa / written, 3),
    sourceShare: round(totals.source / written, 3),
    categoriesPerPost: round(totals.categories / written, 2),
    categoriesUsed: t.categoriesUsed.size,
    tagsPerPost: round(totals.tags / written, 2),
    tagsUsed: t.tagsUsed.size,
    tagVocabulary: run.tagVocabulary,
    wordsMin: t.wordsMin,
    wordsMean: Math.round(totals.words / written),
    wordsMax: t.wordsMax,
    moreShare: round(totals.more / written, 3),
    headingShare: round(totals.heading / written, 3),
    listShare: round(totals.list / written, 3),
    linkShare: round(totals.link / written, 3),
    slugCollisions: totals.collisions,
    megabytes: round(totals.bytes / 1e6, 1),
  };
}
