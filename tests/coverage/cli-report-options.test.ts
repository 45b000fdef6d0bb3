/**
 * The report options through the command, in process and through the built bin: --sort (an
 * unknown column, -cover), --fail-under above and below the total, --skip-covered and
 * --skip-empty. (`--sort -cover` with a space is a usage error of node's parseArgs: a value
 * starting with a dash needs `--sort=-cover`, as coverage.py's docs write it.) The expected tables are coverage.py 6.5's own `coverage report -m …` output
 * for the run in tests/fixtures/coverage/reports/ledger-7x-format3.json (whose file-level data
 * is that run's).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliRunners } from '../helpers/run-cli.js';

const reports = fileURLToPath(new URL('../fixtures/coverage/reports/', import.meta.url));
const REPORT = 'ledger-7x-format3.json';

const RULE = '-'.repeat(64);
const BUDGET = 'ledger/budget.py        76      2     38      2    96%   90, 100';
const FLOW =
  'ledger/flow.py         103      9     52      1    90%   69, 115-121, 129->133, 136, 143';
const TOTAL = 'TOTAL                  180     11     90      3    93%';
const table = (...rows: string[]) =>
  [
    'Name                 Stmts   Miss Branch BrPart  Cover   Missing',
    RULE,
    ...rows,
    RULE,
    TOTAL,
  ].join('\n') + '\n';
const narrow = (text: string) =>
  text
    .split('\n')
    .map((line) => line.replace(/^(Name|ledger\/budget\.py|ledger\/flow\.py|TOTAL)( {2})/, '$1'))
    .map((line) => (/^-+$/.test(line) ? line.slice(2) : line))
    .join('\n');
const INIT = 'ledger/__init__.py       1      0      0      0   100%';
const EMPTY = 'ledger/empty.py          0      0      0      0   100%';

describe.each(cliRunners)('coverage report options (%s)', (_, run) => {
  // --precision 0: coverage.py's default (trackgen's is 2).
  const coverage = (...args: string[]) =>
    run(['coverage', REPORT, '--precision', '0', ...args], reports);

  it('--sort with an unknown column: exit 2, one line naming the valid columns', async () => {
    const result = await coverage('--sort', 'bogus');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('Name, Stmts, Miss, Branch, BrPart, Cover');
    expect(result.stderr).toContain('"bogus"');
  });

  it('--sort -cover orders as coverage.py does (ties keep name order)', async () => {
    const result = await coverage('--sort=-cover');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(table(EMPTY, INIT, BUDGET, FLOW));
  });

  it("--fail-under above the total: exit 1 and coverage.py's failure line", async () => {
    const result = await coverage('--fail-under', '95');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      table(INIT, BUDGET, EMPTY, FLOW) +
        'Coverage failure: total of 93 is less than fail-under=95\n',
    );
  });

  it('--fail-under below the total: exit 0 and no failure line', async () => {
    const result = await coverage('--fail-under', '92');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(table(INIT, BUDGET, EMPTY, FLOW));
  });

  it('--skip-covered closes with "N files skipped due to complete coverage."', async () => {
    const result = await coverage('--skip-covered');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      narrow(table(BUDGET, FLOW)) + '\n2 files skipped due to complete coverage.\n',
    );
  });

  it('--skip-empty closes with "1 empty file skipped."', async () => {
    const result = await coverage('--skip-empty');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(table(INIT, BUDGET, FLOW) + '\n1 empty file skipped.\n');
  });

  it('both: coverage.py counts the empty file among the covered ones', async () => {
    const result = await coverage('--skip-covered', '--skip-empty');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      narrow(table(BUDGET, FLOW)) + '\n2 files skipped due to complete coverage.\n',
    );
  });
});
