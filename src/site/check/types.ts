/**
 * The content check's shared types: a checked post or page, the check's result, a body's
 * links for the link check, and the folders served as they are.
 */
import type { Problem } from '../../model/errors.ts';
import type { PageFrontMatter, PostFrontMatter } from '../../model/schema.ts';
import type { BodyLink } from '../render/markdown.ts';

export interface CheckedPost {
  path: string;
  /** The hash of the file's text (parse-cache.ts): the page cache knows the post by it. */
  sourceHash: string;
  frontMatter: PostFrontMatter;
  url: string;
  /** The body rendered to HTML: Markdown is rendered once per build, here. */
  html: string;
}

export interface CheckedPage {
  path: string;
  sourceHash: string;
  frontMatter: PageFrontMatter;
  url: string;
  html: string;
}

export interface ContentCheck {
  posts: CheckedPost[];
  pages: CheckedPage[];
  problems: Problem[];
}

export interface BodyRef {
  path: string;
  /** The body's links and images (markdown.ts renderBody). */
  links: readonly BodyLink[];
  /** The file line the body starts on. */
  bodyLine: number;
}

/** Files the site serves as they are: URL prefix → folder. */
export type StaticDirs = Record<string, string>;
