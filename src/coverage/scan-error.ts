/**
 * A problem found while reading a report's bytes, placed by byte offset in the file. The edge
 * (read-report.ts) turns the offset into line:column and names the file.
 */
export class ScanError extends Error {
  override readonly name = 'ScanError';
  constructor(
    readonly offset: number | undefined,
    message: string,
  ) {
    super(message);
  }
}
