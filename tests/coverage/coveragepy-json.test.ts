import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCoverageReport, readCoverageReports } from '../../src/coverage/index.js';

const reports = fileURLToPath(new URL('../fixtures/coverage/reports/', import.meta.url));

describe("coverage.py's JSON report", () => {
  it('reads the 7.x shape (meta.format 3, functions and classes ignored) like the equivalent XML', () => {
    const fromJson = readCoverageReport(`${reports}coverage-7x.json`);
    const fromXml = readCoverageReport(`${reports}job-a.xml`);
    const figures = (report: typeof fromJson) =>
      report.modules.map(
        ({
          path,
          statements,
          missed,
          branches,
          coveredBranches,
          partialBranches,
          percent,
          missingRanges,
          partialArcs,
          missing,
        }) => ({
          path,
          statements,
          missed,
          branches,
          coveredBranches,
          partialBranches,
          percent,
          missingRanges,
          partialArcs,
          missing,
        }),
      );
    expect(figures(fromJson)).toEqual(figures(fromXml));
    expect(fromJson.totals).toEqual(fromXml.totals);
    expect(fromJson.modules[0]?.partialArcs).toEqual(['5->exit']);
  });

  it('an excluded line that ran is not a statement', () => {
    expect(readCoverageReport(`${reports}coverage-7x.json`).modules[1]).toMatchObject({
      path: 'app/util.py',
      statements: 2,
      missed: 1,
      missingRanges: '2',
    });
  });

  it('merges with Cobertura reports of the same code', () => {
    const merged = readCoverageReports(
      [`${reports}coverage-7x.json`, `${reports}job-b.xml`],
      ['coverage-7x.json', 'job-b.xml'],
    );
    expect(merged.sources).toEqual(['coverage-7x.json', 'job-b.xml']);
    expect(merged.modules.find((module) => module.path === 'app/core.py')).toMatchObject({
      missed: 1,
      coveredBranches: 3,
      partialArcs: ['5->exit'],
    });
  });
});
