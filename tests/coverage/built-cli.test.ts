import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sharedScratchDir } from '../helpers/project-copy.js';
import { runBuiltCli, runCli } from '../helpers/run-cli.js';

/**
 * What users run: the built bin/trackgen.js, in a child process, agrees with the in-process CLI.
 * dist/ is built by the globalSetup (tests/helpers/build-once.ts), not here: rebuilding it while
 * other test files run the bin could let them read a half-written file.
 */
const reports = fileURLToPath(new URL('../fixtures/coverage/reports/', import.meta.url));
const scratch = sharedScratchDir('trackgen-built-');

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
