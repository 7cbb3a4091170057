/**
 * The page writer's shared types: a generator template that pages over one of Khabar's
 * collections, and one page to write.
 */

export interface PageGenerator {
  /** Template path under templates/, e.g. "generators/lists.njk". */
  template: string;
  /** The collection it pages over ("khabarLists"), from its front matter. */
  collection: string;
  /** The variable one item is known by in the template ("list"). */
  alias: string;
}

/** One page to write: its URL, its template and the data only it has. */
export interface PageJob {
  url: string;
  template: string;
  data: Record<string, unknown>;
  /**
   * For a post or page: its file's path and hash, which `data` is made from (so the page
   * cache's key need not hash `data`, body and all).
   */
  source?: string;
}
