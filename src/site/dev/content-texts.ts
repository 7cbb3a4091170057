import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The content files' text, kept in memory between reloads of the dev server's site: after an
 * edit only the files the watcher names are read again (a 50,000-post site is ~150 MB of
 * Markdown, too much to read on every save). Keys are absolute paths.
 */
export interface ContentTexts {
  read(file: string): string;
  /** The file changed (or went): read it again when next asked for. */
  forget(file: string): void;
  /** Something changed that the watcher could not name: read every file again. */
  clear(): void;
}

export function contentTexts(): ContentTexts {
  const texts = new Map<string, string>();
  return {
    read(file) {
      const path = resolve(file);
      let text = texts.get(path);
      if (text === undefined) {
        text = readFileSync(path, 'utf8');
        texts.set(path, text);
      }
      return text;
    },
    forget(file) {
      texts.delete(resolve(file));
    },
    clear() {
      texts.clear();
    },
  };
}
