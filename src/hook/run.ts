/**
 * `trackgen hook run`, what the installed pre-commit hook calls. Most commits touch none of
 * trackgen's inputs: that is decided from the staged file names and the staged config with two
 * git processes and JSON.parse, and the pipeline is not even loaded.
 */
import { CONFIG_FILE } from '../config/settings.js';
import { locateRepoWithHead, readIndexFiles, type RepoFacts } from '../git/repository.js';
import { gitOutput, splitNul, type GitOptions } from '../git/run.js';
import { isInput, projectInputs, reportInputs } from './inputs.js';
import { done, type HookOutcome } from './outcome.js';
import { hookProject, projectPrefix } from './project.js';

export async function runHook(here: GitOptions): Promise<HookOutcome> {
  // Run by hand from a subfolder, the hook works on the project whose config is above.
  const found = hookProject(here.cwd);
  // "./" or "../": relative to the working directory, as git reads an index path.
  const configPath = `${found.fromCwd}/${CONFIG_FILE}`;
  const packagePath = `${found.fromCwd}/package.json`;
  const settled = await Promise.allSettled([
    // HEAD and shallowness too, for the history the regenerated docs show: one process, not three.
    locateRepoWithHead(here),
    // Paths relative to the top whatever the working directory (and diff.relative) say.
    gitOutput(['diff', '--cached', '--name-only', '-z', '--no-renames', '--no-relative'], here),
    readIndexFiles([configPath, packagePath], here),
  ]);
  // Outside a repository every git call fails: say that, whichever failed first.
  const [cwdLocation, stagedOutput, configs] = settled.map((result) => {
    if (result.status === 'rejected')
      throw settled[0].status === 'rejected' ? settled[0].reason : result.reason;
    return result.value;
  }) as [RepoFacts, string, Map<string, string | undefined>];
  const staged = splitNul(stagedOutput);
  if (staged.length === 0) return done([]);
  if (!found.found)
    return done([
      `trackgen hook: no trackgen project here or above ${here.cwd} (no ${CONFIG_FILE}, no "trackgen" key in package.json, no data/project.json): nothing regenerated`,
    ]);
  const location = { top: cwdLocation.top, prefix: projectPrefix(cwdLocation.prefix, found) };
  const project = projectInputs(location.prefix, configs.get(configPath), configs.get(packagePath));
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
  return regenerateStaged(here.env, location, project, {
    head: cwdLocation.head,
    shallow: cwdLocation.shallow,
    staged: { top: cwdLocation.top, paths: staged },
  });
}
