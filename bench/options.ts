/** The benchmark's command line (`npm run bench -- …`): its options, checked, and its usage. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const USAGE = `usage: npm run bench -- [--quick] [--sizes 1000,5000,20000] [--seed S] [--per-day K] [--hugo-site DIR | --no-hugo] [--daily]
                      [--profile | --no-profile] [--no-ingest] [--no-dev] [--import-posts N | --no-import] [--no-search] [--keep] [--write]

  --quick          one size, 1,000 posts (default sizes: 1,000, 5,000 and 20,000)
  --per-day K      K posts a day in every corpus (default 15: 20,000 posts over 44 months;
                   --per-day 8 spreads 50,000 over 17 years, as the archive Khabar replaces)
  --hugo-site DIR  build every corpus with Hugo too, from the Hugo reference site in DIR
                   (see README); without it, or with --no-hugo, Hugo is skipped
  --daily          on the largest size, add a day of posts and rebuild with the build cache
  --profile        profile every size (default: the largest; --no-profile: none)
  --no-ingest      leave out the ingest benchmark
  --no-dev         leave out the dev server benchmark (npm start on the largest size: first
                   serve and edit-to-visible times, bench/dev-server.ts)
  --import-posts N the WordPress import benchmark's export size (default 50,000; --quick: 2,000,
                   whose imported site is not built); --no-import leaves it out
  --no-search      leave out the search measurement (bench/search.ts: each size's site searched in Chromium)
  --keep           keep the temporary builds and print where they are
  --write          write the figures to bench/results.md`;

export interface Options {
  sizes: number[];
  seed: string;
  /** Posts a day in the generated corpora; undefined: the generator's default. */
  perDay: number | undefined;
  hugo: boolean;
  /** The Hugo reference site, absolute; undefined: not given. */
  hugoSite: string | undefined;
  daily: boolean;
  profile: 'largest' | 'all' | 'none';
  ingest: boolean;
  /** The dev server benchmark on the largest size. */
  dev: boolean;
  /** Posts in the import benchmark's export; 0: no import benchmark. */
  importPosts: number;
  /** Build the imported site too (not with --quick). */
  importBuild: boolean;
  /** Search each size's built site in Chromium (bench/search.ts). */
  search: boolean;
  keep: boolean;
  write: boolean;
  help: boolean;
}

export function benchOptions(args = process.argv.slice(2)): Options {
  const { values } = parseArgs({
    args,
    options: {
      quick: { type: 'boolean' },
      sizes: { type: 'string' },
      seed: { type: 'string' },
      'per-day': { type: 'string' },
      'hugo-site': { type: 'string' },
      'no-hugo': { type: 'boolean' },
      daily: { type: 'boolean' },
      profile: { type: 'boolean' },
      'no-profile': { type: 'boolean' },
      'no-ingest': { type: 'boolean' },
      'no-dev': { type: 'boolean' },
      'import-posts': { type: 'string' },
      'no-import': { type: 'boolean' },
      'no-search': { type: 'boolean' },
      keep: { type: 'boolean' },
      write: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const sizes = values.sizes !== undefined ? values.sizes.split(',').map(Number) : values.quick === true ? [1000] : [1000, 5000, 20000];
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes: expected positive integers, found ${values.sizes}`);
  const hugoSite = values['hugo-site'] === undefined ? undefined : resolve(values['hugo-site']);
  if (hugoSite !== undefined && !existsSync(join(hugoSite, 'prepare-content.sh'))) {
    throw new Error(`--hugo-site: ${hugoSite} is not the Hugo reference site (no prepare-content.sh in it)`);
  }
  if (values['import-posts'] !== undefined && !(Number.isInteger(Number(values['import-posts'])) && Number(values['import-posts']) > 0)) {
    throw new Error(`--import-posts: expected a positive whole number, found ${values['import-posts']}`);
  }
  const perDay = values['per-day'] === undefined ? undefined : Number(values['per-day']);
  if (perDay !== undefined && !(Number.isInteger(perDay) && perDay >= 1)) throw new Error(`--per-day: expected a whole number of at least 1, found ${values['per-day']}`);
  return {
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    seed: values.seed ?? '1',
    perDay,
    hugo: values['no-hugo'] !== true,
    hugoSite,
    daily: values.daily === true,
    profile: values['no-profile'] === true ? 'none' : values.profile === true ? 'all' : 'largest',
    ingest: values['no-ingest'] !== true,
    dev: values['no-dev'] !== true,
    importPosts: values['no-import'] === true ? 0 : Number(values['import-posts'] ?? (values.quick === true ? 2000 : 50000)),
    importBuild: values.quick !== true,
    search: values['no-search'] !== true,
    keep: values.keep === true,
    write: values.write === true,
    help: values.help === true,
  };
}
