/**
 * The fixture feeds as the parse tests read them: through tests/helpers/fixtures.ts, decoded
 * here (the decode stage is someone else's: the non-UTF-8 fixtures are decoded as the README
 * says).
 */
import iconv from 'iconv-lite';
import { parseFeed } from '../../../src/ingest/parse/index.ts';
import type { ParsedFeed } from '../../../src/ingest/types.ts';
import { feedBytes } from '../../helpers/fixtures.ts';

const ENCODINGS: Record<string, string> = {
  'rss-uol-latin1-no-declaration.xml': 'iso-8859-1',
  'rss-ibash-windows-1251.xml': 'windows-1251',
  'rss-liberal-greek-iso-8859-7.xml': 'iso-8859-7',
  'rss-golem-iso-8859-1.xml': 'iso-8859-1',
};

export function fixture(name: string): string {
  const bytes = feedBytes(name);
  return iconv.decode(bytes, ENCODINGS[name] ?? 'utf-8');
}

export async function parseFixture(name: string, feedUrl = 'https://feeds.example.org/feed'): Promise<ParsedFeed> {
  return parseFeed(fixture(name), feedUrl);
}
