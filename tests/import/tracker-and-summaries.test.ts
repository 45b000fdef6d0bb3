import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedFile } from '../helpers/expected-file.js';
import { copyDefaultProject } from '../helpers/project-copy.js';
import { repoRoot, runCli } from '../helpers/run-cli.js';

/**
 * A tracker whose Session Log lists sessions 80, 81 and 82, imported together with summaries of
 * 80 (agreeing with the log) and 81 (whose date the log states differently): one record per
 * session, the summary's fields first, the log's filling the others; 82 from the log alone, its
 * phase from the tracker's title though its module is not in project.json.
 */
const fixtureDir = join(repoRoot, 'tests', 'fixtures', 'import', 'tracker-and-summaries');
const documents = ['PHASE_4_PROGRESS_TRACKER.md', 'SESSION_80_SUMMARY.md', 'SESSION_81_SUMMARY.md'];

describe('import of a tracker with the summaries it lists', () => {
  it('writes one record per session and reports where the log and a summary disagree', async () => {
    const project = copyDefaultProject();
    try {
      for (const name of documents) copyFileSync(join(fixtureDir, name), join(project.dir, name));
      const result = await runCli(['import', ...documents], project.dir);
      expect(result.stderr).toBe(expectedFile(join(fixtureDir, 'expected.txt'), result.stderr));
      expect(result.code).toBe(0);
      const sessions = join(project.dir, 'data', 'sessions');
      const written = readdirSync(sessions).filter(
        (file) => !['054.json', '055.json'].includes(file),
      );
      expect(written.sort()).toEqual(['080.json', '081.json', '082.json']);
      for (const file of written) {
        const record = readFileSync(join(sessions, file), 'utf8');
        expect(record).toBe(expectedFile(join(fixtureDir, file), record));
      }
      expect((await runCli(['validate'], project.dir)).code).toBe(0);
    } finally {
      project.remove();
    }
  });

  it('still refuses two summaries of one session', async () => {
    const project = copyDefaultProject();
    try {
      copyFileSync(join(fixtureDir, 'SESSION_80_SUMMARY.md'), join(project.dir, 'a.md'));
      copyFileSync(join(fixtureDir, 'SESSION_80_SUMMARY.md'), join(project.dir, 'b.md'));
      const result = await runCli(['import', 'a.md', 'b.md'], project.dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /b\.md:1:1 {2}error {2}import-duplicate {2}expected one summary for session 80, found this one and a\.md/u,
      );
      expect(readdirSync(join(project.dir, 'data', 'sessions')).sort()).toEqual([
        '054.json',
        '055.json',
      ]);
    } finally {
      project.remove();
    }
  });
});
