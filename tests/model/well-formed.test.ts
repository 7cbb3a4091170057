import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validatePost } from '../../src/model/schema.ts';
import { wellFormed, wellFormedDeep } from '../../src/model/well-formed.ts';

describe('wellFormed', () => {
  it('removes lone surrogates, keeping pairs and the text around them', () => {
    assert.equal(wellFormed('JSON lone \ud800 surrogate'), 'JSON lone  surrogate');
    assert.equal(wellFormed('\udc00a\ud800'), 'a');
    assert.equal(wellFormed('emoji \ud83d\ude00 stays'), 'emoji \ud83d\ude00 stays');
    assert.equal(wellFormed('reversed \ude00\ud83d pair'), 'reversed  pair');
  });

  it('removes NUL and the C0 controls YAML and XML cannot carry, and U+FFFE / U+FFFF; keeps tab and line ends', () => {
    assert.equal(wellFormed('a\u0000b\u0001c\u0008d\u000be\u000cf\u001fg'), 'abcdefg');
    assert.equal(wellFormed('tab\there\nline\r\nend'), 'tab\there\nline\r\nend');
    assert.equal(wellFormed('x\ufffey\uffffz'), 'xyz');
    assert.equal(wellFormed('دری و پښتو — €'), 'دری و پښتو — €');
  });

  it('returns the same string when there is nothing to remove', () => {
    const text = 'plain text';
    assert.equal(wellFormed(text), text);
  });

  it('cleans every string at any depth, keys included, and leaves other values alone', () => {
    const date = new Date('2026-01-01T00:00:00Z');
    const cleaned = wellFormedDeep({
      title: 'T\ud800',
      tags: ['a\u0000', 'b'],
      source: { id: 'x\udfff', n: 3, ok: true },
      ['k\u0001']: null,
      when: date,
    });
    assert.deepEqual(cleaned, { title: 'T', tags: ['a', 'b'], source: { id: 'x', n: 3, ok: true }, k: null, when: date });
    assert.equal(cleaned.when, date);
  });

  it('makes front matter the schema refused acceptable', () => {
    const data = {
      title: 'JSON lone \ud800 surrogate',
      date: '2026-11-30T10:00:00Z',
      categories: ['Uncategorized'],
      tags: ['t\udc00'],
      source: { name: 'S', url: 'https://example.org/a', id: 'id\ud800', feed: 's' },
    };
    assert.equal(validatePost(data).ok, false);
    assert.equal(validatePost(wellFormedDeep(data)).ok, true);
  });
});
