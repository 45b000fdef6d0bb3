import { readFile } from 'node:fs/promises';

const BOM = '\uFEFF';

/**
 * A record's text without its byte-order mark, for offset edits that know nothing of one, and
 * the way back: `restore` puts the mark in front again when the file had one.
 */
export async function readTextKeepingBom(
  path: string,
): Promise<{ readonly text: string; readonly restore: (text: string) => string }> {
  const raw = await readFile(path, 'utf8');
  const bom = raw.startsWith(BOM) ? BOM : '';
  return { text: raw.slice(bom.length), restore: (text) => bom + text };
}
