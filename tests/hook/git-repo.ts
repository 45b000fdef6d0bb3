/**
 * Scratch git repositories holding a copy of the default project, for end-to-end hook tests:
 * the hook runs for real, through `git commit` and the built CLI.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, runBuiltCli, type CliResult } from '../helpers/run-cli.js';

/** git without the machine's or the person's config, and without a surrounding hook's variables. */
export const gitEnv: Record<string, string | undefined> = Object.fromEntries([
  ...Object.keys(process.env)
    .filter((name) => name.startsWith('GIT_'))
    .map((name) => [name, undefined]),
  ['GIT_CONFIG_NOSYSTEM', '1'],
  ['GIT_CONFIG_GLOBAL', '/dev/null'],
]);

export function git(cwd: string, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      'git',
      args,
      { cwd, env: cleanEnv(), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : 2,
          stdout,
          stderr,
        });
      },
    );
  });
}

export async function gitOk(cwd: string, ...args: string[]): Promise<string> {
  const result = await git(cwd, ...args);
  if (result.code !== 0)
    throw new Error(
      `git ${args.join(' ')} failed (${result.code}): ${result.stderr}${result.stdout}`,
    );
  return result.stdout;
}

export function trackgen(cwd: string, ...args: string[]): Promise<CliResult> {
  return runBuiltCli(args, cwd, gitEnv);
}

/** Runs another copy of trackgen's bin (one installed into a scratch repository's node_modules). */
export function trackgenAt(bin: string, cwd: string, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd, env: cleanEnv() },
      (error, stdout, stderr) => {
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : 2,
          stdout,
          stderr,
        });
      },
    );
  });
}

function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...process.env, ...gitEnv }))
    if (value !== undefined) env[name] = value;
  return env;
}

export interface ScratchRepo {
  readonly dir: string;
  read(path: string): string;
  write(path: string, text: string): void;
  edit(path: string, change: (text: string) => string): void;
  remove(): void;
}

function scratch(dir: string): ScratchRepo {
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
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A repository with the default project, its generated docs, and one commit. */
export async function createTemplateRepo(): Promise<ScratchRepo> {
  const dir = mkdtempSync(join(tmpdir(), 'trackgen-hook-template-'));
  cpSync(join(repoRoot, 'data'), join(dir, 'data'), { recursive: true });
  cpSync(join(repoRoot, 'trackgen.config.json'), join(dir, 'trackgen.config.json'));
  await gitOk(dir, 'init', '-q', '-b', 'main');
  await gitOk(dir, 'config', 'user.name', 'Hook Test');
  await gitOk(dir, 'config', 'user.email', 'hook-test@example.com');
  const generated = await trackgen(dir, 'generate', '-q');
  if (generated.code !== 0)
    throw new Error(`trackgen generate failed: ${generated.stderr}${generated.stdout}`);
  await gitOk(dir, 'add', '-A');
  await gitOk(dir, 'commit', '-q', '-m', 'The default project and its docs');
  return scratch(dir);
}

/** A fresh copy of the template repository (copying is much cheaper than generating). */
export function copyRepo(template: ScratchRepo): ScratchRepo {
  const dir = mkdtempSync(join(tmpdir(), 'trackgen-hook-'));
  cpSync(template.dir, dir, { recursive: true });
  return scratch(dir);
}

/** Paths changed by the last commit. */
export async function lastCommitFiles(dir: string): Promise<string[]> {
  return (await gitOk(dir, 'show', '--name-only', '--format=', 'HEAD'))
    .split('\n')
    .filter((line) => line !== '');
}
