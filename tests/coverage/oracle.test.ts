import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  formatPercent,
  formatTextTable,
  readCoverageReport,
  readCoverageReports,
  type CoverageJson,
} from '../../src/coverage/index.js';
import { sharedScratchDir } from '../helpers/project-copy.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * The oracle: run the real coverage.py (branch mode) over tests/fixtures/coverage/pyproject
 * and compare every figure and string trackgen reads from its XML and its JSON with
 * coverage.py's own `coverage json` and `coverage report -m --precision=2`.
 * Skips, saying so, only when coverage.py is missing outside CI.
 */
const project = fileURLToPath(new URL('../fixtures/coverage/pyproject/', import.meta.url));

function findCoverage(): string[] | undefined {
  const candidates = [
    ['python3', '-m', 'coverage'],
    ['/usr/bin/python3', '-m', 'coverage'],
    ['python3-coverage'],
    ['coverage'],
  ];
  return candidates.find(
    ([command, ...args]) =>
      spawnSync(command ?? '', [...args, '--version'], { encoding: 'utf8' }).status === 0,
  );
}

const coverage = findCoverage();
if (coverage === undefined && process.env['CI'])
  throw new Error(
    'coverage.py is required in CI (python3 -m coverage); .ci/run installs python3-coverage',
  );
if (coverage === undefined)
  console.warn(
    'oracle.test.ts: SKIPPED — coverage.py not found (python3 -m coverage, python3-coverage); install it to run the oracle test',
  );

interface PyFile {
  readonly summary: Record<string, number | string>;
}
interface PyJson {
  readonly meta: { readonly version: string };
  readonly files: Record<string, PyFile>;
  readonly totals: Record<string, number | string>;
}

describe.skipIf(coverage === undefined)('oracle: trackgen equals coverage.py', () => {
  const work = sharedScratchDir('trackgen-oracle-');
  const run = (...args: string[]): string => {
    const [command, ...prefix] = coverage ?? [];
    const result = spawnSync(command ?? '', [...prefix, ...args], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, COVERAGE_FILE: join(work, '.coverage') },
    });
    if (result.status !== 0) throw new Error(`coverage ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  };
  cpSync(project, work, { recursive: true });
  let table = '';
  let table0 = '';
  let py: PyJson = { meta: { version: '' }, files: {}, totals: {} };
  if (coverage !== undefined) {
    run('run', '--branch', '--source=pkg', 'run_tests.py');
    run('xml', '-o', 'coverage.xml');
    run('json', '-o', 'coverage.json');
    table = run('report', '-m', '--precision=2');
    table0 = run('report', '-m', '--precision=0');
    py = JSON.parse(readFileSync(join(work, 'coverage.json'), 'utf8')) as PyJson;
  }
  const major = Number(py.meta.version.split('.')[0]);

  /** coverage.py's table rows by name: [stmts, miss, branch, brpart, cover, missing]. */
  const rows = (text: string) =>
    new Map(
      text
        .split('\n')
        .filter((line) => /^\S+\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+(\.\d+)?%/.test(line))
        .map((line) => {
          const match =
            /^(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+(?:\.\d+)?)%\s*(.*)$/.exec(line) ?? [];
          return [match[1] ?? '', match.slice(2)] as const;
        }),
    );

  for (const input of ['coverage.xml', 'coverage.json']) {
    describe(`reading ${input}`, () => {
      it('gives coverage.py json figures per module and in total, exactly', async () => {
        const result = await runCli(['coverage', input, '--format', 'json'], work);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        const ours = JSON.parse(result.stdout) as CoverageJson;
        expect(ours.modules.map((module) => module.path).sort()).toEqual(
          Object.keys(py.files).sort(),
        );
        const figures = (summary: Record<string, number | string>) => ({
          statements: summary['num_statements'],
          missed: summary['missing_lines'],
          branches: summary['num_branches'],
          coveredBranches: summary['covered_branches'],
          partialBranches: summary['num_partial_branches'],
          percent: summary['percent_covered'],
        });
        for (const module of ours.modules) {
          const { statements, missed, branches, coveredBranches, partialBranches, percent } =
            module;
          expect(
            { statements, missed, branches, coveredBranches, partialBranches, percent },
            module.path,
          ).toEqual(figures(py.files[module.path]?.summary ?? {}));
          expect(module.true100).toBe(
            module.missed === 0 && module.coveredBranches === module.branches,
          );
        }
        const { statements, missed, branches, coveredBranches, partialBranches, percent } =
          ours.totals;
        expect({ statements, missed, branches, coveredBranches, partialBranches, percent }).toEqual(
          figures(py.totals),
        );
      });

      it('gives the Missing column of `coverage report -m`: ranges and partial arcs', async () => {
        const ours = JSON.parse(
          (await runCli(['coverage', input, '--format', 'json'], work)).stdout,
        ) as CoverageJson;
        const theirs = rows(table);
        for (const module of ours.modules) {
          const missing = theirs.get(module.path)?.[5] ?? '';
          const items = missing === '' ? [] : missing.split(', ');
          expect(module.missingLines, module.path).toBe(
            items.filter((item) => !item.includes('->')).join(', '),
          );
          expect(module.partialArcs, module.path).toEqual(
            items.filter((item) => item.includes('->')),
          );
        }
        expect(ours.modules.flatMap((module) => module.partialArcs)).toContain('13->exit');
      });

      it('prints the table of `coverage report -m` (--precision 2 and 0)', async () => {
        const report = readCoverageReport(join(work, input));
        for (const [precision, text] of [
          [2, table],
          [0, table0],
        ] as const) {
          const theirs = rows(text);
          const ours = rows(formatTextTable(report, precision));
          expect([...ours.keys()]).toEqual([...theirs.keys()]);
          expect(ours).toEqual(theirs);
          // coverage.py 6.x's layout, byte for byte (7.x sizes the Cover column differently).
          if (major < 7) expect(formatTextTable(report, precision)).toBe(text);
        }
        const text = (await runCli(['coverage', input], work)).stdout;
        if (major < 7) expect(text).toBe(table);
      });

      it('shows percents as coverage.py displays them', () => {
        const report = readCoverageReport(join(work, input));
        for (const module of report.modules) {
          expect(formatPercent(module.percent, 0)).toBe(
            py.files[module.path]?.summary['percent_covered_display'],
          );
        }
        expect(formatPercent(report.totals.percent, 0)).toBe(py.totals['percent_covered_display']);
      });
    });
  }

  it('agrees on real code too: a dozen standard-library modules, from XML and from JSON', () => {
    const stdlib = join(work, 'stdlib');
    cpSync(
      fileURLToPath(new URL('../fixtures/coverage/stdlib-drive.py', import.meta.url)),
      join(stdlib, 'drive.py'),
    );
    const [command, ...prefix] = coverage ?? [];
    const inStdlib = (...args: string[]) => {
      const result = spawnSync(command ?? '', [...prefix, ...args], {
        cwd: stdlib,
        encoding: 'utf8',
        env: { ...process.env, COVERAGE_FILE: join(stdlib, '.coverage') },
      });
      if (result.status !== 0)
        throw new Error(`coverage ${args.join(' ')} failed: ${result.stderr}`);
      return result.stdout;
    };
    const include = [
      'json/*',
      'argparse.py',
      'textwrap.py',
      'csv.py',
      'fractions.py',
      'difflib.py',
      'shlex.py',
      'ipaddress.py',
      'statistics.py',
      'string.py',
    ]
      .map((name) => `*/${name}`)
      .join(',');
    inStdlib('run', '--branch', `--include=${include}`, 'drive.py');
    inStdlib('xml', '-q', '-o', 'coverage.xml');
    inStdlib('json', '-q', '-o', 'coverage.json');
    const theirs = inStdlib('report', '-m', '--precision=2');
    for (const input of ['coverage.xml', 'coverage.json']) {
      const ours = formatTextTable(readCoverageReport(join(stdlib, input)), 2);
      expect(rows(ours), input).toEqual(rows(theirs));
      if (major < 7) expect(ours, input).toBe(theirs);
    }
  });

  it('the fixture exercises what it claims to', () => {
    const report = readCoverageReport(join(work, 'coverage.xml'));
    const byPath = new Map(report.modules.map((module) => [module.path, module]));
    expect(byPath.get('pkg/__init__.py')).toMatchObject({ statements: 0, percent: 100 });
    expect(byPath.get('pkg/full.py')).toMatchObject({ true100: true });
    expect(byPath.get('pkg/untested.py')).toMatchObject({ percent: 0, partialBranches: 0 });
    expect(byPath.get('pkg/ranges.py')?.missingRanges).toMatch(/\d+-\d+/);
    expect(byPath.get('pkg/branches.py')?.partialArcs).toEqual(
      expect.arrayContaining(['13->exit', '50->52']),
    );
  });
});

/**
 * The larger oracle: tests/fixtures/coverage/ledgerproject (our own code with try/finally,
 * with, generators, lambdas, comprehensions, nested and async functions, early returns,
 * sys.exit, exceptions raised and caught, classes, partial branches), run by coverage.py with
 * branch coverage three ways: both halves in one process, each half alone, and the halves as
 * `coverage run -p` twice + `coverage combine`. Every JSON and XML report of every run, alone
 * and merged in every mix, must give coverage.py's own `report -m` table and JSON summary.
 */
describe.skipIf(coverage === undefined)('oracle: the ledger project, single and merged', () => {
  const ledger = fileURLToPath(new URL('../fixtures/coverage/ledgerproject/', import.meta.url));
  const work = sharedScratchDir('trackgen-oracle-ledger-');
  cpSync(ledger, work, { recursive: true });
  const [command, ...prefix] = coverage ?? [];
  const py = (dataFile: string, ...args: string[]): string => {
    const result = spawnSync(command ?? '', [...prefix, ...args], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, COVERAGE_FILE: join(work, dataFile) },
    });
    if (result.status !== 0) throw new Error(`coverage ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  };
  /** A data file's reports: JSON, XML and the `report -m` tables trackgen must reproduce. */
  const reportsOf = (name: string, dataFile: string) => {
    py(dataFile, 'json', '-q', '-o', `${name}.json`);
    py(dataFile, 'xml', '-q', '-o', `${name}.xml`);
    return {
      table: py(dataFile, 'report', '-m', '--precision=2'),
      skipped: py(dataFile, 'report', '-m', '--skip-covered', '--skip-empty', '--sort=-cover'),
      json: JSON.parse(readFileSync(join(work, `${name}.json`), 'utf8')) as PyJson,
    };
  };
  type Oracle = ReturnType<typeof reportsOf>;
  const oracles = new Map<string, Oracle>();
  if (coverage !== undefined) {
    py('.cov-all', 'run', '--branch', '--source=ledger', 'run_all.py');
    oracles.set('all', reportsOf('all', '.cov-all'));
    for (const half of ['a', 'b']) {
      py(`.cov-${half}`, 'run', '--branch', '--source=ledger', `run_${half}.py`);
      oracles.set(half, reportsOf(half, `.cov-${half}`));
      py('.cov-parallel', 'run', '-p', '--branch', '--source=ledger', `run_${half}.py`);
    }
    py('.cov-parallel', 'combine', '-q');
    oracles.set('combined', reportsOf('combined', '.cov-parallel'));
  }
  const counted = { json: 0, xml: 0, merged: 0, strings: 0 };
  const summaryFigures = (summary: Record<string, number | string>) => ({
    statements: summary['num_statements'],
    missed: summary['missing_lines'],
    branches: summary['num_branches'],
    coveredBranches: summary['covered_branches'],
    partialBranches: summary['num_partial_branches'],
    percent: summary['percent_covered'],
  });
  const check = (files: string[], oracle: Oracle, source: keyof typeof counted) => {
    const report = readCoverageReports(files.map((file) => join(work, file)));
    expect(report.warnings, files.join('+')).toEqual([]);
    for (const module of report.modules) {
      const { statements, missed, branches, coveredBranches, partialBranches, percent } = module;
      expect(
        { statements, missed, branches, coveredBranches, partialBranches, percent },
        `${files.join('+')} ${module.path}`,
      ).toEqual(summaryFigures(oracle.json.files[module.path]?.summary ?? {}));
      counted[source] += 6;
    }
    expect(report.modules.map((module) => module.path).sort()).toEqual(
      Object.keys(oracle.json.files).sort(),
    );
    expect(formatTextTable(report, 2), files.join('+')).toBe(oracle.table);
    expect(formatTextTable(report, 0, { skipCovered: true, skipEmpty: true, sort: '-cover' })).toBe(
      oracle.skipped,
    );
    counted.strings += report.modules.length * 2;
  };

  for (const run of ['all', 'a', 'b', 'combined']) {
    it(`${run}: every module of the JSON and of the XML equals coverage.py's figures and table`, () => {
      const oracle = oracles.get(run);
      if (oracle === undefined) throw new Error(`no oracle for ${run}`);
      check([`${run}.json`], oracle, 'json');
      check([`${run}.xml`], oracle, 'xml');
    });
  }

  it('merging the halves in any mix of XML and JSON gives what `coverage combine` gives', () => {
    const combined = oracles.get('combined');
    if (combined === undefined) throw new Error('no combined oracle');
    expect(combined.table).toBe(oracles.get('all')?.table);
    for (const files of [
      ['a.json', 'b.json'],
      ['a.xml', 'b.xml'],
      ['a.json', 'b.xml'],
      ['a.xml', 'b.json'],
      ['a.json', 'b.json', 'a.xml'],
    ])
      check(files, combined, 'merged');
  });

  it('the same run read from XML and from JSON prints the same and diffs as no change', async () => {
    for (const run of ['all', 'a', 'combined']) {
      const fromJson = await runCli(['coverage', `${run}.json`], work);
      const fromXml = await runCli(['coverage', `${run}.xml`], work);
      expect(fromJson.stdout).toBe(fromXml.stdout);
      const diff = await runCli(['coverage', `${run}.json`, '--diff', `${run}.xml`], work);
      expect(diff.code, diff.stdout).toBe(0);
      expect(
        (
          JSON.parse(
            (
              await runCli(
                ['coverage', `${run}.xml`, '--diff', `${run}.json`, '--format', 'json'],
                work,
              )
            ).stdout,
          ) as { modules: { change: string }[] }
        ).modules.every((module) => module.change === 'same'),
      ).toBe(true);
    }
  });

  it('exercises what it claims: unpredicted arcs and docstring lines in the JSON', () => {
    const raw = JSON.parse(readFileSync(join(work, 'a.json'), 'utf8')) as {
      files: Record<
        string,
        {
          executed_branches: [number, number][];
          executed_lines: number[];
          missing_lines: number[];
          summary: { num_branches: number; num_statements: number };
        }
      >;
    };
    const budget = raw.files['ledger/budget.py'];
    expect(budget?.executed_branches.some(([from, to]) => from === to)).toBe(true);
    expect(
      (budget?.executed_lines.length ?? 0) + (budget?.missing_lines.length ?? 0),
    ).toBeGreaterThan(budget?.summary.num_statements ?? 0);
    console.log(`oracle (ledger): figures compared ${JSON.stringify(counted)}`);
  });
});
