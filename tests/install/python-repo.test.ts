/**
 * SLOW (a few minutes on 2 cores: npm pack's clean build, then npm install from the registry or
 * npm's cache): the README's way in, end to end, in a fresh Python repository whose coverage
 * report comes from a real pytest run (Debian's python3-pytest and python3-coverage): the
 * tarball install line, `init`, `new-session`, `generate`, `hook install`, and the commit that
 * records the session — after which `check` (and `check --staged`) exit 0 with no second commit.
 * Skipped, saying so, when pytest or coverage.py is not installed outside CI (.ci/run installs
 * them).
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitEnv, gitOk, lastCommitFiles } from '../helpers/git-repo.js';
import { scratchDir, type ScratchDir } from '../helpers/project-copy.js';
import { cleanEnv, packWorkingTree, type Packed } from './packed.js';

const python = ['/usr/bin/python3', 'python3'].find(
  (candidate) => spawnSync(candidate, ['-c', 'import pytest, coverage'], { cwd: '/' }).status === 0,
);
if (python === undefined && process.env['CI'])
  throw new Error('pytest and coverage.py are required in CI; .ci/run installs them');
if (python === undefined)
  console.warn('python-repo.test.ts: SKIPPED — no python3 with pytest and coverage.py');

const SESSION_COMMIT = 'Session 1: cart.py TRUE 100%';
const TRACKER = 'docs/PHASE_1_PROGRESS_TRACKER.md';
const SUMMARY = 'docs/sessions/SESSION_01_SUMMARY.md';
const RECORD = 'data/sessions/001.json';

const execute = promisify(execFile);
let packed: Packed;
let repo: ScratchDir;
let env: Record<string, string>;

async function run(command: string, ...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await execute(command, args, {
      cwd: repo.dir,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, out: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

async function ok(command: string, ...args: string[]): Promise<string> {
  const result = await run(command, ...args);
  expect(result.code, `${command} ${args.join(' ')}: ${result.out}`).toBe(0);
  return result.out;
}

function write(path: string, text: string): void {
  mkdirSync(dirname(join(repo.dir, path)), { recursive: true });
  writeFileSync(join(repo.dir, path), text);
}

const seconds = (started: number) => ((Date.now() - started) / 1000).toFixed(1);

describe.skipIf(python === undefined)('a fresh Python repository, as the README says', () => {
  beforeAll(async () => {
    packed = await packWorkingTree();
    repo = scratchDir('trackgen-python-repo-');
    env = {};
    for (const [name, value] of Object.entries({ ...cleanEnv(), ...gitEnv() }))
      if (value !== undefined) env[name] = value;
    await gitOk(repo.dir, 'init', '-q');
    write('pyproject.toml', '[project]\nname = "shop"\nversion = "0.1.0"\n');
    write('shop/__init__.py', '');
    write(
      'shop/cart.py',
      'def total(prices):\n    if not prices:\n        return 0\n    return sum(prices)\n',
    );
    write(
      'tests/test_cart.py',
      'from shop.cart import total\n\n\ndef test_total():\n    assert total([1, 2]) == 3\n\n\ndef test_empty():\n    assert total([]) == 0\n',
    );
    write('.gitignore', 'node_modules/\n.coverage\n__pycache__/\n.pytest_cache/\n');
    // pytest --cov=shop --cov-branch --cov-report=xml, with Debian's coverage.py (no pytest-cov).
    await ok(
      python ?? 'python3',
      '-m',
      'coverage',
      'run',
      '--branch',
      '--source=shop',
      '-m',
      'pytest',
      '-q',
    );
    await ok(python ?? 'python3', '-m', 'coverage', 'xml', '-q');
  }, 600_000);
  afterAll(() => {
    packed.tree.remove();
    packed.out.remove();
    repo.remove();
  });

  it(
    'installs with the README line, sets up, and the session commit passes check by itself',
    { timeout: 600_000 },
    async () => {
      let started = Date.now();
      await ok(
        'npm',
        'install',
        '--save-dev',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        packed.tarball,
      );
      console.info(`npm install --save-dev trackgen-0.1.0.tgz took ${seconds(started)} s`);
      expect(await ok('npx', '--no-install', 'trackgen', '--version')).toBe('0.1.0\n');

      expect(await ok('npx', 'trackgen', 'init')).toContain('created   data/project.json');
      await ok('npx', 'trackgen', 'new-session', '--module', 'cart');
      await ok('npx', 'trackgen', 'generate');
      await gitOk(repo.dir, 'add', '-A');
      await gitOk(repo.dir, 'commit', '-q', '-m', 'Set up trackgen');
      expect(await ok('npx', 'trackgen', 'hook', 'install')).toContain('installed');

      // The session is done: tests pass at TRUE 100%, the record says so and names its commit.
      const record = JSON.parse(readFileSync(join(repo.dir, RECORD), 'utf8')) as {
        status: string;
        modules: { outcome: string }[];
        commits?: { message: string }[];
      };
      record.status = 'complete';
      for (const module of record.modules) module.outcome = 'complete';
      record.commits = [{ message: SESSION_COMMIT }];
      write(RECORD, `${JSON.stringify(record, null, 2)}\n`);
      await gitOk(repo.dir, 'add', RECORD);
      started = Date.now();
      const commit = await run('git', 'commit', '-m', SESSION_COMMIT);
      console.info(`a session commit through the native hook took ${seconds(started)} s`);
      expect(commit.code, commit.out).toBe(0);
      expect(commit.out).toContain('trackgen: regenerated from the staged data');
      expect(await lastCommitFiles(repo.dir)).toEqual(
        expect.arrayContaining([RECORD, SUMMARY, TRACKER]),
      );
      const tracker = await gitOk(repo.dir, 'show', `HEAD:${TRACKER}`);
      expect(tracker).toMatch(
        /\| this commit +\| Session 1: cart\.py TRUE 100% +\| ✅ Committed +\|/,
      );
      expect(tracker).not.toContain('TBD');

      const check = await run('npx', 'trackgen', 'check');
      expect(check.code, check.out).toBe(0);
      const staged = await run('npx', 'trackgen', 'check', '--staged');
      expect(staged.code, staged.out).toBe(0);
      expect(await gitOk(repo.dir, 'status', '--porcelain')).toBe('');
    },
  );
});
