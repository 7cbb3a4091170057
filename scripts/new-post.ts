/**
 * `npm run new -- "Title" [--category NAME]… [--tag NAME]… [--lang fa] [--slug SLUG]`
 * writes a valid post at content/posts/YYYY/MM/<slug>.md, dated now in the site's time
 * zone, and prints its path. Unknown categories are refused (with the closest name); an
 * existing file is never overwritten.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { loadCategories } from '../src/model/categories.ts';
import { stringifyFrontMatter } from '../src/model/front-matter.ts';
import { validatePost } from '../src/model/schema.ts';
import { nowOf, settings } from '../src/model/settings.ts';
import { loadSiteConfig } from '../src/model/site-config.ts';
import { slugify } from '../src/model/slug.ts';

const usage = 'usage: npm run new -- "Title" [--category NAME]... [--tag NAME]... [--lang fa] [--slug SLUG]';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      category: { type: 'string', multiple: true, default: [] },
      tag: { type: 'string', multiple: true, default: [] },
      lang: { type: 'string' },
      slug: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`);
}
if (args.values.help) {
  console.log(usage);
  process.exit(0);
}
const title = args.positionals.join(' ').trim();
if (title === '') fail(usage);

let config;
let site;
let categories;
try {
  config = settings();
  site = loadSiteConfig(join(config.contentDir, '_data', 'site.yaml'));
  categories = loadCategories(join(config.contentDir, '_data', 'categories.yaml'));
} catch (error) {
  fail((error as Error).message);
}
const { contentDir } = config;

for (const name of args.values.category) {
  if (categories.get(name) !== undefined) continue;
  const suggestion = categories.suggest(name);
  fail(`unknown category ${JSON.stringify(name)}${suggestion ? `; did you mean ${JSON.stringify(suggestion)}?` : ''} (see content/_data/categories.yaml)`);
}

// The date an editor reads: now, in the site's time zone, with its offset.
const local = DateTime.fromJSDate(nowOf(config), { zone: site.timeZone }).startOf('second');
const slug = args.values.slug ?? slugify(title);
const data: Record<string, unknown> = {
  title,
  date: local.toISO({ suppressMilliseconds: true }),
  categories: args.values.category,
  tags: args.values.tag,
};
if (args.values.slug !== undefined) data.slug = slug;
if (args.values.lang !== undefined) data.lang = args.values.lang;

const validation = validatePost(data);
if (!validation.ok) fail(validation.problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
if (slug === '') fail('the title gives an empty slug: pass --slug');

const dir = join(contentDir, 'posts', local.toFormat('yyyy'), local.toFormat('MM'));
const path = join(dir, `${slug}.md`);
mkdirSync(dir, { recursive: true });
try {
  // "wx": never overwrite a post that is already there.
  writeFileSync(path, stringifyFrontMatter(data, 'Write the story here.\n'), { flag: 'wx' });
} catch (error) {
  if ((error as NodeJS.ErrnoException).code === 'EEXIST') fail(`${path} already exists: choose another title or --slug`);
  throw error;
}
console.log(path);
