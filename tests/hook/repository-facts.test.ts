import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/diagnostics.js';
import { describeBeingMade } from '../../src/git/being-made.js';
import { locateRepo, locateRepoWithHead } from '../../src/git/repository.js';
import { commitAll, git, gitEnv, gitOk, initRepo } from '../helpers/git-repo.js';
import { scratchDir, type ScratchDir } from '../helpers/project-copy.js';

const dirs: ScratchDir[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));
const scratch = () => {
  const dir = scratchDir('trackgen-facts-');
  dirs.push(dir);
  return realpathSync(dir.dir);
};
const ask = (cwd: string) => locateRepoWithHead({ cwd, env: { ...process.env, ...gitEnv() } });

describe('the hook asks where it is, HEAD and shallowness in one git process', () => {
  it('before the first commit: no HEAD, the same place locateRepo finds', async () => {
    const top = scratch();
    initRepo(top);
    mkdirSync(join(top, 'project'));
    const cwd = join(top, 'project');
    const facts = await ask(cwd);
    expect(facts).toEqual({ top, prefix: 'project/', head: undefined, shallow: false });
    expect(await locateRepo({ cwd, env: { ...process.env, ...gitEnv() } })).toEqual({
      top,
      prefix: 'project/',
    });
  });

  it('after a commit: HEAD is that commit', async () => {
    const top = scratch();
    initRepo(top);
    commitAll(top, 'first');
    expect(await ask(top)).toEqual({
      top,
      prefix: '',
      head: git(top, 'rev-parse', 'HEAD'),
      shallow: false,
    });
  });

  it('in a shallow clone: shallow', async () => {
    const origin = scratch();
    initRepo(origin);
    commitAll(origin, 'first');
    commitAll(origin, 'second');
    const clone = join(scratch(), 'clone');
    git(origin, 'clone', '-q', '--depth', '1', `file://${origin}`, clone);
    expect(await ask(clone)).toMatchObject({
      head: git(origin, 'rev-parse', 'HEAD'),
      shallow: true,
    });
  });

  it('outside a repository: the one-line usage error', async () => {
    await expect(ask(scratch())).rejects.toThrow(UsageError);
    await expect(ask(scratch())).rejects.toThrow(/^not inside a git working tree: /);
  });
});

describe("the records a commit being made changes, from the hook's own staged list", () => {
  /** describeBeingMade asking git itself, and given what the hook's first questions found. */
  async function bothWays(top: string, project: string) {
    const env = { ...process.env, ...gitEnv() };
    const repository = join(top, project);
    const facts = await ask(repository);
    const staged = (
      await gitOk(top, 'diff', '--cached', '--name-only', '-z', '--no-renames', '--no-relative')
    )
      .split('\0')
      .filter((path) => path !== '');
    const asked = await describeBeingMade(
      { kind: 'staged', marked: true, env },
      repository,
      'data/sessions',
    );
    const known = await describeBeingMade(
      {
        kind: 'staged',
        marked: true,
        env,
        known: { head: facts.head, shallow: facts.shallow, staged: { top, paths: staged } },
      },
      repository,
      'data/sessions',
    );
    return { asked, known };
  }

  function stageRecords(top: string, project: string, names: readonly string[]): void {
    const sessions = join(top, project, 'data/sessions');
    mkdirSync(join(sessions, 'nested'), { recursive: true });
    for (const name of names) writeFileSync(join(sessions, name), '{}\n');
    writeFileSync(join(top, 'README.md'), `# ${names.join(' ')}\n`);
    git(top, 'add', '-A');
  }

  it.each([
    ['at the top', ''],
    ['in a subfolder', 'tracking/'],
  ])('%s: before the first commit and after, the same records either way', async (_, project) => {
    const top = scratch();
    initRepo(top);
    stageRecords(top, project, ['001.json', 'nested/002.json', 'notes.json']);
    const first = await bothWays(top, project);
    expect([...first.known.records]).toEqual(['001.json']);
    expect(first.known).toEqual(first.asked);
    commitAll(top, 'first');
    stageRecords(top, project, ['003.json', '0004.json']);
    const second = await bothWays(top, project);
    expect([...second.known.records].sort()).toEqual(['0004.json', '003.json']);
    expect(second.known).toEqual(second.asked);
  });
});
