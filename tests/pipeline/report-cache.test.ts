import { readdirSync, readFileSync, writeFileSync, mkdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  readCoverageReport,
  readCoverageReports,
  type CoverageReport,
} from '../../src/coverage/index.js';
import { restoreReport, storeReport } from '../../src/coverage/figures/stored-report.js';
import { reportCache, type ReportRequest } from '../../src/pipeline/cache/report-cache.js';
import { scratchDirs } from '../helpers/project-copy.js';

const scratch = scratchDirs('trackgen-report-cache-');
const corpus = fileURLToPath(new URL('../fixtures/coverage/corpus/', import.meta.url));

/** Everything a report tells, getters included, as plain data. */
function plain(report: CoverageReport): unknown {
  const totals = (value: CoverageReport['totals']) => ({
    statements: value.statements,
    missed: value.missed,
    branches: value.branches,
    coveredBranches: value.coveredBranches,
    partialBranches: value.partialBranches,
    hasBranchData: value.hasBranchData,
    percent: value.percent,
    true100: value.true100,
  });
  return {
    source: report.source,
    sources: report.sources,
    sourceRoots: report.sourceRoots,
    totals: totals(report.totals),
    warnings: report.warnings,
    time: report.time,
    modules: report.modules.map((module) => ({
      ...totals(module),
      path: module.path,
      name: module.name,
      missingLines: module.missingLines,
      missingRanges: module.missingRanges,
      missingLineRanges: module.missingLineRanges,
      partialArcs: module.partialArcs,
      missing: module.missing,
      lastLine: module.lastLine,
      missingAreas: module.missingAreas,
    })),
  };
}

function corpusReports(): string[] {
  const found: string[] = [];
  for (const folder of readdirSync(corpus, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const name of readdirSync(join(corpus, folder.name)))
      if (name.endsWith('.xml')) found.push(join(corpus, folder.name, name));
  }
  return found;
}

describe('a stored report', () => {
  it('gives back every figure of every corpus report, through JSON', () => {
    const reports = corpusReports();
    expect(reports.length).toBeGreaterThan(20);
    for (const path of reports) {
      const report = readCoverageReport(path);
      const stored = JSON.parse(JSON.stringify(storeReport(report))) as ReturnType<
        typeof storeReport
      >;
      expect(plain(restoreReport(stored)), path).toEqual(plain(report));
    }
  });
});

const SOURCE = ['def covered():', '    return 1', '', 'def missed():', '    return 2', ''];

/** A Cobertura report of pkg/mod.py with line 5 missed, and the source beside it. */
function project(): { dir: string; request: ReportRequest } {
  const dir = scratch();
  mkdirSync(join(dir, 'pkg'));
  writeFileSync(join(dir, 'pkg/mod.py'), SOURCE.join('\n'));
  const lines = [1, 2, 4, 5]
    .map((line) => `<line number="${line}" hits="${line === 5 ? 0 : 1}"/>`)
    .join('');
  writeFileSync(
    join(dir, 'coverage.xml'),
    `<?xml version="1.0" ?><coverage version="7.6.1" timestamp="1700000000000" lines-valid="4" lines-covered="3" line-rate="0.75" branch-rate="0" branches-covered="0" branches-valid="0" complexity="0"><sources><source>${dir}</source></sources><packages><package name="pkg" line-rate="0.75" branch-rate="0" complexity="0"><classes><class name="mod.py" filename="pkg/mod.py" line-rate="0.75" branch-rate="0" complexity="0"><methods/><lines>${lines}</lines></class></classes></package></packages></coverage>`,
  );
  return {
    dir,
    request: {
      paths: [join(dir, 'coverage.xml')],
      shownAs: ['coverage.xml'],
      tracked: ['pkg/mod.py'],
    },
  };
}

function readAndRemember(dir: string, request: ReportRequest): CoverageReport {
  const wanted: string[] = [];
  const report = readCoverageReports(request.paths, request.shownAs, {
    sourcesFor: (path) => {
      wanted.push(path);
      return true;
    },
  });
  reportCache(join(dir, 'cache')).remember(request, storeReport(report), wanted);
  return report;
}

describe('the report cache', () => {
  it('serves the report read last while the report and the sources read beside it are unchanged', () => {
    const { dir, request } = project();
    const cache = () => reportCache(join(dir, 'cache'));
    expect(cache().lookUp(request)).toBeUndefined();
    const report = readAndRemember(dir, request);
    expect(report.modules[0]?.missingAreas).toEqual([
      expect.objectContaining({ label: expect.stringContaining('missed') as unknown }),
    ]);
    const stored = cache().lookUp(request);
    expect(stored).toBeDefined();
    if (stored !== undefined) expect(plain(restoreReport(stored))).toEqual(plain(report));
  });

  it('misses when a source read beside the report changes', () => {
    const { dir, request } = project();
    readAndRemember(dir, request);
    writeFileSync(join(dir, 'pkg/mod.py'), ['def renamed():', ...SOURCE.slice(1)].join('\n'));
    // A same-size rewrite within the clock's tick still differs in its time.
    utimesSync(join(dir, 'pkg/mod.py'), new Date(), new Date(Date.now() + 5000));
    expect(reportCache(join(dir, 'cache')).lookUp(request)).toBeUndefined();
  });

  it('misses when the report, its name or the tracked modules differ', () => {
    const { dir, request } = project();
    readAndRemember(dir, request);
    const cache = reportCache(join(dir, 'cache'));
    expect(cache.lookUp({ ...request, shownAs: ['other.xml'] })).toBeUndefined();
    expect(cache.lookUp({ ...request, tracked: [] })).toBeUndefined();
    const path = request.paths[0] ?? '';
    writeFileSync(path, readFileSync(path, 'utf8').replace('hits="0"', 'hits="3"'));
    expect(reportCache(join(dir, 'cache')).lookUp(request)).toBeUndefined();
  });
});
