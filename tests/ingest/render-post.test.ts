import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFrontMatter } from '../../src/model/front-matter.ts';
import { frontMatterFor, InvalidDraftError, renderFirst, renderPost } from '../../src/ingest/render-post.ts';
import type { PostDraft } from '../../src/ingest/types.ts';

const DRAFT: PostDraft = {
  frontMatter: {
    title: 'Water: Talks',
    date: '2024-03-27T10:15:00Z',
    categories: ['Health News'],
    tags: [],
    source: { name: 'Tolo News', url: 'https://tolonews.com/1', id: 'k', feed: 'tolonews' },
  },
  body: 'Body.',
  key: 'k',
  canonicalLink: 'https://tolonews.com/1',
};

describe('renderPost', () => {
  it('renderPost still refuses a post that would not read back', () => {
    assert.throws(() => renderPost({ title: 'x', date: '2024-01-01T00:00:00Z' }, 'a\r\nb'), InvalidDraftError);
  });

  it('writes the fields in the contract order, slug only when given', () => {
    assert.deepEqual(Object.keys(frontMatterFor(DRAFT, undefined)), ['title', 'date', 'categories', 'tags', 'source']);
    assert.deepEqual(Object.keys(frontMatterFor(DRAFT, 'x')), ['title', 'date', 'categories', 'tags', 'slug', 'source']);
    const text = renderPost(frontMatterFor(DRAFT, undefined), DRAFT.body);
    assert.deepEqual(parseFrontMatter(text).data, frontMatterFor(DRAFT, undefined));
  });
});

describe('renderFirst', () => {
  it('gives the text under the draft own slug, or why it cannot be stored', () => {
    assert.deepEqual(renderFirst(DRAFT), { text: renderPost(frontMatterFor(DRAFT, undefined), DRAFT.body) });
    const undated = { ...DRAFT, frontMatter: { ...DRAFT.frontMatter, date: 'yesterday' } };
    assert.deepEqual(renderFirst(undated), { invalid: 'date: expected an ISO 8601 date, found "yesterday"' });
  });
});
