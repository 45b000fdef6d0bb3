import { closeSync, readSync } from 'node:fs';
import { openRegularFile } from '../../fs/regular-file.js';

/** Where a report's bytes come from: an open file (read in chunks) or bytes already in memory. */
export interface ByteSource {
  /** Copies up to `length` bytes at file `position` into `target[offset…]`; returns the count (0 at the end). */
  read(target: Buffer, offset: number, length: number, position: number): number;
  close(): void;
  /** Total size in bytes, when known (used to size buffers). */
  readonly size: number;
}

/** Throws NotARegularFile for a FIFO, device, socket or directory, before reading anything. */
export function fileSource(path: string): ByteSource {
  const { fd, size } = openRegularFile(path);
  return {
    size,
    read: (target, offset, length, position) => readSync(fd, target, offset, length, position),
    close: () => closeSync(fd),
  };
}

export function memorySource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read(target, offset, length, position) {
      const count = Math.max(0, Math.min(length, bytes.length - position));
      target.set(bytes.subarray(position, position + count), offset);
      return count;
    },
    close() {},
  };
}

/** The first `length` bytes (fewer if the source is shorter). */
export function readHead(source: ByteSource, length: number): Buffer {
  const head = Buffer.alloc(length);
  let filled = 0;
  for (let count = -1; count !== 0 && filled < length; filled += count) {
    count = source.read(head, filled, length - filled, filled);
  }
  return head.subarray(0, filled);
}
