import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eleventyFrontMatterEngines } from '../../src/site/eleventy-front-matter.ts';
import { FrontMatterError } from '../../src/model/front-matter.ts';

test('Eleventy never sees a post\'s tags (it would make one collection per tag)', () => {
  const data = eleventyFrontMatterEngines.yaml('\ntitle: x\ntags: [Kabul, Measles]\n');
  assert.equal('tags' in data, false);
  assert.deepEqual(data.khabarTags, ['Kabul', 'Measles']);
  assert.equal(data.title, 'x');
  assert.deepEqual(eleventyFrontMatterEngines.yaml('\ntitle: y\n'), { title: 'y' });
});

test('the shared rules still hold: JavaScript front matter is refused', () => {
  assert.throws(() => eleventyFrontMatterEngines.js(), FrontMatterError);
  assert.throws(() => eleventyFrontMatterEngines.javascript(), FrontMatterError);
});
