/**
 * The front matter of a post file, made inert as Markdown. Code hosts preview a post, and other
 * tools render the whole file, front matter included, as Markdown with raw HTML enabled: a
 * title or guid that reads `<script>`, `<javascript:…>` or `[x](javascript:…)` would be live
 * there. Inside the YAML's double-quoted strings, `<`, `[` and `]` are written as the YAML
 * escapes `\x3C`, `\x5B`, `\x5D`: every YAML reader gets the same text back, and no Markdown
 * renderer sees a tag, an autolink or a link (entities need one of these to do harm: in plain
 * text they are only text).
 */

const QUOTED = /"(?:[^"\\\n]|\\.)*"/g;
const ESCAPED: Record<string, string> = { '<': '\\x3C', '[': '\\x5B', ']': '\\x5D' };

/** The YAML text (as the `yaml` package writes it: double-quoted strings) with those characters escaped. */
export function inertYaml(yamlText: string): string {
  return yamlText.replace(QUOTED, (scalar) => scalar.replace(/[<[\]]/g, (ch) => ESCAPED[ch]!));
}

/** A post file's text (`---\n<yaml>---\n<body>`) with its front matter made inert; the body is left as it is. */
export function inertFrontMatter(text: string): string {
  if (!text.startsWith('---\n')) return text;
  const close = text.indexOf('\n---\n', 3);
  if (close === -1) return text;
  return `---\n${inertYaml(text.slice(4, close + 1))}${text.slice(close + 1)}`;
}
