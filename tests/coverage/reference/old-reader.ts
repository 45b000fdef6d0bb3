/**
 * The coverage.py JSON reader as it was before the byte-level reader (JSON.parse of the whole
 * text, then a walk of the parsed document), kept as the reference the property tests compare
 * the new reader with. Offsets are turned from characters into bytes as read.ts did.
 */
import { ScanError, type RawReport } from '../../../src/coverage/raw/raw-report.js';
import { readCoveragePyJson } from './old-read-json.js';

export function readWithJsonParse(bytes: Buffer, sourceName: string): RawReport {
  const text = bytes.toString('utf8');
  const inBytes = (offset: number | undefined) =>
    offset === undefined ? undefined : Buffer.byteLength(text.slice(0, offset));
  let raw: RawReport;
  try {
    raw = readCoveragePyJson(text, sourceName);
  } catch (error) {
    if (error instanceof ScanError) throw new ScanError(inBytes(error.offset), error.message);
    throw error;
  }
  return {
    ...raw,
    ...(raw.timestamp === undefined
      ? {}
      : { timestamp: { ...raw.timestamp, offset: inBytes(raw.timestamp.offset) } }),
    ...(raw.warnings === undefined
      ? {}
      : {
          warnings: raw.warnings.map((warning) => ({
            ...warning,
            offset: inBytes(warning.offset),
          })),
        }),
  };
}
