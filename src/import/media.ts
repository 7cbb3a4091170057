import { constants, copyFileSync, lstatSync, mkdirSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isMediaFile } from '../model/media-types.ts';

/**
 * Copies the old site's uploaded files that imported posts link to, from a copy of its
 * `wp-content/uploads/` folder (`--media DIR`) to `content/media/uploads/`, where the site
 * serves them as `/media/uploads/…`. A path from a post is data: it may not leave the
 * uploads folder, a link (symlink) is never followed, and an existing file is never replaced.
 * Only the kinds of file the site publishes are copied (model/media-types.ts).
 */
export interface MediaCounts {
  copied: number;
  missing: number;
  /** Links to the old uploads folder left absolute (no `--media`, or the file is missing). */
  external: number;
}

export class MediaCopier {
  /** The uploads paths copied (or, in a dry run, to be copied) and those not found. */
  readonly copied: string[] = [];
  readonly missing: string[] = [];
  /** Uploads of a kind the site does not publish (an .svg, an .html): left on the old site. */
  readonly refused: string[] = [];
  private readonly done = new Map<string, string | null>();

  constructor(
    private readonly uploadsDir: string | null,
    private readonly contentDir: string,
    private readonly dryRun: boolean,
  ) {}

  /** The site URL of an uploaded file ("2015/06/x.jpg" → "/media/uploads/2015/06/x.jpg"), or null when it is not copied. */
  urlOf(uploadsPath: string): string | null {
    if (this.uploadsDir === null) return null;
    const known = this.done.get(uploadsPath);
    if (known !== undefined) return known;
    const url = this.copy(uploadsPath);
    this.done.set(uploadsPath, url);
    return url;
  }

  private copy(uploadsPath: string): string | null {
    if (!isMediaFile(uploadsPath)) {
      this.refused.push(uploadsPath);
      return null;
    }
    const root = resolve(this.uploadsDir!);
    const source = resolve(root, uploadsPath);
    const inside = relative(root, source);
    if (inside === '' || inside.startsWith('..') || inside.includes(`${sep}..${sep}`) || resolve(root, inside) !== source) return this.miss(uploadsPath);
    try {
      // Not a link itself, and no linked folder on the way out of the uploads folder.
      if (!lstatSync(source).isFile()) return this.miss(uploadsPath);
      if (!realpathSync(source).startsWith(realpathSync(root) + sep)) return this.miss(uploadsPath);
    } catch {
      return this.miss(uploadsPath);
    }
    const target = join(this.contentDir, 'media', 'uploads', inside);
    if (!this.dryRun) {
      mkdirSync(dirname(target), { recursive: true });
      try {
        copyFileSync(source, target, constants.COPYFILE_EXCL);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    this.copied.push(uploadsPath);
    return `/media/uploads/${inside.split(sep).join('/')}`;
  }

  private miss(uploadsPath: string): null {
    this.missing.push(uploadsPath);
    return null;
  }
}
