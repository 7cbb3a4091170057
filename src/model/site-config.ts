import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DataFile } from './data-file.ts';
import { DataFileError } from './errors.ts';

/** `content/_data/site.yaml`: what the site says about itself. */

/**
 * A link the site prints on every page (menu, link lists, promos, the logo): a site-relative
 * path or an http(s) URL, nothing a browser would run (`javascript:`, `data:`) or resolve
 * against another host (`//evil.example`).
 */
export function isSafeLink(value: string): boolean {
  if (/[\s\\]/.test(value)) return false;
  if (value.startsWith('/')) return !value.startsWith('//');
  // Written out in full: "http:x" is a relative link to a browser on an http page.
  if (!/^https?:\/\/[^/]/i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== '';
  } catch {
    return false;
  }
}

const siteLink = z.string().min(1).refine(isSafeLink, 'expected a site-relative path ("/about/") or an http(s) URL');
const link = z.strictObject({ title: z.string().min(1), url: siteLink, lang: z.string().optional() });

export const siteConfigSchema = z.strictObject({
  name: z.string().min(1),
  tagline: z.string().default(''),
  url: z.url().transform((u) => u.replace(/\/+$/, '')),
  lang: z.string().default('en'),
  timeZone: z.string().default('Asia/Kabul'),
  author: z.string().default('admin'),
  postsPerPage: z.number().int().min(1).max(100).default(10),
  logo: siteLink.optional(),
  description: z.string().default(''),
  menu: z.array(link).default([]),
  footer: z
    .strictObject({
      text: z.string().default(''),
      promos: z.array(z.strictObject({ title: z.string(), text: z.string(), url: siteLink.optional() })).default([]),
      copyright: z.string().default(''),
    })
    .default({ text: '', promos: [], copyright: '' }),
  linkLists: z.array(z.strictObject({ title: z.string().min(1), links: z.array(link) })).default([]),
});

export type SiteConfig = z.output<typeof siteConfigSchema>;

/** Parses site.yaml; a problem is a DataFileError with the file, line and field. */
export function parseSiteConfig(yamlText: string, origin = 'site.yaml'): SiteConfig {
  const file = new DataFile(origin, yamlText);
  const config = file.parse(siteConfigSchema);
  if (!Intl.supportedValuesOf('timeZone').includes(config.timeZone) && config.timeZone !== 'UTC') {
    throw new DataFileError([file.problem(['timeZone'], `unknown time zone ${JSON.stringify(config.timeZone)}`)]);
  }
  return config;
}

export function loadSiteConfig(path: string): SiteConfig {
  return parseSiteConfig(readFileSync(path, 'utf8'), path);
}
