import { isDeepStrictEqual } from 'node:util';
import { publishedPost, type BuildState } from '../check/build-state.ts';
import type { CheckedPage, CheckedPost } from '../check/types.ts';
import { postEntry } from '../index/site-index.ts';
import type { PostBody } from '../index/site-model.ts';
import type { IndexOptions, SiteIndex } from '../index/types.ts';

/**
 * A change to what a post shows but not to where it is listed: a title, an author, a
 * language, a source, a video, a description, or the body — the same files and URLs, each
 * post with the same date, categories, tags, draft flag and aliases, the same site settings
 * and categories, and the same posts published. Every list, neighbour, related story and the
 * sidebar hold the same entries in the same places, so the dev server rewrites the changed
 * posts' entries in place (every list sees them) instead of building the index again
 * (some 1–2 s at 50,000 posts); the shared fragments (the sidebar lists recent titles) are
 * rendered again.
 */
export interface EntryEdit {
  posts: CheckedPost[];
  pages: CheckedPage[];
}

/** Front matter that places a post (lists, feeds' order, redirects): an entry edit keeps it. */
const POST_PLACE = ['date', 'categories', 'tags', 'draft', 'aliases'] as const;
const PAGE_PLACE = ['draft', 'aliases'] as const;

/** Whether a changed file's front matter still places it where it was (`was` before, `is` after). */
export type KeptPlace = (was: Record<string, unknown>, is: Record<string, unknown>) => boolean;

const sameFields =
  (fields: readonly string[]): KeptPlace =>
  (was, is) =>
    fields.every((field) => isDeepStrictEqual(was[field], is[field]));

/** The files whose entries alone changed from `before` to `after`, or undefined when anything else did. */
export function entryEdit(before: BuildState, after: BuildState, index: SiteIndex<PostBody>): EntryEdit | undefined {
  return changedInPlace(before, after, index, sameFields(POST_PLACE), sameFields(PAGE_PLACE));
}

/**
 * The posts and pages that changed, when a change can be applied in place: the same files and
 * URLs, each changed one still placed where it was (`keptPost`, `keptPage`), the same site
 * settings and categories, and the same posts published; else undefined. (body-edit.ts asks the
 * same with every field of the front matter kept.)
 */
export function changedInPlace(before: BuildState, after: BuildState, index: SiteIndex<PostBody>, keptPost: KeptPlace, keptPage: KeptPlace): EntryEdit | undefined {
  if (before.categories !== after.categories || before.rules.includeDrafts !== after.rules.includeDrafts) return undefined;
  if (!isDeepStrictEqual(before.site, after.site)) return undefined;
  const posts = changedFiles(before.posts, after.posts, keptPost);
  const pages = changedFiles(before.pages, after.pages, keptPage);
  if (posts === undefined || pages === undefined) return undefined;
  // "Now" moves on between changes (unless fixed): a post whose time has come is a new list entry.
  if (before.rules.now.getTime() !== after.rules.now.getTime()) {
    for (const post of after.posts.values()) if (publishedPost(after, post) !== index.byUrl.has(post.url)) return undefined;
  }
  return { posts, pages };
}

function changedFiles<File extends CheckedPost | CheckedPage>(before: ReadonlyMap<string, File>, after: ReadonlyMap<string, File>, kept: KeptPlace): File[] | undefined {
  if (before.size !== after.size) return undefined;
  const changed: File[] = [];
  for (const [path, file] of after) {
    const old = before.get(path);
    if (old === undefined) return undefined;
    if (old.sourceHash === file.sourceHash) continue;
    if (old.url !== file.url) return undefined;
    if (!kept(old.frontMatter as Record<string, unknown>, file.frontMatter as Record<string, unknown>)) return undefined;
    changed.push(file);
  }
  return changed;
}

/** Rewrites the changed posts' index entries in place, as buildSiteIndex makes them (their categories and tags kept). */
export function applyEntryEdit(index: SiteIndex<PostBody>, edit: EntryEdit, options: IndexOptions): void {
  for (const post of edit.posts) {
    const entry = index.byUrl.get(post.url);
    if (entry === undefined) continue;
    Object.assign(entry, postEntry({ url: post.url, frontMatter: post.frontMatter, item: { content: post.html, sourceHash: post.sourceHash } }, entry, options));
  }
}
