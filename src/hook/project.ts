/**
 * The project a hook command works on: the folder of the config found from the working directory
 * (the one finder every command uses: this folder or a parent, up to the repository's top), or
 * the working directory itself when there is none. `trackgen hook run` by hand from
 * data/sessions/ must regenerate the same project git's pre-commit run at the top does.
 */
import { dirname, posix, relative } from 'node:path';
import { findConfig } from '../config/settings.js';
import { toSlashes } from '../text/paths.js';

export interface HookProject {
  /** The project folder relative to the working directory: "." or "../..". */
  readonly fromCwd: string;
  /** Whether a config file (or package.json's "trackgen" key) was found. */
  readonly hasConfig: boolean;
}

export function hookProject(cwd: string): HookProject {
  const { file } = findConfig(cwd);
  const dir = file === undefined ? cwd : dirname(file);
  return { fromCwd: toSlashes(relative(cwd, dir)) || '.', hasConfig: file !== undefined };
}

/**
 * The project folder relative to the top of the working tree ("" or ending with "/"), from the
 * working directory's (`git rev-parse --show-prefix`) and the project's place relative to it.
 */
export function projectPrefix(cwdPrefix: string, project: HookProject): string {
  const joined = posix.normalize(posix.join(cwdPrefix, project.fromCwd));
  return joined === '.' ? '' : `${joined.replace(/\/$/, '')}/`;
}
