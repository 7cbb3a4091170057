/**
 * `npm start`: builds the site and serves it on http://localhost:8080 with live reload.
 * Drafts are shown (with a "Draft" badge); edits to content, data and templates rebuild.
 * PORT changes the port.
 */
import Eleventy from '@11ty/eleventy';
import { ELEVENTY_INPUT } from '../src/site/eleventy-plugin.ts';
import { commandSettings } from './lib/settings.ts';

const settings = commandSettings();

const eleventy = new Eleventy(ELEVENTY_INPUT, settings.outputDir, { configPath: '.eleventy.ts', runMode: 'serve' });
await eleventy.init();
await eleventy.watch();
await eleventy.serve(settings.port);
