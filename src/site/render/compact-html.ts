/**
 * A page's HTML without the indentation its templates leave: every run of white space that
 * holds a line break becomes one line break, which the browser renders as it rendered the
 * run (collapsible white space). `<pre>` and `<textarea>` keep theirs: their white space is
 * content. Some 10% of a list page is indentation, on 80,000 pages of a full archive.
 */
const KEEP = /<(pre|textarea)\b[\s\S]*?<\/\1\s*>/gi;
const LINE_BREAK_RUN = /[ \t\r]*\n\s*/g;

export function compactHtml(html: string): string {
  if (!/<(?:pre|textarea)\b/i.test(html)) return html.replace(LINE_BREAK_RUN, '\n');
  let out = '';
  let from = 0;
  for (const kept of html.matchAll(KEEP)) {
    out += html.slice(from, kept.index).replace(LINE_BREAK_RUN, '\n') + kept[0];
    from = kept.index + kept[0].length;
  }
  return out + html.slice(from).replace(LINE_BREAK_RUN, '\n');
}
