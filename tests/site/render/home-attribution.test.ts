/**
 * A post ingest wrote for an entry without a link of its own (`source.home: true`, its front
 * matter written inert as Markdown by render-post.ts), built by the real build script: the
 * site reads the YAML escapes back as the feed's text, says the link goes to the outlet's home
 * page rather than the story, and does not present that page as the story in its feeds or
 * structured data.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPost } from '../../../src/ingest/render-post.ts';
import { buildSite, makeContent, mustReadPage } from '../../helpers/site-fixture.ts';

const TITLE = '[x](javascript:alert(1)) <b>news</b>';
const homePost = renderPost(
  {
    title: TITLE,
    date: '2024-03-15T08:00:00Z',
    categories: ['Political News'],
    tags: [],
    slug: 'no-link-story',
    source: { name: 'Tolo News', url: 'https://tolonews.com/', id: 'hash:abc', feed: 'tolonews', home: true },
  },
  'A story the feed gave no link for.',
);
const storyPost = renderPost(
  {
    title: 'Linked story',
    date: '2024-03-14T08:00:00Z',
    categories: ['Political News'],
    tags: [],
    source: { name: 'Tolo News', url: 'https://tolonews.com/story-1', id: 'https://tolonews.com/story-1', feed: 'tolonews' },
  },
  'A story with its own link.',
);

const content = makeContent([
  { path: 'posts/2024/03/no-link-story.md', raw: homePost },
  { path: 'posts/2024/03/linked-story.md', raw: storyPost },
]);
const site = buildSite(content, { KHABAR_NOW: '2024-06-01T00:00:00Z' });

function jsonLd(url: string): Record<string, unknown>[] {
  return mustReadPage(site.output, url)
    .querySelectorAll('script[type="application/ld+json"]')
    .map((s) => JSON.parse(s.textContent) as Record<string, unknown>);
}

test('the site builds from the posts ingest wrote', () => {
  assert.equal(site.status, 0, site.stderr);
  assert.ok(homePost.includes('\\x5Bx\\x5D'), 'the title is escaped in the file');
});

test('the post page shows the title as written and says the link is the outlet\'s home page', () => {
  const page = mustReadPage(site.output, '/2024/03/15/no-link-story/');
  assert.equal(page.querySelector('h1')?.text.trim(), TITLE);
  const credit = page.querySelector('.attribution');
  assert.match(credit?.text ?? '', /^Source: Tolo News\. The feed gave no link to this story: visit the Tolo News home page/);
  assert.doesNotMatch(credit?.text ?? '', /Read the original story/);
  assert.equal(credit?.querySelector('a')?.getAttribute('href'), 'https://tolonews.com/');
  const linked = mustReadPage(site.output, '/2024/03/14/linked-story/').querySelector('.attribution');
  assert.match(linked?.text ?? '', /Read the original story at Tolo News/);
});

test('neither the feeds nor the structured data present the home page as the story', () => {
  const article = (url: string) => jsonLd(url).find((d) => d['@type'] === 'NewsArticle' || d['@type'] === 'BlogPosting' || 'isBasedOn' in d);
  assert.equal(article('/2024/03/15/no-link-story/')?.isBasedOn, undefined);
  assert.equal(article('/2024/03/14/linked-story/')?.isBasedOn, 'https://tolonews.com/story-1');
  const json = JSON.parse(readFileSync(join(site.output, 'feed.json'), 'utf8')) as { items: { title: string; external_url?: string; content_html: string }[] };
  const home = json.items.find((i) => i.title === TITLE)!;
  assert.equal(home.external_url, undefined);
  assert.match(home.content_html, /The feed gave no link to this story: <a href="https:\/\/tolonews\.com\/">visit the Tolo News home page<\/a>/);
  assert.equal(json.items.find((i) => i.title === 'Linked story')?.external_url, 'https://tolonews.com/story-1');
});
