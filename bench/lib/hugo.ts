/** The peer: Hugo, when installed, building the same corpus with the Hugo reference site (see README). */
import { spawnSync } from 'node:child_process';
import { cpSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { measure, type Run } from './measure.ts';
import { countOutput } from './output-count.ts';

export interface HugoFigures {
  run: Run;
  htmlPages: number;
  redirects: number;
  /** Bytes of Hugo's output (layouts-tuned/, no search). */
  bytes: number;
  /**
   * The same-features peer: Hugo with layouts-search/ (posts marked for Pagefind, categories as
   * a filter), then Pagefind over its output; undefined when either failed.
   */
  withSearch?: { hugo: Run; pagefind: Run; wallS: number; bytes: number };
}

/** Pagefind as Khabar runs it (the version in package.json). */
const PAGEFIND = join(process.cwd(), 'node_modules', '.bin', 'pagefind');

export function hugoAvailable(): string | undefined {
  const found = spawnSync('hugo', ['version'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/**
 * The same corpus built by the Hugo reference site (see README) in a scratch copy: its
 * prepare-content.sh turns the posts into Hugo content, then `hugo --quiet` with layouts-tuned/.
 */
export async function hugoBuild(hugoSite: string, corpusDir: string, scratch: string): Promise<HugoFigures | undefined> {
  const site = join(scratch, 'hugo');
  const output = join(scratch, 'hugo-out');
  rmSync(site, { recursive: true, force: true });
  cpSync(hugoSite, site, { recursive: true });
  spawnSync('chmod', ['-R', 'u+w', site]);
  // The tuned layouts (cached post list and term look-ups) are the peer to beat.
  rmSync(join(site, 'layouts'), { recursive: true, force: true });
  renameSync(join(site, 'layouts-tuned'), join(site, 'layouts'));
  const prepared = spawnSync('bash', [join(site, 'prepare-content.sh'), join(corpusDir, 'posts'), site], { encoding: 'utf8' });
  if (prepared.status !== 0) {
    console.error(`  hugo: prepare-content.sh failed: ${prepared.stderr.trim()}`);
    return undefined;
  }
  const run = await measure('hugo', ['-s', site, '-d', output, '--quiet'], { ...process.env }, join(scratch, 'hugo-run'));
  if (!run.ok) console.error(`  hugo failed (exit ${run.exitCode}): ${run.stderr.trim().split('\n').slice(-5).join('\n')}`);
  const { htmlPages, redirects, bytes } = countOutput(output);
  rmSync(output, { recursive: true, force: true });
  const figures: HugoFigures = { run, htmlPages, redirects, bytes };

  // Hugo + Pagefind: the search layouts, then Pagefind over what Hugo wrote (posts only).
  const searchOutput = join(scratch, 'hugo-search-out');
  const hugo = await measure('hugo', ['-s', site, '-d', searchOutput, '--quiet', '--layoutDir', 'layouts-search'], { ...process.env }, join(scratch, 'hugo-search-run'));
  const pagefind = hugo.ok ? await measure(PAGEFIND, ['--site', searchOutput, '--silent'], { ...process.env }, join(scratch, 'pagefind-run')) : undefined;
  if (hugo.ok && pagefind?.ok === true) {
    figures.withSearch = { hugo, pagefind, wallS: hugo.wallS + pagefind.wallS, bytes: countOutput(searchOutput).bytes };
  } else {
    console.error(`  hugo + pagefind failed: ${(pagefind ?? hugo).stderr.trim().split('\n').slice(-5).join('\n')}`);
  }
  rmSync(searchOutput, { recursive: true, force: true });
  rmSync(site, { recursive: true, force: true });
  return figures;
}
