/**
 * The project a hook command works on: the folder of the config found from the working directory
 * (the one finder every command uses: this folder or a parent, up to the repository's top), or
 * the working directory itself when there is none. `trackgen hook run` by hand from
 * data/sessions/ must regenerate the same project git's pre-commit run at the top does.
 */
import { existsSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { DEFAULTS, findConfig } from '../config/settings.js';
import { toSlashes } from '../text/paths.js';

export interface HookProject {
  /** The project folder relative to the working directory: "." or "../..". */
  readonly fromCwd: string;
  /** Whether a config file (or package.json's "trackgen" key) was found. */
  readonly hasConfig: boolean;
  /** Whether there is a project at all: a config, or data/project.json. */
  readonly found: boolean;
}

export function hookProject(cwd: string): HookProject {
  const { file } = findConfig(cwd);
  const dir = file === undefined ? (defaultProjectAbove(cwd) ?? cwd) : dirname(file);
  return {
    fromCwd: toSlashes(relative(cwd, dir)) || '.',
    hasConfig: file !== undefined,
    found: file !== undefined || existsSync(join(dir, DEFAULTS.data, 'project.json')),
  };
}

/**
 * A project without a config is the folder holding data/project.json: found from a subfolder
 * the same way as a config, up to the repository's top.
 */
function defaultProjectAbove(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, DEFAULTS.data, 'project.json'))) return dir;
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) return undefined;
  }
}

/**
 * The project folder relative to the top of the working tree ("" or ending with "/"), from the
 * working directory's (`git rev-parse --show-prefix`) and the project's place relative to it.
 */
export function projectPrefix(cwdPrefix: string, project: HookProject): string {
  const joined = posix.normalize(posix.join(cwdPrefix, project.fromCwd));
  return joined === '.' ? '' : `${joined.replace(/\/$/, '')}/`;
}
