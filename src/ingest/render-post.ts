/**
 * A draft → the text of its post file: its front matter in the contract's order, validated
 * by the schema and proven to read back exactly as written (a title cannot smuggle in YAML
 * keys). Pure, so it can run ahead in a worker (renderFirst).
 */
import { isDeepStrictEqual } from 'node:util';
import { parseIsoDate } from '../model/dates.ts';
import { KhabarError } from '../model/errors.ts';
import { quickReadBack } from '../model/front-matter-fast.ts';
import { parseFrontMatter, stringifyFrontMatter } from '../model/front-matter.ts';
import { validatePost, type FieldProblem } from '../model/schema.ts';
import { inertFrontMatter } from './inert-front-matter.ts';
import { draftSlugs } from './post-slug.ts';
import type { PostDraft } from './types.ts';

export class InvalidDraftError extends KhabarError {
  readonly problems: FieldProblem[];
  constructor(message: string, problems: FieldProblem[] = []) {
    super(message);
    this.problems = problems;
  }
}

const FIELD_ORDER = ['title', 'date', 'author', 'categories', 'tags', 'slug', 'lang', 'source', 'video', 'updated'];

/** The front matter as written: the draft's fields in the contract's order, `slug` when the file needs one. */
export function frontMatterFor(draft: PostDraft, slug: string | undefined): Record<string, unknown> {
  const given: Record<string, unknown> = { ...draft.frontMatter };
  if (slug !== undefined) given.slug = slug;
  const data: Record<string, unknown> = {};
  // Unknown keys are kept, in order to be refused by validatePost rather than silently dropped.
  for (const key of [...FIELD_ORDER, ...Object.keys(given).filter((k) => !FIELD_ORDER.includes(k))]) {
    if (given[key] !== undefined) data[key] = given[key];
  }
  return data;
}

/**
 * Serialises and proves the file reads back as written: the schema accepts it, and parsing
 * the text yields exactly the same fields and body (a title cannot smuggle in YAML keys). The
 * front matter is written inert as Markdown (inert-front-matter.ts), as the body is.
 */
export function renderPost(data: Record<string, unknown>, body: string): string {
  const checked = validatePost(data);
  if (!checked.ok) {
    throw new InvalidDraftError(
      `front matter refused: ${checked.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
      checked.problems,
    );
  }
  const text = inertFrontMatter(stringifyFrontMatter(data, body));
  const expectedBody = body.endsWith('\n') || body === '' ? body : `${body}\n`;
  const readsBack = (parsed: { data: Record<string, unknown>; body: string }): boolean =>
    parsed.data.title === data.title && isDeepStrictEqual(parsed.data, data) && parsed.body === expectedBody;
  // The quick reader is only trusted to say yes; anything else gets the parser's verdict.
  const quick = quickReadBack(text);
  if (quick !== undefined && readsBack(quick)) return text;
  if (!readsBack(parseFrontMatter(text))) throw new InvalidDraftError('the serialised post does not read back as written');
  return text;
}

export type FirstRender = { text: string } | { invalid: string };

/**
 * What storePosts renders first for a draft — its file text under its own slug — or why it
 * cannot be stored (InvalidDraftError's message); undefined after any other error, which
 * storePosts will then meet and report itself.
 */
export function renderFirst(draft: PostDraft): FirstRender | undefined {
  try {
    draftDate(draft);
    const { base, derived } = draftSlugs(draft.frontMatter.title, draft.key);
    return { text: renderPost(frontMatterFor(draft, base === derived ? undefined : base), draft.body) };
  } catch (error) {
    return error instanceof InvalidDraftError ? { invalid: error.message } : undefined;
  }
}

/** The draft's date; InvalidDraftError when it is not an ISO 8601 date. */
export function draftDate(draft: PostDraft): Date {
  const date = parseIsoDate(draft.frontMatter.date);
  if (date === null) {
    throw new InvalidDraftError(`date: expected an ISO 8601 date, found ${JSON.stringify(draft.frontMatter.date)}`);
  }
  return date;
}
