import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { DataFileError, type Problem } from './errors.ts';

/**
 * The site's YAML data files (site.yaml, categories.yaml): read with the same YAML 1.2 core
 * schema as front matter, and every problem reported as content problems are, with the file,
 * the line and the field (`content/_data/site.yaml:12: menu.2.url: …`).
 */
export class DataFile {
  private readonly lineCounter = new LineCounter();
  private readonly doc: Document.Parsed;

  constructor(
    readonly path: string,
    text: string,
  ) {
    this.doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: this.lineCounter, schema: 'core', uniqueKeys: true });
    const error = this.doc.errors[0];
    if (error !== undefined) {
      const line = error.linePos?.[0]?.line ?? 1;
      const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new DataFileError([{ path, line, field: '', message: `invalid YAML: ${message}` }]);
    }
  }

  /** The file's data as plain values. */
  value(): unknown {
    return this.doc.toJS({ maxAliasCount: 50 });
  }

  /**
   * The 1-based line of the value at `field` (a path of keys and indexes), or of the nearest
   * enclosing value that exists (a missing key is reported where its mapping starts).
   */
  lineOf(field: readonly PropertyKey[]): number {
    for (let depth = field.length; depth >= 0; depth--) {
      const node: unknown = depth === 0 ? this.doc.contents : this.doc.getIn(field.slice(0, depth) as unknown[], true);
      if (isNode(node) && node.range) return this.lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  }

  problem(field: readonly PropertyKey[], message: string): Problem {
    return { path: this.path, line: this.lineOf(field), field: field.map(String).join('.'), message };
  }

  /** Validates the data against a schema; every issue becomes a problem with its line. */
  parse<Schema extends z.ZodType>(schema: Schema): z.output<Schema> {
    const result = schema.safeParse(this.value());
    if (result.success) return result.data;
    const problems = result.error.issues.flatMap((issue) =>
      // An unknown key is reported at the key, as front matter's unknown fields are.
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => this.problem([...issue.path, key], 'unknown field'))
        : [this.problem(issue.path, issue.message)],
    );
    throw new DataFileError(problems);
  }
}
