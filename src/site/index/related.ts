import type { PostEntry, RelatedOptions, RelatedStories } from './types.ts';

/**
 * "Related" and "More <category> news" for every post, computed ONCE per build from the
 * site index's per-term post lists (an inverted index: term URL → its posts, newest first).
 *
 * Nothing compares every pair of posts. For a post P, the candidates are the posts that share
 * a term (category or tag) with P, and each term contributes at most `window` of them: the
 * posts nearest to P in that term's list (about window/2 newer and window/2 older; near either
 * end of the list the window slides so it still holds `window` posts). A term with at most
 * `window` other posts contributes all of them, so small tags are exact; a huge category
 * (8,000 posts in "Political News") contributes only P's `window` neighbours in time.
 *
 * The bound: with T terms on P, at most T × window candidates are scored, each by counting its
 * terms that P also has (one array lookup per term). Finding P in a term list is a binary
 * search; the term lists are turned into arrays of ranks once, in time proportional to the
 * number of (post, term) pairs. So the whole pass is O(N × T × (window × T' + log N)) for N
 * posts with T (and T') terms each — linear in N for a bounded number of terms per post (about
 * 250 candidates a post on a synthetic corpus, whether it has 2,000, 8,000 or 20,000 posts). The score is exact (the number of
 * shared categories and tags); only candidates outside every window are missed, which are,
 * by construction, posts far from P in time that share only crowded terms with it.
 */

const DEFAULT_RELATED_COUNT = 5;
export const DEFAULT_RELATED_WINDOW = 100;

/** The heading of the "more in this category" list. */
export function moreHeading(categoryName: string): string {
  return /\bnews$/i.test(categoryName.trim()) ? `More ${categoryName}` : `More ${categoryName} news`;
}

/**
 * @param posts every published post, newest first (the site index's order)
 * @param termPosts the posts of a category or tag by its URL, in the same order
 */
export function buildRelated<Item>(
  posts: readonly PostEntry<Item>[],
  termPosts: (termUrl: string) => readonly PostEntry<Item>[] | undefined,
  options: RelatedOptions = {},
): Map<string, RelatedStories<Item>> {
  const count = Math.max(1, options.count ?? DEFAULT_RELATED_COUNT);
  const window = Math.max(1, options.window ?? DEFAULT_RELATED_WINDOW);
  const n = posts.length;

  // Posts by rank (their position, newest first) and terms by number: the loop below runs on
  // integer arrays, with no hashing per comparison.
  const rank = new Map<PostEntry<Item>, number>();
  posts.forEach((post, i) => rank.set(post, i));
  const termIds = new Map<string, number>();
  const termLists: Int32Array[] = [];
  const postTerms: Int32Array[] = [];
  for (const post of posts) {
    const ids: number[] = [];
    for (const url of termUrls(post)) {
      let id = termIds.get(url);
      if (id === undefined) {
        id = termLists.length;
        termIds.set(url, id);
        const ranks: number[] = [];
        for (const member of termPosts(url) ?? []) {
          const r = rank.get(member);
          if (r !== undefined) ranks.push(r);
        }
        termLists.push(Int32Array.from(ranks.sort((a, b) => a - b)));
      }
      if (!ids.includes(id)) ids.push(id);
    }
    postTerms.push(Int32Array.from(ids));
  }

  // Stamps instead of per-post sets: seen[c] === p means candidate c was scored for post p,
  // mine[t] === p means post p has term t.
  const seen = new Int32Array(n).fill(-1);
  const mine = new Int32Array(termLists.length).fill(-1);
  const bestRank: number[] = [];
  const bestScore: number[] = [];
  let comparisons = 0;

  const result = new Map<string, RelatedStories<Item>>();
  // Every post of a category that is not among its `count` latest shows the same list: one
  // array per category, so that what is made of it (the rendered list) can be made once.
  const sharedLatest = new Map<string, readonly PostEntry<Item>[]>();
  const latestOthers = (post: PostEntry<Item>, categoryUrl: string): readonly PostEntry<Item>[] => {
    const inCategory = termPosts(categoryUrl) ?? [];
    let shared = sharedLatest.get(categoryUrl);
    if (shared === undefined) {
      shared = inCategory.slice(0, count);
      sharedLatest.set(categoryUrl, shared);
    }
    if (!shared.includes(post)) return shared;
    const own: PostEntry<Item>[] = [];
    for (const other of inCategory) {
      if (own.length === count) break;
      if (other !== post) own.push(other);
    }
    return own;
  };

  for (let p = 0; p < n; p++) {
    const post = posts[p]!;
    const terms = postTerms[p]!;
    for (const t of terms) mine[t] = p;
    seen[p] = p;
    bestRank.length = 0;
    bestScore.length = 0;

    for (const t of terms) {
      const list = termLists[t]!;
      if (list.length < 2) continue;
      const [from, to] = windowAround(list, p, window);
      for (let i = from; i < to; i++) {
        const c = list[i]!;
        if (seen[c] === p) continue;
        seen[c] = p;
        comparisons++;
        let score = 0;
        for (const u of postTerms[c]!) if (mine[u] === p) score++;
        // Keep the best `count`, best first: higher score, then newer (lower rank).
        let at = bestRank.length;
        while (at > 0 && (score > bestScore[at - 1]! || (score === bestScore[at - 1]! && c < bestRank[at - 1]!))) at--;
        if (at < count) {
          bestRank.splice(at, 0, c);
          bestScore.splice(at, 0, score);
          if (bestRank.length > count) {
            bestRank.pop();
            bestScore.pop();
          }
        }
      }
    }

    const category = post.categories[0]!;
    const latest = latestOthers(post, category.url);
    result.set(post.url, {
      stories: bestRank.map((r) => posts[r]!),
      category,
      heading: moreHeading(category.name),
      latest,
      latestShared: latest === sharedLatest.get(category.url),
    });
  }
  if (options.stats !== undefined) options.stats.comparisons = comparisons;
  return result;
}

/** The shared "More … news" list of each category, by category URL, from any post that shows it. */
export function sharedMoreLists<Item>(related: ReadonlyMap<string, RelatedStories<Item>>): Map<string, RelatedStories<Item>> {
  const shared = new Map<string, RelatedStories<Item>>();
  for (const rel of related.values()) {
    if (rel.latestShared && !shared.has(rel.category.url)) shared.set(rel.category.url, rel);
  }
  return shared;
}

function termUrls(post: PostEntry<unknown>): string[] {
  const urls: string[] = [];
  for (const c of post.categories) urls.push(c.url);
  for (const t of post.tags) urls.push(t.url);
  return urls;
}

/** Half-open range [from, to) of at most `window` + 1 ranks of `list` around rank `own`. */
function windowAround(list: Int32Array, own: number, window: number): [number, number] {
  if (list.length <= window + 1) return [0, list.length];
  // The list is in rank order: binary search for the post's position.
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < own) lo = mid + 1;
    else hi = mid;
  }
  const from = Math.max(0, Math.min(lo - Math.floor(window / 2), list.length - (window + 1)));
  return [from, from + window + 1];
}
