/**
 * Packs trackgen as `npm pack` does in a clone: from a copy of the working tree (the files git
 * tracks or would track), so that prepare's clean build runs there and never empties the dist/
 * that the other tests are running.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { scratchDir, type ScratchDir } from '../helpers/project-copy.js';
import { repoRoot } from '../helpers/run-cli.js';

export const run = promisify(execFile);

/** The environment without what `npm test` exports (npm_config_*, npm_lifecycle_*). */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env))
    if (!key.toLowerCase().startsWith('npm_')) env[key] = value;
  return { ...env, ...extra };
}

export async function workingTreeCopy(): Promise<ScratchDir> {
  const scratch = scratchDir('trackgen-tree-');
  const { stdout } = await run('git', ['ls-files', '-z', '-co', '--exclude-standard'], {
    cwd: repoRoot,
    maxBuffer: 64 * 1024 * 1024,
  });
  for (const file of stdout.split('\0')) {
    if (file === '' || !existsSync(join(repoRoot, file))) continue;
    mkdirSync(dirname(join(scratch.dir, file)), { recursive: true });
    copyFileSync(join(repoRoot, file), join(scratch.dir, file));
  }
  // The checkout's dependencies, as after `npm install` in a clone.
  symlinkSync(realpathSync(join(repoRoot, 'node_modules')), join(scratch.dir, 'node_modules'));
  return scratch;
}

export interface Packed {
  /** What `npm pack` printed on stdout. */
  readonly stdout: string;
  readonly tarball: string;
  readonly tree: ScratchDir;
  readonly out: ScratchDir;
}

/** `npm pack` with its prepare (the clean build) in a copy of the working tree. */
export async function packWorkingTree(): Promise<Packed> {
  const tree = await workingTreeCopy();
  const out = scratchDir('trackgen-pack-');
  const { stdout } = await run('npm', ['pack', '--pack-destination', out.dir], {
    cwd: tree.dir,
    env: cleanEnv(),
  });
  return { stdout, tarball: join(out.dir, stdout.trim()), tree, out };
}
