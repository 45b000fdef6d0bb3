/**
 * The edge that touches the disk: reads report files (Cobertura XML streamed in chunks,
 * coverage.py JSON through a moving window, recognised by content) into per-line facts and on
 * into the typed report. Every problem with a file becomes a ReportFileError naming the file,
 * with line:column where it is known.
 */
import { UsageError, type Diagnostic } from '../diagnostics.js';
import { NotARegularFile } from '../fs/regular-file.js';
import { fileSource, memorySource, readHead, type ByteSource } from './cobertura/byte-source.js';
import { scanCobertura } from './cobertura/scan.js';
import { readSkeleton } from './cobertura/skeleton.js';
import { readCoveragePyJson } from './coveragepy-json/read-json.js';
import { detectFormat } from './detect-format.js';
import { buildReport, type CoverageReport } from './figures/report.js';
import { mergeRawReports } from './raw/merge.js';
import { ScanError, type RawReport } from './raw/raw-report.js';
import { withSourceRegions, type SourceWanted } from './source/regions-beside.js';
import {
  coberturaTimestamp,
  newestTime,
  parseReportTime,
  type ReportTime,
} from './time/report-time.js';

export interface ReadOptions {
  /**
   * The files whose missing ranges should be named by their functions, from the Python source
   * beside the report where the report does not name them itself. Default: none.
   */
  readonly sourcesFor?: SourceWanted;
  /** The moment a report's timestamp is compared with (default: now). */
  readonly now?: Date;
}

const NO_SOURCES: SourceWanted = () => false;

/**
 * Reads one report file (Cobertura XML or coverage.py JSON, recognised by content) into a
 * CoverageReport. Throws ReportFileError (a UsageError: one line, file:line:column) for any
 * problem with the file.
 */
export function readCoverageReport(
  path: string,
  displayName: string = path,
  options: ReadOptions = {},
): CoverageReport {
  const raw = readRawReport(path, displayName);
  return withReportTime(
    buildReport(withSourceRegions(raw, path, options.sourcesFor ?? NO_SOURCES)),
    [raw],
    options.now ?? new Date(),
  );
}

/** Reads several reports of the same code (split CI jobs) and merges them by file and line. */
export function readCoverageReports(
  paths: readonly string[],
  displayNames: readonly string[] = paths,
  options: ReadOptions = {},
): CoverageReport {
  const raws = paths.map((path, index) =>
    withSourceRegions(
      readRawReport(path, displayNames[index] ?? path),
      path,
      options.sourcesFor ?? NO_SOURCES,
    ),
  );
  return withReportTime(
    buildReport(
      mergeRawReports(raws),
      raws.map((raw) => raw.source),
    ),
    raws,
    options.now ?? new Date(),
  );
}

/**
 * The report's time (the newest of merged reports') and a positioned warning for a timestamp
 * that cannot be read or lies in the future (such a report is treated as current).
 */
export function withReportTime(
  report: CoverageReport,
  raws: readonly RawReport[],
  now: Date,
): CoverageReport {
  const times: (ReportTime | undefined)[] = [];
  const warnings: Diagnostic[] = [];
  for (const raw of raws) {
    if (raw.timestamp === undefined) continue;
    const parsed = parseReportTime(raw.timestamp.value, now);
    if (parsed.ok) times.push(parsed.time);
    else
      warnings.push({
        ...(raw.timestamp.place ?? { file: raw.source, line: 1, column: 1 }),
        severity: 'warning',
        rule: 'report-time',
        message: parsed.problem,
      });
  }
  const time = newestTime(times);
  return {
    ...report,
    ...(time === undefined ? {} : { time }),
    warnings: [...report.warnings, ...warnings],
  };
}

/** A problem with a report file: one line, `file:line:column: detail` where the place is known. */
export class ReportFileError extends UsageError {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
    readonly detail: string,
  ) {
    super(line === undefined ? `${file}: ${detail}` : `${file}:${line}:${column ?? 1}: ${detail}`);
  }
}

/** `displayName` is how messages name the file (as the user typed it). */
export function readRawReport(path: string, displayName = path): RawReport {
  let source: ByteSource;
  try {
    source = fileSource(path);
  } catch (error) {
    throw new ReportFileError(
      displayName,
      undefined,
      undefined,
      `cannot read the report: ${describeFsError(error)}`,
    );
  }
  try {
    if (source.size > MAX_REPORT_BYTES)
      throw new ScanError(
        undefined,
        `expected a report of at most ${MAX_REPORT_BYTES >> 20} MiB, found ${(source.size / (1 << 20)).toFixed(0)} MiB`,
      );
    return placeWarnings(readFrom(source, displayName), source, displayName);
  } catch (error) {
    if (error instanceof ScanError)
      throw placeError(source, displayName, error, bodyOffsetOf(source));
    if (isFsError(error))
      throw new ReportFileError(
        displayName,
        undefined,
        undefined,
        `cannot read the report: ${describeFsError(error)}`,
      );
    throw error;
  } finally {
    source.close();
  }
}

/** The same for bytes already in memory (tests, stdin). */
export function readRawReportBytes(bytes: Uint8Array, displayName: string): RawReport {
  const source = memorySource(bytes);
  try {
    return placeWarnings(readFrom(source, displayName), source, displayName);
  } catch (error) {
    if (error instanceof ScanError)
      throw placeError(source, displayName, error, bodyOffsetOf(source));
    throw error;
  }
}

/**
 * Several times the largest real report (coverage.py writes ~40 bytes a statement, so 256 MiB
 * is millions of statements), and small enough to read in seconds and to hold as text.
 */
export const MAX_REPORT_BYTES = 256 << 20;

/** Blank space a report may start with; past it the file is refused rather than searched. */
const MAX_LEADING_SPACE = 1 << 20;

function readFrom(source: ByteSource, displayName: string): RawReport {
  let format = detectFormat(readHead(source, 4096));
  if (format.kind === 'rejected' && source.size > 4096 && readHead(source, 4096).every(isBlank)) {
    // Only blank so far: look a little further, never through the whole file.
    const head = readHead(source, MAX_LEADING_SPACE + 4096);
    format = detectFormat(head);
    if (format.kind === 'rejected' && head.length > MAX_LEADING_SPACE)
      throw new ScanError(
        undefined,
        `expected a report to start within its first ${MAX_LEADING_SPACE >> 20} MiB, found only blank space there`,
      );
  }
  switch (format.kind) {
    case 'rejected':
      throw new ScanError(undefined, format.message);
    case 'utf16': {
      // Rare (PowerShell redirection): decode whole, then read the UTF-8 like any other.
      const bytes = readAll(source);
      const text = new TextDecoder(format.bigEndian ? 'utf-16be' : 'utf-16le').decode(bytes);
      try {
        return readFrom(memorySource(Buffer.from(text, 'utf8')), displayName);
      } catch (error) {
        if (error instanceof ScanError)
          throw new ScanError(undefined, `${error.message} (in the UTF-16 text)`);
        throw error;
      }
    }
    case 'json':
      // Read through a window that moves on as the reader walks the bytes once.
      return readCoveragePyJson(source, format.bodyOffset, displayName);
    case 'xml': {
      const raw = readSkeleton(scanCobertura(source, format.bodyOffset), displayName);
      const head = readHead(source, 4096);
      const timestamp = coberturaTimestamp(head.toString('utf8', format.bodyOffset));
      if (timestamp === undefined) return raw;
      return {
        ...raw,
        timestamp: { ...timestamp, offset: (timestamp.offset ?? 0) + format.bodyOffset },
      };
    }
  }
}

function isBlank(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** The whole file in one buffer of its size (a file that grew meanwhile is read to its end). */
function readAll(source: ByteSource): Buffer {
  let buffer = Buffer.allocUnsafe(source.size);
  let filled = 0;
  for (;;) {
    if (filled === buffer.length) {
      // Full: grow only if there is more (never copy a file read whole at its stated size).
      const more = Buffer.allocUnsafe(1 << 16);
      const count = source.read(more, 0, more.length, filled);
      if (count === 0) return buffer;
      const larger = Buffer.allocUnsafe(Math.max(buffer.length * 2, filled + count));
      buffer.copy(larger);
      more.copy(larger, filled, 0, count);
      buffer = larger;
      filled += count;
      continue;
    }
    const count = source.read(buffer, filled, buffer.length - filled, filled);
    if (count === 0) return buffer.subarray(0, filled);
    filled += count;
  }
}

function bodyOffsetOf(source: ByteSource): number {
  const head = readHead(source, 3);
  return head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
}

function placeError(
  source: ByteSource,
  displayName: string,
  error: ScanError,
  bodyOffset: number,
): ReportFileError {
  if (error.offset === undefined)
    return new ReportFileError(displayName, undefined, undefined, error.message);
  const { line, column } = locate(source, error.offset, bodyOffset);
  return new ReportFileError(displayName, line, column, error.message);
}

/**
 * The timestamp and warnings placed at their file's line and column (so they still name their
 * file after a merge), all in one pass over the file however many there are.
 */
function placeWarnings(raw: RawReport, source: ByteSource, displayName: string): RawReport {
  const offsets = [raw.timestamp?.offset, ...(raw.warnings ?? []).map(({ offset }) => offset)];
  const places = locateAll(source, offsets, bodyOffsetOf(source));
  const placeOf = (offset: number | undefined) => ({
    file: displayName,
    ...((offset === undefined ? undefined : places.get(offset)) ?? { line: 1, column: 1 }),
  });
  return {
    ...raw,
    ...(raw.timestamp === undefined
      ? {}
      : { timestamp: { ...raw.timestamp, place: placeOf(raw.timestamp.offset) } }),
    ...(raw.warnings === undefined
      ? {}
      : {
          warnings: raw.warnings.map(({ offset, message }) => ({
            offset: undefined,
            message,
            place: placeOf(offset),
          })),
        }),
  };
}

function isFsError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

function describeFsError(error: unknown): string {
  if (error instanceof NotARegularFile)
    return error.kind === 'a directory'
      ? 'it is a directory, expected a file'
      : `it is ${error.kind}, expected a regular file (save the report to a file first)`;
  if (!isFsError(error)) return String(error);
  switch (error.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory, expected a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error.message;
  }
}

/**
 * Turns a byte offset into 1-based line and column (UTF-16 units, BOM not counted), reading
 * the file again up to that point: only done for an error, so the fast path never counts lines.
 */
function locate(
  source: ByteSource,
  offset: number,
  bodyOffset: number,
): { line: number; column: number } {
  return locateAll(source, [offset], bodyOffset).get(offset) ?? { line: 1, column: 1 };
}

/** Every offset's line and column, reading the file once up to the last of them. */
function locateAll(
  source: ByteSource,
  offsets: readonly (number | undefined)[],
  bodyOffset: number,
): Map<number, { line: number; column: number }> {
  const wanted = [
    ...new Set(offsets.filter((offset): offset is number => offset !== undefined)),
  ].sort((a, b) => a - b);
  const places = new Map<number, { line: number; column: number }>();
  const chunk = Buffer.allocUnsafe(64 * 1024);
  let line = 1;
  let column = 1;
  let position = bodyOffset;
  let next = 0;
  const placeUpTo = (reached: number) => {
    while (next < wanted.length && (wanted[next] ?? 0) <= reached) {
      places.set(wanted[next] ?? 0, { line, column });
      next++;
    }
  };
  placeUpTo(position);
  while (next < wanted.length) {
    const last = wanted[wanted.length - 1] ?? 0;
    const count = source.read(chunk, 0, Math.min(chunk.length, last - position), position);
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
      if ((wanted[next] ?? Infinity) === position + index + 1) placeUpTo(position + index + 1);
    }
    position += count;
  }
  // Offsets past the end of the file are placed where it ends, as reading up to them would.
  placeUpTo(Infinity);
  return places;
}
