/**
 * `trackgen hook run`, what the installed pre-commit hook calls. Most commits touch none of
 * trackgen's inputs: that is decided from the staged file names and the staged config with two
 * git processes and JSON.parse, and the pipeline is not even loaded.
 */
import { CONFIG_FILE } from '../config/settings.js';
import { locateRepo, readIndexFiles } from '../git/repository.js';
import { gitOutput, splitNul, type GitOptions } from '../git/run.js';
import { isInput, projectInputs, reportInputs } from './inputs.js';
import { done, type HookOutcome } from './outcome.js';

export async function runHook(here: GitOptions): Promise<HookOutcome> {
  const [location, stagedOutput, configs] = await Promise.all([
    locateRepo(here),
    // Paths relative to the top whatever the working directory (and diff.relative) say.
    gitOutput(['diff', '--cached', '--name-only', '-z', '--no-renames', '--no-relative'], here),
    readIndexFiles([`./${CONFIG_FILE}`, './package.json'], here),
  ]);
  const staged = splitNul(stagedOutput);
  if (staged.length === 0) return done([]);
  const project = projectInputs(
    location.prefix,
    configs.get(`./${CONFIG_FILE}`),
    configs.get('./package.json'),
  );
  let relevant = !project.understood || staged.some((path) => isInput(path, project.inputs));
  if (!relevant) {
    // The coverage report project.json names can live anywhere: read the staged project.json.
    const projectText = (
      await readIndexFiles([project.projectFile], { cwd: location.top, env: here.env })
    ).get(project.projectFile);
    const reports = reportInputs(project.projectFile, projectText);
    relevant = reports === undefined || staged.some((path) => isInput(path, reports));
  }
  if (!relevant) return done([]);
  const { regenerateStaged } = await import('./regenerate.js');
  return regenerateStaged(here.env, location, project);
}
