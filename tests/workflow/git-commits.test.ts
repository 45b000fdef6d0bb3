import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../src/data/schema.js';
import type { GitCommit } from '../../src/git/log.js';
import { matchCommits, matchKey, namesSession, similarity } from '../../src/git/match.js';
import { commitAll, git, initRepo } from '../helpers/git-repo.js';
import { scratchProjects } from '../helpers/project-copy.js';
import { runCli } from '../helpers/run-cli.js';

const project = scratchProjects();

const RECORD = 'data/sessions/054.json';

function setCommits(dir: string, commits: readonly { message: string; hash?: string }[]): void {
  const path = join(dir, RECORD);
  const record = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  writeFileSync(path, `${JSON.stringify({ ...record, commits }, null, 2)}\n`);
}

const tracker = (dir: string) =>
  readFileSync(join(dir, 'docs/PHASE_4_PROGRESS_TRACKER.md'), 'utf8');

/** The Git Commits Log row of a message, as [hash, message, status] (the table is padded). */
function commitRow(dir: string, message: string): string[] {
  const line = tracker(dir)
    .split('\n')
    .find((candidate) => candidate.split('|')[2]?.trim() === message);
  return line === undefined
    ? []
    : line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
}

function session(number: number, messages: string[], date = '2025-11-24'): Session {
  return {
    number,
    phase: 4,
    status: 'complete',
    date,
    commits: messages.map((message) => ({ message })),
  };
}

function commit(
  hash: string,
  subject: string,
  records: string[] = [],
  date = '2025-11-24',
): GitCommit {
  return { hash: hash.padEnd(40, '0'), shortHash: hash, date, subject, records };
}

describe('which commits name a session', () => {
  it('matches "Session 54" on a word boundary, not "Session 540" or "Session 5"', () => {
    expect(namesSession('Session 54: billing TRUE 100%', 54)).toBe(true);
    expect(namesSession('🎊 session 054 done', 54)).toBe(true);
    expect(namesSession('Session 540: later work', 54)).toBe(false);
    expect(namesSession('Session 5: early work', 54)).toBe(false);
    expect(namesSession('Session 54: billing', 5)).toBe(false);
    expect(namesSession('Obsession 54', 54)).toBe(false);
  });

  it('scores word overlap from 0 to 1', () => {
    expect(similarity('Session 12: billing.py TRUE 100%', 'Session 12: billing.py TRUE 100%')).toBe(
      1,
    );
    expect(similarity('a b', 'c d')).toBe(0);
  });
});

describe('matching record commits with git history', () => {
  it("takes the exact subject first, then the most similar of the session's own commits", () => {
    const sessions = [
      session(54, ['Session 54: billing TRUE 100%', 'Update the tracker for billing']),
    ];
    const history = [
      commit('aaaaaaa', 'Session 54: update the tracker for billing'),
      commit('bbbbbbb', 'Session 54: billing TRUE 100%'),
      commit('ccccccc', 'Unrelated refactor'),
    ];
    const { hashes, unmatched } = matchCommits(sessions, history);
    expect(hashes.get(matchKey(54, 'Session 54: billing TRUE 100%'))).toBe('bbbbbbb');
    expect(hashes.get(matchKey(54, 'Update the tracker for billing'))).toBe('aaaaaaa');
    expect(unmatched).toBe(0);
  });

  it('never takes a commit of "Session 540" for session 54, nor a dissimilar one', () => {
    const sessions = [session(54, ['Session 54: fix rounding', 'Write the summary'])];
    const history = [
      commit('aaaaaaa', 'Session 540: fix rounding'),
      commit('bbbbbbb', 'Session 54: bump dependencies'),
    ];
    const { hashes, unmatched } = matchCommits(sessions, history);
    expect(hashes.size).toBe(0);
    expect(unmatched).toBe(2);
  });

  it("counts commits that changed the record among the session's own", () => {
    const sessions = [session(54, ['Record coverage figures for the day'])];
    const history = [
      commit('aaaaaaa', 'Record coverage figures', ['054.json']),
      commit('bbbbbbb', 'Record coverage figures', ['055.json'], '2030-01-01'),
    ];
    expect(
      matchCommits(sessions, history).hashes.get(
        matchKey(54, 'Record coverage figures for the day'),
      ),
    ).toBe('aaaaaaa');
  });

  it('gives each git commit to one record commit only, and skips hashes the records already have', () => {
    const sessions = [
      session(54, ['Update tracker']),
      session(55, ['Update tracker'], '2025-11-26'),
    ];
    const history = [
      commit('bbbbbbb', 'Update tracker', [], '2025-11-26'),
      commit('aaaaaaa', 'Update tracker', [], '2025-11-24'),
    ];
    const { hashes } = matchCommits(sessions, history);
    expect(hashes.get(matchKey(54, 'Update tracker'))).toBe('aaaaaaa');
    expect(hashes.get(matchKey(55, 'Update tracker'))).toBe('bbbbbbb');
    const withHash: Session = {
      ...session(56, []),
      commits: [{ message: 'Update tracker', hash: 'aaaaaaa' }, { message: 'Update tracker' }],
    };
    expect(matchCommits([withHash], history).hashes.get(matchKey(56, 'Update tracker'))).toBe(
      'bbbbbbb',
    );
  });
});

describe('the Git Commits Log fills hashes from git history', () => {
  it('finds hashes by subject, by "Session N:" and by the record, and leaves the rest TBD', async () => {
    const dir = project();
    setCommits(dir, [
      { message: 'Session 54: billing TRUE 100%' },
      { message: 'Update the Phase 4 tracker' },
      { message: 'Record the final coverage figures' },
      { message: 'Session 54: fix rounding' },
    ]);
    initRepo(dir);
    const initial = commitAll(dir, 'Start the campaign');
    const exact = commitAll(dir, 'Session 54: billing TRUE 100%');
    const named = commitAll(dir, 'Session 54: update the Phase 4 tracker');
    writeFileSync(
      join(dir, RECORD),
      readFileSync(join(dir, RECORD), 'utf8').replace(
        '"timeInvested": "~8-10 hours"',
        '"timeInvested": "~9 hours"',
      ),
    );
    const touched = commitAll(dir, 'Record final coverage figures');
    const later = commitAll(dir, 'Session 540: fix rounding');

    const result = await runCli(['generate'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const text = tracker(dir);
    expect(commitRow(dir, 'Session 54: billing TRUE 100%')).toEqual([
      exact,
      'Session 54: billing TRUE 100%',
      '✅ Committed',
    ]);
    expect(commitRow(dir, 'Update the Phase 4 tracker')).toEqual([
      named,
      'Update the Phase 4 tracker',
      '✅ Committed',
    ]);
    expect(commitRow(dir, 'Record the final coverage figures')).toEqual([
      touched,
      'Record the final coverage figures',
      '✅ Committed',
    ]);
    expect(commitRow(dir, 'Session 54: fix rounding')).toEqual([
      'TBD',
      'Session 54: fix rounding',
      '⏳ Pending',
    ]);
    expect(text).not.toContain(later);
    expect(text).not.toContain(initial);
  });

  it('looks in the repository it is given: a temporary copy outside git finds the real history', async () => {
    const dir = project();
    setCommits(dir, [{ message: 'Session 54: billing TRUE 100%' }]);
    initRepo(dir);
    const hash = commitAll(dir, 'Session 54: billing TRUE 100%');
    const copy = project();
    setCommits(copy, [{ message: 'Session 54: billing TRUE 100%' }]);
    const { loadSettings } = await import('../../src/config/load.js');
    const { planDocuments } = await import('../../src/pipeline/plan.js');
    const settings = loadSettings(copy, {}).settings;
    if (settings === undefined) throw new Error('settings');
    const plan = await planDocuments(settings, { cwd: copy, repository: dir });
    expect(plan.diagnostics.filter((diagnostic) => diagnostic.rule === 'git-history')).toEqual([]);
    const fresh = (found: typeof plan) =>
      found.files.find((file) => file.shownAs.includes('PHASE_4'))?.fresh ?? '';
    expect(fresh(plan)).toMatch(new RegExp(`\\| ${hash} +\\| Session 54: billing TRUE 100% +\\|`));
    const skipped = await planDocuments(settings, { cwd: dir, repository: false });
    expect(fresh(skipped)).toMatch(/\| TBD +\| Session 54: billing TRUE 100% +\|/);
  });

  it('works in a shallow clone: what was fetched is found, the rest is TBD with one warning', async () => {
    const origin = project();
    setCommits(origin, [
      { message: 'Session 54: first step' },
      { message: 'Session 54: second step' },
      { message: 'Session 54: third step' },
    ]);
    initRepo(origin);
    commitAll(origin, 'Session 54: first step');
    commitAll(origin, 'Session 54: second step');
    const newest = commitAll(origin, 'Session 54: third step');
    // The clone goes inside a second scratch project, removed with it after the test.
    const clone = join(project(), 'clone');
    const parent = join(clone, '..');
    git(parent, 'clone', '-q', '--depth', '1', `file://${origin}`, clone);

    const result = await runCli(['generate'], clone);
    expect(result.code).toBe(0);
    expect(commitRow(clone, 'Session 54: third step')).toEqual([
      newest,
      'Session 54: third step',
      '✅ Committed',
    ]);
    expect(commitRow(clone, 'Session 54: first step')).toEqual([
      'TBD',
      'Session 54: first step',
      '⏳ Pending',
    ]);
    const warnings = result.stderr.split('\n').filter((line) => line.includes('  warning  '));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^data\/sessions\/054\.json:\d+:\d+ {2}warning {2}git-history {2}shallow clone: 2 of the 3 commits without "hash" not found/,
    );
  });

  it('outside git: TBD and a single warning, whatever the number of commits', async () => {
    const dir = project();
    setCommits(dir, [{ message: 'one' }, { message: 'two' }, { message: 'three' }]);
    const result = await runCli(['generate'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n').filter((line) => line.includes('git-history'))).toHaveLength(
      1,
    );
    expect(result.stderr).toContain(
      'expected git history to find the 3 commits without "hash", but not inside a git repository',
    );
    expect(commitRow(dir, 'two')).toEqual(['TBD', 'two', '⏳ Pending']);
  });

  it('does not ask git at all when every commit has a hash', async () => {
    const dir = project();
    setCommits(dir, [{ message: 'one', hash: 'abcdef1' }]);
    const result = await runCli(['generate'], dir);
    expect(result.stderr).toBe('');
    expect(commitRow(dir, 'one')).toEqual(['abcdef1', 'one', '✅ Committed']);
  });
});
