/**
 * The repository's test fixtures (tests/fixtures/, listed with their origins and licences in
 * its README): every file a test reads lives there, so a clone anywhere passes `npm test`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** tests/fixtures/feeds/: real-world feeds, byte for byte (several are not UTF-8). */
export const FEEDS_DIR = fileURLToPath(new URL('../fixtures/feeds/', import.meta.url));

/** The bytes of one real-world feed fixture. */
export function feedBytes(name: string): Buffer {
  return readFileSync(new URL(name, new URL('../fixtures/feeds/', import.meta.url)));
}

/** The contract's 71 category names (tests/fixtures/spec/categories.txt). */
export function contractCategoryNames(): string[] {
  return readFileSync(new URL('../fixtures/spec/categories.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
