import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/**
 * Watches folders (recursively, Node's fs.watch) and reports what changed, gathered over a
 * short quiet time: an editor's save is often several events (a temporary file, a rename).
 * A path is absolute; `null` in the list means a change the system could not name (the
 * whole folder is then to be read again).
 */
export type ChangeHandler = (changes: { dir: string; paths: (string | null)[] }[]) => void;

export function watchFolders(dirs: readonly string[], onChange: ChangeHandler, quietMs = 40): () => void {
  const pending = new Map<string, Set<string | null>>();
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    timer = undefined;
    const changes = [...pending].map(([dir, paths]) => ({ dir, paths: [...paths] }));
    pending.clear();
    onChange(changes);
  };
  const watchers: FSWatcher[] = dirs.map((dir) =>
    watch(dir, { recursive: true }, (_event, name) => {
      let paths = pending.get(dir);
      if (paths === undefined) pending.set(dir, (paths = new Set()));
      paths.add(name === null ? null : join(dir, name.toString()));
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(flush, quietMs);
    }),
  );
  return () => {
    if (timer !== undefined) clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}
