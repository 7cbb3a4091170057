/**
 * The fast front-matter readers (src/model/front-matter-fast.ts) against the real YAML parser
 * (the `yaml` package, core schema, as front-matter.ts runs it): wherever a fast reader gives
 * an answer it must be the parser's, else it must decline (undefined) and leave the text to
 * the parser. Checked on hand-picked cases, every post in content/posts, every post ingest
 * renders from the fixture feeds, and generated hostile input.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { prepareSource, renderDrafts } from '../../src/ingest/prepare.ts';
import { readFrontMatterHead } from '../../src/ingest/posts-scan.ts';
import type { SourceConfig } from '../../src/ingest/types.ts';
import { loadCategories } from '../../src/model/categories.ts';
import {
  indexFieldsFrom,
  indexFieldsOf,
  parsedIndexFields,
  quickIndexFields,
  quickReadBack,
  type IndexFields,
} from '../../src/model/front-matter-fast.ts';
import { parseFrontMatter, stringifyFrontMatter } from '../../src/model/front-matter.ts';
import { FEEDS_DIR, feedBytes } from '../helpers/fixtures.ts';

const REPO_POSTS = fileURLToPath(new URL('../../content/posts/', import.meta.url));

/** The YAML parser's reading of a front matter block's YAML, as front-matter.ts runs it; undefined: it refuses. */
function realYaml(yamlText: string): Record<string, unknown> | undefined {
  const doc = parseDocument(yamlText.replace(/\r\n?/g, '\n'), { uniqueKeys: true, schema: 'core' });
  if (doc.errors.length > 0) return undefined;
  const value: unknown = doc.toJS({ maxAliasCount: 50 });
  if (value === null || value === undefined) return {};
  return typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The index fields as the real parser gives them (the projection parsedIndexFields makes). */
function realIndexFields(yamlText: string): IndexFields | undefined {
  const data = realYaml(yamlText);
  return data === undefined ? undefined : indexFieldsFrom(data);
}

/** quickIndexFields on a block's YAML: undefined, or exactly the parser's answer. Returns whether it answered. */
function checkIndex(yamlText: string): boolean {
  const fast = quickIndexFields(yamlText);
  if (fast === undefined) return false;
  const real = realIndexFields(yamlText);
  assert.notEqual(real, undefined, `the parser refuses ${JSON.stringify(yamlText)}; the fast reader must too`);
  assert.deepEqual(fast, real, JSON.stringify(yamlText));
  return true;
}

/** quickReadBack on a whole file: undefined, or exactly what parseFrontMatter (the yaml package) reads. */
function checkReadBack(text: string): boolean {
  const fast = quickReadBack(text);
  if (fast === undefined) return false;
  const yamlText = text.slice(4, text.indexOf('\n---', 3) + 1);
  assert.deepEqual(fast.data, realYaml(yamlText), JSON.stringify(text));
  const full = parseFrontMatter(text);
  assert.deepEqual(fast, { data: full.data, body: full.body }, JSON.stringify(text));
  return true;
}

function repoPostTexts(): string[] {
  return readdirSync(REPO_POSTS, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .map((file) => readFileSync(join(REPO_POSTS, file), 'utf8'));
}

describe('quickIndexFields and indexFieldsOf', () => {
  const cases = [
    // Khabar's own output, and what editors write.
    stringifyFrontMatter(
      { title: 'Measles: UNICEF', date: '2024-03-27T10:15:00Z', categories: ['Health News'], tags: [], source: { name: 'T', url: 'https://t.example/1', id: 'g-1', feed: 't' } },
      '',
    ),
    '---\ntitle: Cabinet Meeting in Kabul\ndate: 2026-11-27T06:45:00Z\ncategories: [Political News, Reconstruction and Development]\ntags: [Kabul]\nsource:\n  name: Tolo News\n  url: https://tolonews.com/afghanistan-192013\n  id: "https://tolonews.com/afghanistan-192013"\n  feed: tolonews\n---\n',
    '---\ntitle: "کتابخانه عامه مزار شریف"\ndate: 2026-11-02T08:00:00+04:30\nlang: fa\ndraft: false\nslug: custom-slug\n---\n',
    // Scalars that are not strings, or whose meaning needs the parser.
    '---\ntitle: 2024\ndate: 2024-01-01T00:00:00Z\nsource:\n  id: 12345\n  feed: null\n  url: 12:30\n  name: true\n---\n',
    '---\ntitle: "escaped \\" quote"\ndate: 2024-01-01T00:00:00Z\n---\n',
    "---\ntitle: 'single'\ndate: 2024-01-01T00:00:00Z\n---\n",
    '---\ntitle: a # comment\ndate: 2024-01-01T00:00:00Z\n---\n',
    '---\ntitle: |\n  block\ndate: 2024-01-01T00:00:00Z\n---\n',
    '---\ntitle: multi\n  line plain\ndate: 2024-01-01T00:00:00Z\n---\n',
    '---\ntitle: a\ntitle: b\n---\n',
    '---\nsource: {name: a, url: "https://a.example/", id: x, feed: f}\ntitle: x\n---\n',
    '---\nsource:\n    name: deeper\ntitle: x\n---\n',
    '---\nsource:\ntitle: x\n---\n',
    '---\ntags:\n- a\ntitle: x\n---\n',
    '---\ntitle: &anchor x\nslug: *anchor\n---\n',
    '---\ntitle: x\n...\n---\n',
    '---\n"title": x\n---\n',
    '---\ntitle: x\tstill x\n---\n',
    '---\ntitle: x:\n---\n',
    '---\n---\n',
  ];

  it('reads the needed fields exactly as the YAML parser does, or leaves the file to it', () => {
    let quick = 0;
    for (const head of cases) {
      const fast = head.startsWith('---\n') ? quickIndexFields(head.slice(4, -4)) : undefined;
      let full;
      try {
        full = parsedIndexFields(head);
      } catch {
        assert.equal(fast, undefined, `the parser refuses ${JSON.stringify(head)}, the fast path must too`);
        continue;
      }
      if (fast === undefined) continue;
      quick++;
      assert.deepEqual(fast, full, JSON.stringify(head));
    }
    assert.ok(quick >= 4, `${quick} cases took the fast path`);
  });

  it('agrees with the parser on every post in the repository and on hostile titles', async () => {
    const titles = ['x\n---\nlayout: evil', 'a: b', '{{ 7*7 }}', '#hash', 'ends with colon:', 'C# and F#', '12:30', 'null', '- dash', ' lead', 'trail ', 'تیتر فارسی: دوم', 'quote " inside', 'back\\slash'];
    const heads = titles.map((title) =>
      stringifyFrontMatter({ title, date: '2024-01-01T00:00:00Z', source: { name: 'n', url: 'https://a.example/', id: title, feed: 'f' } }, ''),
    );
    for (const file of readdirSync(REPO_POSTS, { recursive: true, encoding: 'utf8' })) {
      if (file.endsWith('.md')) heads.push(readFrontMatterHead(join(REPO_POSTS, file))!);
    }
    for (const head of heads) {
      assert.deepEqual(indexFieldsOf(head), parsedIndexFields(head), head);
    }
  });
});

describe('quickReadBack', () => {
  const strings = [
    'Measles: UNICEF', 'x\n---\nlayout: evil', 'a: b', '{{ 7*7 }}', '#hash', 'C# and F#', '12:30', 'null', 'true', '~', '- dash',
    ' lead', 'trail ', 'تیتر فارسی: دوم', 'کمپاین\u200cها', 'quote " inside', 'back\\slash', '\\"', '"', '\\', 'tab\there',
    'nbsp\u00a0here', 'line\u2028sep', 'bom\ufeff', 'emoji 😀', 'lone \ud800', 'del\u007f', 'nel\u0085', "'single'", '&anchor', '*alias',
    '!!js/function', '%TAG', '...', '---', '[a, b]', '{a: b}', '>', '|', '@at', '`tick`', 'x'.repeat(500),
  ];
  it('reads what the parser reads, or leaves the text to it', () => {
    let quick = 0;
    for (const [i, value] of strings.entries()) {
      const data: Record<string, unknown> = {
        title: value,
        date: '2024-01-01T00:00:00Z',
        categories: [value, 'Health News'],
        tags: i % 2 === 0 ? [] : [value],
        source: { name: value, url: 'https://a.example/', id: value, feed: 'f' },
      };
      for (const body of ['', 'body', `${value}\n---\nmore`, '\nstarts with a blank line', 'crlf\r\nbody']) {
        const text = stringifyFrontMatter(data, body);
        const fast = quickReadBack(text);
        if (fast === undefined) continue;
        quick++;
        const full = parseFrontMatter(text);
        assert.deepEqual(fast, { data: full.data, body: full.body }, JSON.stringify(text));
      }
    }
    assert.ok(quick >= strings.length, `${quick} texts took the fast path`);
  });

  it('leaves other shapes to the parser', () => {
    for (const text of [
      '---\ntitle: plain\n---\n',
      '---\ntitle: "a"\ntitle: "b"\n---\n',
      '---\ntitle: "a"\nsource:\n---\n',
      '---\ntitle: "a"\ntags:\n  - "x"\n  k: "y"\n---\n',
      '---\ntitle: "a\\tb"\n---\n',
      '---\ntitle: "a" # c\n---\n',
      '---\ntitle: "a"\n---x\n',
      '---\ntrue: "a"\n---\n',
      '---\n__proto__: "a"\n---\n',
      '---\n---\n',
    ]) {
      assert.equal(quickReadBack(text), undefined, text);
    }
  });
});

describe('fast readers on real posts', () => {
  it('every post in content/posts', () => {
    const texts = repoPostTexts();
    assert.ok(texts.length > 10);
    let answered = 0;
    for (const text of texts) {
      if (text.startsWith('---\n')) answered += Number(checkIndex(text.slice(4, text.indexOf('\n---', 3) + 1)));
      checkReadBack(text);
    }
    assert.ok(answered > 0, 'the fast index reader answered for no repository post');
  });

  it('every post ingest renders from the fixture feeds', async () => {
    const categories = loadCategories(fileURLToPath(new URL('../../content/_data/categories.yaml', import.meta.url)));
    let answered = 0;
    let rendered = 0;
    for (const name of readdirSync(FEEDS_DIR, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort()) {
      const source: SourceConfig = { id: 'fixture', name: 'Fixture', url: `https://feeds.example/${name}`, kind: 'summary', categories: [], tags: [], enabled: true };
      const result = await prepareSource(
        { body: feedBytes(name), url: source.url, source, now: Date.parse('2026-12-01T12:00:00Z'), maxCategories: 3, timeZone: 'Asia/Kabul' },
        categories,
      );
      for (const render of renderDrafts(result.drafts).values()) {
        if (!('text' in render)) continue;
        rendered++;
        answered += Number(checkReadBack(render.text));
        checkIndex(render.text.slice(4, render.text.indexOf('\n---', 3) + 1));
        const head = render.text.slice(0, render.text.indexOf('\n---', 3) + 5);
        assert.deepEqual(indexFieldsOf(head), parsedIndexFields(head));
      }
    }
    assert.ok(rendered > 300 && answered > rendered / 2, `${answered} of ${rendered}`);
  });
});

describe('fast readers on hostile input', () => {
  const values = [
    'plain', 'a: b', 'a:b', 'x #c', 'x# c', '#start', "'single'", "'it''s'", '"dq"', '"esc \\" q"', '"tab\\t"', '"u\\u00e9"', '"nl\\n"',
    '"unterminated', "'unterminated", '"a" trailing', '12:30', '2024', '0x1F', '1e3', '.5', '+1', 'null', '~', 'Null', 'TRUE', 'yes', 'no',
    'on', '.inf', '-.Inf', '.NaN', '[a, b]', '[]', '{a: b}', '{}', '&a x', '*a', '!!str 5', '!tag x', '|', '>', '|-\n  block', '>\n  folded',
    '- item', '? key', '@at', '`tick`', '%TAG', 'ends:', 'ünïcödé', 'تیتر فارسی: دوم', 'کمپاین\u200cها', 'emoji 😀', 'x\u00a0nbsp', 'x\u2028sep',
    'bom\ufeff', 'del\u007f', 'x  ', ' x', 'multi\n  line', 'multi\nline', '"multi\n  line"', "'multi\n  line'", 'x\ty', '"a\\\\"', '"\\\\"',
  ];
  const keys = ['title', 'date', 'slug', 'titles', 'Title', 'title ', '"title"', "'slug'", 'title.x', 'source', 'tags', '_', 'x-y', '__proto__', 'true', '1'];
  const blocks = [
    'source:\n  name: n\n  url: https://a.example/\n  id: i\n  feed: f',
    'source:\n    name: deep',
    'source:\n   feed: odd',
    'source:\n\tfeed: tab',
    'source:\n  feed: a\n  feed: b',
    'source:\n  feed: a\n    more: b',
    'source:\n  - feed',
    'source:',
    'source: {feed: f}',
    'source:\n  # comment\n  feed: f',
    'source:\n  feed: f # c',
    'source:\n  feed: "f"\n  id: \'i\'',
    'tags:\n  - a\n  - b: c',
    'tags:\n- a',
    'tags:\n  - "x"\n  k: "y"',
    'categories: [a, "b"]',
    'title: a\ntitle: b',
    'title: x\n...',
    'title: x\n---',
    '# only a comment',
    '',
  ];

  it('the index reader answers as the parser does, or declines', () => {
    let answered = 0;
    let cases = 0;
    const lineEnds = ['\n', '\r\n'];
    for (const key of keys) {
      for (const value of values) {
        for (const end of lineEnds) {
          const yamlText = [`${key}: ${value}`, 'date: 2024-01-01T00:00:00Z', 'source:', '  feed: f', ''].join(end);
          cases++;
          answered += Number(checkIndex(yamlText));
          cases++;
          answered += Number(checkIndex(`title: t\n  ${key}: ${value}\n`));
        }
      }
    }
    for (const block of blocks) {
      for (const value of values) {
        for (const text of [`title: ${value}\n${block}\n`, `${block}\ntitle: ${value}\n`, `${block}\nsource:\n  id: ${value}\n`]) {
          cases++;
          answered += Number(checkIndex(text));
        }
      }
    }
    assert.ok(answered > 50 && answered < cases, `${answered} of ${cases} answered`);
  });

  it('the read-back reader answers as the parser does, or declines', () => {
    let answered = 0;
    for (const value of values) {
      const data = { title: value, date: '2024-01-01T00:00:00Z', tags: [value], source: { name: value, url: 'https://a.example/', id: value, feed: 'f' } };
      for (const body of ['', 'body', `${value}\n---\nmore`, 'crlf\r\nbody']) {
        const written = stringifyFrontMatter(data, body);
        answered += Number(checkReadBack(written));
        // The same text bent out of the writer's shape: other quotes, indentation, line ends, comments.
        for (const bent of [
          written.replace(/\n/g, '\r\n'),
          written.replace(/^title: "(.*)"$/m, "title: '$1'"),
          written.replace(/^title: "(.*)"$/m, 'title: $1'),
          written.replace(/^title: (.*)$/m, 'title: $1 # comment'),
          written.replace(/^ {2}/gm, '   '),
          written.replace(/^ {2}- /m, '- '),
          written.replace(/^title:/m, 'titlex:'),
          written.replace(/^date:/m, 'title:'),
          written.replace(/^tags:/m, '"tags":'),
          written.replace(/^---\n/, '---\r\n'),
          written.replace(/\n---\n/, '\n--- \n'),
        ]) {
          checkReadBack(bent);
        }
      }
    }
    assert.ok(answered > values.length, `${answered} answered`);
  });
});
