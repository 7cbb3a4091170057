/**
 * The shared HTML → Markdown conversion the importer uses (the sanitiser, the Markdown
 * writer, the plain-text view), re-exported in one place.
 */
export { htmlToText, sanitiseHtml } from '../ingest/sanitise.ts';
export { htmlToMarkdown } from '../ingest/to-markdown.ts';
