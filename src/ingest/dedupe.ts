import type { PostDraft } from './types.ts';

/**
 * De-duplication. Within a source, by key (the item's guid, link or content hash, as
 * compose.ts decides): a key once seen is a duplicate for good, so an item an editor
 * deleted never comes back. Across sources, by canonical link: an article another source
 * (or an editor's post) already has is a duplicate, e.g. one story syndicated by two outlets.
 * A source's own items may share a link (a live blog, a feed that links every item to its
 * home page): compose gave them distinct keys, and they stay distinct posts.
 */

/** Who has each canonical link (by linkKey): a source id, or EDITOR for a hand-written post. */
export type LinkOwners = Map<string, string>;

export const EDITOR = '';

export interface Partition {
  fresh: PostDraft[];
  duplicates: PostDraft[];
}

/**
 * Splits one source's drafts. `seenKeys` is that source's key set; `owners` the canonical
 * links stored so far. Pure: the caller records the fresh drafts (see claimLinks).
 */
export function partitionDrafts(
  drafts: readonly PostDraft[],
  sourceId: string,
  seenKeys: ReadonlySet<string>,
  owners: ReadonlyMap<string, string>,
): Partition {
  const fresh: PostDraft[] = [];
  const duplicates: PostDraft[] = [];
  const batchKeys = new Set<string>();
  for (const draft of drafts) {
    const owner = owners.get(linkKey(draft.canonicalLink));
    const duplicate = seenKeys.has(draft.key) || batchKeys.has(draft.key) || (owner !== undefined && owner !== sourceId);
    (duplicate ? duplicates : fresh).push(draft);
    batchKeys.add(draft.key);
  }
  return { fresh, duplicates };
}

/**
 * Records that `sourceId` has these links (a link keeps its first owner). Called right after
 * partitionDrafts, before any await: two sources running side by side cannot both take one
 * article.
 */
export function claimLinks(owners: LinkOwners, sourceId: string, drafts: readonly PostDraft[]): void {
  for (const draft of drafts) {
    const key = linkKey(draft.canonicalLink);
    if (!owners.has(key)) owners.set(key, sourceId);
  }
}

/**
 * The form a canonical link is compared in: normalise.ts has already removed tracking
 * parameters; this only folds what never distinguishes two articles (the fragment, the
 * scheme, the host's case, a trailing slash).
 */
export function linkKey(link: string): string {
  try {
    const url = new URL(link);
    url.hash = '';
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    return `${url.host.toLowerCase()}${path}${url.search}`;
  } catch {
    return link.trim();
  }
}
