import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What a build wrote, as hosts count it: the sum of file sizes and the number of files. Hosts
 * refuse sites past their limits, so the build says when it passes one rather than leaving the
 * deploy to fail.
 */
export interface OutputSize {
  bytes: number;
  files: number;
}

export const DEPLOY_LIMITS = [
  { host: 'GitHub Pages', what: 'a published site of at most 1 GB', bytes: 1e9 },
  { host: "Cloudflare Pages' free plan", what: 'at most 20,000 files', files: 20_000 },
] as const;

/** Sizes and counts every file under `dir` (links are counted as themselves, never followed). */
export function outputSize(dir: string): OutputSize {
  const size: OutputSize = { bytes: 0, files: 0 };
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        size.files += 1;
        size.bytes += lstatSync(path).size;
      }
    }
  };
  walk(dir);
  return size;
}

const megabytes = (bytes: number): string => `${(bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;

/** "1,234 files, 56.7 MB". */
export function describeSize(size: OutputSize): string {
  return `${size.files.toLocaleString('en-US')} files, ${megabytes(size.bytes)}`;
}

/** One warning per host limit the site passes, naming it. */
export function deployWarnings(size: OutputSize): string[] {
  const warnings: string[] = [];
  for (const limit of DEPLOY_LIMITS) {
    if ('bytes' in limit && size.bytes > limit.bytes) warnings.push(`the site is ${megabytes(size.bytes)}, over the limit of ${limit.host} (${limit.what})`);
    if ('files' in limit && size.files > limit.files) warnings.push(`the site has ${size.files.toLocaleString('en-US')} files, over the limit of ${limit.host} (${limit.what})`);
  }
  return warnings;
}
