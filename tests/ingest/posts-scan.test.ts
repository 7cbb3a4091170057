import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readFrontMatterHead, scanPosts } from '../../src/ingest/posts-scan.ts';

const ZONE = 'Asia/Kabul';

describe('posts scan', () => {
  let out: string;
  before(async () => {
    out = await mkdtemp(join(tmpdir(), 'khabar-scan-'));
    await mkdir(join(out, '2024', '03'), { recursive: true });
    const editors = '---\ntitle: Kabul Bazaars\ndate: 2024-03-01T08:00:00Z\n---\nThe editor wrote this.\n';
    await writeFile(join(out, '2024', '03', 'kabul-bazaars.md'), editors);
  });
  after(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('cleans temp files a killed run left, and reads front matter only', async () => {
    const dir = join(out, '2024', '05');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, '.half-written.md.khabar-tmp-12345-0a1b2c3d'), '---\ntitle: "half');
    await writeFile(join(out, '.ingest.lock.khabar-tmp-99-ff'), '{');
    await writeFile(join(dir, 'notes.txt'), 'not a post');
    const body = 'x'.repeat(100_000);
    await writeFile(
      join(dir, 'ingested.md'),
      `---\ntitle: Ingested\ndate: 2024-05-02T10:00:00Z\nsource:\n  name: A\n  url: https://a.example/1\n  id: "guid-1"\n  feed: a\n---\n${body}\n`,
    );
    const head = readFrontMatterHead(join(dir, 'ingested.md'))!;
    assert.ok(head.length < 200, 'only the front matter is read');
    const scan = scanPosts(out, ZONE);
    assert.equal(scan.tempsRemoved.length, 2);
    assert.ok(!(await readdir(out, { recursive: true })).some((name) => name.includes('khabar-tmp')));
    const ingested = scan.posts.find((p) => p.path.endsWith('ingested.md'))!;
    assert.deepEqual(
      { feed: ingested.feed, id: ingested.id, url: ingested.url, urlKey: ingested.urlKey },
      { feed: 'a', id: 'guid-1', url: 'https://a.example/1', urlKey: '2024/05/02/ingested' },
    );
    assert.ok(scan.posts.some((p) => p.path.endsWith('kabul-bazaars.md') && p.feed === undefined));
  });
});
