import { test } from 'node:test';
import assert from 'node:assert/strict';
import { moreMarker, spliceableFragments } from '../../../src/site/render/fragments.ts';

const fragments = { header: '<header>H</header>', sidebar: '<aside>S – ساید</aside>', footer: '<footer>F</footer>' };

test('a page rendered with the stand-ins gets the fragments back, as UTF-8 bytes', () => {
  const spliced = spliceableFragments(fragments);
  assert.equal(spliced.standIns.header, fragments.header, 'the header stays a string (each page marks its menu item)');
  const page = `<body>${spliced.standIns.header}<main>کابل</main>${spliced.standIns.sidebar}${spliced.standIns.footer}</body>`;
  assert.equal(spliced.splice(page).toString('utf8'), `<body>${fragments.header}<main>کابل</main>${fragments.sidebar}${fragments.footer}</body>`);
});

test('a page without the markers is written as it is', () => {
  const spliced = spliceableFragments(fragments);
  assert.equal(spliced.splice('<feed>no sidebar</feed>').toString('utf8'), '<feed>no sidebar</feed>');
  // Only the footer (a page without a sidebar).
  assert.equal(spliced.splice(`<p>x</p>${spliced.standIns.footer}`).toString('utf8'), `<p>x</p>${fragments.footer}`);
});

test('a page is encoded into the buffer it is given when it fits, else into its own', () => {
  const spliced = spliceableFragments(fragments);
  const page = `<main>${'کابل '.repeat(50)}</main>${spliced.standIns.sidebar}${spliced.standIns.footer}`;
  const expected = `<main>${'کابل '.repeat(50)}</main>${fragments.sidebar}${fragments.footer}`;
  const roomy = Buffer.alloc(64 * 1024);
  const inRoomy = spliced.splice(page, roomy);
  assert.equal(inRoomy.buffer, roomy.buffer, 'written into the given buffer');
  assert.equal(inRoomy.toString('utf8'), expected);
  assert.equal(inRoomy.length, Buffer.byteLength(expected), 'exactly the page: no stale bytes after it');
  const small = Buffer.alloc(16);
  const own = spliced.splice(page, small);
  assert.notEqual(own.buffer, small.buffer, 'a page larger than the buffer gets its own');
  assert.equal(own.toString('utf8'), expected);
  assert.equal(small.toString('utf8'), '\0'.repeat(16), 'the small buffer is left alone');
});

test('a shared "More … news" list is spliced in by its category, from a string or from bytes alike', () => {
  const asked: string[] = [];
  const spliced = spliceableFragments(fragments, (url) => {
    asked.push(url);
    return url === '/category/security/' ? '<section>More Security news – امنیت</section>' : undefined;
  });
  const page = `<main>کابل${moreMarker('/category/security/')}</main>${moreMarker('/category/unknown/')}${spliced.standIns.sidebar}${spliced.standIns.footer}`;
  const expected = `<main>کابل<section>More Security news – امنیت</section></main>${moreMarker('/category/unknown/')}${fragments.sidebar}${fragments.footer}`;
  assert.equal(spliced.splice(page).toString('utf8'), expected, 'an unknown fragment is left as it is');
  assert.equal(spliced.spliceBytes(Buffer.from(page)).toString('utf8'), expected);
  const roomy = Buffer.alloc(4096);
  const inRoomy = spliced.spliceBytes(Buffer.from(page), roomy);
  assert.equal(inRoomy.buffer, roomy.buffer);
  assert.equal(inRoomy.toString('utf8'), expected);
  assert.deepEqual(asked, ['/category/security/', '/category/unknown/'], 'each list is rendered once per build');
});
