import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';
import {
  copyRepo,
  createTemplateRepo,
  gitEnv,
  gitOk,
  gitResult,
  lastCommitFiles,
  trackgen,
  trackgenAt,
  type ScratchRepo,
} from '../helpers/git-repo.js';

const TRACKER = 'docs/PHASE_4_PROGRESS_TRACKER.md';
const SUMMARY = 'docs/sessions/SESSION_54_SUMMARY.md';
const RECORD = 'data/sessions/054.json';
const moreTests = (text: string) =>
  text.replace('"total": 2413, "passing": 2413', '"total": 2420, "passing": 2420');

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

async function status(dir: string): Promise<string> {
  return gitOk(dir, 'status', '--porcelain');
}

describe('the pre-commit hook, through git commit', () => {
  it('commits the docs regenerated from a changed session record', async () => {
    const repo = await repoWithHook();
    repo.edit(RECORD, moreTests);
    await gitOk(repo.dir, 'add', RECORD);
    const commit = await gitResult(repo.dir, 'commit', '-m', 'Session 54: more tests');
    expect(commit.code, commit.stderr).toBe(0);
    expect(commit.stdout + commit.stderr).toContain(`staged ${TRACKER}, ${SUMMARY}`);
    expect((await lastCommitFiles(repo.dir)).sort()).toEqual([RECORD, SUMMARY, TRACKER].sort());
    expect(await gitOk(repo.dir, 'show', `HEAD:${TRACKER}`)).toContain(
      '- **Total Tests**: 2,420 (all passing)',
    );
    expect(await status(repo.dir)).toBe('');
    expect((await trackgen(repo.dir, 'check', '-q')).code).toBe(0);
  });

  it('commits the docs regenerated from a changed coverage report', async () => {
    const repo = await repoWithHook();
    repo.edit('data/coverage.xml', (text) => text.replaceAll('hits="0"', 'hits="1"'));
    await gitOk(repo.dir, 'add', 'data/coverage.xml');
    const commit = await gitResult(repo.dir, 'commit', '-m', 'New coverage report');
    expect(commit.code, commit.stderr).toBe(0);
    expect(await lastCommitFiles(repo.dir)).toEqual(
      expect.arrayContaining(['data/coverage.xml', TRACKER]),
    );
    expect(await status(repo.dir)).toBe('');
    expect((await trackgen(repo.dir, 'check', '-q')).code).toBe(0);
  });

  it('renders from the staged content, not from the working tree', async () => {
    const repo = await repoWithHook();
    repo.edit(RECORD, moreTests);
    await gitOk(repo.dir, 'add', RECORD);
    // An unstaged second change to the same record must not reach the committed docs.
    repo.edit(RECORD, (text) =>
      text.replace('"total": 2420, "passing": 2420', '"total": 2499, "passing": 2499'),
    );
    const commit = await gitResult(repo.dir, 'commit', '-m', 'Session 54: staged part only');
    expect(commit.code, commit.stderr).toBe(0);
    const committed = await gitOk(repo.dir, 'show', `HEAD:${TRACKER}`);
    expect(committed).toContain('2,420 (all passing)');
    expect(committed).not.toContain('2,499');
    expect(await status(repo.dir)).toBe(` M ${RECORD}\n`);
  });

  it('blocks a commit with invalid JSON and names the file, line and column', async () => {
    const repo = await repoWithHook();
    const head = await gitOk(repo.dir, 'rev-parse', 'HEAD');
    repo.edit(RECORD, (text) => text.replace('"phase": 4,', '"phase": 4,,'));
    await gitOk(repo.dir, 'add', RECORD);
    const commit = await gitResult(repo.dir, 'commit', '-m', 'broken');
    expect(commit.code).not.toBe(0);
    expect(commit.stderr).toMatch(/^data\/sessions\/054\.json:\d+:\d+ {2}error {2}\S+ {2}.+$/m);
    expect(commit.stderr).toContain('trackgen: commit blocked');
    expect(commit.stderr).not.toContain('trackgen-hook-'); // never the temporary copy
    expect(commit.stderr).not.toMatch(/\n\s+at /); // never a stack trace
    expect(await gitOk(repo.dir, 'rev-parse', 'HEAD')).toBe(head);
  });

  it('leaves a docs file with unstaged hand edits alone and blocks, naming it', async () => {
    const repo = await repoWithHook();
    repo.edit(RECORD, moreTests);
    await gitOk(repo.dir, 'add', RECORD);
    repo.edit(SUMMARY, (text) => `${text}\nA note not yet staged.\n`);
    const before = repo.read(SUMMARY);
    const commit = await gitResult(repo.dir, 'commit', '-m', 'Session 54: more tests');
    expect(commit.code).not.toBe(0);
    expect(commit.stderr).toContain(`${SUMMARY}: has unstaged changes`);
    expect(commit.stderr).toContain('trackgen: commit blocked');
    expect(repo.read(SUMMARY)).toBe(before);
    expect(await status(repo.dir)).toBe(`M  ${RECORD}\n M ${SUMMARY}\n`);
  });

  it('blocks on an unstaged mode change too, though the bytes are the staged ones', async () => {
    const repo = await repoWithHook();
    repo.edit(RECORD, moreTests);
    await gitOk(repo.dir, 'add', RECORD);
    chmodSync(join(repo.dir, SUMMARY), 0o755);
    const commit = await gitResult(repo.dir, 'commit', '-m', 'Session 54: more tests');
    expect(commit.code).not.toBe(0);
    expect(commit.stderr).toContain(`${SUMMARY}: has unstaged changes`);
    expect(await status(repo.dir)).toBe(`M  ${RECORD}\n M ${SUMMARY}\n`);
  });

  it('asks git when the bytes differ: line endings a clean filter removes are no unstaged edit', async () => {
    const repo = await repoWithHook();
    // The working tree holds CRLF, the staged copy LF (smudge leaves it), and git sees no change.
    writeFileSync(join(repo.dir, '.git/info/attributes'), '*.md filter=crlf\n');
    await gitOk(repo.dir, 'config', 'filter.crlf.clean', "sed 's/\\r$//'");
    await gitOk(repo.dir, 'config', 'filter.crlf.smudge', 'cat');
    repo.edit(SUMMARY, (text) => text.replace(/\r?\n/g, '\r\n'));
    expect(await gitOk(repo.dir, 'diff', '--name-only')).toBe('');
    repo.edit(RECORD, moreTests);
    await gitOk(repo.dir, 'add', RECORD);
    const commit = await gitResult(repo.dir, 'commit', '-m', 'Session 54: more tests');
    expect(commit.code, commit.stderr).toBe(0);
    expect(await lastCommitFiles(repo.dir)).toEqual([RECORD, TRACKER, SUMMARY].sort());
  });

  it('blocks on a hand edit that conflicts with the staged data and names the commands that resolve it', async () => {
    const repo = await repoWithHook();
    repo.edit(TRACKER, (text) =>
      text.replace(
        '### Session 54: 2025-11-24',
        'Session 54 ran over two evenings.\n\n### Session 54: 2025-11-24',
      ),
    );
    await gitOk(repo.dir, 'commit', '-q', '-am', 'A hand note in the tracker');
    repo.edit(RECORD, moreTests);
    await gitOk(repo.dir, 'add', RECORD);
    const commit = await gitResult(repo.dir, 'commit', '-m', 'Session 54: more tests');
    expect(commit.code).not.toBe(0);
    expect(commit.stderr).toMatch(
      /conflict in docs\/PHASE_4_PROGRESS_TRACKER\.md:\d+ \(section session-log/,
    );
    expect(commit.stderr).toContain(
      'trackgen generate --force docs/PHASE_4_PROGRESS_TRACKER.md:session-log',
    );
    expect(commit.stderr).toContain('trackgen accept docs/PHASE_4_PROGRESS_TRACKER.md:session-log');

    const force = await trackgen(repo.dir, 'generate', '--force', 'session-log', '-q');
    expect(force.code, force.stderr).toBe(0);
    await gitOk(repo.dir, 'add', 'docs');
    const retry = await gitResult(repo.dir, 'commit', '-m', 'Session 54: more tests');
    expect(retry.code, retry.stderr).toBe(0);
    expect(await status(repo.dir)).toBe('');
  });

  it('works for a project in a subfolder, naming files as in the repository', async () => {
    const repo = copyRepo(template);
    repos.push(repo);
    mkdirSync(join(repo.dir, 'tracking'));
    for (const entry of ['data', 'docs', 'trackgen.config.json'])
      await gitOk(repo.dir, 'mv', entry, `tracking/${entry}`);
    await gitOk(repo.dir, 'commit', '-q', '-m', 'move the project into tracking/');
    expect((await trackgen(join(repo.dir, 'tracking'), 'hook', 'install')).code).toBe(0);

    repo.edit(`tracking/${RECORD}`, (text) => text.replace('"phase": 4,', '"phase": "four",'));
    await gitOk(repo.dir, 'add', '-A');
    const blocked = await gitResult(repo.dir, 'commit', '-m', 'broken');
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toMatch(
      /^tracking\/data\/sessions\/054\.json:\d+:\d+ {2}error {2}type {2}phase: expected a whole number/m,
    );

    repo.edit(`tracking/${RECORD}`, (text) =>
      moreTests(text.replace('"phase": "four",', '"phase": 4,')),
    );
    await gitOk(repo.dir, 'add', '-A');
    const commit = await gitResult(repo.dir, 'commit', '-m', 'Session 54: more tests');
    expect(commit.code, commit.stderr).toBe(0);
    expect((await lastCommitFiles(repo.dir)).sort()).toEqual(
      [`tracking/${RECORD}`, `tracking/${SUMMARY}`, `tracking/${TRACKER}`].sort(),
    );
  });

  it('passes a commit that touches nothing trackgen reads, without regenerating', async () => {
    const repo = await repoWithHook();
    // Stale docs would be regenerated by a full run: their staying stale shows the hook did not run one.
    repo.edit(TRACKER, (text) => text.replace('2,413', '2,999'));
    await gitOk(repo.dir, 'commit', '-q', '--no-verify', '-am', 'stale tracker');
    repo.write('README.md', '# A Python project\n');
    await gitOk(repo.dir, 'add', 'README.md');
    const commit = await gitResult(repo.dir, 'commit', '-m', 'Readme');
    expect(commit).toMatchObject({ code: 0, stderr: '' });
    expect(commit.stdout).not.toContain('trackgen');
    expect(await lastCommitFiles(repo.dir)).toEqual(['README.md']);
    expect(await status(repo.dir)).toBe('');
  });
});

describe('the hook script and node', () => {
  it('runs the node on PATH with no V8 options (they would cost node its cache of its own modules)', async () => {
    const repo = await repoWithHook();
    // A node that notes how it was called, then runs the real one.
    const fakeBin = join(repo.dir, '.git', 'fake-node');
    mkdirSync(fakeBin);
    writeFileSync(
      join(fakeBin, 'node'),
      `#!/bin/sh\necho "$*" >> "$0.calls"\nexec ${JSON.stringify(process.execPath)} "$@"\n`,
    );
    chmodSync(join(fakeBin, 'node'), 0o755);
    repo.edit(RECORD, moreTests);
    await gitOk(repo.dir, 'add', RECORD);
    const env = Object.fromEntries(
      Object.entries({ ...process.env, ...gitEnv() }).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    );
    const hook = spawnSync('sh', [join(repo.dir, '.git/hooks/pre-commit')], {
      cwd: repo.dir,
      env: { ...env, PATH: `${fakeBin}${delimiter}${env['PATH'] ?? ''}` },
      encoding: 'utf8',
    });
    expect(hook.status, hook.stderr).toBe(0);
    expect(hook.stdout).toContain(`staged ${TRACKER}, ${SUMMARY}`);
    const calls = readFileSync(join(fakeBin, 'node.calls'), 'utf8').trim().split('\n');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/^\S*trackgen\.js hook run$/);
    expect((await gitOk(repo.dir, 'diff', '--cached', '--name-only')).split('\n')).toContain(
      TRACKER,
    );
  });
});

describe('trackgen hook install and uninstall', () => {
  it('chains an existing hook (its failure blocks the commit) and uninstall restores it exactly', async () => {
    const repo = copyRepo(template);
    repos.push(repo);
    const hook = join(repo.dir, '.git/hooks/pre-commit');
    const original =
      '#!/bin/sh\necho "team hook ran" >> team-hook.log\nexit "${TEAM_HOOK_EXIT:-0}"\n';
    writeFileSync(hook, original);
    chmodSync(hook, 0o750);

    const install = await trackgen(repo.dir, 'hook', 'install');
    expect(install.code, install.stderr).toBe(0);
    expect(install.stdout).toContain(
      'kept the existing pre-commit hook as .git/hooks/pre-commit.trackgen-chained',
    );
    const again = await trackgen(repo.dir, 'hook', 'install');
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toContain('already installed');

    repo.edit(RECORD, moreTests);
    await gitOk(repo.dir, 'add', RECORD);
    const commit = await gitResult(repo.dir, 'commit', '-m', 'Session 54: more tests');
    expect(commit.code, commit.stderr).toBe(0);
    expect(repo.read('team-hook.log')).toBe('team hook ran\n');
    expect(await lastCommitFiles(repo.dir)).toContain(TRACKER);

    const failing = copyRepo(repo);
    repos.push(failing);
    failing.write(
      '.git/hooks/pre-commit.trackgen-chained',
      '#!/bin/sh\necho "team hook says no" >&2\nexit 3\n',
    );
    failing.edit(RECORD, (text) =>
      text.replace('"total": 2420, "passing": 2420', '"total": 2421, "passing": 2421'),
    );
    await gitOk(failing.dir, 'add', RECORD);
    const head = await gitOk(failing.dir, 'rev-parse', 'HEAD');
    const blocked = await gitResult(
      failing.dir,
      'commit',
      '-m',
      'Session 54: blocked by the team hook',
    );
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain('team hook says no');
    expect(blocked.stderr).not.toContain('trackgen:'); // trackgen did not run
    expect(await gitOk(failing.dir, 'rev-parse', 'HEAD')).toBe(head);

    const uninstall = await trackgen(repo.dir, 'hook', 'uninstall');
    expect(uninstall.code, uninstall.stderr).toBe(0);
    expect(repo.read('.git/hooks/pre-commit')).toBe(original);
    expect(statSync(hook).mode & 0o777).toBe(0o750);
    expect(existsSync(join(repo.dir, '.git/hooks/pre-commit.trackgen-chained'))).toBe(false);
  });

  it('replaces a trackgen hook that differs only with --force, and installs into a husky folder only with --force', async () => {
    const repo = copyRepo(template);
    repos.push(repo);
    expect((await trackgen(repo.dir, 'hook', 'install')).code).toBe(0);
    const written = repo.read('.git/hooks/pre-commit');
    repo.write('.git/hooks/pre-commit', `${written}echo edited by hand\n`);
    const refused = await trackgen(repo.dir, 'hook', 'install');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      '.git/hooks/pre-commit is a trackgen hook that differs from the one this version writes',
    );
    expect(refused.stderr).toContain('--force');
    const forced = await trackgen(repo.dir, 'hook', 'install', '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(repo.read('.git/hooks/pre-commit')).toBe(written);

    await gitOk(repo.dir, 'config', 'core.hooksPath', '.husky/_');
    const husky = await trackgen(repo.dir, 'hook', 'install');
    expect(husky.code).toBe(1);
    expect(husky.stderr).toContain('.husky/_ is managed by husky');
    expect((await trackgen(repo.dir, 'hook', 'install', '--force')).code).toBe(0);
    expect(existsSync(join(repo.dir, '.husky/_/pre-commit'))).toBe(true);
  });

  it('installs where core.hooksPath points, and the hook runs from there', async () => {
    const repo = copyRepo(template);
    repos.push(repo);
    await gitOk(repo.dir, 'config', 'core.hooksPath', '.githooks');
    mkdirSync(join(repo.dir, 'docs/sub'), { recursive: true });
    // From a subfolder, the project is the one whose trackgen.config.json is above: installing
    // there and then at the top installs one hook, for the top.
    const install = await trackgen(join(repo.dir, 'docs/sub'), 'hook', 'install');
    expect(install.code, install.stderr).toBe(0);
    const hook = readFileSync(join(repo.dir, '.githooks/pre-commit'), 'utf8');
    const atTop = await trackgen(repo.dir, 'hook', 'install');
    expect(atTop.code, atTop.stderr).toBe(0);
    expect(readFileSync(join(repo.dir, '.githooks/pre-commit'), 'utf8')).toBe(hook);
    expect(existsSync(join(repo.dir, '.githooks/pre-commit'))).toBe(true);
    expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(false);

    repo.edit(RECORD, moreTests);
    await gitOk(repo.dir, 'add', RECORD);
    const commit = await gitResult(repo.dir, 'commit', '-m', 'Session 54: more tests');
    expect(commit.code, commit.stderr).toBe(0);
    expect(await lastCommitFiles(repo.dir)).toContain(TRACKER);

    expect((await trackgen(repo.dir, 'hook', 'uninstall')).code).toBe(0);
    expect(existsSync(join(repo.dir, '.githooks/pre-commit'))).toBe(false);
  });

  it('installs into the shared hooks folder from a linked worktree', async () => {
    const repo = copyRepo(template);
    repos.push(repo);
    const worktree = `${repo.dir}-worktree`;
    repos.push({
      ...repo,
      dir: worktree,
      remove: () => rmSync(worktree, { recursive: true, force: true }),
    });
    await gitOk(repo.dir, 'worktree', 'add', '-q', '-b', 'side', worktree);
    const install = await trackgen(worktree, 'hook', 'install');
    expect(install.code, install.stderr).toBe(0);
    expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(true);
    writeFileSync(join(worktree, RECORD), moreTests(template.read(RECORD)));
    await gitOk(worktree, 'add', RECORD);
    const commit = await gitResult(worktree, 'commit', '-m', 'Session 54 in a worktree');
    expect(commit.code, commit.stderr).toBe(0);
    expect(await lastCommitFiles(worktree)).toContain(TRACKER);
  });

  it("runs the project's own trackgen from node_modules, by a path relative to the repository", async () => {
    const repo = copyRepo(template);
    repos.push(repo);
    const installed = join(repo.dir, 'node_modules/trackgen');
    mkdirSync(installed, { recursive: true });
    for (const entry of ['bin', 'dist', 'templates', 'package.json'])
      cpSync(join(repoRoot, entry), join(installed, entry), { recursive: true });
    for (const dependency of readdirSync(join(repoRoot, 'node_modules'))) {
      if (!dependency.startsWith('.'))
        symlinkSync(
          join(repoRoot, 'node_modules', dependency),
          join(repo.dir, 'node_modules', dependency),
        );
    }
    repo.write('.gitignore', 'node_modules/\n');
    await gitOk(repo.dir, 'add', '.gitignore');
    await gitOk(repo.dir, 'commit', '-q', '-m', 'ignore node_modules');

    const install = await trackgenAt(
      join(installed, 'bin/trackgen.js'),
      repo.dir,
      'hook',
      'install',
    );
    expect(install.code, install.stderr).toBe(0);
    expect(repo.read('.git/hooks/pre-commit')).toContain(
      'trackgen="$PWD"/node_modules/trackgen/bin/trackgen.js\n',
    );
    repo.edit(RECORD, moreTests);
    await gitOk(repo.dir, 'add', RECORD);
    const commit = await gitResult(repo.dir, 'commit', '-m', 'Session 54: more tests');
    expect(commit.code, commit.stderr).toBe(0);
    expect(await lastCommitFiles(repo.dir)).toContain(TRACKER);
  });

  it('refuses to run outside a git repository, in one line', async () => {
    const result = await trackgen('/', 'hook', 'install');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^trackgen hook: not inside a git working tree: \/ .*\n$/);
  });
});
