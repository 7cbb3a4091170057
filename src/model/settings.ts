import { parseIsoDate } from './dates.ts';
import { KhabarError } from './errors.ts';

/**
 * The operator's settings: every `KHABAR_*` environment variable is read here, once, and
 * checked; the commands hand the typed result to whatever needs it (the site plugin, ingest,
 * the update job). Nothing else in Khabar reads `process.env.KHABAR_*`.
 */
export interface Settings {
  /** KHABAR_NOW: a fixed clock (ISO 8601 with offset), so builds and tests are reproducible; null: the real clock. */
  fixedNow: Date | null;
  /** KHABAR_CONTENT: the content folder (default `content`). */
  contentDir: string;
  /** KHABAR_OUTPUT: the output folder (default `_site`). */
  outputDir: string;
  /** KHABAR_CACHE: the build cache folder; null: no cache, every build starts from nothing. */
  cacheDir: string | null;
  /** KHABAR_CACHE_VERIFY=1: render cached pages too and fail on a difference. */
  verifyCache: boolean;
  /** KHABAR_SITEMAP_LIMIT: URLs per sitemap file before a sitemap index (1–50,000). */
  sitemapLimit: number;
  /** KHABAR_SEARCH_SHARD_SIZE: posts per search shard; null: the search index's default. */
  searchShardSize: number | null;
  /** KHABAR_SEARCH_WORKERS: search indexing processes (0: in the build's own thread); null: the search index's default. */
  searchWorkers: number | null;
  /** KHABAR_REPORT: where `npm run update` finds ingest's report (default `ingest-report.json`). */
  reportFile: string;
  /** KHABAR_BOT_NAME / KHABAR_BOT_EMAIL: the author of the update job's commits. */
  botName: string;
  botEmail: string;
  /** PORT: the dev server's port (default 8080). */
  port: number;
}

/** The sitemap protocol's limit of URLs per file. */
export const SITEMAP_LIMIT = 50_000;

export class SettingsError extends KhabarError {}

type Env = Readonly<Record<string, string | undefined>>;

/** Every variable this module reads, with what it allows (for the error message and the README). */
const ALLOWED = {
  KHABAR_NOW: 'an ISO 8601 date with offset or Z, such as 2024-03-27T10:15:00Z',
  KHABAR_CONTENT: 'a folder path',
  KHABAR_OUTPUT: 'a folder path',
  KHABAR_CACHE: 'a folder path',
  KHABAR_CACHE_VERIFY: '1 or 0',
  KHABAR_SITEMAP_LIMIT: `a whole number from 1 to ${SITEMAP_LIMIT}`,
  KHABAR_SEARCH_SHARD_SIZE: 'a whole number from 1 to 1000000',
  KHABAR_SEARCH_WORKERS: 'a whole number from 0 to 64 (0: in the build itself)',
  KHABAR_REPORT: 'a file path',
  KHABAR_BOT_NAME: 'a name',
  KHABAR_BOT_EMAIL: 'an e-mail address',
  PORT: 'a whole number from 1 to 65535',
} as const;

type SettingName = keyof typeof ALLOWED;

function refuse(name: SettingName, value: string): never {
  throw new SettingsError(`${name}=${JSON.stringify(value)} is not allowed: expected ${ALLOWED[name]}`);
}

/** The value, or undefined when the variable is unset or empty (an empty variable means "default"). */
function read(env: Env, name: SettingName): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

function wholeNumber(env: Env, name: SettingName, min: number, max: number): number | null {
  const value = read(env, name);
  if (value === undefined) return null;
  if (!/^\d+$/.test(value.trim())) refuse(name, value);
  const n = Number(value.trim());
  if (n < min || n > max) refuse(name, value);
  return n;
}

function path(env: Env, name: SettingName, fallback: string): string;
function path(env: Env, name: SettingName, fallback: null): string | null;
function path(env: Env, name: SettingName, fallback: string | null): string | null {
  const value = read(env, name);
  if (value === undefined) return fallback;
  if (value.includes('\0')) refuse(name, value);
  return value;
}

function clock(env: Env): Date | null {
  const value = read(env, 'KHABAR_NOW');
  if (value === undefined) return null;
  // An offset is required: a bare local time would make builds differ between machines.
  return parseIsoDate(value) ?? refuse('KHABAR_NOW', value);
}

function flag(env: Env, name: SettingName): boolean {
  const value = read(env, name);
  if (value === undefined || value === '0') return false;
  if (value === '1') return true;
  return refuse(name, value);
}

function email(env: Env, name: SettingName, fallback: string): string {
  const value = read(env, name);
  if (value === undefined) return fallback;
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(value)) refuse(name, value);
  return value;
}

function name(env: Env, key: SettingName, fallback: string): string {
  const value = read(env, key);
  if (value === undefined) return fallback;
  // git refuses these in an author name.
  if (/[<>\n]/.test(value)) refuse(key, value);
  return value;
}

/** Reads and checks every setting; a bad value is a SettingsError naming the variable, the value and what is allowed. */
export function readSettings(env: Env = process.env): Settings {
  return {
    fixedNow: clock(env),
    contentDir: path(env, 'KHABAR_CONTENT', 'content'),
    outputDir: path(env, 'KHABAR_OUTPUT', '_site'),
    cacheDir: path(env, 'KHABAR_CACHE', null),
    verifyCache: flag(env, 'KHABAR_CACHE_VERIFY'),
    sitemapLimit: wholeNumber(env, 'KHABAR_SITEMAP_LIMIT', 1, SITEMAP_LIMIT) ?? SITEMAP_LIMIT,
    searchShardSize: wholeNumber(env, 'KHABAR_SEARCH_SHARD_SIZE', 1, 1_000_000),
    searchWorkers: wholeNumber(env, 'KHABAR_SEARCH_WORKERS', 0, 64),
    reportFile: path(env, 'KHABAR_REPORT', 'ingest-report.json'),
    botName: name(env, 'KHABAR_BOT_NAME', 'khabar-bot'),
    botEmail: email(env, 'KHABAR_BOT_EMAIL', 'khabar-bot@users.noreply.github.com'),
    port: wholeNumber(env, 'PORT', 1, 65_535) ?? 8080,
  };
}

/** "Now" under these settings: the fixed clock when there is one, else the real one. */
export function nowOf(settings: Pick<Settings, 'fixedNow'>): Date {
  return settings.fixedNow === null ? new Date() : new Date(settings.fixedNow.getTime());
}

let current: Settings | undefined;

/**
 * The process's settings, read from its environment on first use. Commands call this once at
 * start-up (so a bad value stops them before any work) and pass the result down.
 */
export function settings(): Settings {
  current ??= readSettings();
  return current;
}
