import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spliceableFragments } from '../../src/site/fragments.ts';

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
