import { normaliseBody } from './markers.js';

/**
 * Unified diff from the person's text of a section to its new rendering, LF, 3 lines of context.
 * jsdiff is loaded on the first conflict only (it costs ~30 ms to import).
 */
export async function sectionDiff(
  path: string,
  id: string,
  theirs: string,
  rendering: string,
): Promise<string> {
  const { FILE_HEADERS_ONLY, formatPatch, structuredPatch } = await import('diff');
  const patch = structuredPatch(
    `${path} (section ${id}, as edited)`,
    `${path} (section ${id}, new rendering)`,
    normaliseBody(theirs),
    normaliseBody(rendering),
    undefined,
    undefined,
    { context: 3 },
  );
  return formatPatch(patch, FILE_HEADERS_ONLY);
}
