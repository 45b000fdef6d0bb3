import type { Diagnostic } from '../diagnostics.js';
import { decode, readStructure, toDiagnostics } from './document.js';
import { applyEdits, type Edit } from './edits.js';
import { formatBegin, normaliseBody } from './markers.js';
import type { AcceptInput, AcceptResult } from './types.js';

/**
 * Makes hand-edited sections the new baseline: the begin marker keeps `hash=` (the rendering the
 * text answers to) and gains `text=` (the hash of the accepted text). The text stops being
 * reported; a later change of the rendering is still a conflict. With `fresh`, the base moves to
 * the current rendering, which is how a conflict is resolved in favour of the person's text.
 */
export async function acceptSections(input: AcceptInput): Promise<AcceptResult> {
  const { path, existing, ids } = input;
  const { bom, text } = decode(existing);
  const structure = await readStructure(text, false);
  if (structure.problems.length > 0) {
    return {
      content: null,
      changed: false,
      diagnostics: toDiagnostics(path, text, structure.problems),
      accepted: [],
    };
  }
  let freshHashes = new Map<string, string>();
  if (input.fresh !== undefined) {
    const fresh = await readStructure(normaliseBody(input.fresh), true);
    freshHashes = new Map(fresh.sections.map((section) => [section.id, section.attributes.hash]));
  }
  const diagnostics: Diagnostic[] = [];
  const byId = new Map(structure.sections.map((section) => [section.id, section]));
  if (ids !== 'all') {
    for (const id of ids) {
      if (!byId.has(id)) {
        diagnostics.push({
          file: path,
          line: 1,
          column: 1,
          severity: 'error',
          rule: 'unknown-section',
          message: `Cannot accept section \`${id}\`: no section with that id in this file; sections here: ${[...byId.keys()].join(', ') || 'none'}`,
        });
      }
    }
  }
  const edits: Edit[] = [];
  const accepted: string[] = [];
  for (const section of structure.sections) {
    if (ids !== 'all' && !ids.has(section.id)) continue;
    const { attributes } = section;
    const base = freshHashes.get(section.id) ?? attributes.hash;
    const edited = section.bodyHash !== (attributes.text ?? attributes.hash);
    const baseMoved = base !== attributes.hash && attributes.text !== undefined;
    if (!edited && !baseMoved) continue;
    // A person who reverted to the rendering gets a plain marker again (formatBegin drops text=hash).
    const begin = formatBegin({
      id: section.id,
      hash: base,
      text: section.bodyHash,
      pinned: attributes.pinned,
    });
    edits.push({ start: section.begin.start, end: section.begin.end, text: begin });
    accepted.push(section.id);
  }
  const content = bom + applyEdits(text, edits);
  return { content, changed: content !== existing, diagnostics, accepted };
}
