import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { slugForDraft, urlKey } from '../../src/ingest/post-slug.ts';

describe('slug length cap', () => {
  it('keeps whole words, cuts a single giant word, and leaves short slugs alone', () => {
    assert.equal(slugForDraft('a'.repeat(200), 'k'), 'a'.repeat(80));
    const exact = `${'abcd-'.repeat(15)}abcd`; // 79 characters
    assert.equal(slugForDraft(exact, 'k'), exact);
    const wordEndsAt80 = `${'abcdefghi-'.repeat(8).slice(0, 79)}x-tail`;
    assert.equal(slugForDraft(wordEndsAt80, 'k'), wordEndsAt80.slice(0, 80));
  });
});

describe('urlKey', () => {
  it('is the day in the site time zone and the slug', () => {
    assert.equal(urlKey(new Date('2024-03-31T21:00:00Z'), 'a-b', 'Asia/Kabul'), '2024/04/01/a-b');
    assert.equal(urlKey(new Date('2024-03-31T21:00:00Z'), 'a-b', 'UTC'), '2024/03/31/a-b');
  });
});
