import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCategories } from '../../src/model/categories.ts';
import { parseSources, SourcesError } from '../../src/ingest/sources.ts';

const categories = loadCategories(new URL('../../content/_data/categories.yaml', import.meta.url).pathname);

function problemsOf(yaml: string): string[] {
  try {
    parseSources(yaml, categories, 'sources.yaml');
  } catch (error) {
    assert.ok(error instanceof SourcesError, String(error));
    return error.problems;
  }
  assert.fail('expected a SourcesError');
}

describe('sources file', () => {
  it('reads entries and applies the defaults', () => {
    const sources = parseSources(
      `sources:
  - id: tolonews
    name: Tolo News
    url: https://tolonews.com/rss.xml
    categories: [Political News]
  - id: bbc-pashto
    name: BBC Pashto
    url: https://feeds.bbci.co.uk/pashto/rss.xml
    kind: full
    tags: [BBC]
    lang: ps
    enabled: false
`,
      categories,
    );
    assert.deepEqual(sources, [
      {
        id: 'tolonews',
        name: 'Tolo News',
        url: 'https://tolonews.com/rss.xml',
        kind: 'summary',
        categories: ['Political News'],
        tags: [],
        enabled: true,
      },
      {
        id: 'bbc-pashto',
        name: 'BBC Pashto',
        url: 'https://feeds.bbci.co.uk/pashto/rss.xml',
        kind: 'full',
        categories: [],
        tags: ['BBC'],
        lang: 'ps',
        enabled: false,
      },
    ]);
  });

  it('suggests the closest category for a misspelt one, naming file, entry and field', () => {
    const problems = problemsOf(`sources:
  - id: tolonews
    name: Tolo News
    url: https://tolonews.com/rss.xml
    categories: [Health News, Politcal News]
`);
    assert.deepEqual(problems, [
      'sources.yaml: sources[0] (id "tolonews"): categories.1: unknown category "Politcal News"; did you mean "Political News"?',
    ]);
  });

  it('reports every bad field, duplicate ids and unknown fields', () => {
    const problems = problemsOf(`sources:
  - id: Tolo News
    name: ""
    url: ftp://tolonews.com/rss.xml
    kind: podcast
  - id: a
    name: A
    url: https://a.example/feed
    enable: false
  - id: b
    name: B
    url: https://b.example/feed
  - id: b
    name: B again
    url: https://b2.example/feed
`);
    const text = problems.join('\n');
    assert.match(text, /sources\[0\] \(id "Tolo News"\): id: expected a stable id/);
    assert.match(text, /sources\[0\] \(id "Tolo News"\): name: expected non-empty text/);
    assert.match(text, /sources\[0\] \(id "Tolo News"\): url: expected an absolute http\(s\) URL/);
    assert.match(text, /sources\[0\] \(id "Tolo News"\): kind: expected one of "summary"\|"full"\|"video"/);
    assert.match(text, /sources\[1\] \(id "a"\): \(entry\): unknown field "enable"/);
    assert.match(text, /sources\[3\] \(id "b"\): id: "b" is already used by sources\[2\]/);
    assert.ok(problems.every((p) => p.startsWith('sources.yaml: ')));
  });

  it('names the file and line of a YAML error, and refuses a file without a sources list', () => {
    assert.match(problemsOf('sources:\n  - id: [a\n')[0]!, /^sources\.yaml:\d+: invalid YAML/);
    assert.match(problemsOf('feeds: []\n')[0]!, /^sources\.yaml: expected a mapping with a "sources:" list/);
  });

  it('reads maxNewPosts, and refuses one that is not a whole number of at least 1', () => {
    const [source] = parseSources(
      'sources:\n  - id: many\n    name: Many\n    url: https://e.example/feed\n    maxNewPosts: 50\n',
      categories,
    );
    assert.equal(source!.maxNewPosts, 50);
    for (const [value, message] of [
      ['0', 'expected at least 1 (to stop a source, set enabled: false)'],
      ['2.5', 'expected a whole number of posts, such as 200'],
      ['lots', 'expected a whole number of posts, such as 200'],
    ] as const) {
      assert.deepEqual(problemsOf(`sources:\n  - id: many\n    name: Many\n    url: https://e.example/feed\n    maxNewPosts: ${value}\n`), [
        `sources.yaml: sources[0] (id "many"): maxNewPosts: ${message}`,
      ]);
    }
  });
});
