import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { claimLinks, EDITOR, linkKey, partitionDrafts, type LinkOwners } from '../../src/ingest/dedupe.ts';
import type { PostDraft } from '../../src/ingest/types.ts';

function draft(key: string, link: string): PostDraft {
  return {
    frontMatter: {
      title: key,
      date: '2024-03-27T10:15:00Z',
      categories: [],
      tags: [],
      source: { name: 'S', url: link, id: key, feed: 's' },
    },
    body: '',
    key,
    canonicalLink: link,
  };
}

const keys = (drafts: PostDraft[]): string[] => drafts.map((d) => d.key);

describe('de-duplication', () => {
  it('treats a key the source has seen as a duplicate, even when its post was deleted', () => {
    const { fresh, duplicates } = partitionDrafts(
      [draft('a', 'https://x.example/a'), draft('b', 'https://x.example/b')],
      's',
      new Set(['a']),
      new Map(),
    );
    assert.deepEqual(keys(fresh), ['b']);
    assert.deepEqual(keys(duplicates), ['a']);
  });

  it('treats a canonical link another source or an editor has as a duplicate', () => {
    const owners: LinkOwners = new Map([
      [linkKey('https://news.example/story-1'), 'other'],
      [linkKey('https://news.example/story-3'), EDITOR],
    ]);
    const { fresh, duplicates } = partitionDrafts(
      [
        draft('x1', 'https://NEWS.example/story-1/#comments'),
        draft('x2', 'https://news.example/story-2'),
        draft('x3', 'http://news.example/story-3'),
      ],
      's',
      new Set(),
      owners,
    );
    assert.deepEqual(keys(fresh), ['x2']);
    assert.deepEqual(keys(duplicates), ['x1', 'x3']);
  });

  it("keeps a source's own items that share a link (distinct keys), but not a repeated key", () => {
    const owners: LinkOwners = new Map([[linkKey('https://live.example/blog'), 's']]);
    const { fresh, duplicates } = partitionDrafts(
      [draft('u1', 'https://live.example/blog'), draft('u2', 'https://live.example/blog'), draft('u1', 'https://live.example/other')],
      's',
      new Set(),
      owners,
    );
    assert.deepEqual(keys(fresh), ['u1', 'u2']);
    assert.deepEqual(keys(duplicates), ['u1']);
  });

  it('claims links for their first source only', () => {
    const owners: LinkOwners = new Map();
    claimLinks(owners, 'a', [draft('1', 'https://x.example/1')]);
    claimLinks(owners, 'b', [draft('2', 'https://x.example/1/'), draft('3', 'https://x.example/3')]);
    assert.deepEqual([...owners], [
      ['x.example/1', 'a'],
      ['x.example/3', 'b'],
    ]);
    assert.equal(partitionDrafts([draft('9', 'https://x.example/1')], 'b', new Set(), owners).duplicates.length, 1);
  });

  it('compares links without fragment, scheme, host case or trailing slash, but with the query', () => {
    assert.equal(linkKey('http://A.example/x/'), linkKey('https://a.example/x#top'));
    assert.notEqual(linkKey('https://a.example/x?id=1'), linkKey('https://a.example/x?id=2'));
    assert.equal(linkKey('not a url '), 'not a url');
  });
});
