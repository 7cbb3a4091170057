/**
 * A synthetic news corpus for the build benchmark (`npm run bench`), in the contract's shape.
 *
 *   npx tsx bench/corpus/generate.ts --posts N --out DIR [--seed S] [--end YYYY-MM-DD] [--per-day K]
 *                                 [--exact] [--append --batch NAME]
 *
 * Writes DIR/_data/{site,categories}.yaml (copied from content/_data) and
 * DIR/posts/YYYY/MM/<slug>.md: about K (15) posts a day going backwards from --end
 * (2025-12-28), days and folders in the site's time zone; the categories of categories.yaml
 * with a Zipf-like spread, 1–3 a post; ~1,500 tags, 0–3 a post, Zipf-like; Markdown bodies of
 * 80–700 words with links, lists, headings, quotes and some `<!-- more -->`; 5% Persian
 * (`lang: fa`); 60% aggregated (`source:`). Every post passes `validatePost`, and no two posts
 * share a URL. One JSON line of statistics goes to stdout.
 *
 * Deterministic: the same arguments give byte-identical files. The seed drives the vocabulary
 * (tags, category ranking); `--batch` names a further stream of posts drawn from the same
 * vocabulary, so `--append --batch daily-1 --end 2025-12-29 --posts 15 --exact` adds a day of news to
 * an existing corpus (the benchmark's daily rebuild) without touching its files.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCorpus } from './write.ts';

function main(): void {
  const usage =
    'usage: bench/corpus/generate.ts --posts N --out DIR [--seed S] [--end YYYY-MM-DD] [--per-day K [--exact]] [--append] [--batch NAME]';
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        posts: { type: 'string', short: 'n' },
        out: { type: 'string', short: 'o' },
        seed: { type: 'string' },
        batch: { type: 'string' },
        end: { type: 'string' },
        'per-day': { type: 'string' },
        exact: { type: 'boolean' },
        append: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`bench/corpus/generate.ts: ${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (values.help === true) {
    console.log(usage);
    return;
  }
  const posts = Number(values.posts);
  if (values.out === undefined || !Number.isInteger(posts) || posts < 1) {
    console.error(`bench/corpus/generate.ts: --posts N (a positive integer) and --out DIR are required\n${usage}`);
    process.exit(2);
  }
  try {
    const stats = generateCorpus({
      posts,
      out: values.out,
      ...(values.seed === undefined ? {} : { seed: values.seed }),
      ...(values.batch === undefined ? {} : { batch: values.batch }),
      ...(values.end === undefined ? {} : { end: values.end }),
      ...(values['per-day'] === undefined ? {} : { perDay: Number(values['per-day']) }),
      exactPerDay: values.exact === true,
      append: values.append === true,
    });
    console.log(JSON.stringify(stats));
  } catch (error) {
    console.error(`bench/corpus/generate.ts: ${(error as Error).message}`);
    process.exit(1);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
