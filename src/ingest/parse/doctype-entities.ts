/**
 * Entities declared in a feed's own DOCTYPE (`<!DOCTYPE rss [<!ENTITY euro "&#8364;">]>`),
 * expanded in the document text before the XML parser, which does not read an internal subset
 * and would fail at the first `&euro;`. Only the internal subset's general entities with a
 * literal value are read. External entities (SYSTEM/PUBLIC) are never fetched: a reference to
 * one reads as nothing. Parameter entities are ignored. Expansion is capped — an entity's text
 * at ENTITY_LIMIT characters, all replacements together at TOTAL_LIMIT — so a "billion
 * laughs" document (entities of entities, each ten times the last) fails at once with
 * FeedParseError instead of eating the memory. CDATA sections are left as they are.
 */
import { FeedParseError } from './feed-parse-error.ts';

export const ENTITY_LIMIT = 64 * 1024;
export const TOTAL_LIMIT = 4 * 1024 * 1024;

const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const NAME = '[A-Za-z_:][\\w.:-]*';
// The DOCTYPE of the prolog, with an internal subset. One whitespace character per repetition:
// `\s+` inside the `*` would backtrack exponentially over a run of spaces.
const DOCTYPE = /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*<!DOCTYPE\s[^[>]*\[([\s\S]*?)\]\s*>/i;
const DECLARATION = new RegExp(
  `<!ENTITY\\s+(%\\s+)?(${NAME})\\s+(?:"([^"]*)"|'([^']*)'|((?:SYSTEM|PUBLIC)\\b[^>]*))\\s*>`,
  'g',
);
const REFERENCE = new RegExp(`&(${NAME});`, 'g');
const CDATA_OR_REFERENCE = new RegExp(`<!\\[CDATA\\[[\\s\\S]*?\\]\\]>|&(${NAME});`, 'g');

/** The declared general entities: name → literal value ('' for an external one). The first declaration wins, as in XML. */
function declarations(subset: string): Map<string, string> {
  const declared = new Map<string, string>();
  for (const match of subset.matchAll(DECLARATION)) {
    const [, parameter, name, double, single] = match;
    if (parameter !== undefined || declared.has(name!) || PREDEFINED.has(name!)) continue;
    declared.set(name!, double ?? single ?? '');
  }
  return declared;
}

/** Each entity's full replacement text, nested references expanded, within the caps. */
function expander(declared: Map<string, string>): (name: string) => string | undefined {
  const done = new Map<string, string>();
  const expanding = new Set<string>();
  const expand = (name: string): string | undefined => {
    const known = done.get(name);
    if (known !== undefined) return known;
    const value = declared.get(name);
    if (value === undefined) return undefined;
    if (expanding.has(name)) throw new FeedParseError(`invalid XML: the entity "${name}" is defined in terms of itself`);
    expanding.add(name);
    let length = 0;
    const text = value.replace(REFERENCE, (reference, inner: string) => {
      const replacement = expand(inner) ?? reference;
      length += replacement.length;
      if (length > ENTITY_LIMIT) {
        throw new FeedParseError(`invalid XML: the entity "${name}" expands to more than ${ENTITY_LIMIT} characters (entity expansion is capped)`);
      }
      return replacement;
    });
    if (text.length > ENTITY_LIMIT) {
      throw new FeedParseError(`invalid XML: the entity "${name}" expands to more than ${ENTITY_LIMIT} characters (entity expansion is capped)`);
    }
    expanding.delete(name);
    done.set(name, text);
    return text;
  };
  return expand;
}

/** The document with the references to its DOCTYPE's entities replaced by their text; unchanged without a DOCTYPE subset. */
export function expandDoctypeEntities(xml: string): string {
  const doctype = DOCTYPE.exec(xml);
  if (doctype === null) return xml;
  const declared = declarations(doctype[1] ?? '');
  if (declared.size === 0) return xml;
  const expand = expander(declared);
  let total = 0;
  const head = xml.slice(0, doctype[0].length);
  const body = xml.slice(doctype[0].length).replace(CDATA_OR_REFERENCE, (match, name: string | undefined) => {
    if (name === undefined) return match;
    const replacement = expand(name);
    if (replacement === undefined) return match;
    total += replacement.length;
    if (total > TOTAL_LIMIT) {
      throw new FeedParseError(`invalid XML: entity references expand to more than ${TOTAL_LIMIT} characters (entity expansion is capped)`);
    }
    return replacement;
  });
  return head + body;
}
