import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NotWxrError, readWxr, type WxrItem } from '../../src/import/wxr-reader.ts';
import { FEEDS_DIR } from '../helpers/fixtures.ts';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/wordpress/${name}`, import.meta.url));

async function items(path: string, withBodies = true): Promise<{ items: WxrItem[]; result: Awaited<ReturnType<typeof readWxr>> }> {
  const list: WxrItem[] = [];
  const result = await readWxr(path, { withBodies, onItem: (item) => list.push(item) });
  return { items: list, result };
}

function withFile(text: string, run: (path: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-wxr-'));
  const path = join(dir, 'export.xml');
  writeFileSync(path, text);
  return run(path).finally(() => rmSync(dir, { recursive: true, force: true }));
}

const HEAD = '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:wp="http://wordpress.org/export/1.0/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><wp:wxr_version>1.0</wp:wxr_version><wp:base_site_url>http://old.example</wp:base_site_url>';

test('the fixture export: every item, in order, with its fields, categories, old slugs and comments', async () => {
  const { items: list, result } = await items(fixture('export.xml'));
  assert.equal(result.items, 20);
  assert.equal(result.broken, null);
  assert.equal(result.channel.version, '1.2');
  assert.equal(result.channel.baseSiteUrl, 'https://old.khabar.example');
  assert.deepEqual([...result.channel.authors], [['editor', 'Farida Ahmadi']]);
  const first = list[0]!;
  assert.equal(first.postId, 101);
  assert.equal(first.postType, 'post');
  assert.equal(first.status, 'publish');
  assert.equal(first.postDateGmt, '2015-06-10 08:30:00');
  assert.deepEqual(first.oldSlugs, ['kabul-water-wells']);
  assert.equal(first.comments, 3);
  assert.deepEqual(first.categories.map((c) => `${c.domain}:${c.nicename}:${c.name}`).slice(0, 2), ['category:health-news:Health News', 'category:uncategorized:Uncategorized']);
  assert.equal(list.find((i) => i.postId === 102)!.title, 'Nowruz Market Opens in Herat &#8211; Traders &amp; Families Return');
  assert.match(list.find((i) => i.postId === 112)!.content, /the code \]\]> on the board/, ']]> split across two CDATA sections is one text');
  assert.equal(list.find((i) => i.postId === 301)!.attachmentUrl, 'https://old.khabar.example/wp-content/uploads/2015/06/well.jpg');
  assert.equal(list.find((i) => i.postId === 202)!.parent, 201);
});

test('the first pass skips the bodies', async () => {
  const { items: list } = await items(fixture('export.xml'), false);
  assert.equal(list.length, 20);
  assert.ok(list.every((i) => i.content === '' && i.excerpt === ''));
  assert.equal(list[0]!.title, 'Kabul Water Supply Improves: Residents Welcome New Wells');
});

test('an export cut short: the complete items, and the line where it stops', async () => {
  const { items: list, result } = await items(fixture('cut-short.xml'));
  assert.deepEqual(list.map((i) => i.postId), [101, 102]);
  assert.ok(result.broken !== null);
  assert.match(result.broken.message, /ends inside <item>/);
  assert.ok(result.broken.line > 100, `line ${result.broken.line}`);
});

test('a file that stops being well-formed part-way: the items before it, and the line', async () => {
  await withFile(`${HEAD}\n<item><title>One</title><wp:post_id>1</wp:post_id></item>\n<item><title>Two</title></wrong></item></channel></rss>`, async (path) => {
    const { items: list, result } = await items(path);
    assert.deepEqual(list.map((i) => i.title), ['One']);
    assert.equal(result.broken?.line, 3);
  });
});

test('not WXR: a feed, a text file, an empty file, XML with another root', async () => {
  for (const path of [join(FEEDS_DIR, 'rss-guardian.xml'), join(FEEDS_DIR, 'json-npr-world.json')]) {
    await assert.rejects(readWxr(path, { withBodies: true, onItem: () => assert.fail('no item may be handed over') }), NotWxrError);
  }
  for (const text of ['', 'plain text', '<?xml version="1.0"?><feed><entry/></feed>', '<rss><channel><item><title>x</title></item></channel></rss>']) {
    await withFile(text, async (path) => {
      await assert.rejects(readWxr(path, { withBodies: true, onItem: () => assert.fail('no item may be handed over') }), NotWxrError, JSON.stringify(text));
    });
  }
});

test('WXR 1.0 tags, stray control characters and a bad entity are read, the entity reported', async () => {
  await withFile(`${HEAD}\n<item><title>Bell\u0007 &nosuch; title</title><category domain="tag" nicename="kabul">Kabul</category><content:encoded><![CDATA[Text\u0001 here]]></content:encoded><wp:post_id>5</wp:post_id></item></channel></rss>`, async (path) => {
    const { items: list, result } = await items(path);
    assert.equal(list.length, 1);
    assert.equal(list[0]!.categories[0]!.domain, 'tag');
    assert.equal(list[0]!.content, 'Text here');
    assert.ok(!list[0]!.title.includes('\u0007'));
    assert.equal(result.broken, null);
    assert.equal(result.warnings.length, 1);
  });
});
