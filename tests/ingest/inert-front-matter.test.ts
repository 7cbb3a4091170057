import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inertFrontMatter, inertYaml } from '../../src/ingest/inert-front-matter.ts';
import { parseFrontMatter, stringifyFrontMatter } from '../../src/model/front-matter.ts';
import { liveMarkdown } from '../helpers/inert-markdown.ts';

const HOSTILE = [
  '[x](javascript:alert(1))',
  '[y](&#106;avascript:alert(1))',
  '<javascript:alert(1)>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'see [x]',
  '"quoted" \\ back\\slash <b>',
];

test('hostile strings in the front matter: the same values for a YAML reader, inert for a Markdown renderer', () => {
  const data = {
    title: HOSTILE[0],
    author: HOSTILE[2],
    categories: [],
    tags: HOSTILE.slice(3),
    source: { name: 'S', url: 'https://e.example/a?b=[1]', id: HOSTILE[1], feed: 'f' },
  };
  const plain = stringifyFrontMatter(data, 'Body.');
  assert.notDeepEqual(liveMarkdown(plain), [], 'the check sees the plain YAML as live');
  const text = inertFrontMatter(plain);
  assert.deepEqual(liveMarkdown(text), []);
  assert.deepEqual(parseFrontMatter(text).data, data);
  assert.equal(parseFrontMatter(text).body, 'Body.\n');
  assert.ok(!/[<[\]]/.test(text.slice(0, text.indexOf('\n---\n')).replace(': []\n', '\n')), 'no <, [ or ] left in the YAML but the empty list');
});

test('only double-quoted strings change; the body and plain YAML are left as they are', () => {
  assert.equal(inertYaml('categories: []\ntitle: "a [b] <c>"\n'), 'categories: []\ntitle: "a \\x5Bb\\x5D \\x3Cc>"\n');
  assert.equal(inertYaml('title: "a \\"[b]\\" c"\n'), 'title: "a \\"\\x5Bb\\x5D\\" c"\n');
  const body = '---\ntitle: "t"\n---\n[kept](https://e.example/) <b>\n';
  assert.equal(inertFrontMatter(body), body);
  assert.equal(inertFrontMatter('no front matter [x]'), 'no front matter [x]');
});
