/**
 * `npm start`: serves the site on http://localhost:8080 with live reload (src/site/dev/).
 * Pages are rendered when the browser asks for them, exactly as `npm run build` writes them;
 * an edit to content, site data or a template shows at once. Drafts are shown (with a
 * "Draft" badge). PORT changes the port; KHABAR_CACHE makes a restart faster.
 */
import { startDevServer } from '../src/site/dev/dev-server.ts';
import { commandSettings } from './lib/settings.ts';

const settings = commandSettings();
const server = await startDevServer({ settings, port: settings.port });
// Ctrl-C: the search index being made is abandoned (its temporary folder removed).
const stop = (): void => {
  void server.close({ waitForSearch: false }).then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
