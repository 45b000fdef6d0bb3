/**
 * The oracle: pytest itself. Runs the fixture's test file through a real pytest (when one is
 * installed; skipped with a warning otherwise) and checks that trackgen reads its JUnit XML
 * and its output as pytest counts them — and that the committed fixture is still such a run.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTestResults } from '../../src/test-results/index.js';
import { sharedScratchDir } from '../helpers/project-copy.js';
import { repoRoot } from '../helpers/run-cli.js';

const runDir = join(repoRoot, 'tests/fixtures/test-results/pytest-run');
const python = ['/usr/bin/python3', 'python3'].find(
  (candidate) =>
    spawnSync(candidate, ['-m', 'pytest', '--version'], { encoding: 'utf8' }).status === 0,
);
if (python === undefined)
  console.warn(
    'pytest-oracle.test.ts skipped: no python3 with pytest (apt install python3-pytest)',
  );

describe.skipIf(python === undefined)('trackgen against a real pytest run', () => {
  const dir = sharedScratchDir('trackgen-pytest-oracle-');

  it("records each figure of pytest's own summary line, and pytest's collected total", async () => {
    copyFileSync(join(runDir, 'test_sample.py'), join(dir, 'test_sample.py'));
    const run = spawnSync(
      python ?? 'python3',
      ['-m', 'pytest', '-p', 'no:cacheprovider', '--junitxml=junit.xml'],
      { cwd: dir, encoding: 'utf8' },
    );
    const output = `${run.stdout}${run.stderr}`;
    const lastLine = output.trimEnd().split('\n').at(-1) ?? '';
    // pytest's words, read here independently of trackgen's reader.
    const pytestSays = (word: string) =>
      Number(new RegExp(`(\\d+) ${word}`).exec(lastLine)?.[1] ?? 0);
    const collected = Number(/collected (\d+) items/.exec(output)?.[1]);

    const junitOnly = await readTestResults([
      { path: join(dir, 'junit.xml'), shownAs: 'junit.xml' },
    ]);
    expect(junitOnly.ok && junitOnly.results).toEqual({
      total: collected,
      passed: pytestSays('passed') + pytestSays('xpassed'),
      failed: pytestSays('failed'),
      errors: pytestSays('errors?'),
      skipped: pytestSays('skipped'),
      xfailed: pytestSays('xfailed'),
    });

    const both = await readTestResults([{ path: join(dir, 'junit.xml'), shownAs: 'junit.xml' }], {
      text: lastLine,
      shownAs: '--summary-line',
    });
    expect(both.ok && both.results).toEqual({
      total: collected,
      passed: pytestSays('passed'),
      failed: pytestSays('failed'),
      errors: pytestSays('errors?'),
      skipped: pytestSays('skipped'),
      xfailed: pytestSays('xfailed'),
      xpassed: pytestSays('xpassed'),
      warnings: pytestSays('warnings?'),
    });

    const committed = await readTestResults([
      { path: join(runDir, 'junit.xml'), shownAs: 'junit.xml' },
      { path: join(runDir, 'pytest-output.txt'), shownAs: 'pytest-output.txt' },
    ]);
    expect(committed).toEqual(both);
    expect(readFileSync(join(runDir, 'pytest-output.txt'), 'utf8')).toContain(
      `collected ${collected} items`,
    );
  });
});
