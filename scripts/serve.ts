/**
 * `npm start`: builds the site and serves it on http://localhost:8080 with live reload.
 * Drafts are shown (with a "Draft" badge); edits to content, data and templates rebuild.
 * PORT changes the port.
 */
import Eleventy from '@11ty/eleventy';

const contentDir = process.env.KHABAR_CONTENT ?? 'content';
const outputDir = process.env.KHABAR_OUTPUT ?? '_site';
const port = Number(process.env.PORT ?? 8080);

const eleventy = new Eleventy(contentDir, outputDir, { configPath: '.eleventy.ts', runMode: 'serve' });
await eleventy.init();
await eleventy.watch();
await eleventy.serve(port);
