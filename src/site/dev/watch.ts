import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join, sep } from 'node:path';

/**
 * Watches folders and everything under them, and reports what changed, gathered over a
 * short quiet time: an editor's save is often several events (a temporary file, a rename).
 * A path is absolute; `null` in the list means a change the system could not name (the
 * whole folder is then to be read again).
 *
 * One watcher per folder (a folder's watcher names the files in it that change), not
 * `fs.watch`'s `recursive` option: on Linux, Node 20 implements that with a watcher and a
 * stat per *file*, which at 50,000 posts took minutes to start and reported every file as
 * new. A folder that appears is watched from then on (and reported, so its files are read).
 */
export type ChangeHandler = (changes: { dir: string; paths: (string | null)[] }[]) => void;

export function watchFolders(dirs: readonly string[], onChange: ChangeHandler, quietMs = 40): () => void {
  const pending = new Map<string, Set<string | null>>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const flush = (): void => {
    timer = undefined;
    const changes = [...pending].map(([dir, paths]) => ({ dir, paths: [...paths] }));
    pending.clear();
    onChange(changes);
  };
  const report = (root: string, path: string | null): void => {
    let paths = pending.get(root);
    if (paths === undefined) pending.set(root, (paths = new Set()));
    paths.add(path);
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(flush, quietMs);
  };

  const watchers = new Map<string, FSWatcher>();
  const unwatch = (folder: string): void => {
    for (const [dir, watcher] of watchers) {
      if (dir === folder || dir.startsWith(`${folder}${sep}`)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
  };
  const watchTree = (root: string, folder: string): void => {
    if (closed || watchers.has(folder)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, (_event, name) => {
        if (name === null) return report(root, null);
        const path = join(folder, name.toString());
        let isDir = false;
        try {
          isDir = statSync(path).isDirectory();
        } catch {
          // Gone: so is anything watched under it.
          unwatch(path);
        }
        if (isDir) watchTree(root, path);
        report(root, path);
      });
    } catch {
      return; // Gone before it could be watched: its parent's watcher reported it.
    }
    watcher.on('error', () => unwatch(folder));
    watchers.set(folder, watcher);
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) if (entry.isDirectory()) watchTree(root, join(folder, entry.name));
  };
  for (const dir of dirs) watchTree(dir, dir);

  return () => {
    closed = true;
    if (timer !== undefined) clearTimeout(timer);
    for (const watcher of watchers.values()) watcher.close();
    watchers.clear();
  };
}
