/**
 * Khabar's typed errors. Every error Khabar throws on purpose is a KhabarError, so a command
 * can tell "Khabar refused this, with a message for a person" from a bug (print the message,
 * not a stack). Subclasses get their `name` from their class, the one way names are set.
 */
export class KhabarError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** One problem in a file an editor writes: `path:line: field: message`. */
export interface Problem {
  path: string;
  /** 1-based; the first line when no better one is known. */
  line: number;
  /** The front-matter or data field at fault; empty for the file as a whole. */
  field: string;
  message: string;
}

export function formatProblem(problem: Problem): string {
  return `${problem.path}:${problem.line}: ${problem.field || '(file)'}: ${problem.message}`;
}

/** A file of content or site data (site.yaml, categories.yaml, sources.yaml) that is wrong. */
export class DataFileError extends KhabarError {
  readonly problems: Problem[];
  constructor(problems: Problem[], summary?: string) {
    const lines = problems.map(formatProblem).join('\n');
    super(summary === undefined ? lines : `${summary}\n${lines}`);
    this.problems = problems;
  }
}
