import { isAbsolute, relative, resolve, sep } from 'node:path';
import { KhabarError } from '../../model/errors.ts';

/**
 * The second line of defence for every file the site writes: the model refuses slugs and
 * aliases that could leave the output folder, and the writers resolve each path through
 * here, so that no data — whatever it says — makes a file outside the output folder.
 */
export class OutputPathError extends KhabarError {}

/**
 * The file (absolute path) for `path`, a site path ("/2024/03/27/x/index.html") or one
 * relative to the output folder. Refused: NUL, backslashes, "." and ".." segments, empty
 * segments, absolute paths of the file system, and anything that resolves outside `outputDir`.
 */
export function outputFile(outputDir: string, path: string): string {
  const refuse = (why: string): never => {
    throw new OutputPathError(`refusing to write ${JSON.stringify(path)}: ${why}`);
  };
  if (path.includes('\0')) refuse('it contains a NUL character');
  if (path.includes('\\')) refuse('it contains a backslash');
  if (/^[a-zA-Z]:/.test(path)) refuse('it is a drive path');
  const inside = path.startsWith('/') ? path.slice(1) : path;
  if (inside === '' || inside.endsWith('/')) refuse('it names a folder, not a file');
  for (const segment of inside.split('/')) {
    if (segment === '') refuse('it has an empty segment ("//")');
    if (segment === '.' || segment === '..') refuse('it has a "." or ".." segment');
  }
  const root = resolve(outputDir);
  const file = resolve(root, inside);
  const rel = relative(root, file);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) refuse(`it is outside the output folder ${outputDir}`);
  return file;
}
