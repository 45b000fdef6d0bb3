/** Files created and modified, and lines added and removed, come from a session's commits. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCommitChanges, sessionChanges } from '../../src/git/changes.js';
import { commitAll, git, initRepo } from '../helpers/git-repo.js';
import { scratchDirs, scratchProjects } from '../helpers/project-copy.js';
import { runCli } from '../helpers/run-cli.js';

const project = scratchProjects('trackgen-git-changes-');
const scratch = scratchDirs('trackgen-git-changes-');

describe('git facts of a session', () => {
  it('lists the files created and modified and counts the lines, over the typed lists', async () => {
    const dir = project();
    initRepo(dir);
    mkdirSync(join(dir, 'tests'));
    writeFileSync(join(dir, 'README.md'), 'one\ntwo\n');
    commitAll(dir, 'Start');
    writeFileSync(join(dir, 'tests/test_ai_model_manager.py'), 'def test_a():\n    pass\n\n');
    writeFileSync(join(dir, 'README.md'), 'one\nthree\n');
    const record = join(dir, 'data/sessions/054.json');
    const text = readFileSync(record, 'utf8').replace(
      /"commits": \[[^\]]*\]/,
      '"commits": [{ "message": "Session 54: ai_model_manager.py TRUE 100%" }]',
    );
    writeFileSync(record, text);
    commitAll(dir, 'Session 54: ai_model_manager.py TRUE 100%');

    const result = await runCli(['generate'], dir);
    expect(result.stderr).not.toMatch(/ {2}error {2}/);
    const summary = readFileSync(join(dir, 'docs/sessions/SESSION_54_SUMMARY.md'), 'utf8');
    const files = summary.slice(summary.indexOf('## 📝 Files Modified'));
    expect(files).toContain('### Created\n\n- `tests/test_ai_model_manager.py`\n');
    expect(files).toContain('- `README.md`\n');
    expect(files).toContain('- `data/sessions/054.json`\n');
    expect(files).not.toContain('LESSONS_LEARNED.md');
    const added = git(dir, 'show', '--numstat', '--format=', 'HEAD')
      .split('\n')
      .reduce((sum, line) => sum + Number(line.split('\t')[0] ?? 0), 0);
    expect(files).toContain(`**Lines**: +${added} added,`);
  });

  it('leaves commits git does not know out, and gives nothing outside a repository', async () => {
    const dir = scratch();
    expect(await readCommitChanges(dir, ['abcdef1'])).toEqual(new Map());
    initRepo(dir);
    writeFileSync(join(dir, 'a.txt'), 'x\n');
    const hash = commitAll(dir, 'one');
    const changes = await readCommitChanges(dir, [hash, '1234567']);
    expect([...changes.keys()]).toEqual([hash]);
    expect(sessionChanges([...changes.values()])).toEqual({
      filesCreated: ['a.txt'],
      filesModified: [],
      linesAdded: 1,
      linesRemoved: 0,
    });
  });
});
