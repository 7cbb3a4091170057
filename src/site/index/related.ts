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
  const finder = new RelatedFinder(posts, termPosts, options);
  const result = new Map<string, RelatedStories<Item>>();
  for (let p = 0; p < posts.length; p++) result.set(posts[p]!.url, finder.relatedOf(p));
  if (options.stats !== undefined) options.stats.comparisons = finder.comparisons;
  return result;
}

/**
 * The same lists as buildRelated, each computed when first asked for (the dev server: a
 * post's lists are needed only when its page is rendered). `get` answers what buildRelated's
 * map holds; the term lists are made as posts need them.
 */
export class LazyRelated<Item> extends Map<string, RelatedStories<Item>> {
  private readonly finder: RelatedFinder<Item>;
  private readonly posts: readonly PostEntry<Item>[];
  private readonly termPosts: (termUrl: string) => readonly PostEntry<Item>[] | undefined;
  private rankOf: Map<string, number> | undefined;

  constructor(posts: readonly PostEntry<Item>[], termPosts: (termUrl: string) => readonly PostEntry<Item>[] | undefined, options: RelatedOptions = {}) {
    super();
    this.posts = posts;
    this.termPosts = termPosts;
    this.finder = new RelatedFinder(posts, termPosts, options);
  }

  override get(url: string): RelatedStories<Item> | undefined {
    let found = super.get(url);
    if (found === undefined) {
      this.rankOf ??= new Map(this.posts.map((post, i) => [post.url, i]));
      const p = this.rankOf.get(url);
      if (p === undefined) return undefined;
      found = this.finder.relatedOf(p);
      super.set(url, found);
    }
    return found;
  }

  override has(url: string): boolean {
    return this.get(url) !== undefined;
  }

  /**
   * What sharedMoreLists(buildRelated(…)) holds for a category: the lists of the newest post
   * whose first category it is and that shows the category's shared list.
   */
  sharedMore(categoryUrl: string): RelatedStories<Item> | undefined {
    for (const post of this.termPosts(categoryUrl) ?? []) {
      if (post.categories[0]?.url !== categoryUrl) continue;
      const rel = this.get(post.url)!;
      if (rel.latestShared) return rel;
    }
    return undefined;
  }
}

/**
 * One post's lists at a time. Posts are known by rank (their position, newest first) and terms
 * by number, so the scoring loop runs on integer arrays with no hashing per comparison; a
 * term's list of ranks is made the first time a post with that term asks.
 */
class RelatedFinder<Item> {
  comparisons = 0;
  private readonly count: number;
  private readonly window: number;
  private readonly rank = new Map<PostEntry<Item>, number>();
  private readonly termIds = new Map<string, number>();
  private readonly termUrlsById: string[] = [];
  private readonly termLists: (Int32Array | undefined)[] = [];
  private readonly postTerms: (Int32Array | undefined)[];
  // Stamps instead of per-post sets: seen[c] === p means candidate c was scored for post p,
  // mine[t] === p means post p has term t.
  private readonly seen: Int32Array;
  private mine = new Int32Array(64).fill(-1);
  // Every post of a category that is not among its `count` latest shows the same list: one
  // array per category, so that what is made of it (the rendered list) can be made once.
  private readonly sharedLatest = new Map<string, readonly PostEntry<Item>[]>();

  constructor(
    private readonly posts: readonly PostEntry<Item>[],
    private readonly termPosts: (termUrl: string) => readonly PostEntry<Item>[] | undefined,
    options: RelatedOptions,
  ) {
    this.count = Math.max(1, options.count ?? DEFAULT_RELATED_COUNT);
    this.window = Math.max(1, options.window ?? DEFAULT_RELATED_WINDOW);
    posts.forEach((post, i) => this.rank.set(post, i));
    this.postTerms = new Array<Int32Array | undefined>(posts.length);
    this.seen = new Int32Array(posts.length).fill(-1);
  }

  /** The term numbers of the post at rank `p`, each term counted once. */
  private termsOf(p: number): Int32Array {
    let ids = this.postTerms[p];
    if (ids === undefined) {
      const list: number[] = [];
      for (const url of termUrls(this.posts[p]!)) {
        let id = this.termIds.get(url);
        if (id === undefined) {
          id = this.termUrlsById.length;
          this.termIds.set(url, id);
          this.termUrlsById.push(url);
          this.termLists.push(undefined);
        }
        if (!list.includes(id)) list.push(id);
      }
      ids = Int32Array.from(list);
      this.postTerms[p] = ids;
    }
    return ids;
  }

  /** The ranks of a term's posts, in rank order. */
  private listOf(t: number): Int32Array {
    let list = this.termLists[t];
    if (list === undefined) {
      const ranks: number[] = [];
      for (const member of this.termPosts(this.termUrlsById[t]!) ?? []) {
        const r = this.rank.get(member);
        if (r !== undefined) ranks.push(r);
      }
      list = Int32Array.from(ranks.sort((a, b) => a - b));
      this.termLists[t] = list;
    }
    return list;
  }

  private latestOthers(post: PostEntry<Item>, categoryUrl: string): readonly PostEntry<Item>[] {
    const inCategory = this.termPosts(categoryUrl) ?? [];
    let shared = this.sharedLatest.get(categoryUrl);
    if (shared === undefined) {
      shared = inCategory.slice(0, this.count);
      this.sharedLatest.set(categoryUrl, shared);
    }
    if (!shared.includes(post)) return shared;
    const own: PostEntry<Item>[] = [];
    for (const other of inCategory) {
      if (own.length === this.count) break;
      if (other !== post) own.push(other);
    }
    return own;
  }

  relatedOf(p: number): RelatedStories<Item> {
    const { posts, seen, count } = this;
    const post = posts[p]!;
    const terms = this.termsOf(p);
    for (const t of terms) {
      if (t >= this.mine.length) {
        const grown = new Int32Array(Math.max(t + 1, this.mine.length * 2)).fill(-1);
        grown.set(this.mine);
        this.mine = grown;
      }
    }
    const mine = this.mine;
    for (const t of terms) mine[t] = p;
    seen[p] = p;
    const bestRank: number[] = [];
    const bestScore: number[] = [];

    for (const t of terms) {
      const list = this.listOf(t);
      if (list.length < 2) continue;
      const [from, to] = windowAround(list, p, this.window);
      for (let i = from; i < to; i++) {
        const c = list[i]!;
        if (seen[c] === p) continue;
        seen[c] = p;
        this.comparisons++;
        let score = 0;
        // A candidate's terms not yet numbered are numbered here: they are not the post's own
        // (those are), so they are beyond `mine` or stamped with another post.
        for (const u of this.termsOf(c)) if (u < mine.length && mine[u] === p) score++;
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
    const latest = this.latestOthers(post, category.url);
    return {
      stories: bestRank.map((r) => posts[r]!),
      category,
      heading: moreHeading(category.name),
      latest,
      latestShared: latest === this.sharedLatest.get(category.url),
    };
  }
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
