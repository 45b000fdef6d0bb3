import { hashBody, wrapSection } from '../../src/merge/index.js';

/**
 * Fixture files are written in a small notation so that nobody computes hashes by hand:
 * `{{#section "id"}}\n…{{/section}}` is what the renderer's helper produces (wrapSection), and
 * `{{hash "json string"}}` is the hash of that text (to write a marker by hand, e.g. for an
 * edited section). A file with CRLF line endings gets CRLF in the expansions too.
 */
export function expandNotation(source: string): string {
  const crlf = source.includes('\r\n');
  const lf = source.replace(/\r\n/g, '\n');
  const expanded = lf
    .replace(
      /\{\{#section "([^"]+)"\}\}\n([\s\S]*?)\{\{\/section\}\}/g,
      (_, id: string, body: string) => wrapSection(id, body),
    )
    .replace(/\{\{hash ("(?:[^"\\]|\\.)*")\}\}/g, (_, json: string) =>
      hashBody(JSON.parse(json) as string),
    );
  return crlf ? expanded.replace(/\n/g, '\r\n') : expanded;
}
