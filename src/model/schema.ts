import { z } from 'zod';
import { parseIsoDate } from './dates.ts';
import { BCP47_PATTERN } from './language.ts';
import { SLUG_PATTERN } from './slug.ts';

/**
 * The one schema for a post's and a page's front matter (the contract's table). The site
 * validates every content file with it before building; ingest validates every post it
 * writes with it. Unknown keys are refused: no file may set Eleventy's own keys
 * (`permalink`, `layout`, `eleventyComputed`, …).
 */

const isoDate = z.unknown().transform((value, ctx) => {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
  if (typeof value === 'string') {
    const parsed = parseIsoDate(value);
    if (parsed !== null) return parsed;
  }
  ctx.addIssue({
    code: 'custom',
    message: `expected an ISO 8601 date with offset or Z (2024-03-27T10:15:00Z), found ${describe(value)}`,
  });
  return z.NEVER;
});

export const httpUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'expected an absolute http(s) URL');

export const text = z.string().trim().min(1, 'expected non-empty text');
const slug = z.string().regex(SLUG_PATTERN, 'expected a slug: lower-case words joined by "-" (e.g. measles-outbreak)');
const lang = z.string().regex(BCP47_PATTERN, 'expected a BCP 47 language tag such as en, fa or ps');
const nameList = z.array(text).default([]);

export const sourceSchema = z.strictObject({
  name: text,
  url: httpUrl,
  id: z.string().min(1).optional(),
  feed: z.string().regex(/^[a-z0-9-]+$/, 'expected a source id: [a-z0-9-]+').optional(),
  /** true: `url` is the outlet's home page, the item having no link of its own. */
  home: z.boolean().optional(),
});

const aliases = z
  .array(z.string().regex(/^\/\S*$/, 'expected a site-relative URL starting with "/"'))
  .default([]);

export const postSchema = z.strictObject({
  title: text,
  date: isoDate,
  author: text.optional(),
  categories: nameList,
  tags: nameList,
  slug: slug.optional(),
  lang: lang.optional(),
  source: sourceSchema.optional(),
  video: httpUrl.optional(),
  draft: z.boolean().default(false),
  updated: isoDate.optional(),
  description: text.optional(),
  aliases,
});

export const pageSchema = z.strictObject({
  title: text,
  slug: slug.optional(),
  lang: lang.optional(),
  description: text.optional(),
  draft: z.boolean().default(false),
  updated: isoDate.optional(),
  aliases,
});

export type PostFrontMatter = z.output<typeof postSchema>;
export type PostFrontMatterInput = z.input<typeof postSchema>;
export type PageFrontMatter = z.output<typeof pageSchema>;

export interface FieldProblem {
  /** Dotted path of the field ("source.url"), or "" for the file as a whole. */
  field: string;
  message: string;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Turns zod's issues into "field: what was expected, what was found" problems. */
export function problemsOf(error: z.ZodError, data: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const field = [...issue.path, key].map(String).join('.');
        problems.push({ field, message: 'unknown field: not part of the front matter schema (see the README)' });
      }
      continue;
    }
    const field = issue.path.map(String).join('.');
    const found = valueAt(data, issue.path);
    const base = issue.message.replace(/^Invalid input: /, '');
    let message: string;
    if (found === undefined) message = `the field is required (${base.replace(/, (?:received undefined|found nothing)$/, '')})`;
    else if (/\bfound\b/.test(base)) message = base;
    else message = `${base}, found ${describe(found)}`;
    problems.push({ field, message });
  }
  return problems;
}

// A UTF-16 surrogate not paired with its other half: not a Unicode character. Such text
// cannot be written as UTF-8 faithfully, and the search indexer refuses it, so it must stop
// at the check, not half-way through a build.
const LONE_SURROGATE = /\p{Cs}/u;

/** The fields (dotted paths) whose text, at any depth, holds a lone surrogate. */
export function illFormedFields(data: unknown, path: readonly (string | number)[] = []): FieldProblem[] {
  if (typeof data === 'string') {
    return LONE_SURROGATE.test(data) ? [{ field: path.join('.'), message: 'expected valid Unicode text, found a lone surrogate (\\uD800–\\uDFFF)' }] : [];
  }
  if (Array.isArray(data)) return data.flatMap((value, i) => illFormedFields(value, [...path, i]));
  if (data !== null && typeof data === 'object' && !(data instanceof Date)) {
    return Object.entries(data).flatMap(([key, value]) => illFormedFields(value, [...path, key]));
  }
  return [];
}

export type Validation<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

function validate<Schema extends z.ZodType>(schema: Schema, data: unknown): Validation<z.output<Schema>> {
  const illFormed = illFormedFields(data);
  if (illFormed.length > 0) return { ok: false, problems: illFormed };
  const result = schema.safeParse(data);
  return result.success ? { ok: true, value: result.data } : { ok: false, problems: problemsOf(result.error, data) };
}

export function validatePost(data: unknown): Validation<PostFrontMatter> {
  return validate(postSchema, data);
}

export function validatePage(data: unknown): Validation<PageFrontMatter> {
  return validate(pageSchema, data);
}
