import { parseIsoDate } from './dates.ts';

/**
 * "Now" for every command: KHABAR_NOW (ISO 8601) when set, so that builds and tests are
 * reproducible; the real clock otherwise.
 */
export function now(env: NodeJS.ProcessEnv = process.env): Date {
  const fixed = env.KHABAR_NOW;
  if (fixed === undefined || fixed === '') return new Date();
  // An offset is required: a bare local time would make builds differ between machines.
  const parsed = parseIsoDate(fixed);
  if (parsed === null) {
    throw new Error(`KHABAR_NOW is not an ISO 8601 date with offset or Z (2024-03-27T10:15:00Z): ${JSON.stringify(fixed)}`);
  }
  return parsed;
}
