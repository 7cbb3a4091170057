import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { CategoryList } from '../model/categories.ts';
import { BCP47_PATTERN } from '../model/language.ts';
import { httpUrl, text } from '../model/schema.ts';
import type { SourceConfig } from './types.ts';
import { KhabarError } from '../model/errors.ts';

/**
 * `content/_data/sources.yaml`: the feeds ingest reads (the contract's "Sources" section).
 * Every problem is reported at once, each naming the file, the entry and the field.
 */

export class SourcesError extends KhabarError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.problems = problems;
  }
}


const sourceEntrySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'expected a stable id of lower-case letters, digits and "-" ([a-z0-9-]+)'),
  name: text,
  url: httpUrl,
  kind: z.enum(['summary', 'full', 'video']).default('summary'),
  categories: z.array(text).default([]),
  tags: z.array(text).default([]),
  lang: z.string().regex(BCP47_PATTERN, 'expected a BCP 47 language tag such as en, fa or ps').optional(),
  enabled: z.boolean().default(true),
  maxNewPosts: z
    .number({ error: 'expected a whole number of posts, such as 200' })
    .int({ error: 'expected a whole number of posts, such as 200' })
    .min(1, { error: 'expected at least 1 (to stop a source, set enabled: false)' })
    .optional(),
});

/** New posts a source adds in one run unless its entry sets `maxNewPosts`. */
export const DEFAULT_MAX_NEW_POSTS = 200;

const sourcesFileSchema = z.strictObject({
  sources: z.array(z.unknown()),
});

function describeEntry(index: number, entry: unknown): string {
  const id =
    entry !== null && typeof entry === 'object' && typeof (entry as { id?: unknown }).id === 'string'
      ? ` (id "${(entry as { id: string }).id}")`
      : '';
  return `sources[${index}]${id}`;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (allowed: ${Object.keys(sourceEntrySchema.shape).join(', ')})`;
  }
  return issue.message.replace(/^Invalid (?:input|option): /, '');
}

/** Parses and checks the sources file's text; `origin` names the file in messages. */
export function parseSources(yamlText: string, categories: CategoryList, origin = 'sources.yaml'): SourceConfig[] {
  const doc = parseDocument(yamlText, { uniqueKeys: true, schema: 'core' });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const line = first.linePos?.[0]?.line;
    throw new SourcesError([`${origin}${line === undefined ? '' : `:${line}`}: invalid YAML: ${first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`]);
  }
  const file = sourcesFileSchema.safeParse(doc.toJS({ maxAliasCount: 50 }));
  if (!file.success) {
    throw new SourcesError([`${origin}: expected a mapping with a "sources:" list of feeds`]);
  }

  const problems: string[] = [];
  const sources: SourceConfig[] = [];
  const firstIndexOfId = new Map<string, number>();

  file.data.sources.forEach((entry, index) => {
    const where = `${origin}: ${describeEntry(index, entry)}`;
    const result = sourceEntrySchema.safeParse(entry);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = issue.path.map(String).join('.');
        problems.push(`${where}: ${field === '' ? '(entry)' : field}: ${issueMessage(issue)}`);
      }
      return;
    }
    const source = result.data;
    const before = firstIndexOfId.get(source.id);
    if (before !== undefined) {
      problems.push(`${where}: id: "${source.id}" is already used by sources[${before}]; ids must be unique`);
      return;
    }
    firstIndexOfId.set(source.id, index);

    let categoriesOk = true;
    source.categories.forEach((name, i) => {
      if (categories.get(name) !== undefined) return;
      categoriesOk = false;
      const suggestion = categories.suggest(name);
      problems.push(
        `${where}: categories.${i}: unknown category "${name}"` +
          (suggestion === undefined ? ' (see content/_data/categories.yaml)' : `; did you mean "${suggestion}"?`),
      );
    });
    if (!categoriesOk) return;

    sources.push({
      id: source.id,
      name: source.name,
      url: source.url,
      kind: source.kind,
      categories: source.categories,
      tags: source.tags,
      ...(source.lang === undefined ? {} : { lang: source.lang }),
      enabled: source.enabled,
      ...(source.maxNewPosts === undefined ? {} : { maxNewPosts: source.maxNewPosts }),
    });
  });

  if (problems.length > 0) throw new SourcesError(problems);
  return sources;
}

export function loadSources(path: string, categories: CategoryList): SourceConfig[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SourcesError([`${path}: cannot read the sources file: ${(error as Error).message}`]);
  }
  return parseSources(text, categories, path);
}
