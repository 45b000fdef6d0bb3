/**
 * `trackgen hook install` / `uninstall`: writes the pre-commit hook where git looks for hooks
 * (`git rev-parse --git-path hooks` honours core.hooksPath and linked worktrees), keeps an
 * existing hook beside it and calls it first, and puts it back, byte for byte and mode for mode,
 * on uninstall (a rename, so nothing is rewritten).
 */
import { chmod, lstat, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_FILE, DEFAULTS } from '../config/settings.js';
import { UsageError } from '../diagnostics.js';
import { readIfExists } from '../fs/read-if-exists.js';
import { locateRepo } from '../git/repository.js';
import { gitOutput, type GitOptions } from '../git/run.js';
import { shownPath, toSlashes } from '../text/paths.js';
import { done, refused, type HookOutcome } from './outcome.js';
import { hookProject, projectPrefix } from './project.js';
import { CHAINED_NAME, HOOK_NAME, hookScript, isTrackgenHook } from './script.js';

export interface InstallOptions extends GitOptions {
  /** Replace a trackgen hook that differs from this version's, or install into a husky folder. */
  readonly force?: boolean;
}

/** bin/trackgen.js of the trackgen that is running: the hook runs this very install. */
export const TRACKGEN_BIN = fileURLToPath(new URL('../../bin/trackgen.js', import.meta.url));

export async function hooksDirectory(options: GitOptions): Promise<string> {
  const path = (await gitOutput(['rev-parse', '--git-path', 'hooks'], options)).trim();
  return resolve(options.cwd, path);
}

export async function installHook(options: InstallOptions): Promise<HookOutcome> {
  const location = await locateRepo(options);
  // From a subfolder, the project is the one whose config is above (the hook runs it there).
  const project = hookProject(options.cwd);
  const { top } = location;
  const prefix = projectPrefix(location.prefix, project);
  if (!project.hasConfig && !(await isProjectFolder(options.cwd))) {
    throw new UsageError(
      `expected a trackgen project here (${CONFIG_FILE}, a "trackgen" key in package.json, or ${DEFAULTS.data}/project.json), found none in ${options.cwd}: run trackgen hook install in the project's folder`,
    );
  }
  const hooks = await hooksDirectory(options);
  const hook = join(hooks, HOOK_NAME);
  const chained = join(hooks, CHAINED_NAME);
  const shown = (path: string) => shownPath(options.cwd, path);
  if (!options.force && hooks.split(sep).includes('.husky')) {
    return refuse(
      `${shown(hooks)} is managed by husky (core.hooksPath), which rewrites it: add "trackgen hook run" to .husky/pre-commit instead (docs/hooks.md), or pass --force`,
    );
  }
  const misplaced = await wrongKind(hooks, hook, chained, shown);
  if (misplaced !== undefined) return refuse(misplaced);
  const binFromTop = relative(top, TRACKGEN_BIN);
  const insideRepo = !binFromTop.startsWith('..') && !isAbsolute(binFromTop);
  const script = hookScript({
    bin: insideRepo ? toSlashes(binFromTop) : TRACKGEN_BIN,
    projectDir: prefix.replace(/\/$/, ''),
    fallbackNode: process.execPath,
  });
  const notes = TRACKGEN_BIN.includes(`${sep}_npx${sep}`)
    ? [
        `warning: this trackgen runs from npx's cache (${TRACKGEN_BIN}), which npx may clear: install trackgen in the project (npm install --save-dev trackgen) and run trackgen hook install again`,
      ]
    : [];

  const current = await readIfPresent(hook);
  if (current !== undefined && isTrackgenHook(current)) {
    if (current === script)
      return done([`trackgen's pre-commit hook is already installed in ${shown(hook)}`, ...notes]);
    if (!options.force)
      return refuse(
        `${shown(hook)} is a trackgen hook that differs from the one this version writes (edited by hand, or written by another version or from another folder): pass --force to replace it`,
      );
    await writeHook(hook, script);
    return done([`replaced trackgen's pre-commit hook in ${shown(hook)}`, ...notes]);
  }
  const lines: string[] = [];
  if (current !== undefined || (await isSymlink(hook))) {
    if ((await readIfPresent(chained)) !== undefined || (await isSymlink(chained))) {
      return refuse(
        `both ${shown(hook)} and ${shown(chained)} exist, and the first is not trackgen's: keep one of them (rename or remove the other), then run trackgen hook install again`,
      );
    }
    await rename(hook, chained);
    lines.push(
      `kept the existing pre-commit hook as ${shown(chained)}: it runs first, and its failure blocks the commit`,
    );
  }
  await mkdir(hooks, { recursive: true });
  await writeHook(hook, script);
  lines.push(
    `installed trackgen's pre-commit hook in ${shown(hook)}: commits that change data, templates, config or the coverage report get regenerated docs`,
  );
  return done([...lines, ...notes]);
}

export async function uninstallHook(options: GitOptions): Promise<HookOutcome> {
  // Outside a repository, say so plainly (as install does) rather than pass on git's own words.
  await locateRepo(options);
  const hooks = await hooksDirectory(options);
  const hook = join(hooks, HOOK_NAME);
  const chained = join(hooks, CHAINED_NAME);
  const shown = (path: string) => shownPath(options.cwd, path);
  const misplaced = await wrongKind(hooks, hook, chained, shown);
  if (misplaced !== undefined) return refuse(misplaced);
  const current = await readIfPresent(hook);
  const hasChained = (await readIfPresent(chained)) !== undefined || (await isSymlink(chained));
  if (current !== undefined && !isTrackgenHook(current)) {
    return hasChained
      ? refuse(
          `${shown(hook)} is not trackgen's, and ${shown(chained)} is left from an earlier install: left both alone; rename ${CHAINED_NAME} back to pre-commit yourself if you want it`,
        )
      : done([`${shown(hook)} is not trackgen's: left it alone (nothing to uninstall)`]);
  }
  if (current !== undefined) await rm(hook);
  if (hasChained) {
    await rename(chained, hook);
    return done([
      `${current === undefined ? 'found no trackgen hook; ' : `removed trackgen's pre-commit hook from ${shown(hook)}; `}restored the hook it replaced`,
    ]);
  }
  return done([
    current === undefined
      ? `no pre-commit hook in ${shown(hooks)}: nothing to uninstall`
      : `removed trackgen's pre-commit hook from ${shown(hook)}`,
  ]);
}

/**
 * Hook paths holding the wrong kind of thing (a file where git's hooks folder should be, through
 * core.hooksPath; a directory named pre-commit): said before anything is moved or written.
 */
async function wrongKind(
  hooks: string,
  hook: string,
  chained: string,
  shown: (path: string) => string,
): Promise<string | undefined> {
  const kind = (path: string) =>
    stat(path).then(
      (info) => (info.isDirectory() ? 'directory' : info.isFile() ? 'file' : 'special'),
      () => 'absent',
    );
  const folder = await kind(hooks);
  if (folder !== 'directory' && folder !== 'absent')
    return `${shown(hooks)} is a ${folder === 'file' ? 'file' : 'special file'}, expected the folder git runs hooks from (core.hooksPath or .git/hooks): point core.hooksPath at a folder, or move the file away`;
  for (const path of [hook, chained]) {
    const found = await kind(path);
    if (found === 'directory' || found === 'special')
      return `${shown(path)} is a ${found === 'directory' ? 'directory' : 'special file'}, expected a hook script file (or nothing): move it away, then run this again`;
  }
  return undefined;
}

async function writeHook(path: string, script: string): Promise<void> {
  await writeFile(path, script, 'utf8');
  await chmod(path, 0o755);
}

/** A path through a file (`data` a file, so no data/project.json) holds nothing, here. */
async function readIfPresent(path: string): Promise<string | undefined> {
  return readIfExists(path).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  });
}

/** A dangling symlink reads as absent but is still a hook someone put there. */
async function isSymlink(path: string): Promise<boolean> {
  return lstat(path).then(
    (info) => info.isSymbolicLink(),
    () => false,
  );
}

/** The hook runs trackgen where it was installed from: that folder must be the project. */
async function isProjectFolder(cwd: string): Promise<boolean> {
  if (
    (await readIfPresent(join(cwd, CONFIG_FILE))) !== undefined ||
    (await readIfPresent(join(cwd, DEFAULTS.data, 'project.json'))) !== undefined
  )
    return true;
  const packageJson = await readIfPresent(join(cwd, 'package.json'));
  return packageJson !== undefined && /"trackgen"\s*:\s*\{/.test(packageJson);
}

function refuse(line: string): HookOutcome {
  return refused([line]);
}
