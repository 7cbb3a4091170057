/**
 * A synthetic news corpus for the build benchmark (`npm run bench`), in the contract's shape.
 *
 *   npx tsx scripts/gen-corpus.ts --posts N --out DIR [--seed S] [--end YYYY-MM-DD] [--per-day K]
 *                                 [--exact] [--append --batch NAME]
 *
 * Writes DIR/_data/{site,categories}.yaml (copied from content/_data) and
 * DIR/posts/YYYY/MM/<slug>.md: about K (15) posts a day going backwards from --end
 * (2025-12-28), days and folders in the site's time zone; the categories of categories.yaml
 * with a Zipf-like spread, 1–3 a post; ~1,500 tags, 0–3 a post, Zipf-like; Markdown bodies of
 * 80–700 words with links, lists, headings, quotes and some `<!-- more -->`; 5% Persian
 * (`lang: fa`); 60% aggregated (`source:`). Every post passes `validatePost`, and no two posts
 * share a URL. One JSON line of statistics goes to stdout.
 *
 * Deterministic: the same arguments give byte-identical files. The seed drives the vocabulary
 * (tags, category ranking); `--batch` names a further stream of posts drawn from the same
 * vocabulary, so `--append --batch daily-1 --end 2025-12-29 --posts 15 --exact` adds a day of news to
 * an existing corpus (the benchmark's daily rebuild) without touching its files.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { loadCategories } from '../src/model/categories.ts';
import { stringifyFrontMatter } from '../src/model/front-matter.ts';
import { validatePost } from '../src/model/schema.ts';
import { loadSiteConfig } from '../src/model/site-config.ts';
import { slugify } from '../src/model/slug.ts';

const DEFAULT_DATA_DIR = fileURLToPath(new URL('../content/_data', import.meta.url));

// ---------------------------------------------------------------- seeded randomness

/** A 32-bit hash of a string (FNV-1a followed by a murmur3-style finaliser), to seed the PRNG. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    h = Math.imul(h ^ byte, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: small, fast and good enough for synthetic text; fully determined by its seed. */
export class Random {
  private state: number;

  constructor(seed: string) {
    this.state = hashString(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One of the values, chosen with the given relative weights. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let u = this.next() * total;
    for (const [value, weight] of choices) {
      u -= weight;
      if (u < 0) return value;
    }
    return choices[choices.length - 1]![0];
  }

  shuffled<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

/** Draws ranks 0..n-1 with probability ∝ 1/(rank+1)^s (Zipf), by binary search over the cumulative weights. */
class Zipf<T> {
  private readonly cumulative: Float64Array;

  constructor(
    private readonly items: readonly T[],
    exponent: number,
  ) {
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    for (let rank = 0; rank < items.length; rank++) {
      sum += 1 / Math.pow(rank + 1, exponent);
      this.cumulative[rank] = sum;
    }
  }

  draw(random: Random): T {
    const u = random.next() * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! <= u) lo = mid + 1;
      else hi = mid;
    }
    return this.items[lo]!;
  }

  /** `count` different items (fewer only if the list is shorter). */
  drawDistinct(random: Random, count: number): T[] {
    const chosen = new Set<T>();
    for (let tries = 0; chosen.size < Math.min(count, this.items.length) && tries < 200; tries++) {
      chosen.add(this.draw(random));
    }
    return [...chosen];
  }
}

// ---------------------------------------------------------------- vocabulary

/** The categories a news desk files most under, most used first; the rest follow in seeded order. */
const BUSY_CATEGORIES = [
  'Political News',
  'Security',
  'Taliban',
  'Economic News',
  'Human Rights',
  'Refugees and Migrants',
  'Afghan Women',
  'Health News',
  'Pakistan-Afghanistan Relations',
  'Education',
  'News in Dari (Persian/Farsi)',
  'Civilian Injuries and Deaths',
  'UN-Afghanistan Relations',
  'Iran-Afghanistan Relations',
  'US-Afghanistan Relations',
  'Opinion/Editorial',
];
const DARI_CATEGORY = 'News in Dari (Persian/Farsi)';

const PROVINCES = [
  'Kabul', 'Herat', 'Kandahar', 'Balkh', 'Nangarhar', 'Kunduz', 'Badakhshan', 'Helmand', 'Ghazni', 'Bamiyan',
  'Panjshir', 'Takhar', 'Faryab', 'Khost', 'Paktia', 'Paktika', 'Logar', 'Parwan', 'Kapisa', 'Farah', 'Nimroz',
  'Uruzgan', 'Zabul', 'Laghman', 'Kunar', 'Nuristan', 'Baghlan', 'Samangan', 'Sar-e Pol', 'Jawzjan', 'Ghor',
  'Daikundi', 'Wardak', 'Badghis',
];
const CITIES = ['Mazar-i-Sharif', 'Jalalabad', 'Torkham', 'Spin Boldak', 'Islam Qala', 'Hairatan', 'Fayzabad', 'Pul-e Khumri'];
const ABROAD = ['Islamabad', 'Tehran', 'Doha', 'Moscow', 'Beijing', 'Tashkent', 'Dushanbe', 'Ankara', 'Geneva', 'New York', 'Brussels', 'Delhi'];
const ACTORS = [
  'UN Agencies', 'WHO', 'UNICEF', 'UNHCR', 'The World Bank', 'Taliban Officials', 'The Ministry of Public Health',
  'Aid Groups', 'Rights Groups', 'Local Elders', 'Women Activists', 'Pakistani Authorities', 'Iranian Officials',
  'Returnees', 'Shopkeepers', 'Farmers', 'Teachers', 'University Students', 'Journalists', 'Doctors', 'Donors',
  'The Red Crescent', 'Residents', 'Traders', 'The Cricket Board', 'Resistance Fighters', 'Police',
];
const ACTIONS = [
  'Warn About', 'Report', 'Call for an End to', 'Condemn', 'Welcome', 'Reject', 'Confirm', 'Deny', 'Announce',
  'Struggle With', 'Protest Against', 'Demand Action on', 'Discuss', 'Launch', 'Suspend', 'Resume', 'Criticise',
  'Raise Alarm Over', 'Investigate', 'Respond to',
];
const TOPICS = [
  'Measles Outbreak', 'Ban on Girls’ Schooling', 'Border Closure', 'Rising Food Prices', 'Drought', 'Deportations',
  'New Restrictions on Women', 'Aid Cuts', 'Winter Shortages', 'Cholera Cases', 'Trade Deal', 'Prisoner Release',
  'Media Crackdown', 'Power Cuts', 'Flash Floods', 'Earthquake Relief', 'Poppy Eradication', 'Mining Contracts',
  'Railway Link', 'Visa Rules', 'Polio Vaccination', 'Hospital Funding', 'Night Raids', 'Peace Process',
  'Internet Shutdown', 'Water Dispute', 'Landmine Blasts', 'Road Accidents', 'Wheat Harvest', 'Currency Slump',
  'Child Malnutrition', 'Teacher Salaries', 'Refugee Camps', 'Cross-Border Shelling', 'Drug Smuggling',
];
const QUOTES = [
  'We Need Help Now', 'Schools Must Reopen', 'The Border Is Our Lifeline', 'No One Has Come', 'Prices Have Doubled',
  'We Lost Everything', 'Our Daughters Want to Learn', 'The Roads Are Closed', 'There Is No Work', 'We Will Rebuild',
];
const GROUPS = ['Families', 'Children', 'Returnees', 'Workers', 'Patients', 'Students', 'Traders', 'Villagers', 'Women'];
const EVENTS = ['Displaced by', 'Affected by', 'Hit by', 'Left Homeless After', 'Receive Help After', 'Still Waiting After'];

const NEWS_WORDS = (
  'officials said on the government has announced that the ministry of in province district authorities local ' +
  'residents told reporters according to sources statement this week last month earlier today country region ' +
  'border international aid support health services schools students women and children families returning ' +
  'refugees economy market prices trade exports imports water electricity roads project funding donors meeting ' +
  'delegation visit agreement cooperation relations foreign minister spokesman deputy acting regime fighters ' +
  'attack killed wounded incident police investigation court prison rights activists protest restrictions decree ' +
  'education university teachers hospital clinic doctors patients cases outbreak vaccine campaign drought floods ' +
  'earthquake winter snow rain crops farmers wheat cultivation smuggling journalists freedom press internet access ' +
  'culture music heritage mosque leaders community elders council village city capital north south east west ' +
  'several many most some more than over under about after before during since while however also still again ' +
  'already recently currently later years months days hours percent million thousand dozens increase decline ' +
  'growth crisis humanitarian assistance emergency response situation conditions concerns warned urged called ' +
  'confirmed denied expected planned launched opened closed resumed suspended would could will'
).split(' ');
/** One word each, so that a sentence's length is its word count. */
const CONNECTIVES = ['However,', 'Meanwhile,', 'Separately,', 'Earlier,', 'Additionally,', 'Elsewhere,'];

/** Persian words in Arabic script, for Dari posts (titles, bodies and a few tags). */
const PERSIAN_WORDS = (
  'افغانستان کابل هرات بلخ ننگرهار مردم حکومت طالبان زنان کودکان مکتب دانشگاه صحت اقتصاد امنیت وزارت ولایت ' +
  'گزارش سازمان ملل کمک بشری مهاجران ایران پاکستان مرز سیلاب زلزله خشکسالی آموزش حقوق رسانه خبرنگاران نشست ' +
  'گفتگو صلح قیمت بازار گندم برق آب راه شهر روستا امروز دیروز هفته سال جدید بزرگ مهم اعلام کرد است شد در از ' +
  'به با و این که برای شمار افزایش کاهش مسئولان باشندگان بیمارستان داکتران دانش‌آموزان زمستان بحران پناهجویان'
).split(' ');
const PERSIAN_TAGS = [
  'کابل', 'هرات', 'مهاجران', 'زنان', 'آموزش', 'سیلاب', 'زلزله', 'اقتصاد', 'صحت', 'امنیت', 'طالبان', 'گندم',
  'پناهجویان', 'خشکسالی', 'رسانه', 'بازار', 'مرز', 'زمستان', 'دانشگاه', 'کودکان',
];

const TAG_TOPICS = [
  'floods', 'schools', 'hospitals', 'returnees', 'elections', 'protests', 'drought', 'markets', 'airport', 'power',
  'water', 'mines', 'roads', 'police', 'prison', 'women', 'girls', 'students', 'farmers', 'wheat', 'poppy',
  'refugees', 'earthquake', 'snow', 'cholera', 'measles', 'polio', 'clinics', 'journalists', 'radio', 'border',
  'trade', 'prices', 'jobs', 'mosques', 'cricket', 'football', 'universities', 'internet', 'dam',
];
const STANDALONE_TAGS = [
  'UNICEF', 'WHO', 'UNAMA', 'UNHCR', 'WFP', 'World Bank', 'IMF', 'Red Crescent', 'Doha Agreement', 'Opium',
  'Remittances', 'Sanctions', 'Inflation', 'Afghani', 'Hijab', 'Evacuation', 'TAPI', 'CASA-1000', 'Lithium',
  'Copper', 'Salang Tunnel', 'Kabul Airport', 'Amu Darya', 'Qosh Tepa Canal', 'Helmand River', 'Buzkashi',
  'Nowruz', 'Ramadan', 'Eid', 'Malnutrition', 'Heatwave', 'Locusts', 'Deportations', 'Visas', 'Torkham Crossing',
  'Chaman', 'Girls’ Education', 'Media Freedom', 'Press Freedom', 'Landmines',
];

const FEEDS: readonly { id: string; name: string; host: string; persian?: boolean }[] = [
  { id: 'tolonews', name: 'Tolo News', host: 'tolonews.example' },
  { id: 'pajhwok', name: 'Pajhwok Afghan News', host: 'pajhwok.example' },
  { id: 'khaama', name: 'Khaama Press', host: 'khaama.example' },
  { id: 'ariana', name: 'Ariana News', host: 'ariananews.example' },
  { id: 'amu-tv', name: 'Amu TV', host: 'amu.example' },
  { id: 'kabulnow', name: 'KabulNow', host: 'kabulnow.example' },
  { id: 'un-news', name: 'UN News', host: 'news.un.example' },
  { id: 'reliefweb', name: 'ReliefWeb', host: 'reliefweb.example' },
  { id: 'azadi', name: 'Radio Azadi', host: 'azadiradio.example', persian: true },
  { id: 'bbc-persian', name: 'BBC Persian', host: 'bbcpersian.example', persian: true },
  { id: 'etilaatroz', name: 'Etilaatroz', host: 'etilaatroz.example', persian: true },
];
const SECTIONS = ['politics', 'security', 'economy', 'health', 'society', 'world', 'sport', 'culture'];
const AUTHORS: readonly (readonly [string, number])[] = [
  ['admin', 72],
  ['editor', 14],
  ['farid', 8],
  ['mariam', 6],
];

interface Vocabulary {
  categories: Zipf<string>;
  tags: Zipf<string>;
  tagCount: number;
  hasDariCategory: boolean;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * ~1,500 tags as a news desk accumulates them: organisations and topics, "<Place> <topic>"
 * pairs and a few Persian ones; no two with the same slug, and never Eleventy's reserved
 * collection names.
 */
function makeTags(random: Random, count: number): string[] {
  const candidates = [...STANDALONE_TAGS, ...PROVINCES, ...CITIES, ...ABROAD, ...PERSIAN_TAGS];
  for (const place of [...PROVINCES, ...CITIES]) {
    for (const topic of TAG_TOPICS) candidates.push(`${place} ${topic}`);
  }
  for (const place of ABROAD) candidates.push(`${place} talks`, `${place} visit`);
  const seen = new Set(['all', 'posts']);
  const tags: string[] = [];
  for (const tag of random.shuffled(candidates)) {
    const slug = slugify(tag);
    if (slug === '' || seen.has(slug)) continue;
    seen.add(slug);
    tags.push(tag);
    if (tags.length === count) break;
  }
  return tags;
}

function makeVocabulary(seed: string, categoryNames: readonly string[]): Vocabulary {
  const random = new Random(`${seed}/vocabulary`);
  const busy = BUSY_CATEGORIES.filter((name) => categoryNames.includes(name));
  const ranked = [...busy, ...random.shuffled(categoryNames.filter((name) => !busy.includes(name)))];
  const tags = makeTags(random, 1500);
  return {
    categories: new Zipf(ranked, 1.0),
    tags: new Zipf(tags, 1.0),
    tagCount: tags.length,
    hasDariCategory: categoryNames.includes(DARI_CATEGORY),
  };
}

// ---------------------------------------------------------------- text

/** Words as the statistics count them: whitespace-separated tokens with a letter or digit. */
export function countWords(markdown: string): number {
  let count = 0;
  for (const token of markdown.replace(/<!-- more -->/g, ' ').split(/\s+/)) {
    if (/[\p{L}\p{N}]/u.test(token)) count++;
  }
  return count;
}

const ONE_WORD_PLACES = [...PROVINCES, ...CITIES].filter((place) => !place.includes(' '));

function placeName(random: Random): string {
  return random.chance(0.8) ? random.pick(PROVINCES) : random.pick(CITIES);
}

function englishTitle(random: Random): string {
  const n = random.int(3, 1200);
  switch (random.int(0, 4)) {
    case 0:
      return `${random.pick(ACTORS)} ${random.pick(ACTIONS)} ${random.pick(TOPICS)} in ${placeName(random)}`;
    case 1:
      return `${placeName(random)}: ${n} ${random.pick(GROUPS)} ${random.pick(EVENTS)} ${random.pick(TOPICS)}`;
    case 2:
      return `${random.pick(TOPICS)} Claims ${n} Lives in ${placeName(random)}, Says ${random.pick(ACTORS)}`;
    case 3:
      return `“${random.pick(QUOTES)}”: ${random.pick(ACTORS)} on ${random.pick(TOPICS)} in ${placeName(random)}`;
    default:
      return `${random.pick(ACTORS)} and ${random.pick(ACTORS)} Meet in ${random.pick(ABROAD)} on ${random.pick(TOPICS)} – ${n} Days On`;
  }
}

function persianTitle(random: Random): string {
  const words: string[] = [];
  for (let i = random.int(4, 9); i > 0; i--) words.push(random.pick(PERSIAN_WORDS));
  return words.join(' ');
}

/** Exactly `count` words of running prose, in sentences. */
function prose(random: Random, count: number, persian: boolean): string[] {
  const words: string[] = [];
  while (words.length < count) {
    const length = Math.min(count - words.length, random.int(7, 22));
    const sentence: string[] = [];
    for (let i = 0; i < length; i++) {
      if (persian) sentence.push(random.pick(PERSIAN_WORDS));
      else if (random.chance(0.06)) sentence.push(random.pick(ONE_WORD_PLACES));
      else if (random.chance(0.03)) sentence.push(String(random.int(2, 25_000)).replace(/\B(?=(\d{3})+$)/, ','));
      else sentence.push(random.pick(NEWS_WORDS));
    }
    if (!persian) {
      if (length > 4 && random.chance(0.15)) sentence[0] = random.pick(CONNECTIVES);
      else sentence[0] = capitalise(sentence[0]!);
      if (length > 8 && random.chance(0.3)) sentence[random.int(2, length - 3)] += ',';
    } else if (length > 8 && random.chance(0.3)) {
      sentence[random.int(2, length - 3)] += '،';
    }
    sentence[sentence.length - 1] += '.';
    words.push(...sentence);
  }
  return words;
}

function articleUrl(random: Random, host: string): string {
  return `https://${host}/${random.pick(SECTIONS)}/${random.int(100_000, 999_999)}`;
}

/** A paragraph of `count` words; sometimes a link over two or three of them, or a bold word. */
function paragraph(random: Random, count: number, persian: boolean): string {
  const words = prose(random, count, persian);
  if (count >= 6 && random.chance(0.35)) {
    const span = random.int(2, 3);
    const at = random.int(0, count - span);
    words[at] = `[${words[at]!}`;
    words[at + span - 1] = `${words[at + span - 1]!.replace(/[.,،]$/, '')}](${articleUrl(random, random.pick(FEEDS).host)})`;
  } else if (!persian && count >= 4 && random.chance(0.15)) {
    const at = random.int(1, count - 2);
    words[at] = `**${words[at]!.replace(/[.,]$/, '')}**`;
  }
  return words.join(' ');
}

interface Body {
  markdown: string;
  words: number;
  more: boolean;
  heading: boolean;
  list: boolean;
  link: boolean;
}

/** 80–700 words (skewed short: aggregated summaries are short, editorials long), in Markdown blocks. */
function makeBody(random: Random, persian: boolean): Body {
  const target = 80 + Math.floor(620 * Math.pow(random.next(), 2));
  const blocks: string[] = [];
  let left = target;
  const flags = { more: false, heading: false, list: false };
  const wantMore = random.chance(0.2);
  const wantHeading = random.chance(0.15);
  const wantList = random.chance(0.2);
  const wantQuote = random.chance(0.1);
  while (left > 0) {
    let size = left < 40 ? left : Math.min(left, random.int(30, 110));
    if (left - size < 15) size = left; // no stub paragraphs at the end
    blocks.push(paragraph(random, size, persian));
    left -= size;
    if (left <= 0) break;
    if (blocks.length === 1 && wantMore) {
      blocks.push('<!-- more -->');
      flags.more = true;
    }
    if (wantHeading && !flags.heading && left >= 20) {
      const words = prose(random, Math.min(random.int(2, 6), left - 10), persian).map((w) => w.replace(/[.,،]$/, ''));
      blocks.push(`## ${words.join(' ')}`);
      left -= words.length;
      flags.heading = true;
    } else if (wantList && !flags.list && left >= 30) {
      const items: string[] = [];
      for (let i = random.int(3, 6); i > 0 && left > 12; i--) {
        const size = random.int(3, 8);
        const words = prose(random, size, persian);
        left -= size;
        if (random.chance(0.3)) {
          const feed = random.pick(FEEDS);
          items.push(`- [${words.join(' ').replace(/[.،]$/, '')}](${articleUrl(random, feed.host)})`);
        } else {
          items.push(`- ${words.join(' ')}`);
        }
      }
      blocks.push(items.join('\n'));
      flags.list = true;
    } else if (wantQuote && left >= 30 && blocks.length >= 3 && !blocks.some((b) => b.startsWith('> '))) {
      const size = random.int(10, 24);
      blocks.push(`> ${prose(random, size, persian).join(' ')}`);
      left -= size;
    }
  }
  const markdown = `${blocks.join('\n\n')}\n`;
  return { markdown, words: countWords(markdown), ...flags, link: markdown.includes('](') };
}

// ---------------------------------------------------------------- the corpus

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

function usedSlugs(dir: string): Set<string> {
  const used = new Set<string>();
  if (!existsSync(dir)) return used;
  for (const name of readdirSync(dir)) if (name.endsWith('.md')) used.add(name.slice(0, -3));
  return used;
}

export function generateCorpus(options: CorpusOptions): CorpusStats {
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

  const categoryList = loadCategories(join(dataDir, 'categories.yaml'));
  const vocabulary = makeVocabulary(
    seed,
    categoryList.all.map((c) => c.name),
  );
  const random = new Random(`${seed}/posts/${batch}`);

  mkdirSync(join(options.out, '_data'), { recursive: true });
  for (const file of ['site.yaml', 'categories.yaml']) {
    // Appending leaves the data files as they are (an incremental build may watch their mtimes).
    const target = join(options.out, '_data', file);
    if (options.append !== true || !existsSync(target)) copyFileSync(join(dataDir, file), target);
  }


  const totals = { fa: 0, source: 0, categories: 0, tags: 0, words: 0, more: 0, heading: 0, list: 0, link: 0, bytes: 0, collisions: 0 };
  let wordsMin = Number.POSITIVE_INFINITY;
  let wordsMax = 0;
  const categoriesUsed = new Set<string>();
  const tagsUsed = new Set<string>();
  const slugsByMonth = new Map<string, Set<string>>();
  let written = 0;
  let day = 0;
  for (; written < options.posts; day++) {
    const dayStart = newestDay.minus({ days: day });
    const spread = options.exactPerDay === true ? 1 : 0.6 + 0.8 * random.next();
    const count = Math.min(options.posts - written, Math.max(1, Math.round(perDay * spread)));
    // Distinct minutes, mostly in working hours; newest first, as a feed lists them.
    const minutes = new Set<number>();
    while (minutes.size < count) minutes.add(random.chance(0.85) ? random.int(360, 1319) : random.int(0, 1439));
    for (const minute of [...minutes].sort((a, b) => b - a)) {
      const local = dayStart.plus({ minutes: minute });
      const persian = random.chance(0.05);
      const title = persian ? persianTitle(random) : englishTitle(random);

      // A unique slug in its month folder (a month holds whole days in the site's zone, so
      // this also keeps /YYYY/MM/DD/<slug>/ unique).
      const folder = join(options.out, 'posts', local.toFormat('yyyy'), local.toFormat('MM'));
      let used = slugsByMonth.get(folder);
      if (used === undefined) {
        used = options.append === true ? usedSlugs(folder) : new Set();
        slugsByMonth.set(folder, used);
        mkdirSync(folder, { recursive: true });
      }
      const base = slugify(title);
      let slug = base;
      for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
      if (slug !== base) totals.collisions++;
      used.add(slug);

      let categories = vocabulary.categories.drawDistinct(random, random.weighted([[1, 45], [2, 35], [3, 20]] as const));
      if (persian && vocabulary.hasDariCategory && !categories.includes(DARI_CATEGORY) && random.chance(0.7)) {
        categories = [...categories.slice(0, -1), DARI_CATEGORY];
      }
      const tags = vocabulary.tags.drawDistinct(random, random.weighted([[0, 20], [1, 35], [2, 25], [3, 20]] as const));

      const data: Record<string, unknown> = {
        title,
        date: local.toUTC().toISO({ suppressMilliseconds: true }),
        author: random.weighted(AUTHORS),
        categories,
        tags,
      };
      if (persian) data.lang = 'fa';
      if (slug !== base) data.slug = slug;
      if (random.chance(0.6)) {
        const pool = FEEDS.filter((f) => (f.persian === true) === persian);
        const feed = random.pick(pool.length > 0 ? pool : FEEDS);
        const url = articleUrl(random, feed.host);
        data.source = { name: feed.name, url, id: random.chance(0.8) ? url : `tag:${feed.host},2025:${random.int(1, 9_999_999)}`, feed: feed.id };
        totals.source++;
      }
      if (random.chance(0.03)) {
        data.updated = local.plus({ hours: random.int(1, 30) }).toUTC().toISO({ suppressMilliseconds: true });
      }

      const validation = validatePost(data);
      if (!validation.ok) {
        throw new Error(`generated post ${slug} is invalid: ${validation.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
      }
      for (const name of categories) {
        if (categoryList.get(name) === undefined) throw new Error(`generated post ${slug}: unknown category ${name}`);
      }

      const body = makeBody(random, persian);
      const text = stringifyFrontMatter(data, body.markdown);
      writeFileSync(join(folder, `${slug}.md`), text);

      written++;
      totals.bytes += Buffer.byteLength(text);
      totals.categories += categories.length;
      totals.tags += tags.length;
      totals.words += body.words;
      wordsMin = Math.min(wordsMin, body.words);
      wordsMax = Math.max(wordsMax, body.words);
      if (persian) totals.fa++;
      if (body.more) totals.more++;
      if (body.heading) totals.heading++;
      if (body.list) totals.list++;
      if (body.link) totals.link++;
      for (const c of categories) categoriesUsed.add(c);
      for (const t of tags) tagsUsed.add(slugify(t));
    }
  }

  return {
    out: options.out,
    seed,
    batch,
    posts: written,
    from: newestDay.minus({ days: day - 1 }).toISODate()!,
    to: newestDay.toISODate()!,
    days: day,
    months: slugsByMonth.size,
    postsPerDay: round(written / day, 1),
    faShare: round(totals.fa / written, 3),
    sourceShare: round(totals.source / written, 3),
    categoriesPerPost: round(totals.categories / written, 2),
    categoriesUsed: categoriesUsed.size,
    tagsPerPost: round(totals.tags / written, 2),
    tagsUsed: tagsUsed.size,
    tagVocabulary: vocabulary.tagCount,
    wordsMin,
    wordsMean: Math.round(totals.words / written),
    wordsMax,
    moreShare: round(totals.more / written, 3),
    headingShare: round(totals.heading / written, 3),
    listShare: round(totals.list / written, 3),
    linkShare: round(totals.link / written, 3),
    slugCollisions: totals.collisions,
    megabytes: round(totals.bytes / 1e6, 1),
  };
}

// ---------------------------------------------------------------- command line

function main(): void {
  const usage =
    'usage: gen-corpus.ts --posts N --out DIR [--seed S] [--end YYYY-MM-DD] [--per-day K [--exact]] [--append] [--batch NAME]';
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        posts: { type: 'string', short: 'n' },
        out: { type: 'string', short: 'o' },
        seed: { type: 'string' },
        batch: { type: 'string' },
        end: { type: 'string' },
        'per-day': { type: 'string' },
        exact: { type: 'boolean' },
        append: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`gen-corpus: ${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (values.help === true) {
    console.log(usage);
    return;
  }
  const posts = Number(values.posts);
  if (values.out === undefined || !Number.isInteger(posts) || posts < 1) {
    console.error(`gen-corpus: --posts N (a positive integer) and --out DIR are required\n${usage}`);
    process.exit(2);
  }
  try {
    const stats = generateCorpus({
      posts,
      out: values.out,
      ...(values.seed === undefined ? {} : { seed: values.seed }),
      ...(values.batch === undefined ? {} : { batch: values.batch }),
      ...(values.end === undefined ? {} : { end: values.end }),
      ...(values['per-day'] === undefined ? {} : { perDay: Number(values['per-day']) }),
      exactPerDay: values.exact === true,
      append: values.append === true,
    });
    console.log(JSON.stringify(stats));
  } catch (error) {
    console.error(`gen-corpus: ${(error as Error).message}`);
    process.exit(1);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
