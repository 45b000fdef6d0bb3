/**
 * Reads a file a person edits by hand, turning every way it can be unreadable into a
 * positioned diagnostic rather than an exception: a directory in its place, a file far too large
 * to be a hand-kept record, bytes that are not UTF-8.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics.js';
import { LineIndex } from '../text/position.js';

/** Far above any real record (the default session is ~6 KB); keeps a stray dump from eating memory. */
export const MAX_DATA_FILE_BYTES = 4 * 1024 * 1024;

export type TextFileResult =
  | { readonly text: string; readonly diagnostics: Diagnostic[] }
  | { readonly text: undefined; readonly diagnostics: Diagnostic[] };

export function readTextFile(
  path: string,
  shownAs: string,
  maxBytes = MAX_DATA_FILE_BYTES,
): Promise<TextFileResult> {
  return Promise.resolve(readTextFileSync(path, shownAs, maxBytes));
}

/**
 * Synchronous: for a thousand records of a few KB each, the thread pool's round trips cost more
 * than the reads themselves.
 */
export function readTextFileSync(
  path: string,
  shownAs: string,
  maxBytes = MAX_DATA_FILE_BYTES,
  /** The file's bytes when this run already read them (from a regular file): not read again. */
  alreadyRead?: Buffer,
): TextFileResult {
  const problem = (
    message: string,
    rule: Diagnostic['rule'] = 'unreadable',
    line = 1,
    column = 1,
  ): TextFileResult => ({
    text: undefined,
    diagnostics: [{ file: shownAs, line, column, severity: 'error', rule, message }],
  });
  if (alreadyRead !== undefined) return decodedOrProblem(alreadyRead, maxBytes, problem);
  let size: number;
  try {
    const info = statSync(path);
    if (info.isDirectory()) return problem('expected a JSON file, found a directory');
    if (!info.isFile())
      return problem('expected a regular JSON file, found a special file (socket, device or FIFO)');
    size = info.size;
  } catch (error) {
    return problem(`expected a readable file, found ${describeFsError(error)}`);
  }
  if (size > maxBytes) return tooLarge(size, maxBytes, problem);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return problem(`expected a readable file, found ${describeFsError(error)}`);
  }
  return decodedOrProblem(bytes, maxBytes, problem);
}

type Problem = (
  message: string,
  rule?: Diagnostic['rule'],
  line?: number,
  column?: number,
) => TextFileResult;

function tooLarge(size: number, maxBytes: number, problem: Problem): TextFileResult {
  return problem(
    `expected a data file of at most ${formatBytes(maxBytes)}, found ${formatBytes(size)}; is this really a session record?`,
    'too-large',
  );
}

function decodedOrProblem(bytes: Buffer, maxBytes: number, problem: Problem): TextFileResult {
  if (bytes.length > maxBytes) return tooLarge(bytes.length, maxBytes, problem);
  const text = decodeUtf8(bytes);
  if (text !== undefined) return { text, diagnostics: [] };
  // Position the bad byte by decoding the valid prefix: the column counts characters before it.
  const invalidAt = firstInvalidUtf8(bytes);
  const prefix = bytes.subarray(0, invalidAt).toString('utf8');
  const { line, column } = new LineIndex(prefix).position(prefix.length);
  const hex = (bytes[invalidAt] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return problem(
    `expected UTF-8 text, found the byte 0x${hex}, which is not valid UTF-8 (was the file saved as Latin-1 or UTF-16?)`,
    'encoding',
    line,
    column,
  );
}

// ignoreBOM keeps a byte-order mark in the text, as Buffer#toString does: the JSON reader warns.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text, decoded once; undefined when the bytes are not UTF-8. */
function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Offset of the first byte that breaks UTF-8, or -1 when the whole buffer is valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    decoder.decode(bytes);
    return -1;
  } catch {
    // Rare path: bisect to the first offending byte, decoding prefixes.
    let low = 0;
    let high = bytes.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (isValidPrefix(bytes, middle + 1)) low = middle + 1;
      else high = middle;
    }
    // A lone lead byte (Latin-1 "é" is 0xE9) only fails at the byte after it: blame the lead byte.
    for (let back = low - 1; back >= Math.max(0, low - 3); back--) {
      const byte = bytes[back] ?? 0;
      if (byte >= 0xc0) return back;
      if (byte < 0x80) break;
    }
    return low;
  }
}

function isValidPrefix(bytes: Uint8Array, length: number): boolean {
  try {
    // stream: true lets a prefix end inside a multi-byte character without counting as invalid.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
    return true;
  } catch {
    return false;
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'nothing at that path';
  if (code === 'EACCES' || code === 'EPERM') return 'a file without read permission';
  return code ?? String(error);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
