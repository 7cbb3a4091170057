import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { loadCategories } from '../../src/model/categories.ts';
import { parseFrontMatter } from '../../src/model/front-matter.ts';
import { prepareSource, renderDrafts } from '../../src/ingest/prepare.ts';
import { frontMatterFor, InvalidDraftError, renderFirst, renderPost } from '../../src/ingest/render-post.ts';
import type { PostDraft, SourceConfig } from '../../src/ingest/types.ts';
import { FEEDS_DIR, feedBytes } from '../helpers/fixtures.ts';
import { liveMarkdown } from '../helpers/inert-markdown.ts';

const DRAFT: PostDraft = {
  frontMatter: {
    title: 'Water: Talks',
    date: '2024-03-27T10:15:00Z',
    categories: ['Health News'],
    tags: [],
    source: { name: 'Tolo News', url: 'https://tolonews.com/1', id: 'k', feed: 'tolonews' },
  },
  body: 'Body.',
  key: 'k',
  canonicalLink: 'https://tolonews.com/1',
};

describe('renderPost', () => {
  it('renderPost still refuses a post that would not read back', () => {
    assert.throws(() => renderPost({ title: 'x', date: '2024-01-01T00:00:00Z' }, 'a\r\nb'), InvalidDraftError);
  });

  it('writes the fields in the contract order, slug only when given', () => {
    assert.deepEqual(Object.keys(frontMatterFor(DRAFT, undefined)), ['title', 'date', 'categories', 'tags', 'source']);
    assert.deepEqual(Object.keys(frontMatterFor(DRAFT, 'x')), ['title', 'date', 'categories', 'tags', 'slug', 'source']);
    const text = renderPost(frontMatterFor(DRAFT, undefined), DRAFT.body);
    assert.deepEqual(parseFrontMatter(text).data, frontMatterFor(DRAFT, undefined));
  });
});

describe('renderFirst', () => {
  it('gives the text under the draft own slug, or why it cannot be stored', () => {
    assert.deepEqual(renderFirst(DRAFT), { text: renderPost(frontMatterFor(DRAFT, undefined), DRAFT.body) });
    const undated = { ...DRAFT, frontMatter: { ...DRAFT.frontMatter, date: 'yesterday' } };
    assert.deepEqual(renderFirst(undated), { invalid: 'date: expected an ISO 8601 date, found "yesterday"' });
  });
});

describe('every post ingest renders from the fixture feeds', () => {
  it('is inert as Markdown, front matter included, in summary and full posts alike', async () => {
    const categories = loadCategories(fileURLToPath(new URL('../../content/_data/categories.yaml', import.meta.url)));
    const names = [
      ...readdirSync(FEEDS_DIR, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name),
      ...readdirSync(`${FEEDS_DIR}edge`).map((name) => `edge/${name}`),
    ];
    let rendered = 0;
    for (const name of names) {
      for (const kind of ['summary', 'full'] as const) {
        const source: SourceConfig = { id: 'fixture', name: 'Fixture', url: `https://feeds.example/${name}`, kind, categories: [], tags: [], enabled: true };
        const result = await prepareSource(
          { body: feedBytes(name), url: source.url, source, now: Date.parse('2026-12-01T12:00:00Z'), maxCategories: 3, timeZone: 'Asia/Kabul' },
          categories,
        );
        for (const render of renderDrafts(result.drafts).values()) {
          assert.ok('text' in render, `${name}: ${'invalid' in render ? render.invalid : ''}`);
          rendered++;
          assert.deepEqual(liveMarkdown(render.text), [], `${name} (${kind})`);
        }
      }
    }
    assert.ok(rendered > 1000, `${rendered} posts`);
  });
});

