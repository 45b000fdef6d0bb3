import { readdirSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedFile } from './helpers/expected-file.js';
import { sharedScratchDir } from './helpers/project-copy.js';
import { cliRunners, exampleRoot, repoRoot, runBuiltCli, runCli } from './helpers/run-cli.js';

/**
 * Each folder under tests/fixtures/validate holds a data/ directory and expected.txt: the exit
 * code on its first line ("exit 1"), then exactly what `trackgen validate` prints on stderr.
 * Each case runs in process and through the built bin. A folder without expected.txt fails;
 * UPDATE_FIXTURES=1 writes it from the current output: review the diff.
 */
const fixturesDir = join(repoRoot, 'tests/fixtures/validate');
const cases = readdirSync(fixturesDir).sort();

describe.each(cliRunners)('trackgen validate fixtures (%s)', (_, runner) => {
  it.each(cases)('%s', async (name) => {
    const caseDir = join(fixturesDir, name);
    const result = await runner(['validate', '--data', 'data'], caseDir);
    const actual = `exit ${result.code}\n${result.stderr}`;
    expect(actual).toBe(expectedFile(join(caseDir, 'expected.txt'), actual));
  });
});

describe('trackgen validate', () => {
  const scratch = sharedScratchDir('trackgen-validate-');

  it('accepts the example project', async () => {
    const result = await runCli(['validate'], exampleRoot);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('3 files valid: project.json and 2 session records\n');
    expect(result.code).toBe(0);
  });

  it('reports a 50 MB file without reading it, and goes on to the other files', async () => {
    const dir = join(scratch, 'huge');
    cpSync(join(fixturesDir, 'valid/data'), join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'data/sessions/055.json'), Buffer.alloc(50 * 1024 * 1024, 0x20));
    writeFileSync(join(dir, 'data/sessions/056.json'), '{');
    const result = await runCli(['validate', '--data', 'data'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'data/sessions/055.json:1:1  error  too-large  expected a data file of at most 4.0 MB, found 50.0 MB',
    );
    expect(result.stderr).toContain('data/sessions/056.json:1:2  error  syntax');
  });

  it('is a usage error (exit 2) when the data directory does not exist', async () => {
    const result = await runCli(['validate', '--data', 'no-such-dir'], scratch);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^trackgen validate: data directory not found: .*no-such-dir \(pass --data DIR, or run trackgen init\)\n$/,
    );
  });

  it('rejects an unknown option with exit 2 and no stack trace', async () => {
    const result = await runCli(['validate', '--dta', 'x'], scratch);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Unknown option '--dta'");
    expect(result.stderr).not.toContain('    at ');
  });

  it('prints help with the exit codes', async () => {
    const result = await runCli(['validate', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: trackgen validate [--data DIR]');
    expect(result.stdout).toContain('Exit codes: 0 valid');
  });

  it('gives the same answer through the built CLI', async () => {
    const caseDir = join(fixturesDir, 'type-error');
    const result = await runBuiltCli(['validate', '--data', 'data'], caseDir);
    expect(`exit ${result.code}\n${result.stderr}`).toBe(
      readFileSync(join(caseDir, 'expected.txt'), 'utf8'),
    );
  });
});
