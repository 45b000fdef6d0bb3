/**
 * A coverage.py 7.x format-3 JSON (`functions`, `classes`) of the ledger project, made by
 * coverage.py 7.10.7's region code (tests/fixtures/coverage/reports/SOURCES.md): its file-level data
 * is coverage.py 6.5's, its regions follow 7.10.7's regions.py and jsonreport.py. trackgen must
 * give 6.5's own `report -m` for it, name missing ranges by its regions, and name them the same
 * when it finds the regions itself in the Python source (an independent check of the scanner
 * against `ast`).
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  formatTextTable,
  pythonRegions,
  readCoverageReport,
  type CoverageJson,
} from '../../src/coverage/index.js';
import { scratchDirs } from '../helpers/project-copy.js';
import { runCli } from '../helpers/run-cli.js';

const reports = fileURLToPath(new URL('../fixtures/coverage/reports/', import.meta.url));
const ledger = fileURLToPath(new URL('../fixtures/coverage/ledgerproject/', import.meta.url));
const FIXTURE = `${reports}ledger-7x-format3.json`;
const dir = scratchDirs('trackgen-cov7-regions-');

interface Region {
  executed_lines: number[];
  missing_lines: number[];
  excluded_lines: number[];
  missing_branches: [number, number][];
  summary: Record<string, number | string>;
}
interface File7 {
  functions: Record<string, Region>;
  classes: Record<string, Region>;
  [key: string]: unknown;
}
interface Json7 {
  meta: { format: number; version: string };
  files: Record<string, File7>;
}
const load = (): Json7 => JSON.parse(readFileSync(FIXTURE, 'utf8')) as Json7;

/** The JSON without its regions, beside a copy of the ledger sources, read with sourcesFor. */
function readFromSources(change: (json: Json7) => void = () => undefined) {
  const root = dir();
  cpSync(join(ledger, 'ledger'), join(root, 'ledger'), { recursive: true });
  const json = load();
  for (const file of Object.values(json.files)) {
    delete (file as Partial<File7>).functions;
    delete (file as Partial<File7>).classes;
  }
  change(json);
  writeFileSync(join(root, 'report.json'), JSON.stringify(json));
  return readCoverageReport(join(root, 'report.json'), 'report.json', { sourcesFor: () => true });
}

describe('coverage.py 7.x format-3 JSON of the ledger project', () => {
  it('is what it claims: format 3, regions per file, 6.5 file-level data', () => {
    const json = load();
    expect(json.meta).toMatchObject({ format: 3, version: '6.5.0' });
    const flow = json.files['ledger/flow.py'];
    expect(Object.keys(flow?.functions ?? {})).toEqual(
      expect.arrayContaining(['outer.add', 'Pipeline.Step.__call__', 'unused', '']),
    );
    expect(Object.keys(flow?.classes ?? {})).toEqual(['Pipeline', 'Pipeline.Step', '']);
    expect(Object.keys(json.files['ledger/budget.py']?.functions ?? {})).toContain(
      'BudgetManager.spend',
    );
  });

  it("gives coverage.py 6.5's own `report -m` for the same run", () => {
    const report = readCoverageReport(FIXTURE);
    expect(report.warnings).toEqual([]);
    expect(formatTextTable(report, 2)).toBe(
      readFileSync(`${reports}ledger-7x-format3.report.txt`, 'utf8'),
    );
  });

  it("names missing ranges by the report's regions, in --format json", async () => {
    const result = await runCli(
      ['coverage', 'ledger-7x-format3.json', '--format', 'json'],
      reports,
    );
    expect(result.stderr).toBe('');
    const json = JSON.parse(result.stdout) as CoverageJson;
    const areas = Object.fromEntries(
      json.modules.map((module) => [module.path, module.missingAreas]),
    );
    expect(areas['ledger/budget.py']).toEqual([
      { lines: '90', label: 'BudgetManager.export' },
      { lines: '100', label: 'summarize.describe' },
    ]);
    expect(areas['ledger/flow.py']).toEqual([
      { lines: '69', label: 'outer.never' },
      { lines: '115-121', label: 'unused' },
      { lines: '136', label: 'Pipeline.describe' },
      { lines: '143', label: 'Pipeline.Step.__call__' },
    ]);
  });

  it('names them exactly as the Python-source scanner does for the same files', () => {
    const fromJson = readCoverageReport(FIXTURE);
    const fromSource = readFromSources();
    // A file without statements (empty.py) is not looked up beside the report: nothing to name.
    const areas = (report: typeof fromJson) =>
      report.modules.map((module) => [module.path, module.missingAreas ?? []]);
    expect(areas(fromSource)).toEqual(areas(fromJson));
    expect(fromJson.modules.some((module) => (module.missingAreas ?? []).length > 0)).toBe(true);
  });

  it("every function region's lines lie in the scanner's region of the same name", () => {
    const json = load();
    let checked = 0;
    for (const [path, file] of Object.entries(json.files)) {
      const scanned = new Map(
        pythonRegions(readFileSync(join(ledger, path), 'utf8'))
          .filter((region) => region.kind === 'function')
          .map((region) => [region.name, new Set(region.lines)]),
      );
      const names = Object.keys(file.functions).filter((name) => name !== '');
      expect([...scanned.keys()].sort(), path).toEqual([...names].sort());
      for (const name of names) {
        const region = file.functions[name];
        const lines = [
          ...(region?.executed_lines ?? []),
          ...(region?.missing_lines ?? []),
          ...(region?.excluded_lines ?? []),
        ];
        expect(
          lines.filter((line) => !(scanned.get(name)?.has(line) ?? false)),
          `${path} ${name}`,
        ).toEqual([]);
        checked += lines.length;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('a file with no functions or classes names its missing lines module level', () => {
    const root = dir();
    const json = load();
    const init = json.files['ledger/__init__.py'];
    if (init === undefined) throw new Error('no ledger/__init__.py');
    Object.assign(init, { executed_lines: [], missing_lines: [1] });
    init['summary'] = { ...(init['summary'] as object), covered_lines: 0, missing_lines: 1 };
    for (const regions of [init.functions, init.classes])
      Object.assign(regions, { '': { ...regions[''], executed_lines: [], missing_lines: [1] } });
    writeFileSync(join(root, 'init.json'), JSON.stringify(json));
    const module = readCoverageReport(join(root, 'init.json')).modules.find(
      (entry) => entry.path === 'ledger/__init__.py',
    );
    expect(module?.missingAreas).toEqual([{ start: 1, end: 1, label: 'module level' }]);
  });

  it('ignores region summaries: a region summary that disagrees with its lines changes nothing', () => {
    const json = load();
    const never = json.files['ledger/flow.py']?.functions['outer.never'];
    if (never === undefined) throw new Error('no outer.never region');
    never.summary = { ...never.summary, missing_lines: 5, num_statements: 40, num_branches: 9 };
    const root = dir();
    writeFileSync(join(root, 'edited.json'), JSON.stringify(json));
    const edited = readCoverageReport(join(root, 'edited.json'));
    const original = readCoverageReport(FIXTURE);
    expect(edited.warnings).toEqual([]);
    expect(edited.modules).toEqual(original.modules);
    expect(edited.totals).toEqual(original.totals);
  });

  it('a file-level summary that disagrees with its lines is warned about (unlike a region one)', () => {
    const report = readFromSources((json) => {
      const flow = json.files['ledger/flow.py'];
      if (flow !== undefined)
        flow['summary'] = { ...(flow['summary'] as object), missing_lines: 5 };
    });
    expect(report.warnings.map((warning) => warning.message)).toEqual([
      '"ledger/flow.py": summary.missing_lines is 5 but "missing_lines" lists 9',
    ]);
  });
});
