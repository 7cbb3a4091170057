/**
 * The search index's shared types: a post as the search index takes it, the record Pagefind
 * gets for it, and the messages between the build and a search worker.
 */

export interface SearchPost {
  url: string;
  title: string;
  date: Date;
  lang: string;
  categories: readonly { name: string }[];
  source: { name: string } | undefined;
  item: { content: string };
}

export interface SearchRecord {
  url: string;
  content: string;
  language: string;
  /** `written`: the words as written where the folded content differs, coded (search-copy.ts). */
  meta: { title: string; date: string; written?: string };
  filters: { category: string[] };
  sort: { date: string };
}

export type ShardTask = { posts: SearchPost[]; timeZone: string; dir: string } | { close: true };
export type ShardAnswer = { done: string } | { failed: string; error: string };
