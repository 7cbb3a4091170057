import type { PostDraft } from './types.ts';

/**
 * The per-source cap on new posts in one run. When a source has more new items than its cap
 * (a feed dumping its archive, a runaway generator), the run writes the newest `max` of them
 * and leaves the rest: they are neither written nor marked seen, so the next run finds them
 * new again and takes the next newest, until the backlog is gone.
 */
export interface CappedDrafts {
  /** The newest `max` drafts, in their original order. */
  taken: PostDraft[];
  /** The others, for a later run. */
  left: PostDraft[];
}

export function capNewPosts(drafts: readonly PostDraft[], max: number): CappedDrafts {
  if (drafts.length <= max) return { taken: [...drafts], left: [] };
  // Newest first; the same instant keeps the feed's order.
  const order = drafts
    .map((draft, index) => ({ index, date: Date.parse(draft.frontMatter.date) }))
    .sort((a, b) => (b.date - a.date || 0) || a.index - b.index);
  const kept = new Set(order.slice(0, max).map((entry) => entry.index));
  return {
    taken: drafts.filter((_draft, index) => kept.has(index)),
    left: drafts.filter((_draft, index) => !kept.has(index)),
  };
}
