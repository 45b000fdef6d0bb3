import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runBuiltCli, runCli } from '../helpers/run-cli.js';

/** What users run: the built bin/trackgen.js, in a child process, agrees with the in-process CLI. */
const reports = fileURLToPath(new URL('../fixtures/coverage/reports/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'trackgen-built-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

beforeAll(() => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: repoRoot,
    stdio: 'pipe',
  });
});

describe('built CLI: trackgen coverage', () => {
  it.each([
    [['coverage', 'job-a.xml']],
    [['coverage', 'job-a.xml', 'job-b.xml', '--format', 'json']],
    [['coverage', 'job-a.xml', '--diff', 'job-b.xml', '--format', 'markdown']],
  ])('%j', async (argv) => {
    expect(await runBuiltCli(argv, reports)).toEqual(await runCli(argv, reports));
  });

  it('a bad report: one line, exit 1, no stack', async () => {
    writeFileSync(join(scratch, 'lcov.info'), 'TN:\nSF:a.c\nend_of_record\n');
    expect(await runBuiltCli(['coverage', 'lcov.info'], scratch)).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'trackgen coverage: lcov.info: this is an LCOV tracefile; trackgen reads Cobertura XML or coverage.py JSON\n',
    });
  });
});
