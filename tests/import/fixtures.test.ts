import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedFile } from '../helpers/expected-file.js';
import { copyDefaultProject } from '../helpers/project-copy.js';
import { cliRunners, repoRoot, runCli } from '../helpers/run-cli.js';

/**
 * Each folder of tests/fixtures/import holds a summary (input.md), written for these tests, and
 * what importing it must give: the record (expected.json) or, when nothing may be written, the
 * problems reported (expected.txt).
 */
const fixturesDir = join(repoRoot, 'tests', 'fixtures', 'import');
// A folder without input.md holds several documents, for a test of its own.
const cases = readdirSync(fixturesDir)
  .filter((name) => existsSync(join(fixturesDir, name, 'input.md')))
  .sort();

describe.each(cliRunners)('import fixtures (%s)', (_, runner) => {
  it.each(cases)('%s', async (name) => {
    const project = copyDefaultProject();
    try {
      copyFileSync(join(fixturesDir, name, 'input.md'), join(project.dir, 'input.md'));
      const result = await runner(['import', '--repair-encoding', 'input.md'], project.dir);
      if (result.code === 0) {
        const written = readdirSync(join(project.dir, 'data', 'sessions')).filter(
          (file) => !['054.json', '055.json'].includes(file),
        );
        expect(written).toHaveLength(1);
        const record = readFileSync(
          join(project.dir, 'data', 'sessions', written[0] ?? ''),
          'utf8',
        );
        expect(record).toBe(expectedFile(join(fixturesDir, name, 'expected.json'), record));
        // What import wrote validates as any record does.
        expect((await runCli(['validate'], project.dir)).code).toBe(0);
      } else {
        expect(result.code).toBe(1);
        const problems = result.stderr;
        expect(problems).toBe(expectedFile(join(fixturesDir, name, 'expected.txt'), problems));
      }
    } finally {
      project.remove();
    }
  });
});
