/**
 * `trackgen check --staged`: judges the index rather than the working tree — would the commit the
 * index is about to become hold current documents? The staged inputs and documents are copied to
 * a temporary folder (as the pre-commit hook does), rendered there for the commit being made, and
 * each staged document is compared with its rendering. Nothing is written or staged.
 */
import { join, relative } from 'node:path';
import { loadSettings } from '../config/load.js';
import { CONFIG_FILE, type Flags } from '../config/settings.js';
import { diagnosticLines } from '../diagnostic-lines.js';
import { hasErrors } from '../diagnostics.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../exit-codes.js';
import { locateRepoWithHead, readIndexFiles } from '../git/repository.js';
import type { GitOptions } from '../git/run.js';
import { currentAsCommitted } from '../pipeline/as-committed.js';
import { conflictCount, conflictLines, staleDiffs } from '../pipeline/describe.js';
import { planDocuments } from '../pipeline/plan.js';
import { toSlashes } from '../text/paths.js';
import { plural } from '../text/plural.js';
import { projectInputs } from './inputs.js';
import type { HookOutcome } from './outcome.js';
import { hookProject, projectPrefix } from './project.js';
import { inTemporaryCopy, materialise, materialiseReports } from './materialise.js';

export async function checkStaged(here: GitOptions, flags: Flags): Promise<HookOutcome> {
  const found = hookProject(here.cwd);
  const configPath = `${found.fromCwd}/${CONFIG_FILE}`;
  const packagePath = `${found.fromCwd}/package.json`;
  const [cwdLocation, configs] = await Promise.all([
    // HEAD and shallowness too, for the history the renderings show: one git process, not three.
    locateRepoWithHead(here),
    readIndexFiles([configPath, packagePath], here),
  ]);
  const { top } = cwdLocation;
  const prefix = projectPrefix(cwdLocation.prefix, found);
  const project = projectInputs(prefix, configs.get(configPath), configs.get(packagePath));
  const atTop = { cwd: top, env: here.env };
  const known = { head: cwdLocation.head, shallow: cwdLocation.shallow };
  return inTemporaryCopy('trackgen-staged-', top, async (temp, rewrite) => {
    const copied = await materialise(temp, [...project.inputs, project.outDir], atTop);
    const projectDir = join(temp, prefix);
    // Flags name paths relative to where the command runs: the same place in the copy.
    const cwdInCopy = join(temp, toSlashes(relative(top, here.cwd)));
    const loaded = loadSettings(cwdInCopy, flags, projectDir);
    if (loaded.settings === undefined)
      return problems(diagnosticLines(loaded.diagnostics).map(rewrite), []);
    const settings = loaded.settings;
    await materialiseReports(temp, settings, copied, atTop);
    const planOptions = { cwd: temp, repository: join(top, prefix) };
    const plan = await planDocuments(settings, {
      ...planOptions,
      beingMade: { kind: 'staged', marked: true, env: here.env, known },
    });
    const diagnostics = diagnosticLines(plan.diagnostics).map(rewrite);
    if (!plan.valid) return problems(diagnostics, []);
    const changed = plan.files.filter((file) => file.merge.changed);
    const current = await currentAsCommitted(settings, changed, {
      plan: planOptions,
      gitCwd: top,
      env: here.env,
      first: [{ kind: 'staged', marked: false, env: here.env, known }],
    });
    const stale = changed.filter((file) => !current.has(file.path));
    const stdout = [...(await staleDiffs(plan, stale)), ...conflictLines(plan)].map(rewrite);
    const conflicts = conflictCount(plan);
    if (stale.length === 0 && conflicts === 0 && !hasErrors(plan.diagnostics))
      return {
        code: EXIT_OK,
        stdout: [...stdout, `${plural(plan.files.length, 'staged document')} up to date`],
        stderr: diagnostics,
      };
    return problems(diagnostics, [
      ...stdout,
      `${plural(stale.length, 'staged document')} out of date${conflicts > 0 ? `, ${plural(conflicts, 'conflict')}` : ''}: run trackgen generate, then git add ${toSlashes(relative(here.cwd, join(top, project.outDir))) || '.'}`,
    ]);
  });
}

function problems(stderr: readonly string[], stdout: readonly string[]): HookOutcome {
  return { code: EXIT_PROBLEMS, stdout, stderr };
}
