/**
 * Files trackgen reads whole or by position must be regular files: a FIFO blocks forever, a
 * device such as /dev/zero never ends, a pipe cannot seek. They are refused by kind before a
 * byte is read, and the FIFO is opened without blocking so that even opening it returns.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** A path that holds something other than a regular file; `kind` says what, in words. */
export class NotARegularFile extends Error {
  override readonly name = 'NotARegularFile';
  constructor(
    readonly path: string,
    readonly kind: string,
  ) {
    super(`${path}: expected a regular file, found ${kind}`);
  }
}

export function describeKind(stats: Stats): string {
  if (stats.isFile()) return 'a regular file';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'a special file';
}

export interface OpenRegularFile {
  readonly fd: number;
  readonly size: number;
}

/** Opens for reading; throws NotARegularFile (closing what it opened) or the system error. */
export function openRegularFile(path: string): OpenRegularFile {
  // O_NONBLOCK: opening a FIFO with no writer would otherwise wait for one forever.
  const nonBlocking = process.platform === 'win32' ? 0 : constants.O_NONBLOCK;
  const fd = openSync(path, constants.O_RDONLY | nonBlocking);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new NotARegularFile(path, describeKind(stats));
    return { fd, size: stats.size };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** The whole of a regular file; throws NotARegularFile or the system error (ENOENT included). */
export function readRegularFileSync(path: string): Buffer {
  const { fd, size } = openRegularFile(path);
  try {
    const bytes = Buffer.allocUnsafe(size);
    let filled = 0;
    for (let read = 1; filled < size && read > 0; filled += read)
      read = readSync(fd, bytes, filled, size - filled, filled);
    // A file that shrank while read is what it now holds; one that grew is read to its size then.
    return filled === size ? bytes : bytes.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}
