import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { DataFileError } from '../../src/model/errors.ts';
import { loadSiteConfig, parseSiteConfig } from '../../src/model/site-config.ts';

const SITE_YAML = new URL('../../content/_data/site.yaml', import.meta.url);

function problems(yamlText: string): string[] {
  try {
    parseSiteConfig(yamlText, 'site.yaml');
  } catch (error) {
    assert.ok(error instanceof DataFileError, `a DataFileError, not ${String(error)}`);
    return error.message.split('\n');
  }
  return assert.fail(`expected ${JSON.stringify(yamlText)} to be refused`);
}

test("the sample site's site.yaml is valid", () => {
  const site = loadSiteConfig(fileURLToPath(SITE_YAML));
  assert.equal(site.timeZone, 'Asia/Kabul');
  assert.ok(site.menu.length > 0);
});

test('a problem names the file, the line and the field', () => {
  const base = 'name: Khabar\nurl: https://khabar.example\n';
  assert.deepEqual(problems(`${base}menu:\n  - title: Home\n    url: /\n  - title: About\n`), ['site.yaml:6: menu.1.url: Invalid input: expected string, received undefined']);
  assert.deepEqual(problems(`${base}timeZone: Asia/Kabol\n`), ['site.yaml:3: timeZone: unknown time zone "Asia/Kabol"']);
  assert.deepEqual(problems(`${base}colour: red\n`), ['site.yaml:3: colour: unknown field']);
  assert.deepEqual(problems(`${base}postsPerPage: 0\n`).length, 1);
  assert.match(problems(`${base}postsPerPage: 0\n`)[0]!, /^site\.yaml:3: postsPerPage: /);
  assert.match(problems('name: [\n')[0]!, /^site\.yaml:\d+: \(file\): invalid YAML: /);
});

test('every problem is listed, not only the first', () => {
  const found = problems('url: not a url\nlinkLists:\n  - links: []\n');
  assert.deepEqual(
    found.map((line) => line.split(': ').slice(0, 2).join(': ')),
    ['site.yaml:1: name', 'site.yaml:1: url', 'site.yaml:3: linkLists.0.title'],
  );
});

test('links printed on every page are site-relative paths or http(s) URLs, nothing a browser runs', () => {
  const base = 'name: Khabar\nurl: https://khabar.example\n';
  for (const bad of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,x', '//evil.example/x', 'vbscript:x', 'about', '/x\\\\y', 'http:x']) {
    const quoted = JSON.stringify(bad);
    assert.match(problems(`${base}menu:\n  - { title: X, url: ${quoted} }\n`)[0]!, /^site\.yaml:4: menu\.0\.url: expected a site-relative path/, bad);
    assert.match(problems(`${base}logo: ${quoted}\n`)[0]!, /^site\.yaml:3: logo: /, bad);
    assert.match(problems(`${base}linkLists:\n  - title: L\n    links:\n      - { title: X, url: ${quoted} }\n`)[0]!, /^site\.yaml:6: linkLists\.0\.links\.0\.url: /, bad);
    assert.match(problems(`${base}footer:\n  promos:\n    - { title: P, text: T, url: ${quoted} }\n`)[0]!, /^site\.yaml:5: footer\.promos\.0\.url: /, bad);
  }
  for (const good of ['/', '/about/', '/category/x/?a=1#top', 'https://www.bbc.com/persian', 'http://example.org']) {
    const site = parseSiteConfig(`${base}logo: ${JSON.stringify(good)}\nmenu:\n  - { title: X, url: ${JSON.stringify(good)} }\n`);
    assert.equal(site.menu[0]!.url, good);
  }
});
