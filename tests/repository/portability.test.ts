/**
 * A clone anywhere passes `npm test`: no source, test or command file reaches outside the
 * repository (the sibling `shared/` folder of the machine Khabar was first built on, or an
 * absolute path of some machine), and the commands never borrow code from tests/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Folders that are not the project's own files (installed, built or generated). */
const SKIP = new Set(['node_modules', '.git', '_site', 'out', 'test-results', '.cache', 'fixtures']);
const CODE = /\.(?:ts|js|mjs|cjs|json|yml|yaml|njk|sh)$|^run$/;

function codeFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name === 'package-lock.json') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...codeFiles(path));
    else if (CODE.test(entry.name)) found.push(path);
  }
  return found;
}

const files = ['src', 'scripts', 'tests', 'bench', 'templates', '.ci', '.github']
  .flatMap((dir) => {
    try {
      return codeFiles(join(ROOT, dir));
    } catch {
      return [];
    }
  })
  .concat(['.eleventy.ts', 'package.json', 'eslint.config.js'].map((file) => join(ROOT, file)));

// Spelled in pieces so that this file does not match itself.
const OUTSIDE = [
  { what: 'the sibling shared folder', pattern: new RegExp(['\\.\\./', 'shared\\b'].join('')) },
  { what: 'an absolute path of a machine', pattern: new RegExp(['(?:^|[\'"`\\s(=])/(?:work', 'home', 'root', 'Users', 'mnt)/'].join('|')) },
  { what: 'a Windows drive path', pattern: new RegExp(['[\'"`][A-Za-z]:', '\\\\'].join('')) },
];

test('the tree scanned is the real one', () => {
  const names = files.map((file) => relative(ROOT, file));
  for (const expected of ['.eleventy.ts', 'package.json', join('scripts', 'build.ts'), join('tests', 'repository', 'portability.test.ts')]) {
    assert.ok(names.includes(expected), `${expected} is scanned`);
  }
  assert.ok(files.length > 100, `${files.length} files scanned`);
});

test('no code, test or command file names a path outside the repository', () => {
  const found: string[] = [];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    for (const [i, line] of lines.entries()) {
      for (const { what, pattern } of OUTSIDE) {
        if (pattern.test(line)) found.push(`${relative(ROOT, file)}:${i + 1}: ${what}: ${line.trim()}`);
      }
    }
  }
  assert.deepEqual(found, []);
});

test('the patterns catch what they are for', () => {
  const hits = (line: string) => OUTSIDE.filter(({ pattern }) => pattern.test(line)).map(({ what }) => what);
  const up = '../../..';
  assert.deepEqual(hits(`readFileSync(new URL('${up}/shared/feeds/real/x.xml', import.meta.url))`), ['the sibling shared folder']);
  assert.deepEqual(hits(`const SPEC = '/${'work'}/shared/spec/categories.txt';`), ['an absolute path of a machine']);
  assert.deepEqual(hits(`cd /${'home'}/editor/khabar && npm test`), ['an absolute path of a machine']);
  assert.deepEqual(hits(`const site = '${'C'}:\\Users\\me';`), ['a Windows drive path']);
  assert.deepEqual(hits("const shared = sharedMoreLists(index); // the shared fragments"), []);
  assert.deepEqual(hits("readFileSync(new URL('../fixtures/feeds/x.xml', import.meta.url))"), []);
});

test('commands never import from tests/', () => {
  const commands = files.filter((file) => !relative(ROOT, file).startsWith('tests') && /\.(?:ts|js|mjs)$/.test(file));
  const found: string[] = [];
  for (const file of commands) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]/g)) {
      const spec = match[1] ?? match[2] ?? '';
      if (/(?:^|\/)tests\//.test(spec)) found.push(`${relative(ROOT, file)} imports ${spec}`);
    }
  }
  assert.deepEqual(found, []);
});
