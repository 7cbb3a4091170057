import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boundFeed } from '../../src/ingest/bound-items.ts';

describe('boundFeed', () => {
  it('makes every string well-formed, bounds the HTML fields, and reports each item it changed', () => {
    const nested = `${'<b>'.repeat(20)}deep${'</b>'.repeat(20)}`;
    const { feed, trimmed, notes } = boundFeed(
      {
        title: 'Feed \ud800',
        items: [
          { link: 'https://e.example/1', title: 'One\u0000', summary: nested, categories: ['x\udc00'] },
          { guid: 'g-2', title: 'Two', content: `<p>${'long '.repeat(50)}</p>`, categories: [] },
          { title: 'Three', summary: '<p>fine</p>', categories: [] },
        ],
      },
      100,
      5,
    );
    assert.equal(feed.title, 'Feed ');
    assert.equal(feed.items[0]!.title, 'One');
    assert.deepEqual(feed.items[0]!.categories, ['x']);
    assert.equal(feed.items[0]!.summary, `${'<b>'.repeat(5)}deep${'</b>'.repeat(5)}`);
    assert.ok(feed.items[1]!.content!.length <= 100);
    assert.equal(feed.items[2]!.summary, '<p>fine</p>');
    assert.equal(trimmed, 2);
    assert.deepEqual(notes, [
      'item "https://e.example/1": summary: 15 tag(s) nested deeper than 5 removed, their text kept',
      `item "g-2": content: cut from ${3 + 250 + 4} to 100 characters`,
    ]);
  });
});
