/**
 * Validity: html-validate (recommended preset) finds no error on any HTML page of the built
 * fixture site, every .xml file (Atom feeds, sitemaps, the news sitemap) is well-formed XML
 * with the root element its kind needs, and every .json file (JSON Feed, Pagefind's entry)
 * parses.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { buildFixture } from './helpers.ts';

/** The recommended preset, as is: no rule is turned off. */
const CONFIG: ConfigData = {
  extends: ['html-validate:recommended'],
};

let out: string;
let files: string[];

before(() => {
  out = buildFixture();
  files = (readdirSync(out, { recursive: true, withFileTypes: true }) as { name: string; parentPath: string; isFile(): boolean }[])
    .filter((entry) => entry.isFile())
    .map((entry) => relative(out, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
});

const ofType = (extension: string): string[] => files.filter((file) => file.endsWith(extension));

test('the validator, as configured, reports errors (a control)', async () => {
  const report = await new HtmlValidate(CONFIG).validateString('<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p id="a"><div id="a"></div></body></html>');
  const rules = new Set(report.results.flatMap((r) => r.messages.map((m) => m.ruleId)));
  assert.ok(rules.has('no-dup-id') && rules.has('no-implicit-close'), [...rules].join(', '));
});

test('html-validate: zero errors on every HTML page', async () => {
  const pages = ofType('.html');
  assert.ok(pages.length > 80, `only ${pages.length} pages`);
  // Every kind of page the site writes is among them.
  for (const page of ['index.html', '404.html', 'search/index.html', 'about/index.html', 'old-rich-post/index.html', '2024/01/05/index.html', 'tag/measles/page/2/index.html']) {
    assert.ok(pages.includes(page), `no ${page}`);
  }
  const validator = new HtmlValidate(CONFIG);
  const problems: string[] = [];
  for (const page of pages) {
    const report = await validator.validateFile(join(out, page));
    for (const result of report.results) {
      for (const message of result.messages) {
        problems.push(`${page}:${message.line}:${message.column} ${message.ruleId}: ${message.message}${message.selector ? ` (${message.selector})` : ''}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('every .xml file is well-formed, with the root its kind needs', () => {
  const xml = ofType('.xml');
  assert.ok(xml.includes('feed.xml') && xml.includes('sitemap.xml') && xml.includes('news-sitemap.xml'), xml.join(', '));
  assert.ok(xml.includes('category/health-news/feed.xml') && xml.includes('tag/measles/feed.xml'));
  const parser = new XMLParser({ ignoreAttributes: false });
  for (const file of xml) {
    const text = readFileSync(join(out, file), 'utf8');
    const valid = XMLValidator.validate(text);
    assert.equal(valid, true, `${file}: ${JSON.stringify(valid)}`);
    const document = parser.parse(text) as Record<string, unknown>;
    const root = Object.keys(document).find((key) => key !== '?xml');
    const expected = file.endsWith('feed.xml') ? 'feed' : /sitemap/.test(file) ? /^(urlset|sitemapindex)$/ : null;
    assert.ok(expected !== null, `unexpected XML file ${file}`);
    if (typeof expected === 'string') assert.equal(root, expected, file);
    else assert.match(root ?? '', expected, file);
  }
});

test('every .json file parses; feed.json is a JSON Feed 1.1 with items', () => {
  const json = ofType('.json');
  assert.ok(json.includes('feed.json'), json.join(', '));
  for (const file of json) {
    assert.doesNotThrow(() => JSON.parse(readFileSync(join(out, file), 'utf8')), file);
  }
  const feed = JSON.parse(readFileSync(join(out, 'feed.json'), 'utf8')) as { version: string; items: unknown[] };
  assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
  assert.equal(feed.items.length, 20);
});
