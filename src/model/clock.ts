/**
 * "Now" for every command: KHABAR_NOW (ISO 8601) when set, so that builds and tests are
 * reproducible; the real clock otherwise.
 */
export function now(env: NodeJS.ProcessEnv = process.env): Date {
  const fixed = env.KHABAR_NOW;
  if (fixed === undefined || fixed === '') return new Date();
  const parsed = new Date(fixed);
  if (Number.isNaN(parsed.getTime())) {
    throw new Error(`KHABAR_NOW is not an ISO 8601 date: ${JSON.stringify(fixed)}`);
  }
  return parsed;
}
