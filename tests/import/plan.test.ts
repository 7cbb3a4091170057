import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dispositionOf, itemDate, OldSite, oldUrlKey, Planner, planFile } from '../../src/import/plan.ts';
import type { WxrItem } from '../../src/import/wxr-reader.ts';

function item(fields: Partial<WxrItem>): WxrItem {
  return {
    line: 1, title: 'T', link: '', guid: '', creator: '', content: '', excerpt: '', postId: 1,
    postDate: '2024-03-27 14:45:00', postDateGmt: '2024-03-27 10:15:00', postName: 'a-post', status: 'publish',
    postType: 'post', parent: 0, password: '', attachmentUrl: '', categories: [], oldSlugs: [], comments: 0,
    ...fields,
  };
}

const oldSite = new OldSite(['https://old.example']);
const planner = (refuse: (alias: string) => string | null = () => null) => new Planner({ timeZone: 'Asia/Kabul', oldTimeZone: 'Asia/Kabul', refuseAlias: refuse });

test('statuses: published, drafts (draft, pending, private, any password), scheduled, and the rest skipped by name', () => {
  assert.equal(dispositionOf(item({ status: 'publish' })), 'publish');
  for (const status of ['draft', 'pending', 'private']) assert.equal(dispositionOf(item({ status })), 'draft', status);
  assert.equal(dispositionOf(item({ status: 'publish', password: 'x' })), 'draft');
  assert.equal(dispositionOf(item({ status: 'future' })), 'future');
  for (const status of ['trash', 'auto-draft', 'inherit', 'request-pending']) assert.equal(dispositionOf(item({ status })), status);
});

test('dates: post_date_gmt as UTC; a draft with none, post_date in the old site’s zone; an impossible date is none', () => {
  assert.equal(itemDate(item({}), 'UTC')?.toISOString(), '2024-03-27T10:15:00.000Z');
  assert.equal(itemDate(item({ postDateGmt: '0000-00-00 00:00:00' }), 'Asia/Kabul')?.toISOString(), '2024-03-27T10:15:00.000Z');
  assert.equal(itemDate(item({ postDateGmt: '0000-00-00 00:00:00' }), 'UTC')?.toISOString(), '2024-03-27T14:45:00.000Z');
  assert.equal(itemDate(item({ postDateGmt: '2015-02-31 10:00:00', postDate: '0000-00-00 00:00:00' }), 'UTC'), null);
  assert.equal(itemDate(item({ postDateGmt: '', postDate: '' }), 'UTC'), null);
});

test('a post goes to its day in the site’s zone; a page to its slug; a taken URL gets -2, and says so', () => {
  const p = planner();
  p.add(item({ postId: 1, postDateGmt: '2016-03-20 21:00:00' }), 'T', oldSite);
  p.add(item({ postId: 2, postDateGmt: '2016-03-20 22:00:00' }), 'T', oldSite);
  p.add(item({ postId: 3, postType: 'page', postName: 'about' }), 'About', oldSite);
  p.add(item({ postId: 4, postType: 'page', postName: 'category' }), 'Category', oldSite);
  p.add(item({ postId: 5, postType: 'attachment', attachmentUrl: 'https://old.example/wp-content/uploads/a.jpg' }), 'A', oldSite);
  p.add(item({ postId: 6, postType: 'nav_menu_item' }), 'Home', oldSite);
  p.finish();
  assert.equal(p.plans.get(1)?.url, '/2016/03/21/a-post/');
  assert.equal(planFile(p.plans.get(1)!), 'posts/2016/03/a-post.md');
  assert.equal(p.plans.get(2)?.url, '/2016/03/21/a-post-2/');
  assert.match(p.plans.get(2)!.problems.join(), /taken by an earlier item/);
  assert.equal(planFile(p.plans.get(3)!), 'pages/about.md');
  assert.equal(p.plans.get(4)?.url, '/category-page/', 'a page may not take a URL the site makes');
  assert.deepEqual(p.skipped, { attachment: 1, nav_menu_item: 1 });
  assert.equal(p.attachments.get(5)?.url, 'https://old.example/wp-content/uploads/a.jpg');
});

test('old URLs: the permalink, earlier slugs on the old day, the numeric link; none that hides another item or the site refuses; none for drafts', () => {
  const p = planner((alias) => (alias.startsWith('/category/') ? 'a URL the site makes itself' : null));
  p.add(item({ postId: 10, postName: 'new', link: 'https://www.old.example/2024/03/27/new/', oldSlugs: ['first', 'second'] }), 'T', oldSite);
  p.add(item({ postId: 11, postName: 'other', postDate: '2024-03-27 16:00:00', postDateGmt: '2024-03-27 11:30:00', link: 'https://old.example/category/x/other/', oldSlugs: ['new'] }), 'T', oldSite);
  p.add(item({ postId: 12, status: 'draft', postName: 'draft', link: 'https://old.example/?p=12', oldSlugs: ['d'] }), 'T', oldSite);
  p.finish();
  assert.deepEqual(p.plans.get(10)?.aliases, ['/2024/03/27/first/', '/2024/03/27/second/', '/?p=10']);
  // Its old slug "new" is item 10's URL now: it must not redirect away from it.
  assert.deepEqual(p.plans.get(11)?.aliases, ['/?p=11']);
  assert.equal(p.aliasConflicts.length, 2);
  assert.deepEqual(p.plans.get(12)?.aliases, []);
  assert.equal(p.newUrlFor(oldUrlKey('/2024/03/27/first')), '/2024/03/27/new/');
  assert.equal(p.newUrlFor(oldUrlKey('/?p=11')), '/2024/03/27/other/');
  assert.equal(p.newUrlFor(oldUrlKey('/?p=12')), undefined, 'links to a draft stay as they were');
});

test('old-site links: either host spelling, site-relative paths; other sites are not the old site', () => {
  assert.equal(oldSite.relative('https://www.old.example/a/?p=1#top'), '/a/?p=1');
  assert.equal(oldSite.relative('/2015/06/x/#c'), '/2015/06/x/');
  assert.equal(oldSite.relative('https://other.example/a/'), null);
  assert.equal(oldSite.relative('//old.example/a/'), null);
  assert.equal(oldUrlKey('/2015/06/%D8%AE%D8%A8%D8%B1'), '/2015/06/خبر/');
});
