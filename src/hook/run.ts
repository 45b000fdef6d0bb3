/**
 * `trackgen hook run`, what the installed pre-commit hook calls. Most commits touch none of
 * trackgen's inputs: that is decided from the staged file names and the staged config with two
 * git processes and JSON.parse, and the pipeline is not even loaded.
 */
import { EXIT_OK, type CliContext } from '../cli/io.js';
import { CONFIG_FILE } from '../config/settings.js';
import { git, locateRepo, readIndexFiles, splitNul } from './git.js';
import { isInput, projectInputs, reportInputs } from './inputs.js';

export async function runHook(context: CliContext): Promise<number> {
  const here = { cwd: context.cwd, env: context.env };
  const [location, stagedOutput, configs] = await Promise.all([
    locateRepo(here),
    // Paths relative to the top whatever the working directory (and diff.relative) say.
    git(['diff', '--cached', '--name-only', '-z', '--no-renames', '--no-relative'], here),
    readIndexFiles([`./${CONFIG_FILE}`, './package.json'], here),
  ]);
  const staged = splitNul(stagedOutput);
  if (staged.length === 0) return EXIT_OK;
  const project = projectInputs(
    location.prefix,
    configs.get(`./${CONFIG_FILE}`),
    configs.get('./package.json'),
  );
  let relevant = !project.understood || staged.some((path) => isInput(path, project.inputs));
  if (!relevant) {
    // The coverage report project.json names can live anywhere: read the staged project.json.
    const projectText = (
      await readIndexFiles([project.projectFile], { cwd: location.top, env: context.env })
    ).get(project.projectFile);
    const reports = reportInputs(project.projectFile, projectText);
    relevant = reports === undefined || staged.some((path) => isInput(path, reports));
  }
  if (!relevant) return EXIT_OK;
  const { regenerateStaged } = await import('./regenerate.js');
  return regenerateStaged(context, location, project);
}
