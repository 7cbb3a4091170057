/**
 * The shared HTML → Markdown conversion the importer uses (the sanitiser, the Markdown
 * writer, the plain-text view), from src/convert/, which ingest uses too.
 */
export { htmlToText } from '../convert/html-text.ts';
export { sanitiseHtml } from '../convert/sanitise.ts';
export { htmlToMarkdown } from '../convert/to-markdown.ts';
