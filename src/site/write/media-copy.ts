import { constants, createWriteStream, readdirSync } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { KhabarError } from '../../model/errors.ts';
import { MEDIA_EXTENSIONS } from '../../model/media-types.ts';
import { isHidden } from '../check/content-files.ts';
import { outputFile } from './output-path.ts';

/**
 * Copies editors' media (content/media/x.jpg → <output>/media/x.jpg). Done here rather than
 * by Eleventy's passthrough copy, which copies a symbolic link as a link (and the hosts'
 * uploads then publish what it points to): a link is never followed nor copied — the folders
 * are walked without following links and each file is opened with O_NOFOLLOW — and every
 * target goes through outputFile. The content check has already refused links and other
 * kinds of file (check/content-files.ts); meeting one here is an error all the same.
 * Returns the number of files copied.
 */
export async function copyMedia(contentDir: string, outputDir: string): Promise<number> {
  const files: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && prefix === '') return;
      throw error;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isSymbolicLink()) throw new KhabarError(`${path} is a symbolic link: media are never copied through links`);
      if (isHidden(entry.name)) continue;
      if (entry.isDirectory()) walk(path, `${prefix}${entry.name}/`);
      else if (entry.isFile() && MEDIA_EXTENSIONS.has(extname(entry.name).toLowerCase())) files.push(`${prefix}${entry.name}`);
      else throw new KhabarError(`${path} is not a media file Khabar publishes`);
    }
  };
  walk(join(contentDir, 'media'), '');
  const made = new Set<string>();
  for (const file of files.sort()) {
    const target = outputFile(outputDir, `media/${file}`);
    const dir = dirname(target);
    if (!made.has(dir)) {
      await mkdir(dir, { recursive: true });
      made.add(dir);
    }
    const source = await open(join(contentDir, 'media', file), constants.O_RDONLY | constants.O_NOFOLLOW);
    await pipeline(source.createReadStream(), createWriteStream(target));
  }
  return files.length;
}
