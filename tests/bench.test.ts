/**
 * `npm run bench -- --quick`: the bench of issue 15 at tiny sizes, through its real entry point
 * (bench/run.js), so a broken bench is found by the tests and not on the day someone measures.
 * It checks that every figure is printed beside its target, with the load; never the timings.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/run-cli.js';

const FIGURES = [
  /hook regenerating .* target <= 3x/,
  /generate from scratch, \d+ sessions .* target <= 20x/,
  /marker-like edit in a .* lessons file .* target <= 1 s/,
  /Cobertura .* vs streaming scan \(worst round\) .* target <= 3x/,
  /Cobertura .* peak RSS \/ file size .* target <= 2x/,
  /coverage\.py JSON .* vs JSON\.parse .* target <= 2x/,
  /coverage\.py JSON .* peak RSS \/ JSON\.parse's .* target <= 1x/,
];

describe('npm run bench -- --quick', () => {
  it('prints every figure beside its target, the scale table and the machine load', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(repoRoot, 'bench/run.js'), '--quick'],
      { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 },
    );
    for (const line of FIGURES) expect(stdout).toMatch(line);
    expect(stdout).toMatch(/QUICK/);
    // Three sizes of each path in the scale table, each with a verdict.
    expect(stdout.match(/^ +\d+ sessions +from scratch/gm)).toHaveLength(3);
    expect(stdout.match(/report \((linear|grows faster than linear)/g)).toHaveLength(2);
    expect(stdout).toMatch(/closing note: \d+ of 8 targets met.*Load average at the end \d/);
  }, 600_000);
});
