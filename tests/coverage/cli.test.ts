import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CoverageJson } from '../../src/coverage/index.js';
import { runCli } from '../helpers/run-cli.js';

const reports = fileURLToPath(new URL('../fixtures/coverage/reports/', import.meta.url));
const json = async (...argv: string[]) =>
  JSON.parse(
    (await runCli(['coverage', ...argv, '--format', 'json'], reports)).stdout,
  ) as CoverageJson;

describe('trackgen coverage', () => {
  it('prints the report -m table, aligned', async () => {
    const result = await runCli(['coverage', 'job-a.xml'], reports);
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'Name          Stmts   Miss Branch BrPart     Cover   Missing',
        '------------------------------------------------------------',
        // 2->3 is not listed: its destination, line 3, is itself missing.
        'app/core.py       5      2      4      2    55.56%   3, 5->exit, 6',
        'app/util.py       2      1      0      0    50.00%   2',
        '------------------------------------------------------------',
        'TOTAL             7      3      4      2    54.55%',
        '',
      ].join('\n'),
    });
  });

  it('--precision and markdown', async () => {
    expect((await runCli(['coverage', 'job-a.xml', '--precision', '0'], reports)).stdout).toContain(
      'app/util.py       2      1      0      0    50%   2',
    );
    const markdown = (await runCli(['coverage', 'job-a.xml', '--format', 'markdown'], reports))
      .stdout;
    expect(markdown.split('\n').slice(0, 3)).toEqual([
      '| Name        | Stmts |  Miss | Branch | BrPart |      Cover | Missing       |',
      '| ----------- | ----: | ----: | -----: | -----: | ---------: | ------------- |',
      '| app/core.py |     5 |     2 |      4 |      2 |     55.56% | 3, 5->exit, 6 |',
    ]);
    expect(markdown).toContain(
      '| **TOTAL**   | **7** | **3** |  **4** |  **2** | **54.55%** |               |',
    );
  });

  it('json: the public contract', async () => {
    const report = await json('job-a.xml');
    expect(Object.keys(report)).toEqual(['totals', 'modules']);
    expect(report.totals).toEqual({
      statements: 7,
      missed: 3,
      branches: 4,
      coveredBranches: 2,
      partialBranches: 2,
      percent: (100 * 6) / 11,
      true100: false,
    });
    expect(report.modules[0]).toEqual({
      name: 'core.py',
      path: 'app/core.py',
      statements: 5,
      missed: 2,
      branches: 4,
      coveredBranches: 2,
      partialBranches: 2,
      percent: (100 * 5) / 9,
      true100: false,
      missingLines: '3, 6',
      partialArcs: ['5->exit'],
    });
  });

  it('merges several reports by file and line: covered if any covered it, the best branch wins', async () => {
    const merged = await json('job-a.xml', 'job-b.xml');
    expect(merged.modules.map((module) => module.path)).toEqual([
      'app/core.py',
      'app/new.py',
      'app/util.py',
    ]);
    // Line 2: job A missed 2->3, job B missed 2->4: together both exits ran. Line 3 ran in B.
    expect(merged.modules[0]).toMatchObject({
      statements: 5,
      missed: 1,
      branches: 4,
      coveredBranches: 3,
      partialBranches: 1,
      missingLines: '6',
      partialArcs: ['5->exit'],
    });
  });

  it('--module selects modules and recomputes the totals', async () => {
    const one = await json('job-a.xml', '--module', 'util.py');
    expect(one.modules.map((module) => module.path)).toEqual(['app/util.py']);
    expect(one.totals).toMatchObject({ statements: 2, missed: 1, percent: 50 });
    expect((await json('job-a.xml', '--module', 'app')).modules).toHaveLength(2);
    // Without the extension, as trackers and new-session name modules.
    expect(
      (await json('job-a.xml', '--module', 'util')).modules.map((module) => module.path),
    ).toEqual(['app/util.py']);
  });

  it('--diff: before and after per module, new and removed ones; exit 1 when a module went down', async () => {
    const up = await runCli(['coverage', 'job-b.xml', '--diff', 'job-a.xml'], reports);
    expect(up.code).toBe(0);
    expect(up.stdout.split('\n')).toEqual([
      'Name         Before    After   Delta  Change',
      '--------------------------------------------',
      'app/core.py  55.56%   66.67%  +11.11  up',
      'app/new.py        -  100.00%          new',
      'app/util.py  50.00%        -          removed',
      '--------------------------------------------',
      'TOTAL        54.55%   70.00%  +15.45',
      '',
    ]);
    const down = await runCli(['coverage', 'job-a.xml', '--diff', 'job-b.xml'], reports);
    expect(down.code).toBe(1);
    expect(down.stdout).toContain('app/core.py   66.67%  55.56%  -11.11  REGRESSED');
    const asJson = JSON.parse(
      (await runCli(['coverage', 'job-a.xml', '--diff', 'job-b.xml', '--format', 'json'], reports))
        .stdout,
    ) as { regressions: string[] };
    expect(asJson.regressions).toEqual(['app/core.py']);
  });

  it('--diff --format markdown: a headline and the changed modules only, for a pull-request comment', async () => {
    const markdown = await runCli(
      ['coverage', 'job-a.xml', '--diff', 'job-b.xml', '--format', 'markdown'],
      reports,
    );
    expect(markdown.code).toBe(1);
    const lines = markdown.stdout.split('\n');
    expect(lines[0]).toBe(
      '**Coverage: 54.55%** (was 70.00%, -15.45) — 3 modules changed, 1 went down',
    );
    expect(lines[2]).toMatch(/^\| Name +\| +Before \| +After \| +Delta \| Change +\|$/);
    expect(markdown.stdout).toMatch(
      /\| app\/core\.py +\| +66\.67% \| +55\.56% \| +-11\.11 \| 🔻 REGRESSED +\|/,
    );
    expect(markdown.stdout).toMatch(/\| \*\*TOTAL\*\* +\| \*\*70\.00%\*\* \| \*\*54\.55%\*\* \|/);
    // The same report on both sides: nothing changed, and the comment says so in its headline.
    const same = await runCli(
      ['coverage', 'job-a.xml', '--diff', 'job-a.xml', '--format', 'markdown'],
      reports,
    );
    expect(same.code).toBe(0);
    expect(same.stdout.split('\n')[0]).toContain('no module changed');
    expect(same.stdout).toContain('2 modules unchanged.');
  });

  it('help tells the options and exit codes', async () => {
    const help = (await runCli(['coverage', '--help'])).stdout;
    for (const option of ['--format', '--precision', '--module', '--diff', 'Exit codes'])
      expect(help).toContain(option);
    expect((await runCli(['--help'])).stdout).toMatch(/\n {2}coverage +read Cobertura XML/);
  });
});
