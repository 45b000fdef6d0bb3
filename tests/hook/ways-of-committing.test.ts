/**
 * End to end, through git and the installed hook: every way of committing leaves the commit and
 * the index holding the regenerated documents, the session commit shows as "this commit" (no
 * second commit for its hash), and `check` and `check --staged` pass right after.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  copyRepo,
  createTemplateRepo,
  gitOk,
  gitResult,
  lastCommitFiles,
  trackgen,
  type ScratchRepo,
} from '../helpers/git-repo.js';

const TRACKER = 'docs/PHASE_4_PROGRESS_TRACKER.md';
const SUMMARY = 'docs/sessions/SESSION_54_SUMMARY.md';
const RECORD = 'data/sessions/054.json';
/** The first commit session 54's record lists: the commit that records the session. */
const SESSION_COMMIT = '🎊 Session 54: ai_model_manager.py TRUE 100%! 🎊✅';
const moreTests = (count: number) => (text: string) =>
  text.replace(/"total": \d+, "passing": \d+/, `"total": ${count}, "passing": ${count}`);

let template: ScratchRepo;
const repos: ScratchRepo[] = [];

beforeAll(async () => {
  template = await createTemplateRepo();
});
afterAll(() => template.remove());
afterEach(() => repos.splice(0).forEach((repo) => repo.remove()));

async function repoWithHook(): Promise<ScratchRepo> {
  const repo = copyRepo(template);
  repos.push(repo);
  const install = await trackgen(repo.dir, 'hook', 'install');
  expect(install.code, install.stderr).toBe(0);
  return repo;
}

async function commit(dir: string, ...args: string[]): Promise<void> {
  const result = await gitResult(dir, 'commit', ...args);
  expect(result.code, result.stderr + result.stdout).toBe(0);
}

/** The Git Commits Log row of a message in a text: [commit, message, status]. */
function commitRow(text: string, message: string): string[] {
  const line = text.split('\n').find((candidate) => candidate.split('|')[2]?.trim() === message);
  return (line ?? '')
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
}

/** check and check --staged both pass, and nothing is left staged or modified. */
async function expectCurrent(dir: string): Promise<void> {
  const check = await trackgen(dir, 'check');
  expect(check.code, check.stdout + check.stderr).toBe(0);
  const staged = await trackgen(dir, 'check', '--staged');
  expect(staged.code, staged.stdout + staged.stderr).toBe(0);
  expect(await gitOk(dir, 'status', '--porcelain')).toBe('');
}

const shortHead = async (dir: string) => (await gitOk(dir, 'rev-parse', '--short', 'HEAD')).trim();

describe('the commit that records a session', () => {
  it('shows as "this commit"; check passes right after; the next generate fills in its hash', async () => {
    const repo = await repoWithHook();
    repo.edit(RECORD, moreTests(2420));
    await gitOk(repo.dir, 'add', RECORD);
    await commit(repo.dir, '-m', SESSION_COMMIT);
    const committed = await gitOk(repo.dir, 'show', `HEAD:${TRACKER}`);
    expect(commitRow(committed, SESSION_COMMIT)).toEqual([
      'this commit',
      SESSION_COMMIT,
      '✅ Committed',
    ]);
    // The other commits of the session are not in history: still pending.
    expect(commitRow(committed, '📊 Update Phase 4 progress tracker')[0]).toBe('TBD');
    expect((await lastCommitFiles(repo.dir)).sort()).toEqual([RECORD, SUMMARY, TRACKER].sort());
    await expectCurrent(repo.dir);

    const generate = await trackgen(repo.dir, 'generate');
    expect(generate.code, generate.stderr).toBe(0);
    expect(commitRow(repo.read(TRACKER), SESSION_COMMIT)).toEqual([
      await shortHead(repo.dir),
      SESSION_COMMIT,
      '✅ Committed',
    ]);
    expect((await trackgen(repo.dir, 'check')).code).toBe(0);
  });

  it('a later commit of other data gets the hash, and check stays green', async () => {
    const repo = await repoWithHook();
    repo.edit(RECORD, moreTests(2420));
    await gitOk(repo.dir, 'add', RECORD);
    await commit(repo.dir, '-m', SESSION_COMMIT);
    const sessionCommit = await shortHead(repo.dir);
    repo.edit('data/coverage.xml', (text) => text.replace('hits="0"', 'hits="1"'));
    await gitOk(repo.dir, 'add', 'data/coverage.xml');
    await commit(repo.dir, '-m', 'A new coverage report');
    expect(commitRow(await gitOk(repo.dir, 'show', `HEAD:${TRACKER}`), SESSION_COMMIT)[0]).toBe(
      sessionCommit,
    );
    await expectCurrent(repo.dir);
  });
});

describe('every way of committing leaves an index that keeps the documents', () => {
  it('git commit <paths>: the documents are committed and staged; the next commit keeps them', async () => {
    const repo = await repoWithHook();
    repo.edit(RECORD, moreTests(2420));
    await commit(repo.dir, '-m', SESSION_COMMIT, '--', RECORD);
    expect((await lastCommitFiles(repo.dir)).sort()).toEqual([RECORD, SUMMARY, TRACKER].sort());
    await expectCurrent(repo.dir);
    // The next ordinary commit changes only what it names.
    repo.write('notes.txt', 'unrelated\n');
    await gitOk(repo.dir, 'add', 'notes.txt');
    await commit(repo.dir, '-m', 'An unrelated note');
    expect(await lastCommitFiles(repo.dir)).toEqual(['notes.txt']);
    await expectCurrent(repo.dir);
  });

  it('git commit <paths> blocks, with the way out, when the index holds another version of a document', async () => {
    const repo = await repoWithHook();
    repo.edit(TRACKER, (text) => `${text}\nA note staged on its own.\n`);
    await gitOk(repo.dir, 'add', TRACKER);
    repo.edit(TRACKER, (text) => text.replace('\nA note staged on its own.\n', ''));
    repo.edit(RECORD, moreTests(2420));
    const result = await gitResult(repo.dir, 'commit', '-m', SESSION_COMMIT, '--', RECORD);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('trackgen: commit blocked');
    expect(result.stderr).toContain('git add the files, then run git commit without paths');
    expect(await gitOk(repo.dir, 'log', '-1', '--format=%s')).not.toContain('Session 54');
  });

  it('git commit -a', async () => {
    const repo = await repoWithHook();
    repo.edit(RECORD, moreTests(2420));
    await commit(repo.dir, '-a', '-m', SESSION_COMMIT);
    expect((await lastCommitFiles(repo.dir)).sort()).toEqual([RECORD, SUMMARY, TRACKER].sort());
    await expectCurrent(repo.dir);
  });

  it('git commit --amend: the amended commit is "this commit", never the hash it replaces', async () => {
    const repo = await repoWithHook();
    repo.edit(RECORD, moreTests(2420));
    await gitOk(repo.dir, 'add', RECORD);
    await commit(repo.dir, '-m', SESSION_COMMIT);
    const replaced = await shortHead(repo.dir);
    repo.edit(RECORD, moreTests(2421));
    await gitOk(repo.dir, 'add', RECORD);
    await commit(repo.dir, '--amend', '--no-edit');
    const tracker = await gitOk(repo.dir, 'show', `HEAD:${TRACKER}`);
    expect(tracker).toContain('2,421');
    expect(tracker).not.toContain(replaced);
    expect(commitRow(tracker, SESSION_COMMIT)[0]).toBe('this commit');
    await expectCurrent(repo.dir);
  });

  it("concluding a merge through the hook: the merged branch's session commit keeps its hash", async () => {
    const repo = await repoWithHook();
    await gitOk(repo.dir, 'checkout', '-q', '-b', 'session');
    repo.edit(RECORD, moreTests(2420));
    await gitOk(repo.dir, 'add', RECORD);
    await commit(repo.dir, '-m', SESSION_COMMIT);
    const sessionCommit = await shortHead(repo.dir);
    await gitOk(repo.dir, 'checkout', '-q', 'main');
    repo.edit('data/coverage.xml', (text) => text.replace('hits="0"', 'hits="1"'));
    await gitOk(repo.dir, 'add', 'data/coverage.xml');
    await commit(repo.dir, '-m', 'A new coverage report');
    await gitOk(repo.dir, 'merge', '-q', '--no-commit', '--no-ff', 'session').catch(() => '');
    await gitOk(repo.dir, 'checkout', '--theirs', '--', RECORD);
    await gitOk(repo.dir, 'checkout', '--ours', '--', TRACKER, SUMMARY);
    await gitOk(repo.dir, 'add', RECORD, TRACKER, SUMMARY);
    await commit(repo.dir, '--no-edit');
    expect(commitRow(await gitOk(repo.dir, 'show', `HEAD:${TRACKER}`), SESSION_COMMIT)[0]).toBe(
      sessionCommit,
    );
    await expectCurrent(repo.dir);
  });

  it('a merge of a branch that recorded a session, and a rebase of it', async () => {
    const repo = await repoWithHook();
    await gitOk(repo.dir, 'checkout', '-q', '-b', 'session');
    repo.edit(RECORD, moreTests(2420));
    await gitOk(repo.dir, 'add', RECORD);
    await commit(repo.dir, '-m', SESSION_COMMIT);
    await gitOk(repo.dir, 'checkout', '-q', 'main');
    repo.write('notes.txt', 'meanwhile on main\n');
    await gitOk(repo.dir, 'add', 'notes.txt');
    await commit(repo.dir, '-m', 'Meanwhile on main');

    await gitOk(repo.dir, 'branch', 'before-merge');
    await gitOk(repo.dir, 'merge', '-q', '--no-ff', '-m', 'Merge the session', 'session');
    await expectCurrent(repo.dir);

    await gitOk(repo.dir, 'reset', '-q', '--hard', 'before-merge');
    await gitOk(repo.dir, 'checkout', '-q', 'session');
    await gitOk(repo.dir, 'rebase', '-q', 'main');
    expect(await lastCommitFiles(repo.dir)).toEqual(
      expect.arrayContaining([RECORD, SUMMARY, TRACKER]),
    );
    await expectCurrent(repo.dir);
  });
});
