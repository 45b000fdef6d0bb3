import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCoverageReport } from '../../src/coverage/index.js';
import { readCoverageReportBytesForTest } from './report-time-helper.js';
import { parseReportTime } from '../../src/coverage/time/report-time.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const reports = join(import.meta.dirname, '../fixtures/coverage/reports');

describe('report time', () => {
  it("reads Cobertura's timestamp (milliseconds) as a local calendar date", () => {
    const report = readCoverageReport(join(import.meta.dirname, '../../example/data/coverage.xml'));
    const taken = new Date(1764009737318);
    expect(report.time?.instant).toBe(taken.toISOString());
    expect(report.time?.date).toBe(
      [taken.getFullYear(), taken.getMonth() + 1, taken.getDate()]
        .map((part) => String(part).padStart(2, '0'))
        .join('-'),
    );
  });

  it("reads coverage.py JSON's meta.timestamp with its own calendar date", () => {
    const report = readCoverageReport(join(reports, 'coverage-7x.json'));
    expect(report.time).toEqual({ date: '2024-11-23', instant: '2024-11-23T12:00:00.000Z' });
  });

  it('takes whole seconds for seconds', () => {
    const parsed = parseReportTime('1700000000', NOW);
    expect(parsed.ok && parsed.time.instant).toBe('2023-11-14T22:13:20.000Z');
  });

  it('says where a timestamp in the future or unreadable is, and treats the report as current', () => {
    const future = readCoverageReportBytesForTest(
      '<?xml version="1.0" ?>\n<coverage version="7.11.0" timestamp="99999999999999" line-rate="1" branch-rate="1">\n<packages></packages></coverage>\n',
      NOW,
    );
    expect(future.time).toBeUndefined();
    expect(future.warnings.map((warning) => [warning.line, warning.column, warning.rule])).toEqual([
      [2, 39, 'report-time'],
    ]);
    expect(future.warnings[0]?.message).toMatch(/future/);
    const garbled = parseReportTime('yesterday', NOW);
    expect(garbled.ok).toBe(false);
  });
});
