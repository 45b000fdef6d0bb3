/**
 * Reads a document as bytes and decides, before anything else sees it, whether its text can be
 * kept byte for byte: valid UTF-8 round-trips exactly through a string, anything else would come
 * back as U+FFFD. Such a file is refused with the position of the first bad byte, never rewritten.
 */
import { lstatSync } from 'node:fs';
import { firstInvalidUtf8 } from '../data/read-text-file.js';
import type { Diagnostic } from '../diagnostics.js';
import { isAbsent } from '../fs/read-if-exists.js';
import { readRegularFileSync } from '../fs/regular-file.js';
import { LineIndex } from '../text/position.js';

export type DocumentText =
  | { readonly text: string | undefined; readonly problem?: never }
  | { readonly text?: never; readonly problem: Diagnostic };

/**
 * The document's text, undefined when nothing is there; other read failures are thrown, and a
 * FIFO or device in its place is NotARegularFile (never read: it would block or never end).
 * Synchronous: for a thousand small documents several times faster than promises.
 */
export function readDocumentSync(path: string, shownAs: string): DocumentText {
  // A missing document (every one, on a first run) is seen without the cost of an exception.
  if (lstatSync(path, { throwIfNoEntry: false }) === undefined) return { text: undefined };
  let bytes: Buffer;
  try {
    bytes = readRegularFileSync(path);
  } catch (error) {
    if (isAbsent(error)) return { text: undefined };
    throw error;
  }
  return decodeDocument(bytes, shownAs);
}

const LEFT_AS_IT_IS = 'the file is left as it is; save it as UTF-8 and run again';

export function decodeDocument(bytes: Uint8Array, shownAs: string): DocumentText {
  const refuse = (offset: number, found: string): DocumentText => {
    const prefix = Buffer.from(bytes.subarray(0, offset)).toString('utf8');
    const { line, column } = new LineIndex(prefix).position(prefix.length);
    return {
      problem: {
        file: shownAs,
        line,
        column,
        severity: 'error',
        rule: 'encoding',
        message: `expected UTF-8 text, found ${found}; ${LEFT_AS_IT_IS}`,
      },
    };
  };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return refuse(0, 'a UTF-16 byte-order mark');
  const invalidAt = firstInvalidUtf8(bytes);
  if (invalidAt !== -1) {
    const hex = (bytes[invalidAt] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return refuse(
      invalidAt,
      `the byte 0x${hex}, which is not valid UTF-8 (Latin-1 or Windows-1252 text, or an encoded surrogate?)`,
    );
  }
  // UTF-16 without a byte-order mark decodes as "valid" UTF-8 full of NULs: no Markdown has one.
  const nul = bytes.indexOf(0);
  if (nul !== -1) return refuse(nul, 'a NUL byte (UTF-16 text, or not text at all?)');
  return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') };
}
