import { describe, expect, it } from 'vitest';
import { buildReport, mergeRawReports, readRawReportBytes } from '../../src/coverage/index.js';

/** coverage.py's JSON counting rules (jsonreport.py report_one_file, results.py Analysis). */
const read = (name: string, document: unknown) =>
  readRawReportBytes(Buffer.from(JSON.stringify(document)), name);
const file = (entry: Record<string, unknown>) => ({
  meta: { version: '6.5.0', branch_coverage: true },
  files: { 'm.py': entry },
});
const figures = (name: string, document: unknown) => buildReport(read(name, document)).modules[0];

describe('coverage.py JSON, as coverage.py counts it', () => {
  it('counts branches as summary.num_branches: an exception leaving a branch line is no branch', () => {
    const module = figures(
      'x.json',
      file({
        executed_lines: [3, 5, 6],
        missing_lines: [8],
        excluded_lines: [],
        executed_branches: [
          [5, 6],
          [5, -3],
          [5, 5],
        ],
        missing_branches: [[5, 8]],
        summary: {
          num_statements: 4,
          missing_lines: 1,
          num_branches: 2,
          num_partial_branches: 1,
          covered_branches: 1,
          missing_branches: 1,
        },
      }),
    );
    expect(module).toMatchObject({
      statements: 4,
      branches: 2,
      coveredBranches: 1,
      partialBranches: 1,
    });
    // format_lines leaves out an arc into a missing line.
    expect(module?.missing).toBe('8');
  });

  it('drops docstring lines, never a statement that separates two missing ranges', () => {
    // 1 is the module docstring (executed, no statement); 20 and 40 ran and split the ranges.
    const module = figures(
      'x.json',
      file({
        executed_lines: [1, 2, 20, 40],
        missing_lines: [10, 11, 30, 31, 50],
        excluded_lines: [],
        summary: { num_statements: 8, missing_lines: 5 },
      }),
    );
    expect(module).toMatchObject({ statements: 8, missed: 5, missingRanges: '10-11, 30-31, 50' });
  });

  it('merges JSON halves as coverage combine: no phantom statements, arcs missed by both', () => {
    const half = (
      executed: number[],
      missing: number[],
      executedArcs: number[][],
      missingArcs: number[][],
    ) =>
      file({
        executed_lines: [1, ...executed],
        missing_lines: missing,
        excluded_lines: [],
        executed_branches: executedArcs,
        missing_branches: missingArcs,
        summary: {
          num_statements: 5,
          missing_lines: missing.length,
          num_branches: 2,
          num_partial_branches: missingArcs.filter(([from]) => !missing.includes(from ?? 0)).length,
          covered_branches: 2 - missingArcs.length,
          missing_branches: missingArcs.length,
        },
      });
    const a = read('a.json', half([2, 3, 4], [5, 6], [[3, 4]], [[3, 5]]));
    const b = read('b.json', half([2, 3, 5], [4, 6], [[3, 5]], [[3, 4]]));
    const merged = buildReport(mergeRawReports([a, b])).modules[0];
    expect(merged).toMatchObject({
      statements: 5,
      missed: 1,
      branches: 2,
      coveredBranches: 2,
      missing: '6',
    });
  });

  it('says where the summary and the lists disagree, by file position', () => {
    const raw = read(
      'x.json',
      file({
        executed_lines: [1],
        missing_lines: [2],
        summary: { num_statements: 2, missing_lines: 2 },
      }),
    );
    expect(buildReport(raw).warnings).toEqual([
      expect.objectContaining({
        file: 'x.json',
        line: 1,
        severity: 'warning',
        rule: 'report-mismatch',
        message: '"m.py": summary.missing_lines is 2 but "missing_lines" lists 1',
      }),
    ]);
  });

  it('reads 5.x JSON (no arcs) with the summary branch figures', () => {
    const module = figures('x.json', {
      meta: { version: '5.5', branch_coverage: true },
      files: {
        'm.py': {
          executed_lines: [1, 2],
          missing_lines: [3],
          excluded_lines: [],
          summary: {
            num_statements: 3,
            missing_lines: 1,
            num_branches: 4,
            num_partial_branches: 1,
            covered_branches: 2,
            missing_branches: 2,
          },
        },
      },
    });
    expect(module).toMatchObject({
      statements: 3,
      missed: 1,
      branches: 4,
      coveredBranches: 2,
      partialBranches: 1,
    });
  });

  it('merging Cobertura exit,exit counts each missing exit once across reports', () => {
    const xml = (missing: string, taken: number) =>
      Buffer.from(`<?xml version="1.0" ?>
<coverage version="6.5.0" branch-rate="0.5"><sources><source>/p</source></sources><packages><package name="."><classes><class name="m.py" filename="m.py"><lines>
<line number="1" hits="1" branch="true" condition-coverage="${taken * 50}% (${taken}/2)" missing-branches="${missing}"/>
<line number="2" hits="1"/></lines></class></classes></package></packages></coverage>`);
    const merged = buildReport(
      mergeRawReports([
        readRawReportBytes(xml('exit,exit', 0), 'a.xml'),
        readRawReportBytes(xml('exit', 1), 'b.xml'),
      ]),
    ).modules[0];
    expect(merged).toMatchObject({
      branches: 2,
      coveredBranches: 1,
      partialBranches: 1,
      missing: '1->exit',
    });
  });
});
