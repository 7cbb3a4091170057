import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { loadCategories } from '../../src/model/categories.ts';
import { inlinePreparer, workerPreparer } from '../../src/ingest/prepare-pool.ts';
import type { PrepareInput } from '../../src/ingest/prepare.ts';
import type { SourceConfig } from '../../src/ingest/types.ts';
import { generateRss } from '../../bench/lib/generated-feed.ts';

const categories = loadCategories(fileURLToPath(new URL('../../content/_data/categories.yaml', import.meta.url)));
const NOW = new Date('2026-12-01T12:00:00Z');

function input(name: string, body: string, kind: SourceConfig['kind'] = 'summary'): PrepareInput {
  return {
    body: Buffer.from(body),
    contentType: 'application/rss+xml',
    url: `https://${name}.example/feed.xml`,
    source: { id: name, name: `Source ${name}`, url: `https://${name}.example/feed.xml`, kind, categories: [], tags: [], enabled: true },
    now: NOW.getTime(),
    maxCategories: 3,
    timeZone: 'Asia/Kabul',
    author: 'admin',
  };
}

test('a worker prepares and renders exactly what the main thread does, failures included', async () => {
  const inputs = [
    input('a', generateRss({ name: 'a', items: 20, newest: NOW, seed: 1 })),
    input('b', generateRss({ name: 'b', items: 5, newest: NOW, seed: 2 }), 'full'),
    input('c', '<html><body>not a feed</body></html>'),
    input('d', '<rss version="2.0"><channel><item><title>x</title></chan'),
  ];
  const inline = inlinePreparer(categories);
  const workers = workerPreparer(categories, 1);
  try {
    for (const each of inputs) {
      const [here, there] = await Promise.all([inline.prepare(each), workers.prepare(each)]);
      const strip = ({ parseMs: _p, composeMs: _c, ...rest }: typeof here) => rest;
      assert.deepEqual(strip(there), strip(here), each.source.id);
      assert.deepEqual(await workers.render(there.drafts), await inline.render(here.drafts));
    }
    const failed = await workers.prepare(inputs[2]!);
    assert.equal(failed.failed?.stage, 'parse');
    assert.equal((await workers.prepare(inputs[0]!)).drafts.length, 20);
  } finally {
    await workers.close();
  }
});
