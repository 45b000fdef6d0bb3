import { UsageError } from '../diagnostics.js';
import { fileSource, memorySource, readHead, type ByteSource } from './byte-source.js';
import { readSkeleton } from './cobertura-skeleton.js';
import { scanCobertura } from './cobertura-stream.js';
import { readCoveragePyJson } from './coveragepy-json.js';
import { detectFormat } from './detect-format.js';
import { locate } from './locate.js';
import type { RawReport } from './raw-report.js';
import { ScanError } from './scan-error.js';

/**
 * The edge that touches the disk: reads one report file (Cobertura XML streamed in chunks,
 * coverage.py JSON whole) into a RawReport. Every problem with the file becomes a
 * ReportFileError naming the file, with line:column where it is known.
 */
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
    return readFrom(source, displayName);
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
    return readFrom(source, displayName);
  } catch (error) {
    if (error instanceof ScanError)
      throw placeError(source, displayName, error, bodyOffsetOf(source));
    throw error;
  }
}

function readFrom(source: ByteSource, displayName: string): RawReport {
  const format = detectFormat(readHead(source, 4096));
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
    case 'json': {
      const text = readAll(source).toString('utf8', format.bodyOffset);
      try {
        return readCoveragePyJson(text, displayName);
      } catch (error) {
        // JSON positions are in characters; turn them into bytes for placeError.
        if (error instanceof ScanError && error.offset !== undefined) {
          throw new ScanError(
            format.bodyOffset + Buffer.byteLength(text.slice(0, error.offset)),
            error.message,
          );
        }
        throw error;
      }
    }
    case 'xml':
      return readSkeleton(scanCobertura(source, format.bodyOffset), displayName);
  }
}

function readAll(source: ByteSource): Buffer {
  const chunks: Buffer[] = [];
  for (let position = 0; ;) {
    const chunk = Buffer.allocUnsafe(1 << 20);
    const count = source.read(chunk, 0, chunk.length, position);
    if (count === 0) return Buffer.concat(chunks);
    chunks.push(chunk.subarray(0, count));
    position += count;
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

function isFsError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

function describeFsError(error: unknown): string {
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
