import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCategories } from '../../../src/model/categories.ts';
import { formatProblem } from '../../../src/model/errors.ts';
import { checkContent } from '../../../src/site/check/content-check.ts';
import { repoRoot } from '../../helpers/site-fixture.ts';

const categories = loadCategories(join(repoRoot, 'content/_data/categories.yaml'));

function write(root: string, path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

test('internal links must lead to a page the site makes, images to a file it ships', () => {
  const root = mkdtempSync(join(tmpdir(), 'khabar-links-'));
  const content = join(root, 'content');
  write(root, 'content/media/map.png', 'png');
  write(root, 'content/posts/target.md', '---\ntitle: Target story\ndate: 2024-03-27T10:15:00Z\ncategories: [Health News]\ntags: [Measles]\n---\nText.\n');
  write(
    root,
    'content/posts/links.md',
    [
      '---',
      'title: Links',
      'date: 2024-03-28T10:15:00Z',
      '---',
      'Fine: [a post](/2024/03/27/target-story/), [with a fragment](/2024/03/27/target-story/#top),',
      '[category](/category/health-news/), [page 2](/category/health-news/page/2/), [tag](/tag/measles/),',
      '[month](/2024/03/), [feed](/feed.xml), [page](/about/), [external](https://example.org/x), [relative](other/),',
      '',
      'Broken: [gone](/2024/03/27/no-such-story/)',
      '',
      '![map](/media/map.png) ![missing](/media/nope.jpg) ![logo](/assets/logo.svg)',
      '',
      '[unknown category](/category/no-such-category/)',
      '',
    ].join('\n'),
  );
  write(root, 'content/pages/about.md', '---\ntitle: About\nslug: about\n---\nSee [the story](/2024/03/27/target-story/) and [old](/old/).\n');
  const result = checkContent({
    contentDir: content,
    categories,
    timeZone: 'Asia/Kabul',
    root,
    staticDirs: { '/media/': join(content, 'media'), '/assets/': join(repoRoot, 'templates/assets') },
  });
  assert.deepEqual(result.problems.map(formatProblem), [
    'content/pages/about.md:5: body: link to /old/ points nowhere on this site',
    'content/posts/links.md:9: body: link to /2024/03/27/no-such-story/ points nowhere on this site',
    'content/posts/links.md:11: body: image /media/nope.jpg is missing: put the file in content/media/ and link it as /media/…',
    'content/posts/links.md:13: body: link to /category/no-such-category/ points nowhere on this site',
  ]);
  // Without staticDirs (as in older callers) bodies are not checked.
  assert.equal(checkContent({ contentDir: content, categories, timeZone: 'Asia/Kabul', root }).problems.length, 0);
});
