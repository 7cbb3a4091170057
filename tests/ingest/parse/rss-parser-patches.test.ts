// rss-parser as makeParser sets it up: raw fields handed over, its fragile private methods patched around.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeParser } from '../../../src/ingest/parse/rss-parser-patches.ts';

test('an unreadable Atom date and a <link> without attributes do not fail the feed; dates come raw', async () => {
  const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><link/><link href="https://a.example/"/>
    <entry><title>E</title><id>x</id><published>not a date</published><updated>2024-01-01</updated></entry></feed>`;
  const output = (await makeParser().parseString(atom)) as unknown as { items: Record<string, unknown>[] };
  assert.deepEqual(output.items[0]!.kPublished, ['not a date']);
  assert.deepEqual(output.items[0]!.kUpdated, ['2024-01-01']);
});

test('RSS description and content:encoded go around the snippet, to the raw fields', async () => {
  const rss = `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>
    <item><title>I</title><description>d</description><content:encoded>c</content:encoded></item></channel></rss>`;
  const output = (await makeParser().parseString(rss)) as unknown as { items: Record<string, unknown>[] };
  const item = output.items[0]!;
  assert.deepEqual([item.kDescription, item.kEncoded], [['d'], ['c']]);
  assert.equal(item.contentSnippet, undefined);
});
