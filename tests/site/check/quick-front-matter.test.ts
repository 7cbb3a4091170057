/**
 * The quick front-matter reader gives parseFrontMatter's answer exactly (data, body, body line)
 * or none: on what stringifyFrontMatter writes for hostile values, on hand-made files in and
 * out of its shape, and on every sample post and page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontMatter, stringifyFrontMatter } from '../../../src/model/front-matter.ts';
import { quickParseFrontMatter } from '../../../src/site/check/quick-front-matter.ts';
import { repoRoot } from '../../helpers/site-fixture.ts';

/** Both readers' answers; the quick one, when it answers, must be the full one's. */
function same(text: string): boolean {
  const quick = quickParseFrontMatter(text);
  if (quick === undefined) return false;
  assert.deepEqual(quick, parseFrontMatter(text), JSON.stringify(text));
  return true;
}

test('what Khabar writes is read quickly, and as yaml reads it, for hostile values', () => {
  const pieces = ['a', 'Kabul ', 'کابل', 'news', 'دری', 'ټ', ' ', '"', "'", '\\', '\n', '\t', '\u0000', '\u0085', '\u00a0', '\u2028', '\u200c', '\u202e', '\ud800', '😀', '---', '\n---', '...', '%', '#', ': ', '- ', '[', '{', '&a', '*b', '!x', '|', '>', 'null', 'true', '1e3', '0x1f', '\ufeff'];
  let state = 11;
  const random = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const text = (): string => Array.from({ length: random(6) }, () => pieces[random(pieces.length)]).join('');
  let quick = 0;
  for (let i = 0; i < 3000; i++) {
    const data: Record<string, unknown> = { title: text(), date: '2026-12-01T00:00:00Z', categories: [text(), text()], draft: random(2) === 0, source: { name: text(), url: text() } };
    if (random(3) === 0) data.tags = [];
    if (random(4) === 0) data.weight = random(1000);
    const body = random(2) === 0 ? `${text()}\n\n${text()}` : '';
    if (same(stringifyFrontMatter(data, body))) quick += 1;
  }
  assert.ok(quick > 100, `the quick path was taken ${quick} times`);
});

test('files outside its shape go to yaml; inside it, the answer is the same', () => {
  const inShape = [
    '---\ntitle: "A"\n---\nBody\n',
    '---\ntitle: "A"\n---\n\nBody after a blank line\n',
    '\ufeff---\r\ntitle: "A"\r\ncount: 0\r\nnum: 12\r\nok: true\r\ndone: false\r\n---\r\nBody\r\n',
    '---\ntitle: "A"\ntags: []\ncategories:\n  - "x"\n  - ""\nsource:\n  name: "S"\n  num: 3\n---',
    '---\ntitle: "A"\n----\nBody after a longer fence, as gray-matter reads it\n',
    '---\ntitle: "A: b # c"\n---\n---\nA body that starts with a fence\n',
  ];
  for (const text of inShape) assert.equal(same(text), true, JSON.stringify(text));
  const outOfShape = [
    '---\ntitle: A\n---\n',
    "---\ntitle: 'A'\n---\n",
    '---\ntitle: "A" # note\n---\n',
    '---\ntitle: "A\\u0041"\n---\n',
    '---\ntitle: "A"\ntitle: "B"\n---\n',
    '---\n# comment\ntitle: "A"\n---\n',
    '---\ntitle: "A"\n\nslug: "a"\n---\n',
    '---\nn: 012\n---\n',
    '---\nn: -1\n---\n',
    '---\nn: 1.5\n---\n',
    '---\nyes: "A"\n---\n',
    '---\n__proto__: "A"\n---\n',
    '---\nlist:\n  - "a"\n  k: "v"\n---\n',
    '---\nmap:\n  k: "v"\n  k: "w"\n---\n',
    '---\nmap:\n    deep: "v"\n---\n',
    '---\nempty:\n---\n',
    '---yaml\ntitle: "A"\n---\n',
    '--- \ntitle: "A"\n---\n',
    '---\ntitle: "A"\n',
    '---\n---\n',
    'title: "A"\n',
    '',
  ];
  for (const text of outOfShape) {
    assert.equal(quickParseFrontMatter(text), undefined, JSON.stringify(text));
  }
});

test('every sample post and page: the same answer whenever the quick reader answers', () => {
  const files = readdirSync(join(repoRoot, 'content'), { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.md'));
  assert.ok(files.length > 20);
  for (const name of files) same(readFileSync(join(repoRoot, 'content', name), 'utf8'));
});
