import { openParseCache, type ParseCache, type ParsedContent } from '../check/parse-cache.ts';

/**
 * The dev server's parse cache: every parse of this session in memory (an edited post is
 * parsed once, and the previous version of a file is still there when an edit is undone),
 * over the build cache's (KHABAR_CACHE) when there is one, so a restart parses nothing that
 * an earlier build or session already parsed.
 */
export function devParseCache(cacheDir: string | null): ParseCache {
  const disk = cacheDir === null ? undefined : openParseCache(cacheDir);
  const memory = new Map<string, ParsedContent>();
  let saved = false;
  return {
    get(hash) {
      const found = memory.get(hash) ?? disk?.get(hash);
      if (found !== undefined) memory.set(hash, found);
      return found;
    },
    set(hash, parsed) {
      memory.set(hash, parsed);
      disk?.set(hash, parsed);
    },
    *hashes() {
      yield* memory.keys();
      if (disk?.hashes !== undefined) yield* disk.hashes();
    },
    // Written once, after the first load: writing it after every edit would cost more than the
    // edit (the whole cache is rewritten once enough of it changed); a restart parses the rest.
    save() {
      if (saved) return 0;
      saved = true;
      return disk?.save() ?? 0;
    },
  };
}
