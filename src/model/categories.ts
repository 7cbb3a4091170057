import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DataFile } from './data-file.ts';
import { DataFileError, KhabarError, type Problem } from './errors.ts';
import { SLUG_PATTERN, slugify } from './slug.ts';

/**
 * The site's categories, kept as data in `content/_data/categories.yaml`: a name (what editors
 * and feeds write), a slug (its URL) and keywords (the ingest classifier's rules).
 */

export const categorySchema = z.strictObject({
  name: z.string().trim().min(1),
  // The slug is a folder name in the output: only a real slug (no "/", "..", "." or spaces).
  slug: z.string().regex(SLUG_PATTERN, 'expected a slug: lower-case words joined by "-" (e.g. health-news)').optional(),
  description: z.string().optional(),
  keywords: z.array(z.string().trim().min(1)).default([]),
});

const categoriesFileSchema = z.strictObject({
  categories: z.array(categorySchema).min(1),
});

export interface Category {
  name: string;
  slug: string;
  description?: string;
  keywords: string[];
}

export const FALLBACK_CATEGORY = 'Uncategorized';

export class CategoryList {
  readonly all: readonly Category[];
  private readonly byName = new Map<string, Category>();
  private readonly byFoldedName = new Map<string, Category>();

  constructor(categories: readonly Category[]) {
    this.all = categories;
    const slugs = new Set<string>();
    for (const category of categories) {
      // parseCategories reports these with their lines; this guards lists made in code.
      if (this.byName.has(category.name)) throw new KhabarError(`categories: "${category.name}" is listed twice`);
      if (slugs.has(category.slug)) throw new KhabarError(`categories: slug "${category.slug}" is used twice`);
      this.byName.set(category.name, category);
      this.byFoldedName.set(fold(category.name), category);
      slugs.add(category.slug);
    }
  }

  /** The category with exactly this name. */
  get(name: string): Category | undefined {
    return this.byName.get(name);
  }

  /** Matches a feed's category loosely: case, dashes and spacing do not matter. */
  findLoose(name: string): Category | undefined {
    return this.byName.get(name) ?? this.byFoldedName.get(fold(name));
  }

  /** The closest known name, for "did you mean …" messages. */
  suggest(name: string): string | undefined {
    const loose = this.findLoose(name);
    if (loose) return loose.name;
    const target = fold(name);
    // "Isis" means "ISIS/DAESH", not "Misc.": a name that is one word of a category wins.
    const byWord = this.all.filter((c) => fold(c.name).split(/[^\p{L}\p{N}]+/u).includes(target));
    if (byWord.length === 1) return byWord[0]!.name;
    let best: Category | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const category of this.all) {
      const distance = editDistance(target, fold(category.name));
      if (distance < bestDistance) {
        best = category;
        bestDistance = distance;
      }
    }
    // Only suggest when the names are plausibly the same.
    return best !== undefined && bestDistance <= Math.max(3, Math.floor(target.length / 2)) ? best.name : undefined;
  }
}

function fold(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s\-–—_]+/g, ' ').trim();
}

/** Levenshtein distance; the names are short, so the simple two-row form is enough. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Parses categories.yaml; a problem is a DataFileError with the file, line and field. */
export function parseCategories(yamlText: string, origin = 'categories.yaml'): CategoryList {
  const file = new DataFile(origin, yamlText);
  const data = file.parse(categoriesFileSchema);
  const categories: Category[] = data.categories.map((c) => ({
    name: c.name,
    slug: c.slug ?? slugify(c.name),
    ...(c.description === undefined ? {} : { description: c.description }),
    keywords: c.keywords,
  }));
  const problems: Problem[] = [];
  const names = new Set<string>();
  const slugs = new Set<string>();
  for (const [i, category] of categories.entries()) {
    if (names.has(category.name)) problems.push(file.problem(['categories', i, 'name'], `"${category.name}" is listed twice`));
    else if (slugs.has(category.slug)) problems.push(file.problem(['categories', i, 'slug'], `slug "${category.slug}" is used twice`));
    names.add(category.name);
    slugs.add(category.slug);
  }
  if (problems.length > 0) throw new DataFileError(problems);
  return new CategoryList(categories);
}

export function loadCategories(path: string): CategoryList {
  return parseCategories(readFileSync(path, 'utf8'), path);
}
