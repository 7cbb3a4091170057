import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DataFile } from './data-file.ts';
import { DataFileError } from './errors.ts';

/** `content/_data/site.yaml`: what the site says about itself. */

const link = z.strictObject({ title: z.string().min(1), url: z.string().min(1), lang: z.string().optional() });

export const siteConfigSchema = z.strictObject({
  name: z.string().min(1),
  tagline: z.string().default(''),
  url: z.url().transform((u) => u.replace(/\/+$/, '')),
  lang: z.string().default('en'),
  timeZone: z.string().default('Asia/Kabul'),
  author: z.string().default('admin'),
  postsPerPage: z.number().int().min(1).max(100).default(10),
  logo: z.string().optional(),
  description: z.string().default(''),
  menu: z.array(link).default([]),
  footer: z
    .strictObject({
      text: z.string().default(''),
      promos: z.array(z.strictObject({ title: z.string(), text: z.string(), url: z.string().optional() })).default([]),
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
