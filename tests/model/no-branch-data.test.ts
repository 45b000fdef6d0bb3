/**
 * A report without branch data (pytest run without --cov-branch) shows no module at TRUE 100%,
 * so it must not turn the modules sessions marked complete into regressions: it says what to run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchProjects } from '../helpers/project-copy.js';
import { runCli } from '../helpers/run-cli.js';

const project = scratchProjects('trackgen-no-branches-');

/** The example project's report as coverage.py writes it without --cov-branch. */
function withoutBranchData(xml: string): string {
  return xml
    .replace(/ branch="true" condition-coverage="[^"]*"( missing-branches="[^"]*")?/g, '')
    .replace(/ branches-(valid|covered)="\d+"/g, ' branches-$1="0"')
    .replace(/ branch-rate="[^"]*"/g, ' branch-rate="0"');
}

describe('a coverage report without branch data', () => {
  it('claims no regression and says to run pytest with --cov-branch, once', async () => {
    const dir = project();
    const path = join(dir, 'data/coverage.xml');
    writeFileSync(path, withoutBranchData(readFileSync(path, 'utf8')));
    const result = await runCli(['generate'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('regressed');
    expect(result.stderr).not.toContain('no longer at TRUE 100%');
    const warnings = result.stderr.split('\n').filter((line) => line.includes('no-branch-data'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      'data/coverage.xml has no branch data: run pytest with --cov-branch',
    );
    const tracker = readFileSync(join(dir, 'docs/PHASE_4_PROGRESS_TRACKER.md'), 'utf8');
    expect(tracker).not.toContain('REGRESSED');
  });
});
