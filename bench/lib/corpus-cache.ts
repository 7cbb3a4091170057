/**
 * Generated corpora cached under bench/out/ by size, seed and generator version (the source of
 * bench/corpus/ and the data files it copies): a change to any of them makes a new corpus.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCorpus, type CorpusStats } from '../corpus/write.ts';
import { OUT, ROOT } from './paths.ts';

/** The generator's version: its source and the data it copies. A change invalidates cached corpora. */
function generatorVersion(): string {
  const hash = createHash('sha256');
  const generator = readdirSync(join(ROOT, 'bench', 'corpus'))
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => `bench/corpus/${name}`);
  for (const file of [...generator, 'content/_data/site.yaml', 'content/_data/categories.yaml']) {
    hash.update(readFileSync(join(ROOT, file)));
  }
  return hash.digest('hex').slice(0, 10);
}

/** `perDay`: posts a day (undefined: the generator's default, 15); fewer a day spread N over more years. */
export function cachedCorpus(posts: number, seed: string, perDay?: number): { dir: string; stats: CorpusStats; cached: boolean; seconds: number } {
  const prefix = `corpus-${posts}-s${seed.replace(/[^A-Za-z0-9_-]/g, '_')}${perDay === undefined ? '' : `-d${perDay}`}-`;
  const name = `${prefix}${generatorVersion()}`;
  const dir = join(OUT, name);
  const marker = `${dir}.json`;
  mkdirSync(OUT, { recursive: true });
  // Corpora of older generator versions go.
  for (const entry of readdirSync(OUT)) {
    if (entry.startsWith(prefix) && entry !== name && entry !== `${name}.json`) rmSync(join(OUT, entry), { recursive: true, force: true });
  }
  if (existsSync(marker) && existsSync(dir)) {
    return { dir, stats: JSON.parse(readFileSync(marker, 'utf8')) as CorpusStats, cached: true, seconds: 0 };
  }
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const stats = generateCorpus({ posts, out: dir, seed, ...(perDay === undefined ? {} : { perDay }) });
  writeFileSync(marker, `${JSON.stringify(stats)}\n`);
  return { dir, stats, cached: false, seconds: (performance.now() - started) / 1000 };
}
