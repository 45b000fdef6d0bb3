import type { ByteSource } from './byte-source.js';
import { CoberturaScanner, type ScanResult } from './cobertura-scan.js';

/** 64 KiB reads: larger chunks fall out of the CPU cache and halve the scan speed. */
const CHUNK = 64 * 1024;

/**
 * Streams a Cobertura document through the scanner in 64 KiB chunks. Bytes the scanner could
 * not finish (an element cut by the chunk boundary) move to the front and are read again with
 * the next chunk; nothing is sliced out of a chunk and kept, so chunks never stay pinned.
 */
export function scanCobertura(source: ByteSource, startOffset: number): ScanResult {
  const scanner = new CoberturaScanner(source.size - startOffset);
  let buffer = Buffer.allocUnsafe(CHUNK * 2);
  let start = 0;
  let end = 0;
  let base = startOffset;
  for (;;) {
    if (start > 0) {
      buffer.copyWithin(0, start, end);
      base += start;
      end -= start;
      start = 0;
    }
    if (buffer.length - end < CHUNK) {
      const larger = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(larger, 0, 0, end);
      buffer = larger;
    }
    const count = source.read(buffer, end, CHUNK, base + end);
    end += count;
    const eof = count === 0;
    start = scanner.feed(buffer, start, end, base, eof);
    if (eof) return scanner.result();
  }
}
