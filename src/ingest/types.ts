/**
 * The data that flows through the ingest pipeline, stage by stage:
 * fetch → decode → parse → normalise → sanitise → classify → de-duplicate → store.
 * Each stage is a plain function in its own module; this file is their shared vocabulary.
 */

export type SourceKind = 'summary' | 'full' | 'video';

/** One entry of content/_data/sources.yaml, after validation and defaults. */
export interface SourceConfig {
  id: string;
  name: string;
  url: string;
  kind: SourceKind;
  categories: string[];
  tags: string[];
  lang?: string;
  enabled: boolean;
  /** New posts one run writes at most (sources.yaml `maxNewPosts`); undefined: the default, 200. */
  maxNewPosts?: number;
}

/** What a successful fetch returns (fetch.ts). A 304 is `not-modified`; every failure throws FetchError. */
export type FetchResult =
  | {
      status: 'ok';
      /** The URL after redirects: relative links in the feed resolve against it. */
      url: string;
      body: Buffer;
      contentType?: string;
      etag?: string;
      lastModified?: string;
    }
  | { status: 'not-modified'; url: string };

/** An item as the feed wrote it (parse.ts): strings straight from the XML/JSON, not yet trusted. */
export interface RawItem {
  guid?: string;
  link?: string;
  title?: string;
  /** HTML (or text) of the feed's short description / summary. */
  summary?: string;
  /** HTML of the full content (content:encoded, Atom content, content_html). */
  content?: string;
  author?: string;
  /** Date strings exactly as found. */
  published?: string;
  updated?: string;
  categories: string[];
  /** YouTube: the video id (yt:videoId). */
  videoId?: string;
  thumbnail?: string;
  lang?: string;
}

export interface ParsedFeed {
  title?: string;
  link?: string;
  lang?: string;
  items: RawItem[];
}

/** An item after normalise.ts: plain-text title, absolute clean link, real dates. HTML still untrusted. */
export interface NormalisedItem {
  title: string;
  link: string;
  /** The item has no link of its own: `link` is the outlet's home page (normalise.ts). */
  linkIsHome?: boolean;
  guid?: string;
  date: Date;
  updated?: Date;
  author?: string;
  lang?: string;
  summaryHtml?: string;
  contentHtml?: string;
  categories: string[];
  videoId?: string;
  thumbnail?: string;
}

/** A post ready to store: front matter that passes the shared schema, and a Markdown body. */
export interface PostDraft {
  frontMatter: {
    title: string;
    date: string;
    author?: string;
    categories: string[];
    tags: string[];
    lang?: string;
    /** `home`: `url` is the outlet's home page, the item having no link of its own. */
    source: { name: string; url: string; id: string; feed: string; home?: boolean };
    video?: string;
    updated?: string;
  };
  body: string;
  /** The de-duplication key of the item within its source (guid, else link, else hash). */
  key: string;
  /** The canonical link, for de-duplication across sources. */
  canonicalLink: string;
}

export type SourceStatus = 'ok' | 'not-modified' | 'failed' | 'skipped';

/** One entry of the run's report (the contract's fields plus timings). */
export interface SourceReport {
  id: string;
  status: SourceStatus;
  seen: number;
  added: number;
  duplicate: number;
  /** Items dropped as unusable (neither a title nor any text), or refused by the post schema. */
  invalid: number;
  /**
   * New items left for a later run (not marked seen): over the source's `maxNewPosts`, or not
   * reached within the time limit. Present only when there are some.
   */
  deferred?: number;
  /** Items written with their HTML cut to the size limit or flattened to the nesting limit. Present only when there are some. */
  trimmed?: number;
  /** What the limits did, a line each (at most 20). Present only when there is something. */
  notes?: string[];
  error?: string;
  durationMs: number;
}
