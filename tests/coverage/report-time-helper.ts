import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCoverageReport, type CoverageReport } from '../../src/coverage/index.js';

/** Reads report text written to a scratch file, with `now` fixed. */
export function readCoverageReportBytesForTest(text: string, now: Date): CoverageReport {
  const dir = mkdtempSync(join(tmpdir(), 'report-time-'));
  const path = join(dir, text.trimStart().startsWith('{') ? 'coverage.json' : 'coverage.xml');
  writeFileSync(path, text);
  return readCoverageReport(path, 'coverage.xml', { now });
}
