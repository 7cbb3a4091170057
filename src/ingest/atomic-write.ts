/**
 * Writing a file that never overwrites another and never appears torn: a temp file in the
 * final directory, fsynced, then hard-linked to its final name. link() fails with EEXIST when
 * the name is taken, so no race can overwrite a post (rename() would), and the final name
 * only ever appears with its whole content. Also: the temp names (and how to recognise a
 * killed run's leftovers), and fsyncing directories once per batch.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, linkSync, unlinkSync } from 'node:fs';
import { lstat, open, constants as fsConstants } from 'node:fs/promises';
import { join } from 'node:path';

const TEMP_MARK = '.khabar-tmp-';

const TEMP_NAME = /^\..+\.khabar-tmp-\d+-[0-9a-f]+$/;

// Temp names: this process's id, a random salt and a counter (not 4 fresh random bytes per post).
const TEMP_SALT = randomBytes(4).toString('hex');

let tempCounter = 0;

/** A fresh temp name for `<slug>.md` in dir (a dot file: the site and the scan skip it). */
export function tempName(dir: string, slug: string): string {
  return join(dir, `.${slug}.md${TEMP_MARK}${process.pid}-${TEMP_SALT}${(tempCounter++).toString(16)}`);
}

export function isTempName(name: string): boolean {
  return TEMP_NAME.test(name);
}

export function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

export async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

/** Writes and fsyncs a new file (never over an existing one). */
export async function writeTemp(path: string, text: string): Promise<void> {
  const handle = await open(path, 'wx', 0o644);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Makes new directory entries durable. storePost leaves this to its caller, once per folder
 * and batch: an fsync per post costs ~4 ms, several times the write itself.
 */
export async function syncDirs(dirs: Iterable<string>): Promise<void> {
  for (const dir of new Set(dirs)) {
    let handle;
    try {
      handle = await open(dir, 'r');
      await handle.sync();
    } catch {
      // Some platforms cannot fsync a directory; the posts themselves are on disk.
    } finally {
      await handle?.close();
    }
  }
}

/**
 * Links tmp to final; false when the name is taken. Synchronous: a link is a few
 * microseconds, and a batch does one after another.
 */
export function linkNoClobber(tmp: string, final: string): boolean {
  try {
    linkSync(tmp, final);
    return true;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
  }
  // A file system without hard links: an exclusive copy still never overwrites, though a
  // crash during it could leave a partial file.
  try {
    copyFileSync(tmp, final, fsConstants.COPYFILE_EXCL);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

/** Deletes a temp file, if it is still there. */
export function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone; a leftover temp file is removed by the next run's scan anyway
  }
}
