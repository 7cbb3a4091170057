import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import {
  FrontMatterError,
  frontMatterEngines,
  lineOfField,
  parseFrontMatter,
  quickFrontMatter,
  stringifyFrontMatter,
  yamlFrontMatter,
} from '../../src/model/front-matter.ts';

function frontMatterError(text: string): FrontMatterError {
  try {
    parseFrontMatter(text);
  } catch (error) {
    assert.ok(error instanceof FrontMatterError, `expected a FrontMatterError, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected ${JSON.stringify(text)} to be refused`);
}

test('YAML 1.2 core schema: yes stays a string, timestamps stay strings, numbers/booleans/null are typed', () => {
  const { data } = parseFrontMatter(
    '---\nanswer: yes\nno: no\nwhen: 2024-03-27T10:15:00Z\nday: 2024-03-27\ncount: 12\nflag: true\nnothing: ~\noctal: 010\n---\nbody\n',
  );
  assert.deepEqual(data, {
    answer: 'yes',
    no: 'no',
    when: '2024-03-27T10:15:00Z',
    day: '2024-03-27',
    count: 12,
    flag: true,
    nothing: null,
    octal: 10,
  });
  assert.equal(typeof data.when, 'string');
  assert.equal(typeof data.day, 'string');
});

test('!!js/function is never turned into a function', () => {
  let result: unknown;
  try {
    result = parseFrontMatter('---\nf: !!js/function "function () { globalThis.__khabarPwned = true; return 1 }"\n---\nbody\n').data.f;
  } catch (error) {
    assert.ok(error instanceof FrontMatterError, String(error));
    return;
  }
  assert.notEqual(typeof result, 'function');
  assert.equal((globalThis as Record<string, unknown>).__khabarPwned, undefined);
});

test('other js/* tags give plain values too', () => {
  for (const text of ['---\nr: !!js/regexp /x/g\n---\n', '---\nu: !!js/undefined ""\n---\n', '---\nf: !!js/function >\n  function () { return 1 }\n---\n']) {
    try {
      const { data } = parseFrontMatter(text);
      for (const value of Object.values(data)) {
        assert.notEqual(typeof value, 'function', text);
        assert.ok(!(value instanceof RegExp), text);
      }
    } catch (error) {
      assert.ok(error instanceof FrontMatterError, String(error));
    }
  }
});

test('---js and ---javascript front matter is refused at line 1, whatever the case', () => {
  for (const fence of ['---js', '---javascript', '---JS', '---Javascript']) {
    (globalThis as Record<string, unknown>).__khabarRan = undefined;
    const error = frontMatterError(`${fence}\n{ title: (globalThis.__khabarRan = "ran") }\n---\nbody\n`);
    assert.equal(error.line, 1, fence);
    assert.equal(error.name, 'FrontMatterError');
    assert.match(error.message, /JavaScript front matter/);
    assert.equal((globalThis as Record<string, unknown>).__khabarRan, undefined, `${fence} ran code`);
  }
  assert.throws(() => frontMatterEngines.js(), FrontMatterError);
  assert.throws(() => frontMatterEngines.javascript(), FrontMatterError);
  // Any other language after the fence is refused as well.
  assert.equal(frontMatterError('---coffee\ntitle: x\n---\n').line, 1);
});

test('---yaml, ---yml and ---json are accepted (json goes through the YAML parser)', () => {
  assert.deepEqual(parseFrontMatter('---yaml\ntitle: x\n---\nb\n').data, { title: 'x' });
  assert.deepEqual(parseFrontMatter('---yml\ntitle: x\n---\nb\n').data, { title: 'x' });
  assert.deepEqual(parseFrontMatter('---json\n{"title": "x", "n": 1}\n---\nb\n').data, { title: 'x', n: 1 });
});

test('invalid YAML is a FrontMatterError with the YAML parser message', () => {
  const error = frontMatterError('---\ntitle: @x\n---\nbody\n');
  assert.match(error.message, /^invalid YAML: /);
  assert.equal(error.line, 2);
  assert.match(frontMatterError('---\ntitle: ok\nfoo: "unterminated\n---\nbody\n').message, /^invalid YAML: /);
});

test('invalid YAML reports the file line of the error', {
}, () => {
  // line 1 "---", 2 "a: 1", 3 "b: 2", 4 "c: @x"
  assert.equal(frontMatterError('---\na: 1\nb: 2\nc: @x\n---\nbody\n').line, 4);
  // line 4: a tab used as indentation
  assert.equal(frontMatterError('---\na: 1\nb: 2\n\tc: 3\n---\nbody\n').line, 4);
  // line 4: the second "title"
  assert.equal(frontMatterError('---\ntitle: a\ndate: b\ntitle: c\n---\nbody\n').line, 4);
});

test('duplicate keys are refused', () => {
  const error = frontMatterError('---\ntitle: a\ntitle: b\n---\nbody\n');
  assert.match(error.message, /unique/i);
});

test('front matter must be a mapping', () => {
  assert.match(frontMatterError('---\n- a\n- b\n---\nbody\n').message, /mapping/);
  assert.match(frontMatterError('---\njust text\n---\nbody\n').message, /mapping/);
});

test('alias expansion is bounded (billion laughs)', () => {
  const bomb = [
    '---',
    'a: &a [x, x, x, x, x, x, x, x, x, x]',
    'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
    'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
    'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    '---',
    '',
  ].join('\n');
  assert.throws(() => parseFrontMatter(bomb), /alias/i);
});

test('a byte-order mark is tolerated', () => {
  const parsed = parseFrontMatter('\uFEFF---\ntitle: a\n---\nbody\n');
  assert.deepEqual(parsed.data, { title: 'a' });
  assert.equal(parsed.body, 'body\n');
  assert.equal(parsed.bodyLine, 4);
});

test('no front matter: empty data and the whole text as body', () => {
  const text = 'hello\n---\nworld\n';
  assert.deepEqual(parseFrontMatter(text), { data: {}, body: text, bodyLine: 1 });
  assert.deepEqual(parseFrontMatter(''), { data: {}, body: '', bodyLine: 1 });
  // Four dashes are a horizontal rule, not a fence.
  assert.deepEqual(parseFrontMatter('----\ntitle: x\n'), { data: {}, body: '----\ntitle: x\n', bodyLine: 1 });
});

test('empty front matter gives empty data', () => {
  assert.deepEqual(parseFrontMatter('---\n---\nbody\n'), { data: {}, body: 'body\n', bodyLine: 3 });
});

test('bodyLine is the 1-based file line of the first body line', () => {
  const parsed = parseFrontMatter('---\na: 1\nb: 2\nc: 3\n---\nline6\nline7\n');
  assert.deepEqual(parsed.data, { a: 1, b: 2, c: 3 });
  assert.equal(parsed.body, 'line6\nline7\n');
  assert.equal(parsed.bodyLine, 6);
  const multi = parseFrontMatter('---\ntitle: |\n  one\n  two\n---\n\nbody\n');
  assert.equal(multi.data.title, 'one\ntwo\n');
  assert.equal(multi.bodyLine, 6);
  assert.equal(multi.body.split('\n')[1], 'body');
});

test('a __proto__ key does not pollute prototypes', () => {
  const { data } = parseFrontMatter('---\n__proto__: {polluted: 1}\n---\n');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.getPrototypeOf(data), Object.prototype);
});

test('CRLF files keep no carriage returns in values', {
}, () => {
  const parsed = parseFrontMatter('---\r\ntitle: Hello\r\nlang: fa\r\ndraft: true\r\n---\r\nbody\r\n');
  assert.deepEqual(parsed.data, { title: 'Hello', lang: 'fa', draft: true });
});

test('CRLF files: fields before the last one are clean and the body starts after the fence', () => {
  const parsed = parseFrontMatter('---\r\ntitle: Hello\r\nlang: fa\r\ndraft: true\r\n---\r\nbody\r\n');
  assert.equal(parsed.data.title, 'Hello');
  assert.equal(parsed.data.lang, 'fa');
  assert.equal(parsed.body, 'body\n');
  assert.equal(parsed.bodyLine, 6);
});

const SIX_LINE_FILE = [
  '---',
  'title: Measles outbreak',
  'date: 2024-03-27T10:15:00Z',
  'author: admin',
  'tags: [Measles]',
  'categories: [Health News]',
  'lang: en',
  '---',
  'categories: in the body',
  '',
].join('\n');

test('lineOfField finds the file line of a top-level field', () => {
  assert.equal(lineOfField(SIX_LINE_FILE, 'title'), 2);
  assert.equal(lineOfField(SIX_LINE_FILE, 'date'), 3);
  assert.equal(lineOfField(SIX_LINE_FILE, 'categories'), 6);
  assert.equal(lineOfField(SIX_LINE_FILE, 'lang'), 7);
  assert.equal(lineOfField(`\uFEFF${SIX_LINE_FILE}`, 'categories'), 6);
});

test('lineOfField falls back to line 2 for a missing or nested field, 1 without front matter', () => {
  assert.equal(lineOfField(SIX_LINE_FILE, 'slug'), 2);
  assert.equal(lineOfField('---\ntitle: x\nsource:\n  url: https://x.example/\n---\n', 'url'), 2);
  assert.equal(lineOfField('---\ntitle: x\nsource:\n  url: https://x.example/\n---\n', 'source'), 3);
  assert.equal(lineOfField('no front matter\n', 'title'), 1);
});

const HOSTILE = [
  'x\n---\nlayout: evil',
  'a: b',
  '!!js/function "function(){}"',
  '{{ 7*7 }}',
  '{% include "secret" %}',
  `"quoted" 'single'`,
  '# not a comment',
  '---',
  '---js',
  '...',
  'خبرهای افغانستان: «طالبان»',
  'x'.repeat(2000),
  '',
  ' leading and trailing ',
  'yes',
  'null',
  '123',
  '2024-03-27T10:15:00Z',
  '*alias &anchor',
  '| > @ ` %',
  'tab\there',
  'line\r\nbreak',
  '\\',
  '\u2028\u2029',
];

test('stringifyFrontMatter round-trips hostile titles exactly, with no extra keys', () => {
  for (const title of HOSTILE) {
    const data = { title, date: '2024-03-27T10:15:00Z', tags: [title], source: { name: title, url: 'https://x.example/a' } };
    const text = stringifyFrontMatter(data, 'Body\n');
    const parsed = parseFrontMatter(text);
    assert.deepEqual(parsed.data, data, JSON.stringify(title));
    assert.deepEqual(Object.keys(parsed.data), ['title', 'date', 'tags', 'source'], JSON.stringify(title));
    assert.equal(parsed.body, 'Body\n', JSON.stringify(title));
    assert.equal(parsed.data.title, title);
    assert.equal(typeof parsed.data.title, 'string');
  }
});

test('stringifyFrontMatter writes the title on one line, quoted', () => {
  const text = stringifyFrontMatter({ title: 'x\n---\nlayout: evil' }, 'b');
  assert.equal(text, '---\ntitle: "x\\n---\\nlayout: evil"\n---\nb\n');
  assert.equal(text.split('\n').filter((line) => line === '---').length, 2);
});

test('stringifyFrontMatter keeps non-string values and their types', () => {
  const data = { title: 'T', draft: true, count: 3, nothing: null, list: ['a', 'b'], nested: { k: 'v' } };
  const parsed = parseFrontMatter(stringifyFrontMatter(data, 'b'));
  assert.deepEqual(parsed.data, data);
});

test('stringifyFrontMatter ends the body with exactly one newline of its own', () => {
  assert.equal(stringifyFrontMatter({ a: 1 }, 'x'), '---\na: 1\n---\nx\n');
  assert.equal(stringifyFrontMatter({ a: 1 }, 'x\n'), '---\na: 1\n---\nx\n');
  assert.equal(stringifyFrontMatter({ a: 1 }, ''), '---\na: 1\n---\n');
  const parsed = parseFrontMatter(stringifyFrontMatter({ title: 'T' }, '# Heading\n\n---\n\ntext'));
  assert.equal(parsed.body, '# Heading\n\n---\n\ntext\n');
  assert.deepEqual(parsed.data, { title: 'T' });
});

/** Every Markdown file's front matter under a folder of the repository. */
function frontMatterOfAll(dir: URL): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) found.push(...frontMatterOfAll(new URL(`${entry.name}/`, dir)));
    else if (entry.name.endsWith('.md')) found.push(parseFrontMatter(readFileSync(new URL(entry.name, dir), 'utf8')).data);
  }
  return found;
}

test('quickFrontMatter writes what yaml writes, for every sample post and page', () => {
  const all = frontMatterOfAll(new URL('../../content/', import.meta.url));
  assert.ok(all.length > 20);
  let quick = 0;
  for (const data of all) {
    const text = quickFrontMatter(data);
    if (text === undefined) continue;
    quick += 1;
    assert.equal(text, yamlFrontMatter(data), JSON.stringify(data));
  }
  // The quick path is the one posts take (a sample post with a nested or odd field may not).
  assert.ok(quick > all.length * 0.9, `${quick} of ${all.length}`);
});

test('quickFrontMatter writes what yaml writes, or leaves the value to yaml, for hostile values', () => {
  const pieces = ['a', 'دری', 'ټ', ' ', '"', "'", '\\', '\n', '\r', '\t', '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\u200c', '\u202e', '\ud800', '\udc00', '😀', '---', '...', '%', '#', ': ', '- ', '[', '{', '&a', '*b', '!x', '|', '>', '@', '`', '~', 'null', 'true', '1e3', '0x1f'];
  let state = 7;
  const random = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const text = (): string => Array.from({ length: random(6) }, () => pieces[random(pieces.length)]).join('');
  let quick = 0;
  for (let i = 0; i < 5000; i++) {
    const data: Record<string, unknown> = { title: text(), date: '2026-12-01T00:00:00Z', categories: [text(), text()], draft: random(2) === 0, source: { name: text(), url: text() } };
    if (random(3) === 0) data.tags = [];
    if (random(4) === 0) data.weight = random(1000);
    const written = quickFrontMatter(data);
    if (written === undefined) continue;
    quick += 1;
    assert.equal(written, yamlFrontMatter(data), JSON.stringify(data));
    assert.deepEqual(parseFrontMatter(`---\n${written}---\n`).data, data);
  }
  assert.ok(quick > 100, `the quick path was taken ${quick} times`);
  // Shapes it does not write go to yaml.
  for (const odd of [{ 'a b': 'x' }, { null: 'x' }, { n: 1.5 }, { n: -1 }, { nested: { deeper: { x: 'y' } } }, { list: [1, 2] }, { d: new Date(0) }, {}]) {
    assert.equal(quickFrontMatter(odd), undefined, JSON.stringify(odd));
  }
});
