import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capNewPosts } from '../../src/ingest/new-post-cap.ts';
import type { PostDraft } from '../../src/ingest/types.ts';

function draft(key: string, date: string): PostDraft {
  return {
    frontMatter: { title: key, date, categories: ['Uncategorized'], tags: [], source: { name: 'S', url: `https://e.example/${key}`, id: key, feed: 's' } },
    body: '',
    key,
    canonicalLink: `https://e.example/${key}`,
  };
}

describe('capNewPosts', () => {
  const drafts = [
    draft('b', '2026-11-02T00:00:00Z'),
    draft('d', '2026-11-04T00:00:00Z'),
    draft('a', '2026-11-01T00:00:00Z'),
    draft('c1', '2026-11-03T00:00:00Z'),
    draft('c2', '2026-11-03T00:00:00Z'),
  ];

  it('keeps everything, in order, under the cap', () => {
    assert.deepEqual(capNewPosts(drafts, 5), { taken: drafts, left: [] });
  });

  it('takes the newest, in their original order, and leaves the rest', () => {
    const { taken, left } = capNewPosts(drafts, 2);
    assert.deepEqual(taken.map((d) => d.key), ['d', 'c1']); // the same instant: the feed's order
    assert.deepEqual(left.map((d) => d.key), ['b', 'a', 'c2']);
    const next = capNewPosts(left, 2);
    assert.deepEqual(next.taken.map((d) => d.key), ['b', 'c2']);
    assert.deepEqual(next.left.map((d) => d.key), ['a']);
  });
});
