/**
 * The text of a synthetic post: English and Persian titles, source article URLs and Markdown
 * bodies (paragraphs, links, headings, lists, quotes, `<!-- more -->`), and the word count
 * the statistics use.
 */
import type { Random } from './random.ts';
import { ABROAD, ACTIONS, ACTORS, CITIES, CONNECTIVES, EVENTS, FEEDS, GROUPS, NEWS_WORDS, PERSIAN_WORDS, PROVINCES, QUOTES, SECTIONS, TOPICS } from './vocabulary.ts';

/** Words as the statistics count them: whitespace-separated tokens with a letter or digit. */
export function countWords(markdown: string): number {
  let count = 0;
  for (const token of markdown.replace(/<!-- more -->/g, ' ').split(/\s+/)) {
    if (/[\p{L}\p{N}]/u.test(token)) count++;
  }
  return count;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const ONE_WORD_PLACES = [...PROVINCES, ...CITIES].filter((place) => !place.includes(' '));

function placeName(random: Random): string {
  return random.chance(0.8) ? random.pick(PROVINCES) : random.pick(CITIES);
}

export function englishTitle(random: Random): string {
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

export function persianTitle(random: Random): string {
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

export function articleUrl(random: Random, host: string): string {
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

export interface Body {
  markdown: string;
  words: number;
  more: boolean;
  heading: boolean;
  list: boolean;
  link: boolean;
}

/** 80–700 words (skewed short: aggregated summaries are short, editorials long), in Markdown blocks. */
export function makeBody(random: Random, persian: boolean): Body {
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
