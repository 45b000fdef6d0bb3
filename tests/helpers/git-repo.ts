/**
 * The one way tests run git, directly or through trackgen and its hook: with an environment
 * isolated from the machine's and the person's git config (no global core.hooksPath, signing,
 * templateDir or default branch leaks in), from a surrounding hook's GIT_DIR/GIT_INDEX_FILE,
 * and with a fixed identity and date, so a test behaves the same on every machine.
 */
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { copyDefaultProject, copyFolder } from './project-copy.js';
import { runBin, runBuiltCli, type CliResult } from './run-cli.js';

const FIXED_DATE = '2025-11-24T12:00:00Z';

/** The environment (on top of process.env) of every git a test runs; undefined unsets. */
export function gitEnv(): Record<string, string | undefined> {
  // An empty HOME (made by tests/helpers/git-home.ts): no ~/.gitconfig, whatever the machine.
  const home = inject('gitHome');
  const inherited = Object.keys(process.env).filter((name) => name.startsWith('GIT_'));
  return {
    ...Object.fromEntries(inherited.map((name) => [name, undefined])),
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Test Person',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_AUTHOR_DATE: FIXED_DATE,
    GIT_COMMITTER_NAME: 'Test Person',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    GIT_COMMITTER_DATE: FIXED_DATE,
    // Settings given this way outrank a repository's own config, so only one that no test
    // sets per repository (core.hooksPath, for one, is set by the hook tests).
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'init.defaultBranch',
    GIT_CONFIG_VALUE_0: 'main',
  };
}

/** process.env with gitEnv() applied, for child_process (which wants no undefined values). */
function childEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...process.env, ...gitEnv() }))
    if (value !== undefined) env[name] = value;
  return env;
}

/** Runs git in `cwd` and returns its trimmed output; throws with git's message on failure. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    env: childEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** Runs git without blocking (a commit runs the hook, which runs trackgen); never throws. */
export function gitResult(cwd: string, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      'git',
      args,
      { cwd, env: childEnv(), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 2;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Like gitResult, but throws unless git succeeds; returns stdout as git wrote it (untrimmed). */
export async function gitOk(cwd: string, ...args: string[]): Promise<string> {
  const result = await gitResult(cwd, ...args);
  if (result.code !== 0)
    throw new Error(
      `git ${args.join(' ')} failed (${result.code}): ${result.stderr}${result.stdout}`,
    );
  return result.stdout;
}

/** `git init` (branch main); identity and dates come from gitEnv(). */
export function initRepo(dir: string): void {
  git(dir, 'init', '-q');
}

/** Stages everything and commits; returns the new commit's abbreviated hash. */
export function commitAll(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', message);
  return git(dir, 'rev-parse', '--short', 'HEAD');
}

/** Paths changed by the last commit. */
export async function lastCommitFiles(dir: string): Promise<string[]> {
  return (await gitOk(dir, 'show', '--name-only', '--format=', 'HEAD'))
    .split('\n')
    .filter((line) => line !== '');
}

/** The built CLI, run with the same isolated git environment as the tests' own git. */
export function trackgen(cwd: string, ...args: string[]): Promise<CliResult> {
  return runBuiltCli(args, cwd, gitEnv());
}

/** Another copy of trackgen's bin (one installed into a scratch repository's node_modules). */
export function trackgenAt(bin: string, cwd: string, ...args: string[]): Promise<CliResult> {
  return runBin(bin, args, cwd, gitEnv());
}

/** A scratch git repository, for end-to-end hook tests: the hook runs through `git commit`. */
export interface ScratchRepo {
  readonly dir: string;
  read(path: string): string;
  write(path: string, text: string): void;
  edit(path: string, change: (text: string) => string): void;
  remove(): void;
}

function scratchRepo(dir: string, remove: () => void): ScratchRepo {
  return {
    dir,
    read: (path) => readFileSync(join(dir, path), 'utf8'),
    write: (path, text) => writeFileSync(join(dir, path), text),
    edit(path, change) {
      const before = readFileSync(join(dir, path), 'utf8');
      const after = change(before);
      if (after === before) throw new Error(`the edit changed nothing in ${path}`);
      writeFileSync(join(dir, path), after);
    },
    remove,
  };
}

/** A repository with the default project, its generated docs, and one commit. */
export async function createTemplateRepo(): Promise<ScratchRepo> {
  const { dir, remove } = copyDefaultProject('trackgen-hook-template-');
  initRepo(dir);
  const generated = await trackgen(dir, 'generate', '-q');
  if (generated.code !== 0)
    throw new Error(`trackgen generate failed: ${generated.stderr}${generated.stdout}`);
  await gitOk(dir, 'add', '-A');
  await gitOk(dir, 'commit', '-q', '-m', 'The default project and its docs');
  return scratchRepo(dir, remove);
}

/** A fresh copy of the template repository (copying is much cheaper than generating). */
export function copyRepo(template: ScratchRepo): ScratchRepo {
  const { dir, remove } = copyFolder(template.dir, 'trackgen-hook-');
  return scratchRepo(dir, remove);
}
