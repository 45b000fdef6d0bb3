/**
 * SLOW (one to three minutes: pre-commit installs trackgen's environment with npm, from the
 * registry or npm's cache): the pre-commit framework's route, for real. A repository of the working
 * tree (committed, as a team's trackgen repository would be) is what `repo:` names; pre-commit
 * clones it, builds it through `language: node` (npm install, npm pack, npm install -g) and runs
 * the hook in a project repository. Skipped, saying so, when `pre-commit` is not installed
 * outside CI (.ci/run installs Debian's).
 */
import { execFile, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTemplateRepo,
  gitEnv,
  gitOk,
  lastCommitFiles,
  trackgen,
  type ScratchRepo,
} from '../helpers/git-repo.js';
import { scratchDir, type ScratchDir } from '../helpers/project-copy.js';
import { cleanEnv, workingTreeCopy } from './packed.js';

const preCommitVersion = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const available = preCommitVersion.status === 0;
if (!available && process.env['CI'])
  throw new Error('pre-commit is required in CI; .ci/run installs it (apt-get install pre-commit)');
if (!available)
  console.warn(
    'pre-commit.test.ts: SKIPPED — pre-commit not found (apt-get install pre-commit, or pip install pre-commit)',
  );

const RECORD = 'data/sessions/054.json';
const TRACKER = 'docs/PHASE_4_PROGRESS_TRACKER.md';
const SUMMARY = 'docs/sessions/SESSION_54_SUMMARY.md';

/** npm's cache as the person running the tests has it: the tests' git HOME is empty. */
const npmCache = spawnSync('npm', ['config', 'get', 'cache'], {
  encoding: 'utf8',
  env: cleanEnv(),
}).stdout.trim();

let trackgenRepo: ScratchDir;
let preCommitHome: ScratchDir;
let project: ScratchRepo;
let env: Record<string, string>;
let installSeconds = 0;

const execute = promisify(execFile);
/** pre-commit, or git with the same environment (PRE_COMMIT_HOME for the hook it runs). */
async function run(...args: string[]): Promise<{ code: number; output: string }> {
  return exec('pre-commit', ...args);
}
async function exec(command: string, ...args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await execute(command, args, { cwd: project.dir, env });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

describe.skipIf(!available)(`the pre-commit framework (${preCommitVersion.stdout.trim()})`, () => {
  beforeAll(async () => {
    env = {};
    for (const [name, value] of Object.entries({ ...cleanEnv(), ...gitEnv() }))
      if (value !== undefined) env[name] = value;
    preCommitHome = scratchDir('trackgen-pre-commit-home-');
    env['PRE_COMMIT_HOME'] = preCommitHome.dir;
    if (npmCache !== '') env['npm_config_cache'] = npmCache;

    trackgenRepo = await workingTreeCopy();
    await gitOk(trackgenRepo.dir, 'init', '-q');
    await gitOk(trackgenRepo.dir, 'add', '-A');
    await gitOk(trackgenRepo.dir, 'commit', '-q', '-m', 'trackgen as the team hosts it');
    const rev = await gitOk(trackgenRepo.dir, 'rev-parse', 'HEAD');

    project = await createTemplateRepo();
    writeFileSync(
      join(project.dir, '.pre-commit-config.yaml'),
      `repos:\n  - repo: ${trackgenRepo.dir}\n    rev: ${rev}\n    hooks:\n      - id: trackgen\n`,
    );
    await gitOk(project.dir, 'add', '.pre-commit-config.yaml');
    await gitOk(project.dir, 'commit', '-q', '-m', 'pre-commit runs trackgen');
    const install = await run('install');
    expect(install.code, install.output).toBe(0);
    const started = Date.now();
    const hooks = await run('install-hooks');
    installSeconds = (Date.now() - started) / 1000;
    expect(hooks.code, hooks.output).toBe(0);
  }, 600_000);
  afterAll(() => {
    project.remove();
    trackgenRepo.remove();
    preCommitHome.remove();
  });

  it('installs trackgen from the repository (npm install, npm pack, npm install -g)', () => {
    console.info(`pre-commit installed trackgen's environment in ${installSeconds.toFixed(1)} s`);
    expect(installSeconds).toBeGreaterThan(0);
  });

  it(
    'a commit that changes data also commits the regenerated documents',
    { timeout: 120_000 },
    async () => {
      project.edit(RECORD, (text) =>
        text.replace('"total": 2413, "passing": 2413', '"total": 2420, "passing": 2420'),
      );
      await gitOk(project.dir, 'add', RECORD);
      const started = Date.now();
      const commit = await exec('git', 'commit', '-m', 'Session 54: more tests');
      console.info(`a commit through pre-commit took ${Date.now() - started} ms`);
      expect(commit.code, commit.output).toBe(0);
      expect(commit.output).toMatch(/trackgen \(regenerate .*\)\.+Passed/);
      expect((await lastCommitFiles(project.dir)).sort()).toEqual(
        [RECORD, SUMMARY, TRACKER].sort(),
      );
      expect(await gitOk(project.dir, 'status', '--porcelain')).toBe('');
    },
  );

  it(
    'the commit that records a session shows as "this commit", and check exits 0 right after',
    { timeout: 120_000 },
    async () => {
      const message = '🎊 Session 54: ai_model_manager.py TRUE 100%! 🎊✅';
      project.edit(RECORD, (text) =>
        text.replace(/"total": \d+, "passing": \d+/, '"total": 2430, "passing": 2430'),
      );
      await gitOk(project.dir, 'add', RECORD);
      const started = Date.now();
      const commit = await exec('git', 'commit', '-m', message);
      console.info(`a session commit through pre-commit took ${Date.now() - started} ms`);
      expect(commit.code, commit.output).toBe(0);
      const tracker = await gitOk(project.dir, 'show', `HEAD:${TRACKER}`);
      expect(tracker).toMatch(/\| this commit +\| 🎊 Session 54: ai_model_manager\.py/);
      const check = await trackgen(project.dir, 'check');
      expect(check.code, check.stdout + check.stderr).toBe(0);
      expect(await gitOk(project.dir, 'status', '--porcelain')).toBe('');
    },
  );

  it(
    'pre-commit run --all-files blocks invalid data (exit 1) with the reason',
    { timeout: 120_000 },
    async () => {
      project.edit(RECORD, (text) => text.replace('"phase": 4,', '"phase": 4,,'));
      await gitOk(project.dir, 'add', RECORD);
      const result = await run('run', '--all-files');
      expect(result.code).toBe(1);
      expect(result.output).toMatch(/trackgen \(regenerate .*\)\.+Failed/);
      expect(result.output).toContain(`${RECORD}:5:14  error  syntax`);
      expect(result.output).toContain('trackgen: commit blocked');
      const commit = await exec('git', 'commit', '-m', 'broken');
      expect(commit.code).toBe(1);
    },
  );
});
