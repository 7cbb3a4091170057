import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * A hash of source files (and of the V8 version running them): part of a build-cache key,
 * so that what a changed version of the code would make is never taken from the cache.
 */
export function codeVersion(files: readonly URL[]): string {
  const hash = createHash('sha256').update(`node ${process.versions.v8}\n`);
  for (const file of files) {
    try {
      hash.update(readFileSync(file));
    } catch {
      hash.update(`missing ${file.pathname}\n`); // e.g. no lock file: still a stable key
    }
  }
  return hash.digest('hex');
}
