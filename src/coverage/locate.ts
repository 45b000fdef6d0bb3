import type { ByteSource } from './byte-source.js';

/**
 * Turns a byte offset into 1-based line and column (UTF-16 units, BOM not counted), reading
 * the file again up to that point: only done for an error, so the fast path never counts lines.
 */
export function locate(
  source: ByteSource,
  offset: number,
  bodyOffset: number,
): { line: number; column: number } {
  const chunk = Buffer.allocUnsafe(64 * 1024);
  let line = 1;
  let column = 1;
  let position = bodyOffset;
  while (position < offset) {
    const count = source.read(chunk, 0, Math.min(chunk.length, offset - position), position);
    if (count === 0) break;
    for (let index = 0; index < count; index++) {
      const byte = chunk[index] ?? 0;
      if (byte === 0x0a) {
        line++;
        column = 1;
      } else if (byte < 0x80 || byte >= 0xc0) {
        // A character starts here (continuation bytes 10xxxxxx do not); 4-byte ones are 2 units.
        column += byte >= 0xf0 ? 2 : 1;
      }
    }
    position += count;
  }
  return { line, column };
}
